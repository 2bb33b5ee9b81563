// The hook's two caches in the per-user folder (docs/speed.md): V8's code cache and the sealed
// parse of firebreak.yaml. Real hook processes on a real repository: the same answers with the
// caches cold, warm or off, and a broken firebreak.yaml still denied with its line after a good
// one was cached.
import { existsSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, COMMANDS, hook, tempRepo } from './helpers.js';
import { PAYLOADS } from './payloads.js';

const decision = (r: { json?: any; stdout: string }) => r.json?.hookSpecificOutput?.permissionDecision ?? (r.stdout.trim() ? 'other' : 'none');

describe('hook caches', () => {
  it('answers the same with the caches cold, warm and off', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-caches-home-'));
    const env = cleanEnv({ HOME: home });
    const off = cleanEnv({ HOME: mkdtempSync(join(tmpdir(), 'firebreak-caches-off-')), FIREBREAK_COMPILE_CACHE: '0', FIREBREAK_CONFIG_CACHE: '0' });
    for (const command of [COMMANDS.local, 'git status', COMMANDS.block, COMMANDS.escalate]) {
      const payload = PAYLOADS['claude-code'](command, repo);
      const cold = await hook('claude-code', payload, { cwd: repo, env });
      const warm = await hook('claude-code', payload, { cwd: repo, env });
      const none = await hook('claude-code', payload, { cwd: repo, env: off });
      expect([decision(warm), decision(none)], command).toEqual([decision(cold), decision(cold)]);
      expect(warm.code, command).toBe(cold.code);
    }
    expect(decision(await hook('claude-code', PAYLOADS['claude-code'](COMMANDS.block, repo), { cwd: repo, env }))).toBe('deny');
    const user = join(home, '.config', 'firebreak');
    expect(readdirSync(join(user, 'config-cache')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(existsSync(join(user, 'compile-cache'))).toBe(true);
    // Turned off, neither cache is written.
    expect(existsSync(join(off.HOME!, '.config', 'firebreak', 'config-cache'))).toBe(false);
    expect(existsSync(join(off.HOME!, '.config', 'firebreak', 'compile-cache'))).toBe(false);
  }, 60_000);

  it('denies a call when firebreak.yaml breaks after a good version was cached, naming the line', async () => {
    const repo = tempRepo();
    const env = cleanEnv({ HOME: mkdtempSync(join(tmpdir(), 'firebreak-caches-home-')) });
    const payload = PAYLOADS['claude-code'](COMMANDS.escalate, repo);
    expect(decision(await hook('claude-code', payload, { cwd: repo, env }))).toBe('ask');
    const file = join(repo, 'firebreak.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('production: true', 'production: yes-ish'));
    const broken = await hook('claude-code', payload, { cwd: repo, env });
    expect(decision(broken)).toMatch(/deny|ask/);
    expect(broken.json.hookSpecificOutput.permissionDecisionReason).toMatch(/configuration error.*firebreak\.yaml.*line 4/s);
  }, 60_000);
});
