// What one SQL statement does, whichever classifier read it.
import type { Operation, Reversibility } from '../../../model.js';
import type { SqlFunctionFact } from '../../../knowledge/sql/function-facts.js';

export interface StatementEffect {
  operation: Operation;
  /** `DROP TABLE`, `DELETE`, `\i`, `SELECT pg_terminate_backend()`. */
  verb: string;
  /** `sql:table`, `sql:database`, ... */
  targetType: string;
  targets: string[];
  scope: 'resource' | 'environment' | 'unknown';
  reversibility?: Reversibility;
  /** Plain-language facts, in order. */
  facts: string[];
  /** Statements that change the session rather than data (`USE db`, `\c db`). */
  session?: { database?: string; host?: string };
  /** A shell command run on this machine (psql `\!`, `\copy ... PROGRAM`, sqlite `.shell`): walk it. */
  shell?: string;
  /** A shell command run on the database server (`COPY ... PROGRAM`). */
  serverShell?: string;
  /** A file of statements the client runs (`\i`, `.read`, `source`): the caller reads it. */
  include?: { path: string; relativeToScript?: boolean };
  /** SQL the client sends to the server for a meta-command (`\copy` sends `COPY ... TO STDOUT`). */
  sql?: string;
  /** DELETE / UPDATE: a WHERE clause limits the rows. */
  bounded?: boolean;
  /** ALTER TABLE ... DROP COLUMN: the column. */
  column?: string;
  /** Which reader produced this: the real PostgreSQL parser or the dialect lexer. */
  parser?: 'libpg-query' | 'lexer' | 'client';
}

export function effect(operation: Operation, verb: string, targetType: string, targets: string[], scope: StatementEffect['scope'], reversibility: Reversibility | undefined, facts: string[], extra: Partial<StatementEffect> = {}): StatementEffect {
  const e: StatementEffect = { operation, verb, targetType, targets: targets.length ? targets : ['(unnamed)'], scope, facts, ...extra };
  if (reversibility) e.reversibility = reversibility;
  return e;
}

export function read(verb: string, facts: string[] = []): StatementEffect {
  return { operation: 'read', verb, targetType: 'sql:database', targets: [], scope: 'resource', facts };
}

export function none(verb: string, session: StatementEffect['session'] = {}): StatementEffect {
  return { operation: 'read', verb, targetType: 'sql:session', targets: [], scope: 'resource', facts: [], session };
}

export function unknown(verb: string, why: string, extra: Partial<StatementEffect> = {}): StatementEffect {
  return { operation: 'unknown', verb, targetType: 'sql:database', targets: [], scope: 'unknown', facts: [why], ...extra };
}

export function fromFunction(name: string, fact: SqlFunctionFact, verb: string): StatementEffect {
  return effect(fact.operation, verb, fact.targetType, [fact.target ?? name], fact.scope ?? 'resource', fact.reversibility, [fact.fact]);
}

const SEVERITY: Record<Operation, number> = { read: 0, create: 1, update: 2, replace: 2, permissions: 3, unknown: 4, delete: 5 };

/** How much a person should look at this effect: deletes first, then unknown, then the rest. */
export function severity(e: StatementEffect): number {
  return SEVERITY[e.operation] * 10 + (e.reversibility === 'irreversible' ? 2 : 0) + (e.scope === 'environment' ? 1 : 0);
}

export function worst(effects: StatementEffect[]): StatementEffect | undefined {
  let best: StatementEffect | undefined;
  for (const e of effects) if (!best || severity(e) > severity(best)) best = e;
  return best;
}

/** A session-only effect: nothing changes in the database. */
export function isSessionOnly(e: StatementEffect): boolean {
  return e.operation === 'read' && e.targetType === 'sql:session';
}
