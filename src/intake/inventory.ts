// A `firebreak discover` inventory (read-only List/Describe of a live account) as a world source:
// what exists, with the physical ids and attributes implicit and literal edges are found from.
import { InputError } from '../errors.js';
import type { Resource } from '../model.js';
import type { IntakeResult } from './types.js';
import { parseJsonText } from './terraform/json-text.js';

interface Item {
  type: string;
  id: string;
  names?: string[];
  stack?: { name: string; logicalId: string };
  tags?: Record<string, string>;
  attributes?: Record<string, unknown>;
}

export function readInventory(text: string, file: string): IntakeResult {
  const json = parseJsonText(text, file, 'inventory') as { takenAt?: unknown; items?: unknown; errors?: unknown };
  if (json === null || typeof json !== 'object' || !Array.isArray(json.items)) {
    throw new InputError('not a firebreak discover inventory: expected {takenAt, items: [...]}', file, 'items');
  }
  const resources: Resource[] = json.items.map((raw, index) => toResource(raw, file, `items[${index}]`));
  const errors = Array.isArray(json.errors) ? (json.errors as { service?: string; message?: string }[]) : [];
  return {
    kind: 'inventory',
    file,
    actions: [],
    world: { resources, edges: [] },
    warnings: errors.map((e) => `${file}: ${e.service ?? 'a service'} could not be listed when the inventory was taken (${e.message ?? 'no reason'}): its resources are missing from the world`),
  };
}

function toResource(raw: unknown, file: string, path: string): Resource {
  const item = raw as Item;
  if (item === null || typeof item !== 'object' || typeof item.type !== 'string' || typeof item.id !== 'string' || item.id === '') {
    throw new InputError('each inventory item needs a string type and id', file, path);
  }
  const id = item.stack ? `${item.stack.name}/${item.stack.logicalId}` : item.id;
  return {
    id,
    type: item.type,
    cfnType: item.type.startsWith('AWS::') ? item.type : undefined,
    names: [...new Set([item.id, ...(Array.isArray(item.names) ? item.names.filter((n) => typeof n === 'string') : [])])],
    source: 'inventory',
    file,
    ...(item.stack ? { stack: item.stack.name } : {}),
    ...(item.tags && typeof item.tags === 'object' ? { tags: item.tags } : {}),
    attributes: item.attributes && typeof item.attributes === 'object' ? item.attributes : {},
  };
}
