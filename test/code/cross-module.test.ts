// An exported function's parameters take the values of the modules that import it by name and only
// ever call it directly; any other way a module reaches the function keeps them unknown.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf } from './helpers.js';

beforeAll(async () => {
  await actionsIn('node w.js', { 'w.js': 'console.log(1)\n' });
}, 60_000);

const UTILS = {
  'scripts/utils.mjs': "import { spawn } from 'node:child_process';\nexport async function exec(command, args, options) {\n  return spawn(command, args, { stdio: 'inherit', ...options, shell: process.platform === 'win32' });\n}\n",
};

describe('calls into a function another module exports', () => {
  it('judges the callee once per caller, with the callee file and line and the importer named', async () => {
    const actions = await actionsIn('node scripts/build.mjs', {
      ...UTILS,
      'scripts/build.mjs': "import { exec } from './utils.mjs';\nawait exec('git', ['status']);\nawait exec('rm', ['-rf', 'dist']);\n",
    });
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
    const del = actions.find((a) => a.operation === 'delete');
    expect(del?.target.id).toMatch(/dist$/);
    expect(del?.source).toMatchObject({ file: 'scripts/utils.mjs', line: 3 });
    expect(evidenceOf(del!)).toContain('imported by scripts/build.mjs');
  });

  it('takes the calls of every module that imports it, also when it was read first for another', async () => {
    const actions = await actionsIn('node a.mjs', {
      'a.mjs': "import { run } from './u.mjs';\nimport { more } from './b.mjs';\nrun('git status');\nmore();\n",
      'b.mjs': "import { run } from './u.mjs';\nexport function more() { run('rm -rf ~/x'); }\n",
      'u.mjs': "import { execSync } from 'node:child_process';\nexport function run(cmd) { execSync(cmd); }\n",
    });
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toContain('delete ~/x');
  });

  it.each([
    ['a namespace import', "import * as u from './u.mjs';\nu.run('ls');\n", 'imports it whole'],
    ['a default import', "import u from './u.mjs';\nu.run('ls');\n", 'imports it whole'],
    ['require', "const { run } = require('./u.mjs');\nrun('ls');\n", 'imports it whole'],
    ['an alias of the imported name', "import { run } from './u.mjs';\nconst r = run;\nr('ls');\n", 'as a value'],
    ['passing it on', "import { run } from './u.mjs';\n[1].forEach(run);\n", 'as a value'],
    ['re-exporting it', "import { run } from './u.mjs';\nexport { run };\nrun('ls');\n", 'as a value'],
    ['eval in the importer', "import { run } from './u.mjs';\nrun('ls');\neval('1');\n", 'code from text'],
    ['a spread call', "import { run } from './u.mjs';\nrun(...['ls']);\n", 'spread'],
  ])('stays unknown through %s', async (_what, importer, why) => {
    const actions = await actionsIn('node m.mjs', {
      'm.mjs': importer,
      'u.mjs': "import { execSync } from 'node:child_process';\nexport function run(cmd) { execSync(cmd); }\n",
    });
    expect(actions.map((a) => a.operation)).toContain('unknown');
    expect(actions.map(evidenceOf).join(' ')).toContain(why);
  });

  it('a module that calls its own exported function with anything is still judged on that call', async () => {
    const actions = await actionsIn('node m.mjs', {
      'm.mjs': "import { run } from './u.mjs';\nrun('ls');\n",
      'u.mjs': "import { execSync } from 'node:child_process';\nexport function run(cmd) { execSync(cmd); }\nrun(process.env.CMD);\n",
    });
    expect(actions.map((a) => a.operation)).toContain('unknown');
  });

  it('one destructive cross-module caller among any number of safe ones is always found', async () => {
    const safe = ['git status', 'ls -la', 'echo done', 'pwd'];
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom(...safe), { maxLength: 5 }), fc.nat(), async (calls, at) => {
      const all = [...calls];
      all.splice(at % (all.length + 1), 0, 'rm -rf ~/work');
      const actions = await actionsIn('node m.mjs', {
        'm.mjs': `import { run } from './u.mjs';\n${all.map((c) => `run(${JSON.stringify(c)});`).join('\n')}\n`,
        'u.mjs': "import { execSync } from 'node:child_process';\nexport function run(cmd) { execSync(cmd); }\n",
      });
      expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toContain('delete ~/work');
    }), { numRuns: 8 });
  });
});

describe('comparisons', () => {
  it('process.platform is the platform Firebreak runs on: `shell: platform === win32` is off here', async () => {
    const actions = await actionsIn('node s.mjs', { 's.mjs': "import { spawnSync } from 'node:child_process';\nspawnSync('git', ['status; rm -rf ~'], { shell: process.platform === 'win32' });\n" });
    expect(actions.some((a) => a.operation === 'delete')).toBe(process.platform === 'win32');
  });

  it('`shell: platform !== win32` is on here: the text is shell', async () => {
    const actions = await actionsIn('node s.mjs', { 's.mjs': "import { spawnSync } from 'node:child_process';\nspawnSync('rm -rf ~/x', { shell: process.platform !== 'win32' });\n" });
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toContain('delete ~/x');
  });

  it('a comparison with a value from the environment is unknown, so shell stays possible', async () => {
    const actions = await actionsIn('node s.mjs', { 's.mjs': "import { spawnSync } from 'node:child_process';\nspawnSync('rm -rf ~/x', { shell: process.env.SH === '1' });\n" });
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toContain('delete ~/x');
  });
});

describe('arguments that are parameters of one function are taken caller by caller', () => {
  it('pairs each program with its own arguments', async () => {
    const actions = await actionsIn('node s.js', { 's.js': "const { spawnSync } = require('child_process');\nfunction sh(bin, args) { return spawnSync(bin, args); }\nsh('git', ['status']);\nsh('rm', ['-rf', 'out']);\n" });
    expect(actions.map((a) => `${a.operation} ${a.tool}`).filter((x) => !x.startsWith('read'))).toEqual([expect.stringMatching(/^delete rm$/)]);
    expect(actions.some((a) => a.operation === 'unknown')).toBe(false);
  });

  it('falls back to every combination when a parameter is reassigned', async () => {
    const actions = await actionsIn('node s.js', { 's.js': "const { spawnSync } = require('child_process');\nfunction sh(bin, args) { bin = 'rm'; return spawnSync(bin, args); }\nsh('echo', ['-rf', '/srv/x']);\n" });
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toContain('delete /srv/x');
  });
});

describe('deleting the empty path', () => {
  it('is nothing (rm of "" fails); the other alternative is still judged', async () => {
    const actions = await actionsIn('node t.mjs', { 't.mjs': "import fs from 'node:fs';\nlet dir = '';\nif (process.env.X) dir = '/srv/data';\nfs.rmSync(dir, { recursive: true });\n" });
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toEqual(['delete /srv/data']);
  });
});

describe('joining paths', () => {
  it("an empty part adds nothing: join('', 'x') is x, not /x", async () => {
    const actions = await actionsIn('node t.mjs', { 't.mjs': "import fs from 'node:fs';\nimport path from 'node:path';\nfs.rmSync(path.join('', 'out'), { recursive: true });\nfs.rmSync(path.join('/srv', '', 'data'), { recursive: true });\n" });
    expect(actions.map((a) => a.target.id)).toEqual([expect.stringMatching(/(^|\/)out$/), '/srv/data']);
    expect(actions[0].target.id).not.toBe('/out');
  });
});
