// What a path word names on this machine: variables the line assigned and a few well-known ones
// ($HOME, $PWD, $TMPDIR, `$(pwd)`, `$(mktemp)`, `$(git rev-parse --show-toplevel)`) expanded,
// `cd` earlier in the line followed, `..` and `//` normalised, globs expanded against the real
// filesystem, and symlinks resolved (both the written and the real path are kept). Matching the
// guard's files and deciding "inside the workspace" both work on these paths, never on raw words.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SCRATCH_ROOTS } from '../../knowledge/workspace-files.js';
import { parseShell } from './parser.js';
import { resolveInContainer, type ContainerView } from './container-paths.js';
import type { SimpleCommand } from './syntax.js';

/** How code readers spell a part of a value computed when the code runs (`${RUNTIME_VALUE}`, code/models/shared.ts):
 *  a variable nobody sets, so shell rules see "computed at run time". */
export const RUNTIME_VARIABLE = 'RUNTIME_VALUE';

export interface PathContext {
  /** Absolute folder the agent runs the line in. */
  workspace: string;
  /** Folder the line has `cd`-ed to, as written (relative to the workspace unless absolute). */
  cwd?: string;
  /** Variables the line assigned (prefixes, `export`, `NAME=value`). */
  vars: Readonly<Record<string, string | undefined>>;
  /** The hook process's own environment (HOME, TMPDIR): not what the line assigns. */
  env: Readonly<Record<string, string | undefined>>;
  /** The line runs inside a fresh container: paths are the container's, mapped through its mounts (container-paths.ts). */
  container?: ContainerView;
}

export interface Expansion {
  /** The text with every expansion substituted; undefined when a part stays unknown. */
  text?: string;
  /** The first part that stays unknown (`$X`, `$(cmd)`). */
  unknown?: string;
  /** Known text before the first unknown part. */
  prefix: string;
  /** Known text after the last unknown part. */
  suffix: string;
  /** The value came from `mktemp`: a fresh scratch path. */
  mktemp?: boolean;
  /** Why the unknown part is not known here (where its value comes from), in plain words. */
  why?: string;
}

export interface ResolvedPath {
  /** The word as written (quotes removed). */
  written: string;
  /** Absolute, normalised paths the word names: glob matches, and each path's real location
   *  when a symlink is on the way. Empty when part of the path is unknown. */
  paths: string[];
  /** Part of the path is unknown at this point: what is known around it. */
  unknown?: {
    part: string;
    /** Absolute folder every possible value lies in (the literal folder before the unknown part). */
    within?: string;
    /** Literal tail after the unknown part (`/settings.json`). */
    suffix: string;
    /** Where the unknown part's value comes from. */
    why?: string;
    /** The unknown part is inside a name that starts with literal text (`sigstore-$V.tgz`, `out/app-$V`):
     *  the path is an entry of `within`, never `within` itself. */
    entry?: string;
    /** The folder that entry is in (also set when `within` is not: `sigstore-$V.tgz` is in the current folder). */
    entryOf?: string;
  };
  /** A glob: the absolute pattern, and whether anything on disk matched it. */
  glob?: { pattern: string; matched: boolean };
  /** Made by `mktemp` in this line. */
  mktemp?: boolean;
}

const MAX_DEPTH = 6;
const MAX_GLOB_MATCHES = 2000;
const MAX_DIRS_READ = 5000;

/** The folder the line is in at this point, absolute; undefined when a `cd` went somewhere unknown. */
export function currentDir(ctx: PathContext): string | undefined {
  if (!ctx.cwd) return ctx.workspace;
  const e = expand(ctx.cwd, { ...ctx, cwd: undefined }, 0);
  if (e.text === undefined) return undefined;
  return resolve(ctx.workspace, e.text);
}

export function expandText(text: string, ctx: PathContext): Expansion {
  return expand(text, ctx, 0);
}

/** Where the part of a word that is not known here gets its value (`$BIN is not set by the command or the
 *  script: it comes from the environment it runs in`), for messages that stop on it; undefined when the
 *  word is known or nothing more can be said. */
export function unknownValueOrigin(text: string, ctx: Pick<PathContext, 'workspace' | 'cwd' | 'vars'> & { env?: PathContext['env'] }): string | undefined {
  try {
    return expand(text, { ...ctx, env: ctx.env ?? process.env }, 0).why;
  } catch {
    return undefined;
  }
}

function expand(text: string, ctx: PathContext, depth: number): Expansion {
  let out = '';
  let unknown: string | undefined;
  let prefix = '';
  let suffixStart = 0;
  let mktemp = false;
  let why: string | undefined;
  const home = ctx.vars.HOME ?? ctx.env.HOME ?? '';
  const fail = (part: string, name?: string) => {
    if (unknown === undefined) {
      unknown = part;
      prefix = out;
      why = whyNotKnown(part, name, ctx, depth);
    }
  };
  let i = 0;
  if (text === '~' || text.startsWith('~/')) {
    out = home;
    i = 1;
  } else if (text.startsWith('~')) {
    // ~user: another account's home, not known here.
    const end = text.indexOf('/');
    fail(end < 0 ? text : text.slice(0, end));
    i = end < 0 ? text.length : end;
  }
  for (; i < text.length; ) {
    const c = text[i];
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const inner = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      const r = substitution(inner, ctx, depth);
      if (r === undefined) fail(`\`${inner}\``);
      else {
        out += r.value;
        mktemp ||= r.mktemp;
      }
      i = end < 0 ? text.length : end + 1;
      suffixStart = out.length;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '(') {
      const end = matchingParen(text, i + 1);
      const inner = text.slice(i + 2, end);
      const r = text[i + 2] === '(' ? undefined : substitution(inner, ctx, depth);
      if (r === undefined) fail(text.slice(i, end + 1));
      else {
        out += r.value;
        mktemp ||= r.mktemp;
      }
      i = end + 1;
      suffixStart = out.length;
      continue;
    }
    let name: string | undefined;
    let fallback: string | undefined;
    // `${X:-d}`/`${X=d}` (default when unset; with `:` also when empty), `${X:?}` (the value, or the
    // shell stops), `${X:+alt}` (alt when set): bash's operators, applied to what is known of X.
    let op: string | undefined;
    let consumed: number;
    if (next === '{') {
      const end = closingBrace(text, i + 2);
      const body = end < 0 ? text.slice(i + 2) : text.slice(i + 2, end);
      consumed = (end < 0 ? text.length : end + 1) - i;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9])(?:\[0\])?(?:(:?[-=?+]|%%?|##?)(.*))?$/.exec(body);
      if (m) {
        name = m[1];
        op = m[2];
        fallback = m[3] === undefined ? undefined : unquoted(m[3]);
      } else name = undefined;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]/.exec(text.slice(i + 1));
      name = m?.[0];
      consumed = m ? m[0].length + 1 : /^[0-9@*#?$!-]/.test(next ?? '') ? 2 : 1;
      if (!m && consumed === 1) {
        out += '$';
        i++;
        continue;
      }
    }
    const value = name !== undefined ? variable(name, ctx, depth) : undefined;
    const colon = op?.startsWith(':') ?? false;
    const kind = op?.slice(-1);
    // `${X%/}`, `${X#./}`: a literal suffix or prefix removed from a known value (a pattern with glob
    // characters or expansions is not computed here).
    if (kind === '%' || kind === '#') {
      const pattern = fallback ?? '';
      if (!value || /[*?[\]$`\\]/.test(pattern)) fail(text.slice(i, i + consumed), name);
      else {
        const v = value.value;
        out += kind === '%' ? (pattern && v.endsWith(pattern) ? v.slice(0, -pattern.length) : v) : (pattern && v.startsWith(pattern) ? v.slice(pattern.length) : v);
        mktemp ||= value.mktemp;
      }
    // `${X:+alt}`: alt when X is set (and, with `:`, not empty); nothing otherwise. Not known: unknown.
    } else if (kind === '+') {
      // Unset only when the text unset it: a variable it never mentions may be set in the agent's shell.
      const set = value === null || (value === undefined && !(name !== undefined && Object.hasOwn(ctx.vars, name))) ? undefined
        : value === undefined ? false : !(colon && value.value === '');
      if (set === undefined) fail(text.slice(i, i + consumed), name);
      else if (set) {
        const f = expand(fallback ?? '', ctx, depth + 1);
        if (f.text === undefined) fail(text.slice(i, i + consumed), name);
        else out += f.text;
      }
    // Set by the text to a value not known here: not unset, so a `${X:-default}` default does not apply.
    // What is known of that value (`F=app-$V.tgz`: `app-` and `.tgz`) still frames the path.
    } else if (value === null) {
      const inner = name !== undefined && op === undefined && depth < MAX_DEPTH && Object.hasOwn(ctx.vars, name) && ctx.vars[name] !== undefined ? expand(ctx.vars[name]!, ctx, depth + 1) : undefined;
      out += inner?.prefix ?? '';
      fail(text.slice(i, i + consumed), name);
      if (inner && inner.text === undefined) {
        mktemp ||= !!inner.mktemp;
        out += inner.suffix;
        i += consumed;
        suffixStart = out.length - inner.suffix.length;
        continue;
      }
    }
    // `${X:?}`: the shell stops before the command when X is unset (or empty): only its value can reach it.
    else if (kind === '?' && value === undefined) fail(text.slice(i, i + consumed), name);
    else if (value !== undefined && !(colon && value.value === '' && fallback !== undefined && kind !== '?')) {
      out += value.value;
      mktemp ||= value.mktemp;
    } else if (fallback !== undefined && kind !== '?') {
      const f = expand(fallback, ctx, depth + 1);
      if (f.text === undefined) fail(text.slice(i, i + consumed), name);
      else out += f.text;
    } else fail(text.slice(i, i + consumed), name);
    i += consumed;
    suffixStart = out.length;
  }
  if (unknown !== undefined) return { unknown, prefix, suffix: out.slice(suffixStart), mktemp, ...(why ? { why } : {}) };
  return { text: out, prefix: out, suffix: '', mktemp };
}

/** Where an unknown part's value comes from, followed through the assignments the text made. */
function whyNotKnown(part: string, name: string | undefined, ctx: PathContext, depth: number): string {
  if (name === undefined) {
    // A word fields.ts could not expand: its reason is written in it.
    if (part.startsWith('$(firebreak:')) return part.slice('$(firebreak:'.length, -1).trim();
    if (part.startsWith('$(') || part.startsWith('`')) return `${part} is what a command prints when it runs`;
    if (part.startsWith('~')) return `${part} is another account's home folder`;
    return `${part} is a shell expansion Firebreak does not compute`;
  }
  if (/^[0-9]$/.test(name)) return `$${name} is an argument the command that runs this text does not show`;
  // The spelling code readers give a part of a value the code computes when it runs (code/models/shared.ts).
  if (name === RUNTIME_VARIABLE) return 'that part is computed by the code when it runs (from an argument, an environment variable, a file or another call), so it is not known here';
  if (!Object.hasOwn(ctx.vars, name)) return `$${name} is not set by the command or the script: it comes from the environment it runs in`;
  const assigned = ctx.vars[name];
  if (assigned === undefined) return `$${name} was unset earlier in the text: it is not taken to be empty here`;
  if (assigned.startsWith('$(firebreak:')) return `$${name} is set on only some paths through the script (a branch, a loop or a function), so its value here is not known`;
  if (depth > MAX_DEPTH) return `$${name} is defined through too many other variables to follow`;
  const inner = expand(assigned, ctx, depth + 1);
  if (assigned === '') return `$${name} is set to the empty text`;
  return `$${name} is set to ${assigned.length > 80 ? `${assigned.slice(0, 77)}...` : assigned}${inner.why ? `, and ${inner.why}` : ''}`;
}

/** A variable's value; undefined when unset (a default applies), null when set to something not known here. */
function variable(name: string, ctx: PathContext, depth: number): { value: string; mktemp: boolean } | null | undefined {
  if (depth > MAX_DEPTH) return null;
  if (Object.hasOwn(ctx.vars, name)) {
    const assigned = ctx.vars[name];
    if (assigned === undefined) return undefined;
    const e = expand(assigned, ctx, depth + 1);
    return e.text === undefined ? null : { value: e.text, mktemp: !!e.mktemp };
  }
  // A positional parameter the caller did not give: not known here (not assumed unset).
  if (/^[1-9]$/.test(name)) return null;
  if (name === 'HOME') return ctx.env.HOME ? { value: ctx.env.HOME, mktemp: false } : undefined;
  if (name === 'PWD') {
    const dir = currentDir(ctx);
    return dir ? { value: dir, mktemp: false } : undefined;
  }
  if (name === 'TMPDIR') return { value: ctx.env.TMPDIR || '/tmp', mktemp: false };
  // Set by the GitHub Actions runner the hook runs on (never assumed when the hook's own environment lacks them).
  if ((name === 'RUNNER_TEMP' || name === 'GITHUB_WORKSPACE') && ctx.env[name]) return { value: ctx.env[name]!, mktemp: false };
  return undefined;
}

/** Command substitutions whose output is known without running anything. The text is read by the
 *  shell parser, so quoting, nesting and redirections (`cd "$(dirname "$0")/.." &> /dev/null && pwd -P`)
 *  are read as bash reads them. */
function substitution(inner: string, ctx: PathContext, depth: number): { value: string; mktemp: boolean } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let commands: SimpleCommand[];
  try {
    commands = parseShell(inner).filter((c) => c.block?.of !== 'and-or');
  } catch {
    return undefined;
  }
  // `CDPATH='' cd -- DIR`: the empty CDPATH only makes cd take DIR as written.
  if (commands.some((c) => c.kind !== 'simple' || c.assignments.some((a) => a.name !== 'CDPATH' || a.value.value !== '') || c.pipedFrom)) return undefined;
  const words = (c: SimpleCommand) => c.words.map((w) => w.value);
  if (commands.length === 1) {
    const [name, ...args] = words(commands[0]);
    if (name === 'pwd' && args.every((a) => a === '-P' || a === '-L')) {
      const dir = currentDir(ctx);
      return dir ? { value: dir, mktemp: false } : undefined;
    }
    if (name === 'git' && args.includes('rev-parse') && args.includes('--show-toplevel') && args.length <= 4) {
      const dir = currentDir(ctx);
      const top = dir ? gitTop(dir) : undefined;
      return top ? { value: top, mktemp: false } : undefined;
    }
    // `$(dirname "$0")`, `$(realpath X)`, `$(readlink -f X)`: the folder of a known path, or the path made absolute.
    const operands = args.filter((a, i) => !(i === 0 && (a === '--' || (name === 'readlink' && /^-[fem]$/.test(a)) || (name === 'realpath' && /^-[esLPmq]$/.test(a)))));
    if ((name === 'dirname' || name === 'realpath' || (name === 'readlink' && /^-[fem]$/.test(args[0] ?? ''))) && operands.length === 1 && commands[0].words.length === args.length + 1) {
      const e = expand(operands[0], ctx, depth + 1);
      if (e.text === undefined) return undefined;
      const base = currentDir(ctx) ?? ctx.workspace;
      const value = name === 'dirname' ? dirname(e.text) : resolve(base, e.text);
      return climbedIntoScratch(value, e.text, ctx) ? undefined : { value, mktemp: !!e.mktemp };
    }
    if (name === 'basename' && (args.length === 1 || args.length === 2) && commands[0].words.length === args.length + 1 && !args.some((a) => a.startsWith('-'))) {
      const e = expand(args[0], ctx, depth + 1);
      if (e.text === undefined) return undefined;
      const base = basename(e.text);
      return { value: args[1] !== undefined && base.endsWith(args[1]) && base !== args[1] ? base.slice(0, -args[1].length) : base, mktemp: false };
    }
    if (name === 'mktemp') return mktempName(args, ctx, depth);
    return undefined;
  }
  // `$(mktemp -d 2>/dev/null || mktemp -d -t x)`: a fresh scratch folder either way.
  if (commands.length > 1 && commands.every((c) => c.words[0]?.value === 'mktemp') && inner.includes('||') && !/[;&|]\s*[^|\s]/.test(inner.replace(/\|\|/g, ''))) {
    return mktempName(commands[0].words.slice(1).map((w) => w.value), ctx, depth);
  }
  // `$(cd DIR && pwd)`, `$(cd -P DIR >/dev/null 2>&1; pwd -P)`: DIR made absolute.
  if (commands.length === 2) {
    const [cd, pwd] = commands.map(words);
    const dirArgs = cd.slice(1).filter((a) => a !== '-P' && a !== '-L' && a !== '--');
    if (cd[0] !== 'cd' || dirArgs.length !== 1 || pwd[0] !== 'pwd' || !pwd.slice(1).every((a) => a === '-P' || a === '-L')) return undefined;
    const e = expand(dirArgs[0], ctx, depth + 1);
    if (e.text === undefined) return undefined;
    const value = resolve(currentDir(ctx) ?? ctx.workspace, e.text);
    return climbedIntoScratch(value, e.text, ctx) ? undefined : { value, mktemp: !!e.mktemp };
  }
  return undefined;
}

/** `$(cd "$(dirname "$0")/../.." && pwd)` reaching a folder in scratch space by climbing out of the
 *  workspace with `..`: the project's neighbours (or a folder holding it), there only because the
 *  workspace happens to lie under /tmp. Not worked out, so a delete below it is not taken for scratch. */
function climbedIntoScratch(value: string, operand: string, ctx: PathContext): boolean {
  if (!/(^|\/)\.\.(\/|$)/.test(operand) || isWithin(value, ctx.workspace)) return false;
  return inScratchSpace(value, ctx.env);
}

/** In a scratch root, or the root itself (below which everything would be taken for scratch). */
export function inScratchSpace(path: string, env: Readonly<Record<string, string | undefined>>): boolean {
  const roots = [...SCRATCH_ROOTS, ...[env.TMPDIR, env.RUNNER_TEMP].filter((r): r is string => !!r).map((r) => resolve(r))];
  return roots.some((r) => isWithin(path, r));
}

/** Whether a command prints a fresh path of its own (`mktemp -d`, `mktemp -d 2>/dev/null || mktemp -d -t x`),
 *  read as the walk reads `$(...)`. For the make reader: `PROMU_TMP := $(shell mktemp -d)` can then stay the
 *  shell substitution `$(mktemp -d)`, which the walk knows as fresh scratch, instead of an unknown value. */
export function printsFreshPath(command: string, workspace: string = process.cwd()): boolean {
  return substitution(command, { workspace, vars: {}, env: process.env }, 0)?.mktemp === true;
}

/** mktemp [-d] [-p DIR | --tmpdir[=DIR]] [TEMPLATE]: a new name in DIR (default $TMPDIR or /tmp). */
function mktempName(args: string[], ctx: PathContext, depth: number): { value: string; mktemp: boolean } | undefined {
  let dir = ctx.env.TMPDIR || '/tmp';
  for (let k = 0; k < args.length; k++) {
    const w = args[k];
    if (w === '-p' || w === '--tmpdir') {
      const d = args[k + 1];
      if (d && !d.startsWith('-')) {
        const e = expand(d, ctx, depth + 1);
        if (e.text === undefined) return undefined;
        dir = resolve(currentDir(ctx) ?? ctx.workspace, e.text);
        k++;
      }
    } else if (w.startsWith('--tmpdir=')) {
      const e = expand(w.slice('--tmpdir='.length), ctx, depth + 1);
      if (e.text === undefined) return undefined;
      dir = resolve(currentDir(ctx) ?? ctx.workspace, e.text);
    }
  }
  return { value: join(dir, 'tmp.XXXXXXXXXX'), mktemp: true };
}

/** `${NAME:=default}` and `${NAME=default}` in a word: bash assigns NAME when it expands them (`: "${GIMME_TMP:=/tmp/gimme}"`).
 *  Each is returned with its whole text, to expand as written. */
export function defaultAssignments(text: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (let i = text.indexOf('${'); i >= 0; i = text.indexOf('${', i + 2)) {
    const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?=/.exec(text.slice(i));
    if (!m) continue;
    const end = closingBrace(text, i + 2);
    if (end < 0) break;
    out.push({ name: m[1], text: text.slice(i, end + 1) });
  }
  return out;
}

/** The `}` that closes a `${` whose body starts at `from`, past nested `${...}`, `$(...)` and quotes; -1 if none. */
export function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { i++; continue; }
    if (c === "'") { const end = text.indexOf("'", i + 1); if (end < 0) return -1; i = end; continue; }
    if (c === '$' && text[i + 1] === '(') { i = matchingParen(text, i + 1); continue; }
    if (c === '$' && text[i + 1] === '{') { depth++; i++; continue; }
    if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** A default's quotes removed as bash removes them (`${2:-"$(pwd)/out"}`), leaving those inside `$(...)`. */
function unquoted(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '(') { const end = matchingParen(text, i + 1); out += text.slice(i, end + 1); i = end; continue; }
    if (c === '"') continue;
    if (c === "'") { const end = text.indexOf("'", i + 1); if (end < 0) return text; out += text.slice(i + 1, end); i = end; continue; }
    if (c === '\\' && i + 1 < text.length) { out += text[++i]; continue; }
    out += c;
  }
  return out;
}

function gitTop(dir: string): string | undefined {
  let d = dir;
  for (;;) {
    if (existsSync(join(d, '.git'))) return d;
    const parent = dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

export function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}

/** Resolves one path word. `glob`: the word has an unquoted glob character. */
export function resolvePathWord(written: string, ctx: PathContext, glob = false): ResolvedPath {
  if (ctx.container) return resolveInContainer(written, ctx, glob, ctx.container, resolvePathWord);
  const base = currentDir(ctx);
  const e = expand(written, ctx, 0);
  // An absolute path does not depend on the folder a `cd` went to.
  if (base === undefined && !(e.text ?? e.prefix).startsWith('/')) return { written, paths: [], unknown: { part: 'the folder a `cd` earlier in the line went to', suffix: e.text ?? e.suffix } };
  if (base === undefined) return resolvePathWord(written, { ...ctx, cwd: '/' }, glob);
  if (e.text === undefined) {
    const folder = e.prefix.includes('/') ? e.prefix.slice(0, e.prefix.lastIndexOf('/') + 1) : '';
    // The literal start of the last name (`sigstore-` in `sigstore-$V.tgz`): not `.` or `..`, which name folders themselves.
    const name = e.prefix.slice(folder.length);
    const entry = name !== '' && !/^\.+$/.test(name) && !e.prefix.startsWith('~');
    const within = e.prefix === '' ? undefined : folder === '' ? (e.prefix.startsWith('/') ? '/' : undefined) : resolve(base, folder);
    const entryOf = entry ? within ?? (folder === '' ? base : undefined) : undefined;
    return { written, paths: [], unknown: { part: e.unknown!, ...(within ? { within } : {}), suffix: e.suffix, ...(entryOf ? { entry: name, entryOf } : {}), ...(e.why ? { why: e.why } : {}) }, ...(e.mktemp ? { mktemp: true } : {}) };
  }
  // /proc/self/cwd is wherever the command runs: the folder the line is in.
  const absolute = resolve(base, e.text.replace(/^\/proc\/(self|\$\$|\d+)\/cwd(?=\/|$)/, base));
  const withMktemp = e.mktemp ? { mktemp: true } : {};
  const candidates = braceExpand(absolute);
  if (glob && candidates.some(hasGlob)) {
    const matches = candidates.flatMap((c) => (hasGlob(c) ? expandGlob(c) : [c]));
    const paths = matches.length ? matches : candidates;
    return { written, paths: withRealPaths(paths), glob: { pattern: absolute, matched: matches.length > 0 }, ...withMktemp };
  }
  return { written, paths: withRealPaths(candidates), ...withMktemp };
}

function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/** `a/{b,c}/d` -> `a/b/d`, `a/c/d` (one level of nesting per pass, bounded). */
function braceExpand(p: string, depth = 0): string[] {
  const m = /\{([^{}]*,[^{}]*)\}/.exec(p);
  if (!m || depth > 4) return [p];
  const head = p.slice(0, m.index);
  const tail = p.slice(m.index + m[0].length);
  return m[1].split(',').slice(0, 32).flatMap((alt) => braceExpand(`${head}${alt}${tail}`, depth + 1));
}

/** Matches a glob against the filesystem, segment by segment, like bash without dotglob. */
export function expandGlob(pattern: string): string[] {
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let current = [segments[0] === '' ? '/' : segments[0]];
  let reads = 0;
  for (const segment of segments.slice(1)) {
    const next: string[] = [];
    if (!hasGlob(segment)) {
      for (const dir of current) next.push(join(dir, segment));
    } else {
      const re = globSegment(segment);
      for (const dir of current) {
        if (++reads > MAX_DIRS_READ) return current;
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch {
          continue;
        }
        for (const name of names) if (re.test(name)) next.push(join(dir, name));
        if (next.length > MAX_GLOB_MATCHES) break;
      }
    }
    current = next.filter((p) => exists(p));
    if (!current.length) return [];
  }
  return current.slice(0, MAX_GLOB_MATCHES);
}

export function globSegment(segment: string): RegExp {
  let re = segment.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** Each path, plus where it really is when a symlink is on the way (the longest existing prefix). */
export function withRealPaths(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    out.add(p);
    const real = realLocation(p);
    if (real && real !== p) out.add(real);
  }
  return [...out];
}

export function realLocation(p: string): string | undefined {
  let head = p;
  const rest: string[] = [];
  for (let i = 0; i < 256; i++) {
    // What is not there is walked past without a thrown error (its stack costs a hook call ~20 µs
    // each, and the guarded set resolves ~45 paths, most of them absent).
    if (existsSync(head)) {
      try {
        const real = realpathSync.native(head);
        return rest.length ? join(real, ...rest.reverse()) : real;
      } catch {
        /* walk up, as for a path that is not there */
      }
    }
    const parent = dirname(head);
    if (parent === head) return undefined;
    rest.push(basename(head));
    head = parent;
  }
  return undefined;
}

/** `a` is `b` or lies inside it. */
export function isWithin(a: string, b: string): boolean {
  if (b === '/') return a.startsWith('/');
  return a === b || a.startsWith(b.endsWith('/') ? b : `${b}/`);
}
