import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { listScenarios, runScenario, SCENARIOS_DIR } from '../../src/scenarios/run.js';

const names = await listScenarios();

describe('incident scenarios', () => {
  it('ships the incidents the brief names and at least two benign changes', () => {
    for (const required of ['kiro-cost-explorer', 'amazon-q-wiper', 'replit-freeze', 'datatalks-terraform-destroy', 'pocketos-volume-delete', 'iam-escalation', 'sg-open-to-world', 'dynamodb-rename-replacement']) {
      expect(names).toContain(required);
    }
    expect(names.filter((n) => n.startsWith('benign-')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(names)('%s comes out as its expectation says', async (name) => {
    const outcome = await runScenario(join(SCENARIOS_DIR, name));
    expect(outcome.mismatches).toEqual([]);
  });
});
