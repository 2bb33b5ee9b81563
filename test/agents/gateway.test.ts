// Gateway controls with a policy that would pass these actions on its own.
import { describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, hook, PERMISSIVE_POLICY, runCli, tempRepo } from './helpers.js';
import { PAYLOADS } from './payloads.js';

const kiro = (repo: string, command: string, env = cleanEnv()) => hook('kiro', PAYLOADS.kiro(command, repo), { cwd: repo, env });
const claude = (repo: string, command: string, session: string) =>
  hook('claude-code', { ...(PAYLOADS['claude-code'](command, repo) as object), session_id: session }, { cwd: repo, env: cleanEnv({ CI: 'true' }) });

describe('gateway controls', () => {
  test.concurrent('the first destructive operation of a new kind is escalated; once approved, the kind is known', async () => {
    const repo = tempRepo({ policy: PERMISSIVE_POLICY });
    const del = 'aws --profile staging dynamodb delete-table --table-name scratch';
    const first = await kiro(repo, del);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('gateway-first-destructive');
    const id = /firebreak approve (fb-[a-z0-9]+)/.exec(first.stderr)![1];
    await runCli(['approve', id], { cwd: repo });
    expect((await kiro(repo, del)).code).toBe(0);
    // Same kind, another target: known now, the policy decides (pass).
    expect((await kiro(repo, 'aws --profile staging dynamodb delete-table --table-name scratch2')).code).toBe(0);
    // A different kind is new again.
    const other = await kiro(repo, 'aws --profile staging sqs delete-queue --queue-url https://sqs.eu-west-1.amazonaws.com/1/q');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('first aws delete-queue on AWS::SQS::Queue');
  });

  test.concurrent('firstDestructive: false turns it off', async () => {
    const repo = tempRepo({ policy: PERMISSIVE_POLICY, settings: { gateway: { firstDestructive: false } } });
    expect((await kiro(repo, 'aws --profile staging dynamodb delete-table --table-name scratch')).code).toBe(0);
  });

  test.concurrent('production writes are rate-limited per session', async () => {
    const repo = tempRepo({ policy: PERMISSIVE_POLICY, settings: { gateway: { productionWrites: { max: 2, window: '1h' } } } });
    const write = (n: number) => `aws --profile prod lambda update-function-configuration --function-name f${n} --timeout 30`;
    expect((await claude(repo, write(1), 'A')).json).toBeUndefined();
    expect((await claude(repo, write(2), 'A')).json).toBeUndefined();
    const third = await claude(repo, write(3), 'A');
    expect(third.json.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(third.json.hookSpecificOutput.permissionDecisionReason).toContain('gateway-rate-limit');
    // Another session has its own budget; reads never count.
    expect((await claude(repo, write(4), 'B')).json).toBeUndefined();
    expect((await claude(repo, 'aws --profile prod lambda get-function --function-name f1', 'A')).json).toBeUndefined();
  });

  test.concurrent('recoverable deletes outside production are not a new kind of damage: the first rm -rf ./build passes unattended', async () => {
    const repo = tempRepo();
    for (const command of ['rm -rf ./build', 'rm -rf /tmp/firebreak-build-cache', 'D=$(mktemp -d); rm -rf "$D"', 'rm -rf "$PWD/dist"']) {
      const r = await claude(repo, command, 'fresh');
      expect(r.json, command).toBeUndefined();
      expect(r.code).toBe(0);
    }
    // A delete whose loss is unknown (an untracked file that is there) is still escalated the first time (and, unattended, denied).
    writeFileSync(join(repo, 'notes.txt'), 'not in git\n');
    const unknown = await claude(repo, 'rm notes.txt', 'fresh');
    expect(unknown.json.hookSpecificOutput.permissionDecision).toBe('deny');
  });
});
