// What the words of a CLI's command path say it does. A command path is the chain of subcommands
// (`gcloud logging logs delete`, `az webapp config appsettings delete`, `heroku apps:destroy`);
// each word is also read in parts split at `-`, `:` and `_` (`remove-iam-policy-binding`,
// `apps:destroy`, `purge_queue`).
//
// How a path is classified (src/intake/shell/recognisers/cloud-cli.ts):
// - a delete word anywhere in the path makes it a delete (`logs delete`, `config rm`, `auth disable`
//   for vault's mounts), whatever read-like words come before it;
// - otherwise the last word that says anything decides: a write word makes it a create, update or
//   permissions change; a read word makes it a read, but under a write word only when it is a read
//   verb (`scale show`, `run download`, `list-sizes`): a read-like noun names what the write acts on
//   (`fly scale count 3`, `northflank scale jobs`, `kafkactl create access-control-list`);
// - a path none of whose words says anything is unknown, and escalates.

import type { Operation } from '../../model.js';

/** Removing something that holds data or configuration. */
export const DELETE_WORDS: ReadonlySet<string> = new Set([
  'delete', 'deletes', 'del', 'destroy', 'remove', 'rm', 'rmi', 'rb', 'rmdir', 'terminate', 'purge', 'drop', 'wipe', 'revoke',
  'nuke', 'erase', 'teardown', 'uninstall', 'unset', 'prune', 'truncate', 'flush', 'flushall', 'flushdb', 'deprovision',
  'decommission', 'deregister', 'unregister', 'discard', 'expunge', 'shred', 'forget', 'compact', 'evict', 'obliterate',
  'unpublish', 'unmount', 'abandon', 'dissolve', 'clear', 'cleanup', 'clean', 'kill', 'down', 'detach', 'disassociate', 'unlink',
  'unbind', 'unassign', 'untag', 'disconnect', 'reset',
]);

/** Words that create something. */
export const CREATE_WORDS: ReadonlySet<string> = new Set([
  'create', 'new', 'add', 'init', 'initialize', 'provision', 'register', 'make', 'mb', 'generate', 'clone', 'copy', 'cp',
  'duplicate', 'fork', 'launch', 'allocate', 'issue', 'request', 'bootstrap',
]);

/** Words that change access. */
export const PERMISSION_WORDS: ReadonlySet<string> = new Set([
  'grant', 'share', 'unshare', 'invite', 'authorize', 'iam', 'policy', 'acl', 'permission', 'permissions', 'role', 'roles',
  'set-iam-policy', 'add-iam-policy-binding',
]);

/** Words that change something that exists (or run something whose effect is not visible). */
export const UPDATE_WORDS: ReadonlySet<string> = new Set([
  'update', 'set', 'edit', 'patch', 'modify', 'change', 'put', 'apply', 'deploy', 'redeploy', 'up', 'push', 'publish', 'release',
  'promote', 'rollback', 'revert', 'restore', 'import', 'upload', 'sync', 'mirror', 'move', 'mv', 'rename', 'scale', 'resize',
  'restart', 'reboot', 'start', 'stop', 'suspend', 'resume', 'pause', 'unpause', 'enable', 'disable', 'attach', 'associate',
  'assign', 'bind', 'link', 'tag', 'label', 'annotate', 'rotate', 'renew', 'replace', 'upgrade', 'downgrade', 'migrate', 'seed',
  'refresh', 'reload', 'rebuild', 'recreate', 'run', 'exec', 'execute', 'invoke', 'call', 'trigger', 'submit', 'send', 'post',
  'write', 'store', 'save', 'backup', 'snapshot', 'merge', 'close', 'reopen', 'lock', 'unlock', 'archive', 'unarchive', 'transfer',
  'failover', 'switchover', 'cancel', 'approve', 'reject', 'confirm', 'activate', 'deactivate', 'sign', 'encrypt', 'decrypt',
  'mount', 'connect', 'ssh', 'scp', 'proxy', 'tunnel', 'forward', 'port-forward', 'shell', 'console', 'login', 'logout',
  'configure', 'config', 'setup', 'install', 'extend', 'rerun', 'retry', 'repair', 'recover', 'undelete', 'unset-value',
  'rekey', 'seal', 'unseal', 'step-down', 'commit', 'abort', 'ack', 'nack', 'seek', 'offset', 'offsets', 'alter',
]);

/** Words that only look. */
export const READ_WORDS: ReadonlySet<string> = new Set([
  'list', 'ls', 'get', 'describe', 'show', 'status', 'info', 'logs', 'log', 'view', 'inspect', 'search', 'whoami', 'version',
  'help', 'cat', 'tail', 'read', 'print', 'diff', 'preview', 'check', 'validate', 'lint', 'fmt', 'format', 'explain', 'watch',
  'browse', 'open', 'top', 'history', 'outputs', 'output', 'ping', 'verify', 'doctor', 'find', 'query-results', 'stat', 'du',
  'tree', 'lsd', 'lsl', 'lsf', 'lsjson', 'size', 'md5sum', 'sha1sum', 'hashsum', 'check-health', 'health', 'healthcheck',
  'graph', 'plan', 'synth', 'synthesize', 'template', 'render', 'dry-run', 'what-if', 'test', 'events', 'metrics', 'stats',
  'usage', 'quota', 'quotas', 'count', 'exists', 'wait', 'download', 'pull', 'fetch', 'export', 'dump', 'backups', 'snapshots',
  'checkout', 'completion', 'completions', 'docs', 'metadata', 'token', 'print-access-token', 'print-identity-token',
  'get-credentials', 'credentials', 'env', 'context', 'contexts', 'whois', 'lookup', 'resolve', 'audit', 'scan', 'report',
  'usage-report', 'compare', 'estimate', 'simulate', 'tokens', 'members', 'versions', 'current', 'who', 'me', 'account',
  'accounts', 'regions', 'zones', 'locations', 'operations', 'builds-list', 'tags', 'releases', 'runs', 'jobs', 'status-all',
]);

/** Read words that are nouns: under a write word they name what is written (`scale count`, `update
 *  jobs`, `create log-sink`), not a look. A compound word reads as a verb only by its first part
 *  (`list-sizes` looks; `access-control-list` is a thing). */
export const READ_NOUNS: ReadonlySet<string> = new Set([
  'logs', 'log', 'history', 'outputs', 'output', 'events', 'metrics', 'stats', 'usage', 'quota', 'quotas', 'count', 'size',
  'backups', 'snapshots', 'completion', 'completions', 'docs', 'metadata', 'token', 'tokens', 'credentials', 'env', 'context',
  'contexts', 'members', 'versions', 'current', 'me', 'account', 'accounts', 'regions', 'zones', 'locations', 'operations',
  'tags', 'releases', 'runs', 'jobs', 'report', 'usage-report',
]);

/** Flags that ask a CLI to print help, version or a preview instead of acting. */
export const HELP_FLAGS: ReadonlySet<string> = new Set(['--help', '-help', '--usage', '-?']);
export const VERSION_FLAGS: ReadonlySet<string> = new Set(['--version', '-version']);
/** `--dry-run` and its spellings; the last of a preview flag and its negation wins. */
export const DRY_RUN_FLAGS: ReadonlySet<string> = new Set(['--dry-run', '--dryrun', '--dry_run', '--what-if', '--whatif', '--check', '--noop', '--no-op', '--plan', '--preview', '--simulate', '--validate-only']);
export const NOT_DRY_RUN_FLAGS: ReadonlySet<string> = new Set(['--no-dry-run', '--no-dryrun', '--dry-run=false', '--dry-run=none', '--no-check', '--no-preview']);

/** Tool-specific meanings that the general lexicon would get wrong. */
export const TOOL_WORDS: Readonly<Record<string, Readonly<Record<string, Operation>>>> = {
  // vault: disabling an auth method or secrets engine deletes every secret and token under it.
  vault: { disable: 'delete', unwrap: 'read', seal: 'update', lookup: 'read', renew: 'update' },
  restic: { forget: 'delete', prune: 'delete', backup: 'create', snapshots: 'read', restore: 'update', mount: 'read', unlock: 'update', key: 'read', copy: 'create', recover: 'create', check: 'read', init: 'create' },
  borg: { compact: 'delete', prune: 'delete', recreate: 'update', create: 'create', extract: 'read', mount: 'read', check: 'read', 'break-lock': 'update' },
  rclone: { sync: 'update', move: 'update', moveto: 'update', purge: 'delete', delete: 'delete', deletefile: 'delete', dedupe: 'delete', cleanup: 'delete', copy: 'create', copyto: 'create', bisync: 'update', mount: 'read', serve: 'read', lsf: 'read', touch: 'update', mkdir: 'create', rmdir: 'delete', rmdirs: 'delete' },
  mc: { mirror: 'update', cp: 'create', mv: 'update', rm: 'delete', rb: 'delete', mb: 'create', retention: 'update', legalhold: 'update', 'undo': 'update', admin: 'update', anonymous: 'permissions', od: 'create' },
  etcdctl: { del: 'delete', put: 'update', compaction: 'delete', defrag: 'update', 'move-leader': 'update', elect: 'update', lease: 'read' },
  rabbitmqctl: { purge_queue: 'delete', delete_queue: 'delete', reset: 'delete', force_reset: 'delete', stop_app: 'update', start_app: 'update', forget_cluster_node: 'delete', close_all_connections: 'update', list_queues: 'read', list_exchanges: 'read', list_users: 'read', cluster_status: 'read', await_startup: 'read' },
  rabbitmqadmin: { purge: 'delete', close: 'update', publish: 'update', declare: 'create' },
  nats: { rm: 'delete', purge: 'delete', del: 'delete', pub: 'update', publish: 'update', sub: 'read', subscribe: 'read', req: 'update', request: 'update', reply: 'update', bench: 'update', backup: 'read', restore: 'update' },
  gh: { close: 'update', merge: 'update', edit: 'update', archive: 'update', rename: 'update', transfer: 'update', checkout: 'read', diff: 'read', checks: 'read', view: 'read', develop: 'create', comment: 'update', review: 'update', ready: 'update', rerun: 'update', watch: 'read', download: 'read', clone: 'read', sync: 'update' },
  heroku: { 'pg:reset': 'delete', 'pg:killall': 'update', 'maintenance:on': 'update', 'ps:kill': 'update', 'ps:stop': 'update', run: 'update' },
  pulumi: { up: 'update', refresh: 'update', preview: 'read', import: 'update', cancel: 'update', rm: 'delete', watch: 'update' },
  cdk: { deploy: 'update', diff: 'read', synth: 'read', synthesize: 'read', ls: 'read', list: 'read', bootstrap: 'create', import: 'update', watch: 'update', gc: 'delete', drift: 'read', notices: 'read', acknowledge: 'read', docs: 'read', doctor: 'read', context: 'read', metadata: 'read' },
  cdktf: { deploy: 'update', diff: 'read', synth: 'read', get: 'read', list: 'read', output: 'read', watch: 'update', convert: 'read', provider: 'read' },
  sam: { validate: 'read', build: 'read', package: 'update', deploy: 'update', sync: 'update', logs: 'read', traces: 'read', local: 'read', list: 'read', pipeline: 'read', remote: 'update' },
  serverless: { deploy: 'update', remove: 'delete', package: 'read', print: 'read', info: 'read', invoke: 'update', logs: 'read', offline: 'read' },
  sls: { deploy: 'update', remove: 'delete', package: 'read', print: 'read', info: 'read', invoke: 'update', logs: 'read', offline: 'read' },
  atmos: { describe: 'read', validate: 'read', list: 'read', vendor: 'read', workflow: 'update', version: 'read', docs: 'read', toolchain: 'read', planfile: 'read' },
  bq: { rm: 'delete', mk: 'create', cp: 'create', load: 'update', extract: 'read', head: 'read', query: 'update', undelete: 'update', truncate: 'delete' },
  gsutil: { rm: 'delete', rb: 'delete', mb: 'create', cp: 'create', mv: 'update', rsync: 'update', ls: 'read', du: 'read', cat: 'read', stat: 'read', hash: 'read', acl: 'permissions', iam: 'permissions', defacl: 'permissions', lifecycle: 'update', retention: 'update', setmeta: 'update', compose: 'create', rewrite: 'update', signurl: 'read', version: 'read', help: 'read' },
  eksctl: { utils: 'update', anywhere: 'update', drain: 'update' },
  consul: { members: 'read', monitor: 'read', leave: 'update', 'force-leave': 'delete', join: 'update', reload: 'update', snapshot: 'read', operator: 'update' },
  nomad: { stop: 'update', plan: 'read', run: 'update', dispatch: 'update', 'system gc': 'delete', gc: 'delete', alloc: 'read', eval: 'read', scale: 'update' },
  snow: { sql: 'update', streamlit: 'update' },
  op: { inject: 'read', read: 'read', run: 'read', signin: 'read', signout: 'read', whoami: 'read', item: 'read', document: 'read' },
  doctl: { 'get-credentials': 'read' },
  argocd: { sync: 'update', rollback: 'update', 'terminate-op': 'update', wait: 'read', diff: 'read', manifests: 'read', 'actions': 'update' },
  kafkactl: { produce: 'update', consume: 'read', reset: 'delete', clone: 'create', alter: 'update' },
  goreleaser: { release: 'update', build: 'read', check: 'read', healthcheck: 'read', init: 'read' },
  cosign: { sign: 'update', attest: 'update', verify: 'read', 'verify-attestation': 'read', 'verify-blob': 'read', triangulate: 'read', tree: 'read', download: 'read' },
  stripe: { listen: 'read', trigger: 'update', logs: 'read', fixtures: 'update', samples: 'read' },
  flux: { reconcile: 'update', bootstrap: 'update', install: 'update', uninstall: 'delete', check: 'read', trace: 'read', tree: 'read', export: 'read', build: 'read', diff: 'read', stats: 'read', events: 'read', pull: 'read', push: 'update', envsubst: 'read', migrate: 'update' },
  istioctl: { install: 'update', uninstall: 'delete', upgrade: 'update', analyze: 'read', 'proxy-status': 'read', 'proxy-config': 'read', manifest: 'read', 'bug-report': 'read', precheck: 'read', 'verify-install': 'read', 'kube-inject': 'read', dashboard: 'read', tag: 'update', waypoint: 'update' },
  // linkerd's install, upgrade, uninstall and prune print manifests; `kubectl apply|delete` acts on them.
  linkerd: { install: 'read', uninstall: 'read', upgrade: 'read', prune: 'read', 'install-cni': 'read', inject: 'read', uninject: 'read', check: 'read', viz: 'read', diagnostics: 'read', identity: 'read', authz: 'read', profile: 'read' },
  cilium: { install: 'update', uninstall: 'delete', upgrade: 'update', connectivity: 'update', hubble: 'update', clustermesh: 'update', config: 'update', sysdump: 'read', encryption: 'read', bgp: 'read' },
  skaffold: { run: 'update', dev: 'update', deploy: 'update', debug: 'update', apply: 'update', verify: 'update', build: 'update', delete: 'delete', render: 'read', diagnose: 'read', fix: 'read', init: 'read', inspect: 'read', lint: 'read', schema: 'read', survey: 'read', credits: 'read', filter: 'read' },
  telepresence: { intercept: 'update', leave: 'update', connect: 'update', replace: 'update', ingest: 'update', wiretap: 'update', helm: 'update', uninstall: 'delete', quit: 'read', status: 'read', list: 'read', 'gather-logs': 'read', genyaml: 'read' },
  karmadactl: { join: 'update', unjoin: 'delete', register: 'update', unregister: 'delete', promote: 'update', deinit: 'delete', init: 'create', cordon: 'update', uncordon: 'update', taint: 'update' },
  clusterctl: { move: 'update', init: 'update', upgrade: 'update', delete: 'delete', describe: 'read', generate: 'read', get: 'read', backup: 'read', restore: 'update', config: 'read' },
  talosctl: { reset: 'delete', wipe: 'delete', upgrade: 'update', 'upgrade-k8s': 'update', reboot: 'update', shutdown: 'update', 'apply-config': 'update', apply: 'update', patch: 'update', edit: 'update', bootstrap: 'create', etcd: 'update', restart: 'update', rollback: 'update', dmesg: 'read', logs: 'read', dashboard: 'read', health: 'read', get: 'read', list: 'read', read: 'read', services: 'read', config: 'read', gen: 'read', kubeconfig: 'read', containers: 'read', copy: 'read', cp: 'read', mounts: 'read', processes: 'read', memory: 'read', stats: 'read', time: 'read', netstat: 'read', pcap: 'read', validate: 'read', support: 'read', inspect: 'read', image: 'update', cluster: 'update' },
  kubeadm: { reset: 'delete', init: 'create', join: 'update', upgrade: 'update', certs: 'update', token: 'update', kubeconfig: 'update', config: 'read' },
  kapp: { deploy: 'update', delete: 'delete', rename: 'update', inspect: 'read', list: 'read', logs: 'read', 'app-change': 'read', 'deploy-config': 'read', tools: 'read' },
  vcluster: { create: 'create', delete: 'delete', pause: 'update', resume: 'update', upgrade: 'update', connect: 'read', disconnect: 'read', list: 'read', login: 'read', logout: 'read', use: 'read' },
  devspace: { deploy: 'update', purge: 'delete', dev: 'update', run: 'update', build: 'update', 'run-pipeline': 'update', enter: 'update', sync: 'update', attach: 'update', reset: 'delete', cleanup: 'delete', logs: 'read', print: 'read', list: 'read', analyze: 'read', init: 'read', use: 'read', ui: 'read', open: 'read' },
  tilt: { up: 'update', down: 'delete', ci: 'update', trigger: 'update', args: 'update', 'docker-prune': 'delete', get: 'read', describe: 'read', logs: 'read', dump: 'read', doctor: 'read', explain: 'read', 'api-resources': 'read', wait: 'read' },
  crossplane: { trace: 'read', render: 'read', validate: 'read', top: 'read', convert: 'read', build: 'read', init: 'read', extract: 'read', login: 'read', logout: 'read', install: 'update', update: 'update', push: 'update' },
  // `fly ips release` gives the address back for anyone to take; `fly scale count N` sets how many machines run.
  fly: { release: 'delete', count: 'update' },
  flyctl: { release: 'delete', count: 'update' },
  kops: { 'rolling-update': 'update', toolbox: 'read', validate: 'read', export: 'read', trust: 'update', distrust: 'update', promote: 'update' },
};

/** Command paths that only change the CLI's own local configuration or credentials on this
 *  machine (log in, pick a project, write a kubeconfig), or run a local emulator: no action. */
export const LOCAL_PATHS: Readonly<Record<string, readonly string[]>> = {
  gcloud: ['config', 'auth login', 'auth activate-service-account', 'auth configure-docker', 'auth application-default login', 'auth application-default print-access-token', 'auth print-access-token', 'auth print-identity-token', 'auth list', 'components', 'init', 'container clusters get-credentials', 'emulators', 'beta emulators', 'info', 'topic', 'help', 'version', 'cheat-sheet', 'feedback', 'survey'],
  az: ['login', 'logout', 'account set', 'account show', 'account list', 'config', 'extension add', 'extension list', 'extension show', 'aks get-credentials', 'acr login', 'bicep', 'version', 'upgrade', 'find', 'interactive', 'cloud set', 'cloud list', 'cloud show', 'feedback', 'survey', 'init'],
  doctl: ['auth', 'kubernetes cluster kubeconfig', 'registry login', 'registry docker-config', 'version', 'completion'],
  // `gh aw compile` (github/gh-aw, GitHub's agentic-workflows extension) turns .github/workflows/*.md into .lock.yml files in the workspace.
  gh: ['auth', 'config', 'extension', 'repo clone', 'repo set-default', 'pr checkout', 'completion', 'alias', 'browse', 'codespace ssh', 'help', 'version', 'status', 'aw compile', 'aw version'],
  flyctl: ['auth', 'version', 'docs', 'doctor', 'launch --no-deploy', 'wireguard websockets'],
  fly: ['auth', 'version', 'docs', 'doctor', 'wireguard websockets'],
  heroku: ['login', 'logout', 'auth:login', 'auth:logout', 'auth:token', 'auth:whoami', 'container:login', 'git:remote', 'git:clone', 'plugins', 'local', 'update', 'autocomplete', 'help', 'version', 'which', 'commands'],
  pulumi: ['login', 'logout', 'whoami', 'stack select', 'stack init', 'stack ls', 'stack output', 'plugin', 'install', 'about', 'version', 'new', 'convert', 'gen-completion', 'schema', 'package', 'policy validate-config'],
  vercel: ['login', 'logout', 'link', 'pull', 'env pull', 'dev', 'build', 'whoami', 'switch', 'help', 'init'],
  netlify: ['login', 'logout', 'link', 'unlink', 'dev', 'build', 'serve', 'status', 'switch', 'init', 'functions:serve', 'functions:build', 'functions:create', 'completion', 'help'],
  supabase: ['login', 'logout', 'link', 'unlink', 'init', 'start', 'stop', 'status', 'gen', 'functions serve', 'functions new', 'migration new', 'migration list', 'test', 'completion', 'services', 'bootstrap', 'db start', 'db diff', 'db lint', 'db dump'],
  railway: ['login', 'logout', 'link', 'unlink', 'whoami', 'status', 'environment', 'service', 'shell', 'docs', 'help', 'completion', 'init'],
  vault: ['login', 'version', 'status', 'path-help', 'print', 'server'],
  op: ['signin', 'signout', 'account', 'whoami', 'completion', 'update', 'plugin'],
  doppler: ['login', 'logout', 'setup', 'configure', 'me', 'update', 'completion', 'run'],
  wrangler: ['login', 'logout', 'whoami', 'dev', 'init', 'generate', 'types', 'docs', 'config', 'build'],
  firebase: ['login', 'logout', 'use', 'init', 'emulators:start', 'emulators:exec', 'serve', 'setup:emulators:firestore', 'setup:emulators:database', 'help', 'open'],
  eas: ['login', 'logout', 'whoami', 'init', 'build:configure', 'config', 'diagnostics'],
  cdk: ['synth', 'synthesize', 'ls', 'list', 'diff', 'doctor', 'docs', 'context', 'init', 'metadata', 'notices', 'acknowledge', 'version'],
  sam: ['build', 'local', 'validate', 'init', 'logs', 'traces', 'list'],
  serverless: ['offline', 'package', 'print', 'login', 'logout', 'plugin install', 'config credentials', 'create', 'install'],
  sls: ['offline', 'package', 'print', 'login', 'logout', 'plugin install', 'config credentials', 'create', 'install'],
  copilot: ['init', 'app ls', 'svc ls', 'env ls', 'svc package', 'svc show', 'svc status', 'docs', 'version'],
  tsh: ['login', 'logout', 'status', 'kube login', 'apps login', 'db login'],
  argocd: ['login', 'logout', 'context', 'version', 'relogin'],
  goreleaser: ['build', 'check', 'healthcheck', 'init', 'jsonschema', 'completion', 'man'],
  prisma: ['generate', 'format', 'validate', 'init', 'version', 'studio', 'migrate dev', 'migrate diff', 'migrate status'],
  atmos: ['describe', 'validate', 'list', 'vendor', 'version', 'docs', 'toolchain', 'completion', 'about', 'support', 'help', 'terraform cache', 'terraform planfile list', 'terraform planfile download', 'demo record'],
  // skaffold's own settings file (~/.skaffold/config) and the tools that only print or rewrite local files.
  skaffold: ['config', 'version', 'completion', 'survey', 'credits', 'schema', 'fix', 'init', 'diagnose', 'render', 'inspect', 'lint', 'filter'],
  flux: ['version', 'completion', 'envsubst'],
  mc: ['alias', 'config', 'ls', 'cat', 'head', 'stat', 'du', 'find', 'diff', 'tree', 'ping', 'ready', 'version'],
  stripe: ['login', 'logout', 'listen', 'logs tail', 'samples', 'version', 'completion', 'config'],
  cosign: ['verify', 'verify-attestation', 'verify-blob', 'triangulate', 'tree', 'download', 'generate-key-pair', 'version', 'public-key', 'initialize'],
};

/** gh subcommands that are collaboration on the repository (issues, pull requests, reviews), not
 *  production changes: they pass. Merging, releasing and repository settings are not here. */
export const COLLABORATION_PATHS: Readonly<Record<string, readonly string[]>> = {
  gh: ['pr create', 'pr comment', 'pr edit', 'pr review', 'pr ready', 'pr close', 'pr reopen', 'issue create', 'issue comment',
    'issue edit', 'issue close', 'issue reopen', 'issue develop', 'issue pin', 'issue unpin', 'issue transfer', 'label create',
    'label edit', 'run rerun', 'run cancel', 'run watch', 'gist create', 'gist edit', 'repo fork', 'workflow view', 'search',
    'issue lock', 'issue unlock', 'pr lock', 'pr unlock'],
};

/** Command paths that publish a release or an artifact others consume: never a pass. */
export const PUBLISH_PATHS: Readonly<Record<string, readonly string[]>> = {
  gh: ['release create', 'release upload', 'release edit'],
  goreleaser: ['release', 'publish', 'announce'],
  cosign: ['sign', 'attest', 'copy', 'upload'],
};

/** Options that keep a publishing command on this machine, and the command paths they apply to:
 *  goreleaser's release (also its bare root command, the old spelling) sets `--snapshot`, or skips
 *  the publish step with `--skip=publish` (a list; `--skip-publish` before v2), and skipping publish
 *  also skips announce (goreleaser cmd/release.go). `--auto-snapshot` is not here: it snapshots only
 *  when the tree is dirty. */
export const LOCAL_BUILD_OPTIONS: Readonly<Record<string, { paths: readonly string[]; flags: readonly string[]; skip: { option: string; value: string } }>> = {
  goreleaser: { paths: ['release', ''], flags: ['--snapshot', '--skip-publish'], skip: { option: '--skip', value: 'publish' } },
};

/** Copy verbs, and how each tool writes a remote location: a copy whose destination is local is a download (a read). */
export const COPY_WORDS: ReadonlySet<string> = new Set(['copy', 'copyto', 'cp', 'sync', 'rsync', 'mirror']);
export const REMOTE_LOCATION: Readonly<Record<string, RegExp>> = {
  rclone: /^[A-Za-z0-9_-]{2,}:/,
  gsutil: /^gs:\/\//,
  gcloud: /^gs:\/\//,
};
