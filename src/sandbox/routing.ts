// Which emulator models which AWS service. Data, not code: change the table, not the callers.

export type EngineName = 'localstack' | 'moto';

/** Preferred engine per AWS service (the service name the SDK / CLI signs requests for). */
export const SERVICE_ROUTES: Readonly<Record<string, EngineName>> = {
  cloudformation: 'localstack',
  s3: 'localstack',
  ec2: 'localstack',
  iam: 'localstack',
  sqs: 'localstack',
  sns: 'localstack',
  ssm: 'localstack',
  kms: 'localstack',
  secretsmanager: 'localstack',
  logs: 'localstack',
  events: 'localstack',
  sts: 'localstack',
  apigateway: 'localstack',
  cloudwatch: 'localstack',
  // LocalStack community 4.14 has no RDS, downloads DynamoDB Local on first use and needs
  // Docker for Lambda; moto models all three in-process.
  rds: 'moto',
  dynamodb: 'moto',
  lambda: 'moto',
};

/** AWS CLI command names that sign for another service name. */
export const CLI_SERVICE_ALIASES: Readonly<Record<string, string>> = {
  s3api: 's3',
  s3control: 's3',
  configservice: 'config',
  'dynamodbstreams': 'dynamodb',
};

/** Services LocalStack is asked to load (SERVICES=...). */
export const LOCALSTACK_SERVICES = Object.entries(SERVICE_ROUTES)
  .filter(([, engine]) => engine === 'localstack')
  .map(([service]) => service);

export function serviceForCliCommand(command: string): string {
  return CLI_SERVICE_ALIASES[command] ?? command;
}

/** The engine that should answer `service`, given which engines are running. */
export function routeService(service: string, available: readonly EngineName[]): EngineName | undefined {
  const preferred = SERVICE_ROUTES[service] ?? 'localstack';
  if (available.includes(preferred)) return preferred;
  return available[0];
}
