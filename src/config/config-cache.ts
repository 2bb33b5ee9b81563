// firebreak.yaml parsed once per content, for the hook. Parsing it (YAML, then the zod schema) is
// the largest part of a hook call that reads one; the file rarely changes between calls. After a
// parse that succeeds, the result is kept in the per-user folder, sealed with an HMAC under the
// per-user approval key, and keyed by the file's path and the sha256 of its text. A later call
// with the same text uses it without loading YAML or zod; anything else (another text, a missing
// or damaged entry, a seal that does not verify, no key) parses the file as before, so errors
// still name the file and line. The folder is guarded like the key: an entry the agent wrote
// without the key is not used.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { hmacSha256Hex, sameDigest } from '../util/hmac.js';
import { sha256Hex } from '../util/sha256.js';
import type { Config } from './config.js';
import { USER_FILES, userDir } from './file-names.js';

const FORMAT = 'firebreak-config-cache/1';

interface Entry {
  format: typeof FORMAT;
  file: string;
  textSha256: string;
  config: Config;
  mac: string;
}

let cacheDir: string | undefined;
let keyFile: string | undefined;

/** Turns the cache on for this process (the hook does, with its environment); off by default. */
export function enableConfigCache(env: NodeJS.ProcessEnv): void {
  if (env.FIREBREAK_CONFIG_CACHE === '0') return;
  const user = userDir(env);
  cacheDir = join(user, 'config-cache');
  keyFile = join(user, USER_FILES.approvalKey);
}

export function disableConfigCache(): void {
  cacheDir = undefined;
  keyFile = undefined;
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

/** loadConfig, through the sealed cache when it is on. */
export async function loadConfigCached(file: string): Promise<Config> {
  const path = resolve(file);
  const text = readConfigText(file);
  if (!cacheDir || !keyFile) return (await import('./config.js')).parseConfig(text, path);
  const textSha256 = sha256Hex(text);
  const entryFile = join(cacheDir, `${sha256Hex(path)}.json`);
  let key = readKey(keyFile);
  if (key) {
    const hit = readEntry(entryFile, key, path, textSha256);
    if (hit) return hit;
  }
  const config = (await import('./config.js')).parseConfig(text, path);
  try {
    // Only now, on a miss, make the key if there is none yet (with the approvals' own code).
    if (!key) {
      const { LocalKeySeal } = await import('../agents/approvals/seal.js');
      await LocalKeySeal.load(keyFile, { create: true });
      key = readKey(keyFile);
    }
    if (key) writeEntry(entryFile, key, { format: FORMAT, file: path, textSha256, config });
  } catch {
    /* no cache entry: the next call parses again */
  }
  return config;
}

function sealed(key: Uint8Array, entry: Omit<Entry, 'mac'>): string {
  return hmacSha256Hex(key, `${FORMAT}\n${entry.file}\n${entry.textSha256}\n${JSON.stringify(entry.config)}`);
}

function readKey(file: string): Uint8Array | undefined {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; key?: unknown };
    if (doc?.version !== 1 || typeof doc.key !== 'string') return undefined;
    const key = Buffer.from(doc.key, 'base64');
    return key.length >= 32 ? key : undefined;
  } catch {
    return undefined;
  }
}

function readEntry(file: string, key: Uint8Array, path: string, textSha256: string): Config | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Partial<Entry>;
    if (entry.format !== FORMAT || entry.file !== path || entry.textSha256 !== textSha256 || typeof entry.mac !== 'string' || !entry.config) return undefined;
    return sameDigest(entry.mac, sealed(key, entry as Entry)) ? entry.config : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, key: Uint8Array, entry: Omit<Entry, 'mac'>): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ ...entry, mac: sealed(key, entry) }), { mode: 0o600 });
  renameSync(temp, file);
}
