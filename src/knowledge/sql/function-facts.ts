// What calling a SQL function does, as data. A function call inside a SELECT can write, kill
// sessions or run other SQL; the classifiers look every called name up in these tables.
import type { Operation, Reversibility } from '../../model.js';

export interface SqlFunctionFact {
  operation: Exclude<Operation, 'read' | 'replace'>;
  /** `sql:sequence`, `sql:session`, `sql:server`, `sql:large-object`, `fs:path`... */
  targetType: string;
  fact: string;
  scope?: 'resource' | 'environment' | 'unknown';
  reversibility?: Reversibility;
  /** What it acts on, when that is not the function itself (`(other sessions)`). */
  target?: string;
  /** The argument (0-based; -1 = the last) holding SQL text that the function executes. */
  sqlArgument?: number;
}

/** Names of a space-separated block, lower-cased, as a set. */
export function nameSet(...blocks: string[]): ReadonlySet<string> {
  return new Set(blocks.flatMap((b) => b.split(/\s+/)).filter(Boolean).map((n) => n.toLowerCase()));
}

const f = (operation: SqlFunctionFact['operation'], targetType: string, fact: string, extra: Partial<SqlFunctionFact> = {}): SqlFunctionFact => ({ operation, targetType, fact, ...extra });

/** Shorthands used by the per-dialect tables. */
export const FN = {
  killsSessions: (fact: string) => f('update', 'sql:session', fact, { target: '(other sessions)', reversibility: 'irreversible' }),
  server: (fact: string, reversibility?: Reversibility) => f('update', 'sql:server', fact, { scope: 'environment', target: '(server)', ...(reversibility ? { reversibility } : {}) }),
  sequence: (fact: string, reversibility?: Reversibility) => f('update', 'sql:sequence', fact, reversibility ? { reversibility } : {}),
  serverFiles: (fact: string) => f('unknown', 'sql:server-file', fact, { scope: 'unknown' }),
  writesFile: (fact: string) => f('update', 'fs:path', fact, { scope: 'unknown' }),
  runsSql: (fact: string, sqlArgument: number) => f('unknown', 'sql:database', fact, { scope: 'unknown', sqlArgument }),
  runsCode: (fact: string) => f('unknown', 'sql:server', fact, { scope: 'unknown' }),
  create: (targetType: string, fact: string) => f('create', targetType, fact),
  update: (targetType: string, fact: string, reversibility?: Reversibility) => f('update', targetType, fact, reversibility ? { reversibility } : {}),
  delete: (targetType: string, fact: string, reversibility: Reversibility = 'irreversible', scope: SqlFunctionFact['scope'] = 'resource') => f('delete', targetType, fact, { reversibility, scope }),
  permissions: (targetType: string, fact: string) => f('permissions', targetType, fact),
};
