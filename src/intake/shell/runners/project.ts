// Where a runner reads its files: the directory the command runs in (the agent's workspace, as
// moved by `cd` earlier in the line or by the runner's own `-C dir`), and the files there, or
// the text the same line wrote to them (`cat > Makefile <<EOF ... && make`). Every way a file
// cannot be read is a reason, never an exception: the runner turns it into an unknown action.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import type { RecognisedCommand } from '../command.js';
import { COPIED_CONTENT, OPAQUE_CONTENT } from '../../code/source.js';
import { LIMITS } from '../limits.js';
import { expandText } from '../path-resolve.js';
import { forgetPerCall } from '../../../util/per-call.js';

/** `missing`: the file does not exist, so the runner stops with an error before running anything. */
export type Read<T> = { ok: true; value: T } | { ok: false; why: string; missing?: boolean };

export interface ProjectFile {
  /** Absolute path. */
  path: string;
  /** The path as a report shows it: relative to the workspace when inside it. */
  shown: string;
  text: string;
}

/** Absolute directory the command runs in, or why it is not known. */
export function runDirectory(rc: Pick<RecognisedCommand, 'workspace' | 'cwd'> & { env?: RecognisedCommand['env'] }, sub?: string): Read<string> {
  if (!rc.workspace) return { ok: false, why: 'the directory the command runs in is not known' };
  let dir = rc.workspace;
  for (const written of [rc.cwd, sub]) {
    if (written === undefined || written === '') continue;
    let step = written;
    // `make -C "$PWD/docs"`, `-C $GITHUB_WORKSPACE/x` on a runner: worked out as the path walk does
    // (the folder so far, the line's variables, the runner's own); anything else stays unknown.
    if (step.includes('$') && !step.includes('`')) step = expandText(step, { workspace: rc.workspace, cwd: dir, vars: rc.env ?? {}, env: process.env }).text ?? step;
    if (step.startsWith('~') || step.includes('$') || step.includes('`')) return { ok: false, why: `the command runs in ${written}, which Firebreak cannot resolve` };
    dir = isAbsolute(step) ? normalize(step) : resolve(dir, step);
  }
  return { ok: true, value: dir };
}

/** Is `path` inside the workspace (not the workspace folder itself)? */
export function insideWorkspace(rc: Pick<RecognisedCommand, 'workspace'>, path: string): boolean {
  if (!rc.workspace) return false;
  const rel = relative(rc.workspace, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** The first folder from `dir` up to the filesystem root where `find` finds the file, as runners search. */
export function findUpward(dir: string, find: (at: string) => string | undefined): string | undefined {
  let at = dir;
  for (let i = 0; i < 64; i++) {
    const found = find(at);
    if (found) return found;
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
  return undefined;
}

/** `dir` as the line would write it for `cd`: relative to the workspace when inside it. */
export function asCwd(rc: Pick<RecognisedCommand, 'workspace'>, dir: string): string {
  if (!rc.workspace) return dir;
  const rel = relative(rc.workspace, dir);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
}

export function shownPath(rc: Pick<RecognisedCommand, 'workspace'>, path: string): string {
  if (!rc.workspace) return path;
  const rel = relative(rc.workspace, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const cache = new Map<string, { mtimeMs: number; size: number; text: string }>();
forgetPerCall(() => cache.clear());

/** A text file the runner needs, read from the line's own writes first, then from disk. */
export function readProjectFile(rc: Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>, path: string): Read<ProjectFile> {
  const shown = shownPath(rc, path);
  const written = writtenByLine(rc, path);
  if (written !== undefined) {
    // Written earlier in the line: judged on that text; a write whose content is not visible
    // (`curl -o Makefile`), or a copy, is followed or unknown.
    let text: string | undefined = written;
    for (let hops = 0; text?.startsWith(COPIED_CONTENT) && hops < 8; hops++) {
      const from = text.slice(COPIED_CONTENT.length);
      text = rc.files.get(from) ?? diskText(isAbsolute(from) ? from : resolve(rc.workspace ?? '.', from));
    }
    if (text === undefined || text.startsWith(COPIED_CONTENT)) return { ok: false, why: `${shown} is copied earlier in this command from a file Firebreak cannot read` };
    if (text.startsWith(OPAQUE_CONTENT)) return { ok: false, why: `${shown} is written earlier in this command with ${text.slice(OPAQUE_CONTENT.length)}: its content is not visible` };
    return { ok: true, value: { path, shown, text } };
  }
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, why: `${shown} does not exist`, missing: true } : { ok: false, why: `${shown} cannot be read (${code ?? 'error'})` };
  }
  if (stat.isDirectory()) return { ok: false, why: `${shown} is a directory` };
  if (stat.size > LIMITS.fileBytes) return { ok: false, why: `${shown} is ${Math.round(stat.size / 1024)} KB, over the ${LIMITS.fileBytes / 1024} KB Firebreak reads` };
  const hit = cache.get(path);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return { ok: true, value: { path, shown, text: hit.text } };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, why: `${shown} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (text.includes('\0')) return { ok: false, why: `${shown} is not a text file` };
  if (cache.size > 256) cache.clear();
  cache.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, text });
  return { ok: true, value: { path, shown, text } };
}

/** Does a path exist on disk or in the line's writes? */
export function exists(rc: Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>, path: string): boolean {
  if (writtenByLine(rc, path) !== undefined) return true;
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` that exists in `dir`. */
export function firstExisting(rc: Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>, dir: string, names: readonly string[]): string | undefined {
  return names.map((n) => join(dir, n)).find((p) => exists(rc, p));
}

function writtenByLine(rc: Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>, path: string): string | undefined {
  if (!rc.files.size) return undefined;
  // Paths are kept as written; the line may have written them before or after its `cd`.
  const bases = [runDirectory({ workspace: rc.workspace, cwd: undefined }), runDirectory(rc)].flatMap((d) => (d.ok ? [d.value] : []));
  for (const [written, text] of rc.files) {
    if (isAbsolute(written) ? normalize(written) === path : bases.some((b) => resolve(b, written) === path)) return text;
  }
  return undefined;
}

function diskText(path: string): string | undefined {
  try {
    return statSync(path).size > LIMITS.fileBytes ? undefined : readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
