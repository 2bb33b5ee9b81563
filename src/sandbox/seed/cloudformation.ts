import { parseTemplate } from '../../intake/cloudformation/index.js';
import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import type { TwinIds } from '../replay/twin-ids.js';
import { firstStackFailure, placeholderParameters, settleStack, STACK_CAPABILITIES } from '../stacks.js';
import { twinTemplate, unmodelledTypes } from './twin-template.js';
import { placeholderObjects } from './stand-ins.js';

export interface StackSource {
  name: string;
  templateText: string;
  file: string;
  /** Parameter values; parameters without a value or Default get a placeholder. */
  parameters?: Record<string, string>;
}

export interface SeededStack {
  name: string;
  file: string;
  status: string;
  stackId?: string;
  /** Resources the twin leaves out, and why. */
  omitted: { logicalId: string; type: string; why: string }[];
  /** The parameter values the twin deployed with (stand-ins for ids of resources outside the stack). */
  parameters: Record<string, string>;
  error?: string;
  ms: number;
}

/** The JSON template body the twin deploys for `source` (types the engine cannot deploy left out). */
export function twinBody(source: StackSource, supported?: ReadonlySet<string>): { body: Record<string, unknown>; omitted: SeededStack['omitted'] } {
  const template = parseTemplate(source.templateText, source.file);
  return twinTemplate(template.body, unmodelledTypes(template.body, supported));
}

/** Parameter types that name a resource outside the stack: the twin creates a stand-in for each. */
const ID_PARAMETER = /^(List<)?AWS::EC2::(VPC|Subnet|SecurityGroup)::Id>?$/;

/**
 * Values for parameters that name existing VPCs, subnets and security groups: production's ids do
 * not exist in the twin, so a stand-in is created for each with the SAME id (LocalStack's
 * `_custom_id_`), once per id (shared with Terraform seeding and other stacks). The template's
 * defaults and commands that name those ids then work in the twin unchanged.
 */
export async function standInParameters(ctx: InventoryContext, body: Record<string, unknown>, given: Record<string, string> = {}, ids?: TwinIds): Promise<Record<string, string>> {
  const params = (body.Parameters ?? {}) as Record<string, { Type?: string; Default?: unknown }>;
  const out: Record<string, string> = { ...given };
  const typed = Object.entries(params).filter(([, p]) => ID_PARAMETER.test(String(p?.Type ?? '')));
  if (!typed.length) return out;
  const value = (key: string, p: { Default?: unknown }) => String(given[key] ?? p.Default ?? '').split(',').map((v) => v.trim()).filter(Boolean);
  let vpc: string | undefined;
  const exists = async (kind: 'Vpc' | 'Subnet' | 'SecurityGroup', id: string) =>
    send(ctx, 'ec2', `Describe${kind}s`, { [kind === 'SecurityGroup' ? 'GroupIds' : `${kind}Ids`]: [id] }).then((r) => ((r[`${kind}s`] ?? []) as unknown[]).length > 0, () => false);
  // VPCs first: subnets and groups go into the stand-in VPC.
  for (const [key, p] of typed.filter(([, p]) => /VPC/.test(String(p.Type)))) {
    const real = value(key, p)[0];
    const twin = real ? ids?.twinIdOf(real) ?? real : undefined;
    if (twin && (await exists('Vpc', twin))) vpc = twin;
    else vpc = (await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: `10.${200 + ((ids?.size ?? 0) % 50)}.0.0/16`, TagSpecifications: standInTags('vpc', real) })).Vpc.VpcId as string;
    out[key] = vpc;
  }
  let subnetIndex = 0;
  for (const [key, p] of typed.filter(([, p]) => !/VPC/.test(String(p.Type)))) {
    const reals = value(key, p);
    vpc ??= (await send(ctx, 'ec2', 'CreateVpc', { CidrBlock: '10.249.0.0/16', TagSpecifications: standInTags('vpc') })).Vpc.VpcId as string;
    const twins: string[] = [];
    for (const real of reals.length ? reals : [undefined]) {
      const known = real ? ids?.twinIdOf(real) ?? real : undefined;
      const subnet = /Subnet/.test(String(p.Type));
      if (known && (await exists(subnet ? 'Subnet' : 'SecurityGroup', known))) {
        twins.push(known);
        continue;
      }
      let created: string;
      if (subnet) {
        const cidrBase = (await send(ctx, 'ec2', 'DescribeVpcs', { VpcIds: [vpc] })).Vpcs?.[0]?.CidrBlock?.split('.').slice(0, 2).join('.') ?? '10.200';
        created = (await send(ctx, 'ec2', 'CreateSubnet', { VpcId: vpc, CidrBlock: `${cidrBase}.${100 + subnetIndex}.0/24`, AvailabilityZone: `us-east-1${'abcdef'[subnetIndex % 6]}`, TagSpecifications: standInTags('subnet', real) })).Subnet.SubnetId;
        subnetIndex++;
      } else {
        created = (await send(ctx, 'ec2', 'CreateSecurityGroup', { GroupName: `firebreak-stand-in-${real ?? key}`, Description: `stand-in for ${real ?? key}`, VpcId: vpc, TagSpecifications: standInTags('security-group', real) })).GroupId;
      }
      if (real && created !== real) ids?.add(real, created);
      twins.push(created);
    }
    out[key] = twins.join(',');
  }
  return out;
}

/** Tags of a stand-in: what it stands for, and `_custom_id_` so it keeps production's id. */
function standInTags(resourceType: string, real?: string) {
  return [{ ResourceType: resourceType, Tags: [{ Key: 'firebreak:stand-in-for', Value: real ?? 'a parameter without a value' }, ...(real ? [{ Key: '_custom_id_', Value: real }] : [])] }];
}

/** Deploys the template as the same stack name (CreateStack, then polls to completion). */
export async function seedStack(ctx: InventoryContext, source: StackSource, ids?: TwinIds): Promise<SeededStack> {
  const started = Date.now();
  let omitted: SeededStack['omitted'] = [];
  let parameters: Record<string, string> = { ...(source.parameters ?? {}) };
  try {
    const twin = twinBody(source, ctx.cfnTypes);
    omitted = twin.omitted;
    parameters = await standInParameters(ctx, twin.body, source.parameters, ids);
    const res = await send(ctx, 'cloudformation', 'CreateStack', {
      StackName: source.name,
      TemplateBody: JSON.stringify(twin.body),
      Parameters: placeholderParameters(twin.body, parameters),
      Capabilities: STACK_CAPABILITIES,
    });
    const status = await settleStack(ctx, res.StackId ?? source.name);
    const ok = status === 'CREATE_COMPLETE';
    if (ok) {
      // Production buckets hold data: a delete or an emptying must meet some.
      const resources = await send(ctx, 'cloudformation', 'ListStackResources', { StackName: res.StackId ?? source.name });
      for (const r of resources.StackResourceSummaries ?? []) if (r.ResourceType === 'AWS::S3::Bucket' && r.PhysicalResourceId) await placeholderObjects(ctx, r.PhysicalResourceId);
    }
    return {
      name: source.name,
      file: source.file,
      status,
      stackId: res.StackId,
      omitted,
      parameters,
      error: ok ? undefined : await firstStackFailure(ctx, res.StackId ?? source.name),
      ms: Date.now() - started,
    };
  } catch (e) {
    return { name: source.name, file: source.file, status: 'NOT_CREATED', omitted, parameters, error: (e as Error).message, ms: Date.now() - started };
  }
}
