// Where each agent reads hooks from, and the entries Firebreak adds there. Files and tool names
// come from knowledge/agent-hook-files.ts (the table doctor and the guard read too); this module
// only knows each agent's entry shape.
import { HOOKED_TOOLS, hookFilePaths, type ToolGroup } from '../../knowledge/agent-hook-files.js';
import { HOOK_TIMEOUT_S } from '../protocol/deadline.js';
import type { AgentName } from '../protocol/types.js';
import { mergeFlatEntries, mergeMatcherGroups, removeFlatEntries, removeFromMatcherGroups } from './hook-entries.js';
import type { Json } from './json-file.js';

export type Scope = 'project' | 'user';

/** Seconds (Claude, Cursor, Codex, Copilot) the agent waits; our internal deadline is 8 s. */
const TIMEOUT_S = HOOK_TIMEOUT_S;

export interface InstallTarget {
  /** Config file for a scope (root = repository root, home = user's home). */
  file(scope: Scope, root: string, home: string, env?: NodeJS.ProcessEnv): string;
  add(doc: Json, command: string): Json;
  remove(doc: Json): Json;
  /** True when the file exists only for our hook and can be deleted once it holds nothing else. */
  ownFile?: boolean;
}

/** The first hook file of a scope; a folder gets our own `firebreak.json` in it. */
function registrationFile(agent: AgentName, scope: Scope, root: string, home: string, env: NodeJS.ProcessEnv = process.env): string {
  const [first] = hookFilePaths(agent, { root, home, env }, [scope]);
  if (!first) throw new Error(`${agent} has no ${scope} hook file`);
  return first.file.folder ? `${first.path}/firebreak.json` : first.path;
}

/** Per event, the tool matcher covering every group that fires on it (undefined: all tools). */
export function matchersByEvent(agent: AgentName): Map<string, string | undefined> {
  const byEvent = new Map<string, ToolGroup[]>();
  for (const group of HOOKED_TOOLS[agent] ?? []) byEvent.set(group.event, [...(byEvent.get(group.event) ?? []), group]);
  const out = new Map<string, string | undefined>();
  for (const [event, groups] of byEvent) {
    if (groups.some((g) => g.matcher === undefined)) out.set(event, undefined);
    else if (groups.some((g) => g.matcher === '*')) out.set(event, '*');
    else out.set(event, [...new Set(groups.flatMap((g) => g.matcher!.split('|')))].join('|'));
  }
  return out;
}

const matcherGroups = (agent: AgentName): InstallTarget => ({
  file: (scope, root, home, env) => registrationFile(agent, scope, root, home, env),
  add: (doc, command) => {
    let next = doc;
    for (const [event, matcher] of matchersByEvent(agent)) {
      next = mergeMatcherGroups(next, event, { matcher: matcher ?? '*', hook: { type: 'command', command, timeout: agent === 'gemini' ? TIMEOUT_S * 1000 : TIMEOUT_S } });
    }
    return next;
  },
  remove: (doc) => [...matchersByEvent(agent).keys()].reduce((d, event) => removeFromMatcherGroups(d, event), doc),
});

export const INSTALL_TARGETS: Record<AgentName, InstallTarget> = {
  'claude-code': matcherGroups('claude-code'),
  gemini: matcherGroups('gemini'),
  codex: matcherGroups('codex'),
  cursor: {
    file: (scope, root, home, env) => registrationFile('cursor', scope, root, home, env),
    add: (doc, command) => {
      let next: Json = { version: 1, ...doc };
      for (const [event, matcher] of matchersByEvent('cursor')) {
        next = mergeFlatEntries(next, event, { command, timeout: TIMEOUT_S, ...(matcher ? { matcher } : {}) });
      }
      return next;
    },
    remove: (doc) => [...matchersByEvent('cursor').keys()].reduce((d, event) => removeFlatEntries(d, event), doc),
  },
  kiro: {
    file: (scope, root, home, env) => registrationFile('kiro', scope, root, home, env),
    add: (doc, command) => ({ ...doc, trigger: 'PreToolUse', matcher: matchersByEvent('kiro').get('preToolUse') ?? '*', command, timeout_ms: TIMEOUT_S * 1000 }),
    remove: () => ({}),
    ownFile: true,
  },
  copilot: {
    file: (scope, root, home, env) => registrationFile('copilot', scope, root, home, env),
    add: (doc, command) => mergeFlatEntries({ version: 1, ...doc }, 'preToolUse', { type: 'command', bash: command, timeoutSec: TIMEOUT_S }, 'bash'),
    remove: (doc) => removeFlatEntries(doc, 'preToolUse', 'bash'),
    ownFile: true,
  },
};

/** Kiro agent files (`.kiro/agents/*.json`) also carry hooks: `hooks.preToolUse[]`. */
export const kiroAgentHook = (command: string) => ({ command, matcher: matchersByEvent('kiro').get('preToolUse') ?? '*', timeout_ms: TIMEOUT_S * 1000 });
