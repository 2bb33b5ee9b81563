// The keys a zod object schema accepts at a key path, for "did you mean" on unknown keys.
// Reads zod's internal definition (`_zod.def`); unknown shapes just give no suggestion.
import type { PathSegment } from './key-path.js';

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  in?: unknown;
  out?: unknown;
  getter?: () => unknown;
}

function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

/** Unwrap optional/default/pipe/lazy wrappers down to the schemas that hold data. */
function unwrap(schema: unknown, depth = 0): unknown[] {
  const def = defOf(schema);
  if (!def || depth > 20) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
      return unwrap(def.innerType, depth + 1);
    case 'pipe':
      return [...unwrap(def.in, depth + 1), ...unwrap(def.out, depth + 1)];
    case 'lazy':
      return def.getter ? unwrap(def.getter(), depth + 1) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => unwrap(o, depth + 1));
    default:
      return [schema];
  }
}

function child(schema: unknown, segment: PathSegment): unknown[] {
  const def = defOf(schema);
  if (!def) return [];
  if (def.type === 'object' && def.shape && typeof segment === 'string') {
    const next = def.shape[segment];
    return next ? [next] : [];
  }
  if (def.type === 'array' && typeof segment === 'number') return [def.element];
  if (def.type === 'record') return [def.valueType];
  return [];
}

export function keysAt(schema: unknown, path: readonly PathSegment[]): string[] {
  let current = unwrap(schema);
  for (const segment of path) {
    current = current.flatMap((s) => child(s, segment)).flatMap((s) => unwrap(s));
  }
  const keys = new Set<string>();
  for (const s of current) {
    const def = defOf(s);
    if (def?.type === 'object' && def.shape) for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}
