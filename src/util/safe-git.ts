// Every git process Firebreak starts reads a workspace the agent can write, so it must run nothing
// the workspace's git config names: `git status` runs core.fsmonitor and the clean command of a
// filter driver, `git diff` and `git show` an external diff or a textconv, a write of the index a
// post-index-change hook, a lazy fetch the ssh command or credential helper. One echo into
// .git/config would otherwise have the guard itself run the agent's program at the next judgment,
// outside any verdict.
//
// The settings are neutralised through GIT_CONFIG_COUNT (applied after every config file), so no
// call site's arguments change; only commands that can diff get `--no-ext-diff --no-textconv`
// (an empty diff.external is a program named "" and breaks every diff). `git config` and `git var`
// get nothing: Firebreak reads core.hooksPath, core.pager and the rest to judge the agent's own git
// commands, and an override would hide the real values. rev-parse keeps core.hooksPath for the
// same reason (`--git-path hooks`); it runs no hook.
import { accessSync, constants, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { childProcess } from './child-process.js';

export interface SafeGitOptions {
  cwd?: string | URL;
  env?: NodeJS.ProcessEnv;
  /** The CI gate's own fetches: transport, ssh command and credential helpers stay as configured. */
  remote?: boolean;
}

export interface SafeGitCall {
  /** The program: git from PATH, never one inside the repository read (gitProgram). */
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Thrown when the filter drivers the config defines cannot be learned: the call is not made. */
export class UnsafeGitError extends Error {}

/** Global options that take the next argument as their value. */
const VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix', '--attr-source', '--list-cmds']);
/** Subcommands that print diffs, and can run an external diff or a textconv. */
const DIFFS = new Set(['diff', 'log', 'show', 'whatchanged', 'format-patch']);
/** Subcommands that read config values for Firebreak: left exactly as the workspace has them. */
const READS_CONFIG = new Set(['config', 'var']);

const ALWAYS: [string, string][] = [
  ['core.fsmonitor', 'false'],
  ['core.useBuiltinFSMonitor', 'false'],
  // gpg.program, run for every signed commit shown.
  ['log.showSignature', 'false'],
  // `fetch` may start `gc --auto` / `maintenance run --auto`.
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];
const NO_HOOKS: [string, string][] = [['core.hooksPath', '/dev/null']];
/** Reading the workspace never needs a remote: no transport (so no ssh command, proxy, remote
 *  helper or lazy fetch), no credential helper (an empty value empties the list), no askpass. */
const NO_REMOTE: [string, string][] = [
  ['protocol.allow', 'never'],
  ['credential.helper', ''],
  ['core.askPass', ''],
];

/** The arguments and environment that make `git args` run nothing the workspace configures. */
export function safeGit(args: readonly string[], options: SafeGitOptions = {}): SafeGitCall {
  const base = options.env ?? process.env;
  const at = subcommandAt(args);
  const sub = at < args.length ? args[at] : undefined;
  const cwd = cwdOf(options.cwd);
  const globals = args.slice(0, at);
  const scan = configFiles(globals, startFolder(globals, cwd), base);
  const file = gitProgram(base.PATH, scan.top);
  if (sub !== undefined && READS_CONFIG.has(sub)) return { file, args: [...args], env: base };
  const pairs: [string, string][] = [...ALWAYS];
  if (sub !== 'rev-parse') pairs.push(...NO_HOOKS);
  if (!options.remote) pairs.push(...NO_REMOTE);
  for (const name of filterDrivers(scan, file, globals, cwd, base)) {
    for (const key of ['clean', 'smudge', 'process']) pairs.push([`filter.${name}.${key}`, '']);
    // A required driver with no command is an error: git would refuse every file it filters.
    pairs.push([`filter.${name}.required`, 'false']);
  }
  const env: NodeJS.ProcessEnv = { ...base, ...withConfig(base, pairs), GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
  if (!options.remote) env.GIT_NO_LAZY_FETCH = '1';
  let out = [...args];
  if (sub !== undefined) {
    const after = sub === 'stash' && args[at + 1] === 'show' ? at + 2 : DIFFS.has(sub) ? at + 1 : -1;
    if (after > 0) out = [...args.slice(0, after), '--no-ext-diff', '--no-textconv', ...args.slice(after)];
  }
  return { file, args: out, env };
}

// ---- The program ----------------------------------------------------------------------------
// `git` is looked up on the agent's PATH, which can run through the workspace (.venv/bin,
// node_modules/.bin, a relative entry): a file named git there would be the program the guard runs.

const programs = new Map<string, string>();

/** The first git on PATH that is neither under a relative PATH entry nor inside the repository read. */
function gitProgram(path: string | undefined, top: string | undefined): string {
  const key = `${path ?? ''}\0${top ?? ''}`;
  const inside = (dir: string) => top !== undefined && top !== '/' && (dir === top || dir.startsWith(`${top}/`));
  const known = programs.get(key);
  // Checked again: a link outside can be pointed into the repository since.
  if (known && !inside(realOrSelf(known))) return known;
  // Without PATH, node's lookup (libuv's) searches /usr/bin:/bin.
  for (const dir of (path ?? '/usr/bin:/bin').split(':')) {
    if (!isAbsolute(dir) || inside(resolve(dir))) continue;
    const candidate = join(dir, 'git');
    try {
      accessSync(candidate, constants.X_OK);
      if (!statSync(candidate).isFile()) continue;
      // Through a link, the file it points at must not be in the repository either.
      if (inside(realpathSync(candidate))) continue;
    } catch {
      continue;
    }
    if (programs.size >= 64) programs.clear();
    programs.set(key, candidate);
    return candidate;
  }
  throw new UnsafeGitError(`no git on PATH outside the repository ${top ?? ''} and its relative entries`);
}

function cwdOf(cwd: string | URL | undefined): string {
  if (cwd === undefined) return process.cwd();
  return typeof cwd === 'string' ? resolve(cwd) : cwd.pathname;
}

/** Index of the subcommand (args.length when there is none). */
function subcommandAt(args: readonly string[]): number {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += VALUED.has(args[i]) ? 2 : 1;
  return Math.min(i, args.length);
}

/** GIT_CONFIG_COUNT entries after the environment's own (later wins), and the same pairs after
 *  GIT_CONFIG_PARAMETERS when it is set, since git applies that one last. */
function withConfig(env: NodeJS.ProcessEnv, pairs: [string, string][]): NodeJS.ProcessEnv {
  const given = Number(env.GIT_CONFIG_COUNT);
  const start = Number.isSafeInteger(given) && given > 0 ? given : 0;
  const out: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(start + pairs.length) };
  pairs.forEach(([key, value], n) => {
    out[`GIT_CONFIG_KEY_${start + n}`] = key;
    out[`GIT_CONFIG_VALUE_${start + n}`] = value;
  });
  if (env.GIT_CONFIG_PARAMETERS) out.GIT_CONFIG_PARAMETERS = `${env.GIT_CONFIG_PARAMETERS} ${pairs.map(([k, v]) => `${quote(k)}=${quote(v)}`).join(' ')}`;
  return out;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

// ---- Filter drivers -----------------------------------------------------------------------------
// git has no switch that turns filters off, so every driver the config defines is emptied by name.
// Asking `git config` costs a process; it is asked only when a config text says "filter" or
// "include" (a section header can be spelled no other way), so most calls start no extra process.

/** The names of the filter drivers git would see, for the repository the call runs in and the
 *  submodules git may enter from it (`git status` runs itself in each, with this environment). */
function filterDrivers(scan: Scan, file: string, globals: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Set<string> {
  const names = new Set<string>();
  const looked = scan.files.map(look);
  if (scan.ask || envMentionsFilter(env) || looked.some((l) => l.says !== 'nothing')) {
    // The same files as they were (no include, which could name any file): git's answer then too.
    const key = scan.ask || looked.some((l) => l.says === 'include') ? undefined : [cwd, ...globals, ...configEntries(env), ...looked.map((l) => l.stamp)].join('\0');
    for (const name of askGitOnce(key, file, [...globals, 'config'], cwd, env)) names.add(name);
  }
  for (const gitDir of scan.submodules) {
    const own = ['config', 'config.worktree'].map((f) => look(join(gitDir, f)));
    if (own.every((l) => l.says === 'nothing')) continue;
    const key = own.some((l) => l.says === 'include') ? undefined : [gitDir, ...configEntries(env), ...looked.map((l) => l.stamp), ...own.map((l) => l.stamp)].join('\0');
    for (const name of askGitOnce(key, file, [`--git-dir=${gitDir}`, 'config'], cwd, env)) names.add(name);
  }
  return names;
}

/** git's answers by the stamps of the files it read: a machine with git-lfs has a filter in its
 *  global config, and would otherwise start one more git for every git. */
const answers = new Map<string, string[]>();
const MAX_ANSWERS = 64;

function askGitOnce(key: string | undefined, file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string[] {
  const known = key === undefined ? undefined : answers.get(key);
  if (known) return known;
  const names = askGit(file, args, cwd, env);
  if (key !== undefined) {
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(key, names);
  }
  return names;
}

function askGit(file: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string[] {
  // `git config` runs nothing; `file` is the program the call itself starts.
  const run = childProcess().spawnSync(file, [...args, '-z', '--name-only', '--get-regexp', '^filter\\.'], { cwd, env, encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
  // Status 1: no such key. Anything else (no git, a timeout, a config git cannot parse): unknown drivers.
  if (run.status === 1) return [];
  if (run.status !== 0) throw new UnsafeGitError(`the filter drivers git's config defines could not be read (${run.error?.message ?? `exit ${run.status}`})`);
  return run.stdout.split('\0').filter(Boolean).map((key) => key.slice('filter.'.length, key.lastIndexOf('.'))).filter((name) => name !== '');
}

interface Looked {
  /** What the text says that matters here; 'include' also for a file that cannot be read. */
  says: 'nothing' | 'filter' | 'include';
  /** The file's identity and last change, taken before it is read. */
  stamp: string;
}

function look(file: string): Looked {
  let text: string;
  let stamp: string;
  try {
    const stats = statSync(file);
    stamp = `${file}:${stats.ino}:${stats.size}:${stats.ctimeMs}:${stats.mtimeMs}`;
    text = readFileSync(file, 'latin1');
  } catch (error) {
    // No such file: nothing in it. Any other failure: cannot tell, so ask (and remember nothing).
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return ['ENOENT', 'ENOTDIR'].includes(code) ? { says: 'nothing', stamp: `${file}:absent` } : { says: 'include', stamp: '' };
  }
  return { says: /include/i.test(text) ? 'include' : /filter/i.test(text) ? 'filter' : 'nothing', stamp };
}

/** The environment's own config entries, as git reads them. */
function configEntries(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env).filter(([name]) => /^GIT_CONFIG_(PARAMETERS|COUNT|KEY_\d+|VALUE_\d+)$/.test(name)).map(([name, value]) => `${name}=${value}`).sort();
}

function envMentionsFilter(env: NodeJS.ProcessEnv): boolean {
  return Object.entries(env).some(([name, value]) => /^GIT_CONFIG_(PARAMETERS|KEY_\d+)$/.test(name) && /filter|include/i.test(value ?? ''));
}

/** The folder git starts from: the -C chain from the working folder. */
function startFolder(globals: readonly string[], cwd: string): string {
  let dir = cwd;
  for (let i = 0; i < globals.length; i++) if (globals[i] === '-C' && globals[i + 1] !== undefined) dir = resolve(dir, globals[++i]);
  return dir;
}

interface Scan {
  files: string[];
  /** The work tree's top folder, when the repository was found. */
  top?: string;
  submodules: string[];
  /** The repository could not be found the way git finds it: ask git. */
  ask: boolean;
}

/** The config files git reads for a call started in `start`: system, global, the repository's
 *  (shared and per-worktree), and the git folders of its submodules. */
function configFiles(globals: readonly string[], start: string, env: NodeJS.ProcessEnv): Scan {
  const files: string[] = [];
  if (!truthy(env.GIT_CONFIG_NOSYSTEM)) files.push(...(env.GIT_CONFIG_SYSTEM !== undefined ? [env.GIT_CONFIG_SYSTEM] : ['/etc/gitconfig', '/usr/local/etc/gitconfig', '/opt/homebrew/etc/gitconfig']));
  if (env.GIT_CONFIG_GLOBAL !== undefined) files.push(env.GIT_CONFIG_GLOBAL);
  else {
    const home = env.HOME ?? '';
    files.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config'), join(home, '.gitconfig'));
  }
  // The top is what PATH must not run git from: the work tree, else the folder git starts in.
  if (env.GIT_DIR !== undefined || env.GIT_COMMON_DIR !== undefined || globals.some((a) => /^--(git-dir|work-tree|bare)/.test(a))) return { files, submodules: [], ask: true, top: start };
  const repository = gitDirOf(start);
  if (repository === 'unknown') return { files, submodules: [], ask: true, top: start };
  if (!repository) return { files, submodules: [], ask: false, top: start };
  const { gitDir: found, top } = repository;
  let common = found;
  try {
    common = resolve(found, readFileSync(join(found, 'commondir'), 'utf8').trim());
  } catch {
    // not a linked worktree
  }
  files.push(join(common, 'config'), join(found, 'config.worktree'), join(common, 'config.worktree'));
  const submodules = moduleGitDirs(join(common, 'modules'));
  if (submodules === undefined) return { files, submodules: [], ask: true, top };
  return { files, submodules: [...new Set([...submodules, ...checkedOutSubmodules(top)])], ask: false, top };
}

/** Git folders of submodules whose work tree holds its own (a repository cloned or made inside and
 *  added, not absorbed into .git/modules), as .gitmodules lists them, nested ones too. A gitlink
 *  that .gitmodules does not list is not found (see docs/threat-model.md). */
function checkedOutSubmodules(top: string, depth = 0): string[] {
  let text: string;
  try {
    text = readFileSync(join(top, '.gitmodules'), 'utf8');
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const match of text.matchAll(/^\s*path\s*=\s*"?(.*?)"?\s*$/gim)) {
    const at = resolve(top, match[1]);
    if (!at.startsWith(`${top}/`)) continue;
    const repository = gitDirOf(at);
    if (!repository || repository === 'unknown' || repository.top !== at) continue;
    found.push(repository.gitDir);
    if (depth < 3 && found.length < 100) found.push(...checkedOutSubmodules(at, depth + 1));
  }
  return found;
}

/** The git folder for `start` and its work tree's top, found as git finds them (undefined: none;
 *  'unknown': cannot tell). */
function gitDirOf(start: string): { gitDir: string; top: string } | undefined | 'unknown' {
  let at: string;
  try {
    at = realpathSync(start);
  } catch {
    return undefined; // git cannot start there either
  }
  for (;;) {
    const dotGit = join(at, '.git');
    const stats = statOf(dotGit);
    if (stats?.isDirectory()) return { gitDir: dotGit, top: at };
    if (stats?.isFile()) {
      const line = /^gitdir:\s*(.*?)\s*$/m.exec(readFileSync(dotGit, 'utf8'))?.[1];
      return line ? { gitDir: isAbsolute(line) ? line : resolve(at, line), top: at } : 'unknown';
    }
    if (stats?.isSymbolicLink()) return 'unknown';
    // A bare repository, or the inside of a git folder.
    if (statOf(join(at, 'HEAD'))?.isFile() && statOf(join(at, 'objects'))?.isDirectory() && statOf(join(at, 'config'))) return { gitDir: at, top: basename(at) === '.git' ? dirname(at) : at };
    const up = resolve(at, '..');
    if (up === at) return undefined;
    at = up;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    const stats = lstatSync(path);
    return stats.isSymbolicLink() ? (statFollowing(path) ?? stats) : stats;
  } catch {
    return undefined;
  }
}

function statFollowing(path: string): Stats | undefined {
  try {
    return lstatSync(realpathSync(path));
  } catch {
    return undefined;
  }
}

const MAX_MODULE_FOLDERS = 400;

/** Git folders of submodules under `.git/modules` (names may hold slashes; nested ones sit in
 *  `modules/` of their parent's). undefined: too many to look through. */
function moduleGitDirs(root: string): string[] | undefined {
  const found: string[] = [];
  const queue = [root];
  let seen = 0;
  while (queue.length) {
    const dir = queue.pop()!;
    if (++seen > MAX_MODULE_FOLDERS) return undefined;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const isGitDir = entries.some((e) => e.name === 'HEAD') && entries.some((e) => e.name === 'config');
    if (isGitDir) {
      found.push(dir);
      queue.push(join(dir, 'modules'));
    } else {
      for (const e of entries) if (e.isDirectory()) queue.push(join(dir, e.name));
    }
  }
  return found;
}

function truthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}
