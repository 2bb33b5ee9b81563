// Reading attribute values by path across Terraform (snake_case, nested blocks as lists),
// CloudFormation (PascalCase objects) and CLI flags / API parameters (kebab-case, PascalCase).

/** `skip_final_snapshot`, `SkipFinalSnapshot`, `--skip-final-snapshot` all normalise alike. */
export function normalizeKey(key: string): string {
  let normal = normalized.get(key);
  if (normal === undefined) {
    normal = key.replace(/^-+/, '').replace(/[-_]/g, '').toLowerCase();
    // Attribute names are a small, fixed vocabulary; the cache stays bounded in practice.
    if (normalized.size < 100_000) normalized.set(key, normal);
  }
  return normal;
}

const normalized = new Map<string, string>();

function child(value: unknown, segment: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  if (segment in record) return record[segment];
  const wanted = normalizeKey(segment);
  // Most lookups miss: the own keys are walked without listing them first.
  for (const key in record) if (Object.hasOwn(record, key) && normalizeKey(key) === wanted) return record[key];
  return undefined;
}

/** Paths are a small vocabulary (knowledge keys): each is split once. */
const segmentsOf = new Map<string, string[]>();
function segments(path: string): string[] {
  let steps = segmentsOf.get(path);
  if (!steps) {
    steps = path.split('.');
    if (segmentsOf.size < 100_000) segmentsOf.set(path, steps);
  }
  return steps;
}

/** Every value at a dot path; lists (Terraform blocks, CFN lists) are walked through. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of segments(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        for (const item of value) pushChild(next, item, segment);
      } else pushChild(next, value, segment);
    }
    current = next;
  }
  return current.some(Array.isArray) ? current.flatMap((v) => (Array.isArray(v) ? v : [v])) : current;
}

function pushChild(out: unknown[], value: unknown, segment: string): void {
  const found = child(value, segment);
  if (found !== undefined && found !== null) out.push(found);
}

/** The paths of a SettingKeys field as a list. */
export function keysOf(keys: string | string[] | undefined): string[] {
  return keys === undefined ? [] : Array.isArray(keys) ? keys : [keys];
}
