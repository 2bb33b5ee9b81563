// CloudFormation as written and as deployed: SAM expanded like the real SAM translator does it,
// CDK's autoDeleteObjects making a bucket delete lose its objects (real aws-cdk-lib output),
// parameter values and conditions evaluated into the resources.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffTemplates } from '../../src/intake/cloudformation/index.js';
import { expandSam, samLogicalId } from '../../src/intake/cloudformation/sam.js';
import { parseTemplate } from '../../src/intake/cloudformation/parse-template.js';
import { check } from '../../src/pipeline.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const read = (path: string) => readFile(join(FIXTURES, path), 'utf8');
const text = async (path: string) => ({ text: await read(path), file: path });

describe('SAM, expanded the way the SAM translator expands it', () => {
  it('gives the resources the real translator generates the same logical ids and types', async () => {
    const template = parseTemplate(await read('sam/orders.yaml'), 'orders.yaml');
    const ours = expandSam(template.body).body.Resources as Record<string, { Type: string }>;
    const real = JSON.parse(await read('sam/orders.expanded.json')).Resources as Record<string, { Type: string }>;
    // API deployment ids hash the generated OpenAPI document, which is not rebuilt here.
    const comparable = (r: Record<string, { Type: string }>) =>
      Object.entries(r).filter(([id]) => !/Deployment[0-9a-f]{10}$/.test(id)).map(([id, v]) => `${id} ${v.Type}`).sort();
    expect(comparable(ours)).toEqual(comparable(real));
  });

  it('maps the properties that decide what a change does like the translator', async () => {
    const ours = expandSam(parseTemplate(await read('sam/orders.yaml'), 'orders.yaml').body).body.Resources as Record<string, { Properties: Record<string, unknown>; DeletionPolicy?: string }>;
    const real = JSON.parse(await read('sam/orders.expanded.json')).Resources;
    expect(ours.OrdersTable.Properties).toEqual(real.OrdersTable.Properties);
    for (const key of ['Code', 'Description', 'Handler', 'MemorySize', 'Runtime', 'Timeout', 'Role', 'Environment', 'Tags']) {
      expect(ours.ApiFunction.Properties[key], key).toEqual(real.ApiFunction.Properties[key]);
    }
    expect(ours.WorkerFunction.Properties.Layers).toEqual(real.WorkerFunction.Properties.Layers);
    const layer = Object.keys(real).find((id) => id.startsWith('SharedLayer'))!;
    expect(ours[layer]).toMatchObject({ DeletionPolicy: 'Retain', Properties: real[layer].Properties });
    expect(ours.ApiFunctionRole.Properties).toMatchObject({ ManagedPolicyArns: real.ApiFunctionRole.Properties.ManagedPolicyArns });
  });

  it("the layer's versioned id is SAM's hash: a new version on every content change", async () => {
    const real = JSON.parse(await read('sam/orders-v2.expanded.json')).Resources;
    const v2 = parseTemplate(await read('sam/orders-v2.yaml'), 'v2.yaml').body.Resources as Record<string, unknown>;
    const id = samLogicalId('SharedLayer', { SharedLayer: { Type: 'AWS::Serverless::LayerVersion', Properties: (v2.SharedLayer as { Properties: unknown }).Properties } });
    expect(real[id]?.Type).toBe('AWS::Lambda::LayerVersion');
  });

  describe('the change from v1 to v2', async () => {
    const result = await diffTemplates(await text('sam/orders.yaml'), await text('sam/orders-v2.yaml'), 'orders');
    const byId = Object.fromEntries(result.actions.map((a) => [a.target.id, a]));

    it('a removed SimpleTable is a DynamoDB table delete', () => {
      expect(byId['orders/OrdersTable']).toMatchObject({ operation: 'delete', target: { type: 'AWS::DynamoDB::Table' } });
    });

    it('a Function Description edit updates the Lambda function, it does not replace it', () => {
      expect(byId['orders/ApiFunction']).toMatchObject({ operation: 'update', target: { type: 'AWS::Lambda::Function' } });
    });

    it('a new layer version is created and the old one is kept (SAM RetentionPolicy Retain)', () => {
      const removed = result.actions.find((a) => a.target.id.startsWith('orders/SharedLayer') && a.operation === 'delete');
      expect(removed?.details).toMatchObject({ retained: true });
      expect(result.actions.some((a) => a.target.id.startsWith('orders/SharedLayer') && a.operation === 'create')).toBe(true);
    });

    it('no Transform warning: the template was expanded', () => {
      expect(result.warnings.join('\n')).not.toMatch(/Transform .* is not expanded/);
    });
  });

  it('the SimpleTable delete loses its items through the pipeline (it was "no data loss")', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-sam-'));
    await writeFile(join(dir, 'v1.yaml'), await read('sam/orders.yaml'));
    await writeFile(join(dir, 'v2.yaml'), await read('sam/orders-v2.yaml'));
    const { report } = await check({ cwd: dir, templateBefore: 'v1.yaml', templateAfter: 'v2.yaml', stackName: 'orders', implicitConfig: false });
    const table = report.actions.find((a) => a.target.id === 'orders/OrdersTable')!;
    expect(table.dataLoss).toBe(true);
    expect(report.verdict).toBe('block');
  });
});

describe("CDK's autoDeleteObjects (real aws-cdk-lib 2.200.1 output)", () => {
  it("dropping the bucket from the app loses its objects: the custom resource empties it first", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-cdk-'));
    await writeFile(join(dir, 'v1.json'), await read('cdk/Reports.v1.template.json'));
    await writeFile(join(dir, 'v2.json'), await read('cdk/Reports.v2.template.json'));
    const { report } = await check({ cwd: dir, templateBefore: 'v1.json', templateAfter: 'v2.json', stackName: 'Reports', implicitConfig: false });
    const bucket = report.actions.find((a) => a.target.type === 'AWS::S3::Bucket')!;
    expect(bucket.target.id).toBe('Reports/Exports25637AFB');
    expect(bucket.dataLoss).toBe(true);
    expect(bucket.reversibility).toBe('irreversible');
    expect(bucket.evidence.map((e) => e.message).join('\n')).toMatch(/Custom::S3AutoDeleteObjects.*empties the bucket/);
  });

  it('a stack delete loses the objects of the auto-deleted bucket, not of the plain one (S3 refuses to delete it)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-cdk-'));
    await writeFile(join(dir, 'v1.json'), await read('cdk/Reports.v1.template.json'));
    const { report } = await check({ cwd: dir, stacks: [{ name: 'Reports', file: 'v1.json' }], commands: ['aws cloudformation delete-stack --stack-name Reports'], implicitConfig: false });
    const exports = report.blastRadius.resources.find((r) => r.id === 'Reports/Exports25637AFB')!;
    const archive = report.blastRadius.resources.find((r) => r.id === 'Reports/ArchiveDA4CB258')!;
    expect(exports.dataLoss).toBe(true);
    expect(archive.dataLoss).toBe(false);
  });
});

describe('Parameters, Mappings, Conditions and Fn::If evaluated into properties', () => {
  const template = `
Parameters:
  Env: {Type: String, Default: staging, AllowedValues: [staging, prod]}
  Retention: {Type: Number, Default: 4}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub jobs-\${Env}
      MessageRetentionPeriod: !If [IsProd, 1209600, !Ref Retention]
  Audit:
    Type: AWS::DynamoDB::Table
    Condition: IsProd
    Properties:
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      BillingMode: PAY_PER_REQUEST
`;

  it('the same template with Env=prod instead of staging: the queue is replaced (new name) and the audit table created', async () => {
    const result = await diffTemplates({ text: template, file: 'a.yaml' }, { text: template, file: 'b.yaml' }, 'svc', { previousParameters: { Env: 'staging' }, parameters: { Env: 'prod' } });
    const ops = Object.fromEntries(result.actions.map((a) => [a.target.id, a.operation]));
    expect(ops).toEqual({ 'svc/Queue': 'replace', 'svc/Audit': 'create' });
    expect(result.actions.find((a) => a.target.id === 'svc/Queue')!.after).toMatchObject({ QueueName: 'jobs-prod', MessageRetentionPeriod: 1209600 });
  });

  it('flipping a condition off deletes the resource it guards (a change to Conditions alone)', async () => {
    const off = template.replace('IsProd: !Equals [!Ref Env, prod]', 'IsProd: !Equals [!Ref Env, never]');
    const result = await diffTemplates({ text: template, file: 'a.yaml' }, { text: off, file: 'b.yaml' }, 'svc', { parameters: { Env: 'prod' } });
    expect(result.actions.map((a) => [a.operation, a.target.id]).sort()).toEqual([['delete', 'svc/Audit'], ['update', 'svc/Queue']]);
    expect(result.actions.some((a) => a.verb.endsWith('change'))).toBe(false);
  });

  it('a parameter default change is the property change it causes', async () => {
    const longer = template.replace('Default: 4}', 'Default: 60}');
    const result = await diffTemplates({ text: template, file: 'a.yaml' }, { text: longer, file: 'b.yaml' }, 'svc');
    expect(result.actions.map((a) => [a.operation, a.target.id])).toEqual([['update', 'svc/Queue']]);
  });

  it('a parameter with no value and no default stays unknown: one unknown action, never nothing', async () => {
    const noDefault = template.replace('Env: {Type: String, Default: staging, AllowedValues: [staging, prod]}', 'Env: {Type: String}');
    const changed = noDefault.replace('IsProd: !Equals [!Ref Env, prod]', 'IsProd: !Equals [!Ref Env, production]');
    const result = await diffTemplates({ text: noDefault, file: 'a.yaml' }, { text: changed, file: 'b.yaml' }, 'svc');
    expect(result.actions.map((a) => [a.operation, a.verb])).toContainEqual(['unknown', 'Conditions change']);
  });

  it('check --parameters and a parameter file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-params-'));
    await writeFile(join(dir, 'a.yaml'), template);
    const staging = await check({ cwd: dir, files: ['a.yaml'], parameters: { Env: 'staging' }, implicitConfig: false });
    expect(staging.report.actions.map((a) => a.target.id)).toEqual(['a/Queue']);
    const prod = await check({ cwd: dir, files: ['a.yaml'], parameters: { Env: 'prod' }, implicitConfig: false });
    expect(prod.report.actions.map((a) => a.target.id).sort()).toEqual(['a/Audit', 'a/Queue']);
  });

  it("takes the parameter values of a change set given alongside", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-params-'));
    await writeFile(join(dir, 'a.yaml'), template);
    await writeFile(join(dir, 'cs.json'), JSON.stringify({ ChangeSetName: 'c', StackName: 'svc', Status: 'CREATE_COMPLETE', Parameters: [{ ParameterKey: 'Env', ParameterValue: 'prod' }], Changes: [] }));
    const { report } = await check({ cwd: dir, templateAfter: 'a.yaml', changeSet: 'cs.json', stackName: 'svc', implicitConfig: false });
    expect(report.actions.some((a) => a.target.id === 'svc/Audit')).toBe(true);
  });
});
