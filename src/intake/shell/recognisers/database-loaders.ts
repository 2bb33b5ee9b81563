// Database and data-store clients beyond the SQL shells listed in index.ts. Entries here are
// merged after CLOUD_CLIS in index.ts, so they win over the generic verb table for the same name.
import type { RecogniserLoader } from '../command.js';

const sql = (name: 'pgRestore' | 'dropuser'): RecogniserLoader => async () => (await import('./sql.js'))[name];

export const DATABASE_LOADERS: Readonly<Record<string, RecogniserLoader>> = {
  pg_restore: sql('pgRestore'),
  dropuser: sql('dropuser'),
};
