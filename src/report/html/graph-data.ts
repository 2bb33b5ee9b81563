// The blast radius as a drawable graph: pure data (positions, colours, sizes, explanations).
import type { BlastResource, Impact, Report } from '../../model.js';
import { locationOf } from '../summary.js';

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  impact: Impact;
  depth: number;
  x: number;
  y: number;
  size: number;
  color: string;
  criticality: number;
  explanation: {
    path: { id: string; reason?: string }[];
    evidence: string[];
    actions: string[];
    policy: string[];
    flags: string[];
  };
  actionIds: string[];
}

export interface GraphEdge {
  source: string;
  target: string;
  label: string;
}

export const IMPACT_COLORS: Record<Impact, string> = {
  deleted: '#d7263d',
  replaced: '#f46036',
  modified: '#e2a400',
  created: '#2e933c',
  disrupted: '#5c6bc0',
};

/** How much it matters if this resource is hit: data, production, and how much hangs off it. */
export function criticality(resource: BlastResource, dependents: number): number {
  return (resource.stateful ? 3 : 0) + (resource.dataLoss ? 3 : 0) + (resource.environment && /prod/i.test(resource.environment) ? 2 : 0) + Math.min(4, dependents) + (resource.depth === 0 ? 1 : 0);
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Rows the layout uses: the page sizes the graph panel from it. */
  rows: number;
}

export function graphData(report: Report): GraphData {
  const resources = report.blastRadius.resources;
  const ids = new Set(resources.map((r) => r.id));
  const edges = new Map<string, GraphEdge>();
  // Drawn from what depends to what it depends on: the world's edges, then the disruption paths.
  for (const e of report.blastRadius.edges ?? []) {
    if (ids.has(e.from) && ids.has(e.to) && e.from !== e.to) edges.set(`${e.from}\0${e.to}`, { source: e.from, target: e.to, label: e.reason });
  }
  for (const r of resources) {
    for (let i = 1; i < r.path.length; i++) {
      const [from, to] = [r.path[i], r.path[i - 1]];
      if (!ids.has(from) || !ids.has(to) || from === to) continue;
      edges.set(`${from}\0${to}`, { source: from, target: to, label: r.pathReasons[i - 1] ?? '' });
    }
  }
  const dependents = new Map<string, number>();
  for (const e of edges.values()) dependents.set(e.target, (dependents.get(e.target) ?? 0) + 1);
  const drawn = transitiveReduction([...edges.values()]);
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const critical = new Map(resources.map((r) => [r.id, criticality(r, dependents.get(r.id) ?? 0)]));
  const { positions, rows } = layeredLayout(resources.map((r) => r.id), drawn, critical);

  const nodes = resources.map((r): GraphNode => {
    const c = critical.get(r.id) ?? 0;
    const acting = r.actionIds.map((id) => actions.get(id)).filter((a) => a !== undefined);
    const at = positions.get(r.id) ?? { x: 0, y: 0 };
    return {
      id: r.id,
      label: shortLabel(r.id),
      type: r.type,
      impact: r.impact,
      depth: r.depth,
      x: at.x,
      y: at.y,
      size: 4 + c,
      color: IMPACT_COLORS[r.impact],
      criticality: c,
      actionIds: r.actionIds,
      explanation: {
        path: r.path.map((id, i) => ({ id, ...(i > 0 ? { reason: r.pathReasons[i - 1] } : {}) })),
        evidence: acting.flatMap((a) => a.evidence.map((e) => e.message)).slice(0, 12),
        actions: acting.map((a) => `${a.id}: ${a.operation} ${a.target.id} (${a.reversibility}) at ${locationOf(a.source)}`),
        policy: report.reasons.filter((x) => x.resource === r.id || (x.actionId && r.actionIds.includes(x.actionId))).map((x) => `${x.decision}: ${x.message} [${x.rule}]`),
        flags: [r.stateful ? 'stateful' : '', r.dataLoss ? 'data loss' : '', r.environment ?? ''].filter(Boolean),
      },
    };
  });
  return { nodes, edges: drawn, rows };
}

/** `module.a.module.net.aws_subnet.x[0]` -> `net.aws_subnet.x[0]` (the innermost module tells
 *  copies apart), long names cut in the middle. */
export function shortLabel(id: string, max = 34): string {
  const inModule = /^(?:module\.[^.]+\.)*module\.([^.]+)\.(.+)$/.exec(id);
  const tail = inModule ? `${inModule[1]}.${inModule[2]}` : id;
  if (tail.length <= max) return tail;
  const keep = max - 1;
  return `${tail.slice(0, Math.ceil(keep / 2))}…${tail.slice(tail.length - Math.floor(keep / 2))}`;
}

/**
 * Layers by dependency: what others depend on sits above its dependents (a VPC above its subnets
 * above their instances), each layer ordered by where its dependencies are (fewer crossings), wide
 * layers wrapped into staggered rows. Deterministic: the same report always draws the same way.
 */
export function layeredLayout(ids: string[], edges: GraphEdge[], weight: Map<string, number>): { positions: Map<string, { x: number; y: number }>; rows: number } {
  const dependenciesOf = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) dependenciesOf.get(e.source)?.push(e.target);
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: break it here
    visiting.add(id);
    let l = 0;
    for (const dep of dependenciesOf.get(id) ?? []) l = Math.max(l, levelOf(dep) + 1);
    visiting.delete(id);
    level.set(id, l);
    return l;
  };
  // Iterative deepening would be needed only for dependency chains longer than the stack allows.
  for (const id of ids) levelOf(id);

  const layers: string[][] = [];
  for (const id of ids) (layers[level.get(id)!] ??= []).push(id);
  const perRow = Math.max(4, Math.min(14, Math.ceil(Math.sqrt(ids.length) * 1.4)));
  const positions = new Map<string, { x: number; y: number }>();
  let row = 0;
  for (const layer of layers.filter(Boolean)) {
    const key = (id: string) => {
      const xs = (dependenciesOf.get(id) ?? []).map((d) => positions.get(d)?.x).filter((x): x is number => x !== undefined);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
    };
    const ordered = [...layer].sort((a, b) => key(a) - key(b) || (weight.get(b) ?? 0) - (weight.get(a) ?? 0) || a.localeCompare(b));
    for (let start = 0; start < ordered.length; start += perRow) {
      const slice = ordered.slice(start, start + perRow);
      const stagger = (row % 2) * 0.5;
      slice.forEach((id, i) => positions.set(id, { x: i - (slice.length - 1) / 2 + (slice.length < perRow ? 0 : stagger), y: -row * 0.8 }));
      row++;
    }
    row += 0.4; // a little air between dependency layers
  }
  return { positions, rows: Math.ceil(row) };
}

/**
 * Drops an edge A -> C when A also reaches C through other edges (A -> B -> C): the dependency
 * still shows as a path, and a destroy's graph stops being a hairball. Skipped on huge graphs.
 */
export function transitiveReduction(edges: GraphEdge[], limit = 20_000): GraphEdge[] {
  if (edges.length > limit) return edges;
  const out = new Map<string, string[]>();
  for (const e of edges) (out.get(e.source) ?? out.set(e.source, []).get(e.source)!).push(e.target);
  const reachesWithout = (from: string, to: string, skip: string): boolean => {
    const seen = new Set<string>([from]);
    const stack = (out.get(from) ?? []).filter((n) => n !== skip);
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const next of out.get(n) ?? []) if (!seen.has(next)) stack.push(next);
    }
    return false;
  };
  return edges.filter((e) => !reachesWithout(e.source, e.target, e.target));
}
