import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/judge/evaluate.js';
import { loadPolicy, parsePolicy } from '../../src/judge/policy.js';
import { action, dev, input } from './helpers.js';

const staging = action({ ...dev, operation: 'delete', verb: 'delete-vpc', target: { type: 'AWS::EC2::VPC', id: 'vpc-1' }, reversibility: 'recoverable' });

describe('sandbox criteria in the default policy', () => {
  it('escalates a change whose replayed call failed half way in the twin', () => {
    const sandbox = {
      status: 'ok' as const,
      errors: [{ actionId: 'a1', call: 'aws ec2 delete-vpc --vpc-id vpc-1', code: 'DependencyViolation', message: 'has dependencies', engine: 'localstack' as const }],
    };
    const result = evaluate(input([staging], { sandbox }), loadPolicy());
    expect(result.verdict).toBe('escalate');
    const reason = result.reasons.find((r) => r.rule === 'sandbox-partial-failure');
    expect(reason?.message).toMatch(/DependencyViolation/);
    expect(reason?.message).toMatch(/half way/);
  });

  it('passes the same reversible staging change when the twin replayed it cleanly', () => {
    const result = evaluate(input([staging], { sandbox: { status: 'ok', errors: [] } as never }), loadPolicy());
    expect(result.verdict).toBe('pass');
  });

  it('rejects a sandbox criterion with neither status nor failedCalls', () => {
    const yaml = 'version: 1\ndefault: escalate\nrules:\n  - id: x\n    description: d\n    match: {sandbox: {}}\n    decision: escalate\n';
    expect(() => parsePolicy(yaml, 'p.yaml')).toThrow(/status, failedCalls or unavailable/);
  });
});

describe('a requested sandbox that cannot run is a policy input, never a silent pass', () => {
  const DEV_CONFIG = 'version: 1\nenvironments:\n  dev:\n    production: false\n    match: {profiles: [dev]}\n';
  const command = 'aws --profile dev sqs set-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/333333333333/jobs --attributes VisibilityTimeout=60';

  async function run(sandbox: boolean) {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { check } = await import('../../src/pipeline.js');
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-sandbox-'));
    await writeFile(join(dir, 'firebreak.yaml'), DEV_CONFIG);
    const previous = process.env.FIREBREAK_SANDBOX_ENDPOINT;
    // Port 9 on loopback: nothing answers, so the endpoint provider reports the sandbox unavailable.
    process.env.FIREBREAK_SANDBOX_ENDPOINT = 'http://127.0.0.1:9';
    try {
      return await check({ commands: [command], cwd: dir, ...(sandbox ? { sandbox: { provider: 'endpoint' as const } } : {}) });
    } finally {
      if (previous === undefined) delete process.env.FIREBREAK_SANDBOX_ENDPOINT;
      else process.env.FIREBREAK_SANDBOX_ENDPOINT = previous;
    }
  }

  it('passes the reversible dev change without a sandbox (the routine side)', async () => {
    const { report } = await run(false);
    expect(report.verdict).toBe('pass');
  });

  it('escalates the same change when --sandbox was asked for and no emulator answers, with the fix', async () => {
    const { report, exitCode } = await run(true);
    expect(report.sandbox.status).toBe('unavailable');
    expect(report.verdict).toBe('escalate');
    expect(exitCode).toBe(1);
    const reason = report.reasons.find((r) => r.rule === 'sandbox-unavailable');
    expect(reason?.message).toMatch(/could not run/);
    expect(reason?.message).toMatch(/to fix: .*docker compose up -d|FIREBREAK_SANDBOX_ENDPOINT/);
  });
});
