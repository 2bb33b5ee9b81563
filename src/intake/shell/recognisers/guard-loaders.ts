// Recognisers the guard owns (Firebreak's own CLI); spread into the table in index.ts.
import type { RecogniserLoader } from '../command.js';

export const GUARD_LOADERS: Readonly<Record<string, RecogniserLoader>> = {
  firebreak: async () => (await import('./firebreak.js')).firebreak,
};
