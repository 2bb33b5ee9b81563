// nox sessions read from the noxfile's text, and console-script entry points found in the project's configuration.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNoxfile } from '../../src/intake/shell/runners/nox.js';
import { entryPoint } from '../../src/intake/shell/runners/entry-points.js';
import { miseHookTexts, miseLoadsConfig } from '../../src/intake/shell/runners/mise-hooks.js';

const NOXFILE = `import nox

nox.options.sessions = ["lint", "tests"]


@nox.session(
    python=["3.11", "3.12"],
    name="tests",
    tags=["ci"],
)
def run_tests(session):
    session.install("-e", ".")
    session.run("pytest", *session.posargs)


@nox.session(default=False)
def lint(s):
    s.run("ruff", "check")
`;

describe('readNoxfile', () => {
  it('finds sessions, their names, tags, parameter and body lines', () => {
    const f = readNoxfile(NOXFILE);
    expect(f.chosen).toEqual(['lint', 'tests']);
    expect(f.sessions.map((s) => [s.name, s.func, s.tags, s.default, s.param, s.from, s.to])).toEqual([
      ['tests', 'run_tests', ['ci'], true, 'session', 12, 13],
      ['lint', 'lint', [], false, 's', 18, 18],
    ]);
    expect(f.hidden).toBeUndefined();
  });

  it('counts sessions made by a call, and options computed at run time', () => {
    const f = readNoxfile('import nox\nnox.options.sessions = DEFAULT\n\ndef build(session):\n    pass\n\nnox.session(build, name="build")\n');
    expect(f.chosen).toBeNull();
    expect(f.hidden).toBe(1);
  });
});

describe('entryPoint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-entry-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'pyproject.toml'), '[project]\nname = "x"\n\n[project.scripts]\nbuild = "demo.cli:main"\n\n[tool.poetry.scripts]\nold = "demo.old:run"\n');
  writeFileSync(join(dir, 'sub', 'setup.cfg'), '[options.entry_points]\nconsole_scripts =\n    tool = demo.tool:main\n');

  it('reads [project.scripts], [tool.poetry.scripts] and setup.cfg console_scripts, searching up to the workspace', () => {
    expect(entryPoint('build', dir, dir)?.spec).toBe('demo.cli:main');
    expect(entryPoint('old', join(dir, 'sub'), dir)?.spec).toBe('demo.old:run');
    expect(entryPoint('tool', join(dir, 'sub'), dir)?.spec).toBe('demo.tool:main');
    expect(entryPoint('pytest', dir, dir)).toBeUndefined();
  });

  it('a configuration the line wrote with text not shown may name anything', () => {
    expect(entryPoint('pytest', dir, dir, new Map([['pyproject.toml', '\u0000opaque']]))).toBeNull();
  });
});

describe('mise hooks', () => {
  it('knows which mise commands load the configuration', () => {
    expect(['install', 'i', 'run build', 'build', 'exec -- ls', 'trust', '--cd . install'].map((a) => miseLoadsConfig(a.split(' ')))).toEqual([true, true, true, true, true, true, true]);
    expect(['ls', 'doctor', '--version', 'settings', 'where node'].map((a) => miseLoadsConfig(a.split(' ')))).toEqual([false, false, false, false, false]);
  });

  it('reads hooks, sourced scripts and exec templates with their lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-mise-'));
    writeFileSync(join(dir, 'mise.toml'), '[env]\n_.source = "./env.sh"\nX = "{{ exec(command=\'date\') }}"\n\n[hooks]\nenter = ["echo a", { script = "echo b" }]\npostinstall = { script = "x", shell = "fish" }\n');
    const hooks = miseHookTexts(dir, dir, undefined);
    expect(hooks.map((h) => [h.text, h.where, h.unknown !== undefined])).toEqual([
      ['date', 'mise.toml:3 (template exec)', false],
      ['echo a', 'mise.toml:6 (hooks.enter)', false],
      ['echo b', 'mise.toml:6 (hooks.enter)', false],
      ['', 'mise.toml:7 (hooks.postinstall)', true],
      ['. ./env.sh', 'mise.toml:2 (env._.source)', false],
    ]);
  });
});
