/**
 * CloudFormation's documented defaults for the resource policies, as data.
 * DeletionPolicy: "Delete", except "Snapshot" for AWS::RDS::DBCluster and for
 * AWS::RDS::DBInstance resources that don't specify DBClusterIdentifier.
 * UpdateReplacePolicy: "Delete" for every type (CloudFormation deletes the old physical resource).
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html
 */
export const DEFAULT_DELETION_POLICY = 'Delete';
export const DEFAULT_UPDATE_REPLACE_POLICY = 'Delete';

export interface DeletionPolicyDefault {
  type: string;
  policy: string;
  /** The default applies only when this property is absent. */
  unlessProperty?: string;
  why: string;
}

export const DELETION_POLICY_DEFAULTS: readonly DeletionPolicyDefault[] = [
  { type: 'AWS::RDS::DBCluster', policy: 'Snapshot', why: 'AWS::RDS::DBCluster defaults to Snapshot' },
  {
    type: 'AWS::RDS::DBInstance',
    policy: 'Snapshot',
    unlessProperty: 'DBClusterIdentifier',
    why: 'AWS::RDS::DBInstance outside a cluster defaults to Snapshot',
  },
];

/** Policies that keep the physical resource when CloudFormation stops managing it. */
export const RETAINING_POLICIES: ReadonlySet<string> = new Set(['Retain', 'RetainExceptOnCreate']);
