import type { BlastResource, Decision, Report } from '../model.js';
import { groupReasons } from './reason-groups.js';
import { countsLine, plural, summarize, summaryLine } from './summary.js';
import { wrapText } from './wrap.js';

export interface TextOptions {
  color?: boolean;
  /** Every row of every section: nothing summarised as "... N more". */
  verbose?: boolean;
  /** Wrap prose to this many columns (commands are never wrapped); unset: no wrapping. */
  width?: number;
  /** How many blast-radius rows to show before summarising the rest. */
  maxResources?: number;
}

const VERDICT_LABEL = { pass: 'PASS', escalate: 'ESCALATE', block: 'BLOCK' } as const;
const VERDICT_COLOR = { pass: 32, escalate: 33, block: 31 } as const;
const MORE = '(--verbose shows all)';

/** The first line of every text report: `BLOCK  Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace.` */
export function verdictLine(report: Report, options: Pick<TextOptions, 'color'> = {}): string {
  const label = VERDICT_LABEL[report.verdict];
  const shown = options.color ? `\x1b[1m\x1b[${VERDICT_COLOR[report.verdict]}m${label}\x1b[0m` : label;
  return `${shown}  ${summaryLine(report)}`;
}

/** A short, scannable summary for a person: verdict first, then why, what, and how to undo. */
export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const bold = (text: string) => paint(1, text);
  const limit = (n: number) => (options.verbose ? Infinity : n);
  const maxResources = options.verbose ? Infinity : (options.maxResources ?? 15);
  const width = options.width;
  const lines: string[] = [];
  /** A prose line: wrapped to the width with its continuation indented under its text. */
  const say = (prefix: string, text: string, hang: number = prefix.length, shownPrefix = prefix) => {
    const wrapped = wrapText(text, width ? width - hang : undefined);
    lines.push(`${shownPrefix}${wrapped[0]}`, ...wrapped.slice(1).map((l) => `${' '.repeat(hang)}${l}`));
  };
  const cut = (shown: number, total: number, what: string, hint = MORE) => {
    if (total > shown) lines.push(`  ... ${total - shown} more ${what} ${hint}`);
  };
  const summary = summarize(report);

  lines.push(verdictLine(report, options));
  say('', countsLine(summary));

  const notable = report.reasons.filter((r) => r.decision !== 'pass');
  if (report.reasons.length > 0) {
    lines.push('', bold('Why'));
    const groups = groupReasons(notable.length > 0 ? notable : report.reasons);
    const shown = groups.slice(0, limit(8));
    for (const group of shown) {
      const single = group.findings.length === 1 && group.findings[0].text === '';
      say('  x ', single ? `${group.headline}  [${group.findings[0].rules.join(', ')}]` : group.headline, 4, `  ${mark(group.decision, paint)} `);
      if (single) continue;
      for (const finding of group.findings) {
        const rules = `[${finding.rules.join(', ')}]`;
        say(`      x ${rules} `, finding.text || '(no detail)', undefined, `      ${mark(finding.decision, paint)} ${rules} `);
      }
    }
    cut(shown.length, groups.length, groups.length - shown.length === 1 ? 'action with findings' : 'actions with findings');
  }

  const accepted = report.accepted ?? [];
  if (accepted.length > 0) {
    lines.push('', bold(`Accepted by an exception (${accepted.length})`));
    for (const a of accepted.slice(0, limit(10))) {
      const e = a.exception;
      const where = `${e.source.kind}${e.source.file ? ` ${e.source.file}${e.source.line ? `:${e.source.line}` : ''}` : ''}`;
      say('  ~ ', `[${a.rule}] ${a.resource ?? e.target} (would be ${a.decision}): ${e.reason} (owner ${e.owner}, until ${e.expires ?? '-'}, ${where})`);
    }
    cut(Math.min(accepted.length, limit(10)), accepted.length, 'accepted');
  }
  for (const p of report.proposedAccepts ?? []) say('  ', `proposed (not applied until merged): [${p.rule}] for ${p.target} at ${p.source.file ?? '?'}${p.source.line ? `:${p.source.line}` : ''}`);

  const changing = report.actions.filter((a) => a.operation !== 'read');
  if (report.actions.length > 0) {
    lines.push('', bold('Actions'));
    const listed = changing.length > 0 ? changing : report.actions;
    const idWidth = Math.max(...listed.map((a) => a.id.length)) + 1;
    for (const action of listed.slice(0, limit(20))) {
      const env = action.environment ? `${action.environment}${action.environmentAssumed ? '?' : ''}` : '-';
      lines.push(`  ${action.id.padEnd(idWidth)} ${action.operation.padEnd(11)} ${action.target.id}  (${action.target.type}, ${env}, ${action.reversibility})`);
    }
    cut(Math.min(listed.length, limit(20)), listed.length, 'actions');
    const reads = report.actions.length - changing.length;
    if (changing.length > 0 && reads > 0) lines.push(`  + ${plural(reads, 'read-only action')}`);
  }

  const blast = report.blastRadius.resources;
  if (blast.length > 0) {
    lines.push('', bold('Blast radius'));
    for (const resource of blast.slice(0, maxResources)) lines.push(`  ${blastLine(resource)}`);
    cut(Math.min(blast.length, maxResources), blast.length, 'resources', `${MORE}; firebreak explain <id> shows why one is there`);
  }
  for (const unknown of report.blastRadius.unknownScope) say('  ! ', unknown.message, 4, `  ${paint(33, '!')} `);

  const lost = report.rollback.irreversible;
  if (lost.length > 0) {
    lines.push('', bold(`Cannot be undone (${plural(lost.length, 'resource')})`));
    for (const item of lost.slice(0, limit(10))) say('  - ', `${item.resource}: ${item.whatIsLost}`);
    cut(Math.min(lost.length, limit(10)), lost.length, 'resources');
  }
  const steps = (phase: 'safeguard' | 'undo', title: string) => {
    const chosen = report.rollback.steps.filter((s) => (phase === 'safeguard' ? s.phase === 'safeguard' : s.phase !== 'safeguard'));
    if (chosen.length === 0) return;
    lines.push('', bold(title));
    for (const step of chosen.slice(0, limit(8))) {
      const number = `  ${step.order}. `;
      say(number, step.description);
      // A command is shown whole, on its own line, so it can be copied as it is.
      if (step.command) lines.push(`${' '.repeat(number.length + 2)}$ ${step.command}`);
    }
    cut(Math.min(chosen.length, limit(8)), chosen.length, 'steps');
  };
  steps('safeguard', 'Before executing');
  steps('undo', 'To roll back');
  if (report.sandbox.status !== 'not-run') {
    lines.push('');
    say(`${'Sandbox'}: `, `${report.sandbox.status}${report.sandbox.reason ? ` (${report.sandbox.reason})` : ''}`, 9, `${bold('Sandbox')}: `);
  }
  if (report.drift.length > 0) {
    lines.push('');
    say('', `Drift outside Terraform (not judged): ${report.drift.map((d) => d.address).join(', ')}`);
  }
  const warnings = report.warnings.slice(0, limit(5));
  for (const warning of warnings) say('warning: ', warning);
  if (report.warnings.length > warnings.length) lines.push(`... ${report.warnings.length - warnings.length} more warnings ${MORE}`);
  return lines.join('\n') + '\n';
}

function blastLine(resource: BlastResource): string {
  const flags = [resource.stateful ? 'stateful' : '', resource.dataLoss ? 'DATA LOSS' : '', resource.environment ?? ''].filter(Boolean);
  const via = resource.depth > 0 ? `  via ${resource.path.slice(0, -1).join(' <- ')}` : '';
  return `${resource.impact.padEnd(9)} ${resource.id}  ${resource.type}${flags.length ? `  [${flags.join(', ')}]` : ''}${via}`;
}

function mark(decision: Decision, paint: (code: number, text: string) => string): string {
  if (decision === 'block') return paint(31, 'x');
  if (decision === 'escalate') return paint(33, '!');
  return paint(32, '-');
}
