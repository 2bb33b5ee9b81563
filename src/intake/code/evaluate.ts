// IR -> effects. Literal values flow through names, aliases, concatenation and formatting;
// every call in the program is evaluated once, in source order, against the language's library
// model (models/*.ts), which says what a call returns and what it does.
import type { Call, Expr, Program } from './ir.js';
import type { Effect } from './effect.js';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { concatValues, str, textOf, unknown, UNKNOWN, type Value } from './values.js';

/** What a library model sees of one call. */
export interface CallSite {
  call: Call;
  /** The callee: a module path (`subprocess.run`) or a method (`receiver.name`). */
  fn: Value;
  /** For method calls: the object and the method name. */
  receiver?: Value;
  method?: string;
  args: Value[];
  kwargs: Map<string, Value>;
  /** Positional argument `i`, or keyword `name` when given. */
  arg(i: number, name?: string): Value | undefined;
  emit(effect: DistributiveOmit<Effect, 'loc' | 'file'>): Effect;
  evaluator: Evaluator;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A language's libraries: what calls return and do. */
export interface Library {
  /** Value of a name nobody assigned: builtins, globals (`open`, `require`, `process`). */
  global(name: string): Value;
  /** `value.name` for library objects (`resource.meta`, `bucket.objects`); undefined = a plain method reference. */
  member?(receiver: Value, name: string, ev: Evaluator): Value | undefined;
  /** Evaluates one call: returns its value, emits its effects. */
  call(site: CallSite): Value;
  /** `x[key]` on library values (`os.environ['X']`, `process.env.X`). */
  index?(receiver: Value, key: Value): Value | undefined;
  /** Called once after every call was evaluated (effects held back until the end). */
  finish?(ev: Evaluator): void;
  /** `left / right` on a path object (pathlib); undefined when it is not one. */
  pathJoin?(left: Value, right: Value): Value | undefined;
  /** Names that say where the running file is (`__dirname`: its folder, `__file__`: the file, `import.meta.url`: its URL). */
  located?: Readonly<Record<string, 'file' | 'dir' | 'url'>>;
  /** Library constants that are plain text (`os.pardir` is `..`). */
  constants?: Readonly<Record<string, string>>;
}

const MAX_VALUE_DEPTH = 40;

export class Evaluator {
  readonly effects: Effect[] = [];
  private readonly callValues = new Map<number, Value>();
  private readonly inProgress = new Set<string>();
  /** Values of names, once computed without meeting a cycle or the depth limit (a name's value does
   *  not depend on where it is used, and a script binds the same local name in many functions). */
  private readonly nameValues = new Map<string, Value>();
  /** Counts cycles and depth limits met, so a value that met one is not kept. */
  private cutShort = 0;
  /** Free-form state a library model keeps across calls (boto3 default session...). */
  readonly state = new Map<string, unknown>();

  constructor(
    readonly program: Program,
    readonly library: Library,
    /** Absolute path of the file the code is in, when it is a file on disk. */
    readonly scriptPath?: string,
  ) {}

  run(): Effect[] {
    for (const call of this.program.calls) this.callValue(call.id);
    this.library.finish?.(this);
    for (const p of this.program.problems) this.effects.push({ kind: 'unknown', why: p.why, loc: p.loc, ...(this.program.file !== undefined ? { file: this.program.file } : {}) });
    return this.effects;
  }

  value(e: Expr, depth = 0): Value {
    if (depth > MAX_VALUE_DEPTH) {
      this.cutShort++;
      return unknown('a value derived too many times to follow');
    }
    switch (e.k) {
      case 'lit':
        return typeof e.v === 'string' ? { t: 'str', v: e.v } : { t: 'lit', v: e.v };
      case 'name':
        return this.nameValue(e.name, depth);
      case 'module':
        return { t: 'path', path: e.path };
      case 'attr': {
        const dotted = dottedOf(e);
        if (dotted !== undefined && this.program.bindings.has(dotted)) return this.nameValue(dotted, depth);
        return this.member(this.value(e.obj, depth + 1), e.name);
      }
      case 'index': {
        const obj = this.value(e.obj, depth + 1);
        const key = this.value(e.key, depth + 1);
        return this.indexOf(obj, key);
      }
      case 'call':
        return this.callValue(e.id, depth);
      case 'concat':
        return concatValues(e.parts.map((p) => this.value(p, depth + 1)));
      case 'list':
        return { t: 'list', items: e.items.map((i) => this.value(i, depth + 1)) };
      case 'dict':
        return { t: 'dict', entries: e.entries.map(({ key, value }) => [textOf(this.value(key, depth + 1)) ?? null, this.value(value, depth + 1)]) };
      case 'pathjoin': {
        const joined = this.library.pathJoin?.(this.value(e.left, depth + 1), this.value(e.right, depth + 1));
        return joined ?? unknown('arithmetic is not followed');
      }
      case 'opaque':
        return unknown(e.why);
    }
  }

  /** `receiver.name` */
  member(receiver: Value, name: string): Value {
    if (receiver.t === 'path') {
      const path = `${receiver.path}.${name}`;
      return this.located(path) ?? { t: 'path', path };
    }
    const fromLibrary = this.library.member?.(receiver, name, this);
    if (fromLibrary) return fromLibrary;
    return { t: 'obj', cls: 'method', props: { receiver, name: { t: 'str', v: name } } };
  }

  /** `__dirname` and the like, for code read from a file; library constants. */
  private located(name: string): Value | undefined {
    const constant = this.library.constants?.[name];
    if (constant !== undefined) return str(constant);
    const kind = this.library.located?.[name];
    if (!kind || this.scriptPath === undefined) return undefined;
    return str(kind === 'file' ? this.scriptPath : kind === 'dir' ? dirname(this.scriptPath) : pathToFileURL(this.scriptPath).href);
  }

  indexOf(obj: Value, key: Value): Value {
    const fromLibrary = this.library.index?.(obj, key);
    if (fromLibrary) return fromLibrary;
    const k = textOf(key);
    if (obj.t === 'dict' && k !== undefined) {
      for (let i = obj.entries.length - 1; i >= 0; i--) if (obj.entries[i][0] === k) return obj.entries[i][1];
      return UNKNOWN;
    }
    if (obj.t === 'list' && key.t === 'lit' && typeof key.v === 'number') return obj.items[key.v < 0 ? obj.items.length + key.v : key.v] ?? UNKNOWN;
    if (obj.t === 'path' && k !== undefined && /^[A-Za-z_$][\w$]*$/.test(k)) return this.member(obj, k);
    if (obj.t === 'obj' && k !== undefined) return this.member(obj, k);
    return obj.t === 'unknown' ? obj : UNKNOWN;
  }

  private nameValue(name: string, depth: number): Value {
    const bound = this.program.bindings.get(name);
    if (!bound) return this.located(name) ?? this.library.global(name);
    const known = this.nameValues.get(name);
    if (known) return known;
    if (this.inProgress.has(name)) {
      this.cutShort++;
      return unknown(`${name} depends on itself`);
    }
    this.inProgress.add(name);
    const before = this.cutShort;
    try {
      const values = bound.map((b) => this.value(b, depth + 1));
      const merged = merge(values, name);
      if (this.cutShort === before) this.nameValues.set(name, merged);
      return merged;
    } finally {
      this.inProgress.delete(name);
    }
  }

  callValue(id: number, depth = 0): Value {
    const done = this.callValues.get(id);
    if (done) return done;
    const key = `call:${id}`;
    if (this.inProgress.has(key)) {
      this.cutShort++;
      return unknown('a call that depends on itself');
    }
    this.inProgress.add(key);
    try {
      const call = this.program.calls[id];
      const v = this.evaluateCall(call, depth);
      this.callValues.set(id, v);
      return v;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private evaluateCall(call: Call, depth: number): Value {
    let fn: Value;
    let receiver: Value | undefined;
    let method: string | undefined;
    if (call.callee.k === 'attr' && !(dottedOf(call.callee) !== undefined && this.program.bindings.has(dottedOf(call.callee)!))) {
      receiver = this.value(call.callee.obj, depth + 1);
      method = call.callee.name;
      fn = this.member(receiver, method);
    } else {
      fn = this.value(call.callee, depth + 1);
    }
    if (fn.t === 'obj' && fn.cls === 'method') {
      receiver = fn.props.receiver;
      method = textOf(fn.props.name);
    }
    const args = call.args.map((a) => this.value(a, depth + 1));
    const kwargs = new Map(call.kwargs.map(({ name, value }) => [name, this.value(value, depth + 1)] as const));
    const site: CallSite = {
      call, fn, receiver, method, args, kwargs,
      arg: (i, name) => (name !== undefined && kwargs.has(name) ? kwargs.get(name) : args[i]),
      emit: (effect) => {
        const full = { ...effect, loc: call.loc, ...(this.program.file !== undefined ? { file: this.program.file } : {}) } as Effect;
        this.effects.push(full);
        return full;
      },
      evaluator: this,
    };
    return this.library.call(site);
  }
}

/** Several assignments to one name: equal literals stay known; a library object wins over
 *  placeholders (`client = None` then `client = boto3.client('s3')`); else unknown. */
function merge(values: Value[], name: string): Value {
  if (values.length === 1) return values[0];
  const meaningful = values.filter((v) => !(v.t === 'lit' && v.v === null));
  const objects = meaningful.filter((v) => v.t === 'obj' || v.t === 'path');
  if (objects.length) return objects[objects.length - 1];
  const texts = meaningful.map(textOf);
  if (texts.length && texts.every((t) => t !== undefined && t === texts[0])) return meaningful[0];
  if (meaningful.length === 1) return meaningful[0];
  return unknown(`${name} is assigned different values`);
}

function dottedOf(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'attr') {
    const base = dottedOf(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}
