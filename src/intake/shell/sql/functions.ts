// Looks a called SQL function up in the dialect's tables (src/knowledge/sql).
import { MYSQL_FUNCTION_EFFECTS, MYSQL_READ_ONLY_FUNCTIONS } from '../../../knowledge/sql/mysql-functions.js';
import { PG_FUNCTION_EFFECTS, PG_READ_ONLY_FUNCTIONS, PG_READ_ONLY_PREFIXES } from '../../../knowledge/sql/postgres-functions.js';
import { SQLITE_FUNCTION_EFFECTS, SQLITE_READ_ONLY_FUNCTIONS } from '../../../knowledge/sql/sqlite-functions.js';
import type { SqlFunctionFact } from '../../../knowledge/sql/function-facts.js';
import type { LexDialect } from './tokens.js';

export type FunctionLookup =
  | { kind: 'read' }
  | { kind: 'effect'; fact: SqlFunctionFact }
  | { kind: 'unknown'; why: string };

const TABLES: Record<LexDialect, { readOnly: ReadonlySet<string>; effects: Readonly<Record<string, SqlFunctionFact>>; prefixes: readonly string[]; builtinSchemas: ReadonlySet<string> }> = {
  postgresql: { readOnly: PG_READ_ONLY_FUNCTIONS, effects: PG_FUNCTION_EFFECTS, prefixes: PG_READ_ONLY_PREFIXES, builtinSchemas: new Set(['pg_catalog', 'information_schema', 'public']) },
  mysql: { readOnly: MYSQL_READ_ONLY_FUNCTIONS, effects: MYSQL_FUNCTION_EFFECTS, prefixes: [], builtinSchemas: new Set(['sys', 'mysql']) },
  sqlite: { readOnly: SQLITE_READ_ONLY_FUNCTIONS, effects: SQLITE_FUNCTION_EFFECTS, prefixes: [], builtinSchemas: new Set() },
};

/** `schema` as written (`pg_catalog.pg_terminate_backend`), or undefined. */
export function lookupFunction(dialect: LexDialect, name: string, schema?: string): FunctionLookup {
  const t = TABLES[dialect];
  const n = name.toLowerCase();
  const s = schema?.toLowerCase();
  const qualified = s ? `${s}.${n}` : n;
  if (Object.hasOwn(t.effects, qualified)) return { kind: 'effect', fact: t.effects[qualified] };
  if (s && !t.builtinSchemas.has(s)) {
    return { kind: 'unknown', why: `calls ${qualified}(), a function the database defines: its effect is not visible` };
  }
  if (Object.hasOwn(t.effects, n)) return { kind: 'effect', fact: t.effects[n] };
  if (t.readOnly.has(n) || t.prefixes.some((p) => n.startsWith(p))) return { kind: 'read' };
  return { kind: 'unknown', why: `calls ${qualified}(), which is not a built-in Firebreak knows: a function the database defines may write` };
}
