// Integration tests against REAL emulators (LocalStack 4.14.0 + moto as host processes),
// started once for this file. All sandbox tests that need emulators live here so that only
// one emulator set runs at a time on the machine.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallLog } from '../../src/sandbox/call-log.js';
import { createSandboxAwsEnv } from '../../src/sandbox/aws-env.js';
import { discover, READ_ONLY_OPERATION } from '../../src/sandbox/discover.js';
import type { EngineEndpoint } from '../../src/sandbox/engines.js';
import { emulatorContext } from '../../src/sandbox/inventory/context.js';
import { takeInventory } from '../../src/sandbox/inventory/snapshot.js';
import type { HostProvider } from '../../src/sandbox/providers/host.js';
import { runSandbox } from '../../src/sandbox/run.js';
import { seedStack } from '../../src/sandbox/seed/cloudformation.js';
import { readFileSync } from 'node:fs';
import { cliAction, FIXTURES, NO_ROLLBACK, predicted, PUBLIC_CFN, stack, startEmulators, world } from './helpers.js';

let host: HostProvider;
let engines: EngineEndpoint[];

beforeAll(async () => {
  ({ host, engines } = await startEmulators());
}, 180_000);

afterAll(async () => {
  await host?.stop();
  delete process.env.FIREBREAK_SANDBOX_ENDPOINT;
  delete process.env.FIREBREAK_MOTO_ENDPOINT;
});

describe('seeding the twin', () => {
  it('deploys public templates (SQS queue, SNS topic) under the same stack names', async () => {
    const credentials = { accessKeyId: '210987654321', secretAccessKey: 'test' };
    const ctx = emulatorContext(engines, credentials, new CallLog());
    try {
      const queue = await seedStack(ctx, stack('queues-prod', join(PUBLIC_CFN, 'SQS/SQSStandardQueue.yaml')));
      const topic = await seedStack(ctx, { ...stack('topics-prod', join(PUBLIC_CFN, 'SNS/SNSTopic.yaml')), parameters: { SubscriptionEndPoint: 'ops@example.com', SubscriptionProtocol: 'email' } });
      expect(queue).toMatchObject({ status: 'CREATE_COMPLETE', omitted: [] });
      expect(topic).toMatchObject({ status: 'CREATE_COMPLETE', omitted: [] });
      const inv = await takeInventory(ctx, ['cloudformation', 'sqs', 'sns']);
      expect(inv.errors).toEqual([]);
      expect(inv.items.filter((i) => i.type === 'AWS::CloudFormation::Stack').map((i) => i.attributes.name).sort()).toEqual(['queues-prod', 'topics-prod']);
      expect(inv.items.find((i) => i.type === 'AWS::SQS::Queue')?.stack).toEqual({ name: 'queues-prod', logicalId: 'SQSQueue' });
      expect(inv.items.find((i) => i.type === 'AWS::SNS::Topic')?.stack?.name).toBe('topics-prod');
    } finally {
      ctx.dispose();
    }
  }, 120_000);
});

describe('replay and observe', () => {
  it('Kiro-like: delete-stack of a production stack deletes every resource but the bucket that holds data; the stack ends DELETE_FAILED', async () => {
    const file = join(FIXTURES, 'shop-prod.yaml');
    const types: Record<string, string> = { OrdersQueue: 'AWS::SQS::Queue', OrdersDeadLetter: 'AWS::SQS::Queue', AlertsTopic: 'AWS::SNS::Topic', ReportsBucket: 'AWS::S3::Bucket', ApiRole: 'AWS::IAM::Role', ApiLogs: 'AWS::Logs::LogGroup', StageParam: 'AWS::SSM::Parameter', CostTable: 'AWS::DynamoDB::Table' };
    const result = await runSandbox({
      actions: [
        cliAction('a1', 'aws --profile prod --region cn-north-1 cloudformation delete-stack --stack-name shop-prod', {
          scope: 'environment',
          hints: { stackName: 'shop-prod', profile: 'prod' },
          target: { type: 'AWS::CloudFormation::Stack', id: 'shop-prod' },
        }),
      ],
      world: world(Object.entries(types).map(([id, type]) => ({ id: `shop-prod/${id}`, type, stack: 'shop-prod' }))),
      stacks: [stack('shop-prod', file)],
      predicted: predicted(Object.entries(types).map(([id, type]) => [`shop-prod/${id}`, type, 'deleted'])),
      rollback: { steps: [{ order: 1, phase: 'inverse', actionId: 'a1', description: 're-deploy shop-prod from its template' }], irreversible: [] },
      provider: 'endpoint',
    });
    expect(result.status, result.reason).toBe('ok');
    // With Firebreak's extension the twin holds the DynamoDB table too: nothing is left out.
    expect(result.seeded.stacks[0]).toEqual({ name: 'shop-prod', status: 'CREATE_COMPLETE', omitted: [] });
    expect(result.replayed).toEqual([expect.objectContaining({ ok: false, code: 'DELETE_FAILED', engine: 'localstack', method: 'aws-cli' })]);
    expect(result.replayed[0].call).not.toContain('cn-north-1');
    expect(result.replayed[0].message).toMatch(/ReportsBucket.*BucketNotEmpty/);
    const deleted = result.observed.filter((o) => o.change === 'deleted' && o.stack === 'shop-prod').map((o) => o.logicalId).sort();
    expect(deleted).toEqual(Object.keys(types).filter((t) => t !== 'ReportsBucket').sort());
    // The bucket the delete could not remove is a refusal AWS would make too: no disagreement.
    expect(result.refused).toEqual([expect.objectContaining({ resource: 'shop-prod/ReportsBucket', predicted: 'deleted', code: 'DELETE_FAILED' })]);
    expect(result.agreement).toBe(1);
    expect(result.coverage).toBe(1);
    expect(result.disagreements).toEqual([]);
    expect(result.unobserved).toEqual([]);
    expect(result.stackEvents.some((e) => e.status === 'DELETE_FAILED')).toBe(true);
    // Re-deploying a stack stuck in DELETE_FAILED is refused by AWS as well: reported as such.
    expect(result.rollback).toEqual([expect.objectContaining({ step: 1, verified: false, outcome: 'refused-by-aws' })]);
  }, 180_000);

  it('a VPC delete fails with DependencyViolation (real id rewritten to the twin id)', async () => {
    const result = await runSandbox({
      actions: [cliAction('a1', 'aws --profile prod ec2 delete-vpc --vpc-id vpc-0prod1234', { target: { type: 'AWS::EC2::VPC', id: 'net-prod/VPC', names: ['vpc-0prod1234'] } })],
      world: world([{ id: 'net-prod/VPC', type: 'AWS::EC2::VPC', stack: 'net-prod', names: ['vpc-0prod1234'] }]),
      stacks: [stack('net-prod', join(FIXTURES, 'net-prod.yaml'))],
      predicted: predicted([['net-prod/VPC', 'AWS::EC2::VPC', 'deleted']]),
      rollback: NO_ROLLBACK,
      provider: 'endpoint',
    });
    expect(result.status, result.reason).toBe('ok');
    expect(result.replayed[0].rewrites?.[0]).toMatch(/^vpc-0prod1234 -> vpc-/);
    expect(result.errors).toEqual([expect.objectContaining({ actionId: 'a1', code: 'DependencyViolation', engine: 'localstack' })]);
    expect(result.observed).toEqual([]);
    // AWS refuses the delete too: a refusal, observed (coverage 1), but nothing to score (agreement null).
    expect(result.refused).toEqual([expect.objectContaining({ resource: 'net-prod/VPC', predicted: 'deleted', code: 'DependencyViolation' })]);
    expect(result.disagreements).toEqual([]);
    expect(result.agreement).toBeNull();
    expect(result.coverage).toBe(1);
  }, 120_000);

  it('an S3 bucket delete fails with BucketNotEmpty after the put succeeded: a partial state', async () => {
    const result = await runSandbox({
      actions: [
        cliAction('a1', 'aws s3api put-object --bucket acme-prod-uploads --key invoices/1.pdf', { operation: 'create' }),
        cliAction('a2', 'aws s3api delete-bucket --bucket acme-prod-uploads', { target: { type: 'AWS::S3::Bucket', id: 'aws_s3_bucket.uploads', names: ['acme-prod-uploads'] } }),
      ],
      world: world([{ id: 'aws_s3_bucket.uploads', type: 'aws_s3_bucket', names: ['acme-prod-uploads'] }]),
      stacks: [],
      terraformState: { text: readFileSync(join(FIXTURES, 'rds-state.json'), 'utf8'), file: 'rds-state.json' },
      predicted: predicted([['aws_s3_bucket.uploads', 'AWS::S3::Bucket', 'deleted']]),
      rollback: NO_ROLLBACK,
      provider: 'endpoint',
    });
    expect(result.seeded.terraform?.skipped).toEqual([]);
    expect(result.replayed.map((r) => [r.actionId, r.ok, r.code])).toEqual([
      ['a1', true, undefined],
      ['a2', false, 'BucketNotEmpty'],
    ]);
    expect(result.findings.join('\n')).toMatch(/partial failure: 1 call\(s\) succeeded before a2 failed/);
    expect(result.observed).toEqual([expect.objectContaining({ resource: 'aws_s3_bucket.uploads', physicalId: 'acme-prod-uploads', change: 'modified', detail: 'changed: objectCount', actionIds: ['a1'] })]);
  }, 120_000);

  it('RDS (moto inside LocalStack): delete with a final snapshot leaves a snapshot, without one leaves nothing, deletion protection refuses', async () => {
    const state = { text: readFileSync(join(FIXTURES, 'rds-state.json'), 'utf8'), file: 'rds-state.json' };
    const base = { world: world([]), stacks: [], terraformState: state, predicted: predicted([]), rollback: NO_ROLLBACK, provider: 'endpoint' as const };

    const withSnapshot = await runSandbox({ ...base, actions: [cliAction('a1', 'aws rds delete-db-instance --db-instance-identifier orders-db --final-db-snapshot-identifier orders-final')] });
    expect(withSnapshot.replayed[0]).toMatchObject({ ok: true, engine: 'localstack' });
    const rds = (r: typeof withSnapshot) => r.observed.map((o) => [o.type, o.resource.replace(/^rds:orders-db-.*/, 'rds:orders-db-<automated>'), o.change]).sort();
    // The automated snapshot goes with the instance (DeleteAutomatedBackups defaults to true).
    expect(rds(withSnapshot)).toEqual([
      ['AWS::RDS::DBInstance', 'orders-db', 'deleted'],
      ['AWS::RDS::DBSnapshot', 'orders-final', 'created'],
      ['AWS::RDS::DBSnapshot', 'rds:orders-db-<automated>', 'deleted'],
    ]);

    const skipSnapshot = await runSandbox({ ...base, actions: [cliAction('a1', 'aws rds delete-db-instance --db-instance-identifier orders-db --skip-final-snapshot')] });
    expect(skipSnapshot.replayed[0]).toMatchObject({ ok: true, engine: 'localstack' });
    expect(rds(skipSnapshot)).toEqual([
      ['AWS::RDS::DBInstance', 'orders-db', 'deleted'],
      ['AWS::RDS::DBSnapshot', 'rds:orders-db-<automated>', 'deleted'],
    ]);

    const protectedDb = await runSandbox({ ...base, actions: [cliAction('a1', 'aws rds delete-db-instance --db-instance-identifier ledger-db --skip-final-snapshot')] });
    expect(protectedDb.replayed[0]).toMatchObject({ ok: false, engine: 'localstack' });
    expect(protectedDb.replayed[0].code).toMatch(/InvalidParameterCombination/);
    expect(protectedDb.observed).toEqual([]);
  }, 180_000);
});

describe('rollback verification', () => {
  it('a stateless template change replayed as a change set is rolled back and verified', async () => {
    const after = stack('app-prod', join(FIXTURES, 'app-prod-after.yaml'));
    const templateAction = (id: string, logicalId: string, operation: 'delete' | 'create') =>
      cliAction(id, '', { source: { kind: 'cloudformation-template', file: after.file, path: `Resources.${logicalId}` }, tool: 'cloudformation', operation, hints: { stackName: 'app-prod' }, target: { type: 'x', id: `app-prod/${logicalId}` } });
    const result = await runSandbox({
      actions: [templateAction('a1', 'EventsTopic', 'delete'), templateAction('a2', 'FeatureFlag', 'create')],
      world: world([{ id: 'app-prod/EventsTopic', type: 'AWS::SNS::Topic', stack: 'app-prod' }, { id: 'app-prod/JobsQueue', type: 'AWS::SQS::Queue', stack: 'app-prod' }]),
      stacks: [stack('app-prod', join(FIXTURES, 'app-prod.yaml'))],
      stackChanges: [after],
      predicted: predicted([['app-prod/EventsTopic', 'AWS::SNS::Topic', 'deleted'], ['app-prod/FeatureFlag', 'AWS::SSM::Parameter', 'created']]),
      rollback: { steps: [{ order: 1, phase: 'inverse', actionId: 'a1', description: 'restore app-prod to its previous template' }], irreversible: [] },
      provider: 'endpoint',
    });
    expect(result.status, result.reason).toBe('ok');
    expect(result.replayed.map((r) => [r.actionId, r.method, r.ok])).toEqual([
      ['a1', 'change-set', true],
      ['a2', 'change-set', true],
    ]);
    expect(result.observed.filter((o) => o.type !== 'AWS::CloudFormation::Stack').map((o) => [o.logicalId, o.change]).sort()).toEqual([
      ['EventsTopic', 'deleted'],
      ['FeatureFlag', 'created'],
    ]);
    expect(result.agreement).toBe(1);
    expect(result.rollback).toEqual([{ step: 1, verified: true, outcome: 'verified', note: expect.stringContaining('restored app-prod') }]);
  }, 180_000);
});

describe('safety', () => {
  let proxy: Server;
  const proxied: string[] = [];
  const saved = { ...process.env };

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      res.writeHead(502).end();
    });
    proxy.on('connect', (req, socket) => {
      proxied.push(`CONNECT ${req.url}`);
      socket.destroy();
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const port = (proxy.address() as { port: number }).port;
    const home = mkdtempSync(join(tmpdir(), 'firebreak-fake-home-'));
    mkdirSync(join(home, '.aws'));
    writeFileSync(join(home, '.aws', 'credentials'), '[production]\naws_access_key_id = AKIAIOSFODNN7PRODKEY\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYPRODSECRET\n');
    writeFileSync(join(home, '.aws', 'config'), '[profile production]\nregion = eu-west-1\nendpoint_url = https://real-aws.example.com\n');
    Object.assign(process.env, {
      HOME: home,
      AWS_PROFILE: 'production',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7PRODKEY',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYPRODSECRET',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEProdToken',
      AWS_ENDPOINT_URL: 'https://real-aws.example.com',
      HTTPS_PROXY: `http://127.0.0.1:${port}`,
      HTTP_PROXY: `http://127.0.0.1:${port}`,
      https_proxy: `http://127.0.0.1:${port}`,
      http_proxy: `http://127.0.0.1:${port}`,
    });
  });

  afterAll(async () => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await new Promise((r) => proxy.close(r));
  });

  it('with production credentials and AWS_PROFILE=production set, replay sends nothing outside 127.0.0.1', async () => {
    const result = await runSandbox({
      actions: [
        cliAction('a1', 'aws --profile production s3api create-bucket --bucket firebreak-safety-probe', { operation: 'create', target: { type: 'AWS::S3::Bucket', id: 'firebreak-safety-probe' } }),
        cliAction('a2', 'aws sts get-caller-identity', { operation: 'read' }),
        cliAction('a3', 'aws --profile production --endpoint-url https://s3.amazonaws.com s3api delete-bucket --bucket firebreak-safety-probe', { target: { type: 'AWS::S3::Bucket', id: 'firebreak-safety-probe' } }),
      ],
      world: world([]),
      stacks: [],
      predicted: predicted([]),
      rollback: NO_ROLLBACK,
      provider: 'endpoint',
    });
    expect(result.replayed.map((r) => r.ok)).toEqual([true, true, true]);
    for (const r of result.replayed) expect(r.call).toMatch(/--endpoint-url http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.replayed[2].call).not.toContain('amazonaws.com');
    expect(result.engines.every((e) => new URL(e.endpoint).hostname === '127.0.0.1')).toBe(true);
    expect(proxied).toEqual([]);

    const env = await createSandboxAwsEnv({ credentials: { accessKeyId: '123412341234', secretAccessKey: 'test' }, defaultEndpoint: engines[0].url, profiles: ['production'] });
    try {
      const values = JSON.stringify(env.env);
      expect(values).not.toContain('AKIAIOSFODNN7PRODKEY');
      expect(values).not.toContain('PRODSECRET');
      expect(values).not.toContain('ProdToken');
      expect(values).not.toContain('real-aws.example.com');
      expect(env.env.AWS_PROFILE).toBeUndefined();
      expect(readFileSync(env.credentialsFile, 'utf8')).toContain('[production]\naws_access_key_id = 123412341234');
    } finally {
      await env.dispose();
    }
  }, 120_000);
});

describe('discover', () => {
  it('inventories an account with read calls only', async () => {
    const credentials = { accessKeyId: '345634563456', secretAccessKey: 'test' };
    const ctx = emulatorContext(engines, credentials, new CallLog());
    try {
      await seedStack(ctx, stack('net-prod', join(FIXTURES, 'net-prod.yaml')));
    } finally {
      ctx.dispose();
    }
    const localstack = engines.find((e) => e.name === 'localstack')!;
    const { inventory, operations } = await discover({ endpointUrl: localstack.url, credentials, services: ['cloudformation', 'ec2', 's3', 'iam'] });
    expect(operations.length).toBeGreaterThan(5);
    expect(operations.filter((o) => !READ_ONLY_OPERATION.test(o.split(':')[1]))).toEqual([]);
    expect(inventory.items.find((i) => i.type === 'AWS::EC2::VPC' && i.stack?.logicalId === 'VPC')).toBeDefined();
    expect(inventory.items.find((i) => i.type === 'AWS::EC2::Subnet' && i.stack?.logicalId === 'AppSubnet')).toBeDefined();
  }, 60_000);
});
