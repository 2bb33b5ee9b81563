// Reading the code a command runs: first what the same command line wrote (`cat > x.py <<EOF`),
// then the file on disk, relative to the workspace and any `cd` earlier in the line. Anything
// that cannot be read as text (missing, a directory, binary, too large, unreadable) is a reason.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import type { RecognisedCommand } from '../shell/command.js';
import { currentDir, unknownValueOrigin } from '../shell/path-resolve.js';

/** Content marker for a file the command line wrote with content Firebreak cannot see; the text after it says how. */
export const OPAQUE_CONTENT = '\u0000opaque:';
/** Content marker for a file the command line copied from another path; the text after it is that path's key. */
export const COPIED_CONTENT = '\u0000copy:';

/** Scripts larger than this are not read (parsing is linear, but the hook has a deadline). */
export const MAX_SCRIPT_BYTES = 256 * 1024;

export type ScriptText =
  | { ok: true; path: string; absolute?: string; text: string; from: 'written' | 'disk' }
  | { ok: false; path: string; why: string };

/** The key a file written earlier in the line is recorded under: its path relative to the workspace, normalised. */
export function writtenFileKey(path: string, cwd: string | undefined): string {
  if (isAbsolute(path) || path.startsWith('~')) return normalize(path);
  return normalize(join(cwd ?? '.', path));
}

/** The absolute path a script path means for this command. */
export function scriptPath(rc: Pick<RecognisedCommand, 'cwd' | 'workspace'> & { env?: RecognisedCommand['env'] }, path: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  const base = rc.workspace ?? process.cwd();
  // `cd "$(dirname "$0")" && ./helper.sh`: a folder the line went to by a value known here (the
  // script's own path) is worked out as the path walk does; one known only at run time stays as
  // written, which names no file.
  const known = rc.cwd !== undefined && /[$`]/.test(rc.cwd) && rc.env ? currentDir({ workspace: base, cwd: rc.cwd, vars: rc.env, env: process.env }) : undefined;
  const dir = known ?? (rc.cwd === undefined ? base : rc.cwd.startsWith('~') ? join(homedir(), rc.cwd.slice(1)) : resolve(base, rc.cwd));
  return resolve(dir, path);
}

export function readScript(rc: Pick<RecognisedCommand, 'cwd' | 'workspace' | 'files'> & { env?: RecognisedCommand['env'] }, path: string): ScriptText {
  if (/\$|`/.test(path)) {
    const from = rc.env ? unknownValueOrigin(path, { workspace: rc.workspace ?? process.cwd(), ...(rc.cwd !== undefined ? { cwd: rc.cwd } : {}), vars: rc.env }) : undefined;
    return { ok: false, path, why: `the script path ${path} is computed at run time${from ? ` (${from})` : ''}` };
  }
  let written = rc.files.get(writtenFileKey(path, rc.cwd));
  for (let hops = 0; written?.startsWith(COPIED_CONTENT) && hops < 8; hops++) {
    const from = written.slice(COPIED_CONTENT.length);
    written = rc.files.get(from) ?? readCopySource(rc, from);
  }
  if (written?.startsWith(OPAQUE_CONTENT)) return { ok: false, path, why: `${path} was written earlier in this command with ${written.slice(OPAQUE_CONTENT.length)}: its content is not visible` };
  if (written?.startsWith(COPIED_CONTENT)) return { ok: false, path, why: `${path} is copied through too many files to follow` };
  if (written !== undefined) {
    if (written.length > MAX_SCRIPT_BYTES) return { ok: false, path, why: `${path} (written by this command) is larger than ${MAX_SCRIPT_BYTES / 1024} KB` };
    return { ok: true, path, text: written, from: 'written' };
  }
  const absolute = scriptPath(rc, path);
  return readFileText(absolute, path);
}

/** The disk content of a file a command copies (`cp template.py run.py && python3 run.py`). */
function readCopySource(rc: Pick<RecognisedCommand, 'cwd' | 'workspace'>, key: string): string {
  const read = readFileText(scriptPath({ workspace: rc.workspace }, key), key);
  return read.ok ? read.text : `${OPAQUE_CONTENT}a copy of ${key}, which cannot be read (${read.why})`;
}

export function readFileText(absolute: string, path: string): ScriptText {
  let size: number;
  try {
    const st = statSync(absolute);
    if (st.isDirectory()) return { ok: false, path, why: `${path} is a directory, not a script` };
    if (!st.isFile()) return { ok: false, path, why: `${path} is not a regular file` };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, path, why: code === 'ENOENT' || code === 'ENOTDIR' ? `${path} does not exist (yet): what it will contain is not visible` : `${path} cannot be read (${code ?? 'error'})` };
  }
  if (size > MAX_SCRIPT_BYTES) return { ok: false, path, why: `${path} is ${Math.round(size / 1024)} KB, larger than the ${MAX_SCRIPT_BYTES / 1024} KB Firebreak reads` };
  let buffer: Buffer;
  try {
    const fd = openSync(absolute, 'r');
    try {
      buffer = Buffer.alloc(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buffer, read, size - read, read);
        if (n <= 0) break;
        read += n;
      }
      buffer = buffer.subarray(0, read);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    return { ok: false, path, why: `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const text = textOf(buffer);
  if (text === undefined) return { ok: false, path, why: `${path} is a binary file, not a script Firebreak can read` };
  return { ok: true, path, absolute, text, from: 'disk' };
}

/** UTF-8 text, or undefined for binary content (NUL bytes, invalid UTF-8). */
export function textOf(buffer: Buffer): string | undefined {
  if (buffer.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

export function existsFile(absolute: string): boolean {
  try {
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}

export function existsDir(absolute: string): boolean {
  try {
    return statSync(absolute).isDirectory();
  } catch {
    return false;
  }
}
