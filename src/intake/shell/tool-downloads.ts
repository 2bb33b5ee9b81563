// A download put on PATH under the name of a tool Firebreak judges by name: the later commands that run
// it are judged as that tool, so a download from anywhere but the tool's release address stops here.
import { basename } from 'node:path';
import type { ImplicitTarget } from '../../knowledge/implicit-code.js';
import { TOOL_RELEASE_PREFIXES } from '../../knowledge/tool-release-hosts.js';

const DOWNLOADED = /^(?:a download by|the output of) (curl|wget|aria2c|http|xh|fetch)\b/;
const ARCHIVED = /\barchive\b/;

/** Why this hidden write is not taken to be the tool it is named after, or undefined when it may be. */
export async function downloadPosingAsTool(target: ImplicitTarget, hidden: string, argv: readonly string[], producer?: string): Promise<string | undefined> {
  if (!target.entry.onPath) return undefined;
  // `curl URL | tar -xz -C ~/.local/bin kubectl`: the program comes out of what the pipe's downloader fetched.
  const piped = /^an archive read from output of /.test(hidden) && producer !== undefined && DOWNLOADED.test(`the output of ${producer}`);
  if (!DOWNLOADED.test(hidden) && !piped && !ARCHIVED.test(hidden)) return undefined;
  const name = basename(target.absolute);
  const { judgedByName } = await import('./recognisers/index.js');
  if (!judgedByName(name)) return undefined;
  // An archive unpacked from a file (or one not read): where its bytes came from is not seen here.
  if (!DOWNLOADED.test(hidden) && !piped) return `${hidden}, unpacked as ${name}, which later commands run as ${name} and are judged as that tool: where the archive came from is not known`;
  if (piped) argv = producer!.split(/\s+/).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
  // The address: a word with a scheme, or one built from variables (`"$url"`).
  const words = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !/^(-[a-zA-Z]*[oOP]|--output(-document)?|--directory-prefix|--output-dir)$/.test(all[i - 1] ?? ''));
  const schemed = words.filter((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a));
  const urls = schemed.length ? schemed : words.filter((a) => /[$`]/.test(a));
  const prefixes = TOOL_RELEASE_PREFIXES[name] ?? [];
  const from = urls.find((u) => !releaseAddress(u, prefixes));
  const unchecked = uncheckedBy(argv);
  if (urls.length && from === undefined && unchecked === undefined) return undefined;
  const source = from ?? (unchecked !== undefined ? `${urls.join(' ')} with ${unchecked} (whoever answers is taken for its host)` : 'an address not shown');
  return `a download from ${source} named ${name}, which later commands run as ${name} and are judged as that tool${prefixes.length ? ` (its releases come from ${prefixes.map((p) => `https://${p}`).join(', ')})` : ' (Firebreak knows no release address of it)'}`;
}

/** The address is under one of the prefixes as the downloader fetches it: dot segments resolved
 *  (`github.com/cli/cli/../../evil` is github.com/evil), no user, port or encoded separators. */
function releaseAddress(address: string, prefixes: readonly string[]): boolean {
  if (!/^https:\/\//i.test(address) || /%(2e|2f|5c)/i.test(address) || address.includes('\\')) return false;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password || url.port) return false;
  const at = `${url.hostname}${url.pathname}`;
  return prefixes.some((p) => at.startsWith(p));
}

/** Options that take whoever answers for the address as its host (the certificate is not checked):
 *  with them a proxy, a name resolved elsewhere (`--resolve`) or anyone on the way serves the program.
 *  Without them the https address's certificate proves where it comes from, whatever the route. */
function uncheckedBy(argv: readonly string[]): string | undefined {
  const tool = basename(argv[0] ?? '');
  for (const a of argv.slice(1)) {
    if (tool === 'curl' && (a === '--insecure' || (/^-[a-zA-Z]*k/.test(a) && !a.startsWith('--')))) return a;
    // `wget -e check_certificate=off` (or `--execute=...`, `-echeck...`): a setting as if in .wgetrc.
    if (tool === 'wget' && (a === '--no-check-certificate' || /check_certificate/i.test(a))) return a;
  }
  return undefined;
}
