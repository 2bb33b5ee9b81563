// JavaScript and TypeScript (tree-sitter-javascript / -typescript / -tsx) -> IR.
import { EXPORTED_FUNCTION, lit, OPAQUE, returnsOf, type Expr, type Program } from '../ir.js';
import type { Node, SyntaxTree } from '../tree-sitter.js';
import { COMMON_MODULES, decodeEscapes, dottedName, named, neverFallsThrough, TreeReader } from './common.js';
import { cachedProgram } from '../cache.js';

export async function readJavaScript(text: string, language: 'javascript' | 'typescript', file?: string): Promise<Program> {
  // The file name picks the grammar for TypeScript: part of the cache key.
  const variant = language === 'javascript' ? '' : file && /\.tsx$/.test(file) ? 'tsx' : file?.match(/\.(c|m)?ts$/) ? 'ts' : 'inline';
  return cachedProgram(language, variant, text, file, [import.meta.url, ...COMMON_MODULES], () => readUncached(text, language, file));
}

async function readUncached(text: string, language: 'javascript' | 'typescript', file?: string): Promise<Program> {
  // Hashbang lines are valid for Node and tree-sitter alike; JSX needs the tsx grammar in TypeScript.
  if (language === 'javascript') return new JavaScriptReader('javascript', file).read('javascript', text);
  const grammar = file && /\.tsx$/.test(file) ? 'tsx' : 'typescript';
  const program = await new JavaScriptReader('typescript', file).read(grammar, text);
  if (grammar === 'typescript' && program.problems.some((p) => p.why.startsWith('syntax error')) && !file?.match(/\.(c|m)?ts$/)) {
    // Inline code for deno / bun / tsx may be JSX, or JavaScript that the TypeScript grammar reads differently.
    const jsx = await new JavaScriptReader('typescript', file).read('tsx', text);
    if (!jsx.problems.length) return jsx;
  }
  return program;
}

/** `node:fs` -> `fs`, `fs/promises` -> `fs.promises` (the same object). */
export function moduleName(spec: string): string {
  const bare = spec.replace(/^node:/, '');
  return bare === 'fs/promises' ? 'fs.promises' : bare === 'child_process' || bare === 'fs' ? bare : bare;
}

/** Values that are functions (`const f = (x) => ...`). */
const FUNCTION_VALUES: ReadonlySet<string> = new Set(['arrow_function', 'function_expression', 'function']);

/** The name of the function a `return` belongs to, when a plain call of that name runs it: a
 *  `function f` declaration or a function value named by its declarator (`const f = () => {...}`). */
function returningFunction(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    // A generator's calls return an iterator (see returnsAtEnd).
    if (n.type === 'generator_function_declaration' || n.type === 'generator_function') return undefined;
    if (n.type === 'function_declaration') return n.childForFieldName('name')?.text;
    if (FUNCTION_VALUES.has(n.type)) {
      const declarator = n.parent;
      const name = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : undefined;
      return name?.type === 'identifier' && sameNode(declarator!.childForFieldName('value') ?? undefined, n) ? name.text : undefined;
    }
    if (n.type === 'method_definition' || n.type === 'class_body' || n.type === 'program') return undefined;
  }
  return undefined;
}

/** Why a function's parameters are not its callers' values: `arguments[0] = x` changes them (in sloppy code). */
function reachesArguments(fn: Node): string | undefined {
  return /(?<![\w$.])arguments(?![\w$])/.test(fn.childForFieldName('body')?.text ?? '') ? 'the function reaches its parameters through arguments, which can change them' : undefined;
}

/**
 * A named function's own names: its parameters, and the variables its body declares at its top
 * level, each bound nowhere else in it, get names of their own (`args@git`), so that `args` of
 * another function, or of the module, is not taken for them (bindings are otherwise not scoped).
 * A name the body binds again in any way (another declaration, a nested function's parameter,
 * catch, a method), or a body that reaches its names another way (`arguments`, `eval`, `with`),
 * keeps the shared name.
 */
function scopeOf(fn: Node, fnName: string): Map<string, string> {
  const own = new Map<string, string>();
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  const bodyNode = fn.childForFieldName('body');
  const body = bodyNode?.text ?? '';
  if (/(?<![\w$])(arguments|eval|with)(?![\w$])/.test(body)) return own;
  const paramNames = params ? parameterNames(params) : [];
  for (const name of paramNames) {
    const b = bindingsIn(body, name);
    if (b.declarations === 0 && !b.other) own.set(name, `${name}@${fnName}`);
  }
  // `const root = resolve(DIR)` at the top of the body: its scope is the whole function.
  if (bodyNode?.type === 'statement_block') {
    for (const st of named(bodyNode)) {
      if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
      for (const d of named(st)) {
        const id = d.type === 'variable_declarator' ? d.childForFieldName('name') : null;
        const value = d.childForFieldName('value');
        // A function or class value keeps its name: its calls are found by it (see functionBody).
        if (id?.type !== 'identifier' || paramNames.includes(id.text) || (value && (FUNCTION_VALUES.has(value.type) || value.type === 'class'))) continue;
        const b = bindingsIn(body, id.text);
        if (b.declarations === 1 && !b.other) own.set(id.text, `${id.text}@${fnName}`);
      }
    }
  }
  return own;
}

/** How a function body binds `name`: plain declarations (`const name`), and whether it binds it any other way. */
function bindingsIn(body: string, name: string): { declarations: number; other: boolean } {
  const esc = name.replace(/\$/g, '\\$');
  const n = `(?<![\\w$])${esc}(?![\\w$])`;
  const declarations = body.match(new RegExp(`\\b(?:const|let|var)\\s+${esc}(?![\\w$])`, 'g'))?.length ?? 0;
  const other = [
    `\\b(?:const|let|var)\\s+[{\\[][^=;]*${n}[^=;]*[}\\]]\\s*[=:o]`,
    `\\b(?:const|let|var)\\b[^;]*,\\s*${esc}\\s*(?:=|,|;|$)`,
    `\\bfunction\\s*\\*?\\s*[\\w$]*\\s*\\([^)]*${n}`,
    `\\([^()]*${n}[^()]*\\)\\s*(?::[^=;{]*)?=>`,
    `${n}\\s*=>`,
    `\\bcatch\\s*\\([^)]*${n}`,
    `\\b(?:class|function)\\s*\\*?\\s*${esc}(?![\\w$])`,
    `(?<![\\w$])(?!(?:if|for|while|switch|catch|with|return|typeof|await)\\b)[\\w$]+\\s*\\([^()]*${n}[^()]*\\)\\s*(?::[^{;]*)?\\{`,
  ].some((re) => new RegExp(re, 'm').test(body));
  return { declarations, other };
}

/**
 * `for (const x of ...)` / `for (let x in ...)` with a plain name: x belongs to the loop (`x@for:N`)
 * unless the loop binds x again in any way or reaches names another way (see scopeOf).
 */
function loopScope(loop: Node, left: Node | undefined): Map<string, string> | undefined {
  const kind = loop.childForFieldName('kind')?.text;
  if ((kind !== 'const' && kind !== 'let') || left?.type !== 'identifier') return undefined;
  const body = loop.childForFieldName('body')?.text ?? '';
  if (/(?<![\w$])(arguments|eval|with)(?![\w$])/.test(body)) return undefined;
  const b = bindingsIn(body, left.text);
  if (b.declarations || b.other) return undefined;
  return new Map([[left.text, `${left.text}@for:${loop.startIndex}`]]);
}

/** The plain names a parameter list binds (`a`, `b = 1`, `...rest`, with or without types). */
function parameterNames(params: Node): string[] {
  if (params.type === 'identifier') return [params.text];
  const names: string[] = [];
  for (const p of named(params)) {
    let t: Node | undefined = p.type === 'required_parameter' || p.type === 'optional_parameter' ? p.childForFieldName('pattern') ?? named(p)[0] : p;
    if (t?.type === 'assignment_pattern') t = t.childForFieldName('left') ?? undefined;
    if (t?.type === 'rest_pattern') t = named(t)[0];
    if (t?.type === 'identifier') names.push(t.text);
  }
  return names;
}

/** Why a declaration can be called from other modules (`export function f`, `export const f = ...`). */
function exportedWhy(node: Node): string | undefined {
  for (let n: Node | null = node.parent; n && n.type !== 'program'; n = n.parent) {
    if (n.type === 'export_statement') return EXPORTED_FUNCTION;
    if (n.type !== 'lexical_declaration' && n.type !== 'variable_declaration') break;
  }
  return undefined;
}

/** Calls that change the object given first: its entries are no longer the ones it was made with. */
const CHANGES_FIRST_ARGUMENT: ReadonlySet<string> = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf', 'Reflect.set', 'Reflect.defineProperty', 'Reflect.setPrototypeOf', 'Reflect.deleteProperty']);
/** Text that assigns (`d = x`, `d += x`, `d++`), as opposed to comparing (`==`) or an arrow (`=>`). */
const ASSIGNS = /(?<![=!<>])=(?![=>])|\+\+|--/;

/** Node types whose text is a name (a variable, a property, a private field). */
const NAME_TYPES: ReadonlySet<string> = new Set(['identifier', 'property_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'private_property_identifier', 'type_identifier', 'statement_identifier']);

class JavaScriptReader extends TreeReader {
  protected override readonly identifierTypes = ['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern'];

  /** `\u0065val(...)` is `eval(...)` and `cp.exec\u0053ync` is `cp.execSync`: a name spelled with
   *  escapes is not the text the tables know, so the code is not judged by its text. */
  protected override inspect(tree: SyntaxTree, text: string): void {
    if (!text.includes('\\u')) return;
    for (let i = 0; i < tree.count; i++) {
      if (!NAME_TYPES.has(tree.typeName(i))) continue;
      const n = tree.node(i);
      if (n.text.includes('\\')) {
        this.problem(n, `the name ${n.text} is written with escapes: it is ${decodeEscapes(n.text)}, which the code hides`);
        return;
      }
    }
  }

  protected statement(node: Node): boolean {
    switch (node.type) {
      case 'import_statement':
        this.importStatement(node);
        return true;
      case 'export_statement': {
        const source = this.field(node, 'source');
        if (source) this.importModule(node, this.stringText(source));
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'variable_declarator': {
        const value = this.field(node, 'value');
        const name = this.field(node, 'name');
        if (name?.type === 'identifier' && value && FUNCTION_VALUES.has(value.type)) {
          // `const run = (cmd) => ...`: a named function, its parameters take its callers' values.
          this.bind(name.text, { k: 'opaque', why: `${name.text} is defined in the code` });
          this.functionBody(value, name.text, exportedWhy(node));
          return true;
        }
        const e = value ? this.expr(value) : OPAQUE;
        this.bindPattern(this.field(node, 'name'), e);
        return true;
      }
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'class_declaration':
      case 'abstract_class_declaration': {
        const name = this.field(node, 'name');
        if (name) this.bind(name.text, { k: 'opaque', why: `${name.text} is defined in the code` });
        const isClass = node.type.includes('class');
        const read = () => {
          this.params(this.field(node, 'parameters'), name && !isClass ? name.text : undefined, reachesArguments(node) ?? exportedWhy(node));
          if (name && !isClass) this.returnsAtEnd(node, name.text);
          for (const c of named(node)) if (c.type !== 'formal_parameters') this.visit(c);
        };
        if (name && !isClass) this.inScope(node, name.text, read);
        else read();
        return true;
      }
      case 'return_statement':
        this.returnStatement(node, returningFunction(node));
        return true;
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
      case 'method_definition': {
        const p = this.field(node, 'parameters') ?? this.field(node, 'parameter');
        // Its parameters and top-level locals are its own names (`(name) => ...` in a filter is not
        // the enclosing code's `name`); methods keep the shared names.
        const read = () => {
          if (p?.type === 'identifier') this.bind(this.scoped(p.text), { k: 'opaque', why: `${p.text} is a parameter` });
          else this.params(p);
          for (const c of named(node)) if (c.type !== 'formal_parameters') this.visit(c);
        };
        if (node.type === 'method_definition') read();
        else this.inScope(node, `fn:${node.startIndex}`, read);
        return true;
      }
      case 'with_statement':
        // `with (require('child_process')) execSync(cmd)`: names inside resolve against an object.
        this.problem(node, 'a with statement makes names resolve against an object at run time');
        this.children(node);
        return true;
      case 'for_in_statement': {
        const left = this.field(node, 'left');
        const right = this.field(node, 'right');
        // `for (const x of list)`: x is each element; `for (k in obj)` walks keys (not modelled).
        const isOf = this.field(node, 'operator')?.text === 'of' || / of /.test(node.text.slice(0, (right?.startIndex ?? 0) - node.startIndex));
        const walked: Expr = isOf && right ? { k: 'each', of: this.expr(right) } : OPAQUE;
        // `for (const name of ...)` declares name for this loop alone: another loop's `name`, or a
        // callback's parameter of that name, is another variable.
        const own = loopScope(node, left);
        if (own) this.scopes.push(own);
        try {
          this.bindPattern(left, walked);
          for (const c of named(node)) if (!sameNode(c, right)) this.visit(c); // the loop target too (see TreeReader.children)
        } finally {
          if (own) this.scopes.pop();
        }
        return true;
      }
      case 'catch_clause': {
        const p = this.field(node, 'parameter');
        this.bindPattern(p, OPAQUE);
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'comment':
      case 'hash_bang_line':
      case 'type_annotation':
      case 'type_alias_declaration':
      case 'interface_declaration':
      case 'type_arguments':
      case 'type_parameters':
      case 'ambient_declaration':
        return true;
      default:
        return false;
    }
  }

  protected expression(node: Node): Expr | undefined {
    switch (node.type) {
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function':
        // `list.forEach((cmd) => ...)`: read as the statement is, so its parameters are bound (and
        // hide a name of the enclosing code) before its body is read.
        this.statement(node);
        return { k: 'opaque', why: 'a function' };
      case 'string':
        return lit(this.stringText(node));
      case 'template_string':
        return this.template(node);
      case 'number': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? lit(n) : OPAQUE;
      }
      case 'true': return lit(true);
      case 'false': return lit(false);
      case 'null': case 'undefined': return lit(null);
      case 'identifier':
        return { k: 'name', name: this.scoped(node.text) };
      case 'this':
        return { k: 'name', name: 'this' };
      case 'meta_property': // import.meta (new.target too: no model names it)
        return { k: 'module', path: node.text };
      case 'member_expression': {
        const prop = this.field(node, 'property');
        return { k: 'attr', obj: this.expr(this.field(node, 'object')), name: prop?.text ?? '' };
      }
      case 'subscript_expression':
        return { k: 'index', obj: this.expr(this.field(node, 'object')), key: this.expr(this.field(node, 'index')) };
      case 'call_expression':
        return this.callExpression(node, false);
      case 'new_expression':
        return this.callExpression(node, true);
      case 'parenthesized_expression':
      case 'await_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion':
      case 'expression_statement': {
        const inner = named(node).filter((c) => !/type|predefined/.test(c.type));
        if (inner.length === 1) return this.expr(inner[0]);
        for (const c of named(node)) this.visit(c);
        return inner[0] ? OPAQUE : undefined;
      }
      case 'binary_expression': {
        const op = this.field(node, 'operator')?.text ?? node.child(1)?.text;
        const left = this.expr(this.field(node, 'left'));
        const right = this.expr(this.field(node, 'right'));
        if (op === '+') return { k: 'concat', parts: [left, right] };
        if (op === '||' || op === '??') return { k: 'alt', options: [left, right], fallback: op };
        if (op === '&&') return { k: 'alt', options: [left, right] };
        if (op === '===' || op === '!==') return { k: 'compare', equal: op === '===', left, right };
        return OPAQUE;
      }
      case 'ternary_expression': {
        this.expr(this.field(node, 'condition'));
        return { k: 'alt', options: [this.expr(this.field(node, 'consequence')), this.expr(this.field(node, 'alternative'))] };
      }
      case 'array':
        return { k: 'list', items: named(node).map((c) => (c.type === 'spread_element' ? this.spread(c) : this.expr(c))) };
      case 'object':
        return this.object(node);
      case 'assignment_expression': {
        const right = this.expr(this.field(node, 'right'));
        const left = this.field(node, 'left');
        const target = left ? this.target(left) : OPAQUE;
        const name = dottedName(target);
        if (name) this.bind(name, right);
        else if (left?.type === 'object_pattern' || left?.type === 'array_pattern') this.bindPattern(left, right);
        return right;
      }
      case 'augmented_assignment_expression': {
        const left = this.field(node, 'left');
        const name = left ? dottedName(this.target(left)) : undefined;
        this.expr(this.field(node, 'right'));
        if (name) this.bind(name, { k: 'opaque', why: `${name} is changed in place` });
        return OPAQUE;
      }
      case 'sequence_expression': {
        let last: Expr = OPAQUE;
        for (const c of named(node)) last = this.expr(c);
        return last;
      }
      default:
        return undefined;
    }
  }

  private importStatement(node: Node): void {
    const source = this.field(node, 'source');
    if (!source) return;
    const spec = this.stringText(source);
    const module = moduleName(spec);
    this.importModule(node, spec);
    const clause = named(node).find((c) => c.type === 'import_clause');
    if (!clause) return;
    const only = named(clause);
    if (only.length === 1 && only[0].type === 'named_imports') {
      // `import { a, b as c } from './x'`: the calls of a and c are the only way this code reaches x.
      const list: { name: string; alias: string }[] = [];
      for (const spec of named(only[0])) {
        if (spec.type !== 'import_specifier') continue;
        const name = this.field(spec, 'name')?.text ?? '';
        const alias = this.field(spec, 'alias')?.text ?? name;
        list.push({ name, alias });
        this.functionNames.add(alias);
      }
      const imported = this.program.imports[this.program.imports.length - 1];
      if (imported) imported.named = list;
    }
    for (const c of only) {
      if (c.type === 'identifier') this.bind(c.text, { k: 'module', path: module });
      else if (c.type === 'namespace_import') {
        const id = named(c).find((x) => x.type === 'identifier');
        if (id) this.bind(id.text, { k: 'module', path: module });
      } else if (c.type === 'named_imports') {
        for (const spec of named(c)) {
          if (spec.type !== 'import_specifier') continue;
          const name = this.field(spec, 'name')?.text ?? '';
          const alias = this.field(spec, 'alias')?.text ?? name;
          this.bind(alias, name === 'default' ? { k: 'module', path: module } : { k: 'module', path: `${module}.${name}` });
        }
      }
    }
  }

  private callExpression(node: Node, isNew: boolean): Expr {
    const fnNode = this.field(node, isNew ? 'constructor' : 'function');
    const argsNode = this.field(node, 'arguments');
    let callee: Expr;
    if (fnNode?.type === 'import') callee = { k: 'name', name: 'import' };
    else callee = this.expr(fnNode);
    const args: Expr[] = [];
    let spread = false;
    let tagged = false;
    let pieces: string[] | undefined;
    if (argsNode?.type === 'template_string') {
      // The tag receives the text and, after it, each substitution's value (as `tag(strings, ...values)` does).
      tagged = true;
      args.push(this.template(argsNode, true));
      pieces = [''];
      for (const c of named(argsNode)) {
        if (c.type === 'template_substitution') {
          args.push(this.expr(named(c)[0]));
          pieces.push('');
        } else if (c.type === 'string_fragment' || c.type === 'escape_sequence') {
          pieces[pieces.length - 1] += c.type === 'escape_sequence' ? decodeEscapes(c.text) : c.text;
        }
      }
    }
    let spreadTail: Expr | undefined;
    if (argsNode?.type !== 'template_string' && argsNode) {
      const given = named(argsNode).filter((a) => a.type !== 'comment');
      given.forEach((a, i) => {
        if (a.type !== 'spread_element') { args.push(this.expr(a)); return; }
        spread = true;
        // `git(root, ...args)`: a spread in last place is kept (its items follow the others).
        if (i === given.length - 1 && named(a).length === 1) spreadTail = this.expr(named(a)[0]);
        else this.children(a);
      });
    }
    // `Object.assign(o, { dir: '/srv' })`: the object named first is changed in place.
    const changes = dottedName(callee);
    if (changes !== undefined && CHANGES_FIRST_ARGUMENT.has(changes) && args[0]) {
      const changed = dottedName(args[0]);
      if (changed !== undefined) this.bind(changed, { k: 'opaque', why: `${changed} is changed in place by ${changes}` });
    }
    // A direct eval runs its text in this scope: what it assigns there is not followed. (Text known only at
    // run time is unknown code already.)
    if (!isNew && callee.k === 'name' && callee.name === 'eval' && args[0]?.k === 'lit' && typeof args[0].v === 'string' && ASSIGNS.test(args[0].v)) {
      this.problem(node, 'eval runs its text in the scope of the code that calls it: the variables it may assign are not followed');
    }
    // require('./x') / import('./x') of a literal: a module the program loads.
    if (callee.k === 'name' && (callee.name === 'require' || callee.name === 'import') && args[0]?.k === 'lit' && typeof args[0].v === 'string') {
      this.importModule(node, args[0].v);
      if (!isNew) return this.call(node, callee, [lit(moduleName(args[0].v))], [], { spread });
    }
    return this.call(node, callee, args, [], { isNew, tagged, spread, ...(pieces ? { pieces } : {}), ...(spreadTail ? { spreadTail } : {}) });
  }

  private spread(node: Node): Expr {
    const inner = named(node).find((c) => c.type !== 'comment');
    return { k: 'opaque', why: 'items spread from a value computed at run time', items: true, of: inner ? this.expr(inner) : OPAQUE };
  }

  private object(node: Node): Expr {
    const entries: { key: Expr; value: Expr; spread?: boolean }[] = [];
    for (const p of named(node)) {
      if (p.type === 'pair') {
        const keyNode = this.field(p, 'key');
        const key = keyNode?.type === 'property_identifier' || keyNode?.type === 'identifier' ? lit(keyNode.text)
          : keyNode?.type === 'string' ? lit(this.stringText(keyNode))
            : keyNode?.type === 'number' ? lit(keyNode.text)
              : keyNode?.type === 'computed_property_name' ? this.expr(named(keyNode)[0]) : OPAQUE;
        entries.push({ key, value: this.expr(this.field(p, 'value')) });
      } else if (p.type === 'shorthand_property_identifier') {
        entries.push({ key: lit(p.text), value: { k: 'name', name: this.scoped(p.text) } });
      } else if (p.type === 'spread_element') {
        // `{ ...options }`: the evaluator adds the entries of options' value (unknown when it is not a known object).
        const inner = named(p).find((c) => c.type !== 'comment');
        entries.push({ key: OPAQUE, value: inner ? this.expr(inner) : OPAQUE, spread: true });
      } else {
        this.visit(p);
      }
    }
    return { k: 'dict', entries };
  }

  /** Template literal -> concat. In a tagged template the substitutions are separate arguments. */
  private template(node: Node, _tagged = false): Expr {
    const parts: Expr[] = [];
    for (const c of named(node)) {
      if (c.type === 'string_fragment') parts.push(lit(c.text));
      else if (c.type === 'escape_sequence') parts.push(lit(decodeEscapes(c.text)));
      else if (c.type === 'template_substitution') parts.push(this.expr(named(c)[0]));
    }
    if (parts.length === 0) return lit('');
    if (parts.length === 1 && parts[0].k === 'lit') return parts[0];
    return { k: 'concat', parts };
  }

  stringText(node: Node): string {
    let out = '';
    for (const c of named(node)) {
      if (c.type === 'string_fragment') out += c.text;
      else if (c.type === 'escape_sequence') out += decodeEscapes(c.text);
    }
    return out;
  }

  /** A function given as a value and named by its declarator: its parameters, then its body. */
  private functionBody(fn: Node, name: string, open: string | undefined): void {
    this.functionNames.add(name);
    const p = this.field(fn, 'parameters') ?? this.field(fn, 'parameter');
    open = reachesArguments(fn) ?? open;
    this.inScope(fn, name, () => {
      if (p?.type === 'identifier') this.bind(this.scoped(p.text), { k: 'param', fn: name, index: 0, name: p.text, ...(open ? { open } : {}) });
      else this.params(p, name, open);
      const body = this.field(fn, 'body');
      // `const f = () => expr`: the expression is what f returns.
      if (body && body.type !== 'statement_block') {
        for (const c of named(fn)) if (c !== p && c.type !== 'formal_parameters' && !sameNode(c, body)) this.visit(c);
        this.bind(returnsOf(name), fn.type.startsWith('generator') ? { k: 'opaque', why: `${name} is a generator` } : this.expr(body));
        return;
      }
      this.returnsAtEnd(fn, name);
      for (const c of named(fn)) if (c !== p && c.type !== 'formal_parameters') this.visit(c);
    });
  }

  /** Parameters of named functions, each scope's own names for them (see scopeOf). */
  private readonly scopes: Map<string, string>[] = [];

  /** The binding a name refers to here: a parameter of an enclosing named function under its own name, else the name. */
  private scoped(name: string): string {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const own = this.scopes[i].get(name);
      if (own !== undefined) return own;
    }
    return name;
  }

  private inScope(fn: Node, name: string, read: () => void): void {
    this.scopes.push(scopeOf(fn, name));
    try {
      read();
    } finally {
      this.scopes.pop();
    }
  }

  /** A generator's calls return an iterator; a body that can end without `return` returns undefined. */
  private returnsAtEnd(fn: Node, name: string): void {
    if (fn.type.startsWith('generator')) {
      this.bind(returnsOf(name), { k: 'opaque', why: `${name} is a generator` });
      return;
    }
    if (!neverFallsThrough(this.field(fn, 'body'))) this.bind(returnsOf(name), lit(null));
  }

  /** Parameters; of a named function (`fn`), each takes the values the function's callers pass. */
  private params(node: Node | undefined, fn?: string, open?: string): void {
    if (!node) return;
    if (fn !== undefined) this.functionNames.add(fn);
    let index = 0;
    for (const p of named(node)) {
      if (p.type === 'comment' || p.type === 'this') continue;
      const pattern = p.type === 'required_parameter' || p.type === 'optional_parameter' ? this.field(p, 'pattern') ?? named(p)[0] : p;
      const i = index++;
      if (fn !== undefined && pattern) {
        const dfltNode = pattern.type === 'assignment_pattern' ? this.field(pattern, 'right') : this.field(p, 'value');
        const target = pattern.type === 'assignment_pattern' ? this.field(pattern, 'left') : pattern.type === 'rest_pattern' ? named(pattern)[0] : pattern;
        if (target?.type === 'identifier') {
          const dflt = dfltNode ? this.expr(dfltNode) : undefined;
          this.bind(this.scoped(target.text), { k: 'param', fn, index: i, name: target.text, ...(pattern.type === 'rest_pattern' ? { rest: true } : {}), ...(dflt ? { dflt } : {}), ...(open ? { open } : {}) });
          continue;
        }
      }
      // `function sync({ root = here, check } = {})`: the object each caller passes, destructured.
      const objectPattern = pattern?.type === 'assignment_pattern' ? this.field(pattern, 'left') : pattern;
      if (fn !== undefined && pattern && objectPattern?.type === 'object_pattern') {
        const dfltNode = pattern.type === 'assignment_pattern' ? this.field(pattern, 'right') : this.field(p, 'value');
        const dflt = dfltNode ? this.expr(dfltNode) : undefined;
        this.bindPattern(objectPattern, { k: 'param', fn, index: i, name: `parameter ${i + 1}`, ...(dflt ? { dflt } : {}), ...(open ? { open } : {}) });
        continue;
      }
      if (pattern?.type === 'assignment_pattern') {
        this.bindPattern(this.field(pattern, 'left'), { k: 'opaque', why: 'a parameter' });
        this.expr(this.field(pattern, 'right'));
      } else {
        this.bindPattern(pattern, { k: 'opaque', why: 'a parameter: its value comes from the caller' });
      }
      const dflt = this.field(p, 'value');
      if (dflt) this.expr(dflt);
    }
  }

  private bindPattern(target: Node | undefined, value: Expr): void {
    if (!target) return;
    switch (target.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
        this.bind(this.scoped(target.text), value);
        return;
      case 'object_pattern':
        for (const p of named(target)) {
          if (p.type === 'shorthand_property_identifier_pattern') this.bind(p.text, { k: 'attr', obj: value, name: p.text });
          else if (p.type === 'pair_pattern') {
            const key = this.field(p, 'key');
            const keyName = key?.type === 'string' ? this.stringText(key) : key?.text ?? '';
            this.bindPattern(this.field(p, 'value'), { k: 'attr', obj: value, name: keyName });
          } else if (p.type === 'object_assignment_pattern') {
            const left = this.field(p, 'left');
            const right = this.field(p, 'right');
            const dflt = right ? this.expr(right) : undefined;
            if (left) this.bind(left.text, { k: 'attr', obj: value, name: left.text, ...(dflt ? { dflt } : {}) });
          } else this.bindPattern(named(p)[0], OPAQUE);
        }
        return;
      case 'array_pattern':
        named(target).forEach((p, i) => {
          if (value.k === 'list') this.bindPattern(p, value.items[i] ?? OPAQUE);
          else if (p.type === 'rest_pattern') this.bindPattern(named(p)[0], { k: 'slice', obj: value, from: i });
          else this.bindPattern(p, { k: 'index', obj: value, key: lit(i) });
        });
        return;
      case 'assignment_pattern':
        this.bindPattern(this.field(target, 'left'), value);
        this.expr(this.field(target, 'right'));
        return;
      case 'rest_pattern':
        this.bindPattern(named(target)[0], OPAQUE);
        return;
      default: {
        const name = dottedName(this.target(target));
        if (name) this.bind(name, value);
      }
    }
  }

  private target(node: Node): Expr {
    if (node.type === 'identifier') return { k: 'name', name: this.scoped(node.text) };
    if (node.type === 'this') return { k: 'name', name: 'this' };
    if (node.type === 'member_expression') return { k: 'attr', obj: this.target(this.field(node, 'object')!), name: this.field(node, 'property')?.text ?? '' };
    if (node.type === 'subscript_expression') {
      // `x[i] = v` changes x in place: kept as a call x.__setitem__ so the value of x is not trusted.
      const obj = this.target(this.field(node, 'object')!);
      this.call(node, { k: 'attr', obj, name: '__setitem__' }, [this.expr(this.field(node, 'index'))], []);
      return OPAQUE;
    }
    this.expr(node);
    return OPAQUE;
  }
}

/** The same syntax node (tree-sitter hands out a new object for each lookup). */
function sameNode(a: Node | undefined, b: Node | undefined): boolean {
  return !!a && !!b && a.index === b.index;
}
