// What a declared-ephemeral machine counts as its own setup (src/predict/ephemeral-machine.ts), with the
// mount table given: bind and network mounts outlive the machine, an unreadable table trusts nothing.
import { describe, expect, it } from 'vitest';
import { deferredCode, notMachineSetup, placeOnEphemeralMachine } from '../../src/predict/ephemeral-machine.js';
import { outlivesMachine, parseMountInfo, type Mount } from '../../src/predict/mounts.js';
import { machineSetupOf } from '../../src/intake/shell/machine-setup.js';
import type { Action } from '../../src/model.js';
import type { MachineDeclaration } from '../../src/config/machine.js';

const ROOT: Mount = { root: '/', mountPoint: '/', fsType: 'ext4', source: '/dev/sda1' };
const VM: Mount[] = [ROOT, { root: '/', mountPoint: '/run', fsType: 'tmpfs', source: 'tmpfs' }, { root: '/', mountPoint: '/proc', fsType: 'proc', source: 'proc' }];
const KEEP = ['/opt/actions-runner/_work/repo', '/home/runner'];
const RUNTIME = ['/usr/bin/node', '/usr/lib/x86_64-linux-gnu/libc.so.6', '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'];
const MACHINE: MachineDeclaration = { ephemeral: true, reason: 'CI runner', file: '/home/runner/.config/firebreak/machine.yaml', line: 2 };

describe('mountinfo', () => {
  it('reads roots, points, types and escaped names', () => {
    const text = [
      '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw',
      '90 27 254:0 /home/me/src /work\\040tree rw,relatime master:1 - ext4 /dev/vda rw',
      '91 27 0:50 / /opt/data rw - nfs4 files:/export rw,vers=4.2',
    ].join('\n');
    expect(parseMountInfo(text)).toEqual([
      { root: '/', mountPoint: '/', fsType: 'ext4', source: '/dev/vda' },
      { root: '/home/me/src', mountPoint: '/work tree', fsType: 'ext4', source: '/dev/vda' },
      { root: '/', mountPoint: '/opt/data', fsType: 'nfs4', source: 'files:/export' },
    ]);
  });

  it('a bind mount, a network mount, a separate disk, a mount below: outlive the machine', () => {
    const docker: Mount[] = [{ root: '/', mountPoint: '/', fsType: 'overlay', source: 'overlay' }, { root: '/var/lib/docker/containers/abc/hosts', mountPoint: '/etc/hosts', fsType: 'ext4', source: '/dev/sda1' }];
    expect(outlivesMachine('/etc/hosts', docker)).toMatch(/bind mount/);
    expect(outlivesMachine('/etc/docker/daemon.json', docker)).toBeUndefined();
    expect(outlivesMachine('/etc', docker)).toMatch(/\/etc\/hosts below \/etc/);
    expect(outlivesMachine('/opt/data/x', [ROOT, { root: '/', mountPoint: '/opt/data', fsType: 'nfs4', source: 'files:/export' }])).toMatch(/network file system/);
    expect(outlivesMachine('/opt/disk/x', [ROOT, { root: '/', mountPoint: '/opt/disk', fsType: 'xfs', source: '/dev/sdb1' }])).toMatch(/separate mount/);
    expect(outlivesMachine('/usr/share/dotnet', [{ root: '/', mountPoint: '/', fsType: 'nfs', source: 'boot:/root' }])).toMatch(/network file system/);
    expect(outlivesMachine('/usr/share/dotnet', [{ root: '/srv/chroot', mountPoint: '/', fsType: 'ext4', source: '/dev/sda1' }])).toMatch(/bind mount/);
    expect(outlivesMachine('/run/docker.sock', VM)).toBeUndefined();
  });

  it('an unreadable table trusts no path', () => {
    expect(outlivesMachine('/usr/share/dotnet', null)).toMatch(/cannot be read/);
    expect(notMachineSetup('/usr/share/dotnet', KEEP, null, RUNTIME)).toMatch(/cannot be read/);
  });
});

describe('paths a declaration covers', () => {
  it('strictly inside a system folder, on the root file system', () => {
    for (const p of ['/usr/share/dotnet', '/usr/local/lib/android', '/opt/ghc', '/etc/apt/sources.list.d/x.list', '/usr/local/share/man/man1/gh-*.1', '/var/cache/apt/archives/*.deb', '/run/docker.sock']) {
      expect(notMachineSetup(p, KEEP, VM, RUNTIME), p).toBeUndefined();
    }
  });

  it('not a system folder itself, the root, or a folder outside them', () => {
    for (const p of ['/', '/*', '/usr', '/etc/', '/opt/*', '/var/lib', '/srv/app', '/mnt/data', '/home/runner/x', '/root/.aws', '/data/x', '/etc/../home/runner']) {
      expect(notMachineSetup(p, KEEP, VM, RUNTIME), p).toBeDefined();
    }
  });

  it('not the workspace or the home folder, nor a folder holding them', () => {
    expect(notMachineSetup('/opt/actions-runner/_work/repo/build', KEEP, VM, RUNTIME)).toMatch(/is inside \/opt\/actions-runner\/_work\/repo/);
    expect(notMachineSetup('/opt/actions-runner/_work', KEEP, VM, RUNTIME)).toMatch(/holds \/opt\/actions-runner\/_work\/repo/);
    expect(notMachineSetup('/opt/actions-runner', KEEP, VM, RUNTIME)).toMatch(/holds/);
  });

  it('not what the guard runs on or reads as it starts: its interpreter, libraries, loader settings, startup files, programs PATH finds by name', () => {
    for (const p of ['/usr/bin/node', '/usr/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu/libc.so.6', '/usr/bin', '/etc/ld.so.preload', '/etc/environment', '/etc/profile.d/fb.sh', '/usr/local/bin/node', '/usr/local/bin/sh', '/usr/local/sbin/sudo', '/opt/x/bin/git']) {
      expect(notMachineSetup(p, KEEP, VM, RUNTIME), p).toBeDefined();
    }
    expect(notMachineSetup('/usr/lib/jvm', KEEP, VM, RUNTIME)).toBeUndefined();
    expect(notMachineSetup('/usr/share/dotnet', KEEP, VM, null)).toMatch(/proc\/self\/maps/);
  });

  it('not a write of code the machine runs later; a delete there is setup', () => {
    for (const p of ['/etc/apt/apt.conf.d/99hook', '/etc/systemd/system/x.service', '/etc/cron.d/job', '/etc/gitconfig', '/usr/lib/python3/dist-packages/x.pth', '/usr/local/lib/python3.12/site-packages/evil.pth', '/etc/udev/rules.d/99.rules', '/etc/ssh/ssh_config.d/x.conf']) {
      expect(deferredCode(p, 'update'), p).toBeDefined();
    }
    expect(deferredCode('/etc/systemd/system/containerd.service', 'delete')).toBeUndefined();
    expect(deferredCode('/etc/docker/daemon.json', 'update')).toBeUndefined();
    expect(deferredCode('/etc/apt/sources.list.d/x.list', 'update')).toBeUndefined();
  });

  it("not a database's data, nor a folder holding it", () => {
    expect(notMachineSetup('/usr/local/var/postgres/base', KEEP, VM, RUNTIME)).toMatch(/database/);
    expect(notMachineSetup('/usr/local', KEEP, VM, RUNTIME)).toMatch(/holds \/usr\/local\/var\/postgres/);
    expect(notMachineSetup('/opt/homebrew', KEEP, VM, RUNTIME)).toMatch(/database/);
  });
});

function action(over: Partial<Action>): Action {
  return {
    id: 'a1', source: { kind: 'shell', command: 'x' }, operation: 'delete', verb: 'rm -rf', tool: 'rm', target: { type: 'fs:path', id: '/usr/share/dotnet' }, scope: 'resource', hints: {},
    evidence: [{ kind: 'config', message: 'environment could not be determined: treated as production (no profile, account, stack or other hint)' }],
    details: { location: 'system', path: '/usr/share/dotnet', withinWorkspace: false },
    environment: 'unknown', environmentAssumed: true, production: true,
    ...over,
  } as Action;
}

describe('placement', () => {
  const place = (a: Action, machine: MachineDeclaration | undefined = MACHINE) => placeOnEphemeralMachine([a], machine, { cwd: '/opt/actions-runner/_work/repo', env: { HOME: '/home/runner' }, mounts: VM, runtime: RUNTIME })[0];

  it('places a system-folder delete on this machine, recoverable, citing the declaration', () => {
    const placed = place(action({}));
    expect(placed).toMatchObject({ environment: 'this machine', production: false, environmentAssumed: false, intrinsic: { reversibility: 'recoverable' } });
    expect(placed.intrinsic!.evidence[0].message).toMatch(/^the operator declared this machine ephemeral in \/home\/runner\/\.config\/firebreak\/machine\.yaml:2 \(CI runner\)/);
    expect(placed.evidence.some((e) => /treated as production/.test(e.message))).toBe(false);
  });

  it('changes nothing without a declaration', () => {
    expect(placeOnEphemeralMachine([action({})], undefined, { cwd: '/opt/actions-runner/_work/repo', mounts: VM })[0]).toEqual(action({}));
  });

  it('leaves what names another place, runs elsewhere or was placed already', () => {
    for (const a of [
      action({ hints: { endpoint: 'prod' } }),
      action({ hints: { kubeContext: 'prod' } }),
      action({ details: { location: 'system', path: '/usr/share/dotnet', elsewhere: 'remote host prod' } }),
      action({ details: { location: 'system', path: '/usr/share/dotnet', argumentsFromStdin: true } }),
      action({ environment: 'staging', environmentAssumed: false, production: false }),
      action({ details: { location: 'database-data', path: '/var/lib/postgresql' } }),
      action({ details: { location: 'system', path: '/usr/share/$X' } }),
      action({ details: { location: 'system', path: '/usr/share/dotnet', danger: 'variable' } }),
      action({ operation: 'read' }),
      action({ target: { type: 'firebreak:guard-file', id: '/etc/claude-code/managed-settings.json' }, operation: 'permissions' }),
    ]) {
      expect(place(a).environment, JSON.stringify(a.details) + JSON.stringify(a.hints)).not.toBe('this machine');
    }
  });

  it('places a recognised local service change, not an unrecognised command', () => {
    const setup = { kind: 'local services', program: 'systemctl', undo: 'systemctl start' };
    expect(place(action({ operation: 'unknown', target: { type: 'local:command', id: 'systemctl' }, scope: 'unknown', details: { machineSetup: setup } }))).toMatchObject({ operation: 'update', scope: 'resource', environment: 'this machine' });
    expect(place(action({ operation: 'unknown', target: { type: 'local:command', id: 'reboot' }, scope: 'unknown', details: {} })).environment).toBe('unknown');
  });
});

describe('machine setup commands', () => {
  it.each([
    ['systemctl', 'systemctl stop docker'], ['systemctl', 'systemctl enable --now containerd'], ['systemctl', 'systemctl daemon-reload'], ['service', 'service docker restart'],
    ['modprobe', 'modprobe fuse'], ['useradd', 'useradd -m -s /bin/bash sftpuser'], ['usermod', 'usermod -aG docker $USER'], ['adduser', 'adduser $USER docker'],
    ['apt-get', 'apt-get remove -y docker-ce'], ['apt-get', 'apt-get purge -y --auto-remove x'], ['apk', 'apk del build-base'], ['add-apt-repository', 'add-apt-repository -y ppa:criu/ppa'],
  ])('%s: %s', (name, text) => {
    expect(machineSetupOf(name, text.split(' '))).toBeDefined();
  });

  it.each([
    ['systemctl', 'systemctl -H prod stop docker'], ['systemctl', 'systemctl --host=prod stop docker'], ['systemctl', 'systemctl -Mbox stop docker'], ['systemctl', 'systemctl reboot'],
    ['systemctl', 'systemctl poweroff'], ['systemctl', 'systemctl stop $UNIT'], ['service', 'service docker'], ['usermod', 'usermod -m -d /x runner'], ['useradd', 'useradd --root /mnt/img x'],
    ['userdel', 'userdel -r runner'], ['apt-get', 'apt-get install -y ./x.deb'], ['apt-get', 'apt-get remove -y --allow-remove-essential bash'], ['apt-get', 'apt-get install -y jq'],
    ['apt-get', 'apt-get -o APT::Update::Post-Invoke::=sh remove -y x'], ['modprobe', 'modprobe -d /tmp/mods evil'], ['mount', 'mount --bind /a /b'], ['insmod', 'insmod ./evil.ko'],
  ])('not %s: %s', (name, text) => {
    expect(machineSetupOf(name, text.split(' '))).toBeUndefined();
  });
});
