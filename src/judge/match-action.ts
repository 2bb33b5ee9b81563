// Does a rule's match block hold for one action? Absent criteria hold; all present ones must.
import { anyGlobMatches } from '../config/glob.js';
import { environmentSelected, type EnvironmentFacts } from './environment-selector.js';
import type { JudgedAction } from './judge-input.js';
import type { RuleMatch } from './policy.js';

export function actionEnvironment(action: JudgedAction, known?: Record<string, { production: boolean }>): EnvironmentFacts {
  const assumed = action.environmentAssumed ?? action.environment === undefined;
  const name = action.environment ?? 'unknown';
  // Fail closed: without a resolved production flag the action counts as production.
  const production = assumed ? true : (action.production ?? known?.[name]?.production ?? true);
  return { name, production, assumed };
}

/**
 * What `pattern` and `detailPattern` search, spelt once per action however many rules read them:
 * a caller judging one action against every rule passes the same (initially empty) object.
 */
export interface ActionSubjects {
  pattern?: string;
  detail?: string;
}

/** Each rule's pattern is compiled once per process, not once per action. */
const compiled = new Map<string, RegExp>();
function patternRegExp(pattern: string): RegExp {
  let regexp = compiled.get(pattern);
  if (!regexp) compiled.set(pattern, (regexp = new RegExp(pattern, 'i')));
  return regexp;
}

export function matchesAction(
  match: RuleMatch,
  action: JudgedAction,
  context: { autonomy?: string; environments?: Record<string, { production: boolean }> },
  subjects: ActionSubjects = {},
): boolean {
  if (match.operation && !match.operation.includes(action.operation)) return false;
  if (match.operationNot && match.operationNot.includes(action.operation)) return false;
  if (match.resourceType && !resourceTypes(action).some((t) => anyGlobMatches(match.resourceType, t))) return false;
  if (match.environment && !environmentSelected(match.environment, actionEnvironment(action, context.environments))) return false;
  if (match.reversibility && !match.reversibility.includes(action.reversibility)) return false;
  if (match.stateful !== undefined && match.stateful !== action.stateful) return false;
  if (match.dataLoss !== undefined && match.dataLoss !== action.dataLoss) return false;
  if (match.scope && !match.scope.includes(action.scope)) return false;
  if (match.tool && !anyGlobMatches(match.tool, action.tool)) return false;
  if (match.pattern !== undefined && !patternRegExp(match.pattern).test((subjects.pattern ??= patternSubject(action)))) return false;
  if (match.detailPattern !== undefined && !patternRegExp(match.detailPattern).test((subjects.detail ??= detailSubject(action)))) return false;
  if (match.freeze !== undefined && match.freeze !== Boolean(action.freeze)) return false;
  if (match.environmentAssumed !== undefined && match.environmentAssumed !== actionEnvironment(action).assumed) return false;
  if (match.autonomy && !(context.autonomy !== undefined && (match.autonomy as string[]).includes(context.autonomy))) return false;
  return true;
}

function resourceTypes(action: JudgedAction): string[] {
  return [action.target.type, action.target.terraformType].filter((t): t is string => typeof t === 'string');
}

/** What `pattern` searches: the verb, the tool, the command text and the target. */
export function patternSubject(action: JudgedAction): string {
  const t = action.target;
  return [action.verb, action.tool, action.source.command, t.type, t.id, t.address, ...(t.names ?? [])]
    .filter((s) => typeof s === 'string' && s !== '')
    .join('\n');
}

/** What `detailPattern` searches: the pattern subject, the evidence and the planned attributes. */
export function detailSubject(action: JudgedAction): string {
  // One list of lines, joined once: built for every create and update the admin-grant rules read.
  const lines = [patternSubject(action)];
  for (const e of action.intrinsic?.evidence ?? []) lines.push(evidenceLine(e));
  for (const e of action.evidence) lines.push(evidenceLine(e));
  flatten(action.after, 'after', lines, 0);
  return lines.join('\n');
}

function evidenceLine(e: JudgedAction['evidence'][number]): string {
  return `${e.message}${e.key ? ` ${e.key}` : ''}${e.value === undefined ? '' : ` ${safeJson(e.value)}`}`;
}

/** `after.policy_arn = arn:...` lines; strings stay raw so JSON policy documents read as written. */
function flatten(value: unknown, path: string, out: string[], depth: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'object') out.push(`${path} = ${String(value)}`);
  else if (depth > 12) out.push(`${path} = ${safeJson(value)}`);
  else if (Array.isArray(value)) {
    // Holes are skipped, as forEach skipped them.
    for (let i = 0; i < value.length; i++) if (i in value) flatten(value[i], `${path}[${i}]`, out, depth + 1);
  } else {
    // Own enumerable keys in Object.entries' order, without an entry array per key.
    for (const k in value) if (Object.hasOwn(value, k)) flatten((value as Record<string, unknown>)[k], `${path}.${k}`, out, depth + 1);
  }
}

function safeJson(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  } catch {
    return String(value);
  }
}
