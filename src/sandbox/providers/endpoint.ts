import { checkEngineHealth, type EngineEndpoint, type EngineHealth } from '../engines.js';
import { assertLoopbackUrl } from '../loopback.js';
import { SandboxUnavailableError, type SandboxProvider } from './types.js';

/** Ports published by the repository's docker-compose.yml. */
export const COMPOSE_ENDPOINTS: EngineEndpoint[] = [
  { name: 'localstack', url: 'http://127.0.0.1:4566' },
  { name: 'moto', url: 'http://127.0.0.1:5000' },
];

/** Endpoints named in FIREBREAK_SANDBOX_ENDPOINT (LocalStack) / FIREBREAK_MOTO_ENDPOINT (moto). */
export function configuredEndpoints(env: NodeJS.ProcessEnv = process.env): EngineEndpoint[] {
  const out: EngineEndpoint[] = [];
  if (env.FIREBREAK_SANDBOX_ENDPOINT) out.push({ name: 'localstack', url: assertLoopbackUrl(env.FIREBREAK_SANDBOX_ENDPOINT, 'FIREBREAK_SANDBOX_ENDPOINT') });
  if (env.FIREBREAK_MOTO_ENDPOINT) out.push({ name: 'moto', url: assertLoopbackUrl(env.FIREBREAK_MOTO_ENDPOINT, 'FIREBREAK_MOTO_ENDPOINT') });
  return out;
}

/** Emulators someone else runs (env vars, `docker compose up`, or `firebreak sandbox up`). Never stopped by us. */
export class EndpointProvider implements SandboxProvider {
  readonly kind = 'endpoint' as const;
  private live: EngineEndpoint[] = [];

  /** `required`: every candidate must be healthy (named endpoints); else at least one (compose ports). */
  constructor(
    private readonly candidates: EngineEndpoint[] = configuredEndpoints().length ? configuredEndpoints() : COMPOSE_ENDPOINTS,
    private readonly required = true,
  ) {}

  async start(): Promise<EngineEndpoint[]> {
    const health = await Promise.all(this.candidates.map(checkEngineHealth));
    const sick = health.filter((h) => !h.healthy);
    // Every named engine must answer: a missing one would silently move its services elsewhere.
    if (sick.length && (this.required || sick.length === health.length)) {
      throw new SandboxUnavailableError(
        `emulator not answering: ${sick.map((h) => `${h.name} at ${h.url}: ${h.detail}`).join('; ')}`,
        'start one with `docker compose up -d` or `firebreak sandbox up`, or set FIREBREAK_SANDBOX_ENDPOINT=http://127.0.0.1:<port>',
      );
    }
    this.live = health.filter((h) => h.healthy).map((h) => ({ name: h.name, url: h.url, version: h.version, ...(h.extension ? { extension: h.extension } : {}) }));
    return this.live;
  }

  async stop(): Promise<void> {
    this.live = [];
  }

  endpoints(): EngineEndpoint[] {
    return this.live;
  }

  health(): Promise<EngineHealth[]> {
    return Promise.all(this.live.map(checkEngineHealth));
  }
}
