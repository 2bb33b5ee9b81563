// classify.ts looks an AWS call's action up one key at a time (iamServiceAction) instead of building
// every action of the service: each key must give exactly what the whole service's table gives, for
// every action of every service in the data, and nothing for a key that is no action (including
// names every JavaScript object answers to).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { iamServiceAction, iamServiceActions, iamServicePrefixes, iamSlicesInUse } from '../../src/intake/aws/iam-data.js';
import { classifyAwsAction } from '../../src/intake/aws/classify.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('IAM action lookup', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'iam', 'index.json'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'compile-iam-slices.mjs')], { cwd: ROOT });
  }, 120_000);

  it('gives every action of every service as the service table does', async () => {
    expect(iamSlicesInUse()).toBe(true);
    for (const prefix of await iamServicePrefixes()) {
      const table = await iamServiceActions(prefix);
      const lookup = await iamServiceAction(prefix);
      for (const [key, action] of Object.entries(table)) expect(lookup(key), `${prefix}:${key}`).toEqual(action);
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', 'terminateinstancesx']) expect(lookup(key), `${prefix}:${key}`).toBeUndefined();
    }
  }, 120_000);

  it('classifies as before', async () => {
    expect(await classifyAwsAction('ec2', 'terminate-instances')).toMatchObject({ iamAction: 'ec2:TerminateInstances', operation: 'delete', known: true });
    expect(await classifyAwsAction('ec2', 'describe-instances')).toMatchObject({ iamAction: 'ec2:DescribeInstances', operation: 'read', known: true });
    expect(await classifyAwsAction('s3api', 'DeleteBucket')).toMatchObject({ iamAction: 's3:DeleteBucket', operation: 'delete', known: true });
    expect(await classifyAwsAction('ec2', 'constructor')).toMatchObject({ known: false, operation: 'unknown' });
  });
});
