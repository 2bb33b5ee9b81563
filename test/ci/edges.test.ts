import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCi } from '../../src/ci/gate.js';
import { main } from '../../src/cli/main.js';
import { MAIN_TF_BASE, NET_TF, TABLE_BASE } from './fixtures.js';
import { TempRepo } from './helpers.js';

const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  repos.forEach((r) => r.remove());
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function repo(): TempRepo {
  const r = new TempRepo();
  repos.push(r);
  return r;
}

describe('fail closed', () => {
  it('an unparsable .tf file in the change escalates, naming the file and the parser\'s reason', async () => {
    const r = repo();
    const base = r.commit('base', { 'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n' });
    const head = r.commit('broken', { 'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n', 'ok.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
    const { report, exitCode } = await runCi({ cwd: r.dir, base, head, failOn: 'escalate', noFetch: true });
    const broken = report.actions.find((a) => a.target.id === 'main.tf')!;
    expect(broken).toMatchObject({ operation: 'unknown', source: { file: 'main.tf', kind: 'hcl' } });
    expect(broken.evidence[0].message).toMatch(/main\.tf is changed but could not be read: .*(Unclosed configuration block|not closed)/);
    // Its resource is not reported as deleted just because the head could not be read.
    expect(report.actions.filter((a) => a.operation === 'delete')).toEqual([]);
    expect(report.verdict).not.toBe('pass');
    expect(exitCode).toBeGreaterThan(0);
  }, 60_000);

  it('an unparsable CloudFormation template in the change escalates with the file', async () => {
    const r = repo();
    const base = r.commit('base', { 'stack.yaml': TABLE_BASE });
    const head = r.commit('broken', { 'stack.yaml': TABLE_BASE.replace('Resources:\n', 'Resources:\n  Bad: [unclosed\n') });
    const { report } = await runCi({ cwd: r.dir, base, head, failOn: 'escalate', noFetch: true });
    const broken = report.actions.find((a) => a.details?.unparsable);
    expect(broken?.source.file).toBe('stack.yaml');
    expect(broken?.operation).toBe('unknown');
    expect(report.verdict).not.toBe('pass');
  }, 60_000);
});

describe('modules and instances', () => {
  it('removing a local module call destroys every resource in it, addressed under the call', async () => {
    const r = repo();
    const base = r.commit('base', { 'main.tf': MAIN_TF_BASE, 'modules/net/main.tf': NET_TF });
    const head = r.commit('drop module', { 'main.tf': MAIN_TF_BASE.replace(/module "net" \{[^}]*\}\n/, '') });
    const { report } = await runCi({ cwd: r.dir, base, head, failOn: 'escalate', noFetch: true });
    expect(report.actions.map((a) => [a.operation, a.target.id])).toEqual([['delete', 'module.net.aws_subnet.a']]);
  }, 60_000);

  it('a count that shrinks destroys the instances beyond it; a non-literal count cannot be bounded', async () => {
    const r = repo();
    const base = r.commit('base', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  count = 3\n  name  = "q-${count.index}"\n}\n' });
    const mid = r.commit('shrink', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  count = 1\n  name  = "q-${count.index}"\n}\n' });
    const head = r.commit('variable', { 'main.tf': 'variable "n" {}\nresource "aws_sqs_queue" "q" {\n  count = var.n\n  name  = "q-${count.index}"\n}\n' });
    const shrink = await runCi({ cwd: r.dir, base, head: mid, failOn: 'escalate', noFetch: true });
    expect(shrink.report.actions.map((a) => [a.operation, a.target.address])).toEqual([['delete', 'aws_sqs_queue.q[1]'], ['delete', 'aws_sqs_queue.q[2]']]);
    const variable = await runCi({ cwd: r.dir, base: mid, head, failOn: 'escalate', noFetch: true });
    expect(variable.report.actions.map((a) => a.operation)).toEqual(['unknown']);
  }, 60_000);

  it('a plan JSON, when given, replaces the .tf comparison', async () => {
    const r = repo();
    const base = r.commit('base', { 'main.tf': MAIN_TF_BASE });
    const head = r.commit('change', { 'main.tf': MAIN_TF_BASE.replace('"orders-prod"', '"orders-prod-2"') });
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: [{ address: 'aws_sqs_queue.only', mode: 'managed', type: 'aws_sqs_queue', name: 'only', change: { actions: ['delete'], before: { name: 'only' }, after: null } }],
    });
    r.write({ 'plan.json': plan });
    const { report } = await runCi({ cwd: r.dir, base, head, plan: join(r.dir, 'plan.json'), failOn: 'escalate', noFetch: true });
    expect(report.actions.map((a) => [a.source.kind, a.target.id])).toEqual([['terraform-plan', 'aws_sqs_queue.only']]);
  }, 60_000);
});

describe('shallow checkouts', () => {
  function shallowClone(): { clone: string; base: string; head: string } {
    const r = repo();
    const base = r.commit('one', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
    r.commit('two', { 'README.md': 'x\n' });
    const head = r.commit('three', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q2"\n}\n' });
    const parent = mkdtempSync(join(tmpdir(), 'firebreak-shallow-'));
    dirs.push(parent);
    const clone = join(parent, 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone]);
    return { clone, base, head };
  }

  it('fetches a base revision the shallow clone does not have', async () => {
    const { clone, base, head } = shallowClone();
    expect(() => execFileSync('git', ['cat-file', '-e', `${base}^{commit}`], { cwd: clone, stdio: 'ignore' })).toThrow();
    const result = await runCi({ cwd: clone, base, head, failOn: 'escalate' });
    expect(result.ci.notes.join('\n')).toMatch(/fetched .* from origin/);
    expect(result.report.actions.map((a) => [a.operation, a.target.id])).toEqual([['replace', 'aws_sqs_queue.q']]);
  }, 60_000);

  it('says what to do, with exit code 3, when the base cannot be fetched', async () => {
    const { clone, base, head } = shallowClone();
    execFileSync('git', ['remote', 'remove', 'origin'], { cwd: clone });
    let stderr = '';
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['node', 'firebreak', 'ci', '--cwd', clone, '--base', base, '--head', head, '--format', 'json']);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`revision ${base} is not in this checkout and could not be fetched .*fetch-depth: 0`));
  }, 60_000);
});
