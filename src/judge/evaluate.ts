// The verdict: every rule that matches an action counts, the worst decision wins
// (block > escalate > pass), an action no rule covers gets the policy default (never pass),
// and plan-level rules apply once.
import type { Decision, Reason } from '../model.js';
import { severity, worst } from './decision.js';
import { citedEvidence, does, environmentText, render, summarise, targetText } from './explain.js';
import type { JudgedAction, JudgeInput } from './judge-input.js';
import { actionEnvironment, matchesAction } from './match-action.js';
import { matchesPlan } from './match-plan.js';
import type { Policy, Rule } from './policy.js';
import { isPlanRule } from './policy-criteria.js';

export type { JudgeInput, JudgedAction } from './judge-input.js';

export interface Judgement {
  verdict: Decision;
  reasons: Reason[];
}

export function evaluate(input: JudgeInput, policy: Policy): Judgement {
  if (input.actions.length === 0) {
    return {
      verdict: 'pass',
      reasons: [{ rule: 'no-actions', decision: 'pass', message: 'nothing infrastructure-related was found: no action to judge' }],
    };
  }
  const actionRules = policy.rules.filter((r) => !isPlanRule(r));
  const planRules = policy.rules.filter(isPlanRule);
  const reasons: Reason[] = [];
  const decisions: Decision[] = [];
  const passedBy = new Set<string>();

  for (const action of input.actions) {
    const matched = actionRules.filter((r) => matchesAction(r.match, action, input));
    const decision: Decision = matched.length ? worst(matched.map((r) => r.decision)) : policy.default;
    decisions.push(decision);
    if (matched.length === 0) {
      reasons.push(actionReason(action, input, undefined, policy.default));
      continue;
    }
    for (const rule of matched) {
      const reported = rule.decision !== 'pass' || (decision === 'pass' && rule.log === true);
      if (reported) reasons.push(actionReason(action, input, rule, rule.decision));
      if (decision === 'pass') passedBy.add(rule.id);
    }
  }

  for (const rule of planRules) {
    const hit = matchesPlan(rule.match, input);
    if (!hit) continue;
    decisions.push(rule.decision);
    const values = { ...hit.values, rule: rule.id };
    const text = hit.messages.join('; ');
    reasons.push({
      rule: rule.id,
      decision: rule.decision,
      message: rule.message ? `${text}. ${capitalise(render(rule.message, values))}` : text,
      ...(hit.actionId === undefined ? {} : { actionId: hit.actionId }),
      evidence: hit.evidence,
    });
  }

  const verdict = worst(decisions);
  if (verdict === 'pass' && reasons.length === 0) {
    reasons.push({
      rule: [...passedBy].join(', '),
      decision: 'pass',
      message: `all ${input.actions.length} action${input.actions.length === 1 ? '' : 's'} allowed by the policy (${[...passedBy].join(', ')})`,
    });
  }
  // Most severe first; the sort is stable, so action order is kept within a severity.
  reasons.sort((a, b) => severity(b.decision) - severity(a.decision));
  return { verdict, reasons };
}

function actionReason(action: JudgedAction, input: JudgeInput, rule: Rule | undefined, decision: Decision): Reason {
  const env = actionEnvironment(action, input.environments);
  const predicted = input.predictions?.find((p) => p.actionId === action.id)?.evidence ?? [];
  const evidence = citedEvidence(action, predicted);
  const summary = summarise(action, env, evidence);
  let tail: string;
  if (!rule) tail = `no rule in the policy covers this action, so the policy default applies (${decision})`;
  else if (rule.message) tail = render(rule.message, placeholders(action, rule, env));
  else tail = rule.description;
  return {
    rule: rule?.id ?? 'default',
    decision,
    message: `${summary}. ${capitalise(tail)}`,
    actionId: action.id,
    resource: action.target.id,
    evidence,
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
