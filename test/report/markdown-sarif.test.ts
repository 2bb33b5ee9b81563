import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CiResult } from '../../src/ci/gate.js';
import { COMMENT_LIMIT, renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { agentPrResult } from './ci-report.js';

let result: CiResult;
beforeAll(async () => {
  result = await agentPrResult();
}, 120_000);

describe('markdown PR comment', () => {
  it('leads with the verdict, has exactly one table (the summary) and folds the details', () => {
    const md = renderMarkdown(result.report, { ci: result.ci });
    const lines = md.split('\n');
    expect(lines[0]).toBe('<!-- firebreak:ci-report -->');
    expect(lines[1]).toBe('## ⛔ Firebreak: **BLOCK** · Plan: 1 to add, 1 to change, 5 to destroy, 1 to replace.');
    expect(md.match(/^\|---/gm)).toHaveLength(1);
    const s = result.report.actions.filter((a) => a.operation !== 'read').length;
    expect(md).toContain('| Actions | Blast radius | Irreversible | Rollback plan | Accepted |');
    expect(md).toMatch(new RegExp(`^\\| ${s} \\(`, 'm'));
    for (const section of ['Why', 'Actions', 'Blast radius', 'Rollback plan', 'Changed files']) expect(md).toMatch(new RegExp(`<details><summary>${section} \\(`));
    expect(md).toContain('Agent-authored pull request');
    expect(md).toContain('`scripts/cleanup.sh:4`');
  });

  it('stays under GitHub\'s limit with a note and the link when the report is huge', () => {
    const action = result.report.actions[0];
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...action, id: `a${i + 1}`, target: { ...action.target, id: `aws_s3_bucket.b${i}_${'x'.repeat(40)}` } }));
    const huge = { ...result.report, actions: many, reasons: many.map((a) => ({ rule: 'production-delete', decision: 'escalate' as const, message: `deleting ${a.target.id} in production needs approval`, actionId: a.id })) };
    const md = renderMarkdown(huge, { ci: result.ci, fullReportUrl: 'https://ci.example/run/1' });
    expect(md.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(COMMENT_LIMIT).toBeLessThan(65_535);
    expect(md).toContain("shortened to stay under GitHub's 65,535-character limit. [Full report](https://ci.example/run/1)");
    expect(md.split('\n')[1]).toMatch(/^## /);
    const full = renderMarkdown(result.report, { ci: result.ci, fullReportUrl: 'https://ci.example/run/1' });
    expect(full).not.toContain('shortened');
  });
});

describe('SARIF 2.1.0', () => {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The official schema is draft-04; Ajv 8 reads it once the draft-04 `id` is spelled `$id`, and its
  // language-tag pattern is not valid in JavaScript's unicode mode (unicodeRegExp: false).
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(schema);

  it('is valid against the SARIF 2.1.0 schema, and the schema does reject a broken log', () => {
    const sarif = JSON.parse(renderSarif(result.report));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...sarif, version: '2.0.0' })).toBe(false);
    expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ level: 'fatal', message: { text: 'x' } }] }] })).toBe(false);
  });

  it('has a rule per policy rule and results located at the changed file and line', () => {
    const sarif = JSON.parse(renderSarif(result.report));
    const run = sarif.runs[0];
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ruleIds).toEqual(expect.arrayContaining(['firebreak/production-data-loss', 'firebreak/production-delete']));
    const located = run.results.map((r: any) => `${r.ruleId} ${r.level} ${r.locations?.[0]?.physicalLocation.artifactLocation.uri}:${r.locations?.[0]?.physicalLocation.region?.startLine}`);
    expect(located).toContain('firebreak/production-data-loss error scripts/cleanup.sh:4');
    expect(located).toContain('firebreak/production-delete warning infra/main.tf:15');
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });
});
