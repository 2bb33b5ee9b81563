import type { InventoryContext } from './context.js';
import { LISTED_TYPES, LISTERS } from './listers.js';
import type { Inventory, InventoryItem } from './types.js';

/**
 * Lists the services in parallel; a failing service is reported, never silently empty. With a
 * `base`, only `services` are listed again and every other service is taken from the base.
 */
export async function takeInventory(ctx: InventoryContext, services: string[] = Object.keys(LISTERS), base?: Inventory): Promise<Inventory> {
  const started = Date.now();
  const listed = new Set(services);
  const errors: Inventory['errors'] = base ? base.errors.filter((e) => !listed.has(e.service)) : [];
  const lists = await Promise.all(
    services.map(async (service) => {
      const lister = LISTERS[service];
      if (!lister) return [];
      if (!lister.sdk && !ctx.json) return [];
      if (ctx.serves && !ctx.serves(service)) return [];
      try {
        return await lister.list(ctx);
      } catch (e) {
        errors.push({ service, message: (e as Error).message });
        return [];
      }
    }),
  );
  const items = [...(base ? base.items.filter((i) => !listed.has(i.service)).map((i) => ({ ...i })) : []), ...lists.flat()];
  attachStacks(items);
  return { takenAt: new Date().toISOString(), items, errors, tookMs: Date.now() - started };
}

interface StackResourceLine {
  logicalId: string;
  physicalId?: string;
  type: string;
  status?: string;
}

/**
 * Marks each resource with the stack and logical id that created it (from ListStackResources).
 * A stack resource whose type no lister reads (a bucket policy, say) is kept as an item seen only
 * through CloudFormation, so that its deletion still shows.
 */
function attachStacks(items: InventoryItem[]): void {
  const owner = new Map<string, { name: string; logicalId: string }>();
  const stacks = items.filter((i) => i.type === 'AWS::CloudFormation::Stack');
  for (const stack of stacks) {
    const name = String(stack.attributes.name ?? stack.names[0] ?? stack.id);
    for (const r of (stack.attributes.resources as StackResourceLine[]) ?? []) {
      if (r.physicalId) owner.set(`${r.type}|${r.physicalId}`, { name, logicalId: r.logicalId });
      if (r.physicalId && !LISTED_TYPES.has(r.type) && !String(r.status ?? '').startsWith('DELETE_') && !items.some((i) => i.viaStack && i.type === r.type && i.id === r.physicalId)) {
        items.push({ type: r.type, id: r.physicalId, names: [], service: 'cloudformation', engine: stack.engine, attributes: {}, stack: { name, logicalId: r.logicalId }, viaStack: true });
      }
    }
  }
  for (const i of items) {
    if (i.type === 'AWS::CloudFormation::Stack' || i.stack) continue;
    const hit = [i.id, ...i.names].map((n) => owner.get(`${i.type}|${n}`)).find(Boolean);
    if (hit) i.stack = hit;
  }
}
