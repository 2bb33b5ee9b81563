// Garbage in firebreak.yaml gives an InputError with a position, never another crash.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/config.js';
import { resolveEnvironment } from '../../src/config/environment.js';
import { InputError } from '../../src/errors.js';

const example = readFileSync(resolve('examples/firebreak.yaml'), 'utf8');

/** Returns the config, or undefined after checking the error is a well-formed InputError. */
function tryParse(text: string) {
  try {
    return parseConfig(text, '/fuzz/firebreak.yaml');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    expect(e.file).toBe('/fuzz/firebreak.yaml');
    if (e.location !== undefined) expect(e.location).toMatch(/^line \d+, column \d+$/);
    expect(e.message.length).toBeGreaterThan(0);
    return undefined;
  }
}

/** One random edit of the text: delete, insert or duplicate a slice. */
const mutation = fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom('delete', 'insert', 'duplicate', 'indent'), fc.string({ maxLength: 12 }));

function mutate(text: string, [at, length, kind, inserted]: [number, number, string, string]): string {
  const i = at % (text.length + 1);
  if (kind === 'delete') return text.slice(0, i) + text.slice(i + length);
  if (kind === 'insert') return text.slice(0, i) + inserted + text.slice(i);
  if (kind === 'indent') return text.slice(0, i) + ' '.repeat(length % 5) + text.slice(i);
  return text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
}

describe('config fuzz', () => {
  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => void tryParse(s)), { numRuns: 300 });
  });

  it('arbitrary YAML values', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => void tryParse(stringify(v))), { numRuns: 300 });
  });

  it('arbitrary values under the real keys', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const doc = fc.record(
      {
        version: fc.oneof(fc.constant(1), value),
        environments: fc.oneof(fc.dictionary(fc.string({ maxLength: 8 }), fc.record({ production: fc.oneof(fc.boolean(), value), match: value }, { requiredKeys: [] })), value),
        freezes: fc.oneof(fc.array(fc.record({ name: value, start: value, end: value, environments: value }, { requiredKeys: [] })), value),
        world: value,
        agent: value,
      },
      { requiredKeys: ['version'] },
    );
    fc.assert(fc.property(doc, (d) => void tryParse(stringify(d))), { numRuns: 300 });
  });

  it('random edits of the example; whatever still loads never makes an unplaceable action non-production', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edits.reduce(mutate, example);
        const config = tryParse(text);
        if (config) {
          const r = resolveEnvironment({ profile: '\u0000no-such-profile\u0000' }, config);
          if (r.assumed) expect(r.production).toBe(true);
        }
      }),
      { numRuns: 250 },
    );
  });
});
