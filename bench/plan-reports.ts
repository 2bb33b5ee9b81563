// Checks that a speed or report-format change leaves what `firebreak check --plan` says unchanged:
// runs a built baseline checkout (e.g. main's bin/ and dist/ copied aside) and this checkout on
// every public and local Terraform plan fixture (alone, with the state next to it, with a
// production config) and on synthetic plans (with and without their state), and compares exit
// codes, stderr, the text and markdown output byte for byte, and the whole JSON reports apart from
// `generatedAt` and `timings`. A JSON report written in another schema version than the
// baseline's (2.0 references instead of copying) is expanded first (src/report/json.ts,
// expandReport, with the plan's values), so the comparison is of content; its size is listed.
// Run: npm run build && npx tsx bench/plan-reports.ts --baseline DIR [--sizes 1000,10000] [--formats json,text,markdown]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateTerraformPlan, generateTerraformState } from './generate-terraform.js';
import { expandReport, planValuesOf } from '../src/report/json.js';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const baselineRoot = option('--baseline');
if (!baselineRoot) throw new Error('--baseline DIR (a built checkout to compare with) is required');
const sizes = (option('--sizes') ?? '1000').split(',').filter(Boolean).map(Number);
const formats = (option('--formats') ?? 'json,text,markdown').split(',').filter(Boolean);

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
  const generated = generateTerraformPlan(n) as { format_version: string; terraform_version: string; resource_changes: unknown[] };
  writeFileSync(plan, JSON.stringify(generated));
  writeFileSync(state, JSON.stringify(generateTerraformState(n)));
  cases.push({ name: `synthetic ${n}`, argv: ['--plan', plan] });
  cases.push({ name: `synthetic ${n} + state + config`, argv: ['--plan', plan, '--state', state, '--config', config] });
  const realistic = join(scratch, `plan-${n}-realistic.json`);
  writeFileSync(realistic, JSON.stringify(generateTerraformPlan(n, 'realistic')));
  cases.push({ name: `synthetic ${n}, realistic mix`, argv: ['--plan', realistic] });
  // The lean shape: resource_changes only (no prior state, planned values or configuration).
  const lean = join(scratch, `plan-${n}-lean.json`);
  writeFileSync(lean, JSON.stringify({ format_version: generated.format_version, terraform_version: generated.terraform_version, resource_changes: generated.resource_changes }));
  cases.push({ name: `synthetic ${n}, resource_changes only`, argv: ['--plan', lean] });
}

interface Run { exit: number | null; outputs: Record<string, string>; stderr: string; bytes: number }

function run(root: string, argv: string[]): Run {
  const out = join(scratch, 'report.out');
  const outputs: Record<string, string> = {};
  let exit: number | null = null;
  let stderr = '';
  let bytes = 0;
  const normalise = (text: string) => text.replaceAll(join(root, 'policies'), '<ROOT>/policies').replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""').replace(/\b20\d{6}T\d{6}\b/g, 'TIME').replace(/"timings": \{[^}]*\}/, '"timings": {}');
  for (const format of formats) {
    rmSync(out, { force: true });
    const result = spawnSync(process.execPath, [join(root, 'bin', 'firebreak.js'), 'check', ...argv, '--format', format, '--out', out, '--now', '2026-01-01T00:00:00Z'], {
      cwd: scratch,
      maxBuffer: 1 << 30,
      env: { ...process.env, TF_WORKSPACE: '' },
    });
    let text = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (format === 'json') {
      bytes = Buffer.byteLength(text);
      text = comparable(text, argv);
    }
    outputs[format] = normalise(text);
    exit = result.status;
    stderr = result.stderr.toString('utf8').replaceAll(join(root, 'policies'), '<ROOT>/policies').replace(/\d+(\.\d+)? ?ms/g, 'ms');
  }
  return { exit, outputs, stderr, bytes };
}

/** A 2.x report expanded to what the report holds in memory, in 1.x's words; 1.x as it is. */
function comparable(text: string, argv: string[]): string {
  if (!text) return text;
  const json = JSON.parse(text);
  if (!String(json.schemaVersion).startsWith('2.')) return text;
  const planFile = argv[argv.indexOf('--plan') + 1];
  const report = expandReport(json, planValuesOf(new Map([[planFile, JSON.parse(readFileSync(planFile, 'utf8'))]])));
  return JSON.stringify({ ...report, schemaVersion: '1.1' }, null, 2) + '\n';
}

let differ = 0;
let kept = 0;
const sizesSeen: string[] = [];
try {
  for (const c of cases) {
    const a = run(resolve(baselineRoot), c.argv);
    const b = run(ROOT, c.argv);
    const differing = formats.filter((f) => a.outputs[f] !== b.outputs[f]);
    const same = a.exit === b.exit && differing.length === 0 && a.stderr === b.stderr;
    if (!same) differ++;
    if (!same) process.stdout.write(`  exit ${a.exit}/${b.exit} ${differing.length ? `${differing.join(', ')} differ` : 'outputs same'} stderr ${a.stderr === b.stderr ? 'same' : `${JSON.stringify(a.stderr)} / ${JSON.stringify(b.stderr)}`}\n`);
    const plan = statSync(c.argv[c.argv.indexOf('--plan') + 1]).size;
    const ratio = b.bytes ? ` report/plan ${(a.bytes / plan).toFixed(2)} -> ${(b.bytes / plan).toFixed(2)}` : '';
    if (b.bytes && plan > 100_000) sizesSeen.push(`${c.name}: plan ${(plan / 1e6).toFixed(1)} MB, report ${(a.bytes / 1e6).toFixed(1)} -> ${(b.bytes / 1e6).toFixed(1)} MB${ratio}`);
    process.stdout.write(`${same ? 'same   ' : 'DIFFER '} exit ${b.exit} ${(b.bytes / 1e3).toFixed(0).padStart(6)} KB${ratio}  ${c.name}\n`);
    if (!same && process.env.KEEP && !kept++) {
      for (const f of differing) {
        writeFileSync(join(tmpdir(), `plan-report-a.${f}`), a.outputs[f]);
        writeFileSync(join(tmpdir(), `plan-report-b.${f}`), b.outputs[f]);
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
for (const line of sizesSeen) process.stdout.write(`${line}\n`);
process.stdout.write(`${cases.length} cases, ${differ} differ\n`);
process.exit(differ ? 1 : 0);
