// Files that build and hook tools run by themselves (git hooks, husky, tox.ini, .pre-commit-config.yaml,
// build.rs, .envrc, setup.py under project managers): a changed one, or a hook no commit holds, is read
// when the tool runs, and what cannot be read escalates. Real git repositories in temp folders.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EVIL, judge, workspaces } from './tool-workspace.js';

const repo = workspaces('tool-loaded');

describe('files tools run by themselves', () => {
  it('git runs its hooks: one in .git/hooks is never committed, so it is read on every commit', async () => {
    const cwd = repo({ 'a.txt': 'a\n' });
    writeFileSync(join(cwd, '.git/hooks/pre-commit'), `#!/bin/sh\n${EVIL}\n`);
    chmodSync(join(cwd, '.git/hooks/pre-commit'), 0o755);
    for (const command of ['git commit -m x', 'git -C . commit -am x', 'git merge feature', 'git push origin main']) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).toBe('block');
      expect(r.text).toContain('.git/hooks/pre-commit is run by git (the pre-commit hook)');
    }
    expect((await judge('git status', cwd)).verdict).toBe('pass');
    // From another folder, `git -C` names the repository whose hooks run.
    const elsewhere = repo({ 'b.txt': 'b\n' });
    expect((await judge(`git -C ${cwd} commit -m x`, elsewhere)).verdict).toBe('block');
    expect((await judge(`cd ${cwd} && git commit -m x`, elsewhere)).verdict).toBe('block');
    expect((await judge('git commit -m x', elsewhere)).verdict).toBe('pass');
    writeFileSync(join(cwd, '.git/hooks/pre-commit'), '#!/bin/sh\nnpx lint-staged\n');
    expect((await judge('git commit -m x', cwd)).verdict).toBe('pass');
  });

  it('samples are not hooks; husky hooks in the work tree count when changed', async () => {
    const cwd = repo({ 'package.json': '{"name":"x"}', '.husky/pre-commit': 'npm test\n' });
    writeFileSync(join(cwd, '.git/hooks/pre-commit.sample'), `#!/bin/sh\n${EVIL}\n`);
    expect((await judge('git commit -m x', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, '.husky/pre-commit'), `${EVIL}\n`);
    expect((await judge('git commit -m x', cwd)).verdict).toBe('block');
  });

  it('a hooks folder in the work tree (core.hooksPath) counts for what is not committed as it is', async () => {
    // husky v9: core.hooksPath=.husky/_, a folder its own .gitignore hides; the committed .husky/pre-commit is what it calls.
    const cwd = repo({ 'package.json': '{"name":"x"}', '.husky/pre-commit': 'npm test\n', '.husky/_/.gitignore': '*\n', 'githooks/pre-push': 'npm test\n' }, ['.husky/_/.gitignore']);
    execFileSync('git', ['-C', cwd, 'config', 'core.hooksPath', '.husky/_']);
    writeFileSync(join(cwd, '.husky/_/pre-commit'), '#!/bin/sh\n. "$(dirname "$0")/h"\n');
    writeFileSync(join(cwd, '.husky/_/h'), '#!/usr/bin/env sh\nsh -e "$(dirname "$0")/../$(basename "$0")" "$@"\n');
    expect((await judge('git commit -m x', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, '.husky/_/pre-commit'), `#!/bin/sh\n${EVIL}\n`);
    const r = await judge('git commit -m x', cwd);
    expect(r.verdict).toBe('block');
    expect(r.text).toContain('.husky/_/pre-commit is run by git (the pre-commit hook)');
    // What the hooks source is read too, and a hook without `#!` is shell, as git runs it.
    writeFileSync(join(cwd, '.husky/_/pre-commit'), '. "$(dirname "$0")/h"\n');
    writeFileSync(join(cwd, '.husky/_/h'), `${EVIL}\n`);
    expect((await judge('git commit -m x', cwd)).verdict).toBe('block');
    // A dot file is not a hook name, but a hook can source it.
    writeFileSync(join(cwd, '.husky/_/h'), '#!/usr/bin/env sh\n. "$(dirname "$0")/.env.sh"\n');
    writeFileSync(join(cwd, '.husky/_/.env.sh'), `${EVIL}\n`);
    expect((await judge('git commit -m x', cwd)).verdict).toBe('block');
    // A tracked folder of hooks: committed ones pass, a changed one is read.
    execFileSync('git', ['-C', cwd, 'config', 'core.hooksPath', 'githooks']);
    expect((await judge('git push origin main', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'githooks/pre-push'), `#!/bin/sh\n${EVIL}\n`);
    expect((await judge('git push origin main', cwd)).verdict).toBe('block');
  });

  it('a changed tox.ini, .pre-commit-config.yaml or build.rs is judged by the commands it runs, at their lines', async () => {
    const cwd = repo({ 'tox.ini': '[testenv]\ncommands = pytest\n', '.pre-commit-config.yaml': 'repos: []\n', 'build.rs': 'fn main() {}\n', 'Cargo.toml': '[package]\nname = "x"\n' });
    expect((await judge('tox', cwd)).verdict).toBe('pass');
    expect((await judge('cargo build', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'tox.ini'), `[tox]\nenv_list = py311\n\n[testenv]\ndeps = pytest\ncommands =\n    pytest {posargs}\n    ${EVIL}\n`);
    writeFileSync(join(cwd, '.pre-commit-config.yaml'), `repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: ${EVIL}\n    language: system\n`);
    writeFileSync(join(cwd, 'build.rs'), 'fn main() { std::process::Command::new("aws").status().unwrap(); }\n');
    for (const [command, at] of [['tox -e py311', 'tox.ini:8'], ['pre-commit run --all-files', '.pre-commit-config.yaml:6']]) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).toBe('block');
      expect(r.text, command).toContain(at);
    }
    // build.rs is read since wave 17 (docs/rust.md): its Command::new("aws") is a program it runs.
    const r = await judge('cargo test', cwd);
    expect(r.verdict).not.toBe('pass');
    expect(r.text).toContain('build.rs:1');
    // Not a subcommand that runs the build script.
    expect((await judge('cargo fmt', cwd)).verdict).toBe('pass');
  });

  it('tox: continued lines, references to other sections, posargs defaults and computed programs', async () => {
    const cwd = repo({ 'tox.ini': '[testenv]\ncommands = pytest\n' });
    const tox = async (ini: string) => { writeFileSync(join(cwd, 'tox.ini'), ini); return judge('tox', cwd); };
    expect((await tox('[testenv]\ndeps = -rrequirements.txt\ncommands =\n    - coverage erase\n    pytest --cov {envsitepackagesdir}/x {posargs:tests} \\\n        -q\n    coverage report\n[testenv:docs]\ncommands = sphinx-build -W docs {envtmpdir}/html\n')).verdict).toBe('pass');
    expect((await tox(`[base]\nnuke = ${EVIL}\n[testenv]\ncommands = {[base]nuke}\n`)).verdict).toBe('block');
    expect((await tox(`[testenv]\ncommands = pytest {posargs:; ${EVIL}}\n`)).verdict).not.toBe('pass');
    expect((await tox('[testenv]\ncommands = pytest \\\n  && rm -rf ~\n')).verdict).toBe('block');
    expect((await tox('[testenv]\ncommands = {env:RUNNER} s3 rb s3://prod-assets\n')).verdict).not.toBe('pass');
    expect((await tox('[testenv]\ncommands = {envbindir}/../../nuke\n')).verdict).not.toBe('pass');
    expect((await tox('[testenv]\ncommands = {some_plugin_value} --force\n')).verdict).toBe('escalate');
    // Sections tox does not run as commands are not commands.
    expect((await tox(`[flake8]\nexclude = ${EVIL}\n[testenv]\ncommands = pytest\n`)).verdict).toBe('pass');
  });

  it('pre-commit: local hooks run as written, scripts read, hooks downloaded from a new repository unknown', async () => {
    const committed = 'repos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks:\n  - id: black\n';
    const cwd = repo({ '.pre-commit-config.yaml': committed, 'scripts/check.sh': '#!/bin/sh\nruff check .\n' });
    const run = async (yaml: string) => { writeFileSync(join(cwd, '.pre-commit-config.yaml'), yaml); return judge('pre-commit run --all-files', cwd); };
    expect((await run(committed)).verdict).toBe('pass');
    // A local hook added next to the committed repository: read, and routine.
    expect((await run(`${committed}- repo: local\n  hooks:\n  - id: check\n    name: check\n    entry: scripts/check.sh\n    language: script\n    args: [--fix]\n  - id: no-todo\n    name: no todo\n    entry: TODO\n    language: pygrep\n`)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'scripts/check.sh'), `#!/bin/sh\n${EVIL}\n`);
    expect((await run(`${committed}- repo: local\n  hooks:\n  - id: check\n    name: check\n    entry: scripts/check.sh\n    language: script\n`)).verdict).toBe('block');
    // A repository nobody has read before, or a new revision of one: code pre-commit downloads.
    const added = await run(`${committed}- repo: https://github.com/someone/hooks\n  rev: v1\n  hooks:\n  - id: x\n`);
    expect(added.verdict).toBe('escalate');
    expect(added.text).toContain('.pre-commit-config.yaml:6');
    expect((await run(committed.replace('24.1.0', '24.2.0'))).verdict).toBe('escalate');
    // A local hook in an environment pre-commit builds: its entry is a program nobody has read.
    expect((await run('repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: x-hook\n    language: python\n    additional_dependencies: [evil-pkg]\n')).verdict).toBe('escalate');
    expect((await run('repos: [\n')).verdict).toBe('escalate');
  });

  it('direnv runs .envrc; project managers build the project (setup.py)', async () => {
    const cwd = repo({ '.envrc': 'export FOO=1\n', 'setup.py': 'from setuptools import setup\nsetup()\n', 'pyproject.toml': '[project]\nname = "x"\n' });
    expect((await judge('direnv allow', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, '.envrc'), `export FOO=1\n${EVIL}\n`);
    expect((await judge('direnv allow', cwd)).verdict).toBe('block');
    writeFileSync(join(cwd, 'setup.py'), `import os\nos.system('${EVIL}')\n`);
    for (const command of ['uv sync', 'poetry install', 'pdm install']) expect((await judge(command, cwd)).verdict, command).toBe('block');
    mkdirSync(join(cwd, 'docs'));
    expect((await judge('uv run mkdocs build', cwd)).verdict).not.toBe('block');
  });
});
