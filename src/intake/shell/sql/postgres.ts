// PostgreSQL statements read by the real PostgreSQL parser (libpg-query: the server's own
// grammar compiled to WebAssembly, MIT), then mapped onto effects from the parse tree. Loaded on
// the first SQL statement only (~50-70 ms); a hook call for `ls` never loads it.
// What the tree shows is what the server will run: E'...' and $tag$ strings, U&'' escapes,
// nested comments and casing are the parser's problem, not a guess. Every function a statement
// executes is looked up (src/knowledge/sql/postgres-functions.ts); a DO block is parsed as
// PL/pgSQL and its statements classified in turn; what cannot be parsed is unknown.
import type { Reversibility } from '../../../model.js';
import { effect, fromFunction, none, read, unknown, type StatementEffect } from './effect.js';
import { lookupFunction } from './functions.js';

type Node = Record<string, unknown>;
interface PgModule {
  parseSync(sql: string): { stmts?: { stmt?: Node; stmt_location?: number; stmt_len?: number }[] };
  parsePlPgSQLSync(sql: string): { plpgsql_funcs?: unknown[] };
}

let loading: Promise<PgModule> | undefined;
let loaded: PgModule | undefined;

/** Loads the parser once. Rejects when the WebAssembly cannot load: callers fail closed. */
export function loadPostgresParser(): Promise<PgModule> {
  loading ??= (async () => {
    // V8 recompiles hot WebAssembly with its optimising tier in background threads, and a
    // process that exits waits for them: ~0.5 s of CPU, 1-3 s of wall time on a loaded machine,
    // added to a short-lived hook call (measured). A large tiering budget keeps the parser on the
    // baseline tier (a statement still parses in well under a millisecond) unless a long-running
    // process (MCP server, CI scan) parses enough SQL to make it worth optimising.
    (await import('node:v8')).setFlagsFromString('--wasm-tiering-budget=1000000000');
    const mod = (await import('libpg-query')) as unknown as PgModule & { loadModule(): Promise<void> };
    await mod.loadModule();
    loaded = mod;
    return mod;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

export interface PgContext {
  /** PREPARE name AS ...: what EXECUTE name does. */
  prepared: Map<string, StatementEffect[]>;
  depth: number;
}

const MAX_DEPTH = 4;
const MAX_SQL = 1_000_000;

export function newPgContext(): PgContext {
  return { prepared: new Map(), depth: 0 };
}

export interface ParsedStatement {
  /** The statement's text, as the parser delimited it. */
  text: string;
  effects: StatementEffect[];
}

/** Every statement in `sql` (server text, no psql meta-commands). Needs loadPostgresParser() first. */
export function parsePostgresStatements(sql: string, ctx: PgContext = newPgContext()): ParsedStatement[] {
  const whole = (effects: StatementEffect[]) => [{ text: sql.trim(), effects }];
  if (!loaded) return whole([unknown('', 'the PostgreSQL parser is not loaded')]);
  if (sql.length > MAX_SQL) return whole([unknown('', `the SQL text is ${sql.length} characters, over the ${MAX_SQL} Firebreak reads`)]);
  let stmts: { stmt?: Node; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = loaded.parseSync(sql).stmts ?? [];
  } catch (e) {
    return whole([unknown('', `PostgreSQL cannot parse this statement (${errorText(e)}); it is not assumed safe`, { parser: 'libpg-query' })]);
  }
  // Locations are byte offsets into the UTF-8 text.
  const bytes = Buffer.from(sql, 'utf8');
  return stmts.map((s) => {
    const start = s.stmt_location ?? 0;
    const text = bytes.subarray(start, s.stmt_len ? start + s.stmt_len : undefined).toString('utf8').trim();
    try {
      const effects = s.stmt ? statement(s.stmt, ctx) : [unknown('', 'empty statement')];
      for (const e of effects) e.parser ??= 'libpg-query';
      return { text, effects };
    } catch (e) {
      return { text, effects: [unknown('', `the parse tree could not be read (${errorText(e)})`, { parser: 'libpg-query' })] };
    }
  });
}

export function classifyPostgresSync(sql: string, ctx: PgContext = newPgContext()): StatementEffect[][] {
  return parsePostgresStatements(sql, ctx).map((s) => s.effects);
}

export async function classifyPostgres(sql: string, ctx?: PgContext): Promise<ParsedStatement[]> {
  try {
    await loadPostgresParser();
  } catch (e) {
    return [{ text: sql.trim(), effects: [unknown('', `the PostgreSQL parser could not be loaded (${errorText(e)}); the SQL is not assumed safe`)] }];
  }
  return parsePostgresStatements(sql, ctx);
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 200);
}

const typeOf = (n: unknown): string => (n && typeof n === 'object' ? Object.keys(n as Node)[0] ?? '' : '');
const inner = (n: unknown): Node => (n && typeof n === 'object' ? ((n as Node)[typeOf(n)] ?? {}) : {}) as Node;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (n: unknown): string => String(((inner(n).sval ?? inner(n).str) as string | undefined) ?? '');

function rangeVar(rv: unknown): string {
  const r = (typeOf(rv) === 'RangeVar' ? inner(rv) : rv) as Node | undefined;
  if (!r) return '(unnamed)';
  return [r.catalogname, r.schemaname, r.relname].filter(Boolean).join('.');
}

function objectName(o: unknown): string {
  switch (typeOf(o)) {
    case 'List': return list(inner(o).items).map(str).join('.');
    case 'String': return str(o);
    case 'TypeName': return list(inner(o).names).map(str).filter((n) => n !== 'pg_catalog').join('.');
    case 'ObjectWithArgs': return list(inner(o).objname).map(str).join('.');
    case 'RangeVar': return rangeVar(o);
    case 'RoleSpec': return String(inner(o).rolename ?? '(role)');
    default: return '(object)';
  }
}

/** OBJECT_TABLE -> facts for DROP. */
const DROP_FACTS: Record<string, { type: string; scope: 'resource' | 'environment'; reversibility: Reversibility; fact: string }> = {
  OBJECT_TABLE: { type: 'sql:table', scope: 'resource', reversibility: 'irreversible', fact: 'DROP TABLE deletes the table and all its rows' },
  OBJECT_FOREIGN_TABLE: { type: 'sql:table', scope: 'resource', reversibility: 'recoverable', fact: 'a foreign table is a definition; the remote data stays' },
  OBJECT_SCHEMA: { type: 'sql:schema', scope: 'environment', reversibility: 'irreversible', fact: 'DROP SCHEMA deletes the schema (with CASCADE: every table in it)' },
  OBJECT_INDEX: { type: 'sql:index', scope: 'resource', reversibility: 'recoverable', fact: 'an index can be rebuilt from its table' },
  OBJECT_VIEW: { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a view can be recreated from its definition' },
  OBJECT_MATVIEW: { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a materialized view can be recreated from its definition' },
  OBJECT_SEQUENCE: { type: 'sql:sequence', scope: 'resource', reversibility: 'irreversible', fact: 'the sequence position is lost' },
  OBJECT_FUNCTION: { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a function can be recreated from its source' },
  OBJECT_PROCEDURE: { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a procedure can be recreated from its source' },
  OBJECT_ROUTINE: { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a routine can be recreated from its source' },
  OBJECT_AGGREGATE: { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'an aggregate can be recreated from its definition' },
  OBJECT_TRIGGER: { type: 'sql:trigger', scope: 'resource', reversibility: 'recoverable', fact: 'a trigger can be recreated from its definition' },
  OBJECT_EVENT_TRIGGER: { type: 'sql:trigger', scope: 'resource', reversibility: 'recoverable', fact: 'an event trigger can be recreated from its definition' },
  OBJECT_TYPE: { type: 'sql:type', scope: 'resource', reversibility: 'recoverable', fact: 'a type can be recreated (CASCADE drops the columns that use it)' },
  OBJECT_DOMAIN: { type: 'sql:type', scope: 'resource', reversibility: 'recoverable', fact: 'a domain can be recreated (CASCADE drops the columns that use it)' },
  OBJECT_EXTENSION: { type: 'sql:extension', scope: 'resource', reversibility: 'recoverable', fact: 'an extension can be reinstalled (objects it owned are dropped)' },
  OBJECT_TABLESPACE: { type: 'sql:tablespace', scope: 'environment', reversibility: 'irreversible', fact: 'DROP TABLESPACE removes the storage location' },
  OBJECT_POLICY: { type: 'sql:policy', scope: 'resource', reversibility: 'recoverable', fact: 'removing a row-level security policy changes who sees which rows' },
  OBJECT_RULE: { type: 'sql:rule', scope: 'resource', reversibility: 'recoverable', fact: 'a rule can be recreated from its definition' },
  OBJECT_PUBLICATION: { type: 'sql:publication', scope: 'resource', reversibility: 'recoverable', fact: 'subscribers stop receiving changes' },
  OBJECT_FOREIGN_SERVER: { type: 'sql:server', scope: 'resource', reversibility: 'recoverable', fact: 'a foreign server can be recreated' },
};

function statement(node: Node, ctx: PgContext): StatementEffect[] {
  const t = typeOf(node);
  const n = inner(node);
  switch (t) {
    case 'SelectStmt': {
      const out = executed(node, ctx);
      if (n.intoClause) out.unshift(effect('create', 'SELECT INTO', 'sql:table', [rangeVar(inner(n.intoClause).rel)], 'resource', 'reversible', ['SELECT ... INTO creates a new table from the result']));
      return out.length ? out : [read('SELECT')];
    }
    case 'InsertStmt': {
      const update = inner(n.onConflictClause).action === 'ONCONFLICT_UPDATE';
      const main = effect(update ? 'update' : 'create', 'INSERT', 'sql:table', [rangeVar(n.relation)], 'resource', undefined,
        [update ? 'INSERT ... ON CONFLICT DO UPDATE overwrites existing rows' : 'adds rows']);
      return [main, ...executed(node, ctx, ['relation'])];
    }
    case 'UpdateStmt': {
      const bounded = boundedBy(n.whereClause);
      const main = effect('update', 'UPDATE', 'sql:table', [rangeVar(n.relation)], 'resource', bounded ? undefined : 'irreversible',
        bounded ? ['UPDATE ... WHERE overwrites the matching rows; old values only survive in a backup'] : ['UPDATE without a WHERE that names a column overwrites every row; the old values are lost'],
        { bounded });
      return [main, ...executed(node, ctx, ['relation'])];
    }
    case 'DeleteStmt': {
      const bounded = boundedBy(n.whereClause);
      const main = effect('delete', 'DELETE', 'sql:table', [rangeVar(n.relation)], 'resource', 'irreversible',
        bounded ? ['DELETE ... WHERE deletes the matching rows; they can only be restored from a backup'] : ['DELETE without a WHERE that names a column deletes every row of the table'],
        { bounded });
      return [main, ...executed(node, ctx, ['relation'])];
    }
    case 'MergeStmt': {
      const kinds = new Set(list(n.mergeWhenClauses).map((c) => String(inner(c).commandType)));
      const del = kinds.has('CMD_DELETE');
      const main = effect(del ? 'delete' : kinds.has('CMD_UPDATE') ? 'update' : 'create', 'MERGE', 'sql:table', [rangeVar(n.relation)], 'resource', del ? 'irreversible' : undefined,
        [del ? 'MERGE ... THEN DELETE deletes the matching rows' : 'MERGE inserts or overwrites rows']);
      return [main, ...executed(node, ctx, ['relation'])];
    }
    case 'ExplainStmt': {
      const analyze = list(n.options).some((o) => inner(o).defname === 'analyze' && !isFalse(inner(o).arg));
      if (!analyze) return [read('EXPLAIN')];
      return statement(n.query as Node, ctx).map((e) => ({ ...e, facts: ['EXPLAIN ANALYZE executes the statement', ...e.facts] }));
    }
    case 'CreateTableAsStmt': {
      const into = inner(n.into);
      const kind = n.objtype === 'OBJECT_MATVIEW' ? 'MATERIALIZED VIEW' : 'TABLE AS';
      const runs = into.skipData ? [] : executed(n.query as Node, ctx);
      return [effect('create', `CREATE ${kind}`, 'sql:table', [rangeVar(into.rel)], 'resource', 'reversible', ['creates a new object from a query']), ...runs.filter((e) => e.operation !== 'read')];
    }
    case 'CopyStmt': return copy(n, ctx);
    case 'DeclareCursorStmt': {
      const out = executed(n.query as Node, ctx);
      return out.length ? out : [none('DECLARE')];
    }
    case 'PrepareStmt': {
      ctx.prepared.set(String(n.name).toLowerCase(), statement(n.query as Node, ctx));
      return [none('PREPARE')];
    }
    case 'ExecuteStmt': {
      const name = String(n.name).toLowerCase();
      const known = ctx.prepared.get(name);
      if (known) return known.map((e) => ({ ...e, facts: [`EXECUTE ${name} runs the prepared statement`, ...e.facts] }));
      return [unknown('EXECUTE', `EXECUTE runs the prepared statement ${name}, whose text is not visible here`)];
    }
    case 'DoStmt': return doBlock(n, ctx);
    case 'CallStmt': {
      const fn = inner(inner(n.funccall).funcname ? n.funccall : {});
      const name = list(fn.funcname).map(str).join('.') || '(procedure)';
      return [unknown('CALL', `CALL runs the procedure ${name}: its body is not visible`)];
    }
    case 'VariableSetStmt': return [variableSet(n)];
    case 'VariableShowStmt': return [read('SHOW')];
    case 'TransactionStmt': {
      const kind = String(n.kind);
      if (kind === 'TRANS_STMT_ROLLBACK_PREPARED') return [effect('update', 'ROLLBACK PREPARED', 'sql:transaction', [String(n.gid ?? '')], 'environment', 'irreversible', ['discards a prepared transaction another session left; its changes are lost'])];
      if (kind === 'TRANS_STMT_COMMIT_PREPARED') return [effect('update', 'COMMIT PREPARED', 'sql:transaction', [String(n.gid ?? '')], 'environment', undefined, ['commits a prepared transaction another session left; its changes are not visible here'])];
      return [none(kind.replace('TRANS_STMT_', ''))];
    }
    case 'AlterSystemStmt': {
      const name = String(inner(n.setstmt).name ?? '');
      return [effect('update', 'ALTER SYSTEM', 'sql:server', [name || '(setting)'], 'environment', undefined, ['ALTER SYSTEM rewrites postgresql.auto.conf: the setting applies to the whole server after a reload'])];
    }
    case 'DropStmt': return [drop(n)];
    case 'TruncateStmt': {
      const cascade = n.behavior === 'DROP_CASCADE';
      return [effect('delete', 'TRUNCATE', 'sql:table', list(n.relations).map(rangeVar), cascade ? 'unknown' : 'resource', 'irreversible',
        ['TRUNCATE deletes every row of the table', ...(cascade ? ['CASCADE also empties every table that references it'] : []), ...(n.restart_seqs ? ['RESTART IDENTITY resets the sequences'] : [])])];
    }
    case 'AlterTableStmt': return alterTable(n);
    case 'DropdbStmt': return [effect('delete', 'DROP DATABASE', 'sql:database', [String(n.dbname)], 'environment', 'irreversible', ['DROP DATABASE deletes the database and all its data'])];
    case 'DropRoleStmt': return [effect('delete', 'DROP ROLE', 'sql:role', list(n.roles).map(objectName), 'resource', 'recoverable', ['a role can be recreated, but its grants must be restored by hand'])];
    case 'DropOwnedStmt': return [effect('delete', 'DROP OWNED', 'sql:role', list(n.roles).map(objectName), 'environment', 'irreversible', ['DROP OWNED drops every object the roles own, with their data, in this database'])];
    case 'DropTableSpaceStmt': return [effect('delete', 'DROP TABLESPACE', 'sql:tablespace', [String(n.tablespacename)], 'environment', 'irreversible', ['DROP TABLESPACE removes the storage location'])];
    case 'DropSubscriptionStmt': return [effect('delete', 'DROP SUBSCRIPTION', 'sql:subscription', [String(n.subname)], 'resource', 'irreversible', ['DROP SUBSCRIPTION stops replication and drops the replication slot on the publisher'])];
    case 'DropUserMappingStmt': return [effect('delete', 'DROP USER MAPPING', 'sql:role', [objectName(n.user)], 'resource', 'recoverable', ['removes stored credentials for a foreign server'])];
    case 'GrantStmt': {
      const verb = n.is_grant ? 'GRANT' : 'REVOKE';
      const objs = list(n.objects).map(objectName);
      return [effect('permissions', verb, 'sql:grant', objs.length ? objs : [String(n.objtype ?? '(objects)').replace('OBJECT_', '').toLowerCase()], 'resource', undefined,
        [`${verb} changes who can access what (${list(n.grantees).map(objectName).join(', ') || 'roles'})`])];
    }
    case 'GrantRoleStmt': return [effect('permissions', n.is_grant ? 'GRANT role' : 'REVOKE role', 'sql:role', list(n.granted_roles).map((r) => String(inner(r).priv_name ?? objectName(r))), 'resource', undefined,
      [`${n.is_grant ? 'grants' : 'revokes'} membership in ${list(n.granted_roles).map((r) => String(inner(r).priv_name ?? objectName(r))).join(', ')}`])];
    case 'AlterDefaultPrivilegesStmt': return [effect('permissions', 'ALTER DEFAULT PRIVILEGES', 'sql:grant', [], 'resource', undefined, ['changes the grants of objects created later'])];
    case 'CreateRoleStmt':
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt': {
      const role = t === 'CreateRoleStmt' ? String(n.role) : objectName(n.role);
      const powers = list(n.options).filter((o) => ['superuser', 'bypassrls', 'createrole', 'isreplication', 'createdb'].includes(String(inner(o).defname)) && !isFalse(inner(o).arg)).map((o) => String(inner(o).defname));
      const verb = t === 'CreateRoleStmt' ? 'CREATE ROLE' : 'ALTER ROLE';
      return [effect('permissions', verb, 'sql:role', [role], 'resource', undefined, [powers.length ? `gives ${role} ${powers.join(', ').toUpperCase()}` : `${verb === 'CREATE ROLE' ? 'creates' : 'changes'} the role ${role}`])];
    }
    case 'ReassignOwnedStmt':
    case 'AlterOwnerStmt': return [effect('permissions', t === 'ReassignOwnedStmt' ? 'REASSIGN OWNED' : 'ALTER OWNER', 'sql:grant', [t === 'AlterOwnerStmt' ? objectName(n.object ?? n.relation) : '(objects)'], 'resource', undefined, ['changes who owns objects'])];
    case 'CreatePolicyStmt':
    case 'AlterPolicyStmt': return [effect('permissions', t === 'CreatePolicyStmt' ? 'CREATE POLICY' : 'ALTER POLICY', 'sql:policy', [String(n.policy_name)], 'resource', undefined, ['changes which rows each role sees'])];
    case 'CreatedbStmt': return [effect('create', 'CREATE DATABASE', 'sql:database', [String(n.dbname)], 'resource', 'reversible', ['creates a new database'])];
    case 'AlterDatabaseStmt':
    case 'AlterDatabaseSetStmt':
    case 'AlterDatabaseRefreshCollStmt': return [effect('update', 'ALTER DATABASE', 'sql:database', [String(n.dbname)], 'environment', undefined, ['changes the database for every session'])];
    case 'CreateFunctionStmt': {
      const kind = n.is_procedure ? 'PROCEDURE' : 'FUNCTION';
      const name = list(n.funcname).map(str).join('.');
      return [n.replace
        ? effect('update', `CREATE OR REPLACE ${kind}`, 'sql:function', [name], 'resource', undefined, ['replaces the existing definition if there is one; the old body is not kept'])
        : effect('create', `CREATE ${kind}`, 'sql:function', [name], 'resource', 'reversible', ['creates a function (its body runs only when called)'])];
    }
    case 'ViewStmt': return [n.replace
      ? effect('update', 'CREATE OR REPLACE VIEW', 'sql:view', [rangeVar(n.view)], 'resource', undefined, ['replaces the view definition; the old one is not kept'])
      : effect('create', 'CREATE VIEW', 'sql:view', [rangeVar(n.view)], 'resource', 'reversible', ['creates a view'])];
    case 'CreateTrigStmt': return [effect(n.replace ? 'update' : 'create', `CREATE${n.replace ? ' OR REPLACE' : ''} TRIGGER`, 'sql:trigger', [`${rangeVar(n.relation)}.${String(n.trigname)}`], 'resource', n.replace ? undefined : 'reversible',
      ['a trigger runs its function on every matching write from now on'])];
    case 'RuleStmt': return [effect(n.replace ? 'update' : 'create', `CREATE${n.replace ? ' OR REPLACE' : ''} RULE`, 'sql:rule', [`${rangeVar(n.relation)}.${String(n.rulename)}`], 'resource', undefined,
      ['a rule rewrites every later statement of that kind on the table', ...(n.instead ? ['DO INSTEAD replaces what those statements do'] : [])])];
    case 'CreateEventTrigStmt': return [effect('create', 'CREATE EVENT TRIGGER', 'sql:trigger', [String(n.trigname)], 'environment', 'reversible', ['an event trigger runs its function on every matching DDL command in the database'])];
    case 'IndexStmt': return [effect('create', 'CREATE INDEX', 'sql:index', [String(n.idxname ?? rangeVar(n.relation))], 'resource', 'reversible', [n.concurrent ? 'builds an index without blocking writes' : 'builds an index (blocks writes to the table while it runs)'])];
    case 'CreateStmt': return [effect('create', 'CREATE TABLE', 'sql:table', [rangeVar(n.relation)], 'resource', 'reversible', ['creates a new table'])];
    case 'CreateSchemaStmt': return [effect('create', 'CREATE SCHEMA', 'sql:schema', [String(n.schemaname ?? objectName(n.authrole))], 'resource', 'reversible', ['creates a schema']),
      ...list(n.schemaElts).flatMap((e) => statement(e as Node, ctx))];
    case 'CreateExtensionStmt': return [effect('create', 'CREATE EXTENSION', 'sql:extension', [String(n.extname)], 'resource', 'reversible', ['runs the extension\'s install script in the database'])];
    case 'CreateSubscriptionStmt': return [effect('create', 'CREATE SUBSCRIPTION', 'sql:subscription', [String(n.subname)], 'resource', undefined, ['connects to another server and copies its tables into this one'])];
    case 'LoadStmt': return [unknown('LOAD', `LOAD loads the shared library ${String(n.filename)} into the server`)];
    case 'RefreshMatViewStmt': return [effect('update', 'REFRESH MATERIALIZED VIEW', 'sql:view', [rangeVar(n.relation)], 'resource', 'recoverable', ['recomputes the view from its query'])];
    case 'VacuumStmt': {
      const verb = n.is_vacuumcmd ? 'VACUUM' : 'ANALYZE';
      const full = list(n.options).some((o) => inner(o).defname === 'full');
      return [effect('update', verb + (full ? ' FULL' : ''), 'sql:table', list(n.rels).map((r) => rangeVar(inner(r).relation)).filter(Boolean).length ? list(n.rels).map((r) => rangeVar(inner(r).relation)) : ['(database)'], 'resource', 'reversible',
        [full ? 'VACUUM FULL rewrites the table and blocks it while it runs' : `${verb} is maintenance; it does not change data`])];
    }
    case 'ClusterStmt':
    case 'ReindexStmt':
    case 'CheckPointStmt': return [effect('update', t.replace('Stmt', '').toUpperCase(), 'sql:table', [n.relation ? rangeVar(n.relation) : '(database)'], 'resource', 'reversible', ['maintenance; it does not change data'])];
    case 'LockStmt': return [none('LOCK')];
    case 'ListenStmt':
    case 'UnlistenStmt':
    case 'DiscardStmt':
    case 'ConstraintsSetStmt':
    case 'DeallocateStmt':
    case 'ClosePortalStmt': return [none(t.replace('Stmt', '').toUpperCase())];
    case 'FetchStmt': return [read('FETCH')];
    case 'NotifyStmt': return [effect('update', 'NOTIFY', 'sql:channel', [String(n.conditionname)], 'resource', undefined, ['sends a notification to every listening session'])];
    case 'CommentStmt': return [effect('update', 'COMMENT', 'sql:comment', [objectName(n.object)], 'resource', 'reversible', ['changes a comment'])];
    case 'SecLabelStmt': return [effect('permissions', 'SECURITY LABEL', 'sql:grant', [objectName(n.object)], 'resource', undefined, ['changes a security label'])];
    case 'RenameStmt': return [effect('update', 'RENAME', `sql:${String(n.renameType ?? 'OBJECT_TABLE').replace('OBJECT_', '').toLowerCase()}`, [n.relation ? rangeVar(n.relation) : objectName(n.object)], 'resource', 'reversible', [`renames to ${String(n.newname)}: applications using the old name break`])];
    case 'AlterSeqStmt': {
      const restart = list(n.options).some((o) => inner(o).defname === 'restart');
      return [effect('update', 'ALTER SEQUENCE', 'sql:sequence', [rangeVar(n.sequence)], 'resource', restart ? 'irreversible' : undefined, [restart ? 'RESTART moves the sequence position; the old position is lost' : 'changes the sequence'])];
    }
    default:
      if (t.startsWith('Create') || t.startsWith('Define') || t === 'CompositeTypeStmt' || t === 'ImportForeignSchemaStmt') return [effect('create', verbOf(t), `sql:${nounOf(t)}`, [], 'resource', 'reversible', ['creates a new object'])];
      if (t.startsWith('Alter')) return [effect('update', verbOf(t), `sql:${nounOf(t)}`, [], 'resource', undefined, [verbOf(t)])];
      if (t.startsWith('Drop')) return [effect('delete', verbOf(t), `sql:${nounOf(t)}`, [], 'resource', undefined, [verbOf(t)])];
      return [unknown(t.replace(/Stmt$/, ''), `${t.replace(/Stmt$/, '')} is not a statement Firebreak recognises`)];
  }
}

function verbOf(t: string): string {
  return t.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function nounOf(t: string): string {
  return t.replace(/Stmt$/, '').replace(/^(Create|Alter|Drop|Define)/, '').toLowerCase() || 'object';
}

function isFalse(arg: unknown): boolean {
  const a = inner(arg);
  if (typeOf(arg) === 'Boolean') return a.boolval !== true;
  if (typeOf(arg) === 'String') return ['false', 'off', '0', 'no'].includes(String(a.sval).toLowerCase());
  if (typeOf(arg) === 'Integer') return a.ival === 0 || a.ival === undefined;
  return false;
}

/** A WHERE that names a column bounds the rows; `WHERE true`, `WHERE 1=1` do not. */
function boundedBy(where: unknown): boolean {
  if (!where) return false;
  let named = false;
  visit(where, (t) => { if (t === 'ColumnRef' || t === 'CurrentOfExpr') named = true; });
  return named;
}

function visit(n: unknown, fn: (type: string, node: Node) => boolean | void): void {
  if (Array.isArray(n)) { for (const x of n) visit(x, fn); return; }
  if (!n || typeof n !== 'object') return;
  for (const [k, v] of Object.entries(n as Node)) {
    if (/^[A-Z]/.test(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      if (fn(k, v as Node) === false) continue;
    }
    visit(v, fn);
  }
}

const NESTED_WRITES = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt']);

/** Effects of what a statement executes besides its main action: functions it calls and
 *  data-modifying statements in its WITH clauses. `skip`: keys of the top node not to scan. */
function executed(node: Node, ctx: PgContext, skip: string[] = []): StatementEffect[] {
  const out: StatementEffect[] = [];
  const top = inner(node);
  const scan = (v: unknown) => visit(v, (type, body) => {
    if (NESTED_WRITES.has(type)) { out.push(...statement({ [type]: body }, ctx)); return false; }
    if (type === 'FuncCall') { out.push(...functionCall(body, ctx)); return undefined; }
    return undefined;
  });
  for (const [k, v] of Object.entries(top)) if (!skip.includes(k)) scan(v);
  return out;
}

function functionCall(fn: Node, ctx: PgContext): StatementEffect[] {
  const parts = list(fn.funcname).map(str);
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const found = lookupFunction('postgresql', name, schema);
  const verb = `${parts.join('.')}()`;
  if (found.kind === 'read') return [];
  if (found.kind === 'unknown') return [unknown(verb, found.why)];
  if (found.fact.sqlArgument !== undefined) {
    const args = list(fn.args);
    const arg = found.fact.sqlArgument < 0 ? args[args.length - 1] : args[found.fact.sqlArgument];
    const text = typeOf(arg) === 'A_Const' ? ((inner(arg).sval as Node | undefined)?.sval as string | undefined) : undefined;
    if (text !== undefined && ctx.depth < MAX_DEPTH) {
      const inside = classifyPostgresSync(text, { ...ctx, depth: ctx.depth + 1 }).flat();
      const writes = inside.filter((e) => e.operation !== 'read');
      const remote = name.startsWith('dblink') ? ['runs on the database dblink connects to'] : [];
      return writes.map((e) => ({ ...e, facts: [found.fact.fact, ...remote, ...e.facts] }));
    }
    return [unknown(verb, `${found.fact.fact}; the text is built at run time and not visible`)];
  }
  return [fromFunction(name, found.fact, verb)];
}

function variableSet(n: Node): StatementEffect {
  const name = String(n.name ?? '').toLowerCase();
  if (/^(standard_conforming_strings|backslash_quote)$/.test(name)) {
    return unknown('SET', `SET ${name} changes how the server reads string literals: later text cannot be read the same way`);
  }
  if (name === 'client_encoding') {
    const value = list(n.args).map((a) => String((inner(a).sval as Node | undefined)?.sval ?? '')).join('');
    if (/^(sjis|shift_jis|big5|gbk|uhc|gb18030|johab|win93[26]|win949|win950)$/i.test(value)) {
      return unknown('SET', `client encoding ${value} lets multi-byte characters hide quotes and backslashes`);
    }
  }
  if (name === 'session_replication_role') return none('SET', {});
  return none('SET');
}

function drop(n: Node): StatementEffect {
  const kind = String(n.removeType ?? 'OBJECT_TABLE');
  const facts = DROP_FACTS[kind];
  const names = list(n.objects).map(objectName);
  const cascade = n.behavior === 'DROP_CASCADE';
  const noun = kind.replace('OBJECT_', '').replace('_', ' ');
  if (!facts) return effect('delete', `DROP ${noun}`, `sql:${noun.toLowerCase().replace(' ', '-')}`, names, cascade ? 'unknown' : 'resource', undefined, [`DROP ${noun}`, ...(cascade ? ['CASCADE also drops every object that depends on it'] : [])]);
  return effect('delete', `DROP ${noun}`, facts.type, names, cascade && facts.scope === 'resource' ? 'unknown' : facts.scope, facts.reversibility,
    [facts.fact, ...(cascade ? ['CASCADE also drops every object that depends on it'] : [])]);
}

function alterTable(n: Node): StatementEffect[] {
  const table = rangeVar(n.relation);
  const out: StatementEffect[] = [];
  for (const c of list(n.cmds)) {
    const cmd = inner(c);
    const sub = String(cmd.subtype ?? '');
    const cascade = cmd.behavior === 'DROP_CASCADE' ? ['CASCADE also drops every object that depends on it'] : [];
    switch (sub) {
      case 'AT_DropColumn':
        out.push(effect('delete', 'ALTER TABLE DROP COLUMN', 'sql:table', [table], cascade.length ? 'unknown' : 'resource', 'irreversible', [`DROP COLUMN ${String(cmd.name)} deletes the column's data in every row`, ...cascade], { column: String(cmd.name) }));
        break;
      case 'AT_DetachPartition':
      case 'AT_DetachPartitionFinalize':
        out.push(effect('update', 'ALTER TABLE DETACH PARTITION', 'sql:table', [table], 'resource', 'recoverable', ['the partition becomes a table of its own; its rows leave this table']));
        break;
      case 'AT_AlterColumnType':
        out.push(effect('update', 'ALTER TABLE ALTER COLUMN TYPE', 'sql:table', [table], 'resource', undefined, [`rewrites column ${String(cmd.name)} to a new type; a narrowing conversion loses data`]));
        break;
      case 'AT_DisableRowSecurity':
      case 'AT_NoForceRowSecurity':
        out.push(effect('permissions', 'ALTER TABLE DISABLE ROW LEVEL SECURITY', 'sql:table', [table], 'resource', undefined, ['turns off row-level security: every role with table access sees every row']));
        break;
      case 'AT_ChangeOwner':
        out.push(effect('permissions', 'ALTER TABLE OWNER', 'sql:table', [table], 'resource', undefined, ['changes who owns the table']));
        break;
      case 'AT_DisableTrig':
      case 'AT_DisableTrigAll':
      case 'AT_DisableTrigUser':
        out.push(effect('update', 'ALTER TABLE DISABLE TRIGGER', 'sql:table', [table], 'resource', 'reversible', ['turns off triggers: writes skip the checks and audit they do']));
        break;
      case 'AT_DropConstraint':
      case 'AT_DropNotNull':
      case 'AT_DropIdentity':
      case 'AT_DropExpression':
        out.push(effect('update', `ALTER TABLE ${sub.replace('AT_', '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}`, 'sql:table', [table], cascade.length ? 'unknown' : 'resource', 'recoverable', ['drops a constraint or default (no rows lost)', ...cascade]));
        break;
      default:
        out.push(effect('update', `ALTER ${String(n.objtype ?? 'OBJECT_TABLE').replace('OBJECT_', '')}`, 'sql:table', [table], 'resource', undefined, [`ALTER TABLE ${sub.replace('AT_', '')}`]));
    }
  }
  return out.length ? out : [effect('update', 'ALTER TABLE', 'sql:table', [table], 'resource', undefined, ['ALTER TABLE'])];
}

function copy(n: Node, ctx: PgContext): StatementEffect[] {
  const target = n.relation ? rangeVar(n.relation) : '(query)';
  const runs = n.query ? statement(n.query as Node, ctx).filter((e) => e.operation !== 'read') : [];
  const out: StatementEffect[] = [];
  if (n.is_program) {
    out.push({ ...unknown(n.is_from ? 'COPY FROM PROGRAM' : 'COPY TO PROGRAM', `COPY ... PROGRAM runs \`${String(n.filename)}\` as a shell command on the database server`), serverShell: String(n.filename) });
  } else if (n.filename && !n.is_from) {
    out.push(effect('update', 'COPY TO file', 'sql:server-file', [String(n.filename)], 'unknown', undefined, [`COPY ... TO '${String(n.filename)}' writes a file on the database server`]));
  }
  if (n.is_from) out.push(effect('create', 'COPY FROM', 'sql:table', [target], 'resource', undefined, [n.filename && !n.is_program ? `loads rows from the server file ${String(n.filename)}` : 'loads rows into the table']));
  if (!out.length && !runs.length) return [read('COPY TO')];
  return [...out, ...runs];
}

/** DO $$ ... $$: parsed as PL/pgSQL; each statement it would run is classified. */
function doBlock(n: Node, ctx: PgContext): StatementEffect[] {
  let body: string | undefined;
  let language = 'plpgsql';
  for (const a of list(n.args)) {
    const d = inner(a);
    if (d.defname === 'as') body = String(inner(d.arg).sval ?? '');
    if (d.defname === 'language') language = String(inner(d.arg).sval ?? '').toLowerCase();
  }
  if (body === undefined) return [unknown('DO', 'DO without a body')];
  if (language !== 'plpgsql') return [unknown('DO', `DO runs ${language} code, which Firebreak does not read`)];
  if (ctx.depth >= MAX_DEPTH || !loaded) return [unknown('DO', 'DO block nested too deeply to follow')];
  let tag = 'fb';
  while (body.includes(`$${tag}$`)) tag += 'x';
  let tree: unknown;
  try {
    tree = loaded.parsePlPgSQLSync(`CREATE FUNCTION firebreak_do() RETURNS void LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`);
  } catch (e) {
    return [unknown('DO', `the DO block cannot be parsed as PL/pgSQL (${errorText(e)})`)];
  }
  const out: StatementEffect[] = [];
  const inner_ = { ...ctx, depth: ctx.depth + 1 };
  visit(tree, (type, node) => {
    if (type === 'PLpgSQL_stmt_dynexecute' || type === 'PLpgSQL_stmt_dynfors' || (type === 'PLpgSQL_stmt_open' && node.dynquery) || (type === 'PLpgSQL_stmt_return_query' && node.dynquery)) {
      out.push(unknown('DO', 'the DO block runs SQL built at run time (EXECUTE): it is not visible'));
      return false;
    }
    if (type === 'PLpgSQL_expr') {
      const q = String(node.query ?? '');
      const mode = Number(node.parseMode ?? 0);
      const sql = mode === 0 ? q : mode >= 3 ? `SELECT ${q.slice(q.indexOf(':=') >= 0 ? q.indexOf(':=') + 2 : q.indexOf('=') + 1)}` : `SELECT ${q}`;
      for (const e of classifyPostgresSync(sql, inner_).flat()) {
        if (e.operation !== 'read') out.push({ ...e, facts: ['inside the DO block', ...e.facts] });
      }
      return false;
    }
    return undefined;
  });
  return out.length ? out : [read('DO', ['the DO block only reads'])];
}
