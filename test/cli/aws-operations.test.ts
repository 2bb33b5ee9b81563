// AWS verbs right: ~60 AWS CLI operations across 20 services, each judged through the whole
// pipeline (what it does, what it targets, whether data is lost, how the target is hit), and each
// checked against the IAM action data (the action exists, at the access level used) and the AWS
// CLI's own model (botocore, fixtures/aws-cli-model.json: the operation and its parameters exist).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { check } from '../../src/pipeline.js';
import { iamServiceActions } from '../../src/intake/aws/iam-data.js';
import type { Impact, Operation } from '../../src/model.js';

type Row = [command: string, operation: Operation, targetType: string, iamAction: string, dataLoss: boolean, impact: Impact | '-'];

const Q = 'https://sqs.eu-west-1.amazonaws.com/012345678901/jobs';
const T = 'arn:aws:sns:eu-west-1:012345678901:alerts';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';

export const ROWS: Row[] = [
  // EC2
  ['ec2 terminate-instances --instance-ids i-0abc', 'delete', 'AWS::EC2::Instance', 'ec2:TerminateInstances', true, 'deleted'],
  ['ec2 stop-instances --instance-ids i-0abc', 'update', 'AWS::EC2::Instance', 'ec2:StopInstances', false, 'modified'],
  ['ec2 start-instances --instance-ids i-0abc', 'update', 'AWS::EC2::Instance', 'ec2:StartInstances', false, 'modified'],
  ['ec2 reboot-instances --instance-ids i-0abc', 'update', 'AWS::EC2::Instance', 'ec2:RebootInstances', false, 'modified'],
  ['ec2 describe-instances --instance-ids i-0abc', 'read', 'AWS::EC2::Instance', 'ec2:DescribeInstances', false, '-'],
  ['ec2 run-instances --image-id ami-1 --instance-type t3.micro', 'create', 'AWS::EC2::Instance', 'ec2:RunInstances', false, 'created'],
  ['ec2 modify-instance-attribute --instance-id i-0abc --instance-type t3.large', 'update', 'AWS::EC2::Instance', 'ec2:ModifyInstanceAttribute', false, 'modified'],
  ['ec2 delete-volume --volume-id vol-0abc', 'delete', 'AWS::EC2::Volume', 'ec2:DeleteVolume', true, 'deleted'],
  ['ec2 delete-snapshot --snapshot-id snap-0abc', 'delete', 'aws:ec2:snapshot', 'ec2:DeleteSnapshot', true, 'deleted'],
  ['ec2 create-snapshot --volume-id vol-0abc', 'create', 'aws:ec2:snapshot', 'ec2:CreateSnapshot', false, 'created'],
  ['ec2 delete-security-group --group-id sg-0abc', 'delete', 'AWS::EC2::SecurityGroup', 'ec2:DeleteSecurityGroup', false, 'deleted'],
  ['ec2 authorize-security-group-ingress --group-id sg-0abc --protocol tcp --port 22 --cidr 0.0.0.0/0', 'permissions', 'AWS::EC2::SecurityGroup', 'ec2:AuthorizeSecurityGroupIngress', false, 'modified'],
  ['ec2 revoke-security-group-ingress --group-id sg-0abc --protocol tcp --port 22 --cidr 0.0.0.0/0', 'permissions', 'AWS::EC2::SecurityGroup', 'ec2:RevokeSecurityGroupIngress', false, 'modified'],
  ['ec2 delete-vpc --vpc-id vpc-0abc', 'delete', 'AWS::EC2::VPC', 'ec2:DeleteVpc', false, 'deleted'],
  // S3
  ['s3api delete-bucket --bucket data-lake', 'delete', 'AWS::S3::Bucket', 's3:DeleteBucket', false, 'deleted'],
  ['s3api delete-object --bucket data-lake --key a/b.csv', 'delete', 'AWS::S3::Bucket', 's3:DeleteObject', true, 'modified'],
  ['s3api put-bucket-versioning --bucket data-lake --versioning-configuration Status=Suspended', 'update', 'AWS::S3::Bucket', 's3:PutBucketVersioning', false, 'modified'],
  ['s3api put-bucket-policy --bucket data-lake --policy file://p.json', 'permissions', 'AWS::S3::Bucket', 's3:PutBucketPolicy', false, 'modified'],
  ['s3api get-object --bucket data-lake --key a.csv out.csv', 'read', 'AWS::S3::Bucket', 's3:GetObject', false, '-'],
  ['s3 rb s3://data-lake --force', 'delete', 'AWS::S3::Bucket', 's3:DeleteBucket', true, 'deleted'],
  ['s3 rm s3://data-lake/tmp/ --recursive', 'delete', 'AWS::S3::Bucket', 's3:DeleteObject', true, 'modified'],
  // RDS, DynamoDB, ElastiCache, OpenSearch, Neptune
  ['rds delete-db-instance --db-instance-identifier orders --skip-final-snapshot', 'delete', 'AWS::RDS::DBInstance', 'rds:DeleteDBInstance', true, 'deleted'],
  ['rds delete-db-instance --db-instance-identifier orders --final-db-snapshot-identifier orders-final', 'delete', 'AWS::RDS::DBInstance', 'rds:DeleteDBInstance', false, 'deleted'],
  ['rds modify-db-instance --db-instance-identifier orders --backup-retention-period 7', 'update', 'AWS::RDS::DBInstance', 'rds:ModifyDBInstance', false, 'modified'],
  ['rds reboot-db-instance --db-instance-identifier orders', 'update', 'AWS::RDS::DBInstance', 'rds:RebootDBInstance', false, 'modified'],
  ['rds delete-db-cluster --db-cluster-identifier aurora --skip-final-snapshot', 'delete', 'AWS::RDS::DBCluster', 'rds:DeleteDBCluster', true, 'deleted'],
  ['rds create-db-snapshot --db-instance-identifier orders --db-snapshot-identifier s1', 'create', 'aws:rds:snapshot', 'rds:CreateDBSnapshot', false, 'created'],
  ['rds delete-db-snapshot --db-snapshot-identifier s1', 'delete', 'aws:rds:snapshot', 'rds:DeleteDBSnapshot', true, 'deleted'],
  ['neptune delete-db-cluster --db-cluster-identifier graph --skip-final-snapshot', 'delete', 'AWS::RDS::DBCluster', 'rds:DeleteDBCluster', true, 'deleted'],
  ['dynamodb delete-table --table-name orders', 'delete', 'AWS::DynamoDB::Table', 'dynamodb:DeleteTable', true, 'deleted'],
  ['dynamodb delete-item --table-name orders --key {"id":{"S":"1"}}', 'delete', 'AWS::DynamoDB::Table', 'dynamodb:DeleteItem', true, 'modified'],
  ['dynamodb update-table --table-name orders --billing-mode PAY_PER_REQUEST', 'update', 'AWS::DynamoDB::Table', 'dynamodb:UpdateTable', false, 'modified'],
  ['dynamodb scan --table-name orders', 'read', 'AWS::DynamoDB::Table', 'dynamodb:Scan', false, '-'],
  ['elasticache delete-cache-cluster --cache-cluster-id sessions', 'delete', 'AWS::ElastiCache::CacheCluster', 'elasticache:DeleteCacheCluster', true, 'deleted'],
  ['opensearch delete-domain --domain-name search', 'delete', 'AWS::OpenSearchService::Domain', 'es:DeleteDomain', true, 'deleted'],
  ['es delete-elasticsearch-domain --domain-name legacy', 'delete', 'AWS::Elasticsearch::Domain', 'es:DeleteElasticsearchDomain', true, 'deleted'],
  // SQS, SNS: purging keeps the queue; attributes without a policy are configuration
  [`sqs purge-queue --queue-url ${Q}`, 'delete', 'AWS::SQS::Queue', 'sqs:PurgeQueue', true, 'modified'],
  [`sqs delete-queue --queue-url ${Q}`, 'delete', 'AWS::SQS::Queue', 'sqs:DeleteQueue', true, 'deleted'],
  [`sqs set-queue-attributes --queue-url ${Q} --attributes VisibilityTimeout=60`, 'update', 'AWS::SQS::Queue', 'sqs:SetQueueAttributes', false, 'modified'],
  [`sqs set-queue-attributes --queue-url ${Q} --attributes {"Policy":"{}","VisibilityTimeout":"60"}`, 'permissions', 'AWS::SQS::Queue', 'sqs:SetQueueAttributes', false, 'modified'],
  [`sqs set-queue-attributes --queue-url ${Q} --attributes file://attributes.json`, 'permissions', 'AWS::SQS::Queue', 'sqs:SetQueueAttributes', false, 'modified'],
  [`sqs receive-message --queue-url ${Q}`, 'read', 'AWS::SQS::Queue', 'sqs:ReceiveMessage', false, '-'],
  [`sns delete-topic --topic-arn ${T}`, 'delete', 'AWS::SNS::Topic', 'sns:DeleteTopic', false, 'deleted'],
  [`sns set-topic-attributes --topic-arn ${T} --attribute-name DisplayName --attribute-value Alerts`, 'update', 'AWS::SNS::Topic', 'sns:SetTopicAttributes', false, 'modified'],
  [`sns set-topic-attributes --topic-arn ${T} --attribute-name Policy --attribute-value {}`, 'permissions', 'AWS::SNS::Topic', 'sns:SetTopicAttributes', false, 'modified'],
  // Lambda, IAM, KMS, Secrets Manager
  ['lambda delete-function --function-name api', 'delete', 'AWS::Lambda::Function', 'lambda:DeleteFunction', false, 'deleted'],
  ['lambda update-function-code --function-name api --zip-file fileb://f.zip', 'update', 'AWS::Lambda::Function', 'lambda:UpdateFunctionCode', false, 'modified'],
  ['iam delete-role --role-name deployer', 'delete', 'AWS::IAM::Role', 'iam:DeleteRole', false, 'deleted'],
  ['iam attach-role-policy --role-name deployer --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess', 'permissions', 'AWS::IAM::Role', 'iam:AttachRolePolicy', false, 'modified'],
  ['iam create-access-key --user-name ci', 'permissions', 'AWS::IAM::AccessKey', 'iam:CreateAccessKey', false, 'modified'],
  ['iam list-users', 'read', 'AWS::IAM::User', 'iam:ListUsers', false, '-'],
  [`kms schedule-key-deletion --key-id ${KEY} --pending-window-in-days 7`, 'delete', 'AWS::KMS::Key', 'kms:ScheduleKeyDeletion', true, 'deleted'],
  [`kms cancel-key-deletion --key-id ${KEY}`, 'update', 'AWS::KMS::Key', 'kms:CancelKeyDeletion', false, 'modified'],
  ['secretsmanager delete-secret --secret-id db-password --force-delete-without-recovery', 'delete', 'AWS::SecretsManager::Secret', 'secretsmanager:DeleteSecret', true, 'deleted'],
  ['secretsmanager delete-secret --secret-id db-password', 'delete', 'AWS::SecretsManager::Secret', 'secretsmanager:DeleteSecret', false, 'deleted'],
  // Logs, ECR, EFS, Kinesis, CloudFormation, Route 53
  ['logs delete-log-group --log-group-name /app', 'delete', 'AWS::Logs::LogGroup', 'logs:DeleteLogGroup', true, 'deleted'],
  ['logs put-retention-policy --log-group-name /app --retention-in-days 400', 'update', 'AWS::Logs::LogGroup', 'logs:PutRetentionPolicy', false, 'modified'],
  ['ecr batch-delete-image --repository-name api --image-ids imageTag=v1', 'delete', 'AWS::ECR::Repository', 'ecr:BatchDeleteImage', false, 'modified'],
  ['ecr delete-repository --repository-name api --force', 'delete', 'AWS::ECR::Repository', 'ecr:DeleteRepository', true, 'deleted'],
  ['efs delete-file-system --file-system-id fs-0abc', 'delete', 'AWS::EFS::FileSystem', 'elasticfilesystem:DeleteFileSystem', true, 'deleted'],
  ['kinesis delete-stream --stream-name events', 'delete', 'AWS::Kinesis::Stream', 'kinesis:DeleteStream', true, 'deleted'],
  ['cloudformation delete-stack --stack-name prod-network', 'delete', 'AWS::CloudFormation::Stack', 'cloudformation:DeleteStack', false, 'deleted'],
  ['route53 change-resource-record-sets --hosted-zone-id Z1 --change-batch file://c.json', 'update', 'AWS::Route53::HostedZone', 'route53:ChangeResourceRecordSets', false, 'modified'],
];

/** High-level `aws s3` commands are the CLI's own, not API operations in the model. */
const CLI_ONLY = new Set(['s3 rb', 's3 rm', 's3 cp', 's3 mv', 's3 sync']);
const MODEL = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'aws-cli-model.json'), 'utf8')) as {
  botocore: string;
  services: Record<string, Record<string, { operation: string; options: string[] }>>;
};
/** Options the AWS CLI adds to an operation on top of the API model (awscli customizations). */
const CLI_CUSTOM_OPTIONS: Record<string, string[]> = {
  'ec2 authorize-security-group-ingress': ['protocol', 'port', 'cidr', 'source-group', 'group-owner'],
  'ec2 revoke-security-group-ingress': ['protocol', 'port', 'cidr', 'source-group', 'group-owner'],
  'ec2 run-instances': ['count', 'secondary-private-ip-addresses', 'associate-public-ip-address'],
  'lambda update-function-code': ['zip-file'],
};

describe('AWS operations: verb class, target type, data loss', () => {
  it.each(ROWS)('aws %s', async (command, operation, targetType, iamAction, dataLoss, impact) => {
    const { report } = await check({ commands: [`aws --profile prod ${command}`], implicitConfig: false, cwd: import.meta.dirname });
    const action = report.actions[0];
    expect(action.operation).toBe(operation);
    expect(action.target.type).toBe(targetType);
    expect(action.iam?.action).toBe(iamAction);
    expect(action.dataLoss).toBe(dataLoss);
    const hit = report.blastRadius.resources.find((r) => r.depth === 0);
    expect(hit?.impact ?? '-').toBe(impact);
  });

  it('covers at least 50 operations across at least 15 services', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(ROWS.map((r) => r[0].split(' ')[0])).size).toBeGreaterThanOrEqual(15);
  });
});

describe('checked against the IAM action data', () => {
  it.each(ROWS)('aws %s', async (command, operation, _type, iamAction) => {
    const [prefix, name] = iamAction.split(':');
    const data = (await iamServiceActions(prefix))[name.toLowerCase()];
    expect(data, `${iamAction} is in the IAM data`).toBeDefined();
    const levels = data!.accessLevel.split(',').map((l) => l.trim());
    // A read is Read or List in IAM; a change is never filed as a read there.
    if (operation === 'read') expect(levels.some((l) => l === 'Read' || l === 'List')).toBe(true);
    else expect(levels.every((l) => l === 'Read' || l === 'List')).toBe(false);
  });

  it('IAM files SetQueueAttributes and SetTopicAttributes under Permissions management: the parameters narrow it', async () => {
    expect((await iamServiceActions('sqs')).setqueueattributes.accessLevel).toMatch(/Permissions management/);
    expect((await iamServiceActions('sns')).settopicattributes.accessLevel).toMatch(/Permissions management/);
  });
});

describe('checked against the AWS CLI model (botocore)', () => {
  it.each(ROWS.filter((r) => !CLI_ONLY.has(r[0].split(' ').slice(0, 2).join(' '))))('aws %s', async (command) => {
    const [service, op, ...args] = command.split(' ');
    const operation = MODEL.services[service]?.[op];
    expect(operation, `${service} ${op} is an operation of the AWS CLI`).toBeDefined();
    const options = [...operation!.options, ...(CLI_CUSTOM_OPTIONS[`${service} ${op}`] ?? [])];
    for (const flag of args.filter((a) => a.startsWith('--'))) expect(options, `${service} ${op} ${flag}`).toContain(flag.slice(2).replace(/^no-/, ''));
    // The API operation the CLI calls is the IAM action Firebreak names (IAM prefix aside).
    const row = ROWS.find((r) => r[0] === command)!;
    const { OPERATION_TO_IAM_ACTIONS } = await import('../../src/knowledge/aws-operation-verbs.js');
    const mapped = Object.entries(OPERATION_TO_IAM_ACTIONS).some(([key, names]) => key.endsWith(`:${operation!.operation.toLowerCase()}`) && names[0] === row[3].split(':')[1]);
    if (!mapped) expect(row[3].split(':')[1].toLowerCase()).toBe(operation!.operation.toLowerCase());
  });

  it('the model fixture is what botocore says, where botocore is installed', () => {
    let current: string;
    try {
      current = execFileSync('python3', [join(import.meta.dirname, 'fixtures', 'aws-cli-model.py')], { encoding: 'utf8', input: JSON.stringify(ROWS.map((r) => r[0])) });
    } catch {
      return; // no Python botocore here: the committed fixture stands
    }
    const fresh = JSON.parse(current) as typeof MODEL;
    for (const [service, operations] of Object.entries(MODEL.services)) {
      for (const [name, entry] of Object.entries(operations)) expect(fresh.services[service]?.[name]).toEqual(entry);
    }
  });
});
