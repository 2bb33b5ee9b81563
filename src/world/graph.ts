// The world's dependency graph: resources keyed by id, at most one directed edge per pair, no
// self-loops. It answers the part of graphology's DirectedGraph API the stages use, in the same
// order (nodes in insertion order; a node's edges in the order of an object's keys, as graphology
// keeps them), so a graphology graph built by a test still serves as a world. It keeps no edge
// keys, no undirected bookkeeping and no adjacency object for a node without edges: a 100,000-
// resource plan builds it in a fraction of graphology's time and memory.

type Adjacency<N, E> = Record<string, Edge<N, E>>;

interface Edge<N, E> {
  attributes: E;
  source: Node<N, E>;
  target: Node<N, E>;
}

interface Node<N, E> {
  key: string;
  attributes: N;
  in?: Adjacency<N, E>;
  out?: Adjacency<N, E>;
}

export type EdgeCallback<N, E> = (edge: string, attributes: E, source: string, target: string, sourceAttributes: N, targetAttributes: N) => void;

/** What the stages ask of a world graph (ResourceGraph, or a graphology DirectedGraph in tests). */
export interface DependencyGraph<N, E> {
  hasNode(node: string): boolean;
  getNodeAttributes(node: string): N;
  forEachNode(callback: (node: string, attributes: N) => void): void;
  someNode(callback: (node: string, attributes: N) => boolean): boolean;
  filterNodes(callback: (node: string, attributes: N) => boolean): string[];
  mapNodes<T>(callback: (node: string, attributes: N) => T): T[];
  addNode(node: string, attributes: N): string;
  updateNodeAttributes(node: string, updater: (attributes: N) => N): void;
  hasDirectedEdge(source: string, target: string): boolean;
  addDirectedEdge(source: string, target: string, attributes: E): unknown;
  /** Nodes with an edge to this one (those that depend on it). */
  inNeighbors(node: string): string[];
  forEachInEdge(node: string, callback: EdgeCallback<N, E>): void;
  forEachOutEdge(node: string, callback: EdgeCallback<N, E>): void;
}

const NO_EDGES: Adjacency<never, never> = Object.freeze(Object.create(null) as Adjacency<never, never>);

function adjacency<N, E>(): Adjacency<N, E> {
  return Object.create(null) as Adjacency<N, E>;
}

export class ResourceGraph<N, E> implements DependencyGraph<N, E> {
  private readonly nodes = new Map<string, Node<N, E>>();
  private edgeCount = 0;

  /** Number of nodes. */
  get order(): number {
    return this.nodes.size;
  }

  /** Number of edges. */
  get size(): number {
    return this.edgeCount;
  }

  hasNode(node: string): boolean {
    return this.nodes.has(node);
  }

  getNodeAttributes(node: string): N {
    return this.node(node, 'getNodeAttributes').attributes;
  }

  forEachNode(callback: (node: string, attributes: N) => void): void {
    for (const [key, data] of this.nodes) callback(key, data.attributes);
  }

  someNode(callback: (node: string, attributes: N) => boolean): boolean {
    for (const [key, data] of this.nodes) if (callback(key, data.attributes)) return true;
    return false;
  }

  filterNodes(callback: (node: string, attributes: N) => boolean): string[] {
    const kept: string[] = [];
    for (const [key, data] of this.nodes) if (callback(key, data.attributes)) kept.push(key);
    return kept;
  }

  mapNodes<T>(callback: (node: string, attributes: N) => T): T[] {
    const mapped: T[] = [];
    for (const [key, data] of this.nodes) mapped.push(callback(key, data.attributes));
    return mapped;
  }

  addNode(node: string, attributes: N): string {
    if (this.nodes.has(node)) throw new Error(`Graph.addNode: the "${node}" node already exist in the graph.`);
    this.nodes.set(node, { key: node, attributes });
    return node;
  }

  updateNodeAttributes(node: string, updater: (attributes: N) => N): void {
    const data = this.node(node, 'updateNodeAttributes');
    data.attributes = updater(data.attributes);
  }

  hasDirectedEdge(source: string, target: string): boolean {
    const out = this.nodes.get(source)?.out;
    return out !== undefined && target in out;
  }

  addDirectedEdge(source: string, target: string, attributes: E): void {
    const from = this.nodes.get(source);
    if (!from) throw new Error(`Graph.addDirectedEdge: source node "${source}" not found.`);
    const to = this.nodes.get(target);
    if (!to) throw new Error(`Graph.addDirectedEdge: target node "${target}" not found.`);
    if (source === target) throw new Error(`Graph.addDirectedEdge: source & target are the same ("${source}"), thus creating a loop explicitly forbidden by this graph 'allowSelfLoops' option set to false.`);
    const out = (from.out ??= adjacency());
    if (target in out) throw new Error(`Graph.addDirectedEdge: an edge linking "${source}" to "${target}" already exists.`);
    const edge: Edge<N, E> = { attributes, source: from, target: to };
    out[target] = edge;
    (to.in ??= adjacency())[source] = edge;
    this.edgeCount++;
  }

  inNeighbors(node: string): string[] {
    return Object.keys(this.node(node, 'inNeighbors').in ?? NO_EDGES);
  }

  forEachInEdge(node: string, callback: EdgeCallback<N, E>): void {
    this.forEachEdge(this.node(node, 'forEachInEdge').in, callback);
  }

  forEachOutEdge(node: string, callback: EdgeCallback<N, E>): void {
    this.forEachEdge(this.node(node, 'forEachOutEdge').out, callback);
  }

  private forEachEdge(edges: Adjacency<N, E> | undefined, callback: EdgeCallback<N, E>): void {
    if (!edges) return;
    for (const key in edges) {
      const { attributes, source, target } = edges[key];
      callback(`${source.key}->${target.key}`, attributes, source.key, target.key, source.attributes, target.attributes);
    }
  }

  private node(node: string, method: string): Node<N, E> {
    const data = this.nodes.get(node);
    if (!data) throw new Error(`Graph.${method}: could not find the "${node}" node in the graph.`);
    return data;
  }
}
