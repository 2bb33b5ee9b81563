// Hook latency when a command runs code Firebreak reads: interpreter one-liners and 500-line
// scripts (Python, JavaScript) against plain commands and the `node -e ''` floor. Every case is a
// whole `bin/firebreak.js hook --agent claude-code` process; cases run alternately (one of each per
// round) so that load on the machine falls on all of them alike. Wall time and the process's own
// CPU time (user + system, reported by a preloaded exit hook) are both measured.
// Code is measured twice: read cold (FIREBREAK_CODE_CACHE=0: parser loaded, code parsed, as on the
// first call for a script) and read again (the per-user code cache holds its IR; the first, warming
// call of each case fills it).
// Run: npm run build && npx tsx bench/code.ts [rounds] [label filter] [--baseline DIR]
// --baseline DIR: every hook case runs a second time in the same round with another built
// checkout's bin/firebreak.js (e.g. a build of main copied aside), as a "base:" row.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hookPayload, measureProcess } from './lib/hook-process.js';

const ROOT = resolve(process.env.FIREBREAK_ROOT ?? process.cwd());
const BIN = join(ROOT, 'bin', 'firebreak.js');
const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const BASELINE = baselineAt >= 0 ? resolve(argv.splice(baselineAt, 2)[1]) : undefined;
const ROUNDS = Number(argv[0] ?? 20);
/** Optional: only the cases whose label contains this text (the floor and `npm test` always run). */
const ONLY = argv[1];

interface Sample { wall: number; cpu: number }

function once(args: string[], input: string, cwd: string, cpuHook: string, env: Record<string, string>): Promise<Sample> {
  return measureProcess(['--require', cpuHook, ...args], input, cwd, env);
}

const payload = hookPayload;

/** `head`, then whole `block(i)`s while they fit, then comment lines up to exactly `lines` (a cut block would be a syntax error). */
function fill(lines: number, head: string[], block: (i: number) => string[], comment: string): string {
  const out = [...head];
  for (let i = 0; ; i++) {
    const b = block(i);
    if (out.length + b.length > lines) break;
    out.push(...b);
  }
  while (out.length < lines) out.push(`${comment} end`);
  return `${out.join('\n')}\n`;
}

function pythonScript(lines: number): string {
  return fill(lines, ['import json, os, subprocess', 'import boto3', '', "s3 = boto3.client('s3', region_name='eu-west-1')", ''], (i) => [`def step_${i}(items, name='report-${i}'):`, `    data = {'k${i}': items, 'name': name, 'n': len(items)}`,
      '    for key, value in data.items():', `        print(f"{key}: {json.dumps(value)}")`,
      `    listing = s3.list_objects_v2(Bucket='assets-${i}', Prefix=name)`, `    with open(os.path.join('build', name + '.json'), 'w') as fh:`,
      '        json.dump(listing.get("Contents", []), fh)', '    return data', ''], '#');
}

/** 500 lines that only compute, parse and print: the cost of reading alone. */
function pythonPure(lines: number): string {
  return fill(lines, ['import json, math, re', 'from collections import Counter', ''], (i) => [`def step_${i}(items, name='report-${i}'):`, `    data = {'k${i}': items, 'name': name, 'n': len(items)}`,
      '    counts = Counter(str(x) for x in items)', "    words = re.findall(r'[a-z]+', name)",
      `    total = sum(math.sqrt(abs(x)) for x in items if isinstance(x, (int, float)))`, '    print(json.dumps({**data, "counts": counts, "words": words, "total": total}))',
      "    return sorted(counts.items(), key=lambda kv: kv[1])[:3]", '', ''], '#');
}

function javascriptPure(lines: number): string {
  return fill(lines, ["import { readFileSync } from 'node:fs';", ''], (i) => [`export function step${i}(items, name = 'report-${i}') {`, `  const data = { k${i}: items, name, n: items.length };`,
      '  const counts = new Map();', '  for (const x of items) counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);',
      "  const words = name.match(/[a-z]+/g) ?? [];", '  console.log(JSON.stringify({ ...data, counts: [...counts], words }));',
      '  return [...counts].sort((a, b) => a[1] - b[1]).slice(0, 3);', '}', ''], '//');
}

function javascriptScript(lines: number): string {
  const head = ["import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';", "import { writeFileSync, mkdirSync } from 'node:fs';", '',
    "const s3 = new S3Client({ region: 'eu-west-1' });", "mkdirSync('build', { recursive: true });", ''];
  return fill(lines, head, (i) => [`export async function step${i}(items, name = 'report-${i}') {`, `  const data = { k${i}: items, name, n: items.length };`,
      '  for (const [key, value] of Object.entries(data)) console.log(`${key}: ${JSON.stringify(value)}`);',
      `  const listing = await s3.send(new ListObjectsV2Command({ Bucket: 'assets-${i}', Prefix: name }));`,
      '  writeFileSync(`build/${name}.json`, JSON.stringify(listing.Contents ?? []));', '  return data;', '}', ''], '//');
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'hook.js'))) throw new Error('run npm run build first');
  const repo = mkdtempSync(join(tmpdir(), 'firebreak-bench-code-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  writeFileSync(join(repo, 'report.py'), pythonScript(500));
  writeFileSync(join(repo, 'report.mjs'), javascriptScript(500));
  writeFileSync(join(repo, 'pure.py'), pythonPure(500));
  writeFileSync(join(repo, 'pure.mjs'), javascriptPure(500));
  const cpuHook = join(repo, '.cpu-hook.cjs');
  writeFileSync(cpuHook, "process.on('exit', () => { try { require('fs').writeSync(3, JSON.stringify(process.cpuUsage())); } catch {} });\n");
  const hook = [BIN, 'hook', '--agent', 'claude-code'];
  // The per-user folder (approval key, code cache) of this run only.
  const home = mkdtempSync(join(tmpdir(), 'firebreak-bench-code-home-'));
  const cold = { FIREBREAK_HOME: home, FIREBREAK_CODE_CACHE: '0' };
  const cached = { FIREBREAK_HOME: home, FIREBREAK_CODE_CACHE: '1' };
  const code: [string, string][] = [
    ["`python3 -c 'print(1)'`", "python3 -c 'print(1)'"],
    ["`node -e 'console.log(1)'`", "node -e 'console.log(1)'"],
    ['`python3 -c` boto3 delete_bucket', `python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='prod-assets')"`],
    ['`python3 pure.py` (500 lines, no effects)', 'python3 pure.py'],
    ['`node pure.mjs` (500 lines, no effects)', 'node pure.mjs'],
    ['`python3 report.py` (500 lines, 120 S3 reads and file writes)', 'python3 report.py'],
    ['`node report.mjs` (500 lines, 60 S3 reads and file writes)', 'node report.mjs'],
  ];
  const cases: { label: string; args: string[]; input: string; env: Record<string, string> }[] = [
    { label: "`node -e ''` (floor)", args: ['-e', ''], input: '', env: {} },
    { label: 'hook: `ls -la`', args: hook, input: payload('ls -la', repo), env: cold },
    { label: 'hook: `npm test`', args: hook, input: payload('npm test', repo), env: cold },
    ...code.map(([label, command]) => ({ label: `hook: ${label}, read cold`, args: hook, input: payload(command, repo), env: cold })),
    ...code.map(([label, command]) => ({ label: `hook: ${label}, read again (cached)`, args: hook, input: payload(command, repo), env: cached })),
  ];
  if (ONLY) cases.splice(0, cases.length, ...cases.filter((c, i) => i === 0 || c.label.includes('npm test') || c.label.includes(ONLY)));
  if (BASELINE) {
    const base = join(BASELINE, 'bin', 'firebreak.js');
    cases.splice(1, cases.length - 1, ...cases.slice(1).flatMap((c) => [c, { ...c, label: `base: ${c.label}`, args: [base, ...c.args.slice(1)] }]));
  }
  // Warms the file cache, and fills the code cache for the cached cases.
  for (const c of cases) await once(c.args, c.input, repo, cpuHook, c.env);
  const samples = cases.map(() => [] as Sample[]);
  const load = loadavg()[0];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of cases.entries()) samples[i].push(await once(c.args, c.input, repo, cpuHook, c.env));
  }
  rmSync(home, { recursive: true, force: true });
  const stats = samples.map((s) => {
    const wall = s.map((x) => x.wall).sort((a, b) => a - b);
    const cpu = s.map((x) => x.cpu).filter(Number.isFinite).sort((a, b) => a - b);
    return { p50: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpu50: quantile(cpu, 0.5) };
  });
  const plain = stats[cases.findIndex((c) => c.label === 'hook: `npm test`')];
  const floor = stats[0];
  const table = [
    `Code-reading hook latency, whole process, ${ROUNDS} alternating rounds,${BASELINE ? ` baseline ${BASELINE} in the same rounds,` : ''} ${cpus().length} CPUs, load average ${load.toFixed(1)} at start, node ${process.version}.`,
    '',
    '| case | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p50 over the floor ms | CPU p50 over `npm test` ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...cases.map((c, i) => `| ${c.label} | ${stats[i].p50.toFixed(0)} | ${stats[i].p95.toFixed(0)} | ${stats[i].cpu50.toFixed(0)} | ${(stats[i].cpu50 - floor.cpu50).toFixed(0)} | ${(stats[i].cpu50 - plain.cpu50).toFixed(0)} |`),
  ].join('\n');
  process.stdout.write(`${table}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
