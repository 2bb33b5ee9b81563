import type { DirectedGraph } from 'graphology';
import type { Dependency, Resource } from '../model.js';

/** Nodes are resources keyed by Resource.id; an edge A -> B means "A depends on B". */
export type WorldGraph = DirectedGraph<Resource, Dependency>;

/** What one world source (state, template, inventory) contributes before merging. */
export interface WorldFragment {
  resources: Resource[];
  /** Declared dependencies: `from` depends on `to` (both Resource ids). */
  edges: { from: string; to: string; dependency: Dependency }[];
}

export interface World {
  graph: WorldGraph;
  /** Physical id / name / ARN -> resource id, for resolving literal references and CLI targets. */
  byName: Map<string, string>;
}
