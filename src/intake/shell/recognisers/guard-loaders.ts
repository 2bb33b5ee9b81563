// Recognisers the guard owns (Firebreak's own CLI); spread into the table in index.ts.
import type { RecogniserLoader } from '../command.js';

const nestedAgentLoader: RecogniserLoader = async () => (await import('./nested-agent.js')).nestedAgent;

export const GUARD_LOADERS: Readonly<Record<string, RecogniserLoader>> = {
  firebreak: async () => (await import('./firebreak.js')).firebreak,
  ...Object.fromEntries(['kill', 'pkill', 'killall', 'killall5'].map((name) => [name, async () => (await import('./signals.js')).signals])),
  ...Object.fromEntries(['claude', 'codex', 'gemini', 'qwen', 'cursor-agent', 'kiro-cli', 'aider', 'amp', 'copilot', 'opencode'].map((name) => [name, nestedAgentLoader])),
};
