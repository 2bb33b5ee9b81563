// Per-service inventory listers. Read-only by construction: only List*/Describe*/Get*/Head*
// operations appear here (a test checks the operation names actually sent).
import type { InventoryContext } from './context.js';
import { send, sendAll, tagMap } from './send.js';
import type { InventoryItem } from './types.js';

export type Lister = (ctx: InventoryContext) => Promise<InventoryItem[]>;

function item(ctx: InventoryContext, service: string, type: string, id: string, names: (string | undefined)[], attributes: Record<string, unknown>, tags?: Record<string, string>): InventoryItem {
  return { type, id, names: [...new Set(names.filter((n): n is string => !!n && n !== id))], service, engine: ctx.engineFor(service), attributes, tags };
}

const LIVE_STACK = ['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_FAILED', 'ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_FAILED', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'];

const cloudformation: Lister = async (ctx) => {
  const stacks = await sendAll<any>(ctx, 'cloudformation', 'ListStacks', { StackStatusFilter: LIVE_STACK }, (p) => p.StackSummaries);
  return Promise.all(
    stacks
      .filter((s) => s.StackStatus !== 'REVIEW_IN_PROGRESS')
      .map(async (s) => {
        const resources = await sendAll<any>(ctx, 'cloudformation', 'ListStackResources', { StackName: s.StackId }, (p) => p.StackResourceSummaries);
        return item(ctx, 'cloudformation', 'AWS::CloudFormation::Stack', s.StackName, [s.StackId], {
          status: s.StackStatus,
          stackId: s.StackId,
          resources: resources.map((r) => ({ logicalId: r.LogicalResourceId, physicalId: r.PhysicalResourceId, type: r.ResourceType, status: r.ResourceStatus })),
        });
      }),
  );
};

const s3: Lister = async (ctx) => {
  const res = await send(ctx, 's3', 'ListBuckets', {});
  return Promise.all(
    (res.Buckets ?? []).map(async (b: any) => {
      const objects = await send(ctx, 's3', 'ListObjectsV2', { Bucket: b.Name, MaxKeys: 1000 }).catch(() => undefined);
      return item(ctx, 's3', 'AWS::S3::Bucket', b.Name, [`arn:aws:s3:::${b.Name}`], {
        objectCount: objects?.KeyCount ?? objects?.Contents?.length ?? 0,
      });
    }),
  );
};

const ec2: Lister = async (ctx) => {
  const [vpcs, subnets, groups, reservations, igws, nats, routeTables] = await Promise.all([
    sendAll<any>(ctx, 'ec2', 'DescribeVpcs', {}, (p) => p.Vpcs),
    sendAll<any>(ctx, 'ec2', 'DescribeSubnets', {}, (p) => p.Subnets),
    sendAll<any>(ctx, 'ec2', 'DescribeSecurityGroups', {}, (p) => p.SecurityGroups),
    sendAll<any>(ctx, 'ec2', 'DescribeInstances', {}, (p) => p.Reservations),
    sendAll<any>(ctx, 'ec2', 'DescribeInternetGateways', {}, (p) => p.InternetGateways),
    sendAll<any>(ctx, 'ec2', 'DescribeNatGateways', {}, (p) => p.NatGateways),
    sendAll<any>(ctx, 'ec2', 'DescribeRouteTables', {}, (p) => p.RouteTables),
  ]);
  const items: InventoryItem[] = [];
  for (const v of vpcs) items.push(item(ctx, 'ec2', 'AWS::EC2::VPC', v.VpcId, [], { cidr: v.CidrBlock, isDefault: !!v.IsDefault }, tagMap(v.Tags)));
  for (const s of subnets) items.push(item(ctx, 'ec2', 'AWS::EC2::Subnet', s.SubnetId, [s.SubnetArn], { vpcId: s.VpcId, cidr: s.CidrBlock, isDefault: !!s.DefaultForAz }, tagMap(s.Tags)));
  // A VPC's default security group and main route table come and go with the VPC itself.
  for (const g of groups.filter((g) => g.GroupName !== 'default')) {
    items.push(item(ctx, 'ec2', 'AWS::EC2::SecurityGroup', g.GroupId, [g.GroupName], { vpcId: g.VpcId, ingress: JSON.stringify(g.IpPermissions ?? []), egress: JSON.stringify(g.IpPermissionsEgress ?? []) }, tagMap(g.Tags)));
  }
  for (const r of reservations) {
    for (const i of r.Instances ?? []) {
      if (i.State?.Name === 'terminated') continue;
      items.push(item(ctx, 'ec2', 'AWS::EC2::Instance', i.InstanceId, [], { state: i.State?.Name, type: i.InstanceType, subnetId: i.SubnetId }, tagMap(i.Tags)));
    }
  }
  for (const g of igws) items.push(item(ctx, 'ec2', 'AWS::EC2::InternetGateway', g.InternetGatewayId, [], { attachments: (g.Attachments ?? []).map((a: any) => a.VpcId) }, tagMap(g.Tags)));
  for (const n of nats.filter((n) => n.State !== 'deleted')) items.push(item(ctx, 'ec2', 'AWS::EC2::NatGateway', n.NatGatewayId, [], { subnetId: n.SubnetId, state: n.State }, tagMap(n.Tags)));
  for (const t of routeTables.filter((t) => !(t.Associations ?? []).some((a: any) => a.Main))) {
    items.push(item(ctx, 'ec2', 'AWS::EC2::RouteTable', t.RouteTableId, [], { vpcId: t.VpcId, routes: (t.Routes ?? []).length }, tagMap(t.Tags)));
  }
  return items;
};

const iam: Lister = async (ctx) => {
  const [users, roles, policies] = await Promise.all([
    sendAll<any>(ctx, 'iam', 'ListUsers', {}, (p) => p.Users, { in: 'Marker', out: 'Marker' }),
    sendAll<any>(ctx, 'iam', 'ListRoles', {}, (p) => p.Roles, { in: 'Marker', out: 'Marker' }),
    sendAll<any>(ctx, 'iam', 'ListPolicies', { Scope: 'Local' }, (p) => p.Policies, { in: 'Marker', out: 'Marker' }),
  ]);
  return [
    ...users.map((u) => item(ctx, 'iam', 'AWS::IAM::User', u.UserName, [u.Arn, u.UserId], { path: u.Path })),
    ...roles
      .filter((r) => !String(r.Path ?? '').startsWith('/aws-service-role/'))
      .map((r) => item(ctx, 'iam', 'AWS::IAM::Role', r.RoleName, [r.Arn, r.RoleId], { path: r.Path, trust: decodeURIComponent(String(r.AssumeRolePolicyDocument ?? '')) })),
    ...policies.map((p) => item(ctx, 'iam', 'AWS::IAM::ManagedPolicy', p.Arn, [p.PolicyName], { version: p.DefaultVersionId, attachments: p.AttachmentCount })),
  ];
};

const rds: Lister = async (ctx) => {
  const [instances, snapshots, clusters] = await Promise.all([
    sendAll<any>(ctx, 'rds', 'DescribeDBInstances', {}, (p) => p.DBInstances, { in: 'Marker', out: 'Marker' }),
    sendAll<any>(ctx, 'rds', 'DescribeDBSnapshots', {}, (p) => p.DBSnapshots, { in: 'Marker', out: 'Marker' }),
    sendAll<any>(ctx, 'rds', 'DescribeDBClusters', {}, (p) => p.DBClusters, { in: 'Marker', out: 'Marker' }).catch(() => []),
  ]);
  return [
    ...instances.map((d) => item(ctx, 'rds', 'AWS::RDS::DBInstance', d.DBInstanceIdentifier, [d.DBInstanceArn], { engine: d.Engine, class: d.DBInstanceClass, storage: d.AllocatedStorage, deletionProtection: !!d.DeletionProtection, status: d.DBInstanceStatus })),
    ...snapshots.map((s) => item(ctx, 'rds', 'AWS::RDS::DBSnapshot', s.DBSnapshotIdentifier, [s.DBSnapshotArn], { instance: s.DBInstanceIdentifier, snapshotType: s.SnapshotType })),
    ...clusters.map((c) => item(ctx, 'rds', 'AWS::RDS::DBCluster', c.DBClusterIdentifier, [c.DBClusterArn], { engine: c.Engine, deletionProtection: !!c.DeletionProtection })),
  ];
};

const dynamodb: Lister = async (ctx) => {
  const names = await sendAll<string>(ctx, 'dynamodb', 'ListTables', {}, (p) => p.TableNames, { in: 'ExclusiveStartTableName', out: 'LastEvaluatedTableName' });
  return Promise.all(
    names.map(async (name) => {
      const t = (await send(ctx, 'dynamodb', 'DescribeTable', { TableName: name })).Table ?? {};
      return item(ctx, 'dynamodb', 'AWS::DynamoDB::Table', name, [t.TableArn], { deletionProtection: !!t.DeletionProtectionEnabled, keys: JSON.stringify(t.KeySchema ?? []), itemCount: t.ItemCount });
    }),
  );
};

const lambda: Lister = async (ctx) => {
  const fns = await sendAll<any>(ctx, 'lambda', 'ListFunctions', {}, (p) => p.Functions, { in: 'Marker', out: 'NextMarker' });
  return fns.map((f) => item(ctx, 'lambda', 'AWS::Lambda::Function', f.FunctionName, [f.FunctionArn], { runtime: f.Runtime, handler: f.Handler, codeSha256: f.CodeSha256, role: f.Role }));
};

// Services without an installed SDK client: JSON / query protocol, emulators only.
const sqs: Lister = async (ctx) => {
  const res = await ctx.json!('sqs', 'AmazonSQS', '1.0', 'ListQueues', {});
  return (res.QueueUrls ?? []).map((url: string) => item(ctx, 'sqs', 'AWS::SQS::Queue', url, [url.split('/').pop()], {}));
};

const sns: Lister = async (ctx) => {
  const xml = await ctx.query!('sns', '2010-03-31', 'ListTopics');
  return [...xml.matchAll(/<TopicArn>([^<]+)<\/TopicArn>/g)].map((m) => item(ctx, 'sns', 'AWS::SNS::Topic', m[1], [m[1].split(':').pop()], {}));
};

const ssm: Lister = async (ctx) => {
  const res = await ctx.json!('ssm', 'AmazonSSM', '1.1', 'DescribeParameters', { MaxResults: 50 });
  return (res.Parameters ?? []).map((p: any) => item(ctx, 'ssm', 'AWS::SSM::Parameter', p.Name, [], { type: p.Type, version: p.Version }));
};

const kms: Lister = async (ctx) => {
  const res = await ctx.json!('kms', 'TrentService', '1.1', 'ListKeys', {});
  return Promise.all(
    (res.Keys ?? []).map(async (k: any) => {
      const meta = (await ctx.json!('kms', 'TrentService', '1.1', 'DescribeKey', { KeyId: k.KeyId })).KeyMetadata ?? {};
      return item(ctx, 'kms', 'AWS::KMS::Key', k.KeyId, [k.KeyArn], { state: meta.KeyState, manager: meta.KeyManager });
    }),
  );
};

const secretsmanager: Lister = async (ctx) => {
  const res = await ctx.json!('secretsmanager', 'secretsmanager', '1.1', 'ListSecrets', { IncludePlannedDeletion: true });
  return (res.SecretList ?? []).map((s: any) => item(ctx, 'secretsmanager', 'AWS::SecretsManager::Secret', s.Name, [s.ARN], { deleted: !!s.DeletedDate }));
};

const logs: Lister = async (ctx) => {
  const res = await ctx.json!('logs', 'Logs_20140328', '1.1', 'DescribeLogGroups', {});
  return (res.logGroups ?? []).map((g: any) => item(ctx, 'logs', 'AWS::Logs::LogGroup', g.logGroupName, [g.arn], { retention: g.retentionInDays }));
};

const events: Lister = async (ctx) => {
  const res = await ctx.json!('events', 'AWSEvents', '1.1', 'ListRules', {});
  return (res.Rules ?? []).map((r: any) => item(ctx, 'events', 'AWS::Events::Rule', r.Name, [r.Arn], { state: r.State, schedule: r.ScheduleExpression, pattern: r.EventPattern }));
};

/** Lister per service. `sdk: false` listers need an emulator (no SDK client is installed for them). */
export const LISTERS: Readonly<Record<string, { list: Lister; sdk: boolean }>> = {
  cloudformation: { list: cloudformation, sdk: true },
  s3: { list: s3, sdk: true },
  ec2: { list: ec2, sdk: true },
  iam: { list: iam, sdk: true },
  rds: { list: rds, sdk: true },
  dynamodb: { list: dynamodb, sdk: true },
  lambda: { list: lambda, sdk: true },
  sqs: { list: sqs, sdk: false },
  sns: { list: sns, sdk: false },
  ssm: { list: ssm, sdk: false },
  kms: { list: kms, sdk: false },
  secretsmanager: { list: secretsmanager, sdk: false },
  logs: { list: logs, sdk: false },
  events: { list: events, sdk: false },
};
