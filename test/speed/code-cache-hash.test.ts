// The code cache names an entry by the sha256 of what decides the IR: in plain JavaScript for text
// up to 16 KB (no node:crypto on the hook's path for a one-liner), with node:crypto above. Both
// must give node:crypto's digest for any text (entries made before and after stay valid), and a
// large program must still round-trip through the cache.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryDigest, resetCodeCache } from '../../src/intake/code/cache.js';
import { readPython } from '../../src/intake/code/readers/python.js';

let home: string;
const saved = { home: process.env.FIREBREAK_HOME, cache: process.env.FIREBREAK_CODE_CACHE };
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'firebreak-code-hash-'));
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

const crypto = (text: string) => createHash('sha256').update(text).digest('hex');

describe('code cache entry digest', () => {
  it('is node:crypto sha256 for any text, either side of 16 KB', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => entryDigest(t) === crypto(t)), { numRuns: 300 });
    for (const n of [0, 55, 56, 63, 64, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000]) {
      const text = 'é\u{1F600}x'.repeat(n).slice(0, n);
      expect(entryDigest(text), String(n)).toBe(crypto(text));
    }
  });

  it('a large program (hashed by node:crypto) comes back from the cache', async () => {
    const big = `import shutil\n${Array.from({ length: 1500 }, (_, i) => `value_${i} = "${'x'.repeat(10)}"`).join('\n')}\nshutil.rmtree('build')\n`;
    expect(big.length).toBeGreaterThan(16 * 1024);
    const first = await readPython(big, 'big.py');
    resetCodeCache();
    expect(await readPython(big, 'big.py')).toEqual(first);
    expect(readdirSync(join(home, 'code-cache')).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });
});
