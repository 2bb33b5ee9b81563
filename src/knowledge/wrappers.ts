// Wrappers: commands that run another command (sudo, env, timeout, su -c, flock, setsid, ...).
// The shell intake peels them off (src/intake/shell/unwrap.ts) and judges the command inside;
// what the wrapper says about how it runs (as root, with secrets, on another host) is kept as
// evidence. Runners that read a file to know what runs (make, npm run, docker run) are not
// wrappers: see knowledge/runners.ts.

/** How a wrapper's own arguments are laid out before the command it runs. */
export interface WrapperSpec {
  /** Options that take a separate argument (`-u root`). `--opt=value` forms need no entry. */
  optionsWithArgument: ReadonlySet<string>;
  /** Positional operands before the wrapped command (`timeout 60 cmd`: 1). */
  operands?: number;
  /** `env`-style NAME=value operands set the wrapped command's environment. */
  assignments?: boolean;
  /** Options that mean "no command runs" (`command -v x` only looks x up). */
  lookupOnly?: ReadonlySet<string>;
  /** The first operand is an AWS profile (aws-vault). */
  profileOperand?: boolean;
  /** Options whose value is an AWS profile (`saml2aws exec --exec-profile prod`). */
  profileOptions?: ReadonlySet<string>;
  /** Options whose value is a host the command runs on (`systemd-run -H host`). */
  hostOptions?: ReadonlySet<string>;
  /** Options whose value is shell text the wrapper runs (`su -c 'cmd'`, `flock -c`). */
  commandString?: ReadonlySet<string>;
  /** The words after the options are joined and run by `sh -c` (`watch 'cmd'`, `sg grp cmd`),
   *  unless one of these options asks for exec (`watch -x`). */
  joinsCommand?: { unless: ReadonlySet<string> };
  /** Operands are not a command (`su user`, `script out.log`): only `commandString` runs something, */
  operandsAreNotCommands?: boolean;
  /** ...unless one of these options was given (`runuser -u user -- cmd`), */
  argvAfter?: ReadonlySet<string>;
  /** ...or the operands are `FILE COMMAND...` (BSD `script -q /dev/null cmd`). */
  argvAfterFile?: boolean;
  /** Without a command nothing runs (`flock 9` only takes a lock). */
  noCommandIsHarmless?: boolean;
  /** A command that is a `.py` file runs in Python (`uv run clean.py` is `python clean.py`). */
  pythonFiles?: boolean;
  /** Every operand up to `--` belongs to the wrapper (`chamber exec svc1 svc2 -- cmd`). */
  operandsUntilDashDash?: boolean;
  /** After one of these options the rest is the command (`nix develop .#x -c cargo build`). */
  commandAfter?: ReadonlySet<string>;
  /** Options that set the folder the command runs in (`env -C /srv rm -rf data`, `sudo -D DIR`). */
  chdir?: ReadonlySet<string>;
  /** A wrapper only when its first operand is one of these (`corepack yarn`, not `corepack enable`). */
  onlyFor?: ReadonlySet<string>;
  /** What running through the wrapper means, as evidence on every action inside. */
  says?: string;
}

const none: ReadonlySet<string> = new Set();
const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** Credential and secret injectors: the command inside runs with their secrets. */
const SECRETS = 'runs with credentials or secrets injected by the wrapper';

/** What `bundle exec` adds (module-search-paths.ts reads it to put path gems on ruby's load path). */
export const BUNDLE_EXEC = 'runs under bundle exec: the Gemfile\'s gems, path gems included, are on ruby\'s load path';

export const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  sudo: { optionsWithArgument: set('-u', '-g', '-h', '-p', '-C', '-U', '-r', '-t', '-T', '-D', '-R', '--user', '--group', '--host', '--prompt', '--close-from', '--other-user', '--role', '--type', '--command-timeout', '--chdir', '--chroot'), chdir: set('-D', '--chdir') },
  doas: { optionsWithArgument: set('-u', '-C'), says: 'runs with elevated privileges (doas)' },
  pkexec: { optionsWithArgument: set('--user'), says: 'runs with elevated privileges (pkexec)' },
  env: { optionsWithArgument: set('-u', '-C', '--unset', '--chdir', '-S', '--split-string'), assignments: true, chdir: set('-C', '--chdir') },
  timeout: { optionsWithArgument: set('-s', '-k', '--signal', '--kill-after'), operands: 1 },
  gtimeout: { optionsWithArgument: set('-s', '-k', '--signal', '--kill-after'), operands: 1 },
  nohup: { optionsWithArgument: none },
  // Multi-call binaries: `busybox rm -rf x` is `rm -rf x`, `busybox sh -c '...'` is `sh -c '...'`.
  busybox: { optionsWithArgument: none, lookupOnly: set('--list', '--list-full', '--help') },
  toybox: { optionsWithArgument: none, lookupOnly: set('--help', '--version') },
  nice: { optionsWithArgument: set('-n', '--adjustment') },
  ionice: { optionsWithArgument: set('-c', '-n', '-p', '--class', '--classdata'), lookupOnly: set('-p') },
  chrt: { optionsWithArgument: set('-T', '-P', '-D', '--sched-runtime', '--sched-period', '--sched-deadline'), operands: 1, lookupOnly: set('-p', '--pid', '-m', '--max') },
  taskset: { optionsWithArgument: none, operands: 1, lookupOnly: set('-p', '--pid') },
  numactl: { optionsWithArgument: set('-i', '-m', '-N', '-C', '-p', '-P', '-w'), lookupOnly: set('-H', '--hardware', '-s', '--show') },
  prlimit: { optionsWithArgument: set('-o', '--output'), lookupOnly: set('-p', '--pid') },
  time: { optionsWithArgument: set('-f', '-o', '--format', '--output') },
  command: { optionsWithArgument: none, lookupOnly: set('-v', '-V') },
  builtin: { optionsWithArgument: none },
  exec: { optionsWithArgument: set('-a') },
  stdbuf: { optionsWithArgument: set('-i', '-o', '-e') },
  unbuffer: { optionsWithArgument: none },
  caffeinate: { optionsWithArgument: set('-t', '-w') },
  chronic: { optionsWithArgument: none },
  setsid: { optionsWithArgument: none },
  catchsegv: { optionsWithArgument: none },
  faketime: { optionsWithArgument: none, operands: 1 },
  strace: { optionsWithArgument: set('-e', '-o', '-p', '-s', '-u', '-E', '-a', '-I', '-O', '-P', '-S', '-X', '-b'), says: 'runs under strace' },
  ltrace: { optionsWithArgument: set('-e', '-o', '-p', '-s', '-u', '-n', '-a', '-A', '-D', '-F', '-l', '-x') },
  valgrind: { optionsWithArgument: none },
  torsocks: { optionsWithArgument: set('-u', '-p', '-a', '-P') },
  proxychains: { optionsWithArgument: set('-f') },
  proxychains4: { optionsWithArgument: set('-f') },
  firejail: { optionsWithArgument: none },
  'xvfb-run': { optionsWithArgument: set('-n', '-s', '-f', '-e', '-p', '-w', '--server-num', '--server-args', '--auth-file', '--error-file', '--xauth-protocol', '--wait') },
  tini: { optionsWithArgument: set('-e', '-p') },
  'dumb-init': { optionsWithArgument: set('-r', '--rewrite') },
  gosu: { optionsWithArgument: none, operands: 1, says: 'runs as another user (gosu)' },
  'su-exec': { optionsWithArgument: none, operands: 1, says: 'runs as another user (su-exec)' },
  setpriv: { optionsWithArgument: set('--reuid', '--regid', '--ruid', '--rgid', '--euid', '--egid', '--groups', '--inh-caps', '--ambient-caps', '--bounding-set', '--securebits', '--pdeathsig', '--selinux-label', '--apparmor-profile', '--landlock-access', '--landlock-rule'), lookupOnly: set('-d', '--dump') },
  chroot: { optionsWithArgument: none, operands: 1, says: 'runs inside another root directory (chroot)' },
  nsenter: { optionsWithArgument: set('-t', '--target', '-S', '--setuid', '-G', '--setgid'), says: "runs inside another process's namespaces (nsenter): with --target 1, on the host" },
  unshare: { optionsWithArgument: set('-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--propagation', '--setgroups'), says: 'runs in new namespaces (unshare)' },
  'systemd-run': {
    optionsWithArgument: set('-u', '--unit', '-p', '--property', '--description', '--slice', '-E', '--setenv', '--working-directory', '--uid', '--gid', '--nice',
      '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--timer-property', '--path-property',
      '--socket-property', '-H', '--host', '-M', '--machine', '--service-type'),
    hostOptions: set('-H', '--host'),
    says: 'runs as a systemd unit (systemd-run): it keeps running after the command returns',
  },
  flock: { optionsWithArgument: set('-w', '--timeout', '-E', '--conflict-exit-code'), operands: 1, commandString: set('-c', '--command'), noCommandIsHarmless: true },
  su: { optionsWithArgument: set('-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'), commandString: set('-c', '--command', '--session-command'), operandsAreNotCommands: true, says: 'runs as another user (su)' },
  runuser: { optionsWithArgument: set('-u', '--user', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'), commandString: set('-c', '--command', '--session-command'), operandsAreNotCommands: true, argvAfter: set('-u', '--user'), says: 'runs as another user (runuser)' },
  script: { optionsWithArgument: set('-E', '--echo', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-T', '--log-timing', '-m', '--logging-format', '-o', '--output-limit'), commandString: set('-c', '--command'), operandsAreNotCommands: true, argvAfterFile: true },
  sg: { optionsWithArgument: none, operands: 1, commandString: set('-c'), joinsCommand: { unless: none } },
  watch: { optionsWithArgument: set('-n', '--interval', '-q', '--equexit'), joinsCommand: { unless: set('-x', '--exec') }, says: 'repeats the command periodically (watch)' },
  entr: { optionsWithArgument: none },
  // `-i[R]`, `-l[N]`, `-e[S]`, `--replace[=R]` take a value only when it is attached.
  xargs: { optionsWithArgument: set('-I', '-L', '-n', '-P', '-s', '-d', '-E', '-a', '--max-args', '--max-procs', '--delimiter', '--arg-file', '--max-lines', '--max-chars', '--eof', '--process-slot-var') },
  'cross-env': { optionsWithArgument: none, assignments: true },
  'cross-env-shell': { optionsWithArgument: none, assignments: true, joinsCommand: { unless: none } },
  'env-cmd': { optionsWithArgument: set('-f', '--file', '-e', '--environments', '-r', '--rc-file'), says: SECRETS },
  dotenv: { optionsWithArgument: set('-e', '-v', '-c'), says: SECRETS },
  envchain: { optionsWithArgument: none, operands: 1, says: SECRETS },
  'aws-vault': { optionsWithArgument: set('--duration', '-d', '--region', '--mfa-token', '-t', '--backend'), operands: 1, profileOperand: true },
  gtime: { optionsWithArgument: set('-f', '-o', '--format', '--output') },
  corepack: { optionsWithArgument: none, onlyFor: set('yarn', 'yarnpkg', 'pnpm', 'pnpx', 'npm', 'npx') },
  'nix-shell': { optionsWithArgument: set('-p', '--packages', '-A', '--attr', '-I', '--arg', '--argstr', '--option', '-j', '--max-jobs'), commandString: set('--run', '--command'), operandsAreNotCommands: true },
};

/** `tool sub ...` forms that are wrappers: `uv run`, `aws-vault exec`, `doppler run --`. */
export const SUBCOMMAND_WRAPPERS: Readonly<Record<string, Readonly<Record<string, WrapperSpec>>>> = {
  nix: { develop: { optionsWithArgument: set('--profile', '--override-input', '-I', '--option', '--arg', '--argstr'), commandAfter: set('-c', '--command'), operandsAreNotCommands: true }, shell: { optionsWithArgument: set('--override-input', '-I', '--option'), commandAfter: set('-c', '--command'), operandsAreNotCommands: true } },
  mise: { exec: { optionsWithArgument: set('-C', '--cd', '-j', '--jobs'), operandsUntilDashDash: true }, x: { optionsWithArgument: set('-C', '--cd', '-j', '--jobs'), operandsUntilDashDash: true } },
  uv: { run: { optionsWithArgument: set('--with', '--with-editable', '--with-requirements', '-p', '--python', '--package', '--extra', '--group', '--only-group', '--env-file', '--directory', '--project', '--index', '--default-index', '-i', '--index-url', '-f', '--find-links', '--config-file', '--cache-dir'), pythonFiles: true } },
  poetry: { run: { optionsWithArgument: set('-C', '--directory', '-P', '--project') } },
  pipenv: { run: { optionsWithArgument: none } },
  pdm: { run: { optionsWithArgument: set('-p', '--project'), pythonFiles: true } },
  rye: { run: { optionsWithArgument: set('--pyproject') } },
  hatch: { run: { optionsWithArgument: none } },
  bundle: { exec: { optionsWithArgument: set('--gemfile'), says: BUNDLE_EXEC } },
  conda: { run: { optionsWithArgument: set('-n', '--name', '-p', '--prefix', '--cwd') } },
  mamba: { run: { optionsWithArgument: set('-n', '--name', '-p', '--prefix', '--cwd') } },
  micromamba: { run: { optionsWithArgument: set('-n', '--name', '-p', '--prefix', '--cwd') } },
  pyenv: { exec: { optionsWithArgument: none } },
  rbenv: { exec: { optionsWithArgument: none } },
  asdf: { exec: { optionsWithArgument: none } },
  direnv: { exec: { optionsWithArgument: none, operands: 1 } },
  fnm: { exec: { optionsWithArgument: set('--using') } },
  volta: { run: { optionsWithArgument: set('--node', '--npm', '--yarn', '--pnpm', '--env') } },
  pnpm: { exec: { optionsWithArgument: set('-C', '--dir', '--filter', '-F', '--workspace-concurrency') } },
  yarn: { exec: { optionsWithArgument: none } },
  'aws-vault': { exec: { optionsWithArgument: set('--duration', '-d', '--region', '--mfa-token', '-t', '--backend'), operands: 1, profileOperand: true } },
  op: { run: { optionsWithArgument: set('--env-file', '--account'), says: SECRETS } },
  doppler: { run: { optionsWithArgument: set('-p', '--project', '-c', '--config', '--token', '--mount', '--mount-format', '--name-transformer', '--fallback'), commandString: set('--command'), says: SECRETS } },
  infisical: { run: { optionsWithArgument: set('--env', '--path', '--projectId', '--token', '--tags', '--domain'), commandString: set('--command'), says: SECRETS } },
  dotenvx: { run: { optionsWithArgument: set('-f', '--env-file', '-fk', '--env-keys-file', '--convention'), says: SECRETS } },
  berglas: { exec: { optionsWithArgument: set('--local'), says: SECRETS } },
  teller: { run: { optionsWithArgument: set('-c', '--config'), says: SECRETS } },
  chamber: { exec: { optionsWithArgument: set('-b', '--backend'), operandsUntilDashDash: true, says: SECRETS } },
  saml2aws: { exec: { optionsWithArgument: set('-a', '--idp-account', '--exec-profile', '--profile', '-p', '--region'), profileOptions: set('--exec-profile', '--profile', '-p'), says: SECRETS } },
  sops: { 'exec-env': { optionsWithArgument: none, operands: 1, joinsCommand: { unless: none }, says: SECRETS }, 'exec-file': { optionsWithArgument: set('--output-type', '--input-type', '--filename'), operands: 1, joinsCommand: { unless: none }, says: SECRETS } },
};

/** Options a program with a wrapping subcommand takes before it (`hatch -e test -v run pytest`): skipped to find
 *  the subcommand. `valued` take the next word as their value; any other option is a flag.
 *  https://hatch.pypa.io/latest/cli/reference/ */
export const GLOBAL_OPTIONS_BEFORE_SUBCOMMAND: Readonly<Record<string, { valued: ReadonlySet<string> }>> = {
  hatch: { valued: set('-e', '--env', '-p', '--project', '--data-dir', '--cache-dir', '--config') },
};

/** Builtins and tools that are not wrappers but run a command given in a setting (`git -c
 *  core.sshCommand=...`, `tar --to-command=...`): the option and where the command is. */
export interface CommandOptionSpec {
  options: ReadonlySet<string>;
  says: string;
  /** getopt_long: an unambiguous prefix is the option (`--to-com=cmd`, `--use=cmd`). Long options
   *  that are themselves a prefix of one of `options` (tar's `--checkpoint`) are listed here. */
  abbreviations?: { exact: ReadonlySet<string> };
  /** Short options that take a value, for clusters (`-xvIcmd`, `-xI cmd -f a.tar`) and, with
   *  `oldStyle`, a first word of letters whose values follow in order (`tar xIf cmd a.tar`). */
  shortWithArgument?: string;
  oldStyle?: boolean;
  /** A variable whose words the tool reads as options before its own (TAR_OPTIONS). */
  environment?: string;
}

const TAR: CommandOptionSpec = {
  options: set('--checkpoint-action', '--to-command', '--use-compress-program', '-I', '--info-script', '-F', '--new-volume-script', '--rsh-command', '--rmt-command'),
  says: 'tar runs this command',
  abbreviations: { exact: set('--checkpoint') },
  shortWithArgument: 'bCfFgHIKLNTVX',
  oldStyle: true,
  environment: 'TAR_OPTIONS',
};

export const COMMAND_OPTIONS: Readonly<Record<string, CommandOptionSpec>> = {
  tar: TAR,
  gtar: TAR,
  sort: { options: set('--compress-program'), says: 'sort runs this program to compress its temporary files', abbreviations: { exact: none } },
  // zip reads ZIPOPT as options before its own.
  zip: { options: set('-TT', '--unzip-command'), says: 'zip runs this command to test the archive', environment: 'ZIPOPT' },
  wget: { options: set('--use-askpass'), says: 'wget runs this program to ask for credentials', abbreviations: { exact: none } },
  sdiff: { options: set('--diff-program'), says: 'sdiff runs this program to compare' },
  diff3: { options: set('--diff-program'), says: 'diff3 runs this program to compare' },
  rg: { options: set('--pre'), says: 'ripgrep runs this program on every file it searches' },
  // man-db reads MANOPT as options before its own (`MANOPT=-P./x.sh man ls`).
  man: { options: set('-P', '--pager', '-H', '--html'), says: 'man runs this command to page its output', abbreviations: { exact: none }, shortWithArgument: 'CEHLMPRSTXempqrs', environment: 'MANOPT' },
  bat: { options: set('--pager'), says: 'bat runs this command to page its output' },
};

/** git configuration keys whose value is a command git runs (`git -c core.pager='sh -c ...' log`). */
export const GIT_COMMAND_SETTINGS: readonly RegExp[] = [
  /^core\.(sshcommand|pager|editor|fsmonitor|askpass|hookspath|gitproxy|alternaterefscommand)$/i,
  /^alias\./i,
  /^(sequence\.editor|diff\.external|gpg\.program|gpg\.\w+\.program|gpg\.ssh\.defaultkeycommand|credential\.helper|credential\..*\.helper|uploadpack\.packobjectshook|interactive\.difffilter)$/i,
  /^(diff|merge|filter)\..*\.(command|textconv|driver|clean|smudge|process)$/i,
  /^(pager|difftool|mergetool)\..*$/i,
  /^(browser|man)\..*\.(cmd|path)$/i,
  /^sendemail\.(sendmailcmd|smtpserver|tocmd|cccmd|headercmd)$/i,
  /^remote\..*\.(uploadpack|receivepack)$/i,
  /^trailer\..*\.(command|cmd)$/i,
  /^submodule\..*\.update$/i,
];

/** git settings whose value is a command only when it starts with `!` (otherwise it names a git
 *  subcommand, a helper or a mode): aliases, submodule update modes. */
export const GIT_BANG_SETTINGS = /^(alias\.|submodule\..*\.update$)/i;

/** Environment variables whose value is a command a tool runs. */
export const COMMAND_VARIABLES: Readonly<Record<string, string>> = {
  GIT_SSH_COMMAND: 'git runs it to connect', GIT_SSH: 'git runs it to connect', GIT_PAGER: 'git runs it to page output',
  GIT_EDITOR: 'git runs it to edit messages', GIT_SEQUENCE_EDITOR: 'git runs it to edit the rebase todo list', GIT_EXTERNAL_DIFF: 'git runs it to diff', GIT_ASKPASS: 'git runs it to ask for credentials',
  GIT_PROXY_COMMAND: 'git runs it to connect', PAGER: 'tools run it to page output', EDITOR: 'tools run it to edit', VISUAL: 'tools run it to edit',
  MANPAGER: 'man runs it to page output', SYSTEMD_PAGER: 'systemctl and journalctl run it to page output', SYSTEMD_EDITOR: 'systemctl edit runs it',
  GH_PAGER: 'gh runs it to page output', GH_EDITOR: 'gh runs it to edit', GH_BROWSER: 'gh runs it to open pages', BROWSER: 'tools run it to open pages',
  KUBE_EDITOR: 'kubectl edit runs it', PSQL_PAGER: 'psql runs it to page output', PSQL_EDITOR: 'psql runs it to edit queries', AWS_PAGER: 'the AWS CLI runs it to page output',
  BAT_PAGER: 'bat runs it to page output', DELTA_PAGER: 'delta runs it to page output', SUDO_ASKPASS: 'sudo -A runs it to ask for the password', SSH_ASKPASS: 'ssh runs it to ask for a passphrase',
  LESSOPEN: 'less runs it on every file it opens', LESSCLOSE: 'less runs it after every file it closes',
  FZF_DEFAULT_COMMAND: 'fzf runs it to list its choices when nothing is piped to it',
  npm_config_script_shell: 'npm runs every package script with it', npm_config_shell: 'npm exec and explore run it',
};

/** Variables whose command has less's input-preprocessor form: `|cmd %s`, `||cmd %s`, `cmd %s %s`. */
export const LESS_PREPROCESSOR_VARIABLES: ReadonlySet<string> = new Set(['LESSOPEN', 'LESSCLOSE']);

/** Variables whose value the shell itself runs later: `PROMPT_COMMAND` before each prompt, and
 *  command substitutions in the prompts (`PS4='$(cmd)'` runs before every traced command under
 *  `set -x`, `PS1` at every interactive prompt). Judged where they are set. */
export const DEFERRED_CODE_VARIABLES: Readonly<Record<string, 'command' | 'prompt'>> = {
  PROMPT_COMMAND: 'command', PS0: 'prompt', PS1: 'prompt', PS2: 'prompt', PS3: 'prompt', PS4: 'prompt',
};

/** `BASH_FUNC_name%%=() { ...; }` in a child's environment: bash defines the function `name`
 *  from it (exported functions), so the body runs when the name is called. */
export const EXPORTED_FUNCTION_VARIABLE = /^BASH_FUNC_(.+?)(%%|\(\))$/;

/** Startup files a non-interactive shell reads before it runs anything (`BASH_ENV=x.sh bash -c
 *  ...`). `ENV` is read by interactive shells only (which are unknown anyway), and is a common
 *  variable name (`ENV=prod make deploy`), so it is not one. */
export const SHELL_STARTUP_VARIABLES: ReadonlySet<string> = set('BASH_ENV');

/** Variables that make every program of a kind load code before it runs anything: judged as the
 *  same options on that program's own command line (`NODE_OPTIONS='--require ./x.js' npm test` as
 *  `node --require ./x.js`). `preload`: a shared object loaded into every program (LD_PRELOAD). */
export const CODE_LOADING_VARIABLES: Readonly<Record<string, { program: string; code: string } | 'preload'>> = {
  NODE_OPTIONS: { program: 'node', code: "-e ''" },
  PERL5OPT: { program: 'perl', code: '-e 1' },
  RUBYOPT: { program: 'ruby', code: '-e 1' },
  LD_PRELOAD: 'preload', LD_AUDIT: 'preload', DYLD_INSERT_LIBRARIES: 'preload',
};

/** Variables that name the folder a program takes its own code from (`GIT_EXEC_PATH=/tmp/x git
 *  status` runs /tmp/x/git-status): outside the installed-program folders, code nobody has read. */
export const PROGRAM_FOLDER_VARIABLES: Readonly<Record<string, string>> = {
  GIT_EXEC_PATH: 'git runs its subcommands from this folder',
  PYTHONHOME: 'Python takes its standard library from this folder',
};

/** JVM options in the environment that load code into every Java program (an agent, a native
 *  library, a command run on error). */
export const JVM_OPTION_VARIABLES: ReadonlySet<string> = new Set(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']);
export const JVM_CODE_OPTION = /(^|\s)(-javaagent:|-agentpath:|-agentlib:|-XX:OnError=|-XX:OnOutOfMemoryError=)/;

/** Scripts that are a framework's command line, whatever runs them (`python manage.py flush` is
 *  Django's flush): judged by what the framework command does. */
export const FRAMEWORK_SCRIPTS: ReadonlySet<string> = set('manage.py');

/** Python modules that are a framework's command line (`python -m django flush`). */
export const FRAMEWORK_MODULES: ReadonlySet<string> = set('django');
