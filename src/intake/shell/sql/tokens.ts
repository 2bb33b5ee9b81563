// A SQL lexer per dialect, for splitting statements and for classifying the dialects that have no
// real parser here (MySQL, SQLite). It follows each server's own lexical rules, because that is
// where a write hides: a comment that MySQL executes (`/*! DROP TABLE t */`), a `--x` that is not
// a comment in MySQL, a backslash that ends a PostgreSQL string but escapes a MySQL one, a
// `$tag$` or `E'...'` string, a `[bracketed]` SQLite name. What it cannot read the same way the
// server does (an unterminated string, a setting that changes the rules) it reports as refusals:
// the classifier then answers unknown instead of guessing.
// PostgreSQL text is parsed by the real parser (postgres.ts); this lexer only splits it.
// node-sql-parser was measured and not used: 60-110 ms to load its MySQL grammar, and it reads
// `/*! DROP TABLE x */` and `SELECT 1--1` as comments, which MySQL does not.

export type LexDialect = 'postgresql' | 'mysql' | 'sqlite';

export interface SqlToken {
  kind: 'word' | 'string' | 'ident' | 'punct' | 'number' | 'param';
  text: string;
  /** Upper-case text for words (keywords), identifier text for quoted identifiers. */
  upper: string;
  /** Parenthesis depth. */
  depth: number;
  /** Offsets in the lexed text. */
  start: number;
  end: number;
}

export interface SqlStatement {
  text: string;
  /** psql meta-command (`\d users`, `\i file.sql`). */
  meta?: boolean;
  /** Why this statement cannot be read as the server reads it. */
  refusals?: string[];
}

export interface LexResult {
  tokens: SqlToken[];
  refusals: string[];
}

/** Settings that change how the server reads later text: a statement that sets one is refused. */
const LEXICAL_SETTINGS: Record<LexDialect, RegExp> = {
  postgresql: /\b(standard_conforming_strings|backslash_quote|escape_string_warning)\b/i,
  mysql: /\b(NO_BACKSLASH_ESCAPES|ANSI_QUOTES|sql_mode\s*=\s*['"]?\s*ANSI\b)/i,
  sqlite: /(?!)/,
};

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

export function dialectOf(d: LexDialect | boolean | undefined): LexDialect {
  if (d === true) return 'mysql';
  if (d === false || d === undefined) return 'postgresql';
  return d;
}

export function lex(sql: string, dialectArg: LexDialect | boolean = 'postgresql'): LexResult {
  const dialect = dialectOf(dialectArg);
  const tokens: SqlToken[] = [];
  const refusals: string[] = [];
  let depth = 0;
  let i = 0;
  /** Inside a MySQL executable comment `/*! ... *\/`: its text is SQL. */
  let executable = false;
  const push = (kind: SqlToken['kind'], start: number, end: number, upper?: string) => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, upper: upper ?? (kind === 'word' ? text.toUpperCase() : text), depth, start, end });
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    // comments
    if (c === '-' && next === '-') {
      if (dialect !== 'mysql' || i + 2 >= sql.length || /[\s\x00-\x1f]/.test(sql[i + 2])) {
        const nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length : nl;
        continue;
      }
    }
    if (c === '#' && dialect === 'mysql') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
      continue;
    }
    if (c === '*' && next === '/' && executable) { executable = false; i += 2; continue; }
    if (c === '/' && next === '*') {
      if (dialect === 'mysql') {
        const exec = /^\/\*(M?!)(\d{5,6})?/.exec(sql.slice(i, i + 10));
        if (exec) {
          if (executable) refusals.push('nested MySQL executable comment');
          executable = true;
          i += exec[0].length;
          continue;
        }
      }
      const end = skipComment(sql, i, dialect === 'postgresql');
      if (end < 0) { refusals.push('unterminated comment'); i = sql.length; continue; }
      i = end;
      continue;
    }
    // strings and quoted identifiers
    if (c === "'") {
      const prev = tokens[tokens.length - 1];
      const escapes = dialect === 'mysql' || (dialect === 'postgresql' && prev?.end === i && prev.kind === 'word' && prev.upper === 'E');
      const end = skipQuoted(sql, i, "'", escapes);
      if (end < 0) { refusals.push('unterminated string'); push('string', i, sql.length); i = sql.length; continue; }
      push('string', i, end, '');
      i = end;
      continue;
    }
    if (c === '"') {
      const end = skipQuoted(sql, i, '"', dialect === 'mysql');
      if (end < 0) { refusals.push('unterminated quoted name'); push('ident', i, sql.length); i = sql.length; continue; }
      // MySQL (default sql_mode) reads "..." as a string, PostgreSQL and SQLite as a name.
      if (dialect === 'mysql') push('string', i, end, '');
      else push('ident', i, end, unquote(sql.slice(i + 1, end - 1), '"'));
      i = end;
      continue;
    }
    if (c === '`' && dialect !== 'postgresql') {
      const end = skipQuoted(sql, i, '`', false);
      if (end < 0) { refusals.push('unterminated quoted name'); push('ident', i, sql.length); i = sql.length; continue; }
      push('ident', i, end, unquote(sql.slice(i + 1, end - 1), '`'));
      i = end;
      continue;
    }
    if (c === '[' && dialect === 'sqlite') {
      const end = sql.indexOf(']', i + 1);
      if (end < 0) { refusals.push('unterminated [name]'); push('ident', i, sql.length); i = sql.length; continue; }
      push('ident', i, end + 1, sql.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (c === '$' && dialect === 'postgresql') {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(sql.slice(i, i + 256));
      if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end < 0) { refusals.push(`unterminated ${tag[0]} string`); push('string', i, sql.length, ''); i = sql.length; continue; }
        push('string', i, end + tag[0].length, '');
        i = end + tag[0].length;
        continue;
      }
      const param = /^\$\d+/.exec(sql.slice(i, i + 32));
      if (param) { push('param', i, i + param[0].length); i += param[0].length; continue; }
    }
    if (IDENT_START.test(c) || (c === '$' && dialect !== 'postgresql')) {
      let j = i + 1;
      while (j < sql.length && IDENT_CHAR.test(sql[j])) j++;
      push('word', i, j);
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < sql.length && /[0-9.]/.test(sql[j])) j++;
      if (/[eE]/.test(sql[j] ?? '') && /[-+0-9]/.test(sql[j + 1] ?? '')) { j += 2; while (j < sql.length && /[0-9]/.test(sql[j])) j++; }
      // MySQL names may start with digits (`1abc`); elsewhere `1abc` is a number and a word.
      if (dialect === 'mysql' && j < sql.length && /[A-Za-z_$\u0080-\uffff]/.test(sql[j])) {
        while (j < sql.length && IDENT_CHAR.test(sql[j])) j++;
        push('word', i, j);
      } else push('number', i, j);
      i = j;
      continue;
    }
    if (c === ')') depth = Math.max(0, depth - 1);
    push('punct', i, i + 1);
    if (c === '(') depth++;
    i++;
  }
  if (executable) refusals.push('unterminated MySQL executable comment');
  if (LEXICAL_SETTINGS[dialect].test(sql)) refusals.push('changes how the server reads string literals; later text cannot be read the same way');
  return { tokens, refusals };
}

/** Compatibility wrapper: the tokens only. */
export function tokenize(statement: string, dialect: LexDialect | boolean = 'postgresql'): SqlToken[] {
  return lex(statement, dialect).tokens;
}

/** Splits plain SQL text (what a driver sends) into statements at top-level `;`. SQLite and
 *  MySQL trigger / routine bodies (`BEGIN ... END`) stay whole when the text is one routine. */
export function splitStatements(sql: string, dialectArg: LexDialect | boolean = 'postgresql'): SqlStatement[] {
  const dialect = dialectOf(dialectArg);
  const { tokens, refusals } = lex(sql, dialect);
  const out: SqlStatement[] = [];
  let start = 0;
  let first = 0;
  let blockDepth = 0;
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.kind === 'word' && dialect === 'sqlite') {
      // CREATE TRIGGER ... BEGIN stmt; stmt; END: sqlite3_complete() keeps it whole.
      if (tok.upper === 'BEGIN' && isTriggerHead(tokens, first, t)) blockDepth++;
      else if (tok.upper === 'END' && blockDepth > 0 && (tokens[t + 1]?.text === ';' || t + 1 === tokens.length)) blockDepth--;
    }
    if (tok.kind === 'punct' && tok.text === ';' && blockDepth === 0) {
      // Only comments between two semicolons: no statement.
      if (t > first) pushStatement(out, sql.slice(start, tok.start), refusals);
      start = tok.end;
      first = t + 1;
    }
  }
  if (tokens.length > first || (refusals.length && sql.slice(start).trim())) pushStatement(out, sql.slice(start), refusals);
  return out;
}

function isTriggerHead(tokens: SqlToken[], from: number, at: number): boolean {
  const words = tokens.slice(from, at).filter((t) => t.kind === 'word').map((t) => t.upper);
  return words[0] === 'CREATE' && words.slice(1, 4).includes('TRIGGER');
}

function pushStatement(out: SqlStatement[], text: string, refusals: string[]): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  const st: SqlStatement = { text: trimmed };
  // Refusals found anywhere make every statement unreadable: a string left open swallows the rest.
  if (refusals.length) st.refusals = [...refusals];
  out.push(st);
}

/** End offset after a comment starting at `i`, or -1 if it never closes. PostgreSQL nests them. */
function skipComment(s: string, i: number, nested: boolean): number {
  let level = 0;
  let j = i;
  while (j < s.length) {
    if (s[j] === '/' && s[j + 1] === '*') { level++; j += 2; if (!nested && level > 1) level = 1; continue; }
    if (s[j] === '*' && s[j + 1] === '/') { level--; j += 2; if (level === 0) return j; continue; }
    j++;
  }
  return -1;
}

/** End offset after a quoted run starting at `i`, or -1 if it never closes. */
export function skipQuoted(s: string, i: number, q: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashEscapes && s[j] === '\\') { j += 2; continue; }
    if (s[j] === q) {
      if (s[j + 1] === q) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return -1;
}

function unquote(body: string, q: string): string {
  return body.split(q + q).join(q);
}

/** `IDENT_START` for other modules (psql variables, dot-commands). */
export function isIdentStart(c: string): boolean {
  return IDENT_START.test(c);
}
