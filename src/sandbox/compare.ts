// Predicted blast radius vs what the twin showed. Only what the twin can show is scored:
// a predicted resource that is not in the twin goes to `unobserved`, not to disagreements.
import type { BlastRadius, Impact } from '../model.js';
import type { World } from '../world/world.js';
import type { InventoryItem } from './inventory/types.js';
import type { ObservedChange } from './types.js';

export interface Comparison {
  agreement: number;
  disagreements: { resource: string; predicted: string; observed: string }[];
  unobserved: { resource: string; why: string }[];
}

const AGREES: Record<Impact, ObservedChange['change'][]> = {
  deleted: ['deleted'],
  replaced: ['deleted', 'created', 'modified'],
  modified: ['modified'],
  created: ['created'],
  disrupted: [],
};

function predictedNames(id: string, world: World | undefined): Set<string> {
  const names = new Set([id]);
  const attrs = world?.graph.hasNode(id) ? world.graph.getNodeAttributes(id) : undefined;
  for (const n of attrs?.names ?? []) names.add(n);
  return names;
}

function itemNames(item: Pick<InventoryItem, 'id' | 'names' | 'stack'>): string[] {
  return [item.id, ...item.names, ...(item.stack ? [`${item.stack.name}/${item.stack.logicalId}`] : [])];
}

export function comparePrediction(
  predicted: BlastRadius,
  observed: ObservedChange[],
  twinBefore: InventoryItem[],
  world: World | undefined,
  notInTwin: (resource: string) => string | undefined = () => undefined,
  /** The real id a twin id stands for, where seeding gave the resource a new one. */
  realIdOf: (twinId: string) => string | undefined = () => undefined,
): Comparison {
  const disagreements: Comparison['disagreements'] = [];
  const unobserved: Comparison['unobserved'] = [];
  const withReal = (names: string[]) => names.flatMap((n) => [n, realIdOf(n) ?? n]);
  const observedNames = observed.map((o) => new Set(withReal([o.resource, ...(o.realId ? [o.realId] : []), ...(o.stack ? [`${o.stack}/${o.logicalId}`] : [])])));
  const twinNames = twinBefore.map((i) => new Set(withReal(itemNames(i))));
  const matchedObserved = new Set<number>();
  let agreed = 0;
  let scored = 0;

  for (const p of predicted.resources.filter((r) => r.impact !== 'disrupted')) {
    const names = predictedNames(p.id, world);
    const hit = observed.findIndex((_, i) => [...names].some((n) => observedNames[i].has(n)));
    const inTwin = twinNames.some((set) => [...names].some((n) => set.has(n)));
    if (hit < 0 && !inTwin && p.impact !== 'created') {
      unobserved.push({ resource: p.id, why: notInTwin(p.id) ?? 'not in the twin (not seeded, or not modelled by the emulator)' });
      continue;
    }
    scored++;
    if (hit >= 0) {
      matchedObserved.add(hit);
      if (AGREES[p.impact].includes(observed[hit].change)) agreed++;
      else disagreements.push({ resource: p.id, predicted: p.impact, observed: observed[hit].change });
    } else {
      disagreements.push({ resource: p.id, predicted: p.impact, observed: 'unchanged' });
    }
  }
  const predictsStacks = predicted.resources.some((r) => r.type === 'AWS::CloudFormation::Stack');
  observed.forEach((o, i) => {
    if (matchedObserved.has(i)) return;
    // A stack is the container of its resources; it counts only when the prediction names stacks.
    if (o.type === 'AWS::CloudFormation::Stack' && !predictsStacks) return;
    scored++;
    disagreements.push({ resource: o.stack ? `${o.stack}/${o.logicalId}` : o.resource, predicted: 'untouched', observed: o.change });
  });
  return { agreement: scored === 0 ? 1 : Math.round((agreed / scored) * 1000) / 1000, disagreements, unobserved };
}
