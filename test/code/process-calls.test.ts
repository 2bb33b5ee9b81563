// Process calls whose program and words are known while some arguments are run-time values: shell
// tags that escape what they interpolate, argument lists with items spread in, and lists changed in
// place through a function's parameter. Real files in temporary workspaces, read by the real parsers.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf } from './helpers.js';

beforeAll(async () => {
  await actionsIn('node w.js', { 'w.js': 'console.log(1)\n' });
}, 60_000);

const ops = (actions: Awaited<ReturnType<typeof actionsIn>>) => actions.map((a) => `${a.operation} ${a.target.id}`);

describe('shell tags that escape each interpolated value', () => {
  it('Bun Shell: a string option from parseArgs is one argument of a read-only git command', async () => {
    const actions = await actionsIn('bun t.ts --tag v1', { 't.ts': 'import { $ } from "bun";\nimport { parseArgs } from "node:util";\nconst { values } = parseArgs({ options: { tag: { type: "string" } } });\nawait $`git rev-parse -q --verify refs/tags/${values.tag}`.quiet();\n' });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });

  it('the escaped value still names what a destructive command deletes, with file and line', async () => {
    const actions = await actionsIn('node t.mjs', { 't.mjs': 'import { $ } from "zx";\nconst dir = process.env.DIR;\nawait $`rm -rf ${dir}`;\n' });
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.source).toMatchObject({ file: 't.mjs', line: 3 });
  });

  it('a literal list is one word per element', async () => {
    const actions = await actionsIn('node t.mjs', { 't.mjs': 'import { $ } from "zx";\nconst flags = ["push", "--force", "origin", "main"];\nawait $`git ${flags}`;\n' });
    expect(ops(actions)).toContain('update origin/main');
  });

  it.each([
    ['Bun { raw }', 'import { $ } from "bun";\nawait $`echo ${{ raw: process.env.X }}`;\n'],
    ['a value of unknown type (may be { raw })', 'import { $ } from "bun";\nconst o = JSON.parse(process.env.O);\nawait $`ls ${o}`;\n'],
    ['zx quoting replaced', 'import { $ } from "zx";\n$.quote = (s) => s;\nawait $`ls ${process.env.X}`;\n'],
    ['an option that prefixes the command', 'import { $ } from "zx";\nawait $({ prefix: process.env.P })`ls ${process.env.X}`;\n'],
    ['execa through a shell', 'import { $ } from "execa";\nawait $({ shell: true })`ls ${process.env.X}`;\n'],
    ['a raw tag of the library', 'import $ from "dax";\nawait $.raw`git ${process.env.X}`;\n'],
    ['a tag a call returns', 'import { make } from "lib";\nconst sh = make();\nawait sh`ls`;\n'],
  ])('stays a command built at run time: %s', async (_what, code) => {
    const actions = await actionsIn('node t.mjs', { 't.mjs': code });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('.cwd(dir) moves the command: a relative delete is not the workspace one', async () => {
    const actions = await actionsIn('bun t.ts', { 't.ts': 'import { $ } from "bun";\nawait $`rm -rf data`.cwd("/var/lib/postgresql");\n' });
    expect(actions.find((a) => a.operation === 'delete')?.target.id).not.toMatch(/^\/tmp\//);
    expect(evidenceOf(actions.find((a) => a.operation === 'delete')!)).toMatch(/RUNTIME_VALUE|run time|known only/);
  });

  it('one destructive command among any number of escaped reads is always found', async () => {
    const safe = ['git status', 'git log --oneline', 'ls -la'];
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...safe), { maxLength: 4 }), fc.nat(), async (calls, at) => {
      const all = calls.map((c) => `await $\`${c} \${process.env.X}\`;`);
      all.splice(at % (all.length + 1), 0, 'await $`rm -rf ${process.env.X}`;');
      const actions = await actionsIn('node t.mjs', { 't.mjs': `import { $ } from "zx";\n${all.join('\n')}\n` });
      expect(actions.some((a) => a.operation === 'delete')).toBe(true);
    }), { numRuns: 6 });
  });
});

describe('argument lists with items spread in', () => {
  it('a spread of run-time items is more than one word: it may carry a subcommand past an option', async () => {
    const py = await actionsIn('python3 s.py', { 's.py': 'import json, subprocess\nargs = json.load(open("a.json"))\nsubprocess.run(["git", "-C", *args, "status"])\n' });
    const js = await actionsIn('node s.js', { 's.js': 'const { spawnSync } = require("child_process");\nspawnSync("git", ["-C", ...JSON.parse(process.env.A), "status"]);\n' });
    expect(py.map((a) => a.operation)).toContain('unknown');
    expect(js.map((a) => a.operation)).toContain('unknown');
  });

  it('a spread of a known list is its items', async () => {
    const actions = await actionsIn('python3 s.py', { 's.py': 'import subprocess\nbase = ["git", "push"]\nsubprocess.run([*base, "--force", "origin", "main"])\n' });
    expect(ops(actions)).toContain('update origin/main');
  });

  it('read-only git with run-time paths spread in passes', async () => {
    const actions = await actionsIn('python3 s.py a b', { 's.py': 'import subprocess, sys\nsubprocess.run(["git", "diff", "--stat", *sys.argv[1:]])\n' });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });
});

describe('lists changed in place through a parameter', () => {
  const RUN_GIT = 'import subprocess\ndef run_git(args):\n    return subprocess.run(["git"] + args).stdout\n';

  it('a list of another function changed in place does not make every list unknown', async () => {
    const actions = await actionsIn('python3 s.py', { 's.py': `${RUN_GIT}def find(lines):\n    regions = []\n    for l in lines:\n        regions.append(l)\n    return regions\ndef inside(n, regions):\n    return n in regions\nprint(inside(1, find([])), run_git(["status"]))\n` });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });

  it('a helper that appends to the caller\'s list makes that list unknown', async () => {
    const actions = await actionsIn('python3 s.py', { 's.py': 'import subprocess\ndef add(lst):\n    lst.append("--force")\ncmd = ["git", "push", "origin", "main"]\nadd(cmd)\nsubprocess.run(cmd)\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('a helper called through text (eval) keeps every list unknown', async () => {
    const actions = await actionsIn('python3 s.py', { 's.py': 'import subprocess\ndef add(lst):\n    lst.append("/srv/data")\ncmd = ["rm", "-rf"]\neval("add(cmd)")\nsubprocess.run(cmd)\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('"dir" in the text of an f-string or re.compile is not code reaching names through text', async () => {
    const actions = await actionsIn('python3 s.py', { 's.py': `${RUN_GIT}import re\nPAT = re.compile("x")\ndef add(lst):\n    lst.append(1)\nacc = []\nadd(acc)\nprint(f"no such dir {acc}")\nrun_git(["status"])\n` });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });
});

describe('Python calls into a function another project module defines', () => {
  const HELPERS = { 'pkg/__init__.py': '', 'pkg/helpers.py': 'import subprocess\ndef git(args):\n    return subprocess.run(["git"] + args, check=True)\n' };

  it('a relative import called with literals: judged in the helper with the caller\'s values, file and line', async () => {
    const actions = await actionsIn('python3 -m pkg.main', { ...HELPERS, 'pkg/main.py': 'from .helpers import git\ngit(["status"])\ngit(["push", "--force", "origin", "main"])\n' });
    const push = actions.find((a) => a.target.id === 'origin/main');
    expect(push?.source).toMatchObject({ file: 'pkg/helpers.py', line: 3 });
    expect(evidenceOf(push!)).toContain('imported by pkg/main.py');
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it('an absolute import with an alias', async () => {
    const actions = await actionsIn('python3 run.py', { ...HELPERS, 'run.py': 'from pkg.helpers import git as g\ng(["status"])\n' });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });

  it.each([
    ['the module imported whole', 'import pkg.helpers as h\nh.git(["status"])\n', 'imports it whole'],
    ['the function passed on', 'from pkg.helpers import git\ngit(["status"])\nlist(map(git, [["log"]]))\n', 'as a value'],
    ['the name assigned again', 'from pkg.helpers import git\ngit = git\ngit(["status"])\n', 'assigns the imported name again'],
    ['names reached through text', 'import sys\nfrom pkg.helpers import git\ngit(["status"])\ngetattr(sys.modules[__name__], "git")(["x"])\n', 'through text'],
    ['a spread call', 'from pkg.helpers import git\ngit(*[["status"]])\n', 'spread'],
  ])('stays unknown through %s', async (_what, importer, why) => {
    const actions = await actionsIn('python3 run.py', { 'pkg/__init__.py': '', 'pkg/helpers.py': 'import subprocess\ndef git(args):\n    return subprocess.run(args)\n', 'run.py': importer });
    expect(actions.map((a) => a.operation)).toContain('unknown');
    expect(actions.map(evidenceOf).join(' ')).toContain(why);
  });

  it('the calls of every module that imports it count', async () => {
    const actions = await actionsIn('python3 run.py', {
      ...HELPERS,
      'other.py': 'from pkg.helpers import git\ngit(["push", "--mirror", "origin"])\n',
      'run.py': 'from pkg.helpers import git\nimport other\ngit(["status"])\n',
    });
    expect(actions.map((a) => a.operation).filter((o) => o !== 'read').length).toBeGreaterThan(0);
  });
});

describe('importlib of a name known in the code', () => {
  const CLEANUP = { 'cleanup.py': 'import boto3\nboto3.client("s3").delete_bucket(Bucket="prod-assets")\n' };

  it.each([
    ['a literal name', 'import importlib\nimportlib.import_module("cleanup")\n'],
    ['__import__', '__import__("cleanup")\n'],
    ['a literal tuple of names', 'import importlib\nfor n in ("json", "cleanup"):\n    importlib.import_module(n)\n'],
    ['a name relative to a named package', 'import importlib\nimportlib.import_module(".cleanup", package="pkg")\n'],
  ])('reads the project module it names: %s', async (_what, code) => {
    const files: Record<string, string> = _what.includes('relative') ? { 'pkg/__init__.py': '', 'pkg/cleanup.py': CLEANUP['cleanup.py'], 'run.py': code } : { ...CLEANUP, 'run.py': code };
    const actions = await actionsIn('python3 run.py', files);
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.target.id).toBe('prod-assets');
    expect(evidenceOf(del!)).toContain('is imported by run.py');
  });

  it('a standard module named in text reads nothing', async () => {
    const actions = await actionsIn('python3 run.py', { 'run.py': 'import importlib\njson = importlib.import_module("json")\nprint(json.dumps([1]))\n' });
    expect(actions.filter((a) => a.operation !== 'read')).toEqual([]);
  });

  it('a relative name with a package computed at run time is unknown', async () => {
    const actions = await actionsIn('python3 run.py', { 'run.py': 'import importlib, os\nimportlib.import_module(".tasks", package=os.environ["PKG"])\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });
});
