// Deletes in code whose path is built at run time: what the readers resolve (the working directory,
// the script's own location, listings and globs of a known folder) and what stays unbounded (a joined
// part that may be absolute, text from outside the code). Real files in temporary workspaces.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { check } from '../../src/pipeline.js';
import { changesDirectory } from '../../src/intake/code/working-directory.js';
import { actionsIn, evidenceOf, verdict, workspace } from './helpers.js';

const deletes = async (command: string, files: Record<string, string>) =>
  (await actionsIn(command, files)).filter((a) => a.operation === 'delete').map((a) => a.target.id);

describe('asking where the code runs is not changing it', () => {
  it('process.cwd(), Path.cwd(), Deno.cwd() move nothing; .cwd(dir), .cwd = dir, chdir do', () => {
    expect(changesDirectory("const f = path.resolve(process.cwd(), 'x')")).toBe(false);
    expect(changesDirectory('root = Path.cwd()')).toBe(false);
    expect(changesDirectory('Deno.cwd( )')).toBe(false);
    expect(changesDirectory("await $`rm -rf data`.cwd('/var/lib')")).toBe(true);
    expect(changesDirectory("$.cwd = '/srv'")).toBe(true);
    expect(changesDirectory("process.chdir('/srv')")).toBe(true);
    expect(changesDirectory("if (process.cwd() === '/') {}")).toBe(false);
  });

  it('a relative delete next to process.cwd() stays in the working directory', async () => {
    const ids = await deletes('node b.mjs', { 'b.mjs': "import { rmSync } from 'node:fs';\nconst here = process.cwd();\nrmSync('temp/enum.json', { force: true });\n" });
    expect(ids).toEqual(['temp/enum.json']);
  });
});

describe('paths the code builds from where it runs', () => {
  it('process.cwd() and path.resolve of a relative path are the working directory', async () => {
    const ids = await deletes('node c.mjs', { 'c.mjs': "import { rmSync } from 'node:fs';\nimport { join, resolve } from 'node:path';\nrmSync(resolve('.conformance'), { recursive: true });\nrmSync(join(process.cwd(), 'out', '..', 'coverage'), { recursive: true });\n" });
    expect(ids).toEqual(['.conformance', 'coverage']);
  });

  it("os.getcwd(), Path('x').absolute(), os.path.abspath normalise as Python does", async () => {
    const ids = await deletes('python3 c.py', { 'c.py': "import os, shutil\nfrom pathlib import Path\nshutil.rmtree(Path('site').absolute())\nshutil.rmtree(os.path.join(os.getcwd(), 'build'))\nshutil.rmtree(os.path.abspath('build/../dist'))\n" });
    expect(ids).toEqual(['site', './build', 'dist']);
  });

  it('Path(__file__).parents[n] and with_name / with_suffix name the path they return', async () => {
    const dir = workspace({ 'tools/deep/c.py': "import shutil\nfrom pathlib import Path\nshutil.rmtree(Path(__file__).parents[1] / 'dist')\nshutil.rmtree((Path(__file__).parent / 'dist').with_name('data'))\n(Path(__file__).parent / 'a.js').with_suffix('.map').unlink()\n" });
    const actions = await parseShellCommand('python3 tools/deep/c.py', { kind: 'shell', command: 'python3 tools/deep/c.py' }, { cwd: dir });
    expect(actions.filter((a) => a.operation === 'delete').map((a) => a.target.id)).toEqual([join(dir, 'tools/dist'), join(dir, 'tools/deep/data'), join(dir, 'tools/deep/a.map')]);
  });

  it('glob.glob of a pattern in a known folder keeps the pattern; one from .. is judged from there', async () => {
    const dir = workspace({ 'c.py': "import glob, os\nfor f in glob.glob(os.path.join(os.path.dirname(__file__), 'build', '*.o')):\n    os.remove(f)\nfor f in glob.glob('../*'):\n    os.remove(f)\n", 'build/a.o': 'x' });
    const actions = await parseShellCommand('python3 c.py', { kind: 'shell', command: 'python3 c.py' }, { cwd: dir });
    const ids = actions.filter((a) => a.operation === 'delete').map((a) => a.target.id);
    expect(ids).toEqual(['./build/*.o', '../*']);
    expect((await verdict('python3 c.py', { 'c.py': "import glob, os\nfor f in glob.glob('../*'):\n    os.remove(f)\n" })).verdict).not.toBe('pass');
  });
});

describe('parts known only at run time', () => {
  it('path.join(dir, process.argv[2]) is not bounded by dir: the argument may be absolute', async () => {
    const files = { 'c.mjs': "import { rmSync } from 'node:fs';\nimport path from 'node:path';\nrmSync(path.join(import.meta.dirname, 'dist', process.argv[2]), { recursive: true, force: true });\n" };
    expect((await verdict('node c.mjs "$T"', files)).verdict).not.toBe('pass');
    const del = (await actionsIn('node c.mjs "$T"', files)).find((a) => a.operation === 'delete')!;
    expect(evidenceOf(del)).toContain("c.mjs:3: the path '");
    expect(evidenceOf(del)).toContain('may be absolute or climb with ..');
    // The argument as the command gives it is known: dist/api.
    expect(await deletes('node c.mjs api', files)).toEqual([expect.stringMatching(/\/dist\/api$/)]);
  });

  it('an environment variable in a template literal is not bounded by the folder before it', async () => {
    const { verdict: v } = await verdict('node c.mjs', { 'c.mjs': "import { rmSync } from 'node:fs';\nrmSync(`${import.meta.dirname}/dist/${process.env.TARGET}`, { recursive: true, force: true });\n" });
    expect(v).not.toBe('pass');
  });

  it('os.path.join with an absolute literal starts over', async () => {
    const ids = await deletes('python3 c.py', { 'c.py': "import os, shutil\nshutil.rmtree(os.path.join(os.path.dirname(__file__), '/etc'))\n" });
    expect(ids).toEqual(['/etc']);
  });

  it('an entry of a listing of a workspace folder stays in it; the same loop over a link out of the workspace does not pass', async () => {
    const code = { 'c.mjs': "import { readdirSync, rmSync } from 'node:fs';\nimport { join } from 'node:path';\nconst dir = join(import.meta.dirname, 'build');\nfor (const e of readdirSync(dir)) rmSync(join(dir, e), { recursive: true, force: true });\n", 'build/app.js': 'x' };
    expect((await verdict('node c.mjs', code)).verdict).toBe('pass');
    // cache -> data: the entries deleted are the data folder's.
    const linked = { ...code, 'c.mjs': code['c.mjs'].replace("'build'", "'cache'"), 'data/users.sqlite': 'data' };
    const dir = workspace(linked);
    symlinkSync('data', join(dir, 'cache'));
    const { report } = await check({ commands: ['node c.mjs'], cwd: dir, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
    expect(report.verdict).not.toBe('pass');
  });
});
