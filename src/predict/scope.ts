import type { Action, Resource } from '../model.js';
import type { World } from '../world/world.js';
import { sameWorkspace, terraformAddressOf } from '../intake/terraform/workspaces.js';

/**
 * The resources a whole-environment action reaches (delete-stack, terraform destroy,
 * `-target=module.x`). `undefined` means the world cannot bound it: unknown scope.
 */
export function scopeMembers(action: Action, world: World): string[] | undefined {
  const { target } = action;
  const select = (keep: (id: string, resource: Resource) => boolean) =>
    world.graph.filterNodes((id, resource) => keep(id, resource));
  let members: string[] = [];
  if (action.scope === 'environment') {
    if (target.type === 'AWS::CloudFormation::Stack') members = select((_, r) => r.stack === target.id);
    // Another workspace's state is not this workspace's: `workspace select staging && destroy` leaves prod alone.
    else if (target.type === 'terraform:state') members = select((_, r) => (r.source === 'terraform-state' || r.source === 'terraform-plan') && sameWorkspace(r, action));
  } else if (action.scope === 'resource' && target.type === 'terraform:resource' && target.address) {
    const address = terraformAddressOf(target.address, { workspace: action.hints.workspace });
    members = select((id, r) => {
      if (!sameWorkspace(r, action)) return false;
      const own = terraformAddressOf(id, r);
      return own === address || own.startsWith(`${address}[`) || own.startsWith(`${address}.`);
    });
  } else {
    return undefined;
  }
  return members.length > 0 ? members : undefined;
}

/** Whole-environment or unbounded actions whose reach must come from the world. */
export function needsScopeExpansion(action: Action): boolean {
  return action.scope !== 'resource' || action.target.type === 'terraform:resource';
}
