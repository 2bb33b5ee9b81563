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

/** `[project.entry-points."group"]` sections of pyproject.toml, as entry_points.txt text. */
export function entryPointsText(dir = EXTENSION_DIR): string {
  const text = readFileSync(join(dir, 'pyproject.toml'), 'utf8');
  const out: string[] = [];
  let inGroup = false;
  for (const line of text.split('\n')) {
    const section = /^\[project\.entry-points\."([^"]+)"\]\s*$/.exec(line);
    if (section) {
      out.push(`${out.length ? '\n' : ''}[${section[1]}]`);
      inGroup = true;
      continue;
    }
    if (/^\[/.test(line)) {
      inGroup = false;
      continue;
    }
    const entry = /^"?([^"=]+?)"?\s*=\s*"([^"]+)"\s*$/.exec(line);
    if (inGroup && entry) out.push(`${entry[1].trim()} = ${entry[2]}`);
  }
  return out.join('\n') + '\n';
}

/**
 * The extension as a folder to put on PYTHONPATH (package + dist-info with its entry points), for a
 * LocalStack that runs in a container: the folder is mounted read-only, nothing is installed.
 */
export async function extensionSiteDir(target: string, dir = EXTENSION_DIR): Promise<string> {
  const { cp, mkdir, writeFile } = await import('node:fs/promises');
  const version = extensionVersion(dir);
  await cp(join(dir, 'firebreak_localstack'), join(target, 'firebreak_localstack'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
  const info = join(target, `firebreak_localstack-${version}.dist-info`);
  await mkdir(info, { recursive: true });
  await writeFile(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${EXTENSION_DISTRIBUTION}\nVersion: ${version}\n`);
  await writeFile(join(info, 'entry_points.txt'), entryPointsText(dir));
  return target;
}
