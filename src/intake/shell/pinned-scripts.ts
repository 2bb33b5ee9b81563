// A vendored script known by its content (knowledge/pinned-scripts.ts), run in its routine way: the
// arguments it is known to take and none of the variables that send it elsewhere. Used when the script
// is run (code/index.ts) and when its output is eval'd (walk.ts).
import { createHash } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PINNED_ENV_PRINTERS, type PinnedEnvPrinter } from '../../knowledge/pinned-scripts.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A word bash passes as one argument whose value is not known here (`"${GO_VERSION}"`). */
const UNKNOWN_ARGUMENT = /^"?\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"?$/;

/** Where the line runs and what it wrote or linked so far: an install folder made a link (`ln -s /usr/local
 *  bin`), now or earlier in the line, is not the workspace folder it names. */
export interface PlaceCheck { dir: string; written: Iterable<string> }

function plainFolder(value: string, place: PlaceCheck): boolean {
  const target = resolve(place.dir, value);
  for (const key of place.written) {
    const k = resolve(place.dir, key.replace(/^\0[^:]*:/, ''));
    if (k === target || target.startsWith(`${k}/`) || k.startsWith(`${target}/`)) return false;
  }
  // No part of the path below the run folder is a link now.
  for (let at = target; at.startsWith(`${place.dir}/`); at = dirname(at)) {
    try {
      if (lstatSync(at).isSymbolicLink()) return false;
    } catch {
      // not there yet: gimme makes it
    }
  }
  return true;
}

export function pinnedEnvPrinter(text: string, args: readonly string[], env: Env, place?: PlaceCheck): PinnedEnvPrinter | undefined {
  const facts = PINNED_ENV_PRINTERS[createHash('sha256').update(text).digest('hex')];
  if (!facts || args.length > 1) return undefined;
  if (args.length === 1 && !facts.argument.test(args[0]) && !UNKNOWN_ARGUMENT.test(args[0])) return undefined;
  const value = (name: string) => (Object.hasOwn(env, name) ? env[name] : process.env[name]);
  if (facts.steeringVariables.some((name) => (value(name) ?? '') !== '')) return undefined;
  const inWorkspace = (v: string) => /^(\.\/)?[\w.-]+(\/[\w.-]+)*\/?$/.test(v) && !v.split('/').includes('..');
  if (!facts.placeVariables.every((name) => { const v = value(name); return v === undefined || v === '' || (inWorkspace(v) && place !== undefined && plainFolder(v, place)); })) return undefined;
  return facts;
}
