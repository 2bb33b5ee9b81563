import type { BlastEdge, BlastRadius, BlastResource, Impact, Operation, Resource } from '../model.js';
import type { World } from '../world/world.js';

/** One resource an action hits directly, with what the action does to it. */
export interface DirectHit {
  resourceId: string;
  type: string;
  actionId: string;
  impact: Impact;
  stateful: boolean;
  dataLoss: boolean;
  irreversible: boolean;
  environment?: string;
  /** Whether resources that depend on this one are disrupted by the change (see disruptsDependents). */
  disruptsDependents: boolean;
}

const IMPACT_OF: Record<Operation, Impact | undefined> = {
  read: undefined,
  create: 'created',
  update: 'modified',
  permissions: 'modified',
  unknown: 'modified',
  replace: 'replaced',
  delete: 'deleted',
};

/**
 * A delete or replacement pulls the ground from under everything that references the resource.
 * An in-place update keeps its identity, so references stay valid: only a permissions change
 * (who may reach what) or a change Firebreak cannot classify is assumed to reach dependents.
 */
export function disruptsDependents(operation: Operation, impact: Impact): boolean {
  if (impact === 'deleted' || impact === 'replaced') return true;
  return impact === 'modified' && (operation === 'permissions' || operation === 'unknown');
}

// What String#localeCompare does without arguments, without looking the collator up on every call.
// Made on first use: making one costs ~5 ms (ICU loads its data), which a hook call that sorts one
// resource would pay for nothing.
let collator: Intl.Collator | undefined;
const byLocale = (a: string, b: string): number => (collator ??= new Intl.Collator()).compare(a, b);

const SEVERITY: Record<Impact, number> = { deleted: 4, replaced: 3, modified: 2, created: 1, disrupted: 0 };

/** What an action does to the resource it targets. Deleting a bucket's objects leaves the bucket: modified, with data loss. */
export function impactOf(action: { operation: Operation; details?: Record<string, unknown> }): Impact | undefined {
  const objectsOnly = (action.details?.s3Objects as { objectsOnly?: boolean } | undefined)?.objectsOnly;
  // Deleting what a resource holds (objects, messages, items) leaves the resource: modified, with data loss.
  if (action.operation === 'delete' && (objectsOnly || action.details?.contentsOnly)) return 'modified';
  return IMPACT_OF[action.operation];
}

/**
 * Everything directly hit, plus every resource that transitively depends on something
 * deleted, replaced or modified ("disrupted"), each with the shortest dependency path.
 */
export function computeBlastRadius(
  hits: DirectHit[],
  world: World,
  options: {
    isStateful: (type: string) => boolean;
    environmentOf: (resource: Resource) => string | undefined;
    unknownScope: BlastRadius['unknownScope'];
    irreversibleActions: number;
  },
): BlastRadius {
  const byId = new Map<string, BlastResource>();
  for (const hit of hits) mergeDirectHit(byId, hit);

  const { graph } = world;
  const queue: string[] = [];
  const seeds = new Set(hits.filter((h) => h.disruptsDependents).map((h) => h.resourceId));
  for (const resource of byId.values()) {
    if (seeds.has(resource.id) && graph.hasNode(resource.id)) queue.push(resource.id);
  }
  // Multi-source BFS over "who depends on me": O(V + E) however many actions there are.
  for (let head = 0; head < queue.length; head++) {
    const current = byId.get(queue[head])!;
    graph.forEachInEdge(current.id, (_edge, dependency, dependent) => {
      if (byId.has(dependent)) return;
      const resource = graph.getNodeAttributes(dependent);
      byId.set(dependent, {
        id: dependent,
        type: resource.type,
        impact: 'disrupted',
        depth: current.depth + 1,
        path: [...current.path, dependent],
        pathReasons: [...current.pathReasons, dependency.detail],
        stateful: options.isStateful(resource.cfnType ?? resource.type),
        dataLoss: false,
        environment: options.environmentOf(resource),
        actionIds: current.actionIds,
      });
      queue.push(dependent);
    });
  }

  const resources = [...byId.values()].sort((a, b) => a.depth - b.depth || SEVERITY[b.impact] - SEVERITY[a.impact] || byLocale(a.id, b.id));
  const radius: BlastRadius = { resources, counts: count(resources, options.irreversibleActions), unknownScope: options.unknownScope };
  const { edges, omitted } = edgesAmong(resources, world);
  if (edges.length) radius.edges = edges;
  if (omitted) radius.edgesOmitted = omitted;
  return radius;
}

/** Enough to draw any graph a person can read; a 100k-resource destroy keeps its report small. */
export const MAX_BLAST_EDGES = 5000;

/** The world's dependencies between resources that are both in the blast radius. */
function edgesAmong(resources: BlastResource[], world: World): { edges: BlastEdge[]; omitted: number } {
  const { graph } = world;
  const inRadius = new Set(resources.map((r) => r.id));
  const edges: BlastEdge[] = [];
  let omitted = 0;
  for (const r of resources) {
    if (!graph.hasNode(r.id)) continue;
    graph.forEachOutEdge(r.id, (_edge, dependency: { detail: string }, _from, to) => {
      if (!inRadius.has(to) || to === r.id) return;
      if (edges.length < MAX_BLAST_EDGES) edges.push({ from: r.id, to, reason: dependency.detail });
      else omitted++;
    });
  }
  return { edges, omitted };
}

function mergeDirectHit(byId: Map<string, BlastResource>, hit: DirectHit): void {
  const existing = byId.get(hit.resourceId);
  if (!existing) {
    byId.set(hit.resourceId, {
      id: hit.resourceId,
      type: hit.type,
      impact: hit.impact,
      depth: 0,
      path: [hit.resourceId],
      pathReasons: [],
      stateful: hit.stateful,
      dataLoss: hit.dataLoss,
      environment: hit.environment,
      actionIds: [hit.actionId],
    });
    return;
  }
  if (SEVERITY[hit.impact] > SEVERITY[existing.impact]) existing.impact = hit.impact;
  existing.dataLoss ||= hit.dataLoss;
  existing.stateful ||= hit.stateful;
  if (!existing.actionIds.includes(hit.actionId)) existing.actionIds = [...existing.actionIds, hit.actionId];
}

function count(resources: BlastResource[], irreversible: number): BlastRadius['counts'] {
  const counts = { total: resources.length, deleted: 0, replaced: 0, modified: 0, created: 0, disrupted: 0, stateful: 0, dataLoss: 0, irreversible };
  for (const resource of resources) {
    counts[resource.impact]++;
    if (resource.stateful) counts.stateful++;
    if (resource.dataLoss) counts.dataLoss++;
  }
  return counts;
}

