// File-system paths as code builds them, shared by the language models: joining, the script's own
// location (`__dirname`, `__file__`), and fresh scratch folders (`mkdtemp`), so a delete of
// `join(__dirname, 'dist')` or of a temporary folder is judged on the path it really names.
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatValues, FRESH_PATH, obj, str, textOf, UNKNOWN, type Value } from '../values.js';

/**
 * `join(a, b, ...)`: an absolute part starts over, as os.path.join and path.join do. A part that
 * starts with a value known only at run time may be absolute: the path is kept as written but marked
 * unbounded (what comes before that part may not be in it).
 */
export function joinPaths(values: Value[]): Value {
  const parts: Value[] = [];
  let restarts = false;
  values.forEach((v, i) => {
    const t = textOf(v);
    // An empty part adds nothing (`join('', 'x')` is `x`, not `/x`).
    if (t === '') return;
    if (t !== undefined && t.startsWith('/')) parts.length = 0;
    else if (i && parts.length && !textOf(parts[parts.length - 1])?.endsWith('/')) parts.push(str('/'));
    if (parts.length && startsUnknown(v)) restarts = true;
    parts.push(v);
  });
  return restarts ? markUnbounded(concatValues(parts)) : concatValues(parts);
}

function markUnbounded(v: Value): Value {
  if (v.t === 'tmpl') return { ...v, unbounded: true };
  if (v.t === 'alt') return { ...v, options: v.options.map(markUnbounded) };
  return v;
}

/**
 * The folder the code runs in (`process.cwd()`, `os.getcwd()`, `Path.cwd()`): `.`, so a path built
 * from it is judged where the command runs it, and moves with it when the code changes folder
 * (working-directory.ts places every relative path in a folder known only at run time then).
 */
export function workingDirectory(): Value {
  return str('.');
}

/**
 * A path as Node's path.join/path.resolve and Python's os.path.normpath/abspath return it: `..`
 * dropped by the text, before any system call (`/repo/tools/../../etc` is `/etc`, `build/../..` is
 * `..`). `~` (the home folder) is not a folder name the text can climb out of: left as written.
 */
export function normalised(v: Value): Value {
  const t = textOf(v);
  return t !== undefined && t !== '' && !t.startsWith('~') ? str(posix.normalize(t)) : v;
}

/** The value's text may begin with anything (a `/`): it is unknown, or its first part is. */
function startsUnknown(v: Value): boolean {
  if (v.t === 'alt') return v.options.some(startsUnknown);
  if (v.t === 'tmpl') return v.parts[0] === null;
  if (v.t === 'obj' && v.cls === 'python.path') return startsUnknown(v.props.path ?? UNKNOWN);
  return v.t !== 'str' && v.t !== 'lit';
}

/** `dirname(p)` of a known path; unknown otherwise. */
export function dirnameOf(v: Value | undefined): Value {
  const t = v && textOf(v);
  return t === undefined ? UNKNOWN : str(posix.dirname(t));
}

/** `fileURLToPath('file:///x/y.mjs')` -> `/x/y.mjs`. */
export function pathOfFileUrl(v: Value | undefined): Value {
  const t = v && textOf(v);
  if (t === undefined || !t.startsWith('file:')) return UNKNOWN;
  try {
    return str(fileURLToPath(t));
  } catch {
    return UNKNOWN;
  }
}

/** The machine's scratch folder (what `os.tmpdir()` and `tempfile.gettempdir()` answer here). */
export function scratchDir(): Value {
  return str(tmpdir());
}

/**
 * A folder made fresh by `mkdtemp`, named by the path it starts with: the random part is spelled
 * `XXXXXX`, as `mktemp` does. Nothing else can be in it, so deleting it loses only what the code put there.
 */
export function freshFolder(pathPrefix: Value): Value {
  const p = textOf(pathPrefix);
  return p === undefined ? UNKNOWN : str(`${p}XXXXXX`);
}

/**
 * What `os.CreateTemp(dir, "perms.*")` / `os.MkdirTemp(dir, p)` returns when the folder is known only at run
 * time: a name made fresh in it (random characters, created exclusively), so nothing else is at it. Not a
 * string: joining, trimming or any other string work on it gives an unknown value; only the name itself,
 * handed back to a delete, is known to remove just what this run made (code/effects.ts).
 */
export function freshPath(kind: 'file' | 'folder', pattern: Value | undefined, via: string): Value {
  const name = textOf(pattern ?? UNKNOWN);
  return obj(FRESH_PATH, { kind: str(kind), via: str(via), ...(name !== undefined ? { pattern: str(name) } : {}) });
}


/** The path a value names: a pathlib object stands for its path. */
export function asPath(v: Value): Value {
  return v.t === 'obj' && v.cls === 'python.path' ? v.props.path ?? UNKNOWN : v;
}
