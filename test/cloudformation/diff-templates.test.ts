import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { deleteStackActions, diffTemplates } from '../../src/intake/cloudformation/index.js';
import type { PlannedAction } from '../../src/intake/types.js';
import { edit, fixture } from './helpers.js';

const byLogicalId = (actions: PlannedAction[]) => Object.fromEntries(actions.map((a) => [a.details!.logicalId as string, a]));
const messages = (a: PlannedAction) => a.evidence.map((e) => e.message);

describe('diffTemplates on a real template and a modified copy', () => {
  it('DynamoDB TableName change replaces the table; resources that reference it follow', async () => {
    const before = fixture('Solutions/WebApp/webapp.yaml');
    const after = { file: 'webapp-next.yaml', text: edit(before.text, 'TableName: !Sub ${AppName}-test', 'TableName: !Sub ${AppName}-test-v2') };
    const result = await diffTemplates(before, after, 'web');
    const actions = byLogicalId(result.actions);
    expect(Object.keys(actions).sort()).toEqual(['TestResourceHandler', 'TestResourceHandlerPolicy', 'TestTable']);

    const table = actions.TestTable;
    expect(table).toMatchObject({
      operation: 'replace',
      verb: 'WILL_REPLACE',
      tool: 'cloudformation',
      replaceCauses: ['TableName'],
      target: { type: 'AWS::DynamoDB::Table', id: 'web/TestTable', names: ['TestTable', 'rain-webapp-sample-test', 'rain-webapp-sample-test-v2'] },
      hints: { stackName: 'web' },
      source: { kind: 'cloudformation-template', file: 'webapp-next.yaml', line: 39, path: 'Resources.TestTable' },
      scope: 'resource',
    });
    // Evaluated with the AppName parameter's default, as CloudFormation would deploy it.
    expect(table.before!.TableName).toBe('rain-webapp-sample-test');
    expect(table.after!.TableName).toBe('rain-webapp-sample-test-v2');
    expect(table.evidence).toContainEqual(expect.objectContaining({ kind: 'default', key: 'UpdateReplacePolicy', value: 'Delete' }));

    // Ref TestTable in the Lambda's environment: updated to the new table name.
    expect(actions.TestResourceHandler.operation).toBe('update');
    expect(messages(actions.TestResourceHandler)).toContain('Environment refers to TestTable, which is replaced: updated to the new id');
    // GetAtt TestTable.Arn in an inline policy: a permissions change.
    expect(actions.TestResourceHandlerPolicy.operation).toBe('permissions');
    // The world is the stack as it is now.
    expect(result.world!.resources.find((r) => r.id === 'web/TestTable')).toBeDefined();
  });

  it('replacement propagates through a property that itself forces replacement (VPC CIDR -> subnets)', async () => {
    const before = fixture('VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml');
    const after = { file: 'vpc-next.yaml', text: edit(before.text, 'CidrBlock: !FindInMap\n        - SubnetConfig\n        - VPC', 'CidrBlock: !FindInMap\n        - SubnetConfig\n        - VPC2') };
    const actions = byLogicalId((await diffTemplates(before, after, 'net')).actions);
    expect(actions.VPC).toMatchObject({ operation: 'replace', replaceCauses: ['CidrBlock'] });
    expect(actions.PublicSubnet0).toMatchObject({ operation: 'replace', replaceCauses: ['VpcId'] });
    expect(messages(actions.PublicSubnet0)).toContain('VpcId refers to VPC, which is replaced: the new id forces replacement here too');
    // Two hops: the subnet's replacement reaches its route-table association.
    expect(actions.PublicSubnetRouteTableAssociation0).toMatchObject({ operation: 'replace', replaceCauses: ['SubnetId', 'RouteTableId'] });
    expect(Object.values(actions).every((a) => a.operation === 'replace')).toBe(true);
    expect(Object.keys(actions)).toHaveLength(23);
  });

  it('a removed RDS instance without DeletionPolicy is deleted with the Snapshot default', async () => {
    const before = fixture('RDS/RDS_PIOPS.yaml');
    const start = before.text.indexOf('  myDB:');
    const end = before.text.indexOf('\nOutputs:');
    const after = { file: 'piops-next.yaml', text: before.text.slice(0, start) + before.text.slice(end).replace(/\nOutputs:[\s\S]*/, '\n') };
    const actions = byLogicalId((await diffTemplates(before, after, 'db')).actions);
    expect(actions.myDB).toMatchObject({
      operation: 'delete',
      verb: 'WILL_DESTROY',
      source: { file: 'RDS/RDS_PIOPS.yaml', path: 'Resources.myDB' },
      details: { deletionPolicy: 'Snapshot', snapshot: true },
    });
    expect(actions.myDB.details!.retained).toBeUndefined();
    expect(actions.myDB.evidence[0]).toMatchObject({ kind: 'default', key: 'DeletionPolicy', value: 'Snapshot' });
    expect(actions.myDB.evidence[0].message).toMatch(/default: AWS::RDS::DBInstance outside a cluster defaults to Snapshot/);
  });

  it('a removed Retain resource is orphaned, not deleted', async () => {
    const before = fixture('RDS/RDS_MySQL_With_Read_Replica.yaml');
    const start = before.text.indexOf('  ReplicaDB:');
    const end = before.text.indexOf('\nOutputs:');
    const afterText = before.text.slice(0, start) + before.text.slice(end).replace(/\n  ReplicaJDBCConnectionString:[\s\S]*/, '\n');
    const actions = byLogicalId((await diffTemplates(before, { file: 'next.yaml', text: afterText }, 'db')).actions);
    expect(Object.keys(actions)).toEqual(['ReplicaDB']);
    expect(actions.ReplicaDB).toMatchObject({ operation: 'delete', verb: 'WILL_ORPHAN', details: { retained: true, deletionPolicy: 'Retain' } });
    expect(messages(actions.ReplicaDB)).toContain('DeletionPolicy Retain: CloudFormation stops managing the resource but does not delete it');
  });

  it('IAM and security-group changes', async () => {
    const before = fixture('EC2/EC2InstanceWithSecurityGroupSample.yaml');
    const after = edit(before.text, 'CidrIp: !Ref SSHLocation', 'CidrIp: 0.0.0.0/0');
    const withRole = edit(after, '\nOutputs:', '\n  ExtraRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n\nOutputs:');
    const actions = byLogicalId((await diffTemplates(before, { file: 'next.yaml', text: withRole }, 'ec2')).actions);
    expect(messages(actions.InstanceSecurityGroup)).toContain('opens port 22/tcp to the internet (0.0.0.0/0)');
    expect(actions.ExtraRole).toMatchObject({ operation: 'permissions', details: { operationBeforePermissions: 'create' } });
  });

  it('evaluates a Mappings change into the resources: a new VPC CIDR replaces the VPC and its subnets', async () => {
    const before = fixture('VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml');
    const after = { file: 'vpc-next.yaml', text: edit(before.text, 'CIDR: 10.0.0.0/16', 'CIDR: 10.1.0.0/16') };
    const result = await diffTemplates(before, after, 'net');
    const actions = byLogicalId(result.actions);
    expect(actions.VPC).toMatchObject({ operation: 'replace', replaceCauses: ['CidrBlock'] });
    expect(actions.VPC.before!.CidrBlock).toBe('10.0.0.0/16');
    expect(actions.VPC.after!.CidrBlock).toBe('10.1.0.0/16');
    expect(result.actions.some((a) => a.verb === 'Mappings change')).toBe(false);
  });

  it('a template on its own is a new stack: every resource is created, the world is empty', async () => {
    const result = await diffTemplates(undefined, fixture('SQS/SQSFIFOQueue.yaml'), 'q');
    expect(result.actions.map((a) => a.operation)).toEqual(result.actions.map(() => 'create'));
    expect(result.actions.length).toBeGreaterThan(0);
    expect(result.world).toEqual({ resources: [], edges: [] });
  });

  it('needs a template on at least one side', async () => {
    await expect(diffTemplates(undefined, undefined, 's')).rejects.toBeInstanceOf(InputError);
  });
});

describe('deleteStackActions', () => {
  it('one delete per resource, with what each DeletionPolicy keeps', () => {
    const result = deleteStackActions(fixture('RDS/RDS_MySQL_With_Read_Replica.yaml'), 'db');
    const actions = byLogicalId(result.actions);
    expect(result.actions.map((a) => a.operation)).toEqual(['delete', 'delete', 'delete', 'delete']);
    expect(actions.MainDB.details).toMatchObject({ deletionPolicy: 'Snapshot', snapshot: true });
    expect(actions.ReplicaDB.details).toMatchObject({ deletionPolicy: 'Retain', retained: true });
    expect(actions.DBCredential.details).toMatchObject({ deletionPolicy: 'Delete' });
    expect(actions.DBCredential.evidence[0]).toMatchObject({ kind: 'default', message: 'DeletionPolicy Delete (default): the resource and its data are deleted' });
    expect(actions.MainDB.source).toEqual({ kind: 'cloudformation-template', file: 'RDS/RDS_MySQL_With_Read_Replica.yaml', line: 99, path: 'Resources.MainDB' });
    expect(result.world!.resources).toHaveLength(4);
  });
});
