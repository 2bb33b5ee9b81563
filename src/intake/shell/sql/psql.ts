// A psql script -> the SQL it sends and the meta-commands it runs, in order, the way psql's own
// scanner (psqlscan.l) reads it: a backslash outside quotes starts a meta-command anywhere on a
// line and runs to the end of it (or to `\\`); `;` at parenthesis depth 0 sends the buffer;
// `:name`, `:'name'`, `:"name"` are replaced by variables set with -v or \set, and an unquoted
// value is read again as SQL (so a variable can hold a whole statement). A variable whose value
// is not visible leaves the statement unknown.
import { isIdentStart } from './tokens.js';

export type PsqlPart =
  | { kind: 'sql'; text: string; unresolved: string[]; refusals: string[] }
  | { kind: 'meta'; text: string };

export interface PsqlVariables {
  /** name -> value; null: set, but to something not visible (backticks, \gset, \prompt). */
  get(name: string): string | null | undefined;
}

const MAX_EXPANSIONS = 200;
const MAX_SCRIPT = 2_000_000;
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
/** Meta-commands that send the query buffer before they act. */
const SENDS_BUFFER = /^\\(g|gx|gset|gexec|gdesc|watch|crosstabview|bind|bind_named|sendpipeline)\b/;

/** Yields parts as it reads: a `\set` the caller handles before asking for the next part is in
 *  force for the rest of the script, as in psql. */
export function* splitPsql(script: string, vars: PsqlVariables): Generator<PsqlPart> {
  const parts: PsqlPart[] = [];
  let buf = '';
  let unresolved: string[] = [];
  let refusals: string[] = [];
  let depth = 0;
  let expansions = 0;
  const flush = () => {
    if (buf.trim()) parts.push({ kind: 'sql', text: buf.trim(), unresolved, refusals });
    buf = '';
    unresolved = [];
    refusals = [];
    depth = 0;
  };
  let s = script;
  let i = 0;
  while (i < s.length) {
    while (parts.length) yield parts.shift()!;
    const c = s[i];
    const next = s[i + 1];
    if (c === '-' && next === '-') { const nl = s.indexOf('\n', i); const end = nl < 0 ? s.length : nl; buf += s.slice(i, end); i = end; continue; }
    if (c === '/' && next === '*') {
      const end = commentEnd(s, i);
      if (end < 0) { refusals.push('unterminated comment'); buf += s.slice(i); i = s.length; continue; }
      buf += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === "'") {
      const escapes = (buf.endsWith('e') || buf.endsWith('E')) && !IDENT_CHAR.test(buf[buf.length - 2] ?? ' ');
      const end = quoteEnd(s, i, "'", escapes);
      if (end < 0) { refusals.push('unterminated string'); buf += s.slice(i); i = s.length; continue; }
      buf += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '"') {
      const end = quoteEnd(s, i, '"', false);
      if (end < 0) { refusals.push('unterminated quoted name'); buf += s.slice(i); i = s.length; continue; }
      buf += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$' && !IDENT_CHAR.test(buf[buf.length - 1] ?? ' ')) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(s.slice(i, i + 256));
      if (tag) {
        const end = s.indexOf(tag[0], i + tag[0].length);
        if (end < 0) { refusals.push(`unterminated ${tag[0]} string`); buf += s.slice(i); i = s.length; continue; }
        buf += s.slice(i, end + tag[0].length);
        i = end + tag[0].length;
        continue;
      }
    }
    if (c === ':' && next === ':') { buf += '::'; i += 2; continue; }
    if (c === ':' && (next === "'" || next === '"' || (next !== undefined && (isIdentStart(next) || /[0-9]/.test(next))))) {
      const v = /^:(?:'([A-Za-z0-9_\u0080-\uffff]+)'|"([A-Za-z0-9_\u0080-\uffff]+)"|([A-Za-z0-9_\u0080-\uffff]+))/.exec(s.slice(i, i + 256));
      if (v) {
        const name = v[1] ?? v[2] ?? v[3];
        const value = vars.get(name);
        if (value === undefined || value === null) {
          // psql leaves an unset variable as written; the server then sees `:name`. Either way the
          // statement is not what it looks like.
          unresolved.push(name);
          buf += v[0];
          i += v[0].length;
          continue;
        }
        if (v[1] !== undefined) { buf += `'${value.replace(/'/g, "''")}'`; i += v[0].length; continue; }
        if (v[2] !== undefined) { buf += `"${value.replace(/"/g, '""')}"`; i += v[0].length; continue; }
        // Unquoted: the value is read again as script text.
        if (++expansions > MAX_EXPANSIONS || s.length + value.length > MAX_SCRIPT) { refusals.push('variables expand too many times'); buf += v[0]; i += v[0].length; continue; }
        s = s.slice(0, i) + value + s.slice(i + v[0].length);
        continue;
      }
    }
    if (c === '\\') {
      // A meta-command: to the end of the line, or to `\\`.
      let end = s.indexOf('\n', i);
      if (end < 0) end = s.length;
      const sep = findDoubleBackslash(s, i + 1, end);
      const stop = sep >= 0 ? sep : end;
      const text = s.slice(i, stop).trim();
      if (SENDS_BUFFER.test(text)) flush();
      parts.push({ kind: 'meta', text });
      i = sep >= 0 ? sep + 2 : end;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') depth = Math.max(0, depth - 1);
    if (c === ';' && depth === 0) { buf += ';'; flush(); i++; continue; }
    buf += c;
    i++;
  }
  flush();
  yield* parts;
}

function commentEnd(s: string, i: number): number {
  let level = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '/' && s[j + 1] === '*') { level++; j++; continue; }
    if (s[j] === '*' && s[j + 1] === '/') { level--; j++; if (level === 0) return j + 1; }
  }
  return -1;
}

function quoteEnd(s: string, i: number, q: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashEscapes && s[j] === '\\') { j += 2; continue; }
    if (s[j] === q) { if (s[j + 1] === q) { j += 2; continue; } return j + 1; }
    j++;
  }
  return -1;
}

/** `\\` separates meta-commands on one line, outside quotes. */
function findDoubleBackslash(s: string, from: number, end: number): number {
  let quote = '';
  for (let j = from; j < end; j++) {
    const c = s[j];
    if (quote) { if (c === quote) quote = ''; else if (c === '\\' && quote === "'") j++; continue; }
    if (c === "'" || c === '`' || c === '"') { quote = c; continue; }
    if (c === '\\' && s[j + 1] === '\\') return j;
  }
  return -1;
}

/** `\set name a b c` -> value `abc`; `\set name` -> ''. Backticks make it not visible. */
export function setValue(args: string[], backticks: string[]): string | null {
  if (backticks.length) return null;
  return args.slice(1).join('');
}
