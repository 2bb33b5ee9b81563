// src/fast/git-status.ts answers "no tracked change" and "the top folder" from the repository's
// files. It must never say clean where git lists a change, and must say it in the plain case (else
// it saves nothing). Every case is a real repository in a temp folder, checked against real git.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { committedClean, gitTopLevel, insideWorkTree, trackedClean, trackedCleanIn, tracksUnder } from '../../src/fast/git-status.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
const gitEnv = { ...ENV, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', GIT_CONFIG_NOSYSTEM: '1' };
function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] });
}
/** What git says, as the callers ask it. */
function gitClean(dir: string, paths: string[]): boolean {
  return git(dir, 'status', '--porcelain', '--untracked-files=no', '--', ...(paths.length ? paths : ['.'])).trim() === '';
}

/** A new repository; every file written with an mtime in the past, so the index is never racily clean. */
function repo(files: Record<string, string> = {}, commit = true): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'fb-gitstatus-')));
  roots.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  for (const [name, text] of Object.entries(files)) write(dir, name, text);
  if (commit && Object.keys(files).length) {
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'first');
  }
  return dir;
}
let clock = Math.floor(Date.now() / 1000) - 3600;
function write(dir: string, name: string, text: string): void {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  clock += 1;
  utimesSync(path, clock, clock);
}

/** Never clean where git is not; and the answer is the same from every entry point. */
function agree(dir: string, paths: string[] = ['.']): true | undefined {
  const ours = trackedCleanIn(dir, paths, ENV);
  if (ours === true) expect(gitClean(dir, paths)).toBe(true);
  return ours;
}

describe('gitTopLevel', () => {
  it('is what git rev-parse --show-toplevel prints, from the top and from a subfolder', () => {
    const dir = repo({ 'a/b/c.txt': 'x' });
    expect(gitTopLevel(dir, ENV)).toBe(git(dir, 'rev-parse', '--show-toplevel').trim());
    expect(gitTopLevel(join(dir, 'a', 'b'), ENV)).toBe(git(join(dir, 'a', 'b'), 'rev-parse', '--show-toplevel').trim());
  });

  it('leaves linked worktrees, submodules, .git folders, bare repositories and GIT_DIR to git', () => {
    const dir = repo({ 'f.txt': 'x' });
    const linked = join(dir, '..', `${dir.split('/').pop()}-wt`);
    roots.push(linked);
    git(dir, 'worktree', 'add', '-q', linked);
    expect(gitTopLevel(linked, ENV)).toBeUndefined();
    expect(gitTopLevel(join(dir, '.git'), ENV)).toBeUndefined();
    expect(gitTopLevel(join(dir, '.git', 'refs'), ENV)).toBeUndefined();
    const bare = realpathSync(mkdtempSync(join(tmpdir(), 'fb-gitstatus-bare-')));
    roots.push(bare);
    git(bare, 'init', '-q', '--bare');
    expect(gitTopLevel(bare, ENV)).toBeUndefined();
    expect(gitTopLevel(dir, { ...ENV, GIT_DIR: join(dir, '.git') })).toBeUndefined();
    expect(gitTopLevel(dir, { ...ENV, GIT_WORK_TREE: dir })).toBeUndefined();
  });

  it('is undefined outside a repository and with core.worktree set', () => {
    const plain = realpathSync(mkdtempSync(join(tmpdir(), 'fb-gitstatus-none-')));
    roots.push(plain);
    // tmpdir itself may sit in a repository on some machines: only compare with git there.
    let gitTop: string | undefined;
    try {
      gitTop = git(plain, 'rev-parse', '--show-toplevel').trim();
    } catch {
      gitTop = undefined;
    }
    if (gitTop === undefined) expect(gitTopLevel(plain, ENV)).toBeUndefined();
    const dir = repo({ 'f.txt': 'x' });
    git(dir, 'config', 'core.worktree', dir);
    expect(gitTopLevel(dir, ENV)).toBeUndefined();
  });
});

describe('trackedClean', () => {
  it('says clean for an empty repository with untracked files (the hook bench case)', () => {
    const dir = repo({ 'firebreak.yaml': 'version: 1\n' }, false);
    expect(agree(dir)).toBe(true);
  });

  it('says clean for a committed, unmodified repository with loose objects, and with untracked files', () => {
    const dir = repo({ 'a.txt': 'a', 'src/b.ts': 'b', 'link-target': 't' });
    symlinkSync('link-target', join(dir, 'link'));
    git(dir, 'add', 'link');
    git(dir, 'commit', '-q', '-m', 'link');
    expect(agree(dir)).toBe(true);
    write(dir, 'untracked.txt', 'u');
    expect(agree(dir)).toBe(true);
    expect(agree(join(dir, 'src'))).toBe(true);
  });

  it('says clean after git gc (HEAD and refs packed)', () => {
    const dir = repo({ 'a.txt': 'a', 'b.txt': 'b' });
    write(dir, 'a.txt', 'a2');
    git(dir, 'commit', '-q', '-am', 'second');
    git(dir, 'gc', '-q');
    expect(agree(dir)).toBe(true);
  });

  it('is never clean with a modified, deleted, re-moded or staged file, or a staged addition', () => {
    const dir = repo({ 'a.txt': 'aaaa', 'b.txt': 'b' });
    write(dir, 'a.txt', 'bbbb'); // same size, other content and mtime
    expect(agree(dir)).toBeUndefined();
    git(dir, 'checkout', '-q', '--', 'a.txt');
    utimesSync(join(dir, 'a.txt'), clock - 100, clock - 100);
    git(dir, 'update-index', '--refresh');
    expect(agree(dir)).toBe(true);
    unlinkSync(join(dir, 'b.txt'));
    expect(agree(dir)).toBeUndefined();
    git(dir, 'checkout', '-q', '--', 'b.txt');
    chmodSync(join(dir, 'b.txt'), 0o755);
    expect(agree(dir)).toBeUndefined();
    chmodSync(join(dir, 'b.txt'), 0o644);
    write(dir, 'c.txt', 'c');
    git(dir, 'add', 'c.txt');
    expect(agree(dir)).toBeUndefined();
    // staged and then the working tree put back as committed: the index still differs from HEAD
    git(dir, 'reset', '-q');
    write(dir, 'a.txt', 'staged');
    git(dir, 'add', 'a.txt');
    write(dir, 'a.txt', 'aaaa');
    expect(agree(dir)).toBeUndefined();
  });

  it('with no commit yet, an entry in the index is a staged addition', () => {
    const dir = repo({ 'a.txt': 'a' }, false);
    git(dir, 'add', 'a.txt');
    expect(agree(dir)).toBeUndefined();
  });

  it('answers for the paths asked: a change elsewhere does not count', () => {
    const dir = repo({ 'firebreak.yaml': 'v', 'src/a.ts': 'a', 'other/b.ts': 'b' });
    write(dir, 'other/b.ts', 'changed');
    expect(agree(dir, ['firebreak.yaml'])).toBe(true);
    expect(agree(join(dir, 'src'), ['.'])).toBe(true);
    expect(agree(dir, ['other'])).toBeUndefined();
    expect(agree(dir, ['.'])).toBeUndefined();
    expect(trackedClean(dir, ['firebreak.yaml', 'src'], ENV)).toBe(true);
    // globs, magic and paths outside: git decides
    expect(trackedCleanIn(dir, ['*.yaml'], ENV)).toBeUndefined();
    expect(trackedCleanIn(dir, [':(top)src'], ENV)).toBeUndefined();
    expect(trackedCleanIn(dir, ['../x'], ENV)).toBeUndefined();
    expect(trackedClean(dir, ['.git/hooks'], ENV)).toBeUndefined();
    // `:/` is the whole work tree from any folder (what `git reset --hard` discards).
    expect(agree(join(dir, 'src'), [':/'])).toBeUndefined();
    const clean = repo({ 'src/a.ts': 'a', 'other/b.ts': 'b' });
    expect(agree(join(clean, 'src'), [':/'])).toBe(true);
  });

  it('leaves submodules, assume-unchanged, skip-worktree, index v4 and racy entries to git', () => {
    const sub = repo({ 's.txt': 's' });
    const dir = repo({ 'a.txt': 'a' });
    execFileSync('git', ['-C', dir, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'mod'], { env: gitEnv, stdio: 'ignore' });
    git(dir, 'commit', '-q', '-m', 'submodule');
    expect(agree(dir)).toBeUndefined();
    expect(agree(dir, ['a.txt'])).toBe(true);

    const flags = repo({ 'a.txt': 'a', 'b.txt': 'b' });
    git(flags, 'update-index', '--assume-unchanged', 'a.txt');
    expect(agree(flags)).toBeUndefined();
    git(flags, 'update-index', '--no-assume-unchanged', 'a.txt');
    git(flags, 'update-index', '--skip-worktree', 'b.txt');
    expect(agree(flags)).toBeUndefined();
    git(flags, 'update-index', '--no-skip-worktree', 'b.txt');
    agree(flags);
    git(flags, 'write-tree'); // the cache-tree made valid again
    expect(agree(flags)).toBe(true);
    git(flags, 'update-index', '--index-version', '4');
    expect(agree(flags)).toBeUndefined();

    // Modified no earlier than the index was written (racily clean): git reads the content, so we ask git.
    const racy = repo({}, false);
    writeFileSync(join(racy, 'r.txt'), 'r');
    const later = Date.now() / 1000 + 3600;
    utimesSync(join(racy, 'r.txt'), later, later);
    git(racy, 'add', 'r.txt');
    git(racy, 'commit', '-q', '-m', 'r');
    expect(agree(racy)).toBeUndefined();
  });

  it('leaves a repository whose variables move it to git', () => {
    const dir = repo({ 'a.txt': 'a' });
    expect(trackedCleanIn(dir, ['.'], { ...ENV, GIT_INDEX_FILE: join(dir, 'other-index') })).toBeUndefined();
    expect(trackedCleanIn(dir, ['.'], { ...ENV, GIT_OBJECT_DIRECTORY: join(dir, 'objects') })).toBeUndefined();
    expect(trackedCleanIn(dir, ['.'], ENV)).toBe(true);
  });

  it('never says clean where git lists a change, over random edits (fast-check)', () => {
    const names = ['a.txt', 'b.txt', 'd/c.txt', 'd/e/f.txt'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...names), text: fc.constantFrom('x', 'yy', 'x2', '') }),
      fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('add' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('commit' as const) }),
      fc.record({ kind: fc.constant('chmod' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('reset' as const) }),
    );
    let cleanSeen = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), fc.constantFrom(['.'], ['d'], ['a.txt'], ['d/e']), (ops, paths) => {
        const dir = repo({ 'a.txt': 'a', 'b.txt': 'b', 'd/c.txt': 'c', 'd/e/f.txt': 'f' });
        for (const o of ops) {
          const path = 'file' in o ? join(dir, o.file) : '';
          try {
            if (o.kind === 'write') write(dir, o.file, o.text);
            else if (o.kind === 'delete') unlinkSync(path);
            else if (o.kind === 'add') git(dir, 'add', '-A', '--', o.file);
            else if (o.kind === 'commit') git(dir, 'commit', '-q', '--allow-empty', '-am', 'c');
            else if (o.kind === 'chmod') chmodSync(path, 0o755);
            else git(dir, 'reset', '-q', '--hard');
          } catch {
            /* a file that is not there: the next step */
          }
        }
        if (agree(dir, [...paths]) === true) cleanSeen++;
      }),
      { numRuns: 40 },
    );
    expect(cleanSeen).toBeGreaterThan(0);
  });
});

/** tracksUnder must say what `git ls-files -- PATH` says whenever it answers. */
function tracksAgree(dir: string, path: string): boolean | undefined {
  const ours = tracksUnder(dir, path, ENV);
  if (ours !== undefined) expect(ours).toBe(git(dir, 'ls-files', '--', path).trim() !== '');
  return ours;
}
/** committedClean only ever says yes where git lists the file and no change to it. */
function committedAgree(dir: string, file: string): true | undefined {
  const ours = committedClean(dir, file, ENV);
  if (ours) {
    expect(git(dir, 'ls-files', '--error-unmatch', '--', file).trim()).not.toBe('');
    expect(git(dir, 'status', '--porcelain', '--', file).trim()).toBe('');
  }
  return ours;
}

describe('the regenerable-output check\'s facts (insideWorkTree, tracksUnder, committedClean)', () => {
  it('answers the plain case as git does: tracked files under a path, a file committed as it is', () => {
    const dir = repo({ 'a.txt': 'a', 'd/c.txt': 'c', 'd/e/f.txt': 'f', '.gitignore': 'build/\n' });
    write(dir, 'build/out.js', 'o');
    write(dir, 'node_modules/x/index.js', 'x');
    write(dir, 'untracked.txt', 'u');
    expect(insideWorkTree(dir, ENV)).toBe(true);
    expect(insideWorkTree(join(dir, 'd', 'e'), ENV)).toBe(true);
    for (const [path, tracked] of [['d', true], ['d/e', true], ['d/e/f.txt', true], ['a.txt', true], ['build', false], ['node_modules', false], ['untracked.txt', false], ['nothing', false], ['d/nothing', false], ['a.txt/x', false], ['', true]] as const) {
      expect(tracksAgree(dir, path ? join(dir, path) : dir)).toBe(tracked);
    }
    // A name that only starts like a tracked folder is not under it.
    write(dir, 'dd/x.txt', 'x');
    expect(tracksAgree(dir, join(dir, 'dd'))).toBe(false);
    expect(committedAgree(dir, join(dir, '.gitignore'))).toBe(true);
    expect(committedAgree(dir, join(dir, 'd', 'c.txt'))).toBe(true);
    // A folder, an untracked file, a modified file, a staged change: git decides.
    expect(committedClean(dir, join(dir, 'd'), ENV)).toBeUndefined();
    expect(committedClean(dir, join(dir, 'untracked.txt'), ENV)).toBeUndefined();
    write(dir, '.gitignore', 'build/\ndist/\n');
    expect(committedClean(dir, join(dir, '.gitignore'), ENV)).toBeUndefined();
    git(dir, 'add', '.gitignore');
    expect(committedClean(dir, join(dir, 'd', 'c.txt'), ENV)).toBeUndefined();
  });

  it('says nothing for what it cannot read the plain way', () => {
    const dir = repo({ 'a.txt': 'a', 'd/c.txt': 'c' });
    // a link on the way, a glob, .git, outside the work tree, a path spelled through a link
    symlinkSync(join(dir, 'd'), join(dir, 'link'));
    expect(tracksUnder(dir, join(dir, 'link'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, join(dir, 'link', 'c.txt'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, join(dir, 'd*'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, join(dir, '.git'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, join(dir, '..'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, `${dir}/d/../a.txt`, ENV)).toBeUndefined();
    const spelled = `${dir}-link`;
    roots.push(spelled);
    symlinkSync(dir, spelled);
    expect(tracksUnder(spelled, join(spelled, 'a.txt'), ENV)).toBeUndefined();
    expect(tracksUnder(dir, 'a.txt', ENV)).toBeUndefined();
    // variables that move the repository, a submodule in the index, a bare repository, no repository
    expect(tracksUnder(dir, join(dir, 'a.txt'), { ...ENV, GIT_INDEX_FILE: join(dir, 'x') })).toBeUndefined();
    expect(insideWorkTree(dir, { ...ENV, GIT_DIR: join(dir, '.git') })).toBeUndefined();
    const sub = repo({ 's.txt': 's' });
    const withSub = repo({ 'a.txt': 'a' });
    git(withSub, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'sub');
    expect(tracksUnder(withSub, join(withSub, 'a.txt'), ENV)).toBeUndefined();
    const plain = realpathSync(mkdtempSync(join(tmpdir(), 'fb-gitstatus-none-')));
    roots.push(plain);
    expect(insideWorkTree(plain, ENV)).toBeUndefined();
    expect(tracksUnder(plain, join(plain, 'x'), ENV)).toBeUndefined();
    // a HEAD git would not accept
    const broken = repo({ 'a.txt': 'a' });
    writeFileSync(join(broken, '.git', 'HEAD'), 'garbage\n');
    expect(insideWorkTree(broken, ENV)).toBeUndefined();
    // no index yet: nothing tracked, as git says
    const fresh = repo({}, false);
    write(fresh, 'x.txt', 'x');
    expect(tracksAgree(fresh, join(fresh, 'x.txt'))).toBe(false);
    git(fresh, 'add', 'x.txt');
    expect(tracksAgree(fresh, join(fresh, 'x.txt'))).toBe(true);
  });

  it('agrees with git ls-files and never says committed where git does not, over random edits (fast-check)', () => {
    const names = ['a.txt', 'b.txt', 'd/c.txt', 'd/e/f.txt', 'n/g.txt'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), file: fc.constantFrom(...names), text: fc.constantFrom('x', 'yy', '') }),
      fc.record({ kind: fc.constant('delete' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('add' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('rm' as const), file: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('commit' as const) }),
      fc.record({ kind: fc.constant('reset' as const) }),
    );
    let answered = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 6 }), fc.constantFrom('.', 'd', 'd/e', 'a.txt', 'n', 'n/g.txt', 'zz'), (ops, path) => {
        const dir = repo({ 'a.txt': 'a', 'b.txt': 'b', 'd/c.txt': 'c', 'd/e/f.txt': 'f' });
        for (const o of ops) {
          try {
            if (o.kind === 'write') write(dir, o.file, o.text);
            else if (o.kind === 'delete') unlinkSync(join(dir, o.file));
            else if (o.kind === 'add') git(dir, 'add', '-A', '--', o.file);
            else if (o.kind === 'rm') git(dir, 'rm', '-q', '--cached', '--', o.file);
            else if (o.kind === 'commit') git(dir, 'commit', '-q', '--allow-empty', '-am', 'c');
            else git(dir, 'reset', '-q', '--hard');
          } catch {
            /* a file that is not there: the next step */
          }
        }
        const absolute = path === '.' ? dir : join(dir, path);
        if (tracksAgree(dir, absolute) !== undefined) answered++;
        if (path.endsWith('.txt')) committedAgree(dir, absolute);
      }),
      { numRuns: 40 },
    );
    expect(answered).toBeGreaterThan(30);
  });
});
