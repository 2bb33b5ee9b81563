import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/judge/evaluate.js';
import { loadPolicy, parsePolicy } from '../../src/judge/policy.js';
import { action, dev, input } from './helpers.js';

const staging = action({ ...dev, operation: 'delete', verb: 'delete-vpc', target: { type: 'AWS::EC2::VPC', id: 'vpc-1' }, reversibility: 'recoverable' });

describe('sandbox criteria in the default policy', () => {
  it('escalates a change whose replayed call failed half way in the twin', () => {
    const sandbox = {
      status: 'ok' as const,
      errors: [{ actionId: 'a1', call: 'aws ec2 delete-vpc --vpc-id vpc-1', code: 'DependencyViolation', message: 'has dependencies', engine: 'localstack' }],
    };
    const result = evaluate(input([staging], { sandbox }), loadPolicy());
    expect(result.verdict).toBe('escalate');
    const reason = result.reasons.find((r) => r.rule === 'sandbox-partial-failure');
    expect(reason?.message).toMatch(/DependencyViolation/);
    expect(reason?.message).toMatch(/half way/);
  });

  it('passes the same reversible staging change when the twin replayed it cleanly', () => {
    const result = evaluate(input([staging], { sandbox: { status: 'ok', errors: [] } as never }), loadPolicy());
    expect(result.verdict).toBe('pass');
  });

  it('rejects a sandbox criterion with neither status nor failedCalls', () => {
    const yaml = 'version: 1\ndefault: escalate\nrules:\n  - id: x\n    description: d\n    match: {sandbox: {}}\n    decision: escalate\n';
    expect(() => parsePolicy(yaml, 'p.yaml')).toThrow(/status or failedCalls/);
  });
});
