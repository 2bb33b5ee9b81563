// Firebreak's hook entries in an agent's config file, and whether their matchers cover every tool
// that must reach the hook (knowledge/agent-hook-files.ts: HOOKED_TOOLS).
import { HOOKED_TOOLS, type ToolGroup } from '../../knowledge/agent-hook-files.js';
import { isOurs } from '../install/hook-entries.js';

export interface Registration {
  file: string;
  event: string;
  /** undefined: the entry has no matcher (every tool of the event). */
  matcher?: string;
  command: string;
}

type Doc = Record<string, any>;

export function ourRegistrations(agent: string, doc: Doc, file: string): Registration[] {
  const out: Registration[] = [];
  const hooks = doc.hooks && typeof doc.hooks === 'object' ? (doc.hooks as Doc) : {};
  if (agent === 'kiro' && typeof doc.command === 'string' && isOurs(doc.command)) {
    out.push({ file, event: 'preToolUse', ...(typeof doc.matcher === 'string' ? { matcher: doc.matcher } : {}), command: doc.command });
  }
  for (const [event, list] of Object.entries(hooks)) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (!entry || typeof entry !== 'object') continue;
      if (Array.isArray(entry.hooks)) {
        for (const h of entry.hooks) if (isOurs(h?.command)) out.push({ file, event, ...(typeof entry.matcher === 'string' ? { matcher: entry.matcher } : {}), command: h.command });
        continue;
      }
      const command = typeof entry.command === 'string' ? entry.command : typeof entry.bash === 'string' ? entry.bash : undefined;
      if (command && isOurs(command)) out.push({ file, event, ...(typeof entry.matcher === 'string' ? { matcher: entry.matcher } : {}), command });
    }
  }
  return out;
}

/** Does a registered matcher let this tool name through, the way the agent compares them? */
export function matches(agent: string, matcher: string | undefined, name: string): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (agent === 'kiro') {
    if (matcher.startsWith('@')) return name.startsWith(matcher.endsWith('/') ? matcher : `${matcher}/`) || name === matcher;
    return new RegExp(`^${matcher.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);
  }
  // Claude Code, Gemini, Codex, Cursor: a plain list of names matches exactly; anything else is a regex.
  if (/^[A-Za-z0-9_|, -]+$/.test(matcher)) return matcher.split(/[|,]/).map((m) => m.trim()).includes(name);
  try {
    return new RegExp(matcher).test(name);
  } catch {
    return false;
  }
}

/** Tool groups no registration covers. */
export function uncovered(agent: string, registrations: Registration[]): ToolGroup[] {
  return (HOOKED_TOOLS[agent] ?? []).filter((group) => {
    const onEvent = registrations.filter((r) => r.event.toLowerCase() === group.event.toLowerCase());
    return !group.names.every((name) => onEvent.some((r) => matches(agent, r.matcher, name)));
  });
}
