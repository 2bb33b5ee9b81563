// The HTML report in a real headless Chromium (Debian chromium + playwright-core), from file://.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiResult } from '../../src/ci/gate.js';
import { renderHtml } from '../../src/report/html/index.js';
import { agentPrResult } from './ci-report.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');

let result: CiResult;
let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  result = await agentPrResult();
  dir = mkdtempSync(join(tmpdir(), 'firebreak-html-'));
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        // sigma draws with WebGL: without a GPU, Chromium needs SwiftShader allowed explicitly.
        '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('self-contained HTML report', () => {
  it('needs nothing from the network: no external script, style or font', () => {
    const html = renderHtml(result.report, { ci: result.ci });
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('id="firebreak-data"');
  });

  it.runIf(existsSync(CHROMIUM))('loads from file:// without console errors, draws every affected node, and explains the one clicked', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(result.report, { ci: result.ci }));
    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      // Chromium's software GL reports ReadPixels stalls (sigma's node picking) as warnings: not the page's.
      if (message.type() === 'warning' && /GL Driver Message .*Performance/.test(message.text())) return;
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.waitForSelector('#graph[data-rendered="sigma"]', { timeout: 15_000 });

    const expected = result.report.blastRadius.resources.length;
    expect(expected).toBeGreaterThan(5);
    expect(await page.getAttribute('#graph', 'data-node-count')).toBe(String(expected));
    expect(await page.evaluate(() => (window as any).firebreak.renderer.getGraph().order)).toBe(expected);
    expect(await page.locator('#graph canvas').count()).toBeGreaterThan(0);

    // Click the disrupted Route 53 record on the canvas itself, where sigma drew it.
    const id = 'infra:aws_route53_record.db';
    const clickNode = async (node: string) => {
      const at = await nodePoint(node);
      await page.mouse.click(at.x, at.y);
    };
    const nodePoint = (node: string) => page.evaluate((node) => {
      const renderer = (window as any).firebreak.renderer;
      const data = renderer.getNodeDisplayData(node);
      const at = renderer.framedGraphToViewport({ x: data.x, y: data.y });
      const box = document.getElementById('graph')!.getBoundingClientRect();
      return { x: box.left + at.x, y: box.top + at.y };
    }, node);
    await clickNode(id);
    await expect.poll(() => page.getAttribute('#why', 'data-node')).toBe(id);
    const why = await page.textContent('#why');
    expect(why).toContain('Dependency path');
    expect(why).toContain('infra:aws_db_instance.orders');
    expect(why).toMatch(/references aws_db_instance\.orders/);
    expect(await page.locator('#rollback li').count()).toBeGreaterThan(0);
    expect(await page.isVisible('#rollback')).toBe(true);

    // The directly replaced database shows the evidence that decided it.
    await page.click(`#node-list li[data-id="infra:aws_db_instance.orders"]`);
    expect(await page.textContent('#why')).toMatch(/identifier: "orders-prod" -> "orders-prod-v2" \(forces replacement\)/);
    await page.evaluate(() => window.scrollTo(0, 0));
    // The side panel grew: let sigma see the resized container before aiming at a node again.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    // sigma reads two canvas clicks close in time as a double click: move away and wait it out.
    await page.mouse.move(5, 5);
    await page.waitForTimeout(500);
    await clickNode(id);
    await expect.poll(() => page.getAttribute('#why', 'data-node')).toBe(id);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'ci-report.png'), fullPage: false });
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  }, 60_000);
});
