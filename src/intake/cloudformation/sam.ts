// The SAM transform (AWS::Serverless-2016-10-31), for the resource types teams use most: each
// AWS::Serverless::* resource becomes the CloudFormation resources the SAM translator generates,
// with the same logical ids (checked against aws-sam-translator's own output in the tests), so
// a SimpleTable is judged as the DynamoDB table it is and a Function edit as a Lambda update.
// Types not expanded here stay as written (unknown to the resource spec: judged unknown).
import { createHash } from 'node:crypto';
import { isMapping } from './parse-template.js';

type Json = Record<string, unknown>;
type Resources = Record<string, Json>;

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';
const PASSTHROUGH = ['DependsOn', 'Condition', 'Metadata', 'UpdateReplacePolicy', 'DeletionPolicy'] as const;
const LAMBDA_ASSUME = {
  Version: '2012-10-17',
  Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } }],
};
const STATES_ASSUME = {
  Version: '2012-10-17',
  Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['states.amazonaws.com'] } }],
};
const BASIC_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

export interface SamExpansion {
  body: Json;
  /** Logical id in the expanded template -> the SAM resource it came from. */
  origin: Record<string, string>;
  /** SAM resources left as written (types not expanded here). */
  notExpanded: string[];
}

export function usesSam(body: Json): boolean {
  const transform = body.Transform;
  return transform === SAM_TRANSFORM || (Array.isArray(transform) && transform.includes(SAM_TRANSFORM));
}

/** Canonical JSON as Python's json.dumps(sort_keys=True, separators=(',', ':')) writes it (ASCII). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isMapping(value)) return `{${Object.keys(value).sort().map((k) => `${ascii(JSON.stringify(k))}:${canonical(value[k])}`).join(',')}}`;
  return ascii(JSON.stringify(value) ?? 'null');
}

function ascii(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** SAM's LogicalIdGenerator: prefix + the first 10 hex digits of sha1 of the data. */
export function samLogicalId(prefix: string, data: unknown): string {
  const text = typeof data === 'string' ? data : canonical(data);
  return `${prefix}${createHash('sha1').update(text).digest('hex').slice(0, 10)}`;
}

/** `s3://bucket/key` or `{Bucket, Key, Version}` as Lambda's Code / Content. */
function s3Location(uri: unknown, names: { bucket: string; key: string; version: string }): Json | undefined {
  if (typeof uri === 'string') {
    const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    return m ? { [names.bucket]: m[1], [names.key]: m[2] } : undefined;
  }
  if (isMapping(uri) && (uri.Bucket !== undefined || uri.Key !== undefined)) {
    return { [names.bucket]: uri.Bucket, [names.key]: uri.Key, ...(uri.Version !== undefined ? { [names.version]: uri.Version } : {}) };
  }
  return undefined;
}

function tagList(tags: unknown, createdBy: { key: string; value: string }): Json[] {
  const list: Json[] = [{ Key: createdBy.key, Value: createdBy.value }];
  if (isMapping(tags)) for (const [Key, Value] of Object.entries(tags)) list.push({ Key, Value });
  return list;
}

function copy(from: Json, keys: string[]): Json {
  const out: Json = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

function passthrough(declaration: Json): Json {
  return copy(declaration, [...PASSTHROUGH]);
}

/** Globals.<Type> merged under a resource's properties (the resource wins; maps merge one level). */
function withGlobals(properties: Json, globals: Json | undefined): Json {
  if (!globals) return properties;
  const merged: Json = { ...globals };
  for (const [key, value] of Object.entries(properties)) {
    merged[key] = isMapping(value) && isMapping(merged[key]) ? { ...(merged[key] as Json), ...value } : value;
  }
  return merged;
}

class Expander {
  readonly resources: Resources = {};
  readonly origin: Record<string, string> = {};
  readonly notExpanded: string[] = [];
  private implicitRestApi = false;
  private implicitHttpApi = false;

  constructor(private readonly globals: Json) {}

  add(from: string, logicalId: string, resource: Json): void {
    this.resources[logicalId] = resource;
    this.origin[logicalId] = from;
  }

  expand(logicalId: string, declaration: Json): void {
    const properties = isMapping(declaration.Properties) ? declaration.Properties : {};
    switch (declaration.Type) {
      case 'AWS::Serverless::Function':
        return this.func(logicalId, declaration, withGlobals(properties, this.global('Function')));
      case 'AWS::Serverless::SimpleTable':
        return this.table(logicalId, declaration, withGlobals(properties, this.global('SimpleTable')));
      case 'AWS::Serverless::LayerVersion':
        return this.layer(logicalId, declaration, properties);
      case 'AWS::Serverless::Api':
        return this.restApi(logicalId, declaration, withGlobals(properties, this.global('Api')));
      case 'AWS::Serverless::HttpApi':
        return this.httpApi(logicalId, declaration, withGlobals(properties, this.global('HttpApi')));
      case 'AWS::Serverless::StateMachine':
        return this.stateMachine(logicalId, declaration, properties);
      case 'AWS::Serverless::Application':
        return this.add(logicalId, logicalId, {
          Type: 'AWS::CloudFormation::Stack',
          ...passthrough(declaration),
          Properties: { TemplateURL: properties.Location, ...copy(properties, ['Parameters', 'NotificationARNs', 'TimeoutInMinutes']) },
        });
      default:
        this.notExpanded.push(logicalId);
        this.add(logicalId, logicalId, declaration);
    }
  }

  private global(type: string): Json | undefined {
    const value = this.globals[type];
    return isMapping(value) ? value : undefined;
  }

  private func(id: string, declaration: Json, p: Json): void {
    const code = p.InlineCode !== undefined ? { ZipFile: p.InlineCode } : p.ImageUri !== undefined ? { ImageUri: p.ImageUri } : (s3Location(p.CodeUri, { bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion' }) ?? { CodeUri: p.CodeUri });
    const role = p.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] };
    const properties: Json = {
      Code: code,
      ...copy(p, ['Description', 'FunctionName', 'Handler', 'MemorySize', 'Timeout', 'Runtime', 'Environment', 'VpcConfig', 'Layers', 'KmsKeyArn',
        'ReservedConcurrentExecutions', 'Architectures', 'PackageType', 'EphemeralStorage', 'FileSystemConfigs', 'ImageConfig', 'LoggingConfig',
        'RuntimeManagementConfig', 'SnapStart', 'CodeSigningConfigArn', 'RecursiveLoop']),
      Role: role,
      Tags: tagList(p.Tags, { key: 'lambda:createdBy', value: 'SAM' }),
    };
    if (p.Tracing !== undefined) properties.TracingConfig = { Mode: p.Tracing };
    if (isMapping(p.DeadLetterQueue)) properties.DeadLetterConfig = { TargetArn: p.DeadLetterQueue.TargetArn };
    this.add(id, id, { Type: 'AWS::Lambda::Function', ...passthrough(declaration), Properties: properties });
    if (p.Role === undefined) {
      const managed = [BASIC_EXECUTION, ...(Array.isArray(p.Policies) ? p.Policies : p.Policies !== undefined ? [p.Policies] : []).filter((x) => typeof x === 'string').map((name) => (String(name).startsWith('arn:') ? name : `arn:aws:iam::aws:policy/${name}`))];
      const inline = (Array.isArray(p.Policies) ? p.Policies : p.Policies !== undefined ? [p.Policies] : []).filter((x) => isMapping(x));
      this.add(id, `${id}Role`, {
        Type: 'AWS::IAM::Role',
        ...copy(declaration, ['Condition']),
        Properties: {
          AssumeRolePolicyDocument: LAMBDA_ASSUME,
          ManagedPolicyArns: managed,
          ...(inline.length ? { Policies: inline.map((doc, i) => ({ PolicyName: `${id}RolePolicy${i}`, PolicyDocument: doc })) } : {}),
          ...(p.PermissionsBoundary !== undefined ? { PermissionsBoundary: p.PermissionsBoundary } : {}),
          Tags: tagList(p.Tags, { key: 'lambda:createdBy', value: 'SAM' }),
        },
      });
    }
    const events = isMapping(p.Events) ? p.Events : {};
    for (const [name, event] of Object.entries(events)) if (isMapping(event)) this.event(id, name, event, declaration);
  }

  private event(fn: string, name: string, event: Json, declaration: Json): void {
    const p = isMapping(event.Properties) ? event.Properties : {};
    const condition = copy(declaration, ['Condition']);
    const permission = (logicalId: string, principal: string, sourceArn?: unknown) =>
      this.add(fn, logicalId, {
        Type: 'AWS::Lambda::Permission',
        ...condition,
        Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: fn }, Principal: principal, ...(sourceArn !== undefined ? { SourceArn: sourceArn } : {}) },
      });
    switch (event.Type) {
      case 'Api': {
        const api = isMapping(p.RestApiId) && typeof p.RestApiId.Ref === 'string' ? p.RestApiId.Ref : 'ServerlessRestApi';
        if (api === 'ServerlessRestApi') this.implicitRestApi = true;
        permission(`${fn}${name}Permission${api === 'ServerlessRestApi' ? 'Prod' : ''}`, 'apigateway.amazonaws.com');
        return;
      }
      case 'HttpApi': {
        if (!p.ApiId) this.implicitHttpApi = true;
        permission(`${fn}${name}Permission`, 'apigateway.amazonaws.com');
        return;
      }
      case 'Schedule':
      case 'ScheduleV2':
        this.add(fn, `${fn}${name}`, {
          Type: 'AWS::Events::Rule',
          ...condition,
          Properties: { ScheduleExpression: p.Schedule, ...copy(p, ['Name', 'Description', 'State']), Targets: [{ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Id: `${fn}${name}LambdaTarget` }] },
        });
        permission(`${fn}${name}Permission`, 'events.amazonaws.com', { 'Fn::GetAtt': [`${fn}${name}`, 'Arn'] });
        return;
      case 'CloudWatchEvent':
      case 'EventBridgeRule':
        this.add(fn, `${fn}${name}`, { Type: 'AWS::Events::Rule', ...condition, Properties: { ...copy(p, ['EventBusName', 'Pattern', 'State', 'RuleName']), Targets: [{ Arn: { 'Fn::GetAtt': [fn, 'Arn'] }, Id: `${fn}${name}LambdaTarget` }] } });
        permission(`${fn}${name}Permission`, 'events.amazonaws.com', { 'Fn::GetAtt': [`${fn}${name}`, 'Arn'] });
        return;
      case 'SQS':
      case 'Kinesis':
      case 'DynamoDB':
      case 'MSK':
      case 'MQ':
        this.add(fn, `${fn}${name}`, {
          Type: 'AWS::Lambda::EventSourceMapping',
          ...condition,
          Properties: { FunctionName: { Ref: fn }, EventSourceArn: p.Queue ?? p.Stream, ...copy(p, ['BatchSize', 'Enabled', 'StartingPosition', 'MaximumBatchingWindowInSeconds', 'FilterCriteria', 'FunctionResponseTypes']) },
        });
        return;
      case 'SNS':
        this.add(fn, `${fn}${name}`, { Type: 'AWS::SNS::Subscription', ...condition, Properties: { Endpoint: { 'Fn::GetAtt': [fn, 'Arn'] }, Protocol: 'lambda', TopicArn: p.Topic, ...copy(p, ['FilterPolicy', 'Region']) } });
        permission(`${fn}${name}Permission`, 'sns.amazonaws.com', p.Topic);
        return;
      case 'S3':
        permission(`${fn}${name}Permission`, 's3.amazonaws.com');
        return;
      default:
        return;
    }
  }

  private table(id: string, declaration: Json, p: Json): void {
    const key = isMapping(p.PrimaryKey) ? p.PrimaryKey : { Name: 'id', Type: 'String' };
    const attributeType = ({ String: 'S', Number: 'N', Binary: 'B' } as Record<string, string>)[String(key.Type ?? 'String')] ?? key.Type;
    const properties: Json = {
      AttributeDefinitions: [{ AttributeName: key.Name ?? 'id', AttributeType: attributeType }],
      KeySchema: [{ AttributeName: key.Name ?? 'id', KeyType: 'HASH' }],
      ...(p.ProvisionedThroughput !== undefined ? { ProvisionedThroughput: p.ProvisionedThroughput } : { BillingMode: 'PAY_PER_REQUEST' }),
      ...copy(p, ['TableName', 'SSESpecification', 'PointInTimeRecoverySpecification']),
    };
    if (isMapping(p.Tags)) properties.Tags = Object.entries(p.Tags).map(([Key, Value]) => ({ Key, Value }));
    this.add(id, id, { Type: 'AWS::DynamoDB::Table', ...passthrough(declaration), Properties: properties });
  }

  private layer(id: string, declaration: Json, p: Json): void {
    const hashed: Json = { [id]: { Type: declaration.Type, Properties: declaration.Properties ?? {}, ...copy(declaration, ['Condition', 'DependsOn']) } };
    const logicalId = samLogicalId(id, hashed);
    const content = s3Location(p.ContentUri, { bucket: 'S3Bucket', key: 'S3Key', version: 'S3ObjectVersion' }) ?? { ContentUri: p.ContentUri };
    // SAM keeps old layer versions (RetentionPolicy Retain) unless told to delete them.
    const deletion = declaration.DeletionPolicy ?? (p.RetentionPolicy === 'Delete' ? 'Delete' : 'Retain');
    this.add(id, logicalId, {
      Type: 'AWS::Lambda::LayerVersion',
      ...passthrough(declaration),
      DeletionPolicy: deletion,
      Properties: { Content: content, LayerName: p.LayerName ?? id, ...copy(p, ['Description', 'CompatibleRuntimes', 'CompatibleArchitectures', 'LicenseInfo']) },
    });
  }

  private restApi(id: string, declaration: Json, p: Json): void {
    const body = p.DefinitionBody;
    const location = s3Location(p.DefinitionUri, { bucket: 'Bucket', key: 'Key', version: 'Version' });
    this.add(id, id, {
      Type: 'AWS::ApiGateway::RestApi',
      ...passthrough(declaration),
      Properties: { ...(body !== undefined ? { Body: body } : {}), ...(location ? { BodyS3Location: location } : {}), ...copy(p, ['Name', 'Description', 'EndpointConfiguration', 'BinaryMediaTypes', 'MinimumCompressionSize', 'Mode', 'DisableExecuteApiEndpoint']) },
    });
    const deployment = samLogicalId(`${id}Deployment`, canonical(body ?? p.DefinitionUri ?? {}));
    this.add(id, deployment, { Type: 'AWS::ApiGateway::Deployment', ...copy(declaration, ['Condition']), Properties: { RestApiId: { Ref: id }, Description: `RestApi deployment id: ${deployment.slice(-10)}` } });
    const stage = String(p.StageName ?? 'Prod');
    this.add(id, `${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage`, {
      Type: 'AWS::ApiGateway::Stage',
      ...copy(declaration, ['Condition']),
      Properties: { DeploymentId: { Ref: deployment }, RestApiId: { Ref: id }, StageName: stage, ...copy(p, ['Variables', 'MethodSettings', 'TracingEnabled', 'CacheClusterEnabled', 'CacheClusterSize']) },
    });
  }

  private httpApi(id: string, declaration: Json, p: Json): void {
    this.add(id, id, {
      Type: 'AWS::ApiGatewayV2::Api',
      ...passthrough(declaration),
      Properties: p.DefinitionBody !== undefined ? { Body: p.DefinitionBody } : { Body: { openapi: '3.0.1', info: { title: { Ref: 'AWS::StackName' } }, paths: {} } },
    });
    const stage = p.StageName === undefined ? '$default' : String(p.StageName);
    const stageId = stage === '$default' ? `${id}ApiGatewayDefaultStage` : `${id}${stage.replace(/[^A-Za-z0-9]/g, '')}Stage`;
    this.add(id, stageId, { Type: 'AWS::ApiGatewayV2::Stage', ...copy(declaration, ['Condition']), Properties: { ApiId: { Ref: id }, AutoDeploy: true, StageName: stage } });
  }

  private stateMachine(id: string, declaration: Json, p: Json): void {
    const properties: Json = {
      ...(p.Definition !== undefined ? { DefinitionString: p.Definition } : {}),
      ...(p.DefinitionUri !== undefined ? { DefinitionS3Location: s3Location(p.DefinitionUri, { bucket: 'Bucket', key: 'Key', version: 'Version' }) ?? p.DefinitionUri } : {}),
      ...copy(p, ['Name', 'Type', 'Logging', 'TracingConfiguration', 'DefinitionSubstitutions']),
      RoleArn: p.Role ?? { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
      Tags: tagList(p.Tags, { key: 'stateMachine:createdBy', value: 'SAM' }),
    };
    if (p.Name !== undefined) {
      properties.StateMachineName = p.Name;
      delete properties.Name;
    }
    if (p.Type !== undefined) {
      properties.StateMachineType = p.Type;
      delete properties.Type;
    }
    this.add(id, id, { Type: 'AWS::StepFunctions::StateMachine', ...passthrough(declaration), Properties: properties });
    if (p.Role === undefined) {
      this.add(id, `${id}Role`, {
        Type: 'AWS::IAM::Role',
        ...copy(declaration, ['Condition']),
        Properties: { AssumeRolePolicyDocument: STATES_ASSUME, ManagedPolicyArns: [], Tags: tagList(p.Tags, { key: 'stateMachine:createdBy', value: 'SAM' }) },
      });
    }
  }

  finish(): void {
    if (this.implicitRestApi && !this.resources.ServerlessRestApi) {
      this.add('ServerlessRestApi', 'ServerlessRestApi', { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: { swagger: '2.0', info: { title: { Ref: 'AWS::StackName' } }, paths: {} } } });
      this.add('ServerlessRestApi', 'ServerlessRestApiProdStage', { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'ServerlessRestApi' }, StageName: 'Prod' } });
    }
    if (this.implicitHttpApi && !this.resources.ServerlessHttpApi) {
      this.add('ServerlessHttpApi', 'ServerlessHttpApi', { Type: 'AWS::ApiGatewayV2::Api', Properties: { Body: { openapi: '3.0.1', info: { title: { Ref: 'AWS::StackName' } }, paths: {} } } });
      this.add('ServerlessHttpApi', 'ServerlessHttpApiApiGatewayDefaultStage', { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'ServerlessHttpApi' }, AutoDeploy: true, StageName: '$default' } });
    }
  }
}

/** References to a layer by its SAM logical id point at the versioned logical id SAM gives it. */
function retarget(value: unknown, renamed: Record<string, string>, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => retarget(v, renamed, depth + 1));
  if (!isMapping(value)) return value;
  if (typeof value.Ref === 'string' && renamed[value.Ref]) return { Ref: renamed[value.Ref] };
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && renamed[getAtt[0]]) return { 'Fn::GetAtt': [renamed[getAtt[0]], ...getAtt.slice(1)] };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retarget(v, renamed, depth + 1)]));
}

export function expandSam(body: Json): SamExpansion {
  const resources = isMapping(body.Resources) ? body.Resources : {};
  const expander = new Expander(isMapping(body.Globals) ? body.Globals : {});
  for (const [logicalId, declaration] of Object.entries(resources)) {
    if (isMapping(declaration) && typeof declaration.Type === 'string' && declaration.Type.startsWith('AWS::Serverless::')) expander.expand(logicalId, declaration);
    else expander.add(logicalId, logicalId, declaration as Json);
  }
  expander.finish();
  const renamed: Record<string, string> = {};
  for (const [logicalId, from] of Object.entries(expander.origin)) {
    if (from !== logicalId && expander.resources[logicalId]?.Type === 'AWS::Lambda::LayerVersion' && !expander.resources[from]) renamed[from] = logicalId;
  }
  const expanded = Object.keys(renamed).length ? (retarget(expander.resources, renamed) as Resources) : expander.resources;
  const transform = Array.isArray(body.Transform) ? body.Transform.filter((t) => t !== SAM_TRANSFORM) : undefined;
  const { Globals: _globals, Transform: _transform, ...rest } = body;
  return {
    body: { ...rest, ...(transform?.length ? { Transform: transform } : {}), Resources: expanded },
    origin: expander.origin,
    notExpanded: expander.notExpanded,
  };
}
