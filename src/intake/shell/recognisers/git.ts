// git by what it loses. Committed work is recoverable (the reflog, other refs, the remote);
// uncommitted work and untracked files are not. Where the workspace is known, what a command would
// discard is read from the real repository (`git status`, `git clean -n`), as
// src/predict/workspace-files.ts does for deletes: nothing to lose, no action; something to lose,
// an irreversible action listing it. Shared history (force pushes and deletes on shared branches,
// mirror and prune pushes) and published releases (tags) are never passed.
import { execFileSync } from '../../../util/exec-file-sync.js';
import { trackedCleanIn } from '../../../fast/git-status.js';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Evidence, Operation, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { SHARED_BRANCH, TAG_NAME } from '../../../knowledge/git.js';
import { commandEvidence, makeAction, unknownCommand, type RecognisedCommand, type Recogniser } from '../command.js';
import { hasOption, optionValue, parseOptions } from '../options.js';
import { GIT_GLOBAL_WITH_ARGUMENT, gitRuns } from './git-runs.js';
import { classifyLocation } from '../locations.js';
import { clonedEarlier } from '../cloned-repositories.js';
import { deletedThroughMoves } from '../moves.js';

/** Subcommands that only read or change local state recoverable from the reflog. */
const LOCAL_GIT = new Set(['status', 'log', 'diff', 'show', 'add', 'commit', 'fetch', 'pull', 'clone', 'init', 'merge', 'rebase',
  'tag', 'remote', 'config', 'blame', 'grep', 'ls-files', 'ls-remote', 'ls-tree', 'rev-parse', 'rev-list', 'describe', 'cherry-pick', 'revert', 'mv', 'rm',
  'worktree', 'submodule', 'bisect', 'shortlog', 'apply', 'am', 'format-patch', 'archive', 'cat-file', 'show-ref', 'symbolic-ref',
  'merge-base', 'name-rev', 'notes', 'range-diff', 'whatchanged', 'help', 'version', 'fsck', 'count-objects', 'verify-commit', 'verify-tag', 'sparse-checkout',
  'lfs', 'mergetool', 'difftool', 'check-ignore', 'check-attr', 'for-each-ref', 'update-index', 'hash-object', 'bundle', 'maintenance', 'stage', 'citool', 'gui',
  'diff-index', 'diff-files', 'diff-tree', 'show-branch', 'var', 'write-tree', 'commit-tree', 'read-tree', 'mktree', 'interpret-trailers', 'credential',
  'check-ref-format', 'column', 'request-pull', 'send-email', 'cherry', 'get-tar-commit-id', 'unpack-objects', 'pack-objects', 'index-pack', 'verify-pack',
  'annotate', 'restore --staged', 'backfill', 'replay', 'fast-export', 'instaweb', 'rerere', 'shell', 'hook']);
export const git: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  let i = 0;
  let dir: string | undefined;
  let workTree = cmd.env.GIT_WORK_TREE;
  while (i < args.length && args[i].startsWith('-')) {
    if (args[i] === '-C') dir = args[i + 1];
    if (args[i] === '--work-tree') workTree = args[i + 1];
    if (args[i].startsWith('--work-tree=')) workTree = args[i].slice(12);
    i += GIT_GLOBAL_WITH_ARGUMENT.has(args[i]) ? 2 : 1;
  }
  const sub = args[i];
  const rest = args.slice(i + 1);
  const repository = repositoryOf(cmd, dir, workTree);
  // Commands git runs besides itself (settings, hooks, --exec, ext::): judged first.
  const runs = await gitRuns(cmd, repository);
  if (!sub) return runs;
  if (rest.includes('--help') || rest.includes('-h')) return runs;
  return [...runs, ...subcommand(cmd, new GitAction(cmd, repository), sub, rest)];
};

function subcommand(cmd: RecognisedCommand, g: GitAction, sub: string, rest: string[]): PlannedAction[] {
  switch (sub) {
    case 'push': return push(g, rest);
    case 'reset': return reset(g, rest);
    case 'clean': return clean(g, rest);
    case 'branch': return branch(g, rest);
    case 'checkout': return checkout(g, rest);
    case 'switch': return switchBranch(g, rest);
    case 'restore': return restore(g, rest);
    case 'stash': return stash(cmd, g, rest);
    case 'rm': return remove(g, rest);
    case 'reflog': return reflog(g, rest);
    case 'gc': return gc(g, rest);
    case 'prune': return prune(g, rest);
    case 'filter-branch': case 'filter-repo':
      return [g.make('update', sub, 'git:ref', '(all refs)', 'environment', 'recoverable', [commandEvidence(`${sub} rewrites every commit; the originals survive only in refs/original and the reflog`, sub)])];
    case 'worktree': return worktree(cmd, g, rest);
    case 'read-tree': return readTree(g, rest);
    case 'update-ref': return rest.includes('-d') ? [g.make('delete', 'update-ref -d', 'git:ref', rest.find((a) => !a.startsWith('-')) ?? '(ref)', 'resource', 'recoverable', [commandEvidence('deletes a ref; the commit stays in the reflog for a while', '-d')])] : [];
    default: return LOCAL_GIT.has(sub) ? [] : [unknownCommand(cmd, `git ${sub} is not a subcommand Firebreak recognises`, sub)];
  }
}

/** The repository directory the command acts in, when it can be known on this machine; a work
 *  tree named with --work-tree or GIT_WORK_TREE is where checkouts and cleans happen. */
function repositoryOf(cmd: RecognisedCommand, dashC: string | undefined, workTree?: string): string | undefined {
  if (!cmd.workspace) return undefined;
  let dir = cmd.workspace;
  for (const given of [cmd.cwd, dashC, workTree]) {
    if (given === undefined) continue;
    const step = given === '~' ? homedir() : given.startsWith('~/') ? join(homedir(), given.slice(2)) : given;
    if (/[$`~]/.test(step)) return undefined;
    dir = isAbsolute(step) ? step : resolve(dir, step);
  }
  return dir;
}

class GitAction {
  constructor(private readonly cmd: RecognisedCommand, readonly repository: string | undefined) {}

  make(operation: Operation, verb: string, type: string, id: string, scope: PlannedAction['scope'], reversibility: Reversibility, evidence: Evidence[], details?: Record<string, unknown>): PlannedAction {
    return makeAction(this.cmd, { operation, verb, tool: 'git', target: { type, id }, scope, evidence, intrinsic: { reversibility, evidence }, details });
  }

  /** Runs git read-only in the repository; undefined when it cannot (no workspace, not a repository, an error). */
  read(...args: string[]): string | undefined {
    if (!this.repository) return undefined;
    try {
      return execFileSync('git', ['-C', this.repository, ...args], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
    } catch {
      return undefined;
    }
  }

  /** Whether `name` names a commit here; undefined when the repository cannot be asked. */
  isCommit(name: string): boolean | undefined {
    if (!this.repository || name.startsWith('-')) return undefined;
    if (this.read('rev-parse', '--git-dir') === undefined) return undefined;
    return this.read('rev-parse', '--verify', '-q', '--end-of-options', `${name}^{commit}`) !== undefined;
  }

  /** Lines of `git status --porcelain` for these paths, or the whole work tree when none are given
   *  (`git reset --hard` in a subfolder discards changes everywhere); tracked changes only unless
   *  untracked asked. */
  changes(paths: string[], untracked = false): string[] | undefined {
    if (this.freshClone()) return [];
    const spec = paths.length ? paths : [':/'];
    // Nothing tracked changed, read from the repository's files when it can be (src/fast/git-status.ts).
    if (!untracked && this.repository && trackedCleanIn(this.repository, spec)) return [];
    const out = this.read('status', '--porcelain', `--untracked-files=${untracked ? 'all' : 'no'}`, '--', ...spec);
    return out === undefined ? undefined : out.split('\n').filter(Boolean);
  }

  /** A clone the line made earlier where nothing is now (cloned-repositories.ts), and moved nothing into: no work of anyone's in it yet. */
  private freshClone(): boolean {
    const at = this.repository;
    return at !== undefined && !existsSync(at) && clonedEarlier(this.cmd.files, at) && !deletedThroughMoves(this.cmd.files, at, undefined, this.cmd.workspace).reached.length;
  }

  currentBranch(): string | undefined {
    const out = this.read('symbolic-ref', '--short', '-q', 'HEAD');
    return out?.trim() || undefined;
  }
}

/** What discarding the working-tree changes in `paths` loses: nothing (no action) or those files (irreversible). */
function discard(g: GitAction, verb: string, paths: string[], key: string, operation: Operation = 'update', untracked = false): PlannedAction[] {
  const changed = g.changes(paths, untracked);
  const where = paths.join(' ') || '.';
  if (changed && changed.length === 0) return [];
  const scope: PlannedAction['scope'] = paths.length === 0 || paths.some((p) => p === '.' || p === ':/') ? 'environment' : 'resource';
  const evidence = changed
    ? [commandEvidence(`${verb} discards uncommitted changes in ${changed.length} file(s): ${summarise(changed)}; they were never committed, so git cannot bring them back`, key)]
    : [commandEvidence(`${verb} discards uncommitted changes in ${where}; they are not in the reflog (the workspace could not be inspected)`, key)];
  return [g.make(operation, verb, 'git:worktree', where, scope, 'irreversible', evidence, changed ? { files: changed.map((l) => l.slice(3)) } : undefined)];
}

function summarise(lines: string[]): string {
  const files = lines.map((l) => l.slice(3));
  return files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ');
}

function reset(g: GitAction, args: string[]): PlannedAction[] {
  const hard = args.includes('--hard');
  if (!hard && !args.includes('--merge') && !args.includes('--keep')) return [];
  return discard(g, `reset ${hard ? '--hard' : args.includes('--merge') ? '--merge' : '--keep'}`, [], '--hard', 'delete');
}

const CHECKOUT_WITH_ARGUMENT = new Set(['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file']);

function checkout(g: GitAction, args: string[]): PlannedAction[] {
  const dash = args.indexOf('--');
  const p = parseOptions(dash >= 0 ? args.slice(0, dash) : args, { clusters: true, withArgument: CHECKOUT_WITH_ARGUMENT });
  const force = hasOption(p, '-f', '--force');
  let paths = dash >= 0 ? args.slice(dash + 1) : [];
  if (dash < 0 && !hasOption(p, '-b', '-B', '--orphan')) {
    // `git checkout TREE-ISH PATH...` restores those paths from it; a first word that is no commit is
    // a path too (`git checkout file.txt` restores it from the index).
    const [first, ...others] = p.positionals;
    if (first !== undefined) {
      const commit = g.isCommit(first);
      if (others.length) paths = commit === false ? [first, ...others] : others;
      else if (commit === false || first === '.' || first === ':/' || first.startsWith('./')) paths = [first];
    }
  }
  const fromFile = optionValue(p, '--pathspec-from-file');
  if (fromFile !== undefined) return discard(g, `checkout --pathspec-from-file=${fromFile}`, [], '--pathspec-from-file');
  // -f with a branch (or a name git may yet resolve, say from a remote) throws away the whole tree's changes.
  if (force && dash < 0 && p.positionals.length <= 1) return discard(g, 'checkout -f', [], '-f');
  if (paths.length) return discard(g, 'checkout --', paths, 'checkout --');
  if (force) return discard(g, 'checkout -f', [], '-f');
  return [];
}

function switchBranch(g: GitAction, args: string[]): PlannedAction[] {
  const p = parseOptions(args, { clusters: true, withArgument: new Set(['-c', '-C', '--create', '--force-create', '--orphan', '--conflict']) });
  if (hasOption(p, '--discard-changes', '-f', '--force')) return discard(g, 'switch --discard-changes', [], '--discard-changes');
  return [];
}

function restore(g: GitAction, args: string[]): PlannedAction[] {
  const p = parseOptions(args, { clusters: true, withArgument: new Set(['-s', '--source', '--pathspec-from-file']) });
  const staged = p.values.has('--staged') || p.values.has('-S');
  const worktree = p.values.has('--worktree') || p.values.has('-W');
  if (staged && !worktree) return [];
  return p.positionals.length ? discard(g, 'restore', p.positionals, 'restore') : [];
}

function clean(g: GitAction, args: string[]): PlannedAction[] {
  const flags = args.filter((a) => a.startsWith('-') && !a.startsWith('--')).join('');
  const force = flags.includes('f') || args.includes('--force');
  const dryRun = flags.includes('n') || args.includes('--dry-run');
  if (!force || dryRun) return [];
  // `-e PATTERN` / `-fe PATTERN` / `--exclude PATTERN` take the next word: it is a pattern, not a path.
  const paths: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { paths.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-')) { paths.push(a); continue; }
    if (/^(-[a-zA-Z]*i[a-zA-Z]*|--interactive)$/.test(a)) continue;
    options.push(a);
    if ((a === '--exclude' || /^-[a-zA-Z]*e$/.test(a)) && i + 1 < args.length) options.push(args[++i]);
  }
  // What it would delete, from git itself: `git clean -n` with the same options.
  const listed = g.read('clean', '-n', ...options.filter((o) => o !== '--force'), '--', ...paths);
  const evidence = [commandEvidence('git clean deletes untracked files, which git never stored', '-f')];
  if (flags.includes('x') || flags.includes('X')) evidence.push(commandEvidence('-x also deletes ignored files (.env, local configs, build caches)', '-x'));
  if (flags.includes('d')) evidence.push(commandEvidence('-d also deletes untracked directories', '-d'));
  const verb = `clean -${[...new Set(flags.replace(/-/g, ''))].join('')}`;
  if (listed !== undefined) {
    const files = listed.split('\n').filter(Boolean).map((l) => l.replace(/^Would (remove|skip repository) /, ''));
    if (!files.length) return [];
    evidence.push(commandEvidence(`it would delete ${files.length} untracked path(s): ${files.length > 5 ? `${files.slice(0, 5).join(', ')} and ${files.length - 5} more` : files.join(', ')}`, 'files'));
    return [g.make('delete', verb, 'git:worktree', paths.join(' ') || '.', 'resource', 'irreversible', evidence, { files })];
  }
  return [g.make('delete', verb, 'git:worktree', paths.join(' ') || '.', 'resource', 'irreversible', evidence)];
}

const BRANCH_WITH_ARGUMENT = new Set(['-u', '--set-upstream-to', '--sort', '--format', '--points-at']);

function branch(g: GitAction, rawArgs: string[]): PlannedAction[] {
  const p = parseOptions(rawArgs, { clusters: true, withArgument: BRANCH_WITH_ARGUMENT });
  const forceDelete = hasOption(p, '-D') || (hasOption(p, '-d', '--delete') && hasOption(p, '-f', '--force'));
  if (!forceDelete) return [];
  const remote = hasOption(p, '-r', '--remotes');
  return p.positionals.flatMap((name) => {
    // Committed work is recoverable: a branch whose commits another ref still holds loses nothing.
    if (!remote && g.read('for-each-ref', '--contains', `refs/heads/${name}`, '--format=%(refname)')?.split('\n').some((r) => r && r !== `refs/heads/${name}`)) return [];
    return [g.make('delete', 'branch -D', 'git:ref', name, 'resource', 'recoverable',
      [commandEvidence(`force-deletes ${remote ? 'the remote-tracking' : 'the local'} branch ${name} even if unmerged; its commits stay in the reflog for about 90 days`, '-D')])];
  });
}

function stash(cmd: RecognisedCommand, g: GitAction, args: string[]): PlannedAction[] {
  const sub = args[0];
  if (sub !== 'drop' && sub !== 'clear') return [];
  // No stash now loses nothing, unless something earlier in the line (`git stash && git stash drop`) makes one.
  if (cmd.firstToTouchFiles && g.read('stash', 'list')?.trim() === '') return [];
  return [g.make('delete', `stash ${sub}`, 'git:stash', sub === 'clear' ? '(all stashes)' : args[1] ?? 'stash@{0}', 'resource', 'recoverable',
    [commandEvidence(`stash ${sub}: stashed changes were never committed; dropped stashes can only be found again with git fsck --unreachable`, sub)])];
}

/** `git rm -f` removes files with uncommitted changes too (without -f git refuses); `--cached` keeps the files. */
function remove(g: GitAction, args: string[]): PlannedAction[] {
  const dash = args.indexOf('--');
  const p = parseOptions(dash >= 0 ? args.slice(0, dash) : args, { clusters: true, withArgument: new Set(['--pathspec-from-file']) });
  if (!hasOption(p, '-f', '--force') || hasOption(p, '--cached', '-n', '--dry-run')) return [];
  const paths = [...p.positionals, ...(dash >= 0 ? args.slice(dash + 1) : [])];
  return discard(g, 'rm -f', paths, '-f', 'delete');
}

/** `worktree remove --force` deletes a linked work tree with its uncommitted and untracked files
 *  (without --force git refuses when there are any); other worktree commands keep files. */
function worktree(cmd: RecognisedCommand, g: GitAction, args: string[]): PlannedAction[] {
  if (args[0] !== 'remove') return [];
  const force = args.slice(1).find((a) => a === '--force' || /^-f+$/.test(a));
  if (!force) return [];
  const path = args.slice(1).filter((a) => !a.startsWith('-')).pop();
  // A path computed at run time is, in scripts, the temporary work tree the script added itself; a
  // linked work tree is never the main one (git refuses to remove that). Left unjudged: docs/threat-model.md.
  if (path !== undefined && /[$`]|RUNTIME_VALUE/i.test(path)) return [];
  const there = path === undefined || path.startsWith('~') ? undefined : isAbsolute(path) ? path : g.repository ? resolve(g.repository, path) : undefined;
  // A work tree the script added in scratch space (a mkdtemp folder) is scratch like any file there;
  // a relative path is judged where the checkout is, even when that is under /tmp.
  if (there && path && isAbsolute(path) && classifyLocation(there, { workspace: g.repository ?? cmd.workspace ?? process.cwd(), home: process.env.HOME ?? '', tmpdir: process.env.TMPDIR, runnerTemp: process.env.RUNNER_TEMP }, /X{6}$/.test(there)).kind === 'scratch') return [];
  return discard(new GitAction(cmd, there), `worktree remove ${force}`, [], force, 'delete', true);
}

/** `read-tree -u --reset` overwrites the work tree from a tree, uncommitted changes included
 *  (`-m -u` refuses to, and without -u only the index changes). */
function readTree(g: GitAction, args: string[]): PlannedAction[] {
  if (!args.includes('-u') || !args.includes('--reset')) return [];
  return discard(g, 'read-tree -u --reset', [], '--reset');
}

function reflog(g: GitAction, args: string[]): PlannedAction[] {
  if (args[0] !== 'expire' && args[0] !== 'delete') return [];
  return [g.make('delete', `reflog ${args[0]}`, 'git:reflog', args.includes('--all') ? '(all refs)' : args.filter((a) => !a.startsWith('-')).slice(1).join(' ') || 'HEAD', 'environment', 'irreversible',
    [commandEvidence(`reflog ${args[0]} throws away the record that makes reset, rebase and deleted branches recoverable`, 'reflog')])];
}

function gc(g: GitAction, args: string[]): PlannedAction[] {
  const prune = args.find((a) => a.startsWith('--prune='));
  if (!prune || !/=(now|all)$/.test(prune)) return [];
  return [g.make('delete', `gc ${prune}`, 'git:objects', '(unreachable objects)', 'environment', 'irreversible',
    [commandEvidence(`gc ${prune} deletes unreachable commits at once: whatever only the reflog or a dropped stash still held is gone`, prune)])];
}

function prune(g: GitAction, args: string[]): PlannedAction[] {
  if (args.includes('-n') || args.includes('--dry-run')) return [];
  return [g.make('delete', 'prune', 'git:objects', '(unreachable objects)', 'environment', 'irreversible',
    [commandEvidence('git prune deletes unreachable objects (dropped stashes, commits of deleted branches)', 'prune')])];
}

const PUSH_WITH_ARGUMENT = new Set(['--repo', '-o', '--push-option', '--receive-pack', '--exec']);

function push(g: GitAction, args: string[]): PlannedAction[] {
  const p = parseOptions(args, { clusters: true, withArgument: PUSH_WITH_ARGUMENT });
  if (p.values.has('-n') || p.values.has('--dry-run')) return [];
  const force = p.values.has('--force') || p.values.has('-f');
  const lease = [...p.values.keys()].some((k) => k === '--force-with-lease' || k === '--force-if-includes');
  const del = p.values.has('--delete') || p.values.has('-d');
  const mirror = p.values.has('--mirror');
  const pruneRefs = p.values.has('--prune');
  const tags = p.values.has('--tags') || p.values.has('--follow-tags') || p.values.has('--all') && p.values.has('--tags');
  const [remote = 'origin', ...refspecs] = p.positionals;
  const actions: PlannedAction[] = [];
  if (mirror) {
    actions.push(g.make('update', 'push --mirror', 'git:ref', `${remote}/*`, 'environment', 'irreversible',
      [commandEvidence('push --mirror overwrites and deletes every remote ref to match the local repository', '--mirror')], { remote }));
  }
  if (pruneRefs) {
    actions.push(g.make('delete', 'push --prune', 'git:ref', `${remote}/*`, 'environment', 'recoverable',
      [commandEvidence('push --prune deletes every remote branch that has no local counterpart', '--prune')], { remote }));
  }
  if (tags) {
    actions.push(g.make('update', 'push --tags', 'git:tag', `${remote}/tags`, 'resource', 'recoverable',
      [commandEvidence('pushing tags publishes releases: CI release pipelines and package registries act on them', '--tags')], { remote, publishes: true }));
  }
  const current = g.currentBranch();
  for (const spec of refspecs.length ? refspecs : [current ?? '(current branch)']) {
    const plus = spec.startsWith('+');
    const colon = spec.indexOf(':');
    const src = (colon >= 0 ? spec.slice(0, colon) : spec).replace(/^\+/, '');
    const dst = (colon >= 0 ? spec.slice(colon + 1) : src).replace(/^refs\/heads\//, '');
    const id = `${remote}/${dst || spec}`;
    if (del || (colon === 0 && dst)) {
      actions.push(g.make('delete', 'push --delete', 'git:ref', id, 'resource', 'recoverable',
        [commandEvidence(`deletes the remote ${isTag(g, dst) ? 'tag' : 'branch'} ${dst || spec}; it can be pushed again only if a local copy exists`, '--delete')], { remote }));
      continue;
    }
    if (isTag(g, dst) || isTag(g, src)) {
      actions.push(g.make('update', 'push tag', 'git:tag', id, 'resource', 'recoverable',
        [commandEvidence(`pushes the tag ${dst}: publishing a release (CI release pipelines and registries act on tags)`, 'tag', dst)], { remote, publishes: true }));
      continue;
    }
    const shared = dst === '(current branch)' || SHARED_BRANCH.test(dst) || /[$`]/.test(dst);
    if (force || plus) {
      if (!shared) continue; // the agent's own branch: its old history stays in the local reflog
      actions.push(g.make('update', 'push --force', 'git:ref', id, 'resource', 'irreversible',
        [commandEvidence(`${plus ? `+${dst}` : '--force'} overwrites the history of the shared branch ${dst}: commits others pushed are lost from the remote`, plus ? 'refspec' : '--force')], { remote }));
    } else if (lease) {
      if (!shared) continue;
      actions.push(g.make('update', 'push --force-with-lease', 'git:ref', id, 'resource', 'recoverable',
        [commandEvidence(`--force-with-lease rewrites the history of the shared branch ${dst} (only if it is what was last fetched)`, '--force-with-lease')], { remote }));
    }
  }
  return actions;
}

/** A tag by the repository's own refs, or by its form (`refs/tags/x`, `v1.2.3`). */
function isTag(g: GitAction, ref: string): boolean {
  if (!ref) return false;
  if (ref.startsWith('refs/tags/')) return true;
  if (ref.startsWith('refs/heads/')) return false;
  const known = g.read('show-ref', '--verify', '-q', `refs/tags/${ref}`);
  if (known !== undefined) return true;
  return TAG_NAME.test(ref) && !SHARED_BRANCH.test(ref) && g.read('show-ref', '--verify', '-q', `refs/heads/${ref}`) === undefined;
}

