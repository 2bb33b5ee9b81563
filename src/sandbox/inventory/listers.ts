// Per-service inventory listers. Read-only by construction: only List*/Describe*/Get*/Head*
// operations appear here (a test checks the operation names actually sent).
import { createHash } from 'node:crypto';
import type { InventoryContext } from './context.js';
import { send, sendAll, tagMap } from './send.js';
import { itemKey, type InventoryItem } from './types.js';

export type Lister = (ctx: InventoryContext) => Promise<InventoryItem[]>;

function item(
  ctx: InventoryContext,
  service: string,
  type: string,
  id: string,
  names: (string | undefined)[],
  attributes: Record<string, unknown>,
  tags?: Record<string, string>,
  extra: Pick<InventoryItem, 'partOf' | 'recoverable'> = {},
): InventoryItem {
  return { type, id, names: [...new Set(names.filter((n): n is string => !!n && n !== id))], service, engine: ctx.engineFor(service), attributes, tags, ...extra };
}

/** A short digest of a document (policy, environment): changes show, contents stay out of reports. */
function digest(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

const key = (type: string, id: string) => itemKey({ type, id });

const LIVE_STACK = ['CREATE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_COMPLETE', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_FAILED', 'ROLLBACK_COMPLETE', 'DELETE_IN_PROGRESS', 'DELETE_FAILED', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE', 'UPDATE_FAILED', 'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE', 'REVIEW_IN_PROGRESS', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE'];

/** Stacks are keyed by stack id: a deleted and re-created stack is two stacks, as in AWS. */
const cloudformation: Lister = async (ctx) => {
  const stacks = await sendAll<any>(ctx, 'cloudformation', 'ListStacks', { StackStatusFilter: LIVE_STACK }, (p) => p.StackSummaries);
  return Promise.all(
    stacks
      .filter((s) => s.StackStatus !== 'REVIEW_IN_PROGRESS')
      .map(async (s) => {
        const resources = await sendAll<any>(ctx, 'cloudformation', 'ListStackResources', { StackName: s.StackId }, (p) => p.StackResourceSummaries);
        return item(ctx, 'cloudformation', 'AWS::CloudFormation::Stack', s.StackId, [s.StackName], {
          name: s.StackName,
          status: s.StackStatus,
          resources: resources.map((r) => ({ logicalId: r.LogicalResourceId, physicalId: r.PhysicalResourceId, type: r.ResourceType, status: r.ResourceStatus })),
        });
      }),
  );
};

const s3: Lister = async (ctx) => {
  const res = await send(ctx, 's3', 'ListBuckets', {});
  const items = await Promise.all(
    (res.Buckets ?? []).map(async (b: any) => {
      const [objects, policy] = await Promise.all([
        send(ctx, 's3', 'ListObjectsV2', { Bucket: b.Name, MaxKeys: 1000 }).catch(() => undefined),
        send(ctx, 's3', 'GetBucketPolicy', { Bucket: b.Name }).catch(() => undefined),
      ]);
      const bucket = item(ctx, 's3', 'AWS::S3::Bucket', b.Name, [`arn:aws:s3:::${b.Name}`], { objectCount: objects?.KeyCount ?? objects?.Contents?.length ?? 0 });
      // The policy is a resource of its own (AWS::S3::BucketPolicy), attached to the bucket.
      return policy?.Policy ? [bucket, item(ctx, 's3', 'AWS::S3::BucketPolicy', b.Name, [], { policy: digest(policy.Policy) }, undefined, { partOf: key('AWS::S3::Bucket', b.Name) })] : [bucket];
    }),
  );
  return items.flat();
};

const INSTANCE_STATE: Record<string, string> = { pending: 'running', running: 'running', stopping: 'stopped', stopped: 'stopped', 'shutting-down': 'terminated' };

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
    items.push(item(ctx, 'ec2', 'AWS::EC2::SecurityGroup', g.GroupId, [g.GroupName], { vpcId: g.VpcId, ingress: rules(g.IpPermissions), egress: rules(g.IpPermissionsEgress) }, tagMap(g.Tags)));
  }
  for (const r of reservations) {
    for (const i of r.Instances ?? []) {
      if (i.State?.Name === 'terminated' || i.State?.Name === 'shutting-down') continue;
      items.push(item(ctx, 'ec2', 'AWS::EC2::Instance', i.InstanceId, [], { state: INSTANCE_STATE[i.State?.Name] ?? i.State?.Name, type: i.InstanceType, subnetId: i.SubnetId }, tagMap(i.Tags)));
    }
  }
  for (const g of igws) items.push(item(ctx, 'ec2', 'AWS::EC2::InternetGateway', g.InternetGatewayId, [], { attachments: (g.Attachments ?? []).map((a: any) => a.VpcId) }, tagMap(g.Tags)));
  for (const n of nats.filter((n) => n.State !== 'deleted')) items.push(item(ctx, 'ec2', 'AWS::EC2::NatGateway', n.NatGatewayId, [], { subnetId: n.SubnetId }, tagMap(n.Tags)));
  for (const t of routeTables.filter((t) => !(t.Associations ?? []).some((a: any) => a.Main))) {
    items.push(item(ctx, 'ec2', 'AWS::EC2::RouteTable', t.RouteTableId, [], { vpcId: t.VpcId, routes: (t.Routes ?? []).length }, tagMap(t.Tags)));
    for (const a of t.Associations ?? []) {
      if (a.SubnetId) items.push(item(ctx, 'ec2', 'AWS::EC2::SubnetRouteTableAssociation', a.RouteTableAssociationId, [], { subnetId: a.SubnetId, routeTableId: t.RouteTableId }));
    }
  }
  return items;
};

/** Security-group rules as comparable text (order-independent). */
function rules(permissions: any[] | undefined): string {
  const flat = (permissions ?? []).flatMap((p: any) => {
    const base = `${p.IpProtocol}:${p.FromPort ?? ''}-${p.ToPort ?? ''}`;
    return [
      ...(p.IpRanges ?? []).map((r: any) => `${base}:${r.CidrIp}`),
      ...(p.Ipv6Ranges ?? []).map((r: any) => `${base}:${r.CidrIpv6}`),
      ...(p.UserIdGroupPairs ?? []).map((r: any) => `${base}:${r.GroupId ?? r.GroupName}`),
      ...(p.PrefixListIds ?? []).map((r: any) => `${base}:${r.PrefixListId}`),
    ];
  });
  return flat.sort().join(' ');
}

const iam: Lister = async (ctx) => {
  const marker = { in: 'Marker', out: 'Marker' };
  const [users, roles, policies] = await Promise.all([
    sendAll<any>(ctx, 'iam', 'ListUsers', {}, (p) => p.Users, marker),
    sendAll<any>(ctx, 'iam', 'ListRoles', {}, (p) => p.Roles, marker),
    sendAll<any>(ctx, 'iam', 'ListPolicies', { Scope: 'Local' }, (p) => p.Policies, marker),
  ]);
  const items: InventoryItem[] = [];
  await Promise.all(
    users.map(async (u) => {
      const parent = key('AWS::IAM::User', u.UserName);
      const [keys, attached, inline] = await Promise.all([
        sendAll<any>(ctx, 'iam', 'ListAccessKeys', { UserName: u.UserName }, (p) => p.AccessKeyMetadata, marker),
        sendAll<any>(ctx, 'iam', 'ListAttachedUserPolicies', { UserName: u.UserName }, (p) => p.AttachedPolicies, marker),
        sendAll<string>(ctx, 'iam', 'ListUserPolicies', { UserName: u.UserName }, (p) => p.PolicyNames, marker),
      ]);
      items.push(item(ctx, 'iam', 'AWS::IAM::User', u.UserName, [u.Arn, u.UserId], { path: u.Path }));
      for (const k of keys) items.push(item(ctx, 'iam', 'AWS::IAM::AccessKey', k.AccessKeyId, [], { user: u.UserName, status: k.Status }, undefined, { partOf: parent }));
      for (const p of attached) items.push(item(ctx, 'iam', 'AWS::IAM::UserPolicyAttachment', `${u.UserName}/${p.PolicyArn}`, [], { user: u.UserName, policyArn: p.PolicyArn }, undefined, { partOf: parent }));
      for (const name of inline) items.push(item(ctx, 'iam', 'AWS::IAM::UserPolicy', `${u.UserName}:${name}`, [name], { user: u.UserName }, undefined, { partOf: parent }));
    }),
  );
  await Promise.all(
    roles
      .filter((r) => !String(r.Path ?? '').startsWith('/aws-service-role/'))
      .map(async (r) => {
        const parent = key('AWS::IAM::Role', r.RoleName);
        const [attached, inline] = await Promise.all([
          sendAll<any>(ctx, 'iam', 'ListAttachedRolePolicies', { RoleName: r.RoleName }, (p) => p.AttachedPolicies, marker),
          sendAll<string>(ctx, 'iam', 'ListRolePolicies', { RoleName: r.RoleName }, (p) => p.PolicyNames, marker),
        ]);
        const documents = await Promise.all(inline.map((name) => send(ctx, 'iam', 'GetRolePolicy', { RoleName: r.RoleName, PolicyName: name }).catch(() => undefined)));
        items.push(
          item(ctx, 'iam', 'AWS::IAM::Role', r.RoleName, [r.Arn, r.RoleId], {
            path: r.Path,
            trust: digest(decodeURIComponent(String(r.AssumeRolePolicyDocument ?? ''))),
          }),
        );
        for (const p of attached) items.push(item(ctx, 'iam', 'AWS::IAM::RolePolicyAttachment', `${r.RoleName}/${p.PolicyArn}`, [], { role: r.RoleName, policyArn: p.PolicyArn }, undefined, { partOf: parent }));
        inline.forEach((name, i) =>
          items.push(
            item(ctx, 'iam', 'AWS::IAM::RolePolicy', `${r.RoleName}:${name}`, [], { role: r.RoleName, document: digest(decodeURIComponent(String(documents[i]?.PolicyDocument ?? ''))) }, undefined, { partOf: parent }),
          ),
        );
      }),
  );
  items.push(...policies.map((p) => item(ctx, 'iam', 'AWS::IAM::ManagedPolicy', p.Arn, [p.PolicyName], { version: p.DefaultVersionId, attachments: p.AttachmentCount })));
  return items;
};

const rds: Lister = async (ctx) => {
  const marker = { in: 'Marker', out: 'Marker' };
  const [instances, snapshots, clusters, subnetGroups] = await Promise.all([
    sendAll<any>(ctx, 'rds', 'DescribeDBInstances', {}, (p) => p.DBInstances, marker),
    sendAll<any>(ctx, 'rds', 'DescribeDBSnapshots', {}, (p) => p.DBSnapshots, marker),
    sendAll<any>(ctx, 'rds', 'DescribeDBClusters', {}, (p) => p.DBClusters, marker).catch(() => []),
    sendAll<any>(ctx, 'rds', 'DescribeDBSubnetGroups', {}, (p) => p.DBSubnetGroups, marker).catch(() => []),
  ]);
  return [
    ...instances.map((d) =>
      item(ctx, 'rds', 'AWS::RDS::DBInstance', d.DBInstanceIdentifier, [d.DBInstanceArn, d.DbiResourceId], {
        engine: d.Engine,
        class: d.DBInstanceClass,
        storage: d.AllocatedStorage,
        deletionProtection: !!d.DeletionProtection,
        backupRetention: d.BackupRetentionPeriod,
      }),
    ),
    // A snapshot belongs to its instance: taken when it is deleted, or deleted with it (automated backups).
    ...snapshots.map((s) =>
      item(ctx, 'rds', 'AWS::RDS::DBSnapshot', s.DBSnapshotIdentifier, [s.DBSnapshotArn], { instance: s.DBInstanceIdentifier, snapshotType: s.SnapshotType }, undefined, {
        partOf: key('AWS::RDS::DBInstance', s.DBInstanceIdentifier),
      }),
    ),
    ...clusters.map((c) => item(ctx, 'rds', 'AWS::RDS::DBCluster', c.DBClusterIdentifier, [c.DBClusterArn], { engine: c.Engine, deletionProtection: !!c.DeletionProtection })),
    ...subnetGroups.map((g) => item(ctx, 'rds', 'AWS::RDS::DBSubnetGroup', g.DBSubnetGroupName, [g.DBSubnetGroupArn], { subnets: (g.Subnets ?? []).map((s: any) => s.SubnetIdentifier).sort() })),
  ];
};

const dynamodb: Lister = async (ctx) => {
  const names = await sendAll<string>(ctx, 'dynamodb', 'ListTables', {}, (p) => p.TableNames, { in: 'ExclusiveStartTableName', out: 'LastEvaluatedTableName' });
  return Promise.all(
    names.map(async (name) => {
      const t = (await send(ctx, 'dynamodb', 'DescribeTable', { TableName: name })).Table ?? {};
      return item(ctx, 'dynamodb', 'AWS::DynamoDB::Table', name, [t.TableArn, t.LatestStreamArn], { deletionProtection: !!t.DeletionProtectionEnabled, keys: JSON.stringify(t.KeySchema ?? []), itemCount: t.ItemCount, stream: t.StreamSpecification?.StreamViewType });
    }),
  );
};

const lambda: Lister = async (ctx) => {
  const fns = await sendAll<any>(ctx, 'lambda', 'ListFunctions', {}, (p) => p.Functions, { in: 'Marker', out: 'NextMarker' });
  const mappings = await sendAll<any>(ctx, 'lambda', 'ListEventSourceMappings', {}, (p) => p.EventSourceMappings, { in: 'Marker', out: 'NextMarker' });
  const items: InventoryItem[] = [];
  await Promise.all(
    fns.map(async (f) => {
      items.push(
        item(ctx, 'lambda', 'AWS::Lambda::Function', f.FunctionName, [f.FunctionArn], {
          runtime: f.Runtime,
          handler: f.Handler,
          codeSha256: f.CodeSha256,
          role: f.Role,
          environment: digest(f.Environment?.Variables),
          memory: f.MemorySize,
          timeout: f.Timeout,
        }),
      );
      const policy = await send(ctx, 'lambda', 'GetPolicy', { FunctionName: f.FunctionName }).catch(() => undefined);
      const statements: any[] = policy?.Policy ? (JSON.parse(policy.Policy).Statement ?? []) : [];
      for (const s of statements) {
        items.push(item(ctx, 'lambda', 'AWS::Lambda::Permission', String(s.Sid), [], { function: f.FunctionName, statement: digest(s) }, undefined, { partOf: key('AWS::Lambda::Function', f.FunctionName) }));
      }
    }),
  );
  for (const m of mappings) {
    items.push(item(ctx, 'lambda', 'AWS::Lambda::EventSourceMapping', m.UUID, [m.EventSourceMappingArn], { source: m.EventSourceArn, function: m.FunctionArn, batchSize: m.BatchSize }));
  }
  return items;
};

// Services without an installed SDK client: JSON / query / REST protocol, emulators only.
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

/** A key pending deletion is deleted but recoverable: it is listed with a note, and compared as deleted. */
const kms: Lister = async (ctx) => {
  const [keys, aliases] = await Promise.all([ctx.json!('kms', 'TrentService', '1.1', 'ListKeys', {}), ctx.json!('kms', 'TrentService', '1.1', 'ListAliases', {})]);
  const items: InventoryItem[] = await Promise.all(
    (keys.Keys ?? []).map(async (k: any) => {
      const meta = (await ctx.json!('kms', 'TrentService', '1.1', 'DescribeKey', { KeyId: k.KeyId })).KeyMetadata ?? {};
      const pending = meta.KeyState === 'PendingDeletion';
      const until = meta.DeletionDate ? new Date(Number(meta.DeletionDate) * 1000 || meta.DeletionDate).toISOString().slice(0, 10) : 'the end of its waiting period';
      return item(ctx, 'kms', 'AWS::KMS::Key', k.KeyId, [k.KeyArn], { state: pending ? 'PendingDeletion' : meta.Enabled === false ? 'Disabled' : 'Enabled', manager: meta.KeyManager }, undefined, {
        ...(pending ? { recoverable: `pending deletion until ${until}: \`aws kms cancel-key-deletion\` restores it` } : {}),
      });
    }),
  );
  for (const a of aliases.Aliases ?? []) {
    if (String(a.AliasName).startsWith('alias/aws/')) continue;
    items.push(item(ctx, 'kms', 'AWS::KMS::Alias', a.AliasName, [a.AliasArn], { target: a.TargetKeyId }));
  }
  return items.filter((i) => i.attributes.manager !== 'AWS');
};

/** A secret in its recovery window is deleted but recoverable; one deleted without recovery is gone. */
const secretsmanager: Lister = async (ctx) => {
  const res = await ctx.json!('secretsmanager', 'secretsmanager', '1.1', 'ListSecrets', { IncludePlannedDeletion: true });
  return (res.SecretList ?? []).map((s: any) => {
    // A secret RDS manages for a database's master password comes and goes with the database.
    const owner = s.OwningService === 'rds' || String(s.Name).startsWith('rds!') ? /arn:aws[\w-]*:rds:[^:]*:\d{12}:(db|cluster):([\w-]+)/.exec(`${s.Description ?? ''} ${JSON.stringify(s.Tags ?? [])}`) : undefined;
    return item(ctx, 'secretsmanager', 'AWS::SecretsManager::Secret', s.Name, [s.ARN], {}, undefined, {
      ...(s.DeletedDate ? { recoverable: 'scheduled for deletion: `aws secretsmanager restore-secret` restores it within the recovery window' } : {}),
      ...(owner ? { partOf: key(owner[1] === 'db' ? 'AWS::RDS::DBInstance' : 'AWS::RDS::DBCluster', owner[2]) } : {}),
    });
  });
};

const logs: Lister = async (ctx) => {
  const res = await ctx.json!('logs', 'Logs_20140328', '1.1', 'DescribeLogGroups', {});
  return (res.logGroups ?? []).map((g: any) => item(ctx, 'logs', 'AWS::Logs::LogGroup', g.logGroupName, [g.arn, String(g.arn ?? '').replace(/:\*$/, '')], { retention: g.retentionInDays }));
};

const events: Lister = async (ctx) => {
  const res = await ctx.json!('events', 'AWSEvents', '1.1', 'ListRules', {});
  return (res.Rules ?? []).map((r: any) => item(ctx, 'events', 'AWS::Events::Rule', r.Name, [r.Arn], { state: r.State, schedule: r.ScheduleExpression, pattern: r.EventPattern }));
};

const cloudwatch: Lister = async (ctx) => {
  const res = await ctx.json!('cloudwatch', 'GraniteServiceVersion20100801', '1.0', 'DescribeAlarms', {});
  return (res.MetricAlarms ?? []).map((a: any) =>
    item(ctx, 'cloudwatch', 'AWS::CloudWatch::Alarm', a.AlarmName, [a.AlarmArn], {
      metric: `${a.Namespace}/${a.MetricName}`,
      dimensions: (a.Dimensions ?? []).map((d: any) => `${d.Name}=${d.Value}`).sort(),
      threshold: a.Threshold,
      actions: digest(a.AlarmActions),
    }),
  );
};

/** REST APIs and what CloudFormation creates in them (resources, methods, deployments, stages). */
const apigateway: Lister = async (ctx) => {
  const apis = (await ctx.rest!('apigateway', 'GET', '/restapis?limit=500', 'GetRestApis')).item ?? [];
  const items: InventoryItem[] = [];
  await Promise.all(
    apis.map(async (api: any) => {
      const parent = key('AWS::ApiGateway::RestApi', api.id);
      items.push(item(ctx, 'apigateway', 'AWS::ApiGateway::RestApi', api.id, [api.name], { name: api.name }));
      const [resources, deployments, stages] = await Promise.all([
        ctx.rest!('apigateway', 'GET', `/restapis/${api.id}/resources?limit=500&embed=methods`, 'GetResources'),
        ctx.rest!('apigateway', 'GET', `/restapis/${api.id}/deployments?limit=500`, 'GetDeployments'),
        ctx.rest!('apigateway', 'GET', `/restapis/${api.id}/stages`, 'GetStages'),
      ]);
      for (const r of resources.item ?? []) {
        if (r.path === '/') continue; // the root resource comes with the API
        items.push(item(ctx, 'apigateway', 'AWS::ApiGateway::Resource', r.id, [], { path: r.path }, undefined, { partOf: parent }));
        for (const [method, m] of Object.entries<any>(r.resourceMethods ?? {})) {
          items.push(
            item(ctx, 'apigateway', 'AWS::ApiGateway::Method', `${api.id}-${r.id}-${method}`, [], { authorization: m?.authorizationType, integration: m?.methodIntegration?.uri }, undefined, {
              partOf: key('AWS::ApiGateway::Resource', r.id),
            }),
          );
        }
      }
      for (const d of deployments.item ?? []) items.push(item(ctx, 'apigateway', 'AWS::ApiGateway::Deployment', d.id, [], {}, undefined, { partOf: parent }));
      for (const s of stages.item ?? []) items.push(item(ctx, 'apigateway', 'AWS::ApiGateway::Stage', `${api.id}/${s.stageName}`, [s.stageName], { deployment: s.deploymentId }, undefined, { partOf: parent }));
    }),
  );
  return items;
};

const ELB = '2015-12-01';
const elbv2: Lister = async (ctx) => {
  const [lbs, groups] = await Promise.all([ctx.query!('elbv2', ELB, 'DescribeLoadBalancers'), ctx.query!('elbv2', ELB, 'DescribeTargetGroups')]);
  const items: InventoryItem[] = [];
  const lbArns = [...lbs.matchAll(/<LoadBalancerArn>([^<]+)<\/LoadBalancerArn>/g)].map((m) => m[1]);
  for (const arn of lbArns) {
    items.push(item(ctx, 'elbv2', 'AWS::ElasticLoadBalancingV2::LoadBalancer', arn, [arn.split('/')[2]], {}));
    const listeners = await ctx.query!('elbv2', ELB, 'DescribeListeners', { LoadBalancerArn: arn });
    for (const m of listeners.matchAll(/<ListenerArn>([^<]+)<\/ListenerArn>/g)) {
      items.push(item(ctx, 'elbv2', 'AWS::ElasticLoadBalancingV2::Listener', m[1], [], {}, undefined, { partOf: key('AWS::ElasticLoadBalancingV2::LoadBalancer', arn) }));
    }
  }
  const groupArns = [...groups.matchAll(/<TargetGroupArn>([^<]+)<\/TargetGroupArn>/g)].map((m) => m[1]);
  for (const arn of [...new Set(groupArns)]) {
    items.push(item(ctx, 'elbv2', 'AWS::ElasticLoadBalancingV2::TargetGroup', arn, [arn.split('/')[1]], {}));
    const health = await ctx.query!('elbv2', ELB, 'DescribeTargetHealth', { TargetGroupArn: arn }).catch(() => '');
    for (const m of health.matchAll(/<Target>\s*<Id>([^<]+)<\/Id>(?:\s*<Port>(\d+)<\/Port>)?/g)) {
      items.push(
        item(ctx, 'elbv2', 'AWS::ElasticLoadBalancingV2::TargetGroupAttachment', `${arn}/${m[1]}`, [], { target: m[1], port: m[2] }, undefined, {
          partOf: key('AWS::ElasticLoadBalancingV2::TargetGroup', arn),
        }),
      );
    }
  }
  return items;
};

const ecs: Lister = async (ctx) => {
  const target = 'AmazonEC2ContainerServiceV20141113';
  const [clusters, definitions] = await Promise.all([ctx.json!('ecs', target, '1.1', 'ListClusters', {}), ctx.json!('ecs', target, '1.1', 'ListTaskDefinitions', {})]);
  const items: InventoryItem[] = [];
  // A deleted cluster or service stays listed as INACTIVE for a while: it is gone.
  const described = clusters.clusterArns?.length ? await ctx.json!('ecs', target, '1.1', 'DescribeClusters', { clusters: clusters.clusterArns }) : { clusters: [] };
  for (const c of (described.clusters ?? []).filter((c: any) => c.status !== 'INACTIVE')) {
    const arn = c.clusterArn;
    items.push(item(ctx, 'ecs', 'AWS::ECS::Cluster', arn, [c.clusterName], {}));
    const services = await ctx.json!('ecs', target, '1.1', 'ListServices', { cluster: arn });
    const details = services.serviceArns?.length ? await ctx.json!('ecs', target, '1.1', 'DescribeServices', { cluster: arn, services: services.serviceArns }) : { services: [] };
    for (const s of (details.services ?? []).filter((s: any) => s.status === 'ACTIVE')) items.push(item(ctx, 'ecs', 'AWS::ECS::Service', s.serviceArn, [s.serviceName], { cluster: arn, desired: s.desiredCount }));
  }
  for (const arn of definitions.taskDefinitionArns ?? []) items.push(item(ctx, 'ecs', 'AWS::ECS::TaskDefinition', arn, [String(arn).split('/').pop()], {}));
  return items;
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
  cloudwatch: { list: cloudwatch, sdk: false },
  apigateway: { list: apigateway, sdk: false },
  elbv2: { list: elbv2, sdk: false },
  ecs: { list: ecs, sdk: false },
};

/** Types the listers read from their services; a stack resource of any other type is seen only in ListStackResources. */
export const LISTED_TYPES: ReadonlySet<string> = new Set([
  'AWS::CloudFormation::Stack',
  'AWS::S3::Bucket',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::Instance',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::IAM::User',
  'AWS::IAM::AccessKey',
  'AWS::IAM::Role',
  'AWS::IAM::ManagedPolicy',
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBSubnetGroup',
  'AWS::DynamoDB::Table',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::SSM::Parameter',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::SecretsManager::Secret',
  'AWS::Logs::LogGroup',
  'AWS::Events::Rule',
  'AWS::CloudWatch::Alarm',
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::Stage',
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::ECS::Cluster',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
]);
