// JavaScript values the reader follows since wave 13: destructured parameters with defaults, the
// exports of a script nothing else can import, a parameter passed back under its own name, lists
// sorted after filtering, require.resolve of a JSON file. Each with the spelling that must stay unknown.
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf } from './helpers.js';

beforeAll(async () => {
  await actionsIn('node w.js', { 'w.js': 'console.log(1)\n' });
}, 60_000);

const deletes = async (command: string, files: Record<string, string>) =>
  (await actionsIn(command, files)).map((a) => `${a.operation} ${a.target.id}`);

describe('a destructured parameter with a default', () => {
  const fn = "import { rmSync } from 'node:fs';\nimport { join } from 'node:path';\nconst here = join(import.meta.dirname, 'out');\nfunction clean({ root = here, force = false } = {}) {\n  rmSync(join(root, 'cache'), { recursive: true, force });\n}\n";

  it('takes the default when the caller passes no such key, or nothing', async () => {
    const ops = await deletes('node c.mjs', { 'c.mjs': `${fn}clean({ force: true });\nclean();\n` });
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.every((o) => /^delete \/.*\/out\/cache$/.test(o))).toBe(true);
  });

  it('takes the default when the command gives no argument for process.argv[2] (undefined)', async () => {
    expect(await deletes('node c.mjs', { 'c.mjs': `${fn}clean({ root: process.argv[2] });\n` })).toEqual([expect.stringMatching(/^delete \/.*\/out\/cache$/)]);
  });

  it("takes the caller's value when it passes the key", async () => {
    const ops = await deletes('node c.mjs', { 'c.mjs': `${fn}clean({ root: '/srv/data' });\n` });
    expect(ops).toContain('delete /srv/data/cache');
  });

  it.each([
    ['from the command line', 'clean({ root: process.argv[2] });'],
    ['from an object spread from the environment', 'clean({ ...JSON.parse(process.env.OPTS) });'],
    ['from an options object computed at run time', 'clean(JSON.parse(process.env.OPTS));'],
  ])('stays unknown when the root comes %s', async (_what, call) => {
    // An argument the shell expands: with none given, process.argv[2] is undefined and the default applies.
    const actions = await actionsIn('node c.mjs "$ROOT"', { 'c.mjs': `${fn}${call}\n` });
    expect(actions.some((a) => a.operation === 'delete' && /RUNTIME_VALUE|\*/.test(a.target.id))).toBe(true);
  });
});

describe('the exports of the script the command runs', () => {
  const wipe = "import { rmSync } from 'node:fs';\nexport function wipe(p) { rmSync(p, { recursive: true, force: true }); }\n";

  it('are called only by the script itself when it imports no project module', async () => {
    expect(await deletes('node x.mjs', { 'x.mjs': `${wipe}wipe('./build');\n` })).toEqual(['delete ./build']);
  });

  it('stay open when the script imports project code (which may import it back)', async () => {
    const actions = await actionsIn('node x.mjs', {
      'x.mjs': `import './lib.mjs';\n${wipe}wipe('./build');\n`,
      'lib.mjs': "import os from 'node:os';\nimport { wipe } from './x.mjs';\nwipe(os.homedir());\n",
    });
    expect(actions.map(evidenceOf).join(' ')).toMatch(/exported|home|~/);
    expect(actions.some((a) => a.operation === 'delete' && a.target.id !== './build')).toBe(true);
  });

  it('stay open when another module imports the script', async () => {
    const actions = await actionsIn('node pre.mjs', {
      'x.mjs': `${wipe}wipe('./build');\n`,
      'pre.mjs': "import os from 'node:os';\nimport { wipe } from './x.mjs';\nwipe(os.homedir());\n",
    });
    expect(actions.some((a) => a.operation === 'delete' && a.target.id !== './build')).toBe(true);
  });
});

describe('a parameter of the same name passed back', () => {
  it('adds nothing to the values the name has', async () => {
    const code = "import { rmSync } from 'node:fs';\nconst root = './build';\nfunction clean(root) { rmSync(root, { recursive: true }); }\nclean(root);\n";
    expect(await deletes('node p.mjs', { 'p.mjs': code })).toEqual(['delete ./build']);
  });

  it.each([
    ['another caller passes the home folder', "clean(root);\nclean(os.homedir());"],
    ['a caller picks between it and the home folder', "clean(process.argv[2] ? root : os.homedir());"],
    ['a caller passes it changed', "clean(root.replace('./build', os.homedir()));"],
  ])('still sees the other values when %s', async (_what, calls) => {
    const code = `import { rmSync } from 'node:fs';\nimport os from 'node:os';\nconst root = './build';\nfunction clean(root) { rmSync(root, { recursive: true }); }\n${calls}\n`;
    const ops = await deletes('node p.mjs', { 'p.mjs': code });
    expect(ops.some((o) => o !== 'delete ./build')).toBe(true);
  });
});

describe('a list changed in place', () => {
  it('is only the copy when it is sorted after filter or map', async () => {
    const code = "import { rmSync, readdirSync } from 'node:fs';\nconst DIRS = ['dist', 'build'];\nconst names = readdirSync('.').filter((n) => n.endsWith('.md')).sort();\nfor (const d of DIRS) rmSync(d, { recursive: true, force: true });\n";
    expect(await deletes('node s.mjs', { 's.mjs': code })).toEqual(['delete dist', 'delete build']);
  });

  it('is the named list when it is sorted or pushed to itself', async () => {
    const code = "import { rmSync } from 'node:fs';\nimport os from 'node:os';\nconst DIRS = ['dist', 'build'];\nDIRS.slice(0).sort();\nDIRS.push(os.homedir());\nfor (const d of DIRS) rmSync(d, { recursive: true, force: true });\n";
    const ops = await deletes('node s.mjs', { 's.mjs': code });
    expect(ops.some((o) => o !== 'delete dist' && o !== 'delete build')).toBe(true);
  });
});

describe('require.resolve of a JSON file', () => {
  it('loads data when required', async () => {
    const code = "const path = require.resolve('@scope/pkg/package.json', { paths: [__dirname] });\nconst deps = Object.keys(require(path).devDependencies);\nconsole.log(deps);\n";
    const actions = await actionsIn('node r.js', { 'r.js': code });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it.each([
    ['a module', "require(require.resolve('@scope/pkg'))"],
    ['a name from the command line', "require(require.resolve(process.argv[2]))"],
    ['import() of the URL import.meta.resolve finds', "import(import.meta.resolve('pkg/package.json'))"],
  ])('stays unknown for %s', async (_what, line) => {
    const actions = await actionsIn('node r.mjs', { 'r.mjs': `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${line};\n` });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(true);
  });
});

describe('a spread in last place', () => {
  const git = "import { execFileSync } from 'node:child_process';\nfunction git(root, ...args) { return execFileSync('git', args, { cwd: root }); }\nfunction tryGit(root, ...args) { try { return git(root, ...args); } catch { return null; } }\n";

  it('puts the items of a known list in place, through a wrapper that forwards its rest parameter', async () => {
    const actions = await actionsIn('node g.mjs', { 'g.mjs': `${git}tryGit('.', 'show', 'HEAD:package.json');\nconst extra = ['log', '-1'];\ngit('.', ...extra);\n` });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it.each([
    ['a forwarded push', "tryGit('.', 'push', '--force', 'origin', 'main');", /push/],
    ['a spread from the environment', "git('.', ...JSON.parse(process.env.ARGS));", /spread|run time/],
    ['a spread that is not last', "git('.', ...['status'], '--force');", /spread|run time/],
  ])('still judges %s', async (_what, call, why) => {
    const actions = await actionsIn('node g.mjs', { 'g.mjs': `${git}${call}\n` });
    expect(actions.map((a) => `${a.operation} ${a.verb} ${evidenceOf(a)}`).join(' | ')).toMatch(why);
  });
});

describe("a named function's parameters", () => {
  it('are not another function\'s (or the module\'s) names', async () => {
    const code = "import { execFileSync } from 'node:child_process';\nconst args = process.argv.slice(2);\nfunction git(...args) { return execFileSync('git', args); }\ngit('status');\nconsole.log(args);\n";
    const actions = await actionsIn('node p.mjs --mode publish', { 'p.mjs': code });
    expect(actions.map((a) => `${a.operation} ${a.verb}`)).not.toContain('unknown publish');
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it.each([
    ['a callback with the same parameter name', "function run(cmd) { [process.env.CMD].forEach((cmd) => execSync(cmd)); }\nrun('ls');"],
    ['a block that declares the name again', "function run(cmd) { if (process.env.X) { const cmd = process.env.CMD; execSync(cmd); } }\nrun('ls');"],
    ['a catch with the same name', "function run(cmd) { try { throw process.env.CMD; } catch (cmd) { execSync(cmd); } }\nrun('ls');"],
    ['a method with the same parameter name', "function run(cmd) { const o = { go(cmd) { execSync(cmd); } }; o.go(process.env.CMD); }\nrun('ls');"],
    ['arguments changing the parameter', "function run(cmd) { arguments[0] = process.env.CMD; execSync(cmd); }\nrun('ls');"],
  ])('stay unknown where %s hides them', async (_what, body) => {
    const file = body.includes('arguments') ? 'r.js' : 'r.mjs';
    const head = file === 'r.js' ? "const { execSync } = require('child_process');\n" : "import { execSync } from 'node:child_process';\n";
    const actions = await actionsIn(`node ${file}`, { [file]: `${head}${body}\n` });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(true);
  });
});

describe("a named function's top-level variables", () => {
  const other = "function other() { const root = process.env.ROOT; return root; }\nother();\n";

  it("are not another function's variables of the same name", async () => {
    const code = `import { rmSync } from 'node:fs';\nimport { resolve } from 'node:path';\n${other}function clean() {\n  const root = resolve('.conformance');\n  rmSync(root, { recursive: true, force: true });\n}\nclean();\n`;
    expect(await deletes('node c.mjs', { 'c.mjs': code })).toEqual(['delete .conformance']);
  });

  it.each([
    ['a block declares the name again', "function clean() {\n  const root = '.cache';\n  if (process.env.X) { const root = process.env.ROOT; rmSync(root, { recursive: true }); }\n}\nclean();"],
    ['it is reassigned from the environment', "function clean() {\n  let root = '.cache';\n  if (process.env.ROOT) root = process.env.ROOT;\n  rmSync(root, { recursive: true });\n}\nclean();"],
  ])('stay unknown where %s', async (_what, body) => {
    const ops = await deletes('node c.mjs', { 'c.mjs': `import { rmSync } from 'node:fs';\n${body}\n` });
    expect(ops.some((o) => o !== 'delete .cache')).toBe(true);
  });
});

describe('a module loaded by a path the code computes', () => {
  it('is read', async () => {
    const actions = await actionsIn('node l.mjs', {
      'l.mjs': "const name = 'plugin';\nawait import(`./${name}.mjs`);\n",
      'plugin.mjs': "import { execSync } from 'node:child_process';\nexecSync('rm -rf ~');\n",
    });
    expect(actions.some((a) => a.operation === 'delete' && a.target.id === '~')).toBe(true);
  });

  it('is unknown when no file is there now', async () => {
    const actions = await actionsIn('node l.mjs', { 'l.mjs': "const dir = './gen';\nawait import(dir + '/entry.mjs');\n" });
    expect(actions.map(evidenceOf).join(' ')).toContain('not a file Firebreak can read now');
  });
});
