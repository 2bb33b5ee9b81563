// Seeds the twin from Terraform state: each resource of a common aws_* type is created with
// the equivalent API call, keeping its name and tags; ids the emulator generates (vpc-, subnet-,
// sg-) are mapped from the state's ids so dependent resources and replayed commands follow them.
import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import type { TwinIds } from '../replay/twin-ids.js';

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

type Creator = (ctx: InventoryContext, a: Attrs, ids: TwinIds) => Promise<string | undefined>;

/** Creation order follows the dependency order of these types (VPC before subnet, ...). */
const CREATORS: [string, Creator][] = [
  ['aws_vpc', async (ctx, a) => (await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: a.cidr_block ?? '10.0.0.0/16', TagSpecifications: tagSpec('vpc', a.tags) })).Vpc?.VpcId],
  ['aws_subnet', async (ctx, a, ids) => (await send(ctx, 'ec2', 'CreateSubnet', { VpcId: ids.rewrite(a.vpc_id).value, CidrBlock: a.cidr_block, AvailabilityZone: a.availability_zone, TagSpecifications: tagSpec('subnet', a.tags) })).Subnet?.SubnetId],
  ['aws_security_group', async (ctx, a, ids) => (await send(ctx, 'ec2', 'CreateSecurityGroup', { GroupName: a.name, Description: a.description || a.name, VpcId: a.vpc_id ? ids.rewrite(a.vpc_id).value : undefined, TagSpecifications: tagSpec('security-group', a.tags) })).GroupId],
  ['aws_s3_bucket', async (ctx, a) => (await send(ctx, 's3', 'CreateBucket', { Bucket: a.bucket }), a.bucket)],
  ['aws_iam_role', async (ctx, a) => (await send(ctx, 'iam', 'CreateRole', { RoleName: a.name, Path: a.path, AssumeRolePolicyDocument: a.assume_role_policy, Tags: tagList(a.tags) })).Role?.RoleName],
  ['aws_iam_user', async (ctx, a) => (await send(ctx, 'iam', 'CreateUser', { UserName: a.name, Path: a.path, Tags: tagList(a.tags) })).User?.UserName],
  [
    'aws_dynamodb_table',
    async (ctx, a) => {
      const keys = [
        { AttributeName: a.hash_key, KeyType: 'HASH' },
        ...(a.range_key ? [{ AttributeName: a.range_key, KeyType: 'RANGE' }] : []),
      ];
      const attrs = (a.attribute ?? []).filter((x: Attrs) => keys.some((k) => k.AttributeName === x.name)).map((x: Attrs) => ({ AttributeName: x.name, AttributeType: x.type }));
      await send(ctx, 'dynamodb', 'CreateTable', { TableName: a.name, KeySchema: keys, AttributeDefinitions: attrs, BillingMode: 'PAY_PER_REQUEST', DeletionProtectionEnabled: !!a.deletion_protection_enabled, Tags: tagList(a.tags) });
      return a.name;
    },
  ],
  [
    'aws_db_instance',
    async (ctx, a) => {
      await send(ctx, 'rds', 'CreateDBInstance', {
        DBInstanceIdentifier: a.identifier,
        Engine: a.engine ?? 'postgres',
        DBInstanceClass: a.instance_class ?? 'db.t3.micro',
        AllocatedStorage: Number(a.allocated_storage ?? 20),
        MasterUsername: a.username ?? 'admin',
        MasterUserPassword: 'firebreak-sandbox-1',
        DeletionProtection: !!a.deletion_protection,
        BackupRetentionPeriod: a.backup_retention_period,
        Tags: tagList(a.tags),
      });
      return a.identifier;
    },
  ],
];

function tagSpec(resourceType: string, tags: Attrs | undefined) {
  const list = tagList(tags);
  return list.length ? [{ ResourceType: resourceType, Tags: list }] : undefined;
}

export async function seedTerraformState(ctx: InventoryContext, text: string, ids: TwinIds): Promise<{ created: number; skipped: { address: string; why: string }[] }> {
  const resources = stateResources(text);
  const skipped: { address: string; why: string }[] = [];
  let created = 0;
  const known = new Set(CREATORS.map(([t]) => t));
  for (const r of resources) if (!known.has(r.type)) skipped.push({ address: r.address, why: `no sandbox recipe for ${r.type}` });
  for (const [type, create] of CREATORS) {
    for (const r of resources.filter((x) => x.type === type)) {
      try {
        const twinId = await create(ctx, r.attributes, ids);
        if (twinId && r.attributes.id) ids.add(String(r.attributes.id), twinId);
        created++;
      } catch (e) {
        skipped.push({ address: r.address, why: (e as Error).message });
      }
    }
  }
  return { created, skipped };
}
