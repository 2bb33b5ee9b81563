// AWS SDK clients pointed at an emulator. Every SDK package is imported lazily: the CLI's
// fast path must not load them.
import type { CallLog } from './call-log.js';
import { isLoopbackHost } from './loopback.js';
import type { EngineName } from './routing.js';
import { SANDBOX_REGION, type SandboxCredentials } from './aws-env.js';

export interface ClientTarget {
  /** Undefined only for `discover` against a real account. */
  endpoint?: string;
  engine?: EngineName | 'aws';
  region?: string;
  credentials?: SandboxCredentials;
  /** `discover --profile p`. */
  profile?: string;
  /** Refuse any request whose host is not loopback (always on for the sandbox). */
  loopbackOnly: boolean;
  log?: CallLog;
}

/** npm package per service with an installed SDK client. */
export const SDK_PACKAGES = {
  cloudformation: { pkg: '@aws-sdk/client-cloudformation', client: 'CloudFormationClient' },
  s3: { pkg: '@aws-sdk/client-s3', client: 'S3Client' },
  ec2: { pkg: '@aws-sdk/client-ec2', client: 'EC2Client' },
  iam: { pkg: '@aws-sdk/client-iam', client: 'IAMClient' },
  rds: { pkg: '@aws-sdk/client-rds', client: 'RDSClient' },
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient' },
  lambda: { pkg: '@aws-sdk/client-lambda', client: 'LambdaClient' },
  sts: { pkg: '@aws-sdk/client-sts', client: 'STSClient' },
} as const;

export type SdkService = keyof typeof SDK_PACKAGES;

export function hasSdkClient(service: string): service is SdkService {
  return Object.hasOwn(SDK_PACKAGES, service);
}

type AnyModule = Record<string, unknown>;
const modules = new Map<string, Promise<AnyModule>>();

export function loadSdkModule(service: SdkService): Promise<AnyModule> {
  const { pkg } = SDK_PACKAGES[service];
  let mod = modules.get(pkg);
  if (!mod) {
    mod = import(pkg) as Promise<AnyModule>;
    modules.set(pkg, mod);
  }
  return mod;
}

export interface SdkClient {
  send(command: unknown): Promise<any>;
  middlewareStack: { add(mw: unknown, opts: unknown): void };
  destroy(): void;
}

/** A client for `service` with the endpoint forced, credentials fixed, and every request recorded. */
export async function sdkClient(service: SdkService, target: ClientTarget): Promise<SdkClient> {
  const mod = await loadSdkModule(service);
  const Client = mod[SDK_PACKAGES[service].client] as new (config: Record<string, unknown>) => SdkClient;
  const config: Record<string, unknown> = {
    region: target.region ?? SANDBOX_REGION,
    maxAttempts: target.endpoint ? 1 : 3,
  };
  if (target.endpoint) config.endpoint = target.endpoint;
  if (target.credentials) config.credentials = target.credentials;
  else if (target.profile) config.profile = target.profile;
  if (service === 's3') config.forcePathStyle = true;
  const client = new Client(config);
  client.middlewareStack.add(
    (next: (args: any) => Promise<any>, context: { commandName?: string }) => async (args: any) => {
      const host: string = args.request?.hostname ?? '';
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      if (target.loopbackOnly && !isLoopbackHost(host)) {
        throw new Error(`sandbox safety: refused to send ${service}:${operation} to ${host} (only 127.0.0.1 is allowed)`);
      }
      try {
        const out = await next(args);
        target.log?.record({ service, operation, host, engine: target.engine, ok: true });
        return out;
      } catch (e) {
        target.log?.record({ service, operation, host, engine: target.engine, ok: false, errorCode: errorCode(e) });
        throw e;
      }
    },
    { step: 'finalizeRequest', name: 'firebreakCallLog', priority: 'low' },
  );
  return client;
}

/** Builds `new <Operation>Command(input)` for an installed client, or undefined when there is none. */
export async function sdkCommand(service: SdkService, operation: string, input: unknown): Promise<unknown | undefined> {
  const mod = await loadSdkModule(service);
  const Command = mod[`${operation}Command`] as (new (input: unknown) => unknown) | undefined;
  return Command ? new Command(input) : undefined;
}

export function errorCode(e: unknown): string {
  const err = e as { name?: string; Code?: string; code?: string; $metadata?: unknown };
  return err?.Code ?? err?.name ?? err?.code ?? 'Error';
}
