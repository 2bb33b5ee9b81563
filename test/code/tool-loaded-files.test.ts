// Files that build and hook tools run by themselves (git hooks, husky, tox.ini, .pre-commit-config.yaml,
// build.rs, .envrc, setup.py under project managers): a changed one, or a hook no commit holds, is read
// when the tool runs, and what cannot be read escalates. Real git repositories in temp folders.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

const EVIL = 'aws s3 rb s3://prod-assets --force';
const made: string[] = [];
afterEach(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });

function repo(files: Record<string, string>, uncommitted: string[] = []): string {
  const dir = caseWorkspace('tool-loaded', files, uncommitted);
  made.push(dir);
  return dir;
}

async function judge(command: string, cwd: string) {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return { verdict: report.verdict, text: report.reasons.map((r) => r.message).join('\n') };
}

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
    // A tracked folder of hooks: committed ones pass, a changed one is read.
    execFileSync('git', ['-C', cwd, 'config', 'core.hooksPath', 'githooks']);
    expect((await judge('git push origin main', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'githooks/pre-push'), `#!/bin/sh\n${EVIL}\n`);
    expect((await judge('git push origin main', cwd)).verdict).toBe('block');
  });

  it('a changed tox.ini, .pre-commit-config.yaml or build.rs is code nobody has read when its tool runs', async () => {
    const cwd = repo({ 'tox.ini': '[testenv]\ncommands = pytest\n', '.pre-commit-config.yaml': 'repos: []\n', 'build.rs': 'fn main() {}\n', 'Cargo.toml': '[package]\nname = "x"\n' });
    expect((await judge('tox', cwd)).verdict).toBe('pass');
    expect((await judge('cargo build', cwd)).verdict).toBe('pass');
    writeFileSync(join(cwd, 'tox.ini'), `[testenv]\ncommands = ${EVIL}\n`);
    writeFileSync(join(cwd, '.pre-commit-config.yaml'), `repos:\n- repo: local\n  hooks:\n  - id: x\n    name: x\n    entry: ${EVIL}\n    language: system\n`);
    writeFileSync(join(cwd, 'build.rs'), 'fn main() { std::process::Command::new("aws").status().unwrap(); }\n');
    for (const [command, file] of [['tox -e py311', 'tox.ini'], ['pre-commit run --all-files', '.pre-commit-config.yaml'], ['cargo test', 'build.rs']]) {
      const r = await judge(command, cwd);
      expect(r.verdict, command).toBe('escalate');
      expect(r.text).toContain(file);
    }
    // Not a subcommand that runs the build script.
    expect((await judge('cargo fmt', cwd)).verdict).toBe('pass');
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
