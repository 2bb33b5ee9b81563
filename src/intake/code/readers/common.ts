// Pieces every tree-sitter reader shares: the walk that never misses a call, locations, escapes.
import { bind, lit, locOf, newProgram, OPAQUE, returnsOf, type Call, type Expr, type Loc, type Program } from '../ir.js';
import type { CodeLanguage } from '../languages.js';
import { baselineCompilerForWalk, field, firstSyntaxError, named, parse, TREE_SITTER_MODULE, type Grammar, type Node, type SyntaxTree } from '../tree-sitter.js';

/** The modules every reader's IR depends on (see cache.ts). */
export const COMMON_MODULES: readonly string[] = [import.meta.url, TREE_SITTER_MODULE];

export abstract class TreeReader {
  readonly program: Program;
  private depth = 0;

  constructor(language: CodeLanguage, file?: string) {
    this.program = newProgram(language, file);
  }

  async read(grammar: Grammar, text: string): Promise<Program> {
    const compiled = baselineCompilerForWalk();
    try {
      const tree = await parse(grammar, text);
      if (!tree) {
        this.program.problems.push({ why: 'the parser gave up on this code', loc: { line: 1, text: '' } });
        return this.program;
      }
      const error = firstSyntaxError(tree.rootNode);
      if (error) this.program.problems.push({ why: `syntax error at line ${error.line}${error.text ? ` near \`${error.text.replace(/\s+/g, ' ')}\`` : ''}`, loc: locOf(error.line, error.text) });
      this.inspect?.(tree, text);
      this.visit(tree.rootNode);
      if (this.functionNames.size) this.program.mentions = this.countMentions(tree);
      if (this.reflectionNames) this.program.namesInText = this.mentionsAny(tree, this.reflectionNames);
      return this.program;
    } finally {
      compiled();
    }
  }

  /** Looks at the whole tree before the walk (a language's checks that the text means what it says). */
  protected inspect?(tree: SyntaxTree, text: string): void;

  /** Names of functions whose parameters take their callers' values (their mentions are counted). */
  protected readonly functionNames = new Set<string>();
  /** Identifier node types that name a variable (not a property or attribute). */
  protected readonly identifierTypes: string[] = ['identifier'];

  /** Names through which code reaches its own names by text (`eval`, `globals`...): with them, the
   *  reader says whether the code can (see Program.namesInText). `bare` ones count only when not an
   *  attribute of another object (`re.compile` is not the builtin `compile`). */
  protected readonly reflectionNames?: { bare: ReadonlySet<string>; anywhere: ReadonlySet<string> };

  private mentionsAny(tree: SyntaxTree, names: { bare: ReadonlySet<string>; anywhere: ReadonlySet<string> }): boolean {
    for (let i = 0; i < tree.count; i++) {
      if (tree.typeName(i) !== 'identifier') continue;
      const n = tree.node(i);
      if (names.anywhere.has(n.text)) return true;
      if (!names.bare.has(n.text)) continue;
      const asAttribute = n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.index === n.index;
      if (!asAttribute) return true;
    }
    return false;
  }

  /** How often each function name occurs as an identifier that is not an attribute name. */
  private countMentions(tree: SyntaxTree): Map<string, number> {
    const counts = new Map<string, number>();
    const types = new Set(this.identifierTypes);
    for (let i = 0; i < tree.count; i++) {
      if (!types.has(tree.typeName(i))) continue;
      const n = tree.node(i);
      if (!this.functionNames.has(n.text)) continue;
      // `obj.name` in Python: the attribute's name is not the function.
      if (n.parent?.type === 'attribute' && n.parent.childForFieldName('attribute')?.index === n.index) continue;
      // A type annotation (`config: Config`) names a class; it never calls it.
      if (inTypeAnnotation(n)) continue;
      counts.set(n.text, (counts.get(n.text) ?? 0) + 1);
    }
    return counts;
  }

  /** Statements and anything else: binds names, and reaches every expression below. */
  protected abstract statement(node: Node): boolean;
  /** One expression -> IR; unknown kinds are walked for the calls inside them. */
  protected abstract expression(node: Node): Expr | undefined;

  visit(node: Node): void {
    if (this.statement(node)) return;
    this.expr(node);
  }

  expr(node: Node | undefined): Expr {
    if (!node) return OPAQUE;
    if (++this.depth > MAX_EXPRESSION_DEPTH) {
      this.depth--;
      this.problem(node, 'code nested too deeply to read');
      return OPAQUE;
    }
    try {
      const e = this.expression(node);
      if (e) return e;
      this.children(node);
      return OPAQUE;
    } finally {
      this.depth--;
    }
  }

  /**
   * Visits every named child, also those a statement has already bound (parameters, loop targets,
   * a function's name): their annotations, defaults and subscripts are code that runs too.
   */
  children(node: Node): void {
    for (const c of named(node)) this.visit(c);
  }

  loc(node: Node): Loc {
    return locOf(node.startPosition.row + 1, node.text);
  }

  bind(name: string, value: Expr): void {
    bind(this.program, name, value);
  }

  /** A `return` (its value read for effects either way) is what a plain call of `fn` gives, when
   *  the language's reader knows which function it belongs to. */
  returnStatement(node: Node, fn: string | undefined): void {
    const value = named(node).find((c) => c.type !== 'comment');
    const e = value ? this.expr(value) : lit(null);
    if (fn !== undefined) this.bind(returnsOf(fn), e);
  }

  call(node: Node, callee: Expr, args: Expr[], kwargs: { name: string; value: Expr }[], extra: Partial<Pick<Call, 'isNew' | 'tagged' | 'spread' | 'pieces' | 'spreadTail'>> = {}): Expr {
    const id = this.program.calls.length;
    this.program.calls.push({ id, callee, args, kwargs, isNew: extra.isNew ?? false, spread: extra.spread ?? false, ...(extra.tagged ? { tagged: true } : {}), ...(extra.pieces ? { pieces: extra.pieces } : {}), ...(extra.spreadTail ? { spreadTail: extra.spreadTail } : {}), loc: this.loc(node) });
    return { k: 'call', id };
  }

  problem(node: Node, why: string): void {
    this.program.problems.push({ why, loc: this.loc(node) });
  }

  importModule(node: Node, module: string, level = 0): void {
    this.program.imports.push({ module, level, loc: this.loc(node) });
  }

  field(node: Node, name: string): Node | undefined {
    return field(node, name);
  }
}

const MAX_EXPRESSION_DEPTH = 400;

/** Inside a Python type annotation (`type` node) or a TypeScript type. */
function inTypeAnnotation(node: Node): boolean {
  for (let n = node.parent, i = 0; n && i < 8; n = n.parent, i++) {
    if (n.type === 'type' || n.type === 'type_annotation' || n.type === 'type_arguments') return true;
    if (/statement|definition|declaration|block|module|program/.test(n.type)) return false;
  }
  return false;
}

/** A dotted name of plain identifiers and attribute accesses (`self.client`), else undefined. */
export function dottedName(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'attr') {
    const base = dottedName(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$', '\n': '' };

/** Decodes backslash escapes as C-like languages write them (\n, \xHH, \uHHHH, \u{H}). */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.|\n)/g, (_m, e: string) => {
    if (e.startsWith('u{')) return safeCodePoint(parseInt(e.slice(2, -1), 16));
    if (e[0] === 'u' || e[0] === 'U' || e[0] === 'x') return safeCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e) && e !== '0') return String.fromCharCode(parseInt(e, 8));
    return SIMPLE_ESCAPES[e] ?? `\\${e}`;
  });
}

function safeCodePoint(n: number): string {
  return Number.isFinite(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

export { named };

/**
 * A statement after which control never reaches the next one: `return`, `throw` / `raise`, a block
 * ending in one, a `try` whose body and every handler end so (or whose `finally` does), an `if` with
 * an `else` whose every branch does. A function body ending so never falls off its end (to return
 * undefined / None). JavaScript and Python node types.
 */
export function neverFallsThrough(stmt: Node | undefined): boolean {
  if (!stmt) return false;
  switch (stmt.type) {
    case 'return_statement': case 'throw_statement': case 'raise_statement': return true;
    case 'statement_block': case 'block': return neverFallsThrough(named(stmt).filter((c) => c.type !== 'comment').at(-1));
    case 'else_clause': return neverFallsThrough(field(stmt, 'body') ?? named(stmt).filter((c) => c.type !== 'comment').at(-1));
    case 'finally_clause': case 'except_clause': case 'except_group_clause': return neverFallsThrough(field(stmt, 'body') ?? named(stmt).filter((c) => c.type === 'block').at(-1));
    case 'catch_clause': return neverFallsThrough(field(stmt, 'body'));
    case 'try_statement': {
      const parts = named(stmt);
      const finalizer = field(stmt, 'finalizer') ?? parts.find((c) => c.type === 'finally_clause');
      if (neverFallsThrough(finalizer)) return true;
      const handlers = [field(stmt, 'handler'), ...parts.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')].filter((h) => h !== undefined);
      return neverFallsThrough(field(stmt, 'body')) && handlers.every((h) => neverFallsThrough(h));
    }
    case 'if_statement': {
      const branches = [field(stmt, 'consequence'), ...named(stmt).filter((c) => c.type === 'else_clause' || c.type === 'elif_clause')];
      if (!branches.some((b) => b?.type === 'else_clause')) return false;
      return branches.every((b) => b !== undefined && neverFallsThrough(b.type === 'elif_clause' ? field(b, 'consequence') : b));
    }
    default: return false;
  }
}
