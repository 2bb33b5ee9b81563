import type { Action } from '../../model.js';
import { routeService } from '../routing.js';
import { errorCode, hasSdkClient, sdkClient, sdkCommand } from '../sdk-clients.js';
import type { ReplayedCall } from '../types.js';
import { NotReplayable } from './shell-words.js';
import { replayCliCommand } from './cli-step.js';
import type { ReplaySession } from './session.js';

interface ApiCallDetails {
  service: string;
  cliService?: string;
  operation: string;
  parameters?: Record<string, unknown>;
}

export function apiCallDetails(action: Action): ApiCallDetails | undefined {
  const d = action.details as Partial<ApiCallDetails> | undefined;
  if (action.source.kind !== 'aws-api-calls' || !d?.service || !d.operation) return undefined;
  return { service: d.service, cliService: d.cliService, operation: d.operation, parameters: d.parameters ?? {} };
}

/** An AWS API call from a call list: through the SDK when a client is installed, else the AWS CLI. */
export async function replayApiCall(action: Action, call: ApiCallDetails, session: ReplaySession): Promise<ReplayedCall> {
  const service = call.service.toLowerCase();
  const operation = toPascal(call.operation);
  const rewrites: string[] = [];
  const params = session.ids.rewriteDeep(call.parameters ?? {}, rewrites);
  const engineName = routeService(service, session.engines.map((e) => e.name))!;
  const engine = session.engines.find((e) => e.name === engineName);
  if (!engine) throw new NotReplayable(`no emulator running for ${service}`);
  if (hasSdkClient(service)) {
    const command = await sdkCommand(service, operation, params);
    if (command) {
      const client = await sdkClient(service, { endpoint: engine.url, engine: engine.name, credentials: session.credentials, loopbackOnly: true, log: session.calls });
      const started = Date.now();
      try {
        await client.send(command);
        return { actionId: action.id, method: 'sdk', call: `${service}:${operation}`, engine: engine.name, ok: true, rewrites: rewrites.length ? rewrites : undefined, ms: Date.now() - started };
      } catch (e) {
        return { actionId: action.id, method: 'sdk', call: `${service}:${operation}`, engine: engine.name, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started };
      } finally {
        client.destroy();
      }
    }
  }
  // No SDK client here: the AWS CLI takes any operation with its input as JSON.
  const cliService = call.cliService && !/^[A-Z]/.test(call.cliService) ? call.cliService : service;
  const kebab = operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const json = JSON.stringify(params).replace(/'/g, "'\\''");
  const replayed = await replayCliCommand(`aws ${cliService} ${kebab} --cli-input-json '${json}'`, action.id, session);
  return { ...replayed, method: 'aws-cli', rewrites: rewrites.length ? rewrites : replayed.rewrites };
}

function toPascal(op: string): string {
  return op.includes('-') ? op.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') : op.charAt(0).toUpperCase() + op.slice(1);
}
