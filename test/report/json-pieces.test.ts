// The JSON report written in pieces (renderJsonChunks) is byte for byte the report renderJson
// builds whole: on real plans, on a synthetic plan long enough to stream its arrays, and on the
// values JSON.stringify treats specially (undefined, functions, toJSON, empty containers).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Report } from '../../src/model.js';
import { check } from '../../src/pipeline.js';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { generateTerraformPlan } from '../../bench/generate-terraform.js';
import { LOCAL, TERRAFORM_JSON } from '../terraform/helpers.js';

const pieces = (report: unknown) => [...renderJsonChunks(report as Report)].join('');

describe('JSON report in pieces', () => {
  it.each([`${LOCAL}real/terraform-1.11.4/prod-replace-db.plan.json`, `${LOCAL}edge-cases.plan.json`, `${TERRAFORM_JSON}deep_module/plan.json`])('is renderJson byte for byte for %s', async (plan) => {
    const { report } = await check({ plan, implicitConfig: false });
    expect(pieces(report)).toBe(renderJson(report));
  });

  it('is renderJson byte for byte for a 300-change plan, written through writeFileAtomic', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-json-pieces-'));
    try {
      const plan = join(dir, 'plan.json');
      writeFileSync(plan, JSON.stringify(generateTerraformPlan(300)));
      const { report } = await check({ plan, implicitConfig: false });
      expect(report.actions.length).toBeGreaterThan(32);
      await writeFileAtomic(join(dir, 'report.json'), renderJsonChunks(report));
      expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(renderJson(report));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats what JSON cannot hold as JSON.stringify does', () => {
    const odd = {
      a: undefined,
      f: () => 1,
      long: Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? { x: [i, { y: 'a\nb' }], z: undefined } : () => i)),
      date: new Date(0),
      withToJson: { toJSON: () => ({ replaced: [1, 2] }) },
      empty: { o: {}, a: [] },
      nested: { list: Array.from({ length: 600 }, (_, i) => [i, [], {}, i % 7 ? { deep: { deeper: [i, 'x'] } } : undefined]) },
    };
    expect(pieces(odd)).toBe(`${JSON.stringify(odd, null, 2)}\n`);
  });

  it('matches JSON.stringify on any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => { const doc = { value, list: Array.from({ length: 40 }, () => value) }; return pieces(doc) === `${JSON.stringify(doc, null, 2)}\n`; }), { numRuns: 300 });
  });
});
