// IR -> effects. Literal values flow through names, aliases, concatenation and formatting;
// every call in the program is evaluated once, in source order, against the language's library
// model (models/*.ts), which says what a call returns and what it does.
import { EXPORTED_FUNCTION, returnsOf, type Call, type Expr, type Program } from './ir.js';
import type { Effect } from './effect.js';
import { dirname } from 'node:path';
import { monotonicMs } from '../../util/clock.js';
import { pathToFileURL } from 'node:url';
import { alternatives, combinations, concatValues, dictGet, FOLDER_ENTRY, hasSpreadItems, holdsFreshPath, MAX_ALTERNATIVES, spreadItems, str, textOf, unknown, UNKNOWN, type Value } from './values.js';

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
  /** One element of a library value a loop walks (a page of API results); undefined when it is not one. */
  element?(collection: Value): Value | undefined;
  /** Called once after every call was evaluated (effects held back until the end). */
  finish?(ev: Evaluator): void;
  /** `left / right` on a path object (pathlib); undefined when it is not one. */
  pathJoin?(left: Value, right: Value): Value | undefined;
  /** Names that say where the running file is (`__dirname`: its folder, `__file__`: the file, `import.meta.url`: its URL). */
  located?: Readonly<Record<string, 'file' | 'dir' | 'url'>>;
  /** A module member that is a value rather than a function (`process.env.HOME`: an environment variable). */
  memberValue?(path: string): Value | undefined;
  /** Library constants that are plain text (`os.pardir` is `..`). */
  constants?: Readonly<Record<string, string>>;
  /** The dotted name of the program's command line (`process.argv`, `sys.argv`) and what precedes
   *  the script's own arguments in it (`node` and the script, or only the script). */
  argv?: { path: string; interpreter: boolean };
}

/** What the evaluator knows beyond the code: where it runs and how it was started. */
export interface EvalContext {
  /** The code's text: a function's name counted in it says whether all its callers are in view. */
  source?: string;
  /** The arguments the command passes to the script (`node x.mjs build pnpm build` -> build, pnpm,
   *  build), each known or unknown; undefined when the command line is not known (xargs, inline code). */
  args?: Value[];
  /** The code is imported by other code (a project module): its Python functions may be called from there. */
  imported?: boolean;
  /** For a project module: how the code that imports it calls its exported functions (absent: any way). */
  callers?: ExternalCallers;
  /** Calls in code the run cannot reach (a Typer subcommand not chosen): not evaluated for their
   *  own sake, only when a value that runs needs one. */
  unreached?: (call: Call) => boolean;
  /** The JavaScript file the command runs, which imports no project module: no other module in the
   *  process can import it back, so its exported functions are called only from its own code. */
  entry?: boolean;
}

/** One call of an exported function from another module, with the values that module passes. */
export interface ExternalCall {
  args: Value[];
  kwargs: [string, Value][];
  spread: boolean;
  /** `scripts/build.js:95`, for the report. */
  where: string;
}

/**
 * How one importing module reaches a module's exported functions: by name, the calls it makes, or
 * why they cannot all be seen (the function is passed on, re-exported, the module imported whole).
 * A function the importer does not import is not reachable from it.
 */
export interface ExternalCallers {
  from: string;
  escaped?: string;
  names: Map<string, ExternalCall[] | { escaped: string }>;
}

const MAX_VALUE_DEPTH = 40;
/** Working out what one piece of code does may take this long; past it the code is unread (a hook has a deadline, and some shapes of code cost more than linear time). */
export const EVALUATION_MILLISECONDS = 1500;

/** The evaluator's time ran out: judgeCode turns it into code nobody has read. */
export class EvaluationTimeout extends Error {}

export class Evaluator {
  readonly effects: Effect[] = [];
  private readonly callValues = new Map<number, Value>();
  /** Names, parameters and calls being worked out, each with its place on that stack (0: outermost). */
  private readonly inProgress = new Map<string, number>();
  /** Values of names, once computed without meeting a cycle outside their own working-out or the
   *  depth limit (a name's value does not depend on where it is used, and a script binds the same
   *  local name in many functions). */
  private readonly nameValues = new Map<string, Value>();
  /**
   * The outermost place on the stack a cycle was cut at since the value being worked out began
   * (-1: the depth limit was met; Infinity: nothing was cut). Every cut gives `unknown` (it may be
   * any value), never a value that does nothing. A value is kept when every cut in its working-out
   * was at itself or at a name it went on to work out: those cuts fall at the same places whenever
   * and wherever it is worked out again, so the kept value is the one each use would compute, as for
   * a value that met no cycle (`x = f(x)`, a parameter every function names `x`: worked out once,
   * not once per use, which made large packages quadratic or worse). A cut at a name further out,
   * still being worked out, stood in for a value not known yet (its final value may differ), and
   * the depth limit depends on where the value was asked for: such values are worked out again on
   * each use. A call is evaluated once whatever was cut in it (its effects are emitted once).
   */
  private cutAt = Infinity;
  /** Names of lists and dicts the code changes in place (`x.append(...)`, `x[i] = v`), and whether
   *  it changes one it cannot name (then no list or dict value is trusted); computed on first use. */
  private mutation?: { names: Set<string>; any: boolean };
  /** Free-form state a library model keeps across calls (boto3 default session...). */
  readonly state = new Map<string, unknown>();
  private readonly deadline = monotonicMs() + EVALUATION_MILLISECONDS;
  private steps = 0;

  constructor(
    readonly program: Program,
    readonly library: Library,
    /** Absolute path of the file the code is in, when it is a file on disk. */
    readonly scriptPath?: string,
    readonly context: EvalContext = {},
  ) {}

  run(): Effect[] {
    for (const call of this.program.calls) if (!this.context.unreached?.(call)) this.callValue(call.id);
    this.library.finish?.(this);
    for (const p of this.program.problems) this.effects.push({ kind: 'unknown', why: p.why, loc: p.loc, ...(this.program.file !== undefined ? { file: this.program.file } : {}) });
    return this.effects;
  }

  value(e: Expr, depth = 0): Value {
    if ((++this.steps & 0x3ff) === 0 && monotonicMs() > this.deadline) {
      throw new EvaluationTimeout(`working out what the code does took longer than ${EVALUATION_MILLISECONDS} ms`);
    }
    if (depth > MAX_VALUE_DEPTH) {
      this.cutAt = -1;
      return unknown('a value derived too many times to follow');
    }
    switch (e.k) {
      case 'lit':
        return typeof e.v === 'string' ? { t: 'str', v: e.v } : { t: 'lit', v: e.v };
      case 'name':
        return this.nameValue(e.name, depth);
      case 'module':
        return this.commandLine(e.path) ?? { t: 'path', path: e.path };
      case 'alt':
        if (e.fallback && e.options.length === 2) return this.fallbackValue(e.fallback, e.options[0], e.options[1], depth);
        return alternatives(e.options.map((o) => this.value(o, depth + 1)));
      case 'param':
        return this.paramValue(e, depth);
      case 'each':
        return this.elementOf(this.value(e.of, depth + 1));
      case 'slice':
        return this.sliceOf(this.value(e.obj, depth + 1), e.from);
      case 'attr': {
        if (e.dflt) return this.destructured(this.value(e.obj, depth + 1), e.name, e.dflt, depth);
        const dotted = dottedOf(e);
        // `self.x` in a Python class: any assignment to an attribute `x` in the file may be it.
        if (dotted !== undefined && this.program.language === 'python' && e.obj.k === 'name' && e.obj.name === 'self' && this.program.classes?.size) return this.attributeValue(e.name, depth);
        if (dotted !== undefined && this.program.bindings.has(dotted)) {
          const head = e.obj.k === 'name' ? this.value(e.obj, depth + 1) : undefined;
          if (head?.t === 'obj' && head.cls === 'local.instance') return this.attributeValue(e.name, depth);
          // `args.out = 'build'` on a namespace argparse filled: before the assignment it is the command line's.
          if (head?.t === 'obj' && head.cls === 'argparse.namespace') return alternatives([this.member(head, e.name), this.nameValue(dotted, depth)]);
          return this.nameValue(dotted, depth);
        }
        return this.member(this.value(e.obj, depth + 1), e.name);
      }
      case 'index': {
        const obj = this.value(e.obj, depth + 1);
        const key = this.value(e.key, depth + 1);
        return this.indexOf(obj, key);
      }
      case 'call':
        return this.callValue(e.id, depth);
      case 'concat': {
        const parts = e.parts.map((p) => this.value(p, depth + 1));
        // Python's `+` joins lists too: `CMD + ['--kind', kind]`.
        const isList = (p: Value): boolean => p.t === 'list' || (p.t === 'alt' && p.options.every(isList));
        if (this.program.language === 'python' && parts.length && parts.every(isList)) {
          const combos = combinations(parts);
          if (!combos) return unknown('a list joined from too many alternatives');
          return alternatives(combos.map((c) => ({ t: 'list', items: c.flatMap((p) => (p.t === 'list' ? p.items : [])) })));
        }
        return concatValues(parts);
      }
      case 'list': {
        // `[*known]` / `[...known]`: the items of a known list, in place.
        const items = e.items.flatMap((i) => {
          if (i.k !== 'opaque' || !i.items || !i.of) return [this.value(i, depth + 1)];
          const spread = this.value(i.of, depth + 1);
          return spread.t === 'list' ? spread.items : [spreadItems(spread.t === 'unknown' && spread.why ? `items spread from ${spread.why}` : i.why)];
        });
        if (!items.some((i) => i.t === 'alt')) return { t: 'list', items };
        // `[cmd, c ? 'a' : 'b']`: one list per alternative, each judged.
        const combos = combinations(items);
        return combos ? alternatives(combos.map((c) => ({ t: 'list', items: c }))) : { t: 'list', items: items.map((i) => (i.t === 'alt' ? unknown('one of too many values to follow') : i)) };
      }
      case 'dict':
        return this.dictValue(e, depth);
      case 'pathjoin':
        return this.pathJoinOf(this.value(e.left, depth + 1), this.value(e.right, depth + 1));
      case 'compare': {
        const left = textOf(this.value(e.left, depth + 1));
        const right = textOf(this.value(e.right, depth + 1));
        if (left === undefined || right === undefined) return unknown('a comparison with a value computed at run time');
        return { t: 'lit', v: (left === right) === e.equal };
      }
      case 'opaque':
        return e.items ? spreadItems(e.why) : unknown(e.why);
    }
  }

  /** `left / right` for each alternative of either side (`(args.dir or Path('build')) / 'x'`); a None
   *  or False side (the unused side of `or`) joins nothing: `None / 'x'` raises before any effect. */
  private pathJoinOf(left: Value, right: Value): Value {
    if (left.t === 'alt' || right.t === 'alt') {
      const joined: Value[] = [];
      for (const l of left.t === 'alt' ? left.options : [left]) {
        for (const r of right.t === 'alt' ? right.options : [right]) {
          if ((l.t === 'lit' && (l.v === null || l.v === false)) || (r.t === 'lit' && (r.v === null || r.v === false))) continue;
          joined.push(this.pathJoinOf(l, r));
        }
      }
      return joined.length ? alternatives(joined) : unknown('arithmetic is not followed');
    }
    return this.library.pathJoin?.(left, right) ?? unknown('arithmetic is not followed');
  }

  /**
   * An object literal. A spread (`{ ...options, shell: false }`) adds the entries of its value: a
   * known object's keys, nothing for null or undefined, one object per alternative; anything else is
   * an entry with an unknown key (it may set any option).
   */
  private dictValue(e: Extract<Expr, { k: 'dict' }>, depth: number): Value {
    let variants: [string | null, Value][][] = [[]];
    for (const entry of e.entries) {
      if (!entry.spread) {
        const pair: [string | null, Value] = [textOf(this.value(entry.key, depth + 1)) ?? null, this.value(entry.value, depth + 1)];
        for (const v of variants) v.push(pair);
        continue;
      }
      const spread = this.value(entry.value, depth + 1);
      const options = spread.t === 'alt' ? spread.options : [spread];
      if (variants.length * options.length > MAX_ALTERNATIVES) {
        for (const v of variants) v.push([null, unknown('an object spread from one of too many values')]);
        continue;
      }
      variants = variants.flatMap((prefix) => options.map((o) => [...prefix, ...spreadEntries(o)]));
    }
    return alternatives(variants.map((entries) => ({ t: 'dict', entries })));
  }

  /** `{ name = dflt } = obj`: obj's entry, or the default when obj is an object literal without it (or no object was passed). */
  private destructured(obj: Value, name: string, dflt: Expr, depth: number): Value {
    if (obj.t === 'alt') return alternatives(obj.options.map((o) => this.destructured(o, name, dflt, depth)));
    const fallback = () => this.value(dflt, depth + 1);
    if (obj.t === 'lit' && obj.v === null) return fallback();
    if (obj.t !== 'dict') return this.member(obj, name);
    const given = obj.entries.filter(([k]) => k === name || k === null);
    if (!given.length) return fallback();
    // The last entry wins; one with a key known only at run time (a spread) may be this one.
    const [key, value] = given[given.length - 1];
    if (key === null) return unknown(`the ${name} entry of an object spread from a value computed at run time`);
    return value.t === 'lit' && value.v === null ? fallback() : value;
  }

  /** `receiver.name` */
  member(receiver: Value, name: string): Value {
    if (receiver.t === 'alt') return alternatives(receiver.options.map((o) => this.member(o, name)));
    if (receiver.t === 'obj' && receiver.cls === 'local.instance') return this.attributeValue(name);
    if (receiver.t === 'path') {
      const path = `${receiver.path}.${name}`;
      return this.located(path) ?? this.commandLine(path) ?? this.library.memberValue?.(path) ?? { t: 'path', path };
    }
    const fromLibrary = this.library.member?.(receiver, name, this);
    if (fromLibrary) return fromLibrary;
    return { t: 'obj', cls: 'method', props: { receiver, name: { t: 'str', v: name } } };
  }

  /** `__dirname` and the like, for code read from a file; library constants. */
  private located(name: string): Value | undefined {
    const constants = this.library.constants;
    if (constants && Object.hasOwn(constants, name)) return str(constants[name]);
    const kind = this.library.located && Object.hasOwn(this.library.located, name) ? this.library.located[name] : undefined;
    if (!kind || this.scriptPath === undefined) return undefined;
    return str(kind === 'file' ? this.scriptPath : kind === 'dir' ? dirname(this.scriptPath) : pathToFileURL(this.scriptPath).href);
  }

  indexOf(obj: Value, key: Value): Value {
    if (obj.t === 'alt') return alternatives(obj.options.map((o) => this.indexOf(o, key)));
    if (key.t === 'alt') return alternatives(key.options.map((k) => this.indexOf(obj, k)));
    // One of many tables (`package, module = LAZY[name]`): the same element of each, kept as `among`.
    if (obj.t === 'unknown' && obj.among) return alternatives(obj.among.map((o) => this.indexOf(o, key)), obj.why);
    const fromLibrary = this.library.index?.(obj, key);
    if (fromLibrary) return fromLibrary;
    const k = textOf(key);
    if (obj.t === 'dict' && k !== undefined) return dictGet(obj, k) ?? UNKNOWN;
    if (obj.t === 'dict' && k === undefined && this.missingKeyFails()) return tableEntry(obj);
    if (obj.t === 'list' && key.t === 'lit' && typeof key.v === 'number' && hasSpreadItems(obj)) return unknown('an element of a list with items spread from a value computed at run time');
    // JavaScript: an index past the end of a list known whole (`process.argv[2]` when the command
    // gives no argument) is undefined, which `??` and `||` replace.
    if (obj.t === 'list' && key.t === 'lit' && typeof key.v === 'number' && key.v >= obj.items.length && this.jsLike()) return { t: 'lit', v: null };
    if (obj.t === 'list' && key.t === 'lit' && typeof key.v === 'number') return obj.items[key.v < 0 ? obj.items.length + key.v : key.v] ?? unknown(`element ${key.v} of a list of ${obj.items.length} (a command-line argument the command does not give, or an index past the end)`);
    if (obj.t === 'path' && k !== undefined && /^[A-Za-z_$][\w$]*$/.test(k)) return this.member(obj, k);
    if (obj.t === 'obj' && k !== undefined) return this.member(obj, k);
    return obj.t === 'unknown' ? obj : UNKNOWN;
  }

  /**
   * A key known only at run time looks up one of the table's values where a missing key gives
   * nothing that acts: Python raises KeyError; JavaScript gives undefined, which a call or a path
   * function rejects and a template spells as "undefined". (Go's zero value "" would join to the
   * folder itself.)
   */
  /**
   * `a ?? b`, `a || b`: where the left side is known, it decides (`undefined ?? 'x'` is 'x', a
   * non-empty text is kept by both); otherwise either side.
   */
  private fallbackValue(op: '??' | '||', leftExpr: Expr, rightExpr: Expr, depth: number): Value {
    const left = this.value(leftExpr, depth + 1);
    const right = () => this.value(rightExpr, depth + 1);
    const options = left.t === 'alt' ? left.options : [left];
    const out: Value[] = [];
    for (const o of options) {
      const falsy = o.t === 'lit' ? o.v === null || (op === '||' && (o.v === false || o.v === 0)) : o.t === 'str' ? op === '||' && o.v === '' : undefined;
      if (falsy === true) out.push(right());
      else if (falsy === false || o.t === 'list' || o.t === 'dict') out.push(o);
      else out.push(o, right());
    }
    return alternatives(out);
  }

  private jsLike(): boolean {
    return this.program.language === 'javascript' || this.program.language === 'typescript';
  }

  private missingKeyFails(): boolean {
    const language = this.program.language;
    return language === 'javascript' || language === 'typescript' || language === 'python';
  }

  /**
   * Attribute `name` of an object of a class defined in this file: every assignment to an attribute
   * of that name anywhere in the file (`self.x = ...`, `config.x = ...`) and every plain name `x`
   * (a class attribute) may be it. Unknown when none is, or when the code sets or looks up
   * attributes by a name in text (`setattr`, `__dict__`, `__getattr__`...).
   */
  private attributeValue(name: string, depth = 0): Value {
    const stripped = withoutPlainLiterals(this.context.source ?? '', 'python');
    if (this.context.source === undefined || ATTRIBUTE_REFLECTION.test(stripped)) return unknown(`the attribute ${name} of an object whose attributes are set by name at run time`);
    const key = `attr:${name}`;
    const known = this.nameValues.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return this.cut(key, unknown(`the attribute ${name} depends on itself`));
    const exprs: Expr[] = [];
    for (const [bound, values] of this.program.bindings) if (bound === name || bound.endsWith(`.${name}`)) exprs.push(...values);
    if (!exprs.length) return unknown(`the attribute ${name}, which nothing in the code assigns`);
    return this.workedOut(key, () => this.unlessChanged(key, merge(exprs.map((x) => this.value(x, depth + 1)), name)), (v) => this.nameValues.set(key, v));
  }

  /** A cycle met at `key` (being worked out further out): `placeholder` stands in for its value. */
  private cut(key: string, placeholder: Value): Value {
    this.cutAt = Math.min(this.cutAt, this.inProgress.get(key) ?? -1);
    return placeholder;
  }

  /** Works out `key`'s value, and keeps it (`keep`) when no cut in it was further out than `key` (see cutAt). */
  private workedOut<T>(key: string, compute: () => T, keep: (v: T) => void): T {
    const place = this.inProgress.size;
    const outer = this.cutAt;
    this.inProgress.set(key, place);
    this.cutAt = Infinity;
    try {
      const v = compute();
      if (this.cutAt >= place) keep(v);
      return v;
    } finally {
      this.inProgress.delete(key);
      this.cutAt = Math.min(outer, this.cutAt);
    }
  }

  /** `process.argv` / `sys.argv` when the command line is known: the interpreter, the script, then
   *  the arguments the command gives. */
  private commandLine(path: string): Value | undefined {
    const argv = this.library.argv;
    const args = this.context.args;
    if (!argv || args === undefined || path !== argv.path) return undefined;
    this.mutation ??= findMutations(this.program, this.context.source);
    if (this.mutation.any || this.mutation.names.has(argv.path)) return unknown('the command line, which the code changes in place');
    const script = str(this.scriptPath ?? this.program.file ?? 'script');
    return { t: 'list', items: [...(argv.interpreter ? [str('node')] : []), script, ...args] };
  }

  /** A parameter of a named function: the values its callers pass, when every caller is in view. */
  private paramValue(p: Extract<Expr, { k: 'param' }>, depth: number): Value {
    const list = this.paramCallers(p, depth);
    return Array.isArray(list) ? alternatives(list, `${p.name} is a parameter of ${p.fn}, whose callers pass too many different values`) : list;
  }

  /** The value each caller passes for parameter `p` (in the order of its callers), or why it is unknown. */
  private paramCallers(p: Extract<Expr, { k: 'param' }>, depth: number, passedBack?: string): Value[] | Value {
    const about = `${p.name} is a parameter of ${p.fn}`;
    // Any function of a Python module can be imported by name: with the importer's calls in hand
    // (the module is judged once per importer), those are its callers from outside.
    const python = this.program.language === 'python';
    const external = p.open === EXPORTED_FUNCTION || (python && !p.open && this.context.imported) ? this.externalCalls(p.fn) : undefined;
    const ownCallersOnly = p.open === EXPORTED_FUNCTION && this.context.entry === true && !python && !this.namesInText();
    if (p.open && !external && !ownCallersOnly) return unknown(`${about}: ${p.open}`);
    if (external && 'escaped' in external) return unknown(`${about}: ${external.escaped}`);
    if (this.context.imported && python && !external) return unknown(`${about} in a module other project code can import: its callers are not all in view`);
    const key = `param:${p.fn}:${p.index}${passedBack !== undefined ? `:less:${passedBack}` : ''}`;
    const known = this.paramLists.get(key);
    if (known) return known;
    if (this.inProgress.has(key)) return this.cut(key, unknown(`${about}, which is passed back to itself`));
    return this.workedOut(key, () => this.callerValues(p, about, depth, external, passedBack), (v) => this.paramLists.set(key, v));
  }

  private readonly paramLists = new Map<string, Value[] | Value>();

  /**
   * Arguments of `call` that are parameters of one function (`spawn(command, args)` in
   * `function exec(command, args)`): each caller passes them together, so they are taken caller by
   * caller (`exec('git', ['status'])` never becomes `git` with another caller's arguments).
   */
  private correlated(call: Call, depth: number): { slots: number[]; tuples: Value[][] } | undefined {
    const params: [number, Extract<Expr, { k: 'param' }>][] = [];
    call.args.forEach((a, i) => {
      const bound = a.k === 'name' ? this.program.bindings.get(a.name) : undefined;
      if (bound?.length === 1 && bound[0].k === 'param') params.push([i, bound[0]]);
    });
    if (params.length < 2 || params.some(([, p]) => p.fn !== params[0][1].fn)) return undefined;
    const lists = params.map(([, p]) => this.paramCallers(p, depth + 1));
    if (!lists.every(Array.isArray)) return undefined;
    const columns = lists as Value[][];
    const n = columns[0].length;
    if (!n || columns.some((c) => c.length !== n) || n > 12) return undefined;
    return { slots: params.map(([i]) => i), tuples: Array.from({ length: n }, (_, row) => columns.map((c) => c[row])) };
  }

  /**
   * The calls of exported function `fn` from the module that imports this one, when that module is
   * the only code that can reach it: JavaScript, imported by name, and only ever called by that name.
   */
  private externalCalls(fn: string): ExternalCall[] | { escaped: string } | undefined {
    const callers = this.context.callers;
    if (!callers || (this.program.language !== 'javascript' && this.program.language !== 'typescript' && this.program.language !== 'python')) return undefined;
    if (callers.escaped) return { escaped: `${callers.from} ${callers.escaped}` };
    return callers.names.get(fn) ?? [];
  }

  /** `passedBack`: leave out the callers whose argument is that name itself. */
  private callerValues(p: Extract<Expr, { k: 'param' }>, about: string, depth: number, external?: ExternalCall[], passedBack?: string): Value[] | Value {
    if ((this.program.bindings.get(p.fn)?.length ?? 0) !== 1) return unknown(`${about}, a name assigned more than once`);
    const sites = this.callsByName().get(p.fn) ?? [];
    if (!sites.length && !external?.length) return unknown(`${about}, which nothing in the code calls by its name`);
    // Every mention of the name is its definition or one of these calls: it is not passed, returned,
    // exported or looked up by name, so no caller is out of view.
    const mentions = countMentions(this.context.source, p.fn, this.program.language, this.program.mentions?.get(p.fn), this.program.namesInText);
    if (mentions === undefined || mentions > sites.length + 1) return unknown(`${about}, which is also used as a value (passed, returned, exported or named in text): its callers are not all in view`);
    const values: Value[] = [];
    for (const c of sites) {
      const passesBack = (e: Expr | undefined) => passedBack !== undefined && e?.k === 'name' && e.name === passedBack;
      // `git(root, ...args)` inside a function whose own rest parameter is `args`: passed back.
      if (p.rest && p.index === c.args.length && passesBack(c.spreadTail)) continue;
      if (!p.rest && p.index < c.args.length && passesBack(c.args[p.index])) continue;
      if (c.spread) {
        // `git(root, ...args)` with args a known list (or one of a few): the items in their places.
        const tail = c.spreadTail ? this.value(c.spreadTail, depth + 1) : undefined;
        const lists = tail?.t === 'list' ? [tail] : tail?.t === 'alt' && tail.options.every((o) => o.t === 'list') ? tail.options : undefined;
        if (!lists || lists.some(hasSpreadItems)) return unknown(`${about}, called with arguments spread from a value at line ${c.loc.line}`);
        const head = c.args.map((a) => this.value(a, depth + 1));
        values.push(alternatives(lists.map((l) => {
          const all = [...head, ...(l.t === 'list' ? l.items : [])];
          if (p.rest) return { t: 'list', items: all.slice(p.index) };
          return all[p.index] ?? (p.dflt ? this.value(p.dflt, depth + 1) : { t: 'lit', v: null });
        }), `${about}, called with one of too many argument lists`));
        continue;
      }
      if (p.rest) {
        values.push({ t: 'list', items: c.args.slice(p.index).map((a) => this.value(a, depth + 1)) });
        continue;
      }
      const given = c.kwargs.find((k) => k.name === p.name)?.value ?? c.args[p.index];
      if (passesBack(given)) continue;
      values.push(given ? this.value(given, depth + 1) : p.dflt ? this.value(p.dflt, depth + 1) : { t: 'lit', v: null });
    }
    for (const c of external ?? []) {
      if (c.spread) return unknown(`${about}, called from ${c.where} with arguments spread from a value`);
      if (p.rest) {
        values.push({ t: 'list', items: c.args.slice(p.index) });
        continue;
      }
      const given = c.kwargs.find(([name]) => name === p.name)?.[1] ?? c.args[p.index];
      values.push(given ?? (p.dflt ? this.value(p.dflt, depth + 1) : { t: 'lit', v: null }));
    }
    return values;
  }

  private callSitesByName?: Map<string, Call[]>;

  /** Calls of a plain name (`run(...)`), by name: built once, so callers are found in linear time. */
  private callsByName(): Map<string, Call[]> {
    if (!this.callSitesByName) {
      this.callSitesByName = new Map();
      for (const c of this.program.calls) {
        if (c.callee.k !== 'name') continue;
        const list = this.callSitesByName.get(c.callee.name);
        if (list) list.push(c);
        else this.callSitesByName.set(c.callee.name, [c]);
      }
    }
    return this.callSitesByName;
  }

  /** One element of what a loop walks: each item of a list, an entry of a folder listing. */
  elementOf(v: Value): Value {
    if (v.t === 'alt') {
      // A loop over one of several lists never runs for an empty one (`try { return readdirSync(d) }
      // catch { return [] }`): its element comes from the others.
      const walked = v.options.filter((o) => !(o.t === 'list' && o.items.length === 0));
      return alternatives((walked.length ? walked : v.options).map((o) => this.elementOf(o)));
    }
    if (v.t === 'list') return v.items.length ? alternatives(v.items, 'an element of a list with too many different values') : unknown('an element of an empty list');
    if (v.t === 'obj' && v.cls === 'folder.listing') return folderEntry(v);
    // Python walks a dict's keys (`for name in TABLE`); every key of the literal must be known.
    if (v.t === 'dict' && this.program.language === 'python') {
      if (!v.entries.length || v.entries.some(([k]) => k === null)) return unknown('a key of a table with keys computed at run time');
      return alternatives(v.entries.map(([k]) => str(k!)), 'a key of a table with too many keys');
    }
    if (v.t === 'obj' && v.cls === 'folder.walk') return walkStep(v.props.dir ?? UNKNOWN);
    const fromLibrary = this.library.element?.(v);
    if (fromLibrary) return fromLibrary;
    return unknown(v.t === 'unknown' && v.why ? `an element of ${v.why}` : 'an element of a value computed at run time');
  }

  /** `list[from:]`, `[first, ...rest] = list`. */
  sliceOf(v: Value, from: number): Value {
    // Slicing or unpacking None / null raises (TypeError): that option goes no further.
    const some = (options: Value[]): Value[] => (options.some((o) => !isNone(o)) ? options.filter((o) => !isNone(o)) : options);
    if (v.t === 'alt') return alternatives(some(v.options).map((o) => this.sliceOf(o, from)));
    if (v.t === 'list' && hasSpreadItems(v)) return unknown('part of a list with items spread from a value computed at run time');
    if (v.t === 'list') return { t: 'list', items: v.items.slice(from) };
    if (v.t === 'unknown' && v.among) return alternatives(some(v.among).map((o) => this.sliceOf(o, from)), v.why);
    if (v.t === 'obj' && v.cls === 'folder.listing') return v;
    return v.t === 'unknown' ? v : unknown('part of a value computed at run time');
  }

  /** The code changes `name` (a list or dict) in place, or changes some container it cannot name. */
  private changedInPlace(name: string): boolean {
    this.mutation ??= findMutations(this.program, this.context.source);
    if (this.mutation.any || this.mutation.names.has(name)) return true;
    // An attribute of a local object: a change through any name's attribute of that name counts.
    const attribute = name.startsWith('attr:') ? name.slice(5) : undefined;
    return attribute !== undefined && [...this.mutation.names].some((n) => n === attribute || n.endsWith(`.${attribute}`));
  }

  /** A list or dict value of `name` is not trusted when the code changes it in place. */
  private unlessChanged(name: string, v: Value): Value {
    const container = (x: Value): boolean => x.t === 'list' || x.t === 'dict' || (x.t === 'alt' && x.options.some(container));
    return container(v) && this.changedInPlace(name) ? unknown(`${spelled(name.replace(/^attr:/, ''))} is changed in place (append, item assignment...)`) : v;
  }

  private nameValue(name: string, depth: number): Value {
    const bound = this.program.bindings.get(name);
    if (!bound) return this.located(name) ?? this.library.global(name);
    const known = this.nameValues.get(name);
    if (known) return known;
    if (this.inProgress.has(name)) return this.cut(name, unknown(`${spelled(name)} depends on itself`));
    return this.workedOut(name, () => {
      // A parameter of the same name (bindings are not scoped) takes what its callers pass, less the
      // callers that pass this very name (`helper(root)`): those add no value the others do not give.
      const values = bound.flatMap((b) => {
        if (b.k !== 'param' || bound.length === 1) return [this.value(b, depth + 1)];
        const others = this.paramCallers(b, depth + 1, name);
        return Array.isArray(others) ? (others.length ? [alternatives(others, `${b.name} is a parameter of ${b.fn}, whose callers pass too many different values`)] : []) : [others];
      });
      return this.unlessChanged(name, values.length ? merge(values, name) : unknown(`${spelled(name)} has no value`));
    }, (v) => this.nameValues.set(name, v));
  }

  callValue(id: number, depth = 0): Value {
    const done = this.callValues.get(id);
    if (done) return done;
    const key = `call:${id}`;
    if (this.inProgress.has(key)) return this.cut(key, unknown('a call that depends on itself'));
    const v = this.workedOut(key, () => this.evaluateCall(this.program.calls[id], depth), () => {});
    this.callValues.set(id, v);
    return v;
  }

  private evaluateCall(call: Call, depth: number): Value {
    // `Config(...)` of a plain class defined here: an object whose attributes this file assigns
    // (its __init__ is read with the rest of the code; its parameters take these calls' values).
    if (call.callee.k === 'name' && this.program.classes?.has(call.callee.name) && this.program.bindings.get(call.callee.name)?.length === 1 && !this.context.imported) {
      for (const a of [...call.args, ...call.kwargs.map((k) => k.value)]) this.value(a, depth + 1);
      return { t: 'obj', cls: 'local.instance', props: { cls: str(call.callee.name) } };
    }
    const onAttr = call.callee.k === 'attr' && !(dottedOf(call.callee) !== undefined && this.program.bindings.has(dottedOf(call.callee)!));
    const head = onAttr && call.callee.k === 'attr' ? this.value(call.callee.obj, depth + 1) : this.value(call.callee, depth + 1);
    const kwargs = call.kwargs.map(({ name, value }) => [name, this.value(value, depth + 1)] as const);
    const together = this.correlated(call, depth);
    if (together) {
      const others = call.args.map((a, i) => (together.slots.includes(i) ? undefined : this.value(a, depth + 1)));
      const results = together.tuples.map((tuple) => this.callWith(call, onAttr, head, others.map((v, i) => v ?? tuple[together.slots.indexOf(i)]), kwargs, depth));
      return alternatives(results);
    }
    const args = call.args.map((a) => this.value(a, depth + 1));
    return this.callWith(call, onAttr, head, args, kwargs, depth);
  }

  private callWith(call: Call, onAttr: boolean, head: Value, args: Value[], kwargs: (readonly [string, Value])[], depth: number): Value {
    const slots = [head, ...args, ...kwargs.map(([, v]) => v)];
    if (!slots.some((v) => v.t === 'alt')) return this.callOnce(call, onAttr, head, args, new Map(kwargs), depth);
    // One of several values in the call: the call is judged once for each combination.
    const combos = combinations(slots) ?? [slots.map((v) => (v.t === 'alt' ? unknown('one of too many values to follow') : v))];
    const results = combos.map((c) => this.callOnce(call, onAttr, c[0], c.slice(1, 1 + args.length), new Map(kwargs.map(([name], i) => [name, c[1 + args.length + i]] as const)), depth));
    return alternatives(results);
  }

  /**
   * What a call of a function defined in this file returns: every `return` expression of it (with
   * its parameters' values from all callers), None/undefined when its body can end without one.
   * Unknown for a generator, a name assigned more than once, a Python module other code can import
   * (it may replace the function), or code that reaches names through text.
   */
  private returnedBy(fn: string, depth: number): Value | undefined {
    const returns = this.program.bindings.get(returnsOf(fn));
    if (!returns) return undefined;
    const about = `what ${fn} returns`;
    if (this.program.bindings.get(fn)?.length !== 1) return unknown(`${about}: ${fn} is assigned more than once`);
    if (this.context.imported && this.program.language === 'python') return unknown(`${about}, in a module other project code can import (it may replace ${fn})`);
    if (this.namesInText()) return unknown(`${about}: the code can reach its functions by a name in text`);
    return alternatives(returns.map((r) => this.value(r, depth + 1)), `${fn} returns too many different values`);
  }

  private reachesNamesInText?: boolean;

  /** The code can reach its own functions by a name in text (`eval`, `globals()`...), or its text is not at hand. */
  private namesInText(): boolean {
    this.reachesNamesInText ??= this.context.source === undefined || (this.program.namesInText ?? reachesNamesInText(this.context.source, this.program.language));
    return this.reachesNamesInText;
  }

  private callOnce(call: Call, onAttr: boolean, head: Value, args: Value[], kwargs: Map<string, Value>, depth: number): Value {
    let fn: Value;
    let receiver: Value | undefined;
    let method: string | undefined;
    if (onAttr && call.callee.k === 'attr') {
      receiver = head;
      method = call.callee.name;
      fn = this.member(receiver, method);
    } else {
      fn = head;
    }
    if (fn.t === 'obj' && fn.cls === 'method') {
      receiver = fn.props.receiver;
      method = textOf(fn.props.name);
    }
    const site: CallSite = {
      call, fn, receiver, method, args, kwargs,
      // Reads the site it is called on: a model that hands on `{ ...site, args: [path, ...site.args] }` (pathlib's
      // methods, PHP's call_user_func) gets its own arguments, not the original call's (wave 17: `Path(p).open('w')`
      // read the mode from the wrong place and passed as a read).
      arg(i, name) { return name !== undefined && this.kwargs.has(name) ? this.kwargs.get(name) : this.args[i]; },
      emit: (effect) => {
        const full = { ...effect, loc: call.loc, ...(this.program.file !== undefined ? { file: this.program.file } : {}) } as Effect;
        this.effects.push(full);
        return full;
      },
      evaluator: this,
    };
    const result = this.library.call(site);
    if (call.callee.k === 'name' && result.t === 'unknown') return this.returnedBy(call.callee.name, depth) ?? result;
    return result;
  }
}

function isNone(v: Value): boolean {
  return v.t === 'lit' && v.v === null;
}

/** The entries `...value` adds to an object literal. */
function spreadEntries(v: Value): [string | null, Value][] {
  if (v.t === 'dict') return v.entries;
  // `...undefined`, `...null` (an option a caller leaves out) and `...false` add nothing.
  if (v.t === 'lit' && (v.v === null || typeof v.v === 'boolean')) return [];
  return [[null, unknown(v.t === 'unknown' && v.why ? `an object spread from ${v.why}` : 'an object spread from a value computed at run time')]];
}

/** Several assignments to one name: equal literals stay known; a library object wins over
 *  placeholders (`client = None` then `client = boto3.client('s3')`); different known values are
 *  alternatives (each judged); anything unknown among them makes the name unknown. */
/** A name as the code spells it (a function's own names are kept as `args@git`: see readers/javascript.ts). */
function spelled(name: string): string {
  return name.replace(/@[\w$]+/g, '');
}

function merge(values: Value[], bound: string): Value {
  const name = spelled(bound);
  if (values.length === 1) return values[0];
  const meaningful = values.filter((v) => !(v.t === 'lit' && v.v === null));
  const objects = meaningful.filter((v) => v.t === 'obj' || v.t === 'path');
  // A fresh temporary name vouches only for itself: assigned something else too (`f, _ = os.Open(x)` in a
  // branch), the name is not known to be the fresh one when it is deleted.
  if (objects.some(holdsFreshPath) && meaningful.length > 1) return unknown(`${name} is a fresh temporary file or folder in some runs only`);
  if (objects.length) return objects[objects.length - 1];
  const texts = meaningful.map(textOf);
  if (texts.length && texts.every((t) => t !== undefined && t === texts[0])) return meaningful[0];
  if (meaningful.length === 1) return meaningful[0];
  if (meaningful.length && meaningful.every((v) => v.t === 'str' || v.t === 'tmpl' || v.t === 'lit' || v.t === 'list' || v.t === 'alt')) {
    return alternatives(meaningful, `${name} is assigned too many different values`);
  }
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

/** Names through which code reaches its own functions by a name in text or as attributes of its
 *  own module (`eval('f')`, `globals()['f']`, `sys.modules[__name__].f`): where one appears, every
 *  mention of a function's name counts, in strings and after a dot too. */
/** Python code that sets or reads attributes by a name in text, or builds objects another way. */
const ATTRIBUTE_REFLECTION = /\b(setattr|delattr|getattr|__dict__|vars|__getattr__|__getattribute__|__setattr__|__new__|__slots__|__class__|exec|eval|globals|locals)\b/;

const PLAIN_LITERAL = /'[\w \t.,:@%+~#-]*'|"[\w \t.,:@%+~#-]*"/g;
const PLAIN_LITERAL_PYTHON = /'[\w \t.,:@%+~#/-]*'|"[\w \t.,:@%+~#/-]*"/g;

const REFLECTION: Readonly<Record<string, RegExp>> = {
  javascript: /\b(eval|Function|vm)\b/,
  typescript: /\b(eval|Function|vm)\b/,
  // Go reaches methods by a name in text through reflect, never a package's functions.
  go: /\bMethodByName\b/,
  // A builtin's name after a dot is another object's attribute (`re.compile` is not `compile`); any
  // mention of the builtins module counts (`b = builtins; b.eval(...)`).
  python: /(?:^|[^\w.])(eval|exec|compile|globals|locals|vars|dir|getattr)\b|\b(builtins|__builtins__|__dict__|__globals__|modules|__main__|importlib|__import__|inspect|runpy|gc|_getframe|f_globals|f_locals)\b/,
};

/**
 * The code with plain string literals emptied. Plain literals only: words, spaces and a few marks,
 * never an escape, a brace (`${...}` and f-strings hold code), another quote or a character code
 * needs around a stray quote (a quote in a comment or a regular expression must not pair up across
 * code); `/` only where no regular expression literal can hold a quote. The last result is kept: a
 * file's evaluation asks for it once per function and per call of a local function.
 */
function withoutPlainLiterals(source: string, language: string): string {
  if (lastStripped?.source === source && lastStripped.language === language) return lastStripped.text;
  const text = source.replace(language === 'python' ? PLAIN_LITERAL_PYTHON : PLAIN_LITERAL, "''");
  lastStripped = { source, language, text };
  return text;
}

let lastStripped: { source: string; language: string; text: string; reflects?: boolean } | undefined;

/** The code can reach a function by a name in text (`eval`, `globals()`...): kept with the stripped text. */
function reachesNamesInText(source: string, language: string): boolean {
  const reflection = REFLECTION[language];
  if (!reflection) return true;
  const text = withoutPlainLiterals(source, language);
  return (lastStripped!.reflects ??= reflection.test(text));
}

/**
 * How often `name` is mentioned in the code: every whole-word occurrence (comments count too; more
 * mentions only make a parameter unknown), except, when the code has no way to reach a function by
 * a name in text, occurrences inside plain string literals and after a dot (`subprocess.run` is not
 * the script's own `run`). Undefined when the code's text is not at hand.
 */
function countMentions(source: string | undefined, name: string, language: string, identifiers: number | undefined, namesInText?: boolean): number | undefined {
  if (source === undefined) return undefined;
  const reflection = REFLECTION[language];
  if (!reflection) return undefined;
  // The reader's count of identifiers is exact (strings, comments and attribute names are not
  // identifiers) when the code cannot reach a function by a name in text.
  const stripped = withoutPlainLiterals(source, language);
  const reflects = namesInText ?? reachesNamesInText(source, language);
  if (identifiers !== undefined && !reflects) return identifiers;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const code = stripped;
  if (reflects) return source.match(new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
  return code.match(new RegExp(`(?<!\\.\\s*)(?<![\\w$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0;
}

/** `TABLE[key]` with a key known only at run time: one of its values, when every key of the literal is known. */
function tableEntry(table: Value & { t: 'dict' }): Value {
  if (!table.entries.length || table.entries.some(([name]) => name === null)) return unknown('an entry of a table looked up by a key computed at run time');
  return alternatives(table.entries.map(([, v]) => v), 'an entry of a table with too many different values');
}

/** An entry of a folder listing: its name, or (for listings of full paths) the folder joined with it. */
function folderEntry(listing: Value & { t: 'obj' }): Value {
  const dir = listing.props.dir ?? UNKNOWN;
  if (!(listing.props.full?.t === 'lit' && listing.props.full.v === true)) return str(FOLDER_ENTRY);
  const path = concatValues([dir, str('/'), listing.props.name ?? str(FOLDER_ENTRY)]);
  // pathlib's iterdir() yields Path objects.
  return listing.props.pathObjects ? { t: 'obj', cls: 'python.path', props: { path } } : path;
}

/**
 * One step of `os.walk(top)`: (dirpath, dirnames, filenames), dirpath being top itself or a folder
 * somewhere below it (never above: the walk does not follow links by default), the names entries of it.
 */
function walkStep(top: Value): Value {
  const below = concatValues([top, str('/'), str(FOLDER_ENTRY)]);
  const dirpath = alternatives([top, below]);
  const names: Value = { t: 'obj', cls: 'folder.listing', props: { dir: dirpath } };
  return { t: 'list', items: [dirpath, names, names] };
}

/** Methods that change a list, dict or set in place (and the item assignments readers record). */
const MUTATORS: ReadonlySet<string> = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'update', 'setdefault', 'popitem', 'add', 'discard', 'sort', 'reverse',
  'push', 'unshift', 'shift', 'splice', 'fill', 'copyWithin', '__setitem__', '__delitem__', '__iadd__',
]);

/** Methods that return a new list (`names.filter(f).sort()` sorts that copy, nothing named). */
const FRESH_LIST_METHODS: ReadonlySet<string> = new Set(['filter', 'map', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'split']);

function freshList(program: Program, receiver: Expr): boolean {
  if (receiver.k === 'list') return true;
  if (receiver.k !== 'call') return false;
  const callee = program.calls[receiver.id]?.callee;
  return program.language !== 'python' && callee?.k === 'attr' && FRESH_LIST_METHODS.has(callee.name);
}

/**
 * Which names the code changes in place. A change through a name that is only ever a list or dict
 * literal (or another name for one) marks those names; a change through anything else (a parameter,
 * a call's result, an element) could be any list, so then no list or dict value is trusted.
 */
function findMutations(program: Program, source?: string): { names: Set<string>; any: boolean } {
  const names = new Set<string>();
  let any = false;
  // Where the code cannot reach its functions by a name in text, a parameter changed in place is one
  // of the values its callers pass: those are marked instead of every list (one name is often a
  // local list in one function and a parameter in another, since bindings are not scoped).
  const callsOf = new Map<string, Call[]>();
  const reflects = source === undefined || (program.namesInText ?? reachesNamesInText(source, program.language));
  if (!reflects) for (const c of program.calls) if (c.callee.k === 'name') callsOf.set(c.callee.name, [...(callsOf.get(c.callee.name) ?? []), c]);
  const source_ = (e: Expr | undefined, seen: Set<string>): void => {
    if (!e || e.k === 'list' || e.k === 'dict' || e.k === 'lit' || freshList(program, e)) return;
    if (e.k === 'alt') { for (const o of e.options) source_(o, seen); return; }
    // What a function of this file returns (`regions = find_regions(lines)`): the values it returns.
    const callee = e.k === 'call' ? program.calls[e.id]?.callee : undefined;
    const returns = !reflects && callee?.k === 'name' && program.bindings.get(callee.name)?.length === 1 ? program.bindings.get(returnsOf(callee.name)) : undefined;
    if (returns && callee?.k === 'name') {
      const key = returnsOf(callee.name);
      if (!seen.has(key)) { seen.add(key); for (const r of returns) source_(r, seen); }
      return;
    }
    const alias = dottedOf(e);
    if (alias !== undefined) mark(alias, seen);
    else any = true;
  };
  const markArguments = (p: Extract<Expr, { k: 'param' }>, seen: Set<string>): void => {
    const calls = callsOf.get(p.fn) ?? [];
    const mentions = program.mentions?.get(p.fn);
    if (reflects || p.open || p.rest || program.bindings.get(p.fn)?.length !== 1 || mentions === undefined || mentions > calls.length + 1) { any = true; return; }
    for (const c of calls) {
      if (c.spread) { any = true; return; }
      const given = c.kwargs.find((k) => k.name === p.name)?.value ?? c.args[p.index];
      source_(given ?? p.dflt, seen);
    }
  };
  const mark = (name: string, seen: Set<string>): void => {
    if (seen.has(name)) return;
    seen.add(name);
    names.add(name);
    const bound = program.bindings.get(name);
    if (!bound) return; // a library value (sys.path) or the command line (sys.argv): marked by name
    for (const b of bound) {
      if (b.k === 'param') markArguments(b, seen);
      else source_(b, seen);
    }
  };
  for (const c of program.calls) {
    if (c.callee.k !== 'attr' || !MUTATORS.has(c.callee.name)) continue;
    if (freshList(program, c.callee.obj)) continue;
    const receiver = dottedOf(c.callee.obj);
    if (receiver === undefined) any = true;
    else mark(receiver, new Set());
  }
  return { names, any };
}
