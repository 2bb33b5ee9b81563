// Firebreak's LocalStack extension (sandbox-extension/) against the REAL emulator: each test shows
// AWS's documented behaviour where stock LocalStack 4.14 community differs, or lacks the service.
// One LocalStack for the file; each test works in an account of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionStatus, type EngineEndpoint } from '../../src/sandbox/engines.js';
import type { InventoryContext } from '../../src/sandbox/inventory/context.js';
import { send } from '../../src/sandbox/inventory/send.js';
import type { HostProvider } from '../../src/sandbox/providers/host.js';
import { settleStack, STACK_CAPABILITIES } from '../../src/sandbox/stacks.js';
import { startEmulators, twinContext } from './helpers.js';

let host: HostProvider;
let engines: EngineEndpoint[];
const contexts: InventoryContext[] = [];

beforeAll(async () => {
  ({ host, engines } = await startEmulators());
}, 180_000);

afterAll(async () => {
  for (const c of contexts) c.dispose();
  await host?.stop();
  delete process.env.FIREBREAK_SANDBOX_ENDPOINT;
});

function account(): InventoryContext {
  const { ctx } = twinContext(engines);
  contexts.push(ctx);
  return ctx;
}

async function deploy(ctx: InventoryContext, name: string, template: object, update = false): Promise<string> {
  await send(ctx, 'cloudformation', update ? 'UpdateStack' : 'CreateStack', { StackName: name, TemplateBody: JSON.stringify(template), Capabilities: STACK_CAPABILITIES });
  return settleStack(ctx, name, 120_000);
}

async function resources(ctx: InventoryContext, stack: string): Promise<Record<string, { id: string; status: string }>> {
  const res = await send(ctx, 'cloudformation', 'ListStackResources', { StackName: stack });
  return Object.fromEntries((res.StackResourceSummaries ?? []).map((r: any) => [r.LogicalResourceId, { id: r.PhysicalResourceId, status: r.ResourceStatus }]));
}

const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

describe('the extension is loaded and keeps LocalStack on the loopback interface', () => {
  it('reports its version, its loopback guard and what it changed', async () => {
    const status = await extensionStatus(engines[0].url);
    expect(status).toMatchObject({ contained: true });
    expect(status!.applied).toEqual(expect.arrayContaining(['cloudformation-security-group-rules', 'iam-delete-user-conflict', 'cloudformation-replacement-keeps-new-resource']));
    expect(status!.cloudformationTypes).toEqual(expect.arrayContaining(['AWS::RDS::DBInstance', 'AWS::DynamoDB::Table', 'AWS::Lambda::Function']));
  });
});

describe('services stock LocalStack cannot serve offline', () => {
  it('DynamoDB, RDS, ECS and ELBv2 answer from moto inside LocalStack; a Lambda function reaches Active without a container', async () => {
    const ctx = account();
    const table = await send(ctx, 'dynamodb', 'CreateTable', { TableName: 't1', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    expect(table.TableDescription.TableStatus).toBe('ACTIVE');
    const db = await send(ctx, 'rds', 'CreateDBInstance', { DBInstanceIdentifier: 'db1', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'firebreak-1' });
    expect(db.DBInstance.DBInstanceStatus).toBe('available');
    expect((await ctx.json!('ecs', 'AmazonEC2ContainerServiceV20141113', '1.1', 'CreateCluster', { clusterName: 'c1' })).cluster.status).toBe('ACTIVE');
    expect(await ctx.query!('elbv2', '2015-12-01', 'DescribeLoadBalancers')).toContain('<LoadBalancers');

    const status = await deploy(ctx, 'fn', {
      Resources: {
        Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST } },
        // Code in an artifacts bucket the twin does not hold: a stand-in archive takes its place.
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'app.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { S3Bucket: 'prod-artifacts', S3Key: 'app/1.zip' } } },
      },
    });
    expect(status).toBe('CREATE_COMPLETE');
    const fn = await send(ctx, 'lambda', 'GetFunction', { FunctionName: (await resources(ctx, 'fn')).Fn.id });
    expect(fn.Configuration.State).toBe('Active');
    const invoked = await send(ctx, 'lambda', 'Invoke', { FunctionName: fn.Configuration.FunctionName }).then(
      (r) => r.FunctionError ?? 'ran',
      (e: Error) => e.message,
    );
    expect(invoked).not.toBe('ran');
  }, 120_000);
});

describe("where LocalStack differs from AWS's documented behaviour", () => {
  it('AWS::EC2::SecurityGroup applies SecurityGroupIngress / SecurityGroupEgress on create and replaces them on update', async () => {
    const ctx = account();
    const template = (cidr: string) => ({
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } },
        Db: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'db',
            VpcId: { Ref: 'Vpc' },
            SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: cidr }],
            SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
          },
        },
      },
    });
    expect(await deploy(ctx, 'sg', template('203.0.113.0/24'))).toBe('CREATE_COMPLETE');
    const rules = async () => {
      const g = (await send(ctx, 'ec2', 'DescribeSecurityGroups', { GroupIds: [(await resources(ctx, 'sg')).Db.id] })).SecurityGroups[0];
      const flat = (ps: any[]) => ps.flatMap((p) => (p.IpRanges ?? []).map((r: any) => `${p.IpProtocol}:${p.FromPort}:${r.CidrIp}`));
      return { ingress: flat(g.IpPermissions), egress: flat(g.IpPermissionsEgress) };
    };
    // The template's egress replaces the default allow-all egress rule.
    expect(await rules()).toEqual({ ingress: ['tcp:5432:203.0.113.0/24'], egress: ['tcp:443:0.0.0.0/0'] });
    expect(await deploy(ctx, 'sg', template('0.0.0.0/0'), true)).toBe('UPDATE_COMPLETE');
    expect((await rules()).ingress).toEqual(['tcp:5432:0.0.0.0/0']);
  }, 120_000);

  it('DeleteUser is refused (DeleteConflict) while the user has access keys, a login profile or attached policies', async () => {
    const ctx = account();
    const refusal = (user: string) => send(ctx, 'iam', 'DeleteUser', { UserName: user }).then(() => 'deleted', (e: { name: string; message: string }) => `${e.name.replace(/Exception$/, '')}: ${e.message}`);
    await send(ctx, 'iam', 'CreateUser', { UserName: 'deploy-bot' });
    const key = (await send(ctx, 'iam', 'CreateAccessKey', { UserName: 'deploy-bot' })).AccessKey.AccessKeyId;
    expect(await refusal('deploy-bot')).toBe('DeleteConflict: Cannot delete entity, must delete access keys first.');
    await send(ctx, 'iam', 'DeleteAccessKey', { UserName: 'deploy-bot', AccessKeyId: key });
    await send(ctx, 'iam', 'CreateLoginProfile', { UserName: 'deploy-bot', Password: 'Firebreak-1!long' });
    expect(await refusal('deploy-bot')).toBe('DeleteConflict: Cannot delete entity, must delete login profile first.');
    await send(ctx, 'iam', 'DeleteLoginProfile', { UserName: 'deploy-bot' });
    await send(ctx, 'iam', 'AttachUserPolicy', { UserName: 'deploy-bot', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(await refusal('deploy-bot')).toMatch(/^DeleteConflict: Cannot delete entity, must detach all policies first/);
    await send(ctx, 'iam', 'DetachUserPolicy', { UserName: 'deploy-bot', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
    expect(await refusal('deploy-bot')).toBe('deleted');
    // CloudFormation's own handler removes what the template attached before it deletes the user.
    await deploy(ctx, 'users', { Resources: { U: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } } } });
    await send(ctx, 'cloudformation', 'DeleteStack', { StackName: 'users' });
    expect(await settleStack(ctx, 'users')).toBe('DELETE_COMPLETE');
  }, 120_000);

  it('a change set that replaces a table keeps the new table in the stack, and dependents follow its new ARN and stream', async () => {
    const ctx = account();
    const template = (name: string) => ({
      Resources: {
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: name,
            BillingMode: 'PAY_PER_REQUEST',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
          },
        },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: { AssumeRolePolicyDocument: TRUST, Policies: [{ PolicyName: 'table', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: { 'Fn::GetAtt': ['Table', 'Arn'] } }] } }] },
        },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'def handler(e, c):\n  return 1\n' } } },
        Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: { 'Fn::GetAtt': ['Table', 'StreamArn'] }, StartingPosition: 'LATEST' } },
      },
    });
    expect(await deploy(ctx, 'orders', template('orders'))).toBe('CREATE_COMPLETE');
    const before = await resources(ctx, 'orders');
    await send(ctx, 'cloudformation', 'CreateChangeSet', { StackName: 'orders', ChangeSetName: 'rename', TemplateBody: JSON.stringify(template('orders-v2')), Capabilities: STACK_CAPABILITIES });
    await settleChangeSet(ctx, 'orders', 'rename');
    const described = await send(ctx, 'cloudformation', 'DescribeChangeSet', { StackName: 'orders', ChangeSetName: 'rename' });
    expect(described.Changes.find((c: any) => c.ResourceChange.LogicalResourceId === 'Table').ResourceChange.Replacement).toBe('True');
    await send(ctx, 'cloudformation', 'ExecuteChangeSet', { StackName: 'orders', ChangeSetName: 'rename' });
    expect(await settleStack(ctx, 'orders')).toBe('UPDATE_COMPLETE');
    const after = await resources(ctx, 'orders');
    expect(after.Table).toEqual({ id: 'orders-v2', status: 'UPDATE_COMPLETE' });
    expect((await send(ctx, 'dynamodb', 'ListTables', {})).TableNames).toEqual(['orders-v2']);
    const policy = await send(ctx, 'iam', 'GetRolePolicy', { RoleName: after.Role.id, PolicyName: 'table' });
    expect(decodeURIComponent(policy.PolicyDocument)).toContain(':table/orders-v2');
    // EventSourceArn is create-only: the mapping is replaced, and reads the new table's stream.
    expect(after.Mapping.id).not.toBe(before.Mapping.id);
    const mapping = await send(ctx, 'lambda', 'GetEventSourceMapping', { UUID: after.Mapping.id });
    expect(mapping.EventSourceArn).toContain(':table/orders-v2/stream/');
  }, 180_000);

  it('a stack delete cannot delete a bucket that holds objects: DELETE_FAILED, the bucket and its objects stay', async () => {
    const ctx = account();
    const bucket = `firebreak-test-${Date.now()}`;
    await deploy(ctx, 'data', { Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: bucket } }, Queue: { Type: 'AWS::SQS::Queue' } } });
    await send(ctx, 's3', 'PutObject', { Bucket: bucket, Key: 'invoice.pdf', Body: 'x' });
    await send(ctx, 'cloudformation', 'DeleteStack', { StackName: 'data' });
    expect(await settleStack(ctx, 'data')).toBe('DELETE_FAILED');
    const left = await resources(ctx, 'data');
    expect(left.Bucket.status).toBe('DELETE_FAILED');
    expect(left.Queue).toBeUndefined();
    expect((await send(ctx, 's3', 'ListObjectsV2', { Bucket: bucket })).KeyCount).toBe(1);
    await send(ctx, 's3', 'DeleteObject', { Bucket: bucket, Key: 'invoice.pdf' });
    await send(ctx, 's3', 'DeleteBucket', { Bucket: bucket });
  }, 120_000);

  it('RDS in CloudFormation: the default DeletionPolicy (Snapshot) takes a final snapshot, Delete takes none, Retain keeps the instance', async () => {
    const ctx = account();
    const db = (id: string, policy?: string) => ({
      Type: 'AWS::RDS::DBInstance',
      ...(policy ? { DeletionPolicy: policy } : {}),
      Properties: { DBInstanceIdentifier: id, Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', MasterUsername: 'admin', MasterUserPassword: 'firebreak-1' },
    });
    expect(await deploy(ctx, 'dbs', { Resources: { Default: db('db-default'), Plain: db('db-delete', 'Delete'), Kept: db('db-retain', 'Retain') } })).toBe('CREATE_COMPLETE');
    await send(ctx, 'cloudformation', 'DeleteStack', { StackName: 'dbs' });
    expect(await settleStack(ctx, 'dbs')).toBe('DELETE_COMPLETE');
    const snapshots = (await send(ctx, 'rds', 'DescribeDBSnapshots', {})).DBSnapshots.filter((s: any) => s.SnapshotType === 'manual').map((s: any) => s.DBInstanceIdentifier);
    expect(snapshots).toEqual(['db-default']);
    expect((await send(ctx, 'rds', 'DescribeDBInstances', {})).DBInstances.map((d: any) => d.DBInstanceIdentifier)).toEqual(['db-retain']);
  }, 120_000);

  it('a failed create rolls back (ROLLBACK_COMPLETE, what it created is deleted); a failed update rolls back without deleting what it was replacing', async () => {
    const ctx = account();
    await send(ctx, 'dynamodb', 'CreateTable', { TableName: 'taken', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' });
    const table = (name: string) => ({ Type: 'AWS::DynamoDB::Table', Properties: { TableName: name, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] } });
    expect(await deploy(ctx, 'create', { Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'made-then-removed' } }, Table: { ...table('taken'), DependsOn: 'Queue' } } })).toBe('ROLLBACK_COMPLETE');
    expect((await ctx.json!('sqs', 'AmazonSQS', '1.0', 'ListQueues', {})).QueueUrls ?? []).toEqual([]);

    expect(await deploy(ctx, 'update', { Resources: { Table: table('mine') } })).toBe('CREATE_COMPLETE');
    expect(await deploy(ctx, 'update', { Resources: { Table: table('taken') } }, true)).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect((await send(ctx, 'dynamodb', 'ListTables', {})).TableNames.sort()).toEqual(['mine', 'taken']);
  }, 120_000);
});

async function settleChangeSet(ctx: InventoryContext, stack: string, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const d = await send(ctx, 'cloudformation', 'DescribeChangeSet', { StackName: stack, ChangeSetName: name });
    if (!String(d.Status).endsWith('IN_PROGRESS') && d.Status !== 'CREATE_PENDING') return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
