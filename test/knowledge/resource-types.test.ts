import { describe, expect, it } from 'vitest';
import {
  allResourceFacts, cfnTypeFor, factsFor, implicitDependencyRules, keysOf, relevantAttributes, terraformTypesFor, valuesAt,
} from '../../src/knowledge/index.js';

describe('resource type lookups', () => {
  const main = allResourceFacts().filter((f) => !f.partOf);

  it('knows at least 45 types under both names', () => {
    const both = main.filter((f) => f.cfnType.startsWith('AWS::') && f.terraformTypes.length > 0);
    expect(both.length).toBeGreaterThanOrEqual(45);
    for (const f of both) {
      expect(factsFor(f.cfnType)).toBe(f);
      for (const tf of f.terraformTypes) expect(factsFor(tf)).toBe(f);
    }
  });

  it('has no Terraform type or CloudFormation type twice', () => {
    const tf = allResourceFacts().flatMap((f) => f.terraformTypes);
    expect(new Set(tf).size).toBe(tf.length);
    const cfn = main.map((f) => f.cfnType);
    expect(new Set(cfn).size).toBe(cfn.length);
  });

  it('maps both directions', () => {
    expect(cfnTypeFor('aws_db_instance')).toBe('AWS::RDS::DBInstance');
    expect(cfnTypeFor('aws_alb')).toBe('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(cfnTypeFor('AWS::DynamoDB::Table')).toBe('AWS::DynamoDB::Table');
    expect(terraformTypesFor('AWS::RDS::DBInstance')).toEqual(['aws_db_instance', 'aws_rds_cluster_instance']);
    expect(terraformTypesFor('aws_lb')).toEqual(['aws_lb', 'aws_alb']);
    expect(factsFor('aws_nonexistent')).toBeUndefined();
    expect(cfnTypeFor('AWS::Made::Up')).toBeUndefined();
  });

  it('folds Terraform sub-resources into their CloudFormation parent', () => {
    expect(cfnTypeFor('aws_s3_bucket_versioning')).toBe('AWS::S3::Bucket');
    expect(factsFor('aws_s3_bucket_versioning')!.stateful).toBe(false);
    expect(factsFor('AWS::S3::Bucket')!.terraformTypes).toEqual(['aws_s3_bucket']);
    expect(terraformTypesFor('AWS::S3::Bucket')).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block']));
  });

  it('marks data holders and identities', () => {
    for (const t of ['aws_db_instance', 'aws_rds_cluster', 'aws_dynamodb_table', 'aws_s3_bucket', 'aws_ebs_volume', 'aws_efs_file_system', 'aws_kms_key', 'aws_secretsmanager_secret']) {
      expect(factsFor(t)!.stateful, t).toBe(true);
    }
    for (const t of ['aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_lambda_function', 'aws_iam_role', 'aws_ecs_service']) {
      expect(factsFor(t)!.stateful, t).toBe(false);
    }
    for (const t of ['aws_iam_user', 'aws_iam_access_key', 'aws_route53_zone', 'aws_kms_key', 'aws_eip']) expect(factsFor(t)!.identity, t).toBeTruthy();
  });

  it('lists the attributes a world source must keep', () => {
    expect(relevantAttributes('aws_db_instance')).toEqual(
      expect.arrayContaining(['identifier', 'skip_final_snapshot', 'final_snapshot_identifier', 'delete_automated_backups', 'backup_retention_period', 'deletion_protection']),
    );
  });
});

describe('implicit dependency rules', () => {
  const rules = implicitDependencyRules();
  const find = (dependent: string, attr: string) => rules.filter((r) => r.dependentTerraformTypes.includes(dependent) && r.terraformAttribute === attr);

  it('covers the usual AWS wiring in both spellings', () => {
    expect(find('aws_subnet', 'vpc_id')[0]).toMatchObject({ cfnProperty: 'VpcId', dependencyType: 'AWS::EC2::VPC', dependencyTerraformTypes: ['aws_vpc', 'aws_default_vpc'] });
    expect(find('aws_instance', 'iam_instance_profile')[0]!.dependencyType).toBe('AWS::IAM::InstanceProfile');
    expect(find('aws_lambda_function', 'role')[0]).toMatchObject({ cfnProperty: 'Role', dependencyType: 'AWS::IAM::Role' });
    expect(find('aws_ecs_service', 'load_balancer.target_group_arn')[0]!.dependencyType).toBe('AWS::ElasticLoadBalancingV2::TargetGroup');
    expect(find('aws_db_instance', 'db_subnet_group_name')[0]!.cfnProperty).toBe('DBSubnetGroupName');
    expect(find('aws_s3_bucket_versioning', 'bucket')[0]).toMatchObject({ dependentType: 'AWS::S3::Bucket', dependentTerraformTypes: ['aws_s3_bucket_versioning'] });
  });

  it('paths reach values in Terraform nested blocks and CFN objects', () => {
    const service = { network_configuration: [{ subnets: ['subnet-1', 'subnet-2'], security_groups: ['sg-1'] }] };
    expect(valuesAt(service, 'network_configuration.subnets')).toEqual(['subnet-1', 'subnet-2']);
    const cfn = { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'SubnetA' }] } } };
    expect(valuesAt(cfn, 'NetworkConfiguration.AwsvpcConfiguration.Subnets')).toEqual([{ Ref: 'SubnetA' }]);
  });
});

// Terraform attribute names checked against plan JSON written by real Terraform runs
// (shared/fixtures/public/infracost, terraform_v0.14_plan.json and example_plan.json).
const PROVIDER_ATTRIBUTES: Record<string, string[]> = {
  aws_db_instance: [
    'identifier', 'deletion_protection', 'skip_final_snapshot', 'final_snapshot_identifier', 'backup_retention_period',
    'delete_automated_backups', 'db_subnet_group_name', 'vpc_security_group_ids', 'kms_key_id', 'parameter_group_name', 'monitoring_role_arn',
  ],
  aws_dynamodb_table: ['name', 'point_in_time_recovery', 'server_side_encryption', 'deletion_protection_enabled'],
  aws_s3_bucket: ['bucket', 'force_destroy', 'versioning'],
  aws_instance: ['disable_api_termination', 'root_block_device', 'subnet_id', 'vpc_security_group_ids', 'iam_instance_profile', 'key_name'],
  aws_lambda_function: ['function_name', 'role', 'vpc_config', 'kms_key_arn'],
};

describe('rule attributes exist in the schemas', () => {
  it('Terraform attributes used by rules appear in real provider output', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const dir = new URL('../../../shared/fixtures/public/infracost/', import.meta.url);
    const seen = new Map<string, Set<string>>();
    for (const file of ['terraform_v0.14_plan.json', 'example_plan.json', 'breakdown_with_policy_data_upload_plan_json_plan.json']) {
      const path = new URL(file, dir);
      if (!existsSync(path)) continue;
      const plan = JSON.parse(readFileSync(path, 'utf8'));
      for (const r of plan.planned_values?.root_module?.resources ?? []) {
        const keys = seen.get(r.type) ?? new Set<string>();
        for (const k of Object.keys(r.values ?? {})) keys.add(k);
        seen.set(r.type, keys);
      }
    }
    if (seen.size === 0) return; // fixtures not present on this machine
    let checked = 0;
    for (const [type, attrs] of Object.entries(PROVIDER_ATTRIBUTES)) {
      const keys = seen.get(type);
      if (!keys) continue;
      // Attributes the provider added after these plans were written (delete_automated_backups: v3.x+).
      const newer = new Set(['deletion_protection_enabled', 'versioning', 'delete_automated_backups', 'monitoring_role_arn', 'kms_key_arn', 'vpc_config', 'server_side_encryption', 'point_in_time_recovery', 'root_block_device']);
      for (const a of attrs) if (!newer.has(a) || keys.has(a)) { expect(keys.has(a), `${type}.${a}`).toBe(true); checked++; }
    }
    expect(checked).toBeGreaterThan(10);
    // And every Terraform key the rules read for these types is in the list above
    // (cluster_identifier belongs to aws_rds_cluster_instance, which shares the entry;
    // versioning_configuration is read from the aws_s3_bucket_versioning sub-resource).
    const generic = new Set(['id', 'lifecycle', 'prevent_destroy', 'arn', 'cluster_identifier', 'versioning_configuration']);
    for (const type of Object.keys(PROVIDER_ATTRIBUTES)) {
      for (const attr of relevantAttributes(type).filter((a) => /^[a-z_]+$/.test(a) && !generic.has(a))) {
        expect(PROVIDER_ATTRIBUTES[type], `${type}.${attr}`).toContain(attr);
      }
    }
  });

  it('CloudFormation properties used by rules and dependencies exist in the resource spec', async () => {
    const { loadAwsServiceSpecSync } = await import('@aws-cdk/aws-service-spec');
    const db = loadAwsServiceSpecSync();
    const NOT_PROPERTIES = new Set(['DeletionPolicy', 'UpdateReplacePolicy', 'PolicyAction']);

    function propertyExists(cfnType: string, path: string): boolean {
      const resource = db.lookup('resource', 'cloudFormationType', 'equals', cfnType).only();
      let props: Record<string, { type: unknown }> | undefined = resource.properties as never;
      for (const segment of path.split('.')) {
        const prop = props?.[segment];
        if (!prop) return false;
        props = nestedProperties(prop.type);
      }
      return true;
    }
    function nestedProperties(type: unknown): Record<string, { type: unknown }> | undefined {
      const t = type as { type: string; reference?: { $ref: string }; element?: unknown };
      if (t.type === 'ref' && t.reference) return (db.get('typeDefinition', t.reference.$ref) as { properties: Record<string, { type: unknown }> }).properties;
      if ((t.type === 'array' || t.type === 'map') && t.element) return nestedProperties(t.element);
      return undefined;
    }

    const problems: string[] = [];
    let checked = 0;
    for (const facts of allResourceFacts().filter((f) => !f.partOf)) {
      const keys = [
        ...(facts.nameKeys ?? []),
        ...(facts.deletion ?? []).flatMap((r) => r.when.map((c) => c.keys)),
        ...(facts.destructiveUpdates ?? []).map((u) => u.keys),
      ];
      for (const path of keys.flatMap((k) => keysOf(k.cfn))) {
        if (NOT_PROPERTIES.has(path)) continue;
        checked++;
        if (!propertyExists(facts.cfnType, path)) problems.push(`${facts.cfnType}.${path}`);
      }
    }
    for (const rule of implicitDependencyRules()) {
      if (!rule.cfnProperty) continue;
      checked++;
      if (!propertyExists(rule.dependentType, rule.cfnProperty)) problems.push(`${rule.dependentType}.${rule.cfnProperty}`);
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  }, 30_000);
});
