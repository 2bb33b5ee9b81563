// Databases: RDS, Aurora, DynamoDB, ElastiCache, Redshift, DocumentDB, Neptune, OpenSearch /
// Elasticsearch, QLDB, SimpleDB.
import type { DeletionRule, ResourceFacts } from '../types.js';
import { cfnPolicyDelete, cfnSnapshotRule, param, setting } from './conditions.js';

const deletionProtection = setting(
  { tf: 'deletion_protection', cfn: 'DeletionProtection', cli: 'deletion-protection' },
  'true',
);
const skipFinalSnapshot = (test: 'true' | 'false') =>
  param(
    { tf: 'skip_final_snapshot', cli: 'skip-final-snapshot' },
    test,
    test === 'false' ? { defaults: { tf: false, cli: false }, defaultNote: 'default' } : {},
  );
const deleteAutomatedBackups = (test: 'true' | 'false') =>
  param({ tf: 'delete_automated_backups', cfn: 'DeleteAutomatedBackups', cli: 'delete-automated-backups' }, test, {
    defaults: { tf: true, cfn: true, cli: true },
    
  });
const backupRetention = setting(
  { tf: 'backup_retention_period', cfn: 'BackupRetentionPeriod', cli: 'backup-retention-period' },
  'positive',
);
const rdsSnapshotRestore = {
  description: 'restore the database from the snapshot',
  command: 'aws rds restore-db-instance-from-db-snapshot --db-instance-identifier {name} --db-snapshot-identifier {snapshot}',
};
const neptuneRestore = {
  description: 'restore the cluster from the snapshot',
  command: 'aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier {snapshot} --engine neptune',
};
const clusterSnapshotRestore = {
  description: 'restore the cluster from the snapshot',
  command:
    'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier {snapshot} --engine <engine>',
};

export const DATABASE_TYPES: ResourceFacts[] = [
  {
    service: 'rds',
    cfnType: 'AWS::RDS::DBInstance',
    terraformTypes: ['aws_db_instance', 'aws_rds_cluster_instance'],
    label: 'RDS DB instance',
    stateful: true,
    holds: "the database {name}'s data",
    nameKeys: [{ tf: 'identifier', cfn: 'DBInstanceIdentifier', cli: 'db-instance-identifier' }],
    cfnSnapshot: true,
    deletion: [
      {
        id: 'rds-deletion-protection',
        when: [deletionProtection],
        outcome: 'blocked',
        message: 'AWS rejects the delete until deletion protection is turned off',
      },
      {
        id: 'rds-cluster-member',
        when: [setting({ tf: 'cluster_identifier', cfn: 'DBClusterIdentifier' }, 'set')],
        outcome: 'kept',
        message: "the data lives in the cluster's storage, not in the instance",
        restore: { description: 'add an instance to the cluster again', command: 'aws rds create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier {name} --engine <engine> --db-instance-class <class>' },
      },
      cfnSnapshotRule(rdsSnapshotRestore),
      {
        id: 'rds-cfn-default-snapshot',
        when: [param({ cfn: 'DeletionPolicy' }, 'unset'), setting({ cfn: 'DBClusterIdentifier' }, 'unset')],
        operations: ['delete'],
        outcome: 'kept',
        message: "no DeletionPolicy: CloudFormation's default for a DB instance outside a cluster is Snapshot",
        restore: rdsSnapshotRestore,
      },
      {
        id: 'rds-final-snapshot',
        when: [
          skipFinalSnapshot('false'),
          param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'set'),
        ],
        outcome: 'kept',
        message: 'a final snapshot is taken before the instance is deleted',
        restore: rdsSnapshotRestore,
      },
      {
        id: 'rds-final-snapshot-name-missing',
        when: [
          skipFinalSnapshot('false'),
          param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'unset'),
        ],
        outcome: 'blocked',
        message: 'the delete fails: a final snapshot is required but has no identifier',
      },
      {
        id: 'rds-automated-backups-retained',
        when: [backupRetention, deleteAutomatedBackups('false')],
        outcome: 'kept',
        message: 'automated backups are retained after the delete and can be restored to a point in time',
        restore: {
          description: 'restore from the retained automated backups',
          command:
            'aws rds restore-db-instance-to-point-in-time --source-dbi-resource-id <dbi-resource-id> --target-db-instance-identifier {name} --use-latest-restorable-time',
        },
      },
      {
        id: 'rds-no-snapshot-backups-deleted',
        when: [skipFinalSnapshot('true'), deleteAutomatedBackups('true')],
        outcome: 'lost',
        message: 'no final snapshot, automated backups deleted with the instance',
        lost: "the database {name}'s data and its automated backups",
      },
      {
        id: 'rds-cfn-delete-policy',
        when: [cfnPolicyDelete, deleteAutomatedBackups('true')],
        outcome: 'lost',
        message: 'no snapshot is taken and automated backups are deleted with the instance',
        lost: "the database {name}'s data and its automated backups",
      },
    ],
    destructiveUpdates: [
      {
        keys: { tf: 'backup_retention_period', cfn: 'BackupRetentionPeriod', cli: 'backup-retention-period' },
        change: 'to-zero',
        message: 'setting the backup retention period to 0 deletes the existing automated backups',
      },
    ],
    safeguard: {
      description: 'take a manual snapshot (kept until you delete it)',
      command: 'aws rds create-db-snapshot --db-instance-identifier {name} --db-snapshot-identifier firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'restore the database from the safeguard snapshot',
      command: 'aws rds restore-db-instance-from-db-snapshot --db-instance-identifier {name} --db-snapshot-identifier firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'rds',
    cfnType: 'AWS::RDS::DBCluster',
    terraformTypes: ['aws_rds_cluster'],
    label: 'RDS / Aurora DB cluster',
    stateful: true,
    holds: "the cluster {name}'s data",
    nameKeys: [{ tf: 'cluster_identifier', cfn: 'DBClusterIdentifier', cli: 'db-cluster-identifier' }],
    cfnSnapshot: true,
    deletion: [
      {
        id: 'rds-cluster-deletion-protection',
        when: [deletionProtection],
        outcome: 'blocked',
        message: 'AWS rejects the delete until deletion protection is turned off',
      },
      cfnSnapshotRule(clusterSnapshotRestore),
      {
        id: 'rds-cluster-cfn-default-snapshot',
        when: [param({ cfn: 'DeletionPolicy' }, 'unset')],
        operations: ['delete'],
        outcome: 'kept',
        message: "no DeletionPolicy: CloudFormation's default for a DB cluster is Snapshot",
        restore: clusterSnapshotRestore,
      },
      {
        id: 'rds-cluster-final-snapshot',
        when: [
          skipFinalSnapshot('false'),
          param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'set'),
        ],
        outcome: 'kept',
        message: 'a final snapshot is taken before the cluster is deleted',
        restore: clusterSnapshotRestore,
      },
      {
        id: 'rds-cluster-final-snapshot-name-missing',
        when: [
          skipFinalSnapshot('false'),
          param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'unset'),
        ],
        outcome: 'blocked',
        message: 'the delete fails: a final snapshot is required but has no identifier',
      },
      {
        id: 'rds-cluster-automated-backups-retained',
        when: [param({ tf: 'delete_automated_backups', cli: 'delete-automated-backups' }, 'false')],
        outcome: 'kept',
        message: 'automated backups are retained after the delete',
        restore: {
          description: 'restore from the retained automated backups',
          command:
            'aws rds restore-db-cluster-to-point-in-time --source-db-cluster-resource-id <cluster-resource-id> --db-cluster-identifier {name} --use-latest-restorable-time',
        },
      },
      {
        id: 'rds-cluster-no-snapshot',
        when: [skipFinalSnapshot('true')],
        outcome: 'lost',
        message: 'no final snapshot; automated backups are deleted with the cluster',
        lost: "the cluster {name}'s data and its automated backups",
      },
    ],
    destructiveUpdates: [],
    safeguard: {
      description: 'take a manual cluster snapshot',
      command:
        'aws rds create-db-cluster-snapshot --db-cluster-identifier {name} --db-cluster-snapshot-identifier firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'restore the cluster from the safeguard snapshot',
      command: 'aws rds restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier firebreak-{name}-{stamp} --engine <engine>',
    },
  },
  {
    service: 'rds',
    cfnType: 'AWS::RDS::DBSubnetGroup',
    terraformTypes: ['aws_db_subnet_group'],
    label: 'RDS DB subnet group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'DBSubnetGroupName', cli: 'db-subnet-group-name' }],
  },
  {
    service: 'rds',
    cfnType: 'AWS::RDS::DBParameterGroup',
    terraformTypes: ['aws_db_parameter_group'],
    label: 'RDS DB parameter group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'DBParameterGroupName', cli: 'db-parameter-group-name' }],
  },
  {
    service: 'rds',
    cfnType: 'AWS::RDS::DBClusterParameterGroup',
    terraformTypes: ['aws_rds_cluster_parameter_group'],
    label: 'RDS DB cluster parameter group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'DBClusterParameterGroupName', cli: 'db-cluster-parameter-group-name' }],
  },
  {
    service: 'dynamodb',
    cfnType: 'AWS::DynamoDB::Table',
    terraformTypes: ['aws_dynamodb_table'],
    label: 'DynamoDB table',
    stateful: true,
    holds: 'all items in table {name}',
    nameKeys: [{ tf: 'name', cfn: 'TableName', cli: 'table-name' }],
    deletion: [
      {
        id: 'dynamodb-deletion-protection',
        when: [setting({ tf: 'deletion_protection_enabled', cfn: 'DeletionProtectionEnabled', cli: 'deletion-protection-enabled' }, 'true')],
        outcome: 'blocked',
        message: 'AWS rejects the delete until deletion protection is turned off',
      },
      {
        id: 'dynamodb-pitr-system-backup',
        when: [
          setting(
            {
              tf: 'point_in_time_recovery.enabled',
              cfn: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled',
              cli: 'point-in-time-recovery-enabled',
            },
            'true',
          ),
        ],
        outcome: 'kept',
        message: 'with point-in-time recovery on, DynamoDB keeps a system backup of a deleted table for 35 days',
        restore: {
          description: 'find the system backup of the deleted table and restore it',
          command:
            'aws dynamodb list-backups --table-name {name} --backup-type SYSTEM && aws dynamodb restore-table-from-backup --target-table-name {name} --backup-arn <system-backup-arn>',
        },
      },
    ],
    destructiveUpdates: [
      {
        keys: { tf: 'point_in_time_recovery.enabled', cfn: 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled' },
        change: 'to-false',
        message: 'turning point-in-time recovery off discards the continuous backup history',
      },
    ],
    safeguard: {
      description: 'take an on-demand backup (kept until you delete it)',
      command: 'aws dynamodb create-backup --table-name {name} --backup-name firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'restore the table from the safeguard backup',
      command: 'aws dynamodb restore-table-from-backup --target-table-name {name} --backup-arn <arn of backup firebreak-{name}-{stamp}>',
    },
  },
  {
    service: 'elasticache',
    cfnType: 'AWS::ElastiCache::ReplicationGroup',
    terraformTypes: ['aws_elasticache_replication_group'],
    label: 'ElastiCache replication group',
    stateful: true,
    holds: 'the cached data in replication group {name}',
    nameKeys: [{ tf: 'replication_group_id', cfn: 'ReplicationGroupId', cli: 'replication-group-id' }],
    cfnSnapshot: true,
    deletion: [
      cfnSnapshotRule({ description: 'create a replication group from the snapshot', command: 'aws elasticache create-replication-group --replication-group-id {name} --replication-group-description restored --snapshot-name {snapshot}' }),
      {
        id: 'elasticache-rg-final-snapshot',
        when: [param({ tf: 'final_snapshot_identifier', cli: 'final-snapshot-identifier' }, 'set')],
        outcome: 'kept',
        message: 'a final snapshot is taken before the delete',
        restore: { description: 'create a replication group from the snapshot', command: 'aws elasticache create-replication-group --replication-group-id {name} --replication-group-description restored --snapshot-name {snapshot}' },
      },
    ],
    safeguard: {
      description: 'take a manual snapshot',
      command: 'aws elasticache create-snapshot --replication-group-id {name} --snapshot-name firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'elasticache',
    cfnType: 'AWS::ElastiCache::CacheCluster',
    terraformTypes: ['aws_elasticache_cluster'],
    label: 'ElastiCache cluster',
    stateful: true,
    holds: 'the cached data in cluster {name}',
    nameKeys: [{ tf: 'cluster_id', cfn: 'ClusterName', cli: 'cache-cluster-id' }],
    cfnSnapshot: true,
    deletion: [
      cfnSnapshotRule({ description: 'create a cache cluster from the snapshot', command: 'aws elasticache create-cache-cluster --cache-cluster-id {name} --snapshot-name {snapshot}' }),
      {
        id: 'elasticache-final-snapshot',
        when: [param({ tf: 'final_snapshot_identifier', cli: 'final-snapshot-identifier' }, 'set')],
        outcome: 'kept',
        message: 'a final snapshot is taken before the delete',
        restore: { description: 'create a cache cluster from the snapshot', command: 'aws elasticache create-cache-cluster --cache-cluster-id {name} --snapshot-name {snapshot}' },
      },
    ],
    safeguard: {
      description: 'take a manual snapshot',
      command: 'aws elasticache create-snapshot --cache-cluster-id {name} --snapshot-name firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'elasticache',
    cfnType: 'AWS::ElastiCache::SubnetGroup',
    terraformTypes: ['aws_elasticache_subnet_group'],
    label: 'ElastiCache subnet group',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'CacheSubnetGroupName', cli: 'cache-subnet-group-name' }],
  },
  {
    service: 'redshift',
    cfnType: 'AWS::Redshift::Cluster',
    terraformTypes: ['aws_redshift_cluster'],
    label: 'Redshift cluster',
    stateful: true,
    holds: "the warehouse {name}'s data",
    nameKeys: [{ tf: 'cluster_identifier', cfn: 'ClusterIdentifier', cli: 'cluster-identifier' }],
    cfnSnapshot: true,
    deletion: [
      cfnSnapshotRule({ description: 'restore the cluster from the snapshot', command: 'aws redshift restore-from-cluster-snapshot --cluster-identifier {name} --snapshot-identifier {snapshot}' }),
      {
        id: 'redshift-final-snapshot',
        when: [
          param({ tf: 'skip_final_snapshot', cli: 'skip-final-cluster-snapshot' }, 'false', { defaults: { tf: false, cli: false }, defaultNote: 'default' }),
          param({ tf: 'final_snapshot_identifier', cli: 'final-cluster-snapshot-identifier' }, 'set'),
        ],
        outcome: 'kept',
        message: 'a final snapshot is taken before the delete',
        restore: { description: 'restore the cluster from the snapshot', command: 'aws redshift restore-from-cluster-snapshot --cluster-identifier {name} --snapshot-identifier {snapshot}' },
      },
    ],
    safeguard: {
      description: 'take a manual snapshot',
      command: 'aws redshift create-cluster-snapshot --cluster-identifier {name} --snapshot-identifier firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'docdb',
    cfnType: 'AWS::DocDB::DBCluster',
    terraformTypes: ['aws_docdb_cluster'],
    label: 'DocumentDB cluster',
    stateful: true,
    holds: "the cluster {name}'s data",
    nameKeys: [{ tf: 'cluster_identifier', cfn: 'DBClusterIdentifier', cli: 'db-cluster-identifier' }],
    cfnSnapshot: true,
    deletion: [
      {
        id: 'docdb-deletion-protection',
        when: [deletionProtection],
        outcome: 'blocked',
        message: 'AWS rejects the delete until deletion protection is turned off',
      },
      cfnSnapshotRule({ description: 'restore the cluster from the snapshot', command: 'aws docdb restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier {snapshot} --engine docdb' }),
      {
        id: 'docdb-final-snapshot',
        when: [
          skipFinalSnapshot('false'),
          param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'set'),
        ],
        outcome: 'kept',
        message: 'a final snapshot is taken before the delete',
        restore: { description: 'restore the cluster from the snapshot', command: 'aws docdb restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier {snapshot} --engine docdb' },
      },
    ],
    safeguard: {
      description: 'take a manual cluster snapshot',
      command: 'aws docdb create-db-cluster-snapshot --db-cluster-identifier {name} --db-cluster-snapshot-identifier firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'docdb',
    cfnType: 'AWS::DocDB::DBInstance',
    terraformTypes: ['aws_docdb_cluster_instance'],
    label: 'DocumentDB instance',
    stateful: true,
    holds: "the cluster's data served by instance {name}",
    nameKeys: [{ tf: 'identifier', cfn: 'DBInstanceIdentifier', cli: 'db-instance-identifier' }],
    deletion: [memberOfCluster('DocumentDB')],
  },
  {
    service: 'neptune',
    cfnType: 'AWS::Neptune::DBCluster',
    terraformTypes: ['aws_neptune_cluster'],
    label: 'Neptune DB cluster',
    stateful: true,
    holds: "the graph database {name}'s data",
    nameKeys: [{ tf: 'cluster_identifier', cfn: 'DBClusterIdentifier', cli: 'db-cluster-identifier' }],
    cfnSnapshot: true,
    deletion: [
      {
        id: 'neptune-deletion-protection',
        when: [deletionProtection],
        outcome: 'blocked',
        message: 'AWS rejects the delete until deletion protection is turned off',
      },
      cfnSnapshotRule(neptuneRestore),
      {
        id: 'neptune-final-snapshot',
        when: [skipFinalSnapshot('false'), param({ tf: 'final_snapshot_identifier', cli: 'final-db-snapshot-identifier' }, 'set')],
        outcome: 'kept',
        message: 'a final snapshot is taken before the cluster is deleted',
        restore: neptuneRestore,
      },
      {
        id: 'neptune-no-snapshot',
        when: [skipFinalSnapshot('true')],
        outcome: 'lost',
        message: 'no final snapshot; automated backups are deleted with the cluster',
        lost: "the graph database {name}'s data and its automated backups",
      },
    ],
    safeguard: {
      description: 'take a manual cluster snapshot',
      command: 'aws neptune create-db-cluster-snapshot --db-cluster-identifier {name} --db-cluster-snapshot-identifier firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'restore the cluster from the safeguard snapshot',
      command: 'aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier {name} --snapshot-identifier firebreak-{name}-{stamp} --engine neptune',
    },
  },
  {
    service: 'neptune',
    cfnType: 'AWS::Neptune::DBInstance',
    terraformTypes: ['aws_neptune_cluster_instance'],
    label: 'Neptune DB instance',
    stateful: true,
    holds: "the cluster's data served by instance {name}",
    nameKeys: [{ tf: 'identifier', cfn: 'DBInstanceIdentifier', cli: 'db-instance-identifier' }],
    deletion: [memberOfCluster('Neptune')],
  },
  searchDomain('opensearch', 'AWS::OpenSearchService::Domain', ['aws_opensearch_domain'], 'OpenSearch domain'),
  searchDomain('es', 'AWS::Elasticsearch::Domain', ['aws_elasticsearch_domain'], 'Elasticsearch domain'),
  {
    service: 'dynamodb',
    cfnType: 'AWS::DynamoDB::GlobalTable',
    terraformTypes: [],
    label: 'DynamoDB global table',
    stateful: true,
    holds: 'all items in global table {name}, in every replica region',
    nameKeys: [{ cfn: 'TableName', cli: 'table-name' }],
    deletion: [
      {
        id: 'dynamodb-global-deletion-protection',
        when: [setting({ cfn: 'Replicas.DeletionProtectionEnabled' }, 'true')],
        outcome: 'blocked',
        message: 'AWS rejects the delete while a replica has deletion protection on',
      },
      {
        id: 'dynamodb-global-pitr',
        when: [setting({ cfn: 'Replicas.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled' }, 'true')],
        outcome: 'kept',
        message: 'with point-in-time recovery on, DynamoDB keeps a system backup of each deleted replica for 35 days',
      },
    ],
    safeguard: {
      description: 'take an on-demand backup of each replica',
      command: 'aws dynamodb create-backup --table-name {name} --backup-name firebreak-{name}-{stamp}',
    },
  },
  {
    service: 'qldb',
    cfnType: 'AWS::QLDB::Ledger',
    terraformTypes: ['aws_qldb_ledger'],
    label: 'QLDB ledger',
    stateful: true,
    holds: "ledger {name}'s journal and tables",
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'name' }],
    deletion: [
      {
        id: 'qldb-deletion-protection',
        when: [setting({ tf: 'deletion_protection', cfn: 'DeletionProtection', cli: 'deletion-protection' }, 'true', { defaults: { tf: true, cfn: true, cli: true }, defaultNote: 'QLDB default' })],
        outcome: 'blocked',
        message: 'AWS rejects the delete while deletion protection is on (the default for a ledger)',
      },
    ],
    safeguard: {
      description: 'export the journal to S3',
      command: 'aws qldb export-journal-to-s3 --name {name} --inclusive-start-time <start> --exclusive-end-time <end> --s3-export-configuration <config> --role-arn <role>',
    },
  },
  {
    service: 'sdb',
    cfnType: 'AWS::SDB::Domain',
    terraformTypes: ['aws_simpledb_domain'],
    label: 'SimpleDB domain',
    stateful: true,
    holds: 'all items in SimpleDB domain {name}',
    nameKeys: [{ tf: 'name', cli: 'domain-name' }],
  },
];

function memberOfCluster(engine: string): DeletionRule {
  return {
    id: `${engine.toLowerCase()}-instance-cluster-storage`,
    when: [],
    outcome: 'kept',
    reversibility: 'recoverable',
    message: `a ${engine} instance serves the cluster's storage: the data stays in the cluster when the instance goes`,
    restore: { description: 'add an instance to the cluster again', command: `aws ${engine.toLowerCase() === 'documentdb' ? 'docdb' : 'neptune'} create-db-instance --db-cluster-identifier <cluster> --db-instance-identifier {name} --db-instance-class <class> --engine ${engine.toLowerCase() === 'documentdb' ? 'docdb' : 'neptune'}` },
  };
}

function searchDomain(service: string, cfnType: string, terraformTypes: string[], label: string): ResourceFacts {
  return {
    service,
    cfnType,
    terraformTypes,
    label,
    stateful: true,
    holds: 'the indices in domain {name}',
    nameKeys: [{ tf: 'domain_name', cfn: 'DomainName', cli: 'domain-name' }],
    deletion: [
      {
        id: `${service}-domain-no-backup`,
        when: [],
        outcome: 'lost',
        message: 'deleting a domain deletes its indices; the automated hourly snapshots go with it',
        lost: 'the indices in domain {name} (only manual snapshots in a registered repository survive)',
      },
    ],
    safeguard: {
      description: 'take a manual snapshot into a registered snapshot repository',
      command: 'curl -XPUT "https://<domain-endpoint>/_snapshot/<repository>/firebreak-{name}-{stamp}"',
    },
  };
}
