// What the guard itself runs on: the files this process has mapped (node, its libraries, the dynamic
// loader), read once from /proc/self/maps. On a machine declared ephemeral a change to the machine's
// system folders is routine, but not one that replaces or removes what the next hook call needs to
// run, or injects into it: then the guard would stop judging. Unreadable: null (every system path is
// then refused, as with an unreadable mount table).
import { readFileSync, realpathSync } from 'node:fs';

let mapped: string[] | null | undefined;

export function ownRuntimeFiles(read: () => string = () => readFileSync('/proc/self/maps', 'utf8')): string[] | null {
  if (mapped !== undefined) return mapped;
  try {
    const files = new Set<string>();
    for (const line of read().split('\n')) {
      const path = line.trim().split(/\s+/).slice(5).join(' ');
      if (path.startsWith('/') && !path.startsWith('/memfd:') && !/ \(deleted\)$/.test(path)) files.add(path);
    }
    files.add(process.execPath);
    for (const f of [...files]) {
      try {
        files.add(realpathSync(f));
      } catch {
        // gone since it was mapped
      }
    }
    mapped = [...files];
  } catch {
    mapped = null;
  }
  return mapped;
}
