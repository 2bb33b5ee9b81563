import type { EngineName } from '../routing.js';

/** One resource seen in an emulator (or a real account, for discover). */
export interface InventoryItem {
  /** CloudFormation type (`AWS::S3::Bucket`). */
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
