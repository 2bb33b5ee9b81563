// Docker containers via dockerode (imported lazily). No Docker engine runs on the development
// and CI machines, so this path is kept small; the host provider is what CI exercises.
import { checkEngineHealth, type EngineEndpoint, type EngineHealth } from '../engines.js';
import type { EngineName } from '../routing.js';
import { DOCKER_IMAGES, PINNED_EMULATORS } from '../versions.js';
import { waitFor } from '../wait.js';
import { SandboxUnavailableError, type SandboxProvider, type StartOptions } from './types.js';

interface ContainerSpec {
  name: EngineName;
  image: string;
  port: number;
  env: string[];
  cmd?: string[];
}

export function containerSpecs(env: NodeJS.ProcessEnv = process.env): ContainerSpec[] {
  const token = env.LOCALSTACK_AUTH_TOKEN;
  return [
    {
      name: 'localstack',
      image: token ? env.FIREBREAK_LOCALSTACK_IMAGE ?? DOCKER_IMAGES.localstackWithToken : DOCKER_IMAGES.localstack,
      port: 4566,
      env: ['DISABLE_EVENTS=1', 'SKIP_SSL_CERT_DOWNLOAD=1', 'EAGER_SERVICE_LOADING=1', ...(token ? [`LOCALSTACK_AUTH_TOKEN=${token}`] : [])],
    },
    { name: 'moto', image: DOCKER_IMAGES.moto, port: 5000, env: [] },
  ];
}

export class DockerProvider implements SandboxProvider {
  readonly kind = 'docker' as const;
  private containers: { id: string; engine: EngineEndpoint }[] = [];

  private async docker(): Promise<any> {
    const { default: Docker } = (await import('dockerode')) as { default: new (opts?: object) => any };
    const docker = new Docker();
    try {
      await docker.ping();
    } catch (e) {
      throw new SandboxUnavailableError(`no Docker engine answers (${(e as Error).message})`, 'start Docker, or use host processes: `firebreak sandbox install`');
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
    try {
      for (const spec of containerSpecs()) {
        await this.pullIfMissing(docker, spec.image, log);
        log(`starting ${spec.image}`);
        const container = await docker.createContainer({
          Image: spec.image,
          Env: spec.env,
          ExposedPorts: { [`${spec.port}/tcp`]: {} },
          HostConfig: { PortBindings: { [`${spec.port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] }, AutoRemove: !opts.detach },
          Labels: { 'firebreak.sandbox': spec.name },
        });
        await container.start();
        const info = await container.inspect();
        const hostPort = info.NetworkSettings?.Ports?.[`${spec.port}/tcp`]?.[0]?.HostPort;
        const engine: EngineEndpoint = { name: spec.name, url: `http://127.0.0.1:${hostPort}`, version: spec.image.split(':')[1] ?? PINNED_EMULATORS[spec.name].version };
        this.containers.push({ id: container.id, engine });
        await waitFor(`${spec.name} container`, async () => ((await checkEngineHealth(engine)).healthy ? true : undefined), { timeoutMs: opts.timeoutMs ?? 120_000, intervalMs: 500 });
        log(`${spec.name} ready on ${engine.url}`);
      }
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
    if (!all.length) return;
    const docker = await this.docker();
    await Promise.all(all.map((c) => docker.getContainer(c.id).remove({ force: true }).catch(() => {})));
  }

  endpoints(): EngineEndpoint[] {
    return this.containers.map((c) => c.engine);
  }

  health(): Promise<EngineHealth[]> {
    return Promise.all(this.endpoints().map(checkEngineHealth));
  }
}
