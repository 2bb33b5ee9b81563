// Plain-language text for a person and the model: what was found, why, what it would hit, how
// to undo it, and the exact command that approves it. No model-written rationale.
import type { Report } from '../../model.js';
import { groupReasons, type GroupableReason } from '../../report/reason-groups.js';

const MAX_REASONS = 5;

export function impactSummary(report: Pick<Report, 'blastRadius'>): string {
  const c = report.blastRadius.counts;
  const parts = [
    c.deleted && `${c.deleted} deleted`,
    c.replaced && `${c.replaced} replaced`,
    c.modified && `${c.modified} modified`,
    c.disrupted && `${c.disrupted} disrupted`,
    c.dataLoss && `${c.dataLoss} with data loss`,
    c.irreversible && `${c.irreversible} irreversible action${c.irreversible === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const unknown = report.blastRadius.unknownScope.length ? `; scope not bounded for ${report.blastRadius.unknownScope.length} action(s)` : '';
  return `${c.total} resource(s) in the blast radius${parts.length ? ` (${parts.join(', ')})` : ''}${unknown}`;
}

export function rollbackLines(report: Pick<Report, 'rollback'>): string[] {
  const steps = report.rollback.steps.slice(0, 4).map((s) => `${s.order}. ${s.description}${s.command ? `: ${s.command}` : ''}`);
  const lost = report.rollback.irreversible.slice(0, 3).map((i) => `cannot be undone: ${i.resource}: ${i.whatIsLost}`);
  return [...steps, ...lost];
}

/** Each action stated once, what each rule adds beneath it with the rule's id. */
export function reasonLines(reasons: GroupableReason[]): string[] {
  const worst = reasons.filter((r) => r.decision !== 'pass');
  const groups = groupReasons(worst.length ? worst : reasons);
  const lines = groups.slice(0, MAX_REASONS).flatMap((g) => {
    const only = g.findings.length === 1 && g.findings[0].text === '';
    if (only) return [`- [${g.findings[0].rules.join(', ')}] ${g.headline}`];
    return [`- ${g.headline}`, ...g.findings.map((f) => `  - [${f.rules.join(', ')}] ${f.text}`)];
  });
  const more = groups.length - MAX_REASONS;
  return more > 0 ? [...lines, `- ... and ${more} more (firebreak audit show)`] : lines;
}

export interface MessageParts {
  verdict: 'block' | 'escalate';
  commands: string[];
  reasons: GroupableReason[];
  report?: Pick<Report, 'blastRadius' | 'rollback'>;
  approval?: { id: string; root: string; expires: string };
  /** Ask: a person will see this in the agent's prompt. */
  asking?: boolean;
}

export function composeMessage(p: MessageParts): string {
  const head =
    p.verdict === 'block'
      ? 'Firebreak BLOCKED this command: policy forbids it and no approval can override that.'
      : p.asking
        ? 'Firebreak: this command needs a person to decide.'
        : 'Firebreak DENIED this command until a person approves it.';
  const lines = [head, ...p.commands.map((c) => `  $ ${c}`), 'Why:', ...reasonLines(p.reasons)];
  if (p.report) {
    lines.push(`Impact: ${impactSummary(p.report)}`);
    const rollback = rollbackLines(p.report);
    if (rollback.length) lines.push('Rollback:', ...rollback.map((l) => `  ${l}`));
  }
  if (p.approval) {
    lines.push(
      `To allow exactly this command once, a person runs (in ${p.approval.root}):`,
      `  firebreak approve ${p.approval.id}`,
      `Request ${p.approval.id} expires ${p.approval.expires}; a changed command, target or environment needs a new approval.`,
    );
  } else if (p.verdict === 'block') {
    lines.push('Choose a less destructive path (a targeted change, a snapshot first, a non-production environment).');
  }
  return lines.join('\n');
}
