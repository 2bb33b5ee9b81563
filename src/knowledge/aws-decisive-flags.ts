// Call parameters that decide how reversible or how exposing an AWS call is. Each becomes
// evidence (kind `command`, key = the flag as written). `params` are CLI spellings; the API's
// PascalCase spellings normalize to the same keys. `when`: `true` / `false` for booleans
// (`--no-x` counts as false), `present` for any value, or a pattern any value must match.
// `{value}` in the message is replaced by the value as given.

export interface DecisiveFlag {
  params: readonly string[];
  /** Limit to one IAM prefix (the `force` of `s3 rb` and of `ecr delete-repository` differ). */
  service?: string;
  when: 'true' | 'false' | 'present' | RegExp;
  message: string;
}

const INTERNET = /(^|[^0-9])0\.0\.0\.0\/0|::\/0/;

export const DECISIVE_FLAGS: readonly DecisiveFlag[] = [
  // Databases: final snapshots and backups
  { params: ['skip-final-snapshot'], when: 'true', message: 'no final snapshot is taken: the data is gone once the database is deleted' },
  { params: ['skip-final-snapshot'], when: 'false', message: 'a final snapshot is taken before the database is deleted' },
  { params: ['final-db-snapshot-identifier', 'final-snapshot-identifier', 'final-snapshot-name'], when: 'present', message: 'final snapshot {value} is taken before deletion' },
  { params: ['skip-final-cluster-snapshot'], when: 'true', message: 'no final cluster snapshot is taken: the data is gone once the cluster is deleted' },
  { params: ['skip-final-cluster-snapshot'], when: 'false', message: 'a final cluster snapshot is taken before the cluster is deleted' },
  { params: ['final-cluster-snapshot-identifier'], when: 'present', message: 'final cluster snapshot {value} is taken before deletion' },
  { params: ['delete-automated-backups'], when: 'true', message: 'automated backups are deleted together with the database' },
  { params: ['delete-automated-backups'], when: 'false', message: 'automated backups are kept after the database is deleted' },
  { params: ['deletion-protection'], when: 'true', message: 'deletion protection is on' },
  { params: ['deletion-protection'], when: 'false', message: 'deletion protection is turned off' },
  { params: ['apply-immediately'], when: 'true', message: 'applied immediately, not in the maintenance window' },
  { params: ['publicly-accessible'], when: 'true', message: 'the database gets a publicly reachable endpoint' },
  // Secrets and keys
  { params: ['force-delete-without-recovery'], when: 'true', message: 'the secret is deleted immediately, with no recovery window' },
  { params: ['recovery-window-in-days'], when: 'present', message: 'the secret can be restored for {value} days' },
  { params: ['pending-window-in-days'], when: 'present', message: 'the key deletion can be cancelled for {value} days; after that the key and everything encrypted with it are unrecoverable' },
  // Force and recursion
  { params: ['force'], service: 's3', when: 'true', message: 'deletes every object in the bucket first' },
  { params: ['force'], service: 'ecr', when: 'true', message: 'deletes the repository together with all its images' },
  { params: ['force'], service: 'ecs', when: 'true', message: 'deletes the service even while it still runs tasks' },
  { params: ['force'], when: 'true', message: 'forced past the service\'s safety checks' },
  { params: ['recursive'], when: 'true', message: 'applies to every object under the prefix' },
  { params: ['dry-run'], when: 'true', message: 'dry run: only checks permissions, changes nothing' },
  // CloudFormation stack deletion
  { params: ['retain-resources'], when: 'present', message: 'these resources are kept: {value}' },
  { params: ['deletion-mode'], when: /FORCE_DELETE_STACK/, message: 'force delete: resources that fail to delete are abandoned, no longer tracked by the stack' },
  // Network exposure
  { params: ['cidr', 'cidr-ip', 'cidr-ipv6', 'cidr-block', 'ipv6-cidr-block', 'ip-permissions', 'ip-ranges', 'ipv6-ranges', 'source-cidr-block'], when: INTERNET, message: 'opens to the internet ({value})' },
  // IAM grants
  { params: ['policy-arn'], when: /:policy\/AdministratorAccess$/, message: 'grants full admin (AdministratorAccess)' },
  { params: ['policy-arn'], when: /:policy\/IAMFullAccess$/, message: 'grants full IAM control: the holder can grant itself anything' },
  { params: ['policy-arn'], when: /:policy\/PowerUserAccess$/, message: 'grants every permission except IAM management (PowerUserAccess)' },
  { params: ['policy-document', 'assume-role-policy-document'], when: /"Action"\s*:\s*(\[\s*)?"\*"/, message: 'the policy document allows every action ("Action": "*")' },
  { params: ['policy-document', 'assume-role-policy-document'], when: /"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*"\*")/, message: 'the policy document trusts any principal ("Principal": "*")' },
  // Public S3 access
  { params: ['acl'], when: /^public-read(-write)?$/, message: 'makes the bucket or object public ({value})' },
];
