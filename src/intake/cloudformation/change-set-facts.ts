import type { Operation } from '../../model.js';

/** DescribeChangeSet ResourceChange.Action -> operation (Modify is refined by Replacement). */
export const CHANGE_SET_ACTIONS: Readonly<Record<string, Operation>> = {
  Add: 'create',
  Modify: 'update',
  Remove: 'delete',
  Import: 'create',
  Dynamic: 'unknown',
};

/** PolicyAction: AWS's own account of what happens to the data once policies are applied. */
export const POLICY_ACTION_OUTCOMES: Readonly<Record<string, { message: string; retained?: boolean; snapshot?: boolean }>> = {
  Delete: { message: 'the resource is deleted' },
  Retain: { message: 'the resource is retained (removed from the stack, not deleted)', retained: true },
  Snapshot: { message: 'a snapshot is taken before the resource is deleted', snapshot: true },
  ReplaceAndDelete: { message: 'the resource is replaced and the old one deleted' },
  ReplaceAndRetain: { message: 'the resource is replaced and the old one retained', retained: true },
  ReplaceAndSnapshot: { message: 'the resource is replaced and a snapshot of the old one taken', snapshot: true },
};

/** Resource types whose changes are bookkeeping, never a risk (CDK's metadata resource). */
export const IGNORED_CHANGE_TYPES: ReadonlySet<string> = new Set(['AWS::CDK::Metadata']);
