import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEngineHealth, extensionStatus, type EngineEndpoint, type EngineHealth } from '../engines.js';
import { startLoggedProcess, stopProcessGroup, type StartedProcess } from '../child-processes.js';
import { extensionVersion } from '../extension.js';
import { installExtension } from '../install.js';
import { sandboxPaths } from '../paths.js';
import { freeLocalPort } from '../ports.js';
import { EXTENSION_PROVIDER_OVERRIDES, localstackServices } from '../routing.js';
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
  /** Version of Firebreak's extension LocalStack runs with. */
  extension?: string;
}

/**
 * LocalStack's environment in host mode. Loopback only: GATEWAY_SERVER=hypercorn (the default
 * Twisted server listens on every interface whatever GATEWAY_LISTEN says), no DNS server, and
 * Firebreak's extension (FIREBREAK_CONTAIN) guards every socket and pre-sets the S3 hostname check.
 */
export function localstackEnv(port: number, fsRoot: string, base: NodeJS.ProcessEnv = scrubbedProcessEnv()): NodeJS.ProcessEnv {
  return {
    ...base,
    GATEWAY_LISTEN: `127.0.0.1:${port}`,
    GATEWAY_SERVER: 'hypercorn',
    LOCALSTACK_HOST: `127.0.0.1:${port}`,
    DNS_ADDRESS: '0',
    DISABLE_EVENTS: '1',
    SKIP_SSL_CERT_DOWNLOAD: '1',
    FILESYSTEM_ROOT: fsRoot,
    SERVICES: localstackServices(true).join(','),
    EAGER_SERVICE_LOADING: process.env.FIREBREAK_EAGER_SERVICES ?? '1',
    PERSISTENCE: '0',
    // A type without a provider fails the stack instead of "succeeding" as a no-op; the twin
    // leaves such types out and says so (seed/twin-template.ts).
    CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES: '0',
    FIREBREAK_CONTAIN: '1',
    // moto answers at once: poll a resource's progress without LocalStack's one-second pauses.
    CFN_NO_WAIT_ITERATIONS: '20',
    ...EXTENSION_PROVIDER_OVERRIDES,
  };
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
      ...(p.extension ? { extension: p.extension } : {}),
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
      // LocalStack with Firebreak's extension models every service the twin needs; moto runs
      // only when LocalStack is not installed.
      if (have.localstack) await this.startLocalStack(opts, log);
      else await this.startMoto(opts, log);
    } catch (e) {
      await this.stop();
      throw e;
    }
    return this.endpoints();
  }

  private async startLocalStack(opts: StartOptions, log: (l: string) => void): Promise<void> {
    // The extension is what keeps LocalStack on the loopback interface: no extension, no LocalStack.
    try {
      await installExtension({ log });
    } catch (e) {
      throw new SandboxUnavailableError(`Firebreak's LocalStack extension could not be installed: ${(e as Error).message}`, 'run `firebreak sandbox install`');
    }
    const port = await freeLocalPort();
    const fsRoot = await mkdtemp(join(tmpdir(), 'firebreak-localstack-'));
    const url = `http://127.0.0.1:${port}`;
    const logFile = join(sandboxPaths.logs(), `localstack-${port}.log`);
    const env = localstackEnv(port, fsRoot);
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
    const extension = await extensionStatus(url);
    const expected = extensionVersion();
    if (!extension || !extension.contained || extension.version !== expected) {
      throw new SandboxUnavailableError(
        extension
          ? `LocalStack runs Firebreak's extension ${extension.version}${extension.contained ? '' : ' without its loopback guard'} (expected ${expected}, contained)`
          : `LocalStack started without Firebreak's extension (see ${logFile})`,
        'run `firebreak sandbox install` (it installs the extension into .firebreak/venv/localstack)',
      );
    }
    this.started[this.started.length - 1].extension = extension.version;
    log(`LocalStack ready on ${url} (Firebreak extension ${extension.version}, loopback only)`);
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
