// Terraform's `action_reason` values, in plain language. Unknown values are kept verbatim.
const REASONS: Record<string, string> = {
  replace_because_tainted: 'replaced because it is tainted (a previous apply failed part-way or someone ran terraform taint)',
  replace_because_cannot_update: 'replaced because a changed attribute cannot be updated in place',
  replace_by_request: 'replaced because replacement was requested (-replace option)',
  replace_by_triggers: 'replaced because something in its replace_triggered_by changed',
  delete_because_no_resource_config: 'deleted because its resource block was removed from the configuration',
  delete_because_no_module: 'deleted because the module that declared it was removed from the configuration',
  delete_because_wrong_repetition: 'deleted because the resource switched between count, for_each and neither',
  delete_because_count_index: 'deleted because count was reduced and this index is now out of range',
  delete_because_each_key: 'deleted because its key is no longer in the for_each collection',
  delete_because_no_move_target: 'deleted because a moved block points to an address that does not exist',
  read_because_config_unknown: 'read during apply because its configuration depends on values not known yet',
  read_because_dependency_pending: 'read during apply because a resource it depends on has pending changes',
  read_because_check_nested: 'read during apply because it is nested in a check block',
};

export function describeActionReason(reason: string): string {
  return REASONS[reason] ?? `Terraform gives the reason "${reason}"`;
}
