// Reads a file a database client is told to run (`psql -f x.sql`, `\i x.sql`, `mysql < x.sql`,
// `.read x.sql`): first what the same command line wrote (`cat > x.sql <<EOF`), then the disk,
// relative to the directory the command runs in. Refuses what is missing, binary or too large.
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { RecognisedCommand } from '../command.js';
import type { ReadResult } from './index.js';

export const MAX_SQL_FILE_BYTES = 1024 * 1024;

export function workspaceReader(cmd: RecognisedCommand): (path: string, relativeTo?: string) => Promise<ReadResult | { error: string }> {
  return async (path, relativeTo) => {
    if (!path) return { error: 'no file named' };
    if (path.includes('$') || path.includes('`')) return { error: 'the path is built at run time' };
    const written = cmd.files.get(path);
    if (written !== undefined) return { text: written, path };
    if (cmd.cwd && /^[~$]/.test(cmd.cwd) && !relativeTo && !isAbsolute(path)) return { error: `the command runs in ${cmd.cwd}, which is not visible` };
    const base = relativeTo ? dirname(relativeTo) : cmd.cwd && isAbsolute(cmd.cwd) ? cmd.cwd : cmd.workspace ? (cmd.cwd ? join(cmd.workspace, cmd.cwd) : cmd.workspace) : undefined;
    if (path.startsWith('~')) return { error: 'a file in the home directory' };
    if (!isAbsolute(path) && !base) return { error: 'the directory the command runs in is not known' };
    const full = isAbsolute(path) ? path : resolve(base!, path);
    try {
      const info = await stat(full);
      if (!info.isFile()) return { error: 'not a regular file' };
      if (info.size > MAX_SQL_FILE_BYTES) return { error: `${Math.round(info.size / 1024)} KB, over the ${MAX_SQL_FILE_BYTES / 1024} KB Firebreak reads` };
      const buffer = await readFile(full);
      if (buffer.subarray(0, 8192).includes(0)) return { error: 'a binary file, not SQL' };
      return { text: buffer.toString('utf8'), path: full };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code ?? String(e) };
    }
  };
}

/** `file x.sql` from the shell intake's stdin description -> `x.sql`; undefined for anything else. */
export function stdinFile(from: string): string | undefined {
  const m = /^file (\S+)$/.exec(from);
  return m ? m[1] : undefined;
}
