// Resource knowledge: what each AWS resource type is, whether it holds data, how data
// survives a delete, and which attributes point at other resources. Plain data, cheap to import.
import { IMPLICIT_DEPENDENCY_ROWS } from './implicit-dependencies.js';
import { GENERIC_DELETION_RULES, RESOURCE_TYPES } from './resource-types/index.js';
import type { DeletionRule, ImplicitRule, ResourceFacts, SettingKeys } from './types.js';

export type * from './types.js';
import { keysOf } from './values.js';
export { valuesAt, keysOf, normalizeKey } from './values.js';
export { pseudoFactsFor, type PseudoTypeFacts } from './pseudo-types.js';

const byCfnType = new Map<string, ResourceFacts>();
const byTerraformType = new Map<string, ResourceFacts>();
for (const facts of RESOURCE_TYPES) {
  if (!facts.partOf) byCfnType.set(facts.cfnType.toLowerCase(), facts);
  for (const tf of facts.terraformTypes) byTerraformType.set(tf, facts);
}

/** Facts for a CloudFormation type (`AWS::RDS::DBInstance`) or a Terraform type (`aws_db_instance`). */
export function factsFor(type: string): ResourceFacts | undefined {
  return byTerraformType.get(type) ?? byCfnType.get(type.toLowerCase());
}

/** The CloudFormation type for either spelling (a Terraform sub-resource maps to its parent). */
export function cfnTypeFor(type: string): string | undefined {
  return factsFor(type)?.cfnType;
}

/** Terraform types for either spelling; for a CloudFormation type, also the sub-resources
 *  Terraform splits out of it (aws_s3_bucket_versioning for AWS::S3::Bucket). */
export function terraformTypesFor(type: string): string[] {
  const facts = factsFor(type);
  if (!facts) return [];
  if (byTerraformType.has(type)) return [...facts.terraformTypes];
  const parts = RESOURCE_TYPES.filter((f) => f.partOf === facts.cfnType).flatMap((f) => f.terraformTypes);
  return [...facts.terraformTypes, ...parts];
}

export function allResourceFacts(): readonly ResourceFacts[] {
  return RESOURCE_TYPES;
}

/** Rules that apply to every type, evaluated before the type's own deletion rules. */
export function genericDeletionRules(): readonly DeletionRule[] {
  return GENERIC_DELETION_RULES;
}

let implicitRules: ImplicitRule[] | undefined;

/** Implicit dependency rules, both spellings filled in. */
export function implicitDependencyRules(): ImplicitRule[] {
  implicitRules ??= IMPLICIT_DEPENDENCY_ROWS.map(([dependent, tfAttribute, cfnProperty, dependency]) => {
    const from = factsFor(dependent);
    const to = factsFor(dependency);
    if (!from || !to) throw new Error(`implicit dependency row names an unknown type: ${dependent} -> ${dependency}`);
    const isSubResource = byTerraformType.has(dependent);
    return {
      dependentType: from.cfnType,
      dependentTerraformTypes: isSubResource ? [dependent] : from.terraformTypes,
      ...(tfAttribute ? { terraformAttribute: tfAttribute } : {}),
      ...(cfnProperty ? { cfnProperty } : {}),
      dependencyType: to.cfnType,
      dependencyTerraformTypes: to.terraformTypes,
      detail: `${from.label} -> ${to.label}`,
    };
  });
  return implicitRules;
}

/** Attribute names the knowledge reads for a type (both spellings): a world source that keeps
 *  only some attributes should keep these. */
export function relevantAttributes(type: string): string[] {
  const facts = factsFor(type);
  if (!facts) return [];
  const keys: SettingKeys[] = [
    ...(facts.nameKeys ?? []),
    ...[...GENERIC_DELETION_RULES, ...(facts.deletion ?? [])].flatMap((r) => r.when.map((c) => c.keys)),
    ...(facts.destructiveUpdates ?? []).map((u) => u.keys),
  ];
  const names = keys.flatMap((k) => [...keysOf(k.tf), ...keysOf(k.cfn)]).map((path) => path.split('.')[0]!);
  return [...new Set(names)];
}

