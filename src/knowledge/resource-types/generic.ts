// Deletion rules that hold for every resource type; they run before the type's own rules.
import type { DeletionRule } from '../types.js';
import { param } from './conditions.js';

export const GENERIC_DELETION_RULES: DeletionRule[] = [
  {
    id: 'terraform-prevent-destroy',
    when: [param({ tf: ['lifecycle.prevent_destroy', 'prevent_destroy'] }, 'true')],
    outcome: 'blocked',
    message: 'Terraform refuses to plan the destroy of this resource',
  },
  {
    id: 'cfn-deletion-policy-retain',
    when: [param({ cfn: 'DeletionPolicy' }, 'in', { values: ['Retain', 'RetainExceptOnCreate'] })],
    outcome: 'kept',
    reversibility: 'reversible',
    message: 'CloudFormation leaves the resource in place, outside the stack (import it back to undo)',
  },
  {
    id: 'cfn-change-set-retain',
    when: [param({ cfn: 'PolicyAction' }, 'in', { values: ['Retain', 'ReplaceAndRetain'] })],
    outcome: 'kept',
    reversibility: 'reversible',
    message: 'the change set says CloudFormation retains the resource',
  },
  {
    id: 'cfn-change-set-snapshot',
    when: [param({ cfn: 'PolicyAction' }, 'in', { values: ['Snapshot', 'ReplaceAndSnapshot'] })],
    outcome: 'kept',
    message: 'the change set says CloudFormation snapshots the resource before deleting it',
  },
];
