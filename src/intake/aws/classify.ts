import type { Operation } from '../../model.js';
import {
  OPERATION_TO_IAM_ACTIONS,
  VERB_QUALIFIER_WORDS,
  WRITE_OPERATION_OVERRIDES,
  WRITE_VERB_OPERATION,
} from '../../knowledge/aws-operation-verbs.js';
import { SERVICE_NAME_TO_IAM_PREFIX } from '../../knowledge/aws-service-names.js';
import { iamServiceActions, iamServicePrefixes, type IamActionData } from './iam-data.js';
import { normalizeKey, pascalWords } from './names.js';

export type AwsAccessLevel = 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown';

export interface AwsActionClass {
  /** `ec2:TerminateInstances`; for unknown calls, the call as given (`foo:bar-baz`). */
  iamAction: string;
  accessLevel: AwsAccessLevel;
  operation: Operation;
  /** IAM resource types the action applies to (`instance`, `bucket`), required ones first. */
  resourceTypes: string[];
  known: boolean;
  /** IAM prefix of the service, when the service is known. */
  iamPrefix?: string;
  /** Further IAM actions the call needs (`s3 copy-object` also reads the source object). */
  alsoRequires?: string[];
}

let prefixIndex: Promise<Map<string, string>> | undefined;
function normalizedPrefixIndex(): Promise<Map<string, string>> {
  prefixIndex ??= iamServicePrefixes().then((prefixes) => new Map(prefixes.map((p) => [normalizeKey(p), p])));
  return prefixIndex;
}

/** CLI name (`s3api`, `elbv2`), SDK name (`ElasticLoadBalancingV2`, `SFN`) or IAM prefix -> IAM prefix. */
export async function resolveIamPrefix(service: string): Promise<string | undefined> {
  const key = normalizeKey(service);
  const index = await normalizedPrefixIndex();
  const mapped = SERVICE_NAME_TO_IAM_PREFIX[key];
  if (mapped && index.has(normalizeKey(mapped))) return mapped;
  return index.get(key);
}

/** Data access levels are `Write`, `Permissions management, Write`, `Tagging, Write`, ...: the most specific wins. */
function accessLevelOf(data: IamActionData): AwsAccessLevel {
  const levels = data.accessLevel.split(',').map((l) => l.trim());
  for (const level of ['Permissions management', 'Tagging', 'Write', 'Read', 'List'] as const) {
    if (levels.includes(level)) return level;
  }
  return 'Unknown';
}

export interface WriteVerb {
  operation: Operation;
  /** The word that decided, or undefined when no table entry matched and the default applied. */
  verb?: string;
}

/** Operation of a `Write` action from the first word of its name (after qualifiers such as Batch / Admin). */
export function writeVerbOperation(iamPrefix: string, actionName: string): WriteVerb {
  const override = WRITE_OPERATION_OVERRIDES[`${iamPrefix}:${actionName.toLowerCase()}`];
  if (override) return { operation: override, verb: actionName };
  for (const word of pascalWords(actionName).map((w) => w.toLowerCase())) {
    const operation = WRITE_VERB_OPERATION[word];
    if (operation) return { operation, verb: word };
    if (!VERB_QUALIFIER_WORDS.has(word)) break;
  }
  // IAM says it writes; an unrecognised verb is still a change.
  return { operation: 'update' };
}

function operationOf(iamPrefix: string, data: IamActionData, level: AwsAccessLevel): Operation {
  switch (level) {
    case 'Read':
    case 'List':
      return 'read';
    case 'Permissions management':
      return 'permissions';
    case 'Tagging':
      return 'update';
    case 'Write':
      return writeVerbOperation(iamPrefix, data.name).operation;
    default:
      return 'unknown';
  }
}

function resourceTypesOf(data: IamActionData): string[] {
  const required = data.resourceTypes.filter((r) => r.required).map((r) => r.name);
  const optional = data.resourceTypes.filter((r) => !r.required).map((r) => r.name);
  return [...new Set([...required, ...optional])].filter((n) => n !== '');
}

function unknownClass(iamAction: string, iamPrefix?: string): AwsActionClass {
  return { iamAction, accessLevel: 'Unknown', operation: 'unknown', resourceTypes: [], known: false, iamPrefix };
}

/**
 * IAM action, access level and operation of an AWS call. `service` may be the CLI name, SDK name
 * or IAM prefix; `operation` kebab-case or PascalCase. Unknown calls are `unknown`, never `read`.
 */
export async function classifyAwsAction(service: string, operation: string): Promise<AwsActionClass> {
  const iamPrefix = await resolveIamPrefix(service);
  if (!iamPrefix) return unknownClass(`${service}:${operation}`);
  const actions = await iamServiceActions(iamPrefix);
  const opKey = normalizeKey(operation);
  const mapped = OPERATION_TO_IAM_ACTIONS[`${iamPrefix}:${opKey}`];
  const data = actions[(mapped?.[0] ?? opKey).toLowerCase()];
  if (!data) return unknownClass(`${iamPrefix}:${operation}`, iamPrefix);
  const accessLevel = accessLevelOf(data);
  const alsoRequires = mapped?.slice(1).map((name) => `${iamPrefix}:${name}`);
  return {
    iamAction: `${iamPrefix}:${data.name}`,
    accessLevel,
    operation: operationOf(iamPrefix, data, accessLevel),
    resourceTypes: resourceTypesOf(data),
    known: true,
    iamPrefix,
    ...(alsoRequires?.length ? { alsoRequires } : {}),
  };
}
