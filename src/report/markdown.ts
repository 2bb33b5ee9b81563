// The pull-request comment: verdict first, one summary table, details folded away, and never
// longer than GitHub accepts (65,535 characters).
import type { Report } from '../model.js';
import type { CiContext } from '../ci/gate.js';
import { locationOf, summarize } from './summary.js';

export interface MarkdownOptions {
  ci?: CiContext;
  /** Where the full report lives (artifact / Actions run URL), linked when the comment is cut. */
  fullReportUrl?: string;
  maxChars?: number;
}

/** GitHub's limit is 65,535; the margin leaves room for the sticky marker and the cut note. */
export const COMMENT_LIMIT = 65_000;
const MARKER = '<!-- firebreak:ci-report -->';
const ICON = { pass: '✅', escalate: '⚠️', block: '⛔' } as const;
const LIMITS = [Infinity, 200, 60, 20, 5, 0];

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = Math.min(options.maxChars ?? COMMENT_LIMIT, COMMENT_LIMIT);
  for (const limit of LIMITS) {
    const text = compose(report, options, limit);
    if (text.length <= max) return text;
  }
  const note = cutNote(options.fullReportUrl);
  return compose(report, options, 0).slice(0, max - note.length - 1) + '\n' + note;
}

function compose(report: Report, options: MarkdownOptions, limit: number): string {
  const { ci } = options;
  const s = summarize(report);
  const decision = ci?.decision ?? report.verdict;
  const lines: string[] = [MARKER];
  const approved = ci?.approval?.approved && report.verdict === 'escalate';
  lines.push(`## ${ICON[decision]} Firebreak: **${decision.toUpperCase()}**${approved ? ` (escalation approved: ${esc(ci!.approval!.detail)})` : ''}`);
  const firstReason = report.reasons.find((r) => r.decision === report.verdict && r.decision !== 'pass');
  if (firstReason) lines.push('', `> ${esc(firstReason.message)} \`${esc(firstReason.rule)}\``);
  if (ci?.agent.agent) lines.push('', `🤖 **Agent-authored pull request**${ci.policy === 'agent' ? ' (judged with the agent policy)' : ''}: ${esc(ci.agent.signals.slice(0, 3).join('; '))}`);
  if (ci?.approval && !ci.approval.approved) lines.push('', `Approval: ${esc(ci.approval.detail)}`);

  const ops = Object.entries(s.byOperation).map(([op, n]) => `${n} ${op}`).join(', ');
  lines.push(
    '',
    '| Actions | Blast radius | Irreversible | Rollback available |',
    '|---|---|---|---|',
    `| ${s.changing}${ops ? ` (${ops})` : ''} | ${s.blastRadius} resource${s.blastRadius === 1 ? '' : 's'} (${s.stateful} stateful) | ${s.irreversible} | ${s.rollbackAvailable} of ${s.changing} |`,
  );

  const cut = { any: false };
  const take = <T>(items: T[]): T[] => {
    if (items.length > limit) cut.any = true;
    return items.slice(0, limit);
  };
  const notable = report.reasons.filter((r) => r.decision !== 'pass');
  if (notable.length) {
    lines.push('', details(`Why (${notable.length})`, take(notable).map((r) => `- **${r.decision}** ${esc(r.message)} \`${esc(r.rule)}\``), notable.length > limit));
  }
  const changing = report.actions.filter((a) => a.operation !== 'read');
  if (changing.length) {
    lines.push('', details(`Actions (${changing.length})`, take(changing).map((a) =>
      `- \`${a.id}\` **${a.operation}** \`${esc(a.target.id)}\` (${esc(a.target.type)}) at \`${esc(locationOf(a.source))}\`: ${a.reversibility}${a.dataLoss ? ', **data loss**' : ''}${a.evidence[0] ? `<br>${esc(a.evidence[0].message)}` : ''}`), changing.length > limit));
  }
  const blast = report.blastRadius.resources;
  if (blast.length) {
    lines.push('', details(`Blast radius (${blast.length})`, take(blast).map((r) =>
      `- **${r.impact}** \`${esc(r.id)}\` (${esc(r.type)})${r.depth ? ` via ${esc(r.path.join(' ← '))}` : ''}${r.dataLoss ? ' **data loss**' : r.stateful ? ' stateful' : ''}`), blast.length > limit));
  }
  const steps = report.rollback.steps;
  if (steps.length || report.rollback.irreversible.length) {
    const body = [
      ...take(steps).map((st) => `${st.order}. _${st.phase}_ ${esc(st.description)}${st.command ? `<br>\`${esc(st.command)}\`` : ''}`),
      ...report.rollback.irreversible.slice(0, Math.max(limit, 3)).map((i) => `- ❌ cannot be undone: \`${esc(i.resource)}\`: ${esc(i.whatIsLost)}`),
    ];
    lines.push('', details(`Rollback plan (${steps.length} steps)`, body, steps.length > limit));
  }
  if (ci?.changedFiles.length) {
    lines.push('', details(`Changed files (${ci.changedFiles.length})`, take(ci.changedFiles).map((f) => `- ${f.status} \`${esc(f.path)}\`${f.kind ? ` (${f.kind})` : ''}`), ci.changedFiles.length > limit));
  }
  const warnings = [...(ci?.notes ?? []), ...report.warnings];
  if (warnings.length) lines.push('', details(`Notes (${warnings.length})`, take(warnings).map((w) => `- ${esc(w)}`), warnings.length > limit));
  if (cut.any) lines.push('', cutNote(options.fullReportUrl));
  if (ci) lines.push('', `<sub>firebreak ${esc(report.tool.version)} · ${ci.from.slice(0, 7)}..${ci.head.slice(0, 7)} · fails on ${ci.failOn}</sub>`);
  return lines.join('\n') + '\n';
}

function details(summary: string, body: string[], more: boolean): string {
  return `<details><summary>${summary}</summary>\n\n${body.join('\n')}${more ? '\n- …' : ''}\n\n</details>`;
}

function cutNote(url: string | undefined): string {
  return `> **Note:** this comment was shortened to stay under GitHub's 65,535-character limit.${url ? ` [Full report](${url})` : ' The full report is in the job\'s artifacts (JSON / HTML).'}`;
}

/** Keeps user text from breaking tables, code spans or HTML. */
function esc(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!).replace(/\|/g, '\\|').replace(/`/g, "'").replace(/\r?\n/g, ' ');
}
