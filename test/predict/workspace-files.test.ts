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

  it('passes a delete of a path nothing is at, when nothing earlier in the line could make it', async () => {
    for (const command of ['rm -rf site', 'rm -f restic rclone*', 'set -e; rm -rf coverage.xml', 'find ./ui/dist -type f -not -name .gitkeep -delete']) {
      const { verdict, action } = await verdictOf(command);
      expect(verdict, command).toBe('pass');
      expect(action.evidence.map((e) => e.message).join(' '), command).toMatch(/nothing is at/);
    }
  });

  it('does not trust an absent path once the line may have made it, or in nested text', async () => {
    for (const command of ['mv drafts site && rm -rf site', 'cp -r drafts x; rm -rf x', 'bash -c "mv drafts y; rm -rf y"', 'docker exec db rm -rf pgdata', 'ssh host rm -rf gone']) {
      expect((await verdictOf(command)).verdict, command).not.toBe('pass');
    }
  });

  it('passes a compiled program git ignores (the build made it) but not an ignored script or secret', async () => {
    await writeFile(join(repo, '.gitignore'), 'restic\nhelper\n.env\n');
    git('add', '.gitignore');
    git('commit', '-qm', 'ignore');
    await writeFile(join(repo, 'restic'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]));
    await writeFile(join(repo, 'helper'), '#!/bin/sh\necho hand-written\n');
    await writeFile(join(repo, '.env'), 'TOKEN=x\n');
    expect((await verdictOf('rm -f restic')).verdict).toBe('pass');
    expect((await verdictOf('rm -f helper')).verdict).toBe('escalate');
    expect((await verdictOf('rm -f .env')).verdict).toBe('escalate');
  });

  it('still blocks the home directory', async () => {
    expect((await verdictOf('rm -rf ~/')).verdict).toBe('block');
  });
});
