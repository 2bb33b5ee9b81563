// Garbage policies give an InputError, never another crash, and nothing that loads passes by default.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../src/errors.js';
import { evaluate } from '../../src/judge/evaluate.js';
import { parsePolicy, type Policy } from '../../src/judge/policy.js';
import { action, input, prod } from './helpers.js';

const shipped = readFileSync(resolve('policies/default.yaml'), 'utf8');
const teams = readFileSync(resolve('examples/policies/teams-today.yaml'), 'utf8');

function tryParse(text: string): Policy | undefined {
  try {
    return parsePolicy(text, 'fuzz.yaml');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.location !== undefined) expect(e.location).toMatch(/^line \d+, column \d+$/);
    return undefined;
  }
}

/** Whatever loads: default is never pass, and with no pass rule nothing passes. */
function checkFailClosed(policy: Policy | undefined) {
  if (!policy) return;
  expect(['escalate', 'block']).toContain(policy.default);
  const destructive = action({ ...prod, operation: 'delete', reversibility: 'irreversible', stateful: true, dataLoss: true });
  const verdict = evaluate(input([destructive]), policy).verdict;
  if (!policy.rules.some((r) => r.decision === 'pass')) expect(verdict).not.toBe('pass');
}

const mutation = fc.tuple(fc.nat(), fc.nat(40), fc.constantFrom('delete', 'insert', 'duplicate'), fc.string({ maxLength: 12 }));
function mutate(text: string, [at, length, kind, inserted]: [number, number, string, string]): string {
  const i = at % (text.length + 1);
  if (kind === 'delete') return text.slice(0, i) + text.slice(i + length);
  if (kind === 'insert') return text.slice(0, i) + inserted + text.slice(i);
  return text.slice(0, i) + text.slice(i, i + length) + text.slice(i);
}

describe('policy fuzz', () => {
  it('arbitrary strings and YAML values', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => checkFailClosed(tryParse(s))), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => checkFailClosed(tryParse(stringify(v)))), { numRuns: 300 });
  });

  it('arbitrary values in rule positions', () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('pass', 'escalate', 'block', 'delete', 'production', true, 5));
    const rule = fc.record(
      {
        id: fc.oneof(fc.constantFrom('r1', 'r2'), value),
        description: fc.oneof(fc.constant('d'), value),
        match: fc.oneof(fc.dictionary(fc.constantFrom('operation', 'environment', 'pattern', 'blastRadius', 'reversibility', 'freeze', 'sandbox', 'x'), value), value),
        decision: value,
        message: value,
      },
      { requiredKeys: [] },
    );
    const doc = fc.record({ version: fc.oneof(fc.constant(1), value), default: value, rules: fc.oneof(fc.array(rule, { maxLength: 4 }), value) }, { requiredKeys: [] });
    fc.assert(fc.property(doc, (d) => checkFailClosed(tryParse(stringify(d)))), { numRuns: 400 });
  });

  it('random edits of the shipped policies', () => {
    for (const text of [shipped, teams]) {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => checkFailClosed(tryParse(edits.reduce(mutate, text)))),
        { numRuns: 150 },
      );
    }
  });
});
