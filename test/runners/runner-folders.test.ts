// Folders runners work out: make's path-only $(shell ...), a script's $0, a loop over a find listing.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathOutput } from '../../src/intake/shell/runners/make/listing.js';
import { actionsIn, evidenceOf, workspace } from './helpers.js';

describe("make's path-only $(shell ...)", () => {
  it('pwd, dirname, realpath, readlink -f and cd X && pwd print paths worked out from make\'s folder', () => {
    const dir = workspace({ 'docs/index.md': '# x\n' });
    symlinkSync(join(dir, 'docs'), join(dir, 'linked'));
    expect(pathOutput('pwd', dir)).toBe(dir);
    expect(pathOutput(`dirname ${dir}/Makefile`, dir)).toBe(dir);
    expect(pathOutput('dirname a/b/c', dir)).toBe('a/b');
    expect(pathOutput('realpath docs', dir)).toBe(join(dir, 'docs'));
    expect(pathOutput('realpath linked', dir)).toBe(join(dir, 'docs'));
    expect(pathOutput('readlink -f linked', dir)).toBe(join(dir, 'docs'));
    expect(pathOutput('cd docs && pwd', dir)).toBe(join(dir, 'docs'));
    // realpath prints nothing for a path that is not there
    expect(pathOutput('realpath missing', dir)).toBeUndefined();
  });

  it('~, globs, variables and other commands are not worked out', () => {
    const dir = workspace({});
    for (const cmd of ['realpath ~', 'dirname ~/x', 'cd ~ && pwd', 'dirname *', 'realpath $$HOME', 'realpath `pwd`', 'pwd; rm -rf x', 'cat path.txt', 'realpath -s x']) {
      expect(pathOutput(cmd, dir), cmd).toBeUndefined();
    }
  });

  it('a folder reached by climbing out into scratch space is not worked out', () => {
    const dir = workspace({});
    // The temp workspace lies in /tmp: the folder above it is scratch space only because the project is.
    expect(pathOutput('cd .. && pwd', dir)).toBeUndefined();
    expect(pathOutput('realpath ..', dir)).toBeUndefined();
    expect(pathOutput(`dirname ${dir}`, dir)).toBeUndefined();
  });
});

describe('a script\'s $0', () => {
  it('is its path when run, the shell\'s when sourced', async () => {
    const files = { 'scripts/x.sh': '#!/bin/bash\ncd "$(dirname "$0")/.."\nrm -rf build\n' };
    const run = await actionsIn(files, 'bash scripts/x.sh');
    expect(run.map((a) => `${a.operation} ${a.target.id}`)).toEqual(['delete build']);
    expect(evidenceOf(run[0])).toContain('relative to $(dirname "$0")/..');
    const sourced = await actionsIn(files, 'source scripts/x.sh');
    expect(evidenceOf(run[0])).not.toMatch(/only known at run time/);
    expect(evidenceOf(sourced[0])).toMatch(/the folder a `cd` earlier in the line went to is only known at run time/);
  });
});

describe('for f in $(find ...)', () => {
  it('runs the body once per file a listing-only find prints', async () => {
    const actions = await actionsIn({ 'tools/a.sh': 'echo a\n', 'tools/b.sh': 'rm -rf /srv/data\n' }, 'for f in $(find tools -name "*.sh" | sort); do bash "$f"; done');
    expect(actions.map((a) => `${a.operation} ${a.target.id}`)).toEqual(['delete /srv/data']);
    expect(evidenceOf(actions[0])).toContain('f=tools/b.sh');
  });

  it('more than 16 files, or a find it does not model, leaves the file unknown', async () => {
    const many = Object.fromEntries([...Array(17).keys()].map((i) => [`t/s${i}.sh`, 'echo hi\n']));
    for (const [files, cmd] of [[many, 'for f in $(find t -name "*.sh"); do bash "$f"; done'], [{ 't/a.sh': 'echo\n' }, 'for f in $(find t -newer x); do bash "$f"; done']] as const) {
      const actions = await actionsIn(files, cmd);
      expect(actions.some((a) => a.operation === 'unknown'), cmd).toBe(true);
    }
  });
});
