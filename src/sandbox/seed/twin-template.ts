// Prepares a template for the twin: the resource types the emulator cannot model offline are
// left out (and reported), and every reference to them becomes a placeholder string, so the
// rest of the stack still deploys with its names, tags and dependencies.

/**
 * CloudFormation types LocalStack 4.14 community cannot deploy without internet / Docker, or fakes,
 * when it runs WITHOUT Firebreak's extension (a LocalStack someone else started). With the
 * extension, the twin asks LocalStack which types it has providers for (see unmodelledTypes).
 */
export const UNMODELLED_CFN_TYPES: Readonly<Record<string, string>> = {
  'AWS::DynamoDB::Table': 'LocalStack downloads DynamoDB Local on first use (offline here)',
  'AWS::DynamoDB::GlobalTable': 'LocalStack downloads DynamoDB Local on first use (offline here)',
  'AWS::Lambda::Function': 'LocalStack needs Docker to run Lambda functions',
  'AWS::Lambda::EventSourceMapping': 'depends on a Lambda function the twin does not run',
  'AWS::Lambda::Permission': 'depends on a Lambda function the twin does not run',
  'AWS::Lambda::Version': 'depends on a Lambda function the twin does not run',
  'AWS::Lambda::Alias': 'depends on a Lambda function the twin does not run',
  'AWS::RDS::DBInstance': 'LocalStack community has no RDS (CloudFormation would fake it)',
  'AWS::RDS::DBCluster': 'LocalStack community has no RDS (CloudFormation would fake it)',
  'AWS::RDS::DBSubnetGroup': 'LocalStack community has no RDS',
  'AWS::RDS::DBParameterGroup': 'LocalStack community has no RDS',
  'AWS::ApiGateway::Method': 'integrates a Lambda function the twin does not run',
  'AWS::ApiGateway::Deployment': 'needs the methods the twin leaves out',
  'AWS::ApiGateway::Stage': 'needs the deployment the twin leaves out',
};

/** Types the template uses that the engine cannot deploy, each with the reason. */
export function unmodelledTypes(body: Record<string, unknown>, supported?: ReadonlySet<string>): Record<string, string> {
  if (!supported) return { ...UNMODELLED_CFN_TYPES };
  const out: Record<string, string> = {};
  for (const r of Object.values((body.Resources as Record<string, { Type?: string }>) ?? {})) {
    const type = r?.Type;
    if (!type || supported.has(type) || type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' || type === 'AWS::CDK::Metadata') continue;
    out[type] = `LocalStack 4.14 has no CloudFormation provider for ${type}`;
  }
  return out;
}

export interface TwinTemplate {
  body: Record<string, unknown>;
  omitted: { logicalId: string; type: string; why: string }[];
}

export function twinTemplate(body: Record<string, unknown>, unmodelled: Readonly<Record<string, string>> = UNMODELLED_CFN_TYPES): TwinTemplate {
  const resources = { ...((body.Resources as Record<string, { Type?: string }>) ?? {}) };
  const omitted: TwinTemplate['omitted'] = [];
  for (const [id, r] of Object.entries(resources)) {
    const why = r?.Type ? unmodelled[r.Type] : undefined;
    if (why) {
      omitted.push({ logicalId: id, type: r.Type!, why });
      delete resources[id];
    }
  }
  if (!omitted.length) return { body, omitted };
  const gone = new Set(omitted.map((o) => o.logicalId));
  const rewritten = replaceReferences({ ...body, Resources: resources }, gone) as Record<string, unknown>;
  for (const r of Object.values(rewritten.Resources as Record<string, Record<string, unknown>>)) {
    if (Array.isArray(r.DependsOn)) r.DependsOn = r.DependsOn.filter((d) => !gone.has(String(d)));
    else if (typeof r.DependsOn === 'string' && gone.has(r.DependsOn)) delete r.DependsOn;
  }
  if (rewritten.Outputs && typeof rewritten.Outputs === 'object') {
    rewritten.Outputs = Object.fromEntries(Object.entries(rewritten.Outputs as Record<string, unknown>).filter(([, o]) => !JSON.stringify(o).includes('firebreak-omitted-')));
  }
  return { body: rewritten, omitted };
}

function placeholder(logicalId: string, attribute?: string): string {
  return attribute === 'Arn' || attribute?.endsWith('Arn')
    ? `arn:aws:firebreak:us-east-1:000000000000:firebreak-omitted-${logicalId}`
    : `firebreak-omitted-${logicalId}`;
}

function replaceReferences(value: unknown, gone: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceReferences(v, gone));
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys;
    const v = obj[k];
    if (k === 'Ref' && typeof v === 'string' && gone.has(v)) return placeholder(v);
    if (k === 'Fn::GetAtt') {
      const [id, attr] = Array.isArray(v) ? v.map(String) : String(v).split('.');
      if (gone.has(id)) return placeholder(id, attr);
    }
    if (k === 'Fn::Sub') {
      const sub = (s: string) => s.replace(/\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/g, (m, id: string, attr?: string) => (gone.has(id) ? placeholder(id, attr) : m));
      if (typeof v === 'string') return { 'Fn::Sub': sub(v) };
      if (Array.isArray(v) && typeof v[0] === 'string') return { 'Fn::Sub': [sub(v[0]), replaceReferences(v[1], gone)] };
    }
  }
  return Object.fromEntries(keys.map((k) => [k, replaceReferences(obj[k], gone)]));
}
