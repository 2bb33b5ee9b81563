// The page for people: log in, the queue, one request, approve or reject it, history, fleet,
// audit. A session cookie (HttpOnly, SameSite=Strict) identifies the person; every form carries
// the session's CSRF token, and a cross-site POST is refused even before that is checked.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Report } from '../../model.js';
import { parseDuration } from '../../agents/duration.js';
import { randomSecret, sameText } from '../auth/secrets.js';
import { html } from '../pages/html.js';
import { auditPage, fleetPage, loginPage } from '../pages/fleet.js';
import { layout, type Viewer } from '../pages/layout.js';
import { historyPage, queuePage, requestPage, type Filters } from '../pages/requests.js';
import { text } from '../protocol/wire.js';
import { login, logout, sessionFor, SESSION_MS } from '../service/accounts.js';
import { auditSources } from '../service/audit.js';
import { fleet } from '../service/inventory.js';
import { decideRequest, expireDue, filterValues, getRequest, listRequests, requestEvents } from '../service/requests.js';
import type { Person } from '../service/types.js';
import { streamExport, type ApiContext } from './api.js';
import { sendReportFrame } from './report-frame.js';
import { cookies, HttpError, newNonce, readForm, redirect, sendHtml } from './respond.js';

export interface WebContext extends ApiContext {
  secureCookies: boolean;
  loginLimiter: LoginLimiter;
}

const SESSION_COOKIE = 'fb_session';
const LOGIN_COOKIE = 'fb_login';

function cookie(ctx: WebContext, name: string, value: string, maxAgeS: number): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${ctx.secureCookies ? '; Secure' : ''}`;
}

/** Refuses a POST that a browser says came from another site, or whose Origin is not ours. */
function sameOrigin(req: IncomingMessage, ctx: WebContext): void {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new HttpError(403, 'cross-site', 'refused: this form was posted from another site');
  const origin = req.headers.origin;
  if (origin && origin !== 'null') {
    const host = req.headers.host ?? '';
    const ours = [`http://${host}`, `https://${host}`, new URL(ctx.settings.publicUrl).origin];
    if (!ours.includes(origin)) throw new HttpError(403, 'cross-site', `refused: this form was posted from ${origin}`);
  } else if (origin === 'null') {
    throw new HttpError(403, 'cross-site', 'refused: this form was posted from an opaque origin');
  }
}

async function viewer(ctx: WebContext, req: IncomingMessage): Promise<{ person: Person; csrf: string } | undefined> {
  const value = cookies(req)[SESSION_COOKIE];
  return value ? sessionFor(ctx.db, value, ctx.now()) : undefined;
}

function filtersFrom(url: URL, statuses: string[] = []): Filters {
  const pick = (k: string) => {
    const v = url.searchParams.get(k) ?? '';
    return v && v.length <= 1000 && !v.includes('\u0000') ? v : undefined;
  };
  const status = pick('status');
  return { repo: pick('repo'), environment: pick('environment'), agent: pick('agent'), ...(status && statuses.includes(status) ? { status } : {}) };
}

const decisionForm = z.object({
  csrf: z.string().max(200),
  note: text(2000).optional(),
  ttl: z.enum(['15m', '1h', '4h', '24h']).optional(),
  reusable: z.literal('1').optional(),
});

export async function handleWeb(ctx: WebContext, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
  const nonce = newNonce();
  const now = ctx.now();
  if (req.headers.authorization) {
    throw new HttpError(403, 'token-on-page', 'tokens are for the API: a machine token can post requests but never approve, and the page takes no tokens');
  }
  if (req.method === 'GET' && path === '/login') {
    const token = randomSecret(24);
    return sendHtml(res, 200, layout({ title: 'Log in', nonce, body: loginPage({ loginCsrf: token, failed: url.searchParams.has('failed') }) }), nonce, { 'set-cookie': cookie(ctx, LOGIN_COOKIE, token, 600) });
  }
  if (req.method === 'POST' && path === '/login') return postLogin(ctx, req, res);
  const session = await viewer(ctx, req);
  if (!session) {
    if (req.method === 'GET') return redirect(res, '/login');
    throw new HttpError(401, 'no-session', 'log in first');
  }
  const { person, csrf } = session;
  const v: Viewer = { name: person.name, role: person.role, csrf };
  const page = (title: string, here: string, body: ReturnType<typeof html>, notice?: { text: string; error?: boolean }) =>
    sendHtml(res, 200, layout({ title, nonce, viewer: v, here, body, notice }), nonce);

  if (req.method === 'POST') {
    sameOrigin(req, ctx);
    const form = await readForm(req);
    if (!sameText(form.get('csrf') ?? '', csrf)) throw new HttpError(403, 'csrf', 'refused: the form is stale or forged (missing or wrong CSRF token); reload the page');
    if (path === '/logout') {
      await logout(ctx.db, cookies(req)[SESSION_COOKIE]);
      return redirect(res, '/login', { 'set-cookie': cookie(ctx, SESSION_COOKIE, '', 0) });
    }
    const m = /^\/requests\/(fbs-[a-z0-9]{12})\/(approve|reject)$/.exec(path);
    if (!m) throw new HttpError(404, 'not-found', `nothing to post at ${path}`);
    const parsed = decisionForm.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new HttpError(400, 'invalid', `the form is not valid: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    const f = parsed.data;
    await decideRequest(ctx, person, m[1], { approve: m[2] === 'approve', note: f.note?.trim() || undefined, ttlMs: parseDuration(f.ttl ?? '1h'), reusable: f.reusable === '1' }, now);
    return redirect(res, `/requests/${m[1]}`);
  }
  if (req.method !== 'GET') throw new HttpError(405, 'method', `${req.method} is not allowed here`);

  if (path === '/' ) return redirect(res, '/queue');
  if (path === '/queue') {
    const filters = filtersFrom(url);
    const rows = await listRequests(ctx.db, person.team, { ...filters, status: ['pending'] });
    return page('Queue', 'queue', queuePage(rows.filter((r) => r.expires_at > now.toISOString()), filters, await filterValues(ctx.db, person.team)));
  }
  if (path === '/history') {
    const filters = filtersFrom(url, ['approved', 'rejected', 'expired']);
    const rows = await listRequests(ctx.db, person.team, { ...filters, status: filters.status ? [filters.status] : ['approved', 'rejected', 'expired'] });
    return page('History', 'history', historyPage(rows, filters, await filterValues(ctx.db, person.team)));
  }
  if (path === '/fleet') return page('Fleet', 'fleet', fleetPage(await fleet(ctx.db, person.team)));
  if (path === '/audit') return page('Audit', 'audit', auditPage(await auditSources(ctx.db, person.team)));
  if (path === '/audit/export.jsonl') return streamExport(ctx, person.team, res);
  const one = /^\/requests\/(fbs-[a-z0-9]{12})(\/report)?$/.exec(path);
  if (one) {
    let r = await getRequest(ctx.db, person.team, one[1]);
    if (!r) throw new HttpError(404, 'no-request', `no request ${one[1]} in your team`);
    // Past its deadline but not swept yet: record the expiry now, so the page shows what stands.
    if (r.status === 'pending' && r.expires_at <= now.toISOString()) {
      await expireDue(ctx, now);
      r = (await getRequest(ctx.db, person.team, one[1]))!;
    }
    if (one[2]) {
      if (!r.report) throw new HttpError(404, 'no-report', 'the hook sent no report for this request');
      return sendReportFrame(res, JSON.parse(r.report) as Report);
    }
    const canDecide =
      person.role !== 'approver'
        ? { ok: false as const, why: `You may view this request but not decide it (role ${person.role}).` }
        : r.owner === person.name
          ? { ok: false as const, why: `This request came from ${r.machine}, a machine of yours: another person must decide it.` }
          : { ok: true as const };
    return page(r.id, 'queue', requestPage(r, { csrf, canDecide, events: await requestEvents(ctx.db, r.id), now }));
  }
  throw new HttpError(404, 'not-found', `no page ${path}`);
}

async function postLogin(ctx: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  sameOrigin(req, ctx);
  const form = await readForm(req);
  const expected = cookies(req)[LOGIN_COOKIE];
  if (!expected || !sameText(form.get('login_csrf') ?? '', expected)) throw new HttpError(403, 'csrf', 'refused: the login form is stale or forged; reload the page');
  const name = (form.get('name') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  if (!name || name.length > 64 || password.length > 200) return redirect(res, '/login?failed=1');
  const wait = ctx.loginLimiter.blocked(name, ctx.now());
  if (wait) throw new HttpError(429, 'too-many-attempts', `too many failed logins for ${name}: try again in ${Math.ceil(wait / 60_000)} minute(s)`);
  const session = await login(ctx.db, name, password, ctx.now());
  if (!session) {
    ctx.loginLimiter.failed(name, ctx.now());
    return redirect(res, '/login?failed=1');
  }
  ctx.loginLimiter.succeeded(name);
  return redirect(res, '/queue', { 'set-cookie': [cookie(ctx, SESSION_COOKIE, session.cookie, SESSION_MS / 1000), cookie(ctx, LOGIN_COOKIE, '', 0)] });
}

/** Five wrong passwords for a name in 15 minutes lock that name for 15 minutes (per process). */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(private readonly max = 5, private readonly windowMs = 15 * 60_000) {}
  blocked(name: string, now: Date): number {
    const recent = (this.failures.get(name) ?? []).filter((t) => t > now.getTime() - this.windowMs);
    this.failures.set(name, recent);
    return recent.length >= this.max ? recent[0] + this.windowMs - now.getTime() : 0;
  }
  failed(name: string, now: Date): void {
    this.failures.set(name, [...(this.failures.get(name) ?? []), now.getTime()].slice(-this.max));
  }
  succeeded(name: string): void {
    this.failures.delete(name);
  }
}
