// Comparing hcl2json bodies: canonical JSON, changed top-level keys, and the meta-arguments.

/** Meta-arguments compared on their own, not as attributes. */
export const META_ARGUMENTS = new Set(['count', 'for_each', 'lifecycle', 'depends_on', 'provider', 'providers', 'source', 'version']);

export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

export function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>, skip: Set<string> = META_ARGUMENTS): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !skip.has(k) && canonical(before[k]) !== canonical(after[k])).sort();
}

export interface Lifecycle {
  preventDestroy: boolean;
  createBeforeDestroy: boolean;
  ignoreChanges: string[] | 'all';
}

export function lifecycleOf(body: Record<string, unknown> | undefined): Lifecycle {
  const raw = body?.lifecycle;
  const block = (Array.isArray(raw) ? raw[0] : raw) as Record<string, unknown> | undefined;
  const ignore = block?.ignore_changes;
  return {
    preventDestroy: block?.prevent_destroy === true || block?.prevent_destroy === 'true',
    createBeforeDestroy: block?.create_before_destroy === true || block?.create_before_destroy === 'true',
    ignoreChanges:
      ignore === 'all' || ignore === '${all}'
        ? 'all'
        : Array.isArray(ignore)
          ? ignore.map((v) => String(v).replace(/^\$\{(.*)\}$/, '$1'))
          : [],
  };
}

/** Instance keys a literal `count` / `for_each` gives, or undefined when only a plan could tell. */
export function instanceKeys(body: Record<string, unknown> | undefined): { kind: 'single' | 'count' | 'for_each'; keys?: (string | number)[]; text: string } {
  if (body?.count !== undefined) {
    const n = typeof body.count === 'number' ? body.count : /^\d+$/.test(String(body.count)) ? Number(body.count) : undefined;
    return { kind: 'count', ...(n !== undefined ? { keys: Array.from({ length: n }, (_, i) => i) } : {}), text: String(body.count) };
  }
  if (body?.for_each !== undefined) {
    return { kind: 'for_each', ...literalKeys(body.for_each), text: typeof body.for_each === 'string' ? body.for_each : canonical(body.for_each) };
  }
  return { kind: 'single', keys: [], text: '' };
}

function literalKeys(value: unknown): { keys?: string[] } {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return { keys: value as string[] };
  if (value && typeof value === 'object' && !Array.isArray(value)) return { keys: Object.keys(value) };
  if (typeof value === 'string') {
    const inner = /^\$\{\s*toset\(\s*(\[[^\]]*\])\s*\)\s*\}$/s.exec(value)?.[1] ?? /^\$\{\s*(\[[^\]]*\])\s*\}$/s.exec(value)?.[1];
    if (inner) {
      try {
        const list = JSON.parse(inner) as unknown;
        if (Array.isArray(list) && list.every((v) => typeof v === 'string')) return { keys: list as string[] };
      } catch {
        /* not a literal list */
      }
    }
  }
  return {};
}

export function describeValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' ? JSON.stringify(value) : canonical(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
