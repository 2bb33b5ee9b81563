import { describe, expect, it } from 'vitest';
import { actions, evidenceText } from './helpers.js';

describe('git', () => {
  it.each([
    ['git push --force origin main', 'update', 'git:ref', 'origin/main', 'irreversible'],
    ['git push -f', 'update', 'git:ref', 'origin/(current branch)', 'irreversible'],
    ['git push origin +main', 'update', 'git:ref', 'origin/main', 'irreversible'],
    ['git push --force-with-lease origin feature', 'update', 'git:ref', 'origin/feature', 'recoverable'],
    ['git push --delete origin old-branch', 'delete', 'git:ref', 'origin/old-branch', 'recoverable'],
    ['git push origin :old-branch', 'delete', 'git:ref', 'origin/old-branch', 'recoverable'],
    ['git reset --hard origin/main', 'delete', 'git:worktree', '.', 'irreversible'],
    ['git clean -fdx', 'delete', 'git:worktree', '.', 'irreversible'],
    ['git branch -D feature/x', 'delete', 'git:ref', 'feature/x', 'recoverable'],
    ['git checkout -- .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git checkout .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git restore .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git stash clear', 'delete', 'git:stash', '(all stashes)', 'recoverable'],
    ['git -C repo push --mirror backup', 'update', 'git:ref', 'backup/*', 'irreversible'],
  ])('%s', async (cmd, operation, type, id, reversibility) => {
    const [a] = await actions(cmd);
    expect(a).toMatchObject({ operation, tool: 'git', target: { type, id } });
    expect(a.intrinsic?.reversibility).toBe(reversibility);
    expect(a.evidence.length).toBeGreaterThan(0);
  });

  it('git clean -x names ignored files as evidence', async () => {
    expect(evidenceText((await actions('git clean -fdx'))[0])).toMatch(/ignored files/);
  });

  it.each(['git status', 'git log -p', 'git diff --stat', 'git commit -am "x"', 'git add .', 'git push origin main', 'git push -u origin HEAD', 'git clean -n -d',
    'git branch -d merged', 'git reset --soft HEAD~1', 'git restore --staged file.ts', 'git checkout main', 'git checkout -b new', 'git stash', 'git pull --rebase'])('%s: no action', async (cmd) => {
    expect(await actions(cmd)).toEqual([]);
  });

  it('unknown git subcommands are unknown', async () => {
    expect((await actions('git frobnicate'))[0].operation).toBe('unknown');
  });
});
