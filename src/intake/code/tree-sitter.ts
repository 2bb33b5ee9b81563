// Loads the tree-sitter runtime and one grammar on first use. Only commands that run code in a
// language read with tree-sitter pay for it (~15 ms for the runtime, ~5 ms per grammar); `ls`
// and `npm test` never load this module.
//
// The runtime and the grammars come from one package (@vscode/tree-sitter-wasm) so that the
// grammar ABI always matches the runtime: tree-sitter-wasms' grammars do not load in
// web-tree-sitter 0.25+, for example.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { dirname, join } from 'node:path';
import type { Language, Parser, Tree } from '@vscode/tree-sitter-wasm';
import { lineAt, lineStarts } from '../../util/line-starts.js';

export type Grammar = 'python' | 'javascript' | 'typescript' | 'tsx' | 'ruby' | 'php' | 'go' | 'rust';

type Runtime = typeof import('@vscode/tree-sitter-wasm');

/** The Emscripten module behind the runtime: the C functions the tree is flattened with. */
interface Binding {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  /** Writes the cursor's node into the transfer buffer (over the cursor). */
  _ts_tree_cursor_current_node_wasm(tree: number): void;
  /** Of the node in the transfer buffer. */
  _ts_node_has_error_wasm(tree: number): number;
  /** Returns the transfer buffer's address. */
  _ts_init(): number;
  HEAP32: Int32Array;
}

const requireHere = createRequire(import.meta.url);
/** This module, for the code cache's fingerprint of the reader code. */
export const TREE_SITTER_MODULE = import.meta.url;
let runtime: Promise<{ rt: Runtime; dir: string; binding: Binding }> | undefined;
/** Kept in step with bin/firebreak.js (test/code/lazy.test.ts). */
export const WASM_FLAGS: readonly string[] = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];
/** Address of the runtime's transfer buffer, as an index into HEAP32. */
let transferBuffer = 0;
const languages = new Map<Grammar, Promise<Language>>();
const parsers = new Map<Grammar, Parser>();

/** Emscripten makes the options object the module itself: kept to call the C side directly. */
async function initRuntime(): Promise<{ rt: Runtime; binding: Binding | undefined }> {
  const rt = requireHere('@vscode/tree-sitter-wasm') as Runtime;
  const options: Partial<Binding> = {};
  await rt.Parser.init(options as Parameters<Runtime['Parser']['init']>[0]);
  return { rt, binding: typeof options._ts_tree_cursor_goto_first_child_wasm === 'function' ? (options as Binding) : undefined };
}

function loadRuntime(): Promise<{ rt: Runtime; dir: string; binding: Binding }> {
  runtime ??= (async () => {
    // A hook process parses once and exits: optimising the parser's WASM in the background costs
    // more CPU than it saves. Set after start-up, `--liftoff-only` alone does not do it: V8 derives
    // "no tier-up" from it only when it reads its flags at start, so the two tiering flags are set
    // too (a 500-line parse, runtime and grammar included: ~100 ms CPU with tier-up, ~60 without).
    // The hook sets the same flags at start-up (bin/firebreak.js): V8 stamps compiled code with a
    // hash of its flags, and a flag changed here would make Node's compile cache reject every
    // chunk loaded after a code read in one call and before it in the next (the judge chunk, for
    // a one-liner followed by a plain `rm`). Setting a flag to the value it has changes nothing.
    for (const flag of WASM_FLAGS) {
      try {
        setFlagsFromString(flag);
      } catch {
        // an engine without the flag: parse with its defaults
      }
    }
    const dir = join(dirname(requireHere.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
    let { rt, binding } = await initRuntime();
    // Initialised earlier in this process by another copy of the package's user (tests load
    // two builds side by side): a copy of the runtime of our own.
    if (!binding) {
      delete requireHere.cache[requireHere.resolve('@vscode/tree-sitter-wasm')];
      ({ rt, binding } = await initRuntime());
    }
    if (!binding) throw new Error('the tree-sitter runtime does not expose its tree cursor');
    transferBuffer = binding._ts_init() >> 2;
    return { rt, dir, binding };
  })();
  return runtime;
}

/** Set by bin/firebreak.js in a hook process: V8's flags there are '--no-sparkplug --no-maglev --no-opt'. */
const INTERPRETER_ONLY = Symbol.for('firebreak.interpreterOnly');

/**
 * In a hook process, which runs V8's interpreter only, turns on V8's baseline compiler (Sparkplug:
 * main thread, no optimisation) for the tree walks, the first hot loops of a code-reading call
 * (valgrind, a cold 500-line read: 7-9% fewer instructions); the returned function turns it off
 * again. Off again matters: V8 stamps compiled code with a hash of its flags, and the compile cache
 * rejects chunks stamped under other flags, so anything loaded after the walk must see the flags
 * every hook call starts with.
 */
export function baselineCompilerForWalk(): () => void {
  if ((globalThis as Record<symbol, unknown>)[INTERPRETER_ONLY] !== true) return () => {};
  try {
    setFlagsFromString('--sparkplug');
  } catch {
    return () => {};
  }
  return () => {
    try {
      setFlagsFromString('--no-sparkplug');
    } catch {
      // the flag was accepted a moment ago
    }
  };
}

export async function parserFor(grammar: Grammar): Promise<Parser> {
  const existing = parsers.get(grammar);
  if (existing) return existing;
  const { rt, dir } = await loadRuntime();
  let language = languages.get(grammar);
  if (!language) {
    // Read here: given a path, the runtime imports `fs/promises` (and Node's streams with it) to read it.
    language = rt.Language.load(readFileSync(join(dir, `tree-sitter-${grammar}.wasm`)));
    languages.set(grammar, language);
  }
  const parser = new rt.Parser();
  parser.setLanguage(await language);
  parsers.set(grammar, parser);
  return parser;
}

/**
 * Parses `text` into a syntax tree held in plain arrays. The WASM tree is walked once with a tree
 * cursor whose state stays in the runtime's transfer buffer, and freed before this returns: the
 * readers then never cross into WASM again (the runtime's `Node` objects marshal every property
 * through it, which cost more than the parse itself on a cold 500-line script). `delete()` is kept
 * for callers written against web-tree-sitter; it does nothing. Undefined when the parser gave up.
 */
export async function parse(grammar: Grammar, text: string): Promise<SyntaxTree | undefined> {
  const parser = await parserFor(grammar);
  const { binding } = await loadRuntime();
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return flatten(binding, tree, text);
  } finally {
    tree.delete();
  }
}

const ERROR_SYMBOL = 65535;
const NAMED = 1;
const MISSING = 2;
const ERROR = 4;
/** The runtime's `hasError`: the node or one below it costs the parser an error. */
const HAS_ERROR = 8;

// One node is STRIDE consecutive numbers in one Int32Array (a cold process fills a typed array
// several times faster than eight growing JS arrays).
const TYPE = 0;
const FIELD = 1;
const START = 2;
const END = 3;
const FLAGS = 4;
const PARENT = 5;
const FIRST_CHILD = 6;
const NEXT_SIBLING = 7;
const STRIDE = 8;

function flatten(c: Binding, tree: Tree, text: string): SyntaxTree {
  const language = tree.language;
  const rootHasError = tree.rootNode.hasError;
  let data = new Int32Array(STRIDE * Math.max(256, text.length >> 1));
  // Leaves the new cursor in the transfer buffer, where the C functions below read and move it.
  const cursor = tree.walk();
  const handle = (tree as unknown as { 0: number })[0];
  let count = 0;
  try {
    const parents: number[] = [];
    let parent = -1;
    let previous = -1;
    for (;;) {
      if ((count + 1) * STRIDE > data.length) {
        const grown = new Int32Array(data.length * 2);
        grown.set(data);
        data = grown;
      }
      const i = count++;
      const at = i * STRIDE;
      const type = c._ts_tree_cursor_current_node_type_id_wasm(handle);
      let flags = c._ts_tree_cursor_current_node_is_named_wasm(handle) ? NAMED : 0;
      if (rootHasError) {
        if (type === ERROR_SYMBOL) flags |= ERROR;
        if (c._ts_tree_cursor_current_node_is_missing_wasm(handle)) flags |= MISSING;
        if (nodeHasError(c, handle)) flags |= HAS_ERROR;
      }
      data[at + TYPE] = type;
      data[at + FIELD] = c._ts_tree_cursor_current_field_id_wasm(handle);
      data[at + START] = c._ts_tree_cursor_start_index_wasm(handle);
      data[at + END] = c._ts_tree_cursor_end_index_wasm(handle);
      data[at + FLAGS] = flags;
      data[at + PARENT] = parent;
      data[at + FIRST_CHILD] = -1;
      data[at + NEXT_SIBLING] = -1;
      if (previous >= 0) data[previous * STRIDE + NEXT_SIBLING] = i;
      else if (parent >= 0) data[parent * STRIDE + FIRST_CHILD] = i;
      if (c._ts_tree_cursor_goto_first_child_wasm(handle)) {
        parents.push(parent);
        parent = i;
        previous = -1;
        continue;
      }
      previous = i;
      while (!c._ts_tree_cursor_goto_next_sibling_wasm(handle)) {
        if (parent < 0 || !c._ts_tree_cursor_goto_parent_wasm(handle)) return new SyntaxTree(text, typeNamesOf(language), language.fields, data, count);
        previous = parent;
        parent = parents.pop()!;
      }
    }
  } finally {
    cursor.delete();
  }
}

const internedTypeNames = new WeakMap<Language, readonly string[]>();

/**
 * The grammar's node type names, interned (each is the same string as the literal a reader compares
 * it with: a pointer comparison instead of one of characters, in a process that runs the readers in
 * V8's interpreter), with 'ERROR' where the grammar names no type (as `typeName` answered before).
 */
function typeNamesOf(language: Language): readonly string[] {
  let names = internedTypeNames.get(language);
  if (!names) {
    const interned: string[] = [];
    for (let i = 0; i < language.types.length; i++) interned.push(intern(language.types[i] || 'ERROR'));
    internedTypeNames.set(language, (names = interned));
  }
  return names;
}

/** V8 keeps one copy of each property name: the key a string becomes is the interned string. */
function intern(text: string): string {
  const holder: Record<string, true> = {};
  holder[text] = true;
  for (const key in holder) return key;
  return text;
}

/**
 * The runtime's own "has an error" of the cursor's node (a one-character error leaf has none,
 * for example): asked of the node, which overwrites the cursor in the transfer buffer, so the
 * cursor is put back. Only trees with an error pay for it.
 */
function nodeHasError(c: Binding, handle: number): boolean {
  let heap = c.HEAP32;
  const saved = [heap[transferBuffer], heap[transferBuffer + 1], heap[transferBuffer + 2], heap[transferBuffer + 3]];
  c._ts_tree_cursor_current_node_wasm(handle);
  const result = c._ts_node_has_error_wasm(handle) !== 0;
  heap = c.HEAP32;
  for (let k = 0; k < 4; k++) heap[transferBuffer + k] = saved[k];
  return result;
}

/** A parsed file: node i's kind, field in its parent, text range and links, in document order. */
export class SyntaxTree {
  private readonly nodes: (Node | undefined)[] = [];
  private lineStarts: number[] | undefined;
  private readonly fieldIds = new Map<string, number>();

  constructor(
    readonly text: string,
    private readonly typeNames: readonly string[],
    private readonly fieldNames: readonly (string | null)[],
    private readonly data: Int32Array,
    /** How many nodes the tree has. */
    readonly count: number,
  ) {}

  get rootNode(): Node {
    return this.node(0);
  }

  node(i: number): Node {
    return (this.nodes[i] ??= new Node(this, i));
  }

  typeName(i: number): string {
    return this.typeNames[this.data[i * STRIDE + TYPE]] ?? 'ERROR';
  }

  fieldId(name: string): number {
    let id = this.fieldIds.get(name);
    if (id === undefined) this.fieldIds.set(name, (id = this.fieldNames.indexOf(name)));
    return id;
  }

  field(i: number): number {
    return this.data[i * STRIDE + FIELD];
  }

  start(i: number): number {
    return this.data[i * STRIDE + START];
  }

  end(i: number): number {
    return this.data[i * STRIDE + END];
  }

  flags(i: number): number {
    return this.data[i * STRIDE + FLAGS];
  }

  parent(i: number): number {
    return this.data[i * STRIDE + PARENT];
  }

  firstChild(i: number): number {
    return this.data[i * STRIDE + FIRST_CHILD];
  }

  nextSibling(i: number): number {
    return this.data[i * STRIDE + NEXT_SIBLING];
  }

  /** 0-based row of a text offset (tree-sitter counts rows by `\n` too). */
  row(offset: number): number {
    return lineAt((this.lineStarts ??= lineStarts(this.text)), offset);
  }

  /** Nothing to free: the WASM tree is gone once the arrays are filled. */
  delete(): void {}
}

/** One node of a `SyntaxTree`, with the part of web-tree-sitter's `Node` API the readers use. */
export class Node {
  private named?: Node[];
  /** Read once: the readers ask every node its type several times. */
  readonly type: string;

  constructor(private readonly tree: SyntaxTree, readonly index: number) {
    this.type = tree.typeName(index);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.start(this.index), this.tree.end(this.index));
  }

  get startIndex(): number {
    return this.tree.start(this.index);
  }

  get endIndex(): number {
    return this.tree.end(this.index);
  }

  get startPosition(): { row: number } {
    return { row: this.tree.row(this.tree.start(this.index)) };
  }

  get isNamed(): boolean {
    return (this.tree.flags(this.index) & NAMED) !== 0;
  }

  get isError(): boolean {
    return (this.tree.flags(this.index) & ERROR) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags(this.index) & MISSING) !== 0;
  }

  get hasError(): boolean {
    return (this.tree.flags(this.index) & HAS_ERROR) !== 0;
  }

  get parent(): Node | null {
    const p = this.tree.parent(this.index);
    return p < 0 ? null : this.tree.node(p);
  }

  get childCount(): number {
    let n = 0;
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.nextSibling(c)) n++;
    return n;
  }

  get children(): Node[] {
    const out: Node[] = [];
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.nextSibling(c)) out.push(this.tree.node(c));
    return out;
  }

  get namedChildren(): Node[] {
    if (!this.named) {
      this.named = [];
      for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.nextSibling(c)) {
        if (this.tree.flags(c) & NAMED) this.named.push(this.tree.node(c));
      }
    }
    return this.named;
  }

  child(i: number): Node | null {
    let c = this.tree.firstChild(this.index);
    for (let k = 0; c >= 0 && k < i; k++) c = this.tree.nextSibling(c);
    return c >= 0 ? this.tree.node(c) : null;
  }

  childForFieldName(name: string): Node | null {
    const id = this.tree.fieldId(name);
    // As the runtime: an ERROR node's children answer to no field here, though its cursor (and
    // so childrenForFieldName) still reports the fields the parser had started.
    if (id <= 0 || this.type === 'ERROR') return null;
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.nextSibling(c)) {
      if (this.tree.field(c) === id) return this.tree.node(c);
    }
    return null;
  }

  childrenForFieldName(name: string): Node[] {
    const id = this.tree.fieldId(name);
    const out: Node[] = [];
    if (id <= 0) return out;
    for (let c = this.tree.firstChild(this.index); c >= 0; c = this.tree.nextSibling(c)) {
      if (this.tree.field(c) === id) out.push(this.tree.node(c));
    }
    return out;
  }
}

/** The first syntax error in a tree, as a 1-based line and the text around it. */
export function firstSyntaxError(root: Node): { line: number; text: string } | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return { line: n.startPosition.row + 1, text: n.isMissing ? `missing ${n.type}` : n.text.slice(0, 80) };
    if (!n.hasError) continue;
    const kids = n.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return { line: 1, text: '' };
}

/** Named children of a node. */
export function named(node: Node): Node[] {
  return node.namedChildren;
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}
