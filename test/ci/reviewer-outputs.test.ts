// What a reviewer gets from `firebreak ci` on a real git repository: commands shown exactly as
// they run, SARIF that places a deleted resource where it was in the base revision and explains
// each rule, accepted findings as suppressions, GitHub annotations and the job summary, and
// Terraform's summary line at the top of every format.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { runCi, type CiResult } from '../../src/ci/gate.js';
import { annotations } from '../../src/ci/annotations.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderReport } from '../../src/report/render.js';
import { renderHtml } from '../../src/report/html/index.js';
import { lineOf, TempRepo } from './helpers.js';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'bin/firebreak.js');
const NOW = new Date('2026-12-05T12:00:00Z');

const COMMAND = 'aws --profile prod s3 rm "s3://orders-archive/`date +%F`/" --recursive > /tmp/rm.log 2>&1';
const MAIN_TF = `resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  skip_final_snapshot = true
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs-example"
}
`;
const CONFIG = 'version: 1\nenvironments:\n  prod:\n    production: true\n    match: {profiles: [prod], terraform: {addresses: ["*"]}}\n';

let repo: TempRepo;
let base: string;
let result: CiResult;

beforeAll(async () => {
  repo = new TempRepo();
  base = repo.commit('base', { 'infra/main.tf': MAIN_TF, 'firebreak.yaml': CONFIG, 'scripts/keep.sh': '#!/bin/sh\necho hi\n' });
  repo.commit('remove the database, add a cleanup script', {
    'infra/main.tf': MAIN_TF.replace(/resource "aws_db_instance" "orders" \{[\s\S]*?\n\}\n\n/, ''),
    'scripts/cleanup.sh': `#!/bin/sh\nset -e\n${COMMAND} && echo "done" | tee -a audit.log\n`,
  });
  result = await runCi({ cwd: repo.dir, base, head: 'HEAD', failOn: 'escalate', config: join(repo.dir, 'firebreak.yaml'), now: NOW, noFetch: true });
}, 120_000);

describe('the Markdown comment shows commands exactly as they run', () => {
  it('in a fenced block, with no HTML entities and the backticks kept', () => {
    const md = renderMarkdown(result.report, { ci: result.ci });
    const fences = [...md.matchAll(/^( *)(`{3,})sh\n([\s\S]*?)\n\1\2$/gm)].map((m) => m[3].split('\n').map((l) => l.slice(m[1].length)).join('\n'));
    expect(fences).toContain(COMMAND);
    expect(fences.some((f) => f.includes(' && ') && f.includes('"$('))).toBe(true); // the rollback's re-apply, as it runs
    for (const fence of fences) expect(fence).not.toMatch(/&gt;|&amp;|&lt;/);
    expect(md).not.toContain("'date");
  });

  it('a command that itself holds ``` gets a longer fence', async () => {
    const { fenced, code } = await import('../../src/report/markdown.js');
    expect(fenced('echo ```x```')).toBe('````\necho ```x```\n````');
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x`')).toBe('`` `x` ``');
  });
});

describe('SARIF for reviewers', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/report/fixtures/sarif-2.1.0-rtm.5.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  const validate = ajv.compile(schema);

  it('places the deleted database at its block in the base revision, and says so', () => {
    const sarif = JSON.parse(renderSarif(result.report, { repositoryUrl: 'https://github.com/acme/infra' }));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    const db = run.results.find((r: any) => r.properties.target === 'infra:aws_db_instance.orders' && r.ruleId === 'firebreak/production-data-loss');
    const start = lineOf(MAIN_TF, 'resource "aws_db_instance" "orders"');
    const end = lineOf(MAIN_TF, 'skip_final_snapshot') + 1;
    expect(db).toBeDefined();
    expect(db.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'infra/main.tf', uriBaseId: 'SRCROOT' }, region: { startLine: start, endLine: end } });
    expect(db.properties.baseRevision).toBe(result.ci.from);
    const related = db.relatedLocations[0].physicalLocation;
    expect(related.artifactLocation.uriBaseId).toBe(`BASE_${result.ci.from.slice(0, 12)}`);
    expect(run.originalUriBaseIds[related.artifactLocation.uriBaseId].uri).toBe(`https://github.com/acme/infra/blob/${result.ci.from}/`);
    expect(db.message.text).toMatch(new RegExp(`declared at infra/main.tf:${start} in the base revision`));
  });

  it('every rule carries help text and a helpUri', () => {
    const run = JSON.parse(renderSarif(result.report)).runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThan(0);
    for (const rule of run.tool.driver.rules) {
      expect(rule.helpUri).toMatch(/^https:\/\/firebreak\.dev\/docs\/policy#rule-/);
      expect(rule.help.text.length).toBeGreaterThan(40);
      expect(rule.help.markdown).toContain('[About this rule]');
    }
    const dataLoss = run.tool.driver.rules.find((r: any) => r.id === 'firebreak/production-data-loss');
    expect(dataLoss.fullDescription.text).toBe('Deleting or replacing a stateful production resource loses its data.');
    expect(dataLoss.help.text).toMatch(/owned exception|exception to the policy/);
  });

  it('opens with the summary line', () => {
    const run = JSON.parse(renderSarif(result.report)).runs[0];
    expect(Object.keys(run)[0]).toBe('properties');
    expect(run.properties.summary).toBe(result.report.summary.text);
  });
});

describe("Terraform's line opens every format", () => {
  it('counts what the change does', () => {
    expect(result.report.summary).toMatchObject({ destroy: 1 });
    expect(result.report.summary.text).toMatch(/^Plan: \d+ to add, \d+ to change, 1 to destroy, \d+ to replace\.$/);
  });

  it('text, JSON, Markdown and HTML', async () => {
    const line = result.report.summary.text;
    expect(renderReport(result.report, 'text').split('\n')[0]).toBe(`ESCALATE  ${line}`.replace('ESCALATE', result.report.verdict.toUpperCase()));
    expect(Object.keys(JSON.parse(renderReport(result.report, 'json'))).slice(0, 2)).toEqual(['schemaVersion', 'summary']);
    expect(renderMarkdown(result.report, { ci: result.ci }).split('\n')[1]).toContain(line);
    expect(await renderHtml(result.report, { ci: result.ci })).toContain(`<p class="summary" id="plan-summary">${line}`);
  });
});

describe('GitHub annotations and the job summary', () => {
  it('an annotation per finding at its file and line; the removed resource without a head line', () => {
    const lines = annotations(result.report);
    expect(lines[0]).toBe(`::notice title=Firebreak ${result.report.verdict.toUpperCase()}::${result.report.summary.text}`);
    const script = lines.find((l) => l.includes('file=scripts/cleanup.sh'));
    expect(script).toMatch(/^::(error|warning) file=scripts\/cleanup\.sh,line=3,title=Firebreak (block|escalate)%3A /);
    const db = lines.find((l) => l.includes('file=infra/main.tf') && l.includes('aws_db_instance.orders'));
    expect(db).toBeDefined();
    expect(db).not.toMatch(/,line=/);
    expect(db).toMatch(/removed; it was at line 5 in [0-9a-f]{7}\)/);
    for (const l of lines) expect(l.split('::').length).toBeGreaterThanOrEqual(3);
  });

  it('escapes what would end a workflow command', () => {
    const odd = { ...result.report, reasons: [{ rule: 'x', decision: 'block' as const, message: 'line one\nline two: 100% sure, really' }] };
    expect(annotations(odd)[1]).toBe('::error title=Firebreak block%3A x::line one%0Aline two: 100%25 sure, really');
  });

  it('the CLI in GitHub Actions writes annotations and appends the job summary', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'firebreak-summary-')), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, NO_COLOR: "1" };
    delete env.GITHUB_EVENT_PATH;
    const out = await run('node', [BIN, 'ci', '--base', base, '--head', 'HEAD', '--config', 'firebreak.yaml', '--no-fetch'], { cwd: repo.dir, env }).catch((e) => e);
    expect(out.code).toBeGreaterThan(0);
    expect(out.stdout.split('\n')[0]).toMatch(/^(BLOCK|ESCALATE) {2}Plan: /);
    expect(out.stdout).toMatch(/^::(error|warning) file=scripts\/cleanup\.sh,line=3/m);
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# earlier step\n## ')).toBe(true);
    expect(written).toContain(COMMAND);
    expect(written).not.toContain('<!-- firebreak:ci-report -->');
  });

  it('with a machine format on stdout the annotations go to stderr and stdout stays valid JSON', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: "true", NO_COLOR: "1" };
    delete env.GITHUB_STEP_SUMMARY;
    delete env.GITHUB_EVENT_PATH;
    const out = await run('node', [BIN, 'ci', '--base', base, '--config', 'firebreak.yaml', '--no-fetch', '-f', 'json'], { cwd: repo.dir, env }).catch((e) => e);
    expect(JSON.parse(out.stdout).summary.text).toBe(result.report.summary.text);
    expect(out.stderr).toMatch(/^::notice title=Firebreak/m);
  });
});

describe('an errored plan in CI is refused, naming the field', () => {
  it('exit 3 with errored, never a pass', async () => {
    const plan = join(ROOT, 'test/terraform/fixtures/real/terraform-1.11.4/errored.plan.json');
    const out = await run('node', [BIN, 'ci', '--base', base, '--plan', plan, '--no-fetch'], { cwd: repo.dir, env: { ...process.env, GITHUB_EVENT_PATH: '' } }).catch((e) => e);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/errored\.plan\.json: errored: Terraform plan: the plan is marked errored: true/);
  });
});
