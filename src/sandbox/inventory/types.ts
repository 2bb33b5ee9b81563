import type { EngineName } from '../routing.js';

/** One resource seen in an emulator (or a real account, for discover). */
export interface InventoryItem {
  /** CloudFormation type (`AWS::S3::Bucket`); a few parts of resources use Firebreak's own names
   *  (`AWS::IAM::RolePolicyAttachment`), see PART_TYPES. */
  type: string;
  /** Physical id as the service reports it (bucket name, vpc-..., role name, queue URL). */
  id: string;
  /** Other ids that refer to it: ARNs, names. */
  names: string[];
  service: string;
  engine: EngineName | 'aws';
  /** The stack that created it, from ListStackResources. */
  stack?: { name: string; logicalId: string };
  tags?: Record<string, string>;
  /** Small set of attributes compared to detect a modification (and to seed from). */
  attributes: Record<string, unknown>;
  /** The resource this one belongs to (`itemKey` of it): an attachment, an inline policy, a permission. */
  partOf?: string;
  /** Seen only as a line of a stack's ListStackResources (no lister reads the service for this type). */
  viaStack?: boolean;
  /** Deleted, but still recoverable (KMS key pending deletion, secret in its recovery window): the note says how. */
  recoverable?: string;
}

export interface Inventory {
  takenAt: string;
  items: InventoryItem[];
  /** A service that could not be listed: absent from `items`, so never reported as deleted. */
  errors: { service: string; message: string }[];
  tookMs: number;
}

export function itemKey(item: Pick<InventoryItem, 'type' | 'id'>): string {
  return `${item.type}|${item.id}`;
}

/** Inventory types that are parts of another resource (not CloudFormation types), and the Terraform types they stand for. */
export const PART_TYPES: Readonly<Record<string, string>> = {
  aws_iam_role_policy_attachment: 'AWS::IAM::RolePolicyAttachment',
  aws_iam_user_policy_attachment: 'AWS::IAM::UserPolicyAttachment',
  aws_lb_target_group_attachment: 'AWS::ElasticLoadBalancingV2::TargetGroupAttachment',
};
