// The workspace-per-environment layout, set up as a team would: prod and staging share every
// address, each workspace has its own state (real states and plans from Terraform 1.11.4,
// fixtures/real), and firebreak.yaml keys the states by workspace or environment.
import { describe, expect, it, beforeAll } from 'vitest';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, type CheckRequest } from '../../src/pipeline.js';
import type { Report } from '../../src/model.js';
import { LOCAL } from './helpers.js';

const REAL = join(LOCAL, 'real', 'terraform-1.11.4');

const BY_WORKSPACE = `version: 1
environments:
  prod:
    production: true
    match: {terraform: {workspaces: [prod]}}
  staging:
    production: false
    match: {terraform: {workspaces: [staging]}}
world:
  terraformState:
    prod: prod.state.json
    staging: [staging.state.json]
`;

const BY_ENVIRONMENT = `version: 1
environments:
  production:
    production: true
    match: {accounts: ["012345678901"], terraform: {workspaces: [prod, "prod-*"]}}
  staging:
    production: false
    match: {accounts: ["210987654321"], terraform: {workspaces: [staging]}}
world:
  terraformState:
    production: prod.state.json
    staging: staging.state.json
`;

/** Today's layout, kept working: one list, not keyed. */
const UNKEYED = `version: 1
environments:
  prod:
    production: true
    match: {terraform: {workspaces: [prod]}}
  staging:
    production: false
    match: {terraform: {workspaces: [staging]}}
world:
  terraformState: [prod.state.json]
`;

async function repo(config: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-ws-'));
  for (const file of ['prod.state.json', 'staging.state.json', 'staging-create.plan.json', 'staging-destroy.plan.json', 'prod-replace-db.plan.json']) {
    await copyFile(join(REAL, file), join(dir, file));
  }
  await writeFile(join(dir, 'firebreak.yaml'), config);
  return dir;
}

async function run(dir: string, request: CheckRequest): Promise<Report> {
  const previous = process.env.TF_WORKSPACE;
  delete process.env.TF_WORKSPACE;
  try {
    return (await check({ cwd: dir, ...request })).report;
  } finally {
    if (previous !== undefined) process.env.TF_WORKSPACE = previous;
  }
}

const ids = (report: Report) => report.blastRadius.resources.map((r) => r.id).sort();
const arns = (report: Report) => report.actions.flatMap((a) => (a.before?.arn ? [String(a.before.arn)] : []));

describe('terraform workspace select X && terraform destroy reaches X only', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await repo(BY_WORKSPACE);
  });

  it("staging's destroy lists staging's resources, in staging, and is not judged as prod", async () => {
    const report = await run(dir, { commands: ['terraform workspace select staging && terraform destroy -auto-approve'] });
    const destroy = report.actions.find((a) => a.verb === 'destroy')!;
    expect(destroy.environment).toBe('staging');
    expect(ids(report)).toEqual(['aws_db_instance.main', 'aws_s3_bucket.assets', 'aws_sqs_queue.jobs']);
    expect(report.blastRadius.resources.every((r) => r.environment === 'staging')).toBe(true);
    expect(destroy.evidence.map((e) => e.message).join('\n')).toMatch(/orders-staging|3 resources in staging/);
    expect(report.reasons.map((r) => r.rule)).not.toContain('production-environment-delete');
  });

  it("prod's destroy of the same addresses is prod's and is blocked", async () => {
    const report = await run(dir, { commands: ['terraform workspace select prod && terraform destroy -auto-approve'] });
    expect(report.verdict).toBe('block');
    expect(report.actions.find((a) => a.verb === 'destroy')!.environment).toBe('prod');
    expect(report.blastRadius.resources.every((r) => r.environment === 'prod')).toBe(true);
  });

  it('TF_WORKSPACE on the command line selects the workspace too', async () => {
    const report = await run(dir, { commands: ['TF_WORKSPACE=staging terraform destroy'] });
    expect(report.actions.find((a) => a.verb === 'destroy')!.environment).toBe('staging');
  });

  it('.terraform/environment (left by an earlier workspace select) decides when nothing else does, also under -chdir', async () => {
    const infra = join(dir, 'infra');
    await mkdir(join(infra, '.terraform'), { recursive: true });
    await writeFile(join(infra, '.terraform', 'environment'), 'staging');
    const report = await run(dir, { commands: ['terraform -chdir=infra destroy'] });
    expect(report.actions.find((a) => a.verb === 'destroy')!.environment).toBe('staging');
    expect(ids(report)).toEqual(['aws_db_instance.main', 'aws_s3_bucket.assets', 'aws_sqs_queue.jobs']);
  });

  it('one line destroying both workspaces counts both, each resource once, each in its own environment', async () => {
    const report = await run(dir, {
      commands: ['terraform workspace select staging && terraform destroy -auto-approve && terraform workspace select prod && terraform destroy -auto-approve'],
    });
    expect(report.verdict).toBe('block');
    expect(ids(report)).toEqual(
      ['prod/aws_db_instance.main', 'prod/aws_s3_bucket.assets', 'prod/aws_sqs_queue.jobs', 'staging/aws_db_instance.main', 'staging/aws_s3_bucket.assets', 'staging/aws_sqs_queue.jobs'].sort(),
    );
    for (const r of report.blastRadius.resources) expect(r.environment).toBe(r.id.split('/')[0]);
  });

  it('a workspace with no state in firebreak.yaml is not given another workspace\'s resources: its scope is unknown', async () => {
    const report = await run(dir, { commands: ['terraform workspace select qa && terraform destroy'] });
    expect(ids(report).filter((id) => id.startsWith('aws_'))).toEqual([]);
    expect(report.blastRadius.unknownScope).toHaveLength(1);
    expect(report.verdict).not.toBe('pass');
  });

  it('a targeted destroy in staging hits staging\'s queue, not prod\'s', async () => {
    const report = await run(dir, { commands: ['terraform workspace select staging && terraform destroy -target=aws_sqs_queue.jobs'] });
    const hit = report.blastRadius.resources.find((r) => r.impact === 'deleted')!;
    expect(hit.environment).toBe('staging');
  });
});

describe('a plan is judged in its own workspace', () => {
  it('a staging plan creating aws_sqs_queue.jobs is not "in prod" although prod\'s state has that address', async () => {
    const dir = await repo(BY_WORKSPACE);
    const report = await run(dir, { plan: 'staging-create.plan.json', workspace: 'staging' });
    expect(report.verdict).toBe('pass');
    expect(report.actions.every((a) => a.environment === 'staging')).toBe(true);
    expect(report.blastRadius.resources.every((r) => r.environment === 'staging')).toBe(true);
  });

  it('the same plan with TF_WORKSPACE set in the environment', async () => {
    const dir = await repo(BY_WORKSPACE);
    process.env.TF_WORKSPACE = 'staging';
    try {
      const report = (await check({ cwd: dir, plan: 'staging-create.plan.json' })).report;
      expect(report.actions.every((a) => a.environment === 'staging')).toBe(true);
      expect(report.actions[0].evidence.map((e) => e.message)).toContain('Terraform workspace staging (TF_WORKSPACE)');
    } finally {
      delete process.env.TF_WORKSPACE;
    }
  });

  it("staging's destroy plan deletes staging's objects (their ARNs are in staging's account)", async () => {
    const dir = await repo(BY_ENVIRONMENT);
    const report = await run(dir, { plan: 'staging-destroy.plan.json', workspace: 'staging' });
    expect(arns(report).every((arn) => !arn.includes('012345678901'))).toBe(true);
    expect(report.actions.every((a) => a.environment === 'staging')).toBe(true);
  });

  it('states keyed by environment: a prod workspace plan replacing the database is production and blocked', async () => {
    const dir = await repo(BY_ENVIRONMENT);
    const report = await run(dir, { plan: 'prod-replace-db.plan.json', workspace: 'prod' });
    expect(report.verdict).toBe('block');
    expect(report.actions.find((a) => a.target.id === 'aws_db_instance.main')?.environment).toBe('production');
  });

  it('the plan places itself by its provider configuration even without a workspace (assume_role account)', async () => {
    const dir = await repo(BY_ENVIRONMENT);
    const report = await run(dir, { plan: 'staging-create.plan.json' });
    expect(report.actions.every((a) => a.environment === 'staging' && !a.environmentAssumed)).toBe(true);
  });

  it('an unkeyed state list still works as before for its own workspace', async () => {
    const dir = await repo(UNKEYED);
    const report = await run(dir, { commands: ['terraform workspace select prod && terraform destroy'] });
    expect(ids(report)).toEqual(['aws_db_instance.main', 'aws_s3_bucket.assets', 'aws_sqs_queue.jobs']);
  });
});

describe('--environment NAME', () => {
  it('places a plan with no other hint', async () => {
    const dir = await repo(BY_WORKSPACE);
    const plan = join(LOCAL, 'real', 'terraform-1.11.4', 'drift-replace.plan.json');
    const report = await run(dir, { plan, environment: 'staging' });
    expect(report.actions.every((a) => a.environment === 'staging')).toBe(true);
  });

  it('cannot talk a production account into staging: the account wins, and the evidence says why', async () => {
    const dir = await repo(BY_ENVIRONMENT);
    const report = await run(dir, { plan: 'prod-replace-db.plan.json', environment: 'staging' });
    const db = report.actions.find((a) => a.target.id === 'aws_db_instance.main')!;
    expect(db.environment).toBe('production');
    expect(db.evidence.map((e) => e.message).join('\n')).toMatch(/named as staging, but the account places it in production environment production/);
    expect(report.verdict).toBe('block');
  });

  it('is bad input when firebreak.yaml has no such environment', async () => {
    const dir = await repo(BY_WORKSPACE);
    await expect(run(dir, { plan: 'staging-create.plan.json', environment: 'stagign' })).rejects.toThrow(/--environment stagign: no such environment.*known: prod, staging/);
  });
});
