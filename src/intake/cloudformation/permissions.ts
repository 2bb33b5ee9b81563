/**
 * Which CloudFormation changes are changes to permissions (who may do what), as data.
 * Identity types live under AWS::IAM::; resource-policy types grant access to other
 * resources; policy properties carry an inline policy on an otherwise ordinary resource.
 */
export const RESOURCE_POLICY_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::BucketPolicy',
  'AWS::S3::AccessPointPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::LayerVersionPermission',
  'AWS::SecretsManager::ResourcePolicy',
  'AWS::Events::EventBusPolicy',
  'AWS::Logs::ResourcePolicy',
  'AWS::ApiGateway::Authorizer',
]);

export const POLICY_PROPERTIES: ReadonlySet<string> = new Set([
  'PolicyDocument',
  'Policies',
  'AssumeRolePolicyDocument',
  'ManagedPolicyArns',
  'PermissionsBoundary',
  'KeyPolicy',
  'PolicyText',
  'AccessPolicies',
  'ResourcePolicy',
  'RepositoryPolicyText',
]);

export function isPermissionType(type: string): boolean {
  return type.startsWith('AWS::IAM::') || RESOURCE_POLICY_TYPES.has(type);
}

/** The changed properties that carry a policy. */
export function policyPropertiesIn(properties: Iterable<string>): string[] {
  return [...properties].filter((p) => POLICY_PROPERTIES.has(p));
}
