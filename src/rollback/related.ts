import type { Resource } from '../model.js';
import type { World } from '../world/world.js';

/** The world resource an action targets: by id, then by any of the names it gave. */
export function findResource(world: World | undefined, target: { id: string; address?: string; names?: string[] }): Resource | undefined {
  if (!world) return undefined;
  for (const key of [target.id, target.address, ...(target.names ?? [])]) {
    if (!key) continue;
    const id = world.graph.hasNode(key) ? key : world.byName.get(key);
    if (id && world.graph.hasNode(id)) return world.graph.getNodeAttributes(id);
  }
  return undefined;
}

/** Resources that depend on this one directly: Terraform sub-resources such as
 *  aws_s3_bucket_versioning, whose settings count for the bucket. */
export function dependents(world: World | undefined, id: string): Resource[] {
  if (!world || !world.graph.hasNode(id)) return [];
  return world.graph.inNeighbors(id).map((n) => world.graph.getNodeAttributes(n));
}
