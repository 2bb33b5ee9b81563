// A program run by a path where nothing is: judged by its name when nothing earlier in the line can put
// a file there (the hook's moment), never in a CI workflow step, whose earlier steps are not seen.
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { scriptIntake } from '../../src/ci/scripts.js';
import { committedWorkspace } from './committed-workspace.js';
import { evidenceText } from './helpers.js';

const dir = committedWorkspace('absent', { '.gitignore': 'bin/\n', 'evil.sh': '#!/bin/sh\nrm -rf /srv/data\n' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const judge = (command: string) => parseShellCommand(command, {}, { cwd: dir });
const summary = async (command: string) => (await judge(command)).map((a) => `${a.operation} ${a.target.type} ${a.target.id}`);

describe('a program that is not there when the command is judged', () => {
  it('is judged by its name: a tool by its model, an unmodelled name by its arguments', async () => {
    expect(await summary('./bin/hugo server --bind=0.0.0.0')).toEqual([]);
    expect(await summary('node node_modules/typescript/bin/tsc -p .')).toEqual([]);
    const [bucket] = await judge('./bin/aws s3 rb s3://prod-assets --force');
    expect(bucket).toMatchObject({ operation: 'delete', target: { type: 'AWS::S3::Bucket', id: 'prod-assets' } });
    expect(evidenceText(bucket)).toMatch(/\.\/bin\/aws does not exist, and nothing earlier in this command puts it there/);
    expect((await judge('./bin/tool delete --all')).map((a) => a.operation)).toEqual(['unknown']);
  });

  it('is what the line puts there when an earlier part of the line may write it', async () => {
    expect(await summary('cp evil.sh bin/tool; ./bin/tool')).toEqual(['delete fs:path /srv/data']);
    for (const line of ['make tools && ./bin/tool', 'tar -xzf tools.tgz && ./bin/tool', 'git stash pop && ./bin/tool']) {
      expect((await judge(line)).map((a) => a.operation), line).toContain('unknown');
    }
  });

  it('is unknown outside the workspace, where the hook may not see what the shell sees', async () => {
    expect((await judge('/tmp/firebreak-absent-program-test/tool --version')).map((a) => a.operation)).toEqual(['unknown']);
  });

  it('is unknown in a CI workflow step: an earlier step builds or downloads it', async () => {
    const text = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./bin/tool --version\n';
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const result = await scriptIntake({ path: '.github/workflows/t.yml', kind: 'workflow', text });
      expect(result.actions.map((a) => a.operation)).toEqual(['unknown']);
    } finally {
      process.chdir(cwd);
    }
  });
});
