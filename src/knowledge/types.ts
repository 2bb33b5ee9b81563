// Shapes of the per-resource-type knowledge tables. Data only.

/** Where a setting lives in each input dialect. Paths are dot-separated; arrays (Terraform
 *  nested blocks) are walked through. `cli` is the AWS CLI flag without dashes; the same
 *  name also matches the API parameter (`skip-final-snapshot` ~ `SkipFinalSnapshot`). */
export interface SettingKeys {
  tf?: string | string[];
  cfn?: string | string[];
  cli?: string | string[];
  /** A fact an intake derives rather than reads from one property (CDK's autoDeleteObjects,
   *  from a Custom::S3AutoDeleteObjects resource naming the bucket). */
  derived?: string | string[];
}

export type Dialect = 'tf' | 'cfn' | 'cli';

/** One test on a setting. `resource` settings are real AWS state and may come from any
 *  source; `call` settings belong to the delete call of one tool (skip_final_snapshot only
 *  matters to `terraform destroy`, --skip-final-snapshot only to the CLI). */
export interface Condition {
  keys: SettingKeys;
  scope: 'resource' | 'call';
  test: 'true' | 'false' | 'set' | 'unset' | 'positive' | 'in';
  values?: string[];
  /** Value assumed per dialect when no source has the setting, and why. */
  defaults?: Partial<Record<Dialect, unknown>>;
  defaultNote?: string;
}

/** How a delete turns out: `blocked` = AWS / the tool refuses it; `kept` = the data survives
 *  somewhere it can be restored from; `lost` = the data is gone. */
export type Outcome = 'blocked' | 'kept' | 'lost';

/** A command template. Placeholders: {name} (physical identifier), {stamp}, {snapshot},
 *  {arn}, {window}; unknown ones are left as <placeholder> for a person to fill in. */
export interface CommandTemplate {
  description: string;
  command?: string;
}

/** One ordered rule about what a delete (or replacement) does to the data. */
export interface DeletionRule {
  id: string;
  when: Condition[];
  /** Only for these verbs (as written in the action), when set. */
  verbs?: string[];
  /** Only for these operations, when set (a default that holds for deletes, not replacements). */
  operations?: ('delete' | 'replace')[];
  outcome: Outcome;
  /** Overrides the usual blocked -> reversible, kept -> recoverable, lost -> irreversible. */
  reversibility?: 'reversible' | 'recoverable' | 'irreversible';
  /** Plain words after the conditions: "no final snapshot, automated backups deleted". */
  message: string;
  /** What is lost, for the rollback plan (`lost` only). {name} is filled in. */
  lost?: string;
  /** How to get the data back (`kept` only). */
  restore?: CommandTemplate;
}

/** An in-place change that destroys data (shorter retention, backups turned off). */
export interface DestructiveUpdate {
  keys: SettingKeys;
  change: 'decrease' | 'to-false' | 'to-zero';
  /** 0 / absent means "kept forever" (log retention), so any positive value is a decrease. */
  zeroIsUnlimited?: boolean;
  message: string;
}

export interface ResourceFacts {
  service: string;
  cfnType: string;
  terraformTypes: string[];
  /** Short human name: "RDS DB instance". */
  label: string;
  /** Holds data that a delete would lose. */
  stateful: boolean;
  /** Deleting loses an identity / credential / name that cannot be re-created identically. */
  identity?: string;
  /** What the data is, with {name}: "the database {name}'s data". */
  holds?: string;
  /** Where the physical name / id is found. */
  nameKeys?: SettingKeys[];
  /** Ordered; the first matching rule decides a delete. Generic rules run first. */
  deletion?: DeletionRule[];
  /** CloudFormation DeletionPolicy: Snapshot supported; the default when none is given. */
  cfnSnapshot?: boolean;
  destructiveUpdates?: DestructiveUpdate[];
  /** Take before a delete / replacement / destructive update. */
  safeguard?: CommandTemplate;
  /** Bring the data back from what the safeguard kept ({name}, {stamp} as in the safeguard). */
  safeguardRestore?: CommandTemplate;
  /** A Terraform type that CloudFormation folds into this parent type's properties
   *  (aws_s3_bucket_versioning -> AWS::S3::Bucket VersioningConfiguration). */
  partOf?: string;
}

/** An implicit dependency: a dependent's attribute holds the id / name / ARN of another. */
export interface ImplicitRule {
  dependentType: string;
  dependentTerraformTypes: string[];
  /** Attribute path as the AWS provider writes it (`vpc_config.subnet_ids`). */
  terraformAttribute?: string;
  /** Property path as CloudFormation documents it (`VpcConfig.SubnetIds`). */
  cfnProperty?: string;
  dependencyType: string;
  dependencyTerraformTypes: string[];
  /** Plain words: `subnet -> VPC`. */
  detail: string;
}
