// PostgreSQL through pg: a pool per server process, so several stateless servers can share one
// database. SQL arrives with `?` placeholders and leaves numbered ($1, $2, ...).
import type { Pool, PoolClient } from 'pg';
import { DatabaseError, type Database, type Param, type Queries } from './database.js';

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pg = (await import('pg')).default;
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
  // An idle connection that dies (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  return new PostgresDatabase(pool, redactUrl(url));
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** `?` -> `$n`. Our SQL never has a `?` inside a string literal. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function queries(run: (sql: string, params: Param[]) => Promise<{ rows: unknown[]; rowCount: number | null }>): Queries {
  return {
    all: async <T>(sql: string, params: Param[] = []) => (await run(numbered(sql), params)).rows as T[],
    get: async <T>(sql: string, params: Param[] = []) => (await run(numbered(sql), params)).rows[0] as T | undefined,
    run: async (sql: string, params: Param[] = []) => (await run(numbered(sql), params)).rowCount ?? 0,
  };
}

class PostgresDatabase implements Database {
  readonly dialect = 'postgres' as const;
  private readonly q: Queries;

  constructor(private readonly pool: Pool, readonly description: string) {
    this.q = queries((sql, params) => pool.query(sql, params));
  }

  all<T>(sql: string, params?: Param[]): Promise<T[]> {
    return this.q.all<T>(sql, params);
  }
  get<T>(sql: string, params?: Param[]): Promise<T | undefined> {
    return this.q.get<T>(sql, params);
  }
  run(sql: string, params?: Param[]): Promise<number> {
    return this.q.run(sql, params);
  }

  async tx<T>(work: (q: Queries & { lock(name: string): Promise<void> }) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    const q = queries((sql, params) => client.query(sql, params));
    try {
      await client.query('BEGIN');
      const result = await work({ ...q, lock: async (name) => void (await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [name])) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
