import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readChangeSet } from '../../src/intake/cloudformation/index.js';
import type { PlannedAction } from '../../src/intake/types.js';

const FILE = 'test/cloudformation/fixtures/orders-prod-changeset.json';
const text = readFileSync(FILE, 'utf8');
const byLogicalId = (actions: PlannedAction[]) => Object.fromEntries(actions.map((a) => [a.details!.logicalId as string, a]));

describe('readChangeSet (describe-change-set output)', () => {
  const result = readChangeSet(text, FILE);
  const actions = byLogicalId(result.actions);

  it('maps each resource change to an action; CDK metadata is skipped', () => {
    expect(result.kind).toBe('cloudformation-changeset');
    expect(Object.fromEntries(Object.entries(actions).map(([id, a]) => [id, a.operation]))).toEqual({
      OrdersTable: 'replace',
      OrdersHandler: 'update',
      LegacyDb: 'delete',
      AuditLogs: 'delete',
      DeadLetterQueue: 'create',
      WebSecurityGroup: 'update',
      HandlerRole: 'permissions',
      Bastion: 'replace',
      ArchiveBucket: 'create',
    });
  });

  it('targets, hints, names and source lines', () => {
    expect(actions.OrdersTable).toMatchObject({
      verb: 'Modify',
      tool: 'cloudformation',
      target: { type: 'AWS::DynamoDB::Table', id: 'orders-prod/OrdersTable', names: ['OrdersTable', 'orders-prod'] },
      hints: { stackName: 'orders-prod' },
      replaceCauses: ['TableName'],
      source: { kind: 'cloudformation-changeset', file: FILE, line: 3, path: 'Changes[0].ResourceChange' },
    });
  });

  it('PolicyAction is AWS’s own account of what survives', () => {
    expect(actions.LegacyDb.details).toMatchObject({ snapshot: true, policyAction: 'Snapshot' });
    expect(actions.LegacyDb.evidence).toContainEqual(expect.objectContaining({ kind: 'policy', key: 'PolicyAction', value: 'Snapshot' }));
    expect(actions.AuditLogs.details).toMatchObject({ retained: true });
    expect(actions.OrdersTable.details!.retained).toBeUndefined();
  });

  it('conditional replacement is a replace with evidence that says so', () => {
    expect(actions.Bastion.details).toMatchObject({ conditionalReplacement: true });
    expect(actions.Bastion.replaceCauses).toEqual(['InstanceType']);
    expect(actions.Bastion.evidence[0].message).toMatch(/^may be replaced: AWS reports Replacement Conditional \(conditional\)/);
  });

  it('the world holds the resources that exist now, with physical ids', () => {
    expect(result.world!.resources.map((r) => r.id).sort()).toEqual(
      ['AuditLogs', 'Bastion', 'HandlerRole', 'LegacyDb', 'OrdersHandler', 'OrdersTable', 'WebSecurityGroup'].map((id) => `orders-prod/${id}`),
    );
    expect(result.world!.resources.find((r) => r.id === 'orders-prod/Bastion')!.names).toEqual(['Bastion', 'i-0abc1234def567890']);
  });

  it('rejects a wrong shape with the JSON path', () => {
    const bad = JSON.parse(text);
    bad.Changes[4].ResourceChange.Action = 7;
    expect(() => readChangeSet(JSON.stringify(bad, null, 2), 'cs.json')).toThrowError(InputError);
    try {
      readChangeSet(JSON.stringify(bad, null, 2), 'cs.json');
    } catch (e) {
      expect((e as InputError).location).toMatch(/^Changes\[4\]\.ResourceChange\.Action \(line \d+\)$/);
    }
    expect(() => readChangeSet('{"Resources": {}}', 'cs.json')).toThrowError(/Changes must be a list/);
    expect(() => readChangeSet('{"Changes": [{"ResourceChange": {"Action": "Add"}}]}', 'cs.json')).toThrowError(/LogicalResourceId is required/);
    expect(() => readChangeSet('{"Changes": [', 'cs.json')).toThrowError(/invalid JSON/);
  });
});
