import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/judge/evaluate.js';
import { parsePolicy } from '../../src/judge/policy.js';
import { action, blastOf, dev, input, prod } from './helpers.js';

const policy = (rules: string, extra = '') => parsePolicy(`version: 1\n${extra}rules:\n${rules}`, 'p.yaml');

describe('evaluate mechanics', () => {
  it('the worst matching rule decides, independent of rule order', () => {
    const a = policy('  - {id: ok, description: d, match: {}, decision: pass}\n  - {id: no, description: d, match: {operation: delete}, decision: block}\n');
    const b = policy('  - {id: no, description: d, match: {operation: delete}, decision: block}\n  - {id: ok, description: d, match: {}, decision: pass}\n');
    for (const p of [a, b]) {
      expect(evaluate(input([action({ operation: 'delete' })]), p).verdict).toBe('block');
      expect(evaluate(input([action({ operation: 'update' })]), p).verdict).toBe('pass');
    }
  });

  it('an action no rule matches gets the default, which can be block', () => {
    const p = policy('  - {id: ok, description: d, match: {operation: read}, decision: pass}\n', 'default: block\n');
    const r = evaluate(input([action({ operation: 'update' })]), p);
    expect(r).toMatchObject({ verdict: 'block', reasons: [{ rule: 'default', decision: 'block', actionId: 'a1' }] });
  });

  it('an empty policy escalates everything', () => {
    expect(evaluate(input([action()]), parsePolicy('version: 1\nrules: []\n', 'p.yaml')).verdict).toBe('escalate');
  });

  it('criteria are AND-ed and list values OR-ed', () => {
    const p = policy('  - {id: r, description: d, match: {operation: [delete, replace], resourceType: ["AWS::RDS::*", "aws_db_*"]}, decision: block}\n  - {id: ok, description: d, match: {}, decision: pass}\n');
    const rds = { type: 'AWS::RDS::DBInstance', id: 'db' };
    expect(evaluate(input([action({ operation: 'replace', target: rds })]), p).verdict).toBe('block');
    expect(evaluate(input([action({ operation: 'delete', target: { type: 'aws_db_instance', id: 'x' } })]), p).verdict).toBe('block');
    expect(evaluate(input([action({ operation: 'delete', target: { type: 'AWS::S3::Bucket', id: 'b' } })]), p).verdict).toBe('pass');
    expect(evaluate(input([action({ operation: 'update', target: rds })]), p).verdict).toBe('pass');
  });

  it('resourceType also matches the Terraform type of a target whose type is the CloudFormation one', () => {
    const p = policy('  - {id: r, description: d, match: {resourceType: "aws_db_*"}, decision: block}\n');
    expect(evaluate(input([action({ target: { type: 'AWS::RDS::DBInstance', id: 'db', terraformType: 'aws_db_instance' } })]), p).verdict).toBe('block');
  });

  it('environment specials and names', () => {
    const p = (env: string) => policy(`  - {id: r, description: d, match: {environment: ${env}}, decision: block}\n  - {id: ok, description: d, match: {}, decision: pass}\n`);
    expect(evaluate(input([action({ ...prod })]), p('production')).verdict).toBe('block');
    expect(evaluate(input([action({ ...dev })]), p('production')).verdict).toBe('pass');
    expect(evaluate(input([action({ ...dev })]), p('non-production')).verdict).toBe('block');
    expect(evaluate(input([action({ ...dev })]), p('"d*"')).verdict).toBe('block');
    expect(evaluate(input([action({ ...prod })]), p('unknown')).verdict).toBe('pass');
    expect(evaluate(input([action({ environment: 'unknown', environmentAssumed: true, production: true })]), p('unknown')).verdict).toBe('block');
  });

  it('pattern searches verb, command and target but not attributes; detailPattern also attributes and evidence', () => {
    const p = policy('  - {id: r, description: d, match: {pattern: "secret"}, decision: block}\n  - {id: s, description: d, match: {detailPattern: "0\\\\.0\\\\.0\\\\.0/0"}, decision: escalate}\n  - {id: ok, description: d, match: {}, decision: pass}\n');
    expect(evaluate(input([action({ target: { type: 'x', id: 'my-SECRET' } })]), p).verdict).toBe('block');
    expect(evaluate(input([action({ after: { note: 'secret' } })]), p).verdict).toBe('pass');
    expect(evaluate(input([action({ after: { ingress: [{ cidr_blocks: ['0.0.0.0/0'] }] } })]), p).verdict).toBe('escalate');
    expect(evaluate(input([action({ evidence: [{ kind: 'command', message: 'opens to the world', key: '--cidr', value: '0.0.0.0/0' }] })]), p).verdict).toBe('escalate');
  });

  it('freeze, stateful, dataLoss, scope, tool and environmentAssumed criteria', () => {
    const rule = (m: string) => policy(`  - {id: r, description: d, match: {${m}}, decision: block}\n  - {id: ok, description: d, match: {}, decision: pass}\n`);
    expect(evaluate(input([action({ freeze: 'f' })]), rule('freeze: true')).verdict).toBe('block');
    expect(evaluate(input([action()]), rule('freeze: true')).verdict).toBe('pass');
    expect(evaluate(input([action()]), rule('freeze: false')).verdict).toBe('block');
    expect(evaluate(input([action({ stateful: true })]), rule('stateful: true')).verdict).toBe('block');
    expect(evaluate(input([action({ dataLoss: false })]), rule('dataLoss: true')).verdict).toBe('pass');
    expect(evaluate(input([action({ scope: 'environment' })]), rule('scope: environment')).verdict).toBe('block');
    expect(evaluate(input([action({ tool: 'kubectl' })]), rule('tool: [kube*, helm]')).verdict).toBe('block');
    expect(evaluate(input([action({ tool: 'aws' })]), rule('tool: [kube*, helm]')).verdict).toBe('pass');
    expect(evaluate(input([action({ environmentAssumed: true })]), rule('environmentAssumed: true')).verdict).toBe('block');
  });

  it('autonomy never matches when the input does not say', () => {
    const p = policy('  - {id: r, description: d, match: {autonomy: unattended}, decision: block}\n  - {id: ok, description: d, match: {}, decision: pass}\n');
    expect(evaluate(input([action()]), p).verdict).toBe('pass');
    expect(evaluate({ ...input([action()]), autonomy: 'unattended' }, p).verdict).toBe('block');
  });

  it('plan rules apply once, with their template filled', () => {
    const p = policy(
      '  - {id: big, description: d, match: {blastRadius: {over: 1}}, decision: escalate, message: "{count} over {over} in {environment}"}\n  - {id: ok, description: d, match: {}, decision: pass}\n',
    );
    const r = evaluate(input([action(), action({ id: 'a2' })], { blastRadius: blastOf([{}, {}, {}]) }), p);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0].message).toMatch(/^3 resources in the blast radius, more than 1: r0 \(modified\).*\. 3 over 1 in all environments$/);
  });

  it('sandbox status rule', () => {
    const p = policy('  - {id: sb, description: d, match: {sandbox: {status: [error, partial]}}, decision: escalate}\n  - {id: ok, description: d, match: {}, decision: pass}\n');
    expect(evaluate(input([action()], { sandbox: { status: 'partial' } }), p).verdict).toBe('escalate');
    expect(evaluate(input([action()], { sandbox: { status: 'ok' } }), p).verdict).toBe('pass');
  });

  it('pass reasons appear only for logged pass rules, and only when the action passes', () => {
    const p = policy(
      '  - {id: quiet, description: d, match: {}, decision: pass}\n  - {id: loud, description: d, match: {operation: update}, decision: pass, log: true}\n  - {id: no, description: d, match: {tool: rm}, decision: escalate}\n',
    );
    expect(evaluate(input([action({ operation: 'update' })]), p).reasons.map((r) => r.rule)).toEqual(['loud']);
    expect(evaluate(input([action({ operation: 'update', tool: 'rm' })]), p).reasons.map((r) => r.rule)).toEqual(['no']);
  });

  it('reasons are ordered block, escalate, pass', () => {
    const p = policy(
      '  - {id: e, description: d, match: {operation: update}, decision: escalate}\n  - {id: b, description: d, match: {operation: delete}, decision: block}\n  - {id: p, description: d, match: {operation: create}, decision: pass, log: true}\n',
    );
    const r = evaluate(input([action({ operation: 'create' }), action({ id: 'a2', operation: 'update' }), action({ id: 'a3', operation: 'delete' })]), p);
    expect(r.reasons.map((x) => x.decision)).toEqual(['block', 'escalate', 'pass']);
  });
});
