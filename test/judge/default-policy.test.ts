import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/judge/evaluate.js';
import { loadPolicy } from '../../src/judge/policy.js';
import { action, blastOf, dev, input, prod, unknownEnv } from './helpers.js';

const policy = loadPolicy();

function judge(...args: Parameters<typeof input>) {
  return evaluate(input(...args), policy);
}

function rulesOf(result: ReturnType<typeof evaluate>) {
  return result.reasons.map((r) => r.rule);
}

describe('default policy: autonomous tier', () => {
  it('reads and lists pass anywhere, without noise', () => {
    const r = judge([action({ ...prod }), action({ id: 'a2', ...unknownEnv })]);
    expect(r.verdict).toBe('pass');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0].message).toMatch(/read-only/);
  });

  it('no actions at all: pass, saying nothing infrastructure-related was found', () => {
    const r = judge([]);
    expect(r.verdict).toBe('pass');
    expect(r.reasons[0].message).toMatch(/nothing infrastructure-related was found/);
  });
});

describe('default policy: supervised tier', () => {
  it('a reversible change outside production passes and is logged', () => {
    const r = judge([action({ ...dev, operation: 'update', verb: 'modify-instance-attribute' })]);
    expect(r.verdict).toBe('pass');
    expect(r.reasons).toEqual([
      expect.objectContaining({ rule: 'non-production-reversible', decision: 'pass', actionId: 'a1', resource: 'i-0abc' }),
    ]);
    expect(r.reasons[0].message).toMatch(/^a1 updates AWS::EC2::Instance i-0abc in dev: reversible\. Allowed outside production/);
  });

  it('an irreversible change outside production is not passed (policy default escalates)', () => {
    const r = judge([action({ ...dev, operation: 'delete', reversibility: 'irreversible', stateful: true, dataLoss: true })]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toEqual(['default']);
    expect(r.reasons[0].message).toMatch(/No rule in the policy covers this action/);
  });
});

describe('default policy: escalate tier', () => {
  it.each([
    ['create', 'production-change'],
    ['update', 'production-change'],
  ] as const)('a %s in production escalates', (operation, rule) => {
    const r = judge([action({ ...prod, operation })]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toContain(rule);
  });

  it('deleting a stateful production resource that keeps its data escalates', () => {
    const r = judge([
      action({ ...prod, operation: 'delete', target: { type: 'AWS::RDS::DBInstance', id: 'db' }, stateful: true, reversibility: 'recoverable' }),
    ]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toEqual(['production-delete']);
  });

  it('IAM changes in production escalate', () => {
    const r = judge([action({ ...prod, operation: 'permissions', verb: 'attach-role-policy', tool: 'aws', source: { kind: 'shell', command: 'aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess' } })]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toEqual(['production-permissions']);
  });

  it('more than 5 production resources in the blast radius escalates once for the plan', () => {
    const actions = [action({ ...dev, operation: 'update' })];
    const six = blastOf(Array.from({ length: 6 }, () => ({ environment: 'prod' })));
    const r = evaluate(input(actions, { blastRadius: six, environments: { prod: { production: true }, dev: { production: false } } }), policy);
    expect(r.verdict).toBe('escalate');
    const reason = r.reasons.find((x) => x.rule === 'production-blast-radius');
    expect(reason?.message).toMatch(/^6 resources in the blast radius in production, more than 5/);
    expect(r.reasons.filter((x) => x.rule === 'production-blast-radius')).toHaveLength(1);
  });

  it('5 production resources, or 6 in dev, stay under the limit', () => {
    const actions = [action({ ...dev, operation: 'update' })];
    const envs = { prod: { production: true }, dev: { production: false } };
    expect(evaluate(input(actions, { blastRadius: blastOf(Array(5).fill({ environment: 'prod' })), environments: envs }), policy).verdict).toBe('pass');
    expect(evaluate(input(actions, { blastRadius: blastOf(Array(6).fill({ environment: 'dev' })), environments: envs }), policy).verdict).toBe('pass');
  });

  it('blast-radius resources without an environment count as production (fail closed)', () => {
    const r = evaluate(input([action({ ...unknownEnv })], { blastRadius: blastOf(Array(6).fill({})) }), policy);
    expect(rulesOf(r)).toContain('production-blast-radius');
  });

  it('a write during a code freeze escalates, even outside production', () => {
    const r = judge([action({ ...dev, operation: 'update', freeze: 'release' })]);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0]).toMatchObject({ rule: 'freeze-write' });
    expect(r.reasons[0].message).toMatch(/during code freeze "release".*A code freeze \(release\) is in force for dev/);
  });

  it('an unknown operation escalates', () => {
    const r = judge([action({ ...dev, operation: 'unknown', verb: 'frobnicate' })]);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0].message).toMatch(/a1 runs "frobnicate" on/);
  });

  it('a reversible write in an unknown environment escalates', () => {
    const r = judge([action({ ...unknownEnv, operation: 'update' })]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toEqual(expect.arrayContaining(['environment-unknown', 'production-change']));
    expect(r.reasons[0].message).toMatch(/in an unknown environment \(treated as production\)/);
  });

  it('an action with no environment information at all is judged as production', () => {
    const { environment, environmentAssumed, production, ...bare } = action({ operation: 'delete', reversibility: 'irreversible' });
    void environment; void environmentAssumed; void production;
    expect(judge([bare]).verdict).toBe('block');
  });

  it('unknown scope escalates', () => {
    const blast = { ...blastOf([]), unknownScope: [{ actionId: 'a1', message: 'terraform destroy with no state: resources unknown' }] };
    const r = evaluate(input([action({ ...dev, operation: 'delete', scope: 'environment', reversibility: 'reversible' })], { blastRadius: blast }), policy);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons.find((x) => x.rule === 'unknown-scope')).toMatchObject({ actionId: 'a1', decision: 'escalate' });
  });

  it('unknown scope of a read is harmless', () => {
    const blast = { ...blastOf([]), unknownScope: [{ actionId: 'a1', message: 'kubectl get on a context: scope unknown' }] };
    const r = evaluate(input([action({ ...prod, scope: 'environment', tool: 'kubectl', verb: 'get' })], { blastRadius: blast }), policy);
    expect(r.verdict).toBe('pass');
  });

  it('a sandbox error escalates', () => {
    const r = evaluate(input([action({ ...dev, operation: 'update' })], { sandbox: { status: 'error', reason: 'emulator crashed' } }), policy);
    expect(r.verdict).toBe('escalate');
    expect(r.reasons[0].message).toMatch(/status error \(emulator crashed\)/);
  });

  it('granting admin outside production escalates', () => {
    const r = judge([
      action({ ...dev, operation: 'permissions', source: { kind: 'shell', command: 'aws iam attach-user-policy --user-name bot --policy-arn arn:aws:iam::aws:policy/AdministratorAccess' } }),
    ]);
    expect(r.verdict).toBe('escalate');
    expect(rulesOf(r)).toContain('admin-grant');
  });
});

describe('default policy: block tier', () => {
  it('the DataTalks case: deleting the production database with skip_final_snapshot is blocked, with the evidence', () => {
    const r = judge([
      action({
        ...prod,
        environment: 'production',
        operation: 'delete',
        verb: 'delete',
        tool: 'terraform',
        target: { type: 'AWS::RDS::DBInstance', id: 'DataTalks/Db', terraformType: 'aws_db_instance' },
        reversibility: 'irreversible',
        stateful: true,
        dataLoss: true,
        before: { skip_final_snapshot: true },
        evidence: [{ kind: 'attribute', message: 'no final snapshot is taken', key: 'skip_final_snapshot', value: true }],
      }),
    ]);
    expect(r.verdict).toBe('block');
    expect(r.reasons[0].message).toMatch(/^a1 deletes AWS::RDS::DBInstance DataTalks\/Db in production: irreversible, data loss, stateful \(skip_final_snapshot = true\)/);
    expect(rulesOf(r)).toEqual(expect.arrayContaining(['production-data-loss', 'production-irreversible', 'production-delete']));
    expect(r.reasons.filter((x) => x.decision === 'block').map((x) => x.rule)).toEqual(['production-data-loss', 'production-irreversible']);
    expect(r.reasons[0].evidence?.[0]).toMatchObject({ key: 'skip_final_snapshot' });
  });

  it('prediction evidence is cited first when given', () => {
    const r = evaluate(
      input([action({ ...prod, operation: 'delete', reversibility: 'irreversible', stateful: true, dataLoss: true })], {
        predictions: [{ actionId: 'a1', reversibility: 'irreversible', stateful: true, dataLoss: true, evidence: [{ kind: 'knowledge', message: 'automated backups are deleted with the instance' }] }],
      }),
      policy,
    );
    expect(r.reasons[0].message).toMatch(/\(automated backups are deleted with the instance\)/);
  });

  it('deleting a whole production environment is blocked', () => {
    const r = judge([action({ ...prod, operation: 'delete', scope: 'environment', verb: 'delete-stack', target: { type: 'AWS::CloudFormation::Stack', id: 'prod-app' }, reversibility: 'recoverable' })]);
    expect(r.verdict).toBe('block');
    expect(r.reasons[0]).toMatchObject({ rule: 'production-environment-delete' });
    expect(r.reasons[0].message).toMatch(/deletes everything in AWS::CloudFormation::Stack prod-app.*This removes every resource in prod-app/);
  });

  it('anything irreversible in production is blocked, even an update', () => {
    expect(judge([action({ ...prod, operation: 'update', reversibility: 'irreversible' })]).verdict).toBe('block');
  });

  it('an admin grant in production is blocked (command text or planned attributes)', () => {
    const byCommand = action({ ...prod, operation: 'permissions', source: { kind: 'shell', command: 'aws iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/AdministratorAccess' } });
    const byPlan = action({
      ...prod,
      operation: 'create',
      tool: 'terraform',
      target: { type: 'AWS::IAM::Policy', id: 'aws_iam_policy.ops', terraformType: 'aws_iam_policy' },
      after: { policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' },
    });
    expect(judge([byCommand]).reasons[0].rule).toBe('production-admin-grant');
    expect(judge([byPlan]).verdict).toBe('block');
    const scoped = { ...byPlan, after: { policy: '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } };
    expect(judge([scoped]).verdict).toBe('escalate');
  });

  it('a destructive action during a freeze is blocked (the Replit case)', () => {
    const r = judge([action({ ...dev, operation: 'delete', freeze: 'code-freeze', reversibility: 'recoverable', tool: 'sql', verb: 'DELETE' })]);
    expect(r.verdict).toBe('block');
    expect(r.reasons[0].rule).toBe('freeze-destructive');
  });

  it('rm -rf ~ with no known environment is blocked', () => {
    const r = judge([
      action({
        ...unknownEnv,
        operation: 'delete',
        tool: 'rm',
        verb: 'rm -rf',
        target: { type: 'fs:path', id: '~/' },
        source: { kind: 'shell', command: 'rm -rf tests/ patches/ plan/ ~/' },
        reversibility: 'irreversible',
        intrinsic: { reversibility: 'irreversible', evidence: [{ kind: 'command', message: 'rm -rf removes files without a trash', key: '-rf', value: true }] },
      }),
    ]);
    expect(r.verdict).toBe('block');
    expect(rulesOf(r)).toContain('local-irreversible');
    expect(r.reasons[0].message).toMatch(/\(-rf = true\)/);
  });

  it('SQL DROP against an unknown database is blocked', () => {
    const r = judge([action({ ...unknownEnv, operation: 'delete', tool: 'sql', verb: 'DROP TABLE', target: { type: 'sql:table', id: 'users' }, reversibility: 'irreversible', stateful: true, dataLoss: true })]);
    expect(r.verdict).toBe('block');
  });

  it('an unattended agent may not change production, but may read it', () => {
    const write = evaluate({ ...input([action({ ...prod, operation: 'update' })]), autonomy: 'unattended' }, policy);
    expect(write.verdict).toBe('block');
    expect(write.reasons[0].rule).toBe('unattended-production-write');
    expect(evaluate({ ...input([action({ ...prod, operation: 'update' })]), autonomy: 'supervised' }, policy).verdict).toBe('escalate');
    expect(evaluate({ ...input([action({ ...prod })]), autonomy: 'unattended' }, policy).verdict).toBe('pass');
  });

  it('the verdict is the worst over all actions', () => {
    const r = judge([action({ ...prod }), action({ id: 'a2', ...prod, operation: 'update' }), action({ id: 'a3', ...prod, operation: 'delete', scope: 'environment' })]);
    expect(r.verdict).toBe('block');
    expect(r.reasons[0].decision).toBe('block');
    expect(r.reasons.map((x) => x.actionId)).toEqual(expect.arrayContaining(['a2', 'a3']));
  });
});
