import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';

const guardActions = async (command: string) =>
  (await parseShellCommand(command)).filter((a) => a.target.type === 'firebreak:guard-file').map((a) => [a.operation, a.target.id]);

describe('writes to the guard\'s own files', () => {
  it.each([
    ['echo "" > firebreak.yaml', 'firebreak.yaml'],
    ['sed -i s/block/pass/ policies/default.yaml', 'policies/default.yaml'],
    ['cp /tmp/lenient.yaml firebreak.yaml', 'firebreak.yaml'],
    ['rm .firebreak/audit.jsonl', '.firebreak/audit.jsonl'],
    ['cat /tmp/x >> .claude/settings.json', '.claude/settings.json'],
    ['jq ".hooks={}" .claude/settings.json | sponge .claude/settings.json', '.claude/settings.json'],
  ])('%s is a permissions change on %s', async (command, path) => {
    expect(await guardActions(command)).toContainEqual(['permissions', path]);
  });

  it.each(['cat firebreak.yaml', 'grep -n freeze firebreak.yaml', 'git diff firebreak.yaml', 'less .firebreak/audit.jsonl', 'ls policies/default.yaml'])(
    '%s only reads: no guard action',
    async (command) => {
      expect(await guardActions(command)).toEqual([]);
    },
  );
});
