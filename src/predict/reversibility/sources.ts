// Where a setting's value can come from for one action, and reading it by path.
import { keysOf, normalizeKey, valuesAt, type Condition, type Dialect } from '../../knowledge/index.js';
import type { Action, Evidence, Resource } from '../../model.js';
import { dialectOf, resourceDialect } from './dialect.js';

export interface Source {
  kind: Evidence['kind'];
  /** `flag` sources print keys as `--name`. */
  flag: boolean;
  data: Record<string, unknown>;
}

export interface Reading {
  key: string;
  value: unknown;
  kind: Evidence['kind'];
  flag: boolean;
  defaulted: boolean;
}

export interface SettingContext {
  action: Action;
  dialect: Dialect | undefined;
  /** Whether the delete call's own parameters are known at all (absence then means default). */
  hasCallData: boolean;
  callSources: Source[];
  resourceSources: Source[];
}

const POLICY_KEYS = new Set(['deletionpolicy', 'updatereplacepolicy', 'policyaction']);

/** `--flag value`, `--flag=value`, bare `--flag`, or a record of flags / API parameters. */
export function flagRecord(raw: unknown): Record<string, unknown> {
  if (Array.isArray(raw)) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < raw.length; i++) {
      const token = String(raw[i]);
      if (!token.startsWith('--')) continue;
      const [name, inline] = token.slice(2).split(/=(.*)/s);
      const next = raw[i + 1];
      if (inline !== undefined) out[name!] = inline;
      else if (next !== undefined && !String(next).startsWith('--')) out[name!] = raw[++i];
      else out[name!] = true;
    }
    return out;
  }
  if (raw && typeof raw === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) out[k.replace(/^-+/, '')] = v === '' || v === null || v === undefined ? true : v;
    return out;
  }
  return {};
}

function evidenceRecord(action: Action): { policy: Record<string, unknown>; other: Record<string, unknown>; flags: Record<string, unknown> } {
  const policy: Record<string, unknown> = {};
  const other: Record<string, unknown> = {};
  const flags: Record<string, unknown> = {};
  for (const e of action.evidence) {
    if (!e.key) continue;
    const value = e.value === undefined ? true : e.value;
    if (POLICY_KEYS.has(normalizeKey(e.key))) policy[e.key] = value;
    else if (e.kind === 'command' || e.key.startsWith('--')) flags[e.key.replace(/^-+/, '')] = value;
    else other[e.key] = value;
  }
  return { policy, other, flags };
}

function resourcePolicies(resource: Resource | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource?.attributes ?? {})) if (POLICY_KEYS.has(normalizeKey(k))) out[k] = v;
  return out;
}

export function settingContext(action: Action, resource: Resource | undefined, related: Resource[]): SettingContext {
  const dialect = dialectOf(action);
  const details = action.details ?? {};
  const flags = {
    ...flagRecord(details['params'] ?? details['parameters']),
    ...flagRecord(details['args']),
    ...flagRecord(details['flags']),
  };
  const ev = evidenceRecord(action);
  const attr = (data: Record<string, unknown> | undefined): Source[] =>
    data ? [{ kind: 'attribute', flag: false, data }] : [];
  const flagSource: Source[] = [{ kind: 'command', flag: true, data: { ...ev.flags, ...flags } }];
  const policySource: Source[] = [{ kind: 'policy', flag: false, data: { ...resourcePolicies(resource), ...ev.policy } }];
  const sameDialect = resourceDialect(resource) === dialect;

  let callSources: Source[] = [];
  let hasCallData = false;
  if (dialect === 'cli') {
    callSources = flagSource;
    hasCallData = true;
  } else if (dialect === 'tf') {
    callSources = [...attr(action.before), ...attr(ev.other), ...(sameDialect ? attr(resource?.attributes) : [])];
    hasCallData = action.before !== undefined || sameDialect;
  } else if (dialect === 'cfn') {
    callSources = [...policySource, ...attr(action.before), ...(sameDialect ? attr(resource?.attributes) : []), ...attr(ev.other)];
    hasCallData = action.before !== undefined || sameDialect || Object.keys(policySource[0]!.data).length > 0;
  }
  const resourceSources: Source[] = [
    ...attr(action.before),
    ...attr(resource?.attributes),
    ...related.flatMap((r) => attr(r.attributes)),
    ...attr(ev.other),
    ...flagSource,
  ];
  return { action, dialect, hasCallData, callSources, resourceSources };
}

function readFrom(source: Source, path: string): Reading | undefined {
  const values = valuesAt(source.data, path);
  if (values.length > 0) return { key: path, value: values[0], kind: source.kind, flag: source.flag, defaulted: false };
  if (source.flag && !path.includes('.')) {
    // --no-delete-automated-backups sets delete-automated-backups to false.
    const negated = valuesAt(source.data, `no-${path}`);
    if (negated.length > 0) return { key: path, value: false, kind: source.kind, flag: true, defaulted: false };
  }
  return undefined;
}

/** The keys a condition is read under in this context, or undefined when it does not apply. */
export function conditionKeys(condition: Condition, ctx: SettingContext): string[] | undefined {
  if (condition.scope === 'call') {
    if (!ctx.dialect) return undefined;
    let keys = keysOf(condition.keys[ctx.dialect]);
    if (ctx.dialect === 'cfn' && ctx.action.operation === 'replace') {
      keys = keys.map((k) => (k === 'DeletionPolicy' ? 'UpdateReplacePolicy' : k));
    }
    return keys.length > 0 ? keys : undefined;
  }
  let keys = everyDialectKeys.get(condition);
  if (!keys) everyDialectKeys.set(condition, (keys = [...keysOf(condition.keys.tf), ...keysOf(condition.keys.cfn), ...keysOf(condition.keys.cli), ...keysOf(condition.keys.derived)]));
  return keys;
}

/** A resource-scope condition's keys in every dialect, listed once per knowledge entry. */
const everyDialectKeys = new WeakMap<Condition, string[]>();

/** Reads a condition's setting; undefined when no source has it. */
export function readSetting(condition: Condition, ctx: SettingContext): Reading | undefined {
  const keys = conditionKeys(condition, ctx) ?? [];
  const sources = condition.scope === 'call' ? ctx.callSources : ctx.resourceSources;
  for (const source of sources) {
    for (const key of keys) {
      const reading = readFrom(source, key);
      if (reading) return reading;
    }
  }
  return undefined;
}
