// git subcommands that lose work or rewrite shared history. Everything else in git is local
// and reversible through the reflog (no action); unknown subcommands are 'unknown'.
import type { Evidence, Operation, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, unknownCommand, type RecognisedCommand, type Recogniser } from '../command.js';
import { parseOptions } from '../options.js';

/** Subcommands that only read or change local state recoverable from the reflog. */
const LOCAL_GIT = new Set(['status', 'log', 'diff', 'show', 'add', 'commit', 'fetch', 'pull', 'clone', 'init', 'switch', 'merge', 'rebase',
  'tag', 'remote', 'config', 'blame', 'grep', 'ls-files', 'ls-remote', 'ls-tree', 'rev-parse', 'rev-list', 'describe', 'cherry-pick', 'revert', 'mv', 'rm',
  'worktree', 'submodule', 'bisect', 'reflog', 'shortlog', 'apply', 'am', 'format-patch', 'archive', 'cat-file', 'show-ref', 'symbolic-ref',
  'merge-base', 'name-rev', 'notes', 'range-diff', 'whatchanged', 'help', 'version', 'gc', 'fsck', 'count-objects', 'verify-commit', 'sparse-checkout',
  'lfs', 'mergetool', 'difftool', 'check-ignore', 'check-attr', 'for-each-ref', 'update-index', 'hash-object', 'bundle', 'maintenance', 'shortlog', 'stage', 'citool', 'gui']);

export const git: Recogniser = (cmd) => {
  const args = cmd.argv.slice(1);
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += args[i] === '-C' || args[i] === '-c' || args[i] === '--git-dir' || args[i] === '--work-tree' ? 2 : 1;
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (!sub) return [];
  const g = new GitAction(cmd);
  switch (sub) {
    case 'push': return push(g, rest);
    case 'reset': return rest.includes('--hard') || rest.includes('--merge') || rest.includes('--keep')
      ? [g.make('delete', 'reset --hard', 'git:worktree', '.', 'resource', 'irreversible', [commandEvidence('reset --hard discards uncommitted changes in tracked files; they are not in the reflog', '--hard')])]
      : [];
    case 'clean': return clean(g, rest);
    case 'branch': return branch(g, rest);
    case 'checkout': return checkout(g, rest);
    case 'restore': return restore(g, rest);
    case 'stash': return stash(g, rest);
    case 'filter-branch': case 'filter-repo':
      return [g.make('update', sub, 'git:ref', '(all refs)', 'environment', 'recoverable', [commandEvidence(`${sub} rewrites every commit; the originals survive only in refs/original and the reflog`, sub)])];
    case 'update-ref': return rest.includes('-d') ? [g.make('delete', 'update-ref -d', 'git:ref', rest.find((a) => !a.startsWith('-')) ?? '(ref)', 'resource', 'recoverable', [commandEvidence('deletes a ref; the commit stays in the reflog for a while', '-d')])] : [];
    default: return LOCAL_GIT.has(sub) ? [] : [unknownCommand(cmd, `git ${sub} is not a subcommand Firebreak recognises`, sub)];
  }
};

class GitAction {
  constructor(private readonly cmd: RecognisedCommand) {}
  make(operation: Operation, verb: string, type: string, id: string, scope: PlannedAction['scope'], reversibility: Reversibility, evidence: Evidence[], details?: Record<string, unknown>): PlannedAction {
    return makeAction(this.cmd, { operation, verb, tool: 'git', target: { type, id }, scope, evidence, intrinsic: { reversibility, evidence }, details });
  }
}

const PUSH_WITH_ARGUMENT = new Set(['--repo', '-o', '--push-option', '--receive-pack', '--exec']);

function push(g: GitAction, args: string[]): PlannedAction[] {
  const p = parseOptions(args, { clusters: true, withArgument: PUSH_WITH_ARGUMENT });
  const force = p.values.has('--force') || p.values.has('-f');
  const lease = [...p.values.keys()].some((k) => k === '--force-with-lease' || k === '--force-if-includes');
  const del = p.values.has('--delete') || p.values.has('-d');
  const mirror = p.values.has('--mirror');
  const [remote = 'origin', ...refspecs] = p.positionals;
  const actions: PlannedAction[] = [];
  if (mirror) {
    actions.push(g.make('update', 'push --mirror', 'git:ref', `${remote}/*`, 'environment', 'irreversible',
      [commandEvidence('push --mirror overwrites and deletes every remote ref to match the local repository', '--mirror')], { remote }));
  }
  for (const spec of refspecs.length ? refspecs : ['(current branch)']) {
    const plus = spec.startsWith('+');
    const colon = spec.indexOf(':');
    const dst = colon >= 0 ? spec.slice(colon + 1) : spec.replace(/^\+/, '');
    const id = `${remote}/${dst || spec}`;
    if (del || (colon === 0 && dst)) {
      actions.push(g.make('delete', 'push --delete', 'git:ref', `${remote}/${dst || spec}`, 'resource', 'recoverable',
        [commandEvidence(`deletes the remote branch ${dst || spec}; it can be pushed again only if a local copy exists`, '--delete')], { remote }));
    } else if (force || plus) {
      actions.push(g.make('update', 'push --force', 'git:ref', id, 'resource', 'irreversible',
        [commandEvidence(`${plus ? `+${dst}` : '--force'} overwrites the remote history of ${dst}: commits others pushed are lost from the remote`, plus ? 'refspec' : '--force')], { remote }));
    } else if (lease) {
      actions.push(g.make('update', 'push --force-with-lease', 'git:ref', id, 'resource', 'recoverable',
        [commandEvidence('--force-with-lease overwrites remote history only if it is what was last fetched: the replaced commits are still in the local reflog', '--force-with-lease')], { remote }));
    }
  }
  return actions;
}

function clean(g: GitAction, args: string[]): PlannedAction[] {
  const flags = args.filter((a) => a.startsWith('-') && !a.startsWith('--')).join('');
  const force = flags.includes('f') || args.includes('--force');
  const dryRun = flags.includes('n') || args.includes('--dry-run');
  if (!force || dryRun) return [];
  const evidence = [commandEvidence('git clean deletes untracked files, which git never stored', '-f')];
  if (flags.includes('x') || flags.includes('X')) evidence.push(commandEvidence('-x also deletes ignored files (.env, local configs, build caches)', '-x'));
  if (flags.includes('d')) evidence.push(commandEvidence('-d also deletes untracked directories', '-d'));
  const paths = args.filter((a) => !a.startsWith('-'));
  return [g.make('delete', `clean -${[...new Set(flags.replace(/-/g, ''))].join('')}`, 'git:worktree', paths.join(' ') || '.', 'resource', 'irreversible', evidence)];
}

function branch(g: GitAction, args: string[]): PlannedAction[] {
  const forceDelete = args.includes('-D') || ((args.includes('-d') || args.includes('--delete')) && (args.includes('-f') || args.includes('--force')));
  if (!forceDelete) return [];
  const remote = args.includes('-r') || args.includes('--remotes');
  return args.filter((a) => !a.startsWith('-')).map((name) => g.make('delete', 'branch -D', 'git:ref', name, 'resource', 'recoverable',
    [commandEvidence(`force-deletes ${remote ? 'the remote-tracking' : 'the local'} branch ${name} even if unmerged; its commits stay in the reflog for about 90 days`, '-D')]));
}

function checkout(g: GitAction, args: string[]): PlannedAction[] {
  const dash = args.indexOf('--');
  const paths = dash >= 0 ? args.slice(dash + 1) : args.filter((a) => a === '.' || a === ':/' || a.startsWith('./'));
  if (!paths.length) return [];
  return [discard(g, 'checkout --', paths)];
}

function restore(g: GitAction, args: string[]): PlannedAction[] {
  const stagedOnly = (args.includes('--staged') || args.includes('-S')) && !args.includes('--worktree') && !args.includes('-W');
  if (stagedOnly) return [];
  const paths = args.filter((a) => !a.startsWith('-') && a !== '--');
  return paths.length ? [discard(g, 'restore', paths)] : [];
}

function discard(g: GitAction, verb: string, paths: string[]): PlannedAction {
  return g.make('update', verb, 'git:worktree', paths.join(' '), paths.some((p) => p === '.' || p === ':/') ? 'environment' : 'resource', 'irreversible',
    [commandEvidence(`discards uncommitted changes in ${paths.join(' ')}; they are not in the reflog`, verb)]);
}

function stash(g: GitAction, args: string[]): PlannedAction[] {
  const sub = args[0];
  if (sub === 'drop' || sub === 'clear') {
    return [g.make('delete', `stash ${sub}`, 'git:stash', sub === 'clear' ? '(all stashes)' : args[1] ?? 'stash@{0}', 'resource', 'recoverable',
      [commandEvidence(`stash ${sub}: dropped stashes can only be found again with git fsck --unreachable`, sub)])];
  }
  return [];
}
