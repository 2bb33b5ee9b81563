// A SQL statement splitter and tokenizer: strings, quoted identifiers, comments, Postgres
// dollar quoting, psql backslash meta-commands. Enough to classify statements, not to parse them.
// Chosen over node-sql-parser / sql-parser-cst: they take ~280-330 ms to load (measured), far
// over the hook's whole budget; classification needs only the leading keywords and names.

export interface SqlToken {
  kind: 'word' | 'string' | 'ident' | 'punct' | 'number';
  text: string;
  /** Upper-case text for words (keywords), identifier text for quoted identifiers. */
  upper: string;
  depth: number;
}

export interface SqlStatement {
  text: string;
  /** psql meta-command (`\d users`, `\i file.sql`). */
  meta?: boolean;
}

/** `backslashEscapes`: MySQL treats `\'` inside strings as an escape; Postgres and SQLite do not. */
export function splitStatements(sql: string, backslashEscapes = false): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  let atLineStart = true;
  const push = (end: number) => {
    const text = sql.slice(start, end).trim();
    if (text && !/^(--[^\n]*\n?\s*|\/\*[\s\S]*?\*\/\s*)*$/.test(text)) out.push({ text });
  };
  while (i < sql.length) {
    const c = sql[i];
    if (atLineStart && c === '\\' && sql.slice(start, i).trim() === '') {
      let nl = sql.indexOf('\n', i);
      if (nl < 0) nl = sql.length;
      out.push({ text: sql.slice(i, nl).trim(), meta: true });
      i = nl;
      start = i;
      continue;
    }
    if (c === '\n') atLineStart = true;
    else if (c !== ' ' && c !== '\t' && c !== '\r') atLineStart = false;
    if (c === "'" || c === '"' || c === '`') { i = skipQuoted(sql, i, c, backslashEscapes); continue; }
    if (c === '-' && sql[i + 1] === '-') { const nl = sql.indexOf('\n', i); i = nl < 0 ? sql.length : nl; continue; }
    if (c === '/' && sql[i + 1] === '*') { const end = sql.indexOf('*/', i + 2); i = end < 0 ? sql.length : end + 2; continue; }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64));
      if (tag) { const end = sql.indexOf(tag[0], i + tag[0].length); i = end < 0 ? sql.length : end + tag[0].length; continue; }
    }
    if (c === ';') { push(i); start = i + 1; }
    i++;
  }
  push(sql.length);
  return out;
}

export function tokenize(statement: string, backslashEscapes = false): SqlToken[] {
  const tokens: SqlToken[] = [];
  let depth = 0;
  let i = 0;
  const s = statement;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && s[i + 1] === '-') { const nl = s.indexOf('\n', i); i = nl < 0 ? s.length : nl; continue; }
    if (c === '/' && s[i + 1] === '*') { const end = s.indexOf('*/', i + 2); i = end < 0 ? s.length : end + 2; continue; }
    if (c === "'") { const end = skipQuoted(s, i, c, backslashEscapes); tokens.push({ kind: 'string', text: s.slice(i, end), upper: '', depth }); i = end; continue; }
    if (c === '"' || c === '`') {
      const end = skipQuoted(s, i, c, false);
      const text = s.slice(i + 1, Math.max(i + 1, end - 1));
      tokens.push({ kind: 'ident', text, upper: text, depth });
      i = end;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(s.slice(i, i + 64));
      if (tag) { const end = s.indexOf(tag[0], i + tag[0].length); const stop = end < 0 ? s.length : end + tag[0].length; tokens.push({ kind: 'string', text: s.slice(i, stop), upper: '', depth }); i = stop; continue; }
    }
    const word = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(s.slice(i, i + 256));
    if (word) { tokens.push({ kind: 'word', text: word[0], upper: word[0].toUpperCase(), depth }); i += word[0].length; continue; }
    const num = /^\d+(\.\d+)?/.exec(s.slice(i, i + 64));
    if (num) { tokens.push({ kind: 'number', text: num[0], upper: num[0], depth }); i += num[0].length; continue; }
    if (c === ')') depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'punct', text: c, upper: c, depth });
    if (c === '(') depth++;
    i++;
  }
  return tokens;
}

function skipQuoted(s: string, i: number, q: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    if (backslashEscapes && s[j] === '\\' && q === "'") { j += 2; continue; }
    if (s[j] === q) {
      if (s[j + 1] === q) { j += 2; continue; }
      return j + 1;
    }
    j++;
  }
  return s.length;
}
