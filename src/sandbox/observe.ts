import type { ObservedChange, ReplayedCall } from '../model.js';
import { diffInventories } from './inventory/diff.js';
import { itemKey, type Inventory, type InventoryItem } from './inventory/types.js';

/** A change in the twin, as the comparison needs it: which item, its names, and what it belongs to. */
export interface TwinChange {
  /** `type|id` of the item in the twin. */
  key: string;
  item: InventoryItem;
  change: ObservedChange['change'];
  detail?: string;
  recoverable?: string;
  /** The input step (its action ids) after which the snapshot showed the change. */
  actionIds: string[];
  /** Index of the step, for ordering. */
  step: number;
}

/** The changes one step made: the snapshot after it compared with the snapshot before it. */
export function stepChanges(before: Inventory, after: Inventory, actionIds: string[], step: number): TwinChange[] {
  return diffInventories(before, after).map((c) => {
    const item = (c.after ?? c.before)!;
    const objects = Number((c.before ?? item).attributes.objectCount ?? 0);
    const detail =
      c.change === 'modified'
        ? `changed: ${c.changed!.join(', ')}`
        : c.restored
          ? 'its deletion was undone'
          : c.change === 'deleted' && objects > 0
            ? `held ${objects} objects`
            : undefined;
    return { key: itemKey(item), item, change: c.change, detail, recoverable: c.recoverable, actionIds, step };
  });
}

/** "This would fail half way" and other conclusions from the per-call results. */
export function replayFindings(replayed: ReplayedCall[]): string[] {
  const findings: string[] = [];
  for (const r of replayed.filter((x) => x.emulatorLimitation)) findings.push(`${r.actionId}: not conclusive: ${r.emulatorLimitation}`);
  replayed = replayed.filter((r) => !r.emulatorLimitation);
  const failed = replayed.filter((r) => !r.ok);
  const succeeded = replayed.filter((r) => r.ok);
  for (const f of failed) findings.push(`${f.actionId}: \`${f.call}\` failed in the twin (${f.engine}) with ${f.code}: ${f.message ?? ''}`.trim());
  if (failed.length && succeeded.length) {
    const firstFail = replayed.indexOf(failed[0]);
    const before = replayed.slice(0, firstFail).filter((r) => r.ok).length;
    if (before > 0) {
      findings.push(`partial failure: ${before} call(s) succeeded before ${failed[0].actionId} failed; in production this would stop half way and leave a partial state`);
    } else {
      findings.push(`partial failure: ${failed.length} of ${replayed.length} call(s) failed while others succeeded; production would end in a partial state`);
    }
  }
  return findings;
}
