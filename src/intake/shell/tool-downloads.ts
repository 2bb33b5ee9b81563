// A download put on PATH under the name of a tool Firebreak judges by name: the later commands that run
// it are judged as that tool, so a download from anywhere but the tool's release address stops here.
import { basename } from 'node:path';
import type { ImplicitTarget } from '../../knowledge/implicit-code.js';
import { TOOL_RELEASE_PREFIXES } from '../../knowledge/tool-release-hosts.js';

const DOWNLOADED = /^(?:a download by|the output of) (curl|wget|aria2c|http|xh|fetch)\b/;

/** Why this hidden write is not taken to be the tool it is named after, or undefined when it may be. */
export async function downloadPosingAsTool(target: ImplicitTarget, hidden: string, argv: readonly string[]): Promise<string | undefined> {
  if (!target.entry.onPath || !DOWNLOADED.test(hidden)) return undefined;
  const name = basename(target.absolute);
  const { judgedByName } = await import('./recognisers/index.js');
  if (!judgedByName(name)) return undefined;
  // The address: a word with a scheme, or one built from variables (`"$url"`).
  const words = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !/^(-[a-zA-Z]*[oOP]|--output(-document)?|--directory-prefix|--output-dir)$/.test(all[i - 1] ?? ''));
  const schemed = words.filter((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  const urls = schemed.length ? schemed : words.filter((a) => /[$`]/.test(a));
  const prefixes = TOOL_RELEASE_PREFIXES[name] ?? [];
  const from = urls.find((u) => !prefixes.some((p) => u.startsWith(`https://${p}`)));
  if (urls.length && from === undefined) return undefined;
  const source = from ?? 'an address not shown';
  return `a download from ${source} named ${name}, which later commands run as ${name} and are judged as that tool${prefixes.length ? ` (its releases come from ${prefixes.map((p) => `https://${p}`).join(', ')})` : ' (Firebreak knows no release address of it)'}`;
}
