import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { InputError } from '../../src/errors.js';
import { loadPolicy, parsePolicy } from '../../src/judge/policy.js';
import { policyWarnings } from '../../src/judge/policy-check.js';

function policyError(text: string): InputError {
  try {
    parsePolicy(text, 'policy.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

const head = 'version: 1\nrules:\n';

describe('policy loading', () => {
  it('the shipped default loads without a file argument and escalates by default', () => {
    const p = loadPolicy();
    expect(p.default).toBe('escalate');
    expect(p.rules.length).toBeGreaterThan(10);
    expect(p.file).toMatch(/policies[/\\]default\.yaml$/);
  });

  it('single values are read as one-item lists', () => {
    const p = parsePolicy(`${head}  - {id: r, description: d, match: {operation: delete, environment: prod}, decision: block}\n`, 'p.yaml');
    expect(p.rules[0].match).toEqual({ operation: ['delete'], environment: ['prod'] });
    expect(p.default).toBe('escalate');
  });

  it('a missing policy file is an InputError', () => {
    expect(() => loadPolicy('/nonexistent/policy.yaml')).toThrow(/policy file not found/);
  });

  it('loads a policy from a file path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-policy-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `${head}  - {id: r, description: d, match: {}, decision: pass}\n`);
    expect(loadPolicy(file).rules[0].id).toBe('r');
  });
});

describe('policy errors', () => {
  it('default: pass is refused', () => {
    const e = policyError('version: 1\ndefault: pass\nrules: []\n');
    expect(e.message).toMatch(/^default: default must be escalate or block/);
    expect(e.location).toBe('line 2, column 10');
  });

  it('an unknown operation names the rule index and the position', () => {
    const e = policyError(`${head}  - id: r\n    description: d\n    match:\n      operation: [read, destroy]\n    decision: block\n`);
    expect(e.message).toMatch(/^rules\[0\]\.match\.operation\[1\]: Invalid option/);
    expect(e.location).toBe('line 6, column 25');
  });

  it('a scalar value is reported at the scalar, not at a made-up [0]', () => {
    const e = policyError(`${head}  - id: r\n    description: d\n    match: {operation: destroy}\n    decision: block\n`);
    expect(e.message).toMatch(/^rules\[0\]\.match\.operation: /);
    expect(e.location).toBe('line 5, column 24');
  });

  it('a misspelt criterion suggests the right one', () => {
    const e = policyError(`${head}  - id: r\n    description: d\n    match: {enviroment: prod}\n    decision: block\n`);
    expect(e.message).toMatch(/unknown key "enviroment" \(did you mean "environment"\?\)/);
    expect(e.location).toBe('line 5, column 13');
  });

  it('a bad decision, a bad regex, a duplicate id', () => {
    expect(policyError(`${head}  - {id: r, description: d, match: {}, decision: deny}\n`).message).toMatch(/^rules\[0\]\.decision: /);
    expect(policyError(`${head}  - {id: r, description: d, match: {pattern: "(unclosed"}, decision: block}\n`).message).toMatch(
      /^rules\[0\]\.match\.pattern: not a valid regular expression/,
    );
    const dup = policyError(`${head}  - {id: r, description: d, match: {}, decision: block}\n  - {id: r, description: d, match: {}, decision: block}\n`);
    expect(dup.message).toMatch(/^rules\[1\]\.id: duplicate rule id "r"/);
    expect(dup.location).toBe('line 4, column 10');
  });

  it('plan-level and action-level criteria cannot be mixed', () => {
    const e = policyError(`${head}  - {id: r, description: d, match: {blastRadius: {over: 3}, operation: delete}, decision: block}\n`);
    expect(e.message).toMatch(/^rules\[0\]\.match\.operation: a rule looks either at each action or at the whole plan/);
  });

  it('unknown message placeholders are refused with a suggestion', () => {
    const e = policyError(`${head}  - {id: r, description: d, match: {}, decision: block, message: "{taget} is bad"}\n`);
    expect(e.message).toMatch(/unknown placeholder \{taget\} \(did you mean "target"\?\)/);
    const plan = policyError(`${head}  - {id: r, description: d, match: {unknownScope: true}, decision: block, message: "{verb}"}\n`);
    expect(plan.message).toMatch(/unknown placeholder \{verb\}/);
  });

  it('log on a non-pass rule, a negative blast radius, unknownScope false', () => {
    expect(policyError(`${head}  - {id: r, description: d, match: {}, decision: block, log: true}\n`).message).toMatch(/log only applies to pass rules/);
    expect(policyError(`${head}  - {id: r, description: d, match: {blastRadius: {over: -1}}, decision: block}\n`).message).toMatch(
      /^rules\[0\]\.match\.blastRadius\.over: /,
    );
    expect(policyError(`${head}  - {id: r, description: d, match: {unknownScope: false}, decision: block}\n`).message).toMatch(/unknownScope can only be true/);
  });

  it('a missing description and a missing rules list', () => {
    expect(policyError(`${head}  - {id: r, match: {}, decision: block}\n`).message).toMatch(/^rules\[0\]\.description: missing required key/);
    expect(policyError('version: 1\n').message).toMatch(/^rules: missing required key/);
  });
});

describe('policyWarnings', () => {
  it('warns about environment names no environment has', () => {
    const config = parseConfig('version: 1\nenvironments: {prod: {production: true}, dev: {production: false}}\n', '/x/firebreak.yaml');
    const policy = parsePolicy(
      `${head}  - {id: a, description: d, match: {environment: [prd, production, "de*"]}, decision: block}\n  - {id: b, description: d, match: {blastRadius: {over: 1, environment: stage}}, decision: escalate}\n`,
      'p.yaml',
    );
    const warnings = policyWarnings(policy, config);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/rule a: environment "prd" matches no environment.*did you mean "prod"/);
    expect(warnings[1]).toMatch(/rule b: environment "stage"/);
  });
});
