import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { collectGarbage } from '../../src/util/collect-garbage.js';

describe('collectGarbage', () => {
  it('frees what nothing keeps, and leaves gc unexposed to other code', () => {
    let garbage: string[] | undefined = Array.from({ length: 200_000 }, (_, i) => `item ${i} `.repeat(8));
    const held = process.memoryUsage().heapUsed;
    expect(garbage.length).toBe(200_000);
    garbage = undefined;
    collectGarbage();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held / 2);
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(() => collectGarbage()).not.toThrow();
  });
});
