// A bounded walk of the folders under a root: the one loop the readers that look through a workspace
// (what a delete would take, which sources a binary is older than) share.
import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** What to do with an entry: look inside it (a folder), go on, or end the walk here. */
export type WalkStep = 'enter' | 'next' | 'stop';

export type WalkEnd =
  | { end: 'done' }
  | { end: 'stopped' }
  /** More than `limit` entries: not everything was looked at. */
  | { end: 'limit' }
  /** A folder could not be listed (only with `unreadable: 'stop'`). */
  | { end: 'unreadable'; folder: string };

export interface WalkOptions {
  /** At most this many entries are visited. */
  limit: number;
  /** Folders nearest the root first (the first match is the shallowest); else depth first. */
  breadthFirst?: boolean;
  /** A folder that cannot be listed ends the walk, or is passed over (the default). */
  unreadable?: 'stop' | 'skip';
}

/** Visits every entry under `root` (not `root` itself); a folder is entered when `visit` says so. */
export function walkFolders(root: string, options: WalkOptions, visit: (entry: Dirent, path: string, folder: string) => WalkStep): WalkEnd {
  const pending = [root];
  let seen = 0;
  while (pending.length) {
    const folder = options.breadthFirst ? pending.shift()! : pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      if (options.unreadable === 'stop') return { end: 'unreadable', folder };
      continue;
    }
    for (const entry of entries) {
      if (++seen > options.limit) return { end: 'limit' };
      const path = join(folder, entry.name);
      const step = visit(entry, path, folder);
      if (step === 'stop') return { end: 'stopped' };
      if (step === 'enter' && entry.isDirectory()) pending.push(path);
    }
  }
  return { end: 'done' };
}
