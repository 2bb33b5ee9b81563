import type { EnvironmentHints } from '../../model.js';
import { isObject } from './shape.js';

// Attributes that name the resource itself in every provider we know of.
const SELF_NAMING_KEYS = new Set(['id', 'arn', 'name', 'bucket', 'identifier', 'endpoint', 'dns_name', 'url', 'fqdn']);
const MAX_NAME_LENGTH = 2048;

/**
 * Physical identifiers of a resource, for resolving literal ids and CLI targets.
 * Besides the generic keys, `<X>_name` / `<X>_id` / `<X>_identifier` / `<X>_arn` count only
 * when X ends the resource type (`aws_lambda_function.function_name`,
 * `aws_rds_cluster.cluster_identifier`): `aws_instance.key_name` names another resource.
 */
export function physicalNames(terraformType: string, values: unknown): string[] {
  if (!isObject(values)) return [];
  const names: string[] = [];
  for (const key in values) {
    if (!SELF_NAMING_KEYS.has(key) && !namesOwnTypeOnce(terraformType, key)) continue;
    const value = values[key];
    if (typeof value === 'string' && looksLikeIdentifier(value) && !names.includes(value)) names.push(value);
  }
  return names;
}

// Resource type -> attribute key -> whether the key names the resource itself. A plan repeats the
// same few types and keys for every resource: each pair is worked out once. Bounded like
// normalizeKey's cache: type and attribute names are a small vocabulary in practice.
const ownTypeKeys = new Map<string, Map<string, boolean>>();
const MAX_CACHED = 10_000;

function namesOwnTypeOnce(terraformType: string, key: string): boolean {
  let byKey = ownTypeKeys.get(terraformType);
  if (!byKey) {
    if (ownTypeKeys.size >= MAX_CACHED) ownTypeKeys.clear();
    ownTypeKeys.set(terraformType, (byKey = new Map()));
  }
  let own = byKey.get(key);
  if (own === undefined) {
    own = namesOwnType(key, terraformType.split('_').slice(1));
    if (byKey.size < MAX_CACHED) byKey.set(key, own);
  }
  return own;
}

function namesOwnType(key: string, typeWords: string[]): boolean {
  if (!key.endsWith('_name') && !key.endsWith('_id') && !key.endsWith('_identifier') && !key.endsWith('_arn')) return false;
  const match = /^(.+)_(name|id|identifier|arn)$/.exec(key);
  if (!match) return false;
  const subject = match[1];
  for (let i = 0; i < typeWords.length; i++) {
    if (typeWords.slice(i).join('_') === subject) return true;
  }
  return false;
}

function looksLikeIdentifier(value: string): boolean {
  return value.length > 0 && value.length <= MAX_NAME_LENGTH && !/[\s{}]/.test(value);
}

/** String-valued tags from `tags_all` and `tags` (tags win: they are what the config says). */
export function tagsOf(values: unknown): Record<string, string> | undefined {
  if (!isObject(values)) return undefined;
  let tags: Record<string, string> | undefined;
  for (const field of ['tags_all', 'tags']) {
    const source = values[field];
    if (!isObject(source)) continue;
    for (const key in source) {
      const value = source[key];
      if (typeof value === 'string') (tags ??= {})[key] = value;
    }
  }
  return tags;
}

/** Region and account from the resource's ARN, when it has one. */
export function arnHints(values: unknown): Pick<EnvironmentHints, 'region' | 'accountId'> {
  if (!isObject(values) || typeof values.arn !== 'string') return {};
  const parts = values.arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return {};
  const hints: Pick<EnvironmentHints, 'region' | 'accountId'> = {};
  if (parts[3]) hints.region = parts[3];
  if (parts[4]) hints.accountId = parts[4];
  return hints;
}
