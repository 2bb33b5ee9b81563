// Go (tree-sitter-go) -> IR. A Go program is a package: every file of the package is read into one
// Program (package-level names are shared between its files), each call keeping the file it is in.
import { lit, locOf, OPAQUE, EXPORTED_FUNCTION, returnsOf, type Expr, type Loc, type Program } from '../ir.js';
import type { Node } from '../tree-sitter.js';
import { decodeEscapes, dottedName, named, TreeReader } from './common.js';
import { GO_COMMAND_HANDLERS, GO_REFLECTIVE_CALLS } from '../../../knowledge/code/go.js';

/** A location in one file of a package. */
export interface GoLoc extends Loc {
  file: string;
  /** The top-level function or method (`methodKey`) the code is in; absent at package level. */
  fn?: string;
}

/** For each top-level function or method of a package ('' for package level), the names its code
 *  refers to: identifiers, `pkg.Name` selectors, and `.field` for every field or method name. */
export type References = Map<string, Set<string>>;

const references = new WeakMap<Program, References>();

/** A reference recorded where code may execute a command (GO_COMMAND_HANDLERS): its handlers may run. */
export const EXECUTES_COMMANDS = '!executes-commands';

/** Handler functions given in a command literal are read as top-level entries of their own, keyed with
 *  this prefix and referred to by the code that builds the command: they run only if commands execute. */
export const HANDLER_PREFIX = '!handler:';

export function isHandlerKey(key: string): boolean {
  return key.startsWith(HANDLER_PREFIX);
}

/** What each function of a package read by readGo refers to (see References). */
export function referencesOf(program: Program): References {
  return references.get(program) ?? new Map();
}

export interface GoFile {
  /** The file as the report shows it (`cmd/clean/main.go`). */
  file: string;
  text: string;
}

export interface GoReadOptions {
  /** Exported functions may be called from other packages with any value (a package other code imports). */
  imported?: boolean;
}

/** The binding that marks a method defined in the package (`func (t *T) name()`): not an identifier. */
export function methodKey(name: string): string {
  return `(*).${name}`;
}

/** Reads the files of one package into one program. */
export async function readGo(files: readonly GoFile[], options: GoReadOptions = {}): Promise<Program> {
  const reader = new GoReader(files[0]?.file, options);
  const mentions = new Map<string, number>();
  // Every file's mentions of every function of the package count (a call in a.go of a function of b.go).
  for (const f of files) for (const m of f.text.matchAll(/^func\s+([A-Za-z_][A-Za-z0-9_]*)\s*[[(]/gm)) reader.declare(m[1]);
  // `old := cmd.PreRunE`: names that may hold a handler, anywhere in the package (read before any use of them).
  for (const f of files) for (const m of f.text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*:=\s*[A-Za-z_][\w.]*\.([A-Za-z]+)\s*$/gm)) {
    if (GO_COMMAND_HANDLERS.some((h) => h.fields.has(m[2]))) reader.handlerHolders.add(m[1]);
  }
  for (const f of files) {
    reader.current = f.file;
    reader.fileImports.clear();
    const before = reader.program.problems.length;
    await reader.read('go', f.text);
    for (const p of reader.program.problems.slice(before)) (p.loc as GoLoc).file ??= f.file;
    for (const [name, n] of reader.program.mentions ?? []) mentions.set(name, (mentions.get(name) ?? 0) + n);
    reader.program.mentions = undefined;
  }
  const program = reader.program;
  // `var out string` then `flag.StringVar(&out, ...)`: the declaration without a value is not a value of its own.
  for (const name of reader.flagBound) {
    const bound = program.bindings.get(name) ?? [];
    const kept = bound.filter((e) => !(e.k === 'opaque' && e.why === declaredWithoutValue(name)));
    if (kept.length) program.bindings.set(name, kept);
  }
  references.set(program, reader.refs);
  methodCallers(reader, options);
  if (files.length !== 1) delete program.file;
  program.mentions = mentions;
  // Go reaches a package's functions by name only through reflect's MethodByName (methods, not functions).
  program.namesInText = false;
  return program;
}

/** Methods other code may call through an interface, with values Firebreak cannot see. */
const CALLED_FROM_OUTSIDE = /^(String|GoString|Error|Format|Write|WriteString|Read|Close|ServeHTTP|RoundTrip|Len|Less|Swap|Marshal\w*|Unmarshal\w*|Scan|Value|Unwrap|Is|As)$/;

/**
 * A method's parameters take the values its callers pass (`r.runGit("show", ...)`), when every use
 * of the method's name after a dot in the package is one of those calls (never a method value, never
 * called with `args...`), nothing outside the package can call it (unexported, or a package the
 * command runs), and it is no interface method other code calls. Methods of one name on several types
 * share their callers: every caller's values are judged for each.
 */
function methodCallers(reader: GoReader, options: GoReadOptions): void {
  const program = reader.program;
  for (const [name, decls] of reader.methodParams) {
    if (CALLED_FROM_OUTSIDE.test(name) || (options.imported && /^[A-Z]/.test(name))) continue;
    const calls = program.calls.filter((c) => c.callee.k === 'attr' && c.callee.name === name);
    if (!calls.length || calls.length !== reader.fieldUses.get(name) || calls.some((c) => c.spread) || calls.length > 12) continue;
    for (const { names, rest } of decls) {
      names.forEach((param, i) => {
        if (param === '_') return;
        const last = rest && i === names.length - 1;
        const options_ = calls.map((c): Expr => (last ? { k: 'list', items: c.args.slice(i) } : c.args[i] ?? lit(null)));
        const bound = program.bindings.get(param);
        // Replace the placeholder the reader bound for the parameter.
        const at = bound?.findIndex((e) => e.k === 'opaque' && e.why === `${param} is a parameter of the method ${name}`) ?? -1;
        if (bound && at >= 0) bound[at] = options_.length === 1 ? options_[0] : { k: 'alt', options: options_ };
      });
    }
  }
}

const TYPE_NODES = new Set(['slice_type', 'array_type', 'map_type', 'pointer_type', 'parenthesized_type', 'function_type', 'channel_type', 'interface_type', 'struct_type', 'generic_type', 'qualified_type', 'implicit_length_array_type']);

class GoReader extends TreeReader {
  current = '';
  /** The function whose `return`s are being read (undefined inside a function literal). */
  private fn: (string | undefined)[] = [];
  private namedResults: (string[] | undefined)[] = [];

  constructor(file: string | undefined, private readonly options: GoReadOptions) {
    super('go', file);
  }

  declare(name: string): void {
    this.functionNames.add(name);
  }

  readonly refs: References = new Map();
  /** How often each field or method name follows a dot. */
  readonly fieldUses = new Map<string, number>();
  /** Parameters of each method, by method name (one entry per method of that name). */
  readonly methodParams = new Map<string, { names: string[]; rest: boolean }[]>();
  /** The top-level declaration being read. */
  private top: string | undefined;
  /** Names a handler is copied into (`old := cmd.PreRunE`): calling one runs a handler, and any other use
   *  than a call or a comparison with nil may hand it to code that does. */
  readonly handlerHolders = new Set<string>();
  /** The selector an assignment writes to (`cmd.RunE = ...` stores a handler, it does not run one). */
  private assigning: number | undefined;
  /** The import paths of the file being read, by the names it knows them by. */
  readonly fileImports = new Map<string, string>();

  private refer(name: string): void {
    const key = this.top ?? '';
    let set = this.refs.get(key);
    if (!set) this.refs.set(key, (set = new Set()));
    set.add(name);
  }

  override loc(node: Node): GoLoc {
    return { ...locOf(node.startPosition.row + 1, node.text), file: this.current, ...(this.top !== undefined ? { fn: this.top } : {}) };
  }

  protected statement(node: Node): boolean {
    switch (node.type) {
      case 'comment':
        if (/^\/\/go:linkname\b/.test(node.text)) this.problem(node, `${node.text.trim()} links to a function by its symbol name, past what the code shows`);
        return true;
      case 'package_clause':
        return true;
      case 'import_declaration':
        for (const spec of this.descendants(node, 'import_spec')) this.importSpec(spec);
        return true;
      case 'function_declaration':
      case 'method_declaration':
        this.functionDeclaration(node);
        return true;
      case 'func_literal': {
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params, undefined, 'a parameter of a function literal');
        this.fn.push(undefined);
        this.namedResults.push(undefined);
        try {
          const body = this.field(node, 'body');
          if (body) this.visit(body);
        } finally {
          this.fn.pop();
          this.namedResults.pop();
        }
        return true;
      }
      case 'return_statement': {
        const fn = this.fn[this.fn.length - 1];
        const value = named(node).find((c) => c.type !== 'comment');
        const results = this.namedResults[this.namedResults.length - 1];
        if (!value) {
          if (fn !== undefined) this.bind(returnsOf(fn), results?.length ? { k: 'name', name: results[0] } : lit(null));
          return true;
        }
        // `return a, err`: a call's value is its first result.
        const items = value.type === 'expression_list' ? named(value) : [value];
        const first = this.expr(items[0]);
        for (const other of items.slice(1)) this.expr(other);
        if (fn !== undefined) this.bind(returnsOf(fn), first);
        return true;
      }
      case 'var_declaration':
      case 'const_declaration':
        for (const spec of [...this.descendants(node, 'var_spec'), ...this.descendants(node, 'const_spec')]) this.valueSpec(spec, node.type === 'const_declaration');
        return true;
      case 'short_var_declaration':
      case 'assignment_statement':
        this.assignment(node);
        return true;
      case 'inc_statement':
      case 'dec_statement': {
        const target = named(node)[0];
        const n = target ? dottedName(this.target(target)) : undefined;
        if (n) this.bind(n, { k: 'opaque', why: `${n} is changed by arithmetic` });
        return true;
      }
      case 'range_clause': {
        const left = this.field(node, 'left');
        const right = this.expr(this.field(node, 'right'));
        const targets = left ? (left.type === 'expression_list' ? named(left) : [left]) : [];
        targets.forEach((t, i) => {
          const n = dottedName(this.target(t));
          if (!n || n === '_') return;
          // `for i, v := range list`: v is an element; a lone `k` is an index or a map key.
          this.bind(n, i === 1 ? { k: 'each', of: right } : { k: 'opaque', why: `${n} is an index or key of a loop` });
        });
        return true;
      }
      default:
        return false;
    }
  }

  private descendants(node: Node, type: string): Node[] {
    const out: Node[] = [];
    const walk = (n: Node) => {
      for (const c of named(n)) {
        if (c.type === type) out.push(c);
        else walk(c);
      }
    };
    walk(node);
    return out;
  }

  private importSpec(spec: Node): void {
    const pathNode = this.field(spec, 'path');
    const path = pathNode ? stringText(pathNode) : undefined;
    if (path === undefined) return;
    const alias = this.field(spec, 'name');
    const loc = this.loc(spec);
    if (path === 'C') this.problem(spec, 'imports "C" (cgo): C code runs with the Go code, and Firebreak does not read C');
    if (alias?.type === 'dot') {
      this.program.imports.push({ module: path, level: 0, star: true, loc });
      return;
    }
    if (alias?.type === 'blank_identifier') {
      this.program.imports.push({ module: path, level: 0, named: [], loc });
      return;
    }
    this.program.imports.push({ module: path, level: 0, loc });
    const module: Expr = { k: 'module', path };
    if (alias) {
      this.bind(alias.text, module);
      this.fileImports.set(alias.text, path);
      return;
    }
    for (const name of packageNames(path)) {
      this.bind(name, module);
      this.fileImports.set(name, path);
    }
  }

  private functionDeclaration(node: Node): void {
    const nameNode = this.field(node, 'name');
    const isMethod = node.type === 'method_declaration';
    const name = nameNode?.text ?? '';
    const key = isMethod ? methodKey(name) : name;
    this.bind(key, { k: 'opaque', why: `${name} is defined in the code` });
    if (isMethod) {
      const receiver = this.field(node, 'receiver');
      if (receiver) this.parameters(receiver, undefined, 'the receiver of a method');
    }
    const params = this.field(node, 'parameters');
    if (params) {
      if (isMethod) {
        this.parameters(params, undefined, `a parameter of the method ${name}`);
        const names: string[] = [];
        let rest = false;
        for (const p of named(params)) {
          if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
          const ns = p.childrenForFieldName('name');
          if (!ns.length) names.push('_');
          for (const n of ns) names.push(n.text);
          if (p.type === 'variadic_parameter_declaration') rest = true;
        }
        const list = this.methodParams.get(name) ?? [];
        list.push({ names, rest });
        this.methodParams.set(name, list);
      }
      else {
        this.functionNames.add(name);
        const exported = this.options.imported && /^[A-Z]/.test(name);
        this.parameters(params, name, exported ? EXPORTED_FUNCTION : undefined);
      }
    }
    const result = this.field(node, 'result');
    const results = result?.type === 'parameter_list' ? this.resultNames(result) : undefined;
    this.fn.push(key);
    this.namedResults.push(results);
    this.top = key;
    try {
      const body = this.field(node, 'body');
      if (body) this.visit(body);
    } finally {
      this.top = undefined;
      this.fn.pop();
      this.namedResults.pop();
    }
  }

  private resultNames(list: Node): string[] {
    const out: string[] = [];
    for (const p of named(list)) {
      for (const n of p.childrenForFieldName('name')) {
        out.push(n.text);
        this.bind(n.text, { k: 'opaque', why: `${n.text} is a named result` });
      }
    }
    return out;
  }

  /** Parameters of `fn` take its callers' values (package-level functions); others are unknown. */
  private parameters(list: Node, fn: string | undefined, open: string | undefined): void {
    let index = 0;
    for (const p of named(list)) {
      if (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration') continue;
      const names = p.childrenForFieldName('name');
      if (!names.length) { index++; continue; }
      for (const n of names) {
        if (fn === undefined) this.bind(n.text, { k: 'opaque', why: open ? `${n.text} is ${open}` : `${n.text} is a parameter` });
        else this.bind(n.text, { k: 'param', fn, index, name: n.text, ...(p.type === 'variadic_parameter_declaration' ? { rest: true } : {}), ...(open ? { open } : {}) });
        index++;
      }
    }
  }

  private valueSpec(spec: Node, isConst: boolean): void {
    const names = spec.childrenForFieldName('name');
    const valueList = this.field(spec, 'value');
    const values = valueList ? (valueList.type === 'expression_list' ? named(valueList) : [valueList]) : [];
    const exprs = values.map((v) => this.expr(v));
    names.forEach((n, i) => {
      if (n.text === '_') return;
      if (exprs.length === names.length) this.bind(n.text, exprs[i]);
      else if (i === 0 && exprs.length === 1) this.bind(n.text, exprs[0]);
      // `var f *os.File`: a pointer starts as nil (flags and the linker set strings, not pointers).
      else if (!isConst && !exprs.length && this.field(spec, 'type')?.type === 'pointer_type') this.bind(n.text, lit(null));
      else this.bind(n.text, { k: 'opaque', why: isConst ? `${n.text} is a constant Firebreak does not compute (iota, or a value repeated from the line above)` : declaredWithoutValue(n.text) });
    });
  }

  private assignment(node: Node): void {
    const left = this.field(node, 'left');
    const right = this.field(node, 'right');
    const op = node.type === 'assignment_statement' ? node.children.find((c) => !c.isNamed)?.text ?? '=' : ':=';
    const lefts = left ? (left.type === 'expression_list' ? named(left) : [left]) : [];
    const rights = right ? (right.type === 'expression_list' ? named(right) : [right]) : [];
    const values = rights.map((r, i) => {
      const field = lefts.length === rights.length ? this.handlerAssigned(lefts[i], r) : undefined;
      return field !== undefined ? this.handler(r, field) : this.expr(r);
    });
    lefts.forEach((l, i) => {
      const target = this.target(l);
      const n = dottedName(target);
      if (!n || n === '_') return;
      let value: Expr;
      if (values.length === lefts.length) value = values[i];
      else value = i === 0 && values.length === 1 ? values[0] : { k: 'opaque', why: `${n} is a second result of a call` };
      if (op === '+=') value = { k: 'concat', parts: [target, value] };
      else if (op !== '=' && op !== ':=') value = { k: 'opaque', why: `${n} is changed by arithmetic` };
      this.bind(n, value);
    });
  }

  /** The name an assignment binds; an element (`m[k] = v`, `*p = v`) makes its container unknown. */
  private target(node: Node): Expr {
    if (node.type === 'identifier') return { k: 'name', name: node.text };
    if (node.type === 'selector_expression') {
      this.assigning = node.index;
      const e = this.expr(node);
      this.assigning = undefined;
      return dottedName(e) !== undefined ? e : OPAQUE;
    }
    // `*p = v`: what p points to is v (a pointer is followed as its value).
    if (node.type === 'unary_expression' && node.text.startsWith('*')) {
      const operand = this.field(node, 'operand');
      if (operand?.type === 'identifier' || operand?.type === 'selector_expression') return this.target(operand);
    }
    if (node.type === 'index_expression') {
      const base = this.expr(this.field(node, 'operand'));
      this.expr(this.field(node, 'index'));
      const n = dottedName(base);
      if (n) this.bind(n, { k: 'opaque', why: `${n} is changed element by element` });
      return OPAQUE;
    }
    this.expr(node);
    return OPAQUE;
  }

  protected expression(node: Node): Expr | undefined {
    switch (node.type) {
      case 'interpreted_string_literal':
      case 'raw_string_literal':
        return lit(stringText(node) ?? '');
      case 'rune_literal':
        return lit(decodeEscapes(node.text.slice(1, -1)));
      case 'int_literal':
      case 'float_literal': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? lit(n) : OPAQUE;
      }
      case 'true': return lit(true);
      case 'false': return lit(false);
      case 'nil': return lit(null);
      case 'iota': return { k: 'opaque', why: 'iota' };
      case 'identifier':
        this.refer(node.text);
        if (this.handlerHolders.has(node.text) && !this.holderKept(node)) this.refer(EXECUTES_COMMANDS);
        // `Execute(ctx, root)` from a dot import (`. "github.com/charmbracelet/fang"`), or a function of that name.
        if (GO_COMMAND_HANDLERS.some((h) => Object.hasOwn(h.execute, node.text))) this.refer(EXECUTES_COMMANDS);
        return { k: 'name', name: node.text };
      case 'selector_expression': {
        const operand = this.field(node, 'operand');
        const fieldName = this.field(node, 'field')?.text ?? '';
        this.refer(`.${fieldName}`);
        if (this.mayExecuteCommands(node, fieldName)) this.refer(EXECUTES_COMMANDS);
        this.fieldUses.set(fieldName, (this.fieldUses.get(fieldName) ?? 0) + 1);
        if (operand?.type === 'identifier') this.refer(`${operand.text}.${fieldName}`);
        return { k: 'attr', obj: this.expr(operand), name: fieldName };
      }
      case 'parenthesized_expression':
        return named(node).length === 1 ? this.expr(named(node)[0]) : undefined;
      case 'expression_list':
        return named(node).length === 1 ? this.expr(named(node)[0]) : undefined;
      case 'unary_expression': {
        const operand = this.expr(this.field(node, 'operand'));
        const op = this.field(node, 'operator')?.text ?? node.child(0)?.text;
        // `&x`, `*p`: the value itself (a pointer's target is followed as the value).
        return op === '&' || op === '*' ? operand : { k: 'opaque', why: `${op ?? 'an operator'} applied to a value` };
      }
      case 'binary_expression': {
        const op = this.field(node, 'operator')?.text ?? node.child(1)?.text;
        const left = this.expr(this.field(node, 'left'));
        const right = this.expr(this.field(node, 'right'));
        if (op === '+') return { k: 'concat', parts: [left, right] };
        // `os.O_WRONLY|os.O_CREATE`: kept as text, so the flags can be read.
        if (op === '|') return { k: 'concat', parts: [left, lit('|'), right] };
        if (op === '==' || op === '!=') return { k: 'compare', equal: op === '==', left, right };
        return { k: 'opaque', why: 'arithmetic is not followed' };
      }
      case 'index_expression':
        return { k: 'index', obj: this.expr(this.field(node, 'operand')), key: this.expr(this.field(node, 'index')) };
      case 'slice_expression': {
        const obj = this.expr(this.field(node, 'operand'));
        const start = this.field(node, 'start');
        const end = this.field(node, 'end');
        if (end) this.expr(end);
        const from = start?.type === 'int_literal' ? Number(start.text) : start ? NaN : 0;
        if (start && !Number.isInteger(from)) this.expr(start);
        return Number.isInteger(from) && !end ? { k: 'slice', obj, from } : { k: 'opaque', why: 'part of a value computed at run time' };
      }
      case 'type_assertion_expression':
        return this.expr(this.field(node, 'operand'));
      case 'type_conversion_expression':
        return this.expr(this.field(node, 'operand'));
      case 'call_expression':
        return this.callNode(node);
      case 'composite_literal':
        return this.composite(node);
      case 'literal_value':
        return this.literalValue(node, false);
      case 'func_literal':
        this.visit(node);
        return { k: 'opaque', why: 'a function literal' };
      default:
        return undefined;
    }
  }

  /** `cmd.Execute()`, `fang.Execute(ctx, cmd)`, `c.RunE(c, nil)`, `h := c.RunE`: a command's handlers may run.
   *  A method called with another number of arguments than the library's (`tmpl.Execute(w, data)`,
   *  `exec.Cmd.Run()`) is not the library's; a package's function of the name may be (it takes the command). */
  private mayExecuteCommands(selector: Node, fieldName: string): boolean {
    if (GO_REFLECTIVE_CALLS.has(fieldName)) return true;
    return GO_COMMAND_HANDLERS.some((h) => {
      const arity = h.fields.has(fieldName) ? h.arity : Object.hasOwn(h.execute, fieldName) ? h.execute[fieldName] : undefined;
      if (arity === undefined || (h.fields.has(fieldName) && (this.assigning === selector.index || this.copiedToHolder(selector)))) return false;
      const operand = this.field(selector, 'operand');
      if (operand?.type === 'identifier' && this.fileImports.has(operand.text)) return true;
      // `(*cobra.Command).Execute(root)`: a method expression takes the receiver as an argument.
      if (!operand || !['identifier', 'selector_expression', 'call_expression', 'index_expression'].includes(operand.type)) return true;
      const call = selector.parent;
      if (call?.type !== 'call_expression' || this.field(call, 'function')?.index !== selector.index) return true;
      const args = this.field(call, 'arguments');
      const argNodes = args ? named(args).filter((a) => a.type !== 'comment') : [];
      return argNodes.length === arity || argNodes.some((a) => a.type === 'variadic_argument');
    });
  }

  /** `old := cmd.PreRunE`: the handler goes to a name whose every use is judged (handlerHolders). */
  private copiedToHolder(selector: Node): boolean {
    const list = selector.parent;
    const decl = list?.parent;
    if (list?.type !== 'expression_list' || list.namedChildren.length !== 1 || decl?.type !== 'short_var_declaration' || this.field(decl, 'right')?.index !== list.index) return false;
    const left = this.field(decl, 'left');
    const names = left ? named(left) : [];
    return names.length === 1 && names[0].type === 'identifier' && this.handlerHolders.has(names[0].text);
  }

  /** A use of a name holding a handler that runs nothing: `old != nil`, and `old := cmd.PreRunE` itself. */
  private holderKept(identifier: Node): boolean {
    const parent = identifier.parent;
    if (parent?.type === 'binary_expression') {
      const other = parent.namedChildren.find((c) => c.index !== identifier.index);
      return other?.type === 'nil' && /^(==|!=)$/.test(this.field(parent, 'operator')?.text ?? '');
    }
    return parent?.type === 'expression_list' && parent.namedChildren.length === 1 && parent.parent?.type === 'short_var_declaration' && this.field(parent.parent, 'left')?.index === parent.index;
  }

  /** `cmd.RunE = func(cmd *cobra.Command, args []string) error {...}`: the handler field a function literal of the
   *  library's handler type is stored in (the type tells the field is the library's, whatever `cmd` is). */
  private handlerAssigned(left: Node, right: Node): string | undefined {
    if (left.type !== 'selector_expression' || right.type !== 'func_literal') return undefined;
    const field = this.field(left, 'field')?.text ?? '';
    const params = this.field(right, 'parameters');
    const decls = params ? named(params).filter((p) => p.type === 'parameter_declaration' || p.type === 'variadic_parameter_declaration') : [];
    const types = decls.flatMap((d) => Array<Node | null>(Math.max(1, d.childrenForFieldName('name').length)).fill(this.field(d, 'type') ?? null));
    const first = types[0];
    const pointed = first?.type === 'pointer_type' ? named(first)[0] : undefined;
    if (pointed?.type !== 'qualified_type') return undefined;
    const fields = this.handlerFields(this.field(pointed, 'package')?.text ?? '', this.field(pointed, 'name')?.text ?? '');
    const h = GO_COMMAND_HANDLERS.find((c) => c.fields === fields);
    return fields?.has(field) && h && types.length === h.arity && !decls.some((d) => d.type === 'variadic_parameter_declaration') ? field : undefined;
  }

  /** The handler fields of the command type a composite literal builds (`&cobra.Command{...}`), if it builds one. */
  private handlerFields(pkg: string, name: string): ReadonlySet<string> | undefined {
    const path = this.fileImports.get(pkg);
    return path === undefined ? undefined : GO_COMMAND_HANDLERS.find((h) => h.type === `${path}.${name}`)?.fields;
  }

  /** A handler given in a command literal (a function literal, a function or a method value): read as its
   *  own entry, referred to by the code building the command. Other values (a call) are evaluated here. */
  private handler(node: Node, field: string): Expr {
    const inner = node.type === 'literal_element' ? named(node)[0] : node;
    if (inner?.type !== 'func_literal' && inner?.type !== 'identifier' && inner?.type !== 'selector_expression') return this.element(node);
    const owner = this.top;
    const key = `${HANDLER_PREFIX}${owner ?? ''}:${this.current}:${node.startPosition.row + 1}:${field}`;
    this.refer(key);
    this.top = key;
    try {
      return this.element(node);
    } finally {
      this.top = owner;
    }
  }

  private callNode(node: Node): Expr {
    const fnNode = this.field(node, 'function');
    const argsNode = this.field(node, 'arguments');
    const argNodes = argsNode ? named(argsNode).filter((a) => a.type !== 'comment') : [];
    // `[]byte(s)`, `(*T)(x)`: a conversion is its value.
    if (fnNode && TYPE_NODES.has(fnNode.type) && fnNode.type !== 'qualified_type') {
      const values = argNodes.map((a) => this.expr(a));
      return values[0] ?? OPAQUE;
    }
    const callee = this.expr(fnNode);
    let spread = false;
    const args: Expr[] = [];
    for (const a of argNodes) {
      if (TYPE_NODES.has(a.type) || a.type === 'type_identifier') continue; // make([]string, n), new(T)
      if (a.type === 'variadic_argument') {
        spread = true;
        args.push(this.expr(named(a)[0]));
      } else args.push(this.expr(a));
    }
    const call = this.call(node, callee, args, [], { spread });
    this.flagTarget(fnNode, argNodes[0], args[0], call);
    return call;
  }

  /** `flag.StringVar(&opts.out, "out", "dist", ...)`: the variable takes the flag's value, which the
   *  model gives for the call (unknown for a method it does not know). */
  private flagTarget(fnNode: Node | undefined, first: Node | undefined, value: Expr | undefined, call: Expr): void {
    if (fnNode?.type !== 'selector_expression' || !/^[A-Z]\w*VarP?$/.test(this.field(fnNode, 'field')?.text ?? '')) return;
    if (first?.type !== 'unary_expression' || !first.text.startsWith('&') || !value) return;
    const name = dottedName(value);
    if (!name) return;
    this.bind(name, call);
    this.flagBound.add(name);
  }

  /** Names a flag-defining call binds (`flag.StringVar(&name, ...)`). */
  readonly flagBound = new Set<string>();

  /** `pkg.Type{...}` is a call of the pseudo-function `Type{}` of the package (the model decides what
   *  building it means: `exec.Cmd{...}` runs nothing yet, but names a program); other literals are values. */
  private composite(node: Node): Expr {
    const type = this.field(node, 'type');
    const body = this.field(node, 'body');
    const isMap = type?.type === 'map_type';
    const isList = type?.type === 'slice_type' || type?.type === 'array_type' || type?.type === 'implicit_length_array_type';
    const qualified = type?.type === 'qualified_type' ? type : type?.type === 'generic_type' && this.field(type, 'type')?.type === 'qualified_type' ? this.field(type, 'type') : undefined;
    const pkg = qualified ? this.field(qualified, 'package')?.text ?? '' : '';
    const name = qualified ? this.field(qualified, 'name')?.text ?? '' : '';
    const value = body ? this.literalValue(body, isMap, isList, qualified ? this.handlerFields(pkg, name) : undefined) : OPAQUE;
    if (qualified) {
      return this.call(node, { k: 'attr', obj: { k: 'name', name: pkg }, name: `${name}{}` }, [value], []);
    }
    return value;
  }

  private literalValue(body: Node, isMap: boolean, isList?: boolean, handlers?: ReadonlySet<string>): Expr {
    const elements = named(body).filter((c) => c.type !== 'comment');
    const keyed = elements.some((e) => e.type === 'keyed_element');
    if (!keyed && (isList || !isMap)) {
      return { k: 'list', items: elements.map((e) => this.element(e)) };
    }
    const entries: { key: Expr; value: Expr }[] = [];
    for (const e of elements) {
      if (e.type !== 'keyed_element') { this.element(e); continue; }
      const parts = named(e).filter((c) => c.type !== 'comment');
      const keyNode = this.field(e, 'key') ?? parts[0];
      const valueNode = this.field(e, 'value') ?? parts[1];
      const inner = keyNode && keyNode.type === 'literal_element' ? named(keyNode)[0] : keyNode;
      // A struct field name is a name, not a variable; a map key is a value.
      const key = !isMap && inner?.type === 'identifier' ? lit(inner.text) : inner?.type === 'field_identifier' ? lit(inner.text) : this.expr(inner);
      const field = !isMap && (inner?.type === 'identifier' || inner?.type === 'field_identifier') ? inner.text : undefined;
      const handler = field !== undefined && handlers?.has(field);
      entries.push({ key, value: valueNode ? (handler ? this.handler(valueNode, field) : this.element(valueNode)) : OPAQUE });
    }
    return { k: 'dict', entries };
  }

  private element(e: Node): Expr {
    const inner = e.type === 'literal_element' ? named(e)[0] : e;
    if (!inner) return OPAQUE;
    if (inner.type === 'literal_value') return this.literalValue(inner, false);
    return this.expr(inner);
  }
}

function declaredWithoutValue(name: string): string {
  return `${name} is declared without a value (set later, through a pointer, a flag or the linker)`;
}

/** The text of a Go string literal node (interpreted or raw), or undefined when it is not one. */
function stringText(node: Node): string | undefined {
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1).replace(/\r/g, '');
  if (node.type !== 'interpreted_string_literal') return undefined;
  return decodeEscapes(node.text.slice(1, -1));
}

/** The names a package is known by without an alias: the last element of its path, without a major
 *  version (`.../v2`) or `.vN` suffix, and that name with a `go-` prefix or `-go` suffix and dashes dropped. */
export function packageNames(path: string): string[] {
  const parts = path.split('/');
  let last = parts[parts.length - 1] ?? path;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2];
  last = last.replace(/\.v\d+$/, '');
  const names = new Set([last, last.replace(/^go-/, '').replace(/-go$/, '').replace(/[-.]/g, '')]);
  return [...names].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}
