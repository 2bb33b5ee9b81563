// Well-known container images: what `docker run IMAGE [ARGS]` runs in them. Keys are the image
// name without tag or digest, with its registry (Docker Hub images without one, `library/`
// dropped). The registry is part of the name: `evil.example/amazon/aws-cli` is not the AWS CLI.

export interface ImageFacts {
  /** The image's ENTRYPOINT as a command: the arguments are given to it (`aws`, `terraform`). */
  entrypoint?: readonly string[];
  /** The entrypoint script hands arguments that start with `-` to this server (`postgres -c x`). */
  flagsGoTo?: string;
  /** Server settings whose value is a shell command the server runs (PostgreSQL's `-c archive_command=...`). */
  commandSettings?: readonly string[];
  /** Arguments that are a subcommand of this tool are given to it (`hashicorp/vault`). */
  subcommandsOf?: string;
  /** Any arguments are the server's options (`minio server /data`, `prom/prometheus --config...`). */
  argumentsAreServerOptions?: boolean;
  /** With no command: a local `service` starts (database, cache, broker), a `shell` or REPL
   *  starts (it exits at once unless given stdin), or the `tool` prints its help. */
  noCommand: 'service' | 'shell' | 'tool';
  /** The image exists to change the host in one known, reversible way through --privileged; what it does with it. */
  privilegedFor?: string;
}

const tool = (...entrypoint: string[]): ImageFacts => ({ entrypoint, noCommand: 'tool' });
const shell: ImageFacts = { noCommand: 'shell' };
const service = (flagsGoTo?: string): ImageFacts => ({ noCommand: 'service', ...(flagsGoTo ? { flagsGoTo } : {}), ...(flagsGoTo === 'postgres' ? { commandSettings: POSTGRES_COMMAND_SETTINGS } : {}) });
/** PostgreSQL settings that run a shell command: on WAL archiving, recovery and its end. */
const POSTGRES_COMMAND_SETTINGS = ['archive_command', 'restore_command', 'archive_cleanup_command', 'recovery_end_command'];
const server = (...entrypoint: string[]): ImageFacts => ({ entrypoint, noCommand: 'service', argumentsAreServerOptions: true });

export const CONTAINER_IMAGES: Readonly<Record<string, ImageFacts>> = {
  // Cloud and infrastructure CLIs: the image is the tool.
  'amazon/aws-cli': tool('aws'),
  'public.ecr.aws/aws-cli/aws-cli': tool('aws'),
  'hashicorp/terraform': tool('terraform'),
  'public.ecr.aws/hashicorp/terraform': tool('terraform'),
  'opentofu/opentofu': tool('tofu'),
  'ghcr.io/opentofu/opentofu': tool('tofu'),
  'hashicorp/packer': tool('packer'),
  'bitnami/kubectl': tool('kubectl'),
  'rancher/kubectl': tool('kubectl'),
  'registry.k8s.io/kubectl': tool('kubectl'),
  'lachlanevenson/k8s-kubectl': tool('kubectl'),
  'alpine/helm': tool('helm'),
  'minio/mc': tool('mc'),
  'curlimages/curl': tool('curl'),
  'alpine/git': tool('git'),
  'rebuy/aws-nuke': tool('aws-nuke'),
  'quay.io/rebuy/aws-nuke': tool('aws-nuke'),
  'ghcr.io/ekristen/aws-nuke': tool('aws-nuke'),
  'liquibase/liquibase': tool('liquibase'),
  'flyway/flyway': tool('flyway'),
  'migrate/migrate': tool('migrate'),
  'mikefarah/yq': tool('yq'),
  'stedolan/jq': tool('jq'),
  'koalaman/shellcheck': tool('shellcheck'),
  'davidanson/markdownlint-cli2': tool('markdownlint-cli2'),
  'davidanson/markdownlint-cli2-rules': tool('markdownlint-cli2'),
  'hadolint/hadolint': shell,
  'cypress/included': tool('cypress', 'run'),
  // Register QEMU user-mode emulators with the host kernel (binfmt_misc) for multi-architecture builds, as
  // docker/setup-qemu-action does; undone by `--uninstall qemu-*` (binfmt) / `--reset` (qemu-user-static) or a reboot.
  // The arguments are the registering program's own options.
  'tonistiigi/binfmt': { entrypoint: ['binfmt'], noCommand: 'service', argumentsAreServerOptions: true, privilegedFor: 'registers QEMU emulators with the host kernel (binfmt_misc)' },
  'multiarch/qemu-user-static': { entrypoint: ['register'], noCommand: 'service', argumentsAreServerOptions: true, privilegedFor: 'registers QEMU emulators with the host kernel (binfmt_misc)' },
  'denoland/deno': tool('deno'),
  // Images that hold CLIs but have no entrypoint: the command names the CLI.
  'google/cloud-sdk': shell,
  'gcr.io/google.com/cloudsdktool/cloud-sdk': shell,
  'gcr.io/google.com/cloudsdktool/google-cloud-cli': shell,
  'mcr.microsoft.com/azure-cli': shell,
  'alpine/k8s': shell,
  'dtzar/helm-kubectl': shell,
  'docker': shell,
  // Language and OS base images.
  ...Object.fromEntries(['node', 'python', 'ruby', 'golang', 'rust', 'alpine', 'ubuntu', 'debian', 'busybox', 'centos', 'fedora', 'amazonlinux',
    'rockylinux', 'almalinux', 'archlinux', 'bash', 'php', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'maven', 'gradle', 'perl', 'elixir',
    'erlang', 'haskell', 'swift', 'julia', 'r-base', 'buildpack-deps', 'oven/bun', 'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/runtime',
    'mcr.microsoft.com/playwright', 'mcr.microsoft.com/devcontainers/base', 'public.ecr.aws/lambda/python', 'public.ecr.aws/lambda/nodejs',
    'public.ecr.aws/docker/library/node', 'public.ecr.aws/docker/library/python', 'gcr.io/distroless/base', 'cgr.dev/chainguard/wolfi-base',
    'hello-world'].map((name) => [name, shell])),
  // Local services: started with no command (or server flags), they change nothing elsewhere.
  postgres: service('postgres'),
  'postgis/postgis': service('postgres'),
  'timescale/timescaledb': service('postgres'),
  'pgvector/pgvector': service('postgres'),
  'supabase/postgres': service('postgres'),
  'bitnami/postgresql': service(),
  mysql: service('mysqld'),
  mariadb: service('mariadbd'),
  mongo: service('mongod'),
  'bitnami/mongodb': service(),
  redis: service('redis-server'),
  'redis/redis-stack': service(),
  'valkey/valkey': service('valkey-server'),
  'bitnami/redis': service(),
  memcached: service('memcached'),
  rabbitmq: service('rabbitmq-server'),
  nginx: service('nginx'),
  httpd: service('httpd'),
  caddy: service(),
  traefik: server('traefik'),
  'docker.elastic.co/elasticsearch/elasticsearch': service(),
  elasticsearch: service(),
  'opensearchproject/opensearch': service(),
  'minio/minio': server('minio'),
  'localstack/localstack': service(),
  'amazon/dynamodb-local': server(),
  'mailhog/mailhog': service(),
  'axllent/mailpit': service(),
  'jaegertracing/all-in-one': server(),
  'prom/prometheus': server(),
  'grafana/grafana': service(),
  adminer: service(),
  'dpage/pgadmin4': service(),
  'mcr.microsoft.com/mssql/server': service(),
  'gvenzl/oracle-free': service(),
  'gvenzl/oracle-xe': service(),
  'clickhouse/clickhouse-server': service(),
  cassandra: service(),
  neo4j: service(),
  'confluentinc/cp-kafka': service(),
  'confluentinc/cp-zookeeper': service(),
  'bitnami/kafka': service(),
  'apache/kafka': service(),
  zookeeper: service(),
  nats: server('nats-server'),
  'eclipse-mosquitto': service(),
  couchdb: service(),
  influxdb: service(),
  'qdrant/qdrant': service(),
  'chromadb/chroma': service(),
  'semitechnologies/weaviate': service(),
  'ollama/ollama': { entrypoint: ['ollama'], noCommand: 'service' },
  'hashicorp/vault': { noCommand: 'service', subcommandsOf: 'vault' },
  'hashicorp/consul': { noCommand: 'service', subcommandsOf: 'consul' },
  registry: service(),
  'wiremock/wiremock': server(),
  'mockserver/mockserver': server(),
  'selenium/standalone-chrome': service(),
  'quay.io/keycloak/keycloak': server(),
  'keycloak/keycloak': server(),
  'testcontainers/ryuk': service(),
};

/** Image families published under one owner's namespace, by name prefix (registry included):
 *  every image under it has the same facts. cross-rs publishes one toolchain image per Rust target
 *  (`ghcr.io/cross-rs/aarch64-unknown-linux-gnu:main`), with no entrypoint: the command is given. */
export const CONTAINER_IMAGE_FAMILIES: readonly { prefix: string; facts: ImageFacts }[] = [
  { prefix: 'ghcr.io/cross-rs/', facts: shell },
];

/** Host paths whose mount gives a container the host's credentials or control over the host. */
export const SENSITIVE_MOUNTS: readonly { pattern: RegExp; says: string; takesHost?: boolean }[] = [
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.aws(\/|$)/, says: 'the host AWS credentials are mounted: the container acts with your AWS identity' },
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.kube(\/|$)/, says: 'the host kubeconfig is mounted: the container acts on your clusters' },
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.config\/gcloud(\/|$)/, says: 'the host gcloud credentials are mounted' },
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.azure(\/|$)/, says: 'the host Azure credentials are mounted' },
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.ssh(\/|$)/, says: 'the host SSH keys are mounted' },
  { pattern: /^(~|\$\{?HOME\}?|\/root|\/home\/[^/]+)\/\.(docker|terraform\.d|pgpass|netrc)(\/|$)/, says: 'host credentials are mounted' },
  { pattern: /^\/var\/run\/docker\.sock$|^\/run\/docker\.sock$/, says: 'the Docker socket is mounted: the container controls the host Docker daemon', takesHost: true },
  { pattern: /^\/$/, says: "the host's root filesystem is mounted into the container", takesHost: true },
  { pattern: /^\/(etc|boot|dev|proc|sys)(\/|$)/, says: 'a host system directory is mounted into the container', takesHost: true },
];
