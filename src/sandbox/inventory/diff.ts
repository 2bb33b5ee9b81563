import { itemKey, type Inventory, type InventoryItem } from './types.js';

export type ObservedChangeKind = 'deleted' | 'created' | 'modified';

export interface InventoryChange {
  change: ObservedChangeKind;
  before?: InventoryItem;
  after?: InventoryItem;
  /** Attribute names whose value changed (for `modified`). */
  changed?: string[];
  /** A deletion that can still be undone, and how. */
  recoverable?: string;
  /** A recoverable deletion was undone (the key's deletion cancelled, the secret restored). */
  restored?: boolean;
}

/** What changed between two snapshots. Services that failed to list in either are left out. */
export function diffInventories(before: Inventory, after: Inventory): InventoryChange[] {
  const unreliable = new Set([...before.errors, ...after.errors].map((e) => e.service));
  const a = new Map(before.items.filter((i) => !unreliable.has(i.service)).map((i) => [itemKey(i), i]));
  const b = new Map(after.items.filter((i) => !unreliable.has(i.service)).map((i) => [itemKey(i), i]));
  const changes: InventoryChange[] = [];
  for (const [key, old] of a) {
    const now = b.get(key);
    if (!now) {
      // A resource already pending deletion that is now gone for good: no new change.
      if (!old.recoverable) changes.push({ change: 'deleted', before: old });
      continue;
    }
    if (!old.recoverable && now.recoverable) {
      changes.push({ change: 'deleted', before: old, after: now, recoverable: now.recoverable });
      continue;
    }
    if (old.recoverable && !now.recoverable) {
      changes.push({ change: 'created', before: old, after: now, restored: true });
      continue;
    }
    const changed = changedAttributes(old, now);
    if (changed.length) changes.push({ change: 'modified', before: old, after: now, changed });
  }
  for (const [key, now] of b) if (!a.has(key) && !now.recoverable) changes.push({ change: 'created', after: now });
  return changes;
}

function changedAttributes(a: InventoryItem, b: InventoryItem): string[] {
  const keys = new Set([...Object.keys(a.attributes), ...Object.keys(b.attributes)]);
  const out = [...keys].filter((k) => k !== 'resources' && JSON.stringify(a.attributes[k]) !== JSON.stringify(b.attributes[k]));
  if (JSON.stringify(a.tags ?? {}) !== JSON.stringify(b.tags ?? {})) out.push('tags');
  return out;
}

/** A name that survives re-creation: stack + logical id, else the physical id. */
export function stableKey(item: InventoryItem): string {
  if (item.type === 'AWS::CloudFormation::Stack') return `${item.type}|name:${String(item.attributes.name ?? item.names[0] ?? item.id)}`;
  return item.stack ? `${item.type}|${item.stack.name}/${item.stack.logicalId}` : itemKey(item);
}
