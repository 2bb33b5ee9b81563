// The output of a `$(shell ...)` that only lists files, worked out the way `$(wildcard)` is: from the
// folder make reads the Makefile in. `find DIR... -name PAT` (with -type, -path, -not/!, -print),
// filtered by `grep -v TEXT` / `grep TEXT` and ordered by `sort`/`uniq`, is what Makefiles use to list
// their sources (`RST_FILES = $(shell find . -name '*.rst' | grep -v /vendor/ | sort)`); without it,
// every such prerequisite is a name nobody knows. Anything else, or a tree too large, is not
// worked out (undefined): the output stays unknown. The command is still judged as what make runs.
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import { posix } from 'node:path';
import { inScratchSpace } from '../../path-resolve.js';
import { findPattern } from '../../../../util/find-pattern.js';

const MAX_ENTRIES = 20_000;

/** `command -v rstcheck`, `which mdl`: the program's path; running it is running the program by name. */
export function programLookup(command: string): string | undefined {
  return /^(?:command\s+-v|which|type\s+-[pP])\s+([A-Za-z0-9_][A-Za-z0-9_.+-]*)(?:\s+2>\s*\/dev\/null)?$/.exec(command.trim())?.[1];
}

export function fileListing(command: string, curdir: string): string | undefined {
  return listedPaths(command, curdir)?.join(' ');
}

/** The lines such a listing prints, each a path as find shows it. */
export function listedPaths(command: string, curdir: string): string[] | undefined {
  if (!curdir.startsWith('/') || /[$`;&<>(){}\\]/.test(command)) return undefined;
  const stages = command.split('|').map((s) => words(s.trim()));
  if (stages.some((s) => s === undefined || !s.length)) return undefined;
  const [first, ...filters] = stages as string[][];
  let lines = find(first, curdir);
  if (!lines) return undefined;
  for (const f of filters) {
    const next = filter(f, lines);
    if (!next) return undefined;
    lines = next;
  }
  return lines;
}

/**
 * The output of a `$(shell ...)` that only prints a path: `pwd`, `dirname X`, `realpath X`,
 * `readlink -f X`, `cd X && pwd` (`ROOT := $(shell dirname $(realpath $(firstword $(MAKEFILE_LIST))))`).
 * Paths are read from the folder make runs in; `realpath` follows links as it does and prints nothing
 * for a path that is not there. `~` (the user's home, whatever the folder), globs and anything else are
 * not worked out.
 */
export function pathOutput(command: string, curdir: string): string | undefined {
  if (!curdir.startsWith('/') || /[$`;|<>(){}\\*?[\]~]/.test(command)) return undefined;
  const parts = command.split('&&').map((s) => words(s.trim()));
  if (parts.some((p) => !p?.length)) return undefined;
  // A folder above or beside make's that lies in scratch space is there only because the project does
  // (a checkout under /tmp): its neighbours are not scratch, so it is not worked out (see path-resolve.ts).
  const shown = (p: string): string | undefined => (p === curdir || p.startsWith(`${curdir}/`) || !inScratchSpace(p, process.env) ? p : undefined);
  const real = (p: string): string | undefined => {
    try {
      return shown(realpathSync.native(posix.resolve(curdir, p)));
    } catch {
      return undefined;
    }
  };
  if (parts.length === 2) {
    // `cd DIR && pwd`
    const [cd, pwd] = parts as string[][];
    const dir = cd.slice(1).filter((a) => a !== '-P' && a !== '-L' && a !== '--');
    if (cd[0] !== 'cd' || dir.length !== 1 || pwd[0] !== 'pwd' || !pwd.slice(1).every((a) => a === '-P' || a === '-L')) return undefined;
    return pwd.includes('-P') || cd.includes('-P') ? real(dir[0]) : shown(posix.resolve(curdir, dir[0]));
  }
  if (parts.length !== 1) return undefined;
  const [name, ...args] = parts[0]!;
  const operands = args.filter((a) => a !== '--');
  if (name === 'pwd' && args.every((a) => a === '-P' || a === '-L')) return args.includes('-P') ? real('.') : curdir;
  if (operands.some((a) => a.startsWith('-') && !(name === 'readlink' && /^-[fe]$/.test(a)) && !(name === 'realpath' && /^-[eP]$/.test(a)))) return undefined;
  const paths = operands.filter((a) => !a.startsWith('-'));
  if (!paths.length) return undefined;
  if (name === 'dirname') {
    const found = paths.map((p) => (p.startsWith('/') ? shown(posix.dirname(p)) : posix.dirname(p)));
    return found.some((p) => p === undefined) ? undefined : found.join(' ');
  }
  if (name === 'realpath' || (name === 'readlink' && operands.some((a) => a === '-f' || a === '-e'))) {
    const found = paths.map(real);
    return found.some((p) => p === undefined) ? undefined : found.join(' ');
  }
  return undefined;
}

/** Shell words with simple quotes; undefined for anything else (expansions are refused above). */
function words(text: string): string[] | undefined {
  const out: string[] = [];
  const re = /\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(text)) && m[0].length) {
    out.push(m[1] ?? m[2] ?? m[3]);
    last = re.lastIndex;
  }
  return text.slice(last).trim() ? undefined : out;
}

type Test = (path: string, entry: Dirent) => boolean;

function find(argv: string[], curdir: string): string[] | undefined {
  if (argv[0] !== 'find') return undefined;
  let i = 1;
  const roots: string[] = [];
  while (i < argv.length && !/^[-!(]/.test(argv[i])) roots.push(argv[i++]);
  if (!roots.length) roots.push('.');
  const tests: Test[] = [];
  let negate = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    let t: Test | undefined;
    if (a === '!' || a === '-not') { negate = !negate; continue; }
    if (a === '-print') continue;
    const value = argv[i + 1];
    if ((a === '-name' || a === '-iname') && value !== undefined) {
      const re = findPattern(value, a === '-iname');
      t = (_p, e) => re.test(e.name);
      i++;
    } else if ((a === '-path' || a === '-wholename') && value !== undefined) {
      const re = findPattern(value, false, true);
      t = (p) => re.test(p);
      i++;
    } else if (a === '-type' && (value === 'f' || value === 'd')) {
      t = value === 'f' ? (_p, e) => e.isFile() : (_p, e) => e.isDirectory();
      i++;
    } else return undefined;
    const positive = t;
    tests.push(negate ? (p, e) => !positive(p, e) : positive);
    negate = false;
  }
  const out: string[] = [];
  let seen = 0;
  const walk = (abs: string, shown: string): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (++seen > MAX_ENTRIES) return false;
      const path = shown === '/' ? `/${e.name}` : `${shown}/${e.name}`;
      if (tests.every((t) => t(path, e))) out.push(path);
      if (e.isDirectory() && !walk(posix.join(abs, e.name), path)) return false;
    }
    return true;
  };
  for (const root of roots) {
    // Only folders under the one make runs in: a listing of /, ~ or ../ is not worked out.
    if (root.startsWith('~') || root.startsWith('/') || posix.normalize(root).startsWith('..')) return undefined;
    if (!walk(posix.resolve(curdir, root), root.replace(/\/+$/, '') || '/')) return undefined;
  }
  return out;
}

function filter(argv: string[], lines: string[]): string[] | undefined {
  const [cmd, ...rest] = argv;
  if (cmd === 'sort' && rest.every((a) => a === '-u')) return rest.length ? [...new Set(lines)].sort() : [...lines].sort();
  if (cmd === 'uniq' && !rest.length) return lines.filter((l, i) => l !== lines[i - 1]);
  if (cmd === 'grep') {
    const invert = rest.includes('-v');
    const patterns = rest.filter((a) => a !== '-v' && a !== '-F');
    if (patterns.length !== 1 || patterns[0].startsWith('-')) return undefined;
    const fixed = rest.includes('-F') || !/[.*^$[\]\\+?{}()|]/.test(patterns[0]);
    if (!fixed) return undefined;
    return lines.filter((l) => l.includes(patterns[0]) !== invert);
  }
  return undefined;
}

