// Code that hides what it runs from a reader that takes the text at its word: characters the
// runtime reads differently from the parser, names picked at run time, modules that are not there
// yet or that the command rewrites, and runners that hand a file to an interpreter.
import { describe, expect, it } from 'vitest';
import { pythonSource } from '../../src/intake/code/readers/python.js';
import { verdict } from './helpers.js';

describe('Python reads the text as Python does', () => {
  it('a lone carriage return ends a line; names are compared in NFKC form', () => {
    expect(pythonSource('# a\rimport os\r\nos.system("x")').text).toBe('# a\nimport os\nos.system("x")');
    expect(pythonSource('os.\uff53ystem("x")').text).toBe('os.system("x")');
    expect(pythonSource('print(1)\n').problem).toBeUndefined();
  });

  it('a coding declaration other than UTF-8 or an ASCII-compatible one makes the code unread', () => {
    expect(pythonSource('# -*- coding: utf-7 -*-\nx = 1\n').problem?.why).toMatch(/encoding utf-7/);
    expect(pythonSource('#!/usr/bin/env python3\n# coding: unicode_escape\n').problem?.why).toMatch(/unicode_escape/);
    expect(pythonSource('# -*- coding: utf-8 -*-\nx = 1\n').problem).toBeUndefined();
    expect(pythonSource('# coding: latin-1\n').problem).toBeUndefined();
    // Only the first two lines, and the second only after a comment line.
    expect(pythonSource('x = 1\n# coding: utf-7\n').problem).toBeUndefined();
  });

  it('a call after a carriage return in a comment is judged', async () => {
    const got = await verdict('python3 cr.py', { 'cr.py': "# setup\rimport shutil; shutil.rmtree('/srv/data')\n" });
    expect(got.verdict).toBe('block');
    expect(got.why).toMatch(/\/srv\/data/);
  });

  it('fullwidth letters name the same function', async () => {
    expect((await verdict('python3 fw.py', { 'fw.py': "import os\nos.\uff53ystem('rm -rf ~')\n" })).verdict).toBe('block');
  });

  it('a name that is not a name before normalising is a syntax error, not code', async () => {
    expect((await verdict('python3 -c "\u2ef3 = 1"')).verdict).not.toBe('pass');
  });

  it('utf-7 source escalates with the reason', async () => {
    const got = await verdict('python3 u7.py', { 'u7.py': '# -*- coding: utf-7 -*-\n# +AAo-import os+ADs- os.system(+ACc-ls+ACc-)\n' });
    expect(got.verdict).toBe('escalate');
    expect(got.why).toMatch(/declares the encoding utf-7/);
  });
});

describe('JavaScript names', () => {
  it('a name written with unicode escapes is unknown', async () => {
    const got = await verdict('node ue.js', { 'ue.js': "const cp = require('child_process');\ncp.exec\\u0053ync('ls');\n" });
    expect(got.verdict).toBe('escalate');
    expect(got.why).toMatch(/exec\\u0053ync is written with escapes/);
  });

  it('a member of a module picked at run time is unknown; one joined from literals is that member', async () => {
    expect((await verdict(`node -e "const cp = require('child_process'); cp[process.env.HOW]('ls')"`)).why).toMatch(/member of child_process picked by a name computed at run time/);
    expect((await verdict(`node -e "const cp = require('child_process'); cp['exec' + 'Sync']('ls')"`)).verdict).toBe('pass');
  });

  it('a module handed whole to an unread function is unknown; to a function of the file it is followed', async () => {
    expect((await verdict(`node -e "Object.values(require('child_process'))[0]('ls')"`)).why).toMatch(/passes the module child_process whole/);
    expect((await verdict('node m.js', { 'm.js': "function clean(fs) { fs.rmSync('dist', { recursive: true, force: true }); }\nclean(require('fs'));\n" })).verdict).toBe('pass');
    expect((await verdict('node m.js', { 'm.js': "function clean(fs) { fs.rmSync('/srv/data', { recursive: true }); }\nclean(require('fs'));\n" })).verdict).toBe('block');
  });

  it("a value's constructor called with text is the Function constructor", async () => {
    expect((await verdict('node m.js', { 'm.js': 'const F = (() => {}).constructor;\nF(process.argv[2])();\n' })).verdict).toBe('escalate');
  });
});

describe('modules that are not there, or not what is there', () => {
  it('an import of code outside the workspace that is not there is unknown; build output not built yet, JSON or types run nothing', async () => {
    expect((await verdict('node m.js', { 'm.js': "require('/tmp/firebreak-no-such-folder/setup');\n" })).why).toMatch(/loads \/tmp\/firebreak-no-such-folder\/setup, which is not a file Firebreak can read now/);
    expect((await verdict('node m.js', { 'm.js': "require('../../firebreak-no-such-folder/setup');\n" })).verdict).toBe('escalate');
    expect((await verdict('node bin/run.js', { 'bin/run.js': "import '../dist/index.js';\n" })).verdict).toBe('pass');
    expect((await verdict('node m.js', { 'm.js': "try { require('./local.json'); } catch {}\n" })).verdict).toBe('pass');
    expect((await verdict('npx tsx m.ts', { 'm.ts': "import type { O } from './types';\nconst o: O = { a: 1 };\nconsole.log(o);\n", 'types.d.ts': 'export interface O { a: number }\n' })).verdict).toBe('pass');
  });

  it('a module the line writes before running the code is judged on what it writes', async () => {
    const py = await verdict(`echo "import shutil; shutil.rmtree('/srv/data')" > helper.py && python3 main.py`, { 'main.py': 'import helper\n', 'helper.py': "print('hello')\n" });
    expect(py.verdict).toBe('block');
    expect(py.why).toMatch(/helper\.py:1 calls shutil\.rmtree/);
    const js = await verdict(`printf '%s' "require('fs').rmSync('/srv/data', {recursive: true})" > lib.js && node main.js`, { 'main.js': "require('./lib');\n" });
    expect(js.verdict).toBe('block');
    expect((await verdict(`echo "print('hi')" > helper.py && python3 main.py`, { 'main.py': 'import helper\n' })).verdict).toBe('pass');
  });

  it("runpy.run_path and fork resolve from the working directory, not the script's folder", async () => {
    const files = { 's/r.py': "import runpy\nrunpy.run_path('x.py')\n", 's/x.py': "print('hello')\n", 'x.py': "import shutil\nshutil.rmtree('/srv/data')\n" };
    expect((await verdict('python3 s/r.py', files)).verdict).toBe('block');
    expect((await verdict('cd s && python3 r.py', files)).verdict).toBe('pass');
  });
});

describe('runners and libraries', () => {
  it('uv run and pdm run of a .py file run it in Python', async () => {
    const files = { 'clean.py': "import shutil\nshutil.rmtree('/var/lib/postgresql/data')\n", 'gen.py': 'print(1)\n' };
    expect((await verdict('uv run clean.py', files)).verdict).toBe('block');
    expect((await verdict('pdm run clean.py', files)).verdict).toBe('block');
    expect((await verdict('uv run gen.py', files)).verdict).toBe('pass');
  });

  it('zx reads its script as JavaScript with $ as the shell tag', async () => {
    expect((await verdict('zx s.mjs', { 's.mjs': 'await $`aws s3 rb s3://prod-assets --force`\n' })).verdict).toBe('block');
    expect((await verdict('zx s.mjs', { 's.mjs': 'await $`git status --short`\n' })).verdict).toBe('pass');
    expect((await verdict('zx --shell=/tmp/sh s.mjs', { 's.mjs': 'await $`ls`\n' })).verdict).toBe('escalate');
  });

  it("plumbum commands built by indexing run what they name", async () => {
    expect((await verdict(`python3 -c "from plumbum import local; local['rm']['-rf', '/srv/data']()"`)).verdict).toBe('block');
    expect((await verdict('python3 p.py', { 'p.py': "from plumbum import local, FG\nlocal['rm']['-rf', '/srv/data'] & FG\n" })).verdict).toBe('block');
    expect((await verdict(`python3 -c "from plumbum.cmd import git; git['status', '--short']()"`)).verdict).toBe('pass');
  });

  it('importlib loading a file runs that file', async () => {
    const load = "import importlib.util\nspec = importlib.util.spec_from_file_location('m', 'm.py')\nm = importlib.util.module_from_spec(spec)\nspec.loader.exec_module(m)\n";
    expect((await verdict('python3 l.py', { 'l.py': load, 'm.py': "import shutil\nshutil.rmtree('/srv/data')\n" })).verdict).toBe('block');
    expect((await verdict('python3 l.py', { 'l.py': load, 'm.py': 'x = 1\n' })).verdict).toBe('pass');
  });

  it("Ruby's open of a name starting with | runs it; a name known only at run time may", async () => {
    expect((await verdict(`ruby -e 'IO.read("|terraform destroy -auto-approve")'`)).verdict).toBe('block');
    expect((await verdict(`ruby -e 'open(ARGV[0])' x`)).why).toMatch(/starts with \| runs a program/);
    expect((await verdict(`ruby -e 'puts open("README.md").read'`)).verdict).toBe('pass');
  });
});
