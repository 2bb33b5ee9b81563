/**
 * Properties that hold a resource's physical name, per CloudFormation type: when written as a
 * literal they let a CLI command or an inventory entry (`aws s3 rb s3://logs`) find the
 * resource a template declares. Data only; extend freely.
 */
export const PHYSICAL_NAME_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::DynamoDB::GlobalTable': ['TableName'],
  'AWS::RDS::DBInstance': ['DBInstanceIdentifier'],
  'AWS::RDS::DBCluster': ['DBClusterIdentifier'],
  'AWS::RDS::DBSubnetGroup': ['DBSubnetGroupName'],
  'AWS::RDS::DBParameterGroup': ['DBParameterGroupName'],
  'AWS::Neptune::DBCluster': ['DBClusterIdentifier'],
  'AWS::Neptune::DBInstance': ['DBInstanceIdentifier'],
  'AWS::DocDB::DBCluster': ['DBClusterIdentifier'],
  'AWS::DocDB::DBInstance': ['DBInstanceIdentifier'],
  'AWS::Redshift::Cluster': ['ClusterIdentifier'],
  'AWS::ElastiCache::CacheCluster': ['ClusterName'],
  'AWS::ElastiCache::ReplicationGroup': ['ReplicationGroupId'],
  'AWS::OpenSearchService::Domain': ['DomainName'],
  'AWS::Elasticsearch::Domain': ['DomainName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::User': ['UserName'],
  'AWS::IAM::Group': ['GroupName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::IAM::InstanceProfile': ['InstanceProfileName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::ECS::Cluster': ['ClusterName'],
  'AWS::ECS::Service': ['ServiceName'],
  'AWS::ECS::TaskDefinition': ['Family'],
  'AWS::EKS::Cluster': ['Name'],
  'AWS::ECR::Repository': ['RepositoryName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::SSM::Parameter': ['Name'],
  'AWS::Kinesis::Stream': ['Name'],
  'AWS::KinesisFirehose::DeliveryStream': ['DeliveryStreamName'],
  'AWS::StepFunctions::StateMachine': ['StateMachineName'],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': ['Name'],
  'AWS::ElasticLoadBalancingV2::TargetGroup': ['Name'],
  'AWS::ElasticLoadBalancing::LoadBalancer': ['LoadBalancerName'],
  'AWS::AutoScaling::AutoScalingGroup': ['AutoScalingGroupName'],
  'AWS::AutoScaling::LaunchConfiguration': ['LaunchConfigurationName'],
  'AWS::EC2::LaunchTemplate': ['LaunchTemplateName'],
  'AWS::EC2::SecurityGroup': ['GroupName'],
  'AWS::EC2::KeyPair': ['KeyName'],
  'AWS::ApiGateway::RestApi': ['Name'],
  'AWS::Events::Rule': ['Name'],
  'AWS::Events::EventBus': ['Name'],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CodeBuild::Project': ['Name'],
  'AWS::CodePipeline::Pipeline': ['Name'],
  'AWS::Cognito::UserPool': ['UserPoolName'],
  'AWS::Route53::HostedZone': ['Name'],
  'AWS::Backup::BackupVault': ['BackupVaultName'],
  'AWS::AppRunner::Service': ['ServiceName'],
  'AWS::MSK::Cluster': ['ClusterName'],
  'AWS::CloudTrail::Trail': ['TrailName'],
  'AWS::EFS::FileSystem': [],
};

/** The literal physical names a resource declares (intrinsics are skipped: unknown until deploy). */
export function literalPhysicalNames(type: string, properties: Record<string, unknown>): string[] {
  return (PHYSICAL_NAME_PROPERTIES[type] ?? [])
    .map((property) => properties[property])
    .filter((value): value is string => typeof value === 'string' && value !== '');
}
