import type { Operation } from '../../model.js';
import {
  DELETING_WORDS,
  LAUNCHING_VERBS,
  OPERATION_TO_IAM_ACTIONS,
  VERB_QUALIFIER_WORDS,
  WRITE_OPERATION_OVERRIDES,
  WRITE_VERB_OPERATION,
} from '../../knowledge/aws-operation-verbs.js';
import { SERVICE_NAME_TO_IAM_PREFIX } from '../../knowledge/aws-service-names.js';
import { iamServiceAction, iamServicePrefixes, type IamActionData } from './iam-data.js';
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

/** IAM prefixes a service name may mean: the prefix spelled that way, then its alias. */
async function candidatePrefixes(service: string): Promise<string[]> {
  const key = normalizeKey(service);
  const index = await normalizedPrefixIndex();
  const exact = index.get(key);
  const alias = SERVICE_NAME_TO_IAM_PREFIX[key];
  const aliased = alias ? index.get(normalizeKey(alias)) : undefined;
  return [...new Set([exact, aliased].filter((p): p is string => p !== undefined))];
}

/** CLI name (`s3api`, `elbv2`), SDK name (`ElasticLoadBalancingV2`, `SFN`) or IAM prefix -> IAM prefix. */
export async function resolveIamPrefix(service: string): Promise<string | undefined> {
  return (await candidatePrefixes(service))[0];
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
  const words = pascalWords(actionName).map((w) => w.toLowerCase());
  for (const [at, word] of words.entries()) {
    const operation = WRITE_VERB_OPERATION[word];
    if (operation) {
      const deletesLater = LAUNCHING_VERBS.has(word) && words.slice(at + 1).some((w) => DELETING_WORDS.has(w));
      return { operation: deletesLater ? 'delete' : operation, verb: word };
    }
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
  const prefixes = await candidatePrefixes(service);
  if (prefixes.length === 0) return unknownClass(`${service}:${operation}`);
  for (const iamPrefix of prefixes) {
    const found = await findAction(iamPrefix, operation);
    if (found) return classOf(iamPrefix, found.data, found.alsoRequires);
  }
  return unknownClass(`${prefixes[0]}:${operation}`, prefixes[0]);
}

async function findAction(iamPrefix: string, operation: string): Promise<{ data: IamActionData; alsoRequires: string[] } | undefined> {
  const action = await iamServiceAction(iamPrefix);
  const mapped = OPERATION_TO_IAM_ACTIONS[`${iamPrefix}:${normalizeKey(operation)}`];
  // Data keys are lowercase names; a few names carry punctuation (`AssociateViaAWSService-EventsAndStates`).
  const data = mapped ? action(mapped[0].toLowerCase()) : (action(operation.toLowerCase()) ?? action(normalizeKey(operation)));
  if (!data) return undefined;
  return { data, alsoRequires: (mapped ?? []).slice(1).map((name) => `${iamPrefix}:${name}`) };
}

function classOf(iamPrefix: string, data: IamActionData, alsoRequires: string[]): AwsActionClass {
  const accessLevel = accessLevelOf(data);
  return {
    iamAction: `${iamPrefix}:${data.name}`,
    accessLevel,
    operation: operationOf(iamPrefix, data, accessLevel),
    resourceTypes: resourceTypesOf(data),
    known: true,
    iamPrefix,
    ...(alsoRequires.length ? { alsoRequires } : {}),
  };
}
