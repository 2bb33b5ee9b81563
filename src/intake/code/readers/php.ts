// PHP (tree-sitter-php) -> IR. Names are case-insensitive in PHP: functions are lower-cased.
import { lit, OPAQUE, type Expr, type Program } from '../ir.js';
import type { Node } from '../tree-sitter.js';
import { decodeEscapes, named, COMMON_MODULES, TreeReader } from './common.js';
import { cachedProgram } from '../cache.js';

export async function readPhp(text: string, file?: string): Promise<Program> {
  return cachedProgram('php', '', text, file, [import.meta.url, ...COMMON_MODULES], () => new PhpReader('php', file).read('php', text));
}

/** `\Aws\S3\S3Client` -> `Aws.S3.S3Client`. */
export function phpName(text: string): string {
  return text.replace(/^\\/, '').replace(/\\/g, '.');
}

class PhpReader extends TreeReader {
  protected statement(node: Node): boolean {
    switch (node.type) {
      case 'namespace_use_declaration':
        for (const clause of named(node)) {
          if (clause.type !== 'namespace_use_clause') continue;
          const nameNode = named(clause).find((c) => c.type === 'qualified_name' || c.type === 'name');
          if (!nameNode) continue;
          const path = phpName(nameNode.text);
          const alias = this.field(clause, 'alias')?.text ?? path.split('.').pop()!;
          this.bind(alias, { k: 'module', path });
          this.importModule(clause, path);
        }
        return true;
      case 'function_definition':
      case 'method_declaration': {
        const name = this.field(node, 'name');
        if (name) this.bind(name.text.toLowerCase(), { k: 'opaque', why: `${name.text} is defined in the code` });
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params);
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'anonymous_function':
      case 'arrow_function':
      case 'anonymous_function_creation_expression': {
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params);
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'foreach_statement': {
        for (const c of named(node)) {
          if (c.type === 'variable_name') this.bind(`$${this.varName(c)}`, OPAQUE);
          else if (c.type === 'pair') {
            for (const v of named(c)) if (v.type === 'variable_name') this.bind(`$${this.varName(v)}`, OPAQUE);
          } else this.visit(c);
        }
        return true;
      }
      case 'comment':
      case 'php_tag':
      case 'text':
      case 'text_interpolation':
        return true;
      default:
        return false;
    }
  }

  protected expression(node: Node): Expr | undefined {
    switch (node.type) {
      case 'string':
      case 'encapsed_string':
      case 'heredoc':
      case 'nowdoc':
        return this.string(node);
      case 'heredoc_body':
      case 'nowdoc_body':
        return this.string(node);
      case 'shell_command_expression':
        return this.call(node, { k: 'name', name: 'shell_exec' }, [this.string(node)], []);
      case 'integer':
      case 'float': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? lit(n) : OPAQUE;
      }
      case 'boolean': return lit(node.text.toLowerCase() === 'true');
      case 'null': return lit(null);
      case 'variable_name':
        return { k: 'name', name: `$${this.varName(node)}` };
      case 'name':
      case 'qualified_name':
        return { k: 'name', name: phpName(node.text) };
      case 'assignment_expression':
      case 'reference_assignment_expression': {
        const right = this.expr(this.field(node, 'right'));
        const left = this.field(node, 'left');
        if (left?.type === 'variable_name') this.bind(`$${this.varName(left)}`, right);
        else if (left?.type === 'member_access_expression') {
          const obj = this.field(left, 'object');
          const name = this.field(left, 'name')?.text;
          if (obj?.type === 'variable_name' && name) this.bind(`$${this.varName(obj)}.${name}`, right);
        } else if (left) this.expr(left);
        return right;
      }
      case 'augmented_assignment_expression': {
        const left = this.field(node, 'left');
        const right = this.expr(this.field(node, 'right'));
        const op = node.child(1)?.text;
        if (left?.type === 'variable_name') {
          const name = `$${this.varName(left)}`;
          this.bind(name, op === '.=' ? { k: 'opaque', why: `${name} is appended to` } : { k: 'opaque', why: `${name} is changed in place` });
        }
        void right;
        return OPAQUE;
      }
      case 'member_access_expression':
      case 'nullsafe_member_access_expression': {
        const obj = this.field(node, 'object');
        const name = this.field(node, 'name')?.text ?? '';
        if (obj?.type === 'variable_name') return { k: 'name', name: `$${this.varName(obj)}.${name}` };
        return { k: 'attr', obj: this.expr(obj), name };
      }
      case 'subscript_expression': {
        const kids = named(node);
        return { k: 'index', obj: this.expr(kids[0]), key: kids[1] ? this.expr(kids[1]) : OPAQUE };
      }
      case 'function_call_expression': {
        const fn = this.field(node, 'function');
        const callee: Expr = fn?.type === 'name' || fn?.type === 'qualified_name' ? { k: 'name', name: phpName(fn.text).toLowerCase() } : this.expr(fn);
        return this.callWith(node, callee, false);
      }
      case 'member_call_expression':
      case 'nullsafe_member_call_expression': {
        const obj = this.field(node, 'object');
        const name = this.field(node, 'name');
        return this.callWith(node, { k: 'attr', obj: this.expr(obj), name: name?.type === 'name' ? name.text : '' }, false);
      }
      case 'scoped_call_expression': {
        const scope = this.field(node, 'scope');
        const name = this.field(node, 'name')?.text ?? '';
        return this.callWith(node, { k: 'attr', obj: scope ? { k: 'name', name: phpName(scope.text) } : OPAQUE, name }, false);
      }
      case 'object_creation_expression': {
        const cls = named(node).find((c) => c.type === 'name' || c.type === 'qualified_name');
        return this.callWith(node, cls ? { k: 'name', name: phpName(cls.text) } : OPAQUE, true);
      }
      case 'include_expression':
      case 'include_once_expression':
      case 'require_expression':
      case 'require_once_expression': {
        const target = this.expr(named(node)[0]);
        const path = literalPath(target);
        if (path !== undefined) this.importModule(node, path);
        return this.call(node, { k: 'name', name: 'include' }, [target], []);
      }
      case 'binary_expression': {
        const op = this.field(node, 'operator')?.text ?? node.child(1)?.text;
        const left = this.expr(this.field(node, 'left'));
        const right = this.expr(this.field(node, 'right'));
        return op === '.' ? { k: 'concat', parts: [left, right] } : OPAQUE;
      }
      case 'parenthesized_expression':
        return named(node).length === 1 ? this.expr(named(node)[0]) : undefined;
      case 'array_creation_expression': {
        const items: Expr[] = [];
        const entries: { key: Expr; value: Expr }[] = [];
        let keyed = false;
        for (const el of named(node)) {
          const kids = named(el);
          if (el.type === 'array_element_initializer' && kids.length === 2) { keyed = true; entries.push({ key: this.expr(kids[0]), value: this.expr(kids[1]) }); }
          else if (kids.length === 1) { const v = this.expr(kids[0]); items.push(v); entries.push({ key: lit(String(items.length - 1)), value: v }); }
          else this.visit(el);
        }
        return keyed ? { k: 'dict', entries } : { k: 'list', items };
      }
      case 'class_constant_access_expression':
        return { k: 'name', name: node.text };
      default:
        return undefined;
    }
  }

  private callWith(node: Node, callee: Expr, isNew: boolean): Expr {
    const argsNode = this.field(node, 'arguments') ?? named(node).find((c) => c.type === 'arguments');
    const args: Expr[] = [];
    let spread = false;
    for (const a of argsNode ? named(argsNode) : []) {
      if (a.type !== 'argument') { this.visit(a); continue; }
      if (a.text.startsWith('...')) { spread = true; this.children(a); continue; }
      const inner = named(a).filter((c) => c.type !== 'name' || named(a).length === 1);
      args.push(this.expr(inner[inner.length - 1]));
    }
    return this.call(node, callee, args, [], { isNew, spread });
  }

  private string(node: Node): Expr {
    const parts: Expr[] = [];
    const single = node.type === 'string' && node.text.trimStart().startsWith("'") || node.type === 'nowdoc';
    const walk = (n: Node) => {
      for (const c of named(n)) {
        if (c.type === 'string_content' || c.type === 'string_value') parts.push(lit(single ? c.text.replace(/\\(['\\])/g, '$1') : decodeEscapes(c.text)));
        else if (c.type === 'escape_sequence') parts.push(lit(decodeEscapes(c.text)));
        else if (c.type === 'heredoc_body' || c.type === 'nowdoc_body') walk(c);
        else if (c.type === 'heredoc_start' || c.type === 'heredoc_end') continue;
        else parts.push(this.expr(c));
      }
    };
    walk(node);
    if (!parts.length) return lit('');
    if (parts.length === 1 && parts[0].k === 'lit') return parts[0];
    return { k: 'concat', parts };
  }

  private parameters(params: Node): void {
    for (const p of named(params)) {
      const v = this.field(p, 'name') ?? named(p).find((c) => c.type === 'variable_name');
      if (v) this.bind(`$${this.varName(v)}`, { k: 'opaque', why: 'a parameter' });
      const d = this.field(p, 'default_value');
      if (d) this.expr(d);
    }
  }

  private varName(node: Node): string {
    return named(node).find((c) => c.type === 'name')?.text ?? node.text.replace(/^\$/, '');
  }
}

function literalPath(e: Expr): string | undefined {
  if (e.k === 'lit' && typeof e.v === 'string') return e.v;
  // __DIR__ . '/x.php'
  if (e.k === 'concat' && e.parts.length === 2 && e.parts[0].k === 'name' && /^__DIR__$/i.test(e.parts[0].name) && e.parts[1].k === 'lit' && typeof e.parts[1].v === 'string') {
    return `.${e.parts[1].v}`;
  }
  return undefined;
}
