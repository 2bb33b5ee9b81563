import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readTerraformPlan, terraformPlanToIntake } from '../../src/intake/terraform/plan.js';
import { readTerraformState, terraformStateToIntake } from '../../src/intake/terraform/state.js';
import type { IntakeResult } from '../../src/intake/types.js';
import { LOCAL, read, TERRAFORM_JSON } from './helpers.js';

const plans = [`${LOCAL}edge-cases.plan.json`, `${TERRAFORM_JSON}110_basic/plan.json`, `${TERRAFORM_JSON}013_module_depends_on/plan.json`].map(read);
const states = [`${LOCAL}terraform.tfstate`, `${TERRAFORM_JSON}has_checks/state.json`].map(read);

/** The run either gives a result or an InputError naming the file; anything else fails. */
function resultOrInputError(run: () => IntakeResult): IntakeResult | InputError {
  try {
    return run();
  } catch (e) {
    if (e instanceof InputError) {
      expect(e.file).toBe('fuzz.json');
      expect(e.location).toBeTruthy();
      return e;
    }
    throw e;
  }
}

/** Sets a value at a random place of a JSON tree (chosen by the path of indices). */
function mutate(tree: unknown, choices: number[], replacement: unknown): unknown {
  if (choices.length === 0 || tree === null || typeof tree !== 'object') return replacement;
  const keys = Object.keys(tree);
  if (keys.length === 0) return replacement;
  const key = keys[choices[0] % keys.length];
  const copy: any = Array.isArray(tree) ? [...tree] : { ...tree };
  copy[key] = mutate(copy[key], choices.slice(1), replacement);
  return copy;
}

describe('fuzz: the Terraform readers never crash and never pass garbage', () => {
  it('random text is rejected with an InputError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.uint8Array().map((b) => Buffer.from(b).toString('latin1'))), (text) => {
        expect(resultOrInputError(() => readTerraformPlan(text, 'fuzz.json'))).toBeInstanceOf(InputError);
        expect(resultOrInputError(() => readTerraformState(text, 'fuzz.json'))).toBeInstanceOf(InputError);
      }),
      { numRuns: 400 },
    );
  });

  it('random JSON values are rejected unless they look like a plan', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const outcome = resultOrInputError(() => terraformPlanToIntake(value, 'fuzz.json'));
        if (!(outcome instanceof InputError)) expect(value).toHaveProperty('format_version');
        resultOrInputError(() => terraformStateToIntake(value, 'fuzz.json'));
      }),
      { numRuns: 400 },
    );
  });

  it('truncated real plans and states are rejected with a line and column', () => {
    fc.assert(
      fc.property(fc.nat(plans.length + states.length - 1), fc.double({ min: 0, max: 0.999, noNaN: true }), (which, fraction) => {
        const isPlan = which < plans.length;
        const text = isPlan ? plans[which] : states[which - plans.length];
        const cut = text.slice(0, Math.floor(text.trimEnd().length * fraction));
        const outcome = resultOrInputError(() => (isPlan ? readTerraformPlan(cut, 'fuzz.json') : readTerraformState(cut, 'fuzz.json')));
        expect(outcome).toBeInstanceOf(InputError);
        expect((outcome as InputError).location).toMatch(/^line \d+, column \d+$/);
      }),
      { numRuns: 300 },
    );
  });

  it('real plans with a random part replaced by random JSON give a result or a located InputError', () => {
    const parsed = plans.map((p) => JSON.parse(p));
    fc.assert(
      fc.property(fc.nat(parsed.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), (which, choices, replacement) => {
        const outcome = resultOrInputError(() => terraformPlanToIntake(mutate(parsed[which], choices, replacement), 'fuzz.json'));
        if (!(outcome instanceof InputError)) {
          expect(Array.isArray(outcome.actions)).toBe(true);
          for (const action of outcome.actions) expect(['create', 'update', 'replace', 'delete', 'unknown']).toContain(action.operation);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('real states with a random part replaced by random JSON give a result or a located InputError', () => {
    const parsed = states.map((s) => JSON.parse(s));
    fc.assert(
      fc.property(fc.nat(parsed.length - 1), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), (which, choices, replacement) => {
        resultOrInputError(() => terraformStateToIntake(mutate(parsed[which], choices, replacement), 'fuzz.json'));
      }),
      { numRuns: 300 },
    );
  });

  it('odd addresses and references do not crash the world builder', () => {
    const base = JSON.parse(plans[0]);
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { maxLength: 5 }), (address, references) => {
        const plan = structuredClone(base);
        plan.prior_state.values.root_module.child_modules[0].address = address;
        plan.configuration.root_module.resources[2].expressions.subnet_id.references = references;
        plan.prior_state.values.root_module.resources[1].depends_on = references;
        resultOrInputError(() => terraformPlanToIntake(plan, 'fuzz.json'));
      }),
      { numRuns: 300 },
    );
  });
});
