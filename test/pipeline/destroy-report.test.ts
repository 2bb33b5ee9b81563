import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { check } from '../../src/pipeline.js';
import { renderText } from '../../src/report/text.js';
import { SCENARIOS_DIR } from '../../src/scenarios/run.js';

const dir = join(SCENARIOS_DIR, 'datatalks-terraform-destroy');
const { report } = await check({
  cwd: dir,
  state: ['terraform.state.json'],
  config: 'firebreak.yaml',
  commands: ['terraform destroy -auto-approve'],
});

describe('terraform destroy over a state: what a person reads', () => {
  it('is placed in the environment of what it removes (firebreak.yaml names the production addresses)', () => {
    const [destroy] = report.actions.filter((a) => a.verb.includes('destroy'));
    expect(destroy.environment).toBe('production');
    expect(destroy.environmentAssumed).toBe(false);
    expect(report.reasons.map((r) => r.rule)).not.toContain('environment-unknown');
  });

  it('names each resource that cannot come back, not the state as a whole', () => {
    const lost = report.rollback.irreversible.map((i) => i.resource);
    expect(lost).toContain('aws_db_instance.main');
    expect(lost).not.toContain('default');
    const db = report.rollback.irreversible.find((i) => i.resource === 'aws_db_instance.main')!;
    expect(db.whatIsLost).toMatch(/automated backups/);
  });

  it('says what the action is once and lists what each rule adds beneath it', () => {
    const text = renderText(report);
    const why = text.slice(text.indexOf('Why'), text.indexOf('Actions'));
    expect(why.match(/deletes everything in terraform:state default/g)).toHaveLength(1);
    expect(why).toMatch(/\[production-irreversible\]/);
    expect(why).toMatch(/\[production-data-loss\]/);
  });
});
