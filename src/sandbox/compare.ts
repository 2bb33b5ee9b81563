// Predicted blast radius vs what the twin showed, with honest numbers:
// - coverage: the share of predicted resources (disrupted ones aside) the twin could observe;
// - agreement: among those it observed, the share whose change matched the prediction
//   (null when it observed none, never a 100% made of nothing);
// - a predicted change the twin refused with an AWS error (DeleteConflict, BucketNotEmpty, ...)
//   is listed as refused: AWS would refuse it too, so it is a finding about the action, and
//   neither an agreement nor a disagreement.
import { cfnTypeFor } from '../knowledge/index.js';
import type { BlastRadius, BlastResource, Impact, ObservedChange, ReplayedCall, SandboxComparisonEntry, SandboxRefusal } from '../model.js';
import type { World } from '../world/world.js';
import { itemKey, PART_TYPES, type InventoryItem } from './inventory/types.js';
import type { TwinChange } from './observe.js';

export interface Comparison {
  agreement: number | null;
  coverage: number | null;
  agreements: SandboxComparisonEntry[];
  disagreements: SandboxComparisonEntry[];
  unobserved: { resource: string; why: string }[];
  refused: SandboxRefusal[];
  /** Every twin change, named as the world names the resource where it can. */
  observed: ObservedChange[];
}

export interface CompareInput {
  predicted: BlastRadius;
  changes: TwinChange[];
  /** Every item the twin held: before the replay and in each snapshot after a step. */
  twinItems: InventoryItem[];
  world?: World;
  /** World id -> twin item keys, bound when seeding created the resource. */
  bindings?: ReadonlyMap<string, string[]>;
  /** The twin's id for a real id, where seeding gave the resource an id of its own. */
  twinIdOf?: (real: string) => string | undefined;
  /** The real id a twin id stands for. */
  realIdOf?: (twin: string) => string | undefined;
  /** Why a predicted resource is not in the twin (left out of a stack template, not seeded). */
  notInTwin?: (resource: string) => string | undefined;
  replayed: ReplayedCall[];
  notReplayed: { actionId: string; reason: string }[];
}

const AGREES: Record<Impact, ObservedChange['change'][]> = {
  deleted: ['deleted'],
  replaced: ['deleted', 'created', 'modified'],
  modified: ['modified'],
  created: ['created'],
  disrupted: [],
};

/** The inventory type a predicted resource has in the twin (its CloudFormation type, or a part type). */
export function twinTypeOf(type: string, world?: World, id?: string): string | undefined {
  const node = id && world?.graph.hasNode(id) ? world.graph.getNodeAttributes(id) : undefined;
  const terraformType = node?.terraformType ?? (type.startsWith('aws_') ? type : undefined);
  if (terraformType && PART_TYPES[terraformType]) return PART_TYPES[terraformType];
  if (type.startsWith('AWS::')) return type;
  return node?.cfnType ?? cfnTypeFor(type);
}

function stackName(item: InventoryItem): string | undefined {
  return item.stack ? `${item.stack.name}/${item.stack.logicalId}` : undefined;
}

export function comparePrediction(input: CompareInput): Comparison {
  const { predicted, changes, twinItems, world } = input;
  const bindings = input.bindings ?? new Map<string, string[]>();
  const byKey = new Map<string, InventoryItem>();
  for (const i of twinItems) byKey.set(itemKey(i), i);
  for (const c of changes) byKey.set(c.key, c.item);

  const replayedBy = new Map<string, ReplayedCall[]>();
  for (const r of input.replayed) replayedBy.set(r.actionId, [...(replayedBy.get(r.actionId) ?? []), r]);
  const notReplayed = new Map(input.notReplayed.map((n) => [n.actionId, n.reason]));

  const agreements: SandboxComparisonEntry[] = [];
  const disagreements: SandboxComparisonEntry[] = [];
  const unobserved: Comparison['unobserved'] = [];
  const refused: SandboxRefusal[] = [];
  const label = new Map<string, string>(); // twin key -> world id
  const matchedKeys = new Set<string>();
  const matchedChanges = new Set<TwinChange>();
  let observedCount = 0;

  const scorable = predicted.resources.filter((r) => r.impact !== 'disrupted');
  for (const p of scorable) {
    const keys = twinKeysFor(p, input, byKey, bindings);
    // Only what the prediction's own actions changed (the snapshot after each step says which).
    const fromItsActions = (c: TwinChange) => c.actionIds.some((a) => p.actionIds.includes(a));
    const own = changes.filter((c) => keys.has(c.key) && fromItsActions(c));
    // A changed part (an attachment, a policy) is how a predicted modification of its whole shows.
    const parts = own.length || p.impact !== 'modified' ? [] : changes.filter((c) => c.item.partOf && keys.has(c.item.partOf) && fromItsActions(c));
    const calls = p.actionIds.flatMap((a) => replayedBy.get(a) ?? []);
    // One action can stand for many resources (`terraform destroy`): its calls name their target.
    const ran = calls.some((c) => c.target === p.id) ? calls.filter((c) => c.target === p.id) : calls;
    const skipped = p.actionIds.map((a) => notReplayed.get(a)).filter((r): r is string => !!r);
    const limitation = ran.find((r) => r.emulatorLimitation)?.emulatorLimitation;

    if (!own.length && !parts.length) {
      if (!ran.length) {
        unobserved.push({ resource: p.id, why: skipped.length ? `not replayed: ${skipped[0]}` : input.notInTwin?.(p.id) ?? 'its action was not replayed' });
        continue;
      }
      if (limitation) {
        unobserved.push({ resource: p.id, why: limitation });
        continue;
      }
      if (!keys.size && p.impact !== 'created') {
        unobserved.push({ resource: p.id, why: input.notInTwin?.(p.id) ?? 'not in the twin (not seeded, or not modelled by the emulator)' });
        continue;
      }
    }
    observedCount++;
    for (const k of keys) label.set(k, p.id);
    own.forEach((c) => matchedChanges.add(c));
    parts.forEach((c) => matchedChanges.add(c));
    for (const k of keys) matchedKeys.add(k);

    const kinds = own.length ? own.map((c) => c.change) : parts.length ? (['modified'] as const) : [];
    const agreed = kinds.find((k) => AGREES[p.impact].includes(k));
    if (agreed) {
      agreements.push({ resource: p.id, predicted: p.impact, observed: agreed });
      continue;
    }
    const failure = ran.find((r) => !r.ok && !r.emulatorLimitation);
    if (!kinds.length && failure) {
      refused.push({ resource: p.id, predicted: p.impact, actionId: failure.actionId, code: failure.code ?? 'Error', message: failure.message ?? '' });
      continue;
    }
    disagreements.push({ resource: p.id, predicted: p.impact, observed: kinds[0] ?? 'unchanged' });
  }

  // Changes nobody predicted. A part whose whole changed, a resource of a stack whose stack
  // change was predicted, and a snapshot taken or dropped with its instance belong to that change.
  const changedKeys = new Set(changes.map((c) => c.key));
  const predictsStacks = scorable.some((r) => r.type === 'AWS::CloudFormation::Stack');
  const stackChanged = (item: InventoryItem) =>
    !!item.stack && changes.some((c) => c.item.type === 'AWS::CloudFormation::Stack' && (c.item.attributes.name === item.stack!.name || c.item.names.includes(item.stack!.name)) && matchedChanges.has(c));
  // A stack whose resources changed as predicted changes status with them.
  const stacksOfMatched = new Set([...matchedChanges].map((c) => c.item.stack?.name).filter(Boolean));
  for (const c of changes) {
    if (matchedChanges.has(c)) continue;
    if (c.item.type === 'AWS::CloudFormation::Stack' && (!predictsStacks || stacksOfMatched.has(String(c.item.attributes.name)))) continue;
    const parent = c.item.partOf;
    if (parent && (matchedKeys.has(parent) || changedKeys.has(parent))) continue;
    if (stackChanged(c.item)) continue;
    disagreements.push({ resource: stackName(c.item) ?? input.realIdOf?.(c.item.id) ?? c.item.id, predicted: 'untouched', observed: c.change });
  }

  const scored = agreements.length + disagreements.length;
  const observed: ObservedChange[] = changes.map((c) => {
    const realId = input.realIdOf?.(c.item.id);
    const resource = label.get(c.key) ?? stackName(c.item) ?? realId ?? c.item.id;
    return {
      resource,
      type: c.item.type,
      change: c.change,
      engine: c.item.engine,
      ...(c.item.stack ? { stack: c.item.stack.name, logicalId: c.item.stack.logicalId } : {}),
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.recoverable ? { recoverable: c.recoverable } : {}),
      actionIds: c.actionIds,
      ...(realId ? { realId } : {}),
      ...(resource !== c.item.id ? { physicalId: c.item.id } : {}),
    };
  });
  return {
    agreement: scored ? round(agreements.length / scored) : null,
    coverage: scorable.length ? round(observedCount / scorable.length) : null,
    agreements,
    disagreements,
    unobserved,
    refused,
    observed,
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** The twin items that are this predicted resource: bound at seeding, same stack + logical id, or same type and a shared name. */
function twinKeysFor(p: BlastResource, input: CompareInput, byKey: Map<string, InventoryItem>, bindings: ReadonlyMap<string, string[]>): Set<string> {
  const keys = new Set<string>(bindings.get(p.id) ?? []);
  const type = twinTypeOf(p.type, input.world, p.id);
  const node = input.world?.graph.hasNode(p.id) ? input.world.graph.getNodeAttributes(p.id) : undefined;
  const names = new Set([p.id, ...(node?.names ?? [])]);
  for (const n of [...names]) {
    const twin = input.twinIdOf?.(n);
    if (twin) names.add(twin);
  }
  for (const [key, item] of byKey) {
    if (stackName(item) === p.id) {
      keys.add(key);
      continue;
    }
    if (type && item.type !== type) continue;
    if (!type && item.type.startsWith('AWS::CloudFormation::')) continue;
    if ([item.id, ...item.names].some((n) => names.has(n))) keys.add(key);
  }
  return keys;
}
