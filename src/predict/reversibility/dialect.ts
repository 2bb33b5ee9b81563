import type { Dialect } from '../../knowledge/index.js';
import type { Action, InputKind, Resource } from '../../model.js';

const TERRAFORM_INPUTS: InputKind[] = ['terraform-plan', 'terraform-state', 'hcl'];
const CLOUDFORMATION_INPUTS: InputKind[] = ['cloudformation-template', 'cloudformation-changeset'];

/** Which tool performs the action, and so whose delete parameters and defaults apply. */
export function dialectOf(action: Action): Dialect | undefined {
  if (action.tool === 'terraform' || TERRAFORM_INPUTS.includes(action.source.kind)) return 'tf';
  if (action.tool === 'cloudformation' || CLOUDFORMATION_INPUTS.includes(action.source.kind)) return 'cfn';
  if (action.tool === 'aws' || action.source.kind === 'aws-api-calls') return 'cli';
  return undefined;
}

/** Which dialect a world resource's attributes are spelled in. */
export function resourceDialect(resource: Resource | undefined): Dialect | undefined {
  if (!resource) return undefined;
  if (TERRAFORM_INPUTS.includes(resource.source)) return 'tf';
  if (CLOUDFORMATION_INPUTS.includes(resource.source)) return 'cfn';
  return undefined;
}

export const DIALECT_NAMES: Record<Dialect, string> = {
  tf: 'provider default',
  cfn: 'CloudFormation default',
  cli: 'AWS default',
};
