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
  'hostname', 'uname', 'uptime', 'ps', 'pgrep', 'top', 'htop', 'free', 'lsof', 'basename', 'dirname', 'realpath',
  'readlink', 'touch', 'mkdir', 'rmdir', 'cp', 'mv', 'ln', 'install', 'chmod', 'diff', 'cmp', 'comm', 'patch',
  'tar', 'zip', 'unzip', 'gzip', 'gunzip', 'zcat', 'bzip2', 'bunzip2', 'xz', 'unxz', 'zstd', '7z',
  'jq', 'yq', 'xq', 'base64', 'md5sum', 'md5', 'sha1sum', 'sha256sum', 'shasum', 'cksum', 'xxd', 'hexdump', 'od',
  'strings', 'sleep', 'true', 'false', 'test', '[', 'seq', 'yes', 'tree', 'nl', 'fold', 'column', 'paste', 'join',
  'split', 'csplit', 'expand', 'unexpand', 'fmt', 'pr', 'rev', 'man', 'info', 'help', 'history', 'alias', 'unalias',
  'set', 'unset', 'shopt', 'read', 'local', 'declare', 'typeset', 'readonly', 'export', 'exit', 'return', 'shift',
  'trap', 'wait', 'jobs', 'fg', 'bg', 'kill', 'pkill', 'clear', 'reset', 'tput', 'stty', 'getopts', 'hash', 'umask',
  'ulimit', 'iconv', 'dos2unix', 'unix2dos', 'envsubst', 'mktemp', 'locale', 'nproc', 'arch', 'lscpu',
  'fd', 'fzf', 'bat', 'eza', 'exa', 'delta', 'tldr', 'open', 'xdg-open', 'pbcopy', 'pbpaste', 'say', 'notify-send',
  'nc', 'ping', 'dig', 'nslookup', 'host', 'traceroute', 'netstat', 'ss', 'ifconfig', 'ip',
];

/** Editors. */
export const LOCAL_EDITORS: readonly string[] = ['vim', 'vi', 'nvim', 'nano', 'emacs', 'code', 'subl', 'cursor'];

/** Language runtimes and interpreters: they run code, so they are local only until that code is read. */
export const LOCAL_INTERPRETERS: readonly string[] = [
  'sed', 'awk', 'gawk',
  'node', 'deno', 'python', 'python3', 'python2', 'ipython', 'ruby', 'irb', 'php', 'perl', 'lua', 'R', 'Rscript',
  'java', 'elixir', 'erl', 'julia', 'swift', 'dart',
];

/** Compilers, test runners, linters, formatters and package managers of languages. */
export const LOCAL_TOOLCHAIN: readonly string[] = [
  'tsc', 'tsx', 'ts-node', 'vitest', 'jest', 'mocha', 'ava', 'eslint', 'prettier', 'biome', 'vite',
  'webpack', 'rollup', 'esbuild', 'swc', 'babel', 'playwright', 'cypress', 'storybook', 'turbo', 'nx', 'lerna',
  'pip', 'pip3', 'pipx', 'pytest', 'tox', 'nox', 'black', 'ruff', 'mypy', 'flake8',
  'isort', 'pyright', 'pylint', 'jupyter', 'conda', 'mamba', 'virtualenv', 'pyenv', 'nvm', 'fnm', 'volta',
  'asdf', 'mise', 'rbenv', 'rspec', 'rubocop', 'gem', 'bundle', 'bundler',
  'go', 'gofmt', 'golangci-lint', 'rustc', 'rustup', 'rustfmt', 'clippy-driver',
  'cmake', 'ninja', 'meson', 'bazel', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'ld', 'gdb', 'lldb',
  'javac', 'kotlinc', 'mvn', 'gradle', 'gradlew', 'sbt', 'swiftc', 'xcodebuild', 'pod',
  'composer', 'phpunit', 'mix', 'ghc', 'stack', 'cabal', 'flutter',
  'zig', 'nim', 'shellcheck', 'shfmt', 'hadolint', 'tflint', 'tfsec', 'checkov', 'actionlint',
  'pre-commit', 'husky', 'lint-staged', 'commitlint', 'direnv',
];

/** System package managers (change the local machine only). */
export const LOCAL_PACKAGE_MANAGERS: readonly string[] = [
  'brew', 'apt', 'apt-get', 'apt-cache', 'dpkg', 'yum', 'dnf', 'apk', 'pacman', 'port', 'snap', 'choco', 'winget', 'scoop',
];

/** Commands that act only on the local machine / workspace, whatever their arguments. */
export const LOCAL_COMMANDS: ReadonlySet<string> = new Set([
  ...LOCAL_CORE_COMMANDS, ...LOCAL_EDITORS, ...LOCAL_INTERPRETERS, ...LOCAL_TOOLCHAIN, ...LOCAL_PACKAGE_MANAGERS,
]);

/** Tools where only some subcommands are local; other subcommands become 'unknown'. Subcommands
 *  that run project scripts, recipes or containers (`npm test`, `npm install` with its lifecycle
 *  scripts, `docker run`) are not here: the runners in src/intake/shell/runners read what they run. */
export const LOCAL_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set(['ls', 'list', 'll', 'la', 'outdated', 'audit', 'view', 'v', 'info', 'show', 'uninstall', 'remove', 'rm', 'un', 'unlink', 'update', 'up', 'upgrade',
    'link', 'ln', 'prune', 'cache', 'config', 'c', 'get', 'set', 'explain', 'why', 'fund', 'doctor', 'help', '-v', '--version', '-h', '--help', 'root', 'bin', 'prefix',
    'dedupe', 'ddp', 'search', 'find', 's', 'repo', 'docs', 'home', 'bugs', 'pkg', 'query', 'shrinkwrap', 'whoami', 'ping', 'completion', 'sbom', 'diff']),
  pnpm: new Set(['remove', 'rm', 'uninstall', 'un', 'update', 'up', 'upgrade', 'ls', 'list', 'll', 'la', 'outdated', 'audit', 'why', 'store', 'prune', 'fetch',
    'add', 'link', 'unlink', 'config', 'root', 'bin', 'licenses', 'patch', 'patch-commit', '-v', '--version', 'help', '-h', '--help', 'env', 'setup', 'doctor']),
  yarn: new Set(['add', 'remove', 'upgrade', 'up', 'list', 'outdated', 'audit', 'why', 'info', 'cache', 'config', 'licenses', 'link', 'unlink',
    'owner', 'tag', 'team', 'version', '-v', '--version', 'help', '-h', '--help', 'npm', 'constraints', 'explain', 'set', 'plugin', 'bin', 'dedupe']),
  bun: new Set(['test', 'add', 'a', 'remove', 'rm', 'update', 'build', 'pm', 'outdated', 'upgrade', 'link', 'unlink', 'init', '-v', '--version', '--revision', 'help', '-h', '--help', 'repl', 'audit', 'info']),
  cargo: new Set(['build', 'b', 'test', 't', 'run', 'r', 'check', 'c', 'fmt', 'clippy', 'doc', 'new', 'init', 'add', 'remove',
    'update', 'clean', 'bench', 'tree', 'metadata', 'search', 'install', 'fix', 'vendor', 'fetch', 'generate-lockfile', 'expand', 'nextest', 'audit', 'deny']),
  dotnet: new Set(['build', 'test', 'run', 'restore', 'new', 'add', 'remove', 'list', 'clean', 'publish', 'pack', 'format', 'watch', '--info', '--version', 'sln', 'tool']),
  docker: new Set(['ps', 'images', 'image', 'build', 'buildx', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats',
    'top', 'port', 'history', 'search', 'events', 'diff', 'start', 'stop', 'restart', 'context', 'login', 'create', 'cp', 'wait', 'attach']),
  podman: new Set(['ps', 'images', 'build', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats', 'top', 'port',
    'history', 'search', 'start', 'stop', 'restart', 'cp', 'create']),
  nerdctl: new Set(['ps', 'images', 'build', 'logs', 'inspect', 'version', 'info', 'pull', 'tag', 'stats', 'top', 'port', 'history', 'start', 'stop', 'restart', 'cp', 'create']),
  'docker-compose': new Set(['build', 'ps', 'logs', 'pull', 'config', 'stop', 'top', 'images', 'version', 'ls', 'port', 'events', 'kill', 'pause', 'unpause', 'wait']),
  minikube: new Set(['start', 'status', 'ip', 'dashboard', 'service', 'addons', 'version', 'profile', 'logs', 'ssh', 'stop']),
  kind: new Set(['create', 'get', 'load', 'export', 'version', 'build']),
};

// Wrappers (sudo, env, timeout, su -c, ...) are in knowledge/wrappers.ts; task, package-script
// and container runners are followed by src/intake/shell/runners.

/** Shells whose `-c STRING` / stdin we parse recursively. */
export const SHELL_INTERPRETERS: ReadonlySet<string> = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'busybox']);

/** `source FILE` of these is routine environment setup, not hidden commands. */
export const ROUTINE_SOURCED_FILES: readonly RegExp[] = [
  /(^|\/)bin\/activate(\.\w+)?$/,
  /(^|\/)\.(bashrc|zshrc|profile|bash_profile|zprofile|zshenv)$/,
  /(^|\/)(nvm|env)\.sh$/,
  /(^|\/)\.cargo\/env$/,
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

/** Variable names whose values are secrets and must never be kept. */
export const SECRET_VARIABLE = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH)$/i;

/** Cloud, platform and database-tool CLIs classified by the generic verb table
 *  (delete/destroy/remove... -> delete, list/get/describe... -> read, else unknown). */
export const CLOUD_CLIS: readonly string[] = ['gcloud', 'gsutil', 'bq', 'az', 'doctl', 'flyctl', 'fly', 'railway', 'vercel', 'heroku', 'pulumi', 'eksctl', 'cdk', 'cdktf',
  'serverless', 'sls', 'sam', 'copilot', 'netlify', 'render', 'supabase', 'neonctl', 'neon', 'pscale', 'wrangler', 'firebase', 'oci', 'ibmcloud',
  'linode-cli', 'hcloud', 'vultr-cli', 'scw', 'gh', 'glab', 'eb', 'aws-nuke', 'cloud-nuke', 'ansible', 'ansible-playbook', 'packer', 'nomad',
  'consul', 'vault', 'doppler', 'turso', 'upstash', 'atlas', 'mongosh', 'redis-cli', 'prisma', 'sequelize', 'knex', 'typeorm', 'alembic', 'flyway', 'liquibase'];
