// Random, truncated and garbage input: a result or an InputError, never another crash, and a
// destructive command wrapped in random shell syntax is never reported as nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../src/errors.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { AGENT_COMMANDS } from './corpus.js';

async function outcome(command: string): Promise<'ok' | 'input-error'> {
  try {
    const actions = await parseShellCommand(command);
    expect(Array.isArray(actions)).toBe(true);
    for (const a of actions) {
      expect(typeof a.operation).toBe('string');
      expect(a.source.kind).toBe('shell');
      expect(typeof a.target.id).toBe('string');
    }
    return 'ok';
  } catch (e) {
    if (isInputError(e)) return 'input-error';
    throw e;
  }
}

const SHELL_ALPHABET = [...'abcdefrmsh -_./~*?[]{}()<>|&;$`\'"\\#=!\n\t0123456789'];

describe('fuzz', () => {
  it('garbage built from shell metacharacters never crashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...SHELL_ALPHABET), { maxLength: 80 }).map((cs) => cs.join('')), async (s) => {
        await outcome(s);
      }),
      { numRuns: 600 },
    );
  });

  it('arbitrary unicode strings never crash', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (s) => { await outcome(s); }), { numRuns: 300 });
  });

  it('every truncation of realistic commands parses or yields unknown', async () => {
    for (const c of AGENT_COMMANDS) {
      for (let i = 0; i <= c.length; i += 3) await outcome(c.slice(0, i));
    }
  });

  const DANGEROUS = [
    'rm -rf ~/',
    'terraform destroy -auto-approve',
    'kubectl delete ns production',
    'psql -h prod -c "DROP TABLE users"',
    'git push --force origin main',
    'dropdb app',
    'helm uninstall api',
    'frobnicate-prod',
  ];
  const WRAPS: ((c: string) => string)[] = [
    (c) => c,
    (c) => `ls; ${c}`,
    (c) => `true && ${c}`,
    (c) => `false || ${c}`,
    (c) => `( ${c} )`, // `((` would be arithmetic in bash
    (c) => `{ ${c}; }`,
    (c) => `echo x | ${c}`,
    (c) => `sh -c '${c.replace(/'/g, `'\\''`)}'`,
    (c) => `bash -c ${JSON.stringify(c)}`,
    (c) => `echo $( ${c} )`,
    (c) => `echo "$( ${c})"`, // `$((` would be arithmetic in bash
    (c) => `sudo ${c}`,
    (c) => `sudo -u root env A=1 timeout 5 nohup ${c}`,
    (c) => `if true; then ${c}; fi`,
    (c) => `for i in 1; do ${c}; done`,
    (c) => `eval ${JSON.stringify(c)}`,
    (c) => `X=1 ${c} # trailing comment`,
    (c) => `nice -n 1 ${c} &`,
  ];

  it('a destructive command inside random shell syntax is never silently safe', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...DANGEROUS), fc.array(fc.constantFrom(...WRAPS), { maxLength: 4 }), async (cmd, wraps) => {
        const text = wraps.reduce((c, w) => w(c), cmd);
        const actions = await parseShellCommand(text);
        const risky = actions.filter((a) => a.operation !== 'read');
        expect(risky.length, text).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('non-string input is an InputError', async () => {
    await expect(parseShellCommand(42 as unknown as string)).rejects.toSatisfy(isInputError);
  });
});
