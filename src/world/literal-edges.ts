import type { WorldGraph } from './world.js';
import { addDependency } from './build.js';

// Physical ids and ARNs as AWS writes them: `vpc-0abc12`, `subnet-...`, `sg-...`, `i-...`, `arn:aws:...`.
const AWS_ID = /^(arn:aws[a-z-]*:|[a-z]{1,12}-[0-9a-f]{6,}$)/;
const MAX_DEPTH = 3;

type Step = string | number;

/**
 * `vpc_id = "vpc-0abc"` written as a literal carries no reference in the plan; when the id
 * belongs to another resource in the world, the dependency is just as real.
 */
export function addLiteralEdges(graph: WorldGraph, byName: Map<string, string>): void {
  const steps: Step[] = [];
  graph.forEachNode((id, resource) => {
    visitStrings(resource.attributes, steps, 0, (value) => {
      // Most strings name nothing in the world: the map answers that before the pattern is run.
      const target = byName.get(value);
      // An edge already there (most are: the plan's references give them) needs no path or detail spelt.
      if (!target || target === id || !AWS_ID.test(value) || graph.hasDirectedEdge(id, target)) return;
      // A resource's own id / arn attributes name itself, not a dependency.
      if (resource.names.includes(value)) return;
      const key = pathOf(steps);
      if (key) addDependency(graph, id, target, { reason: 'literal', detail: `${id}.${key} = ${value} is ${target}` });
    });
  });
}

/** Every string within MAX_DEPTH levels; `steps` holds its path while `visit` runs (the path is spelt only for a match). */
function visitStrings(value: unknown, steps: Step[], depth: number, visit: (value: string) => void): void {
  if (typeof value === 'string') {
    visit(value);
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      steps.push(index);
      visitStrings(value[index], steps, depth + 1, visit);
      steps.pop();
    }
    return;
  }
  // for...in, not Object.keys: no array per object; attribute values are plain JSON objects (own keys only, same order).
  for (const key in value) {
    steps.push(key);
    visitStrings((value as Record<string, unknown>)[key], steps, depth + 1, visit);
    steps.pop();
  }
}

/** `tags.Name`, `ingress[0].cidr_blocks[1]`: the attribute path as messages write it. */
function pathOf(steps: readonly Step[]): string {
  let path = '';
  for (const step of steps) path = typeof step === 'number' ? `${path}[${step}]` : path ? `${path}.${step}` : step;
  return path;
}
