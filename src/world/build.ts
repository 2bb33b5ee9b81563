import { DirectedGraph } from 'graphology';
import type { Dependency, Resource } from '../model.js';
import type { World, WorldFragment, WorldGraph } from './world.js';
import { addImplicitEdges } from './implicit-edges.js';
import { addLiteralEdges } from './literal-edges.js';
import { canonicalType } from './types.js';

export interface BuildWorldOptions {
  /** Add edges from @aws-cdk/aws-service-spec relationships (loads a 2.6 MB database). */
  schemaEdges?: boolean;
}

/** Merges what every world source says into one dependency graph. */
export async function buildWorld(fragments: WorldFragment[], options: BuildWorldOptions = {}): Promise<World> {
  const graph: WorldGraph = new DirectedGraph<Resource, Dependency>({ multi: false, allowSelfLoops: false });
  for (const fragment of fragments) {
    for (const resource of fragment.resources) addResource(graph, resource);
  }
  const byName = indexNames(graph);
  for (const fragment of fragments) {
    for (const edge of fragment.edges) addDependency(graph, edge.from, edge.to, edge.dependency);
  }
  addImplicitEdges(graph, byName);
  addLiteralEdges(graph, byName);
  if (options.schemaEdges && hasCloudFormationResources(graph)) {
    const { schemaEdges } = await import('./schema-edges.js');
    const resources = graph.mapNodes((_, attributes) => attributes);
    for (const edge of await schemaEdges(resources, byName)) addDependency(graph, edge.from, edge.to, edge.dependency);
  }
  return { graph, byName };
}

function addResource(graph: WorldGraph, resource: Resource): void {
  if (!graph.hasNode(resource.id)) {
    // The node is the fragment's own object, not a copy (a 10k plan's 10,000 copies all lived to
    // the end): its canonical type is set on it, where spreading would have put the key.
    resource.cfnType = resource.cfnType ?? canonicalType(resource.type);
    graph.addNode(resource.id, resource);
    return;
  }
  const withType = { ...resource, cfnType: resource.cfnType ?? canonicalType(resource.type) };
  // The same resource from two sources (plan prior_state + state file): later facts refine earlier ones.
  graph.updateNodeAttributes(resource.id, (existing) => ({
    ...existing,
    ...withType,
    names: [...new Set([...existing.names, ...resource.names])],
    attributes: { ...existing.attributes, ...resource.attributes },
  }));
}

/** Adds `from depends on to` unless an edge already explains that pair (declared wins). */
export function addDependency(graph: WorldGraph, from: string, to: string, dependency: Dependency): boolean {
  if (from === to || !graph.hasNode(from) || !graph.hasNode(to)) return false;
  if (graph.hasDirectedEdge(from, to)) return false;
  graph.addDirectedEdge(from, to, dependency);
  return true;
}

/** Physical ids, names and ARNs -> resource id. A name two resources share resolves to neither. */
function indexNames(graph: WorldGraph): Map<string, string> {
  const byName = new Map<string, string>();
  const ambiguous = new Set<string>();
  // Seeing a name twice for the same resource changes nothing, so duplicates need no set.
  const add = (id: string, name: string) => {
    if (!name || ambiguous.has(name)) return;
    const existing = byName.get(name);
    if (existing === undefined) byName.set(name, id);
    else if (existing !== id && name !== existing) {
      byName.delete(name);
      ambiguous.add(name);
    }
  };
  graph.forEachNode((id, resource) => {
    add(id, id);
    for (const name of resource.names) add(id, name);
  });
  // A node id always resolves to itself, even when another resource carries it as a name.
  graph.forEachNode((id) => byName.set(id, id));
  return byName;
}

function hasCloudFormationResources(graph: WorldGraph): boolean {
  return graph.someNode((_, resource) => resource.source === 'cloudformation-template');
}
