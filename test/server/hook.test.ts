// The real hook (bin/firebreak.js hook) against a real `firebreak server` process, set up the
// way a team would: `server init`, `server connect` (key pinned), then agents' tool calls.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, COMMANDS, hook, runCli, tempRepo } from '../agents/helpers.js';
import { PAYLOADS } from '../agents/payloads.js';
import { freePort } from './postgres-cluster.js';
import { loginSession, spawnServer, type ServerProcess } from './helpers.js';

describe('the hook with a team server', () => {
  let dir: string;
  let db: string;
  let server: ServerProcess;
  let env: NodeJS.ProcessEnv;
  let repo: string;
  let fingerprint = '';
  let password = '';
  let auditorToken = '';
  const claude = (command: string, description = 'Raise the API timeout for the export job') => {
    const p = PAYLOADS['claude-code'](command, repo) as { tool_input: Record<string, unknown> };
    p.tool_input.description = description;
    return p;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'firebreak-hookserver-'));
    db = join(dir, 'team.db');
    const init = await runCli(['server', 'init', '--db', db, '--admin', 'alice', '--machine', 'alice-laptop'], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    fingerprint = /fingerprint ([0-9a-f]{64})/.exec(init.stdout)![1];
    const laptopToken = /machine token for alice-laptop: (fbt_\S+)/.exec(init.stdout)![1];
    const bob = await runCli(['server', 'user', 'add', 'bob', '--db', db], { cwd: dir });
    password = /password: (\S+)/.exec(bob.stdout)![1];
    auditorToken = (await runCli(['server', 'token', 'add', 'auditor', '--auditor', '--db', db], { cwd: dir })).stdout.trim();
    server = await spawnServer(db);
    env = cleanEnv({ FIREBREAK_SERVER_CONFIG: join(dir, 'client', 'server.json') });
    const wrong = await runCli(['server', 'connect', server.url, '--token', laptopToken, '--fingerprint', 'ab'.repeat(32)], { cwd: dir, env });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain('not pinned');
    const connect = await runCli(['server', 'connect', server.url, '--token', laptopToken, '--fingerprint', fingerprint], { cwd: dir, env });
    expect(connect.code, connect.stderr).toBe(0);
    expect(connect.stdout).toContain('as expected');
    expect(statSync(join(dir, 'client', 'server.json')).mode & 0o777).toBe(0o600);
    repo = tempRepo();
  }, 120_000);
  afterAll(async () => server?.stop());

  const decide = async (id: string, verb: 'approve' | 'reject', form: Record<string, string> = {}) => {
    const bob = await loginSession(server.url, 'bob', password);
    return bob.post(`/requests/${id}/${verb}`, { csrf: await bob.csrf(`/requests/${id}`), ...form });
  };

  it('an escalation is denied with the request id; the agent may go on; the person approves; the same call is then allowed once', async () => {
    const first = await hook('claude-code', claude(COMMANDS.escalate), { cwd: repo, env });
    const reply = first.json.hookSpecificOutput;
    expect(reply.permissionDecision).toBe('deny');
    expect(reply.permissionDecisionReason).toMatch(/waiting for a person to approve it/);
    expect(reply.permissionDecisionReason).toMatch(/You may go on with other work/);
    const id = /request (fbs-[a-z0-9]{12})/.exec(reply.permissionDecisionReason)![1];
    expect(reply.permissionDecisionReason).toContain(`${server.url}/requests/${id}`);
    const bob = await loginSession(server.url, 'bob', password);
    const page = (await bob.get(`/requests/${id}`)).text;
    expect(page).toContain('Raise the API timeout for the export job');
    expect(page).toContain('lambda update-function-configuration');
    expect(page).toContain('production');
    // Nothing was written to local approval files.
    expect(() => readFileSync(join(repo, '.firebreak', 'approvals'))).toThrow();

    expect((await decide(id, 'approve', { ttl: '1h', note: 'export fix' })).status).toBe(303);
    const allowed = await hook('claude-code', claude(COMMANDS.escalate), { cwd: repo, env });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.trim()).toBe('');
    const audit = readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit.at(-1)).toMatchObject({ verdict: 'escalate', answer: 'none', approval: { id, status: 'used 1 (server, by bob)' } });
    const again = await hook('claude-code', claude(COMMANDS.escalate), { cwd: repo, env });
    expect(again.json.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(again.json.hookSpecificOutput.permissionDecisionReason).not.toContain(id);
  });

  it('passes and blocks never reach the queue', async () => {
    const pass = await hook('claude-code', claude(COMMANDS.local), { cwd: repo, env });
    expect(pass.code).toBe(0);
    expect(pass.stdout.trim()).toBe('');
    const block = await hook('claude-code', claude(COMMANDS.block), { cwd: repo, env });
    expect(block.json.hookSpecificOutput.permissionDecisionReason).toMatch(/BLOCKED/);
    const bob = await loginSession(server.url, 'bob', password);
    expect((await bob.get('/queue')).text).not.toContain('terminate-instances');
  });

  it('a rejection is passed on with its note, and holds', async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 90';
    const first = await hook('gemini', PAYLOADS.gemini(command, repo), { cwd: repo, env });
    const id = /request (fbs-[a-z0-9]{12})/.exec(first.json.reason ?? first.stderr ?? first.stdout)?.[1] ?? /fbs-[a-z0-9]{12}/.exec(first.stdout + first.stderr)![0];
    expect((await decide(id, 'reject', { note: 'use the staging stack first' })).status).toBe(303);
    const denied = await hook('gemini', PAYLOADS.gemini(command, repo), { cwd: repo, env });
    expect(denied.stdout + denied.stderr).toContain('bob rejected request');
    expect(denied.stdout + denied.stderr).toContain('use the staging stack first');
  });

  it('the audit chain reaches the server; `firebreak audit verify --server` checks the fleet', async () => {
    const r = await runCli(['audit', 'verify', '--server', server.url, '--token', auditorToken], { cwd: repo, env });
    expect(r.code, r.stderr).toBe(0);
    const local = readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').length;
    expect(r.stdout).toMatch(new RegExp(`fleet audit intact: ${local} entries in 1 chain\\(s\\)`));
  });

  it('`firebreak doctor --report` puts this machine on the fleet page; `firebreak approve` points to the page', async () => {
    const home = mkdtempSync(join(tmpdir(), 'firebreak-home-'));
    const r = await runCli(['doctor', '--report'], { cwd: repo, env: { ...env, HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`inventory sent to ${server.url}`);
    const bob = await loginSession(server.url, 'bob', password);
    expect((await bob.get('/fleet')).text).toContain('data-machine="alice-laptop"');
    const approve = await runCli(['approve', 'fb-abcdefgh'], { cwd: repo, env });
    expect(approve.code).toBe(3);
    expect(approve.stderr).toContain('decide requests in its page');
  });

  it('an approval that does not verify against the pinned key is refused, and says so', async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 91';
    const first = await hook('claude-code', claude(command), { cwd: repo, env });
    const id = /request (fbs-[a-z0-9]{12})/.exec(first.json.hookSpecificOutput.permissionDecisionReason)![1];
    await decide(id, 'approve', { ttl: '1h' });
    const file = join(dir, 'client', 'server.json');
    const pinned = readFileSync(file, 'utf8');
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    writeFileSync(file, JSON.stringify({ ...JSON.parse(pinned), publicKeyPem: other }));
    try {
      const r = await hook('claude-code', claude(command), { cwd: repo, env });
      expect(r.json.hookSpecificOutput.permissionDecision).toBe('deny');
      expect(r.json.hookSpecificOutput.permissionDecisionReason).toMatch(/did not verify \(signed by key [0-9a-f]{16}, not the pinned server key/);
    } finally {
      writeFileSync(file, pinned);
    }
  });

  it('server unreachable: escalations are denied with the reason; passes and blocks are unaffected', async () => {
    const port = await freePort();
    const down = cleanEnv({ FIREBREAK_SERVER_CONFIG: join(dir, 'down.json') });
    const pinned = JSON.parse(readFileSync(join(dir, 'client', 'server.json'), 'utf8'));
    writeFileSync(join(dir, 'down.json'), JSON.stringify({ ...pinned, url: `http://127.0.0.1:${port}` }));
    const r = await hook('claude-code', claude('aws --profile prod lambda update-function-configuration --function-name api --timeout 92'), { cwd: repo, env: down });
    expect(r.json.hookSpecificOutput.permissionDecision).toBe('deny');
    expect(r.json.hookSpecificOutput.permissionDecisionReason).toMatch(new RegExp(`approval server at http://127.0.0.1:${port} is unreachable \\(ECONNREFUSED\\)`));
    const pass = await hook('claude-code', claude(COMMANDS.local), { cwd: repo, env: down });
    expect(pass.stdout.trim()).toBe('');
    const block = await hook('claude-code', claude(COMMANDS.block), { cwd: repo, env: down });
    expect(block.json.hookSpecificOutput.permissionDecisionReason).toMatch(/BLOCKED/);
  });
});
