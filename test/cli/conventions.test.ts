// The conventions every command follows, checked on the built CLI as a person or a script runs
// it: colour rules, short usage errors, formats, --out, stdin, --quiet/--verbose, wrapping.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { didYouMean, useColor } from '../../src/cli/conventions.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/firebreak.js');
const PLAN = join(ROOT, 'scenarios/datatalks-destroy-plan/plan.json');
const PLAN_CONFIG = join(ROOT, 'scenarios/datatalks-destroy-plan/firebreak.yaml');
const RB = 'aws --profile prod s3 rb s3://prod-invoices --force';
const ANSI = /\x1b\[/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in a clean environment: no colour hints and no terminal width unless a test gives them. */
function firebreak(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'TERM', 'GITHUB_ACTIONS']) if (!options.env || !(name in options.env)) delete env[name];
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-conventions-'));
});

describe('colour', () => {
  it('follows --no-color, NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(useColor(undefined, tty, {})).toBe(true);
    expect(useColor(undefined, pipe, {})).toBe(false);
    expect(useColor(false, tty, {})).toBe(false);
    expect(useColor(undefined, tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(undefined, tty, { NO_COLOR: '' })).toBe(true);
    expect(useColor(undefined, tty, { TERM: 'dumb' })).toBe(false);
    expect(useColor(undefined, pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(undefined, tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(undefined, pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
    expect(useColor(false, pipe, { FORCE_COLOR: '1' })).toBe(false);
  });

  it('colours a piped report only when forced, and --no-color wins before or after the command', async () => {
    expect((await firebreak(['check', '-c', RB])).stdout).not.toMatch(ANSI);
    expect((await firebreak(['check', '-c', RB], { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await firebreak(['check', '-c', RB, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await firebreak(['--no-color', 'check', '-c', RB], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await firebreak(['check', '-c', RB], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await firebreak(['scenarios', 'run', 's3-rb-force'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI); // colour marks mismatches only
  });

  it('never colours a report written to a file', async () => {
    const out = join(dir, 'forced.txt');
    await firebreak(['check', '-c', RB, '--out', out], { env: { FORCE_COLOR: '1' } });
    expect(await readFile(out, 'utf8')).not.toMatch(ANSI);
  });
});

describe('usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['a misspelt command', ['chek'], /Did you mean check\?/],
    ['a misspelt option', ['check', '--formt', 'json'], /Did you mean --format\?/],
    ['a bad choice', ['check', '-c', 'ls', '--format', 'yaml'], /Allowed choices are text, json, markdown, sarif, html/],
    ['a misspelt subcommand', ['scenarios', 'rn'], /Did you mean run\?/],
    ['a missing argument', ['explain'], /missing required argument/],
  ];
  it.each(cases)('%s: exit 3, a few lines on stderr with where the help is, never the whole help', async (_, args, hint) => {
    const run = await firebreak(args);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(hint);
    expect(run.stderr).toMatch(/^firebreak: /);
    expect(run.stderr).toMatch(/\(run `firebreak[a-z ]*--help` for usage\)/);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
    expect(run.stderr).not.toMatch(/Options:|Commands:/);
  });

  it('names the closest scenario instead of listing them all', async () => {
    const run = await firebreak(['scenarios', 'run', 'wiper']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^firebreak: unknown scenario "wiper"; did you mean amazon-q-wiper\? \(firebreak scenarios list shows all \d+\)\n$/);
  });

  it('did-you-mean finds near names and parts of names, and nothing far away', () => {
    const names = ['amazon-q-wiper', 'kms-key-deletion', 's3-rb-force'];
    expect(didYouMean('kms-key-deleton', names)).toBe('kms-key-deletion');
    expect(didYouMean('wiper', names)).toBe('amazon-q-wiper');
    expect(didYouMean('terraform', names)).toBeUndefined();
  });
});

describe('check --format, --out, --quiet, --verbose', () => {
  it('offers every format ci offers', async () => {
    const markdown = await firebreak(['check', '-c', RB, '--format', 'markdown']);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toMatch(/^<!-- firebreak:ci-report -->\n## ⛔ Firebreak: \*\*BLOCK\*\* · Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace\./);
    const sarif = JSON.parse((await firebreak(['check', '-c', RB, '--format', 'sarif'])).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect((await firebreak(['check', '-c', RB, '--format', 'html'])).stdout).toMatch(/^<!doctype html>/i);
  });

  it('--quiet prints the one-line verdict and keeps the exit code', async () => {
    const run = await firebreak(['check', '-c', RB, '--quiet']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('BLOCK  Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace.\n');
    expect((await firebreak(['check', '-c', 'ls', '-q'])).stdout).toBe('PASS  No changes: 0 to add, 0 to change, 0 to destroy, 0 to replace.\n');
  });

  it('--out writes the report in the format asked for and prints the verdict', async () => {
    const out = join(dir, 'report.sarif');
    const run = await firebreak(['check', '-c', RB, '-f', 'sarif', '-o', out]);
    expect(run.stdout.split('\n')[0]).toBe('BLOCK  Plan: 0 to add, 0 to change, 1 to destroy, 0 to replace.');
    expect(JSON.parse(await readFile(out, 'utf8')).version).toBe('2.1.0');
  });

  it('cuts long sections with a way to see them, and --verbose shows every row', async () => {
    const short = await firebreak(['check', '--plan', PLAN, '--config', PLAN_CONFIG]);
    const cuts = short.stdout.split('\n').filter((l) => /^\s*\.\.\. \d+ more/.test(l));
    expect(cuts.length).toBeGreaterThan(0);
    for (const cut of cuts) expect(cut).toMatch(/--verbose shows all/);
    const verbose = await firebreak(['check', '--plan', PLAN, '--config', PLAN_CONFIG, '--verbose']);
    expect(verbose.stdout).not.toMatch(/\.\.\. \d+ more/);
    const report = JSON.parse((await firebreak(['check', '--plan', PLAN, '--config', PLAN_CONFIG, '-f', 'json'])).stdout);
    for (const action of report.actions) expect(verbose.stdout).toContain(action.target.id);
    for (const resource of report.blastRadius.resources) expect(verbose.stdout).toContain(resource.id);
  });
});

describe('- reads stdin', () => {
  it('a plan piped in is judged like the file, and named <stdin>', async () => {
    const text = await readFile(PLAN, 'utf8');
    const piped = await firebreak(['check', '-', '--config', PLAN_CONFIG, '-f', 'json'], { input: text });
    const file = await firebreak(['check', PLAN, '--config', PLAN_CONFIG, '-f', 'json']);
    expect(piped.code).toBe(2);
    const [a, b] = [JSON.parse(piped.stdout), JSON.parse(file.stdout)];
    expect(a.verdict).toBe(b.verdict);
    expect(a.summary).toEqual(b.summary);
    expect(a.actions[0].source.file).toBe('<stdin>');
    expect(piped.stdout).not.toMatch(/firebreak-stdin-/);
    expect((await firebreak(['check', '--plan', '-', '--config', PLAN_CONFIG, '-q'], { input: text })).stdout).toMatch(/^BLOCK {2}Plan: 0 to add, 0 to change, 26 to destroy/);
  });

  it('--command - reads the command, a script piped in is read as a script', async () => {
    expect((await firebreak(['check', '-c', '-', '-q'], { input: `${RB}\n` })).code).toBe(2);
    expect((await firebreak(['check', '-', '-q'], { input: `#!/bin/sh\n${RB}\n` })).code).toBe(2);
    expect((await firebreak(['check', '-', '-q'], { input: 'ls -la\n' })).code).toBe(0);
  });

  it('refuses two inputs from stdin and an empty one, with exit 3', async () => {
    const twice = await firebreak(['check', '-', '--plan', '-'], { input: '{}' });
    expect(twice.code).toBe(3);
    expect(twice.stderr).toMatch(/only one input can be read from stdin/);
    const empty = await firebreak(['check', '-']);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toBe('firebreak: <stdin>: file is empty\n');
  });
});

describe('text fits the terminal', () => {
  it('wraps prose to COLUMNS and leaves commands whole to copy', async () => {
    const run = await firebreak(['check', '--plan', PLAN, '--config', PLAN_CONFIG, '--verbose'], { env: { COLUMNS: '80' } });
    const long = run.stdout.split('\n').filter((l) => l.length > 80);
    expect(long.length).toBeGreaterThan(0);
    // What is longer is a command to copy, or a table row of ids and types.
    for (const line of long) expect(line, line).toMatch(/^\s+\$ |^\s+a\d+\s+\w+\s|^\s+(deleted|modified|replaced|created|disrupted)\s/);
    const unwrapped = await firebreak(['check', '--plan', PLAN, '--config', PLAN_CONFIG, '--verbose']);
    expect(unwrapped.stdout.split('\n').some((l) => l.length > 200 && !/^\s+\$ /.test(l))).toBe(true);
  });
});

describe('each action stated once', () => {
  it('in the text report: the action sentence once, every rule beneath it', async () => {
    const run = await firebreak(['check', '-c', RB]);
    const why = run.stdout.slice(run.stdout.indexOf('\nWhy\n'), run.stdout.indexOf('\nActions\n'));
    expect(why.match(/deletes AWS::S3::Bucket prod-invoices/g)).toHaveLength(1);
    for (const rule of ['production-data-loss', 'production-irreversible', 'production-delete']) expect(why).toMatch(new RegExp(`^ {6}[x!] \\[${rule}\\] \\S`, 'm'));
  });

  it('in explain', async () => {
    const run = await firebreak(['explain', 'prod-invoices', '-c', RB, '--config', join(ROOT, 'scenarios/s3-rb-force/firebreak.yaml')]);
    const policy = run.stdout.slice(run.stdout.indexOf('Policy:'));
    expect(run.code, run.stderr).toBe(0);
    expect(policy.match(/deletes AWS::S3::Bucket prod-invoices/g)).toHaveLength(1);
    expect(policy).toMatch(/^ {4}\[production-irreversible\] This cannot be undone\.$/m);
    // Evidence once each: the bare flag is not repeated beside the sentences that explain it.
    expect(run.stdout).not.toMatch(/^ {2}- --force$/m);
  });

  it('explain of a resource outside the blast radius is an error on stderr, exit 3', async () => {
    const run = await firebreak(['explain', 'aws_nothing.here', '-c', 'ls']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^firebreak: aws_nothing\.here is not in the blast radius/);
  });

  it('in the hook denial', async () => {
    const payload = JSON.stringify({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: RB }, cwd: dir, session_id: 's1' });
    const run = await firebreak(['hook', '--agent', 'claude-code'], { input: payload });
    const message: string = JSON.parse(run.stdout).hookSpecificOutput.permissionDecisionReason;
    expect(message.match(/deletes AWS::S3::Bucket prod-invoices/g)).toHaveLength(1);
    expect(message).toMatch(/^ {2}- \[production-irreversible\] This cannot be undone\.$/m);
  });
});

describe('scenarios', () => {
  it('run: each row has its title, and a legend says what the columns mean', async () => {
    const run = await firebreak(['scenarios', 'run', 's3-rb-force', 'sg-open-to-world']);
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n');
    expect(rows[0]).toMatch(/^scenario\s+expected\s+got\s+blast radius\s+irreversible\s+time\s+result\s+title$/);
    expect(rows.find((r) => r.startsWith('s3-rb-force'))).toMatch(/ok\s+Agent force-removes the production invoices bucket with aws s3 rb --force$/);
    for (const column of ['expected / got', 'blast radius', 'irreversible', 'time', 'result']) expect(run.stdout).toMatch(new RegExp(`^${column}\\s{2,}\\S`, 'm'));
    expect(run.stdout).toContain('firebreak scenarios show <scenario>');
  });

  it('run --quiet: one line', async () => {
    expect((await firebreak(['scenarios', 'run', 's3-rb-force', '-q'])).stdout).toBe('1 of 1 scenarios as expected\n');
  });

  it('show NAME: the story and the full report of one scenario', async () => {
    const run = await firebreak(['scenarios', 'show', 'datatalks-destroy-plan', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^datatalks-destroy-plan: A saved destroy plan of the production stack/);
    expect(run.stdout).toMatch(/expected block, got block: as expected/);
    expect(run.stdout).toMatch(/^BLOCK {2}Plan: 0 to add, 0 to change, 26 to destroy, 0 to replace\.$/m);
    expect(run.stdout).toContain('aws_db_instance.main');
    expect(run.stdout).not.toMatch(/\.\.\. \d+ more/);
    const json = JSON.parse((await firebreak(['scenarios', 'show', 'datatalks-destroy-plan', '-f', 'json'])).stdout);
    expect(json.verdict).toBe('block');
  });
});
