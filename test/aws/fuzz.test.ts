import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAwsApiCalls } from '../../src/intake/aws/api-calls.js';
import { awsCliToActions } from '../../src/intake/aws/cli.js';
import { InputError } from '../../src/errors.js';
import type { PlannedAction } from '../../src/intake/types.js';

const DESTRUCTIVE = [
  'aws ec2 terminate-instances --instance-ids i-1 i-2',
  'aws s3 rm s3://bucket --recursive',
  'aws s3 rb s3://bucket --force',
  'aws iam delete-user --user-name x',
  'aws rds delete-db-instance --db-instance-identifier db --skip-final-snapshot',
  'aws cloudformation delete-stack --stack-name prod',
];

/** Ok if every action is well formed; InputError is an accepted answer; anything else fails. */
async function resultOrInputError(run: () => Promise<PlannedAction[]>): Promise<PlannedAction[] | 'input-error'> {
  try {
    const actions = await run();
    for (const a of actions) {
      expect(['read', 'create', 'update', 'replace', 'delete', 'permissions', 'unknown']).toContain(a.operation);
      expect(typeof a.target.type).toBe('string');
      expect(typeof a.target.id).toBe('string');
      expect(a.tool).toBe('aws');
    }
    return actions;
  } catch (e) {
    if (e instanceof InputError) return 'input-error';
    throw e;
  }
}

const token = fc.oneof(
  fc.constantFrom('--profile', '--region', 'ec2', 's3', 'rm', 'rb', 'cp', 'mv', 'sync', 'iam', '--recursive', '--force', '--delete', 's3://b/k', 's3://', '--cli-input-json', 'file://x', '{"A":1}', '--', '-', '--=', '--x=', 'help', 'wait', 'terminate-instances', '--instance-ids', 'i-1', '--dry-run', 'configure'),
  fc.string(),
);

describe('fuzz', () => {
  it('subcommands that are names of every JavaScript object are unknown, not a crash', async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const service of ['s3', 'ec2', 'iam']) {
        const actions = await resultOrInputError(() => awsCliToActions(['aws', service, name, 's3://b'], { kind: 'shell' }, {}));
        if (actions !== 'input-error') expect(actions.every((a) => a.operation === 'unknown'), `aws ${service} ${name}`).toBe(true);
      }
    }
  });

  it('random aws argv: actions or InputError, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 12 }), async (tokens) => {
        await resultOrInputError(() => awsCliToActions(['aws', ...tokens], { kind: 'shell' }, {}));
      }),
      { numRuns: 400 },
    );
  });

  it('truncated destructive commands never come out as a silent read', async () => {
    for (const command of DESTRUCTIVE) {
      const words = command.split(' ');
      // Keep service + operation (and for s3 the path): cutting later flags must not turn it into a read.
      const minimum = words[1] === 's3' ? 4 : 3;
      for (let n = minimum; n <= words.length; n++) {
        const out = await resultOrInputError(() => awsCliToActions(words.slice(0, n), { kind: 'shell' }, {}));
        if (out === 'input-error') continue;
        expect(out.length).toBeGreaterThan(0);
        expect(out.every((a) => a.operation !== 'read'), words.slice(0, n).join(' ')).toBe(true);
      }
    }
  });

  it('random / truncated API call files: IntakeResult or InputError', async () => {
    const valid = JSON.stringify({ calls: [{ service: 'ec2', operation: 'TerminateInstances', parameters: { InstanceIds: ['i-1'] } }, { service: 's3', operation: 'DeleteBucket', parameters: { Bucket: 'b' } }] });
    const texts = fc.oneof(
      fc.string(),
      fc.json(),
      fc.nat({ max: valid.length }).map((n) => valid.slice(0, n)),
      fc.anything().map((v) => JSON.stringify({ calls: [v] }) ?? ''),
      fc.record({ service: fc.string(), operation: fc.string(), parameters: fc.dictionary(fc.string(), fc.jsonValue()) }).map((c) => JSON.stringify([c])),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        try {
          const result = await readAwsApiCalls(text, 'fuzz.json');
          for (const a of result.actions) expect(a.source.kind).toBe('aws-api-calls');
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          expect(e.file).toBe('fuzz.json');
        }
      }),
      { numRuns: 400 },
    );
  });
});
