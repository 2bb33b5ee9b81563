// What the evaluator knows about a value: a literal, a partly known string, a module or an object
// of a modelled library (an AWS client, a database connection...), or nothing.
export type Value =
  | { t: 'str'; v: string }
  /** A string with parts only known at run time (null): `f"rm -rf {path}"`. */
  | { t: 'tmpl'; parts: (string | null)[] }
  | { t: 'lit'; v: number | boolean | null }
  | { t: 'list'; items: Value[] }
  | { t: 'dict'; entries: [string | null, Value][] }
  /** A module or module member as a dotted path: `boto3.client`, `child_process.execSync`. */
  | { t: 'path'; path: string }
  /** An object of a modelled library: `aws.client` {service, region...}, `db.connection` {...}. */
  | { t: 'obj'; cls: string; props: Record<string, Value> }
  /** Not known before the code runs; `why` says where it comes from (environment, argv, caller). */
  | { t: 'unknown'; why?: string };

export const UNKNOWN: Value = { t: 'unknown' };

export function str(v: string): Value {
  return { t: 'str', v };
}

export function unknown(why?: string): Value {
  return why ? { t: 'unknown', why } : UNKNOWN;
}

export function obj(cls: string, props: Record<string, Value> = {}): Value {
  return { t: 'obj', cls, props };
}

/** The literal text of a value, when fully known (numbers and booleans as the code would print them). */
export function textOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.t === 'str') return v.v;
  if (v.t === 'lit' && v.v !== null) return String(v.v);
  return undefined;
}

/** Joins values into one string value, keeping unknown parts as holes. */
export function concatValues(values: Value[]): Value {
  const parts: (string | null)[] = [];
  for (const v of values) {
    if (v.t === 'tmpl') parts.push(...v.parts);
    else {
      const t = textOf(v);
      parts.push(t ?? null);
    }
  }
  return templateValue(parts);
}

export function templateValue(parts: (string | null)[]): Value {
  const merged: (string | null)[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p !== null && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (!(p === null && last === null && merged.length)) merged.push(p);
  }
  if (merged.length === 0) return str('');
  if (merged.length === 1 && merged[0] !== null) return str(merged[0]);
  if (merged.every((p) => p === null)) return UNKNOWN;
  return { t: 'tmpl', parts: merged };
}

/** Any string-like value as parts (a fully unknown value is one hole). */
export function partsOf(v: Value): (string | null)[] {
  if (v.t === 'tmpl') return v.parts;
  const t = textOf(v);
  return [t ?? null];
}

/** A value as JSON for AWS parameters and request bodies; undefined when not fully known. */
export function jsonOf(v: Value, depth = 0): unknown {
  if (depth > 20) return undefined;
  switch (v.t) {
    case 'str': return v.v;
    case 'lit': return v.v;
    case 'list': {
      const items = v.items.map((i) => jsonOf(i, depth + 1));
      return items.some((i) => i === undefined) ? undefined : items;
    }
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [k, val] of v.entries) {
        if (k === null) return undefined;
        const j = jsonOf(val, depth + 1);
        if (j === undefined) return undefined;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** How a value reads in a report: `'prod-assets'`, `<run-time value>`. */
export function describeValue(v: Value): string {
  switch (v.t) {
    case 'str': return `'${v.v.length > 80 ? `${v.v.slice(0, 77)}...` : v.v}'`;
    case 'tmpl': return `'${v.parts.map((p) => p ?? '{…}').join('')}'`;
    case 'lit': return String(v.v);
    case 'path': return v.path;
    case 'obj': return v.cls;
    default: return '<run-time value>';
  }
}

export function dictGet(v: Value | undefined, key: string): Value | undefined {
  if (!v || v.t !== 'dict') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) if (v.entries[i][0] === key) return v.entries[i][1];
  return undefined;
}
