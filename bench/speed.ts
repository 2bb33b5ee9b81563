// Issue 12's goals, measured side by side in one run, as CPU (user + system) of whole processes,
// each read from wait4 by bench/lib/rusage.py:
//   hook   Firebreak's hook vs cc-safety-net's (the peer, bench/package.json) on the same payloads,
//          pairs A B A B; goal: ratio <= 0.9 for every kind of command. Firebreak's default hook hands
//          calls to its resident judge (src/agents/resident/), a detached process wait4 does not see:
//          its CPU between calls (/proc/PID/task/*/schedstat) is added to each call's, the cold start
//          (first call, the judge's start-up) is reported apart, and the in-process hook
//          (FIREBREAK_RESIDENT=0) runs in the same rounds.
//   plan   `firebreak check --plan` on synthetic plans vs `JSON.parse` of the same file in node;
//          goals: 10k <= 4x the floor, report <= 2x the plan, per-change cost flat, 100k <= 1.2 GB.
//   cfn    a CloudFormation template diff (whole process) <= 300 ms; the scenario suite <= 3 s.
//   ci     `firebreak ci` on the 500-file bench repository <= 1 s.
// Run: npm run build && npm ci --prefix bench && npx tsx bench/speed.ts [--pairs N] [--only hook,plan,cfn,ci] [--big] [--cold] [--write]
// --cold runs Firebreak's hook with its caches off (FIREBREAK_COMPILE_CACHE=0, FIREBREAK_CONFIG_CACHE=0):
// what the first call after an install, an upgrade or an edit of firebreak.yaml costs (docs/speed.md).
// --baseline DIR adds a column: the hook of another checkout (built, e.g. main), run in the same pairs (A B C A B C),
// and a table for plans: that checkout's `check --plan` in the same rounds. --plan-sizes 1000,10000 and --plan-runs N choose the plan runs.
// --write replaces the issue-12 section of BENCHMARKS.md with the tables printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { processCpuMs, residentPid, statCpuMs } from './lib/resident.js';
import { join, resolve } from 'node:path';
import { generateTerraformPlan } from './generate-terraform.js';
import { makeCiRepo } from './lib/ci-repo.js';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'firebreak.js');
const PEER_CLI = join(ROOT, 'bench', 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');
const PEER_HOOK = join(ROOT, 'bench', 'node_modules', 'cc-safety-net', 'dist', 'bin', 'hook.js');
const RUSAGE = join(ROOT, 'bench', 'lib', 'rusage.py');

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const PAIRS = Number(option('--pairs') ?? 15);
const ONLY = new Set((option('--only') ?? 'hook,plan,cfn,ci').split(','));

interface Usage { cpuMs: number; maxRssMb: number; wallMs: number; exit: number }

const scratch = mkdtempSync(join(tmpdir(), 'firebreak-speed-'));
let seq = 0;
/** Runs one process under rusage.py; stdin from `input` (a string), stdout to `out` (a file) or discarded. */
function measure(command: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv; out?: string } = {}): Usage & { stdout: string } {
  const file = join(scratch, `usage-${seq++}.json`);
  const result = spawnSync('python3', [RUSAGE, file, '--', ...command], {
    input: options.input ?? '',
    cwd: options.cwd ?? scratch,
    env: options.env ?? process.env,
    maxBuffer: 1 << 30,
    stdio: ['pipe', options.out ? 'pipe' : 'pipe', 'pipe'],
  });
  if (options.out) writeFileSync(options.out, result.stdout);
  const usage = JSON.parse(readFileSync(file, 'utf8')) as Usage;
  return { ...usage, stdout: options.out ? '' : result.stdout.toString('utf8') };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (n: number) => `${n.toFixed(0)} ms`;
const verdict = (met: boolean) => (met ? 'met' : '**not met**');
const sections: string[] = [];
function print(lines: string[]): void {
  const text = lines.join('\n');
  process.stdout.write(`${text}\n\n`);
  sections.push(text);
}

function decisionOf(stdout: string): string {
  try {
    const parsed = JSON.parse(stdout) as { hookSpecificOutput?: { permissionDecision?: string } };
    return parsed.hookSpecificOutput?.permissionDecision ?? 'allow';
  } catch {
    return stdout.trim() ? 'other' : 'allow';
  }
}

function hookBench(): void {
  if (!existsSync(PEER_HOOK)) throw new Error('the peer is not installed: npm ci --prefix bench');
  const repo = join(scratch, 'repo');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', repo]);
  writeFileSync(join(repo, 'firebreak.yaml'), 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n');
  const home = join(scratch, 'home');
  mkdirSync(home);
  // Both guards keep state (audit logs) under HOME; neither sees the bench machine's own settings.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CI: '' };
  delete env.FIREBREAK_RESIDENT;
  delete env.FIREBREAK_HOME;
  const userDir = join(home, '.config', 'firebreak');
  const trace = join(scratch, 'resident-trace');
  // Steady state by default: the first call of each kind (below) fills the per-user caches, as an agent's first call would.
  const cachesOff = flag('--cold') ? { FIREBREAK_COMPILE_CACHE: '0', FIREBREAK_CONFIG_CACHE: '0' } : {};
  // The default hook (the resident judge, src/agents/resident/) and the in-process hook (FIREBREAK_RESIDENT=0) of this checkout.
  const oursEnv = { ...env, ...cachesOff, FIREBREAK_RESIDENT_TRACE: trace };
  const inProcessEnv = { ...env, ...cachesOff, FIREBREAK_RESIDENT: '0' };
  const kinds: [string, string][] = [
    ['plain', 'ls -la'],
    ['plain (git)', 'git status'],
    ['plain (npm)', 'npm test'],
    ['AWS CLI', 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc'],
    ['Terraform', 'terraform destroy -auto-approve'],
    ['kubectl', 'kubectl delete ns web'],
    ['interpreter one-liner', `python3 -c "import shutil; shutil.rmtree('build')"`],
    ['destructive git', 'git reset --hard'],
  ];
  const payload = (command: string) =>
    JSON.stringify({ session_id: 'bench', transcript_path: join(home, 't.jsonl'), cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
  const ours = [process.execPath, BIN, 'hook', '--agent', 'claude-code'];
  const peer = [process.execPath, PEER_HOOK, '--claude-code'];
  const baselineRoot = option('--baseline');
  const baseline = baselineRoot ? [process.execPath, join(resolve(baselineRoot), 'bin', 'firebreak.js'), 'hook', '--agent', 'claude-code'] : undefined;
  const floor: number[] = [];
  for (let i = 0; i < PAIRS; i++) floor.push(measure([process.execPath, '-e', ''], { env }).cpuMs);

  // Cold: the first call finds no resident judge, judges in-process and starts one; the judge's
  // start-up (loading, a warm-up of each kind) is measured until its CPU stops moving.
  const cold = measure(ours, { input: payload('ls -la'), cwd: repo, env: oursEnv });
  const startedAt = Date.now();
  let pid: number | undefined;
  let last = -1;
  for (let stable = 0; stable < 3 && Date.now() - startedAt < 30_000; ) {
    execFileSync('sleep', ['0.2']);
    pid ??= residentPid(userDir);
    const now = processCpuMs(pid);
    stable = pid && now === last ? stable + 1 : 0;
    last = now;
  }
  if (!pid) throw new Error('no resident judge started');
  const startCpu = statCpuMs(pid);
  const readyMs = Date.now() - startedAt;
  const firstWarm = measure(ours, { input: payload('ls -la'), cwd: repo, env: oursEnv });

  const rows: string[] = [];
  let allMet = true;
  const judgeShare: number[] = [];
  for (const [kind, command] of kinds) {
    const input = payload(command);
    // One of each first: file cache warm, audit logs created.
    const firstOurs = measure(ours, { input, cwd: repo, env: oursEnv });
    const firstInProcess = measure(ours, { input, cwd: repo, env: inProcessEnv });
    const firstPeer = measure(peer, { input, cwd: repo, env });
    if (firstOurs.stdout.replace(/\d{8}T\d{6}/g, 'T') !== firstInProcess.stdout.replace(/\d{8}T\d{6}/g, 'T')) throw new Error(`${kind}: the resident and in-process answers differ`);
    if (process.env.BENCH_DEBUG) process.stderr.write(`${kind}: ${firstOurs.stdout}\n`);
    const firstBase = baseline ? measure(baseline, { input, cwd: repo, env }) : undefined;
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    const d: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      // The judge's CPU from just before this call to just before the next: the call, and whatever it left for later.
      const before = processCpuMs(pid);
      const run = measure(ours, { input, cwd: repo, env: oursEnv }).cpuMs;
      b.push(measure(peer, { input, cwd: repo, env }).cpuMs);
      d.push(measure(ours, { input, cwd: repo, env: inProcessEnv }).cpuMs);
      if (baseline) c.push(measure(baseline, { input, cwd: repo, env }).cpuMs);
      const judge = processCpuMs(pid) - before;
      client.push(run);
      a.push(run + judge);
      judgeShare.push(judge);
    }
    const ratio = median(a) / median(b);
    const met = ratio <= 0.9;
    allMet &&= met;
    const base = firstBase ? ` ${ms(median(c))} (${decisionOf(firstBase.stdout)}) ${(median(c) / median(b)).toFixed(2)} |` : '';
    rows.push(`| ${kind}: \`${command}\` | ${ms(median(a))} (${ms(median(client))} + ${ms(median(a) - median(client))}) (${decisionOf(firstOurs.stdout)}) | ${ms(median(d))} | ${ms(median(b))} (${decisionOf(firstPeer.stdout)}) | ${ratio.toFixed(2)} | ${(median(d) / median(b)).toFixed(2)} | ${verdict(met)} |${base}`);
  }
  const traced = readFileSync(trace, 'utf8').trim().split('\n');
  const answered = traced.filter((line) => line === 'resident').length;
  const judgeTotal = statCpuMs(pid) - startCpu;
  // The peer's full CLI entry (what `cc-safety-net hook --claude-code` runs) for one command, for reference.
  const cli: number[] = [];
  for (let i = 0; i < PAIRS; i++) cli.push(measure([process.execPath, PEER_CLI, 'hook', '--claude-code'], { input: payload('ls -la'), cwd: repo, env }).cpuMs);
  try {
    process.kill(pid);
  } catch {
    /* gone */
  }
  print([
    `### Hook: Firebreak vs cc-safety-net 2.4.5, CPU per call${flag('--cold') ? ' (Firebreak with its caches off)' : ''}`,
    '',
    `${flag('--cold') ? 'Firebreak runs with FIREBREAK_COMPILE_CACHE=0 and FIREBREAK_CONFIG_CACHE=0 (each call as the first after an install or an edit of firebreak.yaml). ' : 'Firebreak\'s per-user caches (compiled code, parsed firebreak.yaml; docs/speed.md) are filled by the first call of each kind, as in use. '}Median CPU (user+system) over ${PAIRS} rounds (Firebreak, the peer, Firebreak in-process) with the same payload, same HOME, in a git repository with a firebreak.yaml that marks profile \`prod\` as production. Firebreak's figure is the hook process (wait4) plus the resident judge's CPU from just before the call to just before the next (its threads' run time, /proc/PID/task/*/schedstat): client + judge in brackets. "in-process" is the same hook with FIREBREAK_RESIDENT=0. The peer is run through its lean hook entry (\`dist/bin/hook.js --claude-code\`, ${ms(median(cli))} for \`ls -la\` through its full CLI). Floor: \`node -e ''\` ${ms(median(floor))}. Decision in brackets. ${answered} of ${traced.length} default calls were answered by the resident judge (the first judged in-process and started it).`,
    '',
    `Cold: the first call (no judge yet: judged in-process, starts one) ${ms(cold.cpuMs)}; the judge's start-up and warm-up ${ms(startCpu)} of CPU, ready ${(readyMs / 1000).toFixed(1)} s after the call; the next call ${ms(firstWarm.cpuMs)} in the hook process. The judge's CPU over all measured calls from /proc/PID/stat (10 ms ticks): ${ms(judgeTotal)}, against ${ms(judgeShare.reduce((x, y) => x + y, 0))} summed per call.`,
    '',
    ...(baseline ? [`Baseline: ${resolve(baselineRoot!)}, its hook run in the same rounds: CPU (decision) and its ratio to the peer.`, ''] : []),
    `| command | Firebreak (client + judge) | in-process | cc-safety-net | ratio | in-process ratio | goal <= 0.9 |${baseline ? ' baseline (ratio) |' : ''}`,
    `|---|---:|---:|---:|---:|---:|---|${baseline ? '---:|' : ''}`,
    ...rows,
    '',
    `Goal 1 (every kind <= 0.9, the default hook): ${verdict(allMet)}.`,
  ]);
}

function planBench(): void {
  const sizes = option('--plan-sizes')?.split(',').map(Number) ?? (flag('--big') ? [1_000, 10_000, 100_000] : [1_000, 10_000]);
  const runsPerSize = Number(option('--plan-runs') ?? 3);
  // --baseline DIR: another built checkout's `check --plan` in the same rounds (floor, ours, baseline alternating).
  const baselineRoot = option('--baseline');
  const baselineBin = baselineRoot ? join(resolve(baselineRoot), 'bin', 'firebreak.js') : undefined;
  const rows: string[] = [];
  const baseRows: string[] = [];
  const perChange: number[] = [];
  const results: Record<number, { ratio: number; sizeRatio: number; rss: number }> = {};
  for (const n of sizes) {
    const plan = join(scratch, `plan-${n}.json`);
    writeFileSync(plan, JSON.stringify(generateTerraformPlan(n)));
    const out = join(scratch, `report-${n}.json`);
    const floorRuns: number[] = [];
    const runs: Usage[] = [];
    const baseRuns: Usage[] = [];
    const reps = n >= 100_000 ? 1 : runsPerSize;
    for (let i = 0; i < reps; i++) {
      floorRuns.push(measure([process.execPath, '-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(plan)}, 'utf8'))`]).cpuMs);
      runs.push(measure([process.execPath, BIN, 'check', '--plan', plan, '--format', 'json', '--out', out]));
      if (baselineBin) baseRuns.push(measure([process.execPath, baselineBin, 'check', '--plan', plan, '--format', 'json', '--out', join(scratch, 'baseline-report.json')]));
    }
    const cpu = median(runs.map((r) => r.cpuMs));
    const floorCpu = median(floorRuns);
    const planBytes = statSync(plan).size;
    const reportBytes = existsSync(out) ? statSync(out).size : 0;
    const rss = Math.max(...runs.map((r) => r.maxRssMb));
    perChange.push(cpu / n);
    results[n] = { ratio: cpu / floorCpu, sizeRatio: reportBytes / planBytes, rss };
    rows.push(
      `| ${n.toLocaleString('en')} | ${(planBytes / 1e6).toFixed(1)} MB | ${ms(floorCpu)} | ${ms(cpu)} | ${(cpu / floorCpu).toFixed(1)}x | ${((cpu / n) * 1000).toFixed(0)} µs | ${(reportBytes / 1e6).toFixed(1)} MB (${(reportBytes / planBytes).toFixed(1)}x) | ${rss.toFixed(0)} MB | exit ${runs[0].exit} |`,
    );
    if (baselineBin) {
      const base = median(baseRuns.map((r) => r.cpuMs));
      baseRows.push(
        `| ${n.toLocaleString('en')} | ${reps} | ${ms(floorCpu)} | ${ms(base)} (${(base / floorCpu).toFixed(1)}x) | ${ms(cpu)} (${(cpu / floorCpu).toFixed(1)}x) | ${((1 - cpu / base) * 100).toFixed(0)}% | ${Math.max(...baseRuns.map((r) => r.maxRssMb)).toFixed(0)} -> ${rss.toFixed(0)} MB |`,
      );
    }
    rmSync(out, { force: true });
  }
  const ten = results[10_000];
  const big = results[100_000];
  const flat = perChange.at(-1)! / perChange[0];
  print([
    '### Plan intake: `firebreak check --plan` vs the `JSON.parse` floor',
    '',
    `Synthetic plans (bench/generate-terraform.ts). Floor: \`node -e\` that reads and \`JSON.parse\`s the same file. CPU per whole process, median of ${runsPerSize} (1 at 100k).`,
    '',
    '| changes | plan | JSON.parse floor | firebreak check | ratio | CPU per change | JSON report | peak RSS | |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
    ...(baselineBin
      ? [`Baseline ${resolve(baselineRoot!)} in the same rounds (floor, this checkout, baseline alternating):`, '', '| changes | runs | floor | baseline | this checkout | saved | peak RSS baseline -> this |', '|---:|---:|---:|---:|---:|---:|---:|', ...baseRows, '']
      : []),
    ten ? `- 10k changes <= 4x the floor: ${ten.ratio.toFixed(1)}x, ${verdict(ten.ratio <= 4)}.` : '- 10k: not run.',
    ten ? `- JSON report <= 2x the plan: ${ten.sizeRatio.toFixed(1)}x at 10k, ${verdict(ten.sizeRatio <= 2)}.` : '',
    `- Per-change cost flat: ${sizes.at(-1)!.toLocaleString('en')} changes cost ${flat.toFixed(2)}x per change what ${sizes[0].toLocaleString('en')} do.`,
    big ? `- 100k <= 1.2 GB peak: ${big.rss.toFixed(0)} MB, ${verdict(big.rss <= 1200)}.` : '- 100k: not run (add --big).',
  ]);
}

function cfnBench(): void {
  const fixture = '/work/shared/fixtures/public/cloudformation';
  const template = join(fixture, 'EC2', 'EC2InstanceWithSecurityGroupSample.yaml');
  // The same template with the security group's description changed: a property that replaces the group.
  const after = join(scratch, 'after.yaml');
  writeFileSync(after, readFileSync(template, 'utf8').replace('GroupDescription: Enable SSH access via port 22', 'GroupDescription: Enable SSH access on port 22'));
  const runs: Usage[] = [];
  for (let i = 0; i < 3; i++) runs.push(measure([process.execPath, BIN, 'check', '--template-before', template, '--template-after', after, '--stack-name', 'bench', '--format', 'json'], { out: join(scratch, 'cfn.json') }));
  const cpu = median(runs.map((r) => r.cpuMs));
  const scenarios = measure([process.execPath, BIN, 'scenarios', 'run'], { cwd: ROOT });
  print([
    '### CloudFormation',
    '',
    `| case | CPU | peak RSS | goal | |`,
    '|---|---:|---:|---|---|',
    `| template diff (\`check --template-before/--template-after\`, ${template.split('/').slice(-2).join('/')}), median of 3 | ${ms(cpu)} | ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} MB | <= 300 ms | ${verdict(cpu <= 300)} |`,
    `| scenario suite (\`firebreak scenarios run\`, exit ${scenarios.exit}) | ${ms(scenarios.cpuMs)} | ${scenarios.maxRssMb.toFixed(0)} MB | <= 3 s | ${verdict(scenarios.cpuMs <= 3000)} |`,
  ]);
}

function ciBench(): void {
  const { root, base, head } = makeCiRepo();
  try {
    const runs: Usage[] = [];
    for (let i = 0; i < 3; i++) runs.push(measure([process.execPath, BIN, 'ci', '--base', base, '--head', head, '--no-fetch', '--cwd', root, '--format', 'json'], { cwd: root, env: { ...process.env, GITHUB_EVENT_PATH: '', CI: '' } }));
    const cpu = median(runs.map((r) => r.cpuMs));
    print([
      '### CI gate',
      '',
      '| case | CPU | wall | peak RSS | goal | |',
      '|---|---:|---:|---:|---|---|',
      `| \`firebreak ci\` on the bench repository (500 .tf files, 2,010 resources, 50 changed; bench/lib/ci-repo.ts), median of 3, exit ${runs[0].exit} | ${ms(cpu)} | ${ms(median(runs.map((r) => r.wallMs)))} | ${Math.max(...runs.map((r) => r.maxRssMb)).toFixed(0)} MB | <= 1 s | ${verdict(cpu <= 1000)} |`,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

try {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}, load average ${loadavg()[0].toFixed(1)} at start (the machine is shared: ratios of pairs run together are the figures to read, absolute times vary).`;
  print([`Machine: ${machine}`]);
  if (ONLY.has('hook')) hookBench();
  if (ONLY.has('plan')) planBench();
  if (ONLY.has('cfn')) cfnBench();
  if (ONLY.has('ci')) ciBench();
  if (flag('--write')) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const section = `<!-- speed:start -->\n## Issue 12 goals, one run (bench/speed.ts)\n\n${sections.join('\n\n')}\n\nReproduce: \`npm run build && npm ci --prefix bench && npx tsx bench/speed.ts --big --write\`\n<!-- speed:end -->`;
    const current = readFileSync(file, 'utf8');
    const marked = /<!-- speed:start -->[\s\S]*<!-- speed:end -->/;
    writeFileSync(file, marked.test(current) ? current.replace(marked, section) : current.replace(/\n## /, `\n${section}\n\n## `));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
