import { checkEngineHealth, type EngineEndpoint } from '../engines.js';
import { readWarmState } from '../warm.js';
import { DockerProvider } from './docker.js';
import { COMPOSE_ENDPOINTS, configuredEndpoints, EndpointProvider } from './endpoint.js';
import { HostProvider } from './host.js';
import { SandboxUnavailableError, type ProviderChoice, type SandboxProvider, type StartOptions } from './types.js';

export interface AcquiredSandbox {
  provider: SandboxProvider;
  engines: EngineEndpoint[];
  /** True when the emulators were already running (warm sandbox, compose, env endpoint). */
  reused: boolean;
  /** Stops what was started here; leaves emulators others run alone. */
  release(): Promise<void>;
}

export const HOW_TO_GET_A_SANDBOX =
  'run `firebreak sandbox install` once (pip-installs LocalStack 4.14.0 and moto into .firebreak/venv), ' +
  'or `docker compose up -d` in the repository, or set FIREBREAK_SANDBOX_ENDPOINT=http://127.0.0.1:<port>';

async function allHealthy(engines: EngineEndpoint[]): Promise<boolean> {
  if (!engines.length) return false;
  return (await Promise.all(engines.map(checkEngineHealth))).some((h) => h.healthy);
}

/** Finds emulators in order: env endpoints, warm sandbox, compose ports, Docker, host processes. */
export async function acquireSandbox(choice: ProviderChoice = 'auto', opts: StartOptions = {}): Promise<AcquiredSandbox> {
  const started = async (provider: SandboxProvider, reused: boolean): Promise<AcquiredSandbox> => {
    const engines = await provider.start(opts);
    return { provider, engines, reused, release: () => (reused ? Promise.resolve() : provider.stop()) };
  };
  if (choice === 'auto' || choice === 'endpoint') {
    const configured = configuredEndpoints();
    if (configured.length) return started(new EndpointProvider(configured), true);
    const warm = readWarmState();
    if (warm && (await allHealthy(warm.engines))) return started(new EndpointProvider(warm.engines), true);
    if (choice === 'endpoint' || (await allHealthy(COMPOSE_ENDPOINTS))) return started(new EndpointProvider(COMPOSE_ENDPOINTS, false), true);
  }
  if (choice === 'docker' || (choice === 'auto' && (await DockerProvider.available()))) return started(new DockerProvider(), false);
  const installed = HostProvider.installed();
  if (choice === 'host' || installed.localstack || installed.moto) return started(new HostProvider(), false);
  throw new SandboxUnavailableError('no local AWS emulator is installed or running', HOW_TO_GET_A_SANDBOX);
}
