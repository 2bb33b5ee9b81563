// The JSON report as written (schema 2.0) references instead of copying: a reason cites its
// action's evidence by id, a plan action's before/after stay in the plan, a blast-radius resource
// leaves out an empty path. Nothing is lost: expandReport gives back the report in memory, and
// the written report is valid against schema/report.schema.json, which refuses the copies.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Report } from '../../src/model.js';
import { check } from '../../src/pipeline.js';
import { expandReport, planValuesOf, renderJson } from '../../src/report/json.js';
import { generateTerraformPlan } from '../../bench/generate-terraform.js';
import { LOCAL, TERRAFORM_JSON } from '../terraform/helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

const written = (report: Report) => JSON.parse(renderJson(report)) as Record<string, unknown> & Report;
const inMemory = (report: Report) => JSON.parse(JSON.stringify(report)) as Report;
const plansOf = (...files: string[]) => planValuesOf(new Map(files.map((f) => [f, JSON.parse(readFileSync(f, 'utf8'))])));

describe('JSON report 2.0: references instead of copies', () => {
  it.each([`${LOCAL}real/terraform-1.11.4/prod-replace-db.plan.json`, `${LOCAL}edge-cases.plan.json`, `${TERRAFORM_JSON}deep_module/plan.json`])(
    'the written report of %s is valid, holds no copy, and expands back to the report in memory',
    async (plan) => {
      const { report } = await check({ plan, implicitConfig: false });
      const json = written(report);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(json.schemaVersion).toBe('2.0');
      for (const a of json.actions) expect(a.before === undefined && a.after === undefined, a.id).toBe(true);
      expect(expandReport(json, plansOf(plan))).toEqual(inMemory(report));
    },
  );

  it('writes a synthetic plan of 300 changes at under 2x the plan (1.5x without state, configuration or planned values)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-json-references-'));
    try {
      const full = generateTerraformPlan(300) as { resource_changes: unknown[] };
      for (const [name, plan] of [['full', full], ['lean', { format_version: '1.2', resource_changes: full.resource_changes }]] as const) {
        const file = join(dir, `${name}.json`);
        writeFileSync(file, JSON.stringify(plan));
        const { report } = await check({ plan: file, implicitConfig: false });
        const text = renderJson(report);
        const json = JSON.parse(text);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        const referenced = json.reasons.filter((r: { evidenceOf?: string }) => r.evidenceOf);
        expect(referenced.length).toBeGreaterThan(100);
        for (const r of referenced) expect(r.evidenceOf).toBe(r.actionId);
        expect(Buffer.byteLength(text) / Buffer.byteLength(JSON.stringify(plan))).toBeLessThan(2);
        expect(expandReport(json, plansOf(file))).toEqual(inMemory(report));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the copy of evidence that is not exactly its action\'s, and the path of a resource reached through a dependency', async () => {
    const { report } = await check({ plan: `${LOCAL}real/terraform-1.11.4/prod-replace-db.plan.json`, implicitConfig: false });
    const reason = report.reasons.find((r) => r.actionId && r.evidence?.length)!;
    const changed: Report = { ...report, reasons: [{ ...reason, evidence: [...reason.evidence!, { kind: 'graph', message: 'one more fact' }] }, ...report.reasons] };
    const json = written(changed);
    expect(json.reasons[0]).toHaveProperty('evidence');
    expect(json.reasons[0]).not.toHaveProperty('evidenceOf');
    const resource = { id: 'b', type: 't', impact: 'disrupted' as const, depth: 1, path: ['a', 'b'], pathReasons: ['b depends on a'], stateful: false, dataLoss: false, actionIds: ['a1'] };
    const direct = { ...resource, id: 'a', impact: 'deleted' as const, depth: 0, path: ['a'], pathReasons: [] };
    const withPath = written({ ...report, blastRadius: { ...report.blastRadius, resources: [direct, resource] } });
    expect(withPath.blastRadius.resources).toEqual([
      { id: 'a', type: 't', impact: 'deleted', depth: 0, stateful: false, dataLoss: false, actionIds: ['a1'] },
      resource,
    ]);
    expect(expandReport(withPath).blastRadius.resources).toEqual([direct, resource]);
  });

  it('the schema refuses the copies 2.0 leaves out (it can fail)', async () => {
    const { report } = await check({ plan: `${LOCAL}real/terraform-1.11.4/prod-replace-db.plan.json`, implicitConfig: false });
    const json = written(report);
    const i = json.reasons.findIndex((r) => (r as { evidenceOf?: string }).evidenceOf);
    expect(i).toBeGreaterThanOrEqual(0);
    const both = { ...json, reasons: json.reasons.map((r, k) => (k === i ? { ...r, evidence: [] } : r)) };
    expect(validate(both)).toBe(false);
    const copied = { ...json, actions: json.actions.map((a, k) => (k === 0 ? { ...a, after: {} } : a)) };
    expect(json.actions[0].source.kind).toBe('terraform-plan');
    expect(validate(copied)).toBe(false);
    expect(validate({ ...json, schemaVersion: '1.1' })).toBe(false);
  });
});
