// Object, file and image storage: S3, EFS, EBS, ECR, AWS Backup.
import type { Condition, ResourceFacts } from '../types.js';
import { cfnSnapshotRule, param, setting } from './conditions.js';

const bucketVersioned: Condition = setting(
  {
    tf: ['versioning.enabled', 'versioning_configuration.status'],
    cfn: 'VersioningConfiguration.Status',
    cli: 'versioning-status',
  },
  'in',
  { values: ['Enabled', 'true'] },
);

const removeDeleteMarkers = {
  description: 'objects survive as noncurrent versions: remove the delete markers to bring them back',
  command:
    "aws s3api list-object-versions --bucket {name} --query 'DeleteMarkers[?IsLatest].[Key,VersionId]' --output text  # then: aws s3api delete-object --bucket {name} --key <key> --version-id <marker-version-id>",
};

export const STORAGE_TYPES: ResourceFacts[] = [
  {
    service: 's3',
    cfnType: 'AWS::S3::Bucket',
    terraformTypes: ['aws_s3_bucket'],
    label: 'S3 bucket',
    stateful: true,
    holds: 'objects in bucket {name}',
    nameKeys: [{ tf: 'bucket', cfn: 'BucketName', cli: ['bucket', 'path'] }],
    deletion: [
      {
        id: 's3-rm-versioned',
        verbs: ['rm', 'sync', 'mv', 'delete-objects', 'delete-object'],
        when: [bucketVersioned],
        outcome: 'kept',
        message: 'the bucket is versioned: deleted objects stay as noncurrent versions behind delete markers',
        restore: removeDeleteMarkers,
      },
      {
        id: 's3-rm-unversioned',
        verbs: ['rm', 'sync', 'mv', 'delete-objects', 'delete-object'],
        when: [],
        outcome: 'lost',
        message: 'the bucket is not versioned (as far as the input shows): deleted objects are gone',
        lost: 'objects in bucket {name} (not versioned)',
      },
      {
        id: 's3-rb-force-versioned',
        when: [param({ cli: 'force' }, 'true'), bucketVersioned],
        outcome: 'kept',
        message:
          '`--force` only adds delete markers in a versioned bucket; the object versions remain and the bucket delete then fails',
        restore: removeDeleteMarkers,
      },
      {
        id: 's3-force-destroy',
        when: [param({ tf: 'force_destroy', cli: 'force' }, 'true')],
        outcome: 'lost',
        message: 'every object (and every object version) is deleted with the bucket',
        lost: 'objects in bucket {name}, including all versions',
      },
      {
        id: 's3-cdk-auto-delete-objects',
        when: [setting({ derived: 'AutoDeleteObjects' }, 'true')],
        outcome: 'lost',
        message:
          "CDK autoDeleteObjects: the stack's Custom::S3AutoDeleteObjects resource deletes every object in the bucket before CloudFormation deletes it",
        lost: 'objects in bucket {name}, emptied by the CDK auto-delete custom resource',
      },
      {
        id: 's3-non-empty-bucket',
        when: [],
        outcome: 'blocked',
        reversibility: 'recoverable',
        message:
          'S3 refuses to delete a bucket that still holds objects, so no object is lost; an empty bucket is re-created from configuration (the name may be taken meanwhile)',
      },
    ],
    safeguard: {
      description: 'turn versioning on and copy the objects out',
      command:
        'aws s3api put-bucket-versioning --bucket {name} --versioning-configuration Status=Enabled && aws s3 sync s3://{name} ./firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'copy the objects back from the safeguard copy',
      command: 'aws s3 sync ./firebreak-{name}-{stamp} s3://{name}',
    },
  },
  {
    service: 's3',
    cfnType: 'AWS::S3::Bucket',
    partOf: 'AWS::S3::Bucket',
    terraformTypes: ['aws_s3_bucket_versioning'],
    label: 'S3 bucket versioning configuration',
    stateful: false,
    nameKeys: [{ tf: 'bucket', cli: 'bucket' }],
  },
  {
    service: 's3',
    cfnType: 'AWS::S3::Bucket',
    partOf: 'AWS::S3::Bucket',
    terraformTypes: ['aws_s3_bucket_public_access_block'],
    label: 'S3 bucket public access block',
    stateful: false,
    nameKeys: [{ tf: 'bucket', cli: 'bucket' }],
  },
  {
    service: 's3',
    cfnType: 'AWS::S3::Bucket',
    partOf: 'AWS::S3::Bucket',
    terraformTypes: ['aws_s3_bucket_server_side_encryption_configuration'],
    label: 'S3 bucket default encryption',
    stateful: false,
    nameKeys: [{ tf: 'bucket', cli: 'bucket' }],
  },
  {
    service: 's3',
    cfnType: 'AWS::S3::Bucket',
    partOf: 'AWS::S3::Bucket',
    terraformTypes: ['aws_s3_bucket_lifecycle_configuration'],
    label: 'S3 bucket lifecycle configuration',
    stateful: false,
    nameKeys: [{ tf: 'bucket', cli: 'bucket' }],
  },
  {
    service: 's3',
    cfnType: 'AWS::S3::BucketPolicy',
    terraformTypes: ['aws_s3_bucket_policy'],
    label: 'S3 bucket policy',
    stateful: false,
    nameKeys: [{ tf: 'bucket', cfn: 'Bucket', cli: 'bucket' }],
  },
  {
    service: 'efs',
    cfnType: 'AWS::EFS::FileSystem',
    terraformTypes: ['aws_efs_file_system'],
    label: 'EFS file system',
    stateful: true,
    holds: 'all files in file system {name}',
    nameKeys: [{ tf: 'id', cli: 'file-system-id' }],
    deletion: [
      {
        id: 'efs-aws-backup',
        when: [setting({ tf: 'backup_policy.status', cfn: 'BackupPolicy.Status' }, 'in', { values: ['ENABLED'] })],
        outcome: 'kept',
        message: 'automatic AWS Backup is on: recovery points stay in the backup vault after the delete',
        restore: {
          description: 'restore the latest recovery point from the backup vault',
          command: 'aws backup list-recovery-points-by-resource --resource-arn {arn} && aws backup start-restore-job --recovery-point-arn <recovery-point-arn> --iam-role-arn <backup-role-arn> --metadata newFileSystem=true',
        },
      },
    ],
    safeguard: {
      description: 'start an on-demand AWS Backup job',
      command: 'aws backup start-backup-job --backup-vault-name Default --resource-arn {arn} --iam-role-arn <backup-role-arn>',
    },
  },
  {
    service: 'efs',
    cfnType: 'AWS::EFS::FileSystem',
    partOf: 'AWS::EFS::FileSystem',
    terraformTypes: ['aws_efs_backup_policy'],
    label: 'EFS backup policy',
    stateful: false,
    nameKeys: [{ tf: 'file_system_id', cli: 'file-system-id' }],
  },
  {
    service: 'efs',
    cfnType: 'AWS::EFS::MountTarget',
    terraformTypes: ['aws_efs_mount_target'],
    label: 'EFS mount target',
    stateful: false,
    nameKeys: [{ tf: 'id', cli: 'mount-target-id' }],
  },
  {
    service: 'ec2',
    cfnType: 'AWS::EC2::Volume',
    terraformTypes: ['aws_ebs_volume'],
    label: 'EBS volume',
    stateful: true,
    holds: 'all data on volume {name}',
    nameKeys: [{ tf: 'id', cli: 'volume-id' }],
    cfnSnapshot: true,
    deletion: [
      cfnSnapshotRule({ description: 'create a volume from the snapshot', command: 'aws ec2 create-volume --snapshot-id <snapshot-id> --availability-zone <az>' }),
      {
        id: 'ebs-final-snapshot',
        when: [param({ tf: 'final_snapshot' }, 'true')],
        outcome: 'kept',
        message: 'Terraform snapshots the volume before deleting it',
        restore: { description: 'create a volume from the snapshot', command: 'aws ec2 create-volume --snapshot-id <snapshot-id> --availability-zone <az>' },
      },
    ],
    safeguard: {
      description: 'snapshot the volume',
      command: 'aws ec2 create-snapshot --volume-id {name} --description firebreak-{name}-{stamp}',
    },
    safeguardRestore: {
      description: 'create a volume from the safeguard snapshot',
      command: 'aws ec2 create-volume --snapshot-id <snapshot-id of firebreak-{name}-{stamp}> --availability-zone <az>',
    },
  },
  {
    service: 'ecr',
    cfnType: 'AWS::ECR::Repository',
    terraformTypes: ['aws_ecr_repository'],
    label: 'ECR repository',
    stateful: true,
    holds: 'all images in repository {name}',
    nameKeys: [{ tf: 'name', cfn: 'RepositoryName', cli: 'repository-name' }],
    deletion: [
      {
        id: 'ecr-force-delete',
        when: [param({ tf: 'force_delete', cfn: 'EmptyOnDelete', cli: 'force' }, 'true')],
        outcome: 'lost',
        message: 'the repository is deleted with every image in it',
        lost: 'all images in repository {name}',
      },
      {
        id: 'ecr-non-empty',
        when: [],
        outcome: 'blocked',
        reversibility: 'recoverable',
        message: 'ECR refuses to delete a repository that still holds images; an empty one is re-created from configuration',
      },
    ],
  },
  {
    service: 'backup',
    cfnType: 'AWS::Backup::BackupVault',
    terraformTypes: ['aws_backup_vault'],
    label: 'AWS Backup vault',
    stateful: true,
    holds: 'the recovery points in vault {name}',
    nameKeys: [{ tf: 'name', cfn: 'BackupVaultName', cli: 'backup-vault-name' }],
    deletion: [
      {
        id: 'backup-vault-force-destroy',
        when: [param({ tf: 'force_destroy' }, 'true')],
        outcome: 'lost',
        message: 'every recovery point in the vault is deleted with it',
        lost: 'the recovery points (backups) in vault {name}',
      },
      {
        id: 'backup-vault-non-empty',
        when: [],
        outcome: 'blocked',
        reversibility: 'recoverable',
        message: 'AWS Backup refuses to delete a vault that holds recovery points; an empty vault is re-created from configuration',
      },
    ],
  },
  {
    service: 'backup',
    cfnType: 'AWS::Backup::BackupPlan',
    terraformTypes: ['aws_backup_plan'],
    label: 'AWS Backup plan',
    stateful: false,
    nameKeys: [{ tf: 'name', cli: 'backup-plan-id' }],
  },
  {
    service: 'fsx',
    cfnType: 'AWS::FSx::FileSystem',
    terraformTypes: ['aws_fsx_lustre_file_system', 'aws_fsx_windows_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system'],
    label: 'FSx file system',
    stateful: true,
    holds: 'the files in file system {name}',
    nameKeys: [{ tf: 'id', cli: 'file-system-id' }],
    deletion: [
      {
        id: 'fsx-final-backup',
        when: [param({ tf: 'skip_final_backup', cli: 'skip-final-backup' }, 'false')],
        outcome: 'kept',
        message: 'a final backup is taken before the file system is deleted',
        restore: { description: 'create a file system from the final backup', command: 'aws fsx create-file-system-from-backup --backup-id <final-backup-id> --subnet-ids <subnets>' },
      },
    ],
    safeguard: { description: 'take a user-initiated backup', command: 'aws fsx create-backup --file-system-id {name} --tags Key=Name,Value=firebreak-{stamp}' },
  },
  // Backups that have no CloudFormation type: the pseudo types the AWS call intake gives them.
  {
    service: 'ec2',
    cfnType: 'aws:ec2:snapshot',
    terraformTypes: ['aws_ebs_snapshot'],
    label: 'EBS snapshot',
    stateful: true,
    holds: 'the backup kept in snapshot {name}',
    nameKeys: [{ tf: 'id', cli: 'snapshot-id' }],
  },
  {
    service: 'rds',
    cfnType: 'aws:rds:snapshot',
    terraformTypes: ['aws_db_snapshot'],
    label: 'RDS DB snapshot',
    stateful: true,
    holds: 'the backup kept in snapshot {name}',
    nameKeys: [{ tf: 'db_snapshot_identifier', cli: 'db-snapshot-identifier' }],
  },
  {
    service: 'rds',
    cfnType: 'aws:rds:cluster-snapshot',
    terraformTypes: ['aws_db_cluster_snapshot'],
    label: 'RDS DB cluster snapshot',
    stateful: true,
    holds: 'the backup kept in cluster snapshot {name}',
    nameKeys: [{ tf: 'db_cluster_snapshot_identifier', cli: 'db-cluster-snapshot-identifier' }],
  },
];
