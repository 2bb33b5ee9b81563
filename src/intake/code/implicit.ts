// Code written into a file that tools run without naming it (conftest.py, test modules, setup.py,
// *.config.js, Gemfile: knowledge/implicit-code.ts), judged when it is written, by a file tool
// (agents/hook/written-code.ts) or by the shell (`cat > conftest.py <<EOF`): `pytest` later says
// nothing about what that code does. Only known operations on targets the code names count:
// writing is not running, and test code builds most of its paths at run time.
import { execFileSync } from '../../util/exec-file-sync.js';
import { monotonicMs } from '../../util/clock.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import type { ToolCommandsKind } from './tool-commands.js';
import { foldersNotCollected, IMPLICIT_PATH, implicitTarget, loaderLanguages, unreadSources, type ImplicitTarget } from '../../knowledge/implicit-code.js';
import { isWithin } from '../shell/path-resolve.js';
import { readFileText } from './source.js';
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { languageOfPath, languageOfScript } from './languages.js';
import { judgeCode, unreadable } from './index.js';

/** The largest text read this way (the code reader has its own cap). */
const MAX_CHARS = 256 * 1024;

export interface WrittenCode {
  /** Where it is written (knowledge/implicit-code.ts `implicitTarget`). */
  target: ImplicitTarget;
  text: string;
  /** False when only the parts an edit adds are known. */
  whole: boolean;
  /** Who writes it, for the report: `Write`, `the shell (cat > conftest.py)`. */
  writer: string;
  /** When it is read, if not as it is written: `pytest runs: ...`. */
  readWhen?: string;
}

/** A target the code names itself, not one it builds at run time (`${RUNTIME_VALUE}/dist`, `*`). */
function definite(id: string): boolean {
  return !/\$\{|runtime_value|^\*$|^\(/i.test(id);
}

/** What the written code would do when a tool runs it. */
export async function judgeWrittenCode(rc: RecognisedCommand, written: WrittenCode): Promise<PlannedAction[]> {
  const { entry, shown, absolute } = written.target;
  if (!written.text.trim()) return [];
  // A binary on PATH is a program, judged by its name when it runs. A text with a NUL past its first
  // line is still a script: the shell and a `#!` interpreter run it (the NULs are dropped).
  if (entry.onPath && runsAsBinary(written.text)) return [];
  if (entry.onPath && written.text.includes('\0')) written = { ...written, text: written.text.replaceAll('\0', '') };
  if (entry.commandsOf) return judgeToolCommands(rc, written, entry.commandsOf);
  if (entry.unreadLanguage) return screenUnread(rc, written, entry.unreadLanguage);
  const language = entry.language ?? languageOfScript(absolute, written.text) ?? entry.unlabelled;
  // What cannot be read here is code nobody has read, as a download written there would be.
  if (!language) return [hiddenCodeWritten(rc, written.target, 'code in a language Firebreak does not read', written.writer)];
  if (written.text.length > MAX_CHARS) return [hiddenCodeWritten(rc, written.target, `${Math.round(written.text.length / 1024)} KB of code, more than Firebreak reads`, written.writer)];
  const actions = await judgeCode(rc, { language, text: written.text, origin: { file: shown, absolute } });
  const why = whyRead(written);
  const note = commandEvidence(why, shown);
  // A program on PATH is not read when a later command runs it by name (`kubectl`, or a name Firebreak
  // has no model of, which passes when it names nothing beyond the workspace): what of it is not
  // known now (a sourced file, decoded text run by sh) counts, as it would nowhere else.
  // The project's own files it runs (`exec go run ./cmd/tool`) are found from where it is run, and
  // are the project's code, as when the agent runs them itself.
  const { judgedByName } = await import('../shell/recognisers/index.js');
  const byName = entry.onPath && judgedByName(basename(absolute));
  return withNote(actions.filter((a) => byName || weighed(a) || (entry.onPath && !(a.verb === 'run code' && projectRelative(a.target.id)))), note);
}

/** A relative path without anything computed in it (`./cmd/tool`, `scripts/x.sh`), not a parent's. */
function projectRelative(id: string): boolean {
  return /^(\.\/)?[\w.-]+(\/[\w.-]+)*$/.test(id) && !id.startsWith('..') && !/^\.\.?$/.test(id);
}

/** Whether a file runs as a binary program rather than a script: no `#!` line, and a NUL before the
 *  end of its first line within the 80 bytes bash looks at (bash's check_binary_file). */
export function runsAsBinary(text: string): boolean {
  if (text.startsWith('#!')) return false;
  const sample = text.slice(0, 80);
  const nul = sample.indexOf('\0');
  const newline = sample.indexOf('\n');
  return nul >= 0 && (newline < 0 || nul < newline);
}

/** Why a write is judged by what a tool will run from it, as the reason says it. */
function whyRead(written: WrittenCode): string {
  const { shown, entry } = written.target;
  return `${shown} is run by ${entry.loadedBy} without a command naming it: read when ${written.readWhen ?? `${written.writer} writes it`}${written.whole ? '' : ' (the parts the edit adds)'}`;
}

/** Code in a language Firebreak does not parse: passes only when it names nothing that acts outside
 *  the process and no place outside the workspace; else unknown, at the first line that does. */
async function screenUnread(rc: RecognisedCommand, written: WrittenCode, language: string): Promise<PlannedAction[]> {
  const { OUTSIDE_LITERAL, UNREAD_SCREENS } = await import('../../knowledge/code/unread-capabilities.js');
  const screen = UNREAD_SCREENS[language];
  const { shown } = written.target;
  if (!screen) return [hiddenCodeWritten(rc, written.target, `${language} code, which Firebreak does not read`, written.writer)];
  if (written.text.includes('\0')) return [hiddenCodeWritten(rc, written.target, 'binary content', written.writer)];
  if (written.text.length > MAX_CHARS) return [hiddenCodeWritten(rc, written.target, `${Math.round(written.text.length / 1024)} KB of ${language} code, more than Firebreak screens`, written.writer)];
  const lines = written.text.split('\n');
  for (const [i, line] of lines.entries()) {
    const named = screen.capabilities.exec(line)?.[0] ?? OUTSIDE_LITERAL.exec(line)?.[0];
    if (named === undefined) continue;
    const what = screen.capabilities.test(line) ? `\`${named}\` (${screen.says})` : `${named.slice(1)}... (a place outside the workspace)`;
    return [unreadable(rc, `${shown}:${i + 1}`, `${shown}:${i + 1} names ${what}; ${language} code is not parsed by Firebreak, and ${whyRead(written)}`)];
  }
  return [];
}

/** First among what the reason cites: why a file write is judged by what its code does. */
/** What of written code's judgment counts: known operations on targets the code names, and whatever
 *  Firebreak did not get to read (a timeout under load, a limit), which stays unknown. */
function weighed(a: PlannedAction): boolean {
  return a.details?.notRead === true || a.verb === 'over-limit' || (a.operation !== 'unknown' && definite(a.target.id));
}

function withNote(actions: PlannedAction[], note: PlannedAction['evidence'][number]): PlannedAction[] {
  return actions.map((a) => ({ ...a, evidence: [note, ...a.evidence], ...(a.intrinsic ? { intrinsic: { ...a.intrinsic, evidence: [note, ...a.intrinsic.evidence] } } : {}) }));
}

/** The commands a tool's configuration runs (tox.ini, .pre-commit-config.yaml), judged as the shell
 *  would, in the folder the tool runs them from; what they run that nobody can read is unknown. */
async function judgeToolCommands(rc: RecognisedCommand, written: WrittenCode, kind: ToolCommandsKind): Promise<PlannedAction[]> {
  const { shown, absolute } = written.target;
  const { fragmentCommands, toolCommands } = await import('./tool-commands.js');
  const found = written.whole ? toolCommands(kind, written.text, kind === 'pre-commit' || kind === 'mcp' ? committedText(absolute) : undefined, absolute) : fragmentCommands(kind, written.text);
  const why = whyRead(written);
  const note = commandEvidence(why, shown);
  const actions = found.shell.trim() ? await rc.nested(found.shell, { source: { file: shown, line: 1 }, cwd: dirname(absolute) }) : [];
  return [
    // An agent starts its MCP servers for every session, unasked: a server nobody has read is unknown.
    ...withNote(kind === 'mcp' ? actions : actions.filter(weighed), note),
    ...found.unknown.map((u) => unreadable(rc, `${shown}:${u.line}`, `${shown}:${u.line}: ${u.what}; ${why}`)),
  ];
}

/** The file as HEAD has it, when git has it. */
function committedText(absolute: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dirname(absolute), 'show', `HEAD:./${absolute.slice(absolute.lastIndexOf('/') + 1)}`], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** Code nobody can read (a download, another program's output) written where tools run it unnamed. */
export function hiddenCodeWritten(rc: RecognisedCommand, target: ImplicitTarget, filledBy: string, writer: string): PlannedAction {
  return unreadable(rc, target.shown, `${writer} fills ${target.shown} with ${filledBy}, code nobody has read that ${target.entry.loadedBy} will run without a command naming it`);
}

/** Uncommitted files read when a loader runs; past this the rest is code nobody has read. */
const MAX_UNCOMMITTED = 400;

/** Entries looked at in folders git ignores (or in a folder outside git); past this the rest is unknown. */
const MAX_WALKED = 20_000;

/** Outside git, folders nothing collects from whatever the loader: hidden ones, installed packages, caches. */
const NOT_ENTERED = /^(\..+|node_modules|__pycache__|site-packages|.+\.egg-info)$/;

interface Candidates {
  /** Paths relative to `base`, and why each is not the project's committed code. */
  files: { path: string; origin: Origin }[];
  base: string;
  /** More entries than are looked at: what was left unseen. */
  overflow?: string;
}

/**
 * Implicitly-run files that are not the project's committed code, read as if written now when a
 * loader runs (only known operations on targets the code names count, as when written): in a git
 * repository, files git shows as untracked, changed since the branch left its upstream (since HEAD
 * without one), or ignored (git never saw them: `tests/tmp/conftest.py` under an ignored `tmp/`);
 * outside git or outside the workspace's repository, every such file, since nothing tells the
 * project's own from the agent's. Usually one
 * `git status` and one `git ls-files`; a diff only when the branch has commits its upstream lacks.
 * git failing: unknown.
 */
export async function uncommittedImplicitCode(rc: RecognisedCommand, root: string, loader: string, deadline = Infinity, memo?: Map<string, unknown>, workspace = root): Promise<PlannedAction[]> {
  // Another repository's commits are not this project's: outside the workspace's repository every such file is read.
  // (a repository cloned inside the workspace included).
  const own = repositoryTop(workspace) ?? resolve(workspace);
  const rootTop = repositoryTop(root);
  const inWorkspace = rootTop !== undefined ? rootTop === own : isWithin(resolve(root), own);
  const top = inWorkspace ? rootTop : undefined;
  let candidates: Candidates;
  try {
    const notCollected = foldersNotCollected(loader);
    const list = (): Candidates => (top ? changedFiles(top, notCollected) : { base: root, ...walkFiles(root, '', inWorkspace ? OUTSIDE_GIT : OUTSIDE_WORKSPACE, NOT_ENTERED) });
    const key = `${top ?? root}\0${notCollected?.source ?? ''}`;
    candidates = (memo?.get(key) as Candidates | undefined) ?? list();
    memo?.set(key, candidates);
    // Hooks first: an ignored `.husky/_/pre-commit` is read as the hook it is.
    if (rootTop && loader.startsWith('git ')) candidates = { ...candidates, files: [...gitHooks(rootTop, candidates), ...candidates.files] };
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    return [unreadable(rc, loader, `${loader} loads files no command names, and which of them have uncommitted changes could not be told (git: ${stderr.trim().split('\n')[0] || (e as Error).message})`)];
  }
  const byPath = new Map<string, Origin>();
  for (const f of candidates.files) {
    const absolute = resolve(candidates.base, f.path);
    if (!byPath.has(absolute)) byPath.set(absolute, f.origin);
  }
  const imported = importedModule(loader);
  const targets = [...byPath]
    // A file git ignores is read only where tools look by name: build output (`dist/*.js`) is not a module the code imports.
    .map(([p, origin]) => ({ origin, target: origin === HOOK ? hookTarget(p, root) : implicitTarget(p, root, root) ?? (origin === IGNORED ? undefined : imported(p, root)) }))
    .filter((t): t is { origin: Origin; target: ImplicitTarget } => t.target !== undefined);
  const out: PlannedAction[] = [];
  if (candidates.overflow) out.push(unreadable(rc, candidates.overflow, `${loader} loads files no command names, and ${candidates.overflow} holds more than the ${MAX_WALKED} entries Firebreak looks through on one call`));
  for (const [i, { target, origin }] of targets.slice(0, MAX_UNCOMMITTED).entries()) {
    // Reads are cached by text (cache.ts): a later call goes further in the same time.
    if (monotonicMs() > deadline) {
      out.push(unreadable(rc, target.shown, `${loader} loads ${targets.length - i} more uncommitted files without a command naming them, and reading them would pass the time one check may take`));
      break;
    }
    const read = readFileText(target.absolute, target.shown);
    if (!read.ok) out.push(unreadable(rc, target.shown, `${loader} loads ${target.shown} without a command naming it, and it cannot be read: ${read.why}`));
    else out.push(...(await judgeWrittenCode(rc, { target, text: read.text, whole: true, writer: origin.writer, readWhen: `${loader} runs, as it ${origin.clause}` })));
  }
  if (targets.length > MAX_UNCOMMITTED) out.push(unreadable(rc, join(root, '...'), `${targets.length} uncommitted files that ${loader} loads without a command naming them, more than the ${MAX_UNCOMMITTED} Firebreak reads on one call`));
  return out;
}

/** A changed file in a language the loader's code imports (`app/__init__.py` under pytest), as a target. */
function importedModule(loader: string): (absolute: string, root: string) => ImplicitTarget | undefined {
  const languages = loaderLanguages(loader);
  const unread = unreadSources(loader);
  const entry = { pattern: /(?:)/, loadedBy: `${loader} (through the code it runs, which imports it)` };
  // No language: judged as code in a language Firebreak does not read.
  const unreadEntry = unread && { pattern: /(?:)/, loadedBy: `${loader} (it builds and runs the project's ${unread.language} code)`, unreadLanguage: unread.language };
  return (absolute, root) => {
    if (!isWithin(absolute, root)) return undefined;
    const language = languageOfPath(absolute);
    if (language && languages.includes(language)) return { entry: { ...entry, language }, shown: relative(root, absolute), absolute };
    if (unreadEntry && unread.pattern.test(absolute)) return { entry: unreadEntry, shown: relative(root, absolute), absolute };
    return undefined;
  };
}

/** The hooks git runs (`.git/hooks`, or core.hooksPath), samples left out. A hooks folder in the work
 *  tree counts only for what is not committed as it is: husky v9's `.husky/_` is ignored, and
 *  `core.hooksPath` can name any folder, tracked or not. */
function gitHooks(top: string, listed: Candidates): Candidates['files'] {
  const git = (args: string[]) => execFileSync('git', ['-C', top, ...args], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'pipe'] });
  const folder = resolve(top, git(['rev-parse', '--git-path', 'hooks']).trim());
  let names: Dirent[];
  try {
    names = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  // Not only hook names: a hook can source any neighbour (husky's `_/h`, a dot file); all are read as shell.
  const hooks = names.filter((e) => !e.isDirectory() && !e.name.endsWith('.sample')).map((e) => join(folder, e.name));
  if (!isWithin(folder, top) || isWithin(folder, join(top, '.git')) || !hooks.length) return hooks.map((path) => ({ path, origin: HOOK }));
  const changed = new Set(listed.files.map((f) => resolve(listed.base, f.path)));
  const tracked = new Set(git(['ls-files', '-z', '--', relative(top, folder)]).split('\0').filter(Boolean).map((p) => join(top, p)));
  return hooks.filter((path) => !tracked.has(path) || changed.has(path)).map((path) => ({ path, origin: HOOK }));
}

function hookTarget(absolute: string, root: string): ImplicitTarget {
  return { entry: { pattern: /(?:)/, loadedBy: `git (the ${absolute.slice(absolute.lastIndexOf('/') + 1)} hook)`, unlabelled: 'shell' }, shown: relative(root, absolute), absolute };
}

/** The folder holding `.git` at or above `dir`, found on disk without starting git. */
function repositoryTop(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** Why a file is not the project's committed code: as the writer of the report's sentences, and as a clause. */
interface Origin { writer: string; clause: string }
const CHANGED: Origin = { writer: 'a change git has not committed (or not pushed upstream)', clause: 'has a change git has not committed (or not pushed upstream)' };
const IGNORED: Origin = { writer: 'a file git ignores', clause: 'is a file git ignores (never committed)' };
const HOOK: Origin = { writer: 'a git hook (hooks are never committed)', clause: 'is a git hook, which no commit holds' };
const NESTED: Origin = { writer: 'a file of another repository inside this one', clause: 'belongs to another repository inside this one, which this one does not track' };
const OUTSIDE_WORKSPACE: Origin = { writer: 'a file outside the workspace', clause: 'is outside the workspace (another project\'s commits are not this one\'s)' };
const OUTSIDE_GIT: Origin = { writer: 'a file outside any git repository', clause: 'is outside any git repository (no history tells who wrote it)' };

/** Untracked files, files that differ from the base (deletions left out) and ignored files, relative
 *  to the repository's top. `notCollected`: folder names the loader does not enter; without it,
 *  folders git ignores are not looked through. */
function changedFiles(top: string, notCollected: RegExp | undefined): Candidates {
  const git = (args: string[]) => execFileSync('git', ['-C', top, ...args], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'pipe'] });
  const files: Candidates['files'] = [];
  const changed = (path: string) => files.push({ path, origin: CHANGED });
  // git shows a repository inside this one (`git clone URL vendor/x`) as one untracked folder: none of it is this project's.
  const repositories: string[] = [];
  const nested = (path: string) => repositories.push(path);
  let ahead = 0;
  for (const entry of git(['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--no-renames']).split('\0')) {
    const fields = entry.split(' ');
    if (entry.startsWith('# branch.ab ')) ahead = Number.parseInt(fields[2]?.slice(1) ?? '0', 10) || 0;
    else if (entry.startsWith('? ')) (entry.endsWith('/') ? nested : changed)(entry.slice(2));
    else if (entry.startsWith('1 ') && !fields[1]?.includes('D')) changed(fields.slice(8).join(' '));
    else if (entry.startsWith('u ')) changed(fields.slice(10).join(' '));
  }
  // Commits the upstream does not have yet are the agent's as much as uncommitted edits are.
  if (ahead > 0) git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', '--merge-base', '@{upstream}']).split('\0').filter(Boolean).forEach(changed);
  let overflow: string | undefined;
  let budget = MAX_WALKED;
  for (const entry of repositories) {
    const walked = walkFiles(join(top, entry), entry, NESTED, notCollected ?? NOT_ENTERED, budget);
    files.push(...walked.files);
    budget -= walked.seen;
    overflow ??= walked.overflow;
  }
  if (!notCollected) return { files, base: top, ...(overflow ? { overflow } : {}) };
  // Ignored folders come as one entry each (`dist/`): walked here, except those the loader does not enter.
  for (const entry of git(['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z']).split('\0').filter(Boolean)) {
    // The folders on the way (`a/b/` -> a, b; `a/x.py` -> a).
    if (entry.split('/').slice(0, -1).some((part) => notCollected.test(part))) continue;
    if (!entry.endsWith('/')) { files.push({ path: entry, origin: IGNORED }); continue; }
    const walked = walkFiles(join(top, entry), entry, IGNORED, notCollected, budget);
    files.push(...walked.files);
    budget -= walked.seen;
    overflow ??= walked.overflow;
  }
  return { files, base: top, ...(overflow ? { overflow } : {}) };
}

/** Files under `dir` (shown with `prefix`) in folders a loader enters, up to `budget` entries. */
function walkFiles(dir: string, prefix: string, origin: Origin, notEntered: RegExp, budget = MAX_WALKED): { files: Candidates['files']; seen: number; overflow?: string } {
  const files: Candidates['files'] = [];
  const visited = new Set<string>();
  let seen = 0;
  const stack: [string, string][] = [[dir, prefix]];
  while (stack.length) {
    const [at, shown] = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(at);
    } catch {
      continue;
    }
    if (visited.has(real) || existsSync(join(at, 'pyvenv.cfg'))) continue;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      continue;
    }
    seen += entries.length;
    if (seen > budget) return { files, seen, overflow: shown || dir };
    for (const e of entries) {
      const path = `${shown}${e.name}`;
      if (e.isDirectory() || (e.isSymbolicLink() && isFolder(join(at, e.name)))) {
        if (!notEntered.test(e.name)) stack.push([join(at, e.name), `${path}/`]);
        continue;
      }
      // Build output is mostly not code: the table's names, or (not where git ignores) a language a loader imports.
      if (IMPLICIT_PATH.test(path) || (origin !== IGNORED && languageOfPath(path) !== undefined)) files.push({ path, origin });
    }
  }
  return { files, seen };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
