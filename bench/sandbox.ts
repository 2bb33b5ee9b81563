// Sandbox benchmark: every incident scenario with AWS actions replayed in the twin, as
// `firebreak scenarios run --sandbox` does. Real LocalStack 4.14.0 with Firebreak's extension
// (run `firebreak sandbox install` first). Measures:
//   - cold: starting the emulators + all scenarios (what a first run costs);
//   - warm: all scenarios against an already running twin (`firebreak sandbox up`), `--runs` times;
// and per scenario: seed / replay / rollback time, agreement, coverage.
// Usage (from the repository root): npx tsx bench/sandbox.ts [--runs 3] [--json out.json]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listScenarios, loadScenario, replayable, runScenario, SCENARIOS_DIR } from '../src/scenarios/run.js';
import { readWarmState, warmDown, warmUp } from '../src/sandbox/warm.js';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const s = (ms: number) => Math.round(ms / 100) / 10;

const names: string[] = [];
for (const name of await listScenarios()) if (replayable(await loadScenario(join(SCENARIOS_DIR, name)))) names.push(name);

async function allScenarios(): Promise<{ totalS: number; rows: Record<string, unknown>[] }> {
  const started = Date.now();
  const rows: Record<string, unknown>[] = [];
  for (const name of names) {
    const o = await runScenario(join(SCENARIOS_DIR, name), { sandbox: { provider: 'auto' } });
    const t = o.report?.sandbox.timings;
    rows.push({ scenario: name, ms: o.ms, status: o.sandbox?.status, agreement: o.sandbox?.agreement, coverage: o.sandbox?.coverage, seedS: s(t?.seedMs ?? 0), replayS: s(t?.replayMs ?? 0), rollbackS: s(t?.rollbackMs ?? 0), asExpected: o.mismatches.length === 0 });
  }
  return { totalS: s(Date.now() - started), rows };
}

if (readWarmState()) await warmDown();
const report: Record<string, unknown> = { scenarios: names.length };

// Cold: the emulators start inside the measurement.
{
  const started = Date.now();
  const up = await warmUp();
  report.coldStartS = s(up.ms);
  const cold = await allScenarios();
  report.coldTotalS = s(Date.now() - started);
  report.coldRows = cold.rows;
  console.log(`cold (start + ${names.length} scenarios): ${report.coldTotalS} s (emulators up in ${report.coldStartS} s)`);
}

// Warm: the same twin, again and again.
const warm: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const run = await allScenarios();
    warm.push(run.totalS);
    report.warmRows = run.rows;
    console.log(`warm run ${i + 1}: ${run.totalS} s`);
  }
} finally {
  await warmDown();
}
report.warmS = warm;
report.warmMedianS = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
for (const row of report.warmRows as Record<string, unknown>[]) console.log(JSON.stringify(row));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
