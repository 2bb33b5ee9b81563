// The shape of a compiled command tree, and the lazy loader: a command pays only for its own tool.
import { GENERATED_TREES } from './generated/index.js';

/** One node of a CLI's command tree. A leaf with nothing to say is written 0. */
export interface CommandTree {
  /** Subcommands by canonical name. */
  c?: Readonly<Record<string, CommandTree | 0>>;
  /** Alias -> canonical subcommand name. */
  a?: Readonly<Record<string, string>>;
  /** Options that take a value, declared here and inherited by every subcommand below. */
  v?: readonly string[];
  /** The tool's own completion spec marks this command dangerous. */
  d?: 1;
}

/** Tools with a compiled tree (names only: knowing the list loads no tree). */
export const GENERATED_TREE_TOOLS: readonly string[] = Object.keys(GENERATED_TREES);

const cache = new Map<string, Promise<CommandTree | undefined>>();

/** The tool's tree: the compiled one when there is one, else the hand-written one, else undefined. */
export function loadCommandTree(tool: string): Promise<CommandTree | undefined> {
  let tree = cache.get(tool);
  if (!tree) {
    tree = (async () => {
      const generated = Object.hasOwn(GENERATED_TREES, tool) ? GENERATED_TREES[tool] : undefined;
      const { MANUAL_TREES, TREE_ADDITIONS } = await import('./manual.js');
      if (generated) return withAdditions(JSON.parse((await generated()).default) as CommandTree, TREE_ADDITIONS[tool]);
      return Object.hasOwn(MANUAL_TREES, tool) ? MANUAL_TREES[tool] : undefined;
    })();
    cache.set(tool, tree);
  }
  return tree;
}

function withAdditions(tree: CommandTree, additions: Readonly<Record<string, readonly string[]>> | undefined): CommandTree {
  if (!additions) return tree;
  const children: Record<string, CommandTree | 0> = { ...(tree.c ?? {}) };
  for (const [group, subs] of Object.entries(additions)) {
    const node = children[group] || {};
    children[group] = { ...node, c: { ...Object.fromEntries(subs.map((s) => [s, 0 as const])), ...(node.c ?? {}) } };
  }
  return { ...tree, c: children };
}
