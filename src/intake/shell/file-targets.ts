// The files one simple command changes (or reads), from the facts in knowledge/guard-files.ts:
// operands of file-writing commands, output options, redirections, git's working-tree writes,
// `find -delete`, and, for programs Firebreak cannot read, every argument and string literal of
// inline code that may be a path (matched against the guard only).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FILE_WRITERS, NAME_ONLY_COMMANDS, READ_ONLY_COMMANDS, type FileAccess, type FileWriterSpec } from '../../knowledge/guard-files.js';
import { PERL_CODE_CLUSTER } from '../../knowledge/code/perl-switches.js';
import { LOCAL_INTERPRETERS } from '../../knowledge/shell-commands.js';
import { toolName, type RecognisedCommand } from './command.js';
import { innerCommandAt, isContainerEngine } from './container-engine.js';
import type { SimpleCommand, Word } from './syntax.js';
import { findStart } from './find-matches.js';
import { buildOutputs } from './extractors.js';

export interface FileTarget {
  written: string;
  glob: boolean;
  access: FileAccess;
  /** Where the path came from in the command. */
  role: 'operand' | 'destination' | 'source' | 'redirect' | 'option' | 'argument' | 'code' | 'find-root';
  /** A folder operand is changed with everything in it (-R, cp -r). */
  recursive?: boolean;
  /** `>>`, `tee -a`: appends, keeps what is there. */
  append?: boolean;
  /** sed -i.bak, perl -i.orig: a backup copy is kept. */
  backup?: boolean;
  /** For destinations: the source words (cp SRC DEST). */
  sources?: string[];
  /** Found by scanning arguments or code of a program Firebreak does not model: guard only. */
  generic?: boolean;
  /** find: the name/path filters that limit which files below the root are hit. */
  filters?: { name?: string[]; path?: string[]; type?: string; maxDepth?: number; negated?: boolean };
  /** -f / --force (ln -sf replaces an existing file). */
  force?: boolean;
}

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const NOT_FILES = /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|urandom|random)$/;
/** Interpreters and shells whose inline code or piped script may name files. */
const CODE_RUNNERS = new Set([...LOCAL_INTERPRETERS, 'python3.11', 'python3.12', 'python3.13', 'bun', 'deno', 'tsx', 'ts-node', 'osascript', 'pwsh', 'powershell']);
const INLINE_CODE_OPTIONS = new Set(['-c', '-e', '-E', '-p', '--eval', '--print', '-r', '--command', '-Command']);

export function redirectTargets(cmd: SimpleCommand): FileTarget[] {
  const out: FileTarget[] = [];
  for (const r of cmd.redirects) {
    if (!r.target || r.heredoc || r.op === '<<<') continue;
    const value = r.target.value;
    if (NOT_FILES.test(value) || /^&?\d+$|^&-$/.test(value) || r.op.endsWith('&')) continue;
    if (WRITE_REDIRECTS.has(r.op)) out.push({ written: value, glob: r.target.glob, access: 'write', role: 'redirect', ...(r.op.startsWith('>>') || r.op === '&>>' ? { append: true } : {}) });
    else if (r.op === '<') out.push({ written: value, glob: r.target.glob, access: 'read', role: 'redirect' });
  }
  return out;
}

/** Every file the command names with what it does to it (redirections included). */
export function commandTargets(cmd: SimpleCommand, rc: RecognisedCommand): FileTarget[] {
  const targets = redirectTargets(cmd);
  if (!rc.words.length) return targets;
  const tool = toolName(rc.argv[0]);
  const args = rc.words.slice(1);
  if (NAME_ONLY_COMMANDS.has(tool)) return targets;
  if (READ_ONLY_COMMANDS.has(tool)) return [...targets, ...args.filter((w) => !w.value.startsWith('-')).map((w): FileTarget => ({ written: w.value, glob: w.glob, access: 'read', role: 'operand' }))];
  if (tool === 'git') return [...targets, ...gitOutputTargets(args)]; // guard-files.ts handles the work tree
  if (tool === 'firebreak') return targets; // guard-files.ts handles it
  if (tool === 'find') return [...targets, ...findTargets(args)];
  if (tool === 'dd') return [...targets, ...ddTargets(args)];
  if (tool === 'patch') return [...targets, ...patchTargets(cmd, rc)];
  // `install -d -m 000 .claude`: install sets the mode (or owner) of every folder named, existing ones too.
  const directories = tool === 'install' && args.some((w) => /^-[a-zA-Z]*d[a-zA-Z]*$|^--directory$/.test(w.value)) && args.some((w) => /^-[a-zA-Z]*[mog]|^--(mode|owner|group)(=|$)/.test(w.value));
  const spec = directories ? { ...FILE_WRITERS.install!, changes: 'all' as const, access: 'permissions' as const, targetDirectory: [] } : FILE_WRITERS[tool];
  const archive = archiveWritten(tool, args);
  if (spec) return [...targets, ...archive, ...specTargets(tool, spec, args)];
  // The command a container runs is walked as its own (runners/containers.ts), with its paths mapped through the mounts.
  // `docker build -o DIR` / `--output type=tar,dest=FILE` writes the build's files there.
  if (isContainerEngine(tool)) return [...targets, ...buildOutputTargets(args), ...genericTargets(tool, rc, innerCommandAt(rc.argv))];
  return [...targets, ...archive, ...genericTargets(tool, rc)];
}

/** Outside the command's folder only: what a build exports below it is read as an archive nobody lists
 *  (unpacked-files.ts), by the names its Dockerfile gives where it gives them. */
function buildOutputTargets(args: Word[]): FileTarget[] {
  const values = args.map((w) => w.value);
  return buildOutputs(values).filter((o) => /^[/~$]|(^|\/)\.\.(\/|$)/.test(o.path)).map((o): FileTarget => ({ written: o.path, glob: false, access: o.tree ? 'write-tree' : 'write', role: 'option', ...(o.tree ? { recursive: true } : {}) }));
}

/** The archive a command creates or adds to, which it writes over: `tar -cf FILE` (`tar cf FILE`,
 *  `--create --file=FILE`; -r/-u/-A too), `zip FILE ...`, `7z a FILE ...`. */
function archiveWritten(tool: string, args: Word[]): FileTarget[] {
  const values = args.map((w) => w.value);
  const at = (i: number): FileTarget[] => (args[i] && args[i].value !== '-' ? [{ written: args[i].value, glob: args[i].glob, access: 'write', role: 'argument' }] : []);
  if (tool === 'tar' || tool === 'gtar' || tool === 'bsdtar') {
    const oldStyle = values[0] !== undefined && /^[A-Za-z]+$/.test(values[0]);
    const modes = [...(oldStyle ? [`-${values[0]}`] : []), ...values.filter((v) => v.startsWith('-'))];
    if (!modes.some((m) => /^-[a-zA-Z]*[cruA]/.test(m) && !m.startsWith('--') || /^--(create|append|update|concatenate|catenate)$/.test(m))) return [];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === '--') break;
      if (/^--file=/.test(v)) return [{ written: v.slice(7), glob: args[i].glob, access: 'write', role: 'argument' }];
      if (v === '--file') return at(i + 1);
      // A cluster (`-czf FILE`, old-style `czf FILE`): f takes the rest of the cluster or the next word;
      // in the old style every value letter before f takes its own word, in order.
      const cluster = i === 0 && oldStyle ? v : /^-[a-zA-Z]+$/.test(v) ? v.slice(1) : undefined;
      if (cluster === undefined || !cluster.includes('f')) continue;
      const f = cluster.indexOf('f');
      if (i === 0 && oldStyle) return at(1 + [...cluster.slice(0, f)].filter((c) => 'bCgHIKLNTVX'.includes(c)).length);
      if (f < cluster.length - 1) return [{ written: cluster.slice(f + 1), glob: false, access: 'write', role: 'argument' }];
      return at(i + 1);
    }
    return [];
  }
  if (tool === 'zip') {
    const first = values.findIndex((v, i) => !v.startsWith('-') && !/^-[bnt]$|^-tt$|^-[xi]$/.test(values[i - 1] ?? ''));
    return first >= 0 ? at(first) : [];
  }
  if (tool === '7z' || tool === '7za' || tool === '7zr') {
    if (!/^[aud]$/.test(values[0] ?? '')) return [];
    const file = values.findIndex((v, i) => i > 0 && !v.startsWith('-'));
    return file > 0 ? at(file) : [];
  }
  return [];
}

interface ParsedArgs {
  operands: Word[];
  options: { name: string; value?: string }[];
}

/** A small getopt that knows which options take values and which letters swallow the rest of a cluster. */
function parseArgs(args: Word[], withArgument: ReadonlySet<string>, attached: ReadonlySet<string> = new Set()): ParsedArgs {
  const operands: Word[] = [];
  const options: ParsedArgs['options'] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i].value;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      operands.push(args[i]);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.push({ name: a.slice(0, eq), value: a.slice(eq + 1) });
      else if (withArgument.has(a)) options.push({ name: a, value: args[++i]?.value ?? '' });
      else options.push({ name: a });
      continue;
    }
    if (withArgument.has(a)) {
      options.push({ name: a, value: args[++i]?.value ?? '' });
      continue;
    }
    // -abc: letters; one that takes a value takes the rest of the cluster or the next word.
    for (let j = 1; j < a.length; j++) {
      const opt = `-${a[j]}`;
      if (attached.has(a[j])) {
        options.push({ name: opt, value: a.slice(j + 1) });
        break;
      }
      if (withArgument.has(opt)) {
        const rest = a.slice(j + 1);
        options.push({ name: opt, value: rest || (args[++i]?.value ?? '') });
        break;
      }
      options.push({ name: opt });
    }
  }
  return { operands, options };
}

function specTargets(tool: string, spec: FileWriterSpec, args: Word[]): FileTarget[] {
  const raw = args.map((w) => w.value);
  const flags = raw.filter((a) => a.startsWith('-') && a !== '-');
  if (spec.readOnlyWith && flags.some((a) => spec.readOnlyWith!.test(a))) return [];
  // tar's first word may be a dash-less bundle (`tar xzf a.tgz`).
  const firstBundle = tool === 'tar' && raw[0] && /^[a-zA-Z]+$/.test(raw[0]) ? [`-${raw[0]}`] : [];
  const writes = !spec.writesOnlyWith || [...flags, ...firstBundle].some((a) => spec.writesOnlyWith!.test(a));
  const recursive = !!spec.recursive && flags.some((a) => spec.recursive!.test(a));
  const force = flags.some((a) => /^-[a-zA-Z]*f|^--force$/.test(a));
  const attached = tool === 'sed' || tool === 'perl' ? new Set(['i']) : new Set<string>();
  const withArgument = new Set([...(spec.withArgument ?? []), ...(spec.targetDirectory ?? []), ...(spec.outputOptions ?? []), ...(spec.outputDirectories ?? []), ...(spec.inputOptions ?? [])]);
  let { operands, options } = parseArgs(args, withArgument, attached);
  const out: FileTarget[] = [];
  const optionValues = (names: readonly string[] | undefined) => options.filter((o) => names?.includes(o.name) && o.value !== undefined).map((o) => o.value!);
  const optionWord = (value: string): Word => ({ raw: value, value, dynamic: value.includes('$'), glob: /[*?[]/.test(value), substitutions: [] });

  // Leading operands that are not files: chmod MODE, chown OWNER, sed/perl SCRIPT (unless given by -e/-f).
  let leading = spec.leading ?? 0;
  if (tool === 'sed' && options.some((o) => ['-e', '--expression', '-f', '--file'].includes(o.name))) leading = 0;
  if (tool === 'perl' && (options.some((o) => ['-e', '-E'].includes(o.name)) || raw.some((a) => PERL_CODE_CLUSTER.test(a)))) leading = 0;
  if ((tool === 'chmod' || tool === 'chown' || tool === 'chgrp') && options.some((o) => o.name === '--reference')) leading = 0;
  if (tool === 'chmod' && leading && !operands.length) return [];
  if (tool === 'chmod') {
    // A mode such as -x or -w is parsed as an option: it still is the mode.
    const modeLike = args.find((w) => /^-[rwxXst]+$/.test(w.value));
    if (modeLike && !operands.some((o) => /^[0-7]+$|^[ugoa]*[-+=]/.test(o.value))) leading = 0;
  }
  const files = operands.slice(leading);
  if (tool === 'perl' && leading === 0 && raw.some((a) => PERL_CODE_CLUSTER.test(a))) {
    // perl -pe SCRIPT files: the word after a cluster ending in e is the script.
    const at = args.findIndex((w) => PERL_CODE_CLUSTER.test(w.value));
    const script = args[at + 1];
    operands = operands.filter((o) => o !== script);
    files.splice(0, files.length, ...operands);
  }
  const backup = (tool === 'sed' || tool === 'perl') && options.some((o) => (o.name === '-i' || o.name === '--in-place') && !!o.value);

  for (const value of optionValues(spec.outputOptions)) out.push({ written: value, glob: false, access: 'write', role: 'option' });
  for (const value of optionValues(spec.inputOptions)) {
    // `-T FILE`, `-d @FILE`, `-F name=@FILE;type=x`, `-F name=<FILE`: the file is read and sent.
    const file = /^(?:[^=]*=)?[@<]([^;]+)/.exec(value)?.[1] ?? (/^-T$|^--upload-file$|^--post-file$|^--body-file$/.test(options.find((o) => o.value === value)?.name ?? '') ? value : undefined);
    if (file && file !== '-') out.push({ written: file, glob: false, access: 'read', role: 'option' });
  }
  for (const value of optionValues(spec.outputDirectories)) if (writes) out.push({ written: value, glob: false, access: 'write-tree', role: 'option' });
  const removes = !!spec.removesWith && flags.some((a) => spec.removesWith!.test(a));
  if (removes && spec.changes !== 'last') return [...out, ...files.map((w): FileTarget => ({ written: w.value, glob: w.glob, access: 'delete', role: 'operand', recursive: true }))];
  if (!writes) {
    // `tar -czf k.tgz -C ~ .config`: the members named are read from the -C folder, not the current one.
    const base = /^(g|bsd)?tar$/.test(tool) ? optionValues(['-C', '--directory'])[0] : undefined;
    const from = (v: string) => (base !== undefined && !v.startsWith('/') && !v.startsWith('~') && !v.startsWith('$') ? `${base.replace(/\/+$/, '')}/${v}` : v);
    return [...out, ...files.map((w): FileTarget => ({ written: from(w.value), glob: w.glob, access: 'read', role: 'operand' }))];
  }
  if (spec.access === 'read') return [...out, ...files.map((w): FileTarget => ({ written: w.value, glob: w.glob, access: 'read', role: 'operand' }))];

  const targetDir = optionValues(spec.targetDirectory)[0];
  if (spec.changes === 'last' || targetDir !== undefined) {
    const sources = targetDir !== undefined ? files : files.slice(0, -1);
    const dest = targetDir !== undefined ? optionWord(targetDir) : files[files.length - 1];
    if (!dest) return out;
    // ln: a link to a guarded file or folder is a way to write it under another name.
    const moved = spec.sourcesMoved || removes;
    for (const s of sources) out.push({ written: s.value, glob: s.glob, access: moved ? 'move' : tool === 'ln' ? 'link' : 'read', role: 'source', ...(moved && recursive ? { recursive } : {}) });
    if (tool === 'ln' && sources.length === 0) {
      // ln -s TARGET: the link is made in the current folder, named after the target.
      out.push({ written: dest.value.split('/').filter(Boolean).pop() ?? dest.value, glob: false, access: 'link', role: 'destination', force, sources: [dest.value] });
      return out;
    }
    out.push({
      written: dest.value,
      glob: dest.glob,
      access: recursive ? 'write-tree' : spec.access,
      role: 'destination',
      sources: sources.map((s) => s.value),
      ...(targetDir !== undefined ? { recursive: true } : {}),
      ...(force ? { force } : {}),
    });
    return out;
  }
  const chosen = typeof spec.changes === 'number' ? files.slice(spec.changes, spec.changes + 1) : files;
  for (const w of chosen) {
    out.push({
      written: w.value,
      glob: w.glob,
      access: spec.access,
      role: 'operand',
      ...(recursive ? { recursive } : {}),
      ...(backup ? { backup } : {}),
      ...(tool === 'tee' && raw.some((a) => /^-[a-zA-Z]*a|^--append$/.test(a)) ? { append: true } : {}),
    });
  }
  if (typeof spec.changes === 'number') for (const w of files.filter((_, i) => i !== spec.changes)) out.push({ written: w.value, glob: w.glob, access: 'read', role: 'operand' });
  return out;
}

/** patch < fix.diff, patch -i fix.diff, patch <<EOF: the files the diff names (a folder prefix stripped like -p1). */
/** Files git itself writes besides the work tree: `--output=FILE` (log, show, diff), `format-patch
 *  -o DIR`, `archive -o FILE`, `bundle create FILE`. */
function gitOutputTargets(args: Word[]): FileTarget[] {
  const out: FileTarget[] = [];
  const values = args.map((w) => w.value);
  let i = 0;
  while (i < values.length && values[i].startsWith('-')) i += /^-[Cc]$|^--(git-dir|work-tree|namespace)$/.test(values[i]) ? 2 : 1;
  const sub = values[i];
  const rest = args.slice(i + 1);
  const file = (w: Word | undefined, value: string, access: FileAccess = 'write') => { if (value) out.push({ written: value, glob: w?.glob ?? false, access, role: 'argument' }); };
  for (let j = 0; j < rest.length; j++) {
    const v = rest[j].value;
    if (v === '--') break;
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : v;
    const inline = eq > 0 ? v.slice(eq + 1) : undefined;
    const next = () => (inline !== undefined ? inline : (rest[++j]?.value ?? ''));
    if (name === '--output' || (sub === 'archive' && name === '-o')) file(rest[j], next());
    else if (sub === 'format-patch' && (name === '-o' || name === '--output-directory')) file(rest[j], next(), 'write-tree');
  }
  if (sub === 'bundle' && rest[0]?.value === 'create') file(rest[1], rest[1]?.value ?? '');
  return out;
}

function patchTargets(cmd: SimpleCommand, rc: RecognisedCommand): FileTarget[] {
  const texts: string[] = [];
  const args = rc.argv.slice(1);
  const input = args[args.indexOf('-i') + 1] ?? args.find((a) => a.startsWith('--input='))?.slice(8);
  const fromRedirect = cmd.redirects.find((r) => r.op === '<' && r.target)?.target?.value;
  for (const f of [args.includes('-i') ? input : undefined, fromRedirect].filter(Boolean) as string[]) {
    try {
      texts.push(readFileSync(resolve(rc.workspace ?? process.cwd(), rc.cwd ?? '.', f), 'utf8').slice(0, 2_000_000));
    } catch {
      /* not readable here */
    }
  }
  if (rc.stdin.kind === 'text') texts.push(rc.stdin.text);
  const strip = Number((args.find((a) => /^-p\d+$/.test(a)) ?? '-p1').slice(2));
  const out: FileTarget[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/^(?:\+\+\+|---) (\S+)/gm)) {
      if (m[1] === '/dev/null') continue;
      out.push({ written: m[1].split('/').slice(strip).join('/') || m[1], glob: false, access: 'write', role: 'operand' });
    }
  }
  const explicit = args.filter((a) => !a.startsWith('-') && a !== input)[0];
  if (explicit) out.push({ written: explicit, glob: false, access: 'write', role: 'operand' });
  return out;
}

function ddTargets(args: Word[]): FileTarget[] {
  const out: FileTarget[] = [];
  for (const w of args) {
    if (w.value.startsWith('of=')) out.push({ written: w.value.slice(3), glob: false, access: 'write', role: 'option' });
    if (w.value.startsWith('if=')) out.push({ written: w.value.slice(3), glob: false, access: 'read', role: 'option' });
  }
  return out;
}

const FIND_WITH_ARGUMENT = new Set(['-name', '-iname', '-path', '-ipath', '-regex', '-iregex', '-type', '-maxdepth', '-mindepth', '-mtime', '-mmin', '-atime',
  '-amin', '-ctime', '-cmin', '-newer', '-size', '-user', '-group', '-perm', '-wholename', '-iwholename', '-printf', '-fprintf', '-fprint',
  '-links', '-inum', '-samefile', '-fstype', '-used', '-uid', '-gid', '-lname', '-ilname', '-fls', '-fprint0', '-context']);
const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

/** find ROOTS ... -delete | -exec CMD {}: the matches under each root are changed. */
function findTargets(args: Word[]): FileTarget[] {
  const roots: Word[] = [];
  let i = findStart(args.map((w) => w.value)).index;
  while (i < args.length && !args[i].value.startsWith('-') && args[i].value !== '(' && args[i].value !== '!') roots.push(args[i++]);
  const filters: NonNullable<FileTarget['filters']> = {};
  let changes: FileAccess | undefined;
  let reads = false;
  const outputs: FileTarget[] = [];
  for (; i < args.length; i++) {
    const a = args[i].value;
    const v = args[i + 1]?.value;
    if (a === '!' || a === '-not' || a === '-o' || a === '-or' || a === '(' || a === '-prune') filters.negated = true;
    if ((a === '-name' || a === '-iname') && v !== undefined) (filters.name ??= []).push(a === '-iname' ? v.toLowerCase() : v);
    if ((a === '-path' || a === '-ipath' || a === '-wholename' || a === '-iwholename') && v !== undefined) (filters.path ??= []).push(v);
    if (a === '-type' && v !== undefined) filters.type = v;
    if (a === '-maxdepth' && v !== undefined) filters.maxDepth = Number(v);
    if (a === '-delete') changes = 'delete';
    if ((a === '-fprint' || a === '-fprint0' || a === '-fprintf' || a === '-fls') && v !== undefined) outputs.push({ written: v, glob: false, access: 'write', role: 'option' });
    if (FIND_EXEC.has(a)) {
      const inner = args[i + 1]?.value ?? '';
      const innerTool = inner.split('/').pop() ?? '';
      if (!READ_ONLY_COMMANDS.has(innerTool) && !NAME_ONLY_COMMANDS.has(innerTool)) changes ??= 'move';
      // `find ~/.config -exec cat {} ;` reads every file it finds, secrets included.
      else if (READ_ONLY_COMMANDS.has(innerTool)) reads = true;
      while (i < args.length && args[i].value !== ';' && args[i].value !== '+') i++;
      continue;
    }
    if (FIND_WITH_ARGUMENT.has(a)) i++;
  }
  if (!changes && reads) changes = 'read';
  if (!changes) return outputs;
  const list = roots.length ? roots : [{ raw: '.', value: '.', dynamic: false, glob: false, substitutions: [] } as Word];
  return [...outputs, ...list.map((w): FileTarget => ({ written: w.value, glob: w.glob, access: changes!, role: 'find-root', recursive: true, filters }))];
}

/** A program Firebreak does not model: any argument, and any string in inline code, may be a path it writes. */
function genericTargets(tool: string, rc: RecognisedCommand, end?: number): FileTarget[] {
  const out: FileTarget[] = [];
  const runsCode = CODE_RUNNERS.has(tool) || /^(python|ruby|perl|php|node)[0-9.]*$/.test(tool);
  // An interpreter's script operand is run, not written.
  const script = runsCode ? rc.words.slice(1).find((w) => !w.value.startsWith('-')) : undefined;
  for (const w of rc.words.slice(1, end)) {
    if (w === script) continue;
    const v = w.value;
    if (!v || v.length > 4096) continue;
    const eq = v.indexOf('=');
    const candidate = v.startsWith('-') ? (eq > 0 ? v.slice(eq + 1) : '') : v;
    // Only what looks like a path (a folder, an extension, home, a variable): not subcommands and words.
    if (candidate && !candidate.includes('\n') && /[/.~$]/.test(candidate)) out.push({ written: candidate, glob: w.glob, access: 'write', role: 'argument', generic: true });
  }
  if (runsCode) {
    const code: string[] = [];
    const args = rc.argv.slice(1);
    for (let i = 0; i < args.length; i++) if (INLINE_CODE_OPTIONS.has(args[i]) || /^-[a-zA-Z]*[ce]$/.test(args[i])) code.push(args[i + 1] ?? '');
    if (rc.stdin.kind === 'text') code.push(rc.stdin.text);
    for (const text of code) for (const literal of stringLiterals(text)) out.push({ written: literal, glob: false, access: 'write', role: 'code', generic: true });
  }
  return out;
}

/** Quoted strings in code that could be paths. */
export function stringLiterals(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.slice(0, 200_000).matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n]){1,512})\1/g)) {
    const s = m[2].replace(/\\(.)/g, '$1');
    if (/^[\w.~$@+%:,/{}-]+$/.test(s) && !/^\d+$/.test(s)) found.add(s);
  }
  return [...found];
}
