import { isObject } from './shape.js';

/** Which Terraform JSON document a parsed value is. */
export type TerraformJsonKind = 'plan' | 'state' | 'tfstate' | 'unknown';

export function detectTerraformJson(value: unknown): TerraformJsonKind {
  if (!isObject(value)) return 'unknown';
  if ('format_version' in value) {
    if ('resource_changes' in value || 'planned_values' in value || 'resource_drift' in value) return 'plan';
    if ('values' in value || Object.keys(value).every((k) => k === 'format_version' || k === 'terraform_version')) return 'state';
    return 'unknown';
  }
  if (typeof value.version === 'number' && ('lineage' in value || 'resources' in value || 'modules' in value)) return 'tfstate';
  return 'unknown';
}

export const KIND_DESCRIPTION: Record<TerraformJsonKind, string> = {
  plan: 'a Terraform plan (terraform show -json <planfile>)',
  state: 'a Terraform state in JSON (terraform show -json without a plan file)',
  tfstate: 'a raw Terraform state file (terraform.tfstate)',
  unknown: 'not a Terraform plan or state',
};
