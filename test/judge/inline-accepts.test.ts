// Inline accepts in .tf files, scripts and template Metadata, judged through the whole pipeline on
// real files (a real Terraform 1.11 plan), and in `firebreak ci` on a real git repository: only
// accepts the base revision already had apply; those the change adds are proposed.
import { describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsInScript, acceptsInTerraform } from '../../src/judge/inline-accepts.js';
import { globMatch } from '../../src/config/glob.js';
import { check } from '../../src/pipeline.js';
import { runCi } from '../../src/ci/gate.js';
import { TempRepo } from '../ci/helpers.js';
import { LOCAL } from '../terraform/helpers.js';

const REAL = join(LOCAL, 'real');
const NOW = new Date('2026-12-05T12:00:00Z');
const QUEUE_ACCEPT = '# firebreak:accept production-delete reason="the queue moves to the events stack" expires=2027-06-30 owner=@payments';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'firebreak-accept-'));
}

describe('parsing inline accepts', () => {
  it('a comment before a resource block names every id Terraform gives that resource', () => {
    const { accepts, problems } = acceptsInTerraform(`${QUEUE_ACCEPT}\nresource "aws_sqs_queue" "jobs" {\n  name = "x"\n}\n`, 'main.tf');
    expect(problems).toEqual([]);
    expect(accepts).toHaveLength(1);
    expect(accepts[0]).toMatchObject({ rule: 'production-delete', owner: '@payments', reason: 'the queue moves to the events stack', expires: '2027-06-30', source: { kind: 'inline', file: 'main.tf', line: 1 } });
    for (const id of ['aws_sqs_queue.jobs', 'aws_sqs_queue.jobs[0]', 'module.app.aws_sqs_queue.jobs["a"]', 'staging/aws_sqs_queue.jobs']) {
      expect(globMatch(accepts[0].target, id), id).toBe(true);
    }
    for (const id of ['aws_sqs_queue.jobs2', 'aws_sqs_queue.other', 'xaws_sqs_queue.jobs']) expect(globMatch(accepts[0].target, id), id).toBe(false);
  });

  it('a comment inside the block counts; one far from any block is reported and ignored', () => {
    const inside = acceptsInTerraform(`resource "aws_sqs_queue" "jobs" {\n  ${QUEUE_ACCEPT}\n  name = "x"\n}\n`, 'a.tf');
    expect(inside.accepts).toHaveLength(1);
    const loose = acceptsInTerraform(`${QUEUE_ACCEPT}\n\nlocals { x = 1 }\n`, 'b.tf');
    expect(loose.accepts).toEqual([]);
    expect(loose.problems[0].message).toMatch(/not before or inside a resource block/);
  });

  it('an accept without a reason or expiry, or with a bad date, is ignored with a warning', () => {
    const { accepts, problems } = acceptsInScript(
      ['# firebreak:accept production-delete expires=2027-01-01', 'aws sns delete-topic --topic-arn a', '# firebreak:accept production-delete reason=x', 'ls', '# firebreak:accept production-delete reason=x expires=soon', 'ls'].join('\n'),
      'run.sh',
    );
    expect(accepts).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/run\.sh:1: .*needs reason/), expect.stringMatching(/run\.sh:3: .*needs expires/), expect.stringMatching(/run\.sh:5: expires/)]);
  });

  it('a script accept covers the command on its line or the next command line only', () => {
    const { accepts } = acceptsInScript(['set -e', QUEUE_ACCEPT, '', 'aws sqs delete-queue --queue-url u', 'aws sqs delete-queue --queue-url v  ' + QUEUE_ACCEPT].join('\n'), 'run.sh');
    expect(accepts.map((a) => a.scope?.lines)).toEqual([
      [2, 4],
      [5, 5],
    ]);
  });
});

describe('check: accepts in the files given', () => {
  it('a .tf accept beside the plan accepts the escalation it names, and nothing else', async () => {
    const dir = await tempDir();
    await copyFile(join(REAL, 'terraform-1.11.4', 'staging-destroy.plan.json'), join(dir, 'plan.json'));
    const main = await readFile(join(REAL, 'configs', 'workspaces', 'main.tf'), 'utf8');
    await writeFile(join(dir, 'main.tf'), main.replace('resource "aws_sqs_queue" "jobs" {', `${QUEUE_ACCEPT}\nresource "aws_sqs_queue" "jobs" {`));
    const { report } = await check({ plan: join(dir, 'plan.json'), cwd: dir, implicitConfig: false, now: NOW });
    expect(report.accepted.map((a) => [a.rule, a.resource])).toEqual([['production-delete', 'aws_sqs_queue.jobs']]);
    expect(report.accepted[0].exception.source).toMatchObject({ kind: 'inline', line: 25 });
    // The database's and the bucket's findings, and the queue's blocks, still stand.
    expect(report.verdict).toBe('block');
    expect(report.reasons.some((r) => r.rule === 'production-delete' && r.resource === 'aws_sqs_queue.jobs')).toBe(false);
    expect(report.reasons.some((r) => r.rule === 'production-delete' && r.resource === 'aws_db_instance.main')).toBe(true);
  });

  it('an inline accept of a block does not apply and the reason says only an owned exception can', async () => {
    const dir = await tempDir();
    await copyFile(join(REAL, 'terraform-1.11.4', 'staging-destroy.plan.json'), join(dir, 'plan.json'));
    const main = await readFile(join(REAL, 'configs', 'workspaces', 'main.tf'), 'utf8');
    await writeFile(join(dir, 'main.tf'), main.replace('resource "aws_db_instance" "main" {', '# firebreak:accept production-data-loss reason="old db" expires=2027-06-30\nresource "aws_db_instance" "main" {'));
    const { report } = await check({ plan: join(dir, 'plan.json'), cwd: dir, implicitConfig: false, now: NOW });
    const reason = report.reasons.find((r) => r.rule === 'production-data-loss' && r.resource === 'aws_db_instance.main');
    expect(reason?.decision).toBe('block');
    expect(reason?.message).toMatch(/a block can be accepted only by an owned exception in the policy/);
    expect(report.accepted).toEqual([]);
  });

  it('a script accept applies to its line; the same command elsewhere in the script still escalates', async () => {
    const dir = await tempDir();
    const script = [
      '#!/bin/sh',
      '# firebreak:accept production-delete reason="topic replaced by alerts-v2" expires=2027-03-01 owner=@sre',
      'aws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:alerts',
      'aws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:billing',
    ].join('\n');
    await writeFile(join(dir, 'cleanup.sh'), script);
    await writeFile(join(dir, 'firebreak.yaml'), 'version: 1\nenvironments:\n  prod:\n    production: true\n    match: {profiles: [prod]}\n');
    const { report } = await check({ files: ['cleanup.sh'], cwd: dir, now: NOW });
    expect(report.accepted.map((a) => a.resource)).toEqual([expect.stringContaining('alerts')]);
    expect(report.reasons.filter((r) => r.rule === 'production-delete').map((r) => r.resource)).toEqual([expect.stringContaining('billing')]);
    expect(report.verdict).toBe('escalate');
  });

  it('the same accept in --command text is never read (the agent wrote it)', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'firebreak.yaml'), 'version: 1\nenvironments:\n  prod:\n    production: true\n    match: {profiles: [prod]}\n');
    const { report } = await check({
      commands: ['aws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:alerts # firebreak:accept production-delete reason=x expires=2027-01-01'],
      cwd: dir,
      now: NOW,
    });
    expect(report.accepted).toEqual([]);
    expect(report.verdict).toBe('escalate');
  });

  it('a template resource Metadata accept applies to that resource', async () => {
    const dir = await tempDir();
    const before = 'Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: alerts\n';
    const after =
      'Resources:\n  Alerts:\n    Type: AWS::SNS::Topic\n    Metadata:\n      firebreak:\n        accept:\n          - rule: production-delete\n            reason: renamed on purpose\n            expires: "2027-02-01"\n            owner: "@sre"\n    Properties:\n      TopicName: alerts-v2\n';
    await writeFile(join(dir, 'before.yaml'), before);
    await writeFile(join(dir, 'after.yaml'), after);
    const { report } = await check({ templateBefore: 'before.yaml', templateAfter: 'after.yaml', stackName: 'app', cwd: dir, implicitConfig: false, now: NOW });
    const replaced = report.actions.find((a) => a.target.id === 'app/Alerts');
    expect(replaced?.operation).toBe('replace');
    expect(report.accepted.map((a) => [a.rule, a.resource])).toEqual([['production-delete', 'app/Alerts']]);
  });
});

describe('ci: a change cannot accept its own risk', () => {
  const script = (accept: string) => `#!/bin/sh\nset -e\n${accept}\naws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:alerts\n`;
  const ACCEPT = '# firebreak:accept production-delete reason="retired topic" expires=2027-06-30 owner=@sre';
  const config = 'version: 1\nenvironments:\n  prod:\n    production: true\n    match: {profiles: [prod]}\n';

  it('an accept added by the pull request is proposed, not applied: the escalation stands', async () => {
    const repo = new TempRepo();
    const base = repo.commit('base', { 'firebreak.yaml': config, 'README.md': 'x\n' });
    repo.commit('add cleanup', { 'scripts/cleanup.sh': script(ACCEPT) });
    const result = await runCi({ cwd: repo.dir, base, head: 'HEAD', failOn: 'escalate', config: join(repo.dir, 'firebreak.yaml'), now: NOW, noFetch: true });
    expect(result.report.verdict).toBe('escalate');
    expect(result.report.accepted).toEqual([]);
    expect(result.report.proposedAccepts?.map((a) => [a.rule, a.source.file])).toEqual([['production-delete', 'scripts/cleanup.sh']]);
  });

  it('an accept the base already had applies to a change that touches the accepted line', async () => {
    const repo = new TempRepo();
    const base = repo.commit('base', { 'firebreak.yaml': config, 'scripts/cleanup.sh': script(ACCEPT).replace('alerts\n', 'alerts-old\n') });
    repo.commit('point at the new topic', { 'scripts/cleanup.sh': script(ACCEPT) });
    const result = await runCi({ cwd: repo.dir, base, head: 'HEAD', failOn: 'escalate', config: join(repo.dir, 'firebreak.yaml'), now: NOW, noFetch: true });
    expect(result.report.accepted.map((a) => a.rule)).toEqual(['production-delete']);
    expect(result.report.verdict).toBe('pass');
    expect(result.report.proposedAccepts ?? []).toEqual([]);
  });

  it('an accept whose reason the pull request rewrites is a new accept: proposed', async () => {
    const repo = new TempRepo();
    const base = repo.commit('base', { 'firebreak.yaml': config, 'scripts/cleanup.sh': script(ACCEPT).replace('alerts\n', 'alerts-old\n') });
    repo.commit('change', { 'scripts/cleanup.sh': script(ACCEPT.replace('retired topic', 'whatever')) });
    const result = await runCi({ cwd: repo.dir, base, head: 'HEAD', failOn: 'escalate', config: join(repo.dir, 'firebreak.yaml'), now: NOW, noFetch: true });
    expect(result.report.verdict).toBe('escalate');
    expect(result.report.proposedAccepts).toHaveLength(1);
  });
});

describe('firebreak baseline: adopting Firebreak in an existing repository', () => {
  it('writes today\'s escalations; with the baseline named in the policy they pass, new findings do not, blocks never', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = promisify(execFile);
    const bin = join(LOCAL, '..', '..', '..', 'bin', 'firebreak.js');
    const dir = await tempDir();
    await writeFile(join(dir, 'firebreak.yaml'), 'version: 1\nenvironments:\n  prod:\n    production: true\n    match: {profiles: [prod]}\npolicy: policy.yaml\n');
    await writeFile(join(dir, 'policy.yaml'), 'version: 1\nextends: default\n');
    const existing = ['aws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:alerts', 'aws --profile prod dynamodb delete-table --table-name orders'];
    const args = (commands: string[]) => commands.flatMap((c) => ['--command', c]);
    const written = await run('node', [bin, 'baseline', ...args(existing), '--owner', '@platform', '--expires', '2027-03-31', '--now', '2026-12-05T00:00:00Z'], { cwd: dir }).catch((e) => e);
    expect(written.code).toBe(2); // the table delete is a block: it is not baselined
    expect(written.stderr).toMatch(/block\(s\) were not baselined/);
    const baseline = JSON.parse(await readFile(join(dir, 'firebreak-baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({ version: 1, owner: '@platform', expires: '2027-03-31' });
    expect(baseline.entries.some((e: { rule: string }) => e.rule === 'production-delete')).toBe(true);

    await writeFile(join(dir, 'policy.yaml'), 'version: 1\nextends: default\nbaseline: firebreak-baseline.json\n');
    const topic = await check({ commands: [existing[0]], cwd: dir, now: NOW });
    expect(topic.report.verdict).toBe('pass');
    expect(topic.report.accepted.every((a) => a.exception.source.kind === 'baseline')).toBe(true);
    const other = await check({ commands: ['aws --profile prod sns delete-topic --topic-arn arn:aws:sns:eu-west-1:012345678901:billing'], cwd: dir, now: NOW });
    expect(other.report.verdict).toBe('escalate');
    const table = await check({ commands: [existing[1]], cwd: dir, now: NOW });
    expect(table.report.verdict).toBe('block');
    const later = await check({ commands: [existing[0]], cwd: dir, now: new Date('2027-04-01T00:00:00Z') });
    expect(later.report.verdict).toBe('escalate');
    expect(later.report.warnings.join('\n')).toMatch(/baseline entry.*expired on 2027-03-31/);
  });
});
