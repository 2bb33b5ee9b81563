// The SQL seam under the team server: one small query interface that SQLite (node:sqlite, the
// default: one file, WAL) and PostgreSQL (pg, for several servers) both implement. Everything
// above it writes portable SQL once, with `?` placeholders and ISO-8601 UTC text timestamps.
export type Param = string | number | null;

export interface Queries {
  all<T>(sql: string, params?: Param[]): Promise<T[]>;
  get<T>(sql: string, params?: Param[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: Param[]): Promise<number>;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Database extends Queries {
  readonly dialect: Dialect;
  /** What it is, for logs: the file, or the URL without its password. */
  readonly description: string;
  /**
   * Runs `work` in one transaction: all of it is written or none. SQLite transactions are
   * serialised in this process (BEGIN IMMEDIATE); PostgreSQL ones run on their own connection,
   * and `lock` takes a transaction-scoped advisory lock so that every server process agrees.
   */
  tx<T>(work: (q: Queries & { lock(name: string): Promise<void> }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database error we raise ourselves (never shown with a stack). */
export class DatabaseError extends Error {}

/** Unique-constraint violation, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errcode?: number; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
