// Every resource type the CloudFormation resource specification (@aws-cdk/aws-service-spec) marks
// as holding data must have a rule in src/knowledge: a new data-holding type in the spec fails
// this test until someone says how its data survives (or does not survive) a delete.
import { describe, expect, it } from 'vitest';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';
import { factsFor } from '../../src/knowledge/index.js';

const db = await loadAwsServiceSpec();
const stateful = (db.all('resource') as { cloudFormationType: string; isStateful?: boolean }[])
  .filter((r) => r.isStateful)
  .map((r) => r.cloudFormationType)
  .sort();

describe('data-holding types from the resource spec', () => {
  it('the spec still names data-holding types (the derivation can fail)', () => {
    expect(stateful.length).toBeGreaterThanOrEqual(25);
    expect(stateful).toContain('AWS::RDS::DBInstance');
  });

  it.each(stateful)('%s has knowledge that says what a delete does to its data', (type) => {
    const facts = factsFor(type);
    expect(facts, `${type}: add it to src/knowledge/resource-types`).toBeDefined();
    expect(facts!.stateful).toBe(true);
    expect(facts!.holds ?? facts!.identity, `${type}: say what it holds`).toBeTruthy();
  });

  it('Elasticsearch, Neptune and IAM::Policy are known', () => {
    expect(factsFor('AWS::Elasticsearch::Domain')?.deletion?.[0].outcome).toBe('lost');
    expect(factsFor('aws_neptune_cluster')?.cfnType).toBe('AWS::Neptune::DBCluster');
    expect(factsFor('AWS::IAM::Policy')?.label).toBe('IAM inline policy');
  });
});
