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

export function graphData(report: Report): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const resources = report.blastRadius.resources;
  const ids = new Set(resources.map((r) => r.id));
  const edges = new Map<string, GraphEdge>();
  for (const r of resources) {
    for (let i = 1; i < r.path.length; i++) {
      const [from, to] = [r.path[i], r.path[i - 1]];
      if (!ids.has(from) || !ids.has(to)) continue;
      edges.set(`${from}\0${to}`, { source: from, target: to, label: r.pathReasons[i - 1] ?? '' });
    }
  }
  const dependents = new Map<string, number>();
  for (const e of edges.values()) dependents.set(e.target, (dependents.get(e.target) ?? 0) + 1);
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const byDepth = new Map<number, BlastResource[]>();
  for (const r of resources) byDepth.set(r.depth, [...(byDepth.get(r.depth) ?? []), r]);

  // Directly hit resources on a ring; each dependent placed outward from the resource it depends on.
  const angles = new Map<string, number>();
  const direct = byDepth.get(0) ?? [];
  direct.forEach((r, i) => angles.set(r.id, (2 * Math.PI * i) / Math.max(1, direct.length)));
  const sorted = [...resources].sort((a, b) => a.depth - b.depth);
  const siblings = new Map<string, number>();
  for (const r of sorted) {
    if (r.depth === 0) continue;
    const parent = r.path[r.path.length - 2];
    const k = siblings.get(parent) ?? 0;
    siblings.set(parent, k + 1);
    angles.set(r.id, (angles.get(parent) ?? 0) + (k % 2 === 0 ? 1 : -1) * Math.ceil(k / 2) * (0.35 / r.depth));
  }
  const nodes = resources.map((r): GraphNode => {
    const radius = r.depth === 0 && direct.length === 1 ? 0 : 1 + r.depth * 0.9;
    const angle = angles.get(r.id) ?? 0;
    const c = criticality(r, dependents.get(r.id) ?? 0);
    const acting = r.actionIds.map((id) => actions.get(id)).filter((a) => a !== undefined);
    return {
      id: r.id,
      label: r.id.length > 40 ? `…${r.id.slice(-39)}` : r.id,
      type: r.type,
      impact: r.impact,
      depth: r.depth,
      x: radius * Math.cos(angle),
      y: radius * Math.sin(angle),
      size: 6 + c * 2,
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
  return { nodes, edges: [...edges.values()] };
}
