import { describe, expect, it } from 'vitest';
import { parseAwsCliCommand } from '../../src/sandbox/replay/aws-cli-command.js';
import { NotReplayable, splitShellWords } from '../../src/sandbox/replay/shell-words.js';

describe('splitShellWords', () => {
  it('keeps quoted JSON as one word', () => {
    expect(splitShellWords(`aws ssm put-parameter --name /a --value '{"k": "v w"}'`)).toEqual(['aws', 'ssm', 'put-parameter', '--name', '/a', '--value', '{"k": "v w"}']);
    expect(splitShellWords('aws s3 rb "s3://my bucket" --force')).toEqual(['aws', 's3', 'rb', 's3://my bucket', '--force']);
  });

  it.each([
    'aws s3 ls; rm -rf ~',
    'aws s3 ls && curl evil',
    'aws s3 ls | sh',
    'aws s3 rb s3://$BUCKET',
    'aws s3 rb "s3://$(whoami)"',
    'aws s3 ls > /etc/passwd',
    'aws s3 rb s3://`id`',
  ])('refuses shell syntax: %s', (command) => {
    expect(() => splitShellWords(command)).toThrow(NotReplayable);
  });
});

describe('parseAwsCliCommand', () => {
  it('drops the endpoint and region, keeps the profile, finds the service', () => {
    const inv = parseAwsCliCommand('aws --profile prod --region cn-north-1 cloudformation delete-stack --stack-name costexplorer-prod --endpoint-url https://cloudformation.amazonaws.com');
    expect(inv.args).toEqual(['--profile', 'prod', 'cloudformation', 'delete-stack', '--stack-name', 'costexplorer-prod']);
    expect(inv).toMatchObject({ service: 'cloudformation', subcommand: 'delete-stack', profile: 'prod', region: 'cn-north-1' });
  });

  it('maps s3api to the s3 service and reads AWS_PROFILE assignments', () => {
    const inv = parseAwsCliCommand('AWS_PROFILE=production aws s3api delete-bucket --bucket b');
    expect(inv).toMatchObject({ command: 's3api', service: 's3', profile: 'production' });
    expect(inv.args[0]).toBe('s3api');
  });

  it('refuses what is not the AWS CLI or writes to the host', () => {
    expect(() => parseAwsCliCommand('terraform destroy')).toThrow(/not an AWS CLI command/);
    expect(() => parseAwsCliCommand('aws s3 cp s3://b/k /tmp/k')).toThrow(/local path/);
    expect(() => parseAwsCliCommand('aws configure set aws_access_key_id x')).toThrow(NotReplayable);
    expect(() => parseAwsCliCommand('aws s3 cp ./a s3://b/a')).not.toThrow();
  });
});
