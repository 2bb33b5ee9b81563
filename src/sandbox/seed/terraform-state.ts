// Seeds the twin from Terraform state: each resource of a known aws_* type is created with the
// equivalent API call, keeping its name, tags and (where LocalStack allows `_custom_id_`) its id.
// Ids the emulator generates anyway (instances, gateways, ARNs with another account) are mapped
// from the state's ids, so dependent resources and replayed commands follow them; each Terraform
// address is bound to the twin item it became, so the comparison finds it by address.
import { randomUUID } from 'node:crypto';
import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import { itemKey } from '../inventory/types.js';
import { TwinIds } from '../replay/twin-ids.js';
import { SANDBOX_REGION } from '../aws-env.js';
import { ensureNetworkIds, placeholderObjects, standInCertificate, standInPolicy } from './stand-ins.js';

type Attrs = Record<string, any>;

export interface StateResource {
  address: string;
  type: string;
  attributes: Attrs;
}

/** Resources from `terraform show -json` (values.root_module) or a raw terraform.tfstate (v4). */
export function stateResources(text: string): StateResource[] {
  const doc = JSON.parse(text);
  const out: StateResource[] = [];
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) if (r.mode === 'managed') out.push({ address: r.address, type: r.type, attributes: r.values ?? {} });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  if (doc.values?.root_module) walk(doc.values.root_module);
  for (const r of Array.isArray(doc.resources) ? doc.resources : []) {
    if (r.mode !== 'managed') continue;
    (r.instances ?? []).forEach((inst: any, i: number) => {
      const base = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
      out.push({ address: inst.index_key !== undefined ? `${base}[${JSON.stringify(inst.index_key)}]` : r.instances.length > 1 ? `${base}[${i}]` : base, type: r.type, attributes: inst.attributes ?? {} });
    });
  }
  return out;
}

const tagList = (tags: Attrs | undefined) => Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value: String(Value) }));
const kmsTags = (tags: Attrs | undefined) => Object.entries(tags ?? {}).map(([TagKey, TagValue]) => ({ TagKey, TagValue: String(TagValue) }));

/** EC2 tags, plus `_custom_id_` so LocalStack gives the resource its production id. */
function tagSpec(resourceType: string, tags: Attrs | undefined, customId?: string) {
  const list = [...tagList(tags), ...(customId ? [{ Key: '_custom_id_', Value: customId }] : [])];
  return list.length ? [{ ResourceType: resourceType, Tags: list }] : undefined;
}

/** An availability zone of the twin's region with the same letter. */
const zone = (az: unknown) => `${SANDBOX_REGION}${String(az ?? 'a').slice(-1).match(/[a-f]/) ? String(az).slice(-1) : 'a'}`;

interface Seeded {
  id: string;
  /** Inventory type of the twin item. */
  type: string;
  /** The twin's ARN, when the id is not one. */
  arn?: string;
  /** Work that must wait until every resource of the state exists (security-group rules). */
  after?: () => Promise<void>;
}

type Creator = (ctx: InventoryContext, a: Attrs, ids: TwinIds) => Promise<Seeded | undefined>;

const r = (ids: TwinIds, v: unknown) => (typeof v === 'string' ? ids.rewrite(v).value : v);
const rl = (ids: TwinIds, v: unknown) => (Array.isArray(v) ? v.map((x) => r(ids, x) as string) : []);
const ELB = '2015-12-01';

function securityGroupPermissions(rules: Attrs[] | undefined, ids: TwinIds, self: string): any[] {
  return (rules ?? []).map((rule) => ({
    IpProtocol: String(rule.protocol ?? '-1'),
    ...(String(rule.protocol) !== '-1' ? { FromPort: Number(rule.from_port), ToPort: Number(rule.to_port) } : {}),
    IpRanges: (rule.cidr_blocks ?? []).map((c: string) => ({ CidrIp: c, ...(rule.description ? { Description: rule.description } : {}) })),
    Ipv6Ranges: (rule.ipv6_cidr_blocks ?? []).map((c: string) => ({ CidrIpv6: c })),
    UserIdGroupPairs: [...rl(ids, rule.security_groups), ...(rule.self ? [self] : [])].map((g) => ({ GroupId: g })),
    PrefixListIds: (rule.prefix_list_ids ?? []).map((p: string) => ({ PrefixListId: p })),
  }));
}

/** Creation order follows the dependency order of these types (VPC before subnet, ...). */
const CREATORS: [string, Creator][] = [
  ['aws_vpc', async (ctx, a) => ({ id: (await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: a.cidr_block ?? '10.0.0.0/16', TagSpecifications: tagSpec('vpc', a.tags, a.id) })).Vpc.VpcId, type: 'AWS::EC2::VPC' })],
  [
    'aws_subnet',
    async (ctx, a, ids) => ({
      id: (await send(ctx, 'ec2', 'CreateSubnet', { VpcId: r(ids, a.vpc_id), CidrBlock: a.cidr_block, AvailabilityZone: zone(a.availability_zone), TagSpecifications: tagSpec('subnet', a.tags, a.id) })).Subnet.SubnetId,
      type: 'AWS::EC2::Subnet',
    }),
  ],
  [
    'aws_internet_gateway',
    async (ctx, a, ids) => {
      const id = (await send(ctx, 'ec2', 'CreateInternetGateway', { TagSpecifications: tagSpec('internet-gateway', a.tags) })).InternetGateway.InternetGatewayId;
      if (a.vpc_id) await send(ctx, 'ec2', 'AttachInternetGateway', { InternetGatewayId: id, VpcId: r(ids, a.vpc_id) });
      return { id, type: 'AWS::EC2::InternetGateway' };
    },
  ],
  [
    'aws_security_group',
    async (ctx, a, ids) => {
      const id = (await send(ctx, 'ec2', 'CreateSecurityGroup', { GroupName: a.name, Description: a.description || a.name, VpcId: a.vpc_id ? r(ids, a.vpc_id) : undefined, TagSpecifications: tagSpec('security-group', a.tags, a.id) })).GroupId;
      if (a.id) ids.add(a.id, id);
      // Rules can name groups created later in the state: they are added once every group exists.
      const after = async () => {
        const ingress = securityGroupPermissions(a.ingress, ids, id);
        if (ingress.length) await send(ctx, 'ec2', 'AuthorizeSecurityGroupIngress', { GroupId: id, IpPermissions: ingress });
        if (a.vpc_id && Array.isArray(a.egress)) {
          await send(ctx, 'ec2', 'RevokeSecurityGroupEgress', { GroupId: id, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }).catch(() => undefined);
          const egress = securityGroupPermissions(a.egress, ids, id);
          if (egress.length) await send(ctx, 'ec2', 'AuthorizeSecurityGroupEgress', { GroupId: id, IpPermissions: egress });
        }
      };
      return { id, type: 'AWS::EC2::SecurityGroup', after };
    },
  ],
  [
    'aws_route_table',
    async (ctx, a, ids) => {
      const id = (await send(ctx, 'ec2', 'CreateRouteTable', { VpcId: r(ids, a.vpc_id), TagSpecifications: tagSpec('route-table', a.tags) })).RouteTable.RouteTableId;
      for (const route of a.route ?? []) {
        if (route.cidr_block && route.gateway_id) await send(ctx, 'ec2', 'CreateRoute', { RouteTableId: id, DestinationCidrBlock: route.cidr_block, GatewayId: r(ids, route.gateway_id) }).catch(() => undefined);
      }
      return { id, type: 'AWS::EC2::RouteTable' };
    },
  ],
  [
    'aws_route_table_association',
    async (ctx, a, ids) => ({ id: (await send(ctx, 'ec2', 'AssociateRouteTable', { RouteTableId: r(ids, a.route_table_id), SubnetId: r(ids, a.subnet_id) })).AssociationId, type: 'AWS::EC2::SubnetRouteTableAssociation' }),
  ],
  ['aws_s3_bucket', async (ctx, a) => (await send(ctx, 's3', 'CreateBucket', { Bucket: a.bucket }), await placeholderObjects(ctx, a.bucket), { id: a.bucket, type: 'AWS::S3::Bucket' })],
  [
    'aws_s3_bucket_public_access_block',
    async (ctx, a) => {
      await send(ctx, 's3', 'PutPublicAccessBlock', { Bucket: a.bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: !!a.block_public_acls, BlockPublicPolicy: !!a.block_public_policy, IgnorePublicAcls: !!a.ignore_public_acls, RestrictPublicBuckets: !!a.restrict_public_buckets } });
      return undefined;
    },
  ],
  [
    'aws_kms_key',
    async (ctx, a) => {
      const res = await ctx.json!('kms', 'TrentService', '1.1', 'CreateKey', { Description: a.description, Tags: [...kmsTags(a.tags), ...(a.key_id ?? a.id ? [{ TagKey: '_custom_id_', TagValue: a.key_id ?? a.id }] : [])] });
      return { id: res.KeyMetadata.KeyId, type: 'AWS::KMS::Key', arn: res.KeyMetadata.Arn };
    },
  ],
  ['aws_kms_alias', async (ctx, a, ids) => (await ctx.json!('kms', 'TrentService', '1.1', 'CreateAlias', { AliasName: a.name, TargetKeyId: r(ids, a.target_key_id) }), { id: a.name, type: 'AWS::KMS::Alias' })],
  ['aws_cloudwatch_log_group', async (ctx, a) => (await ctx.json!('logs', 'Logs_20140328', '1.1', 'CreateLogGroup', { logGroupName: a.name }), { id: a.name, type: 'AWS::Logs::LogGroup' })],
  ['aws_iam_policy', async (ctx, a) => ({ id: (await send(ctx, 'iam', 'CreatePolicy', { PolicyName: a.name, Path: a.path, PolicyDocument: a.policy })).Policy.Arn, type: 'AWS::IAM::ManagedPolicy' })],
  [
    'aws_iam_role',
    async (ctx, a) => {
      const role = (await send(ctx, 'iam', 'CreateRole', { RoleName: a.name, Path: a.path, AssumeRolePolicyDocument: a.assume_role_policy, Tags: tagList(a.tags) })).Role;
      return { id: role.RoleName, type: 'AWS::IAM::Role', arn: role.Arn };
    },
  ],
  ['aws_iam_role_policy', async (ctx, a) => (await send(ctx, 'iam', 'PutRolePolicy', { RoleName: a.role, PolicyName: a.name, PolicyDocument: a.policy }), { id: `${a.role}:${a.name}`, type: 'AWS::IAM::RolePolicy' })],
  [
    'aws_iam_role_policy_attachment',
    async (ctx, a, ids) => {
      const arn = await standInPolicy(ctx, a.policy_arn, ids);
      await send(ctx, 'iam', 'AttachRolePolicy', { RoleName: a.role, PolicyArn: arn });
      return { id: `${a.role}/${arn}`, type: 'AWS::IAM::RolePolicyAttachment' };
    },
  ],
  [
    'aws_iam_user',
    async (ctx, a) => {
      const user = (await send(ctx, 'iam', 'CreateUser', { UserName: a.name, Path: a.path, Tags: tagList(a.tags) })).User;
      return { id: user.UserName, type: 'AWS::IAM::User', arn: user.Arn };
    },
  ],
  [
    'aws_iam_user_policy_attachment',
    async (ctx, a, ids) => {
      const arn = await standInPolicy(ctx, a.policy_arn, ids);
      await send(ctx, 'iam', 'AttachUserPolicy', { UserName: a.user, PolicyArn: arn });
      return { id: `${a.user}/${arn}`, type: 'AWS::IAM::UserPolicyAttachment' };
    },
  ],
  ['aws_iam_access_key', async (ctx, a) => ({ id: (await send(ctx, 'iam', 'CreateAccessKey', { UserName: a.user })).AccessKey.AccessKeyId, type: 'AWS::IAM::AccessKey' })],
  [
    'aws_instance',
    async (ctx, a, ids) => {
      // LocalStack starts an instance from any image id: the state's AMI is kept as it is.
      const image = a.ami || 'ami-00000000000000000';
      const [subnet] = await ensureNetworkIds(ctx, ids, [a.subnet_id]);
      const groups = await ensureNetworkIds(ctx, ids, a.vpc_security_group_ids ?? []);
      const res = await send(ctx, 'ec2', 'RunInstances', {
        ImageId: image,
        InstanceType: a.instance_type ?? 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: groups.length ? groups : undefined,
        TagSpecifications: tagSpec('instance', a.tags),
      });
      return { id: res.Instances[0].InstanceId, type: 'AWS::EC2::Instance' };
    },
  ],
  [
    'aws_dynamodb_table',
    async (ctx, a) => {
      const keys = [{ AttributeName: a.hash_key, KeyType: 'HASH' }, ...(a.range_key ? [{ AttributeName: a.range_key, KeyType: 'RANGE' }] : [])];
      const attrs = (a.attribute ?? []).filter((x: Attrs) => keys.some((k) => k.AttributeName === x.name)).map((x: Attrs) => ({ AttributeName: x.name, AttributeType: x.type }));
      await send(ctx, 'dynamodb', 'CreateTable', { TableName: a.name, KeySchema: keys, AttributeDefinitions: attrs, BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: !!a.deletion_protection_enabled, Tags: tagList(a.tags) });
      return { id: a.name, type: 'AWS::DynamoDB::Table' };
    },
  ],
  [
    'aws_db_subnet_group',
    async (ctx, a, ids) => (
      await send(ctx, 'rds', 'CreateDBSubnetGroup', { DBSubnetGroupName: a.name, DBSubnetGroupDescription: a.description || a.name, SubnetIds: rl(ids, a.subnet_ids), Tags: tagList(a.tags) }),
      { id: a.name, type: 'AWS::RDS::DBSubnetGroup' }
    ),
  ],
  [
    'aws_db_instance',
    async (ctx, a, ids) => {
      // A subnet group the state does not hold is left out (the instance still stands for its data).
      const group = a.db_subnet_group_name ? await send(ctx, 'rds', 'DescribeDBSubnetGroups', { DBSubnetGroupName: a.db_subnet_group_name }).then(() => a.db_subnet_group_name, () => undefined) : undefined;
      await send(ctx, 'rds', 'CreateDBInstance', {
        DBInstanceIdentifier: a.identifier,
        Engine: a.engine ?? 'postgres',
        DBInstanceClass: a.instance_class ?? 'db.t3.micro',
        AllocatedStorage: Number(a.allocated_storage ?? 20),
        MasterUsername: a.username ?? 'admin',
        MasterUserPassword: 'firebreak-sandbox-1',
        DeletionProtection: !!a.deletion_protection,
        BackupRetentionPeriod: a.backup_retention_period,
        DBSubnetGroupName: group,
        VpcSecurityGroupIds: a.vpc_security_group_ids?.length ? await ensureNetworkIds(ctx, ids, a.vpc_security_group_ids) : undefined,
        StorageEncrypted: a.storage_encrypted || undefined,
        KmsKeyId: a.kms_key_id ? r(ids, a.kms_key_id) : undefined,
        Tags: tagList(a.tags),
      });
      return { id: a.identifier, type: 'AWS::RDS::DBInstance' };
    },
  ],
  ['aws_secretsmanager_secret', async (ctx, a) => (await ctx.json!('secretsmanager', 'secretsmanager', '1.1', 'CreateSecret', { Name: a.name, SecretString: 'firebreak-stand-in', ClientRequestToken: randomUUID() }), { id: a.name, type: 'AWS::SecretsManager::Secret' })],
  ['aws_sqs_queue', async (ctx, a) => ({ id: (await ctx.json!('sqs', 'AmazonSQS', '1.0', 'CreateQueue', { QueueName: a.name })).QueueUrl, type: 'AWS::SQS::Queue' })],
  ['aws_sns_topic', async (ctx, a) => ({ id: /<TopicArn>([^<]+)</.exec(await ctx.query!('sns', '2010-03-31', 'CreateTopic', { Name: a.name }))![1], type: 'AWS::SNS::Topic' })],
  ['aws_ecs_cluster', async (ctx, a) => ({ id: (await ctx.json!('ecs', 'AmazonEC2ContainerServiceV20141113', '1.1', 'CreateCluster', { clusterName: a.name })).cluster.clusterArn, type: 'AWS::ECS::Cluster' })],
  [
    'aws_ecs_task_definition',
    async (ctx, a, ids) => {
      const res = await ctx.json!('ecs', 'AmazonEC2ContainerServiceV20141113', '1.1', 'RegisterTaskDefinition', {
        family: a.family,
        containerDefinitions: JSON.parse(a.container_definitions ?? '[]'),
        cpu: a.cpu,
        memory: a.memory,
        networkMode: a.network_mode,
        requiresCompatibilities: a.requires_compatibilities,
        executionRoleArn: a.execution_role_arn ? r(ids, a.execution_role_arn) : undefined,
        taskRoleArn: a.task_role_arn ? r(ids, a.task_role_arn) : undefined,
      });
      return { id: res.taskDefinition.taskDefinitionArn, type: 'AWS::ECS::TaskDefinition' };
    },
  ],
  [
    'aws_lb',
    async (ctx, a, ids) => {
      const params: Record<string, string> = { Name: a.name, Type: a.load_balancer_type ?? 'application', Scheme: a.internal ? 'internal' : 'internet-facing' };
      rl(ids, a.subnets).forEach((s, i) => (params[`Subnets.member.${i + 1}`] = s));
      rl(ids, a.security_groups).forEach((s, i) => (params[`SecurityGroups.member.${i + 1}`] = s));
      const xml = await ctx.query!('elbv2', ELB, 'CreateLoadBalancer', params);
      return { id: /<LoadBalancerArn>([^<]+)</.exec(xml)![1], type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' };
    },
  ],
  [
    'aws_lb_target_group',
    async (ctx, a, ids) => {
      const xml = await ctx.query!('elbv2', ELB, 'CreateTargetGroup', { Name: a.name, Protocol: a.protocol ?? 'HTTP', Port: String(a.port ?? 80), VpcId: String(r(ids, a.vpc_id) ?? ''), TargetType: a.target_type ?? 'instance' });
      return { id: /<TargetGroupArn>([^<]+)</.exec(xml)![1], type: 'AWS::ElasticLoadBalancingV2::TargetGroup' };
    },
  ],
  [
    'aws_lb_listener',
    async (ctx, a, ids) => {
      const action = (a.default_action ?? [])[0] ?? {};
      const params: Record<string, string> = { LoadBalancerArn: String(r(ids, a.load_balancer_arn)), Port: String(a.port ?? 80), Protocol: a.protocol ?? 'HTTP', 'DefaultActions.member.1.Type': action.type ?? 'forward' };
      if (action.type === 'redirect') {
        const rd = (action.redirect ?? [])[0] ?? {};
        Object.assign(params, { 'DefaultActions.member.1.RedirectConfig.Protocol': rd.protocol ?? 'HTTPS', 'DefaultActions.member.1.RedirectConfig.Port': String(rd.port ?? '443'), 'DefaultActions.member.1.RedirectConfig.StatusCode': rd.status_code ?? 'HTTP_301' });
      } else params['DefaultActions.member.1.TargetGroupArn'] = String(r(ids, action.target_group_arn) ?? '');
      if (a.certificate_arn) params['Certificates.member.1.CertificateArn'] = await standInCertificate(ctx, a.certificate_arn, ids);
      if (a.ssl_policy) params.SslPolicy = a.ssl_policy;
      const xml = await ctx.query!('elbv2', ELB, 'CreateListener', params);
      return { id: /<ListenerArn>([^<]+)</.exec(xml)![1], type: 'AWS::ElasticLoadBalancingV2::Listener' };
    },
  ],
  [
    'aws_ecs_service',
    async (ctx, a, ids) => {
      const res = await ctx.json!('ecs', 'AmazonEC2ContainerServiceV20141113', '1.1', 'CreateService', {
        cluster: String(r(ids, a.cluster) ?? '').split('/').pop(),
        serviceName: a.name,
        taskDefinition: String(r(ids, a.task_definition) ?? '').split('/').pop(),
        desiredCount: a.desired_count ?? 1,
        launchType: a.launch_type || undefined,
      });
      return { id: res.service.serviceArn, type: 'AWS::ECS::Service' };
    },
  ],
  [
    'aws_lb_target_group_attachment',
    async (ctx, a, ids) => {
      const group = ids.twinIdOf(a.target_group_arn);
      if (!group) throw new Error(`its target group ${a.target_group_arn} is not in the state`);
      await ctx.query!('elbv2', ELB, 'RegisterTargets', { TargetGroupArn: group, 'Targets.member.1.Id': String(r(ids, a.target_id)), ...(a.port ? { 'Targets.member.1.Port': String(a.port) } : {}) });
      return { id: `${group}/${r(ids, a.target_id)}`, type: 'AWS::ElasticLoadBalancingV2::TargetGroupAttachment' };
    },
  ],
];

/** Where a type comes in the creation order (dependencies first); unknown types last. */
export function creationRank(type: string): number {
  const i = CREATORS.findIndex(([t]) => t === type);
  return i < 0 ? CREATORS.length : i;
}

export const SEEDABLE_TERRAFORM_TYPES: ReadonlySet<string> = new Set(CREATORS.map(([t]) => t));

export async function seedTerraformState(ctx: InventoryContext, text: string, ids: TwinIds): Promise<{ created: number; skipped: { address: string; why: string }[] }> {
  const resources = stateResources(text);
  const skipped: { address: string; why: string }[] = [];
  let created = 0;
  const later: { address: string; run: () => Promise<void> }[] = [];
  for (const res of resources) if (!SEEDABLE_TERRAFORM_TYPES.has(res.type)) skipped.push({ address: res.address, why: `no sandbox recipe for ${res.type}` });
  for (const [type, create] of CREATORS) {
    for (const res of resources.filter((x) => x.type === type)) {
      try {
        const twin = await create(ctx, res.attributes, ids);
        if (!twin) continue;
        created++;
        const realId = typeof res.attributes.id === 'string' ? res.attributes.id : undefined;
        const realArn = typeof res.attributes.arn === 'string' ? res.attributes.arn : undefined;
        // Plain names stay the same in the twin; only ids the emulator generated anew are mapped.
        if (realId && realId !== twin.id && TwinIds.distinctive(realId)) ids.add(realId, twin.id);
        if (realArn && realArn !== realId) ids.add(realArn, twin.arn ?? twin.id);
        ids.bind(res.address, itemKey({ type: twin.type, id: twin.id }));
        if (twin.after) later.push({ address: res.address, run: twin.after });
      } catch (e) {
        skipped.push({ address: res.address, why: (e as Error).message });
      }
    }
  }
  for (const step of later) {
    try {
      await step.run();
    } catch (e) {
      skipped.push({ address: step.address, why: `created, but its rules could not be added: ${(e as Error).message}` });
    }
  }
  return { created, skipped };
}

/**
 * Creates one state resource again (rollback: re-apply what the state describes); returns the new
 * twin key, and the work to do once every resource is back (security-group rules).
 */
export async function recreateStateResource(ctx: InventoryContext, resource: StateResource, ids: TwinIds): Promise<{ key: string; after?: () => Promise<void> } | undefined> {
  const create = CREATORS.find(([type]) => type === resource.type)?.[1];
  if (!create) throw new Error(`no sandbox recipe for ${resource.type}`);
  const twin = await create(ctx, resource.attributes, ids);
  if (!twin) return undefined;
  const realId = typeof resource.attributes.id === 'string' ? resource.attributes.id : undefined;
  if (realId && realId !== twin.id && TwinIds.distinctive(realId)) ids.add(realId, twin.id);
  return { key: itemKey({ type: twin.type, id: twin.id }), after: twin.after };
}
