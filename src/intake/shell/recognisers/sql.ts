// Database clients: psql, mysql/mariadb, sqlite3, dropdb, createdb, pg_dump. Each SQL
// statement becomes one action; statements we cannot see (files, pipes) become 'unknown'.
import type { Evidence } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import { endpointFromUrl } from '../hints.js';
import { optionValue, optionValues, parseOptions } from '../options.js';
import { classifyStatement } from '../sql/classify.js';
import { splitStatements } from '../sql/tokens.js';

interface Connection { host?: string; database?: string; evidence: Evidence[] }

interface ClientCall {
  client: string;
  connection: Connection;
  /** Statements given on the command line, in order. */
  inline: string[];
  /** Script files given with -f / source. */
  files: string[];
  backslashEscapes: boolean;
}

const PSQL_WITH_ARGUMENT = new Set(['-c', '--command', '-f', '--file', '-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname',
  '-v', '--set', '--variable', '-o', '--output', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr', '-L', '--log-file']);
const MYSQL_WITH_ARGUMENT = new Set(['-e', '--execute', '-h', '--host', '-u', '--user', '-P', '--port', '-D', '--database', '-S', '--socket',
  '--defaults-file', '--defaults-extra-file', '--login-path', '--default-character-set', '--protocol', '--ssl-mode', '--init-command']);

export const psql: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: PSQL_WITH_ARGUMENT });
  const conn: Connection = { evidence: [] };
  const dbArg = optionValue(p, '-d', '--dbname') ?? p.positionals[0];
  applyConnectionString(conn, dbArg);
  conn.host = optionValue(p, '-h', '--host') ?? conn.host ?? cmd.env.PGHOST;
  conn.database ??= cmd.env.PGDATABASE;
  const inline = p.values.get('-c') ?? [];
  inline.push(...(p.values.get('--command') ?? []));
  return runClient(cmd, { client: 'psql', connection: conn, inline, files: optionValues(p, '-f', '--file'), backslashEscapes: false });
};

export const mysql: Recogniser = (cmd) => {
  // -pSECRET is the password glued to -p: drop it before option parsing (and never keep it).
  const args = cmd.argv.slice(1).filter((a) => !/^-p.+/.test(a) && !a.startsWith('--password'));
  const p = parseOptions(args, { clusters: true, withArgument: MYSQL_WITH_ARGUMENT });
  const conn: Connection = { evidence: [] };
  conn.host = optionValue(p, '-h', '--host') ?? cmd.env.MYSQL_HOST;
  conn.database = optionValue(p, '-D', '--database') ?? p.positionals[0];
  return runClient(cmd, { client: toolName(cmd.argv[0]), connection: conn, inline: optionValues(p, '-e', '--execute'), files: [], backslashEscapes: true });
};

export const sqlite3: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: new Set(['-cmd', '-separator', '-nullvalue', '-init', '-newline', '-vfs', '-mmap', '-lookaside', '-pagecache', '-heap', '-maxsize']) });
  const [file, ...statements] = p.positionals;
  const conn: Connection = { database: file ?? ':memory:', evidence: [] };
  if (p.values.has('-readonly')) conn.evidence.push(commandEvidence('opened read-only', '-readonly'));
  const inline = [...(p.values.get('-cmd') ?? []), ...statements];
  return runClient(cmd, { client: 'sqlite3', connection: conn, inline, files: p.values.get('-init') ?? [], backslashEscapes: false });
};

/** dropdb / mysqladmin drop: the whole database. */
export const dropdb: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']) });
  const host = optionValue(p, '-h', '--host') ?? cmd.env.PGHOST;
  const name = p.positionals[0] ?? cmd.env.PGDATABASE ?? '(database)';
  return [databaseDrop(cmd, 'dropdb', host, name)];
};

export const mysqladmin: Recogniser = (cmd) => {
  const args = cmd.argv.slice(1).filter((a) => !/^-p.+/.test(a) && !a.startsWith('--password'));
  const p = parseOptions(args, { clusters: true, withArgument: MYSQL_WITH_ARGUMENT });
  const i = p.positionals.findIndex((a) => a === 'drop');
  if (i < 0) return [];
  return [databaseDrop(cmd, 'mysqladmin', optionValue(p, '-h', '--host'), p.positionals[i + 1] ?? '(database)')];
};

export const createdb: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-h', '--host', '-p', '--port', '-U', '--username', '-O', '--owner', '-T', '--template', '-E', '--encoding']) });
  const host = optionValue(p, '-h', '--host') ?? cmd.env.PGHOST;
  const name = p.positionals[0] ?? '(database)';
  return [makeAction(cmd, { operation: 'create', verb: 'createdb', tool: 'sql', target: { type: 'sql:database', id: name }, scope: 'resource', hints: endpointHint(host, name), intrinsic: { reversibility: 'reversible', evidence: [commandEvidence('a new, empty database')] } })];
};

/** pg_dump / mysqldump: reads the database. */
export const dump: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set([...PSQL_WITH_ARGUMENT, ...MYSQL_WITH_ARGUMENT, '-t', '--table', '-n', '--schema', '-F', '--format', '-j', '--jobs']) });
  const conn: Connection = { evidence: [] };
  applyConnectionString(conn, optionValue(p, '-d', '--dbname') ?? p.positionals[0]);
  conn.host = optionValue(p, '-h', '--host') ?? conn.host ?? cmd.env.PGHOST;
  return [makeAction(cmd, { operation: 'read', verb: toolName(cmd.argv[0]), tool: 'sql', target: { type: 'sql:database', id: conn.database ?? '(database)' }, scope: 'environment', hints: endpointHint(conn.host, conn.database) })];
};

function databaseDrop(cmd: RecognisedCommand, verb: string, host: string | undefined, name: string): PlannedAction {
  const evidence = [commandEvidence(`${verb} deletes the database ${name} and all its data`, verb, name)];
  return makeAction(cmd, {
    operation: 'delete', verb, tool: 'sql', target: { type: 'sql:database', id: name }, scope: 'environment', hints: endpointHint(host, name), evidence,
    intrinsic: { reversibility: 'irreversible', evidence },
  });
}

async function runClient(cmd: RecognisedCommand, call: ClientCall): Promise<PlannedAction[]> {
  const { connection } = call;
  const sources: { text: string; from: string }[] = call.inline.map((text) => ({ text, from: 'command line' }));
  const actions: PlannedAction[] = [];
  for (const f of call.files) actions.push(opaqueScript(cmd, call, `the SQL file ${f}`, f));
  if (!sources.length && !call.files.length) {
    if (cmd.stdin.kind === 'text') sources.push({ text: cmd.stdin.text, from: cmd.stdin.from });
    else if (cmd.stdin.kind === 'opaque') actions.push(opaqueScript(cmd, call, cmd.stdin.from));
    else actions.push(opaqueScript(cmd, call, 'an interactive session'));
  }
  let database = connection.database;
  for (const source of sources) {
    for (const statement of splitStatements(source.text, call.backslashEscapes)) {
      const effect = classifyStatement(statement.text, call.backslashEscapes);
      if (effect.session) {
        if (effect.session.database) database = effect.session.database;
        continue;
      }
      if (effect.shell) {
        actions.push(...(await cmd.nested(effect.shell, { evidence: [commandEvidence('run from psql with \\!')] })));
        continue;
      }
      const evidence = [...connection.evidence, ...effect.facts.map((f) => commandEvidence(f, effect.verb))];
      if (source.from !== 'command line') evidence.push(commandEvidence(`statement read from ${source.from}`, 'stdin'));
      const targets = effect.targets.length ? effect.targets : [database ?? '(database)'];
      const targetType = effect.targets.length ? effect.targetType : 'sql:database';
      for (const id of targets) {
        actions.push(makeAction(cmd, {
          operation: effect.operation, verb: effect.verb, tool: 'sql',
          target: { type: targetType, id },
          scope: effect.scope,
          hints: endpointHint(connection.host, database),
          evidence,
          intrinsic: effect.reversibility ? { reversibility: effect.reversibility, evidence: effect.facts.map((f) => commandEvidence(f, effect.verb)) } : undefined,
          details: {
            client: call.client,
            statement: redactSql(statement.text).slice(0, 500),
            ...(database ? { database } : {}),
            ...('bounded' in effect ? { bounded: (effect as { bounded?: boolean }).bounded } : {}),
            ...('column' in effect ? { column: (effect as { column?: string }).column } : {}),
          },
        }));
      }
    }
  }
  if (!actions.length && sources.length) {
    // Only session statements (BEGIN; COMMIT): nothing changes, but say we saw a connection.
    return [];
  }
  return actions;
}

function opaqueScript(cmd: RecognisedCommand, call: ClientCall, what: string, file?: string): PlannedAction {
  const evidence = [...call.connection.evidence, commandEvidence(`runs SQL from ${what}: the statements are not visible`, file ? '-f' : 'stdin', file)];
  return makeAction(cmd, {
    operation: 'unknown', verb: file ? `${call.client} -f` : call.client, tool: 'sql',
    target: { type: 'sql:database', id: call.connection.database ?? '(database)' },
    scope: 'unknown', hints: endpointHint(call.connection.host, call.connection.database), evidence,
    details: { client: call.client, ...(file ? { file } : {}) },
  });
}

/** A postgres:// URL or `host=x dbname=y` conninfo string. */
function applyConnectionString(conn: Connection, value: string | undefined): void {
  if (!value) return;
  if (value.includes('$')) {
    conn.evidence.push(commandEvidence(`connection comes from ${value.replace(/:[^@/]*@/, ':***@')}, resolved at run time`, 'dbname'));
    return;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)(?::\d+)?(?:\/([^?#]*))?/i.exec(value);
    if (m) { conn.host = m[1]; if (m[2]) conn.database = m[2]; }
    return;
  }
  if (value.includes('=')) {
    for (const [, k, v] of value.matchAll(/(\w+)\s*=\s*'?([^'\s]*)'?/g)) {
      if (k === 'host' || k === 'hostaddr') conn.host = v;
      if (k === 'dbname') conn.database = v;
    }
    return;
  }
  conn.database = value;
}

function endpointHint(host: string | undefined, database: string | undefined) {
  if (!host && !database) return {};
  const endpoint = host && /:\/\//.test(host) ? endpointFromUrl(host) : [host, database].filter(Boolean).join('/');
  return endpoint ? { endpoint } : {};
}

function redactSql(text: string): string {
  return text.replace(/(PASSWORD\s+)'[^']*'/gi, "$1'***'").replace(/(IDENTIFIED\s+BY\s+)'[^']*'/gi, "$1'***'");
}
