import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/judge/evaluate.js';
import { loadPolicy } from '../../src/judge/policy.js';
import { action, blastOf, dev, input, prod, unknownEnv } from './helpers.js';

const policy = loadPolicy(resolve('examples/policies/teams-today.yaml'));
const judge = (...args: Parameters<typeof input>) => evaluate(input(...args), policy);

describe('teams-today policy, translated', () => {
  it('destructive_actions: a production delete is blocked, whatever the tool calls it', () => {
    const r = judge([action({ ...prod, operation: 'delete', verb: 'terminate-instances' })]);
    expect(r.verdict).toBe('block');
    expect(r.reasons.map((x) => x.rule)).toEqual(expect.arrayContaining(['destructive-production', 'destructive-pattern-production']));
    const plan = judge([action({ ...prod, operation: 'replace', verb: '["delete","create"]', tool: 'terraform' })]);
    expect(plan.verdict).toBe('block');
  });

  it('destructive_actions: the regex still catches a destructive verb we could not classify', () => {
    const r = judge([action({ ...prod, operation: 'unknown', verb: 'TRUNCATE', tool: 'sql', target: { type: 'sql:table', id: 'orders' } })]);
    expect(r.verdict).toBe('block');
    expect(r.reasons[0].rule).toBe('destructive-pattern-production');
    expect(r.reasons[0].message).toMatch(/"TRUNCATE" looks destructive and the target is production/);
  });

  it('destructive_actions: a read whose target merely contains "drop" passes (the original blocked it)', () => {
    const r = judge([action({ ...prod, verb: 'ls', source: { kind: 'shell', command: 'aws s3 ls s3://drop-zone' }, target: { type: 'AWS::S3::Bucket', id: 'drop-zone' } })]);
    expect(r.verdict).toBe('pass');
  });

  it('destructive_actions scope production includes environments we cannot place', () => {
    expect(judge([action({ ...unknownEnv, operation: 'delete' })]).verdict).toBe('block');
  });

  it('allowed_operations: reads pass and reversible in-place updates pass, logged', () => {
    expect(judge([action({ ...prod })]).verdict).toBe('pass');
    const r = judge([action({ ...prod, operation: 'update', verb: 'update-service' })]);
    expect(r.verdict).toBe('pass');
    expect(r.reasons[0]).toMatchObject({ rule: 'production-minor-update', decision: 'pass' });
  });

  it('allowed_operations: an update that cannot be shown reversible, or that loses data, needs approval', () => {
    expect(judge([action({ ...prod, operation: 'update', reversibility: 'unknown' })]).verdict).toBe('escalate');
    expect(judge([action({ ...prod, operation: 'update', dataLoss: true, reversibility: 'recoverable' })]).verdict).toBe('escalate');
  });

  it('operations not in allowed_operations fall to the default: escalate', () => {
    const r = judge([action({ ...prod, operation: 'permissions' })]);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0].rule).toBe('default');
  });

  it('max_cost_impact_usd is not computable: production creates escalate and say why', () => {
    const r = judge([action({ ...prod, operation: 'create', target: { type: 'AWS::RDS::DBCluster', id: 'big' } })]);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0].message).toMatch(/cannot price this change/);
  });

  it('blocked_operations: create_environment, delete_environment, bulk_modify', () => {
    expect(judge([action({ ...prod, operation: 'create', scope: 'environment' })]).reasons[0].rule).toBe('production-create-environment');
    expect(judge([action({ ...prod, operation: 'delete', scope: 'environment', verb: 'delete-stack' })]).verdict).toBe('block');
    const bulk = judge([action({ ...prod, operation: 'update', scope: 'unknown', verb: 'label' })]);
    expect(bulk.verdict).toBe('block');
    expect(bulk.reasons[0].rule).toBe('production-bulk-modify');
  });

  it('change_magnitude: more than 5 resources affected needs approval, anywhere', () => {
    const r = evaluate(input([action({ ...dev, operation: 'update' })], { blastRadius: blastOf(Array(6).fill({ environment: 'dev' })) }), policy);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0].message).toMatch(/6 resources affected, the limit is 5/);
    expect(evaluate(input([action({ ...dev, operation: 'update' })], { blastRadius: blastOf(Array(5).fill({})) }), policy).verdict).toBe('pass');
  });

  it('outside production the original had no rules: destructive changes pass, logged', () => {
    const r = judge([action({ ...dev, operation: 'delete', reversibility: 'irreversible' })]);
    expect(r.verdict).toBe('pass');
    expect(r.reasons[0]).toMatchObject({ rule: 'non-production-unrestricted', decision: 'pass' });
  });
});
