// System package managers, as data: which of their subcommands are a reversible machine change
// (installing a named package from the sources the machine already trusts: undone by removing it)
// and which are not. Everything a manager does that is not listed as routine here is unknown:
// removing or purging packages, adding or removing package sources and keys, installing a package
// file whose install scripts Firebreak has not read, options that run commands or lift signature
// checks. The rule is in src/intake/shell/system-packages.ts and docs/commands.md.

export interface PackageManagerSpec {
  /** Subcommands (first operand) that read, refresh the index, or install / upgrade named packages. */
  routine: ReadonlySet<string>;
  /** Option clusters that select the operation instead of a subcommand (`pacman -S`, `dpkg -l`):
   *  a routine operation letter or long option. Used when the manager has no subcommand words. */
  routineOperations?: RegExp;
  /** Options whose word after them is a value, not the subcommand. */
  withArgument?: ReadonlySet<string>;
  /** How the manager undoes an install, for the evidence. */
  undo: string;
  /** Subcommands that remove only a local copy the manager can fetch again from where it came
   *  (`brew untap homebrew/core`: a clone of formula definitions; `brew tap NAME` brings it back),
   *  with the options they accept (including their own `--force`) and how to undo them. */
  recoverableRemovals?: Readonly<Record<string, { options: RegExp; operand: RegExp; undo: string }>>;
}

const APT_ROUTINE = new Set(['install', 'update', 'upgrade', 'search', 'show', 'showsrc', 'list', 'policy', 'depends', 'rdepends', 'download', 'check',
  'clean', 'autoclean', 'build-dep', 'satisfy', 'changelog', 'madison', 'help', 'moo', 'source', 'pkgnames', 'stats', 'dump', 'dumpavail', 'unmet', 'showpkg']);

export const SYSTEM_PACKAGE_MANAGERS: Readonly<Record<string, PackageManagerSpec>> = {
  'apt-get': { routine: APT_ROUTINE, withArgument: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '-a', '--host-architecture']), undo: 'apt-get remove PACKAGE' },
  apt: { routine: APT_ROUTINE, withArgument: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '-a', '--host-architecture']), undo: 'apt remove PACKAGE' },
  'apt-cache': { routine: APT_ROUTINE, withArgument: new Set(['-o', '--option', '-c', '--config-file']), undo: 'nothing to undo (apt-cache only reads)' },
  // dpkg has no subcommands: its operation is an option. Reads and the architecture query only.
  dpkg: {
    routine: new Set(),
    routineOperations: /^(-[lLsSpc]|--(list|listfiles|status|search|print-avail|contents|info|print-architecture|print-foreign-architectures|get-selections|compare-versions|audit|verify|version|help))$/,
    undo: 'nothing to undo (dpkg only reads here)',
  },
  yum: { routine: new Set(['install', 'update', 'upgrade', 'search', 'info', 'list', 'makecache', 'check-update', 'provides', 'whatprovides', 'repolist', 'clean', 'groupinstall', 'deplist', 'help']), withArgument: new Set(['-c', '--config', '--setopt', '--enablerepo', '--disablerepo']), undo: 'yum remove PACKAGE' },
  dnf: { routine: new Set(['install', 'update', 'upgrade', 'search', 'info', 'list', 'makecache', 'check-update', 'provides', 'repolist', 'repoquery', 'clean', 'groupinstall', 'builddep', 'deplist', 'help']), withArgument: new Set(['-c', '--config', '--setopt', '--enablerepo', '--disablerepo']), undo: 'dnf remove PACKAGE' },
  microdnf: { routine: new Set(['install', 'update', 'upgrade', 'makecache', 'clean', 'repolist']), undo: 'microdnf remove PACKAGE' },
  apk: { routine: new Set(['add', 'update', 'upgrade', 'search', 'info', 'fetch', 'cache', 'policy', 'list', 'stats', 'version', 'dot']), withArgument: new Set(['-t', '--virtual', '-p', '--root']), undo: 'apk del PACKAGE' },
  // pacman: -S installs from the sync databases (also -Sy, -Syu, -Ss, -Si), -Q and -F read.
  pacman: { routine: new Set(), routineOperations: /^(-S[yuswiglcq]*|-Q[a-zA-Z]*|-F[a-zA-Z]*|--sync|--query|--files|-V|--version|-h|--help)$/, undo: 'pacman -R PACKAGE' },
  brew: { routine: new Set(['install', 'reinstall', 'update', 'upgrade', 'list', 'ls', 'info', 'search', 'outdated', 'doctor', 'config', '--prefix', '--cellar', '--repository',
    '--version', '--cache', 'deps', 'uses', 'leaves', 'desc', 'home', 'bundle', 'fetch', 'link', 'unlink', 'shellenv', 'commands', 'help', 'analytics', 'cat', 'formulae', 'casks', 'tap-info', 'log', 'services']), undo: 'brew uninstall PACKAGE',
    // untap --force untaps even when formulae from the tap are installed: they stay installed.
    recoverableRemovals: { untap: { options: /^(-f|--force|-q|--quiet|-v|--verbose|-d|--debug)$/, operand: /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, undo: 'brew tap TAP (it clones the tap again)' } } },
  port: { routine: new Set(['install', 'selfupdate', 'sync', 'search', 'info', 'installed', 'outdated', 'upgrade', 'list', 'contents', 'deps', 'version', 'help']), undo: 'port uninstall PACKAGE' },
  snap: { routine: new Set(['install', 'refresh', 'list', 'info', 'find', 'version', 'services', 'connections', 'changes', 'known', 'help']), undo: 'snap remove PACKAGE' },
  choco: { routine: new Set(['install', 'upgrade', 'list', 'search', 'find', 'info', 'outdated', 'help', 'config', 'feature']), undo: 'choco uninstall PACKAGE' },
  winget: { routine: new Set(['install', 'add', 'upgrade', 'update', 'list', 'ls', 'search', 'find', 'show', 'view', 'hash', 'validate', 'settings', 'features', '--version', '--info', 'export']), withArgument: new Set(['--id', '--source', '-s', '--version', '-v']), undo: 'winget uninstall PACKAGE' },
  scoop: { routine: new Set(['install', 'update', 'list', 'search', 'info', 'status', 'which', 'home', 'checkup', 'help', 'cat', 'prefix', 'export', 'bucket']), undo: 'scoop uninstall PACKAGE' },
  flatpak: { routine: new Set(['install', 'update', 'list', 'info', 'search', 'remotes', 'remote-ls', 'remote-info', 'remote-add', 'history', 'ps', 'documents', '--version', 'help']), undo: 'flatpak uninstall PACKAGE' },
  zypper: { routine: new Set(['install', 'in', 'refresh', 'ref', 'update', 'up', 'search', 'se', 'info', 'if', 'repos', 'lr', 'list-updates', 'lu', 'packages', 'pa', 'patches', 'patch', 'help']), undo: 'zypper remove PACKAGE' },
  'nix-env': { routine: new Set(), routineOperations: /^(-i|--install|-q|--query|-u|--upgrade|-iA|-qa|-qaP|--version|--help)$/, undo: 'nix-env -e PACKAGE' },
};

/** A routine subcommand followed by one of these words is not routine: it trusts a new package source
 *  (`scoop bucket add`), changes the manager's configuration or starts and stops services. */
export const NOT_ROUTINE_PAIRS: Readonly<Record<string, readonly string[]>> = {
  scoop: ['bucket add', 'bucket rm'],
  choco: ['config set', 'config unset', 'feature enable', 'feature disable'],
  brew: ['services start', 'services stop', 'services restart', 'services run', 'services kill', 'services cleanup'],
};

/** `-o NAME=VALUE` settings of apt that only tune downloads, prompts and dpkg's conffile answers.
 *  Any other setting may run a command (`DPkg::Pre-Invoke`, `APT::Update::Post-Invoke`) or change
 *  where packages come from (`Dir::Etc::SourceList`), so it is not routine. */
export const APT_ROUTINE_SETTINGS = /^(Acquire::(Retries|http::Timeout|https::Timeout|ftp::Timeout|Languages|http::Pipeline-Depth|ForceIPv4|ForceIPv6|Check-Valid-Until|PDiffs|Queue-Mode|CompressionTypes::Order)|APT::Get::(Assume-Yes|Fix-Broken|Show-Upgraded|Fix-Missing)|APT::Install-(Recommends|Suggests)|APT::Color|APT::Acquire::Retries|Dpkg::Options::?|DPkg::Options::?|Dpkg::Use-Pty|DPkg::Lock::Timeout|Debug::pkgProblemResolver|quiet)=/i;

/** Options that lift signature checks or let the manager remove or downgrade what is installed. */
export const UNSAFE_PACKAGE_OPTIONS = /^(--allow-unauthenticated|--allow-insecure-repositories|--allow-remove-essential|--allow-change-held-packages|--allow-downgrades|--force-yes|--purge|--auto-remove|--autoremove|--remove|--nogpgcheck|--no-gpg-checks|--allow-untrusted|--dangerous|--devmode|--jailmode|--insecure|--ignore-dependencies|--force|--force-[a-z-]+|--no-verify|--skip-broken|--allowerasing|--nodeps|--overwrite|--repository|--repo|--add-repo|--from-repo|--root|--installroot|--sysroot)(=|$)/;

/** Package sources anyone adds for the tool they name: adding them is routine (`flatpak remote-add flathub ...`). */
export const WELL_KNOWN_PACKAGE_SOURCES: Readonly<Record<string, readonly string[]>> = {
  flatpak: ['https://dl.flathub.org/repo/flathub.flatpakrepo', 'https://flathub.org/repo/flathub.flatpakrepo'],
};

/** Folders where installing a program, its manual pages, completions or headers is a reversible
 *  change of the machine: the administrator's own prefix (hier(7): "for use by the system
 *  administrator when installing software locally"), outside anything the distribution manages.
 *  /usr/local/lib and /usr/local/etc are not here: the dynamic loader and Python's site
 *  directories read /usr/local/lib, so a file there changes how every program runs. */
export const MACHINE_INSTALL_FOLDERS: readonly string[] = ['/usr/local/bin', '/usr/local/sbin', '/usr/local/share', '/usr/local/include', '/usr/local/man'];

/** Folders under those that system services read as configuration: a certificate put in
 *  ca-certificates is trusted after update-ca-certificates, a D-Bus service file is started as root. */
export const MACHINE_INSTALL_EXCEPTIONS: readonly string[] = ['/usr/local/share/ca-certificates', '/usr/local/share/dbus-1', '/usr/local/share/polkit-1', '/usr/local/share/applications'];

/** Folders of the distribution's programs: a program installed under /usr/local/bin with one of
 *  their names shadows it (PATH lists /usr/local/bin first), so it is not a new program. */
export const SYSTEM_PROGRAM_FOLDERS: readonly string[] = ['/usr/bin', '/bin', '/usr/sbin', '/sbin'];

/** Programs other programs and people call by name through PATH: one installed under /usr/local/bin
 *  with such a name shadows the system's wherever this machine has it, so it is never a new program. */
export const SHADOW_SENSITIVE_NAMES: ReadonlySet<string> = new Set([
  'sudo', 'su', 'doas', 'pkexec', 'env', 'login', 'passwd', 'ssh', 'scp', 'sftp', 'ssh-agent', 'ssh-add', 'git', 'gpg', 'gpg2', 'openssl',
  'sh', 'bash', 'dash', 'zsh', 'ksh', 'fish', 'python', 'python3', 'perl', 'ruby', 'node', 'npm', 'npx', 'pip', 'pip3',
  'ls', 'cat', 'cp', 'mv', 'rm', 'ln', 'chmod', 'chown', 'mkdir', 'install', 'find', 'xargs', 'grep', 'sed', 'awk', 'tar', 'curl', 'wget',
  'ps', 'id', 'whoami', 'which', 'crontab', 'systemctl', 'apt', 'apt-get', 'dpkg', 'mount', 'firebreak',
]);

/** The environment name given to reversible installs on this machine. */
export const MACHINE_ENVIRONMENT = 'this machine';
