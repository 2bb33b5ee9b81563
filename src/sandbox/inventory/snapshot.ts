import type { InventoryContext } from './context.js';
import { LISTERS } from './listers.js';
import type { Inventory, InventoryItem } from './types.js';

/** Lists every service in parallel; a failing service is reported, never silently empty. */
export async function takeInventory(ctx: InventoryContext, services: string[] = Object.keys(LISTERS)): Promise<Inventory> {
  const started = Date.now();
  const errors: Inventory['errors'] = [];
  const lists = await Promise.all(
    services.map(async (service) => {
      const lister = LISTERS[service];
      if (!lister) return [];
      if (!lister.sdk && !ctx.json) return [];
      try {
        return await lister.list(ctx);
      } catch (e) {
        errors.push({ service, message: (e as Error).message });
        return [];
      }
    }),
  );
  const items = lists.flat();
  attachStacks(items);
  return { takenAt: new Date().toISOString(), items, errors, tookMs: Date.now() - started };
}

/** Marks each resource with the stack and logical id that created it (from ListStackResources). */
function attachStacks(items: InventoryItem[]): void {
  const owner = new Map<string, { name: string; logicalId: string }>();
  for (const stack of items.filter((i) => i.type === 'AWS::CloudFormation::Stack')) {
    for (const r of (stack.attributes.resources as { logicalId: string; physicalId?: string }[]) ?? []) {
      if (r.physicalId) owner.set(r.physicalId, { name: stack.id, logicalId: r.logicalId });
    }
  }
  for (const i of items) {
    if (i.type === 'AWS::CloudFormation::Stack') continue;
    const hit = [i.id, ...i.names].map((n) => owner.get(n)).find(Boolean);
    if (hit) i.stack = hit;
  }
}
