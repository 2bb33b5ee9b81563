// Code read when it is written (docs/code-reading-speed.md): an agent writes a 500-line script with
// its file tool, then runs it. Each round writes new text (so no earlier read serves it) and times
// both hook calls, the Write and the run, as whole processes (CPU: user + system of the process,
// from a preloaded exit hook). The detached reader the Write call leaves behind
// (`firebreak hook --read-ahead`) is timed too, as background CPU. With --baseline DIR the same
// rounds run another built checkout (e.g. main's build copied aside) alternately, A B A B.
// Run: npm run build && npx tsx bench/code-written.ts [rounds] [--baseline DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { measureProcess } from './lib/hook-process.js';

const argv = process.argv.slice(2);
const baselineAt = argv.indexOf('--baseline');
const BASELINE = baselineAt >= 0 ? resolve(argv.splice(baselineAt, 2)[1]!) : undefined;
const ROUNDS = Number(argv[0] ?? 9);
const ROOT = resolve(process.env.FIREBREAK_ROOT ?? process.cwd());
/** --off: a third side, this build with the read-ahead off (FIREBREAK_READ_AHEAD=0), to isolate what starting the reader costs the Write call. */
const OFF = argv.includes('--off');
if (OFF) argv.splice(argv.indexOf('--off'), 1);

interface Side { name: string; bin: string; home: string; childLog: string; env?: Record<string, string> }
interface Sample { cpu: number; wall: number }

function pythonPure(lines: number, round: string): string {
  const out = [`# round ${round}`, 'import json, math, re', 'from collections import Counter', ''];
  for (let i = 0; out.length + 9 <= lines; i++) {
    out.push(`def step_${i}(items, name='report-${i}'):`, `    data = {'k${i}': items, 'name': name, 'n': len(items)}`, '    counts = Counter(str(x) for x in items)',
      "    words = re.findall(r'[a-z]+', name)", '    total = sum(math.sqrt(abs(x)) for x in items if isinstance(x, (int, float)))',
      '    print(json.dumps({**data, "counts": counts, "words": words, "total": total}))', '    return sorted(counts.items(), key=lambda kv: kv[1])[:3]', '', '');
  }
  while (out.length < lines) out.push('# end');
  return `${out.join('\n')}\n`;
}

function javascriptPure(lines: number, round: string): string {
  const out = [`// round ${round}`, "import { readFileSync } from 'node:fs';", ''];
  for (let i = 0; out.length + 9 <= lines; i++) {
    out.push(`export function step${i}(items, name = 'report-${i}') {`, `  const data = { k${i}: items, name, n: items.length };`, '  const counts = new Map();',
      '  for (const x of items) counts.set(String(x), (counts.get(String(x)) ?? 0) + 1);', '  const words = name.match(/[a-z]+/g) ?? [];',
      '  console.log(JSON.stringify({ ...data, counts: [...counts], words }));', '  return [...counts].sort((a, b) => a[1] - b[1]).slice(0, 3);', '}', '');
  }
  while (out.length < lines) out.push('// end');
  return `${out.join('\n')}\n`;
}

function once(side: Side, input: string, cwd: string, cpuHook: string): Promise<Sample> {
  return measureProcess([side.bin, 'hook', '--agent', 'claude-code'], input, cwd, { FIREBREAK_HOME: side.home, NODE_OPTIONS: `--require ${cpuHook}`, BENCH_CHILD_LOG: side.childLog, ...side.env });
}

const entries = (home: string) => (existsSync(join(home, 'code-cache')) ? readdirSync(join(home, 'code-cache')).length : 0);
const childSamples = (side: Side) => (existsSync(side.childLog) ? readFileSync(side.childLog, 'utf8').trim().split('\n').filter(Boolean).map(Number) : []);

async function main() {
  const bins: [string, string][] = [['branch', join(ROOT, 'bin', 'firebreak.js')], ...(BASELINE ? [['base', join(BASELINE, 'bin', 'firebreak.js')] as [string, string]] : [])];
  const work = mkdtempSync(join(tmpdir(), 'firebreak-bench-written-'));
  const cpuHook = join(work, 'cpu-hook.cjs');
  writeFileSync(cpuHook, [
    "process.on('exit', () => { const u = process.cpuUsage(); const fs = require('fs');",
    "  if (process.argv.includes('--read-ahead')) { try { fs.appendFileSync(process.env.BENCH_CHILD_LOG, ((u.user + u.system) / 1000) + '\\n'); } catch {} return; }",
    '  try { fs.writeSync(3, JSON.stringify(u)); } catch {} });', ''].join('\n'));
  const sides: Side[] = bins.map(([name, bin]) => ({ name, bin, home: mkdtempSync(join(work, `home-${name}-`)), childLog: join(work, `child-${name}.log`) }));
  if (OFF) sides.push({ name: 'off', bin: bins[0]![1], home: mkdtempSync(join(work, 'home-off-')), childLog: join(work, 'child-off.log'), env: { FIREBREAK_READ_AHEAD: '0' } });
  const kinds = [
    { label: '`python3 pure.py`', file: 'pure.py', make: pythonPure, run: 'python3 pure.py' },
    { label: '`node pure.mjs`', file: 'pure.mjs', make: javascriptPure, run: 'node pure.mjs' },
  ];
  const samples = new Map<string, { write: Sample[]; run: Sample[]; plain: Sample[] }>();
  const load = loadavg()[0]!;
  for (let r = -1; r < ROUNDS; r++) {
    for (const kind of kinds) {
      // A B in one round, B A in the next.
      for (const side of r % 2 ? sides : [...sides].reverse()) {
        const repo = mkdtempSync(join(work, 'repo-'));
        execFileSync('git', ['init', '-q'], { cwd: repo });
        const text = kind.make(500, `${side.name} ${r} ${Math.random()}`);
        const write = JSON.stringify({ session_id: 'bench', cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(repo, kind.file), content: text } });
        const before = entries(side.home);
        const w = await once(side, write, repo, cpuHook);
        writeFileSync(join(repo, kind.file), text);
        // The agent's next call comes seconds later; here, as soon as the reader is done (or 3 s).
        for (let t = 0; t < 60 && entries(side.home) === before; t++) await sleep(50);
        await sleep(100);
        const run = JSON.stringify({ session_id: 'bench', cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: kind.run } });
        const x = await once(side, run, repo, cpuHook);
        const plain = JSON.stringify({ session_id: 'bench', cwd: repo, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'npm test' } });
        const p = await once(side, plain, repo, cpuHook);
        rmSync(repo, { recursive: true, force: true });
        if (r < 0) continue;
        const key = `${side.name} ${kind.label}`;
        if (!samples.has(key)) samples.set(key, { write: [], run: [], plain: [] });
        samples.get(key)!.write.push(w);
        samples.get(key)!.run.push(x);
        samples.get(key)!.plain.push(p);
      }
    }
  }
  const med = (xs: number[]) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)]! : NaN; };
  const lines = [
    `Write a 500-line script with the file tool, then run it: ${ROUNDS} rounds, sides alternating, ${cpus().length} CPUs, load ${load.toFixed(1)} at start, end ${loadavg()[0]!.toFixed(1)}, node ${process.version}.`,
    '',
    '| side | script | Write call CPU p50 ms | Write wall p50 ms | run call CPU p50 ms | run wall p50 ms | `npm test` CPU p50 ms | run over `npm test` ms |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...[...samples].map(([key, s]) => { const [side, ...rest] = key.split(' '); return `| ${side} | ${rest.join(' ')} | ${med(s.write.map((x) => x.cpu)).toFixed(0)} | ${med(s.write.map((x) => x.wall)).toFixed(0)} | ${med(s.run.map((x) => x.cpu)).toFixed(0)} | ${med(s.run.map((x) => x.wall)).toFixed(0)} | ${med(s.plain.map((x) => x.cpu)).toFixed(0)} | ${(med(s.run.map((x) => x.cpu)) - med(s.plain.map((x) => x.cpu))).toFixed(0)} |`; }),
    '',
    ...sides.map((side) => { const c = childSamples(side); return `${side.name}: detached readers ${c.length}, CPU p50 ${med(c).toFixed(0)} ms (background, after the Write call's answer)`; }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
