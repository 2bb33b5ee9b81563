// What a team installs: `npm pack`, then `npm install -g` of the tarball into a fresh prefix, and
// every entry (check, hook, ci, scenarios) run from there, with nothing from this clone on the path.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let work: string;
let prefix: string;
let tarball: string;
let files: string[];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}

function firebreak(args: string[], options: { cwd: string; input?: string }) {
  const result = spawnSync(join(prefix, 'bin', 'firebreak'), args, {
    cwd: options.cwd,
    input: options.input,
    encoding: 'utf8',
    // The installed command alone: the clone's bin/ and node_modules/.bin are not on PATH.
    env: { PATH: `${join(prefix, 'bin')}:${process.env.PATH!.split(':').filter((p) => !p.startsWith(ROOT)).join(':')}`, HOME: work },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'firebreak-pack-'));
  prefix = join(work, 'prefix');
  // --ignore-scripts: the test suite has built dist/ already; prepack would build it again.
  const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT)) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0].filename);
  files = packed[0].files.map((f) => f.path);
  npm(['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], work);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('holds the built CLI, schema, policies and scenarios, and no tests, benches or sources', () => {
    expect(files).toContain('bin/firebreak.js');
    expect(files).toContain('dist/bundle/main.js');
    expect(files).toContain('dist/bundle/hook.js');
    expect(files).toContain('dist/default-policy.json');
    expect(files).toContain('schema/report.schema.json');
    expect(files).toContain('policies/default.yaml');
    expect(files).toContain('LICENSE');
    expect(files.some((f) => f.startsWith('scenarios/'))).toBe(true);
    expect(files.filter((f) => /^(test|bench|src|\.ci|scripts)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });

  it('installs a `firebreak` that judges a command (exit codes as documented)', () => {
    expect(firebreak(['--version'], { cwd: work }).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const block = firebreak(['check', '--command', 'aws --profile prod s3 rb s3://prod-assets --force'], { cwd: work });
    expect(block.code, block.stderr).toBe(2);
    expect(block.stdout).toMatch(/BLOCK/);
    const pass = firebreak(['check', '--command', 'ls -la'], { cwd: work });
    expect(pass.code, pass.stderr).toBe(0);
  });

  it('answers as an agent hook', () => {
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'terraform destroy -auto-approve' }, cwd: work, session_id: 's1', permission_mode: 'bypassPermissions' });
    const denied = firebreak(['hook', '--agent', 'claude-code'], { cwd: work, input: payload });
    expect(denied.code).toBe(0);
    expect(JSON.parse(denied.stdout).hookSpecificOutput.permissionDecision).toBe('deny');
  });

  it('runs the incident scenarios that ship with it', () => {
    const run = firebreak(['scenarios', 'run'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/datatalks-terraform-destroy/);
  }, 120_000);

  it('gates a pull request in a real git repository', () => {
    const repo = join(work, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { stdio: 'ignore' });
    writeFileSync(join(repo, 'main.tf'), 'resource "aws_s3_bucket" "data" {\n  bucket = "prod-data"\n}\n');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    writeFileSync(join(repo, 'main.tf'), '# bucket removed\n');
    git('commit', '-q', '-am', 'remove the bucket');
    const gate = firebreak(['ci', '--base', 'HEAD~1', '--head', 'HEAD'], { cwd: repo });
    expect([1, 2], `${gate.stdout}\n${gate.stderr}`).toContain(gate.code);
    expect(gate.stdout).toMatch(/aws_s3_bucket\.data/);
  });
});
