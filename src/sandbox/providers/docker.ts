// Containers through the Docker API (dockerode, imported lazily): Docker, or podman's
// Docker-compatible service (DOCKER_HOST=unix:///run/podman/podman.sock). LocalStack runs with
// Firebreak's extension mounted read-only and on PYTHONPATH, publishes on 127.0.0.1 only, and
// must report the extension's loopback guard, or the provider refuses to use it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEngineHealth, extensionStatus, type EngineEndpoint, type EngineHealth } from '../engines.js';
import { extensionSiteDir, extensionVersion } from '../extension.js';
import { EXTENSION_PROVIDER_OVERRIDES, localstackServices } from '../routing.js';
import { DOCKER_IMAGES, PINNED_EMULATORS } from '../versions.js';
import { waitFor } from '../wait.js';
import { SandboxUnavailableError, type SandboxProvider, type StartOptions } from './types.js';

const EXTENSION_MOUNT = '/opt/firebreak-extension';

export interface ContainerSpec {
  image: string;
  port: number;
  env: string[];
}

/** The LocalStack container: which image, and the environment that loads Firebreak's extension. */
export function localstackContainer(env: NodeJS.ProcessEnv = process.env): ContainerSpec {
  const token = env.LOCALSTACK_AUTH_TOKEN;
  const image = env.FIREBREAK_LOCALSTACK_IMAGE ?? (token ? DOCKER_IMAGES.localstackWithToken : DOCKER_IMAGES.localstack);
  return {
    image,
    port: 4566,
    env: [
      // Inside the container's own network; the host publishes the port on 127.0.0.1 only.
      'GATEWAY_LISTEN=0.0.0.0:4566',
      'GATEWAY_SERVER=hypercorn',
      'LOCALSTACK_HOST=127.0.0.1:4566',
      'DNS_ADDRESS=0',
      'DISABLE_EVENTS=1',
      'SKIP_SSL_CERT_DOWNLOAD=1',
      'EAGER_SERVICE_LOADING=1',
      'PERSISTENCE=0',
      'CFN_IGNORE_UNSUPPORTED_RESOURCE_TYPES=0',
      'CFN_NO_WAIT_ITERATIONS=20',
      `SERVICES=${localstackServices(true).join(',')}`,
      `PYTHONPATH=${EXTENSION_MOUNT}`,
      'FIREBREAK_CONTAIN=1',
      // The guard still refuses DNS and every connection off loopback; only the bind is the container's.
      'FIREBREAK_ALLOW_ANY_BIND=1',
      ...Object.entries(EXTENSION_PROVIDER_OVERRIDES).map(([k, v]) => `${k}=${v}`),
      ...(token ? [`LOCALSTACK_AUTH_TOKEN=${token}`] : []),
    ],
  };
}

export class DockerProvider implements SandboxProvider {
  readonly kind = 'docker' as const;
  private containers: { id: string; engine: EngineEndpoint }[] = [];
  private siteDir?: string;

  private async docker(): Promise<any> {
    const { default: Docker } = (await import('dockerode')) as { default: new (opts?: object) => any };
    const docker = new Docker();
    try {
      await docker.ping();
    } catch (e) {
      throw new SandboxUnavailableError(`no Docker engine answers (${(e as Error).message})`, 'start Docker (or `podman system service` with DOCKER_HOST set), or use host processes: `firebreak sandbox install`');
    }
    return docker;
  }

  static async available(): Promise<boolean> {
    try {
      await new DockerProvider().docker();
      return true;
    } catch {
      return false;
    }
  }

  async start(opts: StartOptions = {}): Promise<EngineEndpoint[]> {
    const log = opts.log ?? (() => {});
    const docker = await this.docker();
    const spec = localstackContainer();
    try {
      this.siteDir = await extensionSiteDir(await mkdtemp(join(tmpdir(), 'firebreak-extension-')));
      await this.pullIfMissing(docker, spec.image, log);
      log(`starting ${spec.image} with Firebreak's extension`);
      const container = await docker.createContainer({
        Image: spec.image,
        Env: spec.env,
        ExposedPorts: { [`${spec.port}/tcp`]: {} },
        HostConfig: {
          PortBindings: { [`${spec.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
          Binds: [`${this.siteDir}:${EXTENSION_MOUNT}:ro`],
          AutoRemove: !opts.detach,
        },
        Labels: { 'firebreak.sandbox': 'localstack' },
      });
      await container.start();
      const info = await container.inspect();
      const hostPort = info.NetworkSettings?.Ports?.[`${spec.port}/tcp`]?.[0]?.HostPort;
      const url = `http://127.0.0.1:${hostPort}`;
      const engine: EngineEndpoint = { name: 'localstack', url, version: spec.image.split(':')[1] ?? PINNED_EMULATORS.localstack.version };
      this.containers.push({ id: container.id, engine });
      await waitFor('localstack container', async () => ((await checkEngineHealth(engine)).healthy ? true : undefined), { timeoutMs: opts.timeoutMs ?? 180_000, intervalMs: 500 });
      const extension = await extensionStatus(url);
      if (!extension?.contained || extension.version !== extensionVersion()) {
        throw new SandboxUnavailableError(
          `the LocalStack container (${spec.image}) did not load Firebreak's extension${extension ? ` ${extension.version} with its loopback guard` : ''}`,
          'use the pinned image (localstack/localstack:4.14.0) or one whose LocalStack reads PYTHONPATH; FIREBREAK_LOCALSTACK_IMAGE selects the image',
        );
      }
      engine.extension = extension.version;
      log(`localstack ready on ${url} (Firebreak extension ${extension.version})`);
    } catch (e) {
      await this.stop();
      throw e;
    }
    return this.endpoints();
  }

  private async pullIfMissing(docker: any, image: string, log: (l: string) => void): Promise<void> {
    try {
      await docker.getImage(image).inspect();
      return;
    } catch {
      /* not present */
    }
    log(`pulling ${image}`);
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
  }

  async stop(): Promise<void> {
    const all = this.containers;
    this.containers = [];
    if (all.length) {
      const docker = await this.docker();
      await Promise.all(all.map((c) => docker.getContainer(c.id).remove({ force: true }).catch(() => {})));
    }
    if (this.siteDir) await rm(this.siteDir, { recursive: true, force: true }).catch(() => {});
    this.siteDir = undefined;
  }

  endpoints(): EngineEndpoint[] {
    return this.containers.map((c) => c.engine);
  }

  health(): Promise<EngineHealth[]> {
    return Promise.all(this.endpoints().map(checkEngineHealth));
  }
}
