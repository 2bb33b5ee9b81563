// Database clients: psql, mysql/mariadb, sqlite3, dropdb, createdb, dropuser, mysqladmin,
// pg_dump/mysqldump, pg_restore. Each statement becomes one action (src/intake/shell/sql reads
// it); script files given with -f, `<`, `\i`, `source` or `.read` are read from the workspace;
// what cannot be read (an interactive session, a file that is not there, a pipe) is unknown.
import type { Evidence } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import { endpointFromUrl } from '../hints.js';
import { optionValue, optionValues, parseOptions } from '../options.js';
import { classifyScript, newScriptState, type ScriptOptions, type ScriptState, type ScriptStep, type SqlClient } from '../sql/index.js';
import { leavesWorkspace } from '../sql/psql-meta.js';
import { stdinFile, workspaceReader } from '../sql/workspace-files.js';

interface Connection { host?: string; database?: string; evidence: Evidence[] }

/** One piece of input the client runs, in order. */
type Source =
  | { kind: 'text'; text: string; from: string; mode: ScriptOptions['mode'] }
  | { kind: 'file'; path: string; from: string };

interface ClientCall {
  client: SqlClient;
  connection: Connection;
  sources: Source[];
  variables?: [string, string][];
  /** Extra actions found while reading options (-o /etc/x). */
  extra?: PlannedAction[];
}

const PSQL_WITH_ARGUMENT = new Set(['-c', '--command', '-f', '--file', '-h', '--host', '-p', '--port', '-U', '--username', '-d', '--dbname',
  '-v', '--set', '--variable', '-o', '--output', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr', '-L', '--log-file']);
const PSQL_SHORT_WITH_ARGUMENT = new Set(['c', 'f', 'h', 'p', 'U', 'd', 'v', 'o', 'P', 'F', 'R', 'T', 'L']);
const MYSQL_WITH_ARGUMENT = new Set(['-e', '--execute', '-h', '--host', '-u', '--user', '-P', '--port', '-D', '--database', '-S', '--socket',
  '--defaults-file', '--defaults-extra-file', '--login-path', '--default-character-set', '--protocol', '--ssl-mode', '--init-command', '--tee', '--pager']);
const SQLITE_WITH_ARGUMENT = new Set(['-cmd', '-separator', '-nullvalue', '-init', '-newline', '-vfs', '-mmap', '-lookaside', '-pagecache', '-heap', '-maxsize',
  '--cmd', '--separator', '--nullvalue', '--init', '--newline', '--vfs', '--mmap', '--lookaside', '--pagecache', '--heap', '--maxsize']);

export const psql: Recogniser = (cmd) => {
  const args = cmd.argv.slice(1);
  const p = parseOptions(args, { clusters: true, withArgument: PSQL_WITH_ARGUMENT });
  if (['-V', '--version', '-?', '--help'].some((f) => p.values.has(f))) return [];
  const conn: Connection = { evidence: [] };
  const dbArg = optionValue(p, '-d', '--dbname') ?? p.positionals[0];
  applyConnectionString(conn, dbArg);
  conn.host = optionValue(p, '-h', '--host') ?? conn.host ?? cmd.env.PGHOST;
  conn.database ??= cmd.env.PGDATABASE;
  const sources = psqlSources(args);
  // psql runs its start-up file first (its `\!` lines are shell commands), unless -X: one the line chooses is read.
  const rc = cmd.env.PSQLRC;
  if (rc && rc !== '/dev/null' && !p.values.has('-X') && !p.values.has('--no-psqlrc')) sources.unshift({ kind: 'file', path: rc, from: `PSQLRC=${rc}` });
  const extra = outputFiles(cmd, conn, optionValues(p, '-o', '--output', '-L', '--log-file'), 'psql');
  if (!sources.length && (p.values.has('-l') || p.values.has('--list'))) {
    return [makeAction(cmd, { operation: 'read', verb: 'psql -l', tool: 'sql', target: { type: 'sql:database', id: conn.database ?? '(server)' }, scope: 'resource', hints: endpointHint(conn.host, conn.database) }), ...extra];
  }
  const variables = optionValues(p, '-v', '--set', '--variable').flatMap((v): [string, string][] => {
    const eq = v.indexOf('=');
    return eq > 0 ? [[v.slice(0, eq), v.slice(eq + 1)]] : [];
  });
  return runClient(cmd, { client: 'psql', connection: conn, sources, variables, extra });
};

/** -c and -f in the order given (psql runs them in that order). */
function psqlSources(args: string[]): Source[] {
  const out: Source[] = [];
  const add = (opt: string, value: string | undefined) => {
    if (value === undefined) return;
    if (opt === 'c') out.push({ kind: 'text', text: value, from: 'command line', mode: 'command' });
    else out.push(value === '-' ? { kind: 'text', text: '', from: 'stdin', mode: 'script' } : { kind: 'file', path: value, from: `-f ${value}` });
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    const long = /^--(command|file)(?:=(.*))?$/s.exec(a);
    if (long) { add(long[1] === 'command' ? 'c' : 'f', long[2] ?? args[++i]); continue; }
    if (a.startsWith('--')) { if (PSQL_WITH_ARGUMENT.has(a)) i++; continue; }
    if (!a.startsWith('-') || a.length < 2) continue;
    for (let j = 1; j < a.length; j++) {
      if (!PSQL_SHORT_WITH_ARGUMENT.has(a[j])) continue;
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (a[j] === 'c' || a[j] === 'f') add(a[j], value);
      break;
    }
  }
  return out;
}

export const mysql: Recogniser = (cmd) => {
  // -pSECRET is the password glued to -p: drop it before option parsing (and never keep it).
  const args = cmd.argv.slice(1).filter((a) => !/^-p.+/.test(a) && !a.startsWith('--password'));
  const p = parseOptions(args, { clusters: true, withArgument: MYSQL_WITH_ARGUMENT });
  if (['-V', '--version', '-?', '--help'].some((f) => p.values.has(f))) return [];
  const conn: Connection = { evidence: [] };
  conn.host = optionValue(p, '-h', '--host') ?? cmd.env.MYSQL_HOST;
  conn.database = optionValue(p, '-D', '--database') ?? p.positionals[0];
  const sources: Source[] = [];
  for (const init of optionValues(p, '--init-command')) sources.push({ kind: 'text', text: init, from: '--init-command', mode: 'script' });
  for (const e of optionValues(p, '-e', '--execute')) sources.push({ kind: 'text', text: e, from: 'command line', mode: 'script' });
  const charset = optionValue(p, '--default-character-set');
  if (charset && /^(gbk|big5|sjis|cp932|gb18030)$/i.test(charset)) conn.evidence.push(commandEvidence(`character set ${charset} lets multi-byte characters hide quotes`, '--default-character-set', charset));
  const extra = [
    ...outputFiles(cmd, conn, optionValues(p, '--tee'), 'mysql'),
    ...pagerAction(cmd, optionValue(p, '--pager')),
  ];
  const call: ClientCall = { client: 'mysql', connection: conn, sources, extra };
  if (charset && /^(gbk|big5|sjis|cp932|gb18030)$/i.test(charset)) return [opaqueScript(cmd, call, `text read with the ${charset} character set`)];
  return runClient(cmd, call);
};

function pagerAction(cmd: RecognisedCommand, pager: string | undefined): PlannedAction[] {
  if (!pager) return [];
  return [makeAction(cmd, { operation: 'unknown', verb: 'mysql --pager', tool: 'sql', target: { type: 'local:command', id: pager }, scope: 'unknown', evidence: [commandEvidence(`sends results through the shell command ${pager}`, '--pager', pager)] })];
}

export const sqlite3: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: SQLITE_WITH_ARGUMENT });
  if (['-version', '--version', '-help', '--help'].some((f) => p.values.has(f))) return [];
  const [file, ...commands] = p.positionals;
  const conn: Connection = { database: file ?? ':memory:', evidence: [] };
  if (p.values.has('-readonly') || p.values.has('--readonly')) conn.evidence.push(commandEvidence('opened read-only', '-readonly'));
  if (p.values.has('-A') || p.values.has('-archive') || p.values.has('--archive')) {
    return [makeAction(cmd, { operation: 'unknown', verb: 'sqlite3 -A', tool: 'sql', target: { type: 'sql:database', id: conn.database! }, scope: 'unknown',
      evidence: [commandEvidence('archive mode creates, updates or extracts files of an SQL archive', '-A')] })];
  }
  const sources: Source[] = [
    ...optionValues(p, '-init', '--init').map((f): Source => ({ kind: 'file', path: f, from: `-init ${f}` })),
    ...optionValues(p, '-cmd', '--cmd').map((c): Source => ({ kind: 'text', text: c, from: 'command line', mode: 'argument' })),
  ];
  for (const c of commands) sources.push({ kind: 'text', text: c, from: 'command line', mode: 'argument' });
  // -cmd and -init run first; without commands, sqlite3 reads stdin.
  const reads = commands.length > 0;
  return runClient(cmd, { client: 'sqlite3', connection: conn, sources: reads ? sources : sources.length ? [...sources, { kind: 'text', text: '', from: 'stdin', mode: 'script' }] : sources });
};

/** dropdb: the whole database. */
export const dropdb: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']) });
  if (p.values.has('--help') || p.values.has('--version')) return [];
  const host = optionValue(p, '-h', '--host') ?? cmd.env.PGHOST;
  const name = p.positionals[0] ?? cmd.env.PGDATABASE ?? '(database)';
  return [databaseDrop(cmd, 'dropdb', host, name)];
};

/** dropuser: a role and what it was granted. */
export const dropuser: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-h', '--host', '-p', '--port', '-U', '--username']) });
  if (p.values.has('--help') || p.values.has('--version')) return [];
  const host = optionValue(p, '-h', '--host') ?? cmd.env.PGHOST;
  const role = p.positionals[0] ?? '(role)';
  const evidence = [commandEvidence(`dropuser removes the role ${role}; its grants must be restored by hand`, 'dropuser', role)];
  return [makeAction(cmd, { operation: 'delete', verb: 'dropuser', tool: 'sql', target: { type: 'sql:role', id: role }, scope: 'resource', hints: endpointHint(host, undefined), evidence, intrinsic: { reversibility: 'recoverable', evidence } })];
};

/** mysqladmin's commands, as data. */
const MYSQLADMIN: Record<string, { operation: 'read' | 'create' | 'update' | 'delete' | 'permissions'; fact: string; takesName?: boolean }> = {
  drop: { operation: 'delete', fact: 'deletes the database and all its data', takesName: true },
  create: { operation: 'create', fact: 'creates a database', takesName: true },
  shutdown: { operation: 'update', fact: 'stops the database server for everyone' },
  kill: { operation: 'update', fact: 'ends other sessions', takesName: true },
  password: { operation: 'permissions', fact: 'changes the account password' },
  'old-password': { operation: 'permissions', fact: 'changes the account password' },
  reload: { operation: 'update', fact: 'reloads the grant tables' },
  refresh: { operation: 'update', fact: 'flushes tables and rotates logs' },
  debug: { operation: 'update', fact: 'writes debug information to the server log' },
  'start-slave': { operation: 'update', fact: 'starts replication' },
  'stop-slave': { operation: 'update', fact: 'stops replication' },
  'start-replica': { operation: 'update', fact: 'starts replication' },
  'stop-replica': { operation: 'update', fact: 'stops replication' },
  ...Object.fromEntries(['flush-hosts', 'flush-logs', 'flush-privileges', 'flush-status', 'flush-tables', 'flush-threads', 'flush-binary-log', 'flush-engine-log', 'flush-error-log', 'flush-general-log', 'flush-relay-log', 'flush-slow-log']
    .map((c) => [c, { operation: 'update' as const, fact: `${c} resets server state for every session` }])),
  ...Object.fromEntries(['status', 'extended-status', 'ping', 'processlist', 'variables', 'version'].map((c) => [c, { operation: 'read' as const, fact: 'shows server state' }])),
};

export const mysqladmin: Recogniser = (cmd) => {
  const args = cmd.argv.slice(1).filter((a) => !/^-p.+/.test(a) && !a.startsWith('--password'));
  const p = parseOptions(args, { clusters: true, withArgument: MYSQL_WITH_ARGUMENT });
  const host = optionValue(p, '-h', '--host') ?? cmd.env.MYSQL_HOST;
  const actions: PlannedAction[] = [];
  for (let i = 0; i < p.positionals.length; i++) {
    const sub = p.positionals[i].toLowerCase();
    const known = MYSQLADMIN[sub];
    if (!known) {
      actions.push(makeAction(cmd, { operation: 'unknown', verb: `mysqladmin ${sub}`, tool: 'sql', target: { type: 'sql:server', id: host ?? '(server)' }, scope: 'unknown', hints: endpointHint(host, undefined), evidence: [commandEvidence(`mysqladmin ${sub} is not a command Firebreak knows`)] }));
      continue;
    }
    const name = known.takesName ? p.positionals[++i] ?? '(name)' : undefined;
    if (sub === 'drop') { actions.push(databaseDrop(cmd, 'mysqladmin drop', host, name!)); continue; }
    const evidence = [commandEvidence(`mysqladmin ${sub} ${known.fact}`, sub, name)];
    actions.push(makeAction(cmd, {
      operation: known.operation, verb: `mysqladmin ${sub}`, tool: 'sql',
      target: { type: sub === 'create' ? 'sql:database' : 'sql:server', id: name ?? host ?? '(server)' },
      scope: known.operation === 'read' || sub === 'create' ? 'resource' : 'environment', hints: endpointHint(host, sub === 'create' ? name : undefined), evidence,
      ...(sub === 'create' ? { intrinsic: { reversibility: 'reversible' as const, evidence } } : {}),
    }));
  }
  return actions;
};

export const createdb: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set(['-h', '--host', '-p', '--port', '-U', '--username', '-O', '--owner', '-T', '--template', '-E', '--encoding']) });
  const host = optionValue(p, '-h', '--host') ?? cmd.env.PGHOST;
  const name = p.positionals[0] ?? '(database)';
  return [makeAction(cmd, { operation: 'create', verb: 'createdb', tool: 'sql', target: { type: 'sql:database', id: name }, scope: 'resource', hints: endpointHint(host, name), intrinsic: { reversibility: 'reversible', evidence: [commandEvidence('a new, empty database')] } })];
};

/** pg_dump / pg_dumpall / mysqldump: read the database; -f / --result-file outside the workspace writes there. */
export const dump: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set([...PSQL_WITH_ARGUMENT, ...MYSQL_WITH_ARGUMENT, '-t', '--table', '-n', '--schema', '-F', '--format', '-j', '--jobs', '-r', '--result-file', '-T', '--exclude-table', '-N', '--exclude-schema', '-Z', '--compress']) });
  const conn: Connection = { evidence: [] };
  applyConnectionString(conn, optionValue(p, '-d', '--dbname') ?? p.positionals[0]);
  conn.host = optionValue(p, '-h', '--host') ?? conn.host ?? cmd.env.PGHOST ?? cmd.env.MYSQL_HOST;
  const tool = toolName(cmd.argv[0]);
  const out = tool === 'mysqldump' ? optionValues(p, '-r', '--result-file') : optionValues(p, '-f', '--file');
  return [
    makeAction(cmd, { operation: 'read', verb: tool, tool: 'sql', target: { type: 'sql:database', id: conn.database ?? '(database)' }, scope: 'environment', hints: endpointHint(conn.host, conn.database) }),
    ...outputFiles(cmd, conn, out, tool),
  ];
};

/** pg_restore: loads a dump into a database (--clean drops what it restores first); without -d it only prints SQL. */
export const pgRestore: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { clusters: true, withArgument: new Set([...PSQL_WITH_ARGUMENT, '-t', '--table', '-n', '--schema', '-F', '--format', '-j', '--jobs', '-I', '--index', '-P', '--function', '-T', '--trigger', '-L', '--use-list', '-S', '--superuser', '--role']) });
  if (p.values.has('--help') || p.values.has('--version')) return [];
  const conn: Connection = { evidence: [] };
  applyConnectionString(conn, optionValue(p, '-d', '--dbname'));
  conn.host = optionValue(p, '-h', '--host') ?? conn.host ?? cmd.env.PGHOST;
  const archive = p.positionals[0] ?? '(stdin)';
  if (!p.values.has('-d') && !p.values.has('--dbname') || p.values.has('-l') || p.values.has('--list')) {
    return outputFiles(cmd, conn, optionValues(p, '-f', '--file'), 'pg_restore');
  }
  const clean = p.values.has('-c') || p.values.has('--clean');
  const db = conn.database ?? '(database)';
  const evidence = [commandEvidence(`restores ${archive} into ${db}`, 'pg_restore', archive), ...(clean ? [commandEvidence('--clean drops every object it restores before recreating it: rows written since the dump are lost', '--clean')] : [])];
  return [makeAction(cmd, {
    operation: clean ? 'delete' : 'create', verb: clean ? 'pg_restore --clean' : 'pg_restore', tool: 'sql', target: { type: 'sql:database', id: db },
    scope: 'environment', hints: endpointHint(conn.host, conn.database), evidence,
    ...(clean ? { intrinsic: { reversibility: 'irreversible' as const, evidence } } : {}),
  })];
};

function databaseDrop(cmd: RecognisedCommand, verb: string, host: string | undefined, name: string): PlannedAction {
  const evidence = [commandEvidence(`${verb} deletes the database ${name} and all its data`, verb, name)];
  return makeAction(cmd, {
    operation: 'delete', verb, tool: 'sql', target: { type: 'sql:database', id: name }, scope: 'environment', hints: endpointHint(host, name), evidence,
    intrinsic: { reversibility: 'irreversible', evidence },
  });
}

/** Output files a client writes (psql -o, mysql --tee, pg_dump -f): outside the workspace they are writes. */
function outputFiles(cmd: RecognisedCommand, conn: Connection, files: string[], client: string): PlannedAction[] {
  return files.filter((f) => f && f !== '-' && leavesWorkspace(f)).map((f) => makeAction(cmd, {
    operation: 'update', verb: `${client} output`, tool: 'sql', target: { type: 'fs:path', id: f }, scope: 'unknown',
    evidence: [...conn.evidence, commandEvidence(`${client} writes its output to ${f}, outside the workspace`, 'file', f)],
  }));
}

async function runClient(cmd: RecognisedCommand, call: ClientCall): Promise<PlannedAction[]> {
  const { connection } = call;
  const actions: PlannedAction[] = [...(call.extra ?? [])];
  const readFile = workspaceReader(cmd);
  const state: ScriptState = newScriptState({ database: connection.database, host: connection.host, variables: call.variables });
  const sources = [...call.sources];
  if (!sources.length) sources.push({ kind: 'text', text: '', from: 'stdin', mode: 'script' });
  for (const source of sources) {
    let text: string;
    let from = source.from;
    let mode = source.kind === 'text' ? source.mode : 'script';
    if (source.kind === 'text' && source.from === 'stdin') {
      const stdin = await stdinText(cmd, readFile);
      if ('opaque' in stdin) { actions.push(opaqueScript(cmd, call, stdin.opaque)); continue; }
      ({ text, from } = stdin);
      mode = 'script';
    } else if (source.kind === 'file') {
      const got = await readFile(source.path);
      if ('error' in got) { actions.push(opaqueScript(cmd, call, `the SQL file ${source.path} (${got.error})`, source.path)); continue; }
      text = got.text;
      state.origin = got.path;
    } else text = source.text;
    const steps = await classifyScript(text, { client: call.client, mode, readFile, state });
    state.origin = undefined;
    actions.push(...(await stepActions(cmd, call, steps, from)));
  }
  return actions;
}

async function stdinText(cmd: RecognisedCommand, readFile: ReturnType<typeof workspaceReader>): Promise<{ text: string; from: string } | { opaque: string }> {
  if (cmd.stdin.kind === 'text') return { text: cmd.stdin.text, from: cmd.stdin.from };
  if (cmd.stdin.kind === 'terminal') return { opaque: 'an interactive session' };
  const file = stdinFile(cmd.stdin.from);
  if (!file) return { opaque: cmd.stdin.from };
  const got = await readFile(file);
  if ('error' in got) return { opaque: `${cmd.stdin.from} (${got.error})` };
  return { text: got.text, from: `file ${file}` };
}

async function stepActions(cmd: RecognisedCommand, call: ClientCall, steps: ScriptStep[], from: string): Promise<PlannedAction[]> {
  const { connection } = call;
  const actions: PlannedAction[] = [];
  for (const step of steps) {
    const hints = endpointHint(step.host ?? connection.host, step.database);
    if (step.shell !== undefined) {
      actions.push(...(await cmd.nested(step.shell, { evidence: [commandEvidence(`run by ${call.client}: ${step.facts[0] ?? step.verb}`, step.verb)] })));
      if (step.operation === 'unknown' && !/^(\\!|system|\.shell|\.system|pager|\\o|\\out|\\g|\\gx|\\w|\\write|\\copy|\.output|\.once|\.import)$/.test(step.verb)) {
        actions.push(stepAction(cmd, call, step, from, hints));
      }
      continue;
    }
    if (step.serverShell !== undefined) {
      actions.push(stepAction(cmd, call, step, from, hints));
      actions.push(...(await cmd.nested(step.serverShell, { hints, evidence: [commandEvidence(`runs on the database server ${step.host ?? connection.host ?? ''} through COPY ... PROGRAM`.replace(/\s+through/, ' through'))] })));
      continue;
    }
    if (step.operation === 'read' && step.targetType === 'sql:session') continue;
    actions.push(stepAction(cmd, call, step, from, hints));
  }
  return actions;
}

function stepAction(cmd: RecognisedCommand, call: ClientCall, step: ScriptStep, from: string, hints: { endpoint?: string }): PlannedAction {
  const { connection } = call;
  const facts = step.facts.map((f) => commandEvidence(f, step.verb));
  const evidence = [...connection.evidence, ...facts];
  if (from !== 'command line') evidence.push(commandEvidence(`statement read from ${from}`, 'source', from));
  const ownTargets = step.targets.length > 0;
  return makeAction(cmd, {
    operation: step.operation, verb: step.verb || call.client, tool: 'sql',
    target: { type: ownTargets ? step.targetType : 'sql:database', id: ownTargets ? step.targets.join(', ') : step.database ?? '(database)' },
    scope: step.scope,
    hints,
    evidence,
    intrinsic: step.reversibility ? { reversibility: step.reversibility, evidence: facts } : undefined,
    details: {
      client: call.client,
      statement: redactSql(step.statement).slice(0, 500),
      ...(step.database ? { database: step.database } : {}),
      ...(step.bounded !== undefined ? { bounded: step.bounded } : {}),
      ...(step.column ? { column: step.column } : {}),
      ...(step.file ? { file: step.file } : {}),
      ...(step.parser ? { parser: step.parser } : {}),
    },
  });
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
  return text.replace(/(PASSWORD\s+)'[^']*'/gi, "$1'***'").replace(/(IDENTIFIED\s+(?:WITH\s+\S+\s+)?BY\s+)'[^']*'/gi, "$1'***'").replace(/(\\password\s+)\S+/g, '$1***');
}
