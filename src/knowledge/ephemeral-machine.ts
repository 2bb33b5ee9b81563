// What an operator's ephemeral declaration (src/config/machine.ts) covers, as data: the machine's own
// system state, which is thrown away with it. The rule is in src/predict/ephemeral-machine.ts; the
// programs are recognised at intake (src/intake/shell/machine-setup.ts).
//
// Never covered, declared or not: anything on another host, cluster, registry or database; the
// guard's files and every agent's settings; the workspace (it may be a bind mount from the host);
// databases' data; credentials; paths on bind or network mounts (they outlive the machine).

/** System folders whose contents are this machine's own setup: installed programs, their data, the
 *  system's configuration, package caches. A path strictly inside one is covered; the folder itself
 *  is not (`rm -rf /usr` leaves no machine to run the job on). Not /var as a whole (databases, docker
 *  volumes, mail), not /home or /root (people's files, the workspace, credentials), not /srv, /data,
 *  /mnt or /media (data, and mounts from elsewhere). */
export const EPHEMERAL_SYSTEM_FOLDERS: readonly string[] = [
  '/etc', '/usr', '/opt', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32',
  '/var/cache', '/var/lib/apt', '/var/lib/dpkg', '/var/lib/dnf', '/var/lib/yum', '/var/lib/rpm', '/var/lib/snapd', '/var/lib/systemd', '/var/log',
  // Run-time state of services (sockets, pid files): gone at the next boot. Secrets mounted there are bind mounts (mounts.ts).
  '/run', '/var/run',
];

/** File-system types whose files live on another machine: a path on one outlives this machine. */
export const NETWORK_FILE_SYSTEMS: ReadonlySet<string> = new Set([
  'nfs', 'nfs4', 'cifs', 'smb3', 'smbfs', 'ncpfs', '9p', 'virtiofs', 'ceph', 'glusterfs', 'lustre', 'gpfs', 'beegfs', 'afs', 'davfs', 'ocfs2', 'gfs2',
  'fuse.sshfs', 'sshfs', 'fuse.s3fs', 'fuse.gcsfuse', 'fuse.rclone', 'fuse.glusterfs', 'fuse.ceph', 'fuse.davfs2', 'fuse.goofys', 'fuse.mountpoint-s3',
  'fuse.juicefs', 'fuse.blobfuse2', 'fuse.grpcfuse', 'fakeowner', 'vboxsf', 'prl_fs', 'vmhgfs', 'fuse.vmhgfs-fuse', 'drvfs', 'fuse.lxcfs',
]);

/** Mounts of the kernel's own views and memory: nothing on them outlives the machine. */
export const MACHINE_ONLY_FILE_SYSTEMS: ReadonlySet<string> = new Set([
  'proc', 'sysfs', 'devtmpfs', 'devpts', 'tmpfs', 'cgroup', 'cgroup2', 'mqueue', 'securityfs', 'debugfs', 'tracefs', 'pstore', 'bpf', 'configfs',
  'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc', 'efivarfs', 'rpc_pipefs', 'nsfs', 'ramfs', 'squashfs', 'overlay',
]);

export type MachineSetupKind = 'system packages' | 'package sources' | 'local services' | 'kernel modules' | 'users and groups';

/** Programs whose change is to this machine's own state, with the subcommands (first operand) that
 *  are such a change and the options that point them at another machine instead. */
export interface MachineSetupSpec {
  kind: MachineSetupKind;
  /** The first operand must be one of these (undefined: any operand words). */
  subcommands?: ReadonlySet<string>;
  /** Options that act on another machine, an image or a root other than this one's. */
  elsewhere?: RegExp;
  /** Options whose change is not this machine's setup (deleting a home folder with the user, moving one). */
  refused?: RegExp;
  undo: string;
}

const SYSTEMCTL_CHANGES = new Set([
  'start', 'stop', 'restart', 'try-restart', 'reload', 'reload-or-restart', 'try-reload-or-restart', 'enable', 'disable', 'reenable', 'mask', 'unmask',
  'daemon-reload', 'daemon-reexec', 'reset-failed', 'kill', 'preset', 'revert', 'is-active', 'is-enabled', 'status', 'show', 'cat', 'list-units', 'list-unit-files',
]);

export const MACHINE_SETUP_PROGRAMS: Readonly<Record<string, MachineSetupSpec>> = {
  systemctl: { kind: 'local services', subcommands: SYSTEMCTL_CHANGES, elsewhere: /^(-H|--host|-M|--machine|--root|--image)(=|$)|^-[HM]./, undo: 'systemctl start/enable the unit again (or throw the machine away)' },
  service: { kind: 'local services', undo: 'service NAME start (or throw the machine away)' },
  modprobe: { kind: 'kernel modules', elsewhere: /^(-d|--dirname|-C|--config|-S|--set-version)(=|$)/, undo: 'modprobe -r MODULE (or throw the machine away)' },
  rmmod: { kind: 'kernel modules', undo: 'modprobe MODULE' },
  useradd: { kind: 'users and groups', elsewhere: /^(-R|--root|-P|--prefix)(=|$)/, undo: 'userdel NAME' },
  adduser: { kind: 'users and groups', undo: 'deluser NAME' },
  addgroup: { kind: 'users and groups', undo: 'delgroup NAME' },
  groupadd: { kind: 'users and groups', elsewhere: /^(-R|--root|-P|--prefix)(=|$)/, undo: 'groupdel NAME' },
  usermod: { kind: 'users and groups', elsewhere: /^(-R|--root|-P|--prefix)(=|$)/, refused: /^(-m|--move-home|-d|--home)$/, undo: 'usermod again with the old values' },
  gpasswd: { kind: 'users and groups', undo: 'gpasswd -d USER GROUP' },
  'add-apt-repository': { kind: 'package sources', undo: 'add-apt-repository --remove SOURCE' },
  'apt-add-repository': { kind: 'package sources', undo: 'apt-add-repository --remove SOURCE' },
};

/** Package managers (knowledge/system-packages.ts) whose removals and source changes are this machine's setup. */
export const PACKAGE_MANAGER_REMOVALS: Readonly<Record<string, ReadonlySet<string>>> = {
  'apt-get': new Set(['remove', 'purge', 'autoremove', 'autopurge', 'clean', 'autoclean']),
  apt: new Set(['remove', 'purge', 'autoremove', 'autopurge', 'clean', 'autoclean']),
  yum: new Set(['remove', 'erase', 'autoremove', 'clean']),
  dnf: new Set(['remove', 'erase', 'autoremove', 'clean']),
  microdnf: new Set(['remove', 'clean']),
  apk: new Set(['del', 'cache']),
  snap: new Set(['remove']),
  brew: new Set(['uninstall', 'remove', 'rm', 'cleanup', 'autoremove']),
  zypper: new Set(['remove', 'rm', 'clean']),
};

/** The concern keys of system-packages.ts that are removals on this machine (`--purge`), not trust. */
export const PACKAGE_REMOVAL_OPTIONS = /^(--purge|--auto-remove|--autoremove)$/;

/** Wrappers that run the command under another root or in another process's mount namespace
 *  (`chroot /mnt/img`, `nsenter -t 1 -m` from a container reaches the host): its paths are not this
 *  machine's own, so nothing it does is this machine's setup. Matched on the wrapper's evidence key
 *  (knowledge/wrappers.ts `says`) and, failing closed, on the words of the command. */
export const OTHER_ROOT_WRAPPERS: ReadonlySet<string> = new Set(['chroot', 'nsenter', 'unshare']);
export const OTHER_ROOT_WORDS = /(^|[\s;&|(/'"])(chroot|arch-chroot|schroot|nsenter|unshare|systemd-nspawn|machinectl|proot|fakechroot|firejail|bwrap)(?=$|[\s;&|)'"])|\bsudo\s+(-[^\sR-]*\s+([^-\s]\S*\s+)?|--[a-z-]+(=\S+)?\s+)*?(-[a-zA-Z]*R|--chroot)(=|\s)/;

/** System files every later process (the guard's hook among them) reads as it starts: writing them
 *  injects code or variables into the guard itself (`/etc/ld.so.preload`, `/etc/environment` setting
 *  FIREBREAK_HOME), so the declaration never covers them. */
export const GUARD_STARTUP_FILES: readonly string[] = [
  '/etc/ld.so.preload', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/ld.so.cache', '/etc/environment', '/etc/security/pam_env.conf',
  '/etc/profile', '/etc/profile.d', '/etc/bash.bashrc', '/etc/bashrc', '/etc/zsh', '/etc/zshenv', '/etc/zshrc', '/etc/zprofile', '/etc/fish',
  '/etc/nodejs', '/usr/etc/npmrc', '/etc/npmrc', '/etc/sudoers', '/etc/sudoers.d',
];

/** System places whose files are code something runs later without the command showing it: apt and
 *  dpkg hooks, systemd units and generators, init scripts, cron, udev RUN rules, autostart entries,
 *  the system git and ssh configs (hooks, ProxyCommand), Python's site directories (.pth files run at
 *  every start). Writing there is not machine setup even when declared: the code runs unread, and it
 *  may reach anything (a cloud account, a cluster). Deleting there is. */
export const DEFERRED_SYSTEM_CODE: readonly string[] = [
  '/etc/apt/apt.conf', '/etc/apt/apt.conf.d', '/etc/dpkg/dpkg.cfg', '/etc/dpkg/dpkg.cfg.d', '/etc/systemd', '/usr/lib/systemd', '/lib/systemd', '/usr/local/lib/systemd',
  '/etc/init.d', '/etc/rc.local', '/etc/crontab', '/etc/cron.d', '/etc/cron.hourly', '/etc/cron.daily', '/etc/cron.weekly', '/etc/cron.monthly', '/etc/anacrontab',
  '/etc/udev', '/usr/lib/udev', '/lib/udev', '/etc/xdg/autostart', '/etc/gitconfig', '/etc/ssh/ssh_config', '/etc/ssh/ssh_config.d', '/etc/ssh/sshrc',
  '/etc/update-motd.d', '/etc/network/if-up.d', '/etc/NetworkManager/dispatcher.d', '/etc/X11/Xsession.d', '/etc/pam.d', '/etc/security',
];
export const DEFERRED_SYSTEM_CODE_PATTERNS: readonly RegExp[] = [/^\/(usr\/(local\/)?)?lib(64)?\/python[\d.]*\/(site|dist)-packages(\/|$)/, /^\/etc\/python[\d.]*\//, /^\/(usr\/(local\/)?)?lib\/node_modules(\/|$)/];
