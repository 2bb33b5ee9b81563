// The one entry for SQL text from any source: database clients on the command line (psql, mysql,
// sqlite3), driver calls in code (`cursor.execute("...")`), MCP tool arguments.
//
//   classifySql(text, { dialect })      plain SQL, what a driver sends: one effect per statement
//                                       (a statement that does several things gives several)
//   classifyScript(text, { client })    a client script: SQL plus the client's own commands
//                                       (psql `\i`, `\!`, `:vars`; mysql `source`, `system`;
//                                       sqlite3 `.shell`, `.read`), files read as they run
//
// PostgreSQL is read by the real PostgreSQL parser (postgres.ts, loaded on first use); MySQL and
// SQLite by the dialect lexer (tokens.ts, classify.ts), which refuses what it does not model.
// Nothing here throws on bad input: unreadable text is an unknown effect.
import { classifyLexed, type LexContext } from './classify.js';
import { splitMysqlScript, splitSqliteScript } from './client-scripts.js';
import { effect, none, severity, unknown, worst, type StatementEffect } from './effect.js';
import { leavesWorkspace, metaEffects, parseMeta, UNSAFE_CLIENT_ENCODINGS } from './psql-meta.js';
import { setValue, splitPsql } from './psql.js';
import { classifyPostgres, newPgContext, type PgContext } from './postgres.js';
import { dotEffects } from './sqlite-dot.js';
import { splitStatements, type LexDialect } from './tokens.js';

export type { StatementEffect } from './effect.js';
export type SqlDialect = LexDialect | 'generic';
export type SqlClient = 'psql' | 'mysql' | 'sqlite3';

export interface SqlEffect extends StatementEffect {
  /** The statement (or client command) the effect comes from. */
  statement: string;
  /** Its position among the statements of the text, from 0. */
  index: number;
  /** The dialect that read it (for `generic`: the one whose reading is the most severe). */
  dialect: LexDialect;
}

export interface ClassifySqlOptions {
  /** `generic` when the database is not known: every dialect reads it, the most severe reading wins. */
  dialect?: SqlDialect;
}

export const MAX_SQL_TEXT = 1_000_000;

/** Plain SQL (no client commands) -> effects, one or more per statement. Never throws. */
export async function classifySql(text: string, options: ClassifySqlOptions = {}): Promise<SqlEffect[]> {
  const dialect = options.dialect ?? 'generic';
  try {
    if (typeof text !== 'string') return [asSql(unknown('', 'SQL text is not a string'), '', 0, 'postgresql')];
    if (text.length > MAX_SQL_TEXT) return [asSql(unknown('', `the SQL text is ${text.length} characters, over the ${MAX_SQL_TEXT} Firebreak reads`), text.slice(0, 200), 0, 'postgresql')];
    if (dialect !== 'generic') return await classifyIn(text, dialect);
    const readings = await Promise.all((['postgresql', 'mysql', 'sqlite'] as const).map((d) => classifyIn(text, d)));
    return readings.reduce((a, b) => (maxSeverity(b) > maxSeverity(a) ? b : a));
  } catch (e) {
    return [asSql(unknown('', `the SQL could not be classified (${e instanceof Error ? e.message : String(e)})`), text.slice(0, 200), 0, dialect === 'generic' ? 'postgresql' : dialect)];
  }
}

async function classifyIn(text: string, dialect: LexDialect): Promise<SqlEffect[]> {
  if (dialect === 'postgresql') {
    const statements = await classifyPostgres(text);
    return statements.flatMap((s, index) => s.effects.map((e) => asSql(e, s.text, index, dialect)));
  }
  const ctx: LexContext = {};
  return splitStatements(text, dialect).flatMap((s, index) => classifyLexed(s.text, dialect, ctx).map((e) => asSql(e, s.text, index, dialect)));
}

function maxSeverity(effects: StatementEffect[]): number {
  return effects.reduce((m, e) => Math.max(m, severity(e)), -1);
}

function asSql(e: StatementEffect, statement: string, index: number, dialect: LexDialect): SqlEffect {
  return { ...e, statement, index, dialect };
}

export interface ReadResult { text: string; path: string }

export interface ScriptOptions {
  client: SqlClient;
  /** `script`: a file or stdin. `command`: psql -c (one string to the server, or one meta-command
   *  line). `argument`: one sqlite3 command-line argument (a dot-command or SQL). */
  mode?: 'script' | 'command' | 'argument';
  /** Reads a file a script runs (`\i`, `.read`, `source`), relative to the workspace or to
   *  `relativeTo`. Missing: included files are unknown. */
  readFile?: (path: string, relativeTo?: string) => Promise<ReadResult | { error: string }>;
  /** Shared across the parts of one client invocation (-c, -f, stdin in order). */
  state?: ScriptState;
}

export interface ScriptState {
  /** psql variables: name -> value; null = set to something not visible. */
  variables: Map<string, string | null>;
  database?: string;
  host?: string;
  /** psql `\cd`, sqlite `.cd`: later relative paths no longer start from the workspace. */
  changedDirectory?: boolean;
  /** The file being read (for psql `\ir`). */
  origin?: string;
  depth: number;
  pg: PgContext;
  lex: LexContext;
}

export interface ScriptStep extends SqlEffect {
  /** Database and host in force when the statement runs (after `\c`, `USE`, `.open`). */
  database?: string;
  host?: string;
  /** File the statement was read from, when not the command line. */
  file?: string;
}

const MAX_INCLUDE_DEPTH = 8;

export function newScriptState(init: { database?: string; host?: string; variables?: Iterable<[string, string | null]> } = {}): ScriptState {
  return { variables: new Map(init.variables ?? []), database: init.database, host: init.host, depth: 0, pg: newPgContext(), lex: {} };
}

/** A client script -> its steps, in order. Never throws. */
export async function classifyScript(text: string, options: ScriptOptions): Promise<ScriptStep[]> {
  const state = options.state ?? newScriptState();
  const steps: ScriptStep[] = [];
  try {
    if (text.length > MAX_SQL_TEXT) {
      push(steps, state, unknown('', `the script is ${text.length} characters, over the ${MAX_SQL_TEXT} Firebreak reads`), text.slice(0, 200), clientDialect(options.client));
      return steps;
    }
    if (options.client === 'psql') await psqlScript(text, options, state, steps);
    else if (options.client === 'mysql') await mysqlScript(text, options, state, steps);
    else await sqliteScript(text, options, state, steps);
  } catch (e) {
    push(steps, state, unknown('', `the script could not be classified (${e instanceof Error ? e.message : String(e)})`), text.slice(0, 200), clientDialect(options.client));
  }
  return steps;
}

function clientDialect(client: SqlClient): LexDialect {
  return client === 'psql' ? 'postgresql' : client === 'mysql' ? 'mysql' : 'sqlite';
}

function push(steps: ScriptStep[], state: ScriptState, e: StatementEffect, statement: string, dialect: LexDialect): void {
  if (e.session?.database !== undefined) state.database = e.session.database;
  if (e.session?.host !== undefined) state.host = e.session.host;
  steps.push({
    ...e, statement, index: steps.length, dialect,
    ...(state.database ? { database: state.database } : {}),
    ...(state.host ? { host: state.host } : {}),
    ...(state.origin ? { file: state.origin } : {}),
  });
}

async function serverText(sql: string, state: ScriptState, steps: ScriptStep[]): Promise<void> {
  for (const s of await classifyPostgres(sql, state.pg)) for (const e of s.effects) push(steps, state, e, s.text, 'postgresql');
}

async function psqlScript(text: string, options: ScriptOptions, state: ScriptState, steps: ScriptStep[]): Promise<void> {
  if (options.mode === 'command') {
    // psql -c: a string that starts with a backslash is meta-commands (separated by `\\`);
    // anything else goes to the server as it is, without variable substitution.
    if (text.trimStart().startsWith('\\')) {
      for (const line of text.trim().split(/\\\\/)) if (line.trim()) await psqlMeta(`\\${line.trim().replace(/^\\/, '')}`, options, state, steps);
      return;
    }
    await serverText(text, state, steps);
    return;
  }
  const vars = { get: (name: string) => state.variables.get(name) };
  for (const part of splitPsql(text, vars)) {
    if (part.kind === 'meta') { await psqlMeta(part.text, options, state, steps); continue; }
    if (part.refusals.length) { push(steps, state, unknown('', `psql cannot read this the way the server will: ${part.refusals.join('; ')}`), part.text, 'postgresql'); continue; }
    if (part.unresolved.length) {
      const names = [...new Set(part.unresolved)].map((n) => `:${n}`).join(', ');
      push(steps, state, unknown('', `uses psql variable ${names}, whose value is not visible: the statement that runs is not the one written`), part.text, 'postgresql');
      continue;
    }
    await serverText(part.text, state, steps);
  }
}

async function psqlMeta(line: string, options: ScriptOptions, state: ScriptState, steps: ScriptStep[]): Promise<void> {
  const m = parseMeta(line, (name) => state.variables.get(name) ?? undefined);
  switch (m.name) {
    case 'set': if (m.args[0]) state.variables.set(m.args[0], setValue(m.args, m.backticks)); break;
    case 'unset': if (m.args[0]) state.variables.delete(m.args[0]); break;
    case 'prompt': { const name = m.args[m.args.length - 1]; if (name) state.variables.set(name, null); break; }
    case 'getenv': if (m.args[0]) state.variables.set(m.args[0], null); break;
    case 'cd': state.changedDirectory = true; break;
    case 'encoding': break;
  }
  // \gset defines variables named after the result's columns: a later :name that is not set
  // here is unresolved, and so unknown, whatever \gset put in it.
  for (const e of metaEffects(m)) {
    if (e.sql) { await serverText(e.sql, state, steps); continue; }
    if (e.include) { await include(e.include.path, e.include.relativeToScript === true, options, state, steps, 'psql'); continue; }
    push(steps, state, e, line, 'postgresql');
  }
}

async function include(path: string, relative: boolean, options: ScriptOptions, state: ScriptState, steps: ScriptStep[], client: SqlClient): Promise<void> {
  const dialect = clientDialect(client);
  const cmd = client === 'psql' ? (relative ? '\\ir' : '\\i') : client === 'mysql' ? 'source' : '.read';
  if (!options.readFile) { push(steps, state, unknown(cmd, `runs the SQL in ${path}: the file is not visible`, { include: { path } }), `${cmd} ${path}`, dialect); return; }
  if (state.depth >= MAX_INCLUDE_DEPTH) { push(steps, state, unknown(cmd, `files include each other more than ${MAX_INCLUDE_DEPTH} deep`), `${cmd} ${path}`, dialect); return; }
  if (state.changedDirectory && !path.startsWith('/')) { push(steps, state, unknown(cmd, `runs ${path} after the client changed directory: which file that is is not visible`), `${cmd} ${path}`, dialect); return; }
  const got = await options.readFile(path, relative ? state.origin : undefined);
  if ('error' in got) { push(steps, state, unknown(cmd, `runs the SQL in ${path}, which cannot be read (${got.error})`), `${cmd} ${path}`, dialect); return; }
  const origin = state.origin;
  state.origin = got.path;
  state.depth++;
  try {
    const inner = await classifyScript(got.text, { ...options, mode: 'script', state });
    for (const s of inner) steps.push({ ...s, index: steps.length, facts: [`read from ${got.path} (${cmd})`, ...s.facts] });
  } finally {
    state.depth--;
    state.origin = origin;
  }
}

async function mysqlScript(text: string, options: ScriptOptions, state: ScriptState, steps: ScriptStep[]): Promise<void> {
  for (const part of splitMysqlScript(text)) {
    if (part.kind === 'sql') {
      for (const e of classifyLexed(part.text, 'mysql', state.lex)) push(steps, state, e, part.text, 'mysql');
      continue;
    }
    const args = part.args.trim();
    const first = args.split(/\s+/)[0] ?? '';
    switch (part.name) {
      case 'system': push(steps, state, { ...unknown('system', 'runs a shell command from mysql'), shell: args }, part.text, 'mysql'); break;
      case 'pager': if (args) push(steps, state, { ...unknown('pager', `sends every result through the shell command ${args}`), shell: args }, part.text, 'mysql'); break;
      case 'source': await include(first.replace(/^['"]|['"]$/g, ''), false, options, state, steps, 'mysql'); break;
      case 'tee':
        if (first && leavesWorkspace(first)) push(steps, state, effect('update', 'tee', 'fs:path', [first], 'unknown', undefined, [`tee appends the session's output to ${first}, outside the workspace`]), part.text, 'mysql');
        break;
      case 'edit': push(steps, state, unknown('edit', 'edit opens an editor; what is saved there runs as SQL'), part.text, 'mysql'); break;
      case 'use': push(steps, state, none('use', { database: first.replace(/[`;]/g, '') }), part.text, 'mysql'); break;
      case 'connect': {
        const [db, host] = args.split(/\s+/);
        push(steps, state, none('connect', { ...(db ? { database: db } : {}), ...(host ? { host } : {}) }), part.text, 'mysql');
        break;
      }
      case 'charset':
        if (/^(gbk|big5|sjis|cp932|gb18030)$/i.test(first)) push(steps, state, unknown('charset', `character set ${first} lets multi-byte characters hide quotes and backslashes`), part.text, 'mysql');
        break;
      default: break; // help, status, print, prompt, warnings, delimiter, go, quit...: nothing changes
    }
  }
}

async function sqliteScript(text: string, options: ScriptOptions, state: ScriptState, steps: ScriptStep[]): Promise<void> {
  const parts = options.mode === 'argument'
    ? (text.trimStart().startsWith('.') ? splitSqliteScript(text.trimStart().split('\n')[0]) : [{ kind: 'sql' as const, text }])
    : splitSqliteScript(text);
  for (const part of parts) {
    if (part.kind === 'sql') {
      for (const s of splitStatements(part.text, 'sqlite')) for (const e of classifyLexed(s.text, 'sqlite', state.lex)) push(steps, state, e, s.text, 'sqlite');
      continue;
    }
    if (part.name === 'cd') state.changedDirectory = true;
    for (const e of dotEffects(part.name, part.args)) {
      if (e.include) { await include(e.include.path, false, options, state, steps, 'sqlite3'); continue; }
      push(steps, state, e, part.text, 'sqlite');
    }
  }
}

/** The worst effect among steps, for callers that want one answer. */
export function worstStep<T extends StatementEffect>(steps: T[]): T | undefined {
  return worst(steps) as T | undefined;
}

export { UNSAFE_CLIENT_ENCODINGS };
