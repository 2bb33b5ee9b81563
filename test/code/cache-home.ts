// Each test of the code cache gets its own per-user folder with the cache on, and the process's
// environment back afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { resetCodeCache } from '../../src/intake/code/cache.js';

/** Registers the hooks; the returned function gives the current test's per-user folder. */
export function useCodeCacheHome(purpose: string): () => string {
  let home = '';
  const saved = { home: process.env.FIREBREAK_HOME, cache: process.env.FIREBREAK_CODE_CACHE };
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), `firebreak-${purpose}-`));
    process.env.FIREBREAK_HOME = home;
    process.env.FIREBREAK_CODE_CACHE = '1';
    resetCodeCache();
  });
  afterEach(() => {
    for (const [k, v] of [['FIREBREAK_HOME', saved.home], ['FIREBREAK_CODE_CACHE', saved.cache]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetCodeCache();
    rmSync(home, { recursive: true, force: true });
  });
  return () => home;
}
