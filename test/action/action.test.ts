// The GitHub Action, run as the runner runs it: action.yml parsed, its `run:` steps executed by
// bash with GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, against a real git repository, installing
// the packed CLI (the tarball `npm pack` makes, as a release would publish it). Only
// actions/setup-node is skipped: this process's Node 24 is on PATH instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAction, parseKeyValueFile, runAction, type ActionRun } from './run-action.js';
import { formatStepOutputs, stepOutputs } from '../../src/ci/step-outputs.js';
import { check } from '../../src/pipeline.js';

const ROOT = resolve(import.meta.dirname, '../..');
let work: string;
let tarball: string;
let runnerTemp: string;

const BASE_TF = `resource "aws_s3_bucket" "assets" {
  bucket = "assets-example"
}

resource "aws_db_instance" "main" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  skip_final_snapshot = true
}
`;
const HEAD_TF = `resource "aws_s3_bucket" "assets" {
  bucket = "assets-example"
}
`;

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8' }).trim();
}

function makeRepo(name: string, change: (dir: string) => void): string {
  const dir = join(work, name);
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'main.tf'), BASE_TF);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  change(dir);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'change');
  return dir;
}

/** How this machine reaches the package registry (its CA bundle, proxy, registry), as a runner's own
 *  environment would: the action installs the packed CLI with npm, which fetches the dependencies it
 *  does not find in the cache. */
function machineNetwork(): Record<string, string> {
  const names = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'https_proxy', 'http_proxy', 'no_proxy', 'npm_config_registry', 'npm_config_cafile'];
  return Object.fromEntries(names.flatMap((n) => (process.env[n] ? [[n, process.env[n]!]] : [])));
}

function action(repo: string, inputs: Record<string, string>): ActionRun {
  // The clone's own bin/ and node_modules/.bin are not on PATH: only Node and the system.
  const path = [dirname(process.execPath), ...process.env.PATH!.split(':').filter((p) => !p.startsWith(ROOT))].join(':');
  return runAction({
    actionPath: ROOT,
    workspace: repo,
    inputs: { version: tarball, 'node-version': '', comment: 'false', ...inputs },
    env: { PATH: path, HOME: process.env.HOME ?? work, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', NO_COLOR: '1', ...machineNetwork() },
    skipUses: ['actions/setup-node@'],
    runnerTemp,
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'firebreak-action-'));
  runnerTemp = join(work, 'runner-temp');
  mkdirSync(runnerTemp);
  // --ignore-scripts: the test suite has built dist/ already; prepack would build it again.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[];
  tarball = join(work, packed[0].filename);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('action.yml', () => {
  const spec = loadAction(ROOT);

  it('installs the packed CLI instead of building Firebreak on every job', () => {
    const scripts = spec.runs.steps.map((s) => s.run ?? '').join('\n');
    expect(scripts).not.toMatch(/npm (ci|run build)|tsc |bundle\.mjs/);
    expect(scripts).toMatch(/npm install --global --prefix/);
  });

  it('declares every output `firebreak ci --github-output` writes, and nothing it does not', async () => {
    const { report } = await check({ commands: ['ls'], implicitConfig: false });
    const written = Object.keys(parseKeyValueFile(formatStepOutputs(stepOutputs(report, 'pass', 0, {}))));
    expect(Object.keys(spec.outputs).sort()).toEqual(written.sort());
    for (const [name, output] of Object.entries(spec.outputs)) expect(output.value).toBe(`\${{ steps.firebreak.outputs.${name} }}`);
  });
});

describe('the action on a pull request that deletes a production database', () => {
  let run: ActionRun;
  let repo: string;
  beforeAll(() => {
    repo = makeRepo('deletes-db', (dir) => writeFileSync(join(dir, 'main.tf'), HEAD_TF));
    run = action(repo, { base: 'HEAD~1', head: 'HEAD', markdown: 'firebreak.md' });
  }, 300_000);

  it('installs the tarball and runs the installed CLI', () => {
    const install = run.steps.find((s) => s.name === 'Install Firebreak')!;
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toMatch(/\d+\.\d+\.\d+/);
    expect(install.outputs.bin).toBe(join(runnerTemp, 'firebreak-cli', 'bin', 'firebreak'));
    expect(run.steps[0].skipped).toMatch(/^actions\/setup-node@/);
  });

  it('fails the step with the block exit code and exposes the verdict and counts', () => {
    const step = run.steps.find((s) => s.name === 'Run firebreak ci')!;
    expect(step.code, step.stderr).toBe(2);
    expect(run.code).toBe(2);
    expect(run.outputs).toMatchObject({
      verdict: 'block',
      'report-verdict': 'block',
      'exit-code': '2',
      add: '0',
      change: '0',
      destroy: '1',
      replace: '0',
      actions: '1',
      'blast-radius': '1',
      irreversible: '1',
      'cannot-be-undone': '1',
      accepted: '0',
    });
    expect(run.outputs.summary).toBe('Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace.');
  });

  it('writes the reports where its outputs say', () => {
    expect(run.outputs['json-report']).toBe('firebreak-report.json');
    expect(run.outputs['sarif-report']).toBe('firebreak.sarif');
    expect(run.outputs['html-report']).toBe('firebreak-report.html');
    expect(run.outputs['markdown-report']).toBe('firebreak.md');
    const report = JSON.parse(readFileSync(join(repo, run.outputs['json-report']), 'utf8'));
    expect(report.verdict).toBe('block');
    expect(report.summary.destroy).toBe(1);
    expect(JSON.parse(readFileSync(join(repo, run.outputs['sarif-report']), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(join(repo, run.outputs['html-report']), 'utf8')).toMatch(/^<!doctype html>/i);
    expect(readFileSync(join(repo, run.outputs['markdown-report']), 'utf8')).toContain('aws_db_instance.main');
  });

  it('annotates the file with one annotation per action, its rules in the title', () => {
    const stdout = run.steps.find((s) => s.name === 'Run firebreak ci')!.stdout;
    const errors = stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error file=main\.tf,title=Firebreak block%3A production-data-loss%2C production-irreversible/);
    expect(errors[0].match(/a1 deletes aws_db_instance\.main/g)).toHaveLength(1);
    expect(stdout).toMatch(/^::notice title=Firebreak BLOCK::Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace\.$/m);
  });

  it('writes the job summary', () => {
    expect(run.summary).toMatch(/^## ⛔ Firebreak: \*\*BLOCK\*\* · Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace\./);
    expect(run.summary).toContain('aws_db_instance.main');
    expect(run.summary).not.toContain('<!-- firebreak:ci-report -->');
  });
});

describe('the action on a harmless pull request, installed once per job', () => {
  it('passes, exits 0, reuses the installed CLI and says so in its outputs', () => {
    const repo = makeRepo('docs-only', (dir) => writeFileSync(join(dir, 'README.md'), '# notes\n'));
    const run = action(repo, { base: 'HEAD~1', head: 'HEAD', sarif: '', html: '' });
    expect(run.code, run.steps.map((s) => s.stderr).join('\n')).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', 'exit-code': '0', destroy: '0', 'sarif-report': '', 'html-report': '' });
    expect(existsSync(join(repo, 'firebreak.sarif'))).toBe(false);
    expect(run.steps.find((s) => s.name === 'Install Firebreak')!.stdout).toMatch(/already installed/);
  }, 300_000);
});

describe('the action when nothing can be judged', () => {
  it('says error with exit code 3, never pass', () => {
    const repo = makeRepo('bad-base', (dir) => writeFileSync(join(dir, 'README.md'), '# notes\n'));
    const run = action(repo, { base: 'no-such-revision', head: 'HEAD' });
    expect(run.code).toBe(3);
    expect(run.outputs.verdict).toBe('error');
    expect(run.outputs['exit-code']).toBe('3');
  }, 300_000);
});
