import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenQuery } from '../../src/sandbox/replay/api-call-step.js';
import { parseAwsCliCommand } from '../../src/sandbox/replay/aws-cli-command.js';
import { NotReplayable, splitReplayCommand } from '../../src/sandbox/replay/shell-words.js';
import { DirectedGraph } from 'graphology';
import { TwinIds, twinIdsFromWorld } from '../../src/sandbox/replay/twin-ids.js';
import type { Inventory } from '../../src/sandbox/inventory/types.js';
import { rebuildFromChangeSet } from '../../src/sandbox/seed/change-sets.js';

describe('splitReplayCommand: output redirections are set aside, everything else a shell does is refused', () => {
  it.each([
    ['aws iam delete-user --user-name bot >> /tmp/CLEANER.LOG 2>&1', ['>> /tmp/CLEANER.LOG', '2>&1']],
    ['aws s3 ls > /dev/null', ['> /dev/null']],
    ['aws s3 ls>/dev/null 2>/dev/null', ['> /dev/null', '2> /dev/null']],
    ['aws s3 ls &> out.txt', ['&> out.txt']],
    ['aws s3 ls 1>&2', ['1>&2']],
  ])('%s', (command, ignored) => {
    const r = splitReplayCommand(command);
    expect(r.ignored).toEqual(ignored);
    expect(r.words[0]).toBe('aws');
    expect(r.words.join(' ')).not.toMatch(/[<>&]/);
  });

  it('keeps quoted > and & as words', () => {
    expect(splitReplayCommand(`aws ssm put-parameter --name /a --value 'a>b & c' 2>&1`)).toEqual({ words: ['aws', 'ssm', 'put-parameter', '--name', '/a', '--value', 'a>b & c'], ignored: ['2>&1'] });
  });

  it.each(['aws s3 ls | sh', 'aws s3 ls; rm -rf ~', 'aws s3 ls > >(sh)', 'aws s3 ls < /etc/passwd', 'aws s3 ls > $HOME/x', 'aws s3 ls && curl x', 'aws s3 ls >', 'aws s3 rb s3://`id`'])('refuses %s', (command) => {
    expect(() => splitReplayCommand(command)).toThrow(NotReplayable);
  });

  it('never lets a pipe, a command list or a substitution through, whatever surrounds it (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom('|', ';', '&&', '$(id)', '`id`', '<'), fc.string({ maxLength: 20 }), (a, danger, b) => {
        const command = `aws s3 ls ${a.replace(/['"\\]/g, '')} ${danger} ${b.replace(/['"\\]/g, '')}`;
        try {
          const { words } = splitReplayCommand(command);
          return !words.some((w) => w === '|' || w === ';' || w === '&&' || w.includes('$(') || w.includes('`') || w === '<');
        } catch (e) {
          return e instanceof NotReplayable;
        }
      }),
    );
  });

  it('parseAwsCliCommand keeps what it left out, and writes locally only inside a given folder', () => {
    expect(parseAwsCliCommand('aws --profile acme-prod ec2 terminate-instances --instance-ids i-1 >> /tmp/CLEANER.LOG 2>&1').ignored).toEqual(['>> /tmp/CLEANER.LOG', '2>&1']);
    expect(() => parseAwsCliCommand('aws s3 sync s3://b ./copy')).toThrow(/local path/);
    expect(parseAwsCliCommand('aws s3 sync s3://b ./copy', { localDir: '/tmp/x' }).subcommand).toBe('sync');
    expect(() => parseAwsCliCommand('aws s3 sync s3://b ../../etc', { localDir: '/tmp/x' })).toThrow(/local path/);
    expect(() => parseAwsCliCommand('aws s3 sync s3://b /etc', { localDir: '/tmp/x' })).toThrow(/local path/);
  });
});

describe('TwinIds', () => {
  it('never maps a stack name, or a name two resources share, to one twin id', () => {
    const graph = new DirectedGraph<any, any>();
    graph.addNode('shop-prod/RestApi', { id: 'shop-prod/RestApi', type: 'AWS::ApiGateway::RestApi', stack: 'shop-prod', names: ['shop-prod', 'a1b2c3'], source: 'cloudformation-template', attributes: {} });
    graph.addNode('shop-prod/Queue', { id: 'shop-prod/Queue', type: 'AWS::SQS::Queue', stack: 'shop-prod', names: ['jobs'], source: 'cloudformation-template', attributes: {} });
    graph.addNode('other/Topic', { id: 'other/Topic', type: 'AWS::SNS::Topic', stack: 'other', names: ['jobs'], source: 'cloudformation-template', attributes: {} });
    const twin = { items: [
      { id: 'zz9api', type: 'AWS::ApiGateway::RestApi', names: ['zz9api'], stack: { name: 'shop-prod', logicalId: 'RestApi' } },
      { id: 'twin-jobs', type: 'AWS::SQS::Queue', names: ['twin-jobs'], stack: { name: 'shop-prod', logicalId: 'Queue' } },
    ] } as unknown as Inventory;
    const ids = twinIdsFromWorld({ graph, byName: new Map() }, twin);
    expect(ids.twinIdOf('a1b2c3')).toBe('zz9api');
    expect(ids.twinIdOf('shop-prod')).toBeUndefined();
    expect(ids.twinIdOf('jobs')).toBeUndefined();
  });

  it('rewrites distinctive ids wherever they appear, plain names only as a whole value', () => {
    const ids = new TwinIds();
    ids.add('vpc-0a7c3e1f9b2d45e68', 'vpc-1234abcd1234abcd1');
    ids.add('course-management-app', 'arn:aws:ecs:us-east-1:123456789012:task-definition/course-management-app:1');
    expect(ids.rewrite('--vpc-id vpc-0a7c3e1f9b2d45e68').value).toBe('--vpc-id vpc-1234abcd1234abcd1');
    expect(ids.rewrite('/ecs/course-management-app').value).toBe('/ecs/course-management-app');
    expect(ids.rewrite('course-management-app').value).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/course-management-app:1');
  });

  it("rewrites a production account's ARNs to the twin's account and region", () => {
    const ids = new TwinIds();
    ids.mapAccount('111122223333', '987654321098');
    expect(ids.rewrite('arn:aws:iam::111122223333:policy/deploy').value).toBe('arn:aws:iam::987654321098:policy/deploy');
    expect(ids.rewrite('arn:aws:sns:eu-west-1:111122223333:alerts').value).toBe('arn:aws:sns:us-east-1:987654321098:alerts');
    expect(ids.rewrite('arn:aws:iam::aws:policy/ReadOnlyAccess').value).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(ids.rewrite('arn:aws:sns:eu-west-1:444455556666:other').value).toBe('arn:aws:sns:eu-west-1:444455556666:other');
  });
});

describe('flattenQuery (AWS query protocol)', () => {
  it('lists as member.N, structures as dotted names', () => {
    expect(flattenQuery({ TargetGroupArn: 'arn:tg', Targets: [{ Id: 'i-1', Port: 80 }, { Id: 'i-2' }], Force: true })).toEqual({
      TargetGroupArn: 'arn:tg',
      'Targets.member.1.Id': 'i-1',
      'Targets.member.1.Port': '80',
      'Targets.member.2.Id': 'i-2',
      Force: 'true',
    });
  });
});

describe('rebuildFromChangeSet', () => {
  const template = { Resources: { OrdersTable: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'orders' } }, Old: { Type: 'AWS::SQS::Queue' }, Fn: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 128 } } } };
  it('gives directly modified properties a stand-in value, removes removed resources, leaves dynamic changes to follow', () => {
    const described = {
      Changes: [
        { ResourceChange: { Action: 'Modify', LogicalResourceId: 'OrdersTable', Details: [{ Target: { Attribute: 'Properties', Name: 'TableName' }, ChangeSource: 'DirectModification' }] } },
        { ResourceChange: { Action: 'Modify', LogicalResourceId: 'Fn', Details: [{ Target: { Attribute: 'Properties', Name: 'Environment' }, ChangeSource: 'ResourceReference' }] } },
        { ResourceChange: { Action: 'Remove', LogicalResourceId: 'Old' } },
        { ResourceChange: { Action: 'Add', LogicalResourceId: 'New' } },
      ],
    };
    const { body, notes } = rebuildFromChangeSet(template, described);
    const resources = body.Resources as Record<string, any>;
    expect(resources.OrdersTable.Properties.TableName).toBe('orders-firebreak-changed');
    expect(resources.Fn.Properties).toEqual({ MemorySize: 128 });
    expect(resources.Old).toBeUndefined();
    expect(notes.join('\n')).toMatch(/New is added by the change set/);
    expect(template.Resources.OrdersTable.Properties.TableName).toBe('orders');
  });
});
