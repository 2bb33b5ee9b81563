// bin/firebreak.js checks a large plan (>= 4 MB) in a child started with V8 flags that cost less
// CPU on a seconds-long run (see there). The child's answer must be the parent's: the same exit
// code, the same report, and an unreadable plan still reported the same way.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTerraformPlan } from '../../bench/generate-terraform.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'firebreak.js');
let dir: string;

/** A preload that records each process's V8 flags, to see which process judged. */
const RECORD = 'record-exec-argv.cjs';

function check(plan: string, reexec: boolean) {
  const log = join(dir, `exec-argv-${reexec}.log`);
  writeFileSync(log, '');
  const env = { ...process.env, CI: '', FIREBREAK_RESIDENT: '0', FIREBREAK_CHECK_REEXEC: reexec ? '1' : '0', RECORD_EXEC_ARGV: log };
  const out = spawnSync(process.execPath, ['--require', join(dir, RECORD), BIN, 'check', '--plan', plan, '--format', 'json', '--now', '2026-01-01T00:00:00Z'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const processes = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: out.status, stdout: out.stdout, stderr: out.stderr, processes };
}

/** The report without what differs from run to run (clock, timings). */
function judged(stdout: string): unknown {
  const { generatedAt: _g, timings: _t, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replace(/\d{8}T\d{6}/g, '<stamp>'));
}

describe('firebreak check of a large plan in a child process', () => {
  let plan: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'firebreak-check-reexec-'));
    writeFileSync(join(dir, RECORD), "require('node:fs').appendFileSync(process.env.RECORD_EXEC_ARGV, JSON.stringify(process.execArgv) + '\\n');\n");
    plan = join(dir, 'plan.json');
    // ~4.8 MB: above the threshold (4 MB since wave 15), below wave 14's 16 MB.
    writeFileSync(plan, JSON.stringify(generateTerraformPlan(2000)));
    expect(statSync(plan).size).toBeGreaterThan(4 * 1024 * 1024);
    expect(statSync(plan).size).toBeLessThan(16 * 1024 * 1024);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers as the check run in process does', () => {
    const child = check(plan, true);
    const inProcess = check(plan, false);
    expect(child.processes).toHaveLength(2);
    expect(child.processes[1]).toContain('--no-opt');
    // The collector and the compiler work on the checking thread (wave 15, docs/plan-speed.md).
    expect(child.processes[1]).toContain('--single-threaded');
    expect(inProcess.processes).toHaveLength(1);
    expect(child.status).toBe(2);
    expect(child.status).toBe(inProcess.status);
    expect(child.stderr).toBe(inProcess.stderr);
    expect(judged(child.stdout)).toEqual(judged(inProcess.stdout));
  }, 120_000);

  it('passes an unreadable plan through: the same exit code and reason', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, `{"format_version": "1.2", "resource_changes": [${' '.repeat(17 * 1024 * 1024)}`);
    appendFileSync(bad, '{');
    const child = check(bad, true);
    const inProcess = check(bad, false);
    expect(child.processes).toHaveLength(2);
    expect(child.status).toBe(3);
    expect(child.status).toBe(inProcess.status);
    expect(child.stderr).toBe(inProcess.stderr);
  }, 60_000);

  it('loads neither node:crypto nor node:child_process in the child, writing the report to a file', () => {
    // Under the child's flags Node compiles its built-ins from source: these two (with net, dgram
    // and streams) cost the check ~20 ms of CPU for nothing it uses (wave 17, docs/plan-speed.md).
    const log = join(dir, 'builtins.log');
    writeFileSync(join(dir, 'record-builtins.cjs'), "process.on('exit', () => { if (process.execArgv.includes('--no-opt')) require('node:fs').writeFileSync(process.env.RECORD_BUILTINS, process.moduleLoadList.join('\\n')); });\n");
    const env = { ...process.env, CI: '', FIREBREAK_RESIDENT: '0', FIREBREAK_CHECK_REEXEC: '1', RECORD_BUILTINS: log };
    const out = spawnSync(process.execPath, ['--require', join(dir, 'record-builtins.cjs'), BIN, 'check', '--plan', plan, '--format', 'json', '--out', join(dir, 'report.json'), '--now', '2026-01-01T00:00:00Z'], { cwd: dir, env, encoding: 'utf8' });
    expect(out.status).toBe(2);
    const loaded = readFileSync(log, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule fs/promises');
    expect(loaded).not.toContain('NativeModule crypto');
    expect(loaded).not.toContain('NativeModule child_process');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).verdict).toBe('block');
  }, 60_000);
});
