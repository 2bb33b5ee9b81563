import { describe, expect, it } from 'vitest';
import { generateTerraformPlan, generateTerraformState } from '../../bench/generate-terraform.js';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { readTerraformState } from '../../src/intake/terraform/state.js';

// 10k always; 100k when FIREBREAK_BENCH=1 (about 150 MB of JSON: too heavy for every run).
const sizes = process.env.FIREBREAK_BENCH === '1' ? [10_000, 100_000] : [10_000];

describe('large inputs', () => {
  for (const n of sizes) {
    it(`reads a ${n}-change plan in linear time`, () => {
      const text = JSON.stringify(generateTerraformPlan(n));
      const start = performance.now();
      const result = readTerraformPlan(text, 'big.plan.json');
      const ms = performance.now() - start;
      console.log(`plan n=${n}: ${(text.length / 1e6).toFixed(1)} MB, ${ms.toFixed(0)} ms, ${result.actions.length} actions, ${result.world!.resources.length} resources, ${result.world!.edges.length} edges`);
      expect(result.actions.length).toBeGreaterThan(n * 0.3);
      expect(result.actions.length).toBeLessThan(n * 0.5);
      expect(result.world!.resources.length).toBeGreaterThan(n);
      expect(result.world!.edges.length).toBeGreaterThan(n);
      expect(result.actions.some((a) => a.operation === 'replace' && a.verb === 'create,delete')).toBe(true);
      // Generous bound: a shared 2-core machine; quadratic behaviour would take minutes.
      expect(ms).toBeLessThan(n);
    }, 300_000);

    it(`reads a ${n}-instance tfstate`, () => {
      const text = JSON.stringify(generateTerraformState(n));
      const start = performance.now();
      const result = readTerraformState(text, 'big.tfstate');
      const ms = performance.now() - start;
      console.log(`tfstate n=${n}: ${(text.length / 1e6).toFixed(1)} MB, ${ms.toFixed(0)} ms, ${result.world!.resources.length} resources, ${result.world!.edges.length} edges`);
      expect(result.world!.resources).toHaveLength(n);
      expect(ms).toBeLessThan(n);
    }, 300_000);
  }
});
