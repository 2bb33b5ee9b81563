// Accepting a risk: `extends: default` + owned, expiring exceptions that accept only what they name.
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../src/judge/evaluate.js';
import { loadPolicy, parsePolicy } from '../../src/judge/policy.js';
import type { RiskException } from '../../src/model.js';
import { action, blastOf, dev, input, prod } from './helpers.js';

const NOW = new Date('2026-12-05T12:00:00Z');

const legacyDbDelete = action({
  ...prod,
  id: 'a1',
  operation: 'delete',
  verb: 'delete',
  tool: 'terraform',
  target: { type: 'AWS::RDS::DBInstance', id: 'aws_db_instance.legacy_reports', address: 'aws_db_instance.legacy_reports', names: ['legacy-reports'] },
  stateful: true,
  dataLoss: true,
  reversibility: 'irreversible',
});
const ordersDbDelete = action({ ...legacyDbDelete, id: 'a2', target: { type: 'AWS::RDS::DBInstance', id: 'aws_db_instance.orders', address: 'aws_db_instance.orders', names: ['orders'] } });
const stagingQueueDelete = action({ ...dev, environment: 'staging', id: 'a3', operation: 'delete', verb: 'delete', target: { type: 'AWS::SQS::Queue', id: 'aws_sqs_queue.jobs' }, reversibility: 'irreversible', stateful: true, dataLoss: true });

function policyText(exceptions: string, extra = ''): string {
  return `version: 1\nextends: default\n${extra}exceptions:\n${exceptions}`;
}

const LEGACY = `  - rule: production-data-loss
    target: "aws_db_instance.legacy_*"
    environment: prod
    owner: "@data-platform"
    reason: "legacy reporting DB, final snapshot taken 2026-11-30 (snap-0abc)"
    expires: "2027-01-31"
  - rule: production-irreversible
    target: "aws_db_instance.legacy_*"
    owner: "@data-platform"
    reason: "same decommissioning"
    expires: "2027-01-31"
  - rule: production-delete
    target: "aws_db_instance.legacy_*"
    owner: "@data-platform"
    reason: "same decommissioning"
    expires: "2027-01-31"
`;

describe('extends: default', () => {
  it('keeps every shipped rule and adds the exceptions', () => {
    const policy = parsePolicy(policyText(LEGACY), 'p.yaml');
    expect(policy.rules.map((r) => r.id)).toEqual(loadPolicy().rules.map((r) => r.id));
    expect(policy.extends).toHaveLength(1);
    expect(policy.exceptions).toHaveLength(3);
    expect(policy.exceptions![0].source).toEqual({ kind: 'policy', file: 'p.yaml', line: 4 });
  });

  it('an own rule with a shipped id replaces it; a new id is added', () => {
    const policy = parsePolicy(
      'version: 1\nextends: default\nrules:\n  - id: production-change\n    description: x\n    match: {environment: production, operation: create}\n    decision: pass\n  - id: extra\n    description: y\n    match: {tool: helm}\n    decision: escalate\n',
      'p.yaml',
    );
    expect(policy.rules.find((r) => r.id === 'production-change')?.decision).toBe('pass');
    expect(policy.rules.at(-1)?.id).toBe('extra');
  });
});

describe('an exception accepts only what it names, until it expires', () => {
  const policy = parsePolicy(policyText(LEGACY), 'p.yaml');

  it('the legacy database delete passes, and the report lists what was accepted, with the exception', () => {
    const result = evaluate(input([legacyDbDelete], { now: NOW }), policy);
    expect(result.verdict).toBe('pass');
    expect(result.accepted.map((a) => a.rule).sort()).toEqual(['production-data-loss', 'production-delete', 'production-irreversible']);
    expect(result.accepted[0].exception).toMatchObject({ owner: '@data-platform', expires: '2027-01-31', source: { kind: 'policy' } });
    expect(result.accepted.find((a) => a.rule === 'production-data-loss')?.decision).toBe('block');
  });

  it('the orders database is not named: still blocked', () => {
    const result = evaluate(input([legacyDbDelete, ordersDbDelete], { now: NOW }), policy);
    expect(result.verdict).toBe('block');
    expect(result.reasons.filter((r) => r.decision === 'block').every((r) => r.resource === 'aws_db_instance.orders')).toBe(true);
  });

  it('a rule it does not name still applies (the freeze, the unattended rule)', () => {
    const frozen = action({ ...legacyDbDelete, freeze: 'year-end' });
    const result = evaluate(input([frozen], { now: NOW }), policy);
    expect(result.verdict).toBe('block');
    expect(result.reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['freeze-destructive']));
  });

  it('an exception limited to prod does not accept the same address in another environment', () => {
    const elsewhere = action({ ...legacyDbDelete, environment: 'prod-eu', production: true });
    const result = evaluate(input([elsewhere], { now: NOW }), policy);
    expect(result.reasons.some((r) => r.rule === 'production-data-loss' && r.decision === 'block')).toBe(true);
  });

  it('after it expires it stops applying, and says so', () => {
    const later = new Date('2027-02-01T00:00:00Z');
    const result = evaluate(input([legacyDbDelete], { now: later }), policy);
    expect(result.verdict).toBe('block');
    expect(result.accepted).toEqual([]);
    expect(result.expired.join('\n')).toMatch(/expired on 2027-01-31/);
    expect(result.reasons.find((r) => r.rule === 'production-data-loss')?.message).toMatch(/expired on 2027-01-31 and no longer applies/);
  });

  it('the expiry day itself still counts (a date means the end of that day)', () => {
    const result = evaluate(input([legacyDbDelete], { now: new Date('2027-01-31T23:59:00Z') }), policy);
    expect(result.verdict).toBe('pass');
  });

  it('a glob that names everything is still only for its rule', () => {
    const broad = parsePolicy(policyText('  - rule: production-delete\n    target: "*"\n    owner: me\n    reason: r\n    expires: "2027-01-01"\n'), 'p.yaml');
    const result = evaluate(input([legacyDbDelete], { now: NOW }), broad);
    expect(result.verdict).toBe('block');
    expect(result.accepted.map((a) => a.rule)).toEqual(['production-delete']);
  });
});

describe('blocks can be accepted only by an owned exception in the policy', () => {
  const inline: RiskException = {
    rule: 'production-data-loss',
    target: 'aws_db_instance.legacy_*',
    owner: 'inline',
    reason: 'r',
    expires: '2027-01-01',
    source: { kind: 'inline', file: 'main.tf', line: 3 },
  };

  it('an inline accept of a block does not apply, and the reason says why', () => {
    const result = evaluate(input([legacyDbDelete], { now: NOW, exceptions: [inline] }), loadPolicy());
    expect(result.verdict).toBe('block');
    expect(result.reasons.find((r) => r.rule === 'production-data-loss')?.message).toMatch(/a block can be accepted only by an owned exception in the policy/);
  });

  it('an inline accept of an escalation applies', () => {
    const queue = action({ ...prod, operation: 'update', target: { type: 'AWS::SQS::Queue', id: 'aws_sqs_queue.jobs' } });
    const result = evaluate(input([queue], { now: NOW, exceptions: [{ ...inline, rule: 'production-change', target: 'aws_sqs_queue.*' }] }), loadPolicy());
    expect(result.verdict).toBe('pass');
    expect(result.accepted[0].exception.source.kind).toBe('inline');
  });
});

describe('plan-level findings', () => {
  const many = blastOf(Array.from({ length: 7 }, (_, i) => ({ id: `aws_instance.web[${i}]`, environment: 'prod', impact: 'modified' as const })));
  const update = action({ ...prod, operation: 'update' });

  it('a blast-radius exception must cover every resource counted', () => {
    const web = parsePolicy(
      policyText(
        '  - rule: production-blast-radius\n    target: "aws_instance.web*"\n    owner: me\n    reason: rolling restart\n    expires: "2027-01-01"\n  - rule: production-change\n    target: "*"\n    owner: me\n    reason: r\n    expires: "2027-01-01"\n',
      ),
      'p.yaml',
    );
    expect(evaluate(input([update], { now: NOW, blastRadius: many }), web).verdict).toBe('pass');
    const mixed = blastOf([...many.resources, { id: 'aws_db_instance.main', environment: 'prod' }]);
    const result = evaluate(input([update], { now: NOW, blastRadius: mixed }), web);
    expect(result.verdict).toBe('escalate');
    expect(result.reasons.map((r) => r.rule)).toContain('production-blast-radius');
  });
});

describe('bad exceptions are bad input, with the line', () => {
  const cases: [string, RegExp][] = [
    ['  - rule: production-delete\n    target: "*"\n    reason: r\n    expires: "2027-01-01"\n', /owner/],
    ['  - rule: production-delete\n    target: "*"\n    owner: me\n    expires: "2027-01-01"\n', /reason/],
    ['  - rule: production-delete\n    target: "*"\n    owner: me\n    reason: r\n', /expires/],
    ['  - rule: production-delete\n    target: "*"\n    owner: me\n    reason: r\n    expires: "next week"\n', /not an ISO 8601 date/],
    ['  - rule: production-dlete\n    target: "*"\n    owner: me\n    reason: r\n    expires: "2027-01-01"\n', /no rule "production-dlete".*did you mean "production-delete"/],
  ];
  it.each(cases)('%#', (exceptions, message) => {
    expect(() => parsePolicy(policyText(exceptions), 'p.yaml')).toThrow(message);
  });

  it('extends a file relative to the policy, and refuses a loop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-extends-'));
    await writeFile(join(dir, 'base.yaml'), 'version: 1\nextends: default\nrules:\n  - id: extra\n    description: d\n    match: {tool: helm}\n    decision: block\n');
    await writeFile(join(dir, 'team.yaml'), 'version: 1\nextends: base.yaml\n');
    const policy = loadPolicy(join(dir, 'team.yaml'));
    expect(policy.rules.some((r) => r.id === 'extra')).toBe(true);
    expect(policy.extends).toHaveLength(2);
    await writeFile(join(dir, 'loop.yaml'), 'version: 1\nextends: loop.yaml\n');
    expect(() => loadPolicy(join(dir, 'loop.yaml'))).toThrow(/nested more than/);
  });
});

describe('the default rule and staging', () => {
  it('accepting `default` covers an action no rule matched', () => {
    const odd = action({ ...dev, operation: 'update', reversibility: 'unknown' });
    const policy = parsePolicy(policyText('  - rule: default\n    target: "*"\n    environment: non-production\n    owner: me\n    reason: r\n    expires: "2027-01-01"\n'), 'p.yaml');
    expect(evaluate(input([odd], { now: NOW }), loadPolicy()).verdict).toBe('escalate');
    expect(evaluate(input([odd], { now: NOW }), policy).verdict).toBe('pass');
  });

  it('routine staging work is untouched by exceptions for prod', () => {
    const policy = parsePolicy(policyText(LEGACY), 'p.yaml');
    const result = evaluate(input([stagingQueueDelete], { now: NOW, environments: { staging: { production: false } } }), policy);
    expect(result.accepted).toEqual([]);
  });
});
