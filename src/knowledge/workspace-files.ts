// Where a file lives decides what losing it costs. Inside the working copy, git and the build
// tools bring files back; scratch space holds nothing of value (unless a service keeps its socket
// or data there); outside both, credentials, database data and system files are judged like
// production data.

// Which untracked workspace paths are regenerable output: src/knowledge/regenerable-output.ts.

/** The environment name given to paths inside the working directory. */
export const WORKSPACE_ENVIRONMENT = 'workspace';

/** The environment name given to scratch paths (/tmp, $TMPDIR, mktemp results). */
export const SCRATCH_ENVIRONMENT = 'scratch';

/** Scratch roots: what is put there is meant to be thrown away. $TMPDIR is added at run time. */
export const SCRATCH_ROOTS: readonly string[] = ['/tmp', '/var/tmp', '/dev/shm', '/private/tmp', '/private/var/tmp'];

/** Extensions of files a download or a test leaves in scratch space, never a service's socket or folder. */
const NOT_A_SERVICE_FILE = 'gpg|asc|key|pub|tar|tgz|gz|xz|zip|deb|rpm|sh|txt|list|toml|ya?ml|json|log|conf|cfg|ini';

/**
 * What services keep in scratch space: sockets of running databases and sessions, per-service
 * private folders. Deleting them breaks something that is running, so they are not scratch.
 * Matched against the first name below the scratch root.
 */
export const SCRATCH_RESIDENTS: readonly RegExp[] = [
  /^\.s\.PGSQL\.\d+(\.lock)?$/, /^mysqlx?\.sock(\.lock)?$/, /^mongodb-\d+\.sock$/, /^redis.*\.sock$/,
  /^\.X11-unix$/, /^\.ICE-unix$/, /^\.XIM-unix$/, /^\.font-unix$/, /^\.Test-unix$/, /^tmux-\d+$/, /^ssh-/, /^systemd-private-/,
  // docker-*/containerd-* sockets and state folders; a file named like a download (`docker.gpg`, `docker.tgz`)
  // or like a config or log a test writes (`containerd-config-cri.toml`) is not one.
  /^snap-private-tmp$/, /^\.docker/, new RegExp(`^docker(?!.*\\.(${NOT_A_SERVICE_FILE})$)`), new RegExp(`^containerd(?!.*\\.(${NOT_A_SERVICE_FILE})$)`), /^krb5cc/, /^gpg-/, /^pulse-/, /^\.com\.apple/,
];

/** Files whose presence marks a database's data folder (wherever it is). */
export const DATABASE_DATA_MARKERS: readonly string[] = [
  'PG_VERSION', 'postmaster.pid', 'postgresql.conf', 'ibdata1', 'mysql.ibd', 'auto.cnf', 'WiredTiger', 'mongod.lock', 'dump.rdb', 'appendonly.aof',
  'nodes.conf', 'CURRENT', 'meta.json', 'clickhouse_status', 'etcd', 'cassandra.yaml',
];

/** Where databases keep their data on servers and developer machines. */
export const DATABASE_DATA_DIRECTORIES: readonly string[] = [
  '/var/lib/postgresql', '/var/lib/pgsql', '/var/lib/mysql', '/var/lib/mariadb', '/var/lib/mongodb', '/var/lib/mongo', '/var/lib/redis',
  '/var/lib/cassandra', '/var/lib/elasticsearch', '/var/lib/opensearch', '/var/lib/clickhouse', '/var/lib/influxdb', '/var/lib/etcd',
  '/var/lib/docker', '/var/lib/containerd', '/var/lib/rabbitmq', '/var/lib/neo4j', '/var/lib/couchdb', '/var/lib/minio', '/var/lib/kafka',
  '/var/lib/zookeeper', '/var/opt/mssql', '/usr/local/var/postgres', '/usr/local/var/postgresql', '/usr/local/var/mysql', '/usr/local/var/mongodb',
  '/opt/homebrew/var', '/usr/local/pgsql/data', '/data', '/srv',
];

/** Credentials in the home folder: overwriting them locks the user out; reading them is a leak. */
export const CREDENTIAL_PATHS: readonly string[] = [
  '.aws', '.ssh', '.kube', '.config/gcloud', '.azure', '.docker/config.json', '.netrc', '.pgpass', '.my.cnf', '.npmrc', '.pypirc',
  '.gnupg', '.git-credentials', '.terraform.d/credentials.tfrc.json', '.config/gh', '.vault-token', '.boto', '.s3cfg', '.oci',
  '.config/doctl', '.fly', '.config/heroku', '.netlify', '.vercel', '.supabase', '.config/op', '.cargo/credentials', '.cargo/credentials.toml',
  '.gem/credentials', '.m2/settings.xml', '.gradle/gradle.properties', '.databrickscfg', '.snowsql', '.pulumi/credentials.json',
];

/** Top-level folders that belong to the system, not to a project or a user. */
export const SYSTEM_TOP: ReadonlySet<string> = new Set([
  'etc', 'usr', 'var', 'bin', 'sbin', 'boot', 'lib', 'lib32', 'lib64', 'libx32', 'opt', 'sys', 'proc', 'dev', 'root', 'srv', 'snap', 'nix',
  'System', 'Library', 'Applications', 'private', 'Volumes', 'mnt', 'media', 'run', 'data',
]);
