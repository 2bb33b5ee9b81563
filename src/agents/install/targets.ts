// Where each agent reads hooks from, and the entry Firebreak adds there (data, one row per agent).
import { join } from 'node:path';
import type { AgentName } from '../protocol/types.js';
import { mergeFlatEntries, mergeMatcherGroups, removeFlatEntries, removeFromMatcherGroups } from './hook-entries.js';
import type { Json } from './json-file.js';

export type Scope = 'project' | 'user';

export interface InstallTarget {
  /** Config file for a scope (root = repository root, home = user's home). */
  file(scope: Scope, root: string, home: string): string;
  add(doc: Json, command: string): Json;
  remove(doc: Json): Json;
  /** True when the file exists only for our hook and can be deleted once it holds nothing else. */
  ownFile?: boolean;
}

export const INSTALL_TARGETS: Record<AgentName, InstallTarget> = {
  'claude-code': {
    file: (scope, root, home) => (scope === 'user' ? join(home, '.claude', 'settings.json') : join(root, '.claude', 'settings.json')),
    // MCP tools too: an MCP server's tool may carry a shell or AWS CLI command.
    add: (doc, command) => mergeMatcherGroups(doc, 'PreToolUse', { matcher: 'Bash|mcp__.*', hook: { type: 'command', command, timeout: 10 } }),
    remove: (doc) => removeFromMatcherGroups(doc, 'PreToolUse'),
  },
  cursor: {
    file: (scope, root, home) => join(scope === 'user' ? home : root, '.cursor', 'hooks.json'),
    add: (doc, command) =>
      mergeFlatEntries(mergeFlatEntries({ version: 1, ...doc }, 'beforeShellExecution', { command, timeout: 10 }), 'beforeMCPExecution', { command, timeout: 10 }),
    remove: (doc) => removeFlatEntries(removeFlatEntries(doc, 'beforeShellExecution'), 'beforeMCPExecution'),
  },
  gemini: {
    file: (scope, root, home) => join(scope === 'user' ? home : root, '.gemini', 'settings.json'),
    // Gemini's timeout is in milliseconds; our internal deadline is 8 s.
    add: (doc, command) => mergeMatcherGroups(doc, 'BeforeTool', { matcher: 'run_shell_command|mcp_.*', hook: { type: 'command', command, timeout: 10_000 } }),
    remove: (doc) => removeFromMatcherGroups(doc, 'BeforeTool'),
  },
  kiro: {
    file: (scope, root, home) => join(scope === 'user' ? home : root, '.kiro', 'hooks', 'firebreak.json'),
    add: (doc, command) => ({ ...doc, trigger: 'PreToolUse', matcher: 'execute_bash', command, timeout_ms: 10_000 }),
    remove: () => ({}),
    ownFile: true,
  },
  codex: {
    file: (scope, root, home) => join(scope === 'user' ? home : root, '.codex', 'hooks.json'),
    add: (doc, command) => mergeMatcherGroups(doc, 'PreToolUse', { matcher: 'Bash', hook: { type: 'command', command, timeout: 10 } }),
    remove: (doc) => removeFromMatcherGroups(doc, 'PreToolUse'),
  },
  copilot: {
    file: (scope, root, home) => (scope === 'user' ? join(home, '.copilot', 'hooks', 'firebreak.json') : join(root, '.github', 'hooks', 'firebreak.json')),
    add: (doc, command) => mergeFlatEntries({ version: 1, ...doc }, 'preToolUse', { type: 'command', bash: command, timeoutSec: 10 }, 'bash'),
    remove: (doc) => removeFlatEntries(doc, 'preToolUse', 'bash'),
    ownFile: true,
  },
};

/** Kiro agent files (`.kiro/agents/*.json`) also carry hooks: `hooks.preToolUse[]`. */
export const kiroAgentHook = (command: string) => ({ command, matcher: 'execute_bash', timeout_ms: 10_000 });
