import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { catchError } from './fixtures.test.js';
import { LOCAL, read, TERRAFORM_JSON } from './helpers.js';

const edgeCases = read(`${LOCAL}edge-cases.plan.json`);

function withPlan(edit: (plan: any) => void): string {
  const plan = JSON.parse(edgeCases);
  edit(plan);
  return JSON.stringify(plan, null, 2);
}

describe('bad plan input', () => {
  it('truncated JSON reports the line and column where it stops', () => {
    const text = read(`${TERRAFORM_JSON}action_reason/plan.json`);
    const error = catchError(() => readTerraformPlan(text.slice(0, 500), 'cut.json'));
    expect(error.file).toBe('cut.json');
    expect(error.location).toBe('line 1, column 501');
    const multiline = catchError(() => readTerraformPlan('{\n  "format_version": "1.2",\n  "resource_changes": [\n', 'cut2.json'));
    expect(multiline.location).toBe('line 4, column 1');
    const typo = catchError(() => readTerraformPlan('{\n  "format_version": "1.2",,\n}', 'typo.json'));
    expect(typo.location).toBe('line 2, column 27');
  });

  it('an unsupported major format_version is rejected with the version', () => {
    const error = catchError(() => readTerraformPlan(withPlan((p) => (p.format_version = '2.0')), 'v2.json'));
    expect(error.message).toMatch(/"2\.0" is not supported/);
    expect(error.location).toBe('format_version');
    expect(readTerraformPlan(withPlan((p) => (p.format_version = '1.99')), 'v1.json').actions.length).toBeGreaterThan(0);
    expect(catchError(() => readTerraformPlan(withPlan((p) => (p.format_version = 1.2)), 'num.json')).location).toBe('format_version');
  });

  it('empty files, whitespace and binary garbage', () => {
    expect(catchError(() => readTerraformPlan('', 'empty.json')).message).toMatch(/empty/);
    expect(catchError(() => readTerraformPlan(' \n\t', 'blank.json')).message).toMatch(/empty/);
    const garbage = String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(catchError(() => readTerraformPlan(garbage, 'image.png')).location).toBe('line 1, column 1');
  });

  it('JSON that is not a plan', () => {
    expect(catchError(() => readTerraformPlan('[]', 'a.json')).message).toMatch(/expected an object/);
    expect(catchError(() => readTerraformPlan('{}', 'b.json')).message).toMatch(/missing format_version/);
    expect(catchError(() => readTerraformPlan('{"format_version":"1.0","foo":1}', 'c.json')).message).toMatch(/not a Terraform plan/);
    expect(catchError(() => readTerraformPlan('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}', 'cfn.json')).message).toMatch(/missing format_version/);
  });

  it('shape errors name the JSON path', () => {
    const cases: [(p: any) => void, string][] = [
      [(p) => (p.resource_changes = {}), 'resource_changes'],
      [(p) => (p.resource_changes[3] = 'delete'), 'resource_changes[3]'],
      [(p) => (p.resource_changes[3].change.actions = 'delete'), 'resource_changes[3].change.actions'],
      [(p) => (p.resource_changes[3].change.actions = []), 'resource_changes[3].change.actions'],
      [(p) => (p.resource_changes[3].change.actions = ['delete', 7]), 'resource_changes[3].change.actions[1]'],
      [(p) => delete p.resource_changes[1].address, 'resource_changes[1].address'],
      [(p) => delete p.resource_changes[1].change, 'resource_changes[1].change'],
      [(p) => (p.resource_changes[0].change.before = 'x'), 'resource_changes[0].change.before'],
      [(p) => (p.resource_changes[0].change.replace_paths = [[{}]]), 'resource_changes[0].change.replace_paths[0][0]'],
      [(p) => (p.prior_state.values.root_module.resources[1].type = 5), 'prior_state.values.root_module.resources[1].type'],
      [(p) => (p.prior_state.values.root_module.child_modules = [3]), 'prior_state.values.root_module.child_modules[0]'],
      // Field paths spelt only on failure (ShapeChecker's field argument): each still names its field.
      [(p) => (p.resource_changes[2].type = ['aws_s3_bucket']), 'resource_changes[2].type'],
      [(p) => (p.resource_changes[2].change.after = 3), 'resource_changes[2].change.after'],
      [(p) => (p.resource_changes[2].previous_address = 4), 'resource_changes[2].previous_address'],
      [(p) => (p.resource_changes[2].deposed = {}), 'resource_changes[2].deposed'],
      [(p) => (p.resource_changes[2].action_reason = 1), 'resource_changes[2].action_reason'],
      [(p) => (p.prior_state.values.root_module.resources[1].name = null), 'prior_state.values.root_module.resources[1].name'],
      [(p) => (p.prior_state.values.root_module.resources[1].index = {}), 'prior_state.values.root_module.resources[1].index'],
      [(p) => (p.prior_state.values.root_module.resources[1].deposed_key = 2), 'prior_state.values.root_module.resources[1].deposed_key'],
      [(p) => (p.prior_state.values.root_module.resources[1].values = 'x'), 'prior_state.values.root_module.resources[1].values'],
      [(p) => (p.prior_state.values.root_module.resources[1].depends_on = ['aws_vpc.main', 9]), 'prior_state.values.root_module.resources[1].depends_on[1]'],
      [(p) => (p.configuration.root_module.resources = {}), 'configuration.root_module.resources'],
    ];
    for (const [edit, location] of cases) {
      const error = catchError(() => readTerraformPlan(withPlan(edit), 'bad.json'));
      expect(error.location, location).toBe(location);
      expect(error.file).toBe('bad.json');
    }
  });

  it('an unknown action list becomes an unknown operation, not a pass', () => {
    const result = readTerraformPlan(withPlan((p) => (p.resource_changes[4].change.actions = ['transmogrify'])), 'new.json');
    const action = result.actions.find((a) => a.target.id === 'aws_lb.front')!;
    expect(action.operation).toBe('unknown');
    expect(action.evidence[0].message).toMatch(/transmogrify/);
  });

  it('errored and incomplete plans are refused, naming the field (exit 3, never a pass with a warning)', () => {
    expect(catchError(() => readTerraformPlan(withPlan((p) => Object.assign(p, { errored: true, complete: false })), 'err.json')).location).toBe('errored');
    expect(catchError(() => readTerraformPlan(withPlan((p) => Object.assign(p, { errored: false, complete: false })), 'defer.json')).location).toBe('complete');
    expect(() => readTerraformPlan(withPlan((p) => Object.assign(p, { errored: false, complete: true })), 'ok.json')).not.toThrow();
  });

  it('unreadable drift is shown as best it can be and never refuses the plan', () => {
    const result = readTerraformPlan(withPlan((p) => (p.resource_drift[0].change.actions = null)), 'drift.json');
    expect(result.warnings.join('\n')).toMatch(/resource_drift entry could not be read/);
    expect(result.actions.length).toBeGreaterThan(0);
  });
});
