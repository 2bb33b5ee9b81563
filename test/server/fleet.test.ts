// The fleet: audit chains shipped from real local logs and checked on receipt and by
// `audit verify --server`'s logic; agent inventories from real doctor runs; webhook
// notifications to a real receiver on 127.0.0.1, with retries.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/agents/audit/append.js';
import type { AuditRecord } from '../../src/agents/audit/entry.js';
import { runDoctor } from '../../src/agents/doctor/doctor.js';
import type { LoadedConnection } from '../../src/agents/server-client/config.js';
import { newChallenge } from '../../src/agents/server-client/escalate.js';
import { sendInventory, verifyServerAudit } from '../../src/agents/server-client/fleet.js';
import { auditSource, shipAudit } from '../../src/agents/server-client/ship-audit.js';
import { setWebhook } from '../../src/server/service/accounts.js';
import { tempRepo } from '../agents/helpers.js';
import { api, BACKENDS, loginSession, requestFor, stopPostgres, testServer, type TestServer } from './helpers.js';

afterAll(() => stopPostgres());

const record = (n: number): AuditRecord => ({ agent: 'claude-code', input: [`aws s3 ls bucket-${n}`], verdict: 'pass', answer: 'none', reasons: [], durationMs: n });

async function writeEntries(state: string, from: number, to: number): Promise<void> {
  for (let n = from; n <= to; n++) await appendAudit(state, record(n));
}

describe.each(BACKENDS)('fleet audit on %s', (backend) => {
  let server: TestServer;
  let connection: LoadedConnection;
  let auditorToken: string;

  beforeAll(async () => {
    server = await testServer(backend);
    connection = await server.connection(await server.machine('laptop-1'));
    auditorToken = await server.auditor('auditor');
  }, 120_000);
  afterAll(async () => server?.stop());

  const count = async (source: string) => Number((await server.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_entries WHERE source_id = ?', [source]))!.n);

  it('ships a real chain in order, re-sends nothing twice, and `audit verify --server` finds it intact', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'firebreak-ship-')), '.firebreak');
    await writeEntries(state, 1, 30);
    const first = await shipAudit(state, connection, { timeoutMs: 5000 });
    expect(first).toMatchObject({ shipped: 30, head: { seq: 30 } });
    expect(await shipAudit(state, connection, { timeoutMs: 5000 })).toMatchObject({ shipped: 0, head: { seq: 30 } });
    await writeEntries(state, 31, 45);
    expect(await shipAudit(state, connection, { timeoutMs: 5000 })).toMatchObject({ shipped: 15, head: { seq: 45 } });
    // The cursor lost (a crash before it was saved): everything is re-sent, nothing duplicated.
    writeFileSync(join(state, 'audit.shipped.json'), '{}');
    expect(await shipAudit(state, connection, { timeoutMs: 5000 })).toMatchObject({ shipped: 0, head: { seq: 45 } });
    const source = auditSource(connection, state);
    expect(await count(source)).toBe(45);
    const verified = await verifyServerAudit({ url: server.url, token: auditorToken });
    expect(verified).toMatchObject({ ok: true, problems: [] });
    expect(verified.entries).toBeGreaterThanOrEqual(45);
  });

  it('a local log edited before shipping, or restarted from scratch, is a break recorded on receipt and reported by verify', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'firebreak-ship-')), '.firebreak');
    await writeEntries(state, 1, 5);
    await shipAudit(state, connection, { timeoutMs: 5000 });
    await writeEntries(state, 6, 10);
    const log = join(state, 'audit.jsonl');
    const lines = readFileSync(log, 'utf8').split('\n');
    lines[7] = lines[7].replace('"verdict":"pass"', '"verdict":"block"');
    writeFileSync(log, lines.join('\n'));
    const edited = await shipAudit(state, connection, { timeoutMs: 5000 });
    expect(edited).toMatchObject({ shipped: 2, head: { seq: 7 }, broken: { atSeq: 8, reason: expect.stringContaining('edited') } });
    const source = auditSource(connection, state);
    expect(await count(source)).toBe(7);
    // The agent wipes the log and starts again: seq 1 comes back with another hash.
    const wiped = join(mkdtempSync(join(tmpdir(), 'firebreak-ship-')), '.firebreak');
    await writeEntries(wiped, 100, 101);
    writeFileSync(log, readFileSync(join(wiped, 'audit.jsonl')));
    writeFileSync(join(state, 'audit.shipped.json'), '{}');
    const restarted = await shipAudit(state, connection, { timeoutMs: 5000 });
    expect(restarted.broken?.reason).toContain('received before with another hash');
    const verified = await verifyServerAudit({ url: server.url, token: auditorToken });
    expect(verified.ok).toBe(false);
    expect(verified.problems.filter((p) => p.source === source).map((p) => p.message)).toEqual([
      expect.stringContaining('the entry was edited'),
      expect.stringContaining('the local log was rewritten'),
    ]);
  });

  it('rows edited or deleted in the server database are caught by verify', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'firebreak-ship-')), '.firebreak');
    await writeEntries(state, 1, 6);
    await shipAudit(state, connection, { timeoutMs: 5000 });
    const source = auditSource(connection, state);
    const row = await server.db.get<{ body: string }>('SELECT body FROM audit_entries WHERE source_id = ? AND seq = 3', [source]);
    await server.db.run('UPDATE audit_entries SET body = ? WHERE source_id = ? AND seq = 3', [row!.body.replace('"answer":"none"', '"answer":"allow"'), source]);
    await server.db.run('DELETE FROM audit_entries WHERE source_id = ? AND seq = 6', [source]);
    const mine = (await verifyServerAudit({ url: server.url, token: auditorToken })).problems.filter((p) => p.source === source).map((p) => p.message);
    expect(mine).toEqual([expect.stringContaining('seq 3 does not match its hash'), expect.stringContaining('the chain ends at seq 5 but the source\'s head is seq 6')]);
  });

  it("a machine cannot write into another machine's chain", async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'firebreak-ship-')), '.firebreak');
    await writeEntries(state, 1, 2);
    await shipAudit(state, connection, { timeoutMs: 5000 });
    const other = await server.connection(await server.machine('laptop-2'));
    const entries = readFileSync(join(state, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const r = await api(server.url, '/api/v1/audit', { token: other.token, body: { source: auditSource(connection, state), label: 'x', entries } });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toContain('belongs to another machine token');
  });

  it('the export is JSON lines an auditor can read: every entry with where it came from', async () => {
    const r = await api(server.url, '/api/v1/audit/export', { token: auditorToken });
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(45);
    expect(lines[0]).toMatchObject({ source: expect.stringMatching(/^[0-9a-f]{32}$/), machine: 'laptop-1', receivedAt: expect.any(String), entry: { seq: expect.any(Number), hash: expect.any(String), prev: expect.any(String) } });
  });
});

describe('discover: doctor --report', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await testServer('sqlite');
  });
  afterAll(async () => server?.stop());

  it('the page lists each machine and flags those whose agents run unguarded, with why', async () => {
    const bare = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-home-'));
    mkdirSync(join(bare, '.claude'), { recursive: true });
    writeFileSync(join(bare, '.claude', 'settings.json'), JSON.stringify({ permissions: { defaultMode: 'bypassPermissions' } }));
    mkdirSync(join(home, '.gemini'), { recursive: true });
    writeFileSync(join(home, '.gemini', 'settings.json'), JSON.stringify({ mcpServers: { aws: { command: 'uvx', args: ['awslabs.aws-api-mcp-server'] } } }));
    const unguarded = await sendInventory(await runDoctor({ cwd: bare, home, env: { HOME: home } }), await server.connection(await server.machine('dev-box')));
    expect(unguarded.unguarded).toEqual(expect.arrayContaining(['claude-code: no Firebreak hook', 'gemini: no Firebreak hook']));

    const guarded = tempRepo();
    const home2 = mkdtempSync(join(tmpdir(), 'firebreak-home-'));
    mkdirSync(join(guarded, '.claude'), { recursive: true });
    writeFileSync(join(guarded, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'firebreak hook --agent claude-code' }] }] } }));
    expect((await sendInventory(await runDoctor({ cwd: guarded, home: home2, env: { HOME: home2 } }), await server.connection(await server.machine('ci-box')))).unguarded).toEqual([]);

    const p = await server.person('ops');
    const page = (await (await loginSession(server.url, p.name, p.password)).get('/fleet')).text;
    expect(page).toContain('Fleet (2 machine(s), 1 unguarded)');
    const devRow = /<tr data-machine="dev-box"[\s\S]*?<\/tr>/.exec(page)![0];
    expect(devRow).toContain('badge unguarded');
    expect(devRow).toContain('claude-code: no Firebreak hook');
    expect(devRow).toContain('permissions.defaultMode = bypassPermissions');
    expect(devRow).toMatch(/aws <b>\(cloud access\)<\/b>/);
    expect(/<tr data-machine="ci-box"[\s\S]*?<\/tr>/.exec(page)![0]).toContain('badge guarded');
  });
});

describe('webhook notifications', () => {
  interface Received {
    headers: IncomingMessage['headers'];
    body: any;
  }
  let server: TestServer;
  let received: Received[] = [];
  let failuresLeft = 0;
  let receiver: ReturnType<typeof createServer>;
  let receiverUrl: string;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          res.writeHead(503).end('busy');
          return;
        }
        received.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    server = await testServer('sqlite');
  });
  afterAll(async () => {
    await server?.stop();
    receiver.close();
  });

  const waitFor = async (predicate: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!predicate() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(predicate()).toBe(true);
  };

  it('new, approved, rejected and expired requests reach the team webhook as JSON, retried with backoff through failures', async () => {
    await setWebhook(server.db, 'default', { url: receiverUrl, format: 'json' });
    const ci = await server.machine('ci');
    const p = await server.person('bob');
    const bob = await loginSession(server.url, p.name, p.password);
    failuresLeft = 2;
    const a = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 70');
    const idA = (await api(server.url, '/api/v1/requests', { token: ci, body: a.body })).json.requestId;
    await waitFor(() => received.some((r) => r.body.type === 'firebreak.request.created' && r.body.request.id === idA));
    const row = await server.db.get<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM notifications WHERE request_id = ? AND event = ?', [idA, 'request.created']);
    expect(row).toMatchObject({ attempts: 3, last_error: null });
    await bob.post(`/requests/${idA}/approve`, { csrf: await bob.csrf(`/requests/${idA}`), ttl: '1h', note: 'go' });
    const b = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 71');
    const idB = (await api(server.url, '/api/v1/requests', { token: ci, body: b.body })).json.requestId;
    await bob.post(`/requests/${idB}/reject`, { csrf: await bob.csrf(`/requests/${idB}`), note: 'no' });
    const c = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 72');
    const idC = (await api(server.url, '/api/v1/requests', { token: ci, body: { ...c.body, deadlineMs: 1000 } })).json.requestId;
    await waitFor(() => received.some((r) => r.body.type === 'firebreak.request.expired'));
    await waitFor(() => received.length >= 6);
    const events = received.map((r) => `${r.body.type} ${r.body.request.id}`);
    expect(events).toEqual(
      expect.arrayContaining([
        `firebreak.request.created ${idA}`,
        `firebreak.request.approved ${idA}`,
        `firebreak.request.created ${idB}`,
        `firebreak.request.rejected ${idB}`,
        `firebreak.request.created ${idC}`,
        `firebreak.request.expired ${idC}`,
      ]),
    );
    const approved = received.find((r) => r.body.type === 'firebreak.request.approved')!;
    expect(approved.body).toMatchObject({ delivery: expect.any(Number), request: { decidedBy: 'bob', note: 'go', url: `${server.url}/requests/${idA}`, commands: [expect.stringContaining('--timeout 70')] } });
    expect(approved.headers['x-firebreak-event']).toBe('request.approved');
    // Each event once (at least once is the contract; here nothing failed after delivery).
    expect(new Set(events).size).toBe(events.length);
  });

  it('Slack-compatible message blocks, escaped; a receiver that never answers is given up after the attempts, recorded', async () => {
    received = [];
    await setWebhook(server.db, 'default', { url: receiverUrl, format: 'slack' });
    const ci = await server.machine('ci-slack');
    const d = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 73');
    await api(server.url, '/api/v1/requests', { token: ci, body: { ...d.body, repo: 'shop <orders> & co' } });
    await waitFor(() => received.length >= 1);
    const slack = received[0].body;
    expect(slack.text).toMatch(/^:warning: Approval needed: fbs-[a-z0-9]+ in shop &lt;orders&gt; &amp; co/);
    expect(slack.blocks.map((b: { type: string }) => b.type)).toEqual(['section', 'section', 'context', 'actions']);
    expect(slack.blocks[1].text.text).toContain('--timeout 73');
    expect(slack.blocks[3].elements[0].url).toMatch(new RegExp(`^${server.url}/requests/fbs-`));

    await setWebhook(server.db, 'default', { url: 'http://127.0.0.1:9/unreachable', format: 'json' });
    const e = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 74');
    const id = (await api(server.url, '/api/v1/requests', { token: ci, body: e.body })).json.requestId;
    let row: { attempts: number; failed_at: string | null; last_error: string | null } | undefined;
    const until = Date.now() + 15_000;
    while (Date.now() < until) {
      row = await server.db.get('SELECT attempts, failed_at, last_error FROM notifications WHERE request_id = ?', [id]);
      if (row?.failed_at) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toMatchObject({ attempts: 5, failed_at: expect.any(String), last_error: expect.stringContaining('gave up after 5 attempts') });
    expect(newChallenge()).toBeTruthy();
  });
});
