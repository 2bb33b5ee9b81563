// Stand-ins: what the twin creates for resources production has but no template or state
// describes. A bucket gets a few placeholder objects (a production bucket holds data, and a
// delete, `s3 rm` or `rb --force` must meet some); a policy named by ARN gets a stand-in policy; a
// resource that only a command or API call names is created with the least it needs to exist.
import { randomUUID } from 'node:crypto';
import type { Action } from '../../model.js';
import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import { itemKey, type Inventory } from '../inventory/types.js';
import type { TwinIds } from '../replay/twin-ids.js';

/** Objects put in every seeded bucket: enough for a delete or an emptying to show. */
export const PLACEHOLDER_OBJECTS = 3;

export async function placeholderObjects(ctx: InventoryContext, bucket: string): Promise<void> {
  for (let i = 1; i <= PLACEHOLDER_OBJECTS; i++) {
    await send(ctx, 's3', 'PutObject', { Bucket: bucket, Key: `firebreak-stand-in/object-${i}.txt`, Body: `stand-in for the data production keeps in ${bucket}\n` });
  }
}

const ALLOW_NOTHING = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] });

/**
 * The twin's ARN for a managed policy the state or a command names. AWS-managed policies exist in
 * the emulator; a customer policy of the production account gets a stand-in of the same name.
 */
export async function standInPolicy(ctx: InventoryContext, realArn: string, ids: TwinIds): Promise<string> {
  if (/^arn:aws[\w-]*:iam::aws:policy\//.test(realArn)) return realArn;
  const known = ids.twinIdOf(realArn);
  if (known) return known;
  const m = /^arn:aws[\w-]*:iam::\d{12}:policy(\/.*\/|\/)([^/]+)$/.exec(realArn);
  if (!m) throw new Error(`not a policy ARN: ${realArn}`);
  const created = (await send(ctx, 'iam', 'CreatePolicy', { PolicyName: m[2], Path: m[1], PolicyDocument: ALLOW_NOTHING, Description: `Firebreak stand-in for ${realArn}` })).Policy.Arn as string;
  ids.add(realArn, created);
  return created;
}

/** A certificate the state names (an HTTPS listener's): the twin's ACM gets a stand-in. */
export async function standInCertificate(ctx: InventoryContext, realArn: string, ids: TwinIds): Promise<string> {
  const known = ids.twinIdOf(realArn);
  if (known) return known;
  const arn = (await ctx.json!('acm', 'CertificateManager', '1.1', 'RequestCertificate', { DomainName: 'firebreak-stand-in.example.com' })).CertificateArn as string;
  ids.add(realArn, arn);
  return arn;
}

const STAND_IN_VPC = 'firebreak:stand-in-vpc';

/**
 * Network ids a resource refers to that the twin does not hold (a subnet or security group the
 * state does not list): each gets a stand-in with the same id (LocalStack's `_custom_id_` tag).
 */
export async function ensureNetworkIds(ctx: InventoryContext, ids: TwinIds, refs: (string | undefined)[]): Promise<string[]> {
  const out: string[] = [];
  for (const ref of refs) {
    if (!ref) continue;
    const mapped = ids.twinIdOf(ref) ?? ref;
    const tag = (type: string) => [{ ResourceType: type, Tags: [{ Key: '_custom_id_', Value: ref }, { Key: 'firebreak:stand-in-for', Value: ref }] }];
    if (mapped.startsWith('vpc-')) {
      const found = await send(ctx, 'ec2', 'DescribeVpcs', { VpcIds: [mapped] }).then((r) => r.Vpcs?.length, () => 0);
      if (!found) await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: '10.250.0.0/16', TagSpecifications: tag('vpc') });
    } else if (mapped.startsWith('subnet-')) {
      const found = await send(ctx, 'ec2', 'DescribeSubnets', { SubnetIds: [mapped] }).then((r) => r.Subnets?.length, () => 0);
      if (!found) {
        const vpc = await standInVpc(ctx, ids);
        const n = ids.size % 200;
        await send(ctx, 'ec2', 'CreateSubnet', { VpcId: vpc, CidrBlock: `10.251.${n}.0/24`, TagSpecifications: tag('subnet') });
        ids.add(`${STAND_IN_VPC}:subnet:${n}`, ref);
      }
    } else if (mapped.startsWith('sg-')) {
      const found = await send(ctx, 'ec2', 'DescribeSecurityGroups', { GroupIds: [mapped] }).then((r) => r.SecurityGroups?.length, () => 0);
      if (!found) await send(ctx, 'ec2', 'CreateSecurityGroup', { GroupName: `firebreak-stand-in-${ref}`, Description: `stand-in for ${ref}`, VpcId: await standInVpc(ctx, ids), TagSpecifications: tag('security-group') });
    }
    out.push(mapped);
  }
  return out;
}

async function standInVpc(ctx: InventoryContext, ids: TwinIds): Promise<string> {
  const known = ids.twinIdOf(STAND_IN_VPC);
  if (known) return known;
  const vpc = (await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: '10.251.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'firebreak:stand-in-for', Value: 'networks the state refers to' }] }] })).Vpc.VpcId as string;
  ids.add(STAND_IN_VPC, vpc);
  return vpc;
}

type WorldCreator = (ctx: InventoryContext, name: string, ids: TwinIds) => Promise<{ id: string } | undefined>;

const TRUST_LAMBDA = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** Per type: how to create a resource the twin knows only by the name a command or API call uses. */
const WORLD_CREATORS: Readonly<Record<string, WorldCreator>> = {
  'AWS::S3::Bucket': async (ctx, name) => {
    await send(ctx, 's3', 'CreateBucket', { Bucket: name });
    await placeholderObjects(ctx, name);
    return { id: name };
  },
  'AWS::SecretsManager::Secret': async (ctx, name) => (await ctx.json!('secretsmanager', 'secretsmanager', '1.1', 'CreateSecret', { Name: name, SecretString: 'firebreak-stand-in', ClientRequestToken: randomUUID() }), { id: name }),
  'AWS::KMS::Key': async (ctx, name) => {
    const id = /^[0-9a-f-]{36}$/.test(name) ? name : /key\/([0-9a-f-]{36})$/.exec(name)?.[1];
    if (!id) return undefined;
    return { id: (await ctx.json!('kms', 'TrentService', '1.1', 'CreateKey', { Description: 'Firebreak stand-in', Tags: [{ TagKey: '_custom_id_', TagValue: id }] })).KeyMetadata.KeyId };
  },
  'AWS::IAM::User': async (ctx, name) => (await send(ctx, 'iam', 'CreateUser', { UserName: name }), { id: name }),
  'AWS::IAM::Role': async (ctx, name) => (await send(ctx, 'iam', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: TRUST_LAMBDA }), { id: name }),
  'AWS::SQS::Queue': async (ctx, name) => ({ id: (await ctx.json!('sqs', 'AmazonSQS', '1.0', 'CreateQueue', { QueueName: name.split('/').pop() })).QueueUrl }),
  'AWS::SNS::Topic': async (ctx, name) => ({ id: /<TopicArn>([^<]+)</.exec(await ctx.query!('sns', '2010-03-31', 'CreateTopic', { Name: name.split(':').pop()! }))![1] }),
  'AWS::DynamoDB::Table': async (ctx, name) => (
    await send(ctx, 'dynamodb', 'CreateTable', { TableName: name, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' }),
    { id: name }
  ),
  'AWS::Logs::LogGroup': async (ctx, name) => (await ctx.json!('logs', 'Logs_20140328', '1.1', 'CreateLogGroup', { logGroupName: name }), { id: name }),
  'AWS::SSM::Parameter': async (ctx, name) => (await ctx.json!('ssm', 'AmazonSSM', '1.1', 'PutParameter', { Name: name, Value: 'firebreak-stand-in', Type: 'String' }), { id: name }),
};

/** Creates a stand-in again (rollback: re-create from configuration); it comes back without its data. */
export async function recreateWorldResource(ctx: InventoryContext, type: string, worldId: string, ids: TwinIds): Promise<string | undefined> {
  const key = ids.bindings.get(worldId)?.[0];
  const name = key ? key.slice(key.indexOf('|') + 1) : worldId;
  const create = type === 'AWS::S3::Bucket' ? async () => (await send(ctx, 's3', 'CreateBucket', { Bucket: name }), { id: name }) : WORLD_CREATORS[type];
  if (!create) throw new Error(`no stand-in recipe for ${type}`);
  const made = await create(ctx, name, ids);
  return made ? itemKey({ type, id: made.id }) : undefined;
}

/** A name an action targets that can stand for a resource (not a wildcard, not a description). */
function usableName(action: Action): string | undefined {
  const id = action.target.id;
  const names = [id, ...(action.target.names ?? [])].filter((n) => n && n !== '*' && !/\s/.test(n));
  return names.find((n) => !n.startsWith('arn:')) ?? names[0];
}

/**
 * Creates the resources that actions act on but that no template, state or inventory put in the
 * twin (`aws s3 rb s3://prod-invoices --force` with nothing else known). Creates are left alone:
 * what they create must not exist beforehand.
 */
export async function seedFromActions(
  ctx: InventoryContext,
  actions: Action[],
  twin: Inventory,
  ids: TwinIds,
  /** Resources a template or a state describes: seeded with them (or left out with a reason). */
  describedElsewhere: (id: string) => boolean = () => false,
): Promise<{ created: string[]; skipped: { resource: string; why: string }[] }> {
  const created: string[] = [];
  const skipped: { resource: string; why: string }[] = [];
  const present = new Set(twin.items.flatMap((i) => [`${i.type}|${i.id}`, ...i.names.map((n) => `${i.type}|${n}`)]));
  const seen = new Set<string>();
  // What the actions themselves create must not exist beforehand.
  const createdByActions = new Set(actions.filter((a) => a.operation === 'create').flatMap((a) => [a.target.id, ...(a.target.names ?? [])]));
  for (const action of actions) {
    if (action.operation === 'create' || action.operation === 'unknown') continue;
    if ([action.target.id, ...(action.target.names ?? [])].some((n) => createdByActions.has(n))) continue;
    const type = action.target.type;
    const name = usableName(action);
    if (!type.startsWith('AWS::') || type.startsWith('AWS::CloudFormation::') || !name || describedElsewhere(action.target.id)) continue;
    if (ids.bindings.has(action.target.id) || [action.target.id, ...(action.target.names ?? [])].some((n) => present.has(`${type}|${n}`) || present.has(`${type}|${ids.twinIdOf(n) ?? ''}`))) continue;
    const key = `${type}|${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const create = WORLD_CREATORS[type];
    if (!create) {
      if (action.operation !== 'read') skipped.push({ resource: action.target.id, why: `no stand-in recipe for ${type}` });
      continue;
    }
    try {
      const made = await create(ctx, name, ids);
      if (!made) {
        skipped.push({ resource: action.target.id, why: `${name} cannot name a ${type} in the twin` });
        continue;
      }
      ids.bind(action.target.id, itemKey({ type, id: made.id }));
      if (made.id !== name) ids.add(name, made.id);
      created.push(action.target.id);
    } catch (e) {
      skipped.push({ resource: action.target.id, why: (e as Error).message });
    }
  }
  return { created, skipped };
}
