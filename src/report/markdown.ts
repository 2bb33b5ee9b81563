// The pull-request comment: verdict and Terraform's summary line first, one summary table,
// details folded away, and never longer than GitHub accepts (65,535 characters). Commands are
// shown in fenced blocks exactly as they run: no HTML entities and no quotes for backticks.
import type { Report } from '../model.js';
import type { CiContext } from '../ci/gate.js';
import { irreversiblePhrase, locationOf, plural, rollbackPhrase, summarize, summaryLine } from './summary.js';
import { groupReasons } from './reason-groups.js';

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
  lines.push(`## ${ICON[decision]} Firebreak: **${decision.toUpperCase()}**${approved ? ` (escalation approved: ${esc(ci!.approval!.detail)})` : ''} · ${esc(summaryLine(report))}`);
  const firstReason = report.reasons.find((r) => r.decision === report.verdict && r.decision !== 'pass');
  if (firstReason) lines.push('', `> ${esc(firstReason.message)} ${code(firstReason.rule)}`);
  if (ci?.agent.agent) lines.push('', `🤖 **Agent-authored pull request**${ci.policy === 'agent' ? ' (judged with the agent policy)' : ''}: ${esc(ci.agent.signals.slice(0, 3).join('; '))}`);
  if (ci?.approval && !ci.approval.approved) lines.push('', `Approval: ${esc(ci.approval.detail)}`);

  const ops = Object.entries(s.byOperation).map(([op, n]) => `${n} ${op}`).join(', ');
  const accepted = report.accepted ?? [];
  lines.push(
    '',
    '| Actions | Blast radius | Irreversible | Rollback plan | Accepted |',
    '|---|---|---|---|---|',
    `| ${s.changing}${ops ? ` (${ops})` : ''} | ${plural(s.blastRadius, 'resource')} (${s.stateful} stateful, ${s.dataLoss} with data loss) | ${irreversiblePhrase(s)} | ${s.changing ? rollbackPhrase(s) : '-'} | ${accepted.length} |`,
  );

  const cut = { any: false };
  const take = <T>(items: T[]): T[] => {
    if (items.length > limit) cut.any = true;
    return items.slice(0, limit);
  };
  const notable = report.reasons.filter((r) => r.decision !== 'pass');
  if (notable.length) {
    // The sentence about each action once, what each rule adds beneath it.
    const groups = groupReasons(notable);
    const body = take(groups).flatMap((g) => {
      const only = g.findings.length === 1 && g.findings[0].text === '' ? ` ${code(g.findings[0].rules.join(', '))}` : '';
      return [
        `- **${g.decision}** ${esc(g.headline)}${only}`,
        ...(only ? [] : g.findings.map((f) => `  - ${f.rules.map(code).join(' ')} ${esc(f.text)}`)),
      ];
    });
    lines.push('', details(`Why (${plural(notable.length, 'finding')})`, body, groups.length > limit));
  }
  if (accepted.length) {
    lines.push(
      '',
      details(
        `Accepted by an exception (${accepted.length})`,
        take(accepted).map((a) => {
          const e = a.exception;
          const where = e.source.file ? ` at ${code(`${e.source.file}${e.source.line ? `:${e.source.line}` : ''}`)}` : '';
          return `- ${code(a.rule)} on ${code(a.resource ?? e.target)} would have been **${a.decision}**: accepted by ${e.source.kind === 'policy' ? 'policy exception' : e.source.kind === 'inline' ? 'inline accept' : 'baseline'}${where}, owner ${esc(e.owner)}, ${e.expires ? `until ${esc(e.expires)}` : 'no expiry'}: ${esc(e.reason)}`;
        }),
        accepted.length > limit,
      ),
    );
  }
  const proposed = report.proposedAccepts ?? [];
  if (proposed.length) {
    lines.push(
      '',
      details(
        `Accepts added by this change, not applied until merged (${proposed.length})`,
        take(proposed).map((e) => `- ${code(e.rule)} for ${code(e.target)} at ${code(`${e.source.file ?? '?'}${e.source.line ? `:${e.source.line}` : ''}`)}, owner ${esc(e.owner)}, until ${esc(e.expires ?? '?')}: ${esc(e.reason)}`),
        proposed.length > limit,
      ),
    );
  }
  const changing = report.actions.filter((a) => a.operation !== 'read');
  if (changing.length) {
    lines.push(
      '',
      details(
        `Actions (${changing.length})`,
        take(changing).map((a) => {
          const where = a.source.file ? ` at ${code(locationOf(a.source))}${a.source.revision ? ` (base ${code(a.source.revision.slice(0, 7))}: removed)` : ''}` : '';
          const head = `- ${code(a.id)} **${a.operation}** ${code(a.target.id)} (${esc(a.target.type)})${where}: ${a.reversibility}${a.dataLoss ? ', **data loss**' : ''}${a.evidence[0] ? `<br>${esc(a.evidence[0].message)}` : ''}`;
          return a.source.command ? `${head}\n${indent(fenced(a.source.command, 'sh'), 2)}` : head;
        }),
        changing.length > limit,
      ),
    );
  }
  const blast = report.blastRadius.resources;
  if (blast.length) {
    lines.push('', details(`Blast radius (${blast.length})`, take(blast).map((r) =>
      `- **${r.impact}** ${code(r.id)} (${esc(r.type)})${r.depth ? ` via ${esc(r.path.join(' ← '))}` : ''}${r.dataLoss ? ' **data loss**' : r.stateful ? ' stateful' : ''}`), blast.length > limit));
  }
  const steps = report.rollback.steps;
  if (steps.length || report.rollback.irreversible.length) {
    const body = [
      ...take(steps).map((st) => `${st.order}. _${st.phase}_ ${esc(st.description)}${st.command ? `\n${indent(fenced(st.command, 'sh'), 3)}` : ''}`),
      ...report.rollback.irreversible.slice(0, Math.max(limit, 3)).map((i) => `- ❌ cannot be undone: ${code(i.resource)}: ${esc(i.whatIsLost)}`),
    ];
    lines.push('', details(`Rollback plan (${steps.length} steps)`, body, steps.length > limit));
  }
  if (ci?.changedFiles.length) {
    lines.push('', details(`Changed files (${ci.changedFiles.length})`, take(ci.changedFiles).map((f) => `- ${f.status} ${code(f.path)}${f.kind ? ` (${f.kind})` : ''}`), ci.changedFiles.length > limit));
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

/** Prose: keeps user text from opening HTML or breaking a table row; entities render as the characters. */
export function esc(text: string): string {
  return text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/** An inline code span that shows the text exactly: a fence longer than any backtick run inside. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that shows a command exactly as it runs, whatever backticks it holds. */
export function fenced(text: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${lang}\n${text.replace(/\r\n/g, '\n')}\n${fence}`;
}

function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block.split('\n').map((line) => (line ? pad + line : line)).join('\n');
}
