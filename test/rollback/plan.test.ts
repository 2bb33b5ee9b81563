import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import type { Action, Dependency, Resource } from '../../src/model.js';
import { assessReversibility } from '../../src/predict/reversibility.js';
import { planRollback, type PredictedAction } from '../../src/rollback/plan.js';
import type { World } from '../../src/world/world.js';

const STAMP = '20260226T101500';

function predicted(action: Action, resource?: Resource): PredictedAction {
  const { reversibility, stateful, dataLoss } = assessReversibility(action, resource);
  return { ...action, reversibility, stateful, dataLoss };
}

function worldOf(resources: Resource[], edges: [string, string][] = []): World {
  const graph = new DirectedGraph<Resource, Dependency>();
  const byName = new Map<string, string>();
  for (const r of resources) {
    graph.addNode(r.id, r);
    for (const n of r.names) byName.set(n, r.id);
  }
  for (const [from, to] of edges) graph.addDirectedEdge(from, to, { reason: 'implicit', detail: 'bucket' });
  return { graph, byName };
}

const base = { scope: 'resource' as const, hints: {}, evidence: [] };

const dbState = {
  identifier: 'course-db', arn: 'arn:aws:rds:eu-west-1:123456789012:db:course-db', backup_retention_period: 7,
  delete_automated_backups: true, deletion_protection: false, skip_final_snapshot: true, final_snapshot_identifier: null,
  engine: 'postgres', instance_class: 'db.t3.micro',
};
const tableState = { name: 'users', arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/users', point_in_time_recovery: [{ enabled: true }], deletion_protection_enabled: false };

describe('planRollback: Terraform destroy of a database and a table, plus CLI calls', () => {
  const tfDb: Action = {
    ...base, id: 'a1', source: { kind: 'terraform-plan', file: 'plan.json', path: 'resource_changes[0]' }, operation: 'delete', verb: 'delete',
    tool: 'terraform', target: { type: 'aws_db_instance', id: 'aws_db_instance.course', address: 'aws_db_instance.course', terraformType: 'aws_db_instance' },
    before: dbState, hints: { workspace: 'prod' },
  };
  const tfTable: Action = {
    ...base, id: 'a2', source: { kind: 'terraform-plan', file: 'plan.json', path: 'resource_changes[1]' }, operation: 'delete', verb: 'delete',
    tool: 'terraform', target: { type: 'aws_dynamodb_table', id: 'aws_dynamodb_table.users', address: 'aws_dynamodb_table.users', terraformType: 'aws_dynamodb_table' },
    before: tableState, hints: { workspace: 'prod' },
  };
  const attach: Action = {
    ...base, id: 'a3', source: { kind: 'shell', command: 'aws --profile prod iam attach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/AdministratorAccess' },
    operation: 'permissions', verb: 'attach-role-policy', tool: 'aws', target: { type: 'AWS::IAM::Role', id: 'app', names: ['app'] },
    hints: { profile: 'prod' }, details: { flags: { '--role-name': 'app', '--policy-arn': 'arn:aws:iam::aws:policy/AdministratorAccess' } },
  };
  const kms: Action = {
    ...base, id: 'a4', source: { kind: 'shell', command: 'aws kms schedule-key-deletion --key-id 1234abcd --pending-window-in-days 7' },
    operation: 'delete', verb: 'schedule-key-deletion', tool: 'aws', target: { type: 'AWS::KMS::Key', id: '1234abcd', names: ['1234abcd'] },
    details: { flags: { 'key-id': '1234abcd', 'pending-window-in-days': '7' } },
  };
  const actions = [predicted(tfDb), predicted(tfTable), predicted(attach), predicted(kms)];
  const plan = planRollback(actions, undefined, { stamp: STAMP });
  const commands = plan.steps.map((s) => s.command ?? '');

  it('orders safeguards, then inverses (last action first), then restores', () => {
    const phases = plan.steps.map((s) => s.phase);
    expect(phases).toEqual([...phases].sort((a, b) => ['safeguard', 'inverse', 'restore'].indexOf(a) - ['safeguard', 'inverse', 'restore'].indexOf(b)));
    expect(plan.steps.map((s) => s.order)).toEqual(plan.steps.map((_, i) => i + 1));
    expect(plan.steps.map((s) => [s.phase, s.actionId])).toEqual([
      ['safeguard', 'a1'], // terraform state pull
      ['safeguard', 'a1'], // RDS snapshot
      ['safeguard', 'a2'], // DynamoDB backup
      ['safeguard', 'a4'], // KMS note
      ['inverse', 'a1'], // terraform re-apply
      ['inverse', 'a3'], // detach-role-policy
      ['restore', 'a1'], // RDS from safeguard snapshot
      ['restore', 'a2'], // DynamoDB system backup (PITR)
      ['restore', 'a2'], // DynamoDB from safeguard backup
      ['restore', 'a4'], // cancel key deletion
    ]);
  });

  it('fills real identifiers into the commands', () => {
    expect(commands[0]).toBe(`terraform workspace select prod && terraform state pull > pre-change-${STAMP}.tfstate && git rev-parse HEAD > pre-change-${STAMP}.revision`);
    expect(commands[1]).toBe(`aws rds create-db-snapshot --db-instance-identifier course-db --db-snapshot-identifier firebreak-course-db-${STAMP}`);
    expect(commands[2]).toBe(`aws dynamodb create-backup --table-name users --backup-name firebreak-users-${STAMP}`);
    expect(commands[5]).toBe('aws iam detach-role-policy --role-name app --policy-arn arn:aws:iam::aws:policy/AdministratorAccess --profile prod');
    expect(commands[6]).toBe(`aws rds restore-db-instance-from-db-snapshot --db-instance-identifier course-db --db-snapshot-identifier firebreak-course-db-${STAMP}`);
    expect(commands[9]).toBe('aws kms cancel-key-deletion --key-id 1234abcd && aws kms enable-key --key-id 1234abcd');
  });

  it('says that re-created databases come back empty', () => {
    const reapply = plan.steps.find((s) => s.phase === 'inverse' && s.actionId === 'a1')!;
    expect(reapply.description).toContain('undoes a1, a2');
    expect(reapply.description).toContain('re-creating a resource does not restore its data');
  });

  it('lists what is irreversibly lost', () => {
    expect(plan.irreversible).toEqual([
      { actionId: 'a1', resource: 'aws_db_instance.course', whatIsLost: "the database course-db's data and its automated backups" },
      { actionId: 'a4', resource: '1234abcd', whatIsLost: 'the key material of KMS key 1234abcd, and with it every piece of data encrypted under it' },
    ]);
  });
});

describe('planRollback: CloudFormation stack and world lookups', () => {
  it('saves and redeploys the previous template of the stack', () => {
    const action: Action = {
      ...base, id: 'a1', source: { kind: 'cloudformation-template', file: 'after.yaml', path: 'Resources.Queue' }, operation: 'delete', verb: 'Remove',
      tool: 'cloudformation', target: { type: 'AWS::SQS::Queue', id: 'orders/Queue' }, hints: { stackName: 'orders', region: 'eu-west-1' },
    };
    const plan = planRollback([predicted(action)], undefined, { stamp: STAMP });
    expect(plan.steps.map((s) => [s.phase, s.command])).toEqual([
      ['safeguard', 'aws cloudformation get-template --stack-name orders --query TemplateBody > orders.before.json --region eu-west-1'],
      ['inverse', 'aws cloudformation deploy --template-file orders.before.json --stack-name orders --capabilities CAPABILITY_NAMED_IAM --region eu-west-1'],
    ]);
    expect(plan.irreversible[0]!.whatIsLost).toBe('messages waiting in queue orders/Queue');
  });

  it('uses the bucket versioning from the world to restore deleted objects', () => {
    const bucket: Resource = { id: 'aws_s3_bucket.uploads', type: 'aws_s3_bucket', terraformType: 'aws_s3_bucket', names: ['acme-uploads'], source: 'terraform-state', attributes: { bucket: 'acme-uploads' } };
    const versioning: Resource = {
      id: 'aws_s3_bucket_versioning.uploads', type: 'aws_s3_bucket_versioning', terraformType: 'aws_s3_bucket_versioning', names: [], source: 'terraform-state',
      attributes: { bucket: 'acme-uploads', versioning_configuration: [{ status: 'Enabled' }] },
    };
    const world = worldOf([bucket, versioning], [[versioning.id, bucket.id]]);
    const rm: Action = {
      ...base, id: 'a1', source: { kind: 'shell', command: 'aws s3 rm s3://acme-uploads --recursive' }, operation: 'delete', verb: 'rm', tool: 'aws',
      target: { type: 'AWS::S3::Bucket', id: 's3://acme-uploads', names: ['acme-uploads'] }, details: { flags: { recursive: true } },
    };
    const { reversibility, stateful, dataLoss } = assessReversibility(rm, bucket, [versioning]);
    expect(reversibility).toBe('recoverable');
    const plan = planRollback([{ ...rm, reversibility, stateful, dataLoss }], world, { stamp: STAMP });
    expect(plan.irreversible).toEqual([]);
    const restore = plan.steps.filter((s) => s.phase === 'restore').map((s) => s.command);
    expect(restore[0]).toContain('aws s3api list-object-versions --bucket acme-uploads');
    expect(plan.steps[0]!.command).toBe(`aws s3api put-bucket-versioning --bucket acme-uploads --versioning-configuration Status=Enabled && aws s3 sync s3://acme-uploads ./firebreak-acme-uploads-${STAMP}`);
  });
});

describe('planRollback: intrinsic actions and secrets', () => {
  it('dumps a table before DROP TABLE and names what is lost', () => {
    const drop: Action = {
      ...base, id: 'a1', source: { kind: 'shell', command: 'psql -c "DROP TABLE users"' }, operation: 'delete', verb: 'DROP TABLE', tool: 'sql',
      target: { type: 'sql:table', id: 'psql:users' },
      intrinsic: { reversibility: 'irreversible', evidence: [{ kind: 'command', message: 'DROP TABLE removes the table and every row' }] },
    };
    const plan = planRollback([predicted(drop)], undefined, { stamp: STAMP });
    expect(plan.steps.map((s) => [s.phase, s.command])).toEqual([
      ['safeguard', `pg_dump "$DATABASE_URL" -t users > firebreak-users-${STAMP}.sql`],
      ['restore', `psql "$DATABASE_URL" < firebreak-users-${STAMP}.sql`],
    ]);
    expect(plan.irreversible).toEqual([{ actionId: 'a1', resource: 'psql:users', whatIsLost: 'all rows of table users' }]);
  });

  it('never copies a secret value into a command', () => {
    const put: Action = {
      ...base, id: 'a1', source: { kind: 'shell', command: 'aws secretsmanager delete-secret --secret-id prod/db --recovery-window-in-days 7' },
      operation: 'delete', verb: 'delete-secret', tool: 'aws', target: { type: 'AWS::SecretsManager::Secret', id: 'prod/db', names: ['prod/db'] },
      details: { flags: { 'secret-id': 'prod/db', 'recovery-window-in-days': '7', 'secret-string': 'hunter2' } },
    };
    const plan = planRollback([predicted(put)], undefined, { stamp: STAMP });
    expect(plan.steps.find((s) => s.phase === 'restore')!.command).toBe('aws secretsmanager restore-secret --secret-id prod/db');
    expect(JSON.stringify(plan)).not.toContain('hunter2');
  });
});
