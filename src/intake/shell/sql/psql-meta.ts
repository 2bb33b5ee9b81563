// psql backslash meta-commands: what each one does. Most only show things; some run shell
// commands (`\!`, `\o |cmd`, backticks), run files (`\i`), write files (`\o`, `\w`), or execute
// text nobody can see (`\gexec`, `\e`). Anything not listed is unknown.
import { effect, none, read, unknown, type StatementEffect } from './effect.js';

export interface MetaCommand {
  /** Without the backslash: `d+`, `copy`, `!`. */
  name: string;
  /** Arguments as psql reads them (quotes removed, variables already substituted). */
  args: string[];
  /** The text after the command name, as written. */
  rest: string;
  /** Commands in backticks: psql runs each through the shell while reading the arguments. */
  backticks: string[];
}

/** Client encodings whose multi-byte characters can contain a backslash or a quote byte. */
export const UNSAFE_CLIENT_ENCODINGS = /^(sjis|shift_jis|big5|gbk|uhc|gb18030|johab|win932|win936|win949|win950|cp932|cp936|cp949|cp950)$/i;

const READ_ONLY = new Set([
  'l', 'l+', 'list', 'list+', 'z', 'sf', 'sf+', 'sv', 'sv+', 'conninfo', 'echo', 'qecho', 'warn', 'pset', 'a', 't', 'x', 'H', 'T',
  'f', 'C', 'timing', 'errverbose', 'q', 'quit', '?', 'h', 'help', 'copyright', 'p', 'print', 'r', 'reset', 'gdesc',
  'crosstabview', 'lo_list', 'lo_list+', 'dconfig', 'unset', 'if', 'elif', 'else', 'endif', 'g', 'gx', 'watch', 'gset',
  'bind', 'bind_named', 'parse', 'close_prepared', 'startpipeline', 'endpipeline', 'syncpipeline', 'sendpipeline',
  'flushrequest', 'flush', 'getresults', 'restrict', 'unrestrict', 'set', 'setenv', 'prompt', 'getenv', 'cd', 'encoding',
]);
const DESCRIBE = /^d[A-Za-z]*[+S]*x?$/;
const OUTPUT_TO_FILE = new Set(['o', 'out', 'g', 'gx', 'w', 'write', 's']);
const INCLUDE = new Set(['i', 'include', 'ir', 'include_relative']);
const EDITORS = new Set(['e', 'edit', 'ef', 'ev']);

/** Splits one meta-command (text starting with `\`) into name and arguments. */
export function parseMeta(text: string, variable: (name: string) => string | undefined = () => undefined): MetaCommand {
  const m = /^\\([A-Za-z_+?!.]+[+]?|!|\?)/.exec(text);
  const name = m ? m[1] : '';
  const rest = text.slice(1 + name.length).replace(/^[ \t]+/, '');
  const { args, backticks } = splitArgs(rest, variable);
  return { name, args, rest, backticks };
}

/** psql's argument rules: whitespace separates, '...' quotes (with backslash escapes), "..." is
 *  kept quoted, `...` runs a shell command, :var / :'var' / :"var" substitute variables. */
function splitArgs(rest: string, variable: (name: string) => string | undefined): { args: string[]; backticks: string[] } {
  const args: string[] = [];
  const backticks: string[] = [];
  let i = 0;
  while (i < rest.length) {
    while (i < rest.length && /\s/.test(rest[i])) i++;
    if (i >= rest.length) break;
    let arg = '';
    while (i < rest.length && !/\s/.test(rest[i])) {
      const c = rest[i];
      if (c === "'") {
        let j = i + 1;
        while (j < rest.length) {
          if (rest[j] === '\\' && j + 1 < rest.length) { arg += rest[j + 1] === 'n' ? '\n' : rest[j + 1] === 't' ? '\t' : rest[j + 1]; j += 2; continue; }
          if (rest[j] === "'") { if (rest[j + 1] === "'") { arg += "'"; j += 2; continue; } break; }
          arg += rest[j++];
        }
        i = j + 1;
        continue;
      }
      if (c === '"') {
        const end = rest.indexOf('"', i + 1);
        const stop = end < 0 ? rest.length : end + 1;
        arg += rest.slice(i, stop);
        i = stop;
        continue;
      }
      if (c === '`') {
        const end = rest.indexOf('`', i + 1);
        const stop = end < 0 ? rest.length : end;
        backticks.push(rest.slice(i + 1, stop));
        arg += '`…`';
        i = stop + 1;
        continue;
      }
      if (c === ':' && /[A-Za-z_'"]/.test(rest[i + 1] ?? '')) {
        const v = /^:(?:'([A-Za-z0-9_]+)'|"([A-Za-z0-9_]+)"|([A-Za-z0-9_]+))/.exec(rest.slice(i));
        if (v) {
          const value = variable(v[1] ?? v[2] ?? v[3]);
          arg += value ?? v[0];
          i += v[0].length;
          continue;
        }
      }
      arg += c;
      i++;
    }
    args.push(arg);
  }
  return { args, backticks };
}

/** Is a file argument somewhere other than the agent's workspace? */
export function leavesWorkspace(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~') || path.includes('$') || path.split('/').includes('..');
}

/** Effects of one meta-command. `\!`, pipes and backticks carry the shell text to walk. */
export function metaEffects(m: MetaCommand): StatementEffect[] {
  const cmd = `\\${m.name}`;
  const out: StatementEffect[] = m.backticks.map((b) => ({ ...unknown(cmd, `psql runs \`${b}\` in the shell while reading ${cmd}`), shell: b }));
  const arg = m.args[0] ?? '';
  if (m.name === '!') return [...out, { ...unknown(cmd, 'runs a shell command from psql'), shell: m.rest.trim() }];
  if (m.name === 'c' || m.name === 'connect') return [...out, none(cmd, connectTarget(m.args))];
  if (INCLUDE.has(m.name)) {
    if (!arg) return [...out, unknown(cmd, `${cmd} without a file`)];
    return [...out, { ...unknown(cmd, `runs the SQL in ${arg}`), include: { path: arg, relativeToScript: m.name === 'ir' || m.name === 'include_relative' } }];
  }
  if (m.name === 'copy') return [...out, ...copyEffects(m.rest)];
  if (m.name === 'gexec') return [...out, unknown(cmd, '\\gexec executes every value the query returns as a new SQL statement: those statements are not visible')];
  if (EDITORS.has(m.name)) return [...out, unknown(cmd, `${cmd} opens an editor; what is saved there runs as SQL`)];
  if (m.name === 'setenv' && /^(PAGER|PSQL_PAGER|PSQL_WATCH_PAGER|EDITOR|PSQL_EDITOR|VISUAL|SHELL)$/.test(arg) && m.args[1]) {
    return [...out, { ...unknown(cmd, `sets ${arg}, a command psql runs later: ${m.args[1]}`), shell: m.args[1] }];
  }
  if (m.name === 'lo_import') return [...out, effect('create', cmd, 'sql:large-object', [arg || '(file)'], 'resource', 'reversible', ['stores a local file as a new large object'])];
  if (m.name === 'lo_unlink') return [...out, effect('delete', cmd, 'sql:large-object', [arg || '(oid)'], 'resource', 'irreversible', ['deletes the large object and its data'])];
  if (m.name === 'lo_export') return [...out, ...fileWrite(cmd, m.args[1] ?? '', 'writes the large object to a local file')];
  if (m.name === 'password') return [...out, effect('permissions', cmd, 'sql:role', [arg || '(current user)'], 'resource', undefined, ['changes a role\'s password'])];
  if (m.name === 'encoding' && arg && UNSAFE_CLIENT_ENCODINGS.test(arg)) {
    return [...out, unknown(cmd, `client encoding ${arg} lets multi-byte characters hide quotes and backslashes: later text cannot be read the same way`)];
  }
  if (OUTPUT_TO_FILE.has(m.name) && m.rest.trim()) {
    const target = m.rest.trim();
    if (target.startsWith('|')) return [...out, { ...unknown(cmd, `sends output through the shell command ${target.slice(1).trim()}`), shell: target.slice(1).trim() }];
    return [...out, ...fileWrite(cmd, arg, m.name === 's' ? 'writes the command history to a file' : 'writes query output to a file')];
  }
  if (DESCRIBE.test(m.name) || READ_ONLY.has(m.name)) return [...out, { ...read(cmd), targetType: m.name === 'set' || m.name === 'unset' || m.name === 'cd' || m.name === 'setenv' ? 'sql:session' : 'sql:database' }];
  return [...out, unknown(cmd, `psql meta-command ${cmd} is not one Firebreak knows`)];
}

function fileWrite(cmd: string, path: string, what: string): StatementEffect[] {
  if (path && !leavesWorkspace(path)) return [];
  return [effect('update', cmd, 'fs:path', [path || '(file)'], 'unknown', undefined, [`${what} outside the workspace (${path || 'a path not given'})`])];
}

/** `\c db`, `\c db user host port`, `\c postgres://...`, `\c "host=x dbname=y"`. */
function connectTarget(args: string[]): { database?: string; host?: string } {
  const first = args[0];
  if (!first || first === '-') return {};
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]*)(?::\d+)?(?:\/([^?#]*))?/i.exec(first);
  if (url) return { ...(url[1] ? { host: url[1] } : {}), ...(url[2] ? { database: url[2] } : {}) };
  if (first.includes('=')) {
    const out: { database?: string; host?: string } = {};
    for (const [, k, v] of first.matchAll(/(\w+)\s*=\s*'?([^'\s]*)'?/g)) {
      if (k === 'host' || k === 'hostaddr') out.host = v;
      if (k === 'dbname') out.database = v;
    }
    return out;
  }
  return { database: first, ...(args[2] && args[2] !== '-' ? { host: args[2] } : {}) };
}

/** `\copy table FROM 'file'` loads rows; `TO` reads; `PROGRAM 'cmd'` runs a local shell command.
 *  psql turns it into `COPY ... FROM STDIN` / `TO STDOUT` for the server: that text is returned
 *  in `sql` so the caller classifies it like any statement (a query in `\copy (...)` runs). */
function copyEffects(rest: string): StatementEffect[] {
  const text = rest.trim();
  let head: string;
  let tail: string;
  if (text.startsWith('(')) {
    const close = matchingParen(text);
    head = text.slice(0, close + 1);
    tail = text.slice(close + 1);
  } else {
    const m = /^(.*?)\s+(from|to)\b/is.exec(text);
    head = m ? m[1] : text.split(/\s+/)[0] ?? '';
    tail = m ? text.slice(m[1].length) : '';
  }
  const dir = /^\s*(from|to)\b/i.exec(tail)?.[1]?.toLowerCase();
  if (!head || !dir) return [unknown('\\copy', `cannot read the \\copy command: ${text.slice(0, 80)}`)];
  const program = /^\s*(?:from|to)\s+program\s+'((?:[^']|'')*)'/i.exec(tail);
  const out: StatementEffect[] = [{ ...none('\\copy'), sql: `COPY ${head} ${dir === 'from' ? 'FROM STDIN' : 'TO STDOUT'}` }];
  if (program) out.push({ ...unknown('\\copy', `runs the shell command ${program[1]} on this machine`), shell: program[1].replace(/''/g, "'") });
  else if (dir === 'to') {
    const file = /^\s*to\s+(?:'((?:[^']|'')*)'|(\S+))/i.exec(tail);
    const path = file?.[1] ?? file?.[2];
    if (path && !/^(stdout|pstdout)$/i.test(path)) out.push(...fileWrite('\\copy to', path, 'writes the table to a file'));
  }
  return out;
}

function matchingParen(text: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === "'" || c === '"') { quote = c; continue; }
    if (c === '(') depth++;
    if (c === ')' && --depth === 0) return i;
  }
  return text.length - 1;
}
