// Command trees for CLIs that @withfig/autocomplete has no spec for, written from each tool's own
// reference documentation. Only what finding the command path needs: the options that take a
// value before the subcommand (so `restic -r s3:bucket forget` finds `forget`), and subcommands
// where a tool's path is deeper than its first words suggest. Words of the path beyond what a tree
// lists are still read (see cloud-cli.ts), so a tree here may stay shallow.
import type { CommandTree } from './tree.js';

const leaf = 0 as const;

export const MANUAL_TREES: Readonly<Record<string, CommandTree>> = {
  // https://cloud.google.com/storage/docs/gsutil/commands
  gsutil: { v: ['-o', '-h', '-u', '-i'] },
  // https://cloud.google.com/bigquery/docs/reference/bq-cli-reference
  bq: { v: ['--project_id', '--dataset_id', '--location', '--format', '--apilog', '--api'] },
  // https://render.com/docs/cli
  render: { v: ['--output', '-o'] },
  // https://developer.hashicorp.com/terraform/cdktf/cli-reference/commands
  cdktf: { v: ['--app', '-a', '--output', '-o'] },
  // https://eksctl.io/usage/
  eksctl: { v: ['--region', '--profile', '-C', '--color'] },
  // https://developer.hashicorp.com/consul/commands
  consul: { v: ['-http-addr', '-token', '-datacenter'] },
  // https://developer.hashicorp.com/nomad/docs/commands
  nomad: { v: ['-address', '-region', '-namespace', '-token'] },
  // https://etcd.io/docs/latest/dev-guide/interacting_v3/
  etcdctl: { v: ['--endpoints', '--user', '--password', '--cacert', '--cert', '--key', '-w', '--write-out', '--dial-timeout', '--command-timeout'] },
  // https://restic.readthedocs.io/en/stable/manual_rest.html
  restic: { v: ['-r', '--repo', '--repository-file', '-p', '--password-file', '--password-command', '--cache-dir', '--key-hint', '-o', '--option', '--limit-upload', '--limit-download', '--tls-client-cert', '--cacert'], c: { key: { c: { list: leaf, add: leaf, remove: leaf, passwd: leaf } }, cache: leaf, snapshots: leaf, stats: leaf, ls: leaf, find: leaf, diff: leaf, dump: leaf, cat: leaf, check: leaf, forget: leaf, prune: leaf, backup: leaf, restore: leaf, init: leaf, unlock: leaf, mount: leaf, copy: leaf, rewrite: leaf, repair: leaf, tag: leaf, version: leaf, migrate: leaf, recover: leaf, generate: leaf, list: leaf } },
  // https://borgbackup.readthedocs.io/en/stable/usage/general.html
  borg: { v: ['--remote-path', '--rsh', '--lock-wait', '--umask', '--upload-ratelimit', '--upload-buffer'], c: { key: { c: { export: leaf, import: leaf, 'change-passphrase': leaf } }, create: leaf, extract: leaf, list: leaf, info: leaf, diff: leaf, delete: leaf, prune: leaf, compact: leaf, check: leaf, init: leaf, mount: leaf, umount: leaf, rename: leaf, recreate: leaf, 'export-tar': leaf, 'import-tar': leaf, 'break-lock': leaf, config: leaf, upgrade: leaf, 'with-lock': leaf, benchmark: leaf } },
  // https://docs.nats.io/using-nats/nats-tools/nats_cli
  nats: { v: ['-s', '--server', '--context', '--creds', '--nkey', '--user', '--password', '--tlscert', '--tlskey', '--tlsca', '--timeout', '--js-domain'] },
  // https://kafka.apache.org/documentation/#basic_ops (the shell scripts act through options, see OPTION_VERBS)
  'kafka-topics': { v: ['--bootstrap-server', '--topic', '--partitions', '--replication-factor', '--config', '--command-config'] },
  'kafka-topics.sh': { v: ['--bootstrap-server', '--topic', '--partitions', '--replication-factor', '--config', '--command-config'] },
  'kafka-configs': { v: ['--bootstrap-server', '--entity-type', '--entity-name', '--add-config', '--delete-config', '--command-config'] },
  'kafka-configs.sh': { v: ['--bootstrap-server', '--entity-type', '--entity-name', '--add-config', '--delete-config', '--command-config'] },
  'kafka-consumer-groups': { v: ['--bootstrap-server', '--group', '--topic', '--command-config', '--to-offset', '--to-datetime', '--shift-by'] },
  'kafka-consumer-groups.sh': { v: ['--bootstrap-server', '--group', '--topic', '--command-config', '--to-offset', '--to-datetime', '--shift-by'] },
  'kafka-acls': { v: ['--bootstrap-server', '--topic', '--group', '--allow-principal', '--deny-principal', '--operation', '--command-config'] },
  'kafka-acls.sh': { v: ['--bootstrap-server', '--topic', '--group', '--allow-principal', '--deny-principal', '--operation', '--command-config'] },
  'kafka-delete-records': { v: ['--bootstrap-server', '--offset-json-file', '--command-config'], d: 1 },
  'kafka-delete-records.sh': { v: ['--bootstrap-server', '--offset-json-file', '--command-config'], d: 1 },
  // https://www.rabbitmq.com/docs/man/rabbitmqctl.8
  rabbitmqctl: { v: ['-n', '--node', '-p', '--vhost', '-t', '--timeout', '--longnames'] },
  // https://www.rabbitmq.com/docs/management-cli
  rabbitmqadmin: { v: ['-H', '--host', '-P', '--port', '-V', '--vhost', '-u', '--username', '-p', '--password', '-U', '--base-uri', '-c', '--config', '-N', '--node', '-f', '--format'] },
  // https://min.io/docs/minio/linux/reference/minio-mc.html
  mc: { v: ['--config-dir', '-C', '--limit-upload', '--limit-download', '--resolve', '--custom-header', '-H'] },
  // https://atmos.tools/cli/commands
  atmos: { v: ['--base-path', '--config', '--config-path', '--logs-level', '--logs-file', '-s', '--stack'] },
  // https://docs.snowflake.com/en/developer-guide/snowflake-cli/command-reference/overview
  snow: { v: ['--connection', '-c', '--account', '--user', '--password', '--database', '--schema', '--role', '--warehouse', '--format'] },
  // https://argo-cd.readthedocs.io/en/stable/user-guide/commands/argocd/
  argocd: { v: ['--server', '--auth-token', '--config', '--grpc-web-root-path', '--header', '--port-forward-namespace', '--kube-context', '--loglevel'] },
  // Cluster CLIs: they act on whatever cluster the kubeconfig (or their own config) points at.
  // https://fluxcd.io/flux/cmd/
  flux: { v: ['--context', '--kubeconfig', '-n', '--namespace', '--timeout', '--cluster'] },
  // https://istio.io/latest/docs/reference/commands/istioctl/
  istioctl: { v: ['--context', '-c', '--kubeconfig', '-n', '--namespace', '-i', '--istioNamespace', '-r', '--revision', '-f', '--filename'] },
  // https://linkerd.io/2/reference/cli/
  linkerd: { v: ['--context', '--kubeconfig', '-L', '--linkerd-namespace', '--api-addr', '--as', '--cni-namespace'] },
  // https://docs.cilium.io/en/stable/cmdref/cilium/
  cilium: { v: ['--context', '--kubeconfig', '-n', '--namespace'] },
  // https://knative.dev/docs/client/reference/kn/
  kn: { v: ['--context', '--kubeconfig', '--cluster', '--config', '-n', '--namespace'] },
  // https://skaffold.dev/docs/references/cli/
  skaffold: { v: ['-f', '--filename', '-p', '--profile', '--kube-context', '--kubeconfig', '-n', '--namespace', '-d', '--default-repo', '-m', '--module'] },
  // https://www.telepresence.io/docs/reference/cli/telepresence
  telepresence: { v: ['--context', '--kubeconfig', '-n', '--namespace'] },
  // https://karmada.io/docs/reference/karmadactl/karmadactl-commands/karmadactl/
  karmadactl: { v: ['--karmada-context', '--kubeconfig', '-n', '--namespace', '--cluster-kubeconfig', '--cluster-context'] },
  // https://cluster-api.sigs.k8s.io/clusterctl/commands/commands
  clusterctl: { v: ['--kubeconfig', '--kubeconfig-context', '--config', '-n', '--namespace', '--to-kubeconfig'] },
  // https://www.talos.dev/latest/reference/cli/
  talosctl: { v: ['-n', '--nodes', '-e', '--endpoints', '--context', '--talosconfig', '--cluster'] },
  // https://kubernetes.io/docs/reference/setup-tools/kubeadm/
  kubeadm: { v: ['--kubeconfig', '--config', '--rootfs'] },
  // https://velero.io/docs/main/
  velero: {
    v: ['--kubecontext', '--kubeconfig', '-n', '--namespace'],
    c: Object.fromEntries(['backup', 'restore', 'schedule', 'backup-location', 'snapshot-location', 'plugin', 'repo', 'datamover'].map((noun) => [noun, { c: Object.fromEntries(['create', 'delete', 'describe', 'get', 'logs', 'download', 'edit', 'set', 'add', 'remove', 'pause', 'unpause'].map((verb) => [verb, leaf])) }])),
  },
  // https://carvel.dev/kapp/docs/latest/
  kapp: { v: ['--kubeconfig', '--kubeconfig-context', '-n', '--namespace', '-a', '--app', '-f', '--file'] },
  // https://www.vcluster.com/docs/cli
  vcluster: { v: ['--context', '-n', '--namespace'] },
  // https://www.devspace.sh/docs/cli
  devspace: { v: ['--kube-context', '-n', '--namespace', '-p', '--profile', '--config'] },
  // https://docs.tilt.dev/cli/tilt.html
  tilt: { v: ['--context', '--namespace', '-f', '--file', '--port'] },
  // https://docs.crossplane.io/latest/cli/command-reference/
  crossplane: { v: [] },
  // https://kops.sigs.k8s.io/cli/kops/
  kops: { v: ['--state', '--name', '--kubeconfig'] },
};

/** CLIs that act through options rather than subcommands (`kafka-topics --delete --topic x`). */
export const OPTION_VERBS: Readonly<Record<string, Readonly<Record<string, 'read' | 'create' | 'update' | 'delete' | 'permissions'>>>> = Object.fromEntries(
  ['', '.sh'].flatMap((ext) => [
    [`kafka-topics${ext}`, { '--delete': 'delete', '--create': 'create', '--alter': 'update', '--list': 'read', '--describe': 'read' }],
    [`kafka-configs${ext}`, { '--alter': 'update', '--delete-config': 'delete', '--describe': 'read' }],
    [`kafka-consumer-groups${ext}`, { '--delete': 'delete', '--delete-offsets': 'delete', '--reset-offsets': 'update', '--list': 'read', '--describe': 'read' }],
    [`kafka-acls${ext}`, { '--add': 'permissions', '--remove': 'delete', '--list': 'read' }],
  ]),
);

/** Subcommands the compiled specs lack (they list a group as a leaf), from each tool's reference:
 *  merged into the compiled tree when it is loaded. https://cli.github.com/manual/ */
export const TREE_ADDITIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  gh: {
    release: ['create', 'delete', 'delete-asset', 'download', 'edit', 'list', 'upload', 'verify', 'verify-asset', 'view'],
    cache: ['delete', 'list'],
    label: ['clone', 'create', 'delete', 'edit', 'list'],
    variable: ['delete', 'get', 'list', 'set'],
    ruleset: ['check', 'list', 'view'],
    attestation: ['download', 'trusted-root', 'verify'],
    project: ['close', 'copy', 'create', 'delete', 'edit', 'field-create', 'field-delete', 'field-list', 'item-add', 'item-archive', 'item-create', 'item-delete', 'item-edit', 'item-list', 'link', 'list', 'mark-template', 'unlink', 'view'],
  },
};
