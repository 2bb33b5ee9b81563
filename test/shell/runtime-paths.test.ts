// Deletes of paths built at run time (docs/runtime-paths.md), on real scripts in real git workspaces:
// what the text makes knowable is resolved and the delete judged by where it lands; what stays
// unknown is stopped with where the value comes from.
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { expandText, resolvePathWord } from '../../src/intake/shell/path-resolve.js';
import { committedWorkspace } from './committed-workspace.js';

process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-rp-home-'));

const workspace = (files: Record<string, string> = {}): string => committedWorkspace('rp', files);

async function judged(command: string, cwd: string): Promise<{ verdict: string; why: string }> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') };
}

const ctx = (vars: Record<string, string | undefined> = {}) => ({ workspace: '/w', vars, env: { HOME: '/home/u', TMPDIR: '/tmp' } });

describe('${X...} operators', () => {
  it('reads :?, ?, :+, +, :=, :- as bash does on what is known', () => {
    expect(expandText('${D:?}/x', ctx({ D: '/w/gen' })).text).toBe('/w/gen/x');
    expect(expandText('${D?msg}/x', ctx({ D: '/w/gen' })).text).toBe('/w/gen/x');
    expect(expandText('${D:?}/x', ctx()).text).toBeUndefined();
    expect(expandText('a${D:+/b}', ctx({ D: 'x' })).text).toBe('a/b');
    expect(expandText('a${D:+/b}', ctx({ D: '' })).text).toBe('a');
    expect(expandText('a${D+/b}', ctx({ D: '' })).text).toBe('a/b');
    // Not set by the text: it may be set in the agent's shell.
    expect(expandText('a${D:+/b}', ctx()).text).toBeUndefined();
    expect(expandText('a${D:+/b}', ctx({ D: undefined })).text).toBe('a');
    expect(expandText('${D:-build}', ctx({ D: '' })).text).toBe('build');
    expect(expandText('${D-build}', ctx({ D: '' })).text).toBe('');
    expect(expandText('${D:=/}', ctx()).text).toBe('/');
    expect(expandText('${D%/}', ctx({ D: 'build/' })).text).toBe('build');
    expect(expandText('${D#./}', ctx({ D: './out' })).text).toBe('out');
    expect(expandText('${D%/*}', ctx({ D: 'a/b' })).text).toBeUndefined();
    expect(expandText('${D%/}', ctx()).text).toBeUndefined();
  });

  it('keeps the literal frame of a variable whose value is partly known', () => {
    const r = resolvePathWord('$F', ctx({ F: 'app-${V}.tgz' }));
    expect(r.unknown?.entry).toBe('app-');
    expect(r.unknown?.entryOf).toBe('/w');
    expect(r.unknown?.suffix).toBe('.tgz');
    // A name of dots is a folder, not an entry of one.
    expect(resolvePathWord('..$X', ctx()).unknown?.entry).toBeUndefined();
    expect(resolvePathWord('.$X', ctx()).unknown?.entry).toBeUndefined();
  });

  it('says where an unknown value comes from', () => {
    expect(expandText('$X', ctx()).why).toMatch(/comes from the environment/);
    expect(expandText('$(cat f)', ctx()).why).toMatch(/what a command prints/);
    expect(expandText('$R', ctx({ R: '${G}/src', G: '$(go env GOPATH)' })).why).toMatch(/\$R is set to \$\{G\}\/src, and \$G is set to \$\(go env GOPATH\)/);
    expect(expandText('$1', ctx()).why).toMatch(/argument/);
  });

  it('never throws and never names a path outside what it was given (fuzz)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z$/{}:?+=.\-`()*]{0,24}$/), (word) => {
      const r = resolvePathWord(word, ctx({ A: '/w/a', B: '$(date)' }));
      if (r.unknown?.entryOf) expect(r.unknown.entry).not.toMatch(/^\.+$/);
      return true;
    }), { numRuns: 400 });
  });
});

describe('deletes in real scripts', () => {
  it('argo-cd style: a repository-root idiom and ${X:?}/* pass; the same script deleting $GOPATH stops and says why', async () => {
    const dir = workspace({
      'sdk/proto/go/a.pb.go': 'package go\n',
      'proto/generate.sh': '#!/bin/bash\nset -euo pipefail\nREPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"\nGO_OUT="$REPO_ROOT/sdk/proto/go"\nrm -rf "${GO_OUT:?}"/*\n',
      'hack/gen.sh': '#!/bin/bash\nGOPATH=$(go env GOPATH)\nrm -rf "${GOPATH}/src/github.com/gogo/protobuf"\n',
    });
    expect((await judged('cd proto && ./generate.sh', dir)).verdict).toBe('pass');
    const gopath = await judged('./hack/gen.sh', dir);
    expect(gopath.verdict).not.toBe('pass');
    expect(gopath.why).toMatch(/\$GOPATH is set to \$\(go env GOPATH\)/);
  });

  it('a loop over a variable of literal words moves into each folder (prometheus genproto)', async () => {
    const dir = workspace({
      'prompb/a.pb.go': 'package prompb\n',
      'gen.sh': '#!/bin/bash\nDIRS="prompb"\nfor dir in ${DIRS}; do\n  pushd ${dir}\n  rm -f -- *.bak\n  popd\ndone\n',
      'bad.sh': '#!/bin/bash\nDIRS="prompb /etc"\nfor dir in ${DIRS}; do\n  pushd ${dir}\n  rm -f -- *.conf\n  popd\ndone\n',
    });
    expect((await judged('./gen.sh', dir)).verdict).toBe('pass');
    expect((await judged('./bad.sh', dir)).verdict).not.toBe('pass');
  });

  it('a file named from literal text and a run-time version stays in its folder (cli attestation)', async () => {
    const dir = workspace({
      'test.sh': '#!/usr/bin/env bash\nname="sigstore"\nversion=$(npm -s info $name dist-tags.latest)\nfile="$name-$version.tgz"\nrm "$file"\n',
      'climb.sh': '#!/usr/bin/env bash\nname="sigstore"\nversion=$(npm -s info $name dist-tags.latest)\nfile="$name-$version/../.."\nrm -rf "$file"\n',
    });
    expect((await judged('./test.sh', dir)).verdict).toBe('pass');
    expect((await judged('./climb.sh', dir)).verdict).not.toBe('pass');
  });

  it('a folder that is a symlink out of the workspace does not bound anything', async () => {
    const outside = mkdtempSync(join(process.env.HOME!, 'data-'));
    const dir = workspace({ 'keep.txt': 'x\n' });
    symlinkSync(outside, join(dir, 'build'));
    expect((await judged('rm -rf "build/$VARIANT"', dir)).verdict).not.toBe('pass');
    mkdirSync(join(dir, 'out'));
    expect((await judged('rm -rf "out/$VARIANT"', dir)).verdict).toBe('pass');
  });

  it('scratch: a folder of its own in /tmp passes, the root and services there do not', async () => {
    const dir = workspace();
    expect((await judged('rm -rf /tmp/e2e-app/config/gpg/*', dir)).verdict).toBe('pass');
    expect((await judged('rm -rf "/tmp/e2e-app/$RUN"', dir)).verdict).toBe('pass');
    expect((await judged('D=$(mktemp -d); rm -rf "$D/$X"', dir)).verdict).toBe('pass');
    // This test's home lies under /tmp: it is still a home, not scratch.
    expect(process.env.HOME!.startsWith(tmpdir())).toBe(true);
    for (const c of ['rm -rf /tmp/*', 'rm -rf "/tmp/$RUN"', 'rm -rf /tmp/.X11-unix/*', 'rm -rf "/tmp/e2e/$X/.."', 'D=$(mktemp -d); rm -rf "$D"/../*',
      'rm -rf "$HOME/.cache/x/$V"', 'rm -rf "$HOME"/.cache/x/*', 'rm -rf *$X', 'rm -rf {build,..}$X']) {
      expect((await judged(c, dir)).verdict, c).not.toBe('pass');
    }
  });

  it('loop globs: listed when nothing before made files, never split into a whole folder', async () => {
    const dir = workspace({ 'build/a.o': 'o\n', 'build/b.o': 'o\n', 'notes.txt': 'x\n' });
    const listed = await parseShellCommand('for f in build/*.o; do rm -f "$f"; done', {}, { cwd: dir });
    expect(listed.map((a) => a.target.id)).toEqual(['build/a.o', 'build/b.o']);
    const whole = await parseShellCommand('for f in *; do rm -rf "$f"; done', {}, { cwd: dir });
    expect(whole.map((a) => a.target.id)).toEqual(['$f']);
    const planted = await parseShellCommand('ln -s /etc build/x.o; for f in build/*.o; do rm -rf "$f/"; done', {}, { cwd: dir });
    expect(planted.some((a) => a.target.id === '$f/')).toBe(true);
  });

  it('a delete that stays unknown says why in the verdict', async () => {
    const dir = workspace({ 'release.sh': '#!/bin/bash\nnotes="$(make _changelog)"\nrm -f "$notes"\n' });
    const r = await judged('./release.sh', dir);
    expect(r.verdict).not.toBe('pass');
    const u = await judged('rm -rf "$BUILD_DIR"', dir);
    expect(u.why).toMatch(/\$BUILD_DIR is not set by the command or the script: it comes from the environment it runs in; the path may be anywhere/);
  });

  it('says where the unknown part comes from in words, for every kind of value (wave 16)', async () => {
    // A part code computes when it runs is spelled ${RUNTIME_VALUE} by the code readers: not "is set to ".
    expect(expandText('${RUNTIME_VALUE}/x', ctx({ RUNTIME_VALUE: undefined })).why).toMatch(/^that part is computed by the code when it runs/);
    expect(expandText('$D/x', ctx({ D: undefined })).why).toBe('$D was unset earlier in the text: it is not taken to be empty here');
    expect(expandText('$D/$E', ctx({ D: '' })).why).toMatch(/^\$E is not set by the command or the script/);
    expect(expandText('$D', ctx({ D: 'a/$E' })).why).toMatch(/^\$D is set to a\/\$E, and \$E is not set/);
    const dir = workspace({ 'x.py': "print('hi')\n" });
    const code = await judged(`python3 -c 'import shutil,sys; shutil.rmtree(sys.argv[1])' build`, dir);
    expect(code.why).toMatch(/that part is computed by the code when it runs/);
    expect(code.why).not.toMatch(/is set to ;/);
    // A program, a script or a module named by a variable: the message says where the variable comes from.
    expect((await judged('"$BIN" --version', dir)).why).toMatch(/the program `\$BIN` is computed at run time \(\$BIN is not set by the command or the script: it comes from the environment it runs in\)/);
    expect((await judged('unset Q; "$Q" run', dir)).why).toMatch(/\$Q was unset earlier in the text/);
    expect((await judged('W=..; python3 "$W/$Y.py"', dir)).why).toMatch(/the script path \$W\/\$Y\.py is computed at run time \(\$Y is not set/);
    expect((await judged('python3 -m ${MODULE_NAME} --help', dir)).why).toMatch(/the module name \$\{MODULE_NAME\} is computed at run time \(\$MODULE_NAME is not set by the command or the script/);
  });

  it('an EXIT trap set in a function that names its local says the local is gone when the shell ends', async () => {
    const dir = workspace({ 'install.sh': '#!/bin/bash\nmain() {\n  local tmpdir\n  tmpdir=$(mktemp -d)\n  trap \'rm -rf "$tmpdir"\' EXIT\n}\nmain\n' });
    const { report } = await check({ commands: ['bash install.sh'], cwd: dir, implicitConfig: false });
    expect(report.verdict).not.toBe('pass');
    const said = report.actions.flatMap((a) => a.evidence.map((e) => e.message)).join('\n');
    expect(said).toMatch(/\$tmpdir held \$\(mktemp -d\) where the trap was set, and is not set by then \(a function's local ends with the call/);
  });
});
