import { describe, expect, it } from 'vitest';
import { readAwsApiCalls } from '../../src/intake/aws/api-calls.js';
import { InputError } from '../../src/errors.js';

async function inputError(text: string): Promise<InputError> {
  try {
    await readAwsApiCalls(text, 'calls.json');
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('readAwsApiCalls', () => {
  it('reads {calls: [...]} with SDK / IAM spellings and PascalCase parameters', async () => {
    const text = JSON.stringify({
      calls: [
        { service: 'EC2', operation: 'TerminateInstances', parameters: { InstanceIds: ['i-1', 'i-2'] }, profile: 'prod', region: 'eu-west-1' },
        { service: 'rds', operation: 'DeleteDBInstance', parameters: { DBInstanceIdentifier: 'db1', SkipFinalSnapshot: true, DeleteAutomatedBackups: false } },
        { service: 'iam', operation: 'AttachRolePolicy', parameters: { RoleName: 'r', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } },
        { service: 'ElasticLoadBalancingV2', operation: 'DeleteTargetGroup', parameters: { TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/1' } },
        { service: 'cloudformation', operation: 'DeleteStack', parameters: { StackName: 'prod' } },
      ],
    });
    const result = await readAwsApiCalls(text, 'calls.json');
    expect(result.kind).toBe('aws-api-calls');
    expect(result.warnings).toEqual([]);
    const [t1, t2, db, role, tg, stack] = result.actions;
    expect([t1.target.id, t2.target.id]).toEqual(['i-1', 'i-2']);
    expect(t1).toMatchObject({ operation: 'delete', verb: 'TerminateInstances', hints: { profile: 'prod', region: 'eu-west-1' }, source: { kind: 'aws-api-calls', file: 'calls.json', path: 'calls[0]' } });
    expect(t2.source.path).toBe('calls[0]');
    expect(db).toMatchObject({ target: { type: 'AWS::RDS::DBInstance', id: 'db1' }, source: { path: 'calls[1]' } });
    expect(db.details?.flags).toEqual({ SkipFinalSnapshot: true, DeleteAutomatedBackups: false });
    expect(db.evidence.map((e) => e.message).join('\n')).toContain('no final snapshot');
    expect(db.evidence.map((e) => e.message).join('\n')).toContain('automated backups are kept');
    expect(role).toMatchObject({ operation: 'permissions', target: { type: 'AWS::IAM::Role', id: 'r' } });
    expect(role.evidence.find((e) => e.key === 'PolicyArn')?.message).toContain('grants full admin');
    expect(tg).toMatchObject({ operation: 'delete', target: { type: 'AWS::ElasticLoadBalancingV2::TargetGroup' }, hints: { accountId: '111122223333' } });
    expect(stack).toMatchObject({ scope: 'environment', hints: { stackName: 'prod' } });
  });

  it('reads a bare array; structured parameters are kept as JSON text and checked', async () => {
    const text = JSON.stringify([
      { service: 'ec2', operation: 'authorize-security-group-ingress', parameters: { GroupId: 'sg-1', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] } },
    ]);
    const { actions } = await readAwsApiCalls(text, 'calls.json');
    expect(actions[0]).toMatchObject({ operation: 'permissions', source: { path: '[0]' }, target: { id: 'sg-1' } });
    expect(actions[0].evidence.find((e) => e.key === 'IpPermissions')?.message).toContain('opens to the internet');
  });

  it('unknown calls are unknown and warned about', async () => {
    const result = await readAwsApiCalls('[{"service":"ec2","operation":"ExplodeEverything"}]', 'calls.json');
    expect(result.actions[0].operation).toBe('unknown');
    expect(result.warnings[0]).toContain('[0]');
  });

  it.each([
    ['{"calls":[{"service":"ec2","operation":"StopInstances"},{"service":"ec2"}]}', 'calls[1].operation', 'missing "operation"'],
    ['{"calls":[{"service":"ec2","operation":"X"},{"service":"ec2","operation":"X"},{"service":"ec2","operation":"X"},{"service":"ec2","operation":""}]}', 'calls[3].operation', 'non-empty'],
    ['[{"service":"ec2","operation":"X","parameters":["a"]}]', '[0].parameters', ''],
    ['[{"service":7,"operation":"X"}]', '[0].service', ''],
    ['{"calls":{}}', 'calls', 'array'],
    ['{"actions":[]}', '$', 'expected an array of calls'],
    ['"text"', '$', 'expected an array of calls'],
  ])('invalid %s -> %s', async (text, location, message) => {
    const error = await inputError(text);
    expect(error.file).toBe('calls.json');
    expect(error.location).toBe(location);
    expect(error.message).toContain(message);
  });

  it('JSON syntax errors name line and column', async () => {
    const error = await inputError('{\n  "calls": [\n    {"service": "ec2",}\n  ]\n}');
    expect(error.location).toBe('line 3, column 23');
    const truncated = await inputError('[{"service": "ec2"');
    expect(truncated.location).toMatch(/^line 1, column \d+$/);
  });
});
