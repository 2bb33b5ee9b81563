// Every incident scenario with AWS actions replayed in the real twin, as `firebreak scenarios run
// --sandbox` does: the prediction must agree with what the twin shows (>= 95%) on enough of the
// blast radius (coverage >= 80%), every rollback step must say how it fared, and the report must
// match schema/report.schema.json exactly.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostProvider } from '../../src/sandbox/providers/host.js';
import { renderJson } from '../../src/report/json.js';
import { listScenarios, loadScenario, replayable, runScenario, SCENARIOS_DIR } from '../../src/scenarios/run.js';
import { startEmulators } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

const names: string[] = [];
for (const name of await listScenarios()) if (replayable(await loadScenario(join(SCENARIOS_DIR, name)))) names.push(name);

let host: HostProvider;
beforeAll(async () => {
  ({ host } = await startEmulators());
}, 180_000);
afterAll(async () => {
  await host?.stop();
  delete process.env.FIREBREAK_SANDBOX_ENDPOINT;
});

describe('scenarios replayed in the twin', () => {
  it('covers the scenarios with AWS actions', () => {
    expect(names.length).toBeGreaterThanOrEqual(14);
  });

  it.each(names)('%s: as expected, >= 95% agreement on >= 80% coverage, every rollback step accounted for', async (name) => {
    const outcome = await runScenario(join(SCENARIOS_DIR, name), { sandbox: { provider: 'endpoint' } });
    expect(outcome.mismatches).toEqual([]);
    const sandbox = outcome.report!.sandbox;
    expect(sandbox.status, sandbox.reason).toMatch(/^(ok|partial)$/);
    const scored = outcome.report!.blastRadius.resources.filter((r) => r.impact !== 'disrupted').length;
    if (scored) {
      expect(sandbox.coverage, JSON.stringify(sandbox.unobserved)).toBeGreaterThanOrEqual(0.8);
      // null only when every observed prediction was refused by AWS (nothing left to score)
      if (sandbox.agreement !== null) expect(sandbox.agreement, JSON.stringify(sandbox.disagreements)).toBeGreaterThanOrEqual(0.95);
      else expect(sandbox.refused?.length).toBeGreaterThan(0);
    } else {
      expect([sandbox.agreement, sandbox.coverage]).toEqual([null, null]);
    }
    expect(sandbox.rollback?.map((r) => r.step)).toEqual(outcome.report!.rollback.steps.map((s) => s.order));
    expect(outcome.sandbox).toMatchObject({ status: sandbox.status, agreement: sandbox.agreement ?? null, coverage: sandbox.coverage ?? null });
    expect(validate(JSON.parse(renderJson(outcome.report!)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  }, 180_000);
});
