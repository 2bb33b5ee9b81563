import { describe, expect, it } from 'vitest';
import { twinTemplate } from '../../src/sandbox/seed/twin-template.js';

describe('twinTemplate', () => {
  it('leaves out unmodelled types and replaces every reference to them', () => {
    const body = {
      Resources: {
        Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
        Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Table}-q' } } },
        Role: {
          Type: 'AWS::IAM::Role',
          DependsOn: ['Table', 'Queue'],
          Properties: { Policies: [{ Resource: [{ 'Fn::GetAtt': ['Table', 'Arn'] }, { Ref: 'Queue' }] }] },
        },
      },
      Outputs: { TableName: { Value: { Ref: 'Table' } }, QueueUrl: { Value: { Ref: 'Queue' } } },
    };
    const twin = twinTemplate(body);
    expect(twin.omitted.map((o) => o.logicalId)).toEqual(['Table', 'Fn']);
    const res = twin.body.Resources as Record<string, any>;
    expect(Object.keys(res)).toEqual(['Queue', 'Role']);
    expect(res.Queue.Properties.QueueName).toEqual({ 'Fn::Sub': 'firebreak-omitted-Table-q' });
    expect(res.Role.DependsOn).toEqual(['Queue']);
    expect(res.Role.Properties.Policies[0].Resource[0]).toMatch(/^arn:aws:.*firebreak-omitted-Table$/);
    expect(res.Role.Properties.Policies[0].Resource[1]).toEqual({ Ref: 'Queue' });
    expect(Object.keys(twin.body.Outputs as object)).toEqual(['QueueUrl']);
  });

  it('returns the template untouched when everything is modelled', () => {
    const body = { Resources: { B: { Type: 'AWS::S3::Bucket' } } };
    expect(twinTemplate(body)).toEqual({ body, omitted: [] });
  });
});
