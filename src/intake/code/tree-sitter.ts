// Loads the tree-sitter runtime and one grammar on first use. Only commands that run code in a
// language read with tree-sitter pay for it (~15 ms for the runtime, ~5 ms per grammar); `ls`
// and `npm test` never load this module.
//
// The runtime and the grammars come from one package (@vscode/tree-sitter-wasm) so that the
// grammar ABI always matches the runtime: tree-sitter-wasms' grammars do not load in
// web-tree-sitter 0.25+, for example.
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { dirname, join } from 'node:path';
import type { Language, Node, Parser, Tree } from '@vscode/tree-sitter-wasm';

export type Grammar = 'python' | 'javascript' | 'typescript' | 'tsx' | 'ruby' | 'php';
export type { Node, Tree };

type Runtime = typeof import('@vscode/tree-sitter-wasm');

const requireHere = createRequire(import.meta.url);
let runtime: Promise<{ rt: Runtime; dir: string }> | undefined;
const languages = new Map<Grammar, Promise<Language>>();
const parsers = new Map<Grammar, Parser>();

function loadRuntime(): Promise<{ rt: Runtime; dir: string }> {
  runtime ??= (async () => {
    // A hook process parses once and exits: optimising the parser's WASM in the background costs
    // more CPU than it saves. Set after start-up, `--liftoff-only` alone does not do it: V8 derives
    // "no tier-up" from it only when it reads its flags at start, so the two tiering flags are set
    // too (a 500-line parse, runtime and grammar included: ~100 ms CPU with tier-up, ~60 without).
    for (const flag of ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering']) {
      try {
        setFlagsFromString(flag);
      } catch {
        // an engine without the flag: parse with its defaults
      }
    }
    const rt = requireHere('@vscode/tree-sitter-wasm') as Runtime;
    const dir = join(dirname(requireHere.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
    await rt.Parser.init();
    return { rt, dir };
  })();
  return runtime;
}

export async function parserFor(grammar: Grammar): Promise<Parser> {
  const existing = parsers.get(grammar);
  if (existing) return existing;
  const { rt, dir } = await loadRuntime();
  let language = languages.get(grammar);
  if (!language) {
    language = rt.Language.load(join(dir, `tree-sitter-${grammar}.wasm`));
    languages.set(grammar, language);
  }
  const parser = new rt.Parser();
  parser.setLanguage(await language);
  parsers.set(grammar, parser);
  return parser;
}

/** Parses `text`; the caller must `delete()` the tree. Undefined when the parser gave up. */
export async function parse(grammar: Grammar, text: string): Promise<Tree | undefined> {
  const parser = await parserFor(grammar);
  return parser.parse(text) ?? undefined;
}

/** The first syntax error in a tree, as a 1-based line and the text around it. */
export function firstSyntaxError(root: Node): { line: number; text: string } | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return { line: n.startPosition.row + 1, text: n.isMissing ? `missing ${n.type}` : n.text.slice(0, 80) };
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c) stack.push(c);
    }
  }
  return { line: 1, text: '' };
}

/** Named children of a node (never null entries). */
export function named(node: Node): Node[] {
  // One call into the runtime for all children (namedChild(i) crosses into WASM per child).
  return node.namedChildren.filter((c): c is Node => c !== null);
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}
