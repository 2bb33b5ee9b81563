import { describe, expect, it } from 'vitest';
import { awsCliToActions } from '../../src/intake/aws/cli.js';
import { InputError } from '../../src/errors.js';
import type { Evidence } from '../../src/model.js';

const run = (command: string, env: Record<string, string | undefined> = {}) =>
  awsCliToActions(command.split(' '), { kind: 'shell', command }, env);
const messages = (evidence: Evidence[]) => evidence.map((e) => e.message).join('\n');

describe('Amazon Q wiper incident commands', () => {
  it('ec2 terminate-instances: one delete per instance, profile kept', async () => {
    const actions = await run('aws --profile victim ec2 terminate-instances --instance-ids i-0a1 i-0b2 i-0c3');
    expect(actions.map((a) => a.target.id)).toEqual(['i-0a1', 'i-0b2', 'i-0c3']);
    for (const a of actions) {
      expect(a).toMatchObject({ operation: 'delete', tool: 'aws', verb: 'terminate-instances', scope: 'resource', hints: { profile: 'victim' } });
      expect(a.target.type).toBe('AWS::EC2::Instance');
      expect(a.iam).toEqual({ action: 'ec2:TerminateInstances', accessLevel: 'Write' });
      expect(a.source.command).toContain('terminate-instances');
    }
  });

  it('s3 rm --recursive deletes every object in the bucket', async () => {
    const [a, ...more] = await run('aws --profile victim s3 rm s3://company-data --recursive');
    expect(more).toEqual([]);
    expect(a).toMatchObject({ operation: 'delete', verb: 's3 rm', target: { type: 'AWS::S3::Bucket', id: 'company-data' }, hints: { profile: 'victim' } });
    expect(a.iam?.action).toBe('s3:DeleteObject');
    expect(a.details?.s3Objects).toMatchObject({ bucket: 'company-data', prefix: '', recursive: true, objectsOnly: true });
    expect(a.evidence.some((e) => e.key === '--recursive')).toBe(true);
    expect(messages(a.evidence)).toContain('every object under s3://company-data/');
  });

  it('iam delete-user', async () => {
    const [a] = await run('aws --profile victim iam delete-user --user-name ops-admin');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'AWS::IAM::User', id: 'ops-admin' }, iam: { action: 'iam:DeleteUser' } });
  });
});

describe('global options and environment hints', () => {
  it('global options before and after the service give the same action', async () => {
    const before = await run('aws --profile prod --region eu-west-1 --output json ec2 stop-instances --instance-ids i-1');
    const after = await run('aws ec2 --profile prod stop-instances --region=eu-west-1 --instance-ids i-1 --no-cli-pager --debug');
    for (const a of [before[0], after[0]]) {
      expect(a).toMatchObject({ operation: 'update', target: { id: 'i-1' }, hints: { profile: 'prod', region: 'eu-west-1' } });
      expect(a.details?.parameters).toEqual({ '--instance-ids': 'i-1' });
    }
  });

  it('--endpoint-url, --query and boolean globals never become parameters', async () => {
    const [a] = await run("aws --endpoint-url http://localhost:4566 --no-verify-ssl --query Reservations --color off --cli-read-timeout 5 ec2 describe-instances");
    expect(a).toMatchObject({ operation: 'read', hints: { endpoint: 'http://localhost:4566' } });
    expect(a.details?.parameters).toEqual({});
  });

  it('AWS_PROFILE / AWS_REGION are hints; flags win over them', async () => {
    const [fromEnv] = await run('aws iam list-users', { AWS_PROFILE: 'staging', AWS_DEFAULT_REGION: 'us-west-2' });
    expect(fromEnv.hints).toMatchObject({ profile: 'staging', region: 'us-west-2' });
    expect(fromEnv.evidence.some((e) => e.key === 'AWS_PROFILE')).toBe(true);
    const [flag] = await run('aws --profile prod iam list-users', { AWS_PROFILE: 'staging' });
    expect(flag.hints.profile).toBe('prod');
    const [fallback] = await run('aws iam list-users', { AWS_DEFAULT_PROFILE: 'dev', AWS_REGION: 'ap-south-1' });
    expect(fallback.hints).toMatchObject({ profile: 'dev', region: 'ap-south-1' });
  });

  it('account id and region from an ARN parameter', async () => {
    const [a] = await run('aws sns delete-topic --topic-arn arn:aws:sns:us-east-1:123456789012:alerts');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'AWS::SNS::Topic', id: 'arn:aws:sns:us-east-1:123456789012:alerts' }, hints: { accountId: '123456789012', region: 'us-east-1' } });
    expect(a.target.names).toContain('alerts');
  });
});

describe('reads that call no write API', () => {
  it.each(['aws help', 'aws ec2 help', 'aws configure list', 'aws sts get-caller-identity', 'aws --version', 'aws ec2 wait instance-running --instance-ids i-1', 'aws ec2 terminate-instances --generate-cli-skeleton'])('%s is a read', async (command) => {
    const actions = await run(command);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a.operation).toBe('read');
  });

  it('aws configure set changes local configuration: not a read', async () => {
    const [a] = await run('aws configure set region eu-west-1');
    expect(a.operation).toBe('update');
  });

  it('ec2 --dry-run is a read, with the flag as evidence', async () => {
    const [a] = await run('aws ec2 terminate-instances --instance-ids i-1 --dry-run');
    expect(a.operation).toBe('read');
    expect(a.evidence.find((e) => e.key === '--dry-run')?.message).toContain('changes nothing');
  });
});

describe('high-level s3 commands', () => {
  it('ls is a read of the bucket, or of all buckets', async () => {
    expect((await run('aws s3 ls s3://b/logs/'))[0]).toMatchObject({ operation: 'read', target: { id: 'b' }, iam: { action: 's3:ListBucket' } });
    expect((await run('aws s3 ls'))[0]).toMatchObject({ operation: 'read', iam: { action: 's3:ListAllMyBuckets' } });
  });

  it('cp upload writes (update), download reads', async () => {
    expect(await run('aws s3 cp ./build s3://site/app --recursive')).toMatchObject([{ operation: 'update', target: { id: 'site' }, iam: { action: 's3:PutObject' } }]);
    expect(await run('aws s3 cp s3://site/app/index.html ./index.html')).toMatchObject([{ operation: 'read', target: { id: 'site' }, iam: { action: 's3:GetObject' } }]);
  });

  it('mv between buckets deletes the source and writes the destination', async () => {
    const actions = await run('aws s3 mv s3://old/data s3://new/data --recursive');
    expect(actions.map((a) => [a.operation, a.target.id, a.iam?.action])).toEqual([
      ['delete', 'old', 's3:DeleteObject'],
      ['update', 'new', 's3:PutObject'],
    ]);
  });

  it('sync writes; sync --delete also deletes destination objects', async () => {
    expect((await run('aws s3 sync ./dist s3://site')).map((a) => a.operation)).toEqual(['update']);
    const withDelete = await run('aws s3 sync ./dist s3://site --delete --exclude *.map');
    expect(withDelete.map((a) => [a.operation, a.iam?.action])).toEqual([['update', 's3:PutObject'], ['delete', 's3:DeleteObject']]);
    expect(withDelete[1].details?.filtered).toBe(true);
  });

  it('mb creates; rb deletes; rb --force also deletes every object first', async () => {
    expect((await run('aws s3 mb s3://fresh'))[0]).toMatchObject({ operation: 'create', iam: { action: 's3:CreateBucket' } });
    const [plain] = await run('aws s3 rb s3://old');
    expect(plain).toMatchObject({ operation: 'delete', target: { type: 'AWS::S3::Bucket', id: 'old' }, iam: { action: 's3:DeleteBucket' } });
    expect(plain.evidence.some((e) => e.key === '--force')).toBe(false);
    const [forced] = await run('aws s3 rb s3://old --force');
    expect(forced.details?.iamActions).toEqual(['s3:DeleteBucket', 's3:ListBucket', 's3:DeleteObject']);
    expect(forced.evidence.find((e) => e.key === '--force')?.message).toContain('deletes every object in the bucket first');
  });

  it('--dryrun makes it a read; a missing path is an input error', async () => {
    expect((await run('aws s3 rm s3://b --recursive --dryrun'))[0].operation).toBe('read');
    await expect(run('aws s3 rm')).rejects.toBeInstanceOf(InputError);
    await expect(run('aws s3 cp s3://b/x')).rejects.toBeInstanceOf(InputError);
  });
});

describe('decisive flags', () => {
  it('rds delete-db-instance with and without --skip-final-snapshot', async () => {
    const [skip] = await run('aws rds delete-db-instance --db-instance-identifier prod-db --skip-final-snapshot --delete-automated-backups');
    expect(skip).toMatchObject({ operation: 'delete', target: { type: 'AWS::RDS::DBInstance', id: 'prod-db' }, iam: { action: 'rds:DeleteDBInstance' } });
    expect(skip.details?.flags).toEqual({ '--skip-final-snapshot': true, '--delete-automated-backups': true });
    expect(messages(skip.evidence)).toContain('no final snapshot');
    expect(messages(skip.evidence)).toContain('automated backups are deleted');

    const [kept] = await run('aws rds delete-db-instance --db-instance-identifier prod-db --final-db-snapshot-identifier prod-db-final --no-delete-automated-backups');
    expect(kept.details?.flags).toEqual({ '--final-db-snapshot-identifier': ['prod-db-final'], '--no-delete-automated-backups': true });
    expect(messages(kept.evidence)).toContain('final snapshot prod-db-final is taken');
    expect(messages(kept.evidence)).toContain('automated backups are kept');
    expect(messages(kept.evidence)).not.toContain('no final snapshot');
  });

  it('secretsmanager delete-secret --force-delete-without-recovery', async () => {
    const [a] = await run('aws secretsmanager delete-secret --secret-id prod/db/password --force-delete-without-recovery');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'AWS::SecretsManager::Secret', id: 'prod/db/password' } });
    expect(a.evidence.find((e) => e.key === '--force-delete-without-recovery')?.message).toContain('no recovery window');
    const [windowed] = await run('aws secretsmanager delete-secret --secret-id s --recovery-window-in-days 7');
    expect(messages(windowed.evidence)).toContain('restored for 7 days');
  });

  it('kms schedule-key-deletion', async () => {
    const [a] = await run('aws kms schedule-key-deletion --key-id 1234abcd-12ab-34cd-56ef-1234567890ab --pending-window-in-days 7');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'AWS::KMS::Key', id: '1234abcd-12ab-34cd-56ef-1234567890ab' }, iam: { action: 'kms:ScheduleKeyDeletion' } });
    expect(messages(a.evidence)).toContain('cancelled for 7 days');
  });

  it('iam attach-role-policy AdministratorAccess: permissions on the role, grants full admin', async () => {
    const [a] = await run('aws iam attach-role-policy --role-name ci-deployer --policy-arn arn:aws:iam::aws:policy/AdministratorAccess');
    expect(a).toMatchObject({ operation: 'permissions', target: { type: 'AWS::IAM::Role', id: 'ci-deployer' }, iam: { action: 'iam:AttachRolePolicy', accessLevel: 'Permissions management' } });
    expect(a.evidence.find((e) => e.key === '--policy-arn')?.message).toContain('grants full admin');
    const [readOnly] = await run('aws iam attach-role-policy --role-name ci --policy-arn arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(readOnly.evidence.some((e) => e.key === '--policy-arn')).toBe(false);
  });

  it('ec2 authorize-security-group-ingress --cidr 0.0.0.0/0 opens to the internet', async () => {
    const [a] = await run('aws ec2 authorize-security-group-ingress --group-id sg-0123 --protocol tcp --port 22 --cidr 0.0.0.0/0');
    expect(a).toMatchObject({ operation: 'permissions', target: { type: 'AWS::EC2::SecurityGroup', id: 'sg-0123' } });
    expect(a.evidence.find((e) => e.key === '--cidr')?.message).toContain('opens to the internet');
    const [json] = await run('aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions IpProtocol=tcp,FromPort=443,ToPort=443,Ipv6Ranges=[{CidrIpv6=::/0}]');
    expect(json.evidence.find((e) => e.key === '--ip-permissions')?.message).toContain('opens to the internet');
    const [office] = await run('aws ec2 authorize-security-group-ingress --group-id sg-1 --protocol tcp --port 22 --cidr 10.0.0.0/8');
    expect(office.evidence.some((e) => e.key === '--cidr')).toBe(false);
  });

  it('cloudformation delete-stack: whole environment, stack name hint', async () => {
    const [a] = await run('aws cloudformation delete-stack --stack-name prod-api');
    expect(a).toMatchObject({ operation: 'delete', scope: 'environment', target: { type: 'AWS::CloudFormation::Stack', id: 'prod-api' }, hints: { stackName: 'prod-api' } });
  });
});

describe('targets', () => {
  it.each([
    ['aws dynamodb delete-table --table-name orders', 'AWS::DynamoDB::Table', 'orders', 'delete'],
    ['aws lambda delete-function --function-name api-handler', 'AWS::Lambda::Function', 'api-handler', 'delete'],
    ['aws s3api delete-bucket --bucket logs', 'AWS::S3::Bucket', 'logs', 'delete'],
    ['aws s3api delete-object --bucket logs --key a/b.txt', 'AWS::S3::Bucket', 'logs', 'delete'],
    ['aws iam delete-access-key --access-key-id AKIAEXAMPLE --user-name bob', 'AWS::IAM::AccessKey', 'AKIAEXAMPLE', 'delete'],
    ['aws ecs update-service --cluster prod --service web --desired-count 0', 'AWS::ECS::Service', 'web', 'update'],
    ['aws ec2 attach-volume --volume-id vol-1 --instance-id i-1 --device /dev/sdf', 'AWS::EC2::Volume', 'vol-1', 'update'],
    ['aws ec2 delete-vpc --vpc-id vpc-1', 'AWS::EC2::VPC', 'vpc-1', 'delete'],
    ['aws ec2 create-security-group --group-name web --description x --vpc-id vpc-1', 'AWS::EC2::SecurityGroup', 'web', 'create'],
    ['aws rds delete-db-cluster --db-cluster-identifier aurora-prod --skip-final-snapshot', 'AWS::RDS::DBCluster', 'aurora-prod', 'delete'],
    ['aws elbv2 delete-load-balancer --load-balancer-arn arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/abc', 'AWS::ElasticLoadBalancingV2::LoadBalancer', 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/abc', 'delete'],
    ['aws eks delete-cluster --name prod', 'AWS::EKS::Cluster', 'prod', 'delete'],
    ['aws ecr delete-repository --repository-name api --force', 'AWS::ECR::Repository', 'api', 'delete'],
    ['aws logs delete-log-group --log-group-name /aws/lambda/x', 'AWS::Logs::LogGroup', '/aws/lambda/x', 'delete'],
    ['aws efs delete-file-system --file-system-id fs-1', 'AWS::EFS::FileSystem', 'fs-1', 'delete'],
    ['aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs', 'AWS::SQS::Queue', 'https://sqs.us-east-1.amazonaws.com/123456789012/jobs', 'delete'],
    ['aws route53 delete-hosted-zone --id Z123', 'AWS::Route53::HostedZone', 'Z123', 'delete'],
    ['aws elasticache delete-replication-group --replication-group-id cache-prod', 'AWS::ElastiCache::ReplicationGroup', 'cache-prod', 'delete'],
  ])('%s -> %s %s (%s)', async (command, type, id, operation) => {
    const [a] = await run(command);
    expect(a).toMatchObject({ target: { type, id }, operation });
  });

  it('unmapped parameters give an aws:<prefix>:<resource type> pseudo target', async () => {
    const [a] = await run('aws glue delete-crawler --name nightly');
    expect(a.target).toMatchObject({ type: 'aws:glue:crawler', id: 'nightly' });
    expect(a.operation).toBe('delete');
  });

  it('ecr --force and sqs queue URL account id', async () => {
    const [ecr] = await run('aws ecr delete-repository --repository-name api --force');
    expect(ecr.evidence.find((e) => e.key === '--force')?.message).toContain('all its images');
    const [sqs] = await run('aws sqs purge-queue --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs');
    expect(sqs.hints).toMatchObject({ accountId: '123456789012', region: 'us-east-1' });
    expect(sqs.target.names).toContain('jobs');
  });
});

describe('unknowns', () => {
  it('unknown service or operation: unknown, never read', async () => {
    for (const command of ['aws notaservice describe-things', 'aws ec2 describe-made-up-things --id x']) {
      const [a] = await run(command);
      expect(a.operation).toBe('unknown');
      expect(a.iam?.accessLevel).toBe('Unknown');
      expect(messages(a.evidence)).toContain('not an AWS action Firebreak knows');
    }
  });

  it('--cli-input-json from a file: parameters unknown, scope unknown', async () => {
    const [a] = await run('aws ec2 terminate-instances --cli-input-json file://params.json');
    expect(a).toMatchObject({ operation: 'delete', scope: 'unknown', target: { id: '*' } });
    expect(messages(a.evidence)).toContain('Firebreak cannot see them');
  });

  it('--cli-input-json inline: its parameters are read', async () => {
    const argv = ['aws', 'rds', 'delete-db-instance', '--cli-input-json', '{"DBInstanceIdentifier":"db1","SkipFinalSnapshot":true}'];
    const [a] = await awsCliToActions(argv, { kind: 'shell' }, {});
    expect(a).toMatchObject({ target: { id: 'db1' }, details: { flags: { SkipFinalSnapshot: true } } });
  });

  it('file:// parameter values are noted as unseen', async () => {
    const [a] = await run('aws ec2 authorize-security-group-ingress --group-id sg-1 --ip-permissions file://perms.json');
    expect(a.details?.unknownParameters).toEqual(['--ip-permissions is read from file://perms.json: Firebreak cannot see its content']);
  });
});
