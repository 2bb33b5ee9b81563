// bin/firebreak.js runs `firebreak ci` in a child started with V8's baseline WebAssembly
// compiler only (see there). The child's answer must be the parent's: the same exit code, the
// same report on stdout, and a bad invocation still exits 3.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCiRepo } from '../../bench/lib/ci-repo.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'firebreak.js');
let repo: ReturnType<typeof makeCiRepo>;

function ci(args: string[], reexec: boolean) {
  const env = { ...process.env, GITHUB_EVENT_PATH: '', CI: '', FIREBREAK_CI_REEXEC: reexec ? '1' : '0' };
  const out = spawnSync(process.execPath, [BIN, 'ci', ...args], { cwd: repo.root, env, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** The report without what differs from run to run (clock, timings). */
function judged(stdout: string): unknown {
  const { generatedAt: _g, timings: _t, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest).replace(/\d{8}T\d{6}/g, '<stamp>'));
}

describe('firebreak ci in a child process', () => {
  beforeAll(() => {
    repo = makeCiRepo();
  }, 60_000);
  afterAll(() => rmSync(repo.root, { recursive: true, force: true }));

  it('answers as the gate run in process does', () => {
    const args = ['--base', repo.base, '--head', repo.head, '--no-fetch', '--format', 'json'];
    const child = ci(args, true);
    const inProcess = ci(args, false);
    expect(child.status).toBe(1);
    expect(child.status).toBe(inProcess.status);
    expect(judged(child.stdout)).toEqual(judged(inProcess.stdout));
  }, 60_000);

  it('passes a bad invocation through: exit 3 and the reason', () => {
    const child = ci(['--base', 'no-such-revision', '--head', repo.head, '--no-fetch'], true);
    expect(child.status).toBe(3);
    expect(child.stderr).toMatch(/no-such-revision/);
  }, 60_000);
});
