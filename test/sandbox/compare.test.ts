import { describe, expect, it } from 'vitest';
import type { ReplayedCall } from '../../src/model.js';
import { comparePrediction, type CompareInput } from '../../src/sandbox/compare.js';
import { itemKey, type InventoryItem } from '../../src/sandbox/inventory/types.js';
import type { TwinChange } from '../../src/sandbox/observe.js';
import { predicted, world } from './helpers.js';

function item(type: string, id: string, extra: Partial<InventoryItem> = {}): InventoryItem {
  return { type, id, names: [], service: 'x', engine: 'localstack', attributes: {}, ...extra };
}

function change(i: InventoryItem, kind: TwinChange['change'], actionIds = ['a1']): TwinChange {
  return { key: itemKey(i), item: i, change: kind, actionIds, step: 0 };
}

const ok = (actionId = 'a1', extra: Partial<ReplayedCall> = {}): ReplayedCall => ({ actionId, method: 'aws-cli', call: 'aws x', engine: 'localstack', ok: true, ms: 1, ...extra });

function input(extra: Partial<CompareInput>): CompareInput {
  return { predicted: predicted([]), changes: [], twinItems: [], replayed: [ok()], notReplayed: [], ...extra };
}

describe('comparePrediction: honest numbers', () => {
  it('nothing observed is not 100%: agreement and coverage are null without predictions, coverage 0 when the twin holds none of them', () => {
    expect(comparePrediction(input({}))).toMatchObject({ agreement: null, coverage: null });
    const r = comparePrediction(input({ predicted: predicted([['prod/db', 'AWS::SecretsManager::Secret', 'deleted']]) }));
    expect(r).toMatchObject({ agreement: null, coverage: 0, unobserved: [{ resource: 'prod/db', why: expect.stringContaining('not in the twin') }] });
  });

  it('scores what the twin held: agreement among observed, coverage of predicted', () => {
    const q = item('AWS::SQS::Queue', 'u1', { stack: { name: 's', logicalId: 'Q' } });
    const t = item('AWS::SNS::Topic', 't1', { stack: { name: 's', logicalId: 'T' } });
    const r = comparePrediction(
      input({
        predicted: predicted([
          ['s/Q', 'AWS::SQS::Queue', 'deleted'],
          ['s/T', 'AWS::SNS::Topic', 'deleted'],
          ['s/Table', 'AWS::DynamoDB::Table', 'deleted'],
        ]),
        twinItems: [q, t],
        changes: [change(q, 'deleted')],
      }),
    );
    expect(r.agreements).toEqual([{ resource: 's/Q', predicted: 'deleted', observed: 'deleted' }]);
    expect(r.disagreements).toEqual([{ resource: 's/T', predicted: 'deleted', observed: 'unchanged' }]);
    expect(r.unobserved.map((u) => u.resource)).toEqual(['s/Table']);
    expect(r.agreement).toBe(0.5);
    expect(r.coverage).toBe(0.667);
  });

  it('a change nobody predicted is a disagreement; an unpredicted change in a predicted step of another action is not credited', () => {
    const q = item('AWS::SQS::Queue', 'u1');
    const r = comparePrediction(input({ predicted: predicted([]), twinItems: [q], changes: [change(q, 'deleted')] }));
    expect(r.disagreements).toEqual([{ resource: 'u1', predicted: 'untouched', observed: 'deleted' }]);
    expect(r.agreement).toBe(0);
  });

  it('a change AWS refuses (DeleteConflict) is a refusal: observed, but neither agreement nor disagreement', () => {
    const user = item('AWS::IAM::User', 'deploy-bot');
    const r = comparePrediction(
      input({
        predicted: predicted([['aws_iam_user.bot', 'aws_iam_user', 'deleted']]),
        twinItems: [user],
        bindings: new Map([['aws_iam_user.bot', [itemKey(user)]]]),
        replayed: [ok('a1', { ok: false, code: 'DeleteConflict', message: 'must delete access keys first' })],
      }),
    );
    expect(r).toMatchObject({ agreement: null, coverage: 1, disagreements: [], refused: [{ resource: 'aws_iam_user.bot', code: 'DeleteConflict' }] });
  });

  it('what the emulator cannot model, or an action not replayed, is unobserved with the reason', () => {
    const q = item('AWS::SQS::Queue', 'u1', { stack: { name: 's', logicalId: 'Q' } });
    const base = { predicted: predicted([['s/Q', 'AWS::SQS::Queue', 'deleted']]), twinItems: [q] };
    expect(comparePrediction(input({ ...base, replayed: [ok('a1', { ok: false, code: 'X', emulatorLimitation: 'the emulator cannot model this' })] })).unobserved).toEqual([
      { resource: 's/Q', why: 'the emulator cannot model this' },
    ]);
    expect(comparePrediction(input({ ...base, replayed: [], notReplayed: [{ actionId: 'a1', reason: 'contains shell syntax (|)' }] })).unobserved).toEqual([
      { resource: 's/Q', why: 'not replayed: contains shell syntax (|)' },
    ]);
  });

  it('names match within a type only: a load balancer and a security group with one name are two resources', () => {
    const sg = item('AWS::EC2::SecurityGroup', 'sg-1', { names: ['course-management-alb'] });
    const lb = item('AWS::ElasticLoadBalancingV2::LoadBalancer', 'arn:lb', { names: ['course-management-alb'] });
    const w = world([{ id: 'aws_lb.main', type: 'aws_lb', terraformType: 'aws_lb', cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', names: ['course-management-alb'] }]);
    const r = comparePrediction(input({ predicted: predicted([['aws_lb.main', 'aws_lb', 'deleted']]), world: w, twinItems: [sg, lb], changes: [change(lb, 'deleted')] }));
    expect(r.agreements).toEqual([{ resource: 'aws_lb.main', predicted: 'deleted', observed: 'deleted' }]);
    expect(r.observed[0]).toMatchObject({ resource: 'aws_lb.main', physicalId: 'arn:lb' });
  });

  it('a replacement shows as the old resource deleted and a new one under the same logical id', () => {
    const old = item('AWS::DynamoDB::Table', 'orders', { stack: { name: 'p', logicalId: 'T' } });
    const fresh = item('AWS::DynamoDB::Table', 'orders-v2', { stack: { name: 'p', logicalId: 'T' } });
    const r = comparePrediction(input({ predicted: predicted([['p/T', 'AWS::DynamoDB::Table', 'replaced']]), twinItems: [old, fresh], changes: [change(old, 'deleted'), change(fresh, 'created')] }));
    expect(r).toMatchObject({ agreement: 1, disagreements: [] });
  });

  it('parts: an attachment created shows a predicted modification of its role; a snapshot taken with a deleted instance is no disagreement', () => {
    const role = item('AWS::IAM::Role', 'ci');
    const attachment = item('AWS::IAM::RolePolicyAttachment', 'ci/arn:admin', { partOf: itemKey(role) });
    const r1 = comparePrediction(input({ predicted: predicted([['aws_iam_role.ci', 'aws_iam_role', 'modified']]), twinItems: [role], bindings: new Map([['aws_iam_role.ci', [itemKey(role)]]]), changes: [change(attachment, 'created')] }));
    expect(r1).toMatchObject({ agreement: 1, disagreements: [] });

    const db = item('AWS::RDS::DBInstance', 'orders-db');
    const snapshot = item('AWS::RDS::DBSnapshot', 'orders-final', { partOf: itemKey(db) });
    const r2 = comparePrediction(input({ predicted: predicted([['aws_db_instance.orders', 'aws_db_instance', 'deleted']]), twinItems: [db], bindings: new Map([['aws_db_instance.orders', [itemKey(db)]]]), changes: [change(db, 'deleted'), change(snapshot, 'created')] }));
    expect(r2).toMatchObject({ agreement: 1, disagreements: [] });
  });

  it("a prediction is scored on its own action's step: another step's change of the same resource does not count", () => {
    const stack = item('AWS::CloudFormation::Stack', 'arn:stack/s', { names: ['s'], attributes: { name: 's' } });
    const createdByA4 = predicted([['s', 'AWS::CloudFormation::Stack', 'created']]);
    createdByA4.resources[0].actionIds = ['a4'];
    const r = comparePrediction(
      input({
        predicted: createdByA4,
        twinItems: [stack],
        changes: [change(stack, 'modified', ['a2'])],
        replayed: [ok('a2'), ok('a4', { ok: false, code: 'AlreadyExistsException', message: 'Stack [s] already exists' })],
      }),
    );
    expect(r.refused).toEqual([expect.objectContaining({ resource: 's', code: 'AlreadyExistsException' })]);
  });
});
