// When is a program Firebreak has no model of "unknown"? Not because its name is new: because
// something in the command says it may reach past this machine's workspace, or destroy. The rule
// (src/intake/shell/unmodelled.ts, docs/commands.md) reads these facts.

/** Options whose value names a remote target: a host, endpoint, cloud account, cluster or database. */
export const REMOTE_TARGET_OPTIONS: ReadonlySet<string> = new Set([
  '--host', '--hostname', '--server', '--servers', '--endpoint', '--endpoint-url', '--endpoints', '--url', '--uri', '--address', '--addr',
  '--api-url', '--base-url', '--remote', '--profile', '--context', '--kube-context', '--kubeconfig', '--cluster', '--region', '--zone',
  '--project', '--project-id', '--subscription', '--tenant', '--account', '--account-id', '--org', '--organization',
  '--database', '--db', '--db-url', '--database-url', '--connection', '--connection-string', '--conn', '--dsn', '--bucket',
  '--registry', '--repository-url',
]);

/** Of those, options that build tools also use for local things (`cargo --profile release`,
 *  `tsc --project tsconfig.json`, `docker build --context .`): a concern only when the value names production. */
export const AMBIGUOUS_TARGET_OPTIONS: ReadonlySet<string> = new Set(['--profile', '--project', '--context', '--target', '--cluster', '--registry']);

/** Options whose value is a credential: whoever passes one means to act on a real account. */
export const CREDENTIAL_OPTIONS: ReadonlySet<string> = new Set([
  '--token', '--auth-token', '--access-token', '--api-token', '--password', '--passwd', '--api-key', '--apikey', '--secret', '--secret-key',
  '--access-key', '--client-secret', '--credentials', '--creds', '--auth', '--private-key', '--otp',
]);

/** Environment variables that point a program at a real account, cluster or database. */
export const TARGET_VARIABLES: ReadonlySet<string> = new Set([
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION',
  'GOOGLE_APPLICATION_CREDENTIALS', 'CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'AZURE_SUBSCRIPTION_ID', 'ARM_SUBSCRIPTION_ID',
  'ARM_CLIENT_SECRET', 'KUBECONFIG', 'DATABASE_URL', 'PGHOST', 'PGPASSWORD', 'MYSQL_HOST', 'MYSQL_PWD', 'REDIS_URL', 'MONGODB_URI',
  'VAULT_ADDR', 'VAULT_TOKEN', 'NOMAD_ADDR', 'CONSUL_HTTP_ADDR', 'DOCKER_HOST', 'DIGITALOCEAN_ACCESS_TOKEN', 'HEROKU_API_KEY',
  'FLY_API_TOKEN', 'VERCEL_TOKEN', 'NETLIFY_AUTH_TOKEN', 'CLOUDFLARE_API_TOKEN', 'PULUMI_ACCESS_TOKEN', 'NPM_TOKEN', 'NODE_AUTH_TOKEN',
  'TWINE_PASSWORD', 'TWINE_USERNAME', 'CARGO_REGISTRY_TOKEN', 'GH_TOKEN', 'GITHUB_TOKEN', 'GITLAB_TOKEN', 'PYPI_TOKEN', 'UV_PUBLISH_TOKEN',
]);

/** URL schemes of data stores and remote file systems (any host but this machine is remote). */
export const REMOTE_SCHEMES = /^(s3|s3a|gs|gcs|az|abfss?|wasbs?|adl|hdfs|postgres|postgresql|mysql|mariadb|mongodb|mongodb\+srv|redis|rediss|amqps?|kafka|nats|ssh|sftp|ftp|ftps|rsync|ldaps?|jdbc:[a-z]+|sqlserver|oracle|clickhouse|cassandra|etcd|consul|vault|k8s|docker):\/\//i;

/** Hosts that are this machine. */
export const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|[a-z0-9.-]+\.localhost|host\.docker\.internal|kubernetes\.docker\.internal)$/i;

/** Hosts that only serve downloads (source archives, packages, toolchains): fetching from them is a read. */
export const DOWNLOAD_HOSTS = /^(github\.com|raw\.githubusercontent\.com|objects\.githubusercontent\.com|codeload\.github\.com|gist\.githubusercontent\.com|pypi\.org|files\.pythonhosted\.org|registry\.npmjs\.org|registry\.yarnpkg\.com|proxy\.golang\.org|go\.dev|golang\.org|dl\.google\.com|static\.rust-lang\.org|sh\.rustup\.rs|crates\.io|static\.crates\.io|deb\.debian\.org|archive\.ubuntu\.com|security\.ubuntu\.com|download\.docker\.com|get\.docker\.com|nodejs\.org|deno\.land|bun\.sh|astral\.sh|example\.(com|org|net)|[a-z0-9-]+\.example\.(com|org|net))$/i;

/** Words in a command path that destroy: an unmodelled program saying one of these is unknown. */
export const DESTRUCTIVE_WORDS: ReadonlySet<string> = new Set([
  'delete', 'destroy', 'drop', 'purge', 'wipe', 'nuke', 'terminate', 'truncate', 'erase', 'revoke', 'deprovision', 'teardown',
  'flush', 'flushall', 'obliterate', 'unpublish', 'deregister', 'decommission', 'rm', 'rmi', 'rb', 'remove', 'uninstall', 'prune', 'forget',
  // Undoing applied changes loses what they made (`sqitch revert`, `flyway undo`, `migrate down`).
  'revert', 'undo', 'downgrade', 'down', 'rollback', 'discard', 'expunge', 'evict',
]);

/** The destructive words that matter even for workspace tools: they act on a registry or account. */
export const REMOTE_DESTRUCTIVE_WORDS: ReadonlySet<string> = new Set(['unpublish', 'yank', 'deprecate', 'destroy', 'drop', 'nuke', 'purge', 'wipe', 'terminate', 'revoke', 'deregister', 'teardown']);

/** Words in a command path that publish or deploy: artifacts others consume, or production. */
export const PUBLISHING_WORDS: ReadonlySet<string> = new Set([
  'publish', 'upload', 'deploy', 'release', 'push', 'promote', 'rollout', 'apply', 'migrate', 'announce',
]);

/** Options that say "really do it" where a tool previews by default (`--wet-run`, `--no-dry-run`, `--execute`). */
export const NOT_A_PREVIEW_OPTIONS = /^--(wet-run|no-dry-run|no-dryrun|execute|for-real|really|no-preview|commit|apply|live)$/;

/** Path words that write to a remote for programs nobody modelled (not for workspace tools: `uv sync` installs). */
export const REMOTE_WRITE_WORDS: ReadonlySet<string> = new Set(['sync', 'mirror', 'replicate', 'restore', 'rollback', 'import', 'seed', 'reset', 'flush', 'truncate']);

/** An image in a registry, by host, path and tag or digest (`ghcr.io/o/app:latest`, `123.dkr.ecr.us-east-1.amazonaws.com/x@sha256:...`). */
export const REGISTRY_IMAGE_REF = /^(?:[a-z][a-z0-9+.-]*:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}|[a-z0-9-]+:\d+)(?::\d+)?\/[a-z0-9._\/-]+(?::[\w][\w.-]{0,127}|@sha256:[0-9a-f]{64})$/i;

/** Programs whose operands are image references only (a bare name is an image on Docker Hub). skopeo is
 *  not one: its operands carry transports (`oci:dir`, `docker-archive:x.tar`). */
export const REGISTRY_TOOLS: ReadonlySet<string> = new Set(['crane', 'gcrane', 'regctl', 'oras', 'cosign']);

/** Verbs of registry tools that read their first operands and write the last (`crane copy src dst`). */
export const COPY_WORDS: ReadonlySet<string> = new Set(['copy', 'cp']);

/** Words of registry tools (crane, regctl, oras, cosign...) that change an image in the registry it names:
 *  a tag moved (`crane tag img:sha latest`), an image copied over one, edited, signed or given attachments. */
export const IMAGE_WRITE_WORDS: ReadonlySet<string> = new Set(['tag', 'retag', 'copy', 'cp', 'mutate', 'append', 'rebase', 'flatten', 'edit', 'mod', 'sign', 'attach', 'attest', 'annotate', 'label', 'put', 'set']);

/** Destructive or publishing options of unmodelled programs. */
/** An argument that is SQL changing data or schema (`duckdb x.db -c 'DROP TABLE t'`, `trino --execute
 *  'DELETE FROM t'`): a database client nobody modelled runs it on whatever it is connected to. */
const SQL_OBJECT = '(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|MATERIALIZED\\s+VIEW|FUNCTION|PROCEDURE|TRIGGER|ROLE|USER|EXTENSION|SEQUENCE|TYPE|KEYSPACE|COLLECTION|STAGE|WAREHOUSE|BUCKET|POLICY|OWNED|IF\\s+EXISTS)';
export const SQL_WRITE_TEXT = new RegExp(`(?:^|[;(]\\s*)(?:(?:DROP|ALTER|TRUNCATE|UNDROP)\\s+${SQL_OBJECT}|TRUNCATE\\s+\\w|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+|TEMP(?:ORARY)?\\s+)?${SQL_OBJECT}|(?:GRANT|REVOKE)\\s+[\\w, ]+\\s+(?:ON|TO|FROM)\\s|VACUUM(?:\\s|$)|(?:ATTACH|DETACH)\\s+(?:DATABASE\\s+)?['"\\w]|COPY\\s+\\S+\\s+(?:FROM|TO)\\s|DELETE\\s+FROM\\s|UPDATE\\s+\\S+\\s+SET\\s|INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO\\s|REPLACE\\s+INTO\\s|MERGE\\s+INTO\\s|CALL\\s+[\\w.]+\\s*\\()`, 'i');

export const DESTRUCTIVE_OPTIONS = /^--(delete|delete-[a-z-]+|destroy|drop|purge|wipe|nuke|force-delete|remove-[a-z-]+|publish|deploy|push|upload)$/;

/** Subcommands of workspace tools (the ones in LOCAL_SUBCOMMANDS) that publish: images, manifests, packages. */
export const PUBLISHING_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  docker: ['push', 'image push', 'manifest push', 'buildx imagetools create', 'compose push', 'trust sign'],
  podman: ['push', 'image push', 'manifest push', 'compose push'],
  'docker-compose': ['push'],
};

/** Subcommands of database migration tools nobody modelled that take applied migrations back under another
 *  name than the destroying words (wave 17): `sqitch rebase` and `sqitch checkout` revert before they deploy,
 *  `diesel migration redo` and `yoyo reapply` run the down migrations again, `migrate goto N` steps down to N,
 *  `dbmate`'s and `node-pg-migrate`'s `redo` revert the last one. Data in the reverted tables and columns is lost. */
export const MIGRATION_UNDO_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  sqitch: ['rebase', 'checkout'],
  diesel: ['redo'],
  yoyo: ['reapply'],
  'yoyo-migrate': ['reapply'],
  migrate: ['goto'],
  dbmate: ['redo'],
  'node-pg-migrate': ['redo'],
  shmig: ['redo'],
};

/** Program names that say they destroy or publish (`aws-nuke`, `cloud-nuke`, `db-wipe`, `semantic-release`). */
export const DESTRUCTIVE_NAME = /(^|[-_.])(nuke|destroy|wipe|purge|teardown|obliterate|drop|delete|deploy|publish|upload)([-_.]|$)|nuke/i;

/** Subcommands of machine-level programs that only look (`systemctl status`, `crontab -l` is an option). */
export const SYSTEM_READS: Readonly<Record<string, readonly string[]>> = {
  systemctl: ['status', 'is-active', 'is-enabled', 'is-failed', 'show', 'cat', 'list-units', 'list-unit-files', 'list-timers', 'list-sockets', 'list-dependencies', 'get-default', 'help'],
  service: ['--status-all'],
  launchctl: ['list', 'print', 'print-disabled', 'blame'],
  timedatectl: ['status', 'show', 'list-timezones', 'timesync-status', 'show-timesync'],
  hwclock: ['-r', '--show', '--get'],
  zpool: ['list', 'status', 'iostat', 'get'],
  zfs: ['list', 'get'],
  mount: [],
  crontab: ['-l'],
  rpm: ['-q', '-qa', '-qi', '-ql', '-qf', '--query', '--version', '--eval', '-E'],
  'update-alternatives': ['--display', '--query', '--list', '--get-selections'],
  'apt-key': ['list', 'finger', 'fingerprint'],
};

/** Names and path words that say the target is production (`frobnicate-prod`, `tool prod sync`). */
export const PRODUCTION_WORD = /^(prod|production|live|prd)$/i;

/** Words of an option's name that point a program at production (`--prod`, `--production`, `--to-prod`).
 *  Not `live`: `--live-reload` is a dev server's (`--live` alone is in NOT_A_PREVIEW_OPTIONS). */
export const PRODUCTION_OPTION_WORD = /^(prod|production|prd)$/i;

/** Flags that take no value, in the spellings programs share (`-y`, `--yes`, `-v`, `--force`, `--no-x`): a word
 *  after one is the operation word, where a word after any other option may be that option's value
 *  (`--target "$TARGET"`, `-total "$total"`). */
export const FLAGS_WITHOUT_VALUE = /^(-[yfvqa]+|--(yes|force|verbose|quiet|silent|all|debug|assume-yes|non-interactive|no-input|no-confirm|confirm|auto-approve|recursive|interactive|no-[a-z0-9-]+))$/;

/** Programs with no subcommands whose operands are files or data (binary tools, installer builders, linters,
 *  formatters nobody modelled further): a word known only at run time where their operands go is a file or a
 *  value (`strip "$BIN"`, `misspell $DOCS`, `productbuild "${ARGS[@]}" out.pkg`, `numfmt $N`), not an operation. */
export const FILE_OPERAND_PROGRAMS: ReadonlySet<string> = new Set([
  'strip', 'ldd', 'objdump', 'readelf', 'nm', 'otool', 'upx', 'lipo', 'pkgbuild', 'productbuild', 'numfmt', 'grpc_tools.protoc',
  'codespell', 'misspell', 'gofumpt', 'goimports', 'yamllint',
  'markdownlint', 'htmlproofer', 'tidy', 'clang-format', 'clang-tidy', 'cppcheck', 'cpplint', 'xmllint', 'jsonlint', 'taplo', 'typos',
]);

/** Variables that choose the environment a program acts on (`APP_ENV`, `STAGE`, `DEPLOY_ENV`, `TIER`): set
 *  to production for a program nobody modelled, it is pointed at production. */
export const ENVIRONMENT_VARIABLE = /^(ENV|ENVIRONMENT|STAGE|TIER|[A-Z0-9_]+_(ENV|ENVIRONMENT|STAGE|TIER))$/;

/** Options that choose the environment or stage a program acts on (`--env`, `--stage`): given a value known
 *  only at run time, the environment may be production. Not `--target` (a build's target triple) nor `-e`
 *  (an expression, an editor, a variable, as often as an environment). */
export const ENVIRONMENT_OPTION = /^-{1,2}(env|environment|stage|tier|deploy-env|target-env)$/;

/** Of those, the ones that choose how a build is made, not where it acts (`NODE_ENV=production vite build`). */
export const BUILD_MODE_VARIABLES: ReadonlySet<string> = new Set(['NODE_ENV', 'BABEL_ENV', 'BROWSERSLIST_ENV', 'MIX_ENV', 'CARGO_BUILD_ENV', 'GO_ENV']);

/** Programs that publish by default, whose names do not say so. */
export const PUBLISHING_PROGRAMS: ReadonlySet<string> = new Set(['np', 'release-it', 'semantic-release', 'ghr']);

/** Absolute paths under which an unmodelled program may read or write without leaving this
 *  machine's scratch and toolchain areas (the workspace itself is always allowed). */
export const HARMLESS_ABSOLUTE_PATHS: readonly RegExp[] = [
  /^\/tmp(\/|$)/, /^\/var\/tmp(\/|$)/, /^\/dev\/(null|zero|stdout|stderr|stdin|tty|fd\/\d+|urandom|random)$/, /^\/proc\/self(\/|$)/,
  /^\/usr\/(local\/)?(include|share|lib|lib64|libexec|bin|sbin)(\/|$)/, /^\/opt\/hostedtoolcache(\/|$)/, /^\/etc\/os-release$/,
  /^\$\{?(TMPDIR|RUNNER_TEMP|GITHUB_WORKSPACE|PWD|GITHUB_ENV|GITHUB_OUTPUT|GITHUB_PATH|GITHUB_STEP_SUMMARY|CI_PROJECT_DIR)\}?(\/|$)/,
];

/** Top-level directories of a machine's own file system: an absolute path under one of them (or
 *  home) is outside the workspace. `/bye`, `/node_modules/` and other slash-words are not paths. */
export const SYSTEM_TOP_DIRECTORIES: ReadonlySet<string> = new Set(['etc', 'usr', 'var', 'bin', 'sbin', 'boot', 'lib', 'lib32', 'lib64', 'opt', 'sys', 'proc', 'dev',
  'root', 'home', 'srv', 'mnt', 'media', 'snap', 'run', 'tmp', 'Users', 'System', 'Library', 'Applications', 'private', 'Volumes', 'nix', 'data', 'backup', 'backups', 'mnt']);

/** Options whose value is a URL or a URL path, not a file (`--baseURL /`, `--prefix /api`). */
export const URL_VALUED_OPTION = /url|uri|prefix|route|base|endpoint-path|path-prefix|pattern|ignore|exclude|include|filter|regex|match|glob/i;

/** Options of installer builders whose value is a path on the machine the package is later installed
 *  on, recorded in the package, not one this machine reads or writes (`pkgbuild --install-location /`).
 *  https://keith.github.io/xcode-man-pages/pkgbuild.1.html, https://fpm.readthedocs.io/en/latest/cli-reference.html */
export const PACKAGED_PATH_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  pkgbuild: new Set(['--install-location']),
  fpm: new Set(['--prefix']),
};

/** The toolchain's own writes outside the workspace that are routine (caches, installs of tools). */
export const TOOLCHAIN_HOME_PATHS = /^(~|\$HOME|\$\{HOME\})\/(\.cache|\.cargo|\.rustup|\.npm|\.local\/bin|\.local\/share|go|\.m2|\.gradle|\.bun|\.deno|\.nvm|bin|\.config\/[a-z-]+)(\/|$)/;

/** Programs that change the machine itself (power, services, users, disks, firewall, scheduled
 *  jobs): the machine may be a server, so they are unknown whatever their arguments. */
export const SYSTEM_PROGRAMS: ReadonlySet<string> = new Set([
  'reboot', 'shutdown', 'halt', 'poweroff', 'init', 'telinit', 'systemctl', 'service', 'launchctl', 'rc-service', 'sv',
  'useradd', 'userdel', 'usermod', 'groupadd', 'groupdel', 'passwd', 'chpasswd', 'adduser', 'deluser', 'visudo',
  'iptables', 'ip6tables', 'nft', 'ufw', 'firewall-cmd', 'pfctl', 'mount', 'umount', 'fdisk', 'sfdisk', 'parted', 'gdisk', 'mkswap',
  'swapoff', 'swapon', 'lvremove', 'vgremove', 'pvremove', 'lvcreate', 'cryptsetup', 'zpool', 'zfs', 'btrfs', 'diskutil', 'crontab',
  'at', 'batch', 'sysctl', 'modprobe', 'rmmod', 'insmod', 'kexec', 'setenforce', 'chattr', 'update-grub', 'grub-install',
  'dropuser', 'pg_ctl', 'pg_ctlcluster', 'pg_dropcluster', 'mongod', 'redis-server', 'rabbitmq-server', 'nginx', 'apachectl',
  // package sources, keys and the system's trust and alternatives (src/knowledge/system-packages.ts has the managers)
  'add-apt-repository', 'apt-add-repository', 'apt-key', 'update-ca-certificates', 'update-alternatives', 'dpkg-reconfigure', 'debconf-set-selections',
  'rpm', 'rpmkeys', 'yum-config-manager', 'update-rc.d', 'chkconfig',
  // The clock: approvals expire by it, so setting it back stretches one (and it moves every log and certificate check).
  'timedatectl', 'hwclock', 'ntpdate', 'rdate', 'chronyc',
  // A folder mounted over another (`bindfs /tmp/x .claude`), as mount does.
  'bindfs',
]);

/** `date -s TIME`, `date --set=TIME`, `date MMDDhhmm[[CC]YY][.ss]`: setting the clock rather than printing it. */
export const DATE_SETS_CLOCK = (args: readonly string[]): boolean =>
  args.some((a) => a === '-s' || a.startsWith('--set') || /^-[a-zA-Z]*s./.test(a) || /^\d{8}(\d{2}|\d{4})?(\.\d{2})?$/.test(a));
