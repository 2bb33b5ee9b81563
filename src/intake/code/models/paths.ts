// File-system paths as code builds them, shared by the language models: joining, the script's own
// location (`__dirname`, `__file__`), and fresh scratch folders (`mkdtemp`), so a delete of
// `join(__dirname, 'dist')` or of a temporary folder is judged on the path it really names.
import { tmpdir } from 'node:os';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatValues, str, textOf, UNKNOWN, type Value } from '../values.js';

/** `join(a, b, ...)`: an absolute part starts over, as os.path.join and path.join do. */
export function joinPaths(values: Value[]): Value {
  const parts: Value[] = [];
  values.forEach((v, i) => {
    const t = textOf(v);
    // An empty part adds nothing (`join('', 'x')` is `x`, not `/x`).
    if (t === '') return;
    if (t !== undefined && t.startsWith('/')) parts.length = 0;
    else if (i && parts.length) parts.push(str('/'));
    parts.push(v);
  });
  return concatValues(parts);
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

/** The path a value names: a pathlib object stands for its path. */
export function asPath(v: Value): Value {
  return v.t === 'obj' && v.cls === 'python.path' ? v.props.path ?? UNKNOWN : v;
}
