// Team server throughput and latency: requests per second and p50/p95 for a hook posting a new
// escalation ("request") and for a hook checking an approved action ("approval check": a signed
// decision plus a signed receipt for its challenge), against a real `firebreak server` process
// on 127.0.0.1, over SQLite and over PostgreSQL (a throwaway cluster). Bounded: a fixed number
// of calls at a fixed concurrency. Prints a markdown table (BENCHMARKS.md is the lead's).
// Run: npm run build && npx tsx bench/server.ts [calls] [concurrency]
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { newChallenge } from '../src/agents/server-client/escalate.js';
import { addToken, addUser } from '../src/server/service/accounts.js';
import { freshDatabase, loginSession, requestFor, seed, spawnServer, stopPostgres, type Backend } from '../test/server/helpers.js';

// Compare like with like: SQLite syncs every commit (synchronous = FULL), so PostgreSQL does too.
process.env.FIREBREAK_PG_FSYNC = 'on';
const CALLS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 10);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function measure(label: string, call: (i: number) => Promise<void>): Promise<{ label: string; rps: number; p50: number; p95: number }> {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < CALLS; i = next++) {
        const t = performance.now();
        await call(i);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { label, rps: CALLS / seconds, p50: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

async function post(url: string, path: string, token: string, body: unknown, expected: string): Promise<void> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as { status?: string };
  if (json.status !== expected) throw new Error(`${path}: expected ${expected}, got ${JSON.stringify(json).slice(0, 300)}`);
}

async function bench(backend: Backend) {
  const { where, cleanup } = await freshDatabase(backend);
  let token = '';
  await seed(where, async (db) => {
    await addUser(db, { name: 'bob', role: 'approver', team: 'default', password: 'pw-bob-correct-horse' });
    token = (await addToken(db, { name: 'bench', kind: 'machine', team: 'default' })).token;
  });
  const server = await spawnServer(where);
  try {
    const { body } = await requestFor('aws --profile prod lambda update-function-configuration --function-name api --timeout 30');
    // Warm up (connections, statement caches, JIT).
    for (let i = 0; i < 50; i++) await post(server.url, '/api/v1/requests', token, { ...body, binding: (i + 1).toString(16).padStart(64, 'f'), challenge: newChallenge() }, 'pending');
    const request = await measure('request (new escalation, with report)', (i) => post(server.url, '/api/v1/requests', token, { ...body, binding: (i + 1).toString(16).padStart(64, '0'), challenge: newChallenge() }, 'pending'));
    const id = ((await (await fetch(`${server.url}/api/v1/requests`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, challenge: newChallenge() }) })).json()) as { requestId: string }).requestId;
    const bob = await loginSession(server.url, 'bob', 'pw-bob-correct-horse');
    await bob.post(`/requests/${id}/approve`, { csrf: await bob.csrf(`/requests/${id}`), ttl: '24h', reusable: '1' });
    const check = await measure('approval check (signed approval + receipt)', () => post(server.url, '/api/v1/check', token, { binding: body.binding, challenge: newChallenge() }, 'approved'));
    return [request, check].map((m) => ({ ...m, backend }));
  } finally {
    await server.stop();
    cleanup();
  }
}

const rows = [];
for (const backend of ['sqlite', 'postgres'] as Backend[]) rows.push(...(await bench(backend)));
stopPostgres();
const table = [
  `Team server, ${CALLS} calls per row at concurrency ${CONCURRENCY}, server and client on one machine (${cpus().length} cores, load ${loadavg()[0].toFixed(2)}), every commit synced to disk in both stores:`,
  '',
  '| store | call | requests/s | p50 ms | p95 ms |',
  '|---|---|---:|---:|---:|',
  ...rows.map((r) => `| ${r.backend} | ${r.label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`),
].join('\n');
process.stdout.write(`${table}\n`);
