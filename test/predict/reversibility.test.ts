import { describe, expect, it } from 'vitest';
import type { Action, Resource } from '../../src/model.js';
import { assessReversibility } from '../../src/predict/reversibility.js';

function tfAction(type: string, address: string, operation: Action['operation'], before: Record<string, unknown>, extra: Partial<Action> = {}): Action {
  return {
    id: 'a1',
    source: { kind: 'terraform-plan', file: 'plan.json', path: 'resource_changes[0]' },
    operation,
    verb: operation === 'replace' ? '["delete","create"]' : operation,
    tool: 'terraform',
    target: { type, id: address, address, terraformType: type },
    scope: 'resource',
    hints: {},
    before,
    evidence: [],
    ...extra,
  };
}

function cliAction(type: string, verb: string, flags: Record<string, unknown>, names: string[], operation: Action['operation'] = 'delete'): Action {
  return {
    id: 'a1',
    source: { kind: 'shell', command: `aws ${verb}` },
    operation,
    verb,
    tool: 'aws',
    target: { type, id: names[0]!, names },
    scope: 'resource',
    hints: {},
    evidence: [],
    details: { flags },
  };
}

function cfnAction(type: string, logicalId: string, operation: Action['operation'], policy?: string): Action {
  return {
    id: 'a1',
    source: { kind: 'cloudformation-template', file: 'template.yaml', path: `Resources.${logicalId}` },
    operation,
    verb: operation === 'delete' ? 'Remove' : 'Modify',
    tool: 'cloudformation',
    target: { type, id: `app/${logicalId}` },
    scope: 'resource',
    hints: { stackName: 'app' },
    evidence: policy ? [{ kind: 'policy', message: `DeletionPolicy ${policy}`, key: 'DeletionPolicy', value: policy }] : [],
  };
}

function cfnResource(type: string, logicalId: string, properties: Record<string, unknown>): Resource {
  return { id: `app/${logicalId}`, type, cfnType: type, names: [], source: 'cloudformation-template', stack: 'app', attributes: properties };
}

const text = (evidence: { message: string }[]) => evidence.map((e) => e.message).join('\n');

// A prior_state entry for aws_db_instance as the AWS provider (v5) writes it, trimmed of
// attributes that do not matter here. This is the DataTalks.Club shape.
const dataTalksDb = {
  address: 'db.example.internal',
  allocated_storage: 20,
  allow_major_version_upgrade: null,
  apply_immediately: false,
  arn: 'arn:aws:rds:eu-west-1:123456789012:db:course-db',
  auto_minor_version_upgrade: true,
  availability_zone: 'eu-west-1a',
  backup_retention_period: 7,
  backup_window: '03:00-04:00',
  copy_tags_to_snapshot: false,
  db_name: 'courses',
  db_subnet_group_name: 'course-db-subnets',
  delete_automated_backups: true,
  deletion_protection: false,
  engine: 'postgres',
  engine_version: '16.3',
  final_snapshot_identifier: null,
  id: 'db-ABCDEFGHIJKLMNOP',
  identifier: 'course-db',
  instance_class: 'db.t3.micro',
  kms_key_id: '',
  multi_az: false,
  parameter_group_name: 'default.postgres16',
  publicly_accessible: false,
  replicate_source_db: '',
  skip_final_snapshot: true,
  storage_encrypted: false,
  username: 'admin',
  vpc_security_group_ids: ['sg-0a1b2c3d4e5f60718'],
};

describe('RDS DB instance', () => {
  it('DataTalks: skip_final_snapshot with automated backups deleted is irreversible', () => {
    const r = assessReversibility(tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', dataTalksDb));
    expect(r).toMatchObject({ reversibility: 'irreversible', stateful: true, dataLoss: true });
    expect(text(r.evidence)).toContain(
      'skip_final_snapshot = true and delete_automated_backups = true: no final snapshot, automated backups deleted with the instance',
    );
  });

  it('names the provider default when delete_automated_backups is absent from before', () => {
    const { delete_automated_backups: _omit, ...before } = dataTalksDb;
    const r = assessReversibility(tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', before));
    expect(r.reversibility).toBe('irreversible');
    expect(text(r.evidence)).toContain('delete_automated_backups = true (provider default)');
    expect(r.evidence.some((e) => e.kind === 'default' && e.key === 'delete_automated_backups')).toBe(true);
  });

  it('is recoverable with a final snapshot', () => {
    const before = { ...dataTalksDb, skip_final_snapshot: false, final_snapshot_identifier: 'course-db-final' };
    const r = assessReversibility(tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', before));
    expect(r).toMatchObject({ reversibility: 'recoverable', dataLoss: false });
    expect(text(r.evidence)).toContain('final_snapshot_identifier = course-db-final');
  });

  it('is recoverable when automated backups are retained', () => {
    const before = { ...dataTalksDb, delete_automated_backups: false };
    const r = assessReversibility(tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', before));
    expect(r.reversibility).toBe('recoverable');
    expect(text(r.evidence)).toContain('backup_retention_period = 7 and delete_automated_backups = false');
  });

  it('deletion protection blocks the delete and says what would happen otherwise', () => {
    const before = { ...dataTalksDb, deletion_protection: true };
    const r = assessReversibility(tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', before));
    expect(r).toMatchObject({ reversibility: 'reversible', dataLoss: false });
    expect(text(r.evidence)).toContain('deletion_protection = true: AWS rejects the delete');
    expect(text(r.evidence)).toContain('if the delete went ahead anyway: no final snapshot');
  });

  it('reads the world resource when the plan carries no before', () => {
    const action = tfAction('aws_db_instance', 'aws_db_instance.course', 'delete', {});
    delete action.before;
    const world: Resource = {
      id: 'aws_db_instance.course', type: 'aws_db_instance', terraformType: 'aws_db_instance', names: ['course-db'],
      source: 'terraform-state', attributes: dataTalksDb,
    };
    expect(assessReversibility(action, world).reversibility).toBe('irreversible');
  });

  it('CLI: --skip-final-snapshot with --delete-automated-backups is irreversible', () => {
    const action = cliAction('AWS::RDS::DBInstance', 'delete-db-instance', {
      '--db-instance-identifier': 'course-db', '--skip-final-snapshot': true, '--delete-automated-backups': true,
    }, ['course-db']);
    const r = assessReversibility(action);
    expect(r.reversibility).toBe('irreversible');
    expect(text(r.evidence)).toContain('--skip-final-snapshot and --delete-automated-backups');
  });

  it('CLI: --final-db-snapshot-identifier keeps a snapshot', () => {
    const action = cliAction('AWS::RDS::DBInstance', 'delete-db-instance', {
      'db-instance-identifier': 'course-db', 'final-db-snapshot-identifier': 'course-db-final',
    }, ['course-db']);
    expect(assessReversibility(action).reversibility).toBe('recoverable');
  });

  it('CLI: --no-delete-automated-backups keeps backups for an instance with retention', () => {
    const action = cliAction('AWS::RDS::DBInstance', 'delete-db-instance', {
      'db-instance-identifier': 'course-db', 'skip-final-snapshot': true, 'no-delete-automated-backups': true,
    }, ['course-db']);
    const world: Resource = { id: 'course-db', type: 'AWS::RDS::DBInstance', names: ['course-db'], source: 'inventory', attributes: { BackupRetentionPeriod: 7 } };
    expect(assessReversibility(action, world).reversibility).toBe('recoverable');
  });

  it('does not read Terraform delete parameters for a CLI delete', () => {
    // The state says skip_final_snapshot = false with an identifier, but the CLI call skips it.
    const world: Resource = {
      id: 'aws_db_instance.course', type: 'aws_db_instance', names: ['course-db'], source: 'terraform-state',
      attributes: { ...dataTalksDb, skip_final_snapshot: false, final_snapshot_identifier: 'x', backup_retention_period: 0 },
    };
    const action = cliAction('AWS::RDS::DBInstance', 'delete-db-instance', { 'db-instance-identifier': 'course-db', 'skip-final-snapshot': true }, ['course-db']);
    expect(assessReversibility(action, world).reversibility).toBe('irreversible');
  });
});

describe('CloudFormation DeletionPolicy', () => {
  const props = { DBInstanceIdentifier: 'orders', Engine: 'postgres', DBInstanceClass: 'db.t3.micro', BackupRetentionPeriod: 7 };
  it('defaults to Snapshot for a DB instance outside a cluster', () => {
    const r = assessReversibility(cfnAction('AWS::RDS::DBInstance', 'Db', 'delete'), cfnResource('AWS::RDS::DBInstance', 'Db', props));
    expect(r.reversibility).toBe('recoverable');
    expect(text(r.evidence)).toContain("CloudFormation's default for a DB instance outside a cluster is Snapshot");
  });
  it('Snapshot is recoverable, Retain is reversible', () => {
    expect(assessReversibility(cfnAction('AWS::RDS::DBInstance', 'Db', 'delete', 'Snapshot'), cfnResource('AWS::RDS::DBInstance', 'Db', props)).reversibility).toBe('recoverable');
    const retain = assessReversibility(cfnAction('AWS::DynamoDB::Table', 'T', 'delete', 'Retain'), cfnResource('AWS::DynamoDB::Table', 'T', { TableName: 'users' }));
    expect(retain).toMatchObject({ reversibility: 'reversible', dataLoss: false });
  });
  it('DeletionPolicy Delete on a DB instance loses the data', () => {
    const r = assessReversibility(cfnAction('AWS::RDS::DBInstance', 'Db', 'delete', 'Delete'), cfnResource('AWS::RDS::DBInstance', 'Db', props));
    expect(r).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
  it('a replacement follows UpdateReplacePolicy, whose default deletes the old instance', () => {
    const r = assessReversibility(cfnAction('AWS::RDS::DBInstance', 'Db', 'replace'), cfnResource('AWS::RDS::DBInstance', 'Db', props));
    expect(r.reversibility).toBe('irreversible');
  });
  it('no DeletionPolicy on a table defaults to Delete: irreversible', () => {
    const r = assessReversibility(cfnAction('AWS::DynamoDB::Table', 'T', 'delete'), cfnResource('AWS::DynamoDB::Table', 'T', { TableName: 'users' }));
    expect(r).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
});

describe('DynamoDB', () => {
  const table = {
    arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/users', billing_mode: 'PAY_PER_REQUEST', deletion_protection_enabled: false,
    hash_key: 'id', name: 'users', point_in_time_recovery: [{ enabled: false, recovery_period_in_days: 0 }], stream_enabled: false,
  };
  it('without PITR a delete is irreversible', () => {
    const r = assessReversibility(tfAction('aws_dynamodb_table', 'aws_dynamodb_table.users', 'delete', table));
    expect(r).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
    expect(text(r.evidence)).toContain('all items in table users');
  });
  it('with PITR the system backup makes it recoverable', () => {
    const before = { ...table, point_in_time_recovery: [{ enabled: true, recovery_period_in_days: 35 }] };
    const r = assessReversibility(tfAction('aws_dynamodb_table', 'aws_dynamodb_table.users', 'delete', before));
    expect(r.reversibility).toBe('recoverable');
    expect(text(r.evidence)).toContain('point_in_time_recovery.enabled = true');
  });
  it('a rename forces replacement: the old table is deleted', () => {
    const action = tfAction('aws_dynamodb_table', 'aws_dynamodb_table.users', 'replace', table, { after: { ...table, name: 'users-v2' }, replaceCauses: ['name'] });
    expect(assessReversibility(action)).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
  it('deletion_protection_enabled blocks the replacement', () => {
    const action = tfAction('aws_dynamodb_table', 'aws_dynamodb_table.users', 'replace', { ...table, deletion_protection_enabled: true });
    expect(assessReversibility(action).reversibility).toBe('reversible');
  });
  it('turning PITR off is a destructive update', () => {
    const before = { ...table, point_in_time_recovery: [{ enabled: true }] };
    const action = tfAction('aws_dynamodb_table', 'aws_dynamodb_table.users', 'update', before, { after: table });
    expect(assessReversibility(action)).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
});

describe('S3', () => {
  const bucket = { bucket: 'acme-uploads', force_destroy: false, arn: 'arn:aws:s3:::acme-uploads' };
  it('force_destroy = true deletes every object', () => {
    const r = assessReversibility(tfAction('aws_s3_bucket', 'aws_s3_bucket.uploads', 'delete', { ...bucket, force_destroy: true }));
    expect(r).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
    expect(text(r.evidence)).toContain('force_destroy = true');
  });
  it('without force_destroy S3 refuses a non-empty bucket', () => {
    expect(assessReversibility(tfAction('aws_s3_bucket', 'aws_s3_bucket.uploads', 'delete', bucket))).toMatchObject({ reversibility: 'recoverable', dataLoss: false });
  });
  it('aws s3 rb --force on a versioned bucket keeps the versions', () => {
    const world: Resource = { id: 'aws_s3_bucket.uploads', type: 'aws_s3_bucket', names: ['acme-uploads'], source: 'terraform-state', attributes: bucket };
    const versioning: Resource = {
      id: 'aws_s3_bucket_versioning.uploads', type: 'aws_s3_bucket_versioning', names: [], source: 'terraform-state',
      attributes: { bucket: 'acme-uploads', versioning_configuration: [{ status: 'Enabled', mfa_delete: '' }] },
    };
    const action = cliAction('AWS::S3::Bucket', 'rb', { force: true }, ['s3://acme-uploads']);
    expect(assessReversibility(action, world, [versioning]).reversibility).toBe('recoverable');
    expect(assessReversibility(action, world).reversibility).toBe('irreversible');
  });
  it('aws s3 rm --recursive on an unversioned bucket loses the objects', () => {
    const action = cliAction('AWS::S3::Bucket', 'rm', { recursive: true }, ['s3://acme-uploads']);
    expect(assessReversibility(action)).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
});

describe('KMS, Secrets Manager, identities', () => {
  it('KMS scheduled deletion is irreversible and says it can be cancelled within the window', () => {
    const action = cliAction('AWS::KMS::Key', 'schedule-key-deletion', { 'key-id': '1234abcd-12ab-34cd-56ef-1234567890ab', 'pending-window-in-days': '7' }, ['1234abcd-12ab-34cd-56ef-1234567890ab']);
    const r = assessReversibility(action);
    expect(r).toMatchObject({ reversibility: 'irreversible', stateful: true, dataLoss: true });
    expect(text(r.evidence)).toContain('--pending-window-in-days = 7');
    expect(text(r.evidence)).toContain('cancel-key-deletion');
  });
  it('Terraform KMS key uses the 30-day default window', () => {
    const r = assessReversibility(tfAction('aws_kms_key', 'aws_kms_key.data', 'delete', { key_id: 'k-1', is_enabled: true }));
    expect(text(r.evidence)).toContain('deletion_window_in_days = 30 (the default waiting period)');
  });
  it('secret with a 7-day window is recoverable; with 0 days it is not', () => {
    const before = { name: 'prod/db', arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', recovery_window_in_days: 7 };
    expect(assessReversibility(tfAction('aws_secretsmanager_secret', 'aws_secretsmanager_secret.db', 'delete', before)).reversibility).toBe('recoverable');
    expect(assessReversibility(tfAction('aws_secretsmanager_secret', 'aws_secretsmanager_secret.db', 'delete', { ...before, recovery_window_in_days: 0 }))).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
  it('--force-delete-without-recovery is irreversible', () => {
    const action = cliAction('AWS::SecretsManager::Secret', 'delete-secret', { 'secret-id': 'prod/db', 'force-delete-without-recovery': true }, ['prod/db']);
    expect(assessReversibility(action).reversibility).toBe('irreversible');
  });
  it('IAM user delete loses an identity', () => {
    const r = assessReversibility(cliAction('AWS::IAM::User', 'delete-user', { 'user-name': 'deploy' }, ['deploy']));
    expect(r).toMatchObject({ reversibility: 'irreversible', stateful: false, dataLoss: false });
    expect(text(r.evidence)).toContain('IAM user deploy');
  });
  it('hosted zone delete loses the name-server set', () => {
    const r = assessReversibility(tfAction('aws_route53_zone', 'aws_route53_zone.main', 'delete', { name: 'example.com', zone_id: 'Z123' }));
    expect(r.reversibility).toBe('irreversible');
    expect(text(r.evidence)).toContain('name servers');
  });
});

describe('compute and stateless types', () => {
  it('EBS volume without a snapshot is irreversible; final_snapshot keeps one', () => {
    const before = { id: 'vol-0abc', availability_zone: 'us-east-1a', size: 100, type: 'gp3', final_snapshot: false };
    expect(assessReversibility(tfAction('aws_ebs_volume', 'aws_ebs_volume.data', 'delete', before)).reversibility).toBe('irreversible');
    expect(assessReversibility(tfAction('aws_ebs_volume', 'aws_ebs_volume.data', 'delete', { ...before, final_snapshot: true })).reversibility).toBe('recoverable');
  });
  it('termination protection blocks terminate-instances', () => {
    const world: Resource = { id: 'i-0abc', type: 'AWS::EC2::Instance', names: ['i-0abc'], source: 'inventory', attributes: { DisableApiTermination: true } };
    expect(assessReversibility(cliAction('AWS::EC2::Instance', 'terminate-instances', { 'instance-ids': ['i-0abc'] }, ['i-0abc']), world).reversibility).toBe('reversible');
  });
  it('security group and subnet deletes are recoverable', () => {
    const sg = assessReversibility(tfAction('aws_security_group', 'aws_security_group.web', 'delete', { id: 'sg-1', name: 'web', vpc_id: 'vpc-1' }));
    expect(sg).toMatchObject({ reversibility: 'recoverable', stateful: false, dataLoss: false });
    expect(assessReversibility(tfAction('aws_subnet', 'aws_subnet.a', 'replace', { id: 'subnet-1', cidr_block: '10.0.1.0/24' })).reversibility).toBe('recoverable');
  });
  it('updates are reversible; log retention cut is not', () => {
    const update = tfAction('aws_security_group', 'aws_security_group.web', 'update', { id: 'sg-1' }, { after: { id: 'sg-1', description: 'x' } });
    expect(assessReversibility(update).reversibility).toBe('reversible');
    const logs = tfAction('aws_cloudwatch_log_group', 'aws_cloudwatch_log_group.app', 'update', { name: '/app', retention_in_days: 0 }, { after: { name: '/app', retention_in_days: 7 } });
    expect(assessReversibility(logs)).toMatchObject({ reversibility: 'irreversible', dataLoss: true });
  });
});

describe('operations and fallbacks', () => {
  it('read, create and permissions are reversible', () => {
    expect(assessReversibility(tfAction('aws_db_instance', 'x', 'read', {})).reversibility).toBe('reversible');
    expect(assessReversibility(tfAction('aws_db_instance', 'x', 'create', {})).evidence[0]!.message).toContain('deleting what was created');
    const perm = cliAction('AWS::IAM::Role', 'attach-role-policy', { 'role-name': 'app', 'policy-arn': 'arn:aws:iam::aws:policy/AdministratorAccess' }, ['app'], 'permissions');
    expect(assessReversibility(perm).reversibility).toBe('reversible');
  });
  it('unknown types and operations are unknown', () => {
    expect(assessReversibility(tfAction('aws_made_up_thing', 'aws_made_up_thing.x', 'delete', {})).reversibility).toBe('unknown');
    expect(assessReversibility(tfAction('aws_db_instance', 'x', 'unknown', {})).reversibility).toBe('unknown');
  });
  it('intrinsic reversibility wins', () => {
    const action: Action = {
      ...cliAction('sql:table', 'DROP TABLE', {}, ['users']),
      tool: 'sql',
      intrinsic: { reversibility: 'irreversible', evidence: [{ kind: 'command', message: 'DROP TABLE users removes the table and its rows' }] },
    };
    expect(assessReversibility(action)).toMatchObject({ reversibility: 'irreversible', stateful: true, dataLoss: true });
  });
});
