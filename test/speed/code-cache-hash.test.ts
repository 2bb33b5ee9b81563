// The code cache names an entry by the sha256 of what decides the IR: in plain JavaScript for text
// up to 16 KB (no node:crypto on the hook's path for a one-liner), with node:crypto above. Both
// must give node:crypto's digest for any text (entries made before and after stay valid), and a
// large program must still round-trip through the cache.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useCodeCacheHome } from '../code/cache-home.js';
import { entryDigest, resetCodeCache } from '../../src/intake/code/cache.js';
import { readPython } from '../../src/intake/code/readers/python.js';

const homeFolder = useCodeCacheHome('code-hash');

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
    expect(readdirSync(join(homeFolder(), 'code-cache')).filter((n) => n.endsWith('.json'))).toHaveLength(1);
  });
});
