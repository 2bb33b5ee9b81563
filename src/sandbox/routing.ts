// Which emulator models which AWS service. Data, not code: change the table, not the callers.
import type { SandboxEngineName } from '../model.js';

export type EngineName = SandboxEngineName;

/** What routing needs to know about a running engine. */
export interface RoutableEngine {
  name: EngineName;
  /** Version of Firebreak's LocalStack extension, when the engine runs it. */
  extension?: string;
}

/** AWS services the twin models (the service name the SDK / CLI signs requests for). */
export const SANDBOX_SERVICES = [
  'cloudformation',
  's3',
  'ec2',
  'iam',
  'sts',
  'sqs',
  'sns',
  'ssm',
  'kms',
  'secretsmanager',
  'logs',
  'events',
  'apigateway',
  'cloudwatch',
  'acm',
  'dynamodb',
  'dynamodbstreams',
  'lambda',
  'rds',
  'ecs',
  'elbv2',
] as const;

/**
 * Services LocalStack 4.14 community serves only with Firebreak's extension (moto inside LocalStack:
 * no DynamoDB Local download, no Docker for Lambda, RDS / ECS / ELBv2 that community lacks).
 * Without the extension a separate moto server answers them.
 */
export const EXTENSION_SERVICES: ReadonlySet<string> = new Set(['dynamodb', 'dynamodbstreams', 'lambda', 'rds', 'ecs', 'elbv2']);

/** Services LocalStack is asked to load (SERVICES=...). */
export function localstackServices(withExtension: boolean): string[] {
  return SANDBOX_SERVICES.filter((s) => withExtension || !EXTENSION_SERVICES.has(s));
}

/** The LocalStack provider overrides the extension brings (PROVIDER_OVERRIDE_<SERVICE>=moto). */
export const EXTENSION_PROVIDER_OVERRIDES: Readonly<Record<string, string>> = {
  PROVIDER_OVERRIDE_DYNAMODB: 'moto',
  PROVIDER_OVERRIDE_DYNAMODBSTREAMS: 'moto',
  PROVIDER_OVERRIDE_RDS: 'moto',
  PROVIDER_OVERRIDE_ECS: 'moto',
  PROVIDER_OVERRIDE_ELBV2: 'moto',
  LAMBDA_RUNTIME_EXECUTOR: 'no-container',
};

/** AWS CLI command names that sign for another service name. */
export const CLI_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  s3api: 's3',
  s3control: 's3',
  configservice: 'config',
};

/** The name a service signs its requests with, where it differs from the service name. */
export const SIGNING_NAMES: Readonly<Record<string, string>> = {
  cloudwatch: 'monitoring',
  elbv2: 'elasticloadbalancing',
};

export function signingName(service: string): string {
  return SIGNING_NAMES[service] ?? service;
}

export function serviceForCliCommand(command: string): string {
  return CLI_SERVICE_ALIASES[command] ?? command;
}

/** The engine that should answer `service`, given which engines are running. */
export function routeService(service: string, available: readonly RoutableEngine[]): EngineName | undefined {
  const localstack = available.find((e) => e.name === 'localstack');
  const moto = available.find((e) => e.name === 'moto');
  if (EXTENSION_SERVICES.has(service)) {
    if (localstack?.extension) return 'localstack';
    if (moto) return 'moto';
  }
  return (localstack ?? available[0])?.name;
}
