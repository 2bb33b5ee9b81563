// GNU make variable expansion: `$(VAR)`, `${VAR}`, `$X`, substitution references, automatic
// variables and the text functions, over a variable table. What make would only know at run
// time is kept visible instead of guessed:
// - a variable defined nowhere (so it comes from the environment) becomes `${NAME}` in a recipe,
//   which the shell walk sees as a value it cannot know;
// - `$(shell cmd)` in a recipe becomes the shell substitution `$(cmd)` (walked with the recipe);
//   while the Makefile is read, it is recorded and walked as a command that runs at parse time;
// - `$(eval ...)`, `$(file ...)` and `$(guile ...)` are recorded as problems (rules or files that
//   appear at run time): the caller reports them as unknown.
import { posix } from 'node:path';
import { existsSync } from 'node:fs';
import { OUTPUT_AS_VARIABLE } from '../../../../knowledge/known-outputs.js';
import { expandGlob } from '../../path-resolve.js';
import { fileListing, pathOutput, programLookup } from './listing.js';
import type { Location } from './makefile.js';

export type Flavor = 'recursive' | 'simple';
export type Origin = 'default' | 'environment' | 'file' | 'command line' | 'override' | 'automatic';

export interface Variable {
  value: string;
  flavor: Flavor;
  origin: Origin;
  exported?: boolean;
  /** Other values it may have: set in a conditional branch that depends on the environment. */
  alternatives?: Variable[];
}

/** A variable table with an optional parent (target-specific variables over global ones). */
export interface Scope {
  get(name: string): Variable | undefined;
}

export interface ExpandContext {
  scope: Scope;
  /** In a recipe: unknown values stay visible as shell text. Elsewhere they expand to ''. */
  recipe: boolean;
  where: Location;
  /** `$(shell cmd)` while reading the Makefile. */
  onParseTimeShell(text: string, where: Location): void;
  onProblem(why: string, where: Location): void;
  /** Set when the result depends on something not known (the environment, command output);
   *  shared by reference through nested expansions. */
  flag: { uncertain: boolean };
  /** Automatic variables of the recipe being expanded ($@, $<, ...). */
  automatic?: Readonly<Record<string, string>>;
  depth?: number;
  /** Variables being expanded (a recursive variable that refers to itself is an error in make). */
  active?: Set<string>;
  /** In a recipe: a `$(eval NAME := VALUE)` sets NAME for the recipe's later lines. */
  assign?(name: string, variable: Variable): void;
}

/** `NAME := VALUE`, `NAME ::= VALUE`, `NAME = VALUE` on one line: the only `$(eval ...)` text a recipe
 *  line may give that Firebreak follows (for the lines after it); any other text stays a problem. */
const RECIPE_EVAL_ASSIGNMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(::=|:=|=)\s*(.*?)\s*$/;

/** Stands for the output of a command make runs while reading the Makefile. */
export const SHELL_OUTPUT = '${MAKE_SHELL_OUTPUT}';

const MAX_DEPTH = 256;
const MAX_OUTPUT = 256 * 1024;

export function expand(text: string, ctx: ExpandContext): string {
  if (!text.includes('$')) return text;
  const depth = ctx.depth ?? 0;
  if (depth > MAX_DEPTH) {
    ctx.onProblem('variables nested too deeply to expand', ctx.where);
    ctx.flag.uncertain = true;
    return '';
  }
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      const next = text.indexOf('$', i);
      const end = next < 0 ? text.length : next;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const n = text[i + 1];
    if (n === undefined) { out += '$'; i++; continue; }
    if (n === '$') { out += '$'; i += 2; continue; }
    if (n === '(' || n === '{') {
      const close = matching(text, i + 1);
      if (close < 0) {
        ctx.onProblem(`unterminated variable reference ${text.slice(i, i + 20)}`, ctx.where);
        ctx.flag.uncertain = true;
        return out;
      }
      out += reference(text.slice(i + 2, close), { ...ctx, depth: depth + 1 });
      i = close + 1;
    } else {
      out += reference(n, { ...ctx, depth: depth + 1 });
      i += 2;
    }
    if (out.length > MAX_OUTPUT) {
      ctx.onProblem('variables expand to more text than Firebreak reads', ctx.where);
      ctx.flag.uncertain = true;
      return out.slice(0, MAX_OUTPUT);
    }
  }
  return out;
}

/** Index of the bracket closing the one at `open` (make counts only the same kind). */
function matching(text: string, open: number): number {
  const o = text[open];
  const cl = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === cl && --depth === 0) return i;
  }
  return -1;
}

/** The inside of `$( ... )`: a function call or a variable reference. */
function reference(inner: string, ctx: ExpandContext): string {
  const fn = /^([a-z-]+)[ \t]/.exec(inner);
  if (fn && Object.hasOwn(FUNCTIONS, fn[1])) {
    return FUNCTIONS[fn[1]](inner.slice(fn[0].length), ctx);
  }
  // `$(VAR:a=b)`, `$(VAR:%.c=%.o)`: a substitution reference.
  const colon = topLevelIndex(inner, ':');
  const rawName = colon >= 0 && inner.indexOf('=', colon) > colon ? inner.slice(0, colon) : inner;
  const name = expand(rawName, ctx);
  let value = lookup(name, ctx);
  if (rawName !== inner) {
    const spec = expand(inner.slice(colon + 1), ctx);
    const eq = spec.indexOf('=');
    value = words(value).map((w) => substituteWord(w, spec.slice(0, eq), spec.slice(eq + 1))).join(' ');
  }
  return value;
}

function lookup(name: string, ctx: ExpandContext): string {
  const auto = automatic(name, ctx.automatic);
  if (auto !== undefined) return auto;
  const v = ctx.scope.get(name);
  if (!v) {
    ctx.flag.uncertain = true;
    // Undefined here: make would take it from the environment, or use ''.
    return ctx.recipe && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `\${${name}}` : '';
  }
  if (v.flavor === 'simple') {
    if (v.value.includes(SHELL_OUTPUT)) ctx.flag.uncertain = true;
    return v.value;
  }
  const active = ctx.active ?? new Set<string>();
  if (active.has(name)) {
    ctx.onProblem(`variable ${name} refers to itself`, ctx.where);
    ctx.flag.uncertain = true;
    return '';
  }
  active.add(name);
  try {
    return expand(v.value, { ...ctx, active });
  } finally {
    active.delete(name);
  }
}

function automatic(name: string, auto: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!auto) return undefined;
  if (Object.hasOwn(auto, name)) return auto[name];
  // $(@D), $(@F), $(<D), ...
  if (name.length === 2 && (name[1] === 'D' || name[1] === 'F') && Object.hasOwn(auto, name[0])) {
    const ws = words(auto[name[0]]);
    return ws.map((w) => (name[1] === 'D' ? dirOf(w).replace(/\/$/, '') || '.' : w.slice(w.lastIndexOf('/') + 1))).join(' ');
  }
  return undefined;
}

export function words(text: string): string[] {
  return text.split(/[ \t\n]+/).filter(Boolean);
}

/** `%.c` against `foo.c` -> `foo`; undefined when it does not match. */
export function patternStem(pattern: string, word: string): string | undefined {
  const p = pattern.indexOf('%');
  if (p < 0) return pattern === word ? '' : undefined;
  const before = pattern.slice(0, p);
  const after = pattern.slice(p + 1);
  if (word.length < before.length + after.length || !word.startsWith(before) || !word.endsWith(after)) return undefined;
  return word.slice(before.length, word.length - after.length);
}

function substituteWord(word: string, from: string, to: string): string {
  if (from.includes('%')) {
    const stem = patternStem(from, word);
    return stem === undefined ? word : to.replace('%', stem);
  }
  return word.endsWith(from) ? word.slice(0, word.length - from.length) + to : word;
}

function dirOf(w: string): string {
  const slash = w.lastIndexOf('/');
  return slash >= 0 ? w.slice(0, slash + 1) : './';
}

function topLevelIndex(text: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ch && depth === 0) return i;
  }
  return -1;
}

/** Splits function arguments on top-level commas; the last of `max` keeps its commas. */
function splitArgs(text: string, max = Infinity): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length && out.length < max - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

type Fn = (args: string, ctx: ExpandContext) => string;

const each = (f: (text: string) => string): Fn => (args, ctx) => words(expand(args, ctx)).map(f).join(' ');
const two = (f: (a: string, b: string) => string): Fn => (args, ctx) => {
  const [a = '', b = ''] = splitArgs(args, 2).map((x) => expand(x, ctx));
  return f(a, b);
};

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  subst: (args, ctx) => {
    const [from = '', to = '', text = ''] = splitArgs(args, 3).map((x) => expand(x, ctx));
    return from ? text.split(from).join(to) : text;
  },
  patsubst: (args, ctx) => {
    const [from = '', to = '', text = ''] = splitArgs(args, 3).map((x) => expand(x, ctx));
    return words(text).map((w) => {
      const stem = patternStem(from, w);
      return stem === undefined ? w : to.replace('%', stem);
    }).join(' ');
  },
  strip: (args, ctx) => words(expand(args, ctx)).join(' '),
  findstring: two((find, text) => (text.includes(find) ? find : '')),
  filter: two((patterns, text) => words(text).filter((w) => words(patterns).some((p) => patternStem(p, w) !== undefined)).join(' ')),
  'filter-out': two((patterns, text) => words(text).filter((w) => !words(patterns).some((p) => patternStem(p, w) !== undefined)).join(' ')),
  sort: (args, ctx) => [...new Set(words(expand(args, ctx)))].sort().join(' '),
  word: two((n, text) => words(text)[Number(n) - 1] ?? ''),
  wordlist: (args, ctx) => {
    const [s = '', e = '', text = ''] = splitArgs(args, 3).map((x) => expand(x, ctx));
    return words(text).slice(Number(s) - 1, Number(e)).join(' ');
  },
  words: (args, ctx) => String(words(expand(args, ctx)).length),
  firstword: (args, ctx) => words(expand(args, ctx))[0] ?? '',
  lastword: (args, ctx) => words(expand(args, ctx)).at(-1) ?? '',
  dir: each(dirOf),
  notdir: each((w) => w.slice(w.lastIndexOf('/') + 1)),
  suffix: each((w) => /(\.[^./]*)$/.exec(w)?.[1] ?? ''),
  basename: each((w) => w.replace(/\.[^./]*$/, '')),
  addsuffix: two((s, text) => words(text).map((w) => w + s).join(' ')),
  addprefix: two((p, text) => words(text).map((w) => p + w).join(' ')),
  join: two((a, b) => {
    const x = words(a);
    const y = words(b);
    return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => (x[i] ?? '') + (y[i] ?? '')).join(' ');
  }),
  // Paths and globs are left as written: the recipe reads the same either way.
  wildcard: (args, ctx) => wildcard(expand(args, ctx), ctx),
  // Relative to the folder make runs in, `..` and `.` folded (links are not followed: the path reads the same).
  abspath: (args, ctx) => absolute(expand(args, ctx), ctx),
  realpath: (args, ctx) => absolute(expand(args, ctx), ctx),
  if: (args, ctx) => {
    const [cond = '', then = '', otherwise = ''] = splitArgs(args, 3);
    const probe: ExpandContext = { ...ctx, flag: { uncertain: false } };
    const c = expand(cond, probe).trim();
    if (probe.flag.uncertain) {
      // Either branch may be taken: keep both visible (in a recipe, as two commands).
      ctx.flag.uncertain = true;
      return [expand(then, ctx), expand(otherwise, ctx)].filter(Boolean).join(ctx.recipe ? ' ; ' : ' ');
    }
    return expand(c ? then : otherwise, ctx);
  },
  or: (args, ctx) => {
    for (const a of splitArgs(args)) {
      const v = expand(a, ctx).trim();
      if (v) return v;
    }
    return '';
  },
  and: (args, ctx) => {
    let last = '';
    for (const a of splitArgs(args)) {
      last = expand(a, ctx).trim();
      if (!last) return '';
    }
    return last;
  },
  foreach: (args, ctx) => {
    const [name = '', list = '', text = ''] = splitArgs(args, 3);
    const v = expand(name, ctx).trim();
    return words(expand(list, ctx)).map((w) => expand(text, { ...ctx, scope: overlay(ctx.scope, { [v]: { value: w, flavor: 'simple', origin: 'automatic' } }) })).join(' ');
  },
  let: (args, ctx) => {
    const [names = '', list = '', text = ''] = splitArgs(args, 3);
    const ns = words(expand(names, ctx));
    const ws = words(expand(list, ctx));
    const vars: Record<string, Variable> = {};
    ns.forEach((n, i) => { vars[n] = { value: i === ns.length - 1 ? ws.slice(i).join(' ') : ws[i] ?? '', flavor: 'simple', origin: 'automatic' }; });
    return expand(text, { ...ctx, scope: overlay(ctx.scope, vars) });
  },
  call: (args, ctx) => {
    const [name = '', ...params] = splitArgs(args);
    const n = expand(name, ctx).trim();
    const vars: Record<string, Variable> = { '0': { value: n, flavor: 'simple', origin: 'automatic' } };
    params.forEach((p, i) => { vars[String(i + 1)] = { value: expand(p, ctx), flavor: 'simple', origin: 'automatic' }; });
    // $(1).. beyond those given are empty inside the call.
    for (let i = params.length + 1; i <= 9; i++) vars[String(i)] = { value: '', flavor: 'simple', origin: 'automatic' };
    const v = ctx.scope.get(n);
    if (!v) { ctx.flag.uncertain = true; return ''; }
    return v.flavor === 'simple' ? v.value : expand(v.value, { ...ctx, scope: overlay(ctx.scope, vars) });
  },
  value: (args, ctx) => ctx.scope.get(args.trim())?.value ?? '',
  origin: (args, ctx) => ctx.scope.get(expand(args, ctx).trim())?.origin ?? 'undefined',
  flavor: (args, ctx) => ctx.scope.get(expand(args, ctx).trim())?.flavor ?? 'undefined',
  intcmp: (args, ctx) => {
    const [a = '', b = '', lt, eq, gt] = splitArgs(args, 5).map((x) => x);
    const x = Number(expand(a, ctx));
    const y = Number(expand(b, ctx));
    const pick = x < y ? lt : x > y ? gt ?? eq : eq;
    return pick === undefined ? (x === y ? String(x) : '') : expand(pick, ctx);
  },
  shell: (args, ctx) => {
    const command = expand(args, ctx);
    ctx.flag.uncertain = true;
    const named = OUTPUT_AS_VARIABLE[command.trim().replace(/\s+/g, ' ')] ?? programLookup(command);
    if (ctx.recipe) return named ?? `$(${command})`;
    ctx.onParseTimeShell(command, ctx.where);
    const curdir = ctx.scope.get('CURDIR')?.value;
    return named ?? (curdir ? fileListing(command, curdir) ?? pathOutput(command, curdir) : undefined) ?? SHELL_OUTPUT;
  },
  eval: (args, ctx) => {
    const assignment = ctx.recipe && ctx.assign && !args.includes('\n') ? RECIPE_EVAL_ASSIGNMENT.exec(args) : null;
    // A variable given on make's command line wins over an assignment in the Makefile (without override).
    if (assignment && !['command line', 'override'].includes(ctx.scope.get(assignment[1])?.origin ?? '')) {
      const simple = assignment[2] !== '=';
      ctx.assign!(assignment[1], { value: simple ? expand(assignment[3], ctx) : assignment[3], flavor: simple ? 'simple' : 'recursive', origin: 'file' });
      return '';
    }
    ctx.onProblem(`$(eval ...) defines Makefile text while make runs: ${expand(args, ctx).slice(0, 120)}`, ctx.where);
    ctx.flag.uncertain = true;
    return '';
  },
  file: (args, ctx) => {
    ctx.onProblem(`$(file ...) writes or reads a file while make runs: ${expand(args, ctx).slice(0, 120)}`, ctx.where);
    ctx.flag.uncertain = true;
    return '';
  },
  guile: (args, ctx) => {
    ctx.onProblem('$(guile ...) runs Scheme code Firebreak does not read', ctx.where);
    ctx.flag.uncertain = true;
    return '';
  },
  error: (args, ctx) => { expand(args, ctx); return ''; },
  warning: (args, ctx) => { expand(args, ctx); return ''; },
  info: (args, ctx) => { expand(args, ctx); return ''; },
};

export function overlay(parent: Scope, vars: Readonly<Record<string, Variable>>): Scope {
  return { get: (name) => (Object.hasOwn(vars, name) ? vars[name] : parent.get(name)) };
}

/** `$(abspath a/../b)`: each word made absolute against CURDIR, when both are known. */
function absolute(text: string, ctx: ExpandContext): string {
  const curdir = ctx.scope.get('CURDIR')?.value;
  return words(text).map((w) => (w.includes('$') || (!w.startsWith('/') && !curdir?.startsWith('/')) ? w : posix.resolve(curdir ?? '/', w))).join(' ');
}

/** `$(wildcard src/*.c)`: the files that exist, read from the Makefile's folder as make reads them (a
 *  recursive `rwildcard` then ends where the tree does). Without a known folder the patterns stay as written. */
function wildcard(text: string, ctx: ExpandContext): string {
  const curdir = ctx.scope.get('CURDIR')?.value;
  if (!curdir?.startsWith('/') || curdir.includes('$')) return text.trim();
  const out: string[] = [];
  for (const w of words(text)) {
    // `~/x` is the user's home to make: kept as written for the shell walk to judge.
    if (w.includes('$') || w.startsWith('~')) { out.push(w); continue; }
    const absolute = posix.resolve(curdir, w);
    const found = /[*?[]/.test(w) ? expandGlob(absolute) : existsSync(absolute) ? [absolute] : [];
    const prefix = `${curdir.replace(/\/$/, '')}/`;
    out.push(...found.sort().map((p) => (w.startsWith('/') ? p : p.startsWith(prefix) ? (w.startsWith('./') ? `./${p.slice(prefix.length)}` : p.slice(prefix.length)) : p)));
  }
  return out.join(' ');
}
