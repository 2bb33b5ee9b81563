// The shapes agents use to list hooks, and how to add or remove ours in each without touching
// anyone else's entries.
import type { Json } from './json-file.js';

export const isOurs = (command: unknown): boolean => typeof command === 'string' && /firebreak(\.js)?\b.*\bhook\b.*--agent/.test(command);

/** Claude Code / Gemini / Codex: hooks[event] = [{matcher, hooks: [{type, command, timeout}]}]. */
export function mergeMatcherGroups(doc: Json, event: string, group: { matcher: string; hook: Json }): Json {
  const hooks = { ...(doc.hooks ?? {}) };
  const groups: Json[] = Array.isArray(hooks[event]) ? hooks[event].map((g: Json) => ({ ...g })) : [];
  const existing = groups.find((g) => Array.isArray(g.hooks) && g.hooks.some((h: Json) => isOurs(h?.command)));
  if (existing) {
    existing.matcher = group.matcher;
    existing.hooks = existing.hooks.map((h: Json) => (isOurs(h?.command) ? { ...h, ...group.hook } : h));
  } else {
    groups.push({ matcher: group.matcher, hooks: [group.hook] });
  }
  hooks[event] = groups;
  return { ...doc, hooks };
}

export function removeFromMatcherGroups(doc: Json, event: string): Json {
  if (!doc.hooks || !Array.isArray(doc.hooks[event])) return doc;
  const groups = (doc.hooks[event] as Json[])
    .map((g) => (Array.isArray(g.hooks) ? { ...g, hooks: g.hooks.filter((h: Json) => !isOurs(h?.command)) } : g))
    .filter((g) => !Array.isArray(g.hooks) || g.hooks.length > 0);
  return pruneEvent(doc, event, groups);
}

/** Cursor / Kiro / Copilot: hooks[event] = [{command | bash, ...}]. */
export function mergeFlatEntries(doc: Json, event: string, entry: Json, commandKey = 'command'): Json {
  const hooks = { ...(doc.hooks ?? {}) };
  const entries: Json[] = Array.isArray(hooks[event]) ? [...hooks[event]] : [];
  const at = entries.findIndex((e) => isOurs(e?.[commandKey]));
  if (at >= 0) entries[at] = { ...entries[at], ...entry };
  else entries.push(entry);
  hooks[event] = entries;
  return { ...doc, hooks };
}

export function removeFlatEntries(doc: Json, event: string, commandKey = 'command'): Json {
  if (!doc.hooks || !Array.isArray(doc.hooks[event])) return doc;
  return pruneEvent(doc, event, (doc.hooks[event] as Json[]).filter((e) => !isOurs(e?.[commandKey])));
}

function pruneEvent(doc: Json, event: string, list: Json[]): Json {
  const hooks = { ...doc.hooks };
  if (list.length) hooks[event] = list;
  else delete hooks[event];
  const out = { ...doc, hooks };
  if (!Object.keys(hooks).length) delete out.hooks;
  return out;
}

export function hasOurHook(doc: Json): boolean {
  return JSON.stringify(doc.hooks ?? {}).match(/firebreak(\.js)?\b[^"]*\bhook\b[^"]*--agent/) !== null;
}
