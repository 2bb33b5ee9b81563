// The GitHub Action's outputs, written by `firebreak ci --github-output`: what a later step or
// job reads (`steps.firebreak.outputs.destroy`) without parsing a report.
import { randomBytes } from 'node:crypto';
import type { Decision, Report } from '../model.js';
import { changeSummary, summarize } from '../report/summary.js';

export interface ReportPaths {
  json?: string;
  markdown?: string;
  sarif?: string;
  html?: string;
}

/** Every output the action declares, as strings (GitHub outputs are strings). */
export function stepOutputs(report: Report, decision: Decision, exitCode: number, paths: ReportPaths): Record<string, string> {
  const s = summarize(report);
  const summary = report.summary ?? changeSummary(report.blastRadius, report.actions);
  return {
    verdict: decision,
    'report-verdict': report.verdict,
    'exit-code': String(exitCode),
    summary: summary.text,
    add: String(summary.add),
    change: String(summary.change),
    destroy: String(summary.destroy),
    replace: String(summary.replace),
    actions: String(s.changing),
    'blast-radius': String(s.blastRadius),
    irreversible: String(s.irreversible),
    'cannot-be-undone': String(s.lost),
    accepted: String((report.accepted ?? []).length),
    'json-report': paths.json ?? '',
    'markdown-report': paths.markdown ?? '',
    'sarif-report': paths.sarif ?? '',
    'html-report': paths.html ?? '',
  };
}

/** `name=value` lines; a value with a line break uses GitHub's delimiter form, with a delimiter it cannot contain. */
export function formatStepOutputs(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
      let delimiter: string;
      do delimiter = `FIREBREAK_${randomBytes(8).toString('hex')}`;
      while (value.includes(delimiter));
      return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
    })
    .join('');
}
