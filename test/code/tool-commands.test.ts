// The commands tox and pre-commit read from their configuration: placed at their own lines, what
// nobody can read listed, and no input makes the reader throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentCommands, toolCommands } from '../../src/intake/code/tool-commands.js';

describe('tool configuration commands', () => {
  it('tox: every command of every environment, at its line; other sections and keys are not commands', () => {
    const ini = '[tox]\nenv_list = py\n[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs}\n    - coverage report\ncommands_post = echo done\n[flake8]\nmax-line-length = 100\n[testenv:docs]\ncommands = sphinx-build docs {envtmpdir}/html\n';
    const { shell, unknown } = toolCommands('tox', ini);
    const lines = shell.split('\n');
    expect(lines.length).toBe(ini.split('\n').length);
    expect(lines[5]).toBe('pytest');
    expect(lines[6]).toBe('coverage report');
    expect(lines[7]).toBe('echo done');
    expect(lines[11]).toBe('sphinx-build docs .tox/env/tmp/html');
    expect(lines.filter(Boolean)).toHaveLength(4);
    expect(unknown).toEqual([]);
  });

  it('pre-commit: local hooks with their args; remote repositories unknown unless committed as they are', () => {
    const before = 'repos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks: [{id: black}]\n';
    const now = `${before}- repo: https://github.com/x/y\n  rev: v1\n  hooks: [{id: y}]\n- repo: local\n  hooks:\n  - id: l\n    name: l\n    entry: make lint\n    language: system\n    args: ["--jobs", "two words"]\n`;
    const { shell, unknown } = toolCommands('pre-commit', now, before);
    expect(shell.split('\n')[11]).toBe("make lint --jobs 'two words'");
    expect(unknown.map((u) => u.line)).toEqual([5]);
  });

  it('never throws, and never loses a line', () => {
    const text = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', ':', '=', '-', ' ', '\n', '\\', 'a', 'commands', 'testenv', 'repos', 'local', 'entry', '  ', '#', "'", '"') , maxLength: 300 });
    fc.assert(fc.property(text, fc.constantFrom('tox' as const, 'pre-commit' as const), (t, kind) => {
      const { shell, unknown } = toolCommands(kind, t, t);
      expect(shell.split('\n').length).toBeLessThanOrEqual(Math.max(t.split(/\r?\n/).length, 1));
      for (const u of unknown) expect(u.line).toBeGreaterThanOrEqual(1);
    }), { numRuns: 2000 });
  });
});

describe('the lines an edit adds, without the file around them', () => {
  it('takes every line that could be a command, and names downloaded hooks', () => {
    const tox = fragmentCommands('tox', '    aws s3 rb s3://prod-assets --force\ndeps = pytest\n');
    expect(tox.shell.split('\n').slice(0, 2)).toEqual(['aws s3 rb s3://prod-assets --force', 'pytest']);
    const pre = fragmentCommands('pre-commit', "  - id: x\n    entry: 'rm -rf ~'\n- repo: https://github.com/x/y\n");
    expect(pre.shell.split('\n')[1]).toBe('rm -rf ~');
    expect(pre.unknown.map((u) => u.line)).toEqual([3]);
  });
});
