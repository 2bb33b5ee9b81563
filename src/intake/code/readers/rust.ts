// Rust (tree-sitter-rust) -> effects. A crate is read file by file along the `mod` tree its entry
// declares (src/intake/code/rust-crate.ts decides which files); this reads one file's text. Unlike
// the other readers it does not go through the shared evaluator: Rust's work is done by builder chains
// (`Command::new("sh").arg("-c").arg(x).status()`, `client.delete_bucket().bucket("b").send()`) and
// values that move through `let` bindings, both followed here directly. Values follow literals,
// `const`/`static`, `let` (flow-insensitive within a function: every binding of a name is one of its
// values), `format!`/`concat!`, `Path::new`/`PathBuf::from`/`.join`, and the pass-through methods
// (`.unwrap()`, `.to_string()`, `&x`, `x?`); a function's parameters and `std::env::var` are values
// known only at run time (a parameter typed as an AWS client is that client).
import { locOf, type Loc } from '../ir.js';
import type { Effect } from '../effect.js';
import { parse, named, field, firstSyntaxError, baselineCompilerForWalk, type Node } from '../tree-sitter.js';
import { alternatives, obj, str, templateValue, textOf, unknown, unknownText, UNKNOWN, type Value } from '../values.js';
import { decodeEscapes } from './common.js';
import { looksLikeSql, quote, RUNTIME_VARIABLE } from '../models/shared.js';
import {
  RUST_AWS_CRATE, RUST_AWS_SERVICE_NAMES, RUST_COMMAND_QUIET, RUST_COMMAND_RUNS, RUST_COMMAND_TYPES, RUST_FILE_CALLS, RUST_FORMAT_MACROS, RUST_HTTP_CLIENTS,
  RUST_HTTP_FUNCTIONS, RUST_HTTP_METHODS, RUST_INCLUDE_MACROS, RUST_NATIVE_CRATES, RUST_RUNTIME_VALUES, RUST_SQL_CRATES, RUST_SQL_FUNCTIONS, RUST_SQL_METHODS,
  RUST_SYSTEM_CALLS,
} from '../../../knowledge/code/rust.js';

/** What reading one file found: its effects, the `mod` files it declares, and the files `include!` pastes in. */
export interface RustFileReading {
  effects: Effect[];
  /** `mod name;` (with its `#[path = "..."]` when given), in the order declared. */
  mods: { name: string; path?: string; line: number }[];
  /** `include!("x.rs")`: paths relative to the file's folder. */
  includes: { path: string; line: number }[];
}

/** Crate-wide names: `const`/`static` items and the crates the code uses (for the SQL client). */
export interface RustCrateScope {
  consts: Map<string, { node: Node; reader: RustFileReader }>;
  crates: Set<string>;
}

/** An effect before the reader adds where it is. */
type EffectBody = Effect extends infer E ? (E extends Effect ? Omit<E, 'loc' | 'file'> : never) : never;

export function newCrateScope(): RustCrateScope {
  return { consts: new Map(), crates: new Set() };
}

const MAX_DEPTH = 60;
const MAX_STEPS = 200_000;
const MAX_ARGS = 64;

const PASS_THROUGH = new Set(['unwrap', 'expect', 'unwrap_or_default', 'to_string', 'to_owned', 'clone', 'into', 'as_str', 'as_ref', 'as_path', 'to_path_buf', 'display',
  'to_str', 'to_string_lossy', 'into_os_string', 'into_string', 'as_os_str', 'borrow', 'as_bytes', 'as_ptr', 'canonicalize', 'ok', 'context', 'with_context', 'wrap_err', 'as_deref']);

/** A process, AWS operation or HTTP request being built. */
interface Builder {
  kind: 'command' | 'aws-op' | 'request' | 'open-options';
  words: Value[];
  dir?: Value;
  service?: string;
  operation?: string;
  params?: [string, Value][];
  method?: string;
  url?: Value;
  writes?: boolean;
  ran: boolean;
  loc: Loc;
  via: string;
}

const BUILDER = 'rust.builder';
const AWS_CLIENT = 'rust.aws-client';
const HTTP_CLIENT = 'rust.http-client';

export class RustFileReader {
  readonly reading: RustFileReading = { effects: [], mods: [], includes: [] };
  /** `use` declarations of this file: local name -> full path. */
  private readonly uses = new Map<string, string>();
  private readonly globs: string[] = [];
  /** `extern "C"` functions this file declares. */
  private readonly foreign = new Set<string>();
  /** Bindings of the function being read (name -> value nodes) and of the builders held in variables. */
  private lets = new Map<string, Node[]>();
  private params = new Map<string, Value>();
  private builders: Builder[] = [];
  private held = new Map<string, Value>();
  private depth = 0;
  private evaluating = new Set<number>();
  /** Values of the bindings of the function being read, once each (a chain of lets that name each other
   *  several times would otherwise be read again for every mention). */
  private memo = new Map<number, Value>();
  /** Values computed in this file: past MAX_STEPS the rest are unknown (and the file says so once). */
  private steps = 0;

  /** The reader that owns the file's counters (an offset reader for a macro's arguments shares them). */
  private root: RustFileReader = this;

  constructor(readonly file: string, private readonly scope: RustCrateScope, private readonly lineOffset = 0) {}

  async read(text: string): Promise<RustFileReading> {
    const compiled = baselineCompilerForWalk();
    try {
      const tree = await parse('rust', text);
      if (!tree) return this.unknownAt(1, '', 'the parser gave up on this code'), this.reading;
      const error = firstSyntaxError(tree.rootNode);
      if (error) this.unknownAt(error.line, error.text, `syntax error at line ${error.line}: what the code does is not known`);
      // Items first: `use`, `const`, `static`, `mod` anywhere in the file hold for all of it.
      const macros: Node[] = [];
      this.items(tree.rootNode, macros);
      await preparseMacros(macros);
      this.walkFunction(tree.rootNode, true);
      return this.reading;
    } finally {
      compiled();
    }
  }

  private loc(node: Node): Loc {
    return locOf(node.startPosition.row + 1 + this.lineOffset, node.text);
  }

  private emit(node: Node, effect: EffectBody, loc?: Loc): void {
    this.reading.effects.push({ ...effect, loc: loc ?? this.loc(node), file: this.file } as Effect);
  }

  private unknownAt(line: number, text: string, why: string): void {
    this.reading.effects.push({ kind: 'unknown', why, loc: locOf(line + this.lineOffset, text), file: this.file });
  }

  private unknown(node: Node, why: string): void {
    this.emit(node, { kind: 'unknown', why });
  }

  // ---- items ----------------------------------------------------------------------------------

  private items(root: Node, macros: Node[]): void {
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      switch (n.type) {
        case 'macro_invocation': macros.push(n); break;
        case 'use_declaration': this.useDeclaration(n); continue;
        case 'const_item': case 'static_item': {
          const name = field(n, 'name')?.text;
          const value = field(n, 'value');
          if (name && value && !this.scope.consts.has(name)) this.scope.consts.set(name, { node: value, reader: this });
          break;
        }
        case 'mod_item':
          if (!field(n, 'body')) {
            const name = field(n, 'name')?.text;
            const attr = pathAttribute(n);
            if (name) this.reading.mods.push({ name, ...(attr !== undefined ? { path: attr } : {}), line: n.startPosition.row + 1 });
          }
          break;
        case 'foreign_mod_item':
          for (const f of descendants(n, 'function_signature_item')) {
            const name = field(f, 'name')?.text;
            if (name) this.foreign.add(name);
          }
          this.unknown(n, `declares foreign functions (${n.text.split('\n')[0].trim()}): native code Firebreak cannot read`);
          continue;
        case 'extern_crate_declaration': {
          const name = field(n, 'name')?.text;
          if (name) this.scope.crates.add(name);
          break;
        }
        case 'macro_definition': this.macroDefinition(n); continue;
        case 'attribute_item': case 'inner_attribute_item': continue;
      }
      for (const c of named(n)) stack.push(c);
    }
  }

  private useDeclaration(n: Node): void {
    const arg = field(n, 'argument');
    if (!arg) return;
    const add = (node: Node, prefix: string): void => {
      const join = (a: string, b: string) => (a ? `${a}::${b}` : b);
      switch (node.type) {
        case 'identifier': case 'crate': case 'self': case 'super': case 'metavariable':
          if (node.text === 'self') { const last = prefix.split('::').pop(); if (last) this.uses.set(last, prefix); return; }
          this.uses.set(node.text, join(prefix, node.text));
          this.scope.crates.add(join(prefix, node.text).split('::')[0]);
          return;
        case 'scoped_identifier': {
          const full = join(prefix, node.text.replace(/\s+/g, ''));
          const last = field(node, 'name')?.text ?? full.split('::').pop()!;
          this.uses.set(last === 'self' ? full.split('::').slice(-2)[0] : last, last === 'self' ? full.replace(/::self$/, '') : full);
          this.scope.crates.add(full.split('::')[0]);
          return;
        }
        case 'use_as_clause': {
          const path = field(node, 'path');
          const alias = field(node, 'alias');
          if (path && alias) { const full = join(prefix, path.text.replace(/\s+/g, '')); this.uses.set(alias.text, full); this.scope.crates.add(full.split('::')[0]); }
          return;
        }
        case 'scoped_use_list': {
          const path = field(node, 'path');
          const list = field(node, 'list');
          const p = join(prefix, path?.text.replace(/\s+/g, '') ?? '');
          if (list) for (const c of named(list)) add(c, p);
          return;
        }
        case 'use_list':
          for (const c of named(node)) add(c, prefix);
          return;
        case 'use_wildcard': {
          const inner = named(node)[0];
          const p = join(prefix, inner?.text.replace(/\s+/g, '') ?? '');
          this.globs.push(p);
          this.scope.crates.add(p.split('::')[0]);
          return;
        }
      }
    };
    add(arg, '');
  }

  /** A `macro_rules!` body is code pasted where the macro is used: what it names there is not followed. */
  private macroDefinition(n: Node): void {
    const names = /\b(remove_dir_all|remove_file|remove_dir|Command|system|File::create|OpenOptions|aws_sdk_\w+|reqwest|ureq|sqlx|postgres|rusqlite|libc|unsafe|include)\b/.exec(n.text);
    if (names) this.unknown(n, `defines the macro ${field(n, 'name')?.text ?? ''}!, whose body names ${names[1]}: code pasted where the macro is used, which Firebreak does not expand`);
  }

  // ---- walk -----------------------------------------------------------------------------------

  /** Reads a function (or the file) body: every call anywhere in it. */
  private walkFunction(body: Node, top = false): void {
    const saved = { lets: this.lets, params: this.params, builders: this.builders, held: this.held, memo: this.memo };
    if (!top) { this.lets = new Map(); this.params = new Map(); this.builders = []; this.held = new Map(); this.memo = new Map(); }
    try {
      this.collectLets(body);
      this.walk(body);
      for (const b of this.builders) if (!b.ran) this.finish(b);
    } finally {
      if (!top) Object.assign(this, saved);
    }
  }

  private collectLets(body: Node): void {
    const stack = [body];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'function_item' || n.type === 'closure_expression') continue;
      if (n.type === 'let_declaration' || n.type === 'assignment_expression' || n.type === 'let_condition') {
        const pattern = field(n, 'pattern') ?? field(n, 'left');
        const value = field(n, 'value') ?? field(n, 'right');
        if (pattern && value) for (const name of patternNames(pattern)) {
          const list = this.lets.get(name) ?? [];
          if (list.length < 12) list.push(pattern.type === 'identifier' || pattern.type === 'mut_pattern' || pattern.type === 'reference_pattern' ? value : pattern);
          this.lets.set(name, list);
        }
      }
      if (n.type === 'for_expression') {
        const pattern = field(n, 'pattern');
        if (pattern) for (const name of patternNames(pattern)) this.lets.set(name, [...(this.lets.get(name) ?? []), n]);
      }
      for (const c of named(n)) stack.push(c);
    }
  }

  private walk(node: Node): void {
    if (++this.depth > MAX_DEPTH * 4) {
      this.depth--;
      this.unknown(node, 'code nested too deeply to read');
      return;
    }
    try {
      switch (node.type) {
        case 'function_item': {
          const saved = { lets: this.lets, params: this.params, builders: this.builders, held: this.held, memo: this.memo };
          this.lets = new Map(); this.params = new Map(); this.builders = []; this.held = new Map(); this.memo = new Map();
          try {
            const params = field(node, 'parameters');
            const fn = field(node, 'name')?.text ?? '';
            if (params) for (const p of named(params)) this.parameter(p, fn);
            const body = field(node, 'body');
            if (body) { this.collectLets(body); this.walk(body); }
            for (const b of this.builders) if (!b.ran) this.finish(b);
          } finally {
            Object.assign(this, saved);
          }
          return;
        }
        case 'closure_expression': {
          const params = field(node, 'parameters');
          if (params) for (const p of named(params)) for (const name of patternNames(field(p, 'pattern') ?? p)) this.params.set(name, unknownText(`${name}, a closure's parameter`));
          const body = field(node, 'body');
          if (body) this.walk(body);
          return;
        }
        case 'use_declaration': case 'attribute_item': case 'inner_attribute_item': case 'macro_definition': case 'line_comment': case 'block_comment': case 'foreign_mod_item':
          return;
        case 'call_expression': case 'macro_invocation': case 'field_expression': case 'try_expression': case 'await_expression': case 'reference_expression':
          this.value(node);
          return;
        case 'let_declaration': {
          const value = field(node, 'value');
          const pattern = field(node, 'pattern');
          if (!value) return;
          const v = this.value(value);
          if (pattern?.type === 'identifier' || pattern?.type === 'mut_pattern') {
            const name = patternNames(pattern)[0];
            if (name && v.t === 'obj') this.held.set(name, v);
          }
          const alt = field(node, 'alternative');
          if (alt) this.walk(alt);
          return;
        }
      }
      for (const c of named(node)) this.walk(c);
    } finally {
      this.depth--;
    }
  }

  private parameter(p: Node, fn: string): void {
    const pattern = field(p, 'pattern');
    if (!pattern) return;
    const type = field(p, 'type');
    const typeName = type ? this.resolve(type.text.replace(/^&\s*(mut\s+)?|^(mut\s+)/, '').replace(/<.*$/s, '').trim()) : '';
    const client = this.clientOfType(typeName);
    for (const name of patternNames(pattern)) this.params.set(name, client ?? unknownText(`${name}, a parameter of ${fn}`));
  }

  /** An AWS or HTTP client by its type's path. */
  private clientOfType(path: string): Value | undefined {
    const m = /^(aws_sdk_[a-z0-9]+)::(?:client::)?Client$/.exec(path);
    if (m) return awsClient(m[1]);
    if (RUST_HTTP_CLIENTS.has(path)) return obj(HTTP_CLIENT);
    return undefined;
  }

  // ---- values ---------------------------------------------------------------------------------

  /** A path as the file's `use` declarations make it: `fs::remove_file` -> std::fs::remove_file. */
  resolve(path: string): string {
    const parts = path.replace(/\s+/g, '').replace(/^::/, '').split('::');
    const head = parts[0];
    if (head === 'crate' || head === 'self' || head === 'super') return parts.join('::');
    const used = this.uses.get(head);
    if (used !== undefined) return [used, ...parts.slice(1)].join('::');
    if (parts.length === 2) {
      const glob = this.globs.find((g) => RUST_COMMAND_TYPES.has(`${g}::${head}`) || RUST_HTTP_CLIENTS.has(`${g}::${head}`));
      if (glob) return `${glob}::${parts.join('::')}`;
    }
    if (parts.length === 1) {
      const glob = this.globs.find((g) => RUST_FILE_CALLS.has(`${g}::${head}`) || RUST_SYSTEM_CALLS.has(`${g}::${head}`) || RUST_HTTP_FUNCTIONS.has(`${g}::${head}`) || RUST_RUNTIME_VALUES[`${g}::${head}`] !== undefined);
      if (glob) return `${glob}::${head}`;
    }
    return parts.join('::');
  }

  value(node: Node | undefined): Value {
    if (!node) return UNKNOWN;
    if (++this.root.steps > MAX_STEPS) {
      if (this.root.steps === MAX_STEPS + 1) this.unknown(node, `more code than Firebreak follows in one file (${MAX_STEPS} values): what the rest does is not visible`);
      return unknown('a value past what Firebreak follows in one file');
    }
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return unknown('a value nested too deeply to follow');
    }
    try {
      return this.valueOf(node);
    } finally {
      this.depth--;
    }
  }

  private valueOf(node: Node): Value {
    switch (node.type) {
      case 'string_literal': return str(stringText(node));
      case 'raw_string_literal': return str(named(node).find((c) => c.type === 'string_content')?.text ?? node.text.replace(/^b?r#*"|"#*$/g, ''));
      case 'char_literal': return str(decodeEscapes(node.text.slice(1, -1)));
      case 'integer_literal': case 'float_literal': return { t: 'lit', v: Number.parseFloat(node.text) };
      case 'boolean_literal': return { t: 'lit', v: node.text === 'true' };
      case 'parenthesized_expression': case 'reference_expression': case 'try_expression': case 'await_expression': case 'type_cast_expression': case 'unary_expression':
        return node.type === 'unary_expression' && !node.text.startsWith('*') ? (this.children(node), UNKNOWN) : this.value(named(node).find((c) => c.type !== 'mutable_specifier'));
      case 'array_expression': case 'tuple_expression': {
        const items = named(node).slice(0, MAX_ARGS).map((c) => this.value(c));
        return { t: 'list', items };
      }
      case 'identifier': return this.identifier(node);
      case 'scoped_identifier': {
        const path = this.resolve(node.text);
        const name = path.split('::').pop()!;
        if (/^[A-Z][A-Z0-9_]*$/.test(name) && this.scope.consts.has(name)) return this.constValue(name);
        return { t: 'path', path };
      }
      case 'call_expression': return this.call(node);
      case 'macro_invocation': return this.macro(node);
      case 'field_expression': {
        const base = this.value(field(node, 'value'));
        return base.t === 'obj' ? base : unknown(`the field ${field(node, 'field')?.text ?? ''} of a value`);
      }
      case 'block': case 'unsafe_block': case 'async_block': {
        let last: Value = UNKNOWN;
        for (const c of named(node)) { if (c.type === 'expression_statement' || c.type === 'let_declaration') this.walk(c); else last = this.value(c); }
        return last;
      }
      case 'if_expression': case 'match_expression': {
        this.children(node);
        return unknown('one of the branches of a condition');
      }
      case 'closure_expression': case 'function_item':
        this.walk(node);
        return unknown('a closure');
      default:
        this.children(node);
        return UNKNOWN;
    }
  }

  private children(node: Node): void {
    for (const c of named(node)) this.walk(c);
  }

  private identifier(node: Pick<Node, 'text'>): Value {
    const name = node.text;
    const held = this.held.get(name);
    if (held) return held;
    const param = this.params.get(name);
    if (param) return param;
    const lets = this.lets.get(name);
    if (lets?.length) {
      const options: Value[] = [];
      for (const n of lets) {
        if (this.evaluating.has(n.index) || n.type === 'for_expression' || /pattern$/.test(n.type)) { options.push(unknownText(`${name}, from a loop or a pattern`)); continue; }
        const known = this.memo.get(n.index);
        if (known) { options.push(known); continue; }
        this.evaluating.add(n.index);
        try {
          const v = this.valueQuietly(n);
          this.memo.set(n.index, v);
          options.push(v);
        } finally {
          this.evaluating.delete(n.index);
        }
      }
      return options.length === 1 ? options[0] : alternatives(options);
    }
    if (this.scope.consts.has(name)) return this.constValue(name);
    const used = this.uses.get(name);
    if (used !== undefined) return { t: 'path', path: used };
    return unknown(`${name}, a name Firebreak does not follow`);
  }

  /** A bound value, without emitting its effects again (they are emitted where the binding is). */
  private valueQuietly(n: Node): Value {
    const before = this.reading.effects.length;
    const builders = this.builders.length;
    const v = this.value(n);
    this.reading.effects.length = before;
    this.builders.length = builders;
    return v;
  }

  private constValue(name: string): Value {
    const c = this.scope.consts.get(name)!;
    if (this.evaluating.has(-1 - c.node.index)) return unknown(`${name}, defined through itself`);
    this.evaluating.add(-1 - c.node.index);
    try {
      return c.reader.valueQuietly(c.node);
    } finally {
      this.evaluating.delete(-1 - c.node.index);
    }
  }

  private args(node: Node): Value[] {
    const list = field(node, 'arguments');
    return list ? named(list).filter((c) => !/comment/.test(c.type)).slice(0, MAX_ARGS).map((c) => this.value(c)) : [];
  }

  // ---- calls ----------------------------------------------------------------------------------

  private call(node: Node): Value {
    const fn = field(node, 'function');
    if (!fn) return UNKNOWN;
    if (fn.type === 'field_expression') {
      const receiver = this.value(field(fn, 'value'));
      const method = field(fn, 'field')?.text ?? '';
      return this.method(node, receiver, method, this.args(node));
    }
    const callee = fn.type === 'generic_function' ? field(fn, 'function') ?? fn : fn;
    const args = this.args(node);
    if (callee.type !== 'identifier' && callee.type !== 'scoped_identifier') {
      this.value(callee);
      return UNKNOWN;
    }
    // `let f = std::fs::remove_dir_all; f("/srv")`: a function held in a variable is that function.
    if (callee.type === 'identifier' && (this.lets.has(callee.text) || this.params.has(callee.text))) {
      const held = this.identifier(callee);
      const paths = held.t === 'path' ? [held.path] : held.t === 'alt' && held.options.every((o) => o.t === 'path') ? held.options.map((o) => (o as { path: string }).path) : [];
      for (const p of paths) this.pathCall(node, p, args);
      if (!paths.length && held.t !== 'unknown') return UNKNOWN;
      if (paths.length) return UNKNOWN;
    }
    const path = this.resolve(callee.text);
    return this.pathCall(node, path, args);
  }

  private pathCall(node: Node, path: string, args: Value[]): Value {
    const file = RUST_FILE_CALLS.get(path);
    if (file) {
      const target = file.op === 'write' && path.endsWith('::File::create') ? args[0] : args[0];
      if (path === 'fs_extra::remove_items' && target?.t === 'list') {
        for (const item of target.items) this.emit(node, { kind: 'file', op: 'delete', path: item, recursive: true, via: path });
        return UNKNOWN;
      }
      this.emit(node, { kind: 'file', op: file.op, path: target ?? UNKNOWN, ...(file.recursive ? { recursive: true } : {}), ...(file.to !== undefined ? { to: args[file.to] ?? UNKNOWN } : {}), via: path });
      return path.endsWith('::File::create') ? unknown('a file') : UNKNOWN;
    }
    const type = path.slice(0, path.lastIndexOf('::'));
    const item = path.slice(path.lastIndexOf('::') + 2);
    if (RUST_COMMAND_TYPES.has(type) && item === 'new') return this.builder(node, { kind: 'command', words: [args[0] ?? UNKNOWN], via: `${type.split('::').pop()}::new` });
    if (path === 'duct::cmd') return this.builder(node, { kind: 'command', words: args, via: 'duct::cmd' });
    if (/(^|::)OpenOptions$/.test(type) && item === 'new') return this.builder(node, { kind: 'open-options', words: [], via: 'OpenOptions' });
    if (RUST_SYSTEM_CALLS.has(path)) {
      const text = textOf(args[0] ?? UNKNOWN);
      if (text !== undefined) this.emit(node, { kind: 'shell', text: text.replace(/\0.*$/s, ''), via: path });
      else this.unknown(node, `calls ${path} with a command line known only at run time`);
      return UNKNOWN;
    }
    const runtime = RUST_RUNTIME_VALUES[path];
    if (runtime) return unknownText(`${runtime}${args[0] && textOf(args[0]) !== undefined ? ` (${textOf(args[0])})` : ''}, known only at run time`);
    if (path === 'std::env::home_dir' || path === 'dirs::home_dir' || path === 'home::home_dir') return str('~');
    if (/(^|::)(Path|PathBuf)::(new|from)$/.test(path) || path === 'String::from' || path === 'std::ffi::OsString::from' || /(^|::)CString::new$/.test(path) || path === 'Some' || path === 'Ok') return args[0] ?? UNKNOWN;
    const http = RUST_HTTP_FUNCTIONS.get(path);
    if (http) { this.emit(node, { kind: 'http', method: http, url: args[0] ?? UNKNOWN, via: path }); return UNKNOWN; }
    if (path === 'ureq::request' || path === 'attohttpc::request') {
      this.emit(node, { kind: 'http', method: textOf(args[0] ?? UNKNOWN)?.toUpperCase() ?? 'DELETE', url: args[1] ?? UNKNOWN, via: path });
      return UNKNOWN;
    }
    if (RUST_HTTP_CLIENTS.has(type) && (item === 'new' || item === 'builder')) return obj(HTTP_CLIENT);
    if (RUST_SQL_FUNCTIONS.has(path)) { this.sql(node, args[0], RUST_SQL_CRATES[path.split('::')[0]] ?? 'psql', path); return UNKNOWN; }
    const aws = /^(aws_sdk_[a-z0-9]+)::(?:client::)?Client::(new|from_conf)$/.exec(path);
    if (aws) return awsClient(aws[1]);
    const crate = path.split('::')[0];
    if (this.foreign.has(path)) { this.unknown(node, `calls ${path}, a foreign (native) function Firebreak cannot read`); return UNKNOWN; }
    if (RUST_NATIVE_CRATES.has(crate) || (crate === 'std' && /::(os::unix::process::CommandExt|ffi::CString::from_raw|ptr::write|mem::transmute)/.test(path))) {
      this.unknown(node, `calls ${path}: native code Firebreak does not model`);
      return UNKNOWN;
    }
    return UNKNOWN;
  }

  private builder(node: Node, b: Omit<Builder, 'ran' | 'loc'>): Value {
    const built: Builder = { ...b, ran: false, loc: this.loc(node) };
    this.builders.push(built);
    return obj(BUILDER, { id: { t: 'lit', v: this.builders.length - 1 } });
  }

  private builderOf(v: Value): Builder | undefined {
    if (v.t !== 'obj' || v.cls !== BUILDER) return undefined;
    const id = v.props.id;
    return id?.t === 'lit' && typeof id.v === 'number' ? this.builders[id.v] : undefined;
  }

  private method(node: Node, receiver: Value, method: string, args: Value[]): Value {
    const b = this.builderOf(receiver);
    if (b) return this.builderMethod(node, receiver, b, method, args);
    if (receiver.t === 'obj' && receiver.cls === AWS_CLIENT) {
      if (/^(config|clone|as_ref)$/.test(method)) return receiver;
      const service = textOf(receiver.props.service) ?? '';
      return this.builder(node, { kind: 'aws-op', words: [], service, operation: pascal(method), params: [], via: `${method}()` });
    }
    if (receiver.t === 'obj' && receiver.cls === HTTP_CLIENT) {
      const verb = RUST_HTTP_METHODS[method];
      if (verb) { this.emit(node, { kind: 'http', method: verb, url: args[0] ?? UNKNOWN, via: `client.${method}` }); return UNKNOWN; }
      if (method === 'request') { this.emit(node, { kind: 'http', method: textOf(args[0] ?? UNKNOWN)?.replace(/^Method::/, '') ?? 'DELETE', url: args[1] ?? UNKNOWN, via: 'client.request' }); return UNKNOWN; }
      return receiver;
    }
    if (receiver.t === 'path') {
      // `Command::new("x")` written with a method call on a path is a path call.
      return this.pathCall(node, `${receiver.path}::${method}`, args);
    }
    if (method === 'join' && args.length === 1) return joinPath(receiver, args[0]);
    if (PASS_THROUGH.has(method)) return receiver;
    if (method === 'unwrap_or' || method === 'unwrap_or_else') return receiver.t === 'unknown' ? (args[0] && method === 'unwrap_or' ? alternatives([receiver, args[0]]) : receiver) : receiver;
    if (RUST_SQL_METHODS.has(method) && args[0]) {
      const text = textOf(args[0]);
      if (text !== undefined && looksLikeSql(text, true)) this.sql(node, args[0], this.sqlClient(), method);
    }
    if (method === 'set_current_dir' || method === 'env') return UNKNOWN;
    return UNKNOWN;
  }

  private builderMethod(node: Node, self: Value, b: Builder, method: string, args: Value[]): Value {
    switch (b.kind) {
      case 'command':
        if (method === 'arg') b.words.push(args[0] ?? UNKNOWN);
        else if (method === 'args') { const list = args[0]; if (list?.t === 'list') b.words.push(...list.items); else b.words.push(unknown('arguments from a list known only at run time')); }
        else if (method === 'current_dir') b.dir = args[0] ?? UNKNOWN;
        else if (RUST_COMMAND_RUNS.has(method)) { this.finish(b, this.loc(node)); return UNKNOWN; }
        else if (!RUST_COMMAND_QUIET.has(method)) return UNKNOWN;
        return self;
      case 'open-options':
        if (/^(write|append|create|create_new|truncate)$/.test(method) && !(args[0]?.t === 'lit' && args[0].v === false)) b.writes = true;
        if (method === 'open') {
          b.ran = true;
          if (b.writes) this.emit(node, { kind: 'file', op: 'write', path: args[0] ?? UNKNOWN, via: 'OpenOptions::open' });
          return UNKNOWN;
        }
        return self;
      case 'aws-op':
        if (method === 'send' || method === 'into_paginator') { this.finish(b, this.loc(node)); return UNKNOWN; }
        if (method === 'customize' || method === 'config_override') return self;
        b.params!.push([pascal(method.replace(/^set_/, '')), args[0] ?? UNKNOWN]);
        return self;
      default:
        return self;
    }
  }

  /** What a builder does, once: at the call that runs it, or at the end of the function that built it. */
  private finish(b: Builder, loc?: Loc): void {
    if (b.ran) return;
    b.ran = true;
    const at = loc ?? b.loc;
    const push = (e: EffectBody) => this.reading.effects.push({ ...e, loc: at, file: this.file } as Effect);
    if (b.kind === 'command') {
      const missing = b.words.find((w) => w.t !== 'str');
      if (missing) {
        push({ kind: 'unknown', why: `runs a command built from values known only at run time (${describeRuntime(missing)}): ${b.words.map(wordOf).join(' ')}` });
        return;
      }
      const text = b.words.map((w) => quote((w as { v: string }).v)).join(' ');
      const dir = b.dir === undefined ? undefined : textOf(b.dir);
      if (b.dir !== undefined && dir === undefined) { push({ kind: 'unknown', why: `runs ${text} in a folder known only at run time` }); return; }
      push({ kind: 'shell', text: dir !== undefined ? `cd ${quote(dir)} && ${text}` : text, via: b.via });
      return;
    }
    if (b.kind === 'aws-op') {
      const service = RUST_AWS_SERVICE_NAMES[b.service ?? ''] ?? b.service ?? '';
      push({ kind: 'aws', service, operation: b.operation ?? '', params: b.params ?? [] });
    }
  }

  private sql(node: Node, statement: Value | undefined, client: 'psql' | 'mysql' | 'sqlite3', via: string): void {
    const text = statement ? textOf(statement) : undefined;
    if (text === undefined) { this.unknown(node, `sends SQL built at run time through ${via}`); return; }
    this.emit(node, { kind: 'sql', client, statement: text, via });
  }

  private sqlClient(): 'psql' | 'mysql' | 'sqlite3' {
    for (const c of this.scope.crates) if (RUST_SQL_CRATES[c]) return RUST_SQL_CRATES[c];
    return 'psql';
  }

  // ---- macros ---------------------------------------------------------------------------------

  private macro(node: Node): Value {
    const nameNode = field(node, 'macro');
    const name = (nameNode?.text ?? '').replace(/^.*::/, '');
    const tokens = named(node).find((c) => c.type === 'token_tree');
    if (RUST_INCLUDE_MACROS.has(name)) {
      const arg = tokens && named(tokens)[0];
      if (arg?.type === 'string_literal' && named(tokens!).length === 1) this.reading.includes.push({ path: stringText(arg), line: node.startPosition.row + 1 });
      else this.unknown(node, `pastes in code from a file named at build time (${node.text.replace(/\s+/g, ' ')}), which Firebreak does not read`);
      return UNKNOWN;
    }
    if (name === 'include_str' || name === 'include_bytes') return unknown('the content of a file');
    if (name === 'env' || name === 'option_env') return unknownText('a variable of the build environment');
    if (name === 'macro_rules') return UNKNOWN;
    if (!tokens) return UNKNOWN;
    // The arguments are expressions in all but a few macros: read them as a call's arguments.
    const args = this.macroArgs(tokens);
    if (name === 'format' || name === 'format_args') return formatValue(args);
    if (name === 'concat') return templateValue(args.map((a) => textOf(a) ?? null));
    if ((name === 'query' || name === 'query_as' || name === 'query_scalar') && this.resolve(nameNode?.text ?? '').startsWith('sqlx')) this.sql(node, args.find((a) => a.t === 'str'), 'psql', 'sqlx::query!');
    if (name === 'vec') return { t: 'list', items: args };
    if (name === 'cmd') return this.cmdMacro(node, args);
    if (!RUST_FORMAT_MACROS.has(name) && this.scope.crates.size && /\b(remove_dir_all|remove_file|Command|system|delete_\w+)\b/.test(tokens.text) && !args.length) {
      this.unknown(node, `passes code to the macro ${name}!, which Firebreak does not expand`);
    }
    return UNKNOWN;
  }

  /** xshell's `cmd!(sh, "git commit -m {msg}")` (a command line, `{name}` the variable's value, `{args...}`
   *  a list) and duct's `cmd!("rm", "-rf", dir)` (the words): a process builder like Command. */
  private cmdMacro(node: Node, args: Value[]): Value {
    if (args[0]?.t === 'str') return this.builder(node, { kind: 'command', words: args, via: 'duct::cmd!' });
    const line = args[1];
    if (line?.t !== 'str') return this.builder(node, { kind: 'command', words: [unknown('a command line cmd! is given at run time')], via: 'cmd!' });
    const words: Value[] = [];
    const reader = this.offsetReader(0);
    for (const w of line.v.match(/"[^"]*"|'[^']*'|\S+/g) ?? []) {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}$/.exec(w);
      const bare = w.replace(/^(["'])(.*)\1$/, '$2');
      if (!m) {
        const parts = bare.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/).filter(Boolean);
        words.push(templateValue(parts.map((p) => (/^\{\w+\}$/.test(p) ? textOf(reader.identifierByName(p.slice(1, -1))) ?? null : p))));
        continue;
      }
      const v = reader.identifierByName(m[1]);
      if (m[2]) words.push(...(v.t === 'list' ? v.items : [unknown(`${m[1]}, a list known only at run time`)]));
      else words.push(v);
    }
    return this.builder(node, { kind: 'command', words, via: 'xshell::cmd!' });
  }

  /** The value a name has where a macro's text names it (xshell interpolates variables by name). */
  identifierByName(name: string): Value {
    if (this.held.has(name) || this.params.has(name) || this.lets.has(name) || this.scope.consts.has(name)) return this.identifier({ text: name });
    return unknown(`${name}, a name Firebreak does not follow`);
  }

  /** A macro's token tree read as the arguments of a call (`f(<tokens>)`), at the macro's lines. */
  private macroArgs(tokens: Node): Value[] {
    const inner = tokens.text.slice(1, -1);
    if (!inner.trim()) return [];
    const wrapped = parsedMacros.get(inner);
    if (wrapped === null) return [];
    return wrapped ? this.readArgs(wrapped, tokens) : [];
  }

  private readArgs(args: Node, tokens: Node): Value[] {
    const reader = this.offsetReader(tokens.startPosition.row - args.startPosition.row);
    return named(args).filter((c) => !/comment/.test(c.type)).slice(0, MAX_ARGS).map((c) => reader.value(c));
  }

  /** This reader, with lines counted from a macro's first line (its arguments are parsed on their own). */
  private offsetReader(row: number): RustFileReader {
    const r = Object.create(this) as RustFileReader;
    (r as unknown as { lineOffset: number }).lineOffset = this.lineOffset + row;
    return r;
  }
}

/** Macro argument texts parsed as a call's arguments, before the file's walk needs them (see preparseMacros). */
const parsedMacros = new Map<string, Node | null>();

/** Parses every macro's token text in `root` as a call's arguments, so the walk can read them
 *  synchronously: all of a file's macros in one parse (`__m(<tokens>);` per macro), each kept only when
 *  its call came out whole (an error inside one does not spill into the others' nodes). */
export async function preparseMacros(macros: readonly Node[]): Promise<void> {
  const inners: string[] = [];
  for (const m of macros) {
    const tokens = named(m).find((c) => c.type === 'token_tree');
    const name = (field(m, 'macro')?.text ?? '').replace(/^.*::/, '');
    if (!tokens || name === 'macro_rules' || RUST_INCLUDE_MACROS.has(name)) continue;
    const inner = tokens.text.slice(1, -1);
    if (!inner.trim() || parsedMacros.has(inner) || inner.length > 64 * 1024 || inners.includes(inner)) continue;
    inners.push(inner);
  }
  if (!inners.length) return;
  if (parsedMacros.size + inners.length > 5000) parsedMacros.clear();
  const tree = await parse('rust', `fn __firebreak() {\n${inners.map((i) => `__m(${i});`).join('\n')}\n}`);
  const body = tree ? field(named(tree.rootNode)[0] ?? tree.rootNode, 'body') : undefined;
  const calls = body ? named(body).map((s) => (s.type === 'expression_statement' ? named(s)[0] : s)) : [];
  let at = 0;
  for (const inner of inners) {
    const call = calls[at];
    const args = call?.type === 'call_expression' && field(call, 'function')?.text === '__m' ? field(call, 'arguments') : undefined;
    if (args && !args.hasError && args.text === `(${inner})`) { parsedMacros.set(inner, args); at++; continue; }
    parsedMacros.set(inner, null);
    // Find this macro's neighbour again: the next statement that is a whole `__m(...)` call.
    while (at < calls.length && !(calls[at]?.type === 'call_expression' && field(calls[at], 'function')?.text === '__m' && inners.includes(field(calls[at], 'arguments')?.text.slice(1, -1) ?? ''))) at++;
  }
}

function awsClient(crate: string): Value {
  const m = RUST_AWS_CRATE.exec(crate);
  return obj(AWS_CLIENT, { service: str(m ? m[1] : crate) });
}

function pascal(snake: string): string {
  return snake.split('_').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function wordOf(v: Value): string {
  return v.t === 'str' ? quote(v.v) : v.t === 'tmpl' ? v.parts.map((p) => p ?? `\${${RUNTIME_VARIABLE}}`).join('') : `\${${RUNTIME_VARIABLE}}`;
}

function describeRuntime(v: Value): string {
  return v.t === 'unknown' && v.why ? v.why : v.t === 'tmpl' ? `text with parts known only at run time` : 'a value known only at run time';
}

function joinPath(base: Value, part: Value): Value {
  const p = textOf(part);
  if (p !== undefined && p.startsWith('/')) return part;
  const b = base.t === 'str' ? [base.v] : base.t === 'tmpl' ? base.parts : [null];
  const tail = part.t === 'str' ? [part.v] : part.t === 'tmpl' ? part.parts : [null];
  return templateValue([...b, '/', ...tail], part.t !== 'str');
}

/** `format!("{}/x", dir)`: the text, with each `{}` / `{name}` / `{:?}` filled by its argument. */
function formatValue(args: Value[]): Value {
  const pattern = args[0] && args[0].t === 'str' ? args[0].v : undefined;
  if (pattern === undefined) return unknown('text formatted at run time');
  const parts: (string | null)[] = [];
  let next = 1;
  let last = 0;
  for (const m of pattern.matchAll(/\{\{|\}\}|\{([^{}]*)\}/g)) {
    parts.push(pattern.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0] === '{{' || m[0] === '}}') { parts.push(m[0][0]); continue; }
    const spec = m[1].split(':')[0];
    const arg = spec === '' ? args[next++] : /^\d+$/.test(spec) ? args[Number(spec) + 1] : undefined;
    const t = arg ? partsOfValue(arg) : [null];
    parts.push(...t);
  }
  parts.push(pattern.slice(last));
  return templateValue(parts, parts.includes(null));
}

function partsOfValue(v: Value): (string | null)[] {
  if (v.t === 'str') return [v.v];
  if (v.t === 'lit') return [String(v.v)];
  if (v.t === 'tmpl') return v.parts;
  return [null];
}

function stringText(node: Node): string {
  const raw = node.text.replace(/^b?"|"$/g, '');
  return decodeEscapes(raw);
}

function pathAttribute(mod: Node): string | undefined {
  for (let p = mod.parent ? prevSibling(mod) : undefined; p && p.type === 'attribute_item'; p = prevSibling(p)) {
    const m = /^#\[\s*path\s*=\s*"([^"]*)"\s*\]$/.exec(p.text.replace(/\s+/g, ' '));
    if (m) return m[1];
  }
  return undefined;
}

function prevSibling(node: Node): Node | undefined {
  const siblings = node.parent ? named(node.parent) : [];
  const i = siblings.findIndex((s) => s.index === node.index);
  return i > 0 ? siblings[i - 1] : undefined;
}

function patternNames(pattern: Node): string[] {
  if (pattern.type === 'identifier') return [pattern.text];
  const out: string[] = [];
  const stack = [pattern];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier' && n.parent?.type !== 'scoped_identifier' && n.parent?.type !== 'tuple_struct_pattern' && n.parent?.type !== 'struct_pattern') out.push(n.text);
    else if (n.type === 'shorthand_field_identifier') out.push(n.text);
    for (const c of named(n)) stack.push(c);
  }
  return out;
}

function descendants(root: Node, type: string): Node[] {
  const out: Node[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) out.push(n);
    for (const c of named(n)) stack.push(c);
  }
  return out.reverse();
}

/** Reads one Rust file of a crate. */
export async function readRustFile(file: string, text: string, scope: RustCrateScope): Promise<RustFileReading> {
  const reader = new RustFileReader(file, scope);
  return reader.read(text);
}
