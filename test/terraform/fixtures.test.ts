import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { readTerraformState } from '../../src/intake/terraform/state.js';
import { INFRACOST, read, TERRAFORM_JSON } from './helpers.js';

const cases = readdirSync(TERRAFORM_JSON, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'invalid')
  .flatMap((d) => readdirSync(`${TERRAFORM_JSON}${d.name}`).map((f) => `${d.name}/${f}`))
  .filter((f) => f.endsWith('.json') || f.endsWith('.tfstate'));

describe('every public Terraform fixture', () => {
  it('finds the fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(29));

  for (const name of cases) {
    it(`reads ${name}`, () => {
      const text = read(TERRAFORM_JSON + name);
      const isPlan = name.includes('plan');
      const result = isPlan ? readTerraformPlan(text, name) : readTerraformState(text, name);
      expect(result.kind).toBe(isPlan ? 'terraform-plan' : 'terraform-state');
      if (!isPlan) expect(result.actions).toEqual([]);
      // Every node an edge names is a resource of the fragment.
      const ids = new Set(result.world!.resources.map((r) => r.id));
      for (const edge of result.world!.edges) {
        expect(ids.has(edge.from), edge.from).toBe(true);
        expect(ids.has(edge.to), edge.to).toBe(true);
      }
      // A plan that changes something gives at least one action or says why not.
      if (isPlan && result.actions.length === 0) expect(result.warnings.length + result.world!.resources.length).toBeGreaterThan(0);
    });
  }

  for (const name of readdirSync(INFRACOST).filter((f) => f.endsWith('.json'))) {
    it(`reads infracost/${name} with real AWS types`, () => {
      const result = readTerraformPlan(read(INFRACOST + name), name);
      expect(result.actions.length).toBeGreaterThan(0);
      expect(result.actions.every((a) => a.target.type.startsWith('aws_') && a.tool === 'terraform')).toBe(true);
    });
  }

  it('rejects invalid/plan.json with the line and column of the syntax error', () => {
    const error = catchError(() => readTerraformPlan(read(`${TERRAFORM_JSON}invalid/plan.json`), 'invalid/plan.json'));
    expect(error.file).toBe('invalid/plan.json');
    expect(error.location).toBe('line 676, column 29');
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('rejects invalid/state.json with the line and column of the syntax error', () => {
    const error = catchError(() => readTerraformState(read(`${TERRAFORM_JSON}invalid/state.json`), 'invalid/state.json'));
    expect(error.location).toBe('line 12, column 28');
  });
});

export function catchError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}
