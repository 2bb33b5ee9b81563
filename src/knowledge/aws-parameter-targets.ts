// Which call parameter names the resource an AWS call acts on, and its CloudFormation type.
// `service` is an IAM prefix or a CLI service name; `params` are CLI spellings (the API's
// PascalCase spellings normalize to the same keys). `noun` is the resource as it appears in
// operation names: when several parameters are given, the one whose noun the operation names
// first is the target (`attach-role-policy --role-name --policy-arn` acts on the role).
// Types without a CloudFormation equivalent use the `aws:<service>:<resource>` pseudo type.

export interface ParameterTarget {
  service: string;
  noun: string;
  type: string;
  params: readonly string[];
}

export const PARAMETER_TARGETS: readonly ParameterTarget[] = [
  // EC2 / VPC
  { service: 'ec2', noun: 'instance', type: 'AWS::EC2::Instance', params: ['instance-ids', 'instance-id'] },
  { service: 'ec2', noun: 'volume', type: 'AWS::EC2::Volume', params: ['volume-ids', 'volume-id'] },
  { service: 'ec2', noun: 'snapshot', type: 'aws:ec2:snapshot', params: ['snapshot-ids', 'snapshot-id'] },
  { service: 'ec2', noun: 'image', type: 'aws:ec2:image', params: ['image-ids', 'image-id'] },
  { service: 'ec2', noun: 'securitygroup', type: 'AWS::EC2::SecurityGroup', params: ['group-ids', 'group-id'] },
  { service: 'ec2', noun: 'subnet', type: 'AWS::EC2::Subnet', params: ['subnet-ids', 'subnet-id'] },
  { service: 'ec2', noun: 'vpcendpoint', type: 'AWS::EC2::VPCEndpoint', params: ['vpc-endpoint-ids', 'vpc-endpoint-id'] },
  { service: 'ec2', noun: 'vpcpeeringconnection', type: 'AWS::EC2::VPCPeeringConnection', params: ['vpc-peering-connection-id'] },
  { service: 'ec2', noun: 'vpc', type: 'AWS::EC2::VPC', params: ['vpc-ids', 'vpc-id'] },
  { service: 'ec2', noun: 'internetgateway', type: 'AWS::EC2::InternetGateway', params: ['internet-gateway-id', 'internet-gateway-ids'] },
  { service: 'ec2', noun: 'natgateway', type: 'AWS::EC2::NatGateway', params: ['nat-gateway-id', 'nat-gateway-ids'] },
  { service: 'ec2', noun: 'routetable', type: 'AWS::EC2::RouteTable', params: ['route-table-id', 'route-table-ids'] },
  { service: 'ec2', noun: 'networkacl', type: 'AWS::EC2::NetworkAcl', params: ['network-acl-id', 'network-acl-ids'] },
  { service: 'ec2', noun: 'networkinterface', type: 'AWS::EC2::NetworkInterface', params: ['network-interface-id', 'network-interface-ids'] },
  { service: 'ec2', noun: 'address', type: 'AWS::EC2::EIP', params: ['allocation-id', 'allocation-ids', 'public-ip'] },
  { service: 'ec2', noun: 'launchtemplate', type: 'AWS::EC2::LaunchTemplate', params: ['launch-template-id', 'launch-template-name'] },
  { service: 'ec2', noun: 'transitgateway', type: 'AWS::EC2::TransitGateway', params: ['transit-gateway-id'] },
  { service: 'ec2', noun: 'keypair', type: 'AWS::EC2::KeyPair', params: ['key-name', 'key-pair-id'] },
  // RDS (and docdb / neptune, which share its API)
  { service: 'rds', noun: 'dbinstance', type: 'AWS::RDS::DBInstance', params: ['db-instance-identifier'] },
  { service: 'rds', noun: 'dbcluster', type: 'AWS::RDS::DBCluster', params: ['db-cluster-identifier'] },
  { service: 'rds', noun: 'dbsnapshot', type: 'aws:rds:snapshot', params: ['db-snapshot-identifier'] },
  { service: 'rds', noun: 'dbclustersnapshot', type: 'aws:rds:cluster-snapshot', params: ['db-cluster-snapshot-identifier'] },
  { service: 'rds', noun: 'dbsubnetgroup', type: 'AWS::RDS::DBSubnetGroup', params: ['db-subnet-group-name'] },
  { service: 'rds', noun: 'dbparametergroup', type: 'AWS::RDS::DBParameterGroup', params: ['db-parameter-group-name'] },
  // S3
  { service: 's3', noun: 'bucket', type: 'AWS::S3::Bucket', params: ['bucket'] },
  // IAM
  { service: 'iam', noun: 'accesskey', type: 'AWS::IAM::AccessKey', params: ['access-key-id'] },
  { service: 'iam', noun: 'user', type: 'AWS::IAM::User', params: ['user-name'] },
  { service: 'iam', noun: 'role', type: 'AWS::IAM::Role', params: ['role-name'] },
  { service: 'iam', noun: 'group', type: 'AWS::IAM::Group', params: ['group-name'] },
  { service: 'iam', noun: 'instanceprofile', type: 'AWS::IAM::InstanceProfile', params: ['instance-profile-name'] },
  { service: 'iam', noun: 'policy', type: 'AWS::IAM::ManagedPolicy', params: ['policy-arn'] },
  // Data stores
  { service: 'dynamodb', noun: 'table', type: 'AWS::DynamoDB::Table', params: ['table-name'] },
  { service: 'dynamodb', noun: 'backup', type: 'aws:dynamodb:backup', params: ['backup-arn'] },
  { service: 'elasticache', noun: 'replicationgroup', type: 'AWS::ElastiCache::ReplicationGroup', params: ['replication-group-id'] },
  { service: 'elasticache', noun: 'cachecluster', type: 'AWS::ElastiCache::CacheCluster', params: ['cache-cluster-id'] },
  { service: 'elasticache', noun: 'serverlesscache', type: 'AWS::ElastiCache::ServerlessCache', params: ['serverless-cache-name'] },
  { service: 'redshift', noun: 'cluster', type: 'AWS::Redshift::Cluster', params: ['cluster-identifier'] },
  { service: 'elasticfilesystem', noun: 'filesystem', type: 'AWS::EFS::FileSystem', params: ['file-system-id'] },
  { service: 'elasticfilesystem', noun: 'mounttarget', type: 'AWS::EFS::MountTarget', params: ['mount-target-id'] },
  { service: 'es', noun: 'elasticsearchdomain', type: 'AWS::Elasticsearch::Domain', params: ['domain-name'] },
  { service: 'es', noun: 'domain', type: 'AWS::OpenSearchService::Domain', params: ['domain-name'] },
  { service: 'backup', noun: 'backupvault', type: 'AWS::Backup::BackupVault', params: ['backup-vault-name'] },
  { service: 'backup', noun: 'recoverypoint', type: 'aws:backup:recovery-point', params: ['recovery-point-arn'] },
  // Compute and containers
  { service: 'lambda', noun: 'function', type: 'AWS::Lambda::Function', params: ['function-name'] },
  { service: 'lambda', noun: 'layer', type: 'AWS::Lambda::LayerVersion', params: ['layer-name'] },
  { service: 'ecs', noun: 'service', type: 'AWS::ECS::Service', params: ['service', 'services'] },
  { service: 'ecs', noun: 'taskdefinition', type: 'AWS::ECS::TaskDefinition', params: ['task-definition', 'task-definitions'] },
  { service: 'ecs', noun: 'task', type: 'aws:ecs:task', params: ['task', 'tasks'] },
  { service: 'ecs', noun: 'cluster', type: 'AWS::ECS::Cluster', params: ['cluster', 'clusters'] },
  { service: 'eks', noun: 'nodegroup', type: 'AWS::EKS::Nodegroup', params: ['nodegroup-name'] },
  { service: 'eks', noun: 'fargateprofile', type: 'AWS::EKS::FargateProfile', params: ['fargate-profile-name'] },
  { service: 'eks', noun: 'addon', type: 'AWS::EKS::Addon', params: ['addon-name'] },
  { service: 'eks', noun: 'cluster', type: 'AWS::EKS::Cluster', params: ['cluster-name', 'name'] },
  { service: 'ecr', noun: 'repository', type: 'AWS::ECR::Repository', params: ['repository-name'] },
  { service: 'autoscaling', noun: 'autoscalinggroup', type: 'AWS::AutoScaling::AutoScalingGroup', params: ['auto-scaling-group-name', 'auto-scaling-group-names'] },
  { service: 'autoscaling', noun: 'launchconfiguration', type: 'AWS::AutoScaling::LaunchConfiguration', params: ['launch-configuration-name'] },
  { service: 'elasticbeanstalk', noun: 'environment', type: 'AWS::ElasticBeanstalk::Environment', params: ['environment-name', 'environment-id'] },
  { service: 'elasticbeanstalk', noun: 'application', type: 'AWS::ElasticBeanstalk::Application', params: ['application-name'] },
  // Networking and delivery
  { service: 'elasticloadbalancing', noun: 'loadbalancer', type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', params: ['load-balancer-arn', 'load-balancer-arns', 'load-balancer-name'] },
  { service: 'elasticloadbalancing', noun: 'targetgroup', type: 'AWS::ElasticLoadBalancingV2::TargetGroup', params: ['target-group-arn', 'target-group-arns'] },
  { service: 'elasticloadbalancing', noun: 'listener', type: 'AWS::ElasticLoadBalancingV2::Listener', params: ['listener-arn', 'listener-arns'] },
  { service: 'route53', noun: 'hostedzone', type: 'AWS::Route53::HostedZone', params: ['hosted-zone-id', 'id'] },
  { service: 'cloudfront', noun: 'distribution', type: 'AWS::CloudFront::Distribution', params: ['id', 'distribution-id'] },
  { service: 'apigateway', noun: 'restapi', type: 'AWS::ApiGateway::RestApi', params: ['rest-api-id'] },
  { service: 'apigateway', noun: 'api', type: 'AWS::ApiGatewayV2::Api', params: ['api-id'] },
  // Security and secrets
  { service: 'kms', noun: 'key', type: 'AWS::KMS::Key', params: ['key-id'] },
  { service: 'kms', noun: 'alias', type: 'AWS::KMS::Alias', params: ['alias-name'] },
  { service: 'secretsmanager', noun: 'secret', type: 'AWS::SecretsManager::Secret', params: ['secret-id', 'name'] },
  { service: 'ssm', noun: 'parameter', type: 'AWS::SSM::Parameter', params: ['name', 'names'] },
  { service: 'acm', noun: 'certificate', type: 'AWS::CertificateManager::Certificate', params: ['certificate-arn'] },
  { service: 'cognito-idp', noun: 'userpool', type: 'AWS::Cognito::UserPool', params: ['user-pool-id'] },
  { service: 'wafv2', noun: 'webacl', type: 'AWS::WAFv2::WebACL', params: ['id'] },
  // Messaging, events, logs, orchestration
  { service: 'sqs', noun: 'queue', type: 'AWS::SQS::Queue', params: ['queue-url'] },
  { service: 'sns', noun: 'topic', type: 'AWS::SNS::Topic', params: ['topic-arn'] },
  { service: 'sns', noun: 'subscription', type: 'AWS::SNS::Subscription', params: ['subscription-arn'] },
  { service: 'events', noun: 'rule', type: 'AWS::Events::Rule', params: ['rule', 'name'] },
  { service: 'kinesis', noun: 'stream', type: 'AWS::Kinesis::Stream', params: ['stream-name', 'stream-arn'] },
  { service: 'firehose', noun: 'deliverystream', type: 'AWS::KinesisFirehose::DeliveryStream', params: ['delivery-stream-name'] },
  { service: 'logs', noun: 'loggroup', type: 'AWS::Logs::LogGroup', params: ['log-group-name', 'log-group-identifier'] },
  { service: 'states', noun: 'statemachine', type: 'AWS::StepFunctions::StateMachine', params: ['state-machine-arn'] },
  { service: 'cloudformation', noun: 'stack', type: 'AWS::CloudFormation::Stack', params: ['stack-name'] },
  { service: 'cloudformation', noun: 'stackset', type: 'AWS::CloudFormation::StackSet', params: ['stack-set-name'] },
  { service: 'cloudwatch', noun: 'alarm', type: 'AWS::CloudWatch::Alarm', params: ['alarm-names', 'alarm-name'] },
  { service: 'cloudtrail', noun: 'trail', type: 'AWS::CloudTrail::Trail', params: ['name'] },
  { service: 'organizations', noun: 'account', type: 'aws:organizations:account', params: ['account-id'] },
  { service: 'codecommit', noun: 'repository', type: 'AWS::CodeCommit::Repository', params: ['repository-name'] },
];

/** Operations whose target is the whole environment the stack / state holds, not one resource. */
export const ENVIRONMENT_SCOPED_OPERATIONS: ReadonlySet<string> = new Set([
  'cloudformation:DeleteStack',
  'cloudformation:DeleteStackSet',
  'cloudformation:DeleteStackInstances',
  'elasticbeanstalk:TerminateEnvironment',
]);
