// What exists before the change, as far as the configuration says: every managed resource of
// the base revision, and an edge for every reference between resources (declared dependencies).
import type { Resource } from '../../model.js';
import type { WorldFragment } from '../../world/world.js';
import { physicalNames, tagsOf } from '../../intake/terraform/names.js';
import { localSource, resourceId, type Placement } from './modules.js';
import type { TfSnapshot } from './snapshot.js';

export function configurationWorld(snapshot: TfSnapshot, placements: Map<string, Placement[]>): WorldFragment {
  const resources: Resource[] = [];
  const edges: WorldFragment['edges'] = [];
  for (const [dir, entry] of snapshot.dirs) {
    for (const placement of placements.get(dir) ?? [{ root: dir, prefix: '' }]) {
      for (const block of entry.blocks.values()) {
        if (block.kind !== 'resource') continue;
        const values = block.body ?? block.literals;
        const resource: Resource = {
          id: resourceId(placement, block.address),
          type: block.type,
          terraformType: block.type,
          names: physicalNames(block.type, values),
          source: 'hcl',
          file: block.file,
          attributes: values,
        };
        if (placement.prefix) resource.module = placement.prefix.slice(0, -1);
        const tags = tagsOf(values);
        if (tags) resource.tags = tags;
        resources.push(resource);
        for (const reference of block.references) {
          if (reference.startsWith('data.')) continue;
          if (reference.startsWith('module.')) {
            const call = entry.blocks.get(reference);
            const child = call ? localSource(call) : undefined;
            const members = child ? snapshot.dirs.get(child) : undefined;
            for (const member of members?.blocks.values() ?? []) {
              if (member.kind !== 'resource') continue;
              const to = resourceId({ root: placement.root, prefix: `${placement.prefix}${reference}.` }, member.address);
              edges.push({ from: resource.id, to, dependency: { reason: 'declared', detail: `${block.address} references ${reference} (${member.address} inside it)` } });
            }
            continue;
          }
          if (!entry.blocks.has(reference)) continue;
          edges.push({
            from: resource.id,
            to: resourceId(placement, reference),
            dependency: { reason: 'declared', detail: `${block.address} references ${reference} (${block.file}:${block.line})` },
          });
        }
      }
    }
  }
  return { resources, edges };
}
