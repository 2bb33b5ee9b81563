// Where a path's files really live, from /proc/self/mountinfo: a bind mount (the files are another
// folder's, often the host's), a network file system (another machine's), or this machine's own root
// file system. Read once per process; when it cannot be read (not Linux, no /proc), nothing is known
// to be this machine's own and every path reads as possibly outliving it (fail closed).
import { readFileSync } from 'node:fs';
import { MACHINE_ONLY_FILE_SYSTEMS, NETWORK_FILE_SYSTEMS } from '../knowledge/ephemeral-machine.js';

export interface Mount {
  /** The folder of the mounted file system that appears at the mount point (`/` unless a bind mount). */
  root: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

let table: Mount[] | null | undefined;

/** The mount table of this process, or null when it cannot be read. */
export function mountTable(read: () => string = () => readFileSync('/proc/self/mountinfo', 'utf8')): Mount[] | null {
  if (table !== undefined) return table;
  try {
    table = parseMountInfo(read());
    if (!table.some((m) => m.mountPoint === '/')) table = null;
  } catch {
    table = null;
  }
  return table;
}

/** For tests: forget the table read. */
export function forgetMountTable(): void {
  table = undefined;
}

export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const fields = line.split(' ');
    const dash = fields.indexOf('-', 6);
    if (dash < 0 || fields.length < dash + 3) throw new Error(`unreadable mountinfo line: ${line}`);
    mounts.push({ root: unescape(fields[3]), mountPoint: unescape(fields[4]), fsType: fields[dash + 1], source: unescape(fields[dash + 2]) });
  }
  return mounts;
}

/** `\040` and friends: octal escapes of space, tab, newline and backslash. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

const within = (p: string, folder: string) => folder === '/' || p === folder || p.startsWith(`${folder}/`);

/** Why the files at `path` (and below it) may outlive this machine, or undefined when they are on its own
 *  root file system (or a memory one) and no other mount lies below it. */
export function outlivesMachine(path: string, mounts: Mount[] | null = mountTable()): string | undefined {
  if (!mounts) return 'the mount table (/proc/self/mountinfo) cannot be read, so where the files live is not known';
  // The last mount at a point is the one seen there.
  const holding = mounts.filter((m) => within(path, m.mountPoint)).sort((a, b) => a.mountPoint.length - b.mountPoint.length).pop();
  if (!holding) return `no mount holds ${path}`;
  const root = mounts.filter((m) => m.mountPoint === '/').pop()!;
  for (const m of holding === root ? [root] : [root, holding]) {
    const why = foreign(m);
    if (why) return `${m.mountPoint === '/' ? 'the root file system' : path} ${why}`;
  }
  if (holding !== root && !MACHINE_ONLY_FILE_SYSTEMS.has(holding.fsType)) {
    return `${path} is on a separate mount (${holding.fsType} ${holding.source} at ${holding.mountPoint}): a disk of its own may outlive the machine`;
  }
  // A recursive delete or chmod below the path reaches every mount under it.
  const below = mounts.find((m) => m.mountPoint !== path && path !== '/' && m.mountPoint.startsWith(`${path}/`) && (foreign(m) || !MACHINE_ONLY_FILE_SYSTEMS.has(m.fsType)));
  if (below) return `${below.mountPoint} below ${path} is ${foreign(below) ? foreign(below)!.replace(/^is /, '') : `a separate mount (${below.fsType} ${below.source})`}`;
  return undefined;
}

function foreign(m: Mount): string | undefined {
  if (NETWORK_FILE_SYSTEMS.has(m.fsType)) return `is on a network file system (${m.fsType} ${m.source} at ${m.mountPoint}): its files live on another machine`;
  if (m.root !== '/') return `is on a bind mount (${m.root} of ${m.source} at ${m.mountPoint}): its files are another folder's, which outlives this machine`;
  return undefined;
}
