// git rolling the hook registration back from another revision: merges, cherry-picks, rebases,
// stashes and read-tree bring in what other commits hold. Real repositories with real branches;
// a branch that loosens `.claude/settings.json` (made with plumbing, so no working-tree write was
// ever judged) must stop, the same commands on branches that leave the guard alone must pass.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';

const HOOKED = '{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"firebreak hook --agent claude-code"}]}]}}\n';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-C', cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] }).trim();

/** main: README + hooked settings. `evil`: a commit that empties the settings, made with plumbing.
 *  `feature`: a commit that changes only src/app.ts. A stash holding src/app.ts, another the settings. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-rollback-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.claude'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'README.md'), '# x\n');
  writeFileSync(join(dir, 'src/app.ts'), 'export const a = 1;\n');
  writeFileSync(join(dir, '.claude/settings.json'), HOOKED);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'initial');
  // evil: plumbing only, the working tree never sees the loosened file.
  const blob = execFileSync('git', ['-C', dir, 'hash-object', '-w', '--stdin'], { input: '{}\n', encoding: 'utf8' }).trim();
  const index = join(dir, '.git', 'evil-index');
  const env = { ...process.env, GIT_INDEX_FILE: index };
  execFileSync('git', ['-C', dir, 'read-tree', 'HEAD'], { env });
  execFileSync('git', ['-C', dir, 'update-index', '--cacheinfo', `100644,${blob},.claude/settings.json`], { env });
  const tree = execFileSync('git', ['-C', dir, 'write-tree'], { env, encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['-C', dir, '-c', 'user.email=t@e', '-c', 'user.name=t', 'commit-tree', tree, '-p', 'HEAD', '-m', 'tidy'], { encoding: 'utf8' }).trim();
  git(dir, 'branch', 'evil', commit);
  git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(dir, 'src/app.ts'), 'export const a = 2;\n');
  git(dir, 'commit', '-q', '-am', 'feature');
  git(dir, 'checkout', '-q', 'main');
  // Two stashes: stash@{1} holds the settings change, stash@{0} only src/app.ts.
  writeFileSync(join(dir, '.claude/settings.json'), '{}\n');
  git(dir, 'stash', 'push', '-q', '--', '.claude/settings.json');
  writeFileSync(join(dir, 'src/app.ts'), 'export const a = 3;\n');
  git(dir, 'stash', 'push', '-q', '--', 'src/app.ts');
  return dir;
}

const verdict = async (cwd: string, command: string) =>
  (await check({ commands: [command], cwd, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') })).report;

describe('git bringing in other revisions', () => {
  const dir = repository();
  const hostile = [
    'git merge evil',
    'git merge --no-edit evil',
    'git merge -m tidy evil',
    'git cherry-pick evil',
    'git cherry-pick main..evil',
    'git rebase evil',
    'git rebase --onto evil main',
    'git pull . evil',
    'git read-tree -u --reset evil',
    'git read-tree -m -u evil',
    'git checkout evil',
    'git checkout -f evil',
    'git switch evil',
    'git checkout -b tidy evil',
    'git switch -c tidy evil',
    'git checkout evil .claude/settings.json',
    'git checkout evil -- .claude',
    'git restore --source evil .claude',
    'git reset --hard evil',
    'git stash pop stash@{1}',
    'git stash apply stash@{1}',
    'git stash apply 1',
    'git stash branch tmp stash@{1}',
  ];
  const benign = [
    'git merge feature',
    'git merge --no-ff feature',
    'git cherry-pick feature',
    'git rebase feature',
    'git pull . feature',
    'git checkout feature',
    'git switch feature',
    'git switch -c topic',
    'git checkout -b topic',
    'git checkout -b topic feature',
    'git checkout feature src/app.ts',
    'git read-tree -u -m feature',
    'git stash pop',
    'git stash apply',
    'git stash list',
    'git merge --abort',
    'git rebase --continue',
    'git pull',
    'git pull origin main',
  ];
  it.each(hostile)('stops %s', async (command) => {
    const report = await verdict(dir, command);
    expect(report.verdict, command).not.toBe('pass');
    expect(JSON.stringify(report.reasons)).toContain('.claude/settings.json');
  });
  it.each(benign)('passes %s', async (command) => {
    const report = await verdict(dir, command);
    expect(report.verdict, `${command}: ${report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ')}`).toBe('pass');
  });
});
