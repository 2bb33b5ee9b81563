// The numbers a person reads agree with each other in every format, for every incident scenario:
// the counts under the verdict, the rollback plan's length and what it undoes, what cannot be
// undone. And each action is said once, in the words of the tool that performs it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios, runScenario, SCENARIOS_DIR } from '../../src/scenarios/run.js';
import { renderText } from '../../src/report/text.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html/index.js';
import { countsLine, irreversiblePhrase, rollbackPhrase, summarize } from '../../src/report/summary.js';
import type { Report } from '../../src/model.js';

const reports = new Map<string, Report>();
for (const name of await listScenarios()) reports.set(name, (await runScenario(join(SCENARIOS_DIR, name))).report!);
const names = [...reports.keys()];

function section(text: string, title: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => title.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe.each(names)('%s', (name) => {
  const report = reports.get(name)!;
  const s = summarize(report);
  const text = renderText(report, { verbose: true });
  const markdown = renderMarkdown(report);

  it('text, Markdown and HTML print the same counts', async () => {
    expect(text.split('\n')[1]).toBe(countsLine(s));
    const row = markdown.split('\n').find((l) => /^\| \d+/.test(l))!;
    expect(row).toContain(`| ${irreversiblePhrase(s)} |`);
    if (s.changing) expect(row).toContain(`| ${rollbackPhrase(s)} |`);
    const html = await renderHtml(report);
    expect(html).toContain(countsLine(s).replace(/&/g, '&amp;'));
  });

  it('the rollback plan has as many steps as the counts say, and undoes no more than it can', () => {
    const numbered = [...section(text, /Before executing/), ...section(text, /To roll back/)].filter((l) => /^ {2}\d+\. /.test(l));
    expect(numbered).toHaveLength(s.rollbackSteps);
    if (s.rollbackSteps) expect(markdown).toContain(`Rollback plan (${s.rollbackSteps} steps)`);
    expect(s.rollbackAvailable).toBeLessThanOrEqual(s.changing);
    const irreversible = report.actions.filter((a) => a.operation !== 'read' && a.reversibility === 'irreversible').length;
    expect(s.rollbackAvailable).toBeLessThanOrEqual(s.changing - irreversible);
  });

  it('"cannot be undone" counts the resources it lists', () => {
    if (s.lost === 0) return expect(text).not.toMatch(/^Cannot be undone/m);
    expect(text).toMatch(new RegExp(`^Cannot be undone \\(${s.lost} resources?\\)$`, 'm'));
    expect(section(text, /^Cannot be undone/).filter((l) => l.startsWith('  - '))).toHaveLength(report.rollback.irreversible.length);
  });

  it('states each action once in the Why section', () => {
    const why = section(text, /^Why$/);
    for (const action of report.actions) {
      const opening = new RegExp(`^ {2}[x!-] ${action.id} `);
      expect(why.filter((l) => opening.test(l)).length, action.id).toBeLessThanOrEqual(1);
    }
  });

  it('never prints a Terraform or CloudFormation setting as a command-line flag', () => {
    const spelled = report.actions.filter((a) => ['terraform', 'cloudformation'].includes(a.tool) || a.target.type === 'AWS::CloudFormation::Stack' || a.target.type === 'terraform:state');
    for (const action of spelled) {
      const said = report.reasons.filter((r) => r.actionId === action.id).map((r) => r.message);
      // `-auto-approve` is a flag of the terraform command itself; attributes are never `--name`.
      for (const message of said) expect(message, message).not.toMatch(/(^|[\s(;])--[a-z][a-z-]+ =/);
    }
  });
});

describe('specific numbers', () => {
  it('re-applying the previous Terraform revision undoes every action that loses nothing', () => {
    const s = summarize(reports.get('datatalks-destroy-plan')!);
    expect(s).toMatchObject({ changing: 26, irreversible: 2, lost: 2, rollbackAvailable: 24 });
  });

  it('a force-removed bucket: a plan of several steps that undoes none of it in full', () => {
    const s = summarize(reports.get('s3-rb-force')!);
    expect(s.rollbackSteps).toBeGreaterThan(1);
    expect(rollbackPhrase(s)).toBe(`${s.rollbackSteps} steps, undoes 0 of 1 in full`);
  });

  it('a stack delete reads the KMS key the way CloudFormation deletes it (PendingWindowInDays), not as a CLI flag', () => {
    const report = reports.get('kiro-cost-explorer')!;
    const text = JSON.stringify(report.reasons);
    expect(text).toContain('PendingWindowInDays = 30');
    expect(text).not.toContain('--pending-window-in-days');
  });

  it('evidence is said once: a reading is not repeated beside the sentence that explains it', () => {
    for (const report of reports.values()) {
      for (const reason of report.reasons) {
        const inside = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)\. /.exec(reason.message)?.[1];
        if (!inside) continue;
        const parts = inside.split('; ');
        for (const part of parts) expect(parts.filter((p) => p !== part && p.includes(part)), reason.message).toEqual([]);
      }
    }
  });
});
