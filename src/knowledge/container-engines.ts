// Which engine a container CLI talks to. A command routine on this machine's engine (`docker rm -f
// db`, `docker compose down`, `docker system prune`) is unknown on another machine's: there the
// container is someone's service. The engine is chosen by a global option (`docker -H
// tcp://prod:2376`, `--context prod`), a variable (DOCKER_HOST, DOCKER_CONTEXT), or the CLI's
// configuration (docker's `currentContext` and the context's endpoint). Parsing is in
// src/intake/shell/container-engine.ts.

export interface EngineFacts {
  /** Global options before the subcommand that take a value (`--log-level debug`). */
  valued: readonly string[];
  /** Global options that take no value. Any other global option is not known, and neither is the engine. */
  flags: readonly string[];
  /** Options whose value is the engine's address. */
  hostOptions: readonly string[];
  /** Options whose value names a context (docker) or connection (podman) kept in the CLI's configuration. */
  contextOptions: readonly string[];
  /** Options that send the command to another engine by themselves (`podman --remote`). */
  remoteFlags: readonly string[];
  /** Variables holding the engine's address. */
  hostVariables: readonly string[];
  /** Variables naming a context or connection. */
  contextVariables: readonly string[];
  /** Docker's configuration: the folder option and variable, read for `currentContext`. */
  configOption?: string;
  configVariable?: string;
  /** An address given without a scheme is a socket path on this machine (containerd's `--address /run/...`). */
  bareAddressIsSocket?: boolean;
  /** Names of contexts that are this machine's engine without configuration (docker's built-in `default`,
   *  which follows DOCKER_HOST). */
  builtinContexts: readonly string[];
  /** Subcommands that only read, whichever engine they ask. */
  reads: readonly string[];
  /** Object groups (`docker container ls`) and what reads them. */
  groups: readonly string[];
  groupReads: readonly string[];
}

/** Addresses of an engine on this machine: a unix socket (docker, colima, rancher-desktop, orbstack,
 *  Docker Desktop's desktop-linux) or a Windows named pipe. tcp://localhost may be a tunnel to anywhere. */
export const LOCAL_ENGINE_ADDRESS = /^(unix|npipe):\/\/\/?[^\s$`]+$/;

const DOCKER_READS = ['ps', 'images', 'logs', 'inspect', 'version', 'info', 'stats', 'top', 'port', 'history', 'events', 'diff', 'search', 'help', 'context', 'login', 'logout'];
const GROUPS = ['container', 'image', 'volume', 'network', 'system', 'node', 'service', 'stack', 'secret', 'config', 'plugin', 'builder', 'buildx', 'manifest', 'trust'];
const GROUP_READS = ['ls', 'list', 'inspect', 'logs', 'ps', 'df', 'info', 'events', 'top', 'port', 'stats', 'diff', 'history', 'version', 'help'];
const COMPOSE_READS = ['ps', 'logs', 'config', 'ls', 'images', 'top', 'version', 'port', 'events', 'convert', 'help'];

const DOCKER: EngineFacts = {
  valued: ['--config', '-c', '--context', '-H', '--host', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey'],
  flags: ['-D', '--debug', '--tls', '--tlsverify', '-v', '--version', '-h', '--help'],
  hostOptions: ['-H', '--host'],
  contextOptions: ['-c', '--context'],
  remoteFlags: [],
  hostVariables: ['DOCKER_HOST'],
  contextVariables: ['DOCKER_CONTEXT'],
  configOption: '--config',
  configVariable: 'DOCKER_CONFIG',
  builtinContexts: ['default'],
  reads: DOCKER_READS,
  groups: GROUPS,
  groupReads: GROUP_READS,
};

export const CONTAINER_ENGINES: Readonly<Record<string, EngineFacts>> = {
  docker: DOCKER,
  // Compose v1 and the standalone binary take docker's engine options before their own subcommand.
  'docker-compose': {
    ...DOCKER,
    valued: ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel', '-c', '--context', '-H', '--host',
      '--log-level', '--tlscacert', '--tlscert', '--tlskey'],
    flags: ['--verbose', '--no-ansi', '--tls', '--tlsverify', '--skip-hostname-check', '--compatibility', '--all-resources', '--dry-run', '-v', '--version', '-h', '--help'],
    reads: COMPOSE_READS,
    groups: [],
  },
  podman: {
    valued: ['--cgroup-manager', '--conmon', '-c', '--connection', '--events-backend', '--hooks-dir', '--identity', '--imagestore', '--log-level', '--module', '--network-cmd-path',
      '--network-config-dir', '--out', '--root', '--runroot', '--runtime', '--runtime-flag', '--ssh', '--storage-driver', '--storage-opt', '--syslog', '--tmpdir', '--url',
      '--volumepath', '--cdi-spec-dir', '--config'],
    flags: ['-r', '--remote', '--debug', '--help', '-h', '--version', '-v', '--noout', '--transient-store', '--no-pivot'],
    hostOptions: ['--url'],
    contextOptions: ['-c', '--connection'],
    remoteFlags: ['-r', '--remote'],
    hostVariables: ['CONTAINER_HOST'],
    contextVariables: ['CONTAINER_CONNECTION'],
    builtinContexts: [],
    reads: [...DOCKER_READS, 'healthcheck'],
    groups: [...GROUPS, 'pod', 'machine'],
    groupReads: GROUP_READS,
  },
  'podman-compose': {
    valued: ['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--podman-path', '--podman-args', '--in-pod', '--pod-args'],
    flags: ['--dry-run', '--verbose', '--no-ansi', '--no-cleanup', '-v', '--version', '-h', '--help'],
    hostOptions: [], contextOptions: [], remoteFlags: [],
    hostVariables: ['CONTAINER_HOST'],
    contextVariables: ['CONTAINER_CONNECTION'],
    builtinContexts: [],
    reads: COMPOSE_READS,
    groups: [], groupReads: [],
  },
  nerdctl: {
    valued: ['-a', '--address', '-H', '--host', '-n', '--namespace', '--snapshotter', '--storage-driver', '--cni-path', '--cni-netconfpath', '--data-root', '--cgroup-manager',
      '--hosts-dir', '--host-gateway-ip', '--bridge-ip', '--global-dns', '--global-dns-opts', '--global-dns-search'],
    flags: ['--debug', '--debug-full', '--experimental', '--insecure-registry', '-h', '--help', '-v', '--version'],
    hostOptions: ['-a', '--address', '-H', '--host'],
    contextOptions: [], remoteFlags: [],
    hostVariables: ['CONTAINERD_ADDRESS'],
    contextVariables: [],
    bareAddressIsSocket: true,
    builtinContexts: [],
    reads: DOCKER_READS,
    groups: GROUPS,
    groupReads: GROUP_READS,
  },
};

/** Options of `run`/`create` that take a value: the image is the first word after the options. */
export const RUN_VALUED = new Set<string>(['-a', '--attach', '--add-host', '--annotation', '--blkio-weight', '--blkio-weight-device', '--cap-add', '--cap-drop', '--cgroup-parent',
  '--cgroupns', '--cidfile', '--cpu-period', '--cpu-quota', '--cpu-rt-period', '--cpu-rt-runtime', '-c', '--cpu-shares', '--cpus', '--cpuset-cpus', '--cpuset-mems',
  '--device', '--device-cgroup-rule', '--device-read-bps', '--device-read-iops', '--device-write-bps', '--device-write-iops', '--dns', '--dns-option', '--dns-search',
  '--domainname', '--entrypoint', '-e', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries',
  '--health-start-period', '--health-start-interval', '--health-timeout', '-h', '--hostname', '--ip', '--ip6', '--ipc', '--isolation', '--kernel-memory', '-l',
  '--label', '--label-file', '--link', '--link-local-ip', '--log-driver', '--log-opt', '--mac-address', '-m', '--memory', '--memory-reservation', '--memory-swap',
  '--memory-swappiness', '--mount', '--name', '--network', '--net', '--network-alias', '--net-alias', '--oom-score-adj', '--pid', '--pids-limit', '--platform', '-p',
  '--publish', '--pull', '--restart', '--runtime', '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs',
  '--ulimit', '-u', '--user', '--userns', '--uts', '-v', '--volume', '--volume-driver', '--volumes-from', '-w', '--workdir', '--detach-keys', '--arch', '--os',
  '--variant', '--pod', '--secret', '--uidmap', '--gidmap', '--subuidname', '--subgidname', '--chrootdirs', '--requires', '--cgroup-conf', '--hooks-dir',
  '--sdnotify', '--seccomp-policy', '--timeout', '--tz', '--umask', '--preserve-fds', '--init-path', '--image-volume', '--passwd-entry', '--personality']);
export const EXEC_VALUED = new Set<string>(['--detach-keys', '-e', '--env', '--env-file', '-u', '--user', '-w', '--workdir', '--preserve-fds']);
export const COMPOSE_GLOBAL_VALUED = new Set<string>(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory', '--ansi', '--progress', '--parallel', '--context', '-c', '-H', '--host']);
export const COMPOSE_RUN_VALUED = new Set<string>(['--entrypoint', '-e', '--env', '--env-file', '-l', '--label', '--name', '-p', '--publish', '--pull', '-u', '--user', '-v', '--volume', '-w', '--workdir', '--cap-add', '--cap-drop', '--index']);
