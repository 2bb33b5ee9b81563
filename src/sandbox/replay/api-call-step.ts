import type { Action } from '../../model.js';
import { EmulatorCallError } from '../emulator-rpc.js';
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

/** Services spoken to directly (no SDK client installed): JSON protocol target prefix and version. */
const JSON_PROTOCOL: Readonly<Record<string, { prefix: string; version: '1.0' | '1.1' }>> = {
  kms: { prefix: 'TrentService', version: '1.1' },
  logs: { prefix: 'Logs_20140328', version: '1.1' },
  ecs: { prefix: 'AmazonEC2ContainerServiceV20141113', version: '1.1' },
  secretsmanager: { prefix: 'secretsmanager', version: '1.1' },
  sqs: { prefix: 'AmazonSQS', version: '1.0' },
  ssm: { prefix: 'AmazonSSM', version: '1.1' },
  events: { prefix: 'AWSEvents', version: '1.1' },
  cloudwatch: { prefix: 'GraniteServiceVersion20100801', version: '1.0' },
};

/** Query-protocol services and their API versions. */
const QUERY_PROTOCOL: Readonly<Record<string, string>> = { sns: '2010-03-31', elbv2: '2015-12-01' };

/** AWS query serialisation: lists as `Name.member.N`, structures as `Name.Field`. */
export function flattenQuery(params: Record<string, unknown>, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (v && typeof v === 'object') Object.assign(out, flattenQuery(v as Record<string, unknown>, `${name}.member.${i + 1}`));
        else out[`${name}.member.${i + 1}`] = String(v);
      });
    } else if (typeof value === 'object') Object.assign(out, flattenQuery(value as Record<string, unknown>, name));
    else out[name] = String(value);
  }
  return out;
}

/** An AWS API call: through the SDK when a client is installed, the service's own protocol when known, else the AWS CLI. */
export async function replayApiCall(action: Action, call: ApiCallDetails, session: ReplaySession): Promise<ReplayedCall> {
  const service = call.service.toLowerCase();
  const operation = toPascal(call.operation);
  const rewrites: string[] = [];
  const params = session.ids.rewriteDeep(call.parameters ?? {}, rewrites);
  const engineName = routeService(service, session.engines);
  const engine = session.engines.find((e) => e.name === engineName);
  if (!engine) throw new NotReplayable(`no emulator running for ${service}`);
  const done = (ok: boolean, method: ReplayedCall['method'], started: number, error?: unknown): ReplayedCall => ({
    actionId: action.id,
    method,
    call: `${service}:${operation}`,
    engine: engine.name,
    ok,
    ...(error ? { code: error instanceof EmulatorCallError ? error.code : errorCode(error), message: (error as Error).message } : {}),
    ...(rewrites.length ? { rewrites: [...new Set(rewrites)] } : {}),
    ms: Date.now() - started,
  });
  if (hasSdkClient(service)) {
    const command = await sdkCommand(service, operation, params);
    if (command) {
      const client = await sdkClient(service, { endpoint: engine.url, engine: engine.name, credentials: session.credentials, loopbackOnly: true, log: session.calls });
      const started = Date.now();
      try {
        await client.send(command);
        return done(true, 'sdk', started);
      } catch (e) {
        return done(false, 'sdk', started, e);
      } finally {
        client.destroy();
      }
    }
  }
  const json = JSON_PROTOCOL[service];
  const query = QUERY_PROTOCOL[service];
  if (json || query) {
    const started = Date.now();
    try {
      if (json) await session.ctx.json!(service, json.prefix, json.version, operation, params);
      else await session.ctx.query!(service, query, operation, flattenQuery(params));
      return done(true, 'emulator-api', started);
    } catch (e) {
      return done(false, 'emulator-api', started, e);
    }
  }
  // Anything else: the AWS CLI takes any operation with its input as JSON.
  const cliService = call.cliService && !/^[A-Z]/.test(call.cliService) ? call.cliService : service;
  const kebab = operation.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const jsonInput = JSON.stringify(params).replace(/'/g, "'\\''");
  const replayed = await replayCliCommand(`aws ${cliService} ${kebab} --cli-input-json '${jsonInput}'`, action.id, session);
  return { ...replayed, method: 'aws-cli', rewrites: rewrites.length ? rewrites : replayed.rewrites };
}

function toPascal(op: string): string {
  return op.includes('-') ? op.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') : op.charAt(0).toUpperCase() + op.slice(1);
}
