// Approvals end to end: an escalated hook call creates a request; a person approves it with the
// real CLI; the hook lets exactly that action through once (or until the ttl with --reusable).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanEnv, COMMANDS, hook, runCli, tempRepo } from './helpers.js';
import { PAYLOADS, understood } from './payloads.js';

const AGENT = 'codex'; // no ask: escalate is always a deny with the approve command
const call = (repo: string, command = COMMANDS.escalate, env = cleanEnv()) => hook(AGENT, PAYLOADS[AGENT](command, repo), { cwd: repo, env });
const idIn = (text: string) => /firebreak approve (fb-[a-z0-9]+)/.exec(text)?.[1];

describe('approvals', () => {
  test.concurrent('approve once: exactly that action passes once, then needs a new approval', async () => {
    const repo = tempRepo();
    const first = await call(repo);
    expect(first.code).toBe(2);
    const id = idIn(first.stderr)!;
    expect(id).toBeTruthy();

    // The same action asked again reuses the open request.
    expect(idIn((await call(repo)).stderr)).toBe(id);

    const listed = await runCli(['approvals'], { cwd: repo });
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('lambda update-function-configuration');
    expect(listed.stdout).toContain('[production-change]');
    expect(listed.stdout).toContain('Impact:');

    const approved = await runCli(['approve', id, '--ttl', '10m', '--note', 'change window CHG-42'], { cwd: repo });
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain(`approved ${id}`);

    const allowed = await call(repo);
    expect(understood(AGENT, allowed)).toBe('none');
    const again = await call(repo);
    expect(again.code).toBe(2);
    expect(idIn(again.stderr)).not.toBe(id);

    const audit = readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.find((e) => e.approval?.id === id && e.approval.status === 'used')).toMatchObject({ verdict: 'escalate', answer: 'none' });
    // A used approval cannot be approved again.
    expect((await runCli(['approve', id], { cwd: repo })).code).toBe(3);
  });

  test.concurrent('a changed command, target or environment needs a new approval', async () => {
    const repo = tempRepo();
    const id = idIn((await call(repo)).stderr)!;
    await runCli(['approve', id, '--reusable'], { cwd: repo });
    const changedTarget = COMMANDS.escalate.replace('api', 'billing');
    expect((await call(repo, changedTarget)).code).toBe(2);
    expect((await call(repo, COMMANDS.escalate, cleanEnv({ AWS_REGION: 'eu-west-1' }))).code).toBe(2);
    // The approved one is reusable until its ttl.
    expect((await call(repo)).code).toBe(0);
    expect((await call(repo)).code).toBe(0);
  });

  test.concurrent('deny: the hook keeps denying, saying a person denied it', async () => {
    const repo = tempRepo();
    const id = idIn((await call(repo)).stderr)!;
    const denied = await runCli(['deny', id, '--note', 'not during the freeze'], { cwd: repo });
    expect(denied.code).toBe(0);
    const r = await call(repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`a person denied ${id}: not during the freeze`);
  });

  test.concurrent('approvals expire: an approval past its ttl no longer applies', async () => {
    const repo = tempRepo();
    const id = idIn((await call(repo)).stderr)!;
    await runCli(['approve', id, '--ttl', '1s'], { cwd: repo });
    await new Promise((r) => setTimeout(r, 1300));
    expect((await call(repo)).code).toBe(2);
    expect((await runCli(['approvals', '--all'], { cwd: repo })).stdout).toMatch(new RegExp(`${id}\\s+expired`));
  });

  test.concurrent('unanswered requests expire to deny, and cannot be approved late', async () => {
    const repo = tempRepo({ settings: { requestTtl: '1s' } });
    const id = idIn((await call(repo)).stderr)!;
    await new Promise((r) => setTimeout(r, 1300));
    const late = await runCli(['approve', id], { cwd: repo });
    expect(late.code).toBe(3);
    expect(late.stderr).toContain('expired');
    const r = await call(repo);
    expect(r.code).toBe(2);
    expect(idIn(r.stderr)).not.toBe(id);
  });

  test('a once-only approval is spent by exactly one of 10 concurrent hook processes', async () => {
    const repo = tempRepo();
    const id = idIn((await call(repo)).stderr)!;
    await runCli(['approve', id], { cwd: repo });
    const results = await Promise.all(Array.from({ length: 10 }, () => call(repo)));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    expect(results.filter((r) => r.code === 2)).toHaveLength(9);
    // Requests are whole JSON files (atomic writes), never partial.
    const dir = join(repo, '.firebreak', 'approvals');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) expect(() => JSON.parse(readFileSync(join(dir, f), 'utf8'))).not.toThrow();
  });

  test.concurrent('unknown ids and bad ttls are usage errors (exit 3), not silent', async () => {
    const repo = tempRepo();
    expect((await runCli(['approve', 'fb-nothere'], { cwd: repo })).code).toBe(3);
    expect((await runCli(['approve', '../../etc/passwd'], { cwd: repo })).code).toBe(3);
    const id = idIn((await call(repo)).stderr)!;
    const bad = await runCli(['approve', id, '--ttl', 'soon'], { cwd: repo });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('not a duration');
  });

  test.concurrent('stored requests carry no secrets', async () => {
    const repo = tempRepo();
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const cmd = `AWS_SECRET_ACCESS_KEY=${secret} ${COMMANDS.escalate}`;
    await call(repo, cmd);
    const dir = join(repo, '.firebreak', 'approvals');
    const text = readdirSync(dir).filter((n) => n.endsWith('.json')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text).toContain('AWS_SECRET_ACCESS_KEY=***');
    expect(text).not.toContain(secret);
  });
});
