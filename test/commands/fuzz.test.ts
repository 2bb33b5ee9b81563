import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { unmodelledConcern } from '../../src/intake/shell/unmodelled.js';

const TOOLS = ['gcloud', 'az', 'gh', 'pulumi', 'vault', 'restic', 'rclone', 'heroku', 'doctl', 'kafka-topics', 'frobnicate'];
// Options that take a value are left out: `--project delete` names a project called delete, for the CLI too.
const WORDS = ['logs', 'list', 'get', 'apps', 'secrets', 'prod', 's3:x', '--help', '--dry-run', '--no-dry-run', 'x=1', '"a b"', '--', '-f', 'show'];

describe('fuzz: command paths and the unmodelled rule', () => {
  it('any words, then delete: never a read, never a pass without an action', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TOOLS), fc.array(fc.constantFrom(...WORDS.filter((w) => !['--help', '--dry-run', '--'].includes(w))), { maxLength: 3 }), async (tool, words) => {
        const text = `${tool} ${words.join(' ')} delete target-1`;
        const actions = await parseShellCommand(text);
        expect(actions.some((a) => a.operation !== 'read'), text).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the rule never throws on arbitrary arguments', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 8 }), fc.dictionary(fc.string(), fc.string()), (args, env) => {
        unmodelledConcern('tool', ['tool', ...args], { env });
      }),
      { numRuns: 500 },
    );
  });
});
