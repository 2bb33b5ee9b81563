import type { BlastResource, Reason, Report } from '../model.js';
import { summaryLine } from './summary.js';

export interface TextOptions {
  color?: boolean;
  /** How many blast-radius rows to show before summarising the rest. */
  maxResources?: number;
}

const VERDICT_LABEL = { pass: 'PASS', escalate: 'ESCALATE', block: 'BLOCK' } as const;
const VERDICT_COLOR = { pass: 32, escalate: 33, block: 31 } as const;

/** A short, scannable summary for a person: verdict first, then why, what, and how to undo. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const bold = (text: string) => paint(1, text);
  const max = options.maxResources ?? 15;
  const { counts } = report.blastRadius;
  const lines: string[] = [];

  lines.push(
    `${bold(paint(VERDICT_COLOR[report.verdict], VERDICT_LABEL[report.verdict]))}  ${summaryLine(report)}`,
    `${plural(report.actions.length, 'action')} · blast radius ${plural(counts.total, 'resource')}` +
      ` (${counts.stateful} stateful, ${counts.dataLoss} with data loss) · ${counts.irreversible} irreversible`,
  );

  const notable = report.reasons.filter((r) => r.decision !== 'pass');
  if (notable.length > 0 || report.reasons.length > 0) {
    lines.push('', bold('Why'));
    const groups = groupByAction(notable.length > 0 ? notable : report.reasons);
    for (const group of groups.slice(0, 8)) {
      if (group.shared) lines.push(`  ${reasonMark(group.reasons[0].decision, paint)} ${group.shared}`);
      for (const reason of group.reasons) {
        const rest = reason.message.slice(group.shared.length).trim();
        lines.push(`  ${group.shared ? '   ' : `${reasonMark(reason.decision, paint)} `}${rest || reason.message}  [${reason.rule}]`);
      }
    }
    if (groups.length > 8) lines.push(`  ... ${groups.length - 8} more (see --format json)`);
  }

  const accepted = report.accepted ?? [];
  if (accepted.length > 0) {
    lines.push('', bold(`Accepted by an exception (${accepted.length})`));
    for (const a of accepted.slice(0, 10)) {
      const e = a.exception;
      lines.push(`  ~ ${a.rule} on ${a.resource ?? e.target} (would be ${a.decision}): ${e.reason} [owner ${e.owner}, until ${e.expires ?? '-'}, ${e.source.kind}${e.source.file ? ` ${e.source.file}${e.source.line ? `:${e.source.line}` : ''}` : ''}]`);
    }
    if (accepted.length > 10) lines.push(`  ... ${accepted.length - 10} more (see --format json)`);
  }
  for (const p of report.proposedAccepts ?? []) lines.push(`  proposed (not applied until merged): ${p.rule} for ${p.target} at ${p.source.file ?? '?'}${p.source.line ? `:${p.source.line}` : ''}`);

  const changing = report.actions.filter((a) => a.operation !== 'read');
  if (report.actions.length > 0) {
    lines.push('', bold('Actions'));
    for (const action of (changing.length > 0 ? changing : report.actions).slice(0, 20)) {
      const env = action.environment ? `${action.environment}${action.environmentAssumed ? '?' : ''}` : '-';
      lines.push(`  ${action.id.padEnd(4)} ${action.operation.padEnd(11)} ${action.target.id}  (${action.target.type}, ${env}, ${action.reversibility})`);
    }
    if (changing.length > 20) lines.push(`  ... ${changing.length - 20} more`);
    const reads = report.actions.length - changing.length;
    if (changing.length > 0 && reads > 0) lines.push(`  + ${plural(reads, 'read-only action')}`);
  }

  if (report.blastRadius.resources.length > 0) {
    lines.push('', bold('Blast radius'));
    for (const resource of report.blastRadius.resources.slice(0, max)) lines.push(`  ${blastLine(resource)}`);
    if (report.blastRadius.resources.length > max) {
      lines.push(`  ... ${report.blastRadius.resources.length - max} more (firebreak explain <id> shows why one is there)`);
    }
  }
  for (const unknown of report.blastRadius.unknownScope) lines.push(`  ! ${unknown.message}`);

  if (report.rollback.irreversible.length > 0) {
    lines.push('', bold('Cannot be undone'));
    for (const item of report.rollback.irreversible.slice(0, 10)) lines.push(`  - ${item.resource}: ${item.whatIsLost}`);
  }
  const safeguards = report.rollback.steps.filter((s) => s.phase === 'safeguard');
  if (safeguards.length > 0) {
    lines.push('', bold('Before executing'));
    for (const step of safeguards.slice(0, 8)) lines.push(`  ${step.order}. ${step.description}${step.command ? `\n       $ ${step.command}` : ''}`);
  }
  const undo = report.rollback.steps.filter((s) => s.phase !== 'safeguard');
  if (undo.length > 0) {
    lines.push('', bold('To roll back'));
    for (const step of undo.slice(0, 8)) lines.push(`  ${step.order}. ${step.description}${step.command ? `\n       $ ${step.command}` : ''}`);
    if (undo.length > 8) lines.push(`  ... ${undo.length - 8} more steps`);
  }
  if (report.sandbox.status !== 'not-run') {
    lines.push('', `${bold('Sandbox')}: ${report.sandbox.status}${report.sandbox.reason ? ` (${report.sandbox.reason})` : ''}`);
  }
  if (report.drift.length > 0) lines.push('', `Drift outside Terraform (not judged): ${report.drift.map((d) => d.address).join(', ')}`);
  for (const warning of report.warnings.slice(0, 5)) lines.push(`warning: ${warning}`);
  return lines.join('\n') + '\n';
}

/**
 * Reasons about one action open with the same sentence about the action; say it once, then
 * what each rule adds. Reasons without an action (plan-level rules) stand alone.
 */
function groupByAction(reasons: Reason[]): { shared: string; reasons: Reason[] }[] {
  const groups = new Map<string, Reason[]>();
  for (const reason of reasons) {
    const key = reason.actionId ?? `plan:${reason.rule}`;
    groups.set(key, [...(groups.get(key) ?? []), reason]);
  }
  return [...groups.values()].map((group) => ({ shared: group.length > 1 ? sharedSentences(group.map((r) => r.message)) : '', reasons: group }));
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

function blastLine(resource: BlastResource): string {
  const flags = [resource.stateful ? 'stateful' : '', resource.dataLoss ? 'DATA LOSS' : '', resource.environment ?? ''].filter(Boolean);
  const via = resource.depth > 0 ? `  via ${resource.path.slice(0, -1).join(' <- ')}` : '';
  return `${resource.impact.padEnd(9)} ${resource.id}  ${resource.type}${flags.length ? `  [${flags.join(', ')}]` : ''}${via}`;
}

function reasonMark(decision: string, paint: (code: number, text: string) => string): string {
  if (decision === 'block') return paint(31, 'x');
  if (decision === 'escalate') return paint(33, '!');
  return paint(32, '-');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
