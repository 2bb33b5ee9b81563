// Code that changes its working directory (`os.chdir`, `process.chdir`, `Dir.chdir`, `chdir`) makes
// every relative path after it relative to somewhere else: `os.chdir('/var/lib');
// shutil.rmtree('postgresql')` is not the workspace's `postgresql`. Where the code can change it,
// a relative path's folder is known only at run time; so is the folder of the commands it runs.
import type { Effect } from './effect.js';
import { inFolder } from './models/shared.js';
import type { Value } from './values.js';

/** Any spelling the readers would resolve to a chdir call, and the call in text built by concatenation. */
/** Bun Shell's `$.cwd(dir)` and `` $`...`.cwd(dir) ``, zx's `$.cwd = dir` count too; `.cwd()` with
 *  nothing in the parentheses asks where the code is (`process.cwd()`, `Path.cwd()`, `Deno.cwd()`)
 *  and moves nothing (Bun's `$.cwd()` goes back to the process's own folder, the one judged). */
const CHANGES_DIRECTORY = /chdir|\bcd\b\s*[(=]|\.cwd\s*(?:\(\s*[^\s)]|=(?!=))|['"`]ch['"`]?\s*\+?\s*['"`]?dir/i;

export function changesDirectory(text: string): boolean {
  return CHANGES_DIRECTORY.test(text);
}

/** The effects with each relative path, and each command the code runs, placed in a folder known only at run time. */
export function relocated(effects: Effect[]): Effect[] {
  return effects.map((e) => {
    if (e.kind === 'file') return { ...e, path: fromUnknownFolder(e.path), ...(e.to ? { to: fromUnknownFolder(e.to) } : {}) };
    if (e.kind === 'shell') return { ...e, text: inFolder(e.text, undefined) };
    return e;
  });
}

function fromUnknownFolder(value: Value): Value {
  if (value.t === 'str') return relative(value.v) ? { t: 'tmpl', parts: [null, `/${value.v}`] } : value;
  if (value.t === 'tmpl') return typeof value.parts[0] === 'string' && relative(value.parts[0]) ? { t: 'tmpl', parts: [null, `/${value.parts[0]}`, ...value.parts.slice(1)] } : value;
  if (value.t === 'alt') return { ...value, options: value.options.map(fromUnknownFolder) };
  return value;
}

function relative(path: string): boolean {
  return !path.startsWith('/') && !path.startsWith('~');
}
