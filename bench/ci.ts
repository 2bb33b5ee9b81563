// Benchmark: `firebreak ci` on a repository of 500 .tf files / 2,000 resources where one
// revision changes 50 resources. Target <= 5 s. Run: npx tsx bench/ci.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCi } from '../src/ci/gate.js';
import { renderHtml } from '../src/report/html/index.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';

const FILES = 500;
const PER_FILE = 4;
const CHANGED = 50;
const DIRS = 10;

function fileText(i: number, changed: boolean): string {
  const env = i % 3 === 0 ? 'prod' : 'staging';
  return `resource "aws_security_group" "sg${i}" {
  name   = "sg-${i}"
  vpc_id = aws_vpc.main.id
  tags   = { Env = "${env}" }
}

resource "aws_db_instance" "db${i}" {
  identifier             = "db-${i}"
  engine                 = "postgres"
  instance_class         = "${changed ? 'db.t3.large' : 'db.t3.micro'}"
  allocated_storage      = 20
  vpc_security_group_ids = [aws_security_group.sg${i}.id]
  skip_final_snapshot    = false
  tags                   = { Env = "${env}" }
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "b${i}" {
  bucket = "bucket-${i}"
  tags   = { Env = "${env}" }
}

resource "aws_iam_role" "r${i}" {
  name               = "role-${i}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
`;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

function write(root: string, changedSet: Set<number>): void {
  for (let i = 0; i < FILES; i++) {
    const path = join(root, `stacks/s${i % DIRS}/r${i}.tf`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fileText(i, changedSet.has(i)));
  }
  for (let d = 0; d < DIRS; d++) writeFileSync(join(root, `stacks/s${d}/vpc.tf`), `resource "aws_vpc" "main" {\n  cidr_block = "10.${d}.0.0/16"\n}\n`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'firebreak-bench-ci-'));
  try {
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.email', 'bench@example.com');
    git(root, 'config', 'user.name', 'bench');
    write(root, new Set());
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'base');
    const base = git(root, 'rev-parse', 'HEAD').trim();
    // 50 resources change, one in each of 50 files spread over every directory.
    write(root, new Set(Array.from({ length: CHANGED }, (_, k) => k * (FILES / CHANGED))));
    git(root, 'commit', '-qam', 'resize 50 databases');
    const head = git(root, 'rev-parse', 'HEAD').trim();

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
    console.log(`firebreak ci: ${FILES} .tf files, ${FILES * PER_FILE + DIRS} resources, ${CHANGED} changed`);
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
