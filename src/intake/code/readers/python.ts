// Python (tree-sitter-python) -> IR.
import { lit, OPAQUE, returnsOf, type Expr } from '../ir.js';
import type { Program } from '../ir.js';
import { firstSyntaxError, parse, type Node } from '../tree-sitter.js';
import { decodeEscapes, dottedName, named, neverFallsThrough, COMMON_MODULES, TreeReader } from './common.js';
import { cachedProgram } from '../cache.js';

export async function readPython(text: string, file?: string): Promise<Program> {
  const source = pythonSource(text);
  return cachedProgram('python', '', source.text, file, [import.meta.url, ...COMMON_MODULES], async () => {
    const program = await new PythonReader('python', file).read('python', source.text);
    if (source.problem) program.problems.push(source.problem);
    // Python checks each character of a name before normalising it (`⻳` is not a name, its NFKC form is).
    if (source.text !== text && !program.problems.length) {
      const original = await parse('python', text.replace(/\r\n?/g, '\n'));
      const error = original && firstSyntaxError(original.rootNode);
      original?.delete();
      if (!original || error) program.problems.push({ why: `syntax error at line ${error?.line ?? 1}`, loc: { line: error?.line ?? 1, text: error?.text ?? '' } });
    }
    return program;
  });
}

/** Encodings whose ASCII bytes are ASCII: the text read as UTF-8 has the same lines, names and comments. */
const ASCII_COMPATIBLE = /^(utf-?8(-sig)?|u8|ascii|us-ascii|646|latin-?1|l1|iso-?8859-?\d+|iso-8859-\d+|cp-?125\d|windows-125\d)$/;

/**
 * The code as Python reads it, where that differs from what the parser would see: Python ends a line
 * at a lone carriage return (tree-sitter does not: `# x\rimport os` would hide a line in a comment),
 * and reads names in NFKC form (`ｏｓ.ｓｙｓｔｅｍ` is `os.system`). A coding declaration naming another
 * encoding (`# coding: utf-7`, `unicode_escape`) makes bytes the parser sees as a comment into code.
 */
export function pythonSource(text: string): { text: string; problem?: { why: string; loc: { line: number; text: string } } } {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // Only names are normalised by Python; normalising strings too only makes their text plainer.
  if (/[^\x00-\x7f]/.test(out)) out = out.normalize('NFKC');
  const lines = out.split('\n', 2);
  for (const [i, line] of lines.entries()) {
    const cookie = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (cookie && !ASCII_COMPATIBLE.test(cookie[1]!.toLowerCase().replace(/_/g, '-'))) {
      return { text: out, problem: { why: `the code declares the encoding ${cookie[1]}: Python decodes it before reading, so what runs is not the text Firebreak sees`, loc: { line: i + 1, text: line } } };
    }
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break; // the declaration counts only on the first two lines, before any code
  }
  return { text: out };
}

/** Why a function's callers are not all in view: a decorator registers it with a framework (a CLI, a
 *  web route, a test runner) that calls it; a method is called through objects. */
function openWhy(node: Node): string | undefined {
  if (node.parent?.type === 'decorated_definition') return 'the function is decorated: a framework calls it with values from outside the code';
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'class_definition') return 'the function is a method: it is called through objects';
    if (n.type === 'function_definition' || n.type === 'module') break;
  }
  return undefined;
}

/** The name of the function a `return` or `yield` belongs to, when a plain call of that name runs it:
 *  a `def` that is neither a method nor decorated (a decorator may replace what the name calls). */
function returningFunction(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'lambda' || n.type === 'class_definition' || n.type === 'module') return undefined;
    if (n.type === 'function_definition') return openWhy(n) === undefined ? n.childForFieldName('name')?.text : undefined;
  }
  return undefined;
}

/** `def __init__(self, ...)` directly in an undecorated class: its parameters take the values of the
 *  calls that build the class (`Config(tools_dir='_tools')`); the class's name, else undefined. */
function constructorOf(node: Node): string | undefined {
  if (node.type !== 'function_definition' || node.childForFieldName('name')?.text !== '__init__' || node.parent?.type !== 'block') return undefined;
  const cls = node.parent.parent;
  if (cls?.type !== 'class_definition' || cls.parent?.type === 'decorated_definition') return undefined;
  return cls.childForFieldName('name')?.text;
}

/** Builtins that reach names by text, and names that do so anywhere (`sys.modules`, `f.__globals__`). */
const PYTHON_REFLECTION = {
  bare: new Set(['eval', 'exec', 'compile', 'globals', 'locals', 'vars', 'dir', 'getattr', 'setattr', 'delattr', 'breakpoint']),
  anywhere: new Set(['builtins', '__builtins__', '__dict__', '__globals__', 'modules', '__main__', 'importlib', '__import__', 'inspect', 'runpy', 'gc', '_getframe', 'f_globals', 'f_locals', 'f_back']),
};

class PythonReader extends TreeReader {
  protected override readonly reflectionNames = PYTHON_REFLECTION;

  protected statement(node: Node): boolean {
    switch (node.type) {
      case 'import_statement':
        for (const n of named(node)) this.importName(node, n);
        return true;
      case 'import_from_statement':
        this.importFrom(node);
        return true;
      case 'future_import_statement':
        return true;
      case 'assignment':
        this.assignment(node);
        return true;
      case 'augmented_assignment': {
        const target = dottedName(this.target(this.field(node, 'left')));
        this.expr(this.field(node, 'right'));
        if (target) this.bind(target, { k: 'opaque', why: `${target} is changed in place` });
        return true;
      }
      case 'for_statement':
      case 'for_in_clause': {
        // `for x in LIST`: x is each element of LIST; `for a, b in LIST`: a and b its first and second
        // items (`for root, dirs, files in os.walk(d)`).
        const left = this.field(node, 'left');
        const right = this.field(node, 'right');
        const each: Expr | undefined = right ? { k: 'each', of: this.expr(right) } : undefined;
        const tuple = left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') && named(left).every((p) => p.type === 'identifier') ? named(left) : undefined;
        if (tuple && each) tuple.forEach((p, i) => this.bind(p.text, { k: 'index', obj: each, key: lit(i) }));
        else this.bindPattern(left, left?.type === 'identifier' && each ? each : OPAQUE);
        for (const c of named(node)) if (!sameNode(c, right)) this.visit(c); // the loop target too (see TreeReader.children)
        return true;
      }
      case 'with_item': {
        const value = this.field(node, 'value');
        if (value?.type === 'as_pattern') {
          const inner = named(value)[0];
          const e = this.expr(inner);
          const alias = this.field(value, 'alias');
          if (alias) this.bindPattern(named(alias)[0] ?? alias, e);
          return true;
        }
        return false;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = this.field(node, 'name');
        if (name) this.bind(name.text, { k: 'opaque', why: `${name.text} is defined in the code` });
        const params = this.field(node, 'parameters');
        const cls = constructorOf(node);
        // Only a plain class (no decorator, no base class or metaclass) builds an object whose
        // attributes are all assigned in this file.
        const bases = this.field(node, 'superclasses')?.text.replace(/\s+/g, '');
        if (node.type === 'class_definition' && name && node.parent?.type !== 'decorated_definition' && (!bases || bases === '()' || bases === '(object)')) (this.program.classes ??= new Set()).add(name.text);
        if (params && cls !== undefined) this.parameters(params, cls, undefined, true);
        else if (params) this.parameters(params, node.type === 'function_definition' ? name?.text : undefined, openWhy(node));
        if (node.type === 'function_definition' && name && openWhy(node) === undefined) {
          // A body that can end without `return` returns None.
          if (!neverFallsThrough(this.field(node, 'body'))) this.bind(returnsOf(name.text), lit(null));
        }
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'return_statement':
        this.returnStatement(node, returningFunction(node));
        return true;

      case 'lambda': {
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params);
        const body = this.field(node, 'body');
        const value = this.expr(body);
        // `lambda: os.system` hands a function out: judged as passing it on (a sink passed is unknown).
        if (body?.type === 'attribute' || body?.type === 'identifier') this.call(node, { k: 'name', name: '<lambda>' }, [value], []);
        return true;
      }
      case 'exec_statement':
        this.problem(node, 'exec statement runs code built at run time');
        this.children(node);
        return true;
      case 'delete_statement':
        // `del x[i]` changes x in place.
        for (const t of named(node).flatMap((c) => (c.type === 'expression_list' ? named(c) : [c]))) {
          if (t.type === 'subscript') this.call(t, { k: 'attr', obj: this.target(this.field(t, 'value')), name: '__delitem__' }, [this.expr(this.field(t, 'subscript'))], []);
          else this.expr(t);
        }
        return true;
      case 'comment':
        return true;
      default:
        return false;
    }
  }

  protected expression(node: Node): Expr | undefined {
    switch (node.type) {
      case 'yield': {
        // A generator: calling it returns an iterator, not what it returns.
        const fn = returningFunction(node);
        if (fn !== undefined) this.bind(returnsOf(fn), { k: 'opaque', why: `${fn} is a generator` });
        this.children(node);
        return OPAQUE;
      }
      case 'string':
        return this.string(node);
      case 'concatenated_string':
        return { k: 'concat', parts: named(node).map((s) => this.expr(s)) };
      case 'integer':
      case 'float': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? lit(n) : OPAQUE;
      }
      case 'true':
        return lit(true);
      case 'false':
        return lit(false);
      case 'none':
        return lit(null);
      case 'identifier':
        return { k: 'name', name: node.text };
      case 'attribute': {
        const attr = this.field(node, 'attribute');
        return { k: 'attr', obj: this.expr(this.field(node, 'object')), name: attr?.text ?? '' };
      }
      case 'subscript': {
        const key = this.field(node, 'subscript');
        const from = key?.type === 'slice' ? /^\s*(\d*)\s*:\s*$/.exec(key.text)?.[1] : undefined;
        if (from !== undefined) return { k: 'slice', obj: this.expr(this.field(node, 'value')), from: Number(from || 0) };
        // `x[a, b]` indexes by the tuple (a, b) (plumbum's `rm['-rf', path]`).
        const keys = node.childrenForFieldName('subscript');
        if (keys.length > 1) return { k: 'index', obj: this.expr(this.field(node, 'value')), key: { k: 'list', items: keys.map((c) => this.expr(c)) } };
        return { k: 'index', obj: this.expr(this.field(node, 'value')), key: this.expr(key) };
      }
      case 'conditional_expression': {
        const [a, condition, b] = named(node);
        this.expr(condition);
        return { k: 'alt', options: [this.expr(a), this.expr(b)] };
      }
      case 'boolean_operator':
        return { k: 'alt', options: [this.expr(this.field(node, 'left')), this.expr(this.field(node, 'right'))] };
      case 'call':
        return this.callNode(node);
      case 'parenthesized_expression':
      case 'await':
      case 'expression_statement':
        return named(node).length === 1 ? this.expr(named(node)[0]) : undefined;
      case 'lambda': {
        // Walked for its calls (its parameters are not bound: names are not scoped), and a body that
        // is a function (`lambda: os.system`) is handed out, as in the statement form.
        const body = this.field(node, 'body');
        if (body?.type !== 'attribute' && body?.type !== 'identifier') return undefined;
        for (const c of named(node)) if (c.startIndex !== body.startIndex) this.visit(c);
        this.call(node, { k: 'name', name: '<lambda>' }, [this.expr(body)], []);
        return OPAQUE;
      }
      case 'binary_operator':
        return this.binary(node);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        // `[*args]`: any number of items from args (each unknown).
        return { k: 'list', items: named(node).map((c) => (c.type === 'list_splat' ? { k: 'opaque' as const, why: 'items spread from a value computed at run time', items: true as const, of: this.expr(named(c)[0]) } : this.expr(c))) };
      case 'dictionary':
        return this.dictionary(node);
      case 'named_expression': {
        const value = this.expr(this.field(node, 'value'));
        const name = this.field(node, 'name');
        if (name) this.bind(name.text, value);
        return value;
      }
      case 'assignment':
        this.assignment(node);
        return this.expr(this.field(node, 'right'));
      default:
        return undefined;
    }
  }

  private importName(stmt: Node, n: Node): void {
    if (n.type === 'dotted_name') {
      const module = n.text;
      this.importModule(stmt, module);
      const top = module.split('.')[0];
      this.bind(top, { k: 'module', path: top });
    } else if (n.type === 'aliased_import') {
      const module = this.field(n, 'name')?.text ?? '';
      const alias = this.field(n, 'alias')?.text;
      this.importModule(stmt, module);
      if (alias) this.bind(alias, { k: 'module', path: module });
    }
  }

  private importFrom(node: Node): void {
    const moduleNode = this.field(node, 'module_name');
    let level = 0;
    let module = moduleNode?.text ?? '';
    if (moduleNode?.type === 'relative_import') {
      const prefix = named(moduleNode).find((c) => c.type === 'import_prefix');
      level = prefix?.text.length ?? 1;
      module = named(moduleNode).find((c) => c.type === 'dotted_name')?.text ?? '';
    }
    const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (!names.length || named(node).some((c) => c.type === 'wildcard_import')) {
      this.importModule(node, module, level);
      if (named(node).some((c) => c.type === 'wildcard_import')) this.program.imports[this.program.imports.length - 1].star = true;
      return;
    }
    for (const n of names) {
      const name = n.type === 'aliased_import' ? this.field(n, 'name')?.text ?? '' : n.text;
      const alias = n.type === 'aliased_import' ? this.field(n, 'alias')?.text ?? name : name;
      const full = module ? `${module}.${name}` : name;
      this.importModule(node, full, level);
      // `from x import f`: f's calls are how this code reaches x (see analyse.ts, callersOf); its mentions are counted.
      this.program.imports[this.program.imports.length - 1].named = [{ name, alias }];
      this.functionNames.add(alias);
      // A relative import's path starts with its dots, so no library table takes it for an installed module.
      this.bind(alias, { k: 'module', path: `${'.'.repeat(level)}${full}` });
    }
  }

  private assignment(node: Node): void {
    const right = this.field(node, 'right');
    // A bare annotation (`tests: List[str]`, a dataclass field) assigns nothing.
    if (!right && this.field(node, 'type')) return;
    const value = right ? this.expr(right) : OPAQUE;
    const left = this.field(node, 'left');
    if (left) this.bindPattern(left, right?.type === 'assignment' ? this.rightmost(right) : value);
  }

  private rightmost(node: Node): Expr {
    let n: Node | undefined = node;
    while (n?.type === 'assignment') n = this.field(n, 'right');
    return n ? this.expr(n) : OPAQUE;
  }

  /** Binds every name in an assignment target; tuples pair up with tuple values. */
  private bindPattern(target: Node | undefined, value: Expr): void {
    if (!target) return;
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'expression_list' || target.type === 'tuple' || target.type === 'list') {
      const parts = named(target);
      // `package, module = LAZY[name]`: each name the same element of the value (a tuple or list of
      // that length; anything else, a dict's keys or a string's letters, is not followed).
      const tuple: Expr = { k: 'slice', obj: value, from: 0 };
      const each = value.k !== 'list' && value.k !== 'dict' && parts.every((p) => p.type === 'identifier');
      parts.forEach((p, i) => this.bindPattern(p, value.k === 'list' && value.items.length === parts.length ? value.items[i] : each ? { k: 'index', obj: tuple, key: lit(i) } : OPAQUE));
      return;
    }
    if (target.type === 'list_splat_pattern') { this.bindPattern(named(target)[0], OPAQUE); return; }
    const e = this.target(target);
    const name = dottedName(e);
    if (name) this.bind(name, value);
  }

  /** An assignment target as IR, without registering the calls in it twice. */
  private target(node: Node | undefined): Expr {
    if (!node) return OPAQUE;
    if (node.type === 'identifier') return { k: 'name', name: node.text };
    if (node.type === 'attribute') return { k: 'attr', obj: this.target(this.field(node, 'object')), name: this.field(node, 'attribute')?.text ?? '' };
    if (node.type === 'subscript') {
      // `x[i] = v` changes x in place: kept as a call x.__setitem__ so the value of x is not trusted.
      const obj = this.target(this.field(node, 'value'));
      this.call(node, { k: 'attr', obj, name: '__setitem__' }, [this.expr(this.field(node, 'subscript'))], []);
      return OPAQUE;
    }
    this.expr(node);
    return OPAQUE;
  }

  /** Parameters; of a named function (`fn`), each takes the values the function's callers pass. */
  private parameters(params: Node, fn?: string, open?: string, constructor = false): void {
    if (fn !== undefined) this.functionNames.add(fn);
    // A constructor's first parameter is the object being built (`self`), not one its callers pass.
    let index = constructor ? -1 : 0;
    for (const p of named(params)) {
      if (p.type === 'comment') continue;
      const nameNode = p.type === 'identifier' ? p : this.field(p, 'name') ?? named(p).find((c) => c.type === 'identifier');
      const dfltNode = this.field(p, 'value');
      const dflt = dfltNode ? this.expr(dfltNode) : undefined;
      const i = index++;
      if (!nameNode) continue;
      if (i < 0) { this.bind(nameNode.text, { k: 'opaque', why: `${nameNode.text} is the object being built` }); continue; }
      const plain = p.type === 'identifier' || p.type === 'default_parameter' || p.type === 'typed_parameter' || p.type === 'typed_default_parameter';
      if (fn !== undefined && plain && !named(p).some((c) => c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern')) {
        this.bind(nameNode.text, { k: 'param', fn, index: i, name: nameNode.text, ...(dflt ? { dflt } : {}), ...(open ? { open } : {}) });
      } else {
        this.bind(nameNode.text, { k: 'opaque', why: `${nameNode.text} is a parameter: its value comes from the caller` });
      }
    }
  }

  private callNode(node: Node): Expr {
    const callee = this.expr(this.field(node, 'function'));
    const argsNode = this.field(node, 'arguments');
    const args: Expr[] = [];
    const kwargs: { name: string; value: Expr }[] = [];
    let spread = false;
    if (argsNode?.type === 'argument_list') {
      for (const a of named(argsNode)) {
        if (a.type === 'keyword_argument') kwargs.push({ name: this.field(a, 'name')?.text ?? '', value: this.expr(this.field(a, 'value')) });
        else if (a.type === 'list_splat' || a.type === 'dictionary_splat') { spread = true; this.children(a); }
        else if (a.type === 'comment') continue;
        else args.push(this.expr(a));
      }
    } else if (argsNode) {
      args.push(this.expr(argsNode)); // generator expression
    }
    return this.call(node, callee, args, kwargs, { spread });
  }

  private string(node: Node): Expr {
    const kids = named(node);
    const start = kids.find((c) => c.type === 'string_start')?.text ?? '"';
    const prefix = start.replace(/['"]+$/, '').toLowerCase();
    const raw = prefix.includes('r');
    const parts: Expr[] = [];
    for (const c of kids) {
      if (c.type === 'string_content') parts.push(lit(raw ? c.text : decodePythonEscapes(c.text)));
      else if (c.type === 'interpolation') parts.push(this.expr(this.field(c, 'expression') ?? named(c)[0]));
      else if (c.type === 'escape_sequence') parts.push(lit(raw ? c.text : decodePythonEscapes(c.text)));
    }
    if (parts.length === 0) return lit('');
    if (parts.length === 1 && parts[0].k === 'lit') return parts[0];
    return { k: 'concat', parts };
  }

  private binary(node: Node): Expr | undefined {
    const op = this.field(node, 'operator')?.text ?? node.child(1)?.text;
    const left = this.expr(this.field(node, 'left'));
    const right = this.expr(this.field(node, 'right'));
    if (op === '+') return { k: 'concat', parts: [left, right] };
    if (op === '%' && left.k === 'lit' && typeof left.v === 'string') return percentFormat(left.v, right);
    if (op === '/') return { k: 'pathjoin', left, right };
    // plumbum's `cmd & FG` (BG, TEE, TF, RETCODE, NOHUP) runs cmd: kept as the method that does.
    if (op === '&' && right.k === 'name' && /^(FG|BG|TEE|TF|RETCODE|NOHUP)$/.test(right.name)) return this.call(node, { k: 'attr', obj: left, name: 'run_fg' }, [], []);
    return OPAQUE;
  }

  private dictionary(node: Node): Expr {
    const entries: { key: Expr; value: Expr }[] = [];
    for (const p of named(node)) {
      if (p.type === 'pair') entries.push({ key: this.expr(this.field(p, 'key')), value: this.expr(this.field(p, 'value')) });
      else this.visit(p);
    }
    return { k: 'dict', entries };
  }
}

/** `'rm -rf %s' % path` -> concat of the literal pieces and the arguments. */
function percentFormat(format: string, right: Expr): Expr {
  const values = right.k === 'list' ? right.items : [right];
  const parts: Expr[] = [];
  let i = 0;
  let last = 0;
  const spec = /%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[diouxXeEfFgGcrsa%]/g;
  for (let m = spec.exec(format); m; m = spec.exec(format)) {
    parts.push(lit(format.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[0] === '%%') { parts.push(lit('%')); continue; }
    if (m[1]) return OPAQUE; // %(name)s with a mapping
    parts.push(values[i++] ?? OPAQUE);
  }
  parts.push(lit(format.slice(last)));
  return { k: 'concat', parts };
}

function decodePythonEscapes(text: string): string {
  return decodeEscapes(text.replace(/\\N\{[^}]*\}/g, '\ufffd'));
}

/** The same syntax node (tree-sitter hands out a new object for each lookup). */
function sameNode(a: Node | undefined, b: Node | undefined): boolean {
  return !!a && !!b && a.index === b.index;
}
