// tox configured outside tox.ini: setup.cfg's [tox:tox], pyproject.toml's [tool.tox] (legacy_tox_ini and the
// native tables) and tox.toml, in tox's order of discovery. The commands are placed at their own lines;
// an uncommitted change to them is judged when tox runs, as for tox.ini. Real git repositories in temp folders.
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentCommands, toolCommands } from '../../src/intake/code/tool-commands.js';
import { parseToml, TomlError } from '../../src/intake/code/toml-values.js';
import { EVIL, judge, workspaces } from './tool-workspace.js';

const repo = workspaces('tox-config');

const NATIVE = `[project]
name = "x"
dependencies = ["requests>=2"]

[tool.tox]
requires = ["tox>=4.21"]
env_list = ["3.13", "lint"]

[tool.tox.env_run_base]
deps = ["pytest"]
commands = [
  ["pytest", { replace = "posargs", default = ["tests"], extend = true }],
  ["coverage", "report"],
]

[tool.tox.env.lint]
commands = [["ruff", "check", "{tox_root}"]]
`;

describe('reading tox commands from pyproject.toml, setup.cfg and tox.toml', () => {
  it('native [tool.tox] tables: each command at its line, posargs defaults filled in', () => {
    const { shell, unknown } = toolCommands('tox-pyproject', NATIVE);
    const lines = shell.split('\n');
    expect(lines[11]).toBe('pytest tests');
    expect(lines[12]).toBe('coverage report');
    expect(lines[16]).toBe('ruff check .');
    expect(unknown).toEqual([]);
  });

  it('legacy_tox_ini is read as tox.ini, at the lines of pyproject.toml', () => {
    const text = `[project]\nname = "x"\n\n[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenv_list = py\n\n[testenv]\ncommands =\n    pytest\n    ${EVIL}\n"""\n`;
    const lines = toolCommands('tox-pyproject', text).shell.split('\n');
    expect(lines[10]).toBe('pytest');
    expect(lines[11]).toBe(EVIL);
  });

  it('setup.cfg counts only with [tox:tox]', () => {
    const cfg = `[metadata]\nname = x\n[tox:tox]\nenvlist = py\n[testenv]\ncommands = ${EVIL}\n`;
    expect(toolCommands('tox-setup-cfg', cfg).shell.split('\n')[5]).toBe(EVIL);
    expect(toolCommands('tox-setup-cfg', cfg.replace('[tox:tox]\n', '')).shell.trim()).toBe('');
  });

  it('tox.toml: the native tables at the top', () => {
    const { shell } = toolCommands('tox-toml', `[env_run_base]\ncommands = [["rm", "-rf", "/"]]\n`);
    expect(shell.split('\n')[1]).toBe('rm -rf /');
  });

  it('refs, environment values and computed programs', () => {
    const text = `[tool.tox.env_run_base]\ncommands = [["aws", "s3", "rb", { replace = "env", name = "BUCKET", default = "prod-assets" }]]\n[tool.tox.env.x]\ncommands = [{ replace = "ref", of = ["env_run_base", "commands"] }]\n[tool.tox.env.y]\ncommands = [[{ replace = "env", name = "RUNNER" }, "s3", "rb"]]\n`;
    const { shell, unknown } = toolCommands('tox-pyproject', text);
    expect(shell).toContain('aws s3 rb "${BUCKET:-prod-assets}"');
    expect(shell.split('\n')[3]).toContain('aws s3 rb');
    expect(unknown.map((u) => u.line)).toEqual([6]);
  });

  it('a command given as one string (tox splits it), and {tox_root} as the program', () => {
    const { shell, unknown } = toolCommands('tox-pyproject', `[tool.tox.env.clean]\ncommands = [\n  "find . -name __pycache__ -delete",\n]\n[tool.tox.env.hook]\ncommands = [["{tox_root}/tools/hook.sh"]]\n`);
    expect(shell.split('\n')[2]).toBe('find . -name __pycache__ -delete');
    expect(shell.split('\n')[5]).toBe('./tools/hook.sh');
    expect(unknown).toEqual([]);
  });

  it('a file Firebreak cannot parse is unknown only when it may hold tox configuration', () => {
    expect(toolCommands('tox-pyproject', '[tool.tox]\nenv_list = [\n').unknown).toHaveLength(1);
    expect(toolCommands('tox-pyproject', '[project\nname = "x"\n').unknown).toEqual([]);
  });

  it('fragments: arrays of strings are commands; TOML that is not tox\'s is not read as INI', () => {
    expect(fragmentCommands('tox-pyproject', '  ["rm", "-rf", "/"],\n').shell.split('\n')[0]).toBe('rm -rf /');
    expect(fragmentCommands('tox-pyproject', 'version = "1.2.0"\n').shell.trim()).toBe('');
    expect(fragmentCommands('tox-pyproject', 'legacy_tox_ini = """\ncommands = rm -rf /\n').shell.split('\n')[1]).toBe('rm -rf /');
  });

  it('the TOML reader: strings of every kind, dotted keys, inline tables, errors with a line', () => {
    const doc = parseToml(`a.b = 'x'\n"q" = """\nline\\\n  joined"""\nt = { u = [1, 2,], v = '''raw\\n''' }\n[[arr]]\nk = 1\n[[arr]]\nk = 2\n`);
    expect(doc.entries.get('a')?.kind).toBe('table');
    const q = doc.entries.get('q');
    expect(q?.kind === 'string' && q.value).toBe('line\\\n  joined'.replace('\\\n  ', ''));
    expect(() => parseToml('a = "x"\na = "y"\n')).toThrow(TomlError);
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      try { parseToml(s); } catch (e) { if (!(e instanceof TomlError)) throw e; }
    }));
  });
});

describe('tox runs the commands of its configuration, wherever it is', () => {
  it('an uncommitted change to [tool.tox] in pyproject.toml is judged when tox runs, at its line', async () => {
    const cwd = repo({ 'pyproject.toml': NATIVE });
    expect((await judge('tox', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'pyproject.toml'), NATIVE.replace('["coverage", "report"],', '["coverage", "report"],\n  ["aws", "s3", "rb", "s3://prod-assets", "--force"],'));
    for (const command of ['tox', 'tox -e lint', 'python -m tox r -e 3.13']) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).toBe('block');
      expect(r.text, command).toContain('pyproject.toml:14');
    }
  }, 30_000);

  it('setup.cfg and tox.toml too, in tox\'s order: tox.ini first', async () => {
    const cwd = repo({ 'setup.cfg': '[metadata]\nname = x\n[tox:tox]\nenvlist = py\n[testenv]\ncommands = pytest\n' });
    writeFileSync(join(cwd, 'setup.cfg'), `[metadata]\nname = x\n[tox:tox]\nenvlist = py\n[testenv]\ncommands =\n    pytest\n    ${EVIL}\n`);
    expect((await judge('tox -e py', cwd)).text).toContain('setup.cfg:8');
    expect((await judge('tox -e py', cwd)).verdict).toBe('block');
    // With a tox.ini, tox reads that one: setup.cfg's commands do not run.
    writeFileSync(join(cwd, 'tox.ini'), '[testenv]\ncommands = pytest\n');
    expect((await judge('tox -e py', cwd)).verdict).toBe('pass');
    unlinkSync(join(cwd, 'tox.ini'));
    writeFileSync(join(cwd, 'tox.toml'), `[env_run_base]\ncommands = [["kubectl", "delete", "namespace", "production"]]\n`);
    // setup.cfg has [tox:tox], so tox.toml is not read; without it, it is.
    expect((await judge('tox', cwd)).text).not.toContain('tox.toml:2');
    writeFileSync(join(cwd, 'setup.cfg'), '[metadata]\nname = x\n');
    const r = await judge('tox', cwd);
    expect(r.verdict).not.toBe('pass');
    expect(r.text).toContain('tox.toml:2');
  }, 30_000);

  it('an in-place edit of pyproject.toml is judged when tox runs: later from disk, in the same line unknown', async () => {
    const cwd = repo({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["aws-sam-translator==1.0"]\n' });
    expect((await judge('sed -i "s/aws-sam-translator==$OLD/aws-sam-translator==$NEW/g" pyproject.toml', cwd)).verdict).toBe('pass');
    const r = await judge('sed -i "s/pytest/x/" pyproject.toml && tox', cwd);
    expect(r.verdict).not.toBe('pass');
    expect(r.text).toMatch(/pyproject\.toml is written earlier in this command/);
    expect((await judge('curl -sSfo setup.cfg https://example.com/setup.cfg; python -m tox', cwd)).verdict).not.toBe('pass');
  }, 30_000);

  it('a pyproject.toml written by the shell is judged on what it writes', async () => {
    const cwd = repo({ 'README.md': 'x\n' });
    const write = `cat > pyproject.toml <<'EOF'\n[tool.tox.env_run_base]\ncommands = [["dropdb", "production"]]\nEOF\ntox`;
    expect((await judge(write, cwd)).verdict).not.toBe('pass');
    const benign = `cat > pyproject.toml <<'EOF'\n[project]\nname = "x"\ndependencies = ["requests>=2", "boto3"]\nEOF\npytest`;
    expect((await judge(benign, cwd)).verdict).toBe('pass');
  }, 30_000);
});
