import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { publicFixtures } from '../terraform/helpers.js';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const BIN = join(ROOT, 'bin/firebreak.js');
const SCENARIOS = join(ROOT, 'scenarios');
const FIXTURES = publicFixtures().replace(/\/$/, '');

async function firebreak(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-cli-'));
});

describe('firebreak check: exit codes', () => {
  it('passes a local command with exit 0 and says nothing infrastructure-related was found', async () => {
    const result = await firebreak(['check', '--command', 'ls -la']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS/);
  });

  it('blocks rm -rf of the home directory with exit 2', async () => {
    const result = await firebreak(['check', '--command', 'rm -rf tests/ patches/ plan/ ~/']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^BLOCK/);
  });

  it('escalates an unknown command with exit 1, never passes it', async () => {
    const result = await firebreak(['check', '--command', 'frobnicate --all-the-things --host db.prod.example.net']);
    expect(result.code).toBe(1);
  });

  it('resolves a stack delete to every resource of the stack given with --stack', async () => {
    const stack = `costexplorer-prod=${join(SCENARIOS, 'kiro-cost-explorer/template.yaml')}`;
    const result = await firebreak(['check', '--stack', stack, '--command', 'aws --profile prod cloudformation delete-stack --stack-name costexplorer-prod', '--format', 'json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.blastRadius.resources.map((r: { id: string }) => r.id)).toContain('costexplorer-prod/CostTable');
    expect(report.blastRadius.counts.total).toBeGreaterThanOrEqual(20);
  });
});

describe('firebreak check: bad input never passes', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['truncated.json', '{"format_version":"1.2","resource_changes":[{"address":"aws_s3_bucket.b",', /truncated\.json.*line 1/],
    ['empty.json', '', /empty/],
    ['garbage.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 255]), /binary/],
    ['unknown.json', '{"hello": "world"}', /unknown kind/],
    ['future-plan.json', '{"format_version":"2.0","resource_changes":[]}', /format_version|2\.0/],
    ['notes.yaml', 'just: some\nyaml: file\n', /not a recognised input/],
  ];
  it.each(cases)('%s exits 3 with the file named', async (name, content, message) => {
    const file = join(dir, name);
    await writeFile(file, content);
    const result = await firebreak(['check', file]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(name);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 3 when given nothing to check', async () => {
    const result = await firebreak(['check']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/nothing to check/);
  });

  it('exits 3 on an unknown flag', async () => {
    expect((await firebreak(['check', '--frobnicate'])).code).toBe(3);
  });
});

describe('firebreak check --out', () => {
  it('writes the JSON report atomically, leaves no temp file behind and still prints the one-line verdict', async () => {
    const out = join(dir, 'report.json');
    const result = await firebreak(['check', '--command', 'kubectl delete ns production', '--format', 'json', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(`BLOCK  Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace.\nreport written to ${out} (json)\n`);
    const report = JSON.parse(await readFile(out, 'utf8'));
    expect(report.schemaVersion).toBe('2.0');
    expect(report.summary.text).toMatch(/to add, \d+ to change, \d+ to destroy, \d+ to replace/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('firebreak explain', () => {
  it('shows the dependency path of a disrupted resource', async () => {
    const state = join(SCENARIOS, 'datatalks-terraform-destroy/terraform.state.json');
    const report = JSON.parse((await firebreak(['check', '--state', state, '--command', 'terraform destroy -auto-approve', '--format', 'json'])).stdout);
    const db = report.blastRadius.resources.find((r: { id: string }) => r.id === 'aws_db_instance.main');
    expect(db).toBeDefined();
    const result = await firebreak(['explain', 'aws_db_instance.main', '--state', state, '--command', 'terraform destroy -auto-approve']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('aws_db_instance.main');
    expect(result.stdout).toMatch(/skip_final_snapshot/);
  });

  it('exits 3 for a resource that is not in the blast radius', async () => {
    const result = await firebreak(['explain', 'aws_nothing.here', '--command', 'ls']);
    expect(result.code).toBe(3);
  });
});

describe('--help', () => {
  it.each([[[]], [['check']], [['explain']], [['scenarios', 'run']]])('firebreak %j --help exits 0 with usage', async (args) => {
    const result = await firebreak([...args, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: firebreak/);
  });
});

describe('public third-party plans', () => {
  it('reads every public Terraform plan and never passes one that changes something', async () => {
    const files = [
      ...(await readdir(join(FIXTURES, 'terraform-json'), { recursive: true })).filter((f) => f.endsWith('plan.json')).map((f) => join(FIXTURES, 'terraform-json', f)),
      ...(await readdir(join(FIXTURES, 'infracost'))).filter((f) => f.endsWith('.json')).map((f) => join(FIXTURES, 'infracost', f)),
    ];
    expect(files.length).toBeGreaterThan(15);
    for (const file of files) {
      const result = await firebreak(['check', '--plan', file, '--format', 'json']);
      if (result.code === 3) {
        expect(result.stderr).toContain(file.split('/').pop()!);
        continue;
      }
      const report = JSON.parse(result.stdout);
      const changes = report.actions.filter((a: { operation: string }) => a.operation !== 'read');
      if (changes.length > 0) expect(report.verdict, file).not.toBe('pass');
    }
  }, 120_000);
});
