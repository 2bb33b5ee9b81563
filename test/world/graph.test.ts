import fc from 'fast-check';
import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../src/world/graph.js';

// The world graph replaced graphology in the pipeline: every answer the stages read (node order,
// each node's edges and neighbours in order, edge checks, errors) must be what graphology gives,
// or reports would change. Keys mix addresses with integer-like strings, which objects order first.

type Op = { kind: 'node'; key: string } | { kind: 'edge'; from: string; to: string };

const key = fc.oneof(
  fc.constantFrom('aws_vpc.main', 'module.a.aws_subnet.b[0]', 'prod/aws_sqs_queue.jobs', '10', '2', '0', '007', '4294967295', 'constructor', 'vpc-0abc12'),
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.nat({ max: 50 }).map(String),
);
const ops = fc.array(
  fc.oneof(
    key.map((k): Op => ({ kind: 'node', key: k })),
    fc.tuple(key, key).map(([from, to]): Op => ({ kind: 'edge', from, to })),
  ),
  { maxLength: 80 },
);

function build(list: Op[]) {
  const ours = new ResourceGraph<{ id: string }, { detail: string }>();
  const theirs = new DirectedGraph<{ id: string }, { detail: string }>({ multi: false, allowSelfLoops: false });
  for (const op of list) {
    if (op.kind === 'node') {
      if (theirs.hasNode(op.key)) {
        expect(() => ours.addNode(op.key, { id: op.key })).toThrow();
        continue;
      }
      theirs.addNode(op.key, { id: op.key });
      ours.addNode(op.key, { id: op.key });
    } else {
      const attributes = { detail: `${op.from} -> ${op.to}` };
      let failed = false;
      try {
        theirs.addDirectedEdge(op.from, op.to, attributes);
      } catch {
        failed = true;
      }
      if (failed) expect(() => ours.addDirectedEdge(op.from, op.to, attributes)).toThrow();
      else ours.addDirectedEdge(op.from, op.to, attributes);
    }
  }
  return { ours, theirs };
}

function edges(graph: { forEachInEdge: ResourceGraph<{ id: string }, { detail: string }>['forEachInEdge'] } | DirectedGraph, node: string, direction: 'in' | 'out') {
  const seen: [string, string, string, string, string][] = [];
  const g = graph as ResourceGraph<{ id: string }, { detail: string }>;
  (direction === 'in' ? g.forEachInEdge : g.forEachOutEdge).call(g, node, (_edge, attributes, source, target, sourceAttributes, targetAttributes) => {
    seen.push([attributes.detail, source, target, sourceAttributes.id, targetAttributes.id]);
  });
  return seen;
}

describe('ResourceGraph answers as graphology does', () => {
  it('nodes, neighbours and edges in the same order, the same checks and the same failures', () => {
    fc.assert(
      fc.property(ops, (list) => {
        const { ours, theirs } = build(list);
        expect(ours.order).toBe(theirs.order);
        expect(ours.size).toBe(theirs.size);
        const nodes: string[] = [];
        ours.forEachNode((node, attributes) => nodes.push(`${node}=${attributes.id}`));
        const expected: string[] = [];
        theirs.forEachNode((node, attributes) => expected.push(`${node}=${attributes.id}`));
        expect(nodes).toEqual(expected);
        expect(ours.mapNodes((node) => node)).toEqual(theirs.mapNodes((node) => node));
        expect(ours.filterNodes((node) => node.length % 2 === 0)).toEqual(theirs.filterNodes((node) => node.length % 2 === 0));
        expect(ours.someNode((node) => node === '10')).toBe(theirs.someNode((node) => node === '10'));
        for (const node of theirs.nodes()) {
          expect(ours.inNeighbors(node)).toEqual(theirs.inNeighbors(node));
          expect(edges(ours, node, 'in')).toEqual(edges(theirs, node, 'in'));
          expect(edges(ours, node, 'out')).toEqual(edges(theirs, node, 'out'));
          for (const other of theirs.nodes()) expect(ours.hasDirectedEdge(node, other)).toBe(theirs.hasDirectedEdge(node, other));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fails on a node it does not have, as graphology does', () => {
    const graph = new ResourceGraph<{ id: string }, { detail: string }>();
    graph.addNode('aws_vpc.main', { id: 'aws_vpc.main' });
    expect(() => graph.getNodeAttributes('aws_subnet.a')).toThrow('could not find the "aws_subnet.a" node');
    expect(() => graph.inNeighbors('aws_subnet.a')).toThrow();
    expect(() => graph.forEachInEdge('aws_subnet.a', () => undefined)).toThrow();
    expect(() => graph.addDirectedEdge('aws_vpc.main', 'aws_vpc.main', { detail: 'self' })).toThrow();
    expect(graph.hasDirectedEdge('aws_subnet.a', 'aws_vpc.main')).toBe(false);
    expect(graph.hasNode('__proto__')).toBe(false);
  });

  it('replaces a node\'s attributes with what the updater returns', () => {
    const graph = new ResourceGraph<{ id: string; names: string[] }, { detail: string }>();
    graph.addNode('a', { id: 'a', names: ['x'] });
    graph.updateNodeAttributes('a', (existing) => ({ ...existing, names: [...existing.names, 'y'] }));
    expect(graph.getNodeAttributes('a').names).toEqual(['x', 'y']);
  });
});
