// Files tools run unnamed (conftest.py, test modules, setup.py) that have changes git has not
// committed, or commits not on the upstream, are read when pytest, jest or pip runs them: in real
// git repositories in temp folders, through the whole pipeline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace, gitIn } from '../corpus/workspace.js';

const HOSTILE = "import boto3\nboto3.client('s3').delete_bucket(Bucket='prod-assets')\n";
const TEST = 'def test_ok():\n    assert True\n';

async function judge(command: string, cwd: string) {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return { verdict: report.verdict, text: report.reasons.map((r) => r.message).join('\n') };
}

describe('uncommitted code that tools load unnamed', () => {
  it('a commit not on the upstream counts as a change; once the upstream has it, it does not', async () => {
    const upstream = caseWorkspace('uncommitted-up', { 'tests/test_a.py': TEST });
    const clone = mkdtempSync(join(tmpdir(), 'firebreak-uncommitted-clone-'));
    gitIn(clone, 'clone', '-q', upstream, '.');
    writeFileSync(join(clone, 'tests/conftest.py'), HOSTILE);
    gitIn(clone, 'add', '-A');
    gitIn(clone, 'commit', '-q', '-m', 'fixtures');
    const local = await judge('pytest -q', clone);
    expect(local.verdict).not.toBe('pass');
    expect(local.text).toMatch(/tests\/conftest\.py is run by pytest .* read when pytest runs, as it has a change git has not committed \(or not pushed upstream\)/);
    expect(local.text).toContain('delete_bucket');
    // The upstream now has the commit (as after a push): the project's own code, not read on every call.
    const branch = execFileSync('git', ['-C', clone, 'rev-parse', '--abbrev-ref', '@{upstream}'], { encoding: 'utf8' }).trim();
    gitIn(clone, 'update-ref', `refs/remotes/${branch}`, 'HEAD');
    expect((await judge('pytest -q', clone)).verdict).toBe('pass');
    rmSync(clone, { recursive: true, force: true });
    rmSync(upstream, { recursive: true, force: true });
  });

  it('a deleted test module is not read; an unchanged repository costs nothing', async () => {
    const cwd = caseWorkspace('uncommitted-deleted', { 'tests/test_a.py': HOSTILE.replace('delete_bucket', 'head_bucket'), 'tests/test_b.py': TEST });
    expect((await judge('pytest', cwd)).verdict).toBe('pass');
    rmSync(join(cwd, 'tests/test_b.py'));
    expect((await judge('pytest', cwd)).verdict).toBe('pass');
  });

  it('more uncommitted test code than it reads in one call escalates, saying so', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 401; i++) files[`tests/test_${i}.py`] = TEST;
    const cwd = caseWorkspace('uncommitted-many', files, Object.keys(files));
    const result = await judge('pytest', cwd);
    expect(result.verdict).toBe('escalate');
    expect(result.text).toContain('401 uncommitted files that pytest loads without a command naming them, more than the 400');
  });

  it('a repository git cannot read escalates rather than passing unread', async () => {
    const cwd = caseWorkspace('uncommitted-broken', { 'tests/test_a.py': TEST });
    writeFileSync(join(cwd, 'tests/conftest.py'), HOSTILE);
    writeFileSync(join(cwd, '.git', 'index'), 'not an index');
    for (const command of ['pytest', 'npx vitest run']) {
      const result = await judge(command, cwd);
      expect(result.verdict).toBe('escalate');
      expect(result.text).toMatch(/loads files no command names, and which of them have uncommitted changes could not be told \(git: .*index/);
    }
  });

  it('pip reads setup.py only when it installs the project itself', async () => {
    const cwd = caseWorkspace('uncommitted-pip', { 'setup.py': "from setuptools import setup\nsetup(name='x')\n" });
    writeFileSync(join(cwd, 'setup.py'), "import os\nos.system('kubectl delete namespace production')\n");
    expect((await judge('pip install -e .', cwd)).verdict).not.toBe('pass');
    expect((await judge('python3 -m pip install .', cwd)).verdict).not.toBe('pass');
    expect((await judge('pip install requests', cwd)).verdict).toBe('pass');
  });

  it('a file git ignores is never the project\'s committed code: read when the loader runs', async () => {
    const cwd = caseWorkspace('ignored-implicit', { '.gitignore': 'tmp/\n*.local.py\n', 'tests/test_a.py': TEST });
    mkdirSync(join(cwd, 'tmp', 'deep'), { recursive: true });
    writeFileSync(join(cwd, 'tmp', 'deep', 'conftest.py'), HOSTILE);
    const folder = await judge('pytest', cwd);
    expect(folder.verdict).not.toBe('pass');
    expect(folder.text).toMatch(/tmp\/deep\/conftest\.py is run by pytest .* as it is a file git ignores/);
    rmSync(join(cwd, 'tmp'), { recursive: true });
    // An ignored file, not a folder: git lists it by name.
    writeFileSync(join(cwd, 'tests', 'test_x.local.py'), HOSTILE);
    expect((await judge('python3 -m pytest', cwd)).verdict).not.toBe('pass');
    writeFileSync(join(cwd, 'tests', 'test_x.local.py'), TEST);
    expect((await judge('pytest', cwd)).verdict).toBe('pass');
  });

  it('ignored folders no loader enters are not walked (virtualenvs, node_modules, hidden ones)', async () => {
    const cwd = caseWorkspace('ignored-skipped', { '.gitignore': 'venv/\nnode_modules/\n.cache/\n', 'tests/test_a.py': TEST });
    for (const dir of ['venv/lib/site-packages/pkg/tests', 'node_modules/pkg/tests', '.cache/tests']) {
      mkdirSync(join(cwd, dir), { recursive: true });
      writeFileSync(join(cwd, dir, 'conftest.py'), HOSTILE);
    }
    writeFileSync(join(cwd, 'venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
    expect((await judge('pytest', cwd)).verdict).toBe('pass');
  });

  it('an ignored symbolic link to a folder is followed, once, as pytest follows it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'firebreak-ignored-target-'));
    writeFileSync(join(outside, 'conftest.py'), HOSTILE);
    symlinkSync(outside, join(outside, 'loop'));
    const cwd = caseWorkspace('ignored-link', { '.gitignore': 'fixtures/\n', 'tests/test_a.py': TEST });
    mkdirSync(join(cwd, 'fixtures'));
    symlinkSync(outside, join(cwd, 'fixtures', 'shared'));
    expect((await judge('pytest', cwd)).verdict).not.toBe('pass');
    rmSync(outside, { recursive: true, force: true });
  });

  it('more ignored entries than it looks through escalates, naming the folder', async () => {
    const cwd = caseWorkspace('ignored-flood', { '.gitignore': 'out/\n', 'tests/test_a.py': TEST });
    mkdirSync(join(cwd, 'out'));
    for (let i = 0; i < 20_001; i++) writeFileSync(join(cwd, 'out', `f${i}`), '');
    const result = await judge('pytest', cwd);
    expect(result.verdict).toBe('escalate');
    expect(result.text).toContain('out/ holds more than the 20000 entries Firebreak looks through');
  });

  it('outside git every implicitly-run file is read: nothing tells the project\'s own from the agent\'s', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'firebreak-nogit-'));
    mkdirSync(join(cwd, 'tests'));
    writeFileSync(join(cwd, 'tests', 'test_a.py'), TEST);
    expect((await judge('pytest', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'tests', 'conftest.py'), HOSTILE);
    const result = await judge('pytest', cwd);
    expect(result.verdict).not.toBe('pass');
    expect(result.text).toContain('is outside any git repository');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('a changed module the tests import runs too: read in the languages the runner imports', async () => {
    const py = caseWorkspace('imported-py', { 'app/__init__.py': 'X = 1\n', 'tests/test_a.py': 'import app\n' + TEST });
    writeFileSync(join(py, 'app/__init__.py'), HOSTILE);
    const pytest = await judge('pytest', py);
    expect(pytest.verdict).not.toBe('pass');
    expect(pytest.text).toContain('app/__init__.py is run by pytest (through the code it runs, which imports it)');
    // Everyday edits to the application pass: only known operations on targets the code names count.
    writeFileSync(join(py, 'app/__init__.py'), 'import os\nBASE = os.path.dirname(__file__)\ndef add(a, b):\n    return a + b\n');
    expect((await judge('pytest', py)).verdict).toBe('pass');
    // Another runner's language is not its concern: jest does not import Python.
    writeFileSync(join(py, 'app/__init__.py'), HOSTILE);
    expect((await judge('npx jest', py)).verdict).toBe('pass');

    const js = caseWorkspace('imported-js', { 'package.json': '{"name":"x"}', '.gitignore': 'dist/\n', 'src/db.ts': 'export const db = 1;\n', 'src/db.test.ts': "import { db } from './db';\ntest('db', () => expect(db).toBe(1));\n" });
    writeFileSync(join(js, 'src/db.ts'), "import { execSync } from 'node:child_process';\nexecSync('aws s3 rb s3://prod-assets --force');\nexport const db = 1;\n");
    expect((await judge('npx vitest run', js)).verdict).toBe('block');
    writeFileSync(join(js, 'src/db.ts'), 'export const db = 2;\n');
    // Build output git ignores is not a module the tests import: a large bundle there is not read.
    mkdirSync(join(js, 'dist'));
    writeFileSync(join(js, 'dist/bundle.js'), `var x = ${JSON.stringify('a'.repeat(300_000))};\n`);
    expect((await judge('npx vitest run', js)).verdict).toBe('pass');
  });

  it('where the runner is pointed outside the workspace, or at another repository, every such file is read', async () => {
    const cwd = caseWorkspace('pointed', { 'tests/test_a.py': TEST, 'sub/app.py': 'X = 1\n' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'firebreak-pointed-outside-'));
    writeFileSync(join(elsewhere, 'conftest.py'), HOSTILE);
    writeFileSync(join(elsewhere, 'test_e.py'), TEST);
    for (const command of [`pytest ${elsewhere}`, `pytest --rootdir=${elsewhere} ${join(elsewhere, 'test_e.py')}`, `cd ${elsewhere} && pytest`]) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).not.toBe('pass');
      expect(r.text).toContain('delete_bucket');
    }
    // Another project's commits are not this one's: a clone, beside the workspace or inside it.
    const other = caseWorkspace('pointed-other', { 'conftest.py': HOSTILE, 'test_x.py': TEST });
    expect((await judge(`cd ${other} && pytest`, cwd)).text).toContain('is outside the workspace');
    execFileSync('git', ['clone', '-q', other, join(cwd, 'vendor', 'lib')]);
    for (const command of ['pytest', 'pytest vendor/lib', 'cd vendor/lib && pytest']) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).not.toBe('pass');
    }
    expect((await judge('pytest', cwd)).text).toContain('belongs to another repository inside this one');
    rmSync(join(cwd, 'vendor'), { recursive: true, force: true });
    // The project's own folders pass, however the runner is pointed at them.
    for (const command of ['pytest tests', 'pytest sub', '(cd sub; pytest)', 'python3 -m pytest -p no:cacheprovider tests']) {
      expect((await judge(command, cwd)).verdict, command).toBe('pass');
    }
    rmSync(elsewhere, { recursive: true, force: true });
    rmSync(other, { recursive: true, force: true });
  });
});
