// The verdict: every rule that matches an action counts, the worst decision wins
// (block > escalate > pass), an action no rule covers gets the policy default (never pass),
// and plan-level rules apply once.
import type { Accepted, Decision, Evidence, Reason } from '../model.js';
import { acceptFinding, acceptedRecord, expiredExceptions, type Finding } from './exceptions.js';
import { severity, worst } from './decision.js';
import { citedEvidence, does, environmentText, render, summarise, targetText } from './explain.js';
import type { JudgedAction, JudgeInput } from './judge-input.js';
import { actionEnvironment, matchesAction, type ActionSubjects } from './match-action.js';
import { matchesPlan } from './match-plan.js';
import type { Policy, Rule } from './policy.js';
import { isPlanRule } from './policy-criteria.js';

export type { JudgeInput, JudgedAction } from './judge-input.js';

export interface Judgement {
  verdict: Decision;
  reasons: Reason[];
  /** Findings an exception accepted: they count as pass, and every output lists them. */
  accepted: Accepted[];
  /** Exceptions that expired (they no longer accept anything). */
  expired: string[];
}

export function evaluate(input: JudgeInput, policy: Policy): Judgement {
  const now = input.now ?? new Date();
  const exceptions = [...(policy.exceptions ?? []), ...(input.exceptions ?? [])];
  const expired = expiredExceptions(exceptions, now);
  if (input.actions.length === 0) {
    return {
      verdict: 'pass',
      reasons: [{ rule: 'no-actions', decision: 'pass', message: 'nothing infrastructure-related was found: no action to judge' }],
      accepted: [],
      expired,
    };
  }
  const actionRules = policy.rules.filter((r) => !isPlanRule(r));
  const planRules = policy.rules.filter(isPlanRule);
  const reasons: Reason[] = [];
  const decisions: Decision[] = [];
  const passedBy = new Set<string>();
  const accepted: Accepted[] = [];

  /** A reason an exception accepts is recorded as accepted and counts as pass; an unaccepted one keeps its decision. */
  const settle = (reason: Reason, findingOf: () => Finding): Decision => {
    if (reason.decision === 'pass' || exceptions.length === 0) return reason.decision;
    const finding = findingOf();
    const outcome = acceptFinding(exceptions, finding, now);
    if (outcome.accepted) {
      accepted.push(acceptedRecord(outcome.accepted, { ...finding, message: reason.message, ...(reason.actionId ? { actionId: reason.actionId } : {}), ...(reason.resource ? { resource: reason.resource } : {}) }));
      return 'pass';
    }
    if (outcome.notes.length) {
      reason.message = `${reason.message} (${outcome.notes.join('; ')})`;
      if (reason.detail) reason.detail = `${reason.detail} (${outcome.notes.join('; ')})`;
    }
    return reason.decision;
  };

  for (const action of input.actions) {
    const subjects: ActionSubjects = {};
    const matched = actionRules.filter((r) => matchesAction(r.match, action, input, subjects));
    // What every reason about this action starts with, worked out once however many rules match.
    let described: Described | undefined;
    const actionReason = (rule: Rule | undefined, decision: Decision) => reasonFor(action, (described ??= describe(action, input)), rule, decision);
    const finding = (rule: string, decision: Decision): Finding => ({
      rule,
      decision,
      subjects: subjectsOf(action),
      environment: actionEnvironment(action, input.environments),
      source: action.source,
    });
    if (matched.length === 0) {
      const reason = actionReason(undefined, policy.default);
      const decision = settle(reason, () => finding('default', policy.default));
      decisions.push(decision);
      if (decision !== 'pass') reasons.push(reason);
      continue;
    }
    const settled = matched.map((rule) => {
      if (rule.decision === 'pass') return { rule, decision: 'pass' as Decision };
      const reason = actionReason(rule, rule.decision);
      return { rule, reason, decision: settle(reason, () => finding(rule.id, rule.decision)) };
    });
    const decision = worst(settled.map((s) => s.decision));
    decisions.push(decision);
    for (const { rule, reason, decision: own } of settled) {
      if (own !== 'pass' && reason) reasons.push(reason);
      else if (rule.decision === 'pass' && decision === 'pass' && rule.log === true) reasons.push(actionReason(rule, 'pass'));
      if (decision === 'pass' && rule.decision === 'pass') passedBy.add(rule.id);
    }
  }

  for (const rule of planRules) {
    const hit = matchesPlan(rule.match, input);
    if (!hit) continue;
    const values = { ...hit.values, rule: rule.id };
    const text = hit.messages.join('; ');
    const detail = rule.message ? capitalise(render(rule.message, values)) : undefined;
    const reason: Reason = {
      rule: rule.id,
      decision: rule.decision,
      message: detail ? `${text}. ${detail}` : text,
      ...(detail ? { detail } : {}),
      ...(hit.actionId === undefined ? {} : { actionId: hit.actionId }),
      evidence: hit.evidence,
    };
    const decision = settle(reason, () => ({ rule: rule.id, decision: rule.decision, subjects: hit.subjects, everySubject: true }));
    decisions.push(decision);
    if (decision !== 'pass' || rule.decision === 'pass') reasons.push(reason);
  }

  const verdict = worst(decisions);
  if (verdict === 'pass' && reasons.length === 0) {
    const by = [...passedBy, ...(accepted.length ? ['accepted exceptions'] : [])];
    reasons.push({
      rule: by.join(', ') || 'accepted',
      decision: 'pass',
      message: `all ${input.actions.length} action${input.actions.length === 1 ? '' : 's'} allowed by the policy (${by.join(', ')})${accepted.length ? `; ${accepted.length} finding${accepted.length === 1 ? '' : 's'} accepted by an exception` : ''}`,
    });
  }
  // Most severe first; the sort is stable, so action order is kept within a severity.
  reasons.sort((a, b) => severity(b.decision) - severity(a.decision));
  return { verdict, reasons, accepted, expired };
}

/** What an exception's target glob is matched against: the id, the address and every name. */
function subjectsOf(action: JudgedAction): string[] {
  const t = action.target;
  return [t.id, t.address, ...(t.names ?? [])].filter((s): s is string => typeof s === 'string' && s !== '');
}

interface Described {
  env: ReturnType<typeof actionEnvironment>;
  evidence: Evidence[];
  summary: string;
}

function describe(action: JudgedAction, input: JudgeInput): Described {
  const env = actionEnvironment(action, input.environments);
  const predicted = input.predictions?.find((p) => p.actionId === action.id)?.evidence ?? [];
  const evidence = citedEvidence(action, predicted);
  return { env, evidence, summary: summarise(action, env, evidence) };
}

function reasonFor(action: JudgedAction, { env, evidence, summary }: Described, rule: Rule | undefined, decision: Decision): Reason {
  let tail: string;
  if (!rule) tail = `no rule in the policy covers this action, so the policy default applies (${decision})`;
  else if (rule.message) tail = render(rule.message, placeholders(action, rule, env));
  else tail = rule.description;
  return {
    rule: rule?.id ?? 'default',
    decision,
    message: `${summary}. ${capitalise(tail)}`,
    detail: capitalise(tail),
    actionId: action.id,
    resource: action.target.id,
    // Each reason owns its list: nothing downstream may see a change to one through another.
    evidence: [...evidence],
  };
}

function placeholders(action: JudgedAction, rule: Rule, env: ReturnType<typeof actionEnvironment>) {
  return {
    rule: rule.id,
    action: action.id,
    does: does(action),
    verb: action.verb,
    operation: action.operation,
    target: targetText(action),
    type: action.target.type,
    id: action.target.id,
    tool: action.tool,
    environment: environmentText(env),
    reversibility: action.reversibility,
    scope: action.scope,
    freeze: action.freeze,
  };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
