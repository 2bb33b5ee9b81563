// Reading Go packages: a Go program is a folder of files compiled together, and the workspace
// packages it imports (by import path under go.mod's `module` line) run with it. Each package is read
// into one program (readers/go.ts), judged by what it does (models/go.ts), and the workspace packages
// it imports are judged in turn, within one command's bounds (GO_LIMITS); past them the code is
// unknown. `//go:generate` lines are commands the go tool runs in the package's folder: judged as shell.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { GO_ARCH, GO_OS, hostGoOs } from '../../knowledge/go-platforms.js';
import { goEnvWritten } from './go-env.js';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { PlannedAction } from '../types.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import { GO_COMMAND_HANDLERS, GO_LIMITS } from '../../knowledge/code/go.js';
import type { Effect } from './effect.js';
import { effectsToActions } from './effects.js';
import { judgeCode, judgeScriptFile, notRead, unreadable } from './index.js';
import { bind, type Program } from './ir.js';
import { EXECUTES_COMMANDS, isHandlerKey, type References } from './readers/go.js';
import { readFileText, readScript, scriptPath, writtenFileKey } from './source.js';
import { changesDirectory, relocated } from './working-directory.js';
import { monotonicMs } from '../../util/clock.js';
import { LOCAL_MODULES } from './models/shared.js';
import { REPLACED_MODULES } from './models/go.js';
import { str, unknownText, type Value } from './values.js';
import { quote } from './models/shared.js';

/** go.mod's folder and the module path it declares. */
export interface GoModule {
  root: string;
  path: string;
}

/** One command's reading of Go code: bounded together. */
export interface GoSession {
  files: number;
  chars: number;
  /** Packages read, by folder. */
  loaded: Map<string, Loaded>;
  deadline: number;
}

/** Reading Go for one command may take this long; past it the rest is unknown. */
const GO_MILLISECONDS = 1500;

export function newGoSession(): GoSession {
  return { files: 0, chars: 0, loaded: new Map(), deadline: monotonicMs() + GO_MILLISECONDS };
}

/** The module a folder is in: the nearest go.mod at or above it. */
export function findModule(dir: string): GoModule | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const mod = join(at, 'go.mod');
    if (existsSync(mod)) {
      try {
        const m = /^\s*module\s+"?([^\s"]+)"?/m.exec(readFileSync(mod, 'utf8'));
        return m ? { root: at, path: m[1] } : undefined;
      } catch {
        return undefined;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

/**
 * Modules go.mod (or go.work) replaces with a folder on this machine (`replace github.com/spf13/cobra => ./fork`):
 * their code is not the module everyone uses, so nothing known about that module holds for it.
 */
export function locallyReplaced(module: GoModule | undefined): string[] {
  if (!module) return [];
  const out: string[] = [];
  for (const name of ['go.mod', 'go.work']) {
    let text: string;
    try {
      text = readFileSync(join(module.root, name), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^\s*(?:replace\s+)?(?:\(\s*)?([^\s()]+)(?:\s+v[^\s]+)?\s*=>\s*((?:\.{1,2}\/|\/)[^\s]*|\.{1,2})\s*$/gm)) out.push(m[1]);
  }
  return out;
}

/** The folder of an import path inside the module, or undefined when the path is not the module's. */
export function folderOfImport(module: GoModule, importPath: string): string | undefined {
  if (importPath === module.path) return module.root;
  if (!importPath.startsWith(`${module.path}/`)) return undefined;
  return join(module.root, importPath.slice(module.path.length + 1));
}

export interface PackageFiles {
  /** Absolute paths of the .go files, in name order. */
  files: string[];
  /** Assembly and other files compiled in that Firebreak does not read. */
  unread: string[];
}

/** The files of the package in `dir`: .go files (test files only for `go test`), without those built
 *  only under the `ignore` tag (never, unless `-tags ignore` sets it). */
export function packageFiles(dir: string, options: { tests?: boolean; tags?: readonly string[]; goos?: string } = {}): PackageFiles {
  const out: PackageFiles = { files: [], unread: [] };
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('_')) continue;
    const path = join(dir, name);
    if (/\.(s|S|sx)$/.test(name)) { out.unread.push(path); continue; }
    if (!name.endsWith('.go')) continue;
    if (!options.tests && name.endsWith('_test.go')) continue;
    if (!options.tags?.includes('ignore') && buildIgnored(path)) continue;
    if (options.goos !== undefined && otherSystemOnly(name, options.goos)) continue;
    out.files.push(path);
  }
  return out;
}

/** `cli_windows.go`, `term_darwin_arm64.go`: a file go builds only for another operating system than the
 *  one it builds for (`goos`, see targetGoOs). Only the file name is read: a `//go:build` line keeps the
 *  file (read, as before). */
function otherSystemOnly(name: string, goos: string): boolean {
  const parts = name.replace(/(_test)?\.go$/, '').split('_');
  if (parts.length < 2) return false;
  const last = parts[parts.length - 1];
  const before = parts.length > 2 ? parts[parts.length - 2] : undefined;
  const os = GO_ARCH.has(last) && before !== undefined && GO_OS.has(before) ? before : GO_OS.has(last) ? last : undefined;
  // go builds _linux files for android and _solaris ones for illumos: only a plain mismatch is left out.
  return os !== undefined && os !== goos && !(goos === 'android' && os === 'linux') && !(goos === 'illumos' && os === 'solaris') && !(goos === 'ios' && os === 'darwin');
}

/** The system go builds for in this command, when certain: this machine's, unless GOOS is set (in the line,
 *  in the agent's environment) or may be (GOENV named, or a go env file that mentions GOOS). Undefined:
 *  every file is read. */
export function targetGoOs(rc: RecognisedCommand): string | undefined {
  if (Object.hasOwn(rc.env, 'GOOS') || Object.hasOwn(rc.env, 'GOENV') || process.env.GOENV !== undefined || goEnvWritten(rc.files)) return undefined;
  const host = hostGoOs();
  if (process.env.GOOS !== undefined && process.env.GOOS !== host) return undefined;
  const config = process.env.XDG_CONFIG_HOME || (process.env.HOME ? join(process.env.HOME, '.config') : undefined);
  if (config === undefined) return undefined;
  try {
    if (/^\s*GOOS\s*=/m.test(readFileSync(join(config, 'go', 'env'), 'utf8'))) return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  return host;
}

/** `//go:build ignore` (or `// +build ignore`): a file go never builds into its folder's package. */
function buildIgnored(path: string): boolean {
  try {
    const head = readFileSync(path, 'utf8').slice(0, 2048);
    return /^\/\/(go:build| \+build) ignore\s*$/m.test(head);
  } catch {
    return false;
  }
}

export interface JudgeOptions {
  /** The program's command-line arguments (null: known only at run time). */
  args?: readonly (string | null)[];
  /** `-ldflags -X pkg.name=value`: package variables the linker sets. */
  linkerSet?: readonly string[];
  tags?: readonly string[];
}

/** One package, read and evaluated once per command; its effects are reported by the functions they are in. */
interface Loaded {
  dir: string;
  shownDir: string;
  via: string;
  program: Program;
  effects: Effect[];
  refs: References;
  /** Top-level functions and methods (by `methodKey`) whose effects were reported already. */
  reported: Set<string>;
  /** Reported for the whole package (the package the command runs). */
  whole: boolean;
}

/** Methods other packages call through an interface without naming them (fmt calls String, io calls Write). */
const INTERFACE_METHODS: ReadonlySet<string> = new Set([
  'String', 'GoString', 'Error', 'Format', 'Write', 'WriteString', 'WriteTo', 'Read', 'ReadFrom', 'Close', 'Seek', 'ServeHTTP', 'RoundTrip', 'Len', 'Less', 'Swap', 'Push', 'Pop',
  'MarshalJSON', 'UnmarshalJSON', 'MarshalText', 'UnmarshalText', 'MarshalYAML', 'UnmarshalYAML', 'MarshalBinary', 'UnmarshalBinary', 'Scan', 'Value', 'Unwrap', 'Is', 'As',
  'Run', 'Execute', 'Handle', 'Set', 'Type', 'Get', 'Do', 'Apply', 'Init', 'Start', 'Stop', 'Validate', 'Complete', 'Main',
]);

/** Judges the Go files of the package a command runs (every function of it), and through it the
 *  workspace packages it imports (the functions its code can reach). */
export async function judgeGoFiles(rc: RecognisedCommand, files: readonly string[], session: GoSession, options: JudgeOptions = {}): Promise<PlannedAction[]> {
  if (!files.length) return [];
  const loaded = await load(rc, files, session, options, false);
  if (!('program' in loaded)) return loaded;
  const handlersRun = await executesCommands(rc, loaded, session, options);
  return report(rc, loaded, undefined, session, options, undefined, handlersRun);
}

/** The module path of a library type (`github.com/spf13/cobra.Command` -> github.com/spf13/cobra). */
function moduleOfType(type: string): string {
  return type.slice(0, type.lastIndexOf('.'));
}

/**
 * Whether the command handlers the code builds may run (GO_COMMAND_HANDLERS): yes when the code that
 * runs without them (from main and init, through the workspace packages it imports) executes a command
 * or touches a handler field, when the library's code is not the module everyone uses (replaced in
 * go.mod, or vendored, which a person may have edited), and when some package cannot be read.
 */
async function executesCommands(rc: RecognisedCommand, root: Loaded, session: GoSession, options: JudgeOptions): Promise<boolean> {
  const module = findModule(root.dir);
  if (module) {
    const libraries = GO_COMMAND_HANDLERS.map((h) => moduleOfType(h.type));
    const replaced = locallyReplaced(module);
    if (libraries.some((l) => replaced.some((m) => l === m || l.startsWith(`${m}/`) || m.startsWith(`${l}/`)))) return true;
    if (libraries.some((l) => existsSync(join(module.root, 'vendor', l)))) return true;
  }
  const seen = new Map<Loaded, Set<string>>();
  const work: [Loaded, ReadonlySet<string> | undefined][] = [[root, undefined]];
  while (work.length) {
    const [p, roots] = work.pop()!;
    const had = seen.get(p);
    const fresh = [...reachable(p, roots, false)].filter((t) => !had?.has(t));
    if (had && !fresh.length) continue;
    seen.set(p, new Set([...(had ?? []), ...fresh]));
    if (fresh.some((t) => p.refs.get(t)?.has(EXECUTES_COMMANDS))) return true;
    const pm = findModule(p.dir);
    if (!pm) continue;
    for (const imp of p.program.imports) {
      const folder = folderOfImport(pm, imp.module);
      if (!folder) continue;
      const q = await loadImport(rc, folder, session, options, imp.module, imp.module);
      if (!('program' in q)) return true;
      work.push([q, importRoots(p, q, imp, fresh)]);
    }
  }
  return false;
}

/** A workspace package the code imports, read once per command. */
async function loadImport(rc: RecognisedCommand, folder: string, session: GoSession, options: JudgeOptions, where: string, importPath: string): Promise<Loaded | PlannedAction[]> {
  const known = session.loaded.get(folder);
  if (known) return known;
  const found = packageFiles(folder, { tags: options.tags, goos: targetGoOs(rc) });
  if (!found.files.length) return [unreadable(rc, shownOf(rc, folder), `${where} imports ${importPath}, and ${shownOf(rc, folder)} holds no Go files Firebreak can read`)];
  const loaded = await load(rc, found.files, session, options, true);
  if ('program' in loaded) session.loaded.set(folder, loaded);
  return loaded;
}

/** What the code reached in `p` names of the package `q` it imports as `imp`: `alias.Name` for each name the
 *  import is bound to, and every `.field` (a method of its types); for a dot import every exported name. */
function importRoots(p: Loaded, q: Loaded, imp: Program['imports'][number], reach: Iterable<string>): Set<string> {
  const referred = new Set<string>();
  for (const t of reach) for (const r of p.refs.get(t) ?? []) referred.add(r);
  const aliases = [...p.program.bindings].filter(([, exprs]) => exprs.some((e) => e.k === 'module' && e.path === imp.module)).map(([name]) => name);
  const qRoots = new Set<string>();
  for (const r of referred) {
    if (r.startsWith('.')) { qRoots.add(r); continue; }
    const dot = r.indexOf('.');
    if (dot > 0 && aliases.includes(r.slice(0, dot))) qRoots.add(r.slice(dot + 1));
  }
  // A dot or blank import: every exported name may be used (dot) or only init runs (blank).
  if (imp.star) for (const t of reachable(q, undefined, true)) if (/^[A-Z]/.test(t)) qRoots.add(t);
  return qRoots;
}

function shownOf(rc: RecognisedCommand, absolute: string): string {
  const rel = relative(rc.workspace ?? process.cwd(), absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

async function load(rc: RecognisedCommand, files: readonly string[], session: GoSession, options: JudgeOptions, imported: boolean): Promise<Loaded | PlannedAction[]> {
  const dir = dirname(files[0]);
  const shownDir = shownOf(rc, dir) || '.';
  if (monotonicMs() > session.deadline) return [notRead(rc, shownDir, 'reading the Go code this command runs would take longer than one check may')];
  const texts: { file: string; text: string; absolute: string }[] = [];
  for (const absolute of files) {
    const shown = shownOf(rc, absolute);
    const read = readScript(rc, relative(scriptPath(rc, '.'), absolute) || absolute);
    if (!read.ok) return [unreadable(rc, shown, read.why)];
    session.files++;
    session.chars += read.text.length;
    if (session.files > GO_LIMITS.files || session.chars > GO_LIMITS.chars) {
      return [notRead(rc, shown, `the command runs more Go code than Firebreak reads for one command (${GO_LIMITS.files} files, ${GO_LIMITS.chars / 1024 / 1024} MB): what the rest does is not visible`)];
    }
    texts.push({ file: shown, text: read.text, absolute });
  }
  const module = findModule(dir);
  try {
    const [{ readGo, referencesOf }, { goLibrary }, { Evaluator }] = await Promise.all([import('./readers/go.js'), import('./models/go.js'), import('./evaluate.js')]);
    const program = await readGo(texts, { imported });
    if (!imported) for (const name of options.linkerSet ?? []) bind(program, name, { k: 'opaque', why: `${name} is set by -ldflags -X on the command line` });
    const local = new Set(program.imports.map((i) => i.module).filter((m) => module && folderOfImport(module, m) !== undefined));
    const evaluator = new Evaluator(program, goLibrary, texts[0].absolute, {
      source: texts.map((t) => t.text).join('\n'),
      ...(!imported && options.args ? { args: options.args.map((a): Value => (a === null ? unknownText('a command-line argument the shell expands at run time') : str(a))) } : {}),
      ...(imported ? { imported: true } : {}),
    });
    evaluator.state.set(LOCAL_MODULES, local);
    evaluator.state.set(REPLACED_MODULES, locallyReplaced(module));
    let effects: Effect[] = evaluator.run().map((e): Effect => { const file = (e.loc as { file?: string }).file ?? e.file; return file !== undefined ? { ...e, file } : e; });
    if (texts.some((t) => changesDirectory(t.text))) effects = relocated(effects);
    return { dir, shownDir, via: texts.length === 1 ? texts[0].file : `the Go package in ${shownDir}`, program, effects, refs: referencesOf(program), reported: new Set(), whole: false };
  } catch (error) {
    return [notRead(rc, shownDir, `Firebreak could not read the Go code: ${(error as Error)?.message ?? String(error)}`)];
  }
}

/** The top-level functions and methods reachable from `roots` (undefined: all of them), package level and init
 *  always; command handlers (readers/go.ts) only when `handlersRun`. */
function reachable(p: Loaded, roots: ReadonlySet<string> | undefined, handlersRun: boolean): Set<string> {
  const tops = new Set([...p.refs.keys(), ...[...p.program.bindings.keys()].filter((k) => k.startsWith('(*).') && !k.endsWith('()'))]);
  for (const c of p.program.calls) { const fn = (c.loc as { fn?: string }).fn; if (fn !== undefined) tops.add(fn); }
  if (!handlersRun) for (const t of tops) if (isHandlerKey(t)) tops.delete(t);
  if (!roots) return tops;
  const out = new Set<string>();
  const queue: string[] = ['', 'init'];
  const method = (name: string) => `(*).${name}`;
  for (const r of roots) {
    if (r.startsWith('.')) queue.push(method(r.slice(1)));
    else queue.push(r);
  }
  for (const name of INTERFACE_METHODS) queue.push(method(name));
  while (queue.length) {
    const t = queue.pop()!;
    if (out.has(t) || (!tops.has(t) && t !== '')) continue;
    out.add(t);
    for (const r of p.refs.get(t) ?? []) queue.push(r.startsWith('.') ? method(r.slice(1)) : r);
  }
  return out;
}

async function report(rc: RecognisedCommand, p: Loaded, roots: ReadonlySet<string> | undefined, session: GoSession, options: JudgeOptions, importedBy: string | undefined, handlersRun: boolean): Promise<PlannedAction[]> {
  const reach = reachable(p, roots, handlersRun);
  const fresh = [...reach].filter((t) => !p.reported.has(t));
  if (!fresh.length && (p.whole || roots)) return [];
  const first = p.reported.size === 0;
  for (const t of fresh) p.reported.add(t);
  if (!roots) p.whole = true;
  const effects = p.effects.filter((e) => {
    const fn = (e.loc as { fn?: string }).fn;
    return e.kind === 'unknown' && !fn ? first : fresh.includes(fn ?? '');
  });
  const actions = await effectsToActions(effects, {
    rc,
    via: p.via,
    readCode: (e) => judgeCode(rc, { language: e.language, text: e.text, origin: { via: `${e.via} in ${p.via}` } }),
    readScript: (e) => judgeScriptFile(rc, e.path, { language: e.language }),
  });
  if (first) for (const asm of packageFiles(p.dir, { tags: options.tags, goos: targetGoOs(rc) }).unread) actions.push(unreadable(rc, shownOf(rc, asm), `${shownOf(rc, asm)} is assembly compiled into the package: Firebreak does not read it`));
  if (importedBy) for (const a of actions) a.evidence.push(commandEvidence(`${p.shownDir} is imported by ${importedBy}`));
  // The workspace packages it imports run with it: their init functions and what this code can call.
  const module = findModule(p.dir);
  if (!module) return actions;
  for (const imp of p.program.imports) {
    const folder = folderOfImport(module, imp.module);
    if (!folder) continue;
    const where = `${(imp.loc as { file?: string }).file ?? p.via}:${imp.loc.line}`;
    const q = await loadImport(rc, folder, session, options, where, imp.module);
    if (!('program' in q)) { actions.push(...q); continue; }
    actions.push(...(await report(rc, q, importRoots(p, q, imp, reach), session, options, `${where} (${imp.module})`, handlersRun)));
  }
  return actions;
}

// ---------------------------------------------------------------- package patterns

export type Resolved = { ok: true; dirs: string[] } | { ok: false; why: string };

/**
 * The folders a package pattern names, from `from`: `.`, `./x`, `./x/...`, an import path of the
 * module (`example.com/m/cmd/x`, `example.com/m/...`). Anything else is code outside the workspace.
 */
export function resolvePatterns(patterns: readonly string[], from: string, module: GoModule | undefined): Resolved {
  const dirs: string[] = [];
  for (const p of patterns.length ? patterns : ['.']) {
    let base: string | undefined;
    let all = false;
    let pattern = p;
    if (pattern === '...' || pattern.endsWith('/...')) { all = true; pattern = pattern === '...' ? '.' : pattern.slice(0, -4) || '.'; }
    if (pattern === '.' || pattern === '..' || pattern.startsWith('./') || pattern.startsWith('../') || pattern.startsWith('/')) base = resolve(from, pattern);
    else if (module) base = folderOfImport(module, pattern);
    if (base === undefined) return { ok: false, why: `${p} is not a package of this workspace's module${module ? ` (${module.path})` : ''}: its code is outside the workspace, and nobody here has read it` };
    if (!all) { dirs.push(base); continue; }
    const walked = walkPackages(base);
    if (!walked.ok) return walked;
    dirs.push(...walked.dirs);
  }
  return { ok: true, dirs: [...new Set(dirs)] };
}

/** Every folder under `root` go's `...` matches: not vendor, testdata, hidden or `_` folders, nor nested modules. */
function walkPackages(root: string): Resolved {
  const dirs: string[] = [];
  const stack = [root];
  let seen = 0;
  while (stack.length) {
    const dir = stack.pop()!;
    if (++seen > GO_LIMITS.folders) return { ok: false, why: `${root} holds more than ${GO_LIMITS.folders} folders, more than Firebreak looks through for one command` };
    dirs.push(dir);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries) {
      if (name.startsWith('.') || name.startsWith('_') || name === 'vendor' || name === 'testdata' || name === 'node_modules') continue;
      const path = join(dir, name);
      try {
        if (!statSync(path).isDirectory()) continue;
      } catch {
        continue;
      }
      if (existsSync(join(path, 'go.mod'))) continue;
      stack.push(path);
    }
  }
  return { ok: true, dirs };
}

// ---------------------------------------------------------------- go generate

/** `go generate [pkgs|files]`: every `//go:generate` line of the packages, as the command it runs, in the package's folder. */
export async function judgeGenerate(rc: RecognisedCommand, targets: readonly string[], from: string): Promise<PlannedAction[]> {
  const module = findModule(from);
  const files: string[] = [];
  if (targets.length && targets.every((t) => t.endsWith('.go'))) {
    files.push(...targets.map((t) => resolve(from, t)));
  } else {
    const resolved = resolvePatterns(targets, from, module);
    if (!resolved.ok) return [unreadable(rc, targets.join(' ') || '.', resolved.why)];
    for (const dir of resolved.dirs) {
      try {
        for (const name of readdirSync(dir).sort()) if (name.endsWith('.go') && !name.startsWith('.') && !name.startsWith('_')) files.push(join(dir, name));
      } catch {
        // not a folder
      }
    }
  }
  if (files.length > GO_LIMITS.generateFiles) return [unreadable(rc, targets.join(' ') || '.', `go generate looks through ${files.length} Go files, more than the ${GO_LIMITS.generateFiles} Firebreak scans for one command`)];
  const workspace = rc.workspace ?? process.cwd();
  const out: PlannedAction[] = [];
  for (const absolute of files) {
    const shown = relative(workspace, absolute) || absolute;
    const read = readFileText(absolute, shown);
    if (!read.ok) {
      if (/does not exist/.test(read.why) && targets.length) out.push(unreadable(rc, shown, read.why));
      continue;
    }
    if (!read.text.includes('//go:generate')) continue;
    const pkg = /^package\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(read.text)?.[1] ?? '';
    const aliases = new Map<string, string[]>();
    const lines = read.text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (!line.startsWith('//go:generate ') && !line.startsWith('//go:generate\t')) continue;
      const env: Record<string, string> = { GOFILE: basename(absolute), GOLINE: String(i + 1), GOPACKAGE: pkg, DOLLAR: '$', GOOS: 'linux', GOARCH: 'amd64' };
      const words = generateWords(line.slice('//go:generate'.length), env);
      if (!words) {
        out.push(unreadable(rc, `${shown}:${i + 1}`, `${shown}:${i + 1}: a //go:generate line Firebreak cannot split into words (an unterminated quote)`));
        continue;
      }
      if (words[0] === '-command') {
        if (words[1]) aliases.set(words[1], words.slice(2));
        continue;
      }
      const expanded = aliases.has(words[0] ?? '') ? [...aliases.get(words[0])!, ...words.slice(1)] : words;
      if (!expanded.length) continue;
      const text = expanded.map(shellWord).join(' ');
      const actions = await rc.nested(text, {
        cwd: dirname(absolute),
        source: { file: shown, line: i + 1 },
        env,
        evidence: [commandEvidence(`${shown}:${i + 1}: go generate runs \`${expanded.join(' ')}\` in ${relative(workspace, dirname(absolute)) || '.'}`)],
      });
      out.push(...actions);
    }
  }
  return out;
}

/** A //go:generate line's words, as the go tool splits them: spaces, Go double-quoted strings, `$NAME` from its environment
 *  (other variables stay for the shell, which finds them unset or set by the line). Undefined for an unterminated quote. */
function generateWords(text: string, env: Readonly<Record<string, string>>): string[] | undefined {
  const words: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|(\S+))/gy;
  let rest = text.trimEnd();
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < rest.length && (m = re.exec(rest))) {
    if (m[1] !== undefined) {
      try {
        words.push(JSON.parse(`"${m[1]}"`) as string);
      } catch {
        words.push(m[1]);
      }
    } else if (m[2] !== undefined) {
      if (m[2].startsWith('"')) return undefined;
      words.push(m[2]);
    }
    if (!/\S/.test(rest.slice(re.lastIndex))) break;
  }
  rest = '';
  return words.map((w) => w.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, a: string | undefined, b: string | undefined) => env[(a ?? b)!] ?? all));
}

/** One word for the shell: literal text quoted, a `$NAME` the go tool would expand left for the shell to expand. */
function shellWord(w: string): string {
  if (!w.includes('$')) return quote(w);
  return `"${w.replace(/["\\`]/g, (c) => `\\${c}`)}"`;
}

/** Files of `go run x.go y.go`, with the files this command line wrote first. */
export function runFiles(rc: RecognisedCommand, paths: readonly string[]): string[] {
  return paths.map((p) => scriptPath(rc, p));
}

/** Files of a package folder this command line wrote earlier (not on disk yet). */
export function writtenInFolder(rc: RecognisedCommand, dir: string): string[] {
  const workspace = rc.workspace ?? process.cwd();
  const out: string[] = [];
  for (const key of rc.files.keys()) {
    const absolute = resolve(workspace, key);
    if (dirname(absolute) === dir && key.endsWith('.go') && !key.endsWith('_test.go')) out.push(absolute);
  }
  return out;
}

export { writtenFileKey };
