// `firebreak check --plan` CPU against the JSON.parse floor, with a baseline build in the same
// rounds (floor, baseline, this checkout, alternating), on both plan shapes: a full
// `terraform show -json` (prior state, planned values, configuration) and one holding only
// resource_changes. CPU is user + system of the whole process (bench/lib/rusage.py); the load
// average is printed at the start and end, since the machine is shared.
// Run: npm run build && npx tsx bench/plan-cpu.ts --baseline DIR [--sizes 10000] [--runs 5] [--shapes full,lean] [--mix benchmark|realistic]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTerraformPlan } from './generate-terraform.js';

const ROOT = resolve(import.meta.dirname, '..');
const RUSAGE = join(ROOT, 'bench', 'lib', 'rusage.py');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const baselineRoot = option('--baseline');
const sizes = (option('--sizes') ?? '10000').split(',').filter(Boolean).map(Number);
const runs = Number(option('--runs') ?? 5);
const shapes = (option('--shapes') ?? 'full,lean').split(',').filter(Boolean);
const mix = (option('--mix') ?? 'benchmark') as 'benchmark' | 'realistic';

interface Usage { cpuMs: number; maxRssMb: number; exit: number }
const scratch = mkdtempSync(join(tmpdir(), 'firebreak-plan-cpu-'));
let seq = 0;
function measure(command: string[]): Usage {
  const file = join(scratch, `usage-${seq++}.json`);
  spawnSync('python3', [RUSAGE, file, '--', ...command], { cwd: scratch, maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TF_WORKSPACE: '' } });
  return JSON.parse(readFileSync(file, 'utf8')) as Usage;
}
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const builds: [string, string][] = [...(baselineRoot ? [['baseline', resolve(baselineRoot)] as [string, string]] : []), ['this', ROOT]];
process.stdout.write(`load average at start: ${load()}; ${runs} rounds, floor / ${builds.map(([n]) => n).join(' / ')} alternating; mix ${mix}\n\n`);
process.stdout.write(`| shape | changes | plan | floor | ${builds.map(([n]) => `${n} (ratio)`).join(' | ')} | ${builds.map(([n]) => `report ${n}`).join(' | ')} | ${builds.map(([n]) => `peak RSS ${n}`).join(' | ')} |\n`);
process.stdout.write(`|---|---:|---:|---:|${builds.map(() => '---:|').join('')}${builds.map(() => '---:|').join('')}${builds.map(() => '---:|').join('')}\n`);
try {
  for (const n of sizes) {
    const generated = generateTerraformPlan(n, mix) as { format_version: string; terraform_version: string; resource_changes: unknown[] };
    for (const shape of shapes) {
      const plan = join(scratch, `plan-${shape}-${n}.json`);
      writeFileSync(plan, JSON.stringify(shape === 'lean' ? { format_version: generated.format_version, terraform_version: generated.terraform_version, resource_changes: generated.resource_changes } : generated));
      const floor: number[] = [];
      const cpu = builds.map(() => [] as Usage[]);
      const reps = n >= 100_000 ? 1 : runs;
      for (let i = 0; i < reps; i++) {
        floor.push(measure([process.execPath, '-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(plan)}, 'utf8'))`]).cpuMs);
        builds.forEach(([name, root], k) => {
          cpu[k].push(measure([process.execPath, join(root, 'bin', 'firebreak.js'), 'check', '--plan', plan, '--format', 'json', '--out', join(scratch, `report-${name}.json`), '--now', '2026-01-01T00:00:00Z']));
        });
      }
      const planBytes = statSync(plan).size;
      const f = median(floor);
      const cells = cpu.map((u) => {
        const c = median(u.map((x) => x.cpuMs));
        return `${c.toFixed(0)} ms (${(c / f).toFixed(1)}x)`;
      });
      const reports = builds.map(([name]) => {
        const file = join(scratch, `report-${name}.json`);
        const bytes = existsSync(file) ? statSync(file).size : 0;
        return `${(bytes / 1e6).toFixed(1)} MB (${(bytes / planBytes).toFixed(2)}x)`;
      });
      const rss = cpu.map((u) => `${Math.max(...u.map((x) => x.maxRssMb)).toFixed(0)} MB`);
      process.stdout.write(`| ${shape} | ${n.toLocaleString('en')} | ${(planBytes / 1e6).toFixed(1)} MB | ${f.toFixed(0)} ms | ${cells.join(' | ')} | ${reports.join(' | ')} | ${rss.join(' | ')} |\n`);
      rmSync(plan, { force: true });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`\nload average at end: ${load()}\n`);
