// What git writes into the working tree from other revisions: a merge, pull from this repository,
// rebase, cherry-pick or revert brings in the changes those commits make; `stash pop|apply|branch`
// the stashed ones; `read-tree -u` a whole tree. The guard matches every file named here, so a
// commit made with plumbing (`hash-object`, `commit-tree`: no working-tree write to judge) cannot
// land a loosened hook registration through a routine-looking merge. Git answers; when it cannot
// (an unknown revision, no repository, a timeout) the caller assumes every guard file changes.
import { execFileSync } from '../../util/exec-file-sync.js';

/** A pair of revisions whose difference lands in the working tree (`to` undefined: the working tree). */
export interface Incoming {
  from: string;
  to?: string;
}

const GIT_TIMEOUT_MS = 2000;

function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', timeout: GIT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The repository's top folder, or undefined outside git. */
export function topLevel(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether git reads `word` as a commit in this repository (as `git checkout WORD path` does before taking it as a path). */
export function isRevision(dir: string, word: string): boolean {
  if (!word || word.startsWith('-')) return false;
  try {
    git(dir, ['rev-parse', '--verify', '-q', `${word}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** Files (absolute) that differ between the two sides, or undefined when git cannot tell. */
export function changedFiles(top: string, change: Incoming): string[] | undefined {
  try {
    const out = git(top, ['diff', '--no-renames', '--name-only', '-z', change.from, ...(change.to ? [change.to] : []), '--']);
    return out.split('\0').filter(Boolean).map((f) => `${top}/${f}`);
  } catch {
    return undefined;
  }
}

/** The stash entry `git stash pop|apply [REF]` or `git stash branch NAME [REF]` brings back (`stash@{0}` when none is named). */
export function stashRefOf(rest: readonly string[]): string {
  if (rest[0] === 'branch') return rest[2] ?? 'stash@{0}';
  return rest.slice(1).find((a) => !a.startsWith('-')) ?? 'stash@{0}';
}

/** Files a stash entry holds, untracked ones included; undefined when git cannot tell. */
export function stashedFiles(top: string, ref: string): string[] | undefined {
  const tracked = changedFiles(top, { from: `${ref}^1`, to: ref });
  if (!tracked) return undefined;
  // The third parent, when there is one, holds the untracked files `stash -u` took.
  let untracked: string[] = [];
  try {
    untracked = git(top, ['ls-tree', '-r', '-z', '--name-only', `${ref}^3`]).split('\0').filter(Boolean).map((f) => `${top}/${f}`);
  } catch {
    /* no untracked files in this stash */
  }
  return [...tracked, ...untracked];
}

/** Options of these subcommands that take a value as the next word. */
const VALUE_OPTIONS: Readonly<Record<string, RegExp>> = {
  merge: /^(-m|-F|-s|-X|--strategy|--strategy-option|--file|--into-name|-S|--gpg-sign|--cleanup)$/,
  pull: /^(-s|-X|--strategy|--strategy-option|--depth|--deepen|--shallow-since|--shallow-exclude|-j|--jobs|--upload-pack|--negotiation-tip|-o|--server-option)$/,
  rebase: /^(--onto|-s|-X|--strategy|--strategy-option|-x|--exec|-C|--whitespace|-S|--gpg-sign)$/,
  'cherry-pick': /^(-m|--mainline|-s|-X|--strategy|--strategy-option|-S|--gpg-sign|--cleanup)$/,
  revert: /^(-m|--mainline|-s|-X|--strategy|--strategy-option|-S|--gpg-sign|--cleanup)$/,
};

/** Sequencer controls: they continue or undo what already started, bringing in nothing new. */
const CONTROLS = /^--(abort|continue|skip|quit|edit-todo|show-current-patch)$/;

/**
 * The changes a merge-like subcommand brings into the working tree; 'none' for a control such as
 * `--abort` and for a pull from a remote (its content comes from the shared repository, which
 * `firebreak ci` judges, and is not here to read before the fetch); 'unknown' for a pull from
 * another repository on this machine.
 */
export function incomingChanges(sub: string, rest: readonly string[], top: string, options: { unconfiguredRemote?: 'none' | 'unknown' } = {}): Incoming[] | 'none' | 'unknown' {
  if (rest.some((a) => CONTROLS.test(a))) return 'none';
  const valued = VALUE_OPTIONS[sub];
  const words: string[] = [];
  let onto: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') continue;
    if (valued?.test(a)) {
      if (a === '--onto') onto = rest[i + 1];
      i++;
      continue;
    }
    if (a.startsWith('--onto=')) onto = a.slice(7);
    if (!a.startsWith('-')) words.push(a);
  }
  switch (sub) {
    case 'merge':
      return (words.length ? words : ['@{upstream}']).map((r) => ({ from: `HEAD...${r}` }));
    case 'rebase': {
      const upstream = words[0] ?? '@{upstream}';
      return [{ from: `HEAD...${onto ?? upstream}` }];
    }
    case 'cherry-pick':
    case 'revert':
      return words.map((r) => (r.includes('..') ? { from: r.split(/\.\.\.?/)[0] || 'HEAD', to: r.split(/\.\.\.?/)[1] || 'HEAD' } : { from: `${r}^`, to: r }));
    case 'pull': {
      // `git pull . BRANCH` (or a path to this repository) merges a local branch.
      const [named, ...refs] = words;
      if (!named) return 'none';
      // A remote's name stands for its URL: one configured with a path on this machine is that repository.
      const repository = LOCAL_REPOSITORY.test(named) ? named : remoteUrl(top, named);
      // A remote configured nowhere yet: git fails, unless the line adds it first (`git remote add x /tmp/y`).
      if (repository === undefined) return options.unconfiguredRemote ?? 'none';
      if (!LOCAL_REPOSITORY.test(repository)) return 'none';
      // Another repository on this machine holds commits nobody has judged, and they are not here to read.
      if (repository !== '.' && repository !== './' && !sameRepository(top, repository)) return 'unknown';
      return (refs.length ? refs : ['HEAD']).map((r) => ({ from: `HEAD...${r.split(':')[0] || 'HEAD'}` }));
    }
    default:
      return 'none';
  }
}

/** A repository named by its path on this machine. */
const LOCAL_REPOSITORY = /^(\.|\.\/|\.\.\/|\/|file:\/\/)/;

/** The URL a remote of this repository is configured with, or undefined when there is none. */
function remoteUrl(top: string, name: string): string | undefined {
  if (/[$`]/.test(name)) return undefined;
  try {
    return git(top, ['config', '--get', `remote.${name}.url`]).trim() || undefined;
  } catch {
    return undefined;
  }
}

function sameRepository(top: string, repository: string): boolean {
  const path = repository.replace(/^file:\/\//, '');
  return topLevel(path.startsWith('/') ? path : `${top}/${path}`) === top;
}
