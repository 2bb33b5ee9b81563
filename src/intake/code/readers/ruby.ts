// Ruby (tree-sitter-ruby) -> IR.
import { lit, OPAQUE, type Expr, type Program } from '../ir.js';
import type { Node } from '../tree-sitter.js';
import { decodeEscapes, dottedName, named, COMMON_MODULES, TreeReader } from './common.js';
import { cachedProgram } from '../cache.js';

export async function readRuby(text: string, file?: string): Promise<Program> {
  return cachedProgram('ruby', '', text, file, [import.meta.url, ...COMMON_MODULES], () => new RubyReader('ruby', file).read('ruby', text));
}

class RubyReader extends TreeReader {
  protected statement(node: Node): boolean {
    switch (node.type) {
      case 'assignment': {
        const value = this.expr(this.field(node, 'right'));
        const left = this.field(node, 'left');
        if (left?.type === 'left_assignment_list') {
          for (const l of named(left)) { const n = dottedName(this.target(l)); if (n) this.bind(n, OPAQUE); }
        } else if (left) {
          const n = dottedName(this.target(left));
          if (n) this.bind(n, value);
        }
        return true;
      }
      case 'operator_assignment': {
        const left = this.field(node, 'left');
        const value = this.expr(this.field(node, 'right'));
        const n = left ? dottedName(this.target(left)) : undefined;
        const op = node.child(1)?.text;
        if (n) this.bind(n, op === '||=' ? value : { k: 'opaque', why: `${n} is changed in place` });
        return true;
      }
      case 'method':
      case 'singleton_method': {
        const name = this.field(node, 'name');
        if (name) this.bind(name.text, { k: 'opaque', why: `${name.text} is defined in the code` });
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params);
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'block':
      case 'do_block':
      case 'lambda': {
        const params = this.field(node, 'parameters');
        if (params) this.parameters(params);
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'for': {
        const pattern = this.field(node, 'pattern');
        if (pattern) { const n = dottedName(this.target(pattern)); if (n) this.bind(n, OPAQUE); }
        this.children(node); // every child, the bound ones too (see TreeReader.children)
        return true;
      }
      case 'comment':
        return true;
      default:
        return false;
    }
  }

  protected expression(node: Node): Expr | undefined {
    switch (node.type) {
      case 'string':
      case 'heredoc_body':
      case 'bare_string':
        return this.string(node);
      case 'subshell':
        // `cmd` and %x{cmd}: the text runs in a shell.
        return this.call(node, { k: 'name', name: '`' }, [this.string(node)], []);
      case 'simple_symbol':
        return lit(node.text.replace(/^:/, ''));
      case 'delimited_symbol':
        return this.string(node);
      case 'hash_key_symbol':
        return lit(node.text);
      case 'integer':
      case 'float': {
        const n = Number(node.text.replace(/_/g, ''));
        return Number.isFinite(n) ? lit(n) : OPAQUE;
      }
      case 'true': return lit(true);
      case 'false': return lit(false);
      case 'nil': return lit(null);
      case 'identifier':
      case 'constant':
      case 'instance_variable':
      case 'global_variable':
      case 'class_variable':
        return { k: 'name', name: node.text };
      case 'self':
        return { k: 'name', name: 'self' };
      case 'scope_resolution': {
        const scope = this.field(node, 'scope');
        const name = this.field(node, 'name')?.text ?? '';
        return scope ? { k: 'attr', obj: this.expr(scope), name } : { k: 'name', name };
      }
      case 'call':
        return this.callNode(node);
      case 'element_reference': {
        const obj = this.expr(this.field(node, 'object'));
        const keys = named(node).slice(1);
        return { k: 'index', obj, key: keys[0] ? this.expr(keys[0]) : OPAQUE };
      }
      case 'parenthesized_statements':
      case 'begin_block':
        return named(node).length === 1 ? this.expr(named(node)[0]) : undefined;
      case 'binary': {
        const op = this.field(node, 'operator')?.text ?? node.child(1)?.text;
        const left = this.expr(this.field(node, 'left'));
        const right = this.expr(this.field(node, 'right'));
        return op === '+' || op === '<<' ? { k: 'concat', parts: [left, right] } : OPAQUE;
      }
      case 'array':
        return { k: 'list', items: named(node).map((c) => this.expr(c)) };
      case 'string_array':
        return { k: 'list', items: named(node).map((c) => lit(c.text)) };
      case 'hash':
        return this.hash(named(node));
      default:
        return undefined;
    }
  }

  private callNode(node: Node): Expr {
    const receiver = this.field(node, 'receiver');
    const method = this.field(node, 'method')?.text ?? '';
    const callee: Expr = receiver ? { k: 'attr', obj: this.expr(receiver), name: method } : { k: 'name', name: method };
    const argsNode = this.field(node, 'arguments');
    const args: Expr[] = [];
    const kwargs: { name: string; value: Expr }[] = [];
    const pairs: Node[] = [];
    let spread = false;
    for (const a of argsNode ? named(argsNode) : []) {
      if (a.type === 'pair') pairs.push(a);
      else if (a.type === 'splat_argument' || a.type === 'hash_splat_argument' || a.type === 'block_argument') { spread = a.type !== 'block_argument'; this.children(a); }
      else if (a.type === 'heredoc_beginning') args.push(OPAQUE);
      else args.push(this.expr(a));
    }
    if (pairs.length) {
      const hash = this.hash(pairs);
      args.push(hash);
      if (hash.k === 'dict') for (const e of hash.entries) if (e.key.k === 'lit' && typeof e.key.v === 'string') kwargs.push({ name: e.key.v, value: e.value });
    }
    const block = this.field(node, 'block');
    if (block) this.visit(block);
    if (!receiver && (method === 'require' || method === 'require_relative' || method === 'load') && args[0]?.k === 'lit' && typeof args[0].v === 'string') {
      this.importModule(node, args[0].v, method === 'require_relative' ? 1 : 0);
    }
    return this.call(node, callee, args, kwargs, { spread });
  }

  private hash(pairs: Node[]): Expr {
    const entries: { key: Expr; value: Expr }[] = [];
    for (const p of pairs) {
      if (p.type !== 'pair') { this.visit(p); continue; }
      const keyNode = this.field(p, 'key');
      const key = keyNode?.type === 'hash_key_symbol' ? lit(keyNode.text) : this.expr(keyNode);
      entries.push({ key, value: this.expr(this.field(p, 'value')) });
    }
    return { k: 'dict', entries };
  }

  private string(node: Node): Expr {
    const parts: Expr[] = [];
    const raw = node.text.startsWith("'") || node.text.startsWith('%q');
    for (const c of named(node)) {
      if (c.type === 'string_content' || c.type === 'heredoc_content') parts.push(lit(raw ? c.text : decodeEscapes(c.text)));
      else if (c.type === 'escape_sequence') parts.push(lit(decodeEscapes(c.text)));
      else if (c.type === 'interpolation') parts.push(named(c).length === 1 ? this.expr(named(c)[0]) : OPAQUE);
    }
    if (!parts.length) return lit('');
    if (parts.length === 1 && parts[0].k === 'lit') return parts[0];
    return { k: 'concat', parts };
  }

  private parameters(params: Node): void {
    for (const p of named(params)) {
      const name = p.type === 'identifier' ? p : this.field(p, 'name') ?? named(p).find((c) => c.type === 'identifier');
      if (name) this.bind(name.text, { k: 'opaque', why: `${name.text} is a parameter` });
      const value = this.field(p, 'value');
      if (value) this.expr(value);
    }
  }

  private target(node: Node): Expr {
    if (['identifier', 'constant', 'instance_variable', 'global_variable', 'class_variable'].includes(node.type)) return { k: 'name', name: node.text };
    this.expr(node);
    return OPAQUE;
  }
}
