// A CI workflow step runs after steps that are not judged with it: nothing it touches may be taken as
// not there yet (the hook's first-to-touch rule holds only for the whole command the agent runs).
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { scriptIntake } from '../../src/ci/scripts.js';
import { committedWorkspace } from '../shell/committed-workspace.js';

const dir = committedWorkspace('unseen-steps', { 'README.md': '# app\n' });
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const workflow = (run: string) => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;

async function inWorkflow(run: string) {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return (await scriptIntake({ path: '.github/workflows/t.yml', kind: 'workflow', text: workflow(run) })).actions;
  } finally {
    process.chdir(cwd);
  }
}

describe('a workflow step is judged as coming after steps nobody saw', () => {
  it('git stash drop with no stash now: nothing for the agent, a stash an earlier step made for the workflow', async () => {
    expect(await parseShellCommand('git stash drop', {}, { cwd: dir })).toEqual([]);
    expect((await inWorkflow('git stash drop')).map((a) => a.operation)).toEqual(['delete']);
  });

  it('a program an earlier step builds is unknown in the workflow as for the agent', async () => {
    expect((await inWorkflow('./bin/tool --version')).map((a) => a.operation)).toEqual(['unknown']);
  });
});
