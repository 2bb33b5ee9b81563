// Approvals cannot be forged, edited, replayed or self-granted, and they cover what runs: real hook
// processes, the real CLI, a real repository and a temporary home holding the approval key.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanEnv, COMMANDS, hook, runCli, tempRepo } from '../agents/helpers.js';
import { PAYLOADS, understood } from '../agents/payloads.js';

/** Each test its own home (and so its own key). */
function setup() {
  const repo = tempRepo();
  const home = mkdtempSync(join(tmpdir(), 'firebreak-approvals-home-'));
  const env = cleanEnv({ HOME: home });
  const call = (command = COMMANDS.escalate, extra: Record<string, string> = {}, session = 'codex-session-1') =>
    hook('codex', { ...(PAYLOADS.codex(command, repo) as object), session_id: session }, { cwd: repo, env: { ...env, ...extra } });
  const cli = (args: string[], extra: Record<string, string> = {}) => runCli(args, { cwd: repo, env: { ...env, ...extra } });
  const approvals = join(repo, '.firebreak', 'approvals');
  const record = (id: string) => JSON.parse(readFileSync(join(approvals, `${id}.json`), 'utf8'));
  const write = (id: string, doc: unknown) => writeFileSync(join(approvals, `${id}.json`), JSON.stringify(doc, null, 2));
  const audit = () => readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const events = () => audit().flatMap((e) => e.events ?? []);
  return { repo, home, env, call, cli, approvals, record, write, audit, events };
}

const idIn = (text: string) => /firebreak approve (fb-[a-z0-9]+)/.exec(text)?.[1];

describe('approvals are sealed and cannot be forged', () => {
  test.concurrent('requests are sealed with a per-user key outside the workspace (0600)', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    expect(s.record(id).seal).toMatchObject({ alg: 'hmac-sha256', mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const key = join(s.home, '.config', 'firebreak', 'approval.key');
    expect(existsSync(key)).toBe(true);
    expect(statSync(key).mode & 0o077).toBe(0);
    expect(key.startsWith(s.repo)).toBe(false);
  });

  test.concurrent('a hand-written approved record is ignored and audited', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    const forged = { ...s.record(id), status: 'approved', approvedUntil: '2099-01-01T00:00:00.000Z', reusable: true };
    delete forged.seal;
    s.write(id, forged);
    const r = await s.call();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('approval-not-verified');
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-unverified', id })]));
  });

  test.concurrent('flipping a denied record to approved (keeping its seal) is ignored and audited', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    expect((await s.cli(['deny', id])).code).toBe(0);
    const denied = s.record(id);
    s.write(id, { ...denied, status: 'approved', approvedUntil: '2099-01-01T00:00:00.000Z' });
    const r = await s.call();
    expect(r.code).toBe(2);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-unverified', id, message: expect.stringContaining('changed after Firebreak sealed it') })]));
  });

  test.concurrent('a record sealed with another key does not verify', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    expect((await s.cli(['approve', id])).code).toBe(0);
    const approved = s.record(id);
    // Another person's key (another home) sealed it: this machine's key does not verify it.
    rmSync(join(s.home, '.config', 'firebreak', 'approval.key'));
    const r = await s.call();
    expect(r.code).toBe(2);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-unverified', id: approved.id, message: expect.stringContaining('another key') })]));
  });

  test.concurrent('a pending request edited to show something else cannot be approved', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    s.write(id, { ...s.record(id), action: { ...s.record(id).action, commands: ['ls'] } });
    const r = await s.cli(['approve', id]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('changed after Firebreak sealed it');
  });

  test.concurrent('replaying a copy of a used once-only approval does not approve again', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    expect((await s.cli(['approve', id])).code).toBe(0);
    const copy = join(s.repo, 'approved-copy.json');
    copyFileSync(join(s.approvals, `${id}.json`), copy);
    expect(understood('codex', await s.call())).toBe('none');
    // Put the approved copy back, and remove the workspace's own used-marker too.
    copyFileSync(copy, join(s.approvals, `${id}.json`));
    rmSync(join(s.approvals, `${id}.used`), { force: true });
    const again = await s.call();
    expect(again.code).toBe(2);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-replayed', id })]));
  });
});

describe('approvals cannot be self-granted', () => {
  test.concurrent('firebreak approve through the agent is denied outright, even where the agent could ask', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    for (const command of [`firebreak approve ${id}`, `npx firebreak approve ${id} --reusable`, `bash -c "firebreak approve ${id}"`, `echo ${id} | xargs firebreak approve`]) {
      const r = await hook('claude-code', PAYLOADS['claude-code'](command, s.repo), { cwd: s.repo, env: s.env });
      expect(understood('claude-code', r), command).toBe('deny');
      expect(r.json?.hookSpecificOutput?.permissionDecisionReason ?? r.stderr).toContain('guard-self-approval');
    }
    expect(s.record(id).status).toBe('pending');
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'guard-self-approval' })]));
  });

  test.concurrent("firebreak approve refuses to run inside an agent's tool", async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    for (const marker of ['CLAUDECODE', 'GEMINI_CLI', 'CODEX_SANDBOX']) {
      const r = await s.cli(['approve', id], { [marker]: '1' });
      expect(r.code, marker).toBe(3);
      expect(r.stderr).toContain("refuses to run inside an agent's tool");
    }
    expect(s.record(id).status).toBe('pending');
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-refused', id })]));
  });

  test.concurrent('writing the approvals folder or the key through the agent is a guarded write', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    for (const command of [
      `sed -i 's/"pending"/"approved"/' .firebreak/approvals/${id}.json`,
      `jq '.status="approved"' .firebreak/approvals/${id}.json > /tmp/x && mv /tmp/x .firebreak/approvals/${id}.json`,
      `cat ~/.config/firebreak/approval.key`,
      `rm ~/.config/firebreak/spent/${id}`,
    ]) {
      expect((await s.call(command)).code, command).toBe(2);
    }
  });
});

describe('an approval covers what runs, not only its text', () => {
  test.concurrent('a SQL file changed after approval needs a new approval, and the message says which file', async () => {
    const s = setup();
    writeFileSync(join(s.repo, 'migrate.sql'), 'ALTER TABLE users ADD COLUMN x int;\n');
    const command = 'psql -h prod-db -f migrate.sql';
    const id = idIn((await s.call(command)).stderr)!;
    expect(s.record(id).action.files).toHaveProperty('migrate.sql');
    expect((await s.cli(['approve', id, '--reusable'])).code).toBe(0);
    expect(understood('codex', await s.call(command))).toBe('none');
    // The same statement kind on the same table (so the same actions), another column: the file decides.
    writeFileSync(join(s.repo, 'migrate.sql'), 'ALTER TABLE users ADD COLUMN password_plain text;\n');
    const swapped = await s.call(command);
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain(`${id} was approved for this action, but migrate.sql changed since`);
    expect(idIn(swapped.stderr)).not.toBe(id);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-stale', id })]));
  });

  test.concurrent('terraform apply tfplan: swapping the plan file after approval invalidates it', async () => {
    const s = setup();
    writeFileSync(join(s.repo, 'tfplan'), 'plan v1');
    const command = 'terraform apply tfplan';
    const id = idIn((await s.call(command)).stderr)!;
    await s.cli(['approve', id, '--reusable']);
    expect(understood('codex', await s.call(command))).toBe('none');
    writeFileSync(join(s.repo, 'tfplan'), 'plan v2: destroys the database');
    expect((await s.call(command)).stderr).toContain('tfplan changed since');
  });

  test.concurrent('kubectl apply -f DIR: any manifest changed in the folder invalidates it', async () => {
    const s = setup();
    const k8s = join(s.repo, 'k8s');
    (await import('node:fs')).mkdirSync(k8s);
    writeFileSync(join(k8s, 'deploy.yaml'), 'kind: Deployment\n');
    const command = 'kubectl --context prod apply -f k8s/';
    const id = idIn((await s.call(command)).stderr)!;
    await s.cli(['approve', id, '--reusable']);
    expect(understood('codex', await s.call(command))).toBe('none');
    writeFileSync(join(k8s, 'extra.yaml'), 'kind: Namespace\n');
    expect((await s.call(command)).stderr).toContain('k8s changed since');
  });

  test.concurrent('a Write tool approval binds to the content written', async () => {
    const s = setup();
    const write = (content: string) =>
      hook('codex', { session_id: 's', cwd: s.repo, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Add File: .codex/hooks.json\n+${content}\n*** End Patch` } }, { cwd: s.repo, env: s.env });
    const id = idIn((await write('{"a":1}')).stderr)!;
    await s.cli(['approve', id, '--reusable']);
    expect((await write('{"a":1}')).code).toBe(0);
    expect((await write('{"a":2}')).code).toBe(2);
  });
});

describe('session binding', () => {
  test.concurrent('approve --session: only the session that asked may use it; the default is any session', async () => {
    const s = setup();
    const id = idIn((await s.call(COMMANDS.escalate, {}, 'A')).stderr)!;
    expect((await s.cli(['approve', id, '--session', '--reusable'])).stdout).toContain('only for session A');
    expect((await s.call(COMMANDS.escalate, {}, 'B')).code).toBe(2);
    expect((await s.call(COMMANDS.escalate, {}, 'A')).code).toBe(0);
    const other = idIn((await s.call('aws --profile prod lambda update-function-configuration --function-name web --timeout 30', {}, 'A')).stderr)!;
    await s.cli(['approve', other, '--reusable']);
    expect((await s.call('aws --profile prod lambda update-function-configuration --function-name web --timeout 30', {}, 'B')).code).toBe(0);
  });
});

describe('bad input fails closed with a clear message', () => {
  test.concurrent('a corrupted key: nothing is approved, the hook and the CLI say what to do', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    await s.cli(['approve', id, '--reusable']);
    writeFileSync(join(s.home, '.config', 'firebreak', 'approval.key'), 'not a key');
    const r = await s.call();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/approval key .* is not valid/);
    expect(r.stderr).toContain('Move it away');
    const cli = await s.cli(['approve', id]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toMatch(/approval key .* is not valid/);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-key-unreadable' })]));
  });

  test.concurrent('an approvals folder that cannot be read: nothing is approved, the reason is given', async () => {
    const s = setup();
    await s.call();
    rmSync(s.approvals, { recursive: true, force: true });
    writeFileSync(s.approvals, 'not a folder');
    const r = await s.call();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot be read');
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  test.concurrent('a damaged record grants nothing, is audited, and cannot be approved', async () => {
    const s = setup();
    const id = idIn((await s.call()).stderr)!;
    writeFileSync(join(s.approvals, `${id}.json`), '{"id": "');
    expect((await s.call()).code).toBe(2);
    expect(s.events()).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-unreadable', id })]));
    const r = await s.cli(['approve', id]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('damaged');
    expect(readdirSync(s.approvals).some((n) => n.endsWith('.json') && n !== `${id}.json`)).toBe(true);
  });
});
