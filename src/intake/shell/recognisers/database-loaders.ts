// Database and data-store clients beyond the SQL shells in index.ts (mongosh, redis-cli, ...).
import type { RecogniserLoader } from '../command.js';

export const DATABASE_LOADERS: Readonly<Record<string, RecogniserLoader>> = {};
