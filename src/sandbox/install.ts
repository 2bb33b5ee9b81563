import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { EXTENSION_DIR, EXTENSION_DISTRIBUTION, extensionFingerprint, extensionVersion } from './extension.js';
import { sandboxPaths } from './paths.js';
import { findPython } from './python-finder.js';
import { provisionPython } from './python-provision.js';
import { PINNED_EMULATORS, type EmulatorName } from './versions.js';

const run = promisify(execFile);

export interface InstallOutcome {
  name: EmulatorName | 'extension';
  version: string;
  venv: string;
  action: 'installed' | 'already-installed';
  seconds: number;
}

/** Version of the pinned distribution installed in the emulator's venv, or undefined. */
export async function installedVersion(name: EmulatorName): Promise<string | undefined> {
  const python = sandboxPaths.venvBin(name, 'python');
  if (!existsSync(python)) return undefined;
  const dist = PINNED_EMULATORS[name].distribution;
  try {
    const { stdout } = await run(python, ['-c', `import importlib.metadata as m; print(m.version(${JSON.stringify(dist)}))`]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** True when the venv holds every pinned requirement (`dist[extra]==version`) at its version. */
export async function isInstalled(name: EmulatorName): Promise<boolean> {
  const python = sandboxPaths.venvBin(name, 'python');
  if (!existsSync(python)) return false;
  const pins = PINNED_EMULATORS[name].requirements.map((r) => {
    const [dist, version] = r.split('==');
    return [dist.replace(/\[.*\]/, ''), version];
  });
  const script = `import importlib.metadata as m, json, sys\nok = True\nfor d, v in json.loads(sys.argv[1]):\n    try:\n        ok = ok and m.version(d) == v\n    except Exception:\n        ok = False\nprint('ok' if ok else 'no')`;
  try {
    const { stdout } = await run(python, ['-c', script, JSON.stringify(pins)]);
    return stdout.trim() === 'ok';
  } catch {
    return false;
  }
}

/** A Python new enough, found on the machine or else provisioned from Maven Central. */
async function pythonFor(min: readonly [number, number], log: (line: string) => void): Promise<string> {
  try {
    return await findPython(min);
  } catch (notFound) {
    log(`${(notFound as Error).message.split('. ')[0]}: provisioning a portable CPython into .firebreak/python`);
    try {
      return await provisionPython(log);
    } catch (e) {
      throw new Error(`${(notFound as Error).message} Provisioning one failed too: ${(e as Error).message}`);
    }
  }
}

/** pip-installs the pinned emulators into venvs under .firebreak/venv; skips what is already there. */
export async function installEmulators(opts: { log?: (line: string) => void; names?: EmulatorName[] } = {}): Promise<InstallOutcome[]> {
  const log = opts.log ?? (() => {});
  const outcomes: InstallOutcome[] = [];
  for (const name of opts.names ?? (Object.keys(PINNED_EMULATORS) as EmulatorName[])) {
    const pin = PINNED_EMULATORS[name];
    const venv = sandboxPaths.venv(name);
    const started = Date.now();
    if (await isInstalled(name)) {
      outcomes.push({ name, version: pin.version, venv, action: 'already-installed', seconds: 0 });
      log(`${name} ${pin.version} already installed in ${venv}`);
      continue;
    }
    await mkdir(dirname(venv), { recursive: true });
    if (!existsSync(sandboxPaths.venvBin(name, 'python'))) {
      const python = await pythonFor(pin.minPython, log);
      log(`creating venv ${venv} with ${python}`);
      await stream(python, ['-m', 'venv', venv], log);
    }
    log(`pip install ${pin.requirements.join(' ')} (takes a few minutes)`);
    const constraints = join(EXTENSION_DIR, 'constraints', `${name}.txt`);
    await stream(sandboxPaths.venvBin(name, 'pip'), ['install', '--disable-pip-version-check', '-q', '-c', constraints, ...pin.requirements], log);
    const got = await installedVersion(name);
    if (got !== pin.version) throw new Error(`${name}: expected ${pin.version} in ${venv} after pip install, found ${got ?? 'nothing'}`);
    outcomes.push({ name, version: pin.version, venv, action: 'installed', seconds: (Date.now() - started) / 1000 });
  }
  if ((opts.names ?? Object.keys(PINNED_EMULATORS)).includes('localstack')) outcomes.push(await installExtension({ log }));
  return outcomes;
}

const fingerprintFile = () => join(sandboxPaths.venv('localstack'), 'firebreak-extension.sha256');

/** True when the LocalStack venv holds the extension built from the sources in this repository. */
export function extensionInstalled(): boolean {
  try {
    return readFileSync(fingerprintFile(), 'utf8').trim() === extensionFingerprint();
  } catch {
    return false;
  }
}

/**
 * pip-installs sandbox-extension/ into the LocalStack venv: offline (setuptools comes with
 * LocalStack's dependencies, no build isolation, no dependencies), from a copy so that the
 * build leaves nothing in the repository. Skips when the installed copy is current.
 */
export async function installExtension(opts: { log?: (line: string) => void } = {}): Promise<InstallOutcome> {
  const log = opts.log ?? (() => {});
  const venv = sandboxPaths.venv('localstack');
  const version = extensionVersion();
  const started = Date.now();
  if (extensionInstalled()) return { name: 'extension', version, venv, action: 'already-installed', seconds: 0 };
  if (!existsSync(sandboxPaths.venvBin('localstack', 'pip'))) throw new Error(`no LocalStack venv in ${venv}: run \`firebreak sandbox install\``);
  const lock = join(venv, '.firebreak-extension.lock');
  await withLock(lock, async () => {
    if (extensionInstalled()) return;
    const copy = await mkdtemp(join(tmpdir(), 'firebreak-ext-'));
    try {
      await cp(EXTENSION_DIR, copy, { recursive: true, filter: (src) => !/(^|\/)(build|__pycache__|[^/]+\.egg-info)$/.test(src) });
      log(`pip install ${EXTENSION_DISTRIBUTION} ${version} (Firebreak's LocalStack extension, offline)`);
      await stream(sandboxPaths.venvBin('localstack', 'pip'), ['install', '--disable-pip-version-check', '-q', '--no-deps', '--no-build-isolation', '--no-index', '--force-reinstall', copy], log);
      await writeFile(fingerprintFile(), extensionFingerprint() + '\n');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
  return { name: 'extension', version, venv, action: 'installed', seconds: (Date.now() - started) / 1000 };
}

/** A directory as a lock (mkdir is atomic): concurrent test files must not run pip at once. */
async function withLock(dir: string, fn: () => Promise<void>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${dir}; remove it if no install is running`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await fn();
  } finally {
    await rmdir(dir).catch(() => {});
  }
}

function stream(cmd: string, args: string[], log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        log(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (e) => reject(new Error(`cannot run ${cmd}: ${e.message}. Is Python 3.10+ installed? Set FIREBREAK_PYTHON to its path.`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${tail.join('\n')}`))));
  });
}
