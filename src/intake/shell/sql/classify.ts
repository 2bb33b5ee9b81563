// One SQL statement -> what it does, read from the dialect lexer's tokens. Used for MySQL and
// SQLite (no real parser is kept for them, see tokens.ts) and as the synchronous fallback.
// It recognises the statement kinds below and refuses the rest: a statement it cannot place, a
// function it does not know, a lexical trick it does not model, is unknown, never a read.
import type { Reversibility } from '../../../model.js';
import {
  SQLITE_DANGEROUS_PRAGMAS, SQLITE_MAINTENANCE_PRAGMAS, SQLITE_PERSISTENT_PRAGMAS, SQLITE_READ_PRAGMAS, SQLITE_SESSION_PRAGMAS,
} from '../../../knowledge/sql/sqlite-pragmas.js';
import { effect, fromFunction, none, read, unknown, worst, type StatementEffect } from './effect.js';
import { lookupFunction } from './functions.js';
import { metaEffects, parseMeta } from './psql-meta.js';
import { dialectOf, lex, splitStatements, type LexDialect, type SqlToken } from './tokens.js';

export type { StatementEffect } from './effect.js';

interface DropKind { type: string; scope: 'resource' | 'environment'; reversibility: Reversibility; fact: string }

/** DROP <kind>: what is lost. Words after DROP, longest first. */
export const DROP_KINDS: [string[], DropKind][] = [
  [['MATERIALIZED', 'VIEW'], { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a materialized view can be recreated from its definition' }],
  [['TABLE'], { type: 'sql:table', scope: 'resource', reversibility: 'irreversible', fact: 'DROP TABLE deletes the table and all its rows' }],
  [['TEMPORARY', 'TABLE'], { type: 'sql:table', scope: 'resource', reversibility: 'recoverable', fact: 'a temporary table only lives for the session' }],
  [['DATABASE'], { type: 'sql:database', scope: 'environment', reversibility: 'irreversible', fact: 'DROP DATABASE deletes the database and all its data' }],
  [['SCHEMA'], { type: 'sql:schema', scope: 'environment', reversibility: 'irreversible', fact: 'DROP SCHEMA deletes the schema (with CASCADE: every table in it)' }],
  [['INDEX'], { type: 'sql:index', scope: 'resource', reversibility: 'recoverable', fact: 'an index can be rebuilt from its table' }],
  [['VIEW'], { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a view can be recreated from its definition' }],
  [['SEQUENCE'], { type: 'sql:sequence', scope: 'resource', reversibility: 'irreversible', fact: 'the sequence position is lost' }],
  [['FUNCTION'], { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a function can be recreated from its source' }],
  [['PROCEDURE'], { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a procedure can be recreated from its source' }],
  [['TRIGGER'], { type: 'sql:trigger', scope: 'resource', reversibility: 'recoverable', fact: 'a trigger can be recreated from its definition' }],
  [['EVENT'], { type: 'sql:event', scope: 'resource', reversibility: 'recoverable', fact: 'a scheduled event can be recreated from its definition' }],
  [['TYPE'], { type: 'sql:type', scope: 'resource', reversibility: 'recoverable', fact: 'a type can be recreated from its definition' }],
  [['EXTENSION'], { type: 'sql:extension', scope: 'resource', reversibility: 'recoverable', fact: 'an extension can be reinstalled (objects it owned are dropped)' }],
  [['USER'], { type: 'sql:role', scope: 'resource', reversibility: 'recoverable', fact: 'a role can be recreated, but its grants must be restored by hand' }],
  [['ROLE'], { type: 'sql:role', scope: 'resource', reversibility: 'recoverable', fact: 'a role can be recreated, but its grants must be restored by hand' }],
  [['TABLESPACE'], { type: 'sql:tablespace', scope: 'environment', reversibility: 'irreversible', fact: 'DROP TABLESPACE removes the storage location' }],
];

const READ_VERBS = new Set(['SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE', 'FETCH', 'HANDLER', 'CHECKSUM', 'HELP', 'EXPLAIN']);
const SESSION_VERBS = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'DISCARD', 'DECLARE', 'CLOSE',
  'DEALLOCATE', 'LOCK', 'UNLOCK', 'LISTEN', 'UNLISTEN', 'XA', 'DETACH']);
const PERMISSION_VERBS = new Set(['GRANT', 'REVOKE']);
const MAINTENANCE_VERBS = new Set(['VACUUM', 'ANALYZE', 'ANALYSE', 'REINDEX', 'CLUSTER', 'OPTIMIZE', 'CHECKPOINT', 'REFRESH', 'CHECK']);
const DATA_CHANGING = new Set(['DELETE', 'UPDATE', 'INSERT', 'MERGE', 'TRUNCATE', 'DROP', 'REPLACE', 'UPSERT']);

/** MySQL statements that look administrative and change the server for everyone. */
const SERVER_STATEMENTS: Record<string, { operation: 'create' | 'update' | 'delete' | 'unknown'; fact: string; reversibility?: Reversibility }> = {
  'RESET MASTER': { operation: 'delete', fact: 'RESET MASTER deletes every binary log: replicas and point-in-time recovery lose their history', reversibility: 'irreversible' },
  'RESET BINARY': { operation: 'delete', fact: 'RESET BINARY LOGS AND GTIDS deletes every binary log', reversibility: 'irreversible' },
  'RESET SLAVE': { operation: 'update', fact: 'RESET SLAVE makes a replica forget its replication position' },
  'RESET REPLICA': { operation: 'update', fact: 'RESET REPLICA makes a replica forget its replication position' },
  'RESET PERSIST': { operation: 'update', fact: 'RESET PERSIST removes persisted server settings' },
  'RESET QUERY': { operation: 'update', fact: 'RESET QUERY CACHE empties the query cache', reversibility: 'reversible' },
  PURGE: { operation: 'delete', fact: 'PURGE BINARY LOGS deletes binary logs: point-in-time recovery before them is lost', reversibility: 'irreversible' },
  FLUSH: { operation: 'update', fact: 'FLUSH reloads or closes server state for every session (FLUSH TABLES WITH READ LOCK stops all writes)' },
  KILL: { operation: 'update', fact: 'KILL ends another session or its query', reversibility: 'irreversible' },
  SHUTDOWN: { operation: 'update', fact: 'SHUTDOWN stops the database server for everyone' },
  RESTART: { operation: 'update', fact: 'RESTART restarts the database server' },
  INSTALL: { operation: 'unknown', fact: 'INSTALL PLUGIN/COMPONENT loads native code into the server' },
  UNINSTALL: { operation: 'update', fact: 'UNINSTALL PLUGIN/COMPONENT removes server functionality' },
  CHANGE: { operation: 'update', fact: 'CHANGE MASTER/REPLICATION SOURCE repoints replication' },
  STOP: { operation: 'update', fact: 'STOP SLAVE/REPLICA stops replication' },
  REPAIR: { operation: 'update', fact: 'REPAIR TABLE can discard rows it cannot read', reversibility: 'irreversible' },
  BINLOG: { operation: 'unknown', fact: 'BINLOG replays raw binary-log events' },
  CACHE: { operation: 'update', fact: 'CACHE INDEX assigns index caches', reversibility: 'reversible' },
  IMPORT: { operation: 'create', fact: 'IMPORT TABLE attaches table files from the server\'s disk' },
};

/** Words that may precede `(` without being a function call. */
const NOT_FUNCTIONS = new Set([
  'IN', 'EXISTS', 'VALUES', 'AS', 'ON', 'USING', 'OVER', 'FILTER', 'ANY', 'ALL', 'SOME', 'NOT', 'AND', 'OR', 'WHEN', 'THEN', 'ELSE',
  'CASE', 'WHERE', 'FROM', 'SELECT', 'JOIN', 'LATERAL', 'WITHIN', 'GROUP', 'BY', 'ORDER', 'PARTITION', 'WINDOW', 'INTO', 'TABLE',
  'ROW', 'ARRAY', 'KEY', 'PRIMARY', 'UNIQUE', 'INDEX', 'CHECK', 'REFERENCES', 'DEFAULT', 'USE', 'FORCE', 'IGNORE', 'AGAINST', 'LIMIT',
  'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'DISTINCT', 'RECURSIVE', 'HAVING', 'SET', 'IS', 'LIKE', 'BETWEEN', 'RETURNING', 'WITH',
  'MATERIALIZED', 'ROWS', 'RANGE', 'GROUPS', 'PRECEDING', 'FOLLOWING', 'EXPLAIN', 'SHOW', 'DESCRIBE', 'DESC', 'ASC', 'ESCAPE',
  'OF', 'FOR', 'UPDATE', 'SHARE', 'NOWAIT', 'SKIP', 'LOCKED', 'XOR', 'DIV', 'REGEXP', 'RLIKE', 'COLLATE', 'BINARY', 'SEPARATOR',
  // type names: CAST(x AS VARCHAR(10))
  'CHAR', 'VARCHAR', 'NCHAR', 'NVARCHAR', 'CHARACTER', 'VARYING', 'DECIMAL', 'NUMERIC', 'DEC', 'FLOAT', 'DOUBLE', 'REAL', 'INT',
  'INTEGER', 'BIGINT', 'SMALLINT', 'TINYINT', 'MEDIUMINT', 'BIT', 'VARBINARY', 'BLOB', 'TEXT', 'DATETIME', 'TIMESTAMP', 'TIME',
  'ENUM', 'UNSIGNED', 'SIGNED', 'PRECISION', 'INTERVAL', 'YEAR',
]);

export interface LexContext {
  /** PREPARE name FROM '...': what EXECUTE name will do. */
  prepared?: Map<string, StatementEffect[]>;
  /** Nesting of SQL text found inside SQL (PREPARE, EXECUTE IMMEDIATE, sha3_query). */
  depth?: number;
  /** Dialects whose functions are all pure (ClickHouse, CQL): calls are not looked up. */
  skipFunctions?: boolean;
}

/** The worst effect of one statement (compatibility API: one effect per statement). */
export function classifyStatement(text: string, dialect: LexDialect | boolean = 'postgresql'): StatementEffect {
  if (text.startsWith('\\')) {
    const effects = metaEffects(parseMeta(text)).flatMap((e) => (e.sql ? classifyLexed(e.sql, 'postgresql') : [e]));
    return effects.find((e) => e.shell) ?? worst(effects) ?? unknown(text, 'unreadable meta-command');
  }
  return worst(classifyLexed(text, dialectOf(dialect))) ?? unknown('', 'empty or unreadable statement');
}

/** Every effect of one statement, read from its tokens. */
export function classifyLexed(text: string, dialect: LexDialect, ctx: LexContext = {}): StatementEffect[] {
  const { tokens, refusals } = lex(text, dialect);
  if (refusals.length) return [unknown(firstWord(tokens), `the statement cannot be read the way the server reads it: ${refusals.join('; ')}`, { parser: 'lexer' })];
  const words = tokens.filter((t) => t.kind === 'word');
  if (!words.length) return [unknown('', 'empty or unreadable statement', { parser: 'lexer' })];
  return tag(classifyTokens(tokens, dialect, ctx));
}

function tag(effects: StatementEffect[]): StatementEffect[] {
  for (const e of effects) e.parser ??= 'lexer';
  return effects;
}

/** A slice inside parentheses, with depths counted from its own start. */
function rebase(tokens: SqlToken[]): SqlToken[] {
  const base = tokens[0]?.depth ?? 0;
  return base ? tokens.map((t) => ({ ...t, depth: t.depth - base })) : tokens;
}

/** Tokens from the first top-level word of `words` on: the part of a write that computes values. */
function from(tokens: SqlToken[], words: string[]): SqlToken[] {
  const at = tokens.findIndex((t) => t.kind === 'word' && t.depth === 0 && words.includes(t.upper));
  return at < 0 ? [] : tokens.slice(at);
}

function firstWord(tokens: SqlToken[]): string {
  return tokens.find((t) => t.kind === 'word')?.upper ?? '';
}

function classifyTokens(tokens: SqlToken[], dialect: LexDialect, ctx: LexContext): StatementEffect[] {
  const words = tokens.filter((t) => t.kind === 'word');
  const w = (i: number) => words[i]?.upper ?? '';
  const first = w(0);

  if (first === 'EXPLAIN' || first === 'DESCRIBE' || first === 'DESC') {
    // EXPLAIN ANALYZE (PostgreSQL, MySQL 8) executes the statement.
    const analyze = words.slice(1, 4).some((t) => t.upper === 'ANALYZE' || t.upper === 'ANALYSE') || tokens.some((t) => t.depth === 1 && t.upper === 'ANALYZE');
    if (!analyze) return [read(first)];
    const inner = tokens.findIndex((t) => t.kind === 'word' && (DATA_CHANGING.has(t.upper) || t.upper === 'SELECT' || t.upper === 'WITH'));
    if (inner < 0) return [read('EXPLAIN ANALYZE')];
    return classifyTokens(tokens.slice(inner), dialect, ctx).map((e) => ({ ...e, facts: ['EXPLAIN ANALYZE executes the statement', ...e.facts] }));
  }
  if (first === 'WITH') {
    // WITH d AS (DELETE ...) SELECT: each data-modifying CTE runs.
    const effects: StatementEffect[] = [];
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'word' && t.depth >= 1 && DATA_CHANGING.has(t.upper) && t.upper !== 'DROP' && tokens[i - 1]?.text === '(') {
        const close = closingParen(tokens, i - 1);
        effects.push(...classifyTokens(rebase(tokens.slice(i, close)), dialect, ctx));
      }
    }
    const main = mainAfterWith(tokens);
    if (main > 0) effects.push(...classifyTokens(tokens.slice(main), dialect, ctx));
    else effects.push(...functionEffects(tokens, dialect, ctx));
    return effects.length ? effects : [read('WITH')];
  }
  if (first === 'SELECT' || first === 'VALUES' || first === 'TABLE') {
    const out = selectInto(tokens);
    const effects = [...(out ? [out] : []), ...functionEffects(tokens, dialect, ctx)];
    return effects.length ? effects : [read(first)];
  }
  if (READ_VERBS.has(first)) {
    if (first === 'SHOW' && w(1) === 'CREATE') return [read('SHOW CREATE')];
    return [read(first)];
  }
  if (first === 'DO') {
    if (dialect === 'postgresql') return [unknown('DO', 'DO runs a procedural block whose statements are not visible here')];
    const calls = functionEffects(tokens, dialect, ctx);
    return calls.length ? calls : [read('DO')];
  }
  if (first === 'SET') return [classifySet(tokens, words, dialect)];
  if (first === 'RESET') {
    const server = SERVER_STATEMENTS[`RESET ${w(1)}`];
    if (server) return [effect(server.operation, `RESET ${w(1)}`, 'sql:server', ['(server)'], 'environment', server.reversibility, [server.fact])];
    return [none('RESET')];
  }
  if (first === 'PRAGMA') return [classifyPragma(tokens, words)];
  if (first === 'ATTACH') {
    const file = tokens.find((t) => t.kind === 'string');
    return [effect('update', 'ATTACH', 'sql:database', [file ? file.text.slice(1, -1) : '(file)'], 'unknown', undefined,
      ['ATTACH opens another database file (creating it if missing); later statements can write to it'])];
  }
  if (first === 'USE') return [none('USE', { database: identAfter(tokens, 1) })];
  if (first === 'PREPARE' && dialect !== 'postgresql') return [prepare(tokens, words, dialect, ctx)];
  if (first === 'EXECUTE') return execute(tokens, words, dialect, ctx);
  if (SESSION_VERBS.has(first)) {
    if ((first === 'START' || first === 'STOP') && (w(1) === 'SLAVE' || w(1) === 'REPLICA' || w(1) === 'GROUP_REPLICATION')) {
      return [effect('update', `${first} ${w(1)}`, 'sql:server', ['(server)'], 'environment', undefined, [`${first} ${w(1)} changes replication`])];
    }
    return [none(first)];
  }
  const server = SERVER_STATEMENTS[first];
  if (server) return [effect(server.operation, `${first}${w(1) ? ` ${w(1)}` : ''}`, 'sql:server', ['(server)'], 'environment', server.reversibility, [server.fact])];
  if (PERMISSION_VERBS.has(first)) {
    return [effect('permissions', first, 'sql:grant', [namesAfter(tokens, 'ON')[0] ?? '(grant)'], 'resource', undefined, [`${first} changes who can access what`])];
  }
  if (first === 'VACUUM' && w(1) === 'INTO') {
    const file = tokens.find((t) => t.kind === 'string');
    return [effect('update', 'VACUUM INTO', 'fs:path', [file ? file.text.slice(1, -1) : '(file)'], 'unknown', undefined, ['VACUUM INTO writes a copy of the database to a file (overwriting nothing, but anywhere on disk)'])];
  }
  if (MAINTENANCE_VERBS.has(first)) {
    if (first === 'CHECK') return [read('CHECK TABLE')];
    return [effect('update', first, 'sql:table', [identAfter(tokens, 1) ?? '(database)'], 'resource', 'reversible', [`${first} is maintenance; it does not change data`])];
  }
  if (first === 'LOAD') {
    if (w(1) === 'DATA' || w(1) === 'XML') {
      return [effect('create', `LOAD ${w(1)}`, 'sql:table', namesAfter(tokens, 'TABLE'), 'resource', undefined, [`LOAD ${w(1)} reads a file into the table`])];
    }
    if (w(1) === 'INDEX') return [effect('update', 'LOAD INDEX', 'sql:table', [], 'resource', 'reversible', ['loads an index into the cache'])];
    return [unknown('LOAD', 'LOAD loads a shared library into the server')];
  }
  if (first === 'RENAME') {
    return [effect(w(1) === 'USER' ? 'permissions' : 'update', `RENAME ${w(1)}`, w(1) === 'USER' ? 'sql:role' : 'sql:table', namesAfterKeywords(tokens, 2).slice(0, 1), 'resource', 'reversible', [`RENAME ${w(1)} changes a name that applications use`])];
  }
  if (first === 'DROP') return [classifyDrop(tokens, words)];
  if (first === 'TRUNCATE') {
    const names = namesAfterKeywords(tokens, w(1) === 'TABLE' ? 2 : 1);
    const cascade = words.some((t) => t.upper === 'CASCADE');
    return [effect('delete', 'TRUNCATE', 'sql:table', names, cascade ? 'unknown' : 'resource', 'irreversible',
      ['TRUNCATE deletes every row of the table', ...(cascade ? ['CASCADE also empties every table that references it'] : [])])];
  }
  if (first === 'DELETE') return [classifyDelete(tokens, words), ...functionEffects(from(tokens, ['WHERE', 'USING', 'RETURNING']), dialect, ctx).filter((e) => e.operation !== 'read')];
  if (first === 'UPDATE') return [classifyUpdate(tokens, words), ...functionEffects(from(tokens, ['SET']), dialect, ctx).filter((e) => e.operation !== 'read')];
  if (first === 'ALTER') return [classifyAlter(tokens, words)];
  if (first === 'CREATE') return classifyCreate(tokens, words, dialect, ctx);
  if (first === 'INSERT' || first === 'COPY') {
    const into = words.findIndex((t) => t.upper === 'INTO');
    const names = first === 'INSERT' ? namesAfterKeywords(tokens, into > 0 && into < 4 ? into + 1 : 1) : namesAfterKeywords(tokens, 1);
    if (first === 'COPY' && !words.some((t) => t.upper === 'FROM')) return [read('COPY TO')];
    const orReplace = first === 'INSERT' && w(1) === 'OR' && w(2) === 'REPLACE';
    const conflictUpdate = first === 'INSERT' && (words.some((t, i) => t.upper === 'CONFLICT' && words[i + 2]?.upper === 'UPDATE') || words.some((t, i) => t.upper === 'DUPLICATE' && words[i + 1]?.upper === 'KEY'));
    const fx = functionEffects(from(tokens, ['VALUES', 'VALUE', 'SELECT', 'SET', 'WITH', 'TABLE']), dialect, ctx).filter((e) => e.operation !== 'read');
    if (orReplace || conflictUpdate) return [effect('update', first, 'sql:table', names, 'resource', undefined, ['overwrites existing rows that conflict']), ...fx];
    return [effect('create', first, 'sql:table', names, 'resource', undefined, ['adds rows']), ...fx];
  }
  if (first === 'REPLACE' || first === 'MERGE' || first === 'UPSERT') {
    const merge = first === 'MERGE' && words.some((t) => t.upper === 'DELETE');
    return [effect(merge ? 'delete' : 'update', first, 'sql:table', namesAfterKeywords(tokens, w(1) === 'INTO' ? 2 : 1), 'resource', merge ? 'irreversible' : undefined,
      [merge ? 'MERGE ... THEN DELETE deletes the matching rows' : `${first} may overwrite existing rows`])];
  }
  if (first === 'CALL') return [unknown('CALL', `CALL runs the procedure ${identAfter(tokens, 1) ?? ''}: its body is not visible`.trim())];
  if (first === 'COMMENT') return [effect('update', 'COMMENT', 'sql:comment', [], 'resource', 'reversible', ['changes a comment'])];
  return [unknown(first, `${first} is not a statement Firebreak recognises`)];
}

function classifySet(tokens: SqlToken[], words: SqlToken[], dialect: LexDialect): StatementEffect {
  const w = (i: number) => words[i]?.upper ?? '';
  const text = tokens.map((t) => t.text).join(' ');
  if (w(1) === 'PASSWORD') return effect('permissions', 'SET PASSWORD', 'sql:role', [userAfter(tokens) ?? '(current user)'], 'resource', undefined, ['SET PASSWORD changes an account\'s password']);
  if (w(1) === 'DEFAULT' && w(2) === 'ROLE') return effect('permissions', 'SET DEFAULT ROLE', 'sql:role', [], 'resource', undefined, ['SET DEFAULT ROLE changes which roles an account gets']);
  if (dialect === 'mysql') {
    const global = words.some((t) => t.upper === 'GLOBAL' || t.upper === 'PERSIST' || t.upper === 'PERSIST_ONLY') || /@@\s*(global|persist|persist_only)\s*\./i.test(text);
    if (global) return effect('update', 'SET GLOBAL', 'sql:server', ['(server)'], 'environment', undefined, ['SET GLOBAL / PERSIST changes the server\'s settings for every session (PERSIST survives restarts)']);
    if (words.some((t) => t.upper === 'SQL_LOG_BIN')) return effect('update', 'SET sql_log_bin', 'sql:server', ['(binary log)'], 'environment', undefined, ['sql_log_bin = 0 keeps later writes out of the binary log: replicas and point-in-time recovery never see them']);
  }
  return none('SET');
}

function classifyPragma(tokens: SqlToken[], words: SqlToken[]): StatementEffect {
  // PRAGMA [schema.]name [= value | (value)]
  let i = 1;
  if (words[2] && tokens.findIndex((t) => t === words[1]) + 1 === tokens.findIndex((t) => t.text === '.')) i = 2;
  const name = (words[i]?.text ?? '').toLowerCase();
  const assigns = tokens.some((t) => t.text === '=') || tokens.some((t) => t.text === '(');
  if (SQLITE_READ_PRAGMAS.has(name)) return read(`PRAGMA ${name}`);
  if (SQLITE_MAINTENANCE_PRAGMAS.has(name)) return effect('update', `PRAGMA ${name}`, 'sql:database', [], 'resource', 'reversible', [`PRAGMA ${name} is maintenance`]);
  if (!SQLITE_SESSION_PRAGMAS.has(name)) return unknown(`PRAGMA ${name}`, `PRAGMA ${name} is not a pragma Firebreak knows`);
  if (!assigns) return read(`PRAGMA ${name}`);
  if (Object.hasOwn(SQLITE_DANGEROUS_PRAGMAS, name)) return effect('update', `PRAGMA ${name}`, 'sql:database', [], 'resource', 'irreversible', [SQLITE_DANGEROUS_PRAGMAS[name]]);
  if (Object.hasOwn(SQLITE_PERSISTENT_PRAGMAS, name)) return effect('update', `PRAGMA ${name}`, 'sql:database', [], 'resource', undefined, [SQLITE_PERSISTENT_PRAGMAS[name]]);
  return none(`PRAGMA ${name}`);
}

function classifyDrop(tokens: SqlToken[], words: SqlToken[]): StatementEffect {
  const w = (i: number) => words[i]?.upper ?? '';
  const cascade = words.some((t) => t.upper === 'CASCADE');
  const skip = w(1) === 'TEMPORARY' && w(2) !== 'TABLE' ? 1 : 0;
  for (const [kw, kind] of DROP_KINDS) {
    if (kw.every((k, i) => w(1 + skip + i) === k)) {
      const names = namesAfterKeywords(tokens, 1 + skip + kw.length);
      const facts = [kind.fact];
      if (cascade) facts.push('CASCADE also drops every object that depends on it');
      return effect('delete', `DROP ${kw.join(' ')}`, kind.type, names, cascade && kind.scope === 'resource' ? 'unknown' : kind.scope, kind.reversibility, facts);
    }
  }
  return effect('delete', `DROP ${w(1)}`, `sql:${w(1).toLowerCase() || 'object'}`, namesAfterKeywords(tokens, 2), cascade ? 'unknown' : 'resource', undefined, [`DROP ${w(1)}`]);
}

function classifyDelete(tokens: SqlToken[], words: SqlToken[]): StatementEffect {
  // DELETE [LOW_PRIORITY|QUICK|IGNORE] [t1, t2] FROM t ...
  const fromIdx = tokens.findIndex((t) => t.kind === 'word' && t.depth === 0 && t.upper === 'FROM');
  const before = fromIdx > 0 ? readNames(tokens.filter((t, i) => i > 0 && i < fromIdx && !(t.kind === 'word' && ['LOW_PRIORITY', 'QUICK', 'IGNORE'].includes(t.upper)))) : [];
  const names = before.length ? before : fromIdx >= 0 ? readNames(tokens, fromIdx + 1) : namesAfterKeywords(tokens, 1);
  const bounded = whereBounds(tokens);
  void words;
  return effect('delete', 'DELETE', 'sql:table', names, 'resource', 'irreversible',
    bounded ? ['DELETE ... WHERE deletes the matching rows; they can only be restored from a backup'] : ['DELETE without WHERE deletes every row of the table'],
    { bounded });
}

function classifyUpdate(tokens: SqlToken[], words: SqlToken[]): StatementEffect {
  const w = (i: number) => words[i]?.upper ?? '';
  let k = 1;
  while (['ONLY', 'LOW_PRIORITY', 'IGNORE', 'OR'].includes(w(k)) || (w(k - 1) === 'OR' && ['ROLLBACK', 'ABORT', 'REPLACE', 'FAIL', 'IGNORE'].includes(w(k)))) k++;
  const names = namesAfterKeywords(tokens, k);
  const bounded = whereBounds(tokens);
  return effect('update', 'UPDATE', 'sql:table', names, 'resource', bounded ? undefined : 'irreversible',
    bounded ? ['UPDATE ... WHERE overwrites the matching rows; old values only survive in a backup'] : ['UPDATE without WHERE overwrites a column in every row; the old values are lost'],
    { bounded });
}

/** A top-level WHERE that mentions a name (WHERE 1=1 bounds nothing). */
function whereBounds(tokens: SqlToken[]): boolean {
  const at = tokens.findIndex((t) => t.kind === 'word' && t.depth === 0 && t.upper === 'WHERE');
  if (at < 0) return false;
  const rest = tokens.slice(at + 1);
  return rest.some((t) => (t.kind === 'word' && !['TRUE', 'FALSE', 'NOT', 'AND', 'OR', 'IS', 'NULL', 'LIMIT', 'ORDER', 'BY', 'RETURNING', 'EXISTS', 'SELECT'].includes(t.upper)) || t.kind === 'ident');
}

function classifyAlter(tokens: SqlToken[], words: SqlToken[]): StatementEffect {
  const w = (i: number) => words[i]?.upper ?? '';
  let k = 1;
  while (['ONLINE', 'IGNORE', 'DEFINER'].includes(w(k))) k++;
  const kind = w(k);
  const names = namesAfterKeywords(tokens, k + 1);
  if (kind === 'SYSTEM' || kind === 'INSTANCE') {
    return effect('update', `ALTER ${kind}`, 'sql:server', ['(server)'], 'environment', undefined, [`ALTER ${kind} changes the server's configuration for every database`]);
  }
  if (kind === 'TABLE') {
    for (let i = k + 2; i < words.length; i++) {
      const t = words[i].upper;
      if (t === 'DROP' || t === 'TRUNCATE' || t === 'DISCARD') {
        const what = words[i + 1]?.upper;
        if (t === 'DROP' && ['CONSTRAINT', 'DEFAULT', 'NOT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'IDENTITY', 'EXPRESSION', 'CHECK'].includes(what ?? '')) {
          return effect('update', `ALTER TABLE DROP ${what}`, 'sql:table', names.slice(0, 1), 'resource', 'recoverable', [`drops a ${(what ?? '').toLowerCase()} (no rows lost)`]);
        }
        if (what === 'PARTITION' || t === 'TRUNCATE' || t === 'DISCARD') {
          return effect('delete', `ALTER TABLE ${t} ${what ?? ''}`.trim(), 'sql:table', names.slice(0, 1), 'resource', 'irreversible', [`${t} ${what ?? ''} deletes the rows it holds`.replace(/\s+/g, ' ')]);
        }
        const col = what === 'COLUMN' ? words[i + 2]?.text : words[i + 1]?.text;
        const colName = col && ['IF', 'EXISTS'].includes(col.toUpperCase()) ? words[i + 4]?.text : col;
        return effect('delete', 'ALTER TABLE DROP COLUMN', 'sql:table', names.slice(0, 1), 'resource', 'irreversible', [`DROP COLUMN ${colName ?? ''} deletes the column's data in every row`], { column: colName });
      }
      if (t === 'DISABLE' && words[i + 1]?.upper === 'ROW') {
        return effect('permissions', 'ALTER TABLE DISABLE ROW LEVEL SECURITY', 'sql:table', names.slice(0, 1), 'resource', undefined, ['turns off row-level security: every role with table access sees every row']);
      }
    }
  }
  if (kind === 'USER' || kind === 'ROLE') {
    const elevated = words.some((t) => ['SUPERUSER', 'BYPASSRLS', 'CREATEROLE', 'REPLICATION'].includes(t.upper));
    return effect('permissions', `ALTER ${kind}`, 'sql:role', names.slice(0, 1), 'resource', undefined, [elevated ? `makes ${names[0] ?? 'the role'} a superuser or lets it bypass security` : `changes the ${kind.toLowerCase()}`]);
  }
  if (kind === 'DEFAULT' && w(k + 1) === 'PRIVILEGES') return effect('permissions', 'ALTER DEFAULT PRIVILEGES', 'sql:grant', [], 'resource', undefined, ['changes the grants of objects created later']);
  if ((kind === 'SEQUENCE' || kind === 'TABLE') && words.some((t) => t.upper === 'RESTART')) {
    return effect('update', `ALTER ${kind} RESTART`, 'sql:sequence', names.slice(0, 1), 'resource', 'irreversible', ['RESTART moves the sequence position; the old position is lost']);
  }
  return effect('update', `ALTER ${kind}`, `sql:${(kind || 'object').toLowerCase()}`, names.slice(0, 1), kind === 'DATABASE' ? 'environment' : 'resource', undefined, [`ALTER ${kind}`]);
}

function classifyCreate(tokens: SqlToken[], words: SqlToken[], dialect: LexDialect, ctx: LexContext): StatementEffect[] {
  const w = (i: number) => words[i]?.upper ?? '';
  if (w(1) === 'USER' || w(1) === 'ROLE') return [effect('permissions', `CREATE ${w(1)}`, 'sql:role', namesAfterKeywords(tokens, 2), 'resource', undefined, ['creates a database role'])];
  const orReplace = w(1) === 'OR' && w(2) === 'REPLACE';
  let k = orReplace ? 3 : 1;
  // CREATE [DEFINER = x] [SQL SECURITY y] [ALGORITHM = z] [TEMP|UNIQUE|...] kind
  for (;;) {
    const x = w(k);
    if (x === 'DEFINER' || x === 'ALGORITHM') { k += 2; while (words[k] && tokens[tokens.indexOf(words[k]) - 1]?.text === '@') k++; continue; }
    if (x === 'SQL' && w(k + 1) === 'SECURITY') { k += 3; continue; }
    if (['TEMP', 'TEMPORARY', 'UNLOGGED', 'UNIQUE', 'GLOBAL', 'LOCAL', 'MATERIALIZED', 'VIRTUAL', 'AGGREGATE', 'FULLTEXT', 'SPATIAL', 'RECURSIVE', 'CONSTRAINT', 'EVENT_TRIGGER_PLACEHOLDER'].includes(x)) { k++; continue; }
    break;
  }
  const kind = w(k);
  if (kind === 'EVENT') {
    // CREATE EVENT e ON SCHEDULE ... DO <statement>: the statement runs later, unattended.
    const doAt = tokens.findIndex((t, i) => i > 0 && t.kind === 'word' && t.upper === 'DO' && t.depth === 0);
    const body = doAt > 0 ? classifyTokens(tokens.slice(doAt + 1), dialect, ctx) : [unknown('CREATE EVENT', 'the event body is not visible')];
    const writes = body.filter((e) => e.operation !== 'read');
    const facts = ['CREATE EVENT schedules the statement to run later, with nobody watching'];
    if (writes.length) return writes.map((e) => ({ ...e, facts: [...facts, ...e.facts] }));
    return [effect('create', 'CREATE EVENT', 'sql:event', namesAfterKeywords(tokens, k + 1), 'resource', 'reversible', facts)];
  }
  const names = namesAfterKeywords(tokens, k + 1);
  const asSelect = kind === 'TABLE' && words.some((t) => t.upper === 'SELECT' || t.upper === 'AS');
  const facts = [orReplace ? 'replaces the existing definition if there is one; the old one is not kept' : 'creates a new object'];
  if (kind === 'TRIGGER') facts.push('a trigger runs its body on every matching write from now on');
  const out = [effect(orReplace ? 'update' : 'create', `CREATE${orReplace ? ' OR REPLACE' : ''} ${kind}`, `sql:${(kind || 'object').toLowerCase()}`, names, 'resource', orReplace ? undefined : 'reversible', facts)];
  if (asSelect) out.push(...functionEffects(from(tokens, ['SELECT', 'WITH', 'VALUES']), dialect, ctx).filter((e) => e.operation !== 'read'));
  return out;
}

/** MySQL PREPARE s FROM 'text': remember what EXECUTE s will do. */
function prepare(tokens: SqlToken[], words: SqlToken[], dialect: LexDialect, ctx: LexContext): StatementEffect {
  const name = words[1]?.text.toLowerCase() ?? '';
  const fromAt = tokens.findIndex((t) => t.kind === 'word' && t.upper === 'FROM');
  const src = tokens[fromAt + 1];
  const prepared = (ctx.prepared ??= new Map());
  if (src?.kind === 'string' && tokens.length === fromAt + 2 && (ctx.depth ?? 0) < 3) {
    prepared.set(name, classifyText(unquoteString(src.text, dialect), dialect, { ...ctx, depth: (ctx.depth ?? 0) + 1 }));
  } else {
    prepared.set(name, [unknown('EXECUTE', `the statement prepared as ${name} is built at run time: it is not visible`)]);
  }
  return none('PREPARE');
}

function execute(tokens: SqlToken[], words: SqlToken[], dialect: LexDialect, ctx: LexContext): StatementEffect[] {
  if (words[1]?.upper === 'IMMEDIATE') {
    const src = tokens[2];
    if (src?.kind === 'string' && tokens.length === 3 && (ctx.depth ?? 0) < 3) return classifyText(unquoteString(src.text, dialect), dialect, { ...ctx, depth: (ctx.depth ?? 0) + 1 });
    return [unknown('EXECUTE IMMEDIATE', 'EXECUTE IMMEDIATE runs SQL built at run time: it is not visible')];
  }
  const name = words[1]?.text.toLowerCase() ?? '';
  const known = ctx.prepared?.get(name);
  if (known) return known.map((e) => ({ ...e, facts: [`EXECUTE ${name} runs the prepared statement`, ...e.facts] }));
  return [unknown('EXECUTE', `EXECUTE runs the prepared statement ${name || '(unnamed)'}, whose text is not visible here`)];
}

/** Every statement of a piece of SQL text, flattened. */
export function classifyText(text: string, dialect: LexDialect, ctx: LexContext = {}): StatementEffect[] {
  const statements = splitStatements(text, dialect);
  if (!statements.length) return [read('(empty)')];
  return statements.flatMap((s) => classifyLexed(s.text, dialect, ctx));
}

/** `SELECT ... INTO OUTFILE 'x'` writes a file on the server; `INTO t` (PostgreSQL) creates a table. */
function selectInto(tokens: SqlToken[]): StatementEffect | undefined {
  const at = tokens.findIndex((t) => t.kind === 'word' && t.depth === 0 && t.upper === 'INTO');
  if (at < 0) return undefined;
  const next = tokens[at + 1];
  if (next?.upper === 'OUTFILE' || next?.upper === 'DUMPFILE') {
    const file = tokens[at + 2]?.kind === 'string' ? tokens[at + 2].text.slice(1, -1) : '(file)';
    return effect('update', `SELECT INTO ${next.upper}`, 'sql:server-file', [file], 'unknown', undefined, [`SELECT ... INTO ${next.upper} writes a file on the database server`]);
  }
  if (next?.text === '@' || next?.kind === 'param' || next?.text.startsWith('@')) return undefined;
  const names = readNames(tokens, at + 1);
  if (!names.length) return undefined;
  return effect('create', 'SELECT INTO', 'sql:table', names, 'resource', 'reversible', ['SELECT ... INTO creates a new table from the result']);
}

/** Effects of the functions a statement calls (reads produce none). */
function functionEffects(tokens: SqlToken[], dialect: LexDialect, ctx: LexContext): StatementEffect[] {
  const out: StatementEffect[] = [];
  if (ctx.skipFunctions) return out;
  const cteNames = new Set<string>();
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' && t.kind !== 'ident') continue;
    if (tokens[i + 1].text !== '(') continue;
    if (t.kind === 'word' && NOT_FUNCTIONS.has(t.upper)) continue;
    const prev = tokens[i - 1];
    if (prev?.kind === 'word' && prev.upper === 'AS') continue; // alias column list: AS t(a, b)
    const close = closingParen(tokens, i + 1);
    if (tokens[close + 1]?.kind === 'word' && tokens[close + 1].upper === 'AS') { cteNames.add(t.upper); continue; } // WITH x(a) AS (...)
    if (cteNames.has(t.upper)) continue;
    const schema = prev?.text === '.' && (tokens[i - 2]?.kind === 'word' || tokens[i - 2]?.kind === 'ident') ? tokens[i - 2].upper : undefined;
    const name = t.kind === 'ident' ? t.upper : t.text;
    const found = lookupFunction(dialect, name, schema);
    const verb = `${name.toLowerCase()}()`;
    if (found.kind === 'read') continue;
    if (found.kind === 'unknown') { out.push(unknown(verb, found.why)); continue; }
    if (found.fact.sqlArgument !== undefined) {
      const args = argumentsOf(tokens, i + 1, close);
      const arg = found.fact.sqlArgument < 0 ? args[args.length - 1] : args[found.fact.sqlArgument];
      if (arg && arg.length === 1 && arg[0].kind === 'string' && (ctx.depth ?? 0) < 3) {
        const inner = classifyText(unquoteString(arg[0].text, dialect), dialect, { ...ctx, depth: (ctx.depth ?? 0) + 1 });
        out.push(...inner.filter((e) => e.operation !== 'read').map((e) => ({ ...e, facts: [found.fact.fact, ...e.facts] })));
        continue;
      }
      out.push(unknown(verb, `${found.fact.fact}; the text is built at run time`));
      continue;
    }
    out.push(fromFunction(name.toLowerCase(), found.fact, verb));
  }
  return out;
}

function argumentsOf(tokens: SqlToken[], open: number, close: number): SqlToken[][] {
  const args: SqlToken[][] = [[]];
  const base = tokens[open].depth + 1;
  for (let i = open + 1; i < close; i++) {
    if (tokens[i].text === ',' && tokens[i].depth === base) args.push([]);
    else args[args.length - 1].push(tokens[i]);
  }
  return args.filter((a) => a.length);
}

export function unquoteString(text: string, dialect: LexDialect): string {
  const q = text[0];
  let body = text.slice(1, -1).split(q + q).join(q);
  if (dialect === 'mysql') body = body.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch);
  return body;
}

function closingParen(tokens: SqlToken[], open: number): number {
  const d = tokens[open].depth;
  for (let i = open + 1; i < tokens.length; i++) if (tokens[i].text === ')' && tokens[i].depth === d) return i;
  return tokens.length;
}

/** Index of the main statement after `WITH a AS (...), b AS (...)`. */
function mainAfterWith(tokens: SqlToken[]): number {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.depth === 0 && t.kind === 'word' && ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'VALUES', 'TABLE', 'REPLACE'].includes(t.upper) && tokens[i - 1]?.text === ')') return i;
  }
  return -1;
}

function userAfter(tokens: SqlToken[]): string | undefined {
  const i = tokens.findIndex((t) => t.kind === 'word' && t.upper === 'FOR');
  const t = tokens[i + 1];
  if (i < 0 || !t) return undefined;
  return t.kind === 'string' ? t.text.slice(1, -1) : t.text;
}

/** Object names after the n-th word, skipping IF [NOT] EXISTS / ONLY, comma separated. */
export function namesAfterKeywords(tokens: SqlToken[], wordIndex: number): string[] {
  let seen = -1;
  let i = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i].kind === 'word') seen++;
    if (seen === wordIndex - 1) { i++; break; }
  }
  return readNames(tokens, i);
}

function namesAfter(tokens: SqlToken[], keyword: string): string[] {
  const i = tokens.findIndex((t) => t.kind === 'word' && t.upper === keyword);
  return i < 0 ? [] : readNames(tokens, i + 1);
}

function identAfter(tokens: SqlToken[], wordIndex: number): string | undefined {
  return namesAfterKeywords(tokens, wordIndex)[0];
}

const NAME_PREFIX_SKIP = new Set(['IF', 'NOT', 'EXISTS', 'ONLY', 'CONCURRENTLY', 'TABLE', 'LOW_PRIORITY', 'QUICK', 'IGNORE']);

function readNames(tokens: SqlToken[], start = 0): string[] {
  const names: string[] = [];
  let i = start;
  while (i < tokens.length && tokens[i].kind === 'word' && NAME_PREFIX_SKIP.has(tokens[i].upper)) i++;
  let current = '';
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word' || t.kind === 'ident') {
      if (current && !current.endsWith('.')) break;
      current += t.kind === 'ident' ? t.upper : t.text;
    } else if (t.kind === 'punct' && t.text === '.') current += '.';
    else if (t.kind === 'punct' && t.text === '*' && current.endsWith('.')) current += '*';
    else if (t.kind === 'punct' && t.text === ',') { if (current) names.push(current); current = ''; }
    else break;
  }
  if (current) names.push(current);
  return names;
}
