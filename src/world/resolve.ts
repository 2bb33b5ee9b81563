import type { Action, Resource } from '../model.js';
import type { World } from './world.js';

/** Finds the world resource an action targets: by id, Terraform address, or any physical name. */
export function resolveTarget(action: Pick<Action, 'target'>, world: World): string | undefined {
  const { target } = action;
  for (const candidate of [target.id, target.address, ...(target.names ?? [])]) {
    if (!candidate) continue;
    const id = world.byName.get(candidate);
    if (id === undefined) continue;
    // A stack is a container: a resource named like the stack (an API called costexplorer-prod) is not it.
    if (target.type === 'AWS::CloudFormation::Stack' && world.graph.getNodeAttributes(id).type !== target.type) continue;
    return id;
  }
  return undefined;
}

/** The action with its target rewritten to the world's id and type, original names kept. */
export function withResolvedTarget<A extends Action>(action: A, resourceId: string, resource: Resource): A {
  return { ...action, target: resolvedTarget(action.target, resourceId, resource) };
}

/** A target rewritten to the world's id and type, original names kept. */
export function resolvedTarget(target: Action['target'], resourceId: string, resource: Resource): Action['target'] {
  const names = new Set([...(target.names ?? []), target.id]);
  names.delete(resourceId);
  return {
    ...target,
    id: resourceId,
    type: resource.type,
    terraformType: resource.terraformType ?? target.terraformType,
    address: resource.source.startsWith('terraform') ? resourceId : target.address,
    names: [...names],
  };
}
