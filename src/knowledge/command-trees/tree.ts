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
      if (generated) return JSON.parse((await generated()).default) as CommandTree;
      const { MANUAL_TREES } = await import('./manual.js');
      return Object.hasOwn(MANUAL_TREES, tool) ? MANUAL_TREES[tool] : undefined;
    })();
    cache.set(tool, tree);
  }
  return tree;
}
