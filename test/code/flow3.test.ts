// Object spreads of known objects, and imports that are not code running code: real files in
// temporary workspaces, read by the real parsers, judged through the shell intake.
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf } from './helpers.js';

beforeAll(async () => {
  await actionsIn('node w.js', { 'w.js': 'console.log(1)\n' });
}, 60_000);

const ops = (actions: { operation: string; target: { id: string } }[]) => actions.map((a) => `${a.operation} ${a.target.id}`);

describe('object spreads', () => {
  it("gives the keys of each caller's options: no cwd means the command's own folder", async () => {
    const actions = await actionsIn('node build.mjs', {
      'utils.mjs': "import { spawn } from 'node:child_process';\nexport function exec(c, a, o) { return spawn(c, a, { stdio: 'pipe', ...o, shell: false }); }\n",
      'build.mjs': "import { exec } from './utils.mjs';\nexec('rm', ['-rf', 'dist'], { stdio: 'inherit' });\nexec('git', ['status']);\n",
    });
    expect(actions.map((a) => a.operation)).not.toContain('unknown');
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.target.id).toBe('dist');
    expect(evidenceOf(del!)).not.toContain('relative to');
  });

  it("a caller's cwd spread into the options moves the command there", async () => {
    const actions = await actionsIn('node build.mjs', {
      'build.mjs': "import { spawnSync } from 'node:child_process';\nconst o = { cwd: '/srv' };\nspawnSync('rm', ['-rf', 'data'], { stdio: 'inherit', ...o });\n",
    });
    expect(ops(actions)).toContain('delete data');
    expect(actions.map(evidenceOf).join(' ')).toContain('relative to /srv');
  });

  it('an explicit key after the spread wins over it', async () => {
    const actions = await actionsIn('node build.mjs', {
      'build.mjs': "import { spawnSync } from 'node:child_process';\nconst o = { cwd: '/srv' };\nspawnSync('rm', ['-rf', 'data'], { ...o, cwd: '/opt' });\n",
    });
    expect(actions.map(evidenceOf).join(' ')).toContain('relative to /opt');
    expect(actions.map(evidenceOf).join(' ')).not.toContain('relative to /srv');
  });

  it.each([
    ['cwd', "spawnSync('rm', ['-rf', 'data'], { cwd: '.', ...extra })"],
    ['shell', "execFileSync('echo ok; rm -rf ~/x', [], { shell: false, ...extra })"],
  ])('an unknown spread after %s makes it unknown', async (_key, call) => {
    const actions = await actionsIn('node build.mjs', {
      'build.mjs': `import { spawnSync, execFileSync } from 'node:child_process';\nconst extra = JSON.parse(process.env.OPTS);\n${call};\n`,
    });
    // The delete runs in a folder known only at run time, or through a shell that reaches ~/x.
    expect(actions.some((a) => evidenceOf(a).includes('relative to ${RUNTIME_VALUE}') || a.target.id === '~/x')).toBe(true);
  });

  it('one object per alternative spread: a bad one is enough', async () => {
    const actions = await actionsIn('node build.mjs', {
      'build.mjs': "import { spawnSync } from 'node:child_process';\nconst a = { stdio: 'inherit' };\nconst o = process.env.CI ? { ...a, cwd: '/' } : { ...a };\nspawnSync('rm', ['-rf', 'etc'], o);\n",
    });
    expect(actions.map(evidenceOf).join(' ')).toContain('relative to / ');
  });
});

describe('imports', () => {
  const chain = (n: number, last: string): Record<string, string> => {
    const files: Record<string, string> = { 'main.mjs': "import { f1 } from './m1.mjs';\nf1();\n" };
    for (let i = 1; i < n; i++) files[`m${i}.mjs`] = `import { f${i + 1} } from './m${i + 1}.mjs';\nexport function f${i}() { return f${i + 1}(); }\n`;
    files[`m${n}.mjs`] = last;
    return files;
  };

  it('a chain of imports deeper than the nesting bound is read to its end', async () => {
    const actions = await actionsIn('node main.mjs', chain(12, "import { execSync } from 'node:child_process';\nexport function f12() { execSync('rm -rf ~/projects'); }\n"));
    expect(ops(actions)).toContain('delete ~/projects');
    const del = actions.find((a) => a.operation === 'delete');
    expect(evidenceOf(del!)).toContain('m12.mjs is imported by m11.mjs');
  });

  it('a chain longer than the files read for one command is unread, never passed', async () => {
    const actions = await actionsIn('node main.mjs', chain(45, 'export function f45() { return 1; }\n'));
    expect(actions.map((a) => a.operation)).toContain('unknown');
    expect(actions.map(evidenceOf).join(' ')).toContain('more project modules than Firebreak reads');
  });

  it('code running code is still bounded by the nesting depth', async () => {
    // Each file runs the next as a script: a chain of eight.
    const files: Record<string, string> = {};
    for (let i = 0; i < 8; i++) files[`s${i}.py`] = `import runpy\nrunpy.run_path('s${i + 1}.py')\n`;
    files['s8.py'] = 'print(1)\n';
    const actions = await actionsIn('python3 s0.py', files);
    expect(actions.map(evidenceOf).join(' ')).toContain('nested more than 6 levels deep');
  });
});

describe('what a local function returns', () => {
  it('a Python function returning argv: judged as that command, with the caller line', async () => {
    const actions = await actionsIn('python3 t.py', { 't.py': "import subprocess\ndef cmd():\n    return ['rm', '-rf', '/srv/data']\nsubprocess.run(cmd())\n" });
    expect(ops(actions)).toContain('delete /srv/data');
    expect(actions.find((a) => a.operation === 'delete')?.source).toMatchObject({ file: 't.py', line: 4 });
  });

  it('a parameter in the returned value takes the callers\' values', async () => {
    const actions = await actionsIn('python3 t.py', { 't.py': "import subprocess\ndef rm(p):\n    return ['rm', '-rf', p]\nsubprocess.run(rm('build'))\nsubprocess.run(rm('/etc'))\n" });
    expect(ops(actions)).toContain('delete /etc');
  });

  it.each([
    ['a body that can end without return (None)', "import subprocess\ndef cmd(x):\n    if x:\n        return 'ls'\nsubprocess.run(cmd(1), shell=True)\n"],
    ['a generator', "import subprocess\ndef cmd():\n    yield 'ls'\nsubprocess.run(cmd(), shell=True)\n"],
    ['a decorated function', "import subprocess, functools\ndef deco(f):\n    return lambda: 'rm -rf ~'\n@deco\ndef cmd():\n    return 'ls'\nsubprocess.run(cmd(), shell=True)\n"],
    ['a module that imports a project module', "import subprocess, helper\ndef cmd():\n    return 'ls'\nsubprocess.run(cmd(), shell=True)\n"],
  ])('stays unknown for %s', async (_what, code) => {
    const actions = await actionsIn('python3 t.py', { 't.py': code, 'helper.py': 'x = 1\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('a method of the same name is not the function', async () => {
    const actions = await actionsIn('python3 t.py', {
      't.py': "import subprocess\nclass A:\n    def cmd(self):\n        return 'rm -rf ~'\ndef cmd():\n    return 'ls'\nsubprocess.run(cmd(), shell=True)\nsubprocess.run(A().cmd(), shell=True)\n",
    });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('JavaScript: function declarations, arrows with expression bodies, async functions', async () => {
    const actions = await actionsIn('node b.mjs', {
      'b.mjs': "import { execSync, spawnSync } from 'node:child_process';\nfunction a() { return 'rm -rf /srv/a'; }\nconst b = () => 'rm -rf /srv/b';\nconst c = async () => ['rm', '-rf', '/srv/c'];\nexecSync(a());\nexecSync(b());\nconst [p, ...r] = await c();\nspawnSync(p, r);\n",
    });
    expect(ops(actions)).toEqual(expect.arrayContaining(['delete /srv/a', 'delete /srv/b', 'delete /srv/c']));
  });

  it('JavaScript: a return inside a callback belongs to the callback', async () => {
    const actions = await actionsIn('node b.mjs', {
      'b.mjs': "import { execSync } from 'node:child_process';\nfunction cmd(list) { list.map((x) => { return 'rm -rf ~'; }); return 'git status'; }\nexecSync(cmd([]));\n",
    });
    expect(actions).toEqual([]);
  });
});
