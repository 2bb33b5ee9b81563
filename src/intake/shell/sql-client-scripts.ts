// The statements a database client nobody modelled runs from a file or stdin (`sqlplus u/p@db @drop.sql`,
// `sqlcmd -i drop.sql`, `db2 -tvf drop.sql`, `duckdb x.db < drop.sql`, a heredoc), and the dot-commands
// duckdb shares with sqlite3 (`.shell CMD` runs a command, `.read FILE` runs a file): read as SQL by the
// one SQL reader (src/intake/shell/sql), every dialect trying, the most severe reading kept. What changes
// data or schema becomes an action; a file that cannot be read is unknown. The clients and their options
// are data (src/knowledge/sql-clients.ts). Wave 17.
import { SQL_CHANGE_WORDS, SQLPLUS_COMMANDS, UNMODELLED_SQL_CLIENTS, type SqlClientSpec } from '../../knowledge/sql-clients.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from './command.js';
import { classifySql } from './sql/index.js';
import { stdinFile, workspaceReader } from './sql/workspace-files.js';

const MAX_READS = 8;

interface Source { text?: string; file?: string; from: string }

export function isUnmodelledSqlClient(name: string, argv: readonly string[]): boolean {
  const spec = UNMODELLED_SQL_CLIENTS[name];
  if (!spec) return false;
  return !spec.subcommand || spec.subcommand.includes(argv.slice(1).find((a) => !a.startsWith('-')) ?? '');
}

/** Actions for what the client runs besides what its arguments show to the unmodelled-program rule. */
export async function sqlClientScripts(name: string, cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const spec = UNMODELLED_SQL_CLIENTS[name]!;
  const sources = sourcesOf(spec, cmd.argv.slice(1));
  if (!sources.length && spec.stdin) {
    if (cmd.stdin.kind === 'text') sources.push({ text: cmd.stdin.text, from: cmd.stdin.from });
    else if (cmd.stdin.kind === 'opaque') {
      const file = stdinFile(cmd.stdin.from);
      sources.push(file ? { file, from: `stdin (${file})` } : { from: cmd.stdin.from });
    }
  }
  const read = workspaceReader(cmd);
  const out: PlannedAction[] = [];
  let reads = 0;
  const queue = [...sources];
  while (queue.length) {
    const s = queue.shift()!;
    let text = s.text;
    if (text === undefined) {
      const got = s.file !== undefined && reads++ < MAX_READS ? await read(s.file) : { error: s.file === undefined ? 'not visible' : 'too many files' };
      if ('error' in got) { out.push(unreadable(cmd, name, `${s.from}${s.file !== undefined ? ` (${got.error})` : ''}`, s.file)); continue; }
      text = got.text;
    }
    const sql: string[] = [];
    for (const line of text.split('\n')) {
      // A client command only where a statement may start (`UPDATE t` then `SET x = 1` on the next line is SQL).
      const open = sql.length > 0 && !/(;|^\s*\/)\s*$/.test(sql[sql.length - 1]!) && sql[sql.length - 1]!.trim() !== '';
      if (spec.plusCommands && !open && SQLPLUS_COMMANDS.test(line)) {
        const plus = /^\s*(\S+?)(?=\s|;|$)\s*(.*)$/.exec(line.replace(/^\s*(@@?|!|\$)/, '$1 '))!;
        const word = plus[1]!.toUpperCase();
        const rest = plus[2]!.trim();
        if (/^(HOST|HO|!|\$)$/.test(word)) {
          if (rest) out.push(...(await cmd.nested(rest, { evidence: [commandEvidence(`run by ${name} ${word} (from ${s.from})`, word)] })));
        } else if (/^(@@?|START|STA)$/.test(word) && rest) {
          const f = rest.split(/\s+/)[0]!.replace(/^['"]|['"]$/g, '');
          queue.push({ file: /\.\w+$/.test(f) ? f : `${f}.sql`, from: `${word} ${f}` });
        } else if (/^(SPOOL|SPO)$/.test(word) && /^['"]?[~/]/.test(rest)) {
          out.push(unreadable(cmd, name, `SPOOL ${rest}, which writes a file outside the workspace`, undefined, 'SPOOL'));
        }
        continue;
      }
      const dot = spec.dotCommands ? /^\s*\.(\w+)\s*(.*)$/.exec(line) : null;
      if (!dot) { sql.push(line); continue; }
      const [, command, rest] = dot;
      if (/^(sh|shell|system)$/.test(command!)) out.push(...(await cmd.nested(rest!, { evidence: [commandEvidence(`run by ${name} .${command} (from ${s.from})`, `.${command}`)] })));
      else if (command === 'read') queue.push({ file: rest!.trim().replace(/^['"]|['"]$/g, ''), from: `.read ${rest!.trim()}` });
      else if (/^(output|once|save|backup|restore|open|import|excel)$/.test(command!) && /^['"]?([~/$]|.*\.\.)/.test(rest!.trim())) out.push(unreadable(cmd, name, `.${command} ${rest!.trim()}, which writes or replaces a file or database outside the workspace`, undefined, `.${command}`));
    }
    const statements = sql.join('\n');
    if (!statements.trim()) continue;
    const changing = SQL_CHANGE_WORDS.test(statements);
    for (const e of await classifySql(statements)) {
      if (e.operation === 'read') continue;
      // What the reader could not place, in text that says nothing that changes data (`SELECT * FROM read_csv(...)`).
      if (e.operation === 'unknown' && !changing) continue;
      // `COPY (...) TO 'out.csv'` of a client running on this machine: a file in the workspace.
      if (e.targetType === 'sql:server-file' && e.targets.every((t) => !/^['"]?[~/$]/.test(t) && !t.includes('..'))) continue;
      const facts = e.facts.map((f) => commandEvidence(f, e.verb));
      out.push(makeAction(cmd, {
        operation: e.operation, verb: e.verb || name, tool: 'sql',
        target: { type: e.targets.length && e.targets[0] !== '(unnamed)' ? e.targetType : 'sql:database', id: e.targets.join(', ') || '(database)' },
        scope: e.scope,
        evidence: [commandEvidence(`${name}, a database client Firebreak has no model of, runs SQL from ${s.from}`, 'source', s.file), ...facts],
        intrinsic: e.reversibility ? { reversibility: e.reversibility, evidence: facts } : undefined,
        details: { client: name, statement: e.statement.slice(0, 500) },
      }));
    }
  }
  return out;
}

function sourcesOf(spec: SqlClientSpec, args: readonly string[]): Source[] {
  const out: Source[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    let eq = a.startsWith('-') ? a.indexOf('=') : -1;
    let option = eq > 0 ? a.slice(0, eq) : a;
    // `sqlcmd -idrop.sql`: a one-letter option with its value attached.
    let attached: string | undefined;
    if (eq < 0 && /^-[A-Za-z]./.test(a) && !a.startsWith('--') && [...(spec.fileOptions ?? []), ...(spec.textOptions ?? [])].includes(a.slice(0, 2))) { option = a.slice(0, 2); attached = a.slice(2); eq = -1; }
    const value = () => (attached !== undefined ? attached : eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (spec.fileOptions?.includes(option)) {
      const v = value();
      if (v !== undefined) for (const f of v.split(',')) out.push(f === '-' ? { from: 'stdin' } : { file: f, from: `${option} ${f}` });
      continue;
    }
    if (spec.textOptions?.includes(option)) {
      const v = value();
      if (v !== undefined) out.push({ text: v, from: `${option}` });
      continue;
    }
    if (spec.fileLetter && /^-[a-zA-Z]+$/.test(a) && a.endsWith(spec.fileLetter) && a.length > 1) {
      const v = args[++i];
      if (v !== undefined) out.push({ file: v, from: `${a} ${v}` });
      continue;
    }
    if (spec.atFiles && /^@@?/.test(a)) {
      // `@drop.sql`, and `@ drop.sql` with the name in the next word.
      const f = a.replace(/^@@?/, '') || args[++i] || '';
      // SQL*Plus adds .sql when the name has no extension.
      out.push({ file: /\.\w+$/.test(f) ? f : `${f}.sql`, from: a });
    }
  }
  return out;
}

function unreadable(cmd: RecognisedCommand, name: string, what: string, file?: string, verb?: string): PlannedAction {
  return makeAction(cmd, {
    operation: 'unknown', verb: verb ?? `${name} script`, tool: 'sql',
    target: { type: 'sql:database', id: '(database)' },
    scope: 'unknown',
    evidence: [commandEvidence(`${name}, a database client Firebreak has no model of, runs SQL from ${what}: the statements are not visible`, file ? 'file' : 'stdin', file)],
    details: { client: name, ...(file ? { file } : {}) },
  });
}
