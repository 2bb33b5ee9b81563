// Plans and states written by real Terraform 0.12.29, 1.5.7, 1.11.4 and OpenTofu 1.10.10
// (fixtures/real/generate.sh): every one loads, unfinished plans are refused or escalated,
// drift never makes the judged part unreadable, and the provider configuration places changes.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { readTerraformPlan } from '../../src/intake/terraform/plan.js';
import { readTerraformState } from '../../src/intake/terraform/state.js';
import { check } from '../../src/pipeline.js';
import { actionAt, LOCAL, read } from './helpers.js';

const REAL = join(LOCAL, 'real');
const VERSIONS = readdirSync(REAL).filter((d) => /^(terraform|opentofu)-\d/.test(d));
const MODERN = VERSIONS.filter((v) => v !== 'terraform-0.12.29');
const at = (version: string, file: string) => join(REAL, version, file);

function refusal(text: string, file: string): InputError {
  try {
    readTerraformPlan(text, file);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${file} was read, but it should have been refused`);
}

describe('every real plan and state loads', () => {
  it('covers Terraform 0.12, 1.5, 1.11 and OpenTofu 1.10', () => {
    expect(VERSIONS).toEqual(expect.arrayContaining(['terraform-0.12.29', 'terraform-1.5.7', 'terraform-1.11.4', 'opentofu-1.10.10']));
  });

  for (const version of VERSIONS) {
    for (const file of readdirSync(join(REAL, version)).filter((f) => f.endsWith('.json') && !f.startsWith('errored'))) {
      it(`${version}/${file}`, () => {
        const text = read(at(version, file));
        const result = file.includes('.state.') || file === 'state.json' ? readTerraformState(text, file) : readTerraformPlan(text, file);
        expect(result.world?.resources.length ?? 0).toBeGreaterThan(0);
      });
    }
  }

  it('reads a Terraform 0.12 replacement and destroy', () => {
    const replace = readTerraformPlan(read(at('terraform-0.12.29', 'replace.plan.json')), 'replace.plan.json');
    expect(actionAt(replace, 'aws_db_instance.main').operation).toBe('replace');
    const destroy = readTerraformPlan(read(at('terraform-0.12.29', 'destroy.plan.json')), 'destroy.plan.json');
    expect(destroy.actions.map((a) => a.operation)).toEqual(['delete', 'delete']);
  });
});

describe('a plan Terraform could not finish is never judged as if it were whole', () => {
  for (const version of MODERN.filter((v) => existsSync(at(v, 'errored.plan.json')))) {
    it(`${version}: the errored plan is refused or shows the resource it lost`, () => {
      const text = read(at(version, 'errored.plan.json'));
      const plan = JSON.parse(text) as Record<string, unknown>;
      if ('errored' in plan) {
        const error = refusal(text, 'errored.plan.json');
        expect(error.location).toBe('errored');
        expect(error.describe()).toMatch(/errored\.plan\.json: errored: .*errored: true/);
      } else {
        // Terraform 1.4-1.5 write the failed plan without the marker: the failed resource is simply missing.
        const result = readTerraformPlan(text, 'errored.plan.json');
        const lost = actionAt(result, 'aws_cloudwatch_log_group.app');
        expect(lost.operation).toBe('unknown');
        expect(lost.evidence[0].message).toMatch(/neither changes it nor keeps it/);
      }
    });
  }

  it('refuses a plan marked complete: false, naming the field', () => {
    const plan = JSON.parse(read(at('terraform-1.11.4', 'staging-create.plan.json')));
    plan.complete = false; // what Terraform writes when it defers changes to a later round
    const error = refusal(JSON.stringify(plan), 'deferred.plan.json');
    expect(error.location).toBe('complete');
  });

  it('escalates (never passes) the Terraform 1.5 errored plan through the pipeline, even in a non-production workspace', async () => {
    const { report, exitCode } = await check({ plan: at('terraform-1.5.7', 'errored.plan.json'), workspace: 'staging', config: join(REAL, 'workspaces-only.yaml'), cwd: REAL });
    expect(report.verdict).toBe('escalate');
    expect(exitCode).toBe(1);
    expect(report.reasons.some((r) => r.resource === 'aws_cloudwatch_log_group.app' && r.rule === 'unknown-operation')).toBe(true);
  });

  it('does not mistake a destroy plan or a complete plan for a failed one', () => {
    for (const version of MODERN) {
      for (const file of ['staging-destroy.plan.json', 'staging-create.plan.json', 'aliases.plan.json']) {
        const result = readTerraformPlan(read(at(version, file)), file);
        expect(result.actions.filter((a) => a.verb === 'not planned')).toEqual([]);
      }
    }
  });
});

describe('drift is shown, not judged, and can never make the plan unreadable', () => {
  for (const version of MODERN) {
    it(`${version}: drift shown beside the judged replacement`, () => {
      const result = readTerraformPlan(read(at(version, 'drift-replace.plan.json')), 'drift.json');
      expect(result.drift?.map((d) => d.address).sort()).toEqual(['aws_db_instance.main', 'aws_sqs_queue.jobs']);
      expect(actionAt(result, 'aws_db_instance.main').operation).toBe('replace');
    });
  }

  it('reads drift entries without address, as Terraform 1.0.0 wrote them, and still judges the changes', () => {
    const plan = JSON.parse(read(at('terraform-1.11.4', 'drift-replace.plan.json')));
    for (const entry of plan.resource_drift) delete entry.address;
    const result = readTerraformPlan(JSON.stringify(plan), 'tf100.json');
    expect(result.drift?.map((d) => d.address).sort()).toEqual(['aws_db_instance.main', 'aws_sqs_queue.jobs']);
    expect(actionAt(result, 'aws_db_instance.main').operation).toBe('replace');
  });

  it('keeps judging when a drift entry is malformed beyond repair', () => {
    const plan = JSON.parse(read(at('terraform-1.11.4', 'drift-replace.plan.json')));
    plan.resource_drift.push(42, { change: 'nope' });
    const result = readTerraformPlan(JSON.stringify(plan), 'odd.json');
    expect(result.drift).toHaveLength(2);
    expect(result.warnings.join('\n')).toMatch(/2 resource_drift entries could not be read/);
    expect(actionAt(result, 'aws_db_instance.main').operation).toBe('replace');
  });
});

describe("the plan's provider configuration places each change", () => {
  for (const version of MODERN) {
    it(`${version}: default provider, an alias, and a module given the alias`, () => {
      const result = readTerraformPlan(read(at(version, 'aliases.plan.json')), 'aliases.json');
      expect(actionAt(result, 'aws_sns_topic.alerts').hints).toMatchObject({ profile: 'shared-services', region: 'us-east-1' });
      const sessions = actionAt(result, 'aws_dynamodb_table.sessions');
      expect(sessions.hints).toMatchObject({ accountId: '012345678901', region: 'us-west-2', tags: { Environment: 'prod' } });
      expect(sessions.evidence.map((e) => e.message).join('\n')).toMatch(/provider aws\.prod_west.*assume_role arn:aws:iam::012345678901:role\/deployer/);
      expect(actionAt(result, 'module.replica.aws_s3_bucket.replica').hints).toMatchObject({ accountId: '012345678901', region: 'us-west-2' });
      expect(actionAt(result, 'module.shared.aws_s3_bucket.replica').hints).toMatchObject({ profile: 'shared-services', region: 'us-east-1' });
    });

    it(`${version}: provider values given as root variables (var.role_arn, var.region)`, () => {
      const result = readTerraformPlan(read(at(version, 'staging-create.plan.json')), 'staging.json');
      expect(actionAt(result, 'aws_sqs_queue.jobs').hints).toMatchObject({ accountId: '210987654321', region: 'eu-west-1' });
    });
  }
});
