// Firebreak's LocalStack extension (sandbox-extension/ in the repository): a small Python package
// that LocalStack loads through entry points. It gives the twin DynamoDB, Lambda, RDS, ECS and ELBv2
// offline, keeps LocalStack on the loopback interface, and fixes where LocalStack differs from AWS.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The extension's source folder (two levels up from both src/sandbox/ and dist/bundle/). */
export const EXTENSION_DIR = fileURLToPath(new URL('../../sandbox-extension', import.meta.url));

/** `sitecustomize.py` for the AWS CLI the twin runs (short waiter polling); see the file. */
export const AWSCLI_HOOKS_DIR = join(EXTENSION_DIR, 'awscli-hooks');

export const EXTENSION_DISTRIBUTION = 'firebreak-localstack';

/** The version in sandbox-extension/pyproject.toml. */
export function extensionVersion(dir = EXTENSION_DIR): string {
  const text = readFileSync(join(dir, 'pyproject.toml'), 'utf8');
  const m = /^version\s*=\s*"([^"]+)"/m.exec(text);
  if (!m) throw new Error(`no version in ${join(dir, 'pyproject.toml')}`);
  return m[1];
}

/** A digest of the extension's sources: an installed copy with another digest is stale. */
export function extensionFingerprint(dir = EXTENSION_DIR): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel)).sort()) {
      if (entry === 'build' || entry === '__pycache__' || entry.endsWith('.egg-info') || entry.startsWith('.')) continue;
      const path = join(rel, entry);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else hash.update(path).update('\0').update(readFileSync(join(dir, path))).update('\0');
    }
  };
  walk('');
  return hash.digest('hex');
}

export function extensionSourcePresent(dir = EXTENSION_DIR): boolean {
  return existsSync(join(dir, 'pyproject.toml'));
}
