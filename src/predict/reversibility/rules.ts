// Evaluating the ordered deletion rules of the knowledge tables against one action.
import type { Condition, DeletionRule, DestructiveUpdate, Outcome } from '../../knowledge/index.js';
import { keysOf, valuesAt } from '../../knowledge/index.js';
import type { Evidence, Reversibility } from '../../model.js';
import { DIALECT_NAMES } from './dialect.js';
import { conditionKeys, readSetting, type Reading, type SettingContext } from './sources.js';

export interface RuleMatch {
  rule: DeletionRule;
  readings: Reading[];
  /** "skip_final_snapshot = true and delete_automated_backups = true (provider default)". */
  because: string;
  evidence: Evidence[];
}

export const OUTCOME_REVERSIBILITY: Record<Outcome, Reversibility> = {
  blocked: 'reversible',
  kept: 'recoverable',
  lost: 'irreversible',
};

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes' || v === 'enabled') return true;
    if (v === 'false' || v === 'no' || v === 'disabled' || v === '') return false;
  }
  return undefined;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function holds(condition: Condition, value: unknown): boolean {
  switch (condition.test) {
    case 'true':
      return asBoolean(value) === true;
    case 'false':
      return asBoolean(value) === false;
    case 'set':
      return !isEmpty(value) && value !== false;
    case 'unset':
      return isEmpty(value);
    case 'positive':
      return Number(value) > 0;
    case 'in':
      return (condition.values ?? []).some((v) => v.toLowerCase() === String(value).toLowerCase());
  }
}

function describe(reading: Reading, note?: string): string {
  const key = reading.flag ? `--${reading.key}` : reading.key;
  if (reading.flag && reading.value === true) return note ? `${key} (${note})` : key;
  if (reading.flag && reading.value === false) return `--no-${reading.key}${note ? ` (${note})` : ''}`;
  const value = typeof reading.value === 'string' ? reading.value : JSON.stringify(reading.value);
  return `${key} = ${value}${note ? ` (${note})` : ''}`;
}

function evaluate(condition: Condition, ctx: SettingContext): { reading: Reading; text: string } | undefined {
  const keys = conditionKeys(condition, ctx);
  if (!keys) return undefined;
  if (condition.scope === 'call' && !ctx.hasCallData) return undefined;
  const found = readSetting(condition, ctx);
  if (found) return holds(condition, found.value) ? { reading: found, text: describe(found) } : undefined;
  if (condition.test === 'unset') {
    const reading: Reading = { key: keys[0]!, value: undefined, kind: 'attribute', flag: false, defaulted: false };
    return { reading, text: `${keys[0]} not set` };
  }
  const dialect = ctx.dialect;
  if (!dialect || !condition.defaults || !(dialect in condition.defaults)) return undefined;
  const value = condition.defaults[dialect];
  const key = keysOf(condition.keys[dialect])[0] ?? keys[0]!;
  const reading: Reading = { key, value, kind: 'default', flag: dialect === 'cli', defaulted: true };
  if (!holds(condition, value)) return undefined;
  const note = condition.defaultNote ? `${condition.defaultNote}` : DIALECT_NAMES[dialect];
  // An absent CLI flag reads better as "no --flag" than as "--flag = false".
  const text = reading.flag && value === false ? `no --${key} (${note})` : describe(reading, note);
  return { reading, text };
}

/** The first rule whose conditions all hold, with the readings that decided it. */
export function firstMatch(rules: readonly DeletionRule[], ctx: SettingContext): RuleMatch | undefined {
  const verb = ctx.action.verb.toLowerCase();
  // High-level CLI verbs carry their command group (`s3 rm`); rules name the last word.
  const lastWord = verb.split(/\s+/).pop() ?? verb;
  const operation = ctx.action.operation;
  for (const rule of rules) {
    if (rule.verbs && !rule.verbs.includes(verb) && !rule.verbs.includes(lastWord)) continue;
    if (rule.operations && !rule.operations.includes(operation as 'delete' | 'replace')) continue;
    // Conditions are read in order and the rule is left at the first that does not hold.
    const found: { reading: Reading; text: string }[] = [];
    for (const condition of rule.when) {
      const result = evaluate(condition, ctx);
      if (!result) break;
      found.push(result);
    }
    if (found.length < rule.when.length) continue;
    const because = found.map((r) => r.text).join(' and ');
    const evidence: Evidence[] = found.map(({ reading, text }) => ({
      kind: reading.defaulted ? 'default' : reading.kind,
      message: text,
      key: reading.flag ? `--${reading.key}` : reading.key,
      value: reading.value,
    }));
    return { rule, readings: found.map((r) => r.reading), because, evidence };
  }
  return undefined;
}

/** The first in-place change that destroys data, comparing before and after. */
export function destructiveChange(
  updates: readonly DestructiveUpdate[],
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown> | undefined,
): { update: DestructiveUpdate; key: string; from: unknown; to: unknown } | undefined {
  if (!before || !after) return undefined;
  for (const update of updates) {
    for (const key of [...keysOf(update.keys.tf), ...keysOf(update.keys.cfn), ...keysOf(update.keys.cli)]) {
      const from = valuesAt(before, key)[0];
      const to = valuesAt(after, key)[0];
      if (from === undefined && to === undefined) continue;
      if (isDestructive(update, from, to)) return { update, key, from, to };
    }
  }
  return undefined;
}

function isDestructive(update: DestructiveUpdate, from: unknown, to: unknown): boolean {
  switch (update.change) {
    case 'to-false':
      return asBoolean(from) === true && asBoolean(to) === false;
    case 'to-zero':
      return Number(from) > 0 && Number(to) === 0;
    case 'decrease': {
      const unlimited = (v: unknown) => update.zeroIsUnlimited && (v === undefined || Number(v) === 0);
      if (unlimited(to)) return false;
      if (unlimited(from)) return Number(to) > 0;
      return Number(to) < Number(from);
    }
  }
}
