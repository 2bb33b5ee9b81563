// Synthetic Terraform plan / state JSON for benchmarks: n resources in stacks of ten
// (VPC, two subnets, security group, two instances, RDS instance, S3 bucket, Lambda function
// and its IAM role), one module call per stack, references between them in configuration,
// and a deterministic mix of no-op / update / create / delete / both replace orders.

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const RESOURCES_PER_STACK = 10;

type Json = Record<string, unknown>;
type ChangeKind = 'no-op' | 'update' | 'create' | 'delete' | 'delete,create' | 'create,delete';

interface Spec {
  type: string;
  name: string;
  index?: number;
  values: Json;
}

/** Deterministic pseudo-random hex id from a counter. */
function hex(seed: number, length: number): string {
  let x = (seed * 2654435761) >>> 0;
  let out = '';
  while (out.length < length) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/**
 * `benchmark` (the default, what every ratio so far was measured on): 60% no-op, 40% changes.
 * `realistic`: a routine apply to a large estate, where Terraform lists every resource and a few
 * change: 95% no-op, 3% update, 1% create, 0.5% delete, 0.5% replace.
 */
export type ChangeMix = 'benchmark' | 'realistic';

function realisticKindOf(seed: number): ChangeKind {
  const roll = parseInt(hex(seed + 7919, 4), 16) % 1000;
  if (roll < 950) return 'no-op';
  if (roll < 980) return 'update';
  if (roll < 990) return 'create';
  if (roll < 995) return 'delete';
  return 'delete,create';
}

function changeKindOf(seed: number, mix: ChangeMix = 'benchmark'): ChangeKind {
  if (mix === 'realistic') return realisticKindOf(seed);
  const roll = parseInt(hex(seed + 7919, 4), 16) % 100;
  if (roll < 60) return 'no-op';
  if (roll < 75) return 'update';
  if (roll < 85) return 'create';
  if (roll < 92) return 'delete';
  if (roll < 97) return 'delete,create';
  return 'create,delete';
}

function stackResources(stack: number, env: string): Spec[] {
  const tags = { Name: `stack-${stack}`, Env: env, Team: `team-${stack % 17}` };
  const vpcId = `vpc-${hex(stack * 10 + 1, 17)}`;
  const subnetIds = [0, 1].map((i) => `subnet-${hex(stack * 10 + 2 + i, 17)}`);
  const sgId = `sg-${hex(stack * 10 + 4, 17)}`;
  const roleName = `stack-${stack}-lambda`;
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  return [
    { type: 'aws_vpc', name: 'main', values: { id: vpcId, arn: arn('ec2', `vpc/${vpcId}`), cidr_block: `10.${stack % 256}.0.0/16`, tags, tags_all: tags } },
    ...subnetIds.map((id, i) => ({
      type: 'aws_subnet',
      name: 'private',
      index: i,
      values: { id, arn: arn('ec2', `subnet/${id}`), vpc_id: vpcId, cidr_block: `10.${stack % 256}.${i}.0/24`, availability_zone: `${REGION}${'ab'[i]}`, tags, tags_all: tags },
    })),
    {
      type: 'aws_security_group',
      name: 'app',
      values: { id: sgId, arn: arn('ec2', `security-group/${sgId}`), name: `stack-${stack}-app`, vpc_id: vpcId, ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }], tags, tags_all: tags },
    },
    ...[0, 1].map((i) => {
      const id = `i-${hex(stack * 10 + 5 + i, 17)}`;
      return {
        type: 'aws_instance',
        name: 'app',
        index: i,
        values: {
          id,
          arn: arn('ec2', `instance/${id}`),
          ami: 'ami-0abcdef1234567890',
          instance_type: 't3.micro',
          subnet_id: subnetIds[i],
          vpc_security_group_ids: [sgId],
          disable_api_termination: false,
          root_block_device: [{ delete_on_termination: true, volume_id: `vol-${hex(stack * 10 + 5 + i, 17)}`, volume_size: 20 }],
          tags,
          tags_all: tags,
        },
      };
    }),
    {
      type: 'aws_db_instance',
      name: 'db',
      values: {
        id: `db-${hex(stack * 10 + 7, 26).toUpperCase()}`,
        arn: arn('rds', `db:stack-${stack}-db`),
        identifier: `stack-${stack}-db`,
        engine: 'postgres',
        instance_class: 'db.t3.micro',
        allocated_storage: 20,
        skip_final_snapshot: stack % 3 === 0,
        final_snapshot_identifier: stack % 3 === 0 ? null : `stack-${stack}-final`,
        deletion_protection: stack % 5 === 0,
        backup_retention_period: stack % 4 === 0 ? 0 : 7,
        vpc_security_group_ids: [sgId],
        endpoint: `stack-${stack}-db.c${hex(stack, 12)}.${REGION}.rds.amazonaws.com:5432`,
        tags,
        tags_all: tags,
      },
    },
    {
      type: 'aws_s3_bucket',
      name: 'data',
      values: { id: `stack-${stack}-data-${hex(stack, 8)}`, arn: `arn:aws:s3:::stack-${stack}-data-${hex(stack, 8)}`, bucket: `stack-${stack}-data-${hex(stack, 8)}`, force_destroy: stack % 7 === 0, tags, tags_all: tags },
    },
    {
      type: 'aws_iam_role',
      name: 'lambda',
      values: {
        id: roleName,
        arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        name: roleName,
        assume_role_policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}',
        tags,
        tags_all: tags,
      },
    },
    {
      type: 'aws_lambda_function',
      name: 'handler',
      values: {
        id: `stack-${stack}-handler`,
        arn: arn('lambda', `function:stack-${stack}-handler`),
        function_name: `stack-${stack}-handler`,
        role: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
        runtime: 'nodejs20.x',
        handler: 'index.handler',
        environment: [{ variables: { BUCKET: `stack-${stack}-data-${hex(stack, 8)}` } }],
        tags,
        tags_all: tags,
      },
    },
  ];
}

const refs = (...addresses: string[]) => ({ references: addresses.flatMap((a) => [`${a}.id`, a]) });

/** The module body every stack calls (Terraform repeats it per call in plan JSON). */
function stackModuleConfig(): Json {
  const resource = (type: string, name: string, expressions: Json, extra: Json = {}) => ({
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_config_key: 'aws',
    expressions,
    schema_version: 0,
    ...extra,
  });
  return {
    resources: [
      resource('aws_vpc', 'main', { cidr_block: { references: ['var.cidr'] }, tags: { references: ['var.tags'] } }),
      resource('aws_subnet', 'private', { vpc_id: refs('aws_vpc.main'), cidr_block: { references: ['var.cidr'] } }, { count_expression: { constant_value: 2 } }),
      resource('aws_security_group', 'app', { vpc_id: refs('aws_vpc.main'), ingress: [{ cidr_blocks: { constant_value: ['0.0.0.0/0'] } }] }),
      resource(
        'aws_instance',
        'app',
        { subnet_id: { references: ['aws_subnet.private', 'count.index'] }, vpc_security_group_ids: refs('aws_security_group.app'), root_block_device: [{ volume_size: { constant_value: 20 } }] },
        { count_expression: { constant_value: 2 } },
      ),
      resource('aws_db_instance', 'db', { vpc_security_group_ids: refs('aws_security_group.app'), skip_final_snapshot: { references: ['var.skip_final_snapshot'] } }),
      resource('aws_s3_bucket', 'data', { bucket: { references: ['var.name'] } }),
      resource('aws_iam_role', 'lambda', { name: { references: ['var.name'] } }),
      resource('aws_lambda_function', 'handler', {
        role: { references: ['aws_iam_role.lambda.arn', 'aws_iam_role.lambda'] },
        environment: [{ variables: { references: ['aws_s3_bucket.data.bucket', 'aws_s3_bucket.data'] } }],
        kms_key_arn: { references: ['var.kms_key_arn'] },
      }),
    ],
    variables: { cidr: {}, tags: {}, name: {}, skip_final_snapshot: {}, kms_key_arn: {} },
    outputs: { vpc_id: { expression: refs('aws_vpc.main') } },
  };
}

function moduleAddress(stack: number): string {
  return `module.stack_${stack}`;
}

function instanceAddress(stack: number, spec: Spec): string {
  return `${moduleAddress(stack)}.${spec.type}.${spec.name}${spec.index === undefined ? '' : `[${spec.index}]`}`;
}

function stateResource(stack: number, spec: Spec, values: Json): Json {
  const resource: Json = { address: instanceAddress(stack, spec), mode: 'managed', type: spec.type, name: spec.name, provider_name: PROVIDER, schema_version: 0, values, sensitive_values: {} };
  if (spec.index !== undefined) resource.index = spec.index;
  return resource;
}

function stackCount(n: number): number {
  return Math.max(1, Math.ceil(n / RESOURCES_PER_STACK));
}

/** A plan as `terraform show -json` writes it, with about n resource_changes. */
export function generateTerraformPlan(n: number, mix: ChangeMix = 'benchmark'): object {
  const priorModules: Json[] = [];
  const plannedModules: Json[] = [];
  const resourceChanges: Json[] = [];
  const moduleCalls: Json = {};
  const kmsKey = { address: 'aws_kms_key.shared', mode: 'managed', type: 'aws_kms_key', name: 'shared', provider_config_key: 'aws', expressions: { deletion_window_in_days: { constant_value: 30 } }, schema_version: 0 };
  const body = stackModuleConfig();
  let seed = 0;
  for (let stack = 0; stack < stackCount(n); stack++) {
    const env = stack % 4 === 0 ? 'prod' : 'dev';
    const prior: Json[] = [];
    const planned: Json[] = [];
    for (const spec of stackResources(stack, env)) {
      if (resourceChanges.length >= n) break;
      const kind = changeKindOf(seed++, mix);
      const address = instanceAddress(stack, spec);
      const after: Json = kind === 'update' ? { ...spec.values, instance_type: 't3.small', tags: { ...(spec.values.tags as Json), Revision: 'r2' } } : spec.values;
      if (kind !== 'create') prior.push(stateResource(stack, spec, spec.values));
      if (kind !== 'delete') planned.push(stateResource(stack, spec, after));
      const change: Json = {
        actions: kind.split(','),
        before: kind === 'create' ? null : spec.values,
        after: kind === 'delete' ? null : kind.includes(',') || kind === 'create' ? { ...spec.values, id: undefined, arn: undefined } : after,
        after_unknown: kind.includes('create') ? { id: true, arn: true } : {},
        before_sensitive: {},
        after_sensitive: {},
      };
      if (kind.includes(',')) change.replace_paths = [[spec.type === 'aws_db_instance' ? 'identifier' : 'tags', 'Name']];
      const rc: Json = { address, module_address: moduleAddress(stack), mode: 'managed', type: spec.type, name: spec.name, provider_name: PROVIDER, change };
      if (spec.index !== undefined) rc.index = spec.index;
      if (kind.includes(',')) rc.action_reason = 'replace_because_cannot_update';
      if (kind === 'delete' && seed % 2 === 0) rc.action_reason = 'delete_because_no_resource_config';
      resourceChanges.push(rc);
    }
    priorModules.push({ address: moduleAddress(stack), resources: prior });
    plannedModules.push({ address: moduleAddress(stack), resources: planned });
    moduleCalls[`stack_${stack}`] = {
      source: './modules/stack',
      expressions: {
        cidr: { constant_value: `10.${stack % 256}.0.0/16` },
        name: { constant_value: `stack-${stack}` },
        tags: { constant_value: { Env: env } },
        skip_final_snapshot: { constant_value: stack % 3 === 0 },
        kms_key_arn: { references: ['aws_kms_key.shared.arn', 'aws_kms_key.shared'] },
      },
      module: body,
    };
  }
  const kmsValues = { id: hex(1, 32), arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${hex(1, 32)}`, deletion_window_in_days: 30 };
  const kmsState = { address: 'aws_kms_key.shared', mode: 'managed', type: 'aws_kms_key', name: 'shared', provider_name: PROVIDER, schema_version: 0, values: kmsValues };
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [kmsState], child_modules: plannedModules } },
    resource_changes: resourceChanges,
    prior_state: { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources: [kmsState], child_modules: priorModules } } },
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: PROVIDER, expressions: { region: { constant_value: REGION } } } },
      root_module: { resources: [kmsKey], module_calls: moduleCalls },
    },
    timestamp: '2026-01-01T00:00:00Z',
    complete: true,
    errored: false,
  };
}

/** A raw `terraform.tfstate` (version 4) with about n resource instances and their dependencies. */
export function generateTerraformState(n: number): object {
  const resources: Json[] = [];
  const dependenciesOf: Record<string, string[]> = {
    aws_subnet: ['aws_vpc.main'],
    aws_security_group: ['aws_vpc.main'],
    aws_instance: ['aws_subnet.private', 'aws_security_group.app'],
    aws_db_instance: ['aws_security_group.app'],
    aws_lambda_function: ['aws_iam_role.lambda', 'aws_s3_bucket.data'],
  };
  let count = 0;
  for (let stack = 0; stack < stackCount(n) && count < n; stack++) {
    const byBlock = new Map<string, Json>();
    for (const spec of stackResources(stack, stack % 4 === 0 ? 'prod' : 'dev')) {
      if (count++ >= n) break;
      const key = `${spec.type}.${spec.name}`;
      let block = byBlock.get(key);
      if (!block) {
        block = { module: moduleAddress(stack), mode: 'managed', type: spec.type, name: spec.name, provider: `provider["${PROVIDER}"]`, instances: [] };
        if (spec.index !== undefined) block.each = 'list';
        byBlock.set(key, block);
        resources.push(block);
      }
      const instance: Json = {
        schema_version: 0,
        attributes: spec.values,
        sensitive_attributes: [],
        dependencies: (dependenciesOf[spec.type] ?? []).map((d) => `${moduleAddress(stack)}.${d}`),
      };
      if (spec.index !== undefined) instance.index_key = spec.index;
      (block.instances as Json[]).push(instance);
    }
  }
  return { version: 4, terraform_version: '1.9.5', serial: 42, lineage: '0b8c3f0e-5d7a-4c1e-9a57-3c2b1f0e9d11', outputs: {}, resources, check_results: null };
}
