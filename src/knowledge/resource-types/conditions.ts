// Small builders that keep the resource tables readable.
import type { CommandTemplate, Condition, DeletionRule, SettingKeys } from '../types.js';

type Extra = Pick<Condition, 'values' | 'defaults' | 'defaultNote'>;

/** A setting of the resource itself (real AWS state, readable from any source). */
export function setting(keys: SettingKeys, test: Condition['test'], extra: Extra = {}): Condition {
  return { keys, scope: 'resource', test, ...extra };
}

/** A parameter of the delete call of one tool (Terraform attribute, CFN policy, CLI flag). */
export function param(keys: SettingKeys, test: Condition['test'], extra: Extra = {}): Condition {
  return { keys, scope: 'call', test, ...extra };
}

const cfnPolicy = (values: string[]): Condition => param({ cfn: 'DeletionPolicy' }, 'in', { values });

/** DeletionPolicy: Snapshot, for the types CloudFormation can snapshot. */
export function cfnSnapshotRule(restore: CommandTemplate): DeletionRule {
  return {
    id: 'cfn-deletion-policy-snapshot',
    when: [cfnPolicy(['Snapshot'])],
    outcome: 'kept',
    message: 'CloudFormation takes a snapshot before deleting',
    restore,
  };
}

/** DeletionPolicy: Delete stated outright. */
export const cfnPolicyDelete: Condition = cfnPolicy(['Delete']);
