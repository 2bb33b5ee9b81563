import type { Resource } from '../model.js';
import type { World } from './world.js';
import { resolveTarget } from './resolve.js';

/** The world resource an action targets, when the world knows it. */
export function findResource(world: World | undefined, target: { id: string; address?: string; names?: string[] }): Resource | undefined {
  if (!world) return undefined;
  const id = resolveTarget({ target: { type: '', ...target } }, world);
  return id === undefined ? undefined : world.graph.getNodeAttributes(id);
}

/** Resources that depend on this one directly: Terraform sub-resources such as
 *  aws_s3_bucket_versioning, whose settings count for the bucket. */
export function dependents(world: World | undefined, id: string): Resource[] {
  if (!world || !world.graph.hasNode(id)) return [];
  return world.graph.inNeighbors(id).map((n) => world.graph.getNodeAttributes(n));
}
