import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { check } from '../../src/pipeline.js';
import { renderJson } from '../../src/report/json.js';
import { listScenarios, loadScenario, scenarioRequest, SCENARIOS_DIR } from '../../src/scenarios/run.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);
const scenarioNames = await listScenarios();

describe('JSON report', () => {
  it.each(scenarioNames)('the report of %s is valid against schema/report.schema.json', async (name) => {
    const dir = join(SCENARIOS_DIR, name);
    const { report } = await check(scenarioRequest(await loadScenario(dir), dir));
    const roundTripped = JSON.parse(renderJson(report));
    const valid = validate(roundTripped);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects a report whose verdict is not one of pass/escalate/block (the schema can fail)', async () => {
    const dir = join(SCENARIOS_DIR, 'claude-home-rm');
    const { report } = await check(scenarioRequest(await loadScenario(dir), dir));
    expect(validate({ ...JSON.parse(renderJson(report)), verdict: 'ok' })).toBe(false);
  });
});
