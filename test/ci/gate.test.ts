import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCi, type CiResult } from '../../src/ci/gate.js';
import { agentPullRequest, CLEANUP_SH, MAIN_TF_HEAD, MAKEFILE_HEAD, PACKAGE_HEAD, TABLE_HEAD, WORKFLOW, type AgentPr } from './fixtures.js';
import { lineOf } from './helpers.js';

let pr: AgentPr;
let result: CiResult;

beforeAll(async () => {
  pr = agentPullRequest();
  result = await runCi({ cwd: pr.repo.dir, base: pr.base, head: pr.head, failOn: 'escalate', noFetch: true });
}, 120_000);
afterAll(() => pr?.repo.remove());

const find = (pred: (a: CiResult['report']['actions'][number]) => boolean) => result.report.actions.filter(pred);

describe('firebreak ci on an agent pull request (three real commits)', () => {
  it('replaces the database whose identifier changes, citing the force-new table and the line', () => {
    const [db] = find((a) => a.target.id === 'infra:aws_db_instance.orders' && a.source.kind === 'hcl');
    expect(db.operation).toBe('replace');
    expect(db.replaceCauses).toEqual(['identifier']);
    expect(db.source).toMatchObject({ file: 'infra/main.tf', line: lineOf(MAIN_TF_HEAD, 'resource "aws_db_instance" "orders"') });
    expect(db.evidence.map((e) => e.message).join('\n')).toMatch(/identifier: "orders-prod" -> "orders-prod-v2" \(forces replacement\)/);
    expect(db.reversibility).toBe('irreversible'); // skip_final_snapshot = true
  });

  it('deletes the bucket whose block is removed and says its prevent_destroy goes with it', () => {
    const [logs] = find((a) => a.target.id === 'infra:aws_s3_bucket.logs' && a.source.kind === 'hcl');
    expect(logs.operation).toBe('delete');
    expect(logs.evidence.some((e) => e.key === 'lifecycle.prevent_destroy')).toBe(true);
  });

  it('destroys only the for_each instance that disappears', () => {
    const assets = find((a) => a.source.kind === 'hcl' && (a.target.address ?? '').startsWith('aws_s3_bucket.assets'));
    expect(assets).toHaveLength(1);
    expect(assets[0].operation).toBe('delete');
    expect(assets[0].target.address).toBe('aws_s3_bucket.assets["c"]');
  });

  it('follows the moved block instead of destroying the renamed instance', () => {
    expect(find((a) => a.target.id.includes('aws_instance.app'))).toEqual([]);
    const [web] = find((a) => a.target.id === 'infra:aws_instance.web');
    expect(web.operation).toBe('update');
    expect(web.evidence[0].message).toMatch(/moved from aws_instance.app/);
  });

  it('creates the new queue and leaves the unchanged module and resources alone', () => {
    expect(find((a) => a.target.id === 'infra:aws_sqs_queue.jobs').map((a) => a.operation)).toEqual(['create']);
    expect(find((a) => /aws_vpc|aws_subnet|module\.net|aws_route53/.test(a.target.id))).toEqual([]);
  });

  it('puts what depends on the replaced database in the blast radius, with the reference as the reason', () => {
    const record = result.report.blastRadius.resources.find((r) => r.id === 'infra:aws_route53_record.db');
    expect(record).toMatchObject({ impact: 'disrupted', depth: 1 });
    expect(record!.pathReasons[0]).toMatch(/references aws_db_instance.orders/);
  });

  it('diffs the changed CloudFormation template: the renamed DynamoDB table is replaced', () => {
    const [table] = find((a) => a.source.kind === 'cloudformation-template');
    expect(table).toMatchObject({ operation: 'replace', target: { id: 'orders/myDynamoDBTable', type: 'AWS::DynamoDB::Table' } });
    expect(table.source.file).toBe('infra/orders.yaml');
    expect(table.source.line).toBe(lineOf(TABLE_HEAD, 'myDynamoDBTable:'));
  });

  it('finds destructive commands in a new script, a Makefile recipe, a workflow step and a package.json script, with file and line', () => {
    const shell = find((a) => a.source.kind === 'shell').map((a) => [a.source.file, a.source.line, a.operation]);
    expect(shell).toEqual(
      expect.arrayContaining([
        ['scripts/cleanup.sh', lineOf(CLEANUP_SH, 'aws s3 rb'), 'delete'],
        ['Makefile', lineOf(MAKEFILE_HEAD, 'terraform destroy'), 'delete'],
        ['.github/workflows/deploy.yml', lineOf(WORKFLOW, 'aws rds delete-db-instance'), 'delete'],
        ['package.json', lineOf(PACKAGE_HEAD, '"nuke"'), 'delete'],
      ]),
    );
    // The unchanged `npm run build` recipe and the README are not actions.
    expect(shell).toHaveLength(4);
  });

  it('blocks (data loss in production) and recognises the agent from the Co-authored-by trailer', () => {
    expect(result.report.verdict).toBe('block');
    expect(result.exitCode).toBe(2);
    expect(result.ci.agent.agent).toBe(true);
    expect(result.ci.agent.signals[0]).toMatch(/Co-authored-by: Claude <noreply@anthropic.com> \(Claude Code\)/);
  });
});
