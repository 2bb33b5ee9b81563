import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check } from '../../src/pipeline.js';
import { regenerableByName } from '../../src/predict/workspace-files.js';

/** A real git repository: `committed` files are committed, `loose` ones written after the commit. */
function repo(committed: Record<string, string>, loose: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-regen-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'T');
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  write({ 'README.md': '# x\n', ...committed });
  git('add', '-A');
  git('commit', '-qm', 'initial');
  write(loose);
  return dir;
}

async function judged(cwd: string, command: string) {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  const action = report.actions.find((a) => a.operation === 'delete');
  return { verdict: report.verdict, why: action ? action.evidence.map((e) => e.message).join(' ') : '' };
}

describe('regenerable workspace output', () => {
  it('passes ignored output and says what makes it again', async () => {
    const dir = repo({ '.gitignore': 'dist/\n' }, { 'dist/app.js': 'x' });
    const { verdict, why } = await judged(dir, 'rm -rf dist');
    expect(verdict).toBe('pass');
    expect(why).toMatch(/git ignores it \(\.gitignore:1 `dist\/`\)/);
    expect(why).toMatch(/re-run the build/);
  });

  it('passes output by name that git does not ignore, but not once a secret sits in it', async () => {
    expect((await judged(repo({}, { 'build/lib/a.js': 'x' }), 'rm -rf build')).verdict).toBe('pass');
    expect((await judged(repo({}, { 'build/lib/a.js': 'x', 'build/.env.production': 'K=1' }), 'rm -rf build')).verdict).toBe('escalate');
  });

  it('stops output by name that git tracks with changes', async () => {
    const dir = repo({ 'dist/app.js': 'v1' }, { 'dist/app.js': 'hand edit' });
    const { verdict, why } = await judged(dir, 'rm -rf dist');
    expect(verdict).toBe('escalate');
    expect(why).toMatch(/uncommitted or untracked files/);
  });

  it('output by name with nothing on disk is judged without git; once it exists, git decides', async () => {
    const dir = repo({ 'src/app.py': 'x\n' });
    const absent = await judged(dir, `python3 -c "import shutil; shutil.rmtree('build')"`);
    expect(absent.verdict).toBe('pass');
    expect(absent.why).toContain('nothing is at build now');
    // A link named like output, pointing at the project's source, is never "absent".
    symlinkSync(join(dir, 'src'), join(dir, 'build'));
    expect((await judged(dir, `python3 -c "import shutil; shutil.rmtree('build')"`)).verdict).not.toBe('pass');
  });

  it('stops an ignored output folder holding a link to data outside it', async () => {
    const dir = repo({ '.gitignore': 'dist/\n' }, { 'dist/app.js': 'x' });
    const data = mkdtempSync(join(tmpdir(), 'firebreak-regen-data-'));
    writeFileSync(join(data, 'prod.db'), 'SQLite format 3');
    symlinkSync(data, join(dir, 'dist', 'data-link'));
    const { verdict, why } = await judged(dir, 'rm -rf dist');
    expect(verdict).not.toBe('pass');
    expect(why).toMatch(/is a link to/);
  });

  it('keeps a link inside the output folder to the project (not data) as output', async () => {
    const dir = repo({ '.gitignore': 'dist/\n', 'public/logo.svg': '<svg/>' }, { 'dist/app.js': 'x' });
    symlinkSync(join(dir, 'public'), join(dir, 'dist', 'public'));
    expect((await judged(dir, 'rm -rf dist')).verdict).toBe('pass');
  });

  it('stops a nested repository inside output and data or secrets under it', async () => {
    for (const [file, text] of [['dist/.git/HEAD', 'ref: x'], ['dist/.env', 'K=1'], ['dist/app.sqlite', 'SQLite'], ['dist/k/server.key', 'key']]) {
      const dir = repo({ '.gitignore': 'dist/\n' }, { [file]: text, 'dist/a.js': 'x' });
      expect((await judged(dir, 'rm -rf dist')).verdict, file).not.toBe('pass');
    }
  });

  it('does not trust an ignore rule that is not committed', async () => {
    const committed = { '.gitignore': '\n', 'gen.sh': 'rm -rf rendered\nmkdir -p rendered\n' };
    expect((await judged(repo(committed, { '.gitignore': 'rendered/\n', 'rendered/plan.md': 'mine' }), 'bash gen.sh')).verdict).toBe('escalate');
    expect((await judged(repo({ ...committed, '.gitignore': 'rendered/\n' }, { 'rendered/plan.md': 'x' }), 'bash gen.sh')).verdict).toBe('pass');
  });

  it('does not trust .git/info/exclude (anything with a shell can add to it)', async () => {
    const dir = repo({ 'gen.sh': 'rm -rf rendered\nmkdir -p rendered\n' }, { '.git/info/exclude': 'rendered/\n', 'rendered/index.html': 'x' });
    const { verdict, why } = await judged(dir, 'bash gen.sh');
    expect(verdict).toBe('escalate');
    expect(why).toMatch(/not \(or not wholly\) tracked/);
  });

  it('stops a delete reached through a link (dist -> .git), whatever the name says', async () => {
    const dir = repo({ '.gitignore': 'dist\n' });
    symlinkSync('.git', join(dir, 'dist'));
    for (const command of ['rm -rf dist/objects', 'rm -rf dist/', 'rm -rf dist/*']) {
      const { verdict, why } = await judged(dir, command);
      expect(verdict, command).not.toBe('pass');
      expect(why, command).toMatch(/is a link to \.git/);
    }
  });

  it('passes what a committed Makefile makes, and names the make command that makes it again', async () => {
    const dir = repo({ '.gitignore': 'out.txt\n', Makefile: 'out.txt: in.txt\n\tcp in.txt out.txt\nclean:\n\trm -f out.txt\n', 'in.txt': 'a' }, { 'out.txt': 'a' });
    const { verdict, why } = await judged(dir, 'make clean');
    expect(verdict).toBe('pass');
    expect(why).toMatch(/Makefile:1 has a rule that makes it.*re-run `make out\.txt`/);
  });

  it('passes what the committed script makes again further down, not what it only deletes', async () => {
    const remakes = repo({ '.gitignore': 'rendered/\n', 'gen.sh': 'rm -rf rendered\nmkdir -p rendered\necho x > rendered/a\n' }, { 'rendered/a': 'x' });
    const { verdict, why } = await judged(remakes, 'bash gen.sh');
    expect(verdict).toBe('pass');
    expect(why, why).toMatch(/gen\.sh:2 makes it again after the delete \(`mkdir -p rendered`\)/);
    const onlyDeletes = repo({ '.gitignore': 'rendered/\n', 'gen.sh': 'mkdir -p rendered\nrm -rf rendered\n' }, { 'rendered/a': 'x' });
    expect((await judged(onlyDeletes, 'bash gen.sh')).verdict).toBe('escalate');
  });

  it('passes code that writes into what it deleted, from a committed file only', async () => {
    const code = "import { rmSync, writeFileSync, mkdirSync } from 'node:fs';\nrmSync('shots', { recursive: true, force: true });\nmkdirSync('shots');\nwriteFileSync('shots/a.png', 'png');\n";
    const committed = repo({ '.gitignore': 'shots/\n', 'shoot.mjs': code }, { 'shots/a.png': 'png' });
    const { verdict, why } = await judged(committed, 'node shoot.mjs');
    expect(verdict).toBe('pass');
    expect(why).toMatch(/shoot\.mjs:4 writes it again after the delete/);
    const loose = repo({ '.gitignore': 'shots/\n' }, { 'shoot.mjs': code, 'shots/a.png': 'png' });
    expect((await judged(loose, 'node shoot.mjs')).verdict).toBe('escalate');
  });

  it('judges a glob by what it matches on disk: .git among committed folders', async () => {
    const dir = repo({ '.config/app.yaml': 'a: 1', '.kiro/a/dev.json': '{}' });
    expect((await judged(dir, 'rm .kiro/*/dev.json')).verdict).toBe('pass');
    for (const command of ['rm -rf .[cgk]*', 'rm -rf .g?t', 'rm -rf ./.??*']) {
      const { verdict, why } = await judged(dir, command);
      expect(verdict, command).not.toBe('pass');
      expect(why, command).toMatch(/matches \.git/);
    }
  });

  it('knows tool folders from output folders by name', () => {
    expect(regenerableByName('web/node_modules/x')).toEqual({ head: 'web/node_modules', kind: 'tool' });
    expect(regenerableByName('pkg/dist/a.js')).toEqual({ head: 'pkg/dist', kind: 'output' });
    expect(regenerableByName('mypkg.egg-info')).toEqual({ head: 'mypkg.egg-info', kind: 'output' });
    expect(regenerableByName('notes/plan.md')).toBeUndefined();
  });
});
