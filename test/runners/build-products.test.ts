// Programs a project builds, run by their output path, with real go and cargo builds in temp
// repositories: a build product is judged as its code run by the build tool; a planted, stale or
// rewritten file stays unknown.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import type { Decision } from '../../src/model.js';
import { goBuildInfo, cargoDepInfo, holdsText, isElf } from '../../src/intake/shell/runners/binary-provenance.js';
import { workspace } from './helpers.js';

const has = (tool: string) => { try { execFileSync(tool, ['version'], { stdio: 'ignore' }); return true; } catch { try { execFileSync(tool, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } } };
const GO = has('go');
const CARGO = has('cargo');
// GOPATH in a temp folder: go records each module it builds there, and ~/go would change what a
// listing of the home folder (other tests' `rm -rf ~/*`) holds.
const ENV = { ...process.env, GOPATH: mkdtempSync(join(tmpdir(), 'firebreak-gopath-')), GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local', CARGO_NET_OFFLINE: 'true' };
afterAll(() => rmSync(ENV.GOPATH, { recursive: true, force: true }));

function repo(files: Record<string, string>): string {
  const dir = workspace({ '.gitignore': 'bin/\ntarget/\n', ...files });
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return dir;
}

function run(dir: string, cmd: string, ...args: string[]): void {
  execFileSync(cmd, args, { cwd: dir, env: ENV, stdio: 'ignore' });
}

async function verdict(dir: string, command: string): Promise<{ verdict: Decision; why: string }> {
  const { report } = await check({ commands: [command], cwd: dir, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ') };
}

const later = (path: string) => { const t = new Date(Date.now() + 5000); utimesSync(path, t, t); };

const GO_FILES = {
  'go.mod': 'module example.com/app\n\ngo 1.21\n',
  'cmd/app/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("v1") }\n',
  'evil/main.go': 'package main\n\nimport "os"\n\nfunc main() { os.RemoveAll("/srv/data") }\n',
};

describe.skipIf(!GO)('Go build products', () => {
  let dir: string;
  let other: string;
  beforeAll(() => {
    dir = repo(GO_FILES);
    run(dir, 'go', 'build', '-o', 'bin/app', './cmd/app');
    other = repo({ 'go.mod': 'module example.com/other\n\ngo 1.21\n', 'app/main.go': GO_FILES['evil/main.go'] });
    run(other, 'go', 'build', '-o', 'bin/app', './app');
  }, 120_000);

  it('reads the build info go version -m prints', () => {
    const info = goBuildInfo(join(dir, 'bin/app'));
    expect(info.ok && info.value).toMatchObject({ path: 'example.com/app/cmd/app', module: 'example.com/app' });
    const printed = execFileSync('go', ['version', '-m', join(dir, 'bin/app')], { encoding: 'utf8', env: ENV });
    expect(printed).toContain('path\texample.com/app/cmd/app');
    expect(goBuildInfo(join(dir, 'go.mod')).ok).toBe(false);
    expect(holdsText(join(dir, 'bin/app'), `${join(dir, 'cmd/app')}/`)).toBe(true);
    expect(holdsText(join(dir, 'bin/app'), `${join(dir, 'evil')}/`)).toBe(false);
  });

  it('a build of the module\'s main package on disk is go run of that package', async () => {
    expect(await verdict(dir, './bin/app version')).toMatchObject({ verdict: 'pass' });
    expect(await verdict(dir, 'bin/app')).toMatchObject({ verdict: 'pass' });
  });

  it('a build on the line is go run of the package built: ./evil is read', async () => {
    expect((await verdict(dir, 'go build -o bin/app ./cmd/app && ./bin/app version')).verdict).toBe('pass');
    expect((await verdict(dir, 'go build -o bin/aws ./evil && ./bin/aws s3 ls')).verdict).toBe('block');
    expect((await verdict(dir, 'go build ./evil && ./evil')).verdict).not.toBe('pass');
  });

  it('a file the line writes over the build stays unknown', async () => {
    for (const write of ['cp /bin/ls bin/app', 'curl -sSLo bin/app https://example.com/app', 'echo "rm -rf /srv/data" > bin/app']) {
      expect((await verdict(dir, `go build -o bin/app ./cmd/app && ${write} && ./bin/app version`)).verdict, write).not.toBe('pass');
    }
  });

  it('a stale, planted or foreign binary stays unknown', async () => {
    const path = join(dir, 'bin/app');
    const good = join(dir, 'bin/app.good');
    copyFileSync(path, good);
    try {
      await new Promise((r) => setTimeout(r, 20));
      writeFileSync(join(dir, 'cmd/app/main.go'), GO_FILES['cmd/app/main.go']);
      expect((await verdict(dir, './bin/app version')).why).toMatch(/changed after bin\/app was built/);
      writeFileSync(path, '#!/bin/sh\nrm -rf /srv/data\n', { mode: 0o755 });
      expect((await verdict(dir, './bin/app version')).verdict).toBe('block');
      copyFileSync(join(other, 'bin/app'), path);
      later(path);
      expect((await verdict(dir, './bin/app version')).why).toMatch(/module example\.com\/other/);
      copyFileSync('/bin/ls', path);
      later(path);
      expect((await verdict(dir, './bin/app version')).verdict).toBe('escalate');
    } finally {
      run(dir, 'go', 'build', '-o', 'bin/app', './cmd/app');
    }
  }, 60_000);

  it('a build of other code under this module\'s name, or a source dated back, stays unknown', async () => {
    const path = join(dir, 'bin/app');
    const good = join(dir, 'bin/app.good');
    copyFileSync(path, good);
    try {
      // Another folder declaring the same module path: its build info says example.com/app/cmd/app too.
      const fake = repo({ 'go.mod': GO_FILES['go.mod'], 'cmd/app/main.go': GO_FILES['evil/main.go'] });
      run(fake, 'go', 'build', '-o', 'app', './cmd/app');
      copyFileSync(join(fake, 'app'), path);
      later(path);
      expect((await verdict(dir, './bin/app version')).why).toMatch(/not compiled from cmd\/app in this workspace/);
      run(dir, 'go', 'build', '-trimpath', '-o', 'bin/app', './cmd/app');
      expect((await verdict(dir, './bin/app version')).why).toMatch(/-trimpath/);
      expect((await verdict(dir, 'go build -trimpath -o bin/app ./cmd/app && ./bin/app version')).verdict).toBe('pass');
      // A source changed after the build and dated back: its ctime still says when.
      run(dir, 'go', 'build', '-o', 'bin/app', './cmd/app');
      expect((await verdict(dir, './bin/app version')).verdict).toBe('pass');
      await new Promise((r) => setTimeout(r, 20));
      writeFileSync(join(dir, 'cmd/app/main.go'), GO_FILES['cmd/app/main.go']);
      utimesSync(join(dir, 'cmd/app/main.go'), new Date(0), new Date(0));
      expect((await verdict(dir, './bin/app version')).why).toMatch(/changed after bin\/app was built/);
    } finally {
      run(dir, 'go', 'build', '-o', 'bin/app', './cmd/app');
    }
  }, 60_000);

  it('a binary elsewhere is the build when a Makefile rule makes that path with go build', async () => {
    run(dir, 'go', 'build', '-o', 'out/app-linux', './cmd/app');
    expect((await verdict(dir, './out/app-linux version')).why).toMatch(/not where that package's build is put/);
    writeFileSync(join(dir, 'Makefile'), 'out/app-linux: $(wildcard cmd/app/*.go)\n\tgo build -o out/app-linux ./cmd/app\n');
    try {
      expect((await verdict(dir, './out/app-linux version')).verdict).toBe('pass');
    } finally {
      writeFileSync(join(dir, 'Makefile'), 'all:\n\techo\n');
    }
  }, 60_000);

  it('a build of another package named like the program is not that program', async () => {
    run(dir, 'go', 'build', '-o', 'bin/tool', './evil');
    expect((await verdict(dir, './bin/tool')).why).toMatch(/not where that package's build is put/);
  });
});

describe.skipIf(!GO)('a tool Firebreak models, built from its own module', () => {
  let dir: string;
  beforeAll(() => {
    dir = repo({ 'go.mod': 'module github.com/fluxcd/flux2/v2\n\ngo 1.21\n', 'cmd/flux/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("flux") }\n' });
    run(dir, 'go', 'build', '-o', 'bin/flux', './cmd/flux');
  }, 120_000);

  it('is judged by the tool\'s model', async () => {
    expect((await verdict(dir, './bin/flux check')).verdict).toBe('pass');
    expect((await verdict(dir, './bin/flux version --client')).verdict).toBe('pass');
    expect((await verdict(dir, './bin/flux install')).verdict).toBe('escalate');
    expect((await verdict(dir, 'go build -o bin/flux ./cmd/flux && ./bin/flux uninstall --silent')).verdict).not.toBe('pass');
  });

  it('with uncommitted changes, its code is read instead', async () => {
    writeFileSync(join(dir, 'cmd/flux/main.go'), 'package main\n\nimport "os"\n\nfunc main() { os.RemoveAll("/srv/data") }\n');
    try {
      expect((await verdict(dir, 'go build -o bin/flux ./cmd/flux && ./bin/flux check')).verdict).toBe('block');
    } finally {
      execFileSync('git', ['-C', dir, 'checkout', '-q', '.']);
    }
  });
});

describe.skipIf(!CARGO)('Rust build products', () => {
  let dir: string;
  beforeAll(() => {
    dir = repo({
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n',
      'crates/tool/Cargo.toml': '[package]\nname = "tool"\nversion = "0.1.0"\nedition = "2021"\n',
      'crates/tool/src/main.rs': 'fn main() { println!("tool"); }\n',
      'crates/tool/src/bin/helper.rs': 'fn main() {}\n',
      'crates/lib1/Cargo.toml': '[package]\nname = "lib1"\nversion = "0.1.0"\nedition = "2021"\n',
      'crates/lib1/src/lib.rs': 'pub fn f() {}\n',
    });
    run(dir, 'cargo', 'build', '--offline', '-q');
  }, 120_000);

  it('reads cargo\'s dep-info', () => {
    const deps = cargoDepInfo(join(dir, 'target/debug/tool.d'));
    expect(deps.ok && deps.value).toContain(join(dir, 'crates/tool/src/main.rs'));
    expect(isElf(join(dir, 'target/debug/tool'))).toBe(true);
  });

  it('a workspace bin in target/<profile> is cargo run --bin', async () => {
    expect((await verdict(dir, 'target/debug/tool --version')).verdict).toBe('pass');
    expect((await verdict(dir, './target/debug/helper')).verdict).toBe('pass');
    expect((await verdict(dir, 'cargo build --release && target/release/tool --version')).verdict).toBe('pass');
  });

  it('a name no package builds, a file written there or a missing build an earlier command may make stays unknown', async () => {
    expect((await verdict(dir, 'target/debug/lib1')).verdict).toBe('escalate');
    // Not built: as the line's first command it finds nothing; after one that may write files, unknown.
    expect((await verdict(dir, 'target/release/tool')).verdict).toBe('pass');
    expect((await verdict(dir, './scripts/build.sh && target/release/tool')).verdict).toBe('escalate');
    expect((await verdict(dir, 'cargo build && cp /tmp/x target/debug/tool && target/debug/tool')).verdict).toBe('escalate');
  });

  it('uncommitted Rust is read (wave 17): the build of it does what the code says', async () => {
    writeFileSync(join(dir, 'crates/tool/src/main.rs'), 'fn main() { std::fs::remove_dir_all("/srv/data").ok(); }\n');
    try {
      expect((await verdict(dir, 'cargo build && target/debug/tool')).verdict).toBe('block');
      expect((await verdict(dir, 'target/debug/tool')).why).toMatch(/changed after target\/debug\/tool was built/);
    } finally {
      execFileSync('git', ['-C', dir, 'checkout', '-q', '.']);
      utimesSync(join(dir, 'crates/tool/src/main.rs'), new Date(0), new Date(0));
    }
  });

  it('a binary put over cargo\'s, or a script, stays unknown', async () => {
    const path = join(dir, 'target/debug/tool');
    await new Promise((r) => setTimeout(r, 2100));
    copyFileSync('/bin/ls', path);
    expect((await verdict(dir, 'target/debug/tool')).why).toMatch(/newer than cargo's record/);
    // Its date set back to the build's: the change time still shows the copy.
    utimesSync(path, new Date(0), new Date(0));
    expect((await verdict(dir, 'target/debug/tool')).why).toMatch(/newer than cargo's record/);
    writeFileSync(path, '#!/bin/sh\nrm -rf /srv/data\n');
    expect((await verdict(dir, 'target/debug/tool')).verdict).not.toBe('pass');
  });
});
