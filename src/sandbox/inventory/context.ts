import type { CallLog } from '../call-log.js';
import type { EngineEndpoint } from '../engines.js';
import { jsonRpc, queryRpc, restRpc, type RpcTarget } from '../emulator-rpc.js';
import { EXTENSION_SERVICES, routeService, type EngineName } from '../routing.js';
import { sdkClient, type SdkClient, type SdkService } from '../sdk-clients.js';
import type { SandboxCredentials } from '../aws-env.js';

/** Where listers send their calls: the emulators (sandbox) or a real account (discover). */
export interface InventoryContext {
  engineFor(service: string): EngineName | 'aws';
  client(service: SdkService): Promise<SdkClient>;
  /** Services without an SDK client; only available against emulators. */
  json?(service: string, prefix: string, version: '1.0' | '1.1', operation: string, body?: unknown): Promise<any>;
  query?(service: string, version: string, operation: string, params?: Record<string, string>): Promise<string>;
  rest?(service: string, method: 'GET' | 'DELETE', path: string, operation: string): Promise<any>;
  /** Whether a running engine models `service` (listing one nobody serves would only fail). */
  serves?(service: string): boolean;
  /** CloudFormation types the engine can deploy (from Firebreak's extension); unknown without it. */
  cfnTypes?: ReadonlySet<string>;
  dispose(): void;
}

export function emulatorContext(engines: EngineEndpoint[], credentials: SandboxCredentials, log: CallLog, cfnTypes?: ReadonlySet<string>): InventoryContext {
  const endpointOf = (service: string): EngineEndpoint => {
    const name = routeService(service, engines);
    const engine = engines.find((e) => e.name === name);
    if (!engine) throw new Error(`no emulator running for ${service}`);
    return engine;
  };
  const clients = new Map<string, Promise<SdkClient>>();
  const rpcTarget = (service: string): RpcTarget => {
    const e = endpointOf(service);
    return { endpoint: e.url, engine: e.name, accessKeyId: credentials.accessKeyId, log };
  };
  return {
    engineFor: (service) => endpointOf(service).name,
    cfnTypes,
    serves: (service) => !EXTENSION_SERVICES.has(service) || engines.some((e) => e.name === 'moto' || !!e.extension),
    client(service) {
      let c = clients.get(service);
      if (!c) {
        const e = endpointOf(service);
        c = sdkClient(service, { endpoint: e.url, engine: e.name, credentials, loopbackOnly: true, log });
        clients.set(service, c);
      }
      return c;
    },
    json: (service, prefix, version, operation, body) => jsonRpc(rpcTarget(service), service, prefix, version, operation, body),
    query: (service, version, operation, params) => queryRpc(rpcTarget(service), service, version, operation, params),
    rest: (service, method, path, operation) => restRpc(rpcTarget(service), service, method, path, operation),
    dispose() {
      for (const c of clients.values()) void c.then((x) => x.destroy()).catch(() => {});
      clients.clear();
    },
  };
}
