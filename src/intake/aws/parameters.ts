import { normalizeKey } from './names.js';

/** One call parameter: CLI `--instance-ids i-1 i-2` or API `InstanceIds: ["i-1", "i-2"]`. */
export interface AwsCallParameter {
  /** As written: `--instance-ids`, `InstanceIds`. */
  name: string;
  /** Spelling-insensitive key: `instanceids`. */
  key: string;
  /** Boolean flags are booleans; everything else the values as strings (JSON / shorthand kept as text). */
  value: string[] | boolean;
}

export function parameter(name: string, value: string[] | boolean): AwsCallParameter {
  return { name, key: normalizeKey(name), value };
}

export function findParameter(params: readonly AwsCallParameter[], key: string): AwsCallParameter | undefined {
  return params.find((p) => p.key === key);
}

/** Boolean value of `key`, honouring the CLI's `--no-<key>` negation and `"true"`/`"false"` strings. */
export function booleanParameter(params: readonly AwsCallParameter[], key: string): { param: AwsCallParameter; value: boolean } | undefined {
  const direct = findParameter(params, key);
  if (direct) {
    if (typeof direct.value === 'boolean') return { param: direct, value: direct.value };
    const text = direct.value.join(' ').trim().toLowerCase();
    if (text === 'true' || text === '') return { param: direct, value: true };
    if (text === 'false') return { param: direct, value: false };
    return undefined;
  }
  const negated = findParameter(params, `no${key}`);
  if (negated && negated.value === true) return { param: negated, value: false };
  return undefined;
}

/** The string values of a parameter; a JSON array written as one value is expanded. */
export function parameterValues(param: AwsCallParameter): string[] {
  if (typeof param.value === 'boolean') return [];
  if (param.value.length === 1 && param.value[0].trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(param.value[0]);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // not JSON: keep the text as one value
    }
  }
  return param.value;
}

/** Converts an API parameter value (any JSON) to the parameter shape the CLI produces. */
export function apiParameter(name: string, value: unknown): AwsCallParameter | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return parameter(name, value);
  if (Array.isArray(value)) return parameter(name, value.map(jsonText));
  return parameter(name, [jsonText(value)]);
}

function jsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** The parameters as a plain record (name as written -> value), for details / replay. */
export function parameterRecord(params: readonly AwsCallParameter[]): Record<string, string | string[] | boolean> {
  const record: Record<string, string | string[] | boolean> = {};
  for (const p of params) record[p.name] = typeof p.value === 'boolean' ? p.value : p.value.length === 1 ? p.value[0] : p.value;
  return record;
}
