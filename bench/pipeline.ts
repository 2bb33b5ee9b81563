// Whole-process benchmark of `firebreak check`: synthetic Terraform plans of 1k / 10k / 100k
// resource changes over a matching state, and single shell commands, against `node -e ''`.
// Usage: npx tsx bench/pipeline.ts [--sizes 1000,10000,100000] [--runs 5] [--mix benchmark|realistic] [--json out.json]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateTerraformPlan, generateTerraformState, type ChangeMix } from './generate-terraform.js';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const BIN = join(ROOT, 'bin/firebreak.js');

interface Sample {
  wallMs: number;
  maxRssMb: number;
  exit: number;
}

/** Runs a command under /usr/bin/time for its peak RSS; wall time measured here. */
function measure(command: string, args: string[]): Sample {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - started;
  const rssLine = result.stderr.trim().split('\n').pop() ?? '0';
  return { wallMs, maxRssMb: Number(rssLine) / 1024, exit: result.status ?? -1 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function series(command: string, args: string[], runs: number) {
  const samples = Array.from({ length: runs }, () => measure(command, args));
  return {
    p50: median(samples.map((s) => s.wallMs)),
    min: Math.min(...samples.map((s) => s.wallMs)),
    rss: Math.max(...samples.map((s) => s.maxRssMb)),
    exit: samples[0].exit,
  };
}

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = argv.indexOf(name);
  return index >= 0 ? argv[index + 1] : fallback;
};
const sizes = option('--sizes', '1000,10000,100000').split(',').map(Number);
const runs = Number(option('--runs', '5'));
const mix = option('--mix', 'benchmark') as ChangeMix;
const dir = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));

const rows: string[] = [];
const floor = series('node', ['-e', ''], runs * 2);
rows.push(`| \`node -e ''\` (floor) | ${floor.p50.toFixed(0)} ms | ${floor.rss.toFixed(0)} MB | 1.00 |`);
for (const command of ['ls -la', 'npm test', 'aws --profile prod ec2 describe-instances', 'terraform destroy -auto-approve']) {
  const s = series('node', [BIN, 'check', '--command', command, '--format', 'json', '--out', '/dev/null'], runs * 2);
  rows.push(`| check \`${command}\` | ${s.p50.toFixed(0)} ms | ${s.rss.toFixed(0)} MB | ${(s.p50 / floor.p50).toFixed(2)} |`);
}

const scaling: string[] = [];
for (const n of sizes) {
  const plan = join(dir, `plan-${n}.json`);
  const state = join(dir, `state-${n}.json`);
  writeFileSync(plan, JSON.stringify(generateTerraformPlan(n, mix)));
  writeFileSync(state, JSON.stringify(generateTerraformState(n)));
  const sizeMb = (statSync(plan).size + statSync(state).size) / 1048576;
  const repeat = n >= 100000 ? 1 : Math.min(runs, 3);
  const s = series('node', [BIN, 'check', '--plan', plan, '--state', state, '--format', 'json', '--out', join(dir, `report-${n}.json`)], repeat);
  scaling.push(`| ${n.toLocaleString('en')} | ${sizeMb.toFixed(0)} MB | ${s.p50.toFixed(0)} ms | ${s.rss.toFixed(0)} MB | ${(s.p50 / n * 1000).toFixed(1)} µs | exit ${s.exit} |`);
}

const machine = execFileSync('node', ['-e', "const os=require('os');console.log(`${os.cpus().length} x ${os.cpus()[0].model}, ${Math.round(os.totalmem()/2**30)} GiB, Node ${process.version}`)"], { encoding: 'utf8' }).trim();
console.log(`Machine: ${machine}; p50 of ${runs * 2} runs (single commands), ${Math.min(runs, 3)} runs (plans; 1 at 100k)\n`);
console.log('| command (whole process) | p50 wall | peak RSS | x floor |\n|---|---|---|---|');
console.log(rows.join('\n'));
console.log('\n| resource changes | plan + state | wall | peak RSS | per change | verdict exit |\n|---|---|---|---|---|---|');
console.log(scaling.join('\n'));
