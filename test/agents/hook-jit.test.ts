// bin/firebreak.js runs the hook with V8's optimising compilers off (docs/speed.md); with
// FIREBREAK_HOOK_JIT=1 it keeps V8's defaults. Real hook processes: the same answers and messages
// either way, the code cache switching between the two, and interpreter-only reading real code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, COMMANDS, hook, tempRepo } from './helpers.js';
import { PAYLOADS } from './payloads.js';

const normal = (text: string) => text.replace(/fb-[a-z0-9]{8,}/g, 'fb-ID').replace(/\d{8}T\d{6}/g, 'TIME').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'ISO');

describe('hook with and without V8 optimising compilers', () => {
  it('answers the same, and a code cache made under one setting is safe under the other', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-jit-home-'));
    const commands = [COMMANDS.local, 'git status', COMMANDS.block, COMMANDS.escalate, 'kubectl delete ns web', `python3 -c "import shutil; shutil.rmtree('/')"`];
    for (const command of commands) {
      const payload = PAYLOADS['claude-code'](command, repo);
      const runs = [];
      // Alternating settings over one per-user folder: each call meets a cache the other made.
      for (const jit of ['0', '1', '0', '1']) {
        const state = mkdtempSync(join(tmpdir(), 'firebreak-jit-state-'));
        runs.push(await hook('claude-code', payload, { cwd: repo, env: cleanEnv({ HOME: home, FIREBREAK_HOOK_JIT: jit, FIREBREAK_STATE_DIR: state }) }));
      }
      const seen = runs.map((r) => ({ code: r.code, stdout: normal(r.stdout), stderr: normal(r.stderr) }));
      for (const r of seen.slice(1)) expect(r, command).toEqual(seen[0]);
    }
  }, 120_000);
});
