// Benchmark: `firebreak ci` on a repository of 500 .tf files / 2,000 resources where one
// revision changes 50 resources. Target <= 5 s. Run: npx tsx bench/ci.ts
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runCi } from '../src/ci/gate.js';
import { renderHtml } from '../src/report/html/index.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { CHANGED, FILES, makeCiRepo, PER_FILE } from './lib/ci-repo.js';

async function main(): Promise<void> {
  const { root, base, head } = makeCiRepo();
  try {
    const start = performance.now();
    const result = await runCi({ cwd: root, base, head, failOn: 'escalate', noFetch: true });
    const gate = performance.now() - start;
    const renderStart = performance.now();
    const md = renderMarkdown(result.report, { ci: result.ci });
    const sarif = renderSarif(result.report);
    const html = renderHtml(result.report, { ci: result.ci });
    const render = performance.now() - renderStart;
    const total = gate + render;
    const t = result.timings;
    const graph = (t['pipeline.world'] ?? 0) + (t['pipeline.predict'] ?? 0);
    const rows: [string, number][] = [
      ['git (revisions, diff, ls-tree, cat-file --batch)', t.git],
      ['HCL parsing (hcl2json, changed files, incl. WASM load)', t.hclParse],
      ['HCL scan (all files, both revisions)', t.hclScan],
      ['graph (world build + blast radius)', graph],
      ['rest of pipeline (config, policy, judge, rollback)', t.pipeline - graph],
      ['render (markdown + SARIF + HTML)', render],
    ];
    console.log(`firebreak ci: ${FILES} .tf files, ${FILES * PER_FILE + 10} resources, ${CHANGED} changed`);
    console.log(`actions ${result.report.actions.length}, blast radius ${result.report.blastRadius.counts.total}, verdict ${result.report.verdict}`);
    for (const [name, ms] of rows) console.log(`  ${name.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms`);
    console.log(`  ${'total'.padEnd(58)} ${total.toFixed(0).padStart(6)} ms  (target <= 5000 ms: ${total <= 5000 ? 'met' : 'MISSED'})`);
    console.log(`  outputs: markdown ${md.length} chars, SARIF ${sarif.length} bytes, HTML ${html.length} bytes`);
    if (result.report.actions.length !== CHANGED) throw new Error(`expected ${CHANGED} actions, got ${result.report.actions.length}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
