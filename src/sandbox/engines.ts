import type { EngineName } from './routing.js';
import { getJson } from './wait.js';

/** One running emulator as the rest of the sandbox sees it. */
export interface EngineEndpoint {
  name: EngineName;
  url: string;
  version?: string;
  /** Version of Firebreak's LocalStack extension (sandbox-extension/), when LocalStack runs it. */
  extension?: string;
}

/** What `GET /_firebreak/status` says about Firebreak's extension inside LocalStack. */
export interface ExtensionStatus {
  version: string;
  /** The in-process loopback guard is on. */
  contained: boolean;
  applied: string[];
  /** CloudFormation types LocalStack has providers for. */
  cloudformationTypes: string[];
  /** Code locations the twin stood in for (not in the twin's S3). */
  standInCode: string[];
}

export interface EngineHealth {
  name: EngineName;
  url: string;
  healthy: boolean;
  version?: string;
  detail: string;
  services?: Record<string, string>;
  /** Version of Firebreak's extension, and what it reports. */
  extension?: string;
  extensionStatus?: ExtensionStatus;
}

interface LocalStackHealth {
  services?: Record<string, string>;
  edition?: string;
  version?: string;
}

/** LocalStack: GET /_localstack/health. moto: GET /moto-api/ (its dashboard). */
export async function checkEngineHealth(engine: EngineEndpoint): Promise<EngineHealth> {
  try {
    if (engine.name === 'localstack') {
      const { status, body } = await getJson(`${engine.url}/_localstack/health`);
      const health = body as LocalStackHealth;
      if (status !== 200 || typeof health !== 'object' || !health.services) {
        return { ...engine, healthy: false, detail: `health returned HTTP ${status}` };
      }
      const failed = Object.entries(health.services).filter(([, s]) => s === 'error').map(([n]) => n);
      const extension = await extensionStatus(engine.url);
      return {
        name: engine.name,
        url: engine.url,
        healthy: failed.length === 0,
        version: health.version,
        services: health.services,
        ...(extension ? { extension: extension.version, extensionStatus: extension } : {}),
        detail: failed.length ? `services in error: ${failed.join(', ')}` : `${health.edition ?? 'community'} ${health.version ?? ''}`.trim(),
      };
    }
    // Not /moto-api/data.json: moto 5.2.5 answers it with HTTP 500 once an RDS instance exists.
    const { status } = await getJson(`${engine.url}/moto-api/`, 5000);
    return { ...engine, healthy: status === 200, detail: status === 200 ? 'moto server ready' : `HTTP ${status}` };
  } catch (e) {
    return { ...engine, healthy: false, detail: `not reachable (${(e as Error).message})` };
  }
}

/** Firebreak's extension inside LocalStack, or undefined when LocalStack runs without it. */
export async function extensionStatus(url: string): Promise<ExtensionStatus | undefined> {
  try {
    const { status, body } = await getJson(`${url}/_firebreak/status`, 5000);
    const b = body as Partial<ExtensionStatus> & { extension?: string };
    return status === 200 && b?.extension === 'firebreak-localstack' && typeof b.version === 'string'
      ? {
          version: b.version,
          contained: b.contained === true,
          applied: Array.isArray(b.applied) ? b.applied.map(String) : [],
          cloudformationTypes: Array.isArray(b.cloudformationTypes) ? b.cloudformationTypes.map(String) : [],
          standInCode: Array.isArray(b.standInCode) ? b.standInCode.map(String) : [],
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Clears every resource in the emulator so the next run starts from an empty twin. */
export async function resetEngine(engine: EngineEndpoint): Promise<void> {
  const path = engine.name === 'localstack' ? '/_localstack/state/reset' : '/moto-api/reset';
  const res = await fetch(`${engine.url}${path}`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  await res.text();
  if (!res.ok) throw new Error(`reset of ${engine.name} at ${engine.url} failed: HTTP ${res.status}`);
}
