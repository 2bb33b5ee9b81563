// SQLite through Node's built-in node:sqlite: one file, write-ahead log, one writer. The driver is
// synchronous, so one process never interleaves two statements; transactions (which may await
// between statements) are queued so that they never interleave either.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Database, Param, Queries } from './database.js';

export async function openSqlite(file: string): Promise<Database> {
  const { DatabaseSync } = await import('node:sqlite');
  const path = file === ':memory:' ? file : resolve(file);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  return new SqliteDatabase(db, path);
}

class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  private statements = new Map<string, StatementSync>();
  private queue: Promise<unknown> = Promise.resolve();
  private inTx = false;

  constructor(private readonly db: DatabaseSync, readonly description: string) {}

  private statement(sql: string): StatementSync {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private direct(): Queries {
    return {
      all: async <T>(sql: string, params: Param[] = []) => this.statement(sql).all(...params) as T[],
      get: async <T>(sql: string, params: Param[] = []) => this.statement(sql).get(...params) as T | undefined,
      run: async (sql: string, params: Param[] = []) => Number(this.statement(sql).run(...params).changes),
    };
  }

  // Statements outside a transaction wait for a running one, so they never land inside it.
  all<T>(sql: string, params?: Param[]): Promise<T[]> {
    return this.serial(() => this.direct().all<T>(sql, params));
  }
  get<T>(sql: string, params?: Param[]): Promise<T | undefined> {
    return this.serial(() => this.direct().get<T>(sql, params));
  }
  run(sql: string, params?: Param[]): Promise<number> {
    return this.serial(() => this.direct().run(sql, params));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    if (!this.inTx) return work();
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  tx<T>(work: (q: Queries & { lock(name: string): Promise<void> }) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.inTx = true;
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({ ...this.direct(), lock: async () => undefined });
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.isTransaction) this.db.exec('ROLLBACK');
        throw error;
      } finally {
        this.inTx = false;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
