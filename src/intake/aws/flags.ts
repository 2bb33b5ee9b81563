import type { Evidence } from '../../model.js';
import { DECISIVE_FLAGS, type DecisiveFlag } from '../../knowledge/aws-decisive-flags.js';
import { normalizeKey } from './names.js';
import { booleanParameter, findParameter, type AwsCallParameter } from './parameters.js';

export interface DecisiveFlags {
  evidence: Evidence[];
  /** Flag as written -> value, for details.flags. */
  flags: Record<string, unknown>;
}

const FLAGS = DECISIVE_FLAGS.map((flag) => ({ ...flag, keys: flag.params.map(normalizeKey) }));

function matchFlag(flag: DecisiveFlag & { keys: string[] }, params: readonly AwsCallParameter[]): { param: AwsCallParameter; value: unknown } | undefined {
  for (const key of flag.keys) {
    if (flag.when === 'true' || flag.when === 'false') {
      const found = booleanParameter(params, key);
      if (found && found.value === (flag.when === 'true')) return found;
      continue;
    }
    const param = findParameter(params, key);
    if (!param) continue;
    if (flag.when === 'present') return { param, value: param.value };
    if (typeof param.value === 'boolean') continue;
    const hit = param.value.find((v) => (flag.when as RegExp).test(v));
    if (hit !== undefined) return { param, value: hit };
  }
  return undefined;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Evidence for the decisive flags of a call (`--skip-final-snapshot`, `--cidr 0.0.0.0/0`, ...). */
export function decisiveFlags(iamPrefix: string | undefined, params: readonly AwsCallParameter[]): DecisiveFlags {
  const evidence: Evidence[] = [];
  const flags: Record<string, unknown> = {};
  const decided = new Set<string>();
  for (const flag of FLAGS) {
    if (flag.service && flag.service !== iamPrefix) continue;
    const match = matchFlag(flag, params);
    if (!match) continue;
    // A service-specific entry for a flag wins over the generic one that follows it.
    const id = `${match.param.name}:${flag.when}`;
    if (decided.has(id)) continue;
    decided.add(id);
    const message = flag.message.replace('{value}', describeValue(match.value));
    evidence.push({ kind: 'command', key: match.param.name, value: match.value, message: `${match.param.name}: ${message}` });
    flags[match.param.name] = match.param.value;
  }
  return { evidence, flags };
}
