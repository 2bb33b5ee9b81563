import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseTemplate } from '../../src/intake/cloudformation/index.js';
import { fixture } from './helpers.js';

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('parseTemplate: short-form tags', () => {
  const text = `
Parameters:
  Env: {Type: String}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Either: !Or [!Condition IsProd, !And [!Condition NotProd, !Equals [a, a]]]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${Env}-logs'
      Arn: !GetAtt Db.Endpoint.Address
      List: !GetAtt [Db, Arn]
      Pair: !Sub ['\${A}-x', {A: !Ref Env}]
      Choice: !If [IsProd, !Join ['-', [a, b]], !Ref AWS::NoValue]
      Pick: !Select [0, !GetAZs '']
      Split: !Split [',', 'a,b']
      Map: !FindInMap [M, !Ref AWS::Region, Ami]
      Imported: !ImportValue {'Fn::Sub': '\${Env}-vpc'}
      Data: !Base64 {'Fn::Sub': 'echo'}
      Cidrs: !Cidr [10.0.0.0/16, 4, 8]
      Macro: !Transform {Name: M, Parameters: {}}
  Db:
    Type: AWS::RDS::DBInstance
`;
  const template = parseTemplate(text, 'tags.yaml');
  const props = template.resources[0].properties;

  it('maps every short form to its long form', () => {
    expect(template.format).toBe('yaml');
    expect(props.BucketName).toEqual({ 'Fn::Sub': '${Env}-logs' });
    expect(props.Arn).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] });
    expect(props.List).toEqual({ 'Fn::GetAtt': ['Db', 'Arn'] });
    expect(props.Pair).toEqual({ 'Fn::Sub': ['${A}-x', { A: { Ref: 'Env' } }] });
    expect(props.Choice).toEqual({ 'Fn::If': ['IsProd', { 'Fn::Join': ['-', ['a', 'b']] }, { Ref: 'AWS::NoValue' }] });
    expect(props.Pick).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(props.Split).toEqual({ 'Fn::Split': [',', 'a,b'] });
    expect(props.Map).toEqual({ 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] });
    expect(props.Imported).toEqual({ 'Fn::ImportValue': { 'Fn::Sub': '${Env}-vpc' } });
    expect(props.Data).toEqual({ 'Fn::Base64': { 'Fn::Sub': 'echo' } });
    expect(props.Cidrs).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', 4, 8] });
    expect(props.Macro).toEqual({ 'Fn::Transform': { Name: 'M', Parameters: {} } });
    const conditions = template.body.Conditions as Record<string, unknown>;
    expect(conditions.NotProd).toEqual({ 'Fn::Not': [{ Condition: 'IsProd' }] });
    expect(conditions.Either).toEqual({
      'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::And': [{ Condition: 'NotProd' }, { 'Fn::Equals': ['a', 'a'] }] }],
    });
    expect(template.parameters).toEqual(['Env']);
  });

  it('keeps the line of each resource and property', () => {
    expect(template.resources.map((r) => [r.logicalId, r.line])).toEqual([
      ['Bucket', 9],
      ['Db', 24],
    ]);
    expect(template.lines['Resources.Bucket.Properties.Arn']).toBe(13);
    expect(template.lines['Resources.Bucket.Properties.Choice']).toBe(16);
  });

  it('reads lines of a real template', () => {
    const t = parseTemplate(fixture('VPC/VPC_With_Managed_NAT_And_Private_Subnet.yaml').text, 'vpc.yaml');
    expect(t.resources.find((r) => r.logicalId === 'InternetGateway')?.line).toBe(144);
    expect(t.lines['Resources.PublicRoute']).toBe(179);
  });
});

describe('parseTemplate: JSON', () => {
  it('detects JSON by content and keeps lines', () => {
    const text = '{\n  "Resources": {\n    "Queue": {\n      "Type": "AWS::SQS::Queue",\n      "Properties": {"QueueName": "jobs"}\n    }\n  }\n}\n';
    const t = parseTemplate(text, 'queue.template');
    expect(t.format).toBe('json');
    expect(t.resources[0]).toMatchObject({ logicalId: 'Queue', type: 'AWS::SQS::Queue', line: 3, properties: { QueueName: 'jobs' } });
  });

  it('reports a JSON syntax error with its line', () => {
    const e = inputError(() => parseTemplate('{\n  "Resources": {\n    "A": {"Type": "X",}\n  }\n}', 'bad.json'));
    expect(e.file).toBe('bad.json');
    expect(e.location).toMatch(/^line 3, column \d+$/);
    expect(e.message).toMatch(/invalid JSON/);
  });
});

describe('parseTemplate: bad input', () => {
  it('truncated YAML names the file and line', () => {
    const full = fixture('DynamoDB/DynamoDB_Table.yaml').text;
    const truncated = full.slice(0, full.indexOf('KeySchema')) + 'KeySchema: [ {AttributeName: x';
    const e = inputError(() => parseTemplate(truncated, 'ddb.yaml'));
    expect(e.file).toBe('ddb.yaml');
    expect(e.location).toMatch(/^line \d+, column \d+$/);
    expect(e.message).toMatch(/invalid YAML/);
  });

  it('an unknown tag is an error at its line, not a string', () => {
    const e = inputError(() => parseTemplate('Resources:\n  A:\n    Type: !Rain::Module ./vpc.yml\n', 'rain.yaml'));
    expect(e.describe()).toBe('rain.yaml: line 3, column 11: unknown YAML tag !Rain::Module: not a CloudFormation intrinsic function');
  });

  it('YAML that is not a template says what is missing', () => {
    expect(inputError(() => parseTemplate('name: ci\non: [push]\njobs: {}\n', 'workflow.yaml')).message).toMatch(/no Resources section/);
    expect(inputError(() => parseTemplate('- a\n- b\n', 'list.yaml')).message).toMatch(/document is a list/);
    expect(inputError(() => parseTemplate('', 'empty.yaml')).message).toMatch(/document is empty/);
    const noType = inputError(() => parseTemplate('Resources:\n  Db:\n    Properties: {}\n', 'x.yaml'));
    expect(noType.message).toBe('resource Db has no Type');
    expect(noType.location).toBe('line 2, Resources.Db');
    const badProps = inputError(() => parseTemplate('Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: [1]\n', 'x.yaml'));
    expect(badProps.location).toBe('line 4, Resources.Db.Properties');
    const badDependsOn = inputError(() => parseTemplate('Resources:\n  Db:\n    Type: T\n    DependsOn: {a: 1}\n', 'x.yaml'));
    expect(badDependsOn.location).toBe('line 4, Resources.Db.DependsOn');
  });

  it('a malformed !GetAtt is an error', () => {
    expect(inputError(() => parseTemplate('Resources:\n  A:\n    Type: T\n    Properties: {X: !GetAtt NoDot}\n', 'x.yaml')).location).toMatch(
      /^line 4, column \d+, Resources.A.Properties.X$/,
    );
  });

  it('alias bombs are stopped', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i - 1]}`).join(', ')}]`);
    const e = inputError(() => parseTemplate(`${bomb.join('\n')}\nResources: {}\n`, 'bomb.yaml'));
    expect(e.message).toMatch(/too many values/);
  });
});

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  it('expands a literal collection into resources', () => {
    const t = parseTemplate(fixture('CloudFormation/fn-foreach-ddb.yaml').text, 'foreach.yaml');
    expect(t.resources.map((r) => r.logicalId)).toEqual(['DynamoDBPoints', 'DynamoDBScore', 'DynamoDBName', 'DynamoDBLeaderboard']);
    expect(t.resources[0].properties.TableName).toBe('Points');
    expect(t.resources[0].line).toBe(8);
  });

  it('leaves a loop over a parameter out, with a warning', () => {
    const t = parseTemplate(
      'Resources:\n  Fn::ForEach::Q:\n    - N\n    - !Ref Names\n    - Q${N}: {Type: AWS::SQS::Queue}\n  Other: {Type: AWS::SNS::Topic}\n',
      'loop.yaml',
    );
    expect(t.resources.map((r) => r.logicalId)).toEqual(['Other']);
    expect(t.warnings[0]).toMatch(/line 2, Resources.Fn::ForEach::Q: Fn::ForEach not expanded/);
  });
});
