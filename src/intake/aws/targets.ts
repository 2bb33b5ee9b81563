import type { Target } from '../../model.js';
import { PARAMETER_TARGETS, type ParameterTarget } from '../../knowledge/aws-parameter-targets.js';
import { normalizeKey } from './names.js';
import { parameterValues, type AwsCallParameter } from './parameters.js';

interface IndexedTarget extends ParameterTarget {
  keys: string[];
}
const TARGETS: IndexedTarget[] = PARAMETER_TARGETS.map((t) => ({ ...t, keys: t.params.map(normalizeKey) }));

export interface CallTargets {
  /** One target per id given (`--instance-ids i-1 i-2` -> two). */
  targets: Target[];
  /** The parameter the ids came from, when one did. */
  fromParameter?: string;
}

const IDENTIFIER_KEY = /(id|ids|name|names|arn|arns|identifier|identifiers|url)$/;
const IDENTIFIER_VALUE = /^[^\s{}[\]=,"']+$/;

/** Names the world may know a resource by: the id, an ARN's resource name, a queue URL's name. */
export function namesFor(id: string): string[] {
  const names = [id];
  if (id.startsWith('arn:')) {
    const resource = id.split(':').slice(5).join(':');
    const last = resource.split(/[/:]/).filter(Boolean).pop();
    if (last && last !== id) names.push(last);
  } else if (/^https?:\/\//.test(id)) {
    const last = id.split('/').filter(Boolean).pop();
    if (last) names.push(last);
  }
  return [...new Set(names)];
}

function target(type: string, id: string): Target {
  return { type, id, names: id === '*' ? [] : namesFor(id) };
}

function entriesFor(iamPrefix: string | undefined, cliService: string): IndexedTarget[] {
  const cli = normalizeKey(cliService);
  return TARGETS.filter((t) => t.service === iamPrefix || normalizeKey(t.service) === cli);
}

/** Earliest noun named by the operation; on a tie the longer (more specific) noun. */
function namedByOperation<T extends { entry: IndexedTarget }>(candidates: T[], operationKey: string): T | undefined {
  let best: { candidate: T; at: number } | undefined;
  for (const candidate of candidates) {
    const at = operationKey.indexOf(candidate.entry.noun);
    if (at < 0) continue;
    if (!best || at < best.at || (at === best.at && candidate.entry.noun.length > best.candidate.entry.noun.length)) {
      best = { candidate, at };
    }
  }
  return best?.candidate;
}

function identifierValues(params: readonly AwsCallParameter[], keyPattern: RegExp): string[] {
  for (const p of params) {
    if (!keyPattern.test(p.key)) continue;
    const values = parameterValues(p).filter((v) => IDENTIFIER_VALUE.test(v) && !v.startsWith('file://'));
    if (values.length) return values;
  }
  return [];
}

/**
 * What an AWS call acts on, from its parameters (DATA: knowledge/aws-parameter-targets.ts).
 * Without a mapping: `aws:<prefix>:<IAM resource type>` and the first identifier-looking value, or `*`.
 */
export function callTargets(
  iamPrefix: string | undefined,
  cliService: string,
  operation: string,
  params: readonly AwsCallParameter[],
  iamResourceTypes: readonly string[],
): CallTargets {
  const operationKey = normalizeKey(operation);
  const entries = entriesFor(iamPrefix, cliService);
  const present = entries.flatMap((entry) => {
    const param = params.find((p) => entry.keys.includes(p.key));
    const ids = param ? parameterValues(param).filter((v) => v.trim() !== '') : [];
    return param && ids.length ? [{ entry, param, ids }] : [];
  });

  const chosen = namedByOperation(present, operationKey);
  if (chosen) return { targets: chosen.ids.map((id) => target(chosen.entry.type, id)), fromParameter: chosen.param.name };

  // The operation names a resource the call does not identify by id: `create-security-group --group-name web`.
  const named = namedByOperation(entries.map((entry) => ({ entry })), operationKey);
  if (named) {
    const ids = identifierValues(params, /name$/);
    return { targets: (ids.length ? ids : ['*']).map((id) => target(named.entry.type, id)) };
  }

  const first = present[0];
  if (first) return { targets: first.ids.map((id) => target(first.entry.type, id)), fromParameter: first.param.name };

  const type = `aws:${iamPrefix ?? normalizeKey(cliService)}:${iamResourceTypes[0] ?? 'resource'}`;
  const ids = identifierValues(params, IDENTIFIER_KEY);
  return { targets: [target(type, ids[0] ?? '*')] };
}
