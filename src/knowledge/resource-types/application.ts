// Serverless, containers, messaging, streaming, DNS, observability and edge.
import type { ResourceFacts } from '../types.js';
import { param } from './conditions.js';

const stateless = (
  service: string,
  cfnType: string,
  terraformTypes: string[],
  label: string,
  nameKeys: ResourceFacts['nameKeys'],
): ResourceFacts => ({ service, cfnType, terraformTypes, label, stateful: false, nameKeys });

export const APPLICATION_TYPES: ResourceFacts[] = [
  stateless('lambda', 'AWS::Lambda::Function', ['aws_lambda_function'], 'Lambda function', [
    { tf: 'function_name', cfn: 'FunctionName', cli: 'function-name' },
  ]),
  stateless('lambda', 'AWS::Lambda::Permission', ['aws_lambda_permission'], 'Lambda permission', [
    { tf: 'function_name', cfn: 'FunctionName', cli: 'function-name' },
  ]),
  stateless('lambda', 'AWS::Lambda::EventSourceMapping', ['aws_lambda_event_source_mapping'], 'Lambda event source mapping', [
    { tf: 'uuid', cli: 'uuid' },
  ]),
  stateless('lambda', 'AWS::Lambda::Alias', ['aws_lambda_alias'], 'Lambda alias', [{ tf: 'name', cfn: 'Name', cli: 'name' }]),
  {
    service: 'sqs',
    cfnType: 'AWS::SQS::Queue',
    terraformTypes: ['aws_sqs_queue'],
    label: 'SQS queue',
    stateful: true,
    holds: 'messages waiting in queue {name}',
    nameKeys: [{ tf: 'name', cfn: 'QueueName', cli: 'queue-url' }],
    destructiveUpdates: [
      {
        keys: { tf: 'message_retention_seconds', cfn: 'MessageRetentionPeriod', cli: 'message-retention-period' },
        change: 'decrease',
        message: 'a shorter retention period drops messages older than the new period',
      },
    ],
  },
  stateless('sqs', 'AWS::SQS::QueuePolicy', ['aws_sqs_queue_policy'], 'SQS queue policy', [{ tf: 'queue_url', cli: 'queue-url' }]),
  stateless('sns', 'AWS::SNS::Topic', ['aws_sns_topic'], 'SNS topic', [{ tf: 'name', cfn: 'TopicName', cli: 'topic-arn' }]),
  stateless('sns', 'AWS::SNS::Subscription', ['aws_sns_topic_subscription'], 'SNS subscription', [
    { tf: 'arn', cli: 'subscription-arn' },
  ]),
  stateless('sns', 'AWS::SNS::TopicPolicy', ['aws_sns_topic_policy'], 'SNS topic policy', [{ tf: 'arn', cli: 'topic-arn' }]),
  stateless('ecs', 'AWS::ECS::Cluster', ['aws_ecs_cluster'], 'ECS cluster', [{ tf: 'name', cfn: 'ClusterName', cli: 'cluster' }]),
  stateless('ecs', 'AWS::ECS::Service', ['aws_ecs_service'], 'ECS service', [{ tf: 'name', cfn: 'ServiceName', cli: 'service' }]),
  stateless('ecs', 'AWS::ECS::TaskDefinition', ['aws_ecs_task_definition'], 'ECS task definition', [
    { tf: 'family', cfn: 'Family', cli: 'task-definition' },
  ]),
  {
    service: 'eks',
    cfnType: 'AWS::EKS::Cluster',
    terraformTypes: ['aws_eks_cluster'],
    label: 'EKS cluster',
    stateful: true,
    holds: "the Kubernetes objects stored in cluster {name}'s control plane (deployments, config maps, secrets)",
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'name' }],
    safeguard: {
      description: 'back up the Kubernetes objects (e.g. with Velero) before deleting the cluster',
      command: 'velero backup create firebreak-{name}-{stamp}',
    },
  },
  stateless('eks', 'AWS::EKS::Nodegroup', ['aws_eks_node_group'], 'EKS node group', [
    { tf: 'node_group_name', cfn: 'NodegroupName', cli: 'nodegroup-name' },
  ]),
  {
    service: 'kinesis',
    cfnType: 'AWS::Kinesis::Stream',
    terraformTypes: ['aws_kinesis_stream'],
    label: 'Kinesis data stream',
    stateful: true,
    holds: 'records retained in stream {name}',
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'stream-name' }],
    destructiveUpdates: [
      {
        keys: { tf: 'retention_period', cfn: 'RetentionPeriodHours', cli: 'retention-period-hours' },
        change: 'decrease',
        message: 'a shorter retention period makes records older than it inaccessible at once',
      },
    ],
  },
  {
    service: 'logs',
    cfnType: 'AWS::Logs::LogGroup',
    terraformTypes: ['aws_cloudwatch_log_group'],
    label: 'CloudWatch log group',
    stateful: true,
    holds: 'all log events in log group {name}',
    nameKeys: [{ tf: 'name', cfn: 'LogGroupName', cli: 'log-group-name' }],
    deletion: [
      {
        id: 'log-group-skip-destroy',
        when: [param({ tf: 'skip_destroy' }, 'true')],
        outcome: 'kept',
        reversibility: 'reversible',
        message: 'Terraform only forgets the log group; it is not deleted',
      },
    ],
    destructiveUpdates: [
      {
        keys: { tf: 'retention_in_days', cfn: 'RetentionInDays', cli: 'retention-in-days' },
        change: 'decrease',
        zeroIsUnlimited: true,
        message: 'a shorter retention deletes log events older than the new period',
      },
    ],
    safeguard: {
      description: 'export the log events to S3',
      command: 'aws logs create-export-task --log-group-name {name} --from 0 --to <now-epoch-ms> --destination <bucket>',
    },
  },
  stateless('cloudwatch', 'AWS::CloudWatch::Alarm', ['aws_cloudwatch_metric_alarm'], 'CloudWatch alarm', [
    { tf: 'alarm_name', cfn: 'AlarmName', cli: 'alarm-names' },
  ]),
  stateless('events', 'AWS::Events::Rule', ['aws_cloudwatch_event_rule'], 'EventBridge rule', [{ tf: 'name', cfn: 'Name', cli: 'name' }]),
  stateless('apigateway', 'AWS::ApiGateway::RestApi', ['aws_api_gateway_rest_api'], 'API Gateway REST API', [
    { tf: 'name', cfn: 'Name', cli: 'rest-api-id' },
  ]),
  stateless('apigateway', 'AWS::ApiGateway::Stage', ['aws_api_gateway_stage'], 'API Gateway stage', [
    { tf: 'stage_name', cfn: 'StageName', cli: 'stage-name' },
  ]),
  stateless('apigateway', 'AWS::ApiGatewayV2::Api', ['aws_apigatewayv2_api'], 'API Gateway HTTP/WebSocket API', [
    { tf: 'name', cfn: 'Name', cli: 'api-id' },
  ]),
  stateless('cloudfront', 'AWS::CloudFront::Distribution', ['aws_cloudfront_distribution'], 'CloudFront distribution', [
    { tf: 'id', cli: 'id' },
  ]),
  stateless('states', 'AWS::StepFunctions::StateMachine', ['aws_sfn_state_machine'], 'Step Functions state machine', [
    { tf: 'name', cfn: 'StateMachineName', cli: 'state-machine-arn' },
  ]),
  {
    service: 'route53',
    cfnType: 'AWS::Route53::HostedZone',
    terraformTypes: ['aws_route53_zone'],
    label: 'Route 53 hosted zone',
    stateful: false,
    identity:
      'hosted zone {name} and its name-server set: a re-created zone gets different name servers, so the delegation at the registrar must change and resolution breaks until it does',
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'id' }],
  },
  stateless('route53', 'AWS::Route53::RecordSet', ['aws_route53_record'], 'Route 53 record', [{ tf: 'name', cfn: 'Name' }]),
  {
    service: 'cloudformation',
    cfnType: 'AWS::CloudFormation::Stack',
    terraformTypes: ['aws_cloudformation_stack'],
    label: 'CloudFormation (nested) stack',
    stateful: true,
    holds: 'every resource of stack {name} and the data they hold',
    nameKeys: [{ tf: 'name', cli: 'stack-name' }],
  },
  {
    service: 'organizations',
    cfnType: 'AWS::Organizations::Account',
    terraformTypes: ['aws_organizations_account'],
    label: 'AWS account (Organizations)',
    stateful: true,
    holds: 'account {name}: every resource and all data in it, once the account is closed',
    identity: 'AWS account {name}: a closed account cannot be reopened after 90 days and its id is never reused',
    nameKeys: [{ tf: 'id', cli: 'account-id' }, { tf: 'name', cfn: 'AccountName' }],
    deletion: [
      {
        id: 'organizations-account-close-on-deletion',
        when: [param({ tf: 'close_on_deletion' }, 'false', { defaults: { tf: false }, defaultNote: 'provider default' })],
        outcome: 'kept',
        reversibility: 'recoverable',
        message: 'Terraform only removes the account from the organization (close_on_deletion is false): the account and its resources stay',
      },
    ],
  },
];
