// The CloudFormation spec slice written by the build (dist/cfn-spec.json) must give a template
// diff and the schema edges exactly what the whole @aws-cdk/aws-service-spec database gives:
// the same resource types, the same properties, and the same replacement, scrutiny and
// relationship facts. test/speed/golden.test.ts checks the verdicts that follow from them.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { specSlice, useSpecSliceForDiff } from '../../src/intake/cloudformation/spec-slice.js';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

interface SpecProperty { causesReplacement?: string; scrutinizable?: string; relationshipRefs?: { cloudFormationType: string; propertyName: string }[] }
interface SpecResource { cloudFormationType: string; properties: Record<string, SpecProperty>; isStateful?: boolean; scrutinizable?: string }
interface Database { all(entity: 'resource'): SpecResource[]; lookup(entity: 'resource', field: 'cloudFormationType', op: 'equals', value: string): SpecResource[] }

describe('CloudFormation spec slice', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'cfn-spec.json'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'compile-cfn-spec.mjs')], { cwd: ROOT });
  }, 120_000);

  it('is in use when built from the installed spec', () => {
    expect(specSlice()).not.toBeNull();
  });

  it('says what the whole database says about every resource type and property', () => {
    const db = (require('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync: () => Database }).loadAwsServiceSpecSync();
    const slice = specSlice()!;
    const types = [...new Set(db.all('resource').map((r) => r.cloudFormationType))].sort();
    expect(Object.keys(slice.resources).sort()).toEqual(types);
    for (const type of types) {
      const full = db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
      const slim = slice.resources[type];
      expect(slim.isStateful, type).toBe(full.isStateful);
      expect(slim.scrutinizable, type).toBe(full.scrutinizable);
      expect(Object.keys(slim.properties), type).toEqual(Object.keys(full.properties));
      for (const [name, p] of Object.entries(full.properties)) {
        const s = slim.properties[name];
        expect([s.causesReplacement, s.scrutinizable, s.relationshipRefs], `${type}.${name}`).toEqual([
          p.causesReplacement,
          p.scrutinizable,
          p.relationshipRefs?.map((r) => ({ cloudFormationType: r.cloudFormationType, propertyName: r.propertyName })),
        ]);
      }
    }
  }, 120_000);

  it('answers cloudformation-diff, and refuses a lookup it was not built for', async () => {
    const { fullDiff } = await import('@aws-cdk/cloudformation-diff');
    useSpecSliceForDiff();
    const before = { Resources: { G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'a', VpcId: 'vpc-1' } } } };
    const after = { Resources: { G: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'b', VpcId: 'vpc-1' } } } };
    // GroupDescription forces replacement (the spec says so; the slice must too).
    expect(fullDiff(before, after).resources.get('G').changeImpact).toBe('WILL_REPLACE');
    const fromDiff = createRequire(require.resolve('@aws-cdk/cloudformation-diff'));
    const db = (fromDiff('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync: () => { lookup: (...a: string[]) => unknown[] } }).loadAwsServiceSpecSync();
    expect(() => db.lookup('service', 'name', 'equals', 'ec2')).toThrow(/cannot answer/);
  });
});
