import { describe, expect, it } from 'vitest';
import { diffTemplates } from '../../src/intake/cloudformation/index.js';
import { check } from '../../src/pipeline.js';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const template = (size: string) => `
Mappings:
  Sizes:
    prod: {Instance: ${size}}
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      DBInstanceClass: !FindInMap [Sizes, prod, Instance]
      Engine: postgres
      AllocatedStorage: "20"
`;

const byRegion = (size: string) => template(size).replace('prod: {Instance: ', 'eu-west-1: {Instance: ').replace('!FindInMap [Sizes, prod, Instance]', '!FindInMap [Sizes, !Ref "AWS::Region", Instance]');

describe('a change only to Mappings / Parameters / Conditions', () => {
  it('is evaluated into the resources when it can be: the instance class changes', async () => {
    const result = await diffTemplates({ text: template('db.t3.micro'), file: 'before.yaml' }, { text: template('db.r6g.large'), file: 'after.yaml' }, 'orders-prod');
    expect(result.actions.map((a) => [a.operation, a.target.id])).toEqual([['update', 'orders-prod/Db']]);
    expect(result.actions[0].after!.DBInstanceClass).toBe('db.r6g.large');
  });

  it('is an unknown action on the stack when it cannot be evaluated here (keyed by the region), never nothing', async () => {
    const result = await diffTemplates({ text: byRegion('db.t3.micro'), file: 'before.yaml' }, { text: byRegion('db.r6g.large'), file: 'after.yaml' }, 'orders-prod');
    const unknown = result.actions.filter((a) => a.operation === 'unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].verb).toBe('Mappings change');
    expect(unknown[0].source.path).toBe('Mappings');
    expect(unknown[0].evidence[0].message).toMatch(/Mappings Sizes changed/);
  });

  it('the same template with the region known is evaluated', async () => {
    const result = await diffTemplates({ text: byRegion('db.t3.micro'), file: 'before.yaml' }, { text: byRegion('db.r6g.large'), file: 'after.yaml' }, 'orders-prod', { region: 'eu-west-1' });
    expect(result.actions.map((a) => a.operation)).toEqual(['update']);
  });

  it('escalates through the pipeline instead of passing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-cfn-'));
    await writeFile(join(dir, 'before.yaml'), template('db.t3.micro'));
    await writeFile(join(dir, 'after.yaml'), template('db.r6g.large'));
    const { report } = await check({ cwd: dir, templateBefore: 'before.yaml', templateAfter: 'after.yaml', stackName: 'orders-staging', implicitConfig: false });
    expect(report.verdict).not.toBe('pass');
  });
});
