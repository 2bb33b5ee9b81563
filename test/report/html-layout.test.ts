// The HTML report reads well at 5, 30 and 300 resources: checked in a real Chromium by measuring
// what sigma drew (node discs, label boxes, edges), not only by a person looking at screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTerraformState } from '../../bench/generate-terraform.js';
import { check } from '../../src/pipeline.js';
import { renderHtml } from '../../src/report/html/index.js';
import { layeredLayout, shortLabel, transitiveReduction } from '../../src/report/html/graph-data.js';
import type { Report } from '../../src/model.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');
let browser: Browser | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firebreak-html-layout-'));
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A `terraform destroy` of a synthetic state of n resources (stacks of VPC, subnets, SG, instances, RDS, ...). */
async function destroyReport(n: number): Promise<Report> {
  const state = join(dir, `state-${n}.json`);
  writeFileSync(state, JSON.stringify(generateTerraformState(n)));
  const { report } = await check({ commands: ['terraform destroy -auto-approve'], state: [state], cwd: dir, implicitConfig: false });
  return report;
}

interface Drawn {
  nodes: { id: string; x: number; y: number; r: number; criticality: number }[];
  labels: { id: string; x1: number; x2: number; y1: number; y2: number }[];
  edges: number;
  width: number;
  height: number;
}

describe('layout, independent of a browser', () => {
  it('puts what others depend on above its dependents, and drops edges implied by longer paths', () => {
    const edges = [
      { source: 'subnet', target: 'vpc', label: '' },
      { source: 'instance', target: 'subnet', label: '' },
      { source: 'instance', target: 'vpc', label: '' },
    ];
    const reduced = transitiveReduction(edges);
    expect(reduced.map((e) => `${e.source}->${e.target}`)).toEqual(['subnet->vpc', 'instance->subnet']);
    const { positions } = layeredLayout(['instance', 'subnet', 'vpc'], reduced, new Map());
    expect(positions.get('vpc')!.y).toBeGreaterThan(positions.get('subnet')!.y);
    expect(positions.get('subnet')!.y).toBeGreaterThan(positions.get('instance')!.y);
  });

  it('survives dependency cycles', () => {
    const edges = [{ source: 'a', target: 'b', label: '' }, { source: 'b', target: 'a', label: '' }];
    const { positions } = layeredLayout(['a', 'b'], edges, new Map());
    expect(positions.size).toBe(2);
  });

  it('shortens long labels in the middle and drops module prefixes', () => {
    expect(shortLabel('module.network.aws_subnet.private[0]')).toBe('network.aws_subnet.private[0]');
    expect(shortLabel('module.a.module.b.aws_vpc.main')).toBe('b.aws_vpc.main');
    const long = shortLabel('aws_iam_role_policy_attachment.ecs_task_execution_secrets_manager_read');
    expect(long.length).toBe(34);
    expect(long).toContain('…');
  });
});

describe.runIf(existsSync(CHROMIUM))('the drawn graph in Chromium', () => {
  for (const n of [5, 30, 300]) {
    it(`${n} resources: nodes apart, edges drawn, the most critical labelled, no label over another or over a node`, async () => {
      const report = await destroyReport(n);
      expect(report.blastRadius.resources.length).toBe(n);
      expect(report.blastRadius.edges?.length ?? 0).toBeGreaterThan(0);
      const file = join(dir, `report-${n}.html`);
      writeFileSync(file, renderHtml(report));
      const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.waitForSelector('#graph[data-rendered="sigma"]', { timeout: 20_000 });
      await page.waitForSelector('#graph[data-labels]');
      const drawn: Drawn = await page.evaluate(() => {
        const fb = (window as any).firebreak;
        const renderer = fb.renderer;
        const graph = renderer.getGraph();
        const nodes: Drawn['nodes'] = [];
        graph.forEachNode((id: string, a: any) => {
          const d = renderer.getNodeDisplayData(id);
          const at = renderer.framedGraphToViewport({ x: d.x, y: d.y });
          nodes.push({ id, x: at.x, y: at.y, r: d.size, criticality: a.criticality });
        });
        // Label boxes measured again here from what is forced on, not taken from the page's own list.
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = '12px system-ui, sans-serif';
        const byId = new Map(nodes.map((node) => [node.id, node]));
        const labels: Drawn['labels'] = [];
        graph.forEachNode((id: string, a: any) => {
          if (!a.forceLabel) return;
          const node = byId.get(id)!;
          const w = ctx.measureText(a.label).width;
          const at = a.labelAt;
          const x = node.x + (a.labelDx ?? 0);
          const box = at === 'right' ? { x1: node.x + node.r + 3, x2: node.x + node.r + 3 + w, y1: node.y - 6, y2: node.y + 6 }
            : at === 'left' ? { x1: node.x - node.r - 3 - w, x2: node.x - node.r - 3, y1: node.y - 6, y2: node.y + 6 }
            : at === 'above' ? { x1: x, x2: x + w, y1: node.y - node.r - 16, y2: node.y - node.r - 4 }
            : { x1: x, x2: x + w, y1: node.y + node.r + 4, y2: node.y + node.r + 16 };
          labels.push({ id, ...box });
        });
        const box = document.getElementById('graph')!;
        return { nodes, labels, edges: graph.size, width: box.clientWidth, height: box.clientHeight };
      });
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.locator('#graph').screenshot({ path: join(ARTIFACTS, `html-graph-${n}.png`) });
      await page.close();
      expect(errors).toEqual([]);

      expect(drawn.nodes).toHaveLength(n);
      expect(drawn.edges).toBeGreaterThan(0);
      // Nodes do not touch.
      for (let i = 0; i < drawn.nodes.length; i++) {
        for (let j = i + 1; j < drawn.nodes.length; j++) {
          const [a, b] = [drawn.nodes[i], drawn.nodes[j]];
          expect(Math.hypot(a.x - b.x, a.y - b.y), `${a.id} and ${b.id} overlap`).toBeGreaterThan(a.r + b.r);
        }
      }
      // Labels: the most critical resource is named, enough of the rest are, and no two collide.
      const labelled = new Set(drawn.labels.map((l) => l.id));
      const mostCritical = [...drawn.nodes].sort((a, b) => b.criticality - a.criticality || (a.id < b.id ? -1 : 1))[0];
      expect(labelled.has(mostCritical.id), `${mostCritical.id} has no label`).toBe(true);
      expect(drawn.labels.length).toBeGreaterThanOrEqual(n <= 30 ? Math.ceil(n * 0.6) : 30);
      for (let i = 0; i < drawn.labels.length; i++) {
        const a = drawn.labels[i];
        expect(a.x1 >= 0 && a.x2 <= drawn.width && a.y1 >= 0 && a.y2 <= drawn.height, `label of ${a.id} leaves the panel`).toBe(true);
        for (let j = i + 1; j < drawn.labels.length; j++) {
          const b = drawn.labels[j];
          expect(a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2, `labels of ${a.id} and ${b.id} overlap`).toBe(false);
        }
        for (const node of drawn.nodes) {
          if (node.id === a.id) continue;
          const hit = node.x + node.r > a.x1 && node.x - node.r < a.x2 && node.y + node.r > a.y1 && node.y - node.r < a.y2;
          expect(hit, `label of ${a.id} covers ${node.id}`).toBe(false);
        }
      }
    }, 60_000);
  }
});
