// Load and crash: 50 hooks at once post escalations and ship their audit chains while a person
// approves and rejects in the page; in the middle the server is killed with SIGKILL and started
// again. Afterwards nothing is lost or doubled: every audit entry is stored once and chains
// verify, every action has one request, every decision the person saw stands, every approval
// was spent exactly once. Bounded in rounds and time, on SQLite and PostgreSQL.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/agents/audit/append.js';
import type { LoadedConnection } from '../../src/agents/server-client/config.js';
import { interpret, newChallenge } from '../../src/agents/server-client/escalate.js';
import { verifyServerAudit } from '../../src/agents/server-client/fleet.js';
import { auditSource, shipAudit } from '../../src/agents/server-client/ship-audit.js';
import { openDatabase } from '../../src/server/db/open.js';
import { addToken, addUser } from '../../src/server/service/accounts.js';
import { BACKENDS, connectionTo, freshDatabase, loginSession, requestFor, seed, spawnServer, stopPostgres, type ServerProcess } from './helpers.js';

const HOOKS = 50;
const ROUNDS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let retries = 0;

/** Retries through the outage (a real hook would deny meanwhile; here nothing may be dropped). */
async function persist<T>(work: () => Promise<T>, until: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      retries += 1;
      if (Date.now() > until) throw error;
      await sleep(Math.min(500, 50 * 2 ** Math.min(attempt, 4)));
    }
  }
}

async function post(url: string, path: string, token: string, body: unknown): Promise<any> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
  if (r.status >= 500) throw new Error(`HTTP ${r.status}`);
  return r.json();
}

afterAll(() => stopPostgres());

describe.each(BACKENDS)('load with a SIGKILL in the middle, on %s', (backend) => {
  let server: ServerProcess | undefined;
  afterAll(async () => server?.stop('SIGKILL'));

  it(`${HOOKS} hooks x ${ROUNDS} rounds while a person decides; kill -9 and restart; nothing lost or duplicated`, async () => {
    const until = Date.now() + 150_000;
    retries = 0;
    const { where, cleanup } = await freshDatabase(backend);
    const tokens: string[] = [];
    let auditorToken = '';
    await seed(where, async (db) => {
      await addUser(db, { name: 'bob', role: 'approver', team: 'default', password: 'pw-bob-correct-horse' });
      for (let h = 0; h < HOOKS; h++) tokens.push((await addToken(db, { name: `hook-${h}`, kind: 'machine', team: 'default' })).token);
      auditorToken = (await addToken(db, { name: 'auditor', kind: 'auditor', team: 'default' })).token;
    });
    server = await spawnServer(where);
    const url = server.url;
    const port = server.port;
    const connections: LoadedConnection[] = await Promise.all(tokens.map((t) => connectionTo(url, t)));
    const states = tokens.map(() => join(mkdtempSync(join(tmpdir(), 'firebreak-load-')), '.firebreak'));
    const posted: { hook: number; binding: string; body: Record<string, any>; requestId: string }[] = [];
    const allowed = new Map<string, number>();
    let roundsDone = 0;
    let kills = 0;
    let restarted: Promise<void> | undefined;

    const killer = (async () => {
      while (roundsDone < (HOOKS * ROUNDS * 2) / 5 && Date.now() < until) await sleep(20);
      kills += 1;
      await server!.stop('SIGKILL');
      await sleep(400);
      // On a loaded machine a start can be slow: try again rather than leave the hooks waiting.
      for (let attempt = 1; ; attempt++) {
        try {
          server = await spawnServer(where, { port });
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
        }
      }
    })();
    restarted = killer;

    const checkOnce = async (hook: number, p: (typeof posted)[number]) => {
      const challenge = newChallenge();
      const askedAt = new Date();
      // The same challenge on every retry: an answer lost in the crash is given again, not spent twice,
      // dated when it was first given (a loaded machine can take minutes to restart the server).
      const answer = await persist(() => post(url, '/api/v1/check', tokens[hook], { binding: p.binding, challenge }), until);
      const verdict = interpret(answer, { binding: p.binding, challenge, connection: connections[hook], now: new Date(), askedAt });
      if (verdict.kind === 'approved') allowed.set(p.requestId, (allowed.get(p.requestId) ?? 0) + 1);
      return verdict.kind;
    };

    const hooks = Array.from({ length: HOOKS }, async (_, h) => {
      for (let round = 0; round < ROUNDS; round++) {
        await appendAudit(states[h], { agent: 'claude-code', input: [`round ${round} of hook ${h}`], verdict: round % 2 ? 'pass' : 'escalate', answer: round % 2 ? 'none' : 'deny', reasons: [], durationMs: 1 });
        await persist(async () => {
          const r = await shipAudit(states[h], connections[h], { timeoutMs: 10_000 });
          if (r.error) throw new Error(r.error);
        }, until);
        if (round % 2 === 0) {
          const { body, binding } = await requestFor(`aws --profile prod lambda update-function-configuration --function-name api-${h} --timeout ${round + 1}`);
          let attempts = 0;
          const answer = await persist(() => { attempts += 1; return post(url, '/api/v1/requests', tokens[h], body); }, until);
          // A request whose first answer was lost in the crash is the same request when posted again,
          // and the person may have decided it in between; answered at once, it is new and pending.
          if (attempts === 1) expect(answer.status).toBe('pending');
          else expect(['pending', 'approved', 'rejected']).toContain(answer.status);
          posted.push({ hook: h, binding, body, requestId: answer.requestId });
        }
        for (const p of posted.filter((x) => x.hook === h && !allowed.has(x.requestId))) await checkOnce(h, p);
        roundsDone += 1;
        await sleep(Math.random() * 30);
      }
    });

    const decided = new Map<string, 'approved' | 'rejected'>();
    let hooksFinished = false;
    const person = (async () => {
      const bob = await persist(() => loginSession(url, 'bob', 'pw-bob-correct-horse'), until);
      let n = 0;
      // Decisions whose answer was lost in the crash: the page says what stands.
      const uncertain = new Set<string>();
      while ((!hooksFinished || decided.size < posted.length) && Date.now() < until) {
        for (const id of [...uncertain]) {
          try {
            const status = /id="status">(\w+)</.exec((await bob.get(`/requests/${id}`)).text)?.[1];
            if (status === 'approved' || status === 'rejected') decided.set(id, status);
            if (status) uncertain.delete(id);
          } catch {
            // still down
          }
        }
        const queue = await persist(() => bob.get('/queue'), until).catch(() => ({ text: '' }));
        const ids = [...queue.text.matchAll(/data-request="(fbs-[a-z0-9]+)"/g)].map((m) => m[1]).filter((id) => !decided.has(id));
        for (const id of ids) {
          const verb = ++n % 5 === 0 ? 'reject' : 'approve';
          try {
            const csrf = await bob.csrf(`/requests/${id}`);
            const r = await bob.post(`/requests/${id}/${verb}`, { csrf, ttl: '1h', note: `load ${n}` });
            if (r.status === 303) decided.set(id, verb === 'approve' ? 'approved' : 'rejected');
            else if (r.status === 409) {
              // Decided before the crash, the answer lost: the page tells what stands.
              const page = await bob.get(`/requests/${id}`);
              const status = /id="status">(\w+)</.exec(page.text)?.[1];
              if (status === 'approved' || status === 'rejected') decided.set(id, status);
            }
          } catch {
            // The server went down: the decision may or may not have been recorded.
            uncertain.add(id);
          }
        }
        await sleep(100);
      }
    })();

    await Promise.all(hooks);
    hooksFinished = true;
    await restarted;
    await person;
    // Every hook checks each of its actions once more: approvals are spent now if not before.
    await Promise.all(posted.filter((p) => !allowed.has(p.requestId)).map((p) => checkOnce(p.hook, p)));

    expect(kills).toBe(1);
    // The crash was felt: calls failed and were retried.
    expect(retries).toBeGreaterThan(0);
    expect(server!.output()).not.toMatch(/internal error/);
    const db = await openDatabase(where);
    try {
      // Audit: every local entry stored once, every chain intact.
      for (let h = 0; h < HOOKS; h++) {
        const local = readFileSync(join(states[h], 'audit.jsonl'), 'utf8').trim().split('\n').length;
        const stored = Number((await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_entries WHERE source_id = ?', [auditSource(connections[h], states[h])]))!.n);
        expect(stored, `hook ${h}`).toBe(local);
      }
      expect(Number((await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM audit_entries'))!.n)).toBe(HOOKS * ROUNDS);
      const verified = await verifyServerAudit({ url: server!.url, token: auditorToken });
      expect(verified).toMatchObject({ ok: true, sources: HOOKS, entries: HOOKS * ROUNDS });
      // Requests: one per action.
      expect(posted).toHaveLength(HOOKS * Math.ceil(ROUNDS / 2));
      expect(Number((await db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM requests'))!.n)).toBe(posted.length);
      expect(await db.all('SELECT token_id, binding, COUNT(*) AS n FROM requests GROUP BY token_id, binding HAVING COUNT(*) > 1')).toEqual([]);
      // Decisions: each one the person saw stands; nothing is left pending.
      expect(decided.size).toBe(posted.length);
      const rows = await db.all<{ id: string; status: string; uses: number }>('SELECT id, status, uses FROM requests');
      for (const r of rows) expect(r.status, r.id).toBe(decided.get(r.id));
      // Approvals: each spent exactly once, and the hook that spent it was allowed exactly once.
      for (const r of rows.filter((x) => x.status === 'approved')) {
        expect(Number(r.uses), r.id).toBe(1);
        expect(allowed.get(r.id), r.id).toBe(1);
      }
      for (const r of rows.filter((x) => x.status === 'rejected')) expect(allowed.has(r.id)).toBe(false);
      const uses = await db.all<{ request_id: string; n: number | string }>('SELECT request_id, COUNT(*) AS n FROM request_uses GROUP BY request_id');
      expect(uses.every((u) => Number(u.n) === 1)).toBe(true);
    } finally {
      await db.close();
      await server?.stop();
      server = undefined;
      cleanup();
    }
  }, 180_000);
});
