// Values a script computes that Firebreak can know (docs/shell-resolution.md): words as bash hands them
// to the command (field splitting, a command's own assignments), a loop over the script's arguments,
// where `go clean` deletes. Real scripts in real git workspaces, judged through the whole pipeline.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { expandFields, ownAssignments } from '../../src/intake/shell/fields.js';
import { parseShell } from '../../src/intake/shell/parser.js';
import { printsFreshPath } from '../../src/intake/shell/path-resolve.js';
import { committedWorkspace } from './committed-workspace.js';

process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-sv-home-'));
delete process.env.GOMODCACHE;
delete process.env.GOPATH;
delete process.env.GOCACHE;
delete process.env.GOENV;
delete process.env.XDG_CONFIG_HOME;

async function judged(command: string, cwd: string): Promise<{ verdict: string; why: string }> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') };
}

/** The words of the one command in `line`, as bash hands them over, with `vars` the shell's variables before it. */
function fieldsOf(line: string, vars: Record<string, string | undefined>): string[] {
  const [cmd] = parseShell(line);
  const ctx = { workspace: '/w', vars, env: { HOME: '/home/u', TMPDIR: '/tmp' } };
  return expandFields(cmd.words, ctx, ownAssignments(Object.fromEntries(cmd.assignments.map((a) => [a.name, a.value.value])), cmd.words)).map((w) => w.value);
}

describe('words as bash hands them to the command', () => {
  it('splits an unquoted value on blanks, and keeps a quoted one whole', () => {
    expect(fieldsOf('rm -rf $FILES', { FILES: 'build /home/u' })).toEqual(['rm', '-rf', 'build', '/home/u']);
    expect(fieldsOf('rm -rf ${FILES}', { FILES: ' build\t/home/u ' })).toEqual(['rm', '-rf', 'build', '/home/u']);
    expect(fieldsOf('rm -rf "$FILES"', { FILES: 'a b' })).toEqual(['rm', '-rf', '$FILES']);
    expect(fieldsOf('rm -rf x$FILES"y z"', { FILES: 'a b' })).toEqual(['rm', '-rf', 'xa', 'by z']);
    expect(fieldsOf('$GO ./...', { GO: 'go build -o x' })).toEqual(['go', 'build', '-o', 'x', './...']);
  });

  it('drops an unquoted empty value, keeps a quoted one, leaves plain known values to the recognisers', () => {
    expect(fieldsOf('rm -rf $E build', { E: '' })).toEqual(['rm', '-rf', 'build']);
    expect(fieldsOf('rm -rf "$E" build', { E: '' })).toEqual(['rm', '-rf', '$E', 'build']);
    expect(fieldsOf('rm -rf $D/x', { D: 'build' })).toEqual(['rm', '-rf', '$D/x']);
  });

  it('expands what the command assigns for itself with the value from before it', () => {
    // The same value before and in the command: that value.
    expect(fieldsOf('X=build rm -rf "$X"', { X: 'build' })).toEqual(['rm', '-rf', 'build']);
    // Another value before (bash deletes /home, the command says build): neither is assumed.
    expect(fieldsOf('X=build rm -rf "$X"', { X: '/home' })[2]).toMatch(/^\$\(firebreak: .*does not do what it says/);
    expect(fieldsOf('env X=build rm -rf "$X"', { X: '/home' }).slice(0, 4)).toEqual(['env', 'X=build', 'rm', '-rf']);
    expect(fieldsOf('env X=build rm -rf "$X"', { X: '/home' })[4]).toMatch(/^\$\(firebreak: /);
    // Not known before the command: unknown, never the command's own value; the literal part stays.
    expect(fieldsOf('X=build rm -rf "$X"', {})[2]).toMatch(/^\$\(firebreak: .*value variable X had before/);
    expect(fieldsOf('X=a rm -rf build/$X', {})[2]).toMatch(/^build\/\$\(firebreak: /);
    expect(fieldsOf('X=build rm -rf "${X:-/home}"', {})[2]).toMatch(/^\$\(firebreak: /);
  });

  it('does not guess a split on an IFS the script changed, nor a value it cannot see', () => {
    expect(fieldsOf('rm -rf $X', { IFS: 'x', X: 'buildx/home' })[2]).toMatch(/^\$\(firebreak: .*IFS/);
    expect(fieldsOf('rm -rf $X', { X: 'a b$(echo)' })).toEqual(['rm', '-rf', '$X']);
    expect(fieldsOf('rm -rf $X$Y', { X: 'a b' })[2]).toMatch(/^\$\(firebreak: .*variable Y is not known/);
  });

  it('splits any value into the words bash makes of it (fuzz)', () => {
    const blank = fc.constantFrom(' ', '\t', '\n');
    const part = fc.stringMatching(/^[a-z/._-]{1,6}$/);
    fc.assert(fc.property(fc.array(fc.tuple(part, blank), { minLength: 1, maxLength: 6 }), (parts) => {
      const value = parts.map(([p, b]) => p + b).join('');
      expect(fieldsOf('rm -rf $V', { V: value }).slice(2)).toEqual(value.split(/[ \t\n]+/).filter(Boolean));
    }), { numRuns: 200 });
  });
});

describe('hostile: a value the text makes reach outside the workspace', () => {
  const cwd = committedWorkspace('sv', { 'build/.keep': '' });
  for (const command of [
    'FILES="build /home/u"; rm -rf $FILES',
    'X=/home; X=build rm -rf "$X"',
    'X=/home; env X=build rm -rf "$X"',
    'X=/home; X=build sudo rm -rf "$X"',
    'TMPDIR=/srv rm -rf $TMPDIR/data',
    'X=build rm -rf "$X"',
    'CMD="rm -rf /home/u"; $CMD',
    'D=$(mktemp -d); D=/; rm -rf $D',
    'cd /; rm -rf "$(pwd)"',
    'GOMODCACHE=$HOME go clean -modcache',
    'GOPATH=/ go clean -modcache',
    'export GOMODCACHE=/srv/data; go clean -modcache',
    'go env -w GOMODCACHE=/srv/data && go clean -modcache',
    'GOCACHE=/srv/data go clean -cache',
    'rm -rf "$(go env GOPATH)"',
    'rm -rf "$(go env GOMODCACHE)"',
    'B="$U/srv"; U=build; rm -rf "$B"',
    'A=$(cat f); B="$A/x"; A=build; rm -rf "$B"',
    'B="$U/srv"; for U in build; do rm -rf "$B"; done',
    'B="$U/srv"; : "${U:=build}"; rm -rf "$B"',
    'B="$U/srv"; unset U; rm -rf "$B"',
    ': "${X:=/srv}"; rm -rf "$X"',
    'X=/srv; : "${X:=build}"; rm -rf "$X"',
    'GOPATH=/tmp/x; $(go env GOPATH)/bin/golangci-lint run',
    '"$(go env GOPATH)/bin/aws-nuke" run --force',
    'f() { if [ -n "$1" ]; then X=/srv; return; fi; X=build; }; f a; rm -rf "$X"',
    'h() { X=/srv; [ -n "$1" ] && return; X=build; }; h a; rm -rf "$X"',
    'k() { local d="$1"; OUT="$d/$U"; }; k /srv; rm -rf "$OUT"',
  ]) {
    it(command, async () => {
      expect((await judged(command, cwd)).verdict).not.toBe('pass');
    });
  }
});

describe('routine: values the script itself determines', () => {
  it('a command held in a variable of literal words is that command (traefik crossbinary)', async () => {
    const cwd = committedWorkspace('sv', {
      'script/cross.sh': '#!/usr/bin/env bash\nset -e\nGO_BUILD_CMD="go build -ldflags"\nGO_BUILD_OPT="-s -w"\nfor OS in linux darwin; do\n  GOOS=${OS} CGO_ENABLED=0 ${GO_BUILD_CMD} "${GO_BUILD_OPT}" -o "dist/app_${OS}" ./cmd/app/\ndone\n',
      'scripts/ext.sh': '#!/usr/bin/env sh\nset -eu\nINSTALL="cargo build \\\n    --locked"\n$INSTALL --release\n',
    });
    expect(await judged('./script/cross.sh', cwd)).toMatchObject({ verdict: 'pass' });
    expect(await judged('./scripts/ext.sh', cwd)).toMatchObject({ verdict: 'pass' });
  });

  it('a loop over the script arguments runs each installer the command names (argo-cd hack/install.sh)', async () => {
    const cwd = committedWorkspace('sv', {
      'hack/install.sh': '#!/bin/bash\nset -eux -o pipefail\nfor product in "$@"; do\n  ARCH=amd64 "$(dirname "$0")/installers/install-${product}.sh"\ndone\n',
      'hack/installers/install-lint.sh': '#!/bin/bash\nmkdir -p dist\necho lint > dist/lint\n',
      'hack/installers/install-wipe.sh': '#!/bin/bash\nrm -rf /srv/data\n',
    });
    expect(await judged('./hack/install.sh lint', cwd)).toMatchObject({ verdict: 'pass' });
    // No arguments shown: the body is judged once with the name unknown (the installer path is unknown).
    expect((await judged('./hack/install.sh', cwd)).verdict).not.toBe('pass');
    // Every argument is followed: the second installer is judged too.
    const both = await judged('./hack/install.sh lint wipe', cwd);
    expect(both.verdict).toBe('block');
    expect(both.why).toMatch(/\/srv\/data/);
    // An argument the command does not show leaves the installer unknown.
    expect((await judged('./hack/install.sh lint "$X"', cwd)).verdict).not.toBe('pass');
  });

  it('go clean of the caches where Go keeps them is routine', async () => {
    const cwd = committedWorkspace('sv');
    for (const command of ['"$(go env GOPATH)/bin/golangci-lint" run ./...', '$(go env GOBIN)/staticcheck ./...', 'go clean -modcache', 'go clean -cache -testcache', 'go clean -fuzzcache', 'GOCACHE=$(mktemp -d) go clean -cache', 'go test ./...', 'go vet ./...']) {
      expect(await judged(command, cwd), command).toMatchObject({ verdict: 'pass' });
    }
  });

  it("go clean reads Go's settings file, which an earlier `go env -w` may have pointed elsewhere", async () => {
    const cwd = committedWorkspace('sv');
    const config = mkdtempSync(join(tmpdir(), 'firebreak-sv-goenv-'));
    mkdirSync(join(config, 'go'));
    writeFileSync(join(config, 'go', 'env'), 'GOMODCACHE=/srv/data\n');
    process.env.XDG_CONFIG_HOME = config;
    try {
      const r = await judged('go clean -modcache', cwd);
      expect(r.verdict).toBe('block');
      expect(r.why).toMatch(/\/srv\/data/);
    } finally {
      delete process.env.XDG_CONFIG_HOME;
    }
  });
});

describe('a value keeps the variables it read as they were when it was set', () => {
  const cwd = committedWorkspace('sv');
  it('a later assignment does not change it; a fresh folder stays fresh', async () => {
    expect((await judged('D=$(mktemp -d); X="$D/sub"; D=/; rm -rf "$X"', cwd)).verdict).toBe('pass');
    expect((await judged(': "${T:=${TMPDIR:-/tmp}/gimme}"; rm -f "$T/go.tgz"', cwd)).verdict).toBe('pass');
    expect((await judged(': "${OUT:=dist}"; rm -rf "$OUT"', cwd)).verdict).toBe('pass');
    // A local the value read keeps its value after the function returns.
    expect((await judged('k() { local d="$1"; OUT="$d/gen/$U"; }; k build; rm -rf "$OUT"', cwd)).verdict).toBe('pass');
  });
});

describe('a subcommand dispatch runs the branch the command line names', () => {
  const tool = '#!/usr/bin/env bash\nset -euo pipefail\ncmd_build() { go build -o "${1:-dist}/app" ./...; }\ncmd_wipe() { rm -rf "${1:-/srv/data}"; }\n'
    + 'main() {\n  local cmd="${1:-}"\n  shift || true\n  case "$cmd" in\n  build) cmd_build "$@" ;;\n  wipe) cmd_wipe "$@" ;;\n  "" | -h | --help) echo usage ;;\n  *) exit 1 ;;\n  esac\n}\nmain "$@"\n';
  const cwd = committedWorkspace('sv', { 'scripts/tool.sh': tool, 'scripts/glob.sh': '#!/bin/bash\ncase "$1" in\nb*) go build ./... ;;\nw*) rm -rf /srv/data ;;\nesac\n', 'scripts/fall.sh': '#!/bin/bash\ncase "$1" in\nbuild) go build ./... ;&\nwipe) rm -rf /srv/data ;;\nesac\n' });
  it('only the matching branch is judged; an unknown word keeps them all', async () => {
    expect(await judged('./scripts/tool.sh build out', cwd)).toMatchObject({ verdict: 'pass' });
    expect(await judged('./scripts/tool.sh --help', cwd)).toMatchObject({ verdict: 'pass' });
    expect((await judged('./scripts/tool.sh wipe', cwd)).why).toMatch(/\/srv\/data/);
    expect((await judged('./scripts/tool.sh "$MODE"', cwd)).verdict).not.toBe('pass');
    expect((await judged('./scripts/tool.sh', cwd)).verdict).toBe('pass');
    expect(await judged('./scripts/glob.sh build', cwd)).toMatchObject({ verdict: 'pass' });
    expect((await judged('./scripts/glob.sh wipe', cwd)).verdict).toBe('block');
    // `;&` falls through into the next branch.
    expect((await judged('./scripts/fall.sh build', cwd)).verdict).toBe('block');
  });

  it("a function the script never calls never runs; one defined in the agent's own shell is judged", async () => {
    const lib = committedWorkspace('sv', { 'scripts/lib.sh': '#!/bin/bash\npurge() { rm -rf "$1"; }\nbuild() { go build ./...; }\nbuild\n' });
    expect(await judged('./scripts/lib.sh', lib)).toMatchObject({ verdict: 'pass' });
    expect((await judged('purge() { rm -rf "$1"; }', lib)).verdict).not.toBe('pass');
    expect((await judged('source scripts/lib.sh', lib)).verdict).not.toBe('pass');
  });
});

describe('printsFreshPath (for the make reader: PROMU_TMP := $(shell mktemp -d))', () => {
  it('knows mktemp, and nothing else', () => {
    expect(printsFreshPath('mktemp -d')).toBe(true);
    expect(printsFreshPath('mktemp')).toBe(true);
    expect(printsFreshPath('mktemp -d 2>/dev/null || mktemp -d -t x')).toBe(true);
    expect(printsFreshPath('echo /')).toBe(false);
    expect(printsFreshPath('mktemp -d; echo /')).toBe(false);
    expect(printsFreshPath('mktemp -p $X')).toBe(false);
  });
});
