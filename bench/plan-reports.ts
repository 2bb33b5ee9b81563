// Checks that a speed change leaves `firebreak check --plan` reports byte-identical: runs a built
// baseline checkout (e.g. main's bin/ and dist/ copied aside) and this checkout on every public and
// local Terraform plan fixture (alone, with the state next to it, with a production config) and on
// synthetic plans (with and without their state), and compares the whole JSON reports apart from
// `generatedAt` and `timings`.
// Run: npm run build && npx tsx bench/plan-reports.ts --baseline DIR [--sizes 1000,10000]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateTerraformPlan, generateTerraformState } from './generate-terraform.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const baselineRoot = option('--baseline');
if (!baselineRoot) throw new Error('--baseline DIR (a built checkout to compare with) is required');
const sizes = (option('--sizes') ?? '1000').split(',').filter(Boolean).map(Number);

function plansUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...plansUnder(path));
    else if (/plan[^/]*\.json$/.test(entry)) found.push(path);
  }
  return found.sort();
}

const scratch = mkdtempSync(join(tmpdir(), 'firebreak-plan-reports-'));
const config = join(scratch, 'firebreak.yaml');
writeFileSync(config, 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      terraform: { addresses: ["module.stack_1*", "aws_db_instance.*"] }\n      tags: { env: prod }\n  staging:\n    production: false\n    match:\n      terraform: { workspaces: [default] }\n');

const cases: { name: string; argv: string[] }[] = [];
for (const plan of [...plansUnder('/work/shared/fixtures/public'), ...plansUnder(join(ROOT, 'test'))]) {
  cases.push({ name: plan, argv: ['--plan', plan] });
  const dir = dirname(plan);
  for (const state of readdirSync(dir).filter((f) => /state[^/]*\.json$|\.tfstate$/.test(f))) {
    cases.push({ name: `${plan} + ${state}`, argv: ['--plan', plan, '--state', join(dir, state)] });
  }
  cases.push({ name: `${plan} + config`, argv: ['--plan', plan, '--config', config] });
}
for (const n of sizes) {
  const plan = join(scratch, `plan-${n}.json`);
  const state = join(scratch, `state-${n}.json`);
  writeFileSync(plan, JSON.stringify(generateTerraformPlan(n)));
  writeFileSync(state, JSON.stringify(generateTerraformState(n)));
  cases.push({ name: `synthetic ${n}`, argv: ['--plan', plan] });
  cases.push({ name: `synthetic ${n} + state + config`, argv: ['--plan', plan, '--state', state, '--config', config] });
  const realistic = join(scratch, `plan-${n}-realistic.json`);
  writeFileSync(realistic, JSON.stringify(generateTerraformPlan(n, 'realistic')));
  cases.push({ name: `synthetic ${n}, realistic mix`, argv: ['--plan', realistic] });
}

function run(root: string, argv: string[]): { exit: number | null; report: string; stderr: string } {
  const out = join(scratch, 'report.json');
  rmSync(out, { force: true });
  const result = spawnSync(process.execPath, [join(root, 'bin', 'firebreak.js'), 'check', ...argv, '--format', 'json', '--out', out, '--now', '2026-01-01T00:00:00Z'], {
    cwd: scratch,
    maxBuffer: 1 << 30,
    env: { ...process.env, TF_WORKSPACE: '' },
  });
  const text = existsSync(out) ? (spawnSync('cat', [out], { maxBuffer: 1 << 30 }).stdout.toString('utf8')) : '';
  // generatedAt and the timings block are the only parts that may differ between runs.
  const report = text.replaceAll(join(root, 'policies'), '<ROOT>/policies').replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""').replace(/\b20\d{6}T\d{6}\b/g, 'TIME').replace(/"timings": \{[^}]*\}/, '"timings": {}');
  return { exit: result.status, report, stderr: result.stderr.toString('utf8').replaceAll(join(root, 'policies'), '<ROOT>/policies').replace(/\d+(\.\d+)? ?ms/g, 'ms') };
}

let differ = 0;
let kept = 0;
try {
  for (const c of cases) {
    const a = run(resolve(baselineRoot), c.argv);
    const b = run(ROOT, c.argv);
    const same = a.exit === b.exit && a.report === b.report && a.stderr === b.stderr;
    if (!same) differ++;
    if (!same) process.stdout.write(`  exit ${a.exit}/${b.exit} report ${a.report === b.report ? 'same' : 'differs'} stderr ${a.stderr === b.stderr ? 'same' : `${JSON.stringify(a.stderr)} / ${JSON.stringify(b.stderr)}`}\n`);
    process.stdout.write(`${same ? 'same   ' : 'DIFFER '} exit ${b.exit} ${(b.report.length / 1e3).toFixed(0).padStart(6)} KB  ${c.name}\n`);
    if (!same && process.env.KEEP && !kept++) {
      writeFileSync(join(tmpdir(), 'plan-report-a.json'), a.report);
      writeFileSync(join(tmpdir(), 'plan-report-b.json'), b.report);
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`${cases.length} cases, ${differ} differ\n`);
process.exit(differ ? 1 : 0);
