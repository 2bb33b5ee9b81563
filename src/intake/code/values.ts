// What the evaluator knows about a value: a literal, a partly known string, a module or an object
// of a modelled library (an AWS client, a database connection...), or nothing.
export type Value =
  | { t: 'str'; v: string }
  /** A string with parts only known at run time (null): `f"rm -rf {path}"`. `unbounded`: as a
   *  path, the text before a part does not bound it: the part is text from outside the code (an
   *  argument, an environment variable, a command's output, which may hold `/` and `..`), or a part
   *  `path.join` / `os.path.join` starts over at when it is absolute. */
  | { t: 'tmpl'; parts: (string | null)[]; unbounded?: true; among?: Value[] }
  | { t: 'lit'; v: number | boolean | null }
  | { t: 'list'; items: Value[] }
  | { t: 'dict'; entries: [string | null, Value][] }
  /** A module or module member as a dotted path: `boto3.client`, `child_process.execSync`. */
  | { t: 'path'; path: string }
  /** An object of a modelled library: `aws.client` {service, region...}, `db.connection` {...}. */
  | { t: 'obj'; cls: string; props: Record<string, Value> }
  /** One of several values (a ternary, a parameter's callers, a loop over a list): each is judged. */
  | { t: 'alt'; options: Value[] }
  /** Not known before the code runs; `why` says where it comes from (environment, argv, caller).
   *  `text`: it is a string for sure (an environment variable, a command-line argument), only its
   *  content is unknown; without it the value may be anything (a list, an object).
   *  `among`: it is one of these, too many to judge one by one (see MAX_AMONG): only a reader that
   *  can take them all at once (an import of each of several modules) uses them; to everything else
   *  it is unknown. */
  | { t: 'unknown'; why?: string; text?: true; items?: true; among?: Value[] };

export const UNKNOWN: Value = { t: 'unknown' };

/** The class of a name `os.CreateTemp` / `os.MkdirTemp` made fresh in a folder known at run time (models/paths.ts freshPath). */
export const FRESH_PATH = 'fresh.path';

/** A fresh name, or a file object that stands for one. */
export function holdsFreshPath(v: Value): boolean {
  return v.t === 'obj' && (v.cls === FRESH_PATH || (v.props.path?.t === 'obj' && v.props.path.cls === FRESH_PATH));
}

export function str(v: string): Value {
  return { t: 'str', v };
}

export function unknown(why?: string): Value {
  return why ? { t: 'unknown', why } : UNKNOWN;
}

/** Items spread into a list (`[*args]`): any number of them, each unknown. */
export function spreadItems(why = 'items spread from a value computed at run time'): Value {
  return { t: 'unknown', why, items: true };
}

/** The list has items spread into it from a value computed at run time: positions after it are not known. */
export function hasSpreadItems(v: Value): boolean {
  return v.t === 'list' && v.items.some((i) => i.t === 'unknown' && i.items === true);
}

/** A string whose content is known only at run time (an environment variable, an argument). */
export function unknownText(why: string): Value {
  return { t: 'unknown', why, text: true };
}

/** The value is a string for sure (its content may be unknown): one word when a library escapes it. */
export function isText(v: Value): boolean {
  return v.t === 'str' || v.t === 'tmpl' || (v.t === 'unknown' && v.text === true);
}

export function obj(cls: string, props: Record<string, Value> = {}): Value {
  return { t: 'obj', cls, props };
}

/**
 * One entry of a folder listing (`readdirSync(dir)`, `os.listdir(dir)`): a single name, never `.`,
 * `..` or one with a `/`. Kept inside string values as this marker (a NUL byte cannot be in a path),
 * so `join(dir, entry)` stays "some entry of dir"; shell text spells it as the glob `*`.
 */
export const FOLDER_ENTRY = '\u0000*\u0000';

/** The literal text of a value, when fully known (numbers and booleans as the code would print them). */
export function textOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.t === 'str') return v.v.includes(FOLDER_ENTRY) ? undefined : v.v;
  if (v.t === 'lit' && v.v !== null) return String(v.v);
  return undefined;
}

/** Text of a string value including folder-entry markers (for joining paths). */
function rawText(v: Value): string | undefined {
  return v.t === 'str' ? v.v : textOf(v);
}

/** Most alternatives one value keeps (and calls judged per value); more become unknown. */
export const MAX_ALTERNATIVES = 12;

/** Most values an unknown keeps as `among` when there are too many alternatives to judge one by one. */
export const MAX_AMONG = 64;

/** One of `values`: nested alternatives flattened, duplicates dropped; unknown when any is. */
export function alternatives(values: Value[], why = 'one of too many values to follow'): Value {
  const out: Value[] = [];
  const seen = new Set<string>();
  const add = (v: Value): boolean => {
    if (v.t === 'alt') return v.options.every(add);
    if (v.t === 'unknown') { out.length = 0; out.push(v); return false; }
    const key = JSON.stringify(v);
    if (!seen.has(key)) { seen.add(key); out.push(v); }
    return true;
  };
  for (const v of values) if (!add(v)) return out[0];
  if (out.length === 0) return unknown('no value');
  if (out.length === 1) return out[0];
  if (out.length > MAX_ALTERNATIVES) return out.length <= MAX_AMONG ? { t: 'unknown', why, among: out } : unknown(why);
  return { t: 'alt', options: out };
}

/** Every combination of the alternatives in `values` (one list when none), or undefined past the cap. */
export function combinations(values: Value[]): Value[][] | undefined {
  let out: Value[][] = [[]];
  for (const v of values) {
    const options = v.t === 'alt' ? v.options : [v];
    const next: Value[][] = [];
    for (const prefix of out) for (const o of options) next.push([...prefix, o]);
    if (next.length > MAX_ALTERNATIVES) return undefined;
    out = next;
  }
  return out;
}

/** Joins values into one string value, keeping unknown parts as holes; alternatives join each. */
export function concatValues(values: Value[]): Value {
  if (values.some((v) => v.t === 'alt')) {
    const combos = combinations(values);
    if (!combos) return unknown('a string built from too many alternatives');
    return alternatives(combos.map(concatValues));
  }
  const parts: (string | null)[] = [];
  let unbounded = false;
  for (const v of values) {
    if (v.t === 'tmpl') {
      parts.push(...v.parts);
      unbounded ||= v.unbounded === true;
    } else {
      const t = rawText(v);
      parts.push(t ?? null);
      unbounded ||= v.t === 'unknown' && v.text === true;
    }
  }
  return withAmong(templateValue(parts, unbounded), values);
}

/** The texts an unknown (or partly known string) is one of, when it keeps them (`among`). */
export function amongOf(v: Value): Value[] | undefined {
  return (v.t === 'unknown' || v.t === 'tmpl') ? v.among : undefined;
}

/** `f'.{name}'` where name is one of many known texts: the joined string keeps each whole text as
 *  `among` (it stays the partly known string to everything else). Only one such part is followed. */
function withAmong(joined: Value, values: Value[]): Value {
  const at = values.findIndex((v) => v.t === 'unknown' && v.among);
  if (at < 0 || values.some((v, i) => i !== at && (textOf(v) === undefined || v.t === 'tmpl'))) return joined;
  if (joined.t !== 'tmpl' && joined.t !== 'unknown') return joined;
  const among: Value[] = [];
  for (const option of amongOf(values[at])!) {
    const text = textOf(option);
    if (text === undefined) return joined;
    among.push(str(values.map((v, i) => (i === at ? text : textOf(v)!)).join('')));
  }
  return { ...joined, among };
}

export function templateValue(parts: (string | null)[], unbounded = false): Value {
  const merged: (string | null)[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p !== null && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (!(p === null && last === null && merged.length)) merged.push(p);
  }
  if (merged.length === 0) return str('');
  if (merged.length === 1 && merged[0] !== null) return str(merged[0]);
  if (merged.every((p) => p === null)) return UNKNOWN;
  return unbounded ? { t: 'tmpl', parts: merged, unbounded: true } : { t: 'tmpl', parts: merged };
}

/** Any string-like value as parts (a fully unknown value is one hole). */
export function partsOf(v: Value): (string | null)[] {
  if (v.t === 'tmpl') return v.parts;
  const t = rawText(v);
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
    case 'str': {
      const t = v.v.split(FOLDER_ENTRY).join('{entry}');
      return `'${t.length > 80 ? `${t.slice(0, 77)}...` : t}'`;
    }
    case 'alt': return `one of ${v.options.map(describeValue).join(', ')}`;
    case 'tmpl': return `'${v.parts.map((p) => p ?? '{…}').join('').split(FOLDER_ENTRY).join('{entry}')}'`;
    case 'lit': return String(v.v);
    case 'path': return v.path;
    case 'obj': return v.cls;
    default: return '<run-time value>';
  }
}

/** The value of `key` in an object: the last entry wins, and an entry with an unknown key after the
 *  last one that names it (`{ shell: false, ...options }`) may be it, so the value is unknown. */
export function dictGet(v: Value | undefined, key: string): Value | undefined {
  if (!v || v.t !== 'dict') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) {
    const [k, value] = v.entries[i];
    if (k === key) return value;
    if (k === null) return value.t === 'unknown' ? value : UNKNOWN;
  }
  return undefined;
}
