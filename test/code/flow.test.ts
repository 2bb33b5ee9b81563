// Values that reach a call from elsewhere in the code (a function's callers, alternatives, loops,
// folder listings, the script's own command line), read by the real parsers from real files.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summary } from './helpers.js';

// The first reading loads the parser runtime and grammars: outside the judging deadline of a test.
beforeAll(async () => {
  await actionsIn('node w.js && python3 w.py', { 'w.js': 'console.log(1)\n', 'w.py': 'print(1)\n' });
}, 60_000);

const RUN_LOGGED = {
  'scripts/run-logged.mjs': `import { spawn } from 'node:child_process';
const [logname, command, ...args] = process.argv.slice(2);
spawn(command, args, { stdio: 'inherit' });
`,
};

describe("a parameter takes its callers' values", () => {
  it('judges the call once for each literal caller, with its file and line', async () => {
    const actions = await actionsIn('node boot.js', {
      'boot.js': "const { execSync } = require('child_process');\nfunction exec(command) {\n  execSync(command);\n}\nexec('git status');\nexec('rm -rf build');\n",
    });
    const deletes = actions.filter((a) => a.operation === 'delete');
    expect(deletes.map((a) => a.target.id)).toEqual([expect.stringMatching(/build$/)]);
    expect(deletes[0].source).toMatchObject({ file: 'boot.js', line: 3 });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it('takes a keyword argument, a default and a rest parameter', async () => {
    expect(await summary('python3 t.py', { 't.py': 'import shutil\ndef clean(path="dist"):\n    shutil.rmtree(path)\nclean()\nclean(path="/srv/data")\n' }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^delete rm fs:path .*dist$/), expect.stringMatching(/^delete rm fs:path \/srv\/data$/)]));
    const rest = await actionsIn('node r.mjs', { 'r.mjs': "import { execFileSync } from 'node:child_process';\nfunction sh(...args) { execFileSync('rm', args); }\nsh('-rf', 'out');\n" });
    expect(rest.map((a) => `${a.operation} ${a.target.id}`)).toEqual([expect.stringMatching(/^delete .*out$/)]);
  });

  it.each([
    // (A script that imports no project module is the only code that can call its exports: see js-reading13.test.ts.)
    ['exported from a script that imports project code', "import { helper } from './lib.mjs';\nexport function run(c) { execSync(c); }\nrun('ls');\nhelper();\n", 'exported'],
    ['passed as a value', "function run(c) { execSync(c); }\nrun('ls');\n[1].forEach(run);\n", 'used as a value'],
    // (A spread of a known list puts its items in place: see js-reading13.test.ts.)
    ['called with a spread of a value computed at run time', "function run(c) { execSync(c); }\nrun(...JSON.parse(process.env.ARGS));\n", 'spread'],
    ['never called by name', "function run(c) { execSync(c); }\n", 'nothing in the code calls'],
  ])('stays unknown when %s', async (_what, body, why) => {
    const actions = await actionsIn('node x.mjs', { 'x.mjs': `import { execSync } from 'node:child_process';\n${body}`, 'lib.mjs': 'export function helper() {}\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
    expect(actions.map(evidenceOf).join(' ')).toContain(why);
  });

  it('one destructive caller among any number of safe ones is always found', async () => {
    const safe = ['git status', 'git diff --stat', 'ls -la', 'echo done', 'git log -1', 'pwd'];
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...safe), { maxLength: 8 }), fc.nat(), async (calls, at) => {
      const all = [...calls];
      all.splice(at % (calls.length + 1), 0, 'rm -rf ~');
      const code = `const { execSync } = require('child_process');\nfunction run(c) { execSync(c); }\n${all.map((c) => `run(${JSON.stringify(c)});`).join('\n')}\n`;
      const ops = (await actionsIn('node x.js', { 'x.js': code })).map((a) => `${a.operation} ${a.target.id}`);
      // Up to the cap each value is judged (the home folder is deleted); past it, the value is unknown.
      expect(ops.some((o) => o === 'delete ~' || o.startsWith('unknown'))).toBe(true);
    }), { numRuns: 25 });
  }, 120_000);
});

describe('alternatives', () => {
  it('judges both sides of a ternary and of ||', async () => {
    const ops = await summary('node x.mjs', { 'x.mjs': "import { rmSync } from 'node:fs';\nconst out = process.platform === 'win32' ? 'dist' : '/var/lib/app';\nrmSync(out, { recursive: true });\n" });
    expect(ops).toEqual(expect.arrayContaining([expect.stringMatching(/dist$/), 'delete rm fs:path /var/lib/app']));
  });

  it('too many different values is unknown', async () => {
    const lines = Array.from({ length: 14 }, (_, i) => `if x == ${i}:\n    cmd = "echo ${i}"`).join('\n');
    const actions = await actionsIn('python3 x.py', { 'x.py': `import os, sys\nx = len(sys.argv)\n${lines}\nos.system(cmd)\n` });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });
});

describe("the script's command line", () => {
  it('is the arguments the command gives', async () => {
    expect(await summary('node scripts/run-logged.mjs log rm -rf build', RUN_LOGGED)).toEqual([expect.stringMatching(/^delete rm fs:path .*build$/)]);
    expect(await summary('python3 w.py rm -f notes.txt', { 'w.py': 'import subprocess, sys\nsubprocess.run(sys.argv[1:])\n' })).toEqual([expect.stringMatching(/^delete rm fs:path .*notes\.txt$/)]);
  });

  it.each(['"$CMD"', '$(cat c)', '*.sh', '{a,b}'])('an argument the shell expands (%s) is unknown', async (arg) => {
    const actions = await actionsIn(`node scripts/run-logged.mjs log ${arg}`, RUN_LOGGED);
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('is unknown when xargs appends to it', async () => {
    const actions = await actionsIn('xargs node scripts/run-logged.mjs log < list.txt', { ...RUN_LOGGED, 'list.txt': 'ls\n' });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });
});

describe('loops and folder listings', () => {
  it('a loop over a literal list judges every element', async () => {
    expect(await summary('python3 c.py', { 'c.py': 'import shutil\nfor d in ["build", "/etc"]:\n    shutil.rmtree(d)\n' }))
      .toEqual(expect.arrayContaining([expect.stringMatching(/build$/), 'delete rm fs:path /etc']));
  });

  it("an entry of a folder listing is a name in that folder, spelled as the folder's glob", async () => {
    const ops = await summary('node c.js', { 'c.js': "const fs = require('fs'); const path = require('path');\nfor (const n of fs.readdirSync('/srv')) fs.rmSync(path.join('/srv', n), { recursive: true });\n" });
    expect(ops).toEqual(['delete rm fs:path /srv/*']);
    const py = await summary('python3 c.py', { 'c.py': 'from pathlib import Path\nfor p in Path("/srv").iterdir():\n    p.unlink()\n' });
    expect(py).toEqual(['delete rm fs:path /srv/*']);
  });
});

describe('JSON loads are data', () => {
  it('a require of a path ending in .json built at run time runs no code', async () => {
    expect(await summary('node b.js', { 'b.js': "const fs = require('fs');\nfor (const t of fs.readdirSync('packages')) console.log(require(`../packages/${t}/package.json`).name);\n" })).toEqual([]);
  });

  it('a module built at run time that is not JSON is unknown', async () => {
    expect((await summary('node b.js', { 'b.js': 'require(`./plugins/${process.env.P}.js`);\n' }))[0]).toMatch(/^unknown/);
    expect((await summary('node b.mjs', { 'b.mjs': 'await import(`data:text/javascript,${process.env.C}//.json`);\n' }))[0]).toMatch(/^unknown/);
  });
});

describe('attributes of objects of a class defined in the file', () => {
  const CONFIG = 'import shutil\nclass Config:\n    def __init__(self, out):\n        self.out = out\n';

  it("an attribute set from the constructor's arguments is known", async () => {
    expect(await summary('python3 m.py', { 'm.py': `${CONFIG}shutil.rmtree(Config(out="/srv/x").out)\n` })).toEqual(['delete rm fs:path /srv/x']);
  });

  it('every assignment to an attribute of that name counts', async () => {
    const ops = await summary('python3 m.py', { 'm.py': `${CONFIG}c = Config("build")\nc.out = "/srv/y"\nshutil.rmtree(c.out)\n` });
    expect(ops).toContain('delete rm fs:path /srv/y');
  });

  it('is unknown where attributes are set by name, and for decorated or derived classes', async () => {
    for (const code of [
      `${CONFIG}c = Config("build")\nsetattr(c, "o" + "ut", "/")\nshutil.rmtree(c.out)\n`,
      'import shutil\nfrom dataclasses import dataclass\n@dataclass\nclass Config:\n    out: str = "build"\nshutil.rmtree(Config().out)\n',
      'import shutil\nclass Config(dict):\n    def __init__(self, out):\n        self.out = out\nshutil.rmtree(Config("build").out)\n',
    ]) {
      expect((await summary('python3 m.py', { 'm.py': code })).join(' ')).toMatch(/RUNTIME_VALUE|unknown/);
    }
  });
});

describe('a list changed in place', () => {
  it('is not the literal it started as', async () => {
    for (const code of [
      'import shutil\ndirs = ["build"]\ndirs.append("/srv")\nfor d in dirs:\n    shutil.rmtree(d)\n',
      'import shutil\ndirs = ["build"]\nother = dirs\nother[0] = "/srv"\nfor d in dirs:\n    shutil.rmtree(d)\n',
      'import shutil\ndirs = ["build"]\ndef grow(x):\n    x.append("/srv")\ngrow(dirs)\nfor d in dirs:\n    shutil.rmtree(d)\n',
    ]) {
      expect((await summary('python3 c.py', { 'c.py': code })).join(' ')).toMatch(/RUNTIME_VALUE|^unknown|\/srv/);
    }
  });
});
