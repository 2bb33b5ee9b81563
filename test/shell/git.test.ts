import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actions, evidenceText, parseShellCommand } from './helpers.js';

const repos: string[] = [];
afterAll(() => repos.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A real repository with one commit; `dirty` files are changed after it, `untracked` are new. */
function repo(opts: { dirty?: string[]; untracked?: string[]; ignored?: string[]; stash?: boolean; branches?: string[]; tags?: string[] } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-git-'));
  repos.push(dir);
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'one\n');
  writeFileSync(join(dir, 'b.txt'), 'two\n');
  writeFileSync(join(dir, '.gitignore'), '.env\n');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  for (const b of opts.branches ?? []) git('branch', b);
  for (const t of opts.tags ?? []) git('tag', t);
  if (opts.stash) {
    writeFileSync(join(dir, 'a.txt'), 'stashed\n');
    git('stash');
  }
  for (const f of opts.dirty ?? []) writeFileSync(join(dir, f), 'changed\n');
  for (const f of [...(opts.untracked ?? []), ...(opts.ignored ?? [])]) writeFileSync(join(dir, f), 'new\n');
  return dir;
}

const inRepo = (command: string, dir: string) => parseShellCommand(command, {}, { cwd: dir });

describe('git, without a workspace to inspect', () => {
  it.each([
    ['git push --force origin main', 'update', 'git:ref', 'origin/main', 'irreversible'],
    ['git push -f', 'update', 'git:ref', 'origin/(current branch)', 'irreversible'],
    ['git push origin +main', 'update', 'git:ref', 'origin/main', 'irreversible'],
    ['git push --force-with-lease origin main', 'update', 'git:ref', 'origin/main', 'recoverable'],
    ['git push origin +release/1.2', 'update', 'git:ref', 'origin/release/1.2', 'irreversible'],
    ['git push --delete origin old-branch', 'delete', 'git:ref', 'origin/old-branch', 'recoverable'],
    ['git push origin :old-branch', 'delete', 'git:ref', 'origin/old-branch', 'recoverable'],
    ['git push --prune origin', 'delete', 'git:ref', 'origin/*', 'recoverable'],
    ['git reset --hard origin/main', 'delete', 'git:worktree', '.', 'irreversible'],
    ['git clean -fdx', 'delete', 'git:worktree', '.', 'irreversible'],
    ['git branch -D feature/x', 'delete', 'git:ref', 'feature/x', 'recoverable'],
    ['git checkout -- .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git checkout .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git checkout -f main', 'update', 'git:worktree', '.', 'irreversible'],
    ['git switch --discard-changes main', 'update', 'git:worktree', '.', 'irreversible'],
    ['git restore .', 'update', 'git:worktree', '.', 'irreversible'],
    ['git stash clear', 'delete', 'git:stash', '(all stashes)', 'recoverable'],
    ['git stash drop', 'delete', 'git:stash', 'stash@{0}', 'recoverable'],
    ['git update-ref -d refs/heads/main', 'delete', 'git:ref', 'refs/heads/main', 'recoverable'],
    ['git reflog expire --expire=now --all', 'delete', 'git:reflog', '(all refs)', 'irreversible'],
    ['git gc --prune=now', 'delete', 'git:objects', '(unreachable objects)', 'irreversible'],
    ['git prune', 'delete', 'git:objects', '(unreachable objects)', 'irreversible'],
    ['git -C repo push --mirror backup', 'update', 'git:ref', 'backup/*', 'irreversible'],
    ['git filter-repo --path secrets --invert-paths', 'update', 'git:ref', '(all refs)', 'recoverable'],
    ['git push --tags', 'update', 'git:tag', 'origin/tags', 'recoverable'],
    ['git push origin v1.2.3', 'update', 'git:tag', 'origin/v1.2.3', 'recoverable'],
    ['git push origin refs/tags/release-7', 'update', 'git:tag', 'origin/refs/tags/release-7', 'recoverable'],
    ['git push --follow-tags origin main', 'update', 'git:tag', 'origin/tags', 'recoverable'],
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
    'git clean -fdxn', 'git branch -d merged', 'git reset --soft HEAD~1', 'git restore --staged file.ts', 'git checkout main', 'git checkout -b new', 'git stash',
    'git pull --rebase', 'git push origin feature/x', 'git push --force origin feature/x', 'git push --force-with-lease origin fix-typo', 'git push -n --force origin main',
    'git gc', 'git gc --aggressive', 'git reflog', 'git reflog show', 'git push --help', 'git reset --hard --help', 'git verify-tag v1.0.0'])('%s: no action', async (cmd) => {
    expect(await actions(cmd)).toEqual([]);
  });

  it('unknown git subcommands are unknown', async () => {
    expect((await actions('git frobnicate'))[0].operation).toBe('unknown');
  });
});

describe('git by what it loses, read from the real repository', () => {
  it.each(['git reset --hard', 'git reset --hard HEAD~0', 'git checkout -- .', 'git checkout -f main', 'git switch --discard-changes main', 'git restore .', 'git checkout -- a.txt'])(
    '%s in a clean repository loses nothing: no action', async (cmd) => {
      expect(await inRepo(cmd, repo())).toEqual([]);
    });

  it.each(['git reset --hard', 'git checkout -- .', 'git checkout -f main', 'git switch --discard-changes main', 'git restore .', 'git restore a.txt'])(
    '%s with uncommitted changes is irreversible and names the files', async (cmd) => {
      const [a] = await inRepo(cmd, repo({ dirty: ['a.txt'] }));
      expect(a.intrinsic?.reversibility).toBe('irreversible');
      expect(evidenceText(a)).toMatch(/a\.txt/);
      expect(a.details?.files).toEqual(['a.txt']);
    });

  it('restoring an unchanged file while another is dirty loses nothing', async () => {
    expect(await inRepo('git restore b.txt', repo({ dirty: ['a.txt'] }))).toEqual([]);
  });

  it('git clean asks git what it would delete: nothing untracked, no action', async () => {
    expect(await inRepo('git clean -fd', repo())).toEqual([]);
  });

  it('git clean -fd with untracked files lists them; -x also the ignored .env', async () => {
    const dir = repo({ untracked: ['notes.txt'], ignored: ['.env'] });
    const [fd] = await inRepo('git clean -fd', dir);
    expect(fd.details?.files).toEqual(['notes.txt']);
    const [fdx] = await inRepo('git clean -fdx', dir);
    expect(fdx.details?.files).toEqual(expect.arrayContaining(['.env', 'notes.txt']));
    expect(fdx.intrinsic?.reversibility).toBe('irreversible');
  });

  it('git branch -D of a branch whose commits another ref holds loses nothing', async () => {
    expect(await inRepo('git branch -D topic', repo({ branches: ['topic'] }))).toEqual([]);
  });

  it('git stash drop with no stash loses nothing; with one it is a delete', async () => {
    expect(await inRepo('git stash drop', repo())).toEqual([]);
    expect((await inRepo('git stash drop', repo({ stash: true })))[0]).toMatchObject({ operation: 'delete', target: { type: 'git:stash' } });
  });

  it('a tag is recognised by the repository refs, whatever its name', async () => {
    const [a] = await inRepo('git push origin nightly', repo({ tags: ['nightly'] }));
    expect(a).toMatchObject({ target: { type: 'git:tag', id: 'origin/nightly' }, details: { publishes: true } });
  });

  it('a plain push of the current shared branch with --force is read from HEAD', async () => {
    const [a] = await inRepo('git push --force', repo());
    expect(a).toMatchObject({ target: { id: 'origin/main' } });
  });

  it('cd elsewhere first: the repository is the one cd leads to', async () => {
    const dir = repo({ dirty: ['a.txt'] });
    expect(await inRepo(`cd ${dir} && git reset --hard`, repo())).toHaveLength(1);
  });
});
