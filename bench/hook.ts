// Hook latency (whole process, as an agent runs it) against a bare `node -e ''`, and the
// in-process shell classifier's throughput. Prints a markdown table and writes it to the hook
// section of BENCHMARKS.md.
// Run: npm run build && npx tsx bench/hook.ts [runs]
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { hookPayload, quantile, sampleProcess } from './lib/hook-process.js';

const ROOT = resolve(process.env.FIREBREAK_ROOT ?? process.cwd());
const BIN = join(ROOT, 'bin', 'firebreak.js');
const RUNS = Number(process.argv[2] ?? 40);

async function series(label: string, args: string[], input: string, cwd: string) {
  const times = await sampleProcess(args, input, cwd, RUNS);
  return { label, p50: quantile(times, 0.5), p95: quantile(times, 0.95), min: times[0] };
}

const payload = hookPayload;

async function classifierThroughput(): Promise<{ perSecond: number; commands: number }> {
  const { parseShellCommand } = (await import(pathToFileURL(join(ROOT, 'dist/intake/shell/index.js')).href)) as {
    parseShellCommand: (c: string, s: object) => Promise<unknown[]>;
  };
  const mix = [
    'npm test', 'ls -la', 'git status', 'cat README.md | grep -n foo', 'python -m pytest -q', 'make build',
    'aws s3 ls', 'aws --profile prod ec2 describe-instances', 'terraform plan -out plan.out', 'kubectl get pods -n web',
    'rm -rf build', 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc', 'psql -c "DROP TABLE users"',
    'docker compose up -d', 'echo "done" > out.txt', 'curl -s https://example.com/health',
  ];
  for (const c of mix) await parseShellCommand(c, { kind: 'shell', command: c }); // load recognisers and per-service data
  const n = 40_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) await parseShellCommand(mix[i % mix.length], { kind: 'shell', command: mix[i % mix.length] });
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: Math.round(n / seconds), commands: n };
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'agents', 'hook', 'entry.js'))) throw new Error('run npm run build first');
  const repo = mkdtempSync(join(tmpdir(), 'firebreak-bench-'));
  writeFileSync(join(repo, 'firebreak.yaml'), 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n');
  const hook = [BIN, 'hook', '--agent', 'claude-code'];
  const rows = [
    await series("`node -e ''` (floor)", ['-e', ''], '', repo),
    await series('hook: `npm test`', hook, payload('npm test', repo), repo),
    await series('hook: `aws --profile prod s3 ls`', hook, payload('aws --profile prod s3 ls', repo), repo),
    await series('hook: `aws --profile prod ec2 terminate-instances`', hook, payload('aws --profile prod ec2 terminate-instances --instance-ids i-0abc', repo), repo),
  ];
  const floor = rows[0].p50;
  const classifier = await classifierThroughput();
  const table = [
    `Hook latency, whole process, ${RUNS} runs each, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at start, node ${process.version}.`,
    '',
    '| case | p50 ms | p95 ms | min ms | p50 over floor ms |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.min.toFixed(0)} | ${(r.p50 - floor).toFixed(0)} |`),
    '',
    `In-process shell classifier (\`parseShellCommand\`, 16-command mix incl. AWS CLI, SQL, rm): ${classifier.perSecond.toLocaleString('en')} commands/s over ${classifier.commands.toLocaleString('en')} commands.`,
  ].join('\n');
  process.stdout.write(`${table}\n`);

  const file = join(ROOT, 'BENCHMARKS.md');
  const section = `<!-- hook:start -->\n## Agent hook\n\n${table}\n\nReproduce: \`npm run build && npx tsc bench/hook.ts --outDir /tmp/fb-bench --module nodenext --target es2022 --skipLibCheck && node /tmp/fb-bench/hook.js\`\n<!-- hook:end -->`;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const next = /<!-- hook:start -->[\s\S]*<!-- hook:end -->/.test(current)
    ? current.replace(/<!-- hook:start -->[\s\S]*<!-- hook:end -->/, section)
    : `${current.trimEnd()}\n\n${section}\n`;
  if (process.env.FIREBREAK_BENCH_WRITE !== '0') writeFileSync(file, next);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
