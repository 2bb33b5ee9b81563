import { describe, expect, it } from 'vitest';
import type { Resource } from '../../src/model.js';
import { isStatefulType, relationshipProperties, replacementProperties, schemaEdges, specLoadMs } from '../../src/world/schema-edges.js';

function resource(id: string, cfnType: string, attributes: Record<string, unknown>, names: string[] = []): Resource {
  return { id, type: cfnType, cfnType, names, source: 'cloudformation-template', stack: 'app', attributes };
}

describe('schema facts from @aws-cdk/aws-service-spec', () => {
  it('relationships, replacement and statefulness per type', async () => {
    expect(await relationshipProperties('AWS::EC2::Instance')).toContainEqual({ property: 'SubnetId', targetType: 'AWS::EC2::Subnet', targetProperty: 'SubnetId' });
    console.log(`aws-service-spec database loaded in ${specLoadMs?.toFixed(0)} ms`);
    expect(await replacementProperties('AWS::DynamoDB::Table')).toContainEqual({ property: 'TableName', causesReplacement: 'yes' });
    expect(await replacementProperties('AWS::EC2::Instance')).toContainEqual({ property: 'InstanceType', causesReplacement: 'maybe' });
    expect(await isStatefulType('AWS::RDS::DBInstance')).toBe(true);
    expect(await isStatefulType('AWS::Not::AType')).toBeUndefined();
    expect(await relationshipProperties('AWS::Not::AType')).toEqual([]);
  });

  it('adds edges for literal ids of the related type only', async () => {
    const subnet = resource('net/Subnet', 'AWS::EC2::Subnet', {}, ['subnet-0abc']);
    const sg = resource('net/Sg', 'AWS::EC2::SecurityGroup', {}, ['sg-0123']);
    const vpc = resource('net/Vpc', 'AWS::EC2::VPC', {}, ['vpc-0def']);
    const instance = resource('app/Instance', 'AWS::EC2::Instance', {
      SubnetId: 'subnet-0abc',
      SecurityGroupIds: ['sg-0123', 'sg-unknown'],
      ImageId: 'vpc-0def', // a literal that names a resource, but not of a type ImageId refers to
      KeyName: { Ref: 'Key' },
    });
    const all = [subnet, sg, vpc, instance];
    const byName = new Map(all.flatMap((r) => [[r.id, r.id], ...r.names.map((n) => [n, r.id] as [string, string])]));
    const edges = await schemaEdges(all, byName);
    expect(edges).toEqual(expect.arrayContaining([
      { from: 'app/Instance', to: 'net/Sg', dependency: { reason: 'schema', detail: 'Instance.SecurityGroupIds = sg-0123 is a AWS::EC2::SecurityGroup' } },
      { from: 'app/Instance', to: 'net/Subnet', dependency: { reason: 'schema', detail: 'Instance.SubnetId = subnet-0abc is a AWS::EC2::Subnet' } },
    ]));
    expect(edges).toHaveLength(2);
  });
});
