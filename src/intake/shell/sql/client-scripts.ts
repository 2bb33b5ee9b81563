// Scripts for the mysql and sqlite3 command-line clients -> the statements they send and the
// client commands they run, the way each client reads its input:
// - mysql: statements end at the delimiter (`;`, or what `DELIMITER` set), `\g` or `\G`;
//   `\x` commands work anywhere outside quotes (`\!` runs the rest of the line in the shell);
//   named commands (`source`, `system`, `pager`, `tee`, `use`...) at the start of a line when
//   no statement is pending. `/*! ... */` is not a comment to the client either.
// - sqlite3: `.dot-commands` at the start of a line when no statement is pending; statements end
//   at `;` (a `CREATE TRIGGER` body at `END;`); a line holding only `/` or `go` ends one too.

export type ClientPart =
  | { kind: 'sql'; text: string }
  | { kind: 'command'; name: string; args: string; text: string };

interface Scan {
  quote: string;
  comment: boolean;
}

const MYSQL_NAMED = new Set(['?', 'help', 'clear', 'connect', 'delimiter', 'edit', 'ego', 'exit', 'go', 'nopager', 'notee', 'pager', 'print',
  'prompt', 'quit', 'rehash', 'source', 'status', 'system', 'tee', 'use', 'charset', 'warnings', 'nowarning', 'resetconnection',
  'query_attributes', 'ssl_session_data_print']);

/** `\x` -> named command. */
const MYSQL_SHORT: Record<string, string> = {
  '?': 'help', h: 'help', c: 'clear', r: 'connect', d: 'delimiter', e: 'edit', G: 'ego', g: 'go', n: 'nopager', t: 'notee', p: 'print',
  R: 'prompt', q: 'quit', '#': 'rehash', '.': 'source', s: 'status', '!': 'system', T: 'tee', u: 'use', C: 'charset', W: 'warnings',
  w: 'nowarning', P: 'pager', x: 'resetconnection',
};
/** Short commands that take the rest of the line as their argument. */
const MYSQL_TAKES_LINE = new Set(['connect', 'delimiter', 'prompt', 'source', 'system', 'tee', 'use', 'charset', 'pager', 'help']);

export function splitMysqlScript(script: string): ClientPart[] {
  const parts: ClientPart[] = [];
  let delimiter = ';';
  let buf = '';
  const scan: Scan = { quote: '', comment: false };
  const flush = () => {
    const text = buf.trim();
    buf = '';
    if (!text) return;
    // A finished statement that starts with a client command's name is that command (`use db;`,
    // `system rm -rf /;`), as in the client's add_line().
    const named = /^([A-Za-z_?]+)(?:\s+([\s\S]*))?$/.exec(text);
    const name = named?.[1].toLowerCase();
    if (name && MYSQL_NAMED.has(name)) parts.push({ kind: 'command', name, args: (named?.[2] ?? '').trim(), text });
    else parts.push({ kind: 'sql', text });
  };
  for (const rawLine of script.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    // A named command at the start of a line, when nothing is pending and the line holds no
    // delimiter or \g (then the statement splitting below handles it).
    if (!buf.trim() && !scan.quote && !scan.comment && !line.includes('\\g') && (!line.includes(delimiter) || /^\s*delimiter\b/i.test(line))) {
      const named = /^\s*([A-Za-z_?]+)(?:\s+(.*))?$/.exec(line);
      const name = named?.[1].toLowerCase();
      if (name && MYSQL_NAMED.has(name)) {
        const args = (named?.[2] ?? '').trim();
        if (name === 'delimiter') { delimiter = args.split(/\s+/)[0] || ';'; parts.push({ kind: 'command', name, args, text: line.trim() }); continue; }
        // `use db;`: the delimiter is optional after a named command.
        parts.push({ kind: 'command', name, args: stripDelimiter(args, delimiter), text: line.trim() });
        continue;
      }
    }
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (scan.comment) {
        if (c === '*' && line[i + 1] === '/') { scan.comment = false; buf += '*/'; i += 2; continue; }
        buf += c;
        i++;
        continue;
      }
      if (scan.quote) {
        if (c === '\\' && scan.quote !== '`') { buf += line.slice(i, i + 2); i += 2; continue; }
        if (c === scan.quote) { if (line[i + 1] === c) { buf += c + c; i += 2; continue; } scan.quote = ''; }
        buf += c;
        i++;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') { scan.quote = c; buf += c; i++; continue; }
      if (c === '#' || (c === '-' && line[i + 1] === '-' && (i + 2 >= line.length || /\s/.test(line[i + 2])))) { buf += line.slice(i); i = line.length; continue; }
      if (c === '/' && line[i + 1] === '*' && line[i + 2] !== '!' && !(line[i + 2] === 'M' && line[i + 3] === '!')) { scan.comment = true; buf += '/*'; i += 2; continue; }
      if (line.startsWith(delimiter, i)) { flush(); i += delimiter.length; continue; }
      if (c === '\\' && i + 1 < line.length) {
        const name = MYSQL_SHORT[line[i + 1]];
        if (name) {
          if (name === 'go' || name === 'ego') { flush(); i += 2; continue; }
          if (MYSQL_TAKES_LINE.has(name)) {
            const args = line.slice(i + 2).trim();
            if (name === 'delimiter') delimiter = args.split(/\s+/)[0] || ';';
            parts.push({ kind: 'command', name, args: stripDelimiter(args, delimiter), text: line.slice(i).trim() });
            i = line.length;
            continue;
          }
          if (name === 'clear') buf = '';
          else parts.push({ kind: 'command', name, args: '', text: `\\${line[i + 1]}` });
          i += 2;
          continue;
        }
      }
      buf += c;
      i++;
    }
    buf += '\n';
  }
  flush();
  return parts;
}

function stripDelimiter(args: string, delimiter: string): string {
  return args.endsWith(delimiter) ? args.slice(0, -delimiter.length).trim() : args;
}

export function splitSqliteScript(script: string): ClientPart[] {
  const parts: ClientPart[] = [];
  let buf = '';
  const scan: Scan = { quote: '', comment: false };
  const flush = () => {
    if (buf.trim()) parts.push({ kind: 'sql', text: buf.trim() });
    buf = '';
  };
  for (const rawLine of script.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const pending = buf.trim() !== '' || scan.quote !== '' || scan.comment;
    if (!pending) {
      const trimmed = line.trimStart();
      if (trimmed.startsWith('.')) {
        const m = /^\.(\S*)\s*(.*)$/.exec(trimmed);
        parts.push({ kind: 'command', name: (m?.[1] ?? '').toLowerCase(), args: (m?.[2] ?? '').trim(), text: trimmed });
        continue;
      }
      if (trimmed.startsWith('#') || trimmed === '') continue;
    }
    if (pending && /^\s*(\/|go)\s*$/i.test(line) && !scan.quote && !scan.comment) { flush(); continue; }
    let i = 0;
    while (i < line.length) {
      const c = line[i];
      if (scan.comment) {
        if (c === '*' && line[i + 1] === '/') { scan.comment = false; buf += '*/'; i += 2; continue; }
        buf += c;
        i++;
        continue;
      }
      if (scan.quote) {
        if (c === scan.quote) { if (scan.quote !== ']' && line[i + 1] === c) { buf += c + c; i += 2; continue; } scan.quote = ''; }
        buf += c;
        i++;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') { scan.quote = c; buf += c; i++; continue; }
      if (c === '[') { scan.quote = ']'; buf += c; i++; continue; }
      if (c === '-' && line[i + 1] === '-') { buf += line.slice(i); i = line.length; continue; }
      if (c === '/' && line[i + 1] === '*') { scan.comment = true; buf += '/*'; i += 2; continue; }
      if (c === ';' && !insideTrigger(buf)) { flush(); i++; continue; }
      buf += c;
      i++;
    }
    buf += '\n';
  }
  flush();
  return parts;
}

/** A CREATE TRIGGER body (BEGIN ... END) is still open: its `;` do not end the statement. */
function insideTrigger(buf: string): boolean {
  const head = /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(buf);
  if (!head || !/\bBEGIN\b/i.test(buf)) return false;
  return !/\bEND\s*$/i.test(buf.replace(/--[^\n]*$/gm, '').trimEnd());
}
