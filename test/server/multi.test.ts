// Several `firebreak server` processes sharing one PostgreSQL: they start together (migrations
// once), sign with the same key, share sessions, and split the work without doing any piece
// twice: approve on one, the hook verifies through the other; one expiry, one notification.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpret, newChallenge } from '../../src/agents/server-client/escalate.js';
import { addToken, addUser, setWebhook } from '../../src/server/service/accounts.js';
import { api, connectionTo, loginSession, postgres, requestFor, seed, spawnServer, stopPostgres, type ServerProcess } from './helpers.js';

describe('two servers, one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let token = '';
  const webhookHits: string[] = [];
  let receiver: ReturnType<typeof createServer>;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let text = '';
      req.on('data', (d) => (text += d));
      req.on('end', () => {
        const body = JSON.parse(text);
        webhookHits.push(`${body.type} ${body.request.id}`);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
    const where = await (await postgres()).database('multi');
    // Both start at once on an empty database: the migration lock lets one create the schema.
    [a, b] = await Promise.all([spawnServer(where), spawnServer(where)]);
    await seed(where, async (db) => {
      await addUser(db, { name: 'bob', role: 'approver', team: 'default', password: 'pw-bob-correct-horse' });
      token = (await addToken(db, { name: 'ci', kind: 'machine', team: 'default' })).token;
      await setWebhook(db, 'default', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`, format: 'json' });
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    receiver?.close();
    stopPostgres();
  });

  it('both serve the same signing key', async () => {
    const [ka, kb] = await Promise.all([api(a.url, '/api/v1/key'), api(b.url, '/api/v1/key')]);
    expect(ka.json.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(kb.json.fingerprint).toBe(ka.json.fingerprint);
  });

  it('request through A, approve on B (with a session made on A), the hook verifies through A and B', async () => {
    const connection = await connectionTo(b.url, token);
    const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 80');
    const id = (await api(a.url, '/api/v1/requests', { token, body })).json.requestId;
    const onA = await loginSession(a.url, 'bob', 'pw-bob-correct-horse');
    expect((await fetch(`${b.url}/requests/${id}`, { headers: { cookie: onA.cookie } })).status).toBe(200);
    const onB = await loginSession(b.url, 'bob', 'pw-bob-correct-horse');
    expect((await onB.post(`/requests/${id}/approve`, { csrf: await onB.csrf(`/requests/${id}`), ttl: '1h', reusable: '1' })).status).toBe(303);
    for (const via of [a, b]) {
      const challenge = newChallenge();
      const answer = (await api(via.url, '/api/v1/requests', { token, body: { ...body, challenge } })).json;
      expect(interpret(answer, { binding, challenge, connection, now: new Date() })).toMatchObject({ kind: 'approved', requestId: id, by: 'bob' });
    }
  });

  it('concurrent calls across both servers: one request per action, and a once-only approval spent once', async () => {
    const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 81');
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => api((i % 2 ? a : b).url, '/api/v1/requests', { token, body: { ...body, challenge: newChallenge() } })));
    const ids = new Set(created.map((r) => r.json.requestId));
    expect(ids.size).toBe(1);
    expect(created.filter((r) => r.json.created).length).toBe(1);
    const [id] = ids;
    const bob = await loginSession(a.url, 'bob', 'pw-bob-correct-horse');
    await bob.post(`/requests/${id}/approve`, { csrf: await bob.csrf(`/requests/${id}`), ttl: '1h' });
    const connection = await connectionTo(a.url, token);
    const checks = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const challenge = newChallenge();
        const answer = (await api((i % 2 ? a : b).url, '/api/v1/check', { token, body: { binding, challenge } })).json;
        return interpret(answer, { binding, challenge, connection, now: new Date() }).kind;
      }),
    );
    expect(checks.filter((k) => k === 'approved')).toHaveLength(1);
  });

  it('a deadline passes with both servers sweeping: expired once, notified once', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 82');
    const id = (await api(b.url, '/api/v1/requests', { token, body: { ...body, deadlineMs: 1000 } })).json.requestId;
    const until = Date.now() + 15_000;
    while (!webhookHits.includes(`firebreak.request.expired ${id}`) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 3000)); // both servers swept several times since
    expect(webhookHits.filter((h) => h === `firebreak.request.expired ${id}`)).toHaveLength(1);
    expect(webhookHits.filter((h) => h === `firebreak.request.created ${id}`)).toHaveLength(1);
    const bob = await loginSession(b.url, 'bob', 'pw-bob-correct-horse');
    const page = (await bob.get(`/requests/${id}`)).text;
    expect(page.match(/<b>request\.expired<\/b>/g)).toHaveLength(1);
  });
});
