import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEngineHealth, type EngineEndpoint, type EngineHealth } from '../engines.js';
import { startLoggedProcess, stopProcessGroup, type StartedProcess } from '../child-processes.js';
import { sandboxPaths } from '../paths.js';
import { freeLocalPort } from '../ports.js';
import { LOCALSTACK_SERVICES } from '../routing.js';
import { scrubbedProcessEnv } from '../aws-env.js';
import { PINNED_EMULATORS } from '../versions.js';
import { waitFor } from '../wait.js';
import { SandboxUnavailableError, type SandboxProvider, type StartOptions } from './types.js';

export interface HostProcessInfo {
  name: 'localstack' | 'moto';
  pid: number;
  url: string;
  logFile: string;
  fsRoot?: string;
}

/** LocalStack and moto as processes from the venvs `firebreak sandbox install` created. */
export class HostProvider implements SandboxProvider {
  readonly kind = 'host' as const;
  private started: (HostProcessInfo & { proc: StartedProcess })[] = [];

  static installed(): { localstack: boolean; moto: boolean } {
    return {
      localstack: existsSync(sandboxPaths.venvBin('localstack', 'python')),
      moto: existsSync(sandboxPaths.venvBin('moto', 'moto_server')),
    };
  }

  processes(): HostProcessInfo[] {
    return this.started.map(({ proc: _proc, ...info }) => info);
  }

  endpoints(): EngineEndpoint[] {
    return this.started.map((p) => ({
      name: p.name,
      url: p.url,
      version: PINNED_EMULATORS[p.name].version,
    }));
  }

  async start(opts: StartOptions = {}): Promise<EngineEndpoint[]> {
    const log = opts.log ?? (() => {});
    const have = HostProvider.installed();
    if (!have.localstack && !have.moto) {
      throw new SandboxUnavailableError(
        'the emulators are not installed',
        'run `firebreak sandbox install` (pip-installs LocalStack 4.14.0 and moto into .firebreak/venv)',
      );
    }
    await mkdir(sandboxPaths.logs(), { recursive: true });
    try {
      // Both start in parallel; the slower one (LocalStack) decides the cold start.
      await Promise.all([
        have.localstack ? this.startLocalStack(opts, log) : Promise.resolve(),
        have.moto ? this.startMoto(opts, log) : Promise.resolve(),
      ]);
    } catch (e) {
      await this.stop();
      throw e;
    }
    return this.endpoints();
  }

  private async startLocalStack(opts: StartOptions, log: (l: string) => void): Promise<void> {
    const port = await freeLocalPort();
    const fsRoot = await mkdtemp(join(tmpdir(), 'firebreak-localstack-'));
    const url = `http://127.0.0.1:${port}`;
    const logFile = join(sandboxPaths.logs(), `localstack-${port}.log`);
    const env = {
      ...scrubbedProcessEnv(),
      GATEWAY_LISTEN: `127.0.0.1:${port}`,
      LOCALSTACK_HOST: `127.0.0.1:${port}`,
      DNS_ADDRESS: '0',
      DISABLE_EVENTS: '1',
      SKIP_SSL_CERT_DOWNLOAD: '1',
      SKIP_INFRA_DOWNLOADS: '1',
      FILESYSTEM_ROOT: fsRoot,
      SERVICES: LOCALSTACK_SERVICES.join(','),
      EAGER_SERVICE_LOADING: process.env.FIREBREAK_EAGER_SERVICES ?? '1',
      PERSISTENCE: '0',
      CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES: '1',
    };
    log(`starting LocalStack ${PINNED_EMULATORS.localstack.version} on ${url} (log: ${logFile})`);
    const proc = startLoggedProcess(sandboxPaths.venvBin('localstack', 'python'), ['-m', 'localstack.runtime.main'], {
      env,
      logFile,
      detach: opts.detach,
      cwd: fsRoot,
    });
    this.started.push({ name: 'localstack', pid: proc.pid, url, logFile, fsRoot, proc });
    await waitFor(
      'LocalStack',
      async () => ((await checkEngineHealth({ name: 'localstack', url })).healthy && logSays(logFile, 'Ready.') ? true : undefined),
      { timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 300, abort: () => exitReason(proc, logFile) },
    );
    log(`LocalStack ready on ${url}`);
  }

  private async startMoto(opts: StartOptions, log: (l: string) => void): Promise<void> {
    const port = await freeLocalPort();
    const url = `http://127.0.0.1:${port}`;
    const logFile = join(sandboxPaths.logs(), `moto-${port}.log`);
    log(`starting moto ${PINNED_EMULATORS.moto.version} on ${url}`);
    const proc = startLoggedProcess(sandboxPaths.venvBin('moto', 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
      env: scrubbedProcessEnv(),
      logFile,
      detach: opts.detach,
    });
    this.started.push({ name: 'moto', pid: proc.pid, url, logFile, proc });
    await waitFor('moto', async () => ((await checkEngineHealth({ name: 'moto', url })).healthy ? true : undefined), {
      timeoutMs: opts.timeoutMs ?? 60_000,
      intervalMs: 200,
      abort: () => exitReason(proc, logFile),
    });
    log(`moto ready on ${url}`);
  }

  async stop(): Promise<void> {
    const all = this.started;
    this.started = [];
    await Promise.all(
      all.map(async (p) => {
        await stopProcessGroup(p.pid);
        if (p.fsRoot) await rm(p.fsRoot, { recursive: true, force: true });
      }),
    );
  }

  async health(): Promise<EngineHealth[]> {
    return Promise.all(this.endpoints().map(checkEngineHealth));
  }
}

function logSays(logFile: string, text: string): boolean {
  try {
    return readFileSync(logFile, 'utf8').includes(text);
  } catch {
    return false;
  }
}

function exitReason(proc: StartedProcess, logFile: string): string | undefined {
  const exit = proc.exited();
  if (!exit) return undefined;
  let tail = '';
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    /* no log */
  }
  return `exited with ${exit.code ?? exit.signal} before it was ready; last log lines:\n${tail}`;
}
