// The page in a real headless Chromium (Debian's chromium + playwright-core): log in, see the
// request the real hook sent, its blast-radius graph (drawn by the report module) and rollback
// plan, approve it with a note and a TTL, and the hook then allows the action; reject; expiry;
// a cross-site form that tries to approve.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, COMMANDS, hook, runCli, tempRepo } from '../agents/helpers.js';
import { PAYLOADS } from '../agents/payloads.js';
import { testServer, type TestServer } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');

describe('the approval page in Chromium', () => {
  let browser: Browser;
  let server: TestServer;
  let env: NodeJS.ProcessEnv;
  let quickEnv: NodeJS.ProcessEnv;
  let repo: string;
  let bob: { name: string; password: string };
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/bootstrap.sh installs Debian's chromium`);
    server = await testServer('sqlite');
    bob = await server.person('bob');
    const token = await server.machine('alice-laptop');
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-web-'));
    env = cleanEnv({ FIREBREAK_SERVER_CONFIG: join(dir, 'server.json') });
    quickEnv = cleanEnv({ FIREBREAK_SERVER_CONFIG: join(dir, 'quick.json') });
    expect((await runCli(['server', 'connect', server.url, '--token', token, '--fingerprint', server.keyFingerprint], { cwd: dir, env })).code).toBe(0);
    expect((await runCli(['server', 'connect', server.url, '--token', token, '--deadline', '8s'], { cwd: dir, env: quickEnv })).code).toBe(0);
    repo = tempRepo();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const escalate = async (command: string, e = env) => {
    const r = await hook('claude-code', PAYLOADS['claude-code'](command, repo), { cwd: repo, env: e });
    return { reply: r.json?.hookSpecificOutput, id: /request (fbs-[a-z0-9]{12})/.exec(r.json?.hookSpecificOutput?.permissionDecisionReason ?? '')?.[1], raw: r };
  };

  async function loggedIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    page.on('console', (m) => {
      if (m.type() === 'warning' && /GL Driver Message .*Performance/.test(m.text())) return;
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${server.url}/queue`);
    expect(page.url()).toBe(`${server.url}/login`);
    await page.fill('#name', bob.name);
    await page.fill('#password', bob.password);
    await page.click('#login');
    await page.waitForURL(`${server.url}/queue`);
    return page;
  }

  it('log in, see the request with its graph and rollback plan, approve it: the hook then allows the action', async () => {
    const first = await escalate(COMMANDS.escalate);
    expect(first.reply.permissionDecision).toBe('deny');
    expect(first.id).toBeTruthy();
    const page = await loggedIn();
    const row = page.locator(`tr[data-request="${first.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('lambda update-function-configuration');
    await row.locator('a').click();
    await page.waitForURL(`${server.url}/requests/${first.id}`);
    expect(await page.textContent('#status')).toBe('pending');
    expect(await page.textContent('.command')).toContain(COMMANDS.escalate);
    expect(await page.locator('#rollback li').count()).toBeGreaterThan(0);
    expect(await page.textContent('#stated-reason')).toBe('run it');

    const frame = page.frameLocator('#report-frame');
    await frame.locator('#graph[data-rendered="sigma"]').waitFor({ timeout: 20_000 });
    expect(Number(await frame.locator('#graph').getAttribute('data-node-count'))).toBeGreaterThan(0);
    expect(await frame.locator('#graph canvas').count()).toBeGreaterThan(0);
    expect(await frame.locator('#rollback li').count()).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'server-request.png'), fullPage: true });
    await page.locator('#report-frame').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await page.locator('#report-frame').screenshot({ path: join(ARTIFACTS, 'server-request-graph.png') });

    await page.fill('#approve-note', 'export fix, approved for 15 minutes');
    await page.selectOption('#ttl', '15m');
    await page.click('#approve');
    await page.waitForURL(`${server.url}/requests/${first.id}`);
    expect(await page.textContent('#status')).toBe('approved');
    expect(await page.textContent('#decision')).toMatch(/by bob at .*valid until .*\(once; used 0 time\(s\)\)/);
    const until = Date.parse(/valid until (\S+)/.exec((await page.textContent('#decision'))!)![1]);
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    const allowed = await hook('claude-code', PAYLOADS['claude-code'](COMMANDS.escalate, repo), { cwd: repo, env });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout.trim()).toBe('');
    await page.reload();
    expect(await page.textContent('#decision')).toContain('used 1 time(s)');
    expect(await page.textContent('#events')).toMatch(/request\.used by machine:alice-laptop/);
    await page.goto(`${server.url}/queue`);
    expect(await page.locator(`tr[data-request="${first.id}"]`).count()).toBe(0);
    await page.goto(`${server.url}/history`);
    expect(await page.locator(`tr[data-request="${first.id}"]`).count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('reject with a note: the hook denies with it', async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 95';
    const { id } = await escalate(command);
    const page = await loggedIn();
    await page.goto(`${server.url}/requests/${id}`);
    await page.fill('#reject-note', 'use the staging stack first');
    await page.click('#reject');
    await page.waitForURL(`${server.url}/requests/${id}`);
    expect(await page.textContent('#status')).toBe('rejected');
    expect(await page.textContent('#note')).toBe('use the staging stack first');
    const denied = await escalate(command);
    expect(denied.reply.permissionDecision).toBe('deny');
    expect(denied.reply.permissionDecisionReason).toContain('bob rejected request');
    expect(denied.reply.permissionDecisionReason).toContain('use the staging stack first');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('no answer by the deadline: the page shows it expired, offers no approval, and the hook denies', async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 96';
    const { id, reply } = await escalate(command, quickEnv);
    expect(reply.permissionDecisionReason).toMatch(/Unanswered by \S+, it counts as rejected/);
    const deadline = Date.parse(/Unanswered by (\S+), it counts/.exec(reply.permissionDecisionReason)![1]);
    const page = await loggedIn();
    await page.goto(`${server.url}/requests/${id}`);
    expect(await page.locator('#approve').count()).toBe(1);
    await page.waitForTimeout(Math.max(0, deadline - Date.now()) + 800);
    await page.reload();
    expect(await page.textContent('#status')).toBe('expired');
    expect(await page.locator('#approve').count()).toBe(0);
    expect(await page.textContent('#decision')).toMatch(/expired.*by deadline at/s);
    const denied = await escalate(command, quickEnv);
    expect(denied.reply.permissionDecisionReason).toContain(`request ${id} expired unanswered`);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a form on another site that tries to approve is refused: the request stays pending', async () => {
    const command = 'aws --profile prod lambda update-function-configuration --function-name api --timeout 97';
    const { id } = await escalate(command);
    const evil = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<form id="f" method="post" action="${server.url}/requests/${id}/approve"><input name="ttl" value="24h"><input name="csrf" value="guess"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((done) => evil.listen(0, '127.0.0.1', done));
    try {
      const page = await loggedIn();
      await page.goto(`http://localhost:${(evil.address() as AddressInfo).port}/`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(500);
      expect(await page.textContent('body')).toMatch(/Refused|log in first|posted from another site/i);
      await page.goto(`${server.url}/requests/${id}`);
      expect(await page.textContent('#status')).toBe('pending');
      await page.close();
    } finally {
      evil.close();
    }
  }, 60_000);
});
