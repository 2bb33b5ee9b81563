import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/pipeline.js';

let repo: string;
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore' });

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'firebreak-ws-'));
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'T');
  await mkdir(join(repo, 'docs'));
  await writeFile(join(repo, 'docs/a.md'), 'a');
  await mkdir(join(repo, 'drafts'));
  await writeFile(join(repo, 'drafts/b.md'), 'b');
  git('add', 'docs');
  git('commit', '-qm', 'docs');
  await mkdir(join(repo, 'build'));
});

async function verdictOf(command: string) {
  const { report } = await check({ commands: [command], cwd: repo, implicitConfig: false });
  return { verdict: report.verdict, action: report.actions[0] };
}

describe('deleting files in the working directory', () => {
  it('passes a regenerable build directory, placed in the workspace environment', async () => {
    const { verdict, action } = await verdictOf('rm -rf build');
    expect(verdict).toBe('pass');
    expect(action.environment).toBe('workspace');
    expect(action.reversibility).toBe('recoverable');
  });

  it('passes a directory whose files are all committed and clean in git', async () => {
    const { verdict, action } = await verdictOf('rm -rf docs');
    expect(verdict).toBe('pass');
    expect(action.evidence.map((e) => e.message).join(' ')).toMatch(/git checkout/);
  });

  it('escalates files git does not have', async () => {
    const { verdict, action } = await verdictOf('rm -rf drafts');
    expect(verdict).toBe('escalate');
    expect(action.reversibility).toBe('unknown');
  });

  it('still blocks the home directory', async () => {
    expect((await verdictOf('rm -rf ~/')).verdict).toBe('block');
  });
});
