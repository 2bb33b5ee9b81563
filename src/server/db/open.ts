// Picks the store from what the operator gave: a postgres:// URL, or a SQLite file path.
import type { Database } from './database.js';

export const DEFAULT_DATABASE = 'firebreak-server.db';

export function isPostgresUrl(where: string): boolean {
  return /^postgres(ql)?:\/\//i.test(where);
}

export async function openDatabase(where: string = DEFAULT_DATABASE): Promise<Database> {
  if (isPostgresUrl(where)) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(where);
  }
  const { openSqlite } = await import('./sqlite.js');
  return openSqlite(where);
}
