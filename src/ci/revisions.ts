// The two revisions a CI run compares, made present on a shallow checkout when possible.
import { CiError } from './errors.js';
import { hasCommit, mergeBase, resolveCommit, tryGit } from './git.js';

export interface Revisions {
  base: string;
  head: string;
  /** The commit the change is measured from: merge-base(base, head) when it can be computed. */
  from: string;
  /** What was fetched or assumed to get here, for the report. */
  notes: string[];
}

export interface RevisionOptions {
  remote?: string;
  /** Test seam and CI knob: never fetch (the error then says what to change). */
  noFetch?: boolean;
}

/** Resolves base and head; a base missing from a shallow clone is fetched from the remote. */
export async function prepareRevisions(cwd: string, baseRev: string, headRev: string, options: RevisionOptions = {}): Promise<Revisions> {
  if ((await tryGit(cwd, ['rev-parse', '--git-dir'])) === undefined) throw new CiError(`${cwd} is not a git repository`);
  const notes: string[] = [];
  const remote = options.remote ?? 'origin';
  for (const rev of [headRev, baseRev]) {
    if (await hasCommit(cwd, rev)) continue;
    if (options.noFetch) throw missing(rev, 'fetching is disabled');
    const fetched = await fetchRevision(cwd, remote, rev);
    if (!fetched.ok) throw missing(rev, fetched.reason);
    notes.push(`fetched ${rev} from ${remote} (shallow checkout)`);
  }
  const base = await resolveCommit(cwd, baseRev);
  const head = await resolveCommit(cwd, headRev);
  let from = await mergeBase(cwd, base, head);
  if (!from && (await isShallow(cwd)) && !options.noFetch) {
    // The histories do not meet inside the shallow window: deepen until they do, within reason.
    for (const depth of [50, 500]) {
      await tryGit(cwd, ['fetch', '--no-tags', `--deepen=${depth}`, remote]);
      from = await mergeBase(cwd, base, head);
      if (from) break;
    }
  }
  if (!from) {
    notes.push(`no common ancestor of ${short(base)} and ${short(head)} was found: comparing the two revisions directly`);
    from = base;
  } else if (from !== base) {
    notes.push(`compared from the merge base ${short(from)} of ${short(base)} and ${short(head)}`);
  }
  return { base, head, from, notes };
}

async function fetchRevision(cwd: string, remote: string, rev: string): Promise<{ ok: boolean; reason: string }> {
  const url = await tryGit(cwd, ['remote', 'get-url', remote]);
  if (!url) return { ok: false, reason: `there is no remote "${remote}" to fetch it from` };
  const refspecs = /^[0-9a-f]{7,40}$/i.test(rev) ? [rev] : [rev, `+refs/heads/${rev}:refs/remotes/${remote}/${rev}`];
  for (const spec of refspecs) {
    await tryGit(cwd, ['fetch', '--no-tags', '--depth=1', remote, spec]);
    if (await hasCommit(cwd, rev)) return { ok: true, reason: '' };
  }
  return { ok: false, reason: `git fetch ${remote} ${rev} did not bring it` };
}

async function isShallow(cwd: string): Promise<boolean> {
  return (await tryGit(cwd, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
}

function missing(rev: string, reason: string): CiError {
  return new CiError(
    `revision ${rev} is not in this checkout and could not be fetched (${reason}). ` +
      'On GitHub Actions use actions/checkout with fetch-depth: 0, or fetch the base branch before running firebreak ci.',
  );
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
