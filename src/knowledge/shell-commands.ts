// Facts about shell commands, as data. Used by src/intake/shell.
//
// A command listed here as local produces no action: it only reads, or only changes the
// agent's own workspace in ways that are routine (build, test, install). Anything not listed
// and not recognised becomes an 'unknown' action: Firebreak never calls what it does not
// know safe.

/** Text and file inspection, shell builtins and coreutils that act only on the local machine. */
export const LOCAL_CORE_COMMANDS: readonly string[] = [
  'ls', 'll', 'la', 'dir', 'cat', 'tac', 'head', 'tail', 'less', 'more', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack',
  'sort', 'uniq', 'wc', 'cut', 'tr', 'tee', 'echo', 'printf', 'pwd', 'cd', 'pushd', 'popd',
  'which', 'whereis', 'type', 'file', 'stat', 'du', 'df', 'date', 'cal', 'printenv', 'whoami', 'id', 'groups',
  'hostname', 'uname', 'uptime', 'ps', 'pgrep', 'pg_isready', 'top', 'htop', 'free', 'lsof', 'basename', 'dirname', 'realpath',
  'readlink', 'touch', 'mkdir', 'rmdir', 'cp', 'mv', 'ln', 'install', 'chmod', 'chown', 'chgrp', 'diff', 'cmp', 'comm', 'patch',
  'tar', 'zip', 'unzip', 'gzip', 'gunzip', 'zcat', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', '7z',
  'jq', 'yq', 'xq', 'base64', 'md5sum', 'md5', 'sha1sum', 'sha256sum', 'shasum', 'cksum', 'xxd', 'hexdump', 'od',
  'strings', 'sleep', 'true', 'false', 'test', '[', 'seq', 'yes', 'tree', 'nl', 'fold', 'column', 'paste', 'join',
  'split', 'csplit', 'expand', 'unexpand', 'fmt', 'pr', 'rev', 'man', 'info', 'help', 'history', 'alias', 'unalias',
  'set', 'unset', 'shopt', 'read', 'local', 'declare', 'typeset', 'readonly', 'export', 'exit', 'return', 'shift',
  'trap', 'wait', 'jobs', 'fg', 'bg', 'clear', 'reset', 'tput', 'stty', 'getopts', 'hash', 'umask',
  'ulimit', 'iconv', 'dos2unix', 'unix2dos', 'envsubst', 'mktemp', 'locale', 'nproc', 'arch', 'lscpu',
  'fd', 'fzf', 'bat', 'eza', 'exa', 'delta', 'tldr', 'open', 'xdg-open', 'pbcopy', 'pbpaste', 'say', 'notify-send',
  'nc', 'ping', 'dig', 'nslookup', 'host', 'traceroute', 'netstat', 'ss', 'ifconfig', 'ip',
  // shell builtins that act on the shell itself
  ':', 'break', 'continue', 'mapfile', 'readarray', 'caller', 'compgen', 'complete', 'compopt', 'disown', 'enable', 'let', 'times',
  'dirs', 'fc', 'bind', 'suspend', 'logout', 'pwdx', 'tty', 'sync', 'getconf', 'ssh-add',
  // creates keys; asks before overwriting one
  'ssh-keygen',
];

/** Editors. */
export const LOCAL_EDITORS: readonly string[] = ['vim', 'vi', 'nvim', 'nano', 'emacs', 'code', 'subl', 'cursor'];

/** Language runtimes and interpreters that are local by name. None: every interpreter runs code,
 *  and src/intake/code reads that code (or calls it unknown) instead (CODE_LOADERS). */
export const LOCAL_INTERPRETERS: readonly string[] = [];

/** Path-qualified commands that are the project's standard tool wrappers, judged by their name
 *  like the tool they wrap (`./gradlew build`), not read as scripts. */
export const PROJECT_TOOL_WRAPPERS: readonly RegExp[] = [
  /^(\.\/)?(gradlew|mvnw|sbtx?|pants|bazelisk|bazel|buck2?)$/,
  /(^|\/)node_modules\/\.bin\/[^/]+$/,
  /(^|\/)\.?venv([-_.][\w.-]*)?\/bin\/[^/]+$/,
  /(^|\/)vendor\/bin\/[^/]+$/,
  /(^|\/)\.bin\/[^/]+$/,
  /^\/(usr\/(local\/)?|opt\/homebrew\/|snap\/|nix\/)?s?bin\/[^/]+$/,
  // Tools the toolchain installed for the user (`go install`, `cargo install`): `${GOPATH}/bin/staticcheck`.
  /^\$\{?(GOPATH|FIRST_GOPATH|GOBIN|CARGO_HOME)\}?\/(bin\/)?[^/$]+$/,
  /^(~|\$HOME|\$\{HOME\})\/(go\/bin|\.cargo\/bin|\.local\/bin)\/[^/$]+$/,
];

/** Compilers, test runners, linters, formatters and package managers of languages. */
export const LOCAL_TOOLCHAIN: readonly string[] = [
  'tsc', 'vitest', 'jest', 'mocha', 'ava', 'eslint', 'prettier', 'biome', 'vite',
  'webpack', 'rollup', 'esbuild', 'swc', 'babel', 'playwright', 'cypress', 'storybook', 'turbo', 'nx', 'lerna',
  'pip', 'pip3', 'pipx', 'pytest', 'tox', 'nox', 'black', 'ruff', 'mypy', 'flake8',
  'isort', 'pyright', 'pylint', 'jupyter', 'conda', 'mamba', 'virtualenv', 'pyenv', 'nvm', 'fnm', 'volta',
  'asdf', 'mise', 'rbenv', 'rspec', 'rubocop', 'gem', 'bundle', 'bundler',
  // `go` is not here: it runs code (go run, go generate, go test), read by src/intake/shell/runners/go.ts.
  'gofmt', 'golangci-lint', 'rustc', 'rustup', 'rustfmt', 'clippy-driver',
  'cmake', 'ninja', 'meson', 'bazel', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'ld', 'gdb', 'lldb',
  'javac', 'kotlinc', 'mvn', 'gradle', 'gradlew', 'sbt', 'swiftc', 'xcodebuild', 'pod',
  'composer', 'phpunit', 'mix', 'ghc', 'stack', 'cabal', 'flutter',
  'zig', 'nim', 'shellcheck', 'shfmt', 'hadolint', 'tflint', 'tfsec', 'checkov', 'actionlint',
  'pre-commit', 'husky', 'lint-staged', 'commitlint', 'direnv',
  'uv', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye', 'pixi', 'coverage', 'sphinx-build', 'mkdocs', 'protoc', 'buf',
  // Workspace tools projects fetch with npx / pnpm dlx: check the package manager, merge JUnit reports,
  // bump package.json ranges, lint Markdown.
  'only-allow', 'junit-report-merger', 'npm-check-updates', 'markdownlint-cli2',
  // cargo-hack's --remove-dev-deps edits the workspace's Cargo.toml (tokio's CI runs it before checking).
  'cargo-hack',
];

/** System package managers (change the local machine only). */
export const LOCAL_PACKAGE_MANAGERS: readonly string[] = [
  'brew', 'apt', 'apt-get', 'apt-cache', 'dpkg', 'yum', 'dnf', 'apk', 'pacman', 'port', 'snap', 'choco', 'winget', 'scoop', 'flatpak', 'zypper', 'nix-env',
];

/** Commands that act only on the local machine / workspace, whatever their arguments. */
export const LOCAL_COMMANDS: ReadonlySet<string> = new Set([
  ...LOCAL_CORE_COMMANDS, ...LOCAL_EDITORS, ...LOCAL_INTERPRETERS, ...LOCAL_TOOLCHAIN, ...LOCAL_PACKAGE_MANAGERS,
]);

/** npm commands pnpm passes through to npm that read the registry or edit package.json (https://pnpm.io/cli/pkg). */
export const PNPM_NPM_PASSTHROUGH: readonly string[] = ['pkg', 'view', 'info', 'show', 'v', 'search', 's', 'docs', 'bugs', 'repo', 'ping', 'whoami', 'prefix'];

/** Tools where only some subcommands are local; other subcommands become 'unknown'. Subcommands
 *  that run project scripts, recipes or containers (`npm test`, `npm install` with its lifecycle
 *  scripts, `docker run`) are not here: the runners in src/intake/shell/runners read what they run. */
export const LOCAL_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['ls', 'list', 'll', 'la', 'outdated', 'audit', 'view', 'v', 'info', 'show', 'uninstall', 'remove', 'rm', 'un', 'unlink', 'update', 'up', 'upgrade',
    'link', 'ln', 'prune', 'cache', 'config', 'c', 'get', 'set', 'explain', 'why', 'fund', 'doctor', 'help', '-v', '--version', '-h', '--help', 'root', 'bin', 'prefix',
    'dedupe', 'ddp', 'search', 'find', 's', 'repo', 'docs', 'home', 'bugs', 'pkg', 'query', 'shrinkwrap', 'whoami', 'ping', 'completion', 'sbom', 'diff']),
  pnpm: new Set(['remove', 'rm', 'uninstall', 'un', 'update', 'up', 'upgrade', 'ls', 'list', 'll', 'la', 'outdated', 'audit', 'why', 'store', 'prune', 'fetch',
    'add', 'link', 'unlink', 'config', 'root', 'bin', 'licenses', 'patch', 'patch-commit', '-v', '--version', 'help', '-h', '--help', 'env', 'setup', 'doctor',
    // npm commands pnpm hands to npm: package.json edits and registry reads, as npm's own above
    ...PNPM_NPM_PASSTHROUGH]),
  yarn: new Set(['add', 'remove', 'upgrade', 'up', 'list', 'outdated', 'audit', 'why', 'info', 'cache', 'config', 'licenses', 'link', 'unlink',
    // owner, tag, team and `yarn npm` act on the registry: knowledge/package-registries.ts
    'version', '-v', '--version', 'help', '-h', '--help', 'constraints', 'explain', 'set', 'plugin', 'bin', 'dedupe']),
  bun: new Set(['test', 'add', 'a', 'remove', 'rm', 'update', 'build', 'pm', 'outdated', 'upgrade', 'link', 'unlink', 'init', '-v', '--version', '--revision', 'help', '-h', '--help', 'repl', 'audit', 'info']),
  cargo: new Set(['build', 'b', 'test', 't', 'run', 'r', 'check', 'c', 'fmt', 'clippy', 'doc', 'new', 'init', 'add', 'remove',
    'update', 'clean', 'bench', 'tree', 'metadata', 'search', 'install', 'fix', 'vendor', 'fetch', 'generate-lockfile', 'expand', 'nextest', 'audit', 'deny']),
  dotnet: new Set(['build', 'test', 'run', 'restore', 'new', 'add', 'remove', 'list', 'clean', 'publish', 'pack', 'format', 'watch', '--info', '--version', 'sln', 'tool']),
  docker: new Set(['ps', 'images', 'image', 'build', 'buildx', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats',
    'top', 'port', 'history', 'search', 'events', 'diff', 'start', 'stop', 'restart', 'context', 'login', 'create', 'cp', 'wait', 'attach',
    // removing a local container or image: rebuilt or pulled again; loading and saving images; `system prune`
    // removes stopped containers, unused images and build cache (local.ts stops `--volumes` and `save -o` outside)
    'rm', 'rmi', 'kill', 'load', 'save', 'system',
    // BuildKit's build cache: `docker builder prune|ls|du` (rebuilt on the next build), `docker builder build` is `docker build`
    'builder']),
  podman: new Set(['ps', 'images', 'build', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats', 'top', 'port',
    'history', 'search', 'start', 'stop', 'restart', 'cp', 'create']),
  nerdctl: new Set(['ps', 'images', 'build', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats', 'top', 'port', 'history', 'start', 'stop', 'restart', 'cp', 'create']),
  'docker-compose': new Set(['build', 'ps', 'logs', 'pull', 'config', 'stop', 'top', 'images', 'version', 'ls', 'port', 'events', 'kill', 'pause', 'unpause', 'wait']),
  minikube: new Set(['start', 'status', 'ip', 'dashboard', 'service', 'addons', 'version', 'profile', 'logs', 'ssh', 'stop', 'delete']),
  kind: new Set(['create', 'get', 'load', 'export', 'version', 'build', 'delete']),
};

/** cargo's own subcommands that act on a registry or its credentials; any other subcommand cargo does not
 *  have itself runs the program `cargo-<name>` (`cargo hack`, `cargo miri`, `cargo deb`), judged as one. */
export const CARGO_REGISTRY_SUBCOMMANDS: ReadonlySet<string> = new Set(['publish', 'yank', 'owner', 'login', 'logout']);

// Wrappers (sudo, env, timeout, su -c, ...) are in knowledge/wrappers.ts; task, package-script
// and container runners are followed by src/intake/shell/runners.

/** Shells whose `-c STRING` / stdin we parse recursively. */
export const SHELL_INTERPRETERS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish']);

/** Other shells: their `-c STRING`, script file or stdin runs commands as those shells do (`echo 'rm -rf x' |
 *  tcsh`). Their text is read as sh text: a simple command reads the same, and what does not parse is unknown. */
export const OTHER_SHELLS: ReadonlySet<string> = new Set(['rbash', 'posh', 'lksh', 'pdksh', 'oksh', 'loksh', 'yash', 'osh', 'oil', 'ysh', 'csh', 'tcsh', 'rc', 'es', 'xonsh', 'elvish', 'nu', 'nush', 'ion', 'murex', 'oh']);

/** Programs that start the user's shell with no command of their own (`newgrp docker`): what they are fed on
 *  stdin is what that shell runs. Without stdin the shell reads nothing the line shows: nothing runs here. */
export const SHELL_STARTERS: ReadonlySet<string> = new Set(['newgrp']);

/** `source FILE` of these is routine environment setup, not hidden commands. */
export const ROUTINE_SOURCED_FILES: readonly RegExp[] = [
  /(^|\/)bin\/activate(\.\w+)?$/,
  /(^|\/)\.(bashrc|zshrc|profile|bash_profile|zprofile|zshenv)$/,
  /(^|\/)(nvm|env)\.sh$/,
  /(^|\/)\.cargo\/env$/,
];

/** `eval "$(X)"` of these: X prints variable assignments (and `export`s) for the shell to set up an agent
 *  or a tool's environment, nothing else. */
export const EVAL_SAFE_OUTPUTS: readonly RegExp[] = [
  /^ssh-agent( -[sc])?$/,
  /^(\/opt\/homebrew\/bin\/|\/usr\/local\/bin\/|\/home\/linuxbrew\/\.linuxbrew\/bin\/)?brew shellenv( (bash|zsh))?$/,
  /^(pyenv|rbenv|nodenv|goenv|jenv) init -( (bash|zsh))?$/,
  /^pyenv virtualenv-init -$/,
  /^direnv hook (bash|zsh)$/,
  /^(fnm env|mise activate (bash|zsh)|rtx activate (bash|zsh)|opam env|conda shell\.bash hook|zoxide init (bash|zsh))$/,
  /^minikube( -p [\w-]+)? docker-env$/,
];

/** Commands that print their arguments: `echo SQL | psql` feeds known text. */
export const PRINTING_COMMANDS: ReadonlySet<string> = new Set(['echo', 'printf']);

/** Commands that pass stdin through unchanged (followed when looking for piped text). */
export const PASS_THROUGH_COMMANDS: ReadonlySet<string> = new Set(['tee', 'cat']);

/** Options of `ssh` that take an argument (the first operand after them is the host). */
export const SSH_OPTIONS_WITH_ARGUMENT: ReadonlySet<string> = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B']);

/** Environment variables that say where a command acts, and which hint they fill. */
export const ENVIRONMENT_VARIABLE_HINTS: Readonly<Record<string, 'profile' | 'region' | 'workspace' | 'kubeContext' | 'pgHost' | 'pgDatabase' | 'endpointUrl'>> = {
  AWS_PROFILE: 'profile',
  AWS_DEFAULT_PROFILE: 'profile',
  AWS_VAULT: 'profile',
  AWS_REGION: 'region',
  AWS_DEFAULT_REGION: 'region',
  TF_WORKSPACE: 'workspace',
  KUBECONFIG: 'kubeContext',
  PGHOST: 'pgHost',
  PGDATABASE: 'pgDatabase',
  DATABASE_URL: 'endpointUrl',
  // Set by the shell intake itself when `kubectl config use-context X` ran earlier in the line.
  FIREBREAK_KUBE_CONTEXT: 'kubeContext',
};

/**
 * Programs that run the project's own code without Firebreak reading it (test runners, builds that
 * run tests and plugins), by name, or by name and subcommand. Local by themselves; run with an
 * environment that names an account, a cluster or a remote database, they act wherever that is
 * (src/intake/shell/project-code-env.ts).
 */
export const PROJECT_CODE_RUNNERS: Readonly<Record<string, true | readonly string[]>> = {
  pytest: true, 'py.test': true, tox: true, nox: true, jest: true, vitest: true, mocha: true, ava: true, playwright: true,
  cypress: true, karma: true, rspec: true, phpunit: true, behave: true, robot: true, unittest: true,
  go: ['test', 'run', 'generate'], cargo: ['test', 'run', 'bench', 'nextest'], dotnet: ['test', 'run'], mix: ['test', 'run'],
  bun: ['test'], mvn: true, gradle: true, gradlew: true, sbt: true,
};

/** Variable names whose values are secrets and must never be kept. */
export const SECRET_VARIABLE = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)$/i;

/** Cloud, platform, data and transfer CLIs classified by their whole command path
 *  (src/intake/shell/recognisers/cloud-cli.ts, trees in src/knowledge/command-trees). Every tool
 *  with a compiled or hand-written tree is here (test/commands/trees.test.ts checks it). */
export const CLOUD_CLIS: readonly string[] = [
  // compiled from @withfig/autocomplete
  'airflow', 'amplify', 'argo', 'atlas', 'az', 'bosh', 'bw', 'cdk', 'cf', 'cloudflared', 'copilot', 'cosign', 'dapr', 'deployctl',
  'django-admin', 'doctl', 'doppler', 'eas', 'eb', 'expo-cli', 'fastly', 'firebase', 'fly', 'flyctl', 'gcloud', 'gh', 'goreleaser',
  'hasura', 'helmfile', 'heroku', 'kafkactl', 'kamal', 'knex', 'lpass', 'mikro-orm', 'mongocli', 'netlify', 'ngrok', 'nhost',
  'northflank', 'oci', 'okteto', 'op', 'prisma', 'pscale', 'pulumi', 'railway', 'rancher', 'rclone', 'sam', 'sequelize', 'serverless',
  'sfdx', 'sls', 'sqlmesh', 'stripe', 'supabase', 'tailscale', 'tkn', 'tsh', 'twilio', 'typeorm', 'vault', 'vercel', 'vultr-cli', 'wrangler',
  // hand-written trees (src/knowledge/command-trees/manual.ts)
  'gsutil', 'bq', 'render', 'cdktf', 'eksctl', 'consul', 'nomad', 'etcdctl', 'restic', 'borg', 'nats', 'rabbitmqctl', 'rabbitmqadmin',
  'mc', 'atmos', 'snow', 'argocd', 'kafka-topics', 'kafka-topics.sh', 'kafka-configs', 'kafka-configs.sh', 'kafka-consumer-groups',
  'kafka-consumer-groups.sh', 'kafka-acls', 'kafka-acls.sh', 'kafka-delete-records', 'kafka-delete-records.sh',
  'flux', 'istioctl', 'linkerd', 'cilium', 'kn', 'skaffold', 'telepresence', 'karmadactl', 'clusterctl', 'talosctl', 'kubeadm',
  'velero', 'kapp', 'vcluster', 'devspace', 'tilt', 'crossplane', 'kops',
  // copies (recognisers/transfer.ts)
  'rsync', 'scp',
  // read by their words alone
  'neonctl', 'neon', 'linode-cli', 'hcloud', 'scw', 'glab', 'aws-nuke', 'cloud-nuke', 'ansible', 'ansible-playbook', 'packer', 'turso',
  'upstash', 'mongosh', 'redis-cli', 'alembic', 'flyway', 'liquibase', 'ibmcloud', 'vultr', 'exoscale', 'civo', 'koyeb', 'zeet',
];

/** Where installed programs live. A program named by a path elsewhere (`./bash`, `/tmp/sh`, a
 *  shebang `#!./python`) is a file anyone could have written: code nobody has read. */
export const INSTALLED_PROGRAM_FOLDERS: readonly string[] = ['/bin/', '/sbin/', '/usr/', '/opt/', '/nix/store/', '/run/current-system/'];
export const isInstalledProgramPath = (path: string): boolean => INSTALLED_PROGRAM_FOLDERS.some((f) => path.startsWith(f)) && !path.split('/').includes('..');

/** ssh settings whose value is a command ssh runs on this machine (`-o ProxyCommand=...`; LocalCommand
 *  with PermitLocalCommand; KnownHostsCommand), lower-cased; `none` runs nothing. Scp, sftp and rsync's
 *  remote shell pass them on to ssh. https://man.openbsd.org/ssh_config */
export const SSH_LOCAL_COMMAND_SETTINGS: ReadonlySet<string> = new Set(['proxycommand', 'localcommand', 'knownhostscommand']);
