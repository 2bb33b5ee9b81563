// Every rule that matches an action gives a reason that opens with the same sentence about the
// action ("a1 deletes aws_db_instance.main in production: irreversible ..."). People read that
// sentence once, with what each rule adds listed beneath it. Pure and small: the hook loads it.
import type { Decision, Reason } from '../model.js';

export type GroupableReason = Pick<Reason, 'rule' | 'decision' | 'message'> & Partial<Pick<Reason, 'actionId' | 'detail'>>;

export interface Finding {
  decision: Decision;
  /** Rule ids that say the same thing (usually one). */
  rules: string[];
  /** What the rules add; empty when the headline is all there is. */
  text: string;
}

export interface ReasonGroup {
  /** The sentence about the action (or the whole message of a plan-level reason). */
  headline: string;
  /** The worst decision in the group. */
  decision: Decision;
  actionId?: string;
  findings: Finding[];
}

const SEVERITY: Record<Decision, number> = { pass: 0, escalate: 1, block: 2 };

/** Reasons grouped by action, in the order they first appear (the judge sorts worst first). */
export function groupReasons(reasons: readonly GroupableReason[]): ReasonGroup[] {
  const byKey = new Map<string, GroupableReason[]>();
  for (const reason of reasons) {
    const key = reason.actionId ? `action:${reason.actionId}` : `plan:${reason.rule}:${reason.message}`;
    byKey.set(key, [...(byKey.get(key) ?? []), reason]);
  }
  return [...byKey.values()].map(toGroup);
}

/**
 * Lines for reasons kept as `{rule, message}` (audit entries, approval requests): the action id
 * the judge opens each message with groups them, so each action is said once here too.
 */
export function storedReasonLines(reasons: readonly { rule: string; message: string }[], indent: { head: string; sub: string }, max = Infinity): string[] {
  const groups = groupReasons(reasons.map((r) => ({ ...r, decision: 'escalate' as const, actionId: /^(a\d+)[ :]/.exec(r.message)?.[1] })));
  const lines = groups.slice(0, max).flatMap((g) => {
    if (g.findings.length === 1 && !g.findings[0].text) return [`${indent.head}[${g.findings[0].rules.join(', ')}] ${g.headline}`];
    return [`${indent.head}${g.headline}`, ...g.findings.map((f) => `${indent.sub}[${f.rules.join(', ')}] ${f.text}`)];
  });
  return groups.length > max ? [...lines, `${indent.head}... ${groups.length - max} more`] : lines;
}

function toGroup(reasons: GroupableReason[]): ReasonGroup {
  const decision = reasons.reduce<Decision>((w, r) => (SEVERITY[r.decision] > SEVERITY[w] ? r.decision : w), 'pass');
  const actionId = reasons[0].actionId;
  const headline = headlineOf(reasons);
  const findings: Finding[] = [];
  for (const reason of reasons) {
    const text = tailOf(reason.message, headline);
    const same = findings.find((f) => f.text === text && f.decision === reason.decision);
    if (same) {
      if (!same.rules.includes(reason.rule)) same.rules.push(reason.rule);
    } else findings.push({ decision: reason.decision, rules: [reason.rule], text });
  }
  return { headline, decision, ...(actionId ? { actionId } : {}), findings };
}

/** The action sentence: the message minus the rule's detail, else the whole sentences all messages share. */
function headlineOf(reasons: GroupableReason[]): string {
  const first = reasons[0];
  if (first.detail && first.message.endsWith(first.detail) && first.message.length > first.detail.length) {
    const head = first.message.slice(0, first.message.length - first.detail.length).replace(/[\s.]+$/, '');
    if (reasons.every((r) => r.message.startsWith(head))) return head;
  }
  if (reasons.length > 1) {
    const shared = sharedSentences(reasons.map((r) => r.message));
    if (shared) return shared.replace(/[\s.]+$/, '');
  }
  return first.message;
}

function tailOf(message: string, headline: string): string {
  if (message === headline) return '';
  if (!message.startsWith(headline)) return message;
  return message.slice(headline.length).replace(/^[\s.]+/, '');
}

/** The longest run of whole sentences every message starts with. */
function sharedSentences(messages: string[]): string {
  let prefix = messages[0];
  for (const message of messages.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < message.length && prefix[i] === message[i]) i++;
    prefix = prefix.slice(0, i);
  }
  const end = prefix.lastIndexOf('. ');
  return end > 0 ? prefix.slice(0, end + 1) : '';
}
