// SQL-like data stores with their own clients: cqlsh (Cassandra CQL) and clickhouse-client.
// Their statements are read with the dialect lexer (src/intake/shell/sql) plus what differs:
// a CQL INSERT overwrites a row with the same key, BEGIN BATCH holds writes, cqlsh has its own
// commands (COPY, SOURCE, CAPTURE); ClickHouse deletes and updates through ALTER TABLE ...
// DELETE/UPDATE, drops partitions, has SYSTEM and KILL statements, and writes INTO OUTFILE on
// the client's machine.
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import { optionValue, optionValues, parseOptions } from '../options.js';
import { classifyLexed } from '../sql/classify.js';
import { effect, none, read, unknown, type StatementEffect } from '../sql/effect.js';
import { leavesWorkspace } from '../sql/psql-meta.js';
import { splitStatements } from '../sql/tokens.js';
import { workspaceReader } from '../sql/workspace-files.js';
import { stdinText } from './redis.js';

/** CQL statements (or cqlsh commands) -> effects. */
export function classifyCql(text: string): { statement: string; effect: StatementEffect }[] {
  const out: { statement: string; effect: StatementEffect }[] = [];
  // `//` starts a comment in CQL as `--` does.
  const normal = text.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*"|\$\$[\s\S]*?\$\$)|\/\/[^\n]*/g, (m, quoted: string | undefined) => quoted ?? '');
  for (const s of splitStatements(normal, 'postgresql')) {
    let stmt = s.text;
    const batch = /^BEGIN\s+(?:(?:UNLOGGED|COUNTER)\s+)?BATCH\b(?:\s+USING\s+TIMESTAMP\s+\d+)?/i.exec(stmt);
    if (batch) stmt = stmt.slice(batch[0].length).trim();
    if (/^APPLY\s+BATCH$/i.test(stmt) || !stmt) continue;
    for (const e of cqlStatement(stmt, s.refusals)) out.push({ statement: s.text, effect: e });
  }
  return out;
}

function cqlStatement(stmt: string, refusals: string[] | undefined): StatementEffect[] {
  if (refusals?.length) return [unknown('', `cannot read the statement: ${refusals.join('; ')}`)];
  const first = (/^\s*([A-Za-z]+)/.exec(stmt)?.[1] ?? '').toUpperCase();
  const rest = stmt.slice(first.length).trim();
  switch (first) {
    case 'CONSISTENCY': case 'SERIAL': case 'TRACING': case 'PAGING': case 'EXPAND': case 'SHOW': case 'HELP': case 'CLEAR': case 'CLS':
    case 'EXIT': case 'QUIT': case 'LOGIN': case 'DESCRIBE': case 'DESC': case 'LIST':
      return [read(first)];
    case 'USE': return [none('USE', { database: rest.replace(/[";]/g, '') })];
    case 'SOURCE': return [unknown('SOURCE', `runs the CQL in ${rest}: the file is not read`)];
    case 'CAPTURE': {
      const file = rest.replace(/^'|'$/g, '');
      return file && !/^off$/i.test(file) && leavesWorkspace(file) ? [effect('update', 'CAPTURE', 'fs:path', [file], 'unknown', undefined, [`CAPTURE writes query output to ${file}, outside the workspace`])] : [none('CAPTURE')];
    }
    case 'COPY': {
      const m = /^(\S+)(?:\s*\([^)]*\))?\s+(FROM|TO)\s+'?([^'\s]+)/i.exec(rest);
      if (!m) return [unknown('COPY', 'cannot read the COPY command')];
      if (m[2].toUpperCase() === 'FROM') return [effect('update', 'COPY FROM', 'cql:table', [m[1]], 'resource', undefined, [`loads rows from ${m[3]} into ${m[1]}; rows with the same key are overwritten`])];
      return leavesWorkspace(m[3]) ? [read('COPY TO'), effect('update', 'COPY TO', 'fs:path', [m[3]], 'unknown', undefined, [`writes ${m[1]} to ${m[3]}, outside the workspace`])] : [read('COPY TO')];
    }
    case 'INSERT': {
      const ifNotExists = /\bIF\s+NOT\s+EXISTS\b/i.test(stmt);
      const table = /^INTO\s+([\w."]+)/i.exec(rest)?.[1] ?? '(table)';
      return [effect(ifNotExists ? 'create' : 'update', 'INSERT', 'cql:table', [table], 'resource', undefined, [ifNotExists ? 'adds a row if its key is new' : 'a CQL INSERT overwrites any row with the same primary key'])];
    }
  }
  return classifyLexed(stmt, 'postgresql', { skipFunctions: true }).map((e) => ({ ...e, targetType: e.targetType.replace(/^sql:/, 'cql:') }));
}

/** ClickHouse statements -> effects. */
export function classifyClickHouse(text: string): { statement: string; effect: StatementEffect }[] {
  const out: { statement: string; effect: StatementEffect }[] = [];
  for (const s of splitStatements(text, 'mysql')) {
    for (const e of clickHouseStatement(s.text, s.refusals)) out.push({ statement: s.text, effect: e });
  }
  return out;
}

function clickHouseStatement(stmt: string, refusals: string[] | undefined): StatementEffect[] {
  if (refusals?.length) return [unknown('', `cannot read the statement: ${refusals.join('; ')}`)];
  const words = stmt.replace(/'(?:[^'\\]|\\.)*'/g, "''").split(/\s+/).map((w) => w.toUpperCase());
  const first = words[0];
  const table = () => (/^ALTER\s+TABLE\s+([\w.`"]+)/i.exec(stmt)?.[1] ?? '(table)');
  if (first === 'ALTER' && words[1] === 'TABLE') {
    if (/\bDELETE\s+(IN\s+PARTITION\b.*\s+)?WHERE\b/i.test(stmt)) return [effect('delete', 'ALTER TABLE DELETE', 'clickhouse:table', [table()], 'resource', 'irreversible', ['ALTER TABLE ... DELETE removes the matching rows (a mutation; no undo)'], { bounded: !/WHERE\s+(1|true)\s*$/i.test(stmt) })];
    if (/\bUPDATE\b[\s\S]*\bWHERE\b/i.test(stmt)) return [effect('update', 'ALTER TABLE UPDATE', 'clickhouse:table', [table()], 'resource', 'irreversible', ['ALTER TABLE ... UPDATE overwrites the matching rows (a mutation; no undo)'])];
    if (/\b(DROP|DETACH)\s+(PARTITION|PART)\b/i.test(stmt)) return [effect('delete', 'ALTER TABLE DROP PARTITION', 'clickhouse:table', [table()], 'resource', /DETACH/i.test(stmt) ? 'recoverable' : 'irreversible', ['drops the partition and its rows'])];
    if (/\bCLEAR\s+(COLUMN|INDEX)\b/i.test(stmt) || /\bDROP\s+COLUMN\b/i.test(stmt)) return [effect('delete', 'ALTER TABLE DROP COLUMN', 'clickhouse:table', [table()], 'resource', 'irreversible', ['deletes a column\'s data'])];
    if (/\bFREEZE\b/i.test(stmt)) return [effect('create', 'ALTER TABLE FREEZE', 'clickhouse:table', [table()], 'resource', 'reversible', ['FREEZE makes a local backup of the partition'])];
    return [effect('update', 'ALTER TABLE', 'clickhouse:table', [table()], 'resource', undefined, ['changes the table'])];
  }
  if (first === 'SYSTEM') {
    const what = words.slice(1, 3).join(' ');
    if (/^DROP .*CACHE$|^FLUSH LOGS/.test(words.slice(1).join(' '))) return [effect('update', `SYSTEM ${what}`, 'clickhouse:server', ['(server)'], 'environment', 'reversible', [`SYSTEM ${what} drops a cache`])];
    return [effect('update', `SYSTEM ${what}`, 'clickhouse:server', ['(server)'], 'environment', undefined, [`SYSTEM ${what} changes how the server runs (merges, replication, shutdown...)`])];
  }
  if (first === 'KILL') return [effect('update', `KILL ${words[1] ?? ''}`.trim(), 'clickhouse:server', ['(server)'], 'environment', 'irreversible', ['KILL stops running queries or mutations'])];
  if (first === 'DETACH') return [effect('update', `DETACH ${words[1] ?? ''}`.trim(), 'clickhouse:table', [words[2] ?? '(object)'], 'resource', /PERMANENTLY/.test(words.join(' ')) ? undefined : 'recoverable', ['DETACH takes the object offline until ATTACH'])];
  if (first === 'ATTACH' || first === 'EXCHANGE' || first === 'MOVE' || first === 'UNDROP') return [effect('update', first, 'clickhouse:table', [words[2] ?? '(object)'], 'resource', undefined, [`${first} changes which tables exist`])];
  if (first === 'BACKUP') return [effect('create', 'BACKUP', 'clickhouse:backup', [], 'resource', 'reversible', ['writes a backup'])];
  if (first === 'RESTORE') return [effect('update', 'RESTORE', 'clickhouse:table', [], 'resource', undefined, ['RESTORE replaces tables with the backup\'s content'])];
  if (first === 'EXISTS' || first === 'CHECK') return [read(first)];
  if ((first === 'SELECT' || first === 'WITH') && /\bINTO\s+OUTFILE\s+'([^']*)'/i.test(stmt)) {
    const file = /\bINTO\s+OUTFILE\s+'([^']*)'/i.exec(stmt)![1];
    return leavesWorkspace(file) ? [effect('update', 'SELECT INTO OUTFILE', 'fs:path', [file], 'unknown', undefined, [`the client writes the result to ${file}, outside the workspace`])] : [read('SELECT INTO OUTFILE')];
  }
  if (first === 'INSERT' && /^INSERT\s+INTO\s+(TABLE\s+)?FUNCTION\b/i.test(stmt)) return [effect('update', 'INSERT INTO FUNCTION', 'clickhouse:external', [], 'unknown', undefined, ['writes through a table function to an external system (s3, url, mysql, remote...)'])];
  if (first === 'OPTIMIZE') return [effect('update', 'OPTIMIZE', 'clickhouse:table', [words[2] ?? '(table)'], 'resource', /DEDUPLICATE/.test(words.join(' ')) ? 'irreversible' : 'reversible', [/DEDUPLICATE/.test(words.join(' ')) ? 'OPTIMIZE ... DEDUPLICATE removes duplicate rows' : 'merges parts (maintenance)'])];
  return classifyLexed(stmt, 'mysql', { skipFunctions: true }).map((e) => ({ ...e, targetType: e.targetType.replace(/^sql:/, 'clickhouse:') }));
}

function storeActions(cmd: RecognisedCommand, tool: string, items: { statement: string; effect: StatementEffect }[], host: string | undefined, database: string | undefined, from: string): Promise<PlannedAction[]> {
  return (async () => {
    const actions: PlannedAction[] = [];
    let db = database;
    for (const { statement, effect: e } of items) {
      if (e.session?.database) db = e.session.database;
      if (e.operation === 'read' && e.targetType.endsWith(':session')) continue;
      const facts = e.facts.map((f) => commandEvidence(f, e.verb));
      const hints = host || db ? { endpoint: [host, db].filter(Boolean).join('/') } : {};
      actions.push(makeAction(cmd, {
        operation: e.operation, verb: e.verb || tool, tool,
        target: { type: e.targets.length ? e.targetType : `${tool}:database`, id: e.targets.length ? e.targets.join(', ') : db ?? '(database)' },
        scope: e.scope, hints, evidence: [...facts, ...(from !== 'command line' ? [commandEvidence(`read from ${from}`)] : [])],
        ...(e.reversibility ? { intrinsic: { reversibility: e.reversibility, evidence: facts } } : {}),
        details: { statement: statement.slice(0, 500), ...(db ? { database: db } : {}) },
      }));
    }
    return actions;
  })();
}

async function scriptSources(cmd: RecognisedCommand, inline: string[], files: string[]): Promise<{ sources: { text: string; from: string }[]; opaque: string[] }> {
  const read = workspaceReader(cmd);
  const sources = inline.map((text) => ({ text, from: 'command line' }));
  const opaque: string[] = [];
  for (const f of files) {
    const got = await read(f);
    if ('error' in got) opaque.push(`the file ${f} (${got.error})`);
    else sources.push({ text: got.text, from: f });
  }
  if (!sources.length && !opaque.length) {
    const text = await stdinText(cmd);
    if (text === undefined) opaque.push(cmd.stdin.kind === 'terminal' ? 'an interactive session' : cmd.stdin.kind === 'opaque' ? cmd.stdin.from : 'stdin');
    else sources.push({ text, from: 'stdin' });
  }
  return { sources, opaque };
}

function opaqueAction(cmd: RecognisedCommand, tool: string, what: string, host: string | undefined, database: string | undefined): PlannedAction {
  return makeAction(cmd, {
    operation: 'unknown', verb: tool, tool, target: { type: `${tool}:database`, id: database ?? '(database)' }, scope: 'unknown',
    hints: host ? { endpoint: [host, database].filter(Boolean).join('/') } : {}, evidence: [commandEvidence(`runs statements from ${what}: they are not visible`)],
  });
}

export const cqlsh: Recogniser = async (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: new Set(['-e', '--execute', '-f', '--file', '-k', '--keyspace', '-u', '--username', '-p', '--password', '--cqlshrc', '--cqlversion', '--protocol-version', '--connect-timeout', '--request-timeout', '--encoding', '--credentials']) });
  if (p.values.has('--help') || p.values.has('-h') || p.values.has('--version')) return [];
  const host = p.positionals[0] ?? cmd.env.CQLSH_HOST;
  const keyspace = optionValue(p, '-k', '--keyspace');
  const { sources, opaque } = await scriptSources(cmd, optionValues(p, '-e', '--execute'), optionValues(p, '-f', '--file'));
  const actions = opaque.map((w) => opaqueAction(cmd, 'cqlsh', w, host, keyspace));
  for (const s of sources) actions.push(...(await storeActions(cmd, 'cql', classifyCql(s.text), host, keyspace, s.from)));
  return actions;
};

export const clickhouseClient: Recogniser = async (cmd) => {
  let args = cmd.argv.slice(1);
  const tool = toolName(cmd.argv[0]);
  if (tool === 'clickhouse') {
    // `clickhouse client ...`, `clickhouse local ...`; other subcommands (server, keeper...) are not clients.
    if (args[0] !== 'client' && args[0] !== 'local') {
      return [makeAction(cmd, { operation: 'unknown', verb: `clickhouse ${args[0] ?? ''}`.trim(), tool: 'clickhouse', target: { type: 'local:command', id: 'clickhouse' }, scope: 'unknown', evidence: [commandEvidence(`clickhouse ${args[0] ?? ''} is not a subcommand Firebreak models`)] })];
    }
    args = args.slice(1);
  }
  const p = parseOptions(args, { withArgument: new Set(['-q', '--query', '--queries-file', '-h', '--host', '--port', '-d', '--database', '-u', '--user', '--password', '-f', '--format', '--config-file', '-C', '--param_', '--max_threads', '--file', '--structure', '--input-format', '--output-format', '--table', '-t', '-S', '-N']) });
  if (p.values.has('--help') || p.values.has('--version') || p.values.has('-V')) return [];
  const host = optionValue(p, '-h', '--host') ?? cmd.env.CLICKHOUSE_HOST;
  const database = optionValue(p, '-d', '--database');
  const { sources, opaque } = await scriptSources(cmd, optionValues(p, '-q', '--query'), optionValues(p, '--queries-file'));
  const actions = opaque.map((w) => opaqueAction(cmd, 'clickhouse', w, host, database));
  for (const s of sources) actions.push(...(await storeActions(cmd, 'clickhouse', classifyClickHouse(s.text), host, database, s.from)));
  return actions;
};
