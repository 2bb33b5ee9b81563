// Where an absolute path lies, for judging a write or delete there: the workspace, scratch space,
// credentials, a database's data, the system, the user's home, or elsewhere.
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CREDENTIAL_PATHS, DATABASE_DATA_DIRECTORIES, DATABASE_DATA_MARKERS, SCRATCH_RESIDENTS, SCRATCH_ROOTS, SYSTEM_TOP } from '../../knowledge/workspace-files.js';
import { isWithin } from './path-resolve.js';

export type LocationKind = 'workspace' | 'scratch' | 'credentials' | 'database-data' | 'system' | 'home' | 'elsewhere';

export interface Location {
  kind: LocationKind;
  /** Plain words: why the path is that kind of place. */
  why: string;
}

export interface LocationContext {
  workspace: string;
  home: string;
  /** $TMPDIR of the process. */
  tmpdir?: string;
  /** $RUNNER_TEMP of the process: the GitHub Actions runner's per-job scratch folder, emptied for every job. */
  runnerTemp?: string;
}

/** The scratch root a path is in, if any. */
export function scratchRoot(p: string, ctx: LocationContext): string | undefined {
  const roots = [...SCRATCH_ROOTS, ...(ctx.tmpdir ? [resolve(ctx.tmpdir)] : []), ...(ctx.runnerTemp ? [resolve(ctx.runnerTemp)] : [])];
  return roots.filter((r) => isWithin(p, r)).sort((a, b) => b.length - a.length)[0];
}

export function classifyLocation(p: string, ctx: LocationContext, mktemp = false): Location {
  const data = databaseData(p);
  if (data) return { kind: 'database-data', why: data };
  if (isWithin(p, ctx.workspace)) return { kind: 'workspace', why: `${p} is inside the working directory` };
  if (ctx.home && isWithin(p, ctx.home)) {
    const rel = relative(ctx.home, p);
    const cred = CREDENTIAL_PATHS.find((c) => rel === c || rel.startsWith(`${c}/`));
    if (cred) return { kind: 'credentials', why: `~/${cred} holds credentials` };
    if (p === ctx.home) return { kind: 'system', why: `${p} is the home directory` };
    if (!scratchRoot(p, ctx)) return { kind: 'home', why: `${p} is in the home directory` };
  }
  const scratch = scratchRoot(p, ctx);
  if (scratch || mktemp) {
    const why = scratch ? notScratch(p, scratch) : undefined;
    if (!why) return { kind: 'scratch', why: mktemp ? `${p} is a fresh mktemp path: scratch space` : `${p} is in scratch space (${scratch}): nothing of value is kept there` };
    return { kind: 'system', why };
  }
  const top = p.split('/').filter(Boolean)[0];
  if (top === undefined) return { kind: 'system', why: '/ is the filesystem root' };
  if (SYSTEM_TOP.has(top)) return { kind: 'system', why: `${p} is a system location (/${top})` };
  return { kind: 'elsewhere', why: `${p} is outside the working directory` };
}

/** A scratch path that is not scratch: the root itself, a service's socket or folder, a database's data. */
function notScratch(p: string, root: string): string | undefined {
  if (p === root) return `${root} is the whole scratch space: other programs keep sockets and session data there`;
  const first = relative(root, p).split('/')[0];
  if (SCRATCH_RESIDENTS.some((r) => r.test(first))) return `${join(root, first)} belongs to a running service (socket or private folder)`;
  try {
    if (lstatSync(p).isSocket()) return `${p} is a socket of a running service`;
  } catch {
    /* does not exist */
  }
  return undefined;
}

/** A database's data: a known data folder, or a folder (or one of its parents) holding a data marker. */
export function databaseData(p: string): string | undefined {
  const known = DATABASE_DATA_DIRECTORIES.find((d) => isWithin(p, d));
  if (known) return `${known} is where a database keeps its data`;
  let dir = p;
  for (let i = 0; i < 4; i++) {
    for (const marker of DATABASE_DATA_MARKERS) {
      if (existsSync(join(dir, marker)) && isDataMarker(join(dir, marker))) return `${dir} holds a database's data (${marker})`;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Generic marker names (CURRENT, meta.json) only count next to another marker. */
function isDataMarker(file: string): boolean {
  const name = file.split('/').pop()!;
  if (!['CURRENT', 'meta.json', 'etcd', 'nodes.conf', 'postgresql.conf', 'auto.cnf', 'cassandra.yaml'].includes(name)) return true;
  const dir = dirname(file);
  return ['PG_VERSION', 'ibdata1', 'WiredTiger', 'dump.rdb', 'postmaster.pid'].some((m) => existsSync(join(dir, m)));
}
