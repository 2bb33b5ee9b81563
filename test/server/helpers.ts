// Real servers over real databases for the server tests: a temp SQLite file, or a database in a
// throwaway PostgreSQL cluster; real HTTP on 127.0.0.1; real reports from the pipeline.
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../src/model.js';
import { check } from '../../src/pipeline.js';
import { bindAction, bindingHash, displayable } from '../../src/agents/approvals/binding.js';
import type { LoadedConnection } from '../../src/agents/server-client/config.js';
import { keyIdOf } from '../../src/server/protocol/signed.js';
import { addToken, addUser } from '../../src/server/service/accounts.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.js';
import { COMMANDS, tempRepo } from '../agents/helpers.js';
import { startPostgres, type PostgresCluster } from './postgres-cluster.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

let cluster: PostgresCluster | undefined;
let databases = 0;

/** One cluster per test file (vitest runs files in separate processes). */
export async function postgres(): Promise<PostgresCluster> {
  cluster ??= await startPostgres();
  return cluster;
}

export function stopPostgres(): void {
  cluster?.stop();
  cluster = undefined;
}

/** A fresh, empty database of this kind: a SQLite file path or a PostgreSQL URL. */
export async function freshDatabase(backend: Backend): Promise<{ where: string; cleanup: () => void }> {
  if (backend === 'postgres') return { where: await (await postgres()).database(`t${process.pid}_${++databases}`), cleanup: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-server-'));
  return { where: join(dir, 'server.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  where: string;
  person(name: string, o?: { role?: 'approver' | 'viewer'; team?: string }): Promise<{ name: string; password: string }>;
  machine(name: string, o?: { owner?: string; team?: string }): Promise<string>;
  auditor(name: string, o?: { team?: string }): Promise<string>;
  connection(token: string): Promise<LoadedConnection>;
  stop(): Promise<void>;
}

export async function testServer(backend: Backend, o: Partial<ServerOptions> & { where?: string } = {}): Promise<TestServer> {
  const fresh = o.where ? { where: o.where, cleanup: () => undefined } : await freshDatabase(backend);
  const running = await startServer({ database: fresh.where, host: '127.0.0.1', port: 0, sweepMs: 200, dispatch: { backoffMs: 100, maxBackoffMs: 1000, timeoutMs: 2000, maxAttempts: 5 }, ...o });
  return {
    ...running,
    where: fresh.where,
    async person(name, p = {}) {
      const password = `pw-${name}-correct-horse`;
      await addUser(running.db, { name, role: p.role ?? 'approver', team: p.team ?? 'default', password });
      return { name, password };
    },
    async machine(name, m = {}) {
      return (await addToken(running.db, { name, kind: 'machine', team: m.team ?? 'default', ...(m.owner ? { owner: m.owner } : {}) })).token;
    },
    async auditor(name, a = {}) {
      return (await addToken(running.db, { name, kind: 'auditor', team: a.team ?? 'default' })).token;
    },
    async connection(token) {
      const key = (await (await fetch(`${running.url}/api/v1/key`)).json()) as { publicKey: string };
      const publicKey = createPublicKey(key.publicKey);
      return { url: running.url, token, publicKeyPem: key.publicKey, fingerprint: '', publicKey, keyId: keyIdOf(publicKey), file: '(test)' };
    },
    async stop() {
      await running.close();
      fresh.cleanup();
    },
  };
}

let cachedRepo: string | undefined;
const reports = new Map<string, Report>();

/** A real pipeline report for a command in a temp repository (production = profile prod). */
export async function realReport(command = COMMANDS.escalate): Promise<{ report: Report; repo: string }> {
  cachedRepo ??= tempRepo();
  if (!reports.has(command)) {
    const { report } = await check({ commands: [command], cwd: cachedRepo, implicitConfig: false, now: new Date(), config: join(cachedRepo, 'firebreak.yaml') });
    reports.set(command, report);
  }
  return { report: reports.get(command)!, repo: cachedRepo };
}

/** The body a hook posts for `command`, as the client builds it. */
export async function requestFor(command: string, o: { challenge?: string; cwd?: string; variables?: Record<string, string>; statedReason?: string } = {}) {
  const { requestPayload, newChallenge } = await import('../../src/agents/server-client/escalate.js');
  const { reportSchema } = await import('../../src/server/protocol/wire.js');
  const { report, repo } = await realReport(COMMANDS.escalate);
  const cwd = o.cwd ?? repo;
  const bound = bindAction([command], report.actions, cwd, o.variables ?? {});
  const binding = bindingHash(bound);
  const challenge = o.challenge ?? newChallenge();
  const body = requestPayload(
    { connection: { deadlineMs: undefined } as unknown as LoadedConnection, agent: 'claude-code', cwd, binding, bound: displayable(bound), report, reasons: report.reasons, now: new Date(), timeoutMs: 5000, ...(o.statedReason ? { statedReason: o.statedReason } : {}) },
    challenge,
    (r) => reportSchema.parse(r),
  );
  return { body: body as Record<string, any>, binding, challenge, bound };
}

export async function api(url: string, path: string, o: { token?: string; body?: unknown; method?: string; headers?: Record<string, string>; raw?: string } = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(`${url}${path}`, {
    method: o.method ?? (o.body !== undefined || o.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.body !== undefined || o.raw !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    ...(o.raw !== undefined ? { body: o.raw } : o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, headers: response.headers };
}

/** A logged-in page session (cookie + CSRF token), without a browser. */
export async function loginSession(url: string, name: string, password: string): Promise<{ cookie: string; csrf: (page: string) => Promise<string>; get: (path: string) => Promise<{ status: number; text: string }>; post: (path: string, form: Record<string, string>, headers?: Record<string, string>) => Promise<{ status: number; text: string; location: string | null }> }> {
  const first = await fetch(`${url}/login`, { redirect: 'manual' });
  const loginCookie = /fb_login=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1];
  const loginCsrf = /name="login_csrf" value="([^"]+)"/.exec(await first.text())![1];
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `fb_login=${loginCookie}` },
    body: new URLSearchParams({ name, password, login_csrf: loginCsrf }).toString(),
  });
  const session = /fb_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`login as ${name} failed: ${res.status} ${res.headers.get('location')}`);
  const cookie = `fb_session=${session}`;
  const get = async (path: string) => {
    const r = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
    return { status: r.status, text: await r.text() };
  };
  return {
    cookie,
    get,
    csrf: async (page: string) => /name="csrf" value="([^"]+)"/.exec((await get(page)).text)![1],
    post: async (path, form, headers = {}) => {
      const r = await fetch(`${url}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers }, body: new URLSearchParams(form).toString() });
      return { status: r.status, text: await r.text(), location: r.headers.get('location') };
    },
  };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: import('node:child_process').ChildProcess;
  output: () => string;
  /** SIGKILL (no cleanup at all) or SIGTERM (clean stop); resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `firebreak server` as a real process (needs `npm run build`), on 127.0.0.1. */
export async function spawnServer(database: string, o: { port?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<ServerProcess> {
  const { spawn } = await import('node:child_process');
  const { BIN } = await import('../agents/helpers.js');
  const { freePort } = await import('./postgres-cluster.js');
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, [BIN, 'server', '--db', database, '--host', '127.0.0.1', '--port', String(port), ...(o.args ?? [])], {
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const gone = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`firebreak server did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('listening on')) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`firebreak server exited (${code}):\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await gone;
    },
  };
}

/** Accounts and tokens written straight into a database (as `firebreak server user/token add` do). */
export async function seed(where: string, work: (db: import('../../src/server/db/database.js').Database) => Promise<void>): Promise<void> {
  const { openDatabase } = await import('../../src/server/db/open.js');
  const { migrate } = await import('../../src/server/db/migrations.js');
  const db = await openDatabase(where);
  try {
    await migrate(db);
    await work(db);
  } finally {
    await db.close();
  }
}

export async function connectionTo(url: string, token: string): Promise<LoadedConnection> {
  const key = (await (await fetch(`${url}/api/v1/key`)).json()) as { publicKey: string };
  const publicKey = createPublicKey(key.publicKey);
  return { url, token, publicKeyPem: key.publicKey, fingerprint: '', publicKey, keyId: keyIdOf(publicKey), file: '(test)' };
}
