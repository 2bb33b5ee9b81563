// Abuse, as an agent or an attacker on the network would try it, on SQLite and PostgreSQL:
// a machine token approving, forged, altered and replayed approvals, oversized and malformed
// bodies, SQL and HTML injection in every field, cross-site forms. Each is refused with a clear
// error, and nothing is stored half-written.
import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/agents/canonical-json.js';
import type { LoadedConnection } from '../../src/agents/server-client/config.js';
import { interpret, newChallenge } from '../../src/agents/server-client/escalate.js';
import { keyIdOf } from '../../src/server/protocol/signed.js';
import { api, BACKENDS, loginSession, requestFor, stopPostgres, testServer, type TestServer } from './helpers.js';

afterAll(() => stopPostgres());

const SQL = `x'); DROP TABLE requests; -- " OR 1=1 --`;
const HTML = `<script>alert("xss")</script><img src=x onerror=alert(1)>"><svg onload=alert(2)>`;

describe.each(BACKENDS)('abuse on %s', (backend) => {
  let server: TestServer;
  let ci: string;
  let auditor: string;
  let connection: LoadedConnection;
  let bob: Awaited<ReturnType<typeof loginSession>>;

  beforeAll(async () => {
    server = await testServer(backend);
    const b = await server.person('bob');
    ci = await server.machine('ci-runner');
    auditor = await server.auditor('auditor');
    connection = await server.connection(ci);
    bob = await loginSession(server.url, b.name, b.password);
  }, 120_000);
  afterAll(async () => server?.stop());

  const count = async (table: string) => Number((await server.db.get<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n);
  const pendingApproved = async (command: string) => {
    const { body, binding } = await requestFor(command);
    const id = (await api(server.url, '/api/v1/requests', { token: ci, body })).json.requestId;
    await bob.post(`/requests/${id}/approve`, { csrf: await bob.csrf(`/requests/${id}`), ttl: '1h' });
    return { body, binding, id };
  };

  describe('tokens and roles', () => {
    it('a machine token cannot approve: not on the page, not with a cookie-less form, not through the API', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 50');
      const id = (await api(server.url, '/api/v1/requests', { token: ci, body })).json.requestId;
      const viaPage = await fetch(`${server.url}/requests/${id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ci}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'ttl=1h&csrf=x',
        redirect: 'manual',
      });
      expect(viaPage.status).toBe(403);
      expect(await viaPage.text()).toContain('a machine token can post requests but never approve');
      const noSession = await fetch(`${server.url}/requests/${id}/approve`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ttl=1h', redirect: 'manual' });
      expect(noSession.status).toBe(401);
      for (const path of [`/api/v1/requests/${id}/approve`, `/api/v1/approve`, `/api/v1/requests/${id}`]) {
        expect((await api(server.url, path, { token: ci, body: { ttl: '1h' } })).status).toBe(404);
      }
      expect((await api(server.url, '/api/v1/check', { token: ci, body: { binding: body.binding, challenge: newChallenge() } })).json.status).toBe('pending');
    });

    it('missing, malformed, unknown, wrong-secret and revoked tokens get 401; an auditor token cannot post requests; a machine token cannot read the fleet audit', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 51');
      expect((await api(server.url, '/api/v1/requests', { body })).status).toBe(401);
      expect((await api(server.url, '/api/v1/requests', { body, token: 'not-a-token' })).status).toBe(401);
      const [, id] = ci.split('_');
      expect((await api(server.url, '/api/v1/requests', { body, token: `fbt_${id}_${'A'.repeat(43)}` })).json.error.code).toBe('bad-token');
      expect((await api(server.url, '/api/v1/requests', { body, token: `fbt_zzzzzzzzzzzz_${'A'.repeat(43)}` })).status).toBe(401);
      const revoked = await server.machine('to-revoke');
      const { revokeToken } = await import('../../src/server/service/accounts.js');
      await revokeToken(server.db, 'to-revoke');
      expect((await api(server.url, '/api/v1/requests', { body, token: revoked })).status).toBe(401);
      const asAuditor = await api(server.url, '/api/v1/requests', { body, token: auditor });
      expect(asAuditor.status).toBe(403);
      expect(asAuditor.json.error.message).toContain('only machine tokens post requests');
      expect((await api(server.url, '/api/v1/audit/export', { token: ci })).status).toBe(403);
      expect((await api(server.url, '/api/v1/audit/export', { token: auditor })).status).toBe(200);
    });

    it('tokens and sessions are stored hashed: no secret from a token or cookie is in the database', async () => {
      const secret = ci.split('_').slice(2).join('_');
      const tokens = await server.db.all<Record<string, unknown>>('SELECT * FROM tokens');
      expect(JSON.stringify(tokens)).not.toContain(secret);
      const sessions = await server.db.all<Record<string, unknown>>('SELECT * FROM sessions');
      expect(JSON.stringify(sessions)).not.toContain(bob.cookie.split('=')[1]);
      const users = await server.db.all<{ password_hash: string }>('SELECT password_hash FROM users');
      for (const u of users) expect(u.password_hash).toMatch(/^scrypt\$/);
    });
  });

  describe('forged, altered and replayed approvals (verified offline by the hook)', () => {
    it('a replayed answer (captured earlier, another challenge) does not verify', async () => {
      const { body, binding } = await pendingApproved('aws --profile prod lambda update-function-configuration --function-name api --timeout 52');
      const captured = newChallenge();
      const answer = (await api(server.url, '/api/v1/requests', { token: ci, body: { ...body, challenge: captured } })).json;
      expect(interpret(answer, { binding, challenge: captured, connection, now: new Date() }).kind).toBe('approved');
      const replayed = interpret(answer, { binding, challenge: newChallenge(), connection, now: new Date() });
      expect(replayed).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('replayed') });
      // And a day later, with the same challenge: the receipt is not from now.
      const late = interpret(answer, { binding, challenge: captured, connection, now: new Date(Date.now() + 30 * 60_000) });
      expect(late).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('not during this call') });
      // A call that was asked before the receipt and retried for minutes (a server restart) keeps it;
      // one that claims to have been asked after the receipt does not.
      const askedBefore = new Date(Date.now() - 60_000);
      expect(interpret(answer, { binding, challenge: captured, connection, now: new Date(Date.now() + 30 * 60_000), askedAt: askedBefore }).kind).toBe('approved');
      const askedAfter = new Date(Date.now() + 20 * 60_000);
      expect(interpret(answer, { binding, challenge: captured, connection, now: new Date(Date.now() + 30 * 60_000), askedAt: askedAfter })).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('not during this call') });
    });

    it('an approval altered in any signed field, or moved to another action, does not verify', async () => {
      const { body, binding } = await pendingApproved('aws --profile prod lambda update-function-configuration --function-name api --timeout 53');
      const challenge = newChallenge();
      const answer = (await api(server.url, '/api/v1/requests', { token: ci, body: { ...body, challenge } })).json;
      const check = (a: unknown, b = binding) => interpret(a as never, { binding: b, challenge, connection, now: new Date() });
      expect(check(answer).kind).toBe('approved');
      const altered = (mutate: (a: any) => void) => {
        const copy = structuredClone(answer);
        mutate(copy);
        return check(copy);
      };
      expect(altered((a) => (a.approval.statement.validUntil = '2099-01-01T00:00:00.000Z'))).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('approval signature') });
      expect(altered((a) => (a.approval.statement.reusable = true))).toMatchObject({ kind: 'unverified' });
      expect(altered((a) => (a.approval.statement.by = 'the-agent'))).toMatchObject({ kind: 'unverified' });
      expect(altered((a) => (a.receipt.statement.use = 1) && (a.receipt.statement.challenge = newChallenge()))).toMatchObject({ kind: 'unverified' });
      expect(altered((a) => (a.approval.signature = a.receipt.signature))).toMatchObject({ kind: 'unverified' });
      expect(altered((a) => delete a.receipt)).toMatchObject({ kind: 'unverified' });
      // Both statements rebound to another action: signatures break; unchanged: binding differs.
      const other = 'b'.repeat(64);
      expect(altered((a) => ((a.approval.statement.binding = other), (a.receipt.statement.binding = other)))).toMatchObject({ kind: 'unverified' });
      expect(check(answer, other)).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('another action') });
    });

    it('an approval signed by any other key (made on the agent machine) does not verify, whatever key id it claims', async () => {
      const { binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 54');
      const forger = generateKeyPairSync('ed25519');
      const challenge = newChallenge();
      const keyId = connection.keyId; // claims the server's key id
      const at = new Date().toISOString();
      const signed = (statement: object) => ({ statement, signature: sign(null, Buffer.from(canonicalJson(statement)), forger.privateKey).toString('base64') });
      const forged = {
        status: 'approved',
        requestId: 'fbs-forgedforged',
        approval: signed({ v: 1, kind: 'firebreak.decision', keyId, team: 'default', requestId: 'fbs-forgedforged', binding, decision: 'approved', by: 'bob', at, validUntil: new Date(Date.now() + 3600_000).toISOString(), reusable: true }),
        receipt: signed({ v: 1, kind: 'firebreak.use', keyId, requestId: 'fbs-forgedforged', binding, challenge, use: 1, at }),
      };
      expect(interpret(forged as never, { binding, challenge, connection, now: new Date() })).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('does not verify') });
      const honestKeyId = { ...forged, approval: signed({ ...forged.approval.statement, keyId: keyIdOf(forger.publicKey) }) };
      expect(interpret(honestKeyId as never, { binding, challenge, connection, now: new Date() })).toMatchObject({ kind: 'unverified', reason: expect.stringContaining('not the pinned server key') });
    });

    it('a signed rejection or expiry never counts as an approval', async () => {
      const { body, binding } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 55');
      const id = (await api(server.url, '/api/v1/requests', { token: ci, body })).json.requestId;
      await bob.post(`/requests/${id}/reject`, { csrf: await bob.csrf(`/requests/${id}`), note: 'no' });
      const row = await server.db.get<{ decision: string }>('SELECT decision FROM requests WHERE id = ?', [id]);
      const rejection = JSON.parse(row!.decision);
      const challenge = newChallenge();
      const dressedUp = { status: 'approved', requestId: id, approval: rejection, receipt: rejection };
      expect(interpret(dressedUp as never, { binding, challenge, connection, now: new Date() }).kind).toBe('unverified');
    });
  });

  describe('oversized and malformed bodies: refused with a clear error, nothing stored', () => {
    it.each([
      ['not JSON', { raw: '{"binding": ' }, 400, 'not valid JSON'],
      ['a JSON array', { raw: '[]' }, 400, 'body:'],
      ['form-encoded', { raw: 'binding=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'application/json'],
      ['invalid UTF-8', { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) as unknown as string }, 400, 'UTF-8'],
    ])('%s', async (_label, o, status, message) => {
      const before = await count('requests');
      const r = await api(server.url, '/api/v1/requests', { token: ci, ...(o as object) });
      expect(r.status).toBe(status);
      expect(r.json.error.message).toContain(message);
      expect(await count('requests')).toBe(before);
    });

    it('field by field: each bad value is named in the error, and nothing is stored', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 56');
      const before = { requests: await count('requests'), events: await count('events') };
      const cases: [string, Record<string, unknown>, string][] = [
        ['binding', { binding: 'abc' }, 'binding: must be 64 lowercase hex digits'],
        ['challenge', { challenge: 'short' }, 'challenge:'],
        ['commands empty', { commands: [] }, 'commands: at least one command'],
        ['too many commands', { commands: Array(21).fill('ls') }, 'commands:'],
        ['NUL in a command', { commands: ['rm -rf /\u0000'] }, 'commands.0: must not contain NUL'],
        ['huge command', { commands: ['x'.repeat(16_001)] }, 'commands.0: at most 16000 characters'],
        ['agent type', { agent: 42 }, 'agent:'],
        ['deadline', { deadlineMs: -5 }, 'deadlineMs:'],
        ['unknown operation in the report', { report: { ...body.report, actions: [{ ...body.report.actions[0], operation: 'obliterate' }] } }, 'report.actions.0.operation'],
        ['script as an action id', { report: { ...body.report, actions: [{ ...body.report.actions[0], id: '<script>' }] } }, 'report.actions.0.id'],
        ['NUL in the stated reason', { statedReason: 'fine\u0000' }, 'statedReason'],
        ['many variables', { variables: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`V${i}`, 'x'])) }, 'at most 40 variables'],
      ];
      for (const [label, change, message] of cases) {
        const r = await api(server.url, '/api/v1/requests', { token: ci, body: { ...body, ...change } });
        expect(r.status, label).toBe(400);
        expect(r.json.error.message, label).toContain(message);
      }
      expect({ requests: await count('requests'), events: await count('events') }).toEqual(before);
    });

    it('an oversized body is refused before it is read (413), by declared length or by counting', async () => {
      const before = await count('requests');
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 57');
      const big = JSON.stringify({ ...body, what: Array(200).fill('y'.repeat(2000)), dataLoss: Array(200).fill('z'.repeat(2000)), rollback: Array(100).fill('w'.repeat(4000)), padding: 'p'.repeat(1_000_000) });
      expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
      const declared = await api(server.url, '/api/v1/requests', { token: ci, raw: big });
      expect(declared.status).toBe(413);
      expect(declared.json.error.message).toContain('limit');
      // Chunked, no Content-Length: counted as it arrives.
      const chunked = await fetch(`${server.url}/api/v1/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ci}`, 'content-type': 'application/json' },
        body: new ReadableStream({
          start(c) {
            for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
            c.close();
          },
        }),
        duplex: 'half',
      } as RequestInit).catch((e: Error) => e);
      if (chunked instanceof Response) expect(chunked.status).toBe(413);
      else expect(chunked.message).toMatch(/fetch failed|socket|reset/i);
      const form = await bob.post('/requests/fbs-aaaaaaaaaaaa/approve', { csrf: 'x', note: 'n'.repeat(20_000) });
      expect(form.status).toBe(413);
      expect(await count('requests')).toBe(before);
    });
  });

  it('fuzz: arbitrary JSON to every machine endpoint is refused cleanly (4xx with a message), never a 500, never stored', async () => {
    const before = { requests: await count('requests'), audit: await count('audit_entries'), machines: await count('machines') };
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 61');
    const mutated = fc.record({ key: fc.constantFrom(...Object.keys(body)), value: fc.jsonValue({ maxDepth: 3 }) }).map(({ key, value }) => ({ ...body, [key]: value, binding: 'd'.repeat(64) }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), mutated), fc.constantFrom('/api/v1/requests', '/api/v1/audit', '/api/v1/inventory', '/api/v1/check'), async (value, path) => {
        const r = await api(server.url, path, { token: ci, raw: JSON.stringify(value) });
        if (r.status === 200 || r.status === 201) return; // a mutation that is still a valid body
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.json.error.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 150 },
    );
    const after = { requests: await count('requests'), audit: await count('audit_entries'), machines: await count('machines') };
    expect(after.audit).toBe(before.audit);
    expect(after.machines).toBe(before.machines);
    expect(after.requests - before.requests).toBeLessThanOrEqual(1);
  });

  describe('injection in every field', () => {
    it('SQL and HTML in every text field are stored verbatim, shown escaped, and break nothing', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 58');
      const evil = (n: number) => `${SQL} ${HTML} #${n}`;
      let n = 0;
      const report = structuredClone(body.report);
      report.actions[0].target.id = evil(++n);
      report.actions[0].evidence = [{ kind: 'command', message: evil(++n) }];
      report.reasons = [{ rule: evil(++n), decision: 'escalate', message: evil(++n) }];
      report.blastRadius.resources[0].id = evil(++n);
      report.blastRadius.resources[0].path = [evil(n)];
      report.rollback.steps = [{ order: 1, phase: 'inverse', description: evil(++n), command: evil(++n) }];
      const hostile = {
        ...body,
        binding: 'c'.repeat(64),
        agent: evil(++n).slice(0, 40),
        sessionId: evil(++n),
        statedReason: evil(++n),
        hostname: evil(++n),
        repo: evil(++n),
        cwd: evil(++n),
        environment: evil(++n).slice(0, 200),
        commands: [evil(++n), evil(++n)],
        variables: { [evil(++n).slice(0, 100)]: evil(++n) },
        what: [evil(++n)],
        why: [{ rule: evil(++n), message: evil(++n) }],
        impact: evil(++n),
        dataLoss: [evil(++n)],
        rollback: [evil(++n)],
        report,
      };
      const r = await api(server.url, '/api/v1/requests', { token: ci, body: hostile });
      expect(r.status).toBe(201);
      const id = r.json.requestId;
      const stored = await server.db.get<Record<string, string>>('SELECT * FROM requests WHERE id = ?', [id]);
      expect(stored!.repo).toBe(hostile.repo);
      expect(JSON.parse(stored!.summary).commands).toEqual(hostile.commands);
      expect(await count('requests')).toBeGreaterThan(0); // the table is still there
      for (const path of [`/requests/${id}`, '/queue', `/queue?repo=${encodeURIComponent(hostile.repo)}`, `/queue?agent=${encodeURIComponent(SQL)}`, '/history']) {
        const page = await bob.get(path);
        expect(page.status, path).toBe(200);
        expect(page.text, path).not.toMatch(/<script>alert|<img src=x|<svg onload/);
      }
      const page = (await bob.get(`/requests/${id}`)).text;
      expect(page).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
      expect((page.match(/&lt;svg onload=alert\(2\)&gt;/g) ?? []).length).toBeGreaterThanOrEqual(15);
      // The report frame: its own three scripts run, nothing else (the policy pins them by hash).
      const frame = await fetch(`${server.url}/requests/${id}/report`, { headers: { cookie: bob.cookie } });
      const csp = frame.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'sha256-[^']+' 'sha256-[^']+' 'sha256-[^']+';/);
      expect(csp).toContain('sandbox allow-scripts');
      const frameHtml = await frame.text();
      expect(frameHtml).not.toMatch(/<script>alert|<img src=x|<svg onload/);
      const filtered = await bob.get(`/queue?repo=${encodeURIComponent(SQL)}`);
      expect(filtered.text).toContain('Nothing is waiting');
    });

    it('injection in the login form and the decision note is harmless', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 59');
      const id = (await api(server.url, '/api/v1/requests', { token: ci, body })).json.requestId;
      const decided = await bob.post(`/requests/${id}/approve`, { csrf: await bob.csrf(`/requests/${id}`), ttl: '1h', note: `${SQL} ${HTML}` });
      expect(decided.status).toBe(303);
      const page = (await bob.get(`/requests/${id}`)).text;
      expect(page).not.toMatch(/<script>alert|<img src=x/);
      expect(page).toContain('DROP TABLE requests');
      const login = await fetch(`${server.url}/login`);
      const token = /name="login_csrf" value="([^"]+)"/.exec(await login.text())![1];
      const cookie = /fb_login=([^;]+)/.exec(login.headers.get('set-cookie')!)![1];
      const tried = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `fb_login=${cookie}` },
        body: new URLSearchParams({ name: `bob' OR '1'='1`, password: `' OR '1'='1`, login_csrf: token }).toString(),
      });
      expect(tried.status).toBe(303);
      expect(tried.headers.get('location')).toBe('/login?failed=1');
      expect(tried.headers.get('set-cookie') ?? '').not.toContain('fb_session=');
    });
  });

  describe('the page against cross-site requests', () => {
    it('approving needs the session CSRF token and a same-origin request', async () => {
      const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 60');
      const id = (await api(server.url, '/api/v1/requests', { token: ci, body })).json.requestId;
      const csrf = await bob.csrf(`/requests/${id}`);
      expect((await bob.post(`/requests/${id}/approve`, { ttl: '1h' })).status).toBe(403);
      expect((await bob.post(`/requests/${id}/approve`, { ttl: '1h', csrf: `${csrf}x` })).status).toBe(403);
      const crossSite = await bob.post(`/requests/${id}/approve`, { ttl: '1h', csrf }, { origin: 'http://evil.example' });
      expect(crossSite.status).toBe(403);
      expect(crossSite.text).toContain('posted from http://evil.example');
      expect((await bob.post(`/requests/${id}/approve`, { ttl: '1h', csrf }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await server.db.get<{ status: string }>('SELECT status FROM requests WHERE id = ?', [id]))!.status).toBe('pending');
      expect((await bob.post(`/requests/${id}/approve`, { ttl: '1h', csrf }, { origin: server.url })).status).toBe(303);
    });

    it('session cookies are HttpOnly and SameSite=Strict; pages are not frameable and run no script', async () => {
      const login = await fetch(`${server.url}/login`);
      expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      const page = await fetch(`${server.url}/queue`, { headers: { cookie: bob.cookie } });
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'nonce-[^']+';.*frame-ancestors 'none'/);
      expect(page.headers.get('content-security-policy')).not.toContain('script-src');
    });

    it('five wrong passwords lock the name for a while (429), whatever the password next', async () => {
      await server.person('mallory-target');
      for (let i = 0; i < 5; i++) await expect(loginSession(server.url, 'mallory-target', `wrong-${i}`)).rejects.toThrow(/failed: 303/);
      await expect(loginSession(server.url, 'mallory-target', 'pw-mallory-target-correct-horse')).rejects.toThrow(/failed: 429/);
    });
  });
});
