// Plan-level criteria: they look at the whole plan once (blast radius, unbounded scope, sandbox).
import type { BlastResource, Evidence } from '../model.js';
import { environmentSelected, type EnvironmentFacts } from './environment-selector.js';
import type { JudgedAction, JudgeInput } from './judge-input.js';
import { actionEnvironment } from './match-action.js';
import type { RuleMatch } from './policy.js';

export interface PlanHit {
  /** One sentence per criterion that held. */
  messages: string[];
  values: Record<string, string | number | undefined>;
  actionId?: string;
  evidence: Evidence[];
  /** The resources or targets the hit is about: an exception must name every one of them. */
  subjects: string[];
}

/** The hit when every plan criterion (and autonomy) holds, else undefined. */
export function matchesPlan(match: RuleMatch, input: JudgeInput): PlanHit | undefined {
  if (match.autonomy && !(input.autonomy !== undefined && (match.autonomy as string[]).includes(input.autonomy))) return undefined;
  const hit: PlanHit = { messages: [], values: {}, evidence: [], subjects: [] };
  if (match.blastRadius) {
    const selectors = match.blastRadius.environment;
    const counted = input.blastRadius.resources.filter((r) => !selectors || environmentSelected(selectors, resourceEnvironment(r, input)));
    if (counted.length <= match.blastRadius.over) return undefined;
    const where = selectors ? ` in ${selectors.join(' or ')}` : '';
    const listed = counted.slice(0, 8).map((r) => `${r.id} (${r.impact})`);
    const more = counted.length > listed.length ? `, and ${counted.length - listed.length} more` : '';
    hit.messages.push(
      `${counted.length} resources in the blast radius${where}, more than ${match.blastRadius.over}: ${listed.join(', ')}${more}`,
    );
    hit.values.count = counted.length;
    hit.values.over = match.blastRadius.over;
    hit.values.environment = selectors?.join(', ') ?? 'all environments';
    hit.evidence.push({ kind: 'graph', message: `blast radius: ${counted.length} resources${where}`, value: counted.map((r) => r.id) });
    hit.subjects.push(...counted.map((r) => r.id));
  }
  if (match.unknownScope) {
    // A read cannot remove anything, however unbounded its scope; unknown action ids count (fail closed).
    const unknown = input.blastRadius.unknownScope.filter((u) => actionsById(input).get(u.actionId)?.operation !== 'read');
    if (unknown.length === 0) return undefined;
    hit.messages.push(...unknown.map((u) => `${u.actionId}: ${u.message}`));
    hit.actionId = unknown[0].actionId;
    hit.evidence.push(...unknown.map((u) => ({ kind: 'graph' as const, message: u.message, key: u.actionId })));
    hit.subjects.push(...unknown.flatMap((u) => { const a = actionsById(input).get(u.actionId); return a ? [a.target.id] : []; }));
  }
  if (match.sandbox) {
    const status = input.sandbox?.status;
    if (match.sandbox.status && !(match.sandbox.status as string[]).includes(status)) return undefined;
    if (match.sandbox.status) {
      hit.messages.push(`the sandbox run ended with status ${status}${input.sandbox.reason ? ` (${input.sandbox.reason})` : ''}`);
      hit.values.status = status;
      hit.evidence.push({ kind: 'sandbox', message: `sandbox status ${status}`, value: input.sandbox.reason });
    }
    if (match.sandbox.unavailable) {
      if (status !== 'unavailable') return undefined;
      const fix = (input.sandbox as { howToFix?: unknown }).howToFix;
      hit.messages.push(
        `the sandbox was requested but could not run${input.sandbox.reason ? ` (${input.sandbox.reason})` : ''}, so nothing was replayed and the prediction is not confirmed` +
          (typeof fix === 'string' && fix ? `; to fix: ${fix}` : ''),
      );
      hit.values.status = status;
      hit.evidence.push({ kind: 'sandbox', message: 'sandbox unavailable', key: 'sandbox.unavailable', value: typeof fix === 'string' ? fix : input.sandbox.reason });
    }
    if (match.sandbox.failedCalls) {
      const errors = sandboxErrors(input);
      if (errors.length === 0) return undefined;
      hit.messages.push(
        `in the sandbox ${errors.length} replayed call(s) failed, so in production the change would stop half way and leave a partial state: ` +
          errors.slice(0, 5).map((e) => `${e.call}: ${e.code}`).join('; '),
      );
      hit.actionId = errors[0].actionId;
      hit.subjects.push(...errors.flatMap((e) => { const a = actionsById(input).get(e.actionId); return a ? [a.target.id] : []; }));
      hit.evidence.push(...errors.slice(0, 10).map((e) => ({ kind: 'sandbox' as const, message: `${e.call} failed with ${e.code}: ${e.message}`, key: e.actionId })));
    }
  }
  return hit;
}

interface SandboxError {
  actionId: string;
  call: string;
  code: string;
  message: string;
}

function sandboxErrors(input: JudgeInput): SandboxError[] {
  const errors = (input.sandbox as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as SandboxError[]) : [];
}

const indexes = new WeakMap<JudgeInput, { byId: Map<string, JudgedAction>; productionByEnvironment: Map<string, boolean> }>();

/** Lookups built once per judged plan: a 10k-change plan must not scan its actions per resource. */
function indexOf(input: JudgeInput) {
  let index = indexes.get(input);
  if (!index) {
    const byId = new Map(input.actions.map((a) => [a.id, a]));
    const productionByEnvironment = new Map<string, boolean>();
    for (const action of input.actions) {
      if (action.environment !== undefined && action.production !== undefined && !productionByEnvironment.has(action.environment)) {
        productionByEnvironment.set(action.environment, action.production);
      }
    }
    index = { byId, productionByEnvironment };
    indexes.set(input, index);
  }
  return index;
}

function actionsById(input: JudgeInput): Map<string, JudgedAction> {
  return indexOf(input).byId;
}

/** A blast-radius resource's environment: its own, else that of an action hitting it, else unknown. */
function resourceEnvironment(resource: BlastResource, input: JudgeInput): EnvironmentFacts {
  if (resource.environment !== undefined && resource.environment !== 'unknown') {
    const known = input.environments?.[resource.environment]?.production;
    const fromAction = indexOf(input).productionByEnvironment.get(resource.environment);
    return { name: resource.environment, production: known ?? fromAction ?? true, assumed: false };
  }
  // Asked of every resource in the blast radius: the acting action is looked up only when needed.
  const byId = actionsById(input);
  for (const id of resource.actionIds) {
    const byAction = byId.get(id);
    if (byAction !== undefined) return actionEnvironment(byAction, input.environments);
  }
  return { name: 'unknown', production: true, assumed: true };
}
