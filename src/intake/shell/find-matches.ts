// What `find ROOT TESTS` prints, worked out on disk now, for a find whose command runs on each match
// (`find docs -name '*.py' -exec python {} \;`, `find docs -name '*.py' | xargs -n1 python`): each
// command is then judged with the file it really gets, instead of an unknown `{}`.
//
// Only a plain conjunction of tests is evaluated (-type f/d, -name, -iname, -path, -wholename,
// -maxdepth, -mindepth, negated name tests); anything else, a match that is a link, a name a shell
// would read as more than a word, or too many files is not worked out (undefined): judged as before.
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isWithin, realLocation, resolvePathWord } from './path-resolve.js';
import { parseShell } from './parser.js';
import { quoteWord, unwrap } from './unwrap.js';
import { toolName } from './command.js';
import type { PlannedAction } from '../types.js';
import type { RecognisedCommand } from './command.js';
import type { Word } from './syntax.js';
import { findPattern } from '../../util/find-pattern.js';

export const MAX_FIND_MATCHES = 32;

/** find's options before its start paths (`find -L /srv -delete`): -H, -L, -P, `-D DEBUGOPTS`, -O LEVEL. */
const FIND_LEADING_OPTION = /^-(?:[HLP]+|O\d*)$/;

/** Where find's start paths begin, past its leading options; and whether one makes it follow links. */
export function findStart(words: readonly string[]): { index: number; followsLinks: boolean } {
  let index = 0;
  let followsLinks = false;
  while (index < words.length) {
    const w = words[index];
    if (w === '-D') { index += 2; continue; }
    if (!FIND_LEADING_OPTION.test(w)) break;
    // The last of -H/-L/-P wins; -H follows only links named as start paths.
    const last = w.replace(/^-O\d*$/, '').slice(-1);
    if (last === 'L' || last === 'H') followsLinks = true;
    else if (last === 'P') followsLinks = false;
    index++;
  }
  return { index, followsLinks };
}
const MAX_DIRS_READ = 2000;
/** Names that stay one word with nothing for a shell to read in them, even put inside `sh -c` text. */
const PLAIN_NAME = /^[A-Za-z0-9._/+@%,:=-]+$/;

interface Test { kind: 'type' | 'name' | 'iname' | 'path'; value: string; negated: boolean; /** The name or path pattern, compiled once. */ pattern?: RegExp }

export interface FindMatches {
  /** Each match as find prints it (the root as written, then the path below it). */
  printed: string[];
}

/** The matches of `find ROOTS EXPR` now, where EXPR holds only the tests above (the action is taken off
 *  by the caller). The roots must be literal folders inside the workspace. */
export function findMatches(cmd: RecognisedCommand, roots: Word[], expr: string[]): FindMatches | undefined {
  if (!cmd.workspace || cmd.container || !roots.length) return undefined;
  const tests: Test[] = [];
  let minDepth = 0;
  let maxDepth = Infinity;
  for (let i = 0; i < expr.length; i++) {
    const negated = expr[i] === '!' || expr[i] === '-not';
    const a = negated ? expr[++i] : expr[i];
    const value = expr[i + 1];
    if (a === '-a' || a === '-and' || a === '-print') { if (negated) return undefined; continue; }
    if (value === undefined) return undefined;
    if (a === '-type' && !negated && (value === 'f' || value === 'd')) tests.push({ kind: 'type', value, negated });
    else if (a === '-name' || a === '-iname') tests.push({ kind: a === '-name' ? 'name' : 'iname', value, negated, pattern: findPattern(value, a === '-iname') });
    else if (a === '-path' || a === '-wholename') tests.push({ kind: 'path', value, negated, pattern: findPattern(value, false, true) });
    else if ((a === '-maxdepth' || a === '-mindepth') && !negated && /^\d+$/.test(value)) {
      if (a === '-maxdepth') maxDepth = Number(value); else minDepth = Number(value);
    } else return undefined;
    i++;
  }
  const ctx = { workspace: cmd.workspace, cwd: cmd.cwd, vars: cmd.env, env: process.env };
  const printed: string[] = [];
  let reads = 0;
  for (const root of roots) {
    if (root.dynamic || /[*?[\]{}~$`\\]/.test(root.value)) return undefined;
    const resolved = resolvePathWord(root.value, ctx);
    const absolute = resolved.paths[0];
    const real = absolute ? realLocation(absolute) ?? absolute : undefined;
    if (!absolute || resolved.unknown || !isWithin(absolute, cmd.workspace) || !real || !isWithin(real, cmd.workspace)) return undefined;
    const shown = root.value.length > 1 ? root.value.replace(/\/+$/, '') : root.value;
    const visit = (path: string, as: string, depth: number, name: string): boolean => {
      let stat: Stats;
      try { stat = lstatSync(path); } catch { return depth === 0 ? false : true; }
      const matches = depth >= minDepth && tests.every((t) => passes(t, stat, name, as));
      if (matches) {
        if (stat.isSymbolicLink() || !PLAIN_NAME.test(as) || printed.length >= MAX_FIND_MATCHES) return false;
        printed.push(as);
      }
      if (!stat.isDirectory() || depth >= maxDepth) return true;
      if (++reads > MAX_DIRS_READ) return false;
      let names: string[];
      try { names = readdirSync(path); } catch { return false; }
      return names.every((n) => visit(join(path, n), `${as === '/' ? '' : as}/${n}`, depth + 1, n));
    };
    if (!visit(absolute, shown, 0, shown.split('/').filter(Boolean).pop() ?? shown)) return undefined;
  }
  return { printed };
}

function passes(t: Test, stat: Stats, name: string, path: string): boolean {
  const result = t.kind === 'type' ? (t.value === 'f' ? stat.isFile() : stat.isDirectory()) : t.pattern!.test(t.kind === 'path' ? path : name);
  return t.negated ? !result : result;
}

/** A find that only prints its matches, one a line or NUL-ended (`find docs -name '*.py' -print0`). */
const PRINTING_FIND = /^find\s[^()`$;|&<>\\]*$/;
/** find's actions other than printing one name a line (or NUL-ended): what such a find prints is not just its matches. */
export const FIND_OTHER_ACTIONS = ['exec', 'execdir', 'ok', 'okdir', 'delete', 'fprint', 'fprint0', 'fprintf', 'fls', 'printf', 'ls', 'prune', 'quit'];
const FIND_ACTIONS = new RegExp(`^-(${FIND_OTHER_ACTIONS.join('|')})$`);

/** `find docs -name '*.py' | xargs -n1 python`: the commands xargs runs with what that find prints now,
 *  as shell text, one command a line ('' when it runs none); undefined when that is not worked out. */
export function xargsOverFind(rc: RecognisedCommand, x: { replace?: string; argFile?: string; options?: string[] }): string | undefined {
  const producer = rc.stdin.kind === 'opaque' ? rc.stdin.producer?.trim() : undefined;
  if (!producer || x.argFile || !PRINTING_FIND.test(producer) || !rc.firstToTouchFiles) return undefined;
  let nul = false;
  let per: number | undefined;
  const o = x.options ?? [];
  for (let k = 0; k < o.length; k++) {
    const w = o[k];
    const count = /^(?:-[nL]|--max-args=|--max-lines=)(\d+)$/.exec(w)?.[1] ?? (/^-[nL]$/.test(w) ? o[++k] : undefined);
    if (w === '-0' || w === '--null') nul = true;
    else if (w === '-r' || w === '--no-run-if-empty') continue;
    else if (count !== undefined) { if (!/^[1-9]\d*$/.test(count)) return undefined; per = Number(count); }
    else if (w === '-I' || w === '-P' || w === '--max-procs') k++;
    else if (!/^(-t|--verbose|-P\d+|--max-procs=\d+|-I.+|-i.*|--replace(=.*)?)$/.test(w)) return undefined;
  }
  let words: Word[];
  try {
    const parsed = parseShell(producer);
    if (parsed.length !== 1 || parsed[0].kind !== 'simple' || parsed[0].redirects.length || parsed[0].assignments.length) return undefined;
    words = parsed[0].words.slice(1);
  } catch {
    return undefined;
  }
  if (words.some((w) => FIND_ACTIONS.test(w.value))) return undefined;
  const start = findStart(words.map((w) => w.value));
  // Following links, find reaches what the lstat walk below does not: not worked out.
  if (start.followsLinks) return undefined;
  const roots: Word[] = [];
  let i = start.index;
  while (i < words.length && !words[i].value.startsWith('-') && words[i].value !== '(' && words[i].value !== '!') roots.push(words[i++]);
  const expr = words.slice(i).map((w) => w.value);
  // Names reach xargs split at blanks (or NULs with -0): find must end them the way xargs splits.
  if (nul !== expr.includes('-print0')) return undefined;
  const found = findMatches(rc, roots.length ? roots : [{ raw: '.', value: '.', dynamic: false, glob: false, substitutions: [] }], expr.filter((a) => a !== '-print0'));
  // Nothing found now is no promise for when the line runs: judged as before.
  if (!found?.printed.length) return undefined;
  const word = (w: Word, value = w.value) => (w.dynamic ? w.raw : quoteWord(value));
  if (x.replace) {
    const rep = x.replace;
    if (rc.words.some((w) => w.dynamic && w.value.includes(rep))) return undefined;
    return found.printed.map((m) => rc.words.map((w) => word(w, w.value.split(rep).join(m))).join(' ')).join('\n');
  }
  const size = per ?? found.printed.length;
  const lines: string[] = [];
  for (let k = 0; k < found.printed.length; k += size) lines.push([...rc.words.map((w) => word(w)), ...found.printed.slice(k, k + size).map(quoteWord)].join(' '));
  return lines.join('\n');
}

/** Programs that run the file they are given: what its code writes, the code reader replays into the
 *  line's written files (checked after the runs, see madeFiles). */
const RUNS_A_FILE = new Set(['python', 'python3', 'node', 'bash', 'sh', 'ruby', 'perl']);
const PRINTS_ONLY = new Set(['echo', 'printf', 'true', 'false', ':', 'test', '[', 'cat', 'head', 'tail', 'wc', 'grep', 'diff', 'cmp']);

/** Whether the text a match is run with may make or move files by itself (a redirect into a file, a
 *  program other than one that runs the match or only prints): find could then find what it made. */
export function mayMakeFiles(text: string, depth = 0): boolean {
  if (depth > 3) return true;
  let commands;
  try {
    commands = parseShell(text);
  } catch {
    return true;
  }
  for (const c of commands) {
    if (c.kind === 'block' || c.kind === 'test') continue;
    if (c.kind !== 'simple' || c.assignments.length || c.words.some((w) => w.substitutions.length)) return true;
    if (c.redirects.some((r) => r.op.includes('>') && !(r.target?.value === '/dev/null' || (r.op === '>&' && /^[0-9-]$/.test(r.target?.value ?? ''))))) return true;
    const words = unwrap(c.words, {}).words;
    const name = toolName(words[0]?.value ?? '');
    if ((name === 'sh' || name === 'bash') && words[1]?.value === '-c') {
      if (mayMakeFiles(words[2]?.value ?? '', depth + 1)) return true;
      continue;
    }
    // `python3 -m tool`, `node -e code`: what runs is not the file given.
    if (RUNS_A_FILE.has(name) ? words[1]?.value.startsWith('-') : !PRINTS_ONLY.has(name)) return true;
  }
  return false;
}

/** Keys of the line's written files (walk state) added since `before`: the runs wrote (code included). */
export function madeFiles(files: Map<string, string>, before: Set<string>): boolean {
  for (const k of files.keys()) if (!before.has(k)) return true;
  return false;
}
