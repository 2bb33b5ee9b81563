// The approval queue end to end over real HTTP, on SQLite and on PostgreSQL: a hook's request,
// a person's decision in the page, the hook's check of the signed answer, expiry, and the rules
// on who may decide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpret, newChallenge } from '../../src/agents/server-client/escalate.js';
import type { LoadedConnection } from '../../src/agents/server-client/config.js';
import { api, BACKENDS, loginSession, requestFor, stopPostgres, testServer, type TestServer } from './helpers.js';

afterAll(() => stopPostgres());

describe.each(BACKENDS)('approval queue on %s', (backend) => {
  let server: TestServer;
  let laptop: string;
  let ci: string;
  let connection: LoadedConnection;
  let bob: Awaited<ReturnType<typeof loginSession>>;
  let alice: Awaited<ReturnType<typeof loginSession>>;

  beforeAll(async () => {
    server = await testServer(backend);
    const a = await server.person('alice');
    const b = await server.person('bob');
    await server.person('vera', { role: 'viewer' });
    laptop = await server.machine('alice-laptop', { owner: 'alice' });
    ci = await server.machine('ci-runner');
    connection = await server.connection(ci);
    alice = await loginSession(server.url, a.name, a.password);
    bob = await loginSession(server.url, b.name, b.password);
  }, 120_000);
  afterAll(async () => server?.stop());

  const post = (token: string, body: unknown) => api(server.url, '/api/v1/requests', { token, body });
  const decide = async (who: typeof bob, id: string, verb: 'approve' | 'reject', form: Record<string, string> = {}) =>
    who.post(`/requests/${id}/${verb}`, { csrf: await who.csrf(`/requests/${id}`), ...form });

  it('an escalation becomes one pending request; the same action again finds it, no duplicate', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 31', { statedReason: 'Raise the timeout: the nightly export times out' });
    const first = await post(ci, body);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ status: 'pending', created: true });
    expect(first.json.requestId).toMatch(/^fbs-[a-z0-9]{12}$/);
    expect(first.json.url).toBe(`${server.url}/requests/${first.json.requestId}`);
    const again = await post(ci, { ...body, challenge: newChallenge() });
    expect(again.json).toMatchObject({ status: 'pending', created: false, requestId: first.json.requestId });
    const queue = await bob.get('/queue');
    expect(queue.text.split(`data-request="${first.json.requestId}"`).length - 1).toBe(1);
    const page = await bob.get(`/requests/${first.json.requestId}`);
    expect(page.text).toContain('Raise the timeout: the nightly export times out');
    expect(page.text).toContain('not verified by Firebreak');
    expect(page.text).toContain('--timeout 31');
    expect(page.text).toMatch(/id="rollback"/);
  });

  it('approved once: the next call gets an approval that verifies offline, exactly once; then a new request', async () => {
    const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 32');
    const id = (await post(ci, body)).json.requestId;
    const decided = await decide(bob, id, 'approve', { ttl: '1h', note: 'ok for the export fix' });
    expect(decided.status).toBe(303);
    const challenge = newChallenge();
    const answer = (await post(ci, { ...body, challenge })).json;
    expect(answer.status).toBe('approved');
    const verdict = interpret(answer, { binding, challenge, connection, now: new Date() });
    expect(verdict).toMatchObject({ kind: 'approved', requestId: id, by: 'bob', note: 'ok for the export fix', reusable: false, use: 1 });
    // Used up: the same action again opens a new request.
    const next = (await post(ci, { ...body, challenge: newChallenge() })).json;
    expect(next).toMatchObject({ status: 'pending', created: true });
    expect(next.requestId).not.toBe(id);
    const history = await bob.get(`/requests/${id}`);
    expect(history.text).toMatch(/request\.approved<\/b> by person:bob/);
    expect(history.text).toMatch(/request\.used<\/b> by machine:ci-runner \(use 1\)/);
  });

  it('a retried call (same challenge, answer lost on the way) gets the same receipt, not a second use', async () => {
    const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 33');
    const id = (await post(ci, body)).json.requestId;
    await decide(bob, id, 'approve', { ttl: '15m' });
    const challenge = newChallenge();
    const a = (await post(ci, { ...body, challenge })).json;
    const b = (await post(ci, { ...body, challenge })).json;
    expect(b).toEqual(a);
    expect(interpret(b, { binding, challenge, connection, now: new Date() })).toMatchObject({ kind: 'approved', use: 1 });
    expect((await post(ci, { ...body, challenge: newChallenge() })).json.status).toBe('pending');
  });

  it('a reusable approval allows the same action until it runs out, counting uses', async () => {
    const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 34');
    const id = (await post(ci, body)).json.requestId;
    await decide(bob, id, 'approve', { ttl: '4h', reusable: '1' });
    for (const use of [1, 2, 3]) {
      const challenge = newChallenge();
      const answer = (await post(ci, { ...body, challenge })).json;
      expect(interpret(answer, { binding, challenge, connection, now: new Date() })).toMatchObject({ kind: 'approved', reusable: true, use });
    }
  });

  it('rejected: denied with the note, and the same action stays denied (no new request) until the hold ends', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 35');
    const id = (await post(ci, body)).json.requestId;
    expect((await decide(bob, id, 'reject', { note: 'not during the freeze' })).status).toBe(303);
    const answer = (await post(ci, { ...body, challenge: newChallenge() })).json;
    expect(answer).toMatchObject({ status: 'rejected', requestId: id, decidedBy: 'bob', note: 'not during the freeze' });
    expect(Date.parse(answer.holdUntil)).toBeGreaterThan(Date.now() + 50 * 60_000);
    // Deciding again is refused: a decision stands.
    const again = await bob.post(`/requests/${id}/approve`, { csrf: await bob.csrf('/queue'), ttl: '1h' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('already rejected');
    const history = await bob.get('/history?status=rejected');
    expect(history.text).toContain(id);
  });

  it('unanswered: expires to rejected at its deadline, recorded as such; a late approval is refused', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 36');
    const created = (await post(ci, { ...body, deadlineMs: 1000 })).json;
    expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(1000);
    const csrf = await bob.csrf(`/requests/${created.requestId}`);
    await new Promise((r) => setTimeout(r, 1600));
    const page = await bob.get(`/requests/${created.requestId}`);
    expect(page.text).toMatch(/<span class="badge expired">expired<\/span> by <b>deadline<\/b> at/);
    expect(page.text).toContain('request.expired');
    const late = await bob.post(`/requests/${created.requestId}/approve`, { csrf, ttl: '1h' });
    expect(late.status).toBe(409);
    const answer = (await post(ci, { ...body, challenge: newChallenge() })).json;
    expect(answer).toMatchObject({ status: 'expired', requestId: created.requestId, decidedBy: 'deadline', decidedAt: created.expiresAt });
  });

  it('nobody approves their own request: alice cannot decide what her laptop asked; bob can', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 37');
    const id = (await post(laptop, body)).json.requestId;
    const page = await alice.get(`/requests/${id}`);
    expect(page.text).toContain('a machine of yours: another person must decide it');
    expect(page.text).not.toContain('id="approve-form"');
    const own = await alice.post(`/requests/${id}/approve`, { csrf: await alice.csrf('/queue'), ttl: '1h' });
    expect(own.status).toBe(403);
    expect(own.text).toContain('another person must decide it');
    expect((await decide(bob, id, 'approve', { ttl: '1h' })).status).toBe(303);
  });

  it('a viewer sees the queue but cannot decide', async () => {
    const vera = await loginSession(server.url, 'vera', 'pw-vera-correct-horse');
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 38');
    const id = (await post(ci, body)).json.requestId;
    expect((await vera.get(`/requests/${id}`)).text).toContain('may view this request but not decide it');
    const tried = await vera.post(`/requests/${id}/approve`, { csrf: await vera.csrf('/queue'), ttl: '1h' });
    expect(tried.status).toBe(403);
    expect((await api(server.url, '/api/v1/check', { token: ci, body: { binding: body.binding, challenge: newChallenge() } })).json.status).toBe('pending');
  });

  it("an approval for one machine does not let another machine run the same command", async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 39';
    const { body } = await requestFor(command);
    const id = (await post(ci, body)).json.requestId;
    await decide(bob, id, 'approve', { ttl: '1h', reusable: '1' });
    const other = await server.machine('other-runner');
    const fromOther = (await post(other, { ...body, challenge: newChallenge() })).json;
    expect(fromOther).toMatchObject({ status: 'pending', created: true });
    expect(fromOther.requestId).not.toBe(id);
  });

  it('queue filters by repository, environment and agent, newest first', async () => {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 40');
    // Newest first by creation time: a few ms apart so the order is defined.
    const mk = async (over: Record<string, string>, n: number) => {
      await new Promise((r) => setTimeout(r, 5));
      return post(ci, { ...body, binding: `${'a'.repeat(60)}${String(n).padStart(4, '0')}`, challenge: newChallenge(), ...over });
    };
    const r1 = (await mk({ repo: 'git@example.test:shop/orders.git', environment: 'production', agent: 'cursor' }, 1)).json.requestId;
    const r2 = (await mk({ repo: 'git@example.test:shop/billing.git', environment: 'staging', agent: 'cursor' }, 2)).json.requestId;
    const r3 = (await mk({ repo: 'git@example.test:shop/orders.git', environment: 'staging', agent: 'gemini' }, 3)).json.requestId;
    const ids = (text: string) => [...text.matchAll(/data-request="(fbs-[a-z0-9]+)"/g)].map((m) => m[1]).filter((x) => [r1, r2, r3].includes(x));
    expect(ids((await bob.get('/queue')).text)).toEqual([r3, r2, r1]);
    expect(ids((await bob.get('/queue?repo=git%40example.test%3Ashop%2Forders.git')).text)).toEqual([r3, r1]);
    expect(ids((await bob.get('/queue?environment=staging')).text)).toEqual([r3, r2]);
    expect(ids((await bob.get('/queue?agent=cursor&environment=staging')).text)).toEqual([r2]);
  });

  it("people of another team neither see nor decide this team's requests", async () => {
    await server.person('olga', { team: 'payments' });
    const olga = await loginSession(server.url, 'olga', 'pw-olga-correct-horse');
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 41');
    const id = (await post(ci, body)).json.requestId;
    expect((await olga.get('/queue')).text).not.toContain(id);
    expect((await olga.get(`/requests/${id}`)).status).toBe(404);
    expect((await olga.post(`/requests/${id}/approve`, { csrf: await olga.csrf('/queue'), ttl: '1h' })).status).toBe(404);
  });
});
