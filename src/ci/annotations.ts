// GitHub Actions glue: one annotation per action with findings, at its file and line (workflow commands), and
// the job summary (the same Markdown as the pull-request comment, written to GITHUB_STEP_SUMMARY).
import { appendFile } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import type { Decision, Report } from '../model.js';
import { summaryLine } from '../report/summary.js';
import { groupReasons } from '../report/reason-groups.js';

const COMMAND: Record<Decision, 'error' | 'warning' | 'notice'> = { block: 'error', escalate: 'warning', pass: 'notice' };
/** GitHub shows at most 10 errors and 10 warnings per step; more are dropped. */
const MAX_PER_LEVEL = 10;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Workflow command lines (`::error file=...,line=...,title=...::message`), worst first: one per
 * action, its sentence once and each rule's detail beneath it, the rule ids in the title.
 */
export function annotations(report: Report, options: { cwd?: string } = {}): string[] {
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const counts: Record<string, number> = {};
  const lines: string[] = [`::notice title=Firebreak ${report.verdict.toUpperCase()}::${escapeData(summaryLine(report))}`];
  for (const group of groupReasons(report.reasons.filter((r) => r.decision !== 'pass'))) {
    const level = COMMAND[group.decision];
    counts[level] = (counts[level] ?? 0) + 1;
    if (counts[level] > MAX_PER_LEVEL) continue;
    const action = group.actionId ? actions.get(group.actionId) : undefined;
    const props: string[] = [];
    const file = action?.source.file;
    if (file) {
      props.push(`file=${escapeProperty(isAbsolute(file) && options.cwd ? relative(options.cwd, file) : file)}`);
      // A removed resource's line is the base revision's: it does not exist in the head file.
      if (action.source.line && !action.source.revision) {
        props.push(`line=${action.source.line}`);
        if (action.source.endLine && action.source.endLine > action.source.line) props.push(`endLine=${action.source.endLine}`);
      }
    }
    const rules = [...new Set(group.findings.flatMap((f) => f.rules))];
    props.push(`title=${escapeProperty(`Firebreak ${group.decision}: ${rules.join(', ')}`)}`);
    const removed = action?.source.revision ? ` (removed; it was at line ${action.source.line ?? '?'} in ${action.source.revision.slice(0, 7)})` : '';
    const details = group.findings.filter((f) => f.text).map((f) => `- [${f.rules.join(', ')}] ${f.text}`);
    lines.push(`::${level} ${props.join(',')}::${escapeData([`${group.headline}${removed}`, ...details].join('\n'))}`);
  }
  for (const [level, n] of Object.entries(counts)) {
    if (n > MAX_PER_LEVEL) lines.push(`::${level}::${n - MAX_PER_LEVEL} more ${level} annotation(s) are in the job summary and the report`);
  }
  for (const accepted of report.accepted ?? []) {
    lines.push(`::notice title=${escapeProperty(`Firebreak accepted: ${accepted.rule}`)}::${escapeData(`${accepted.resource ?? accepted.exception.target}: accepted by ${accepted.exception.owner} until ${accepted.exception.expires ?? '?'}: ${accepted.exception.reason}`)}`);
  }
  return lines;
}

/** Appends the summary Markdown to the job summary file (GITHUB_STEP_SUMMARY). */
export async function writeJobSummary(markdown: string, file: string): Promise<void> {
  await appendFile(file, markdown.replace(/^<!-- firebreak:ci-report -->\n/, '') + '\n');
}
