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

describe('a change only to Mappings / Parameters / Conditions', () => {
  it('is an unknown action on the stack, never nothing', async () => {
    const result = await diffTemplates({ text: template('db.t3.micro'), file: 'before.yaml' }, { text: template('db.r6g.large'), file: 'after.yaml' }, 'orders-prod');
    const unknown = result.actions.filter((a) => a.operation === 'unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].verb).toBe('Mappings change');
    expect(unknown[0].source.path).toBe('Mappings');
  });

  it('escalates through the pipeline instead of passing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-cfn-'));
    await writeFile(join(dir, 'before.yaml'), template('db.t3.micro'));
    await writeFile(join(dir, 'after.yaml'), template('db.r6g.large'));
    const { report } = await check({ cwd: dir, templateBefore: 'before.yaml', templateAfter: 'after.yaml', stackName: 'orders-staging', implicitConfig: false });
    expect(report.verdict).not.toBe('pass');
  });
});
