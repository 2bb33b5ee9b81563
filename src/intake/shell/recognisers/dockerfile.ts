// What a container of an image built from the project's own Dockerfile runs when it is given no
// command: the ENTRYPOINT and CMD of the stage that is built (set there, inherited from an earlier
// stage it is built FROM, or left to the base image), and where it runs (its WORKDIR, and the
// workspace folder a COPY put there). Docker's rules followed: ENTRYPOINT and CMD are inherited
// from the stage or image below; setting ENTRYPOINT in a stage clears an inherited CMD; the
// shell form runs under `/bin/sh -c`. Whatever this reader does not model (a parser directive
// other than the default escape, SHELL, ONBUILD, an instruction it cannot split) is a reason,
// never a guess: the caller keeps the container unknown.
import { posix } from 'node:path';
import { LOCAL_COMMANDS, SECRET_VARIABLE, SHELL_INTERPRETERS } from '../../../knowledge/shell-commands.js';
import { TARGET_VARIABLES } from '../../../knowledge/unmodelled-programs.js';
import { knownProgram } from '../program-words.js';
import { CODE_LOADERS } from '../../code/loaders.js';
import { RUNNER_LOADERS } from '../runners/loaders.js';

export interface StageCommand {
  /** ENTRYPOINT as argv (the shell form as `/bin/sh -c TEXT`); undefined when left to the base. */
  entrypoint?: string[];
  /** CMD as argv; undefined when left to the base. */
  cmd?: string[];
  /** The image the chain of stages starts from (`node:20`), when neither is set anywhere. */
  base: string;
  /** Absolute WORKDIR, when one is set and has no variable. */
  workdir?: string;
  /** The build-context folder whose contents a COPY put in WORKDIR, when that is the only
   *  thing there and nothing (RUN, COPY --from) may have changed it afterwards. */
  workdirFrom?: string;
  /** `Dockerfile:12` of the instruction that set the command, for evidence. */
  where?: string;
  /** Whether a COPY or ADD puts files in the image: without one, its programs are the base's and what RUN installed. */
  copiesFiles: boolean;
  /** A stage `FROM scratch` made only of COPY/ADD to named places: those places (relative), which is all
   *  `docker build -o DIR` writes into DIR. Undefined when what it holds is not known by name. */
  exported?: string[];
}

interface Stage {
  name?: string;
  base: string;
  entrypoint?: string[];
  cmd?: string[];
  cmdHere: boolean;
  workdir?: string;
  workdirKnown: boolean;
  where?: string;
  /** COPY / ADD instructions (dest absolute, undefined when it has a variable; `plain`: from the
   *  build context, not another stage, a URL or an archive) and RUNs, in order. */
  steps: ({ kind: 'copy'; dest?: string; sources: string[]; plain: boolean } | { kind: 'run' })[];
}

export type Reading = { ok: true; value: StageCommand } | { ok: false; why: string };

const MAX_INSTRUCTIONS = 2000;

/** The default command of `target` (or the last stage) of the Dockerfile `text`, shown as `file`. */
export function stageCommand(text: string, file: string, target?: string): Reading {
  const lines = instructions(text, file);
  if (!lines.ok) return lines;
  const stages: Stage[] = [];
  let current: Stage | undefined;
  for (const { keyword, rest, line } of lines.value) {
    const at = `${file}:${line}`;
    if (keyword === 'FROM') {
      const words = rest.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = words[0];
      if (!image) return { ok: false, why: `${at}: FROM without an image` };
      const name = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
      const parent = stages.find((s) => s.name === image.toLowerCase());
      current = parent
        ? { ...parent, name, cmdHere: false, steps: [...parent.steps] }
        : { name, base: image, cmdHere: false, workdirKnown: true, steps: [] };
      stages.push(current);
      continue;
    }
    if (!current) {
      if (keyword === 'ARG') continue;
      return { ok: false, why: `${at}: ${keyword} before any FROM` };
    }
    switch (keyword) {
      case 'ENTRYPOINT': {
        current.entrypoint = commandForm(rest);
        if (!current.cmdHere) current.cmd = undefined;
        current.where = at;
        break;
      }
      case 'CMD':
        current.cmd = commandForm(rest);
        current.cmdHere = true;
        current.where = at;
        break;
      case 'WORKDIR': {
        const dir = unquote(rest.trim());
        if (!current.workdirKnown || dir.includes('$')) { current.workdirKnown = false; current.workdir = undefined; break; }
        current.workdir = posix.resolve(current.workdir ?? '/', dir);
        break;
      }
      case 'COPY': case 'ADD': {
        const copy = copyOperands(rest);
        const plain = !!copy && !copy.from && !(keyword === 'ADD' && copy.sources.some((s) => /^[a-z]+:\/\//i.test(s) || /\.(tar|tgz|gz|bz2|xz)$/.test(s)));
        const dest = !copy || copy.dest.includes('$') || !current.workdirKnown && !copy.dest.startsWith('/') ? undefined : posix.resolve(current.workdir ?? '/', copy.dest);
        current.steps.push({ kind: 'copy', ...(dest !== undefined ? { dest } : {}), sources: copy?.sources ?? [], plain });
        break;
      }
      case 'RUN':
        current.steps.push({ kind: 'run' });
        break;
      case 'SHELL': case 'ONBUILD':
        return { ok: false, why: `${at}: ${keyword} changes how the image runs commands, which Firebreak does not model` };
      default:
        break; // ENV, ARG, LABEL, EXPOSE, USER, VOLUME, HEALTHCHECK, STOPSIGNAL, MAINTAINER: not the command
    }
  }
  if (!stages.length) return { ok: false, why: `${file} has no FROM` };
  const stage = target === undefined ? stages[stages.length - 1] : stages.find((s) => s.name === target.toLowerCase());
  if (!stage) return { ok: false, why: `${file} has no stage ${target}` };
  return { ok: true, value: {
    ...(stage.entrypoint ? { entrypoint: stage.entrypoint } : {}),
    ...(stage.cmd ? { cmd: stage.cmd } : {}),
    base: stage.base,
    ...(stage.workdirKnown && stage.workdir ? { workdir: stage.workdir } : {}),
    ...(stage.where ? { where: stage.where } : {}),
    ...(stage.workdirKnown && stage.workdir ? workdirFolder(stage.steps, stage.workdir) : {}),
    copiesFiles: stage.steps.some((s) => s.kind === 'copy'),
    ...exportedNames(stage),
  } };
}

function exportedNames(stage: Stage): { exported?: string[] } {
  if (stage.base.toLowerCase() !== 'scratch' || !stage.steps.length) return {};
  const names: string[] = [];
  for (const step of stage.steps) {
    if (step.kind !== 'copy' || step.dest === undefined || step.dest === '/') return {};
    names.push(step.dest.replace(/^\/+/, ''));
  }
  return { exported: names };
}

/** The build-context folder WORKDIR holds: copied there whole, and nothing copied into it from
 *  elsewhere or run after (what a RUN changes there is not read, so the mapping no longer holds). */
function workdirFolder(steps: Stage['steps'], workdir: string): { workdirFrom?: string } {
  const sources: string[] = [];
  let copied = false;
  for (const step of steps) {
    if (step.kind === 'run') { if (copied) return {}; continue; }
    const inside = step.dest === undefined || step.dest === workdir || step.dest.startsWith(`${workdir}/`) || workdir.startsWith(`${step.dest}/`) || step.dest === '/';
    if (!inside) continue;
    if (!step.plain || step.dest !== workdir) return {};
    sources.push(...step.sources);
    copied = true;
  }
  return onlyFolder(sources);
}

/** One folder of the build context is what is in WORKDIR: `COPY src/app .`, with files from that folder alongside. */
function onlyFolder(sources: readonly string[]): { workdirFrom?: string } {
  if (!sources.length) return {};
  const clean = sources.map((s) => posix.normalize(s.replace(/\/+$/, '') || '.'));
  if (clean.some((s) => s.startsWith('..') || s.startsWith('/') || s.includes('$'))) return {};
  const folders = clean.filter((s) => !/[*?[]/.test(s) && !/\.[A-Za-z0-9]+$/.test(posix.basename(s)));
  if (folders.length !== 1) return {};
  const folder = folders[0];
  return clean.every((s) => s === folder || posix.dirname(s) === folder) ? { workdirFrom: folder } : {};
}

/** `["a","b"]` is argv; anything else is run by `/bin/sh -c`. */
function commandForm(rest: string): string[] {
  const t = rest.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    } catch {
      // Not valid JSON: Docker runs it in the shell form, as written.
    }
  }
  return ['/bin/sh', '-c', t];
}

function copyOperands(rest: string): { sources: string[]; dest: string; from?: string } | undefined {
  let words: string[];
  let from: string | undefined;
  const t = rest.trim();
  const flags: string[] = [];
  let body = t;
  while (body.startsWith('--')) {
    const m = /^(--\S+)\s*/.exec(body);
    if (!m) break;
    flags.push(m[1]);
    body = body.slice(m[0].length);
  }
  for (const f of flags) if (f.startsWith('--from=')) from = f.slice(7);
  if (flags.some((f) => f.startsWith('--parents') || f.startsWith('--exclude'))) return undefined;
  if (body.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(body);
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) return undefined;
      words = v as string[];
    } catch {
      return undefined;
    }
  } else {
    if (/<<|["']/.test(body)) return undefined; // heredocs and quoting: not split here
    words = body.split(/\s+/).filter(Boolean);
  }
  if (words.length < 2) return undefined;
  return { sources: words.slice(0, -1), dest: words[words.length - 1], ...(from ? { from } : {}) };
}

function unquote(s: string): string {
  return s.replace(/^(["'])(.*)\1$/, '$2');
}

/** Logical instructions: continuation lines joined, comments and blank lines dropped. */
function instructions(text: string, file: string): { ok: true; value: { keyword: string; rest: string; line: number }[] } | { ok: false; why: string } {
  const raw = text.split(/\r?\n/);
  for (const l of raw) {
    if (!/^\s*#/.test(l)) break;
    const directive = /^\s*#\s*(escape|syntax|check)\s*=\s*(\S+)/i.exec(l);
    if (directive && directive[1].toLowerCase() === 'escape' && directive[2] !== '\\') return { ok: false, why: `${file}: the escape directive changes how the Dockerfile is split` };
  }
  const out: { keyword: string; rest: string; line: number }[] = [];
  let buffer = '';
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (!buffer && /^\s*(#|$)/.test(line)) continue;
    if (buffer && /^\s*#/.test(line)) continue; // comments inside a continued instruction are dropped
    if (!buffer) start = i + 1;
    if (/\\\s*$/.test(line)) { buffer += `${line.replace(/\\\s*$/, '')} `; continue; }
    buffer += line;
    const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(buffer);
    buffer = '';
    if (!m) return { ok: false, why: `${file}:${start}: a line that is not an instruction` };
    if (/<<[-]?["']?[A-Za-z_]/.test(m[2]) && /^(RUN|COPY|ADD)$/i.test(m[1])) {
      // A heredoc body follows: skip to its terminator (its lines are not instructions).
      const tag = /<<-?["']?([A-Za-z_][A-Za-z0-9_]*)/.exec(m[2])?.[1] ?? '';
      while (i + 1 < raw.length && raw[i + 1].trim() !== tag) i++;
      i++;
    }
    out.push({ keyword: m[1].toUpperCase(), rest: m[2], line: start });
    if (out.length > MAX_INSTRUCTIONS) return { ok: false, why: `${file} has more than ${MAX_INSTRUCTIONS} instructions` };
  }
  if (buffer) out.push({ keyword: (/^\s*([A-Za-z]+)/.exec(buffer)?.[1] ?? '').toUpperCase(), rest: buffer.replace(/^\s*[A-Za-z]+\s*/, ''), line: start });
  return { ok: true, value: out };
}

/** A compose service's `build:` (a context folder, or `{context, dockerfile, dockerfile_inline, target}`),
 *  with `${VAR}` / `${VAR:-default}` put in from `env`; the Dockerfile read from the workspace. */
export function composeBuildCommand(
  build: unknown, dir: string, env: Readonly<Record<string, string | undefined>>,
  read: (path: string) => { ok: true; value: { text: string; shown: string } } | { ok: false; why: string },
): Reading & { context?: string } {
  const spec = typeof build === 'string' ? { context: build } : build && typeof build === 'object' ? build as Record<string, unknown> : undefined;
  if (!spec) return { ok: false, why: 'its build: is not a context or a mapping' };
  const value = (key: string, fallback?: string): { ok: true; value?: string } | { ok: false; why: string } => {
    const v = spec[key];
    if (v === undefined) return { ok: true, ...(fallback !== undefined ? { value: fallback } : {}) };
    if (typeof v !== 'string') return { ok: false, why: `its build.${key} is not a string` };
    return interpolate(v, env);
  };
  const context = value('context', '.');
  if (!context.ok) return context;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context.value ?? '') || /^git@/.test(context.value ?? '')) return { ok: false, why: `it is built from ${context.value}, not from the workspace` };
  const contextDir = posix.resolve(dir, context.value ?? '.');
  const target = value('target');
  if (!target.ok) return target;
  if (typeof spec.dockerfile_inline === 'string') {
    return { ...stageCommand(spec.dockerfile_inline, 'build.dockerfile_inline', target.value), context: contextDir };
  }
  const dockerfile = value('dockerfile', 'Dockerfile');
  if (!dockerfile.ok) return dockerfile;
  const file = read(posix.resolve(contextDir, dockerfile.value ?? 'Dockerfile'));
  if (!file.ok) return { ok: false, why: file.why };
  return { ...stageCommand(file.value.text, file.value.shown, target.value), context: contextDir };
}

/** Compose's interpolation: `$$` is a `$`, `${X}`, `$X`, `${X:-d}`, `${X-d}`; anything else, or a variable not set, is a reason. */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): { ok: true; value: string } | { ok: false; why: string } {
  let missing: string | undefined;
  const out = text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}$]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\{[^}]*\}/g, (all, braced: string | undefined, op: string | undefined, fallback: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    const name = braced ?? bare;
    if (!name) { missing = all; return ''; }
    const v = env[name];
    if (op === ':-' && !v) return fallback ?? '';
    if (op === '-' && v === undefined) return fallback ?? '';
    if (v === undefined) { missing = all; return ''; }
    return v;
  });
  return missing ? { ok: false, why: `${text} depends on ${missing}, which is not set in the compose environment` } : { ok: true, value: out };
}

/** Variables of a `.env` file as compose reads them. */
export function envFileValues(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    const v = m[2];
    env[m[1]] = /^"(.*)"$/.test(v) ? v.slice(1, -1) : /^'(.*)'$/.test(v) ? v.slice(1, -1) : v.replace(/\s+#.*$/, '');
  }
  return env;
}

/**
 * Why a command inside an image cannot be judged without knowing the image's files; undefined
 * when it names none: a program Firebreak models as acting on its working folder (`cypress run`,
 * `pytest -q`), not a file of the image, a shell, an interpreter or a runner that reads files
 * (`./bin/server`, `sh -c ...`, `node server.js`, `npm start`), with no argument naming a file.
 */
export function unmappedCommandConcern(command: readonly string[], installedOnly = false): string | undefined {
  const program = command[0] ?? '';
  if (program.includes('/')) return `it runs ${program}, a file inside the image`;
  if (SHELL_INTERPRETERS.has(program)) return `it runs a ${program} script inside the image`;
  if (Object.hasOwn(RUNNER_LOADERS, program) || Object.hasOwn(CODE_LOADERS, program)) return `it runs ${program}, which reads files inside the image`;
  // An image nothing was copied into (`installedOnly`): a program named is the base's or one RUN installed,
  // judged by its arguments as any program nobody modelled; an absolute path is placed through the mounts.
  if (!installedOnly && !LOCAL_COMMANDS.has(program) && !knownProgram(program)) return `it runs ${program}, a program Firebreak does not model, inside the image`;
  for (const arg of command.slice(1)) {
    const value = arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1 || arg.length) : arg;
    if (installedOnly && value.startsWith('/') && !/[$`]/.test(value)) continue;
    if (value && (value.includes('/') || value === '.' || value === '..' || /\.[A-Za-z0-9]+$/.test(value) || value.includes('$'))) return `${program} is given ${arg}, which names something inside the image`;
  }
  return undefined;
}

/** A container environment variable that points what runs at a real account, cluster or database, or hands it a credential. */
export function containerEnvConcern(names: readonly string[]): string | undefined {
  const hit = names.find((n) => TARGET_VARIABLES.has(n) || (SECRET_VARIABLE.test(n) && !/^(GITHUB_ENV|GITHUB_OUTPUT)$/.test(n)));
  return hit && `the container is given ${hit}, which points it at a real account, cluster or database, or is a credential`;
}
