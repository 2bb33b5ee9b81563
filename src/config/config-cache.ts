// firebreak.yaml parsed once per content, for the hook. Parsing it (YAML, then the zod schema) is
// the largest part of a hook call that reads one; the file rarely changes between calls. After a
// parse that succeeds, the result is kept in the per-user folder, sealed (sealed-store.ts) under a
// key derived for this purpose from the per-user approval key, for the file's path and the sha256
// of its text. A later call with the same text uses it without loading YAML or zod; anything else
// (another text, a missing or damaged entry, a seal that does not verify, no key) parses the file
// as before, so errors still name the file and line. The folder is guarded like the key: an entry the agent wrote
// without the key is not used.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { sha256Hex } from '../util/sha256.js';
import type { Config } from './config.js';
import { SealedStore } from './sealed-store.js';
import { forgetPerCall } from '../util/per-call.js';

const PURPOSE = 'firebreak.yaml cache';

let enabledFor: NodeJS.ProcessEnv | undefined;
let store: Promise<SealedStore | undefined> | undefined;
/** The entry this process verified (or wrote) last, by path and text: a hook call loads the same
 *  config two or three times (the guarded set, the pipeline); each later load parses the same JSON
 *  again (a fresh object, as from the store) without hashing and verifying the seal again. */
let verified: { path: string; text: string; json: string } | undefined;
forgetPerCall(disableConfigCache);

/** Turns the cache on for this process (the hook does, with its environment); off by default. */
export function enableConfigCache(env: NodeJS.ProcessEnv): void {
  if (env.FIREBREAK_CONFIG_CACHE === '0') return;
  enabledFor = env;
  store = undefined;
  verified = undefined;
}

export function disableConfigCache(): void {
  enabledFor = undefined;
  store = undefined;
  verified = undefined;
}

/** The text of a config file, or the InputError loadConfig has always given. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'config file not found' : `cannot read the config file (${code ?? String(e)})`, file);
  }
}

/** loadConfig, through the sealed cache when it is on. An entry is about one path and one text. */
export async function loadConfigCached(file: string): Promise<Config> {
  const path = resolve(file);
  const text = readConfigText(file);
  if (!enabledFor) return (await import('./config.js')).parseConfig(text, path);
  if (verified && verified.path === path && verified.text === text) return JSON.parse(verified.json) as Config;
  const name = `${sha256Hex(path)}.json`;
  const context = `${path}\n${sha256Hex(text)}`;
  const env = enabledFor;
  store ??= SealedStore.open('config-cache', PURPOSE, { env });
  const opened = await store;
  const hit = opened?.read(name, context);
  if (hit !== undefined) {
    try {
      const config = JSON.parse(hit) as Config;
      verified = { path, text, json: hit };
      return config;
    } catch {
      /* parse the file */
    }
  }
  const config = (await import('./config.js')).parseConfig(text, path);
  // Only now, on a miss, make the key if there is none yet (with the approvals' own code).
  if (!opened) store = SealedStore.open('config-cache', PURPOSE, { env, create: true });
  const json = JSON.stringify(config);
  const written = await store;
  written?.write(name, context, json);
  // What a later load reads back is what was written (a write that failed is parsed again).
  if (written?.read(name, context) === json) verified = { path, text, json };
  return config;
}
