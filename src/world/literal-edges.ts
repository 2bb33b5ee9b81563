import type { WorldGraph } from './world.js';
import { addDependency } from './build.js';

// Physical ids and ARNs as AWS writes them: `vpc-0abc12`, `subnet-...`, `sg-...`, `i-...`, `arn:aws:...`.
const AWS_ID = /^(arn:aws[a-z-]*:|[a-z]{1,12}-[0-9a-f]{6,}$)/;
const MAX_DEPTH = 3;

/**
 * `vpc_id = "vpc-0abc"` written as a literal carries no reference in the plan; when the id
 * belongs to another resource in the world, the dependency is just as real.
 */
export function addLiteralEdges(graph: WorldGraph, byName: Map<string, string>): void {
  graph.forEachNode((id, resource) => {
    visitStrings(resource.attributes, '', 0, (key, value) => {
      if (!AWS_ID.test(value)) return;
      const target = byName.get(value);
      if (!target || target === id) return;
      // A resource's own id / arn attributes name itself, not a dependency.
      if (resource.names.includes(value)) return;
      addDependency(graph, id, target, { reason: 'literal', detail: `${id}.${key} = ${value} is ${target}` });
    });
  });
}

function visitStrings(value: unknown, path: string, depth: number, visit: (key: string, value: string) => void): void {
  if (typeof value === 'string') {
    if (path) visit(path, value);
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => visitStrings(item, `${path}[${index}]`, depth + 1, visit));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    visitStrings(child, path ? `${path}.${key}` : key, depth + 1, visit);
  }
}
