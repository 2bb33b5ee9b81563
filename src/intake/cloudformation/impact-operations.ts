import type { Operation } from '../../model.js';

/** cloudformation-diff's ResourceImpact -> our operation (permissions are decided afterwards). */
export const IMPACT_OPERATIONS: Readonly<Record<string, Operation>> = {
  WILL_CREATE: 'create',
  WILL_IMPORT: 'create',
  WILL_UPDATE: 'update',
  WILL_REPLACE: 'replace',
  MAY_REPLACE: 'replace',
  WILL_DESTROY: 'delete',
  WILL_ORPHAN: 'delete',
};

/** Custom resources only receive an Update call when their properties change. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}
