// Archives, synchronised folders, patches and other revisions that bring code onto files tools run
// unnamed: real archives made by the real tar and zip, a real git repository with a second branch.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { parsePatch } from '../../src/intake/shell/unpacked-files.js';
import { gitIn } from '../corpus/workspace.js';
import { makeArchive } from '../support/archives.js';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const HOSTILE = "import boto3\nboto3.client('s3').delete_bucket(Bucket='prod-assets')\n";
const BENIGN = "import pytest\n\n@pytest.fixture\ndef value():\n    return 1\n";

/** A git workspace with `files`, and an archive folder `src/` (not committed) built from `archived`. */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-unpacked-'));
  made.push(dir);
  writeFileSync(join(dir, 'README.md'), '# p\n');
  for (const [p, t] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), t);
  }
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** Builds `name` in `dir` from `members` with the real tar (by extension) or zip. */
function archive(dir: string, name: string, members: Record<string, string>, links: Record<string, string> = {}): void {
  makeArchive(dir, name, members, { links, made });
}

async function verdict(cwd: string, command: string): Promise<{ verdict: string; why: string }> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false, now: new Date('2026-01-01T00:00:00Z') });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') };
}

describe('archives in the workspace are read', () => {
  it.each([
    ['tar xzf fixtures.tgz -C tests', 'fixtures.tgz'],
    ['tar -xzf fixtures.tgz --directory=tests', 'fixtures.tgz'],
    ['tar --extract --file=fixtures.tgz -C tests', 'fixtures.tgz'],
    ['tar -x -f fixtures.tar -C tests', 'fixtures.tar'],
    ['cd tests && tar xf ../fixtures.tar', 'fixtures.tar'],
    ['tar -C tests -xf fixtures.tar', 'fixtures.tar'],
    ['bsdtar -xf fixtures.tar -C tests', 'fixtures.tar'],
    ['unzip -o -qq fixtures.zip -d tests', 'fixtures.zip'],
    ['unzip fixtures.zip -d tests conftest.py', 'fixtures.zip'],
    ['tar xf fixtures.tar < /dev/null -C tests', 'fixtures.tar'],
    ['tar -xf - -C tests < fixtures.tar', 'fixtures.tar'],
    ['cd tests && jar xf ../fixtures.zip', 'fixtures.zip'],
  ])('%s: a conftest.py that deletes a bucket is judged by what it does', async (command, name) => {
    const dir = workspace({ 'tests/test_ok.py': 'def test_ok():\n    pass\n' });
    archive(dir, name, { 'conftest.py': HOSTILE, 'data.json': '{}' });
    const r = await verdict(dir, command);
    expect(r.verdict).not.toBe('pass');
    expect(r.why).toMatch(/prod-assets/);
    expect(r.why).toMatch(/conftest\.py/);
  });

  it('--strip-components moves a member onto conftest.py', async () => {
    const dir = workspace();
    archive(dir, 'pkg.tgz', { 'pkg/conftest.py': HOSTILE });
    expect((await verdict(dir, 'tar xzf pkg.tgz --strip-components=1')).verdict).not.toBe('pass');
    expect((await verdict(dir, 'tar xzf pkg.tgz --strip-components 1 -C build')).verdict).not.toBe('pass');
  });

  it('a named member is the only one extracted', async () => {
    const dir = workspace();
    archive(dir, 'a.tar', { 'conftest.py': HOSTILE, 'docs/readme.txt': 'hi\n' });
    expect((await verdict(dir, 'tar xf a.tar docs/readme.txt')).verdict).toBe('pass');
    expect((await verdict(dir, 'tar xf a.tar conftest.py')).verdict).not.toBe('pass');
    expect((await verdict(dir, "tar xf a.tar --wildcards '*.py'")).verdict).not.toBe('pass');
  });

  it('benign archives pass, and so do listing, creating and printing', async () => {
    const dir = workspace();
    archive(dir, 'ok.tgz', { 'conftest.py': BENIGN, 'tests/test_x.py': 'def test_x():\n    assert True\n' });
    archive(dir, 'bad.tgz', { 'conftest.py': HOSTILE });
    archive(dir, 'bad.zip', { 'conftest.py': HOSTILE });
    for (const c of ['tar xzf ok.tgz', 'tar tzf bad.tgz', 'tar -tvzf bad.tgz', 'unzip -l bad.zip', 'unzip -t bad.zip', 'tar -xOzf bad.tgz conftest.py', 'tar czf out.tgz README.md', 'unzip -p bad.zip conftest.py']) {
      expect((await verdict(dir, c)).verdict, c).toBe('pass');
    }
  });

  it('an archive member that is a link onto conftest.py is code nobody has read', async () => {
    const dir = workspace();
    archive(dir, 'links.tar', {}, { 'conftest.py': '/tmp/payload.py' });
    archive(dir, 'links.zip', {}, { 'conftest.py': '/tmp/payload.py' });
    const t = await verdict(dir, 'tar xf links.tar');
    expect(t.verdict).toBe('escalate');
    expect(t.why).toMatch(/link/);
    expect((await verdict(dir, 'unzip links.zip')).verdict).toBe('escalate');
  });

  it('a file that is not an archive, or an archive written earlier in the line, is unknown where it lands in a test folder', async () => {
    const dir = workspace({ 'notatar.tgz': 'plain text\n' });
    const r = await verdict(dir, 'tar xzf notatar.tgz -C tests');
    expect(r.verdict).toBe('escalate');
    expect(r.why).toMatch(/could not be listed/);
    expect((await verdict(dir, 'curl -sLo t.tgz https://example.com/t.tgz && tar xzf t.tgz -C tests')).verdict).toBe('escalate');
    expect((await verdict(dir, 'tar xzf notatar.tgz -C build')).verdict).toBe('pass');
  });
});

describe('rsync', () => {
  it('copies like cp: src/ brings the contents, src the folder', async () => {
    const dir = workspace({ 'fixtures/conftest.py': HOSTILE });
    expect((await verdict(dir, 'rsync -a fixtures/ tests/')).why).toMatch(/tests\/conftest\.py/);
    expect((await verdict(dir, 'rsync -a fixtures tests/')).why).toMatch(/tests\/fixtures\/conftest\.py/);
    expect((await verdict(dir, 'rsync -a -e ssh fixtures/ tests/')).verdict).not.toBe('pass');
    expect((await verdict(dir, 'rsync -a --exclude=.git fixtures/ build/')).verdict).not.toBe('pass');
    expect((await verdict(dir, 'rsync -an fixtures/ tests/')).verdict).toBe('pass');
  });
});

describe('patches', () => {
  it('reads the lines a patch adds, and a new file whole', () => {
    const files = parsePatch('diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1,2 @@\n a\n+b\n+++c\n', undefined);
    expect(files).toEqual([{ path: 'x.py', added: 'b\n++c\n', whole: false }]);
    expect(parsePatch('--- /dev/null\n+++ b/t/conftest.py\n@@ -0,0 +1 @@\n+x\n', 1)[0]).toMatchObject({ path: 't/conftest.py', whole: true });
    expect(parsePatch('--- conftest.py.orig\n+++ conftest.py\n@@\n+x\n', undefined)[0].path).toBe('conftest.py');
    expect(parsePatch('--- a/conftest.py\n+++ /dev/null\n@@\n-x\n', 1)).toEqual([]);
    expect(parsePatch('--- a/conftest.py\n+++ /dev/null\n@@\n-x\n', 1, true)[0]).toMatchObject({ path: 'conftest.py', added: 'x\n', whole: true });
  });
});

describe('the patch reader on any text', () => {
  it('never throws and names only files its +++ or rename lines name', () => {
    const line = fc.oneof(fc.constantFrom('--- a/x.py', '+++ b/conftest.py', '--- /dev/null', '+++ /dev/null', 'diff --git a/x b/y', 'rename from a', 'rename to b', 'GIT binary patch', '@@ -1 +1 @@', '+x', '-y', ' z'), fc.string({ maxLength: 20 }));
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), fc.boolean(), (lines, strip, reverse) => {
      const text = lines.join('\n');
      for (const f of parsePatch(text, strip, reverse)) {
        expect(typeof f.path).toBe('string');
        expect(text.includes(f.path) || f.path === '').toBe(true);
      }
    }), { numRuns: 300 });
  });
});

describe('other revisions', () => {
  it('git checkout BRANCH -- PATH and git restore --source read the revision', async () => {
    const dir = workspace({ 'tests/test_ok.py': 'def test_ok():\n    pass\n' });
    gitIn(dir, 'checkout', '-q', '-b', 'payload');
    writeFileSync(join(dir, 'tests', 'conftest.py'), HOSTILE);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'payload');
    gitIn(dir, 'checkout', '-q', 'main');
    for (const c of ['git checkout payload -- tests/conftest.py', 'git checkout payload -- tests', 'git checkout payload tests/conftest.py', 'git restore --source=payload -- tests/', 'git restore -s payload tests/conftest.py', 'git -C tests checkout payload -- conftest.py']) {
      const r = await verdict(dir, c);
      expect(r.verdict, c).not.toBe('pass');
      expect(r.why, c).toMatch(/prod-assets/);
    }
    expect((await verdict(dir, 'git checkout payload -- README.md')).verdict).toBe('pass');
    expect((await verdict(dir, 'git checkout main -- tests')).verdict).toBe('pass');
  });
});

describe('a branch switch or a hard reset', () => {
  it('later commands of the line read the files as the revision has them, not as the disk has them now', async () => {
    const dir = workspace({ 'scripts/gen.sh': '#!/bin/sh\necho generating\n', '.env': 'MODE=safe\n' });
    gitIn(dir, 'checkout', '-q', '-b', 'payload');
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\nrm -rf "$HOME"\n');
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'payload');
    gitIn(dir, 'checkout', '-q', 'main');
    for (const c of ['git checkout payload && sh scripts/gen.sh', 'git switch payload && sh scripts/gen.sh', 'git checkout -q -b copy payload; sh scripts/gen.sh',
      'git switch -c copy payload && sh scripts/gen.sh', 'git reset --hard payload && sh scripts/gen.sh', 'git checkout - && sh scripts/gen.sh',
      'git checkout payload -- scripts/gen.sh && sh scripts/gen.sh', 'git restore --source=payload scripts && sh scripts/gen.sh']) {
      const r = await verdict(dir, c);
      expect(r.verdict, c).not.toBe('pass');
      expect(r.why, c).toMatch(/HOME/);
    }
    for (const c of ['sh scripts/gen.sh', 'git checkout main && sh scripts/gen.sh', 'git switch -c feature && sh scripts/gen.sh', 'git checkout -b feature && sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).verdict, c).toBe('pass');
    }
  });
});

describe('a branch switch over local changes', () => {
  it('a changed file the switch touches is not taken as either side', async () => {
    const dir = workspace({ 'scripts/gen.sh': '#!/bin/sh\necho generating\n' });
    gitIn(dir, 'checkout', '-q', '-b', 'other');
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\necho other\n');
    gitIn(dir, 'commit', '-q', '-am', 'other');
    gitIn(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\nrm -rf "$HOME"\n');
    // git refuses the switch, and the local gen.sh runs; a forced switch would overwrite it.
    for (const c of ['git checkout other; sh scripts/gen.sh', 'git switch other; sh scripts/gen.sh', 'git checkout -f other && sh scripts/gen.sh', 'git checkout main && sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).verdict, c).not.toBe('pass');
    }
    // An untracked file the branch would add: git refuses the switch, and the file on disk runs.
    gitIn(dir, 'checkout', '-q', '-b', 'adds');
    writeFileSync(join(dir, 'scripts', 'new.sh'), '#!/bin/sh\necho fine\n');
    gitIn(dir, 'add', 'scripts/new.sh');
    gitIn(dir, 'commit', '-q', '-m', 'adds');
    gitIn(dir, 'checkout', '-q', 'main');
    writeFileSync(join(dir, 'scripts', 'new.sh'), '#!/bin/sh\nrm -rf "$HOME"\n');
    expect((await verdict(dir, 'git checkout adds; sh scripts/new.sh')).verdict).not.toBe('pass');
    // A hard reset puts HEAD's gen.sh back (it stops for the local change it throws away, not for the script).
    expect((await verdict(dir, 'git reset --hard && sh scripts/gen.sh')).why).not.toMatch(/HOME/);
  });
});

describe('a merge, pull, rebase, cherry-pick, revert or stash brings other commits into the working tree', () => {
  it('a file the other side changes is not judged on its text on disk now', async () => {
    const dir = workspace({ 'scripts/gen.sh': '#!/bin/sh\necho generating\n', 'tests/test_ok.py': 'def test_ok():\n    pass\n' });
    gitIn(dir, 'checkout', '-q', '-b', 'payload');
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\nrm -rf "$HOME"\n');
    writeFileSync(join(dir, 'tests', 'conftest.py'), HOSTILE);
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'payload');
    gitIn(dir, 'checkout', '-q', '-b', 'docs', 'main');
    writeFileSync(join(dir, 'README.md'), '# p\n\nmore\n');
    gitIn(dir, 'commit', '-q', '-am', 'docs');
    gitIn(dir, 'checkout', '-q', '-b', 'tidy', 'main');
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\necho generating quietly\n');
    gitIn(dir, 'commit', '-q', '-am', 'tidy');
    gitIn(dir, 'checkout', '-q', 'main');
    for (const c of ['git merge payload && sh scripts/gen.sh', 'git merge --no-edit -m x payload; bash scripts/gen.sh', 'git pull . payload && sh scripts/gen.sh',
      'git pull --rebase ./ payload && sh scripts/gen.sh', 'git cherry-pick payload && sh scripts/gen.sh', 'git rebase payload && sh scripts/gen.sh',
      'git revert --no-edit payload && sh scripts/gen.sh', 'git -C scripts merge payload && sh scripts/gen.sh', 'git read-tree -u -m payload && sh scripts/gen.sh',
      'git merge payload && pytest tests', 'git merge "$BRANCH" && sh scripts/gen.sh', 'git merge --no-ff --no-edit payload && bash -c "sh scripts/gen.sh"',
      'git -c core.editor=true merge payload; python3 -c "import subprocess; subprocess.run([\'sh\', \'scripts/gen.sh\'])"', 'git rebase --onto payload main && sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).verdict, c).not.toBe('pass');
    }
    // A remote configured with a path on this machine is a local repository.
    gitIn(dir, 'remote', 'add', 'self', '.');
    expect((await verdict(dir, 'git pull self payload && sh scripts/gen.sh')).why).toMatch(/HOME/);
    // A remote the line adds, or points elsewhere with -c: a repository nobody has read.
    gitIn(dir, 'remote', 'add', 'origin', 'https://example.com/p.git');
    for (const c of ['git remote add x /tmp/elsewhere && git pull x main && sh scripts/gen.sh', 'git -c remote.origin.url=/tmp/elsewhere pull origin main && sh scripts/gen.sh',
      'git -c url./tmp/elsewhere.insteadOf=https://example.com/p.git pull origin main && sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).verdict, c).not.toBe('pass');
    }
    // Where only the other side changed a file, git takes its text: read as that side has it.
    expect((await verdict(dir, 'git merge payload && sh scripts/gen.sh')).why).toMatch(/HOME/);
    expect((await verdict(dir, 'git merge payload')).why).toMatch(/prod-assets/);
    // A stash that holds the change.
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\nrm -rf "$HOME"\n');
    gitIn(dir, 'stash', '-q');
    for (const c of ['git stash pop && sh scripts/gen.sh', 'git stash apply stash@{0} && sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).why, c).toMatch(/HOME/);
    }
    // Changed on both sides (here, uncommitted): the merged text is nobody's.
    writeFileSync(join(dir, 'scripts', 'gen.sh'), '#!/bin/sh\necho local\n');
    expect((await verdict(dir, 'git merge tidy; sh scripts/gen.sh')).why).toMatch(/not worked out/);
    gitIn(dir, 'checkout', '-q', '--', 'scripts/gen.sh');
    // The other side leaves the script alone, nothing runs it, or the pull is from the shared remote
    // (judged by the CI gate): judged as before.
    for (const c of ['git merge docs && sh scripts/gen.sh', 'git merge tidy && sh scripts/gen.sh', 'git cherry-pick tidy && sh scripts/gen.sh', 'git merge tidy && cat scripts/gen.sh', 'git pull && sh scripts/gen.sh', 'git pull origin main && sh scripts/gen.sh', 'git pull --rebase origin main && sh scripts/gen.sh', 'git merge --abort && sh scripts/gen.sh', 'sh scripts/gen.sh']) {
      expect((await verdict(dir, c)).verdict, c).toBe('pass');
    }
  });
});
