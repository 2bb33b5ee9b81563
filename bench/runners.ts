// Hook latency when a runner is followed (npm test reads package.json, make reads the Makefile,
// docker compose reads the compose file) and for the largest inputs (the deadline), against
// `ls -la` and the `node -e ''` floor. Prints a markdown table (the lead copies it into
// BENCHMARKS.md). Run: npm run build && npx tsx bench/runners.ts [runs]
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hookPayload, quantile, sampleProcess } from './lib/hook-process.js';

const ROOT = resolve(process.env.FIREBREAK_ROOT ?? process.cwd());
const BIN = join(ROOT, 'bin', 'firebreak.js');
const RUNS = Number(process.argv[2] ?? 20);

async function series(label: string, args: string[], input: string, cwd: string) {
  const times = await sampleProcess(args, input, cwd, RUNS);
  return { label, p50: quantile(times, 0.5), p95: quantile(times, 0.95), max: times[times.length - 1] };
}

const payload = hookPayload;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-bench-runners-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', scripts: { test: 'vitest run', pretest: 'npm run lint', lint: 'eslint .', build: 'tsc -p .' }, devDependencies: { vitest: '3', eslint: '9', typescript: '5' } }));
  const targets = Array.from({ length: 60 }, (_, i) => `t${i}: ${i ? `t${i - 1}` : ''}\n\t$(GO) vet $(PKG)\n`).join('');
  writeFileSync(join(dir, 'Makefile'), `GO ?= go\nPKG := ./...\n.PHONY: build test\nbuild: t59\n\t$(GO) build ./...\ntest:\n\t$(GO) test $(PKG)\n${targets}`);
  writeFileSync(join(dir, 'docker-compose.yml'), 'services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n');
  return dir;
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'agents', 'hook', 'entry.js'))) throw new Error('run npm run build first');
  const dir = project();
  const hook = [BIN, 'hook', '--agent', 'claude-code'];
  const big = Array.from({ length: 9_000 }, (_, i) => (i % 3 ? 'cat' : 'grep -v x')).join(' | ').slice(0, 50_000);
  const rows = [
    await series("`node -e ''` (floor)", ['-e', ''], '', dir),
    await series('hook: `ls -la`', hook, payload('ls -la', dir), dir),
    await series('hook: `npm test` (package.json, pretest, nested npm run)', hook, payload('npm test', dir), dir),
    await series('hook: `make build` (61 chained targets)', hook, payload('make build', dir), dir),
    await series('hook: `docker compose up -d`', hook, payload('docker compose up -d', dir), dir),
    await series('hook: 50 KB pipeline of 9,000 stages', hook, payload(big, dir), dir),
  ];
  const floor = rows[0].p50;
  process.stdout.write([
    `Runner hook latency, whole process, ${RUNS} runs each, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)}, node ${process.version}.`,
    '',
    '| case | p50 ms | p95 ms | max ms | p50 over floor ms |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} | ${(r.p50 - floor).toFixed(0)} |`),
    '',
  ].join('\n'));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
