// kubectl and helm.
import type { Evidence, Operation, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, unknownCommand, type Recogniser } from '../command.js';
import { hasOption, optionValue, optionValues, parseOptions } from '../options.js';
import { forgetLocalClusters, localClusterOf, noteKindCommand } from '../local-clusters.js';
import { notARunner } from '../runners/follow.js';

const KUBECTL_WITH_ARGUMENT = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '-l', '--selector',
  '-f', '--filename', '-o', '--output', '-c', '--container', '--replicas', '--timeout', '--grace-period', '--field-selector', '-p', '--patch',
  '--type', '--for', '--image', '--port', '--token', '--as', '--as-group', '-k', '--kustomize', '--current-replicas', '--cascade', '--to-revision',
  '--sort-by', '--since', '--tail', '-L', '--label-columns', '--template', '--request-timeout', '--cache-dir', '--certificate-authority', '--client-key', '--client-certificate']);
const KUBECTL_READ = new Set(['get', 'describe', 'logs', 'top', 'explain', 'api-resources', 'api-versions', 'version', 'cluster-info', 'diff', 'auth', 'events', 'wait', 'completion', 'plugin', 'kustomize']);
const KUBECTL_UPDATE = new Set(['apply', 'patch', 'edit', 'set', 'label', 'annotate', 'replace', 'autoscale', 'taint', 'uncordon']);
const KUBECTL_CREATE = new Set(['create', 'run', 'expose']);
const KUBECTL_INTERACTIVE = new Set(['exec', 'cp', 'port-forward', 'attach', 'proxy', 'debug']);
const NAMESPACE_TYPES = new Set(['ns', 'namespace', 'namespaces']);
const TYPE_ALIASES: Record<string, string> = {
  ns: 'namespace', namespaces: 'namespace', po: 'pod', pods: 'pod', svc: 'service', services: 'service', deploy: 'deployment', deployments: 'deployment',
  sts: 'statefulset', statefulsets: 'statefulset', pvc: 'persistentvolumeclaim', persistentvolumeclaims: 'persistentvolumeclaim', pv: 'persistentvolume',
  persistentvolumes: 'persistentvolume', cm: 'configmap', configmaps: 'configmap', secrets: 'secret', ds: 'daemonset', daemonsets: 'daemonset',
  rs: 'replicaset', replicasets: 'replicaset', ing: 'ingress', ingresses: 'ingress', no: 'node', nodes: 'node', jobs: 'job', cj: 'cronjob', cronjobs: 'cronjob',
  crd: 'customresourcedefinition', crds: 'customresourcedefinition', sa: 'serviceaccount', serviceaccounts: 'serviceaccount',
};

/** `kind create cluster` writes a kubeconfig a later kubectl in the line may be given (local-clusters.ts). */
export const kind: Recogniser = (cmd) => {
  noteKindCommand(cmd);
  return notARunner(cmd);
};

const CONFIG_READS = new Set(['view', 'get-contexts', 'current-context', 'get-clusters', 'get-users']);

export const kubectl: Recogniser = async (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: KUBECTL_WITH_ARGUMENT });
  if (p.positionals[0] === 'config' && !CONFIG_READS.has(p.positionals[1] ?? '')) forgetLocalClusters(cmd.files);
  const actions = await kubectlActions(cmd, p);
  // On a cluster kind made earlier in this line: this machine's, placed there (predict/workspace-files.ts).
  const local = localClusterOf(cmd, p.values);
  if (!local) return actions;
  // Everything on it was made by this command: what a change there reaches is that cluster, and
  // deleting the cluster undoes it all.
  const said = commandEvidence(local.why, '--kubeconfig', optionValue(p, '--kubeconfig'));
  return actions.map((a) => a.target.type.startsWith('k8s:')
    ? { ...a, scope: 'resource', evidence: [...a.evidence, said], details: { ...a.details, localCluster: local.why },
      intrinsic: { reversibility: 'recoverable', evidence: [said, commandEvidence(`nothing on ${local.context} predates this command; \`kind delete cluster --name ${local.context.replace(/^kind-/, '')}\` removes all of it`)] } }
    : a);
};

async function kubectlActions(cmd: Parameters<Recogniser>[0], p: ReturnType<typeof parseOptions>): Promise<PlannedAction[]> {
  const [verb, ...rest] = p.positionals;
  const namespace = optionValue(p, '-n', '--namespace');
  const context = optionValue(p, '--context');
  const hints = {
    ...(context ? { kubeContext: context } : {}),
    ...(namespace ? { namespace } : {}),
  };
  const baseEvidence: Evidence[] = [];
  if (context) baseEvidence.push(commandEvidence(`kube context ${context}`, '--context', context));
  if (namespace) baseEvidence.push(commandEvidence(`namespace ${namespace}`, '-n', namespace));
  if (hasOption(p, '-A', '--all-namespaces')) baseEvidence.push(commandEvidence('all namespaces', '--all-namespaces'));
  const action = (operation: Operation, v: string, type: string, id: string, scope: PlannedAction['scope'], evidence: Evidence[] = [], reversibility?: Reversibility, details?: Record<string, unknown>) =>
    makeAction(cmd, {
      operation, verb: v, tool: 'kubectl', target: { type: `k8s:${type}`, id }, scope, hints, evidence: [...baseEvidence, ...evidence],
      intrinsic: reversibility ? { reversibility, evidence } : undefined, details,
    });
  if (!verb) return [];
  const preview = previewFlag(cmd.argv);
  if (preview) return [action('read', verb, 'cluster', context ?? 'current-context', 'environment', [commandEvidence(`${preview}: kubectl ${verb} only shows what it would do`, preview)])];
  if (KUBECTL_READ.has(verb) || (verb === 'rollout' && ['status', 'history'].includes(rest[0] ?? ''))) {
    return [action('read', verb, 'cluster', context ?? 'current-context', 'environment')];
  }
  if (verb === 'config') return [];
  const files = optionValues(p, '-f', '--filename', '-k', '--kustomize');
  const selector = optionValue(p, '-l', '--selector');
  const targets = resourceTargets(rest);
  const fromFiles = (operation: Operation, v: string, evidence: Evidence[] = []) =>
    files.map((f) => action(operation, v, 'manifest', f, 'unknown', [...evidence, commandEvidence(`resources defined in ${f}: give Firebreak the manifest to see them`, '-f', f)]));

  if (verb === 'delete') {
    const evidence: Evidence[] = [];
    if (hasOption(p, '--all')) evidence.push(commandEvidence('--all deletes every resource of the type', '--all'));
    if (selector) evidence.push(commandEvidence(`deletes everything matching the label selector ${selector}`, '-l', selector));
    if (optionValue(p, '--grace-period') === '0' || hasOption(p, '--force')) evidence.push(commandEvidence('forced deletion without graceful shutdown', '--force'));
    const out = fromFiles('delete', 'delete', evidence);
    for (const t of targets) {
      if (NAMESPACE_TYPES.has(t.type)) {
        out.push(makeAction(cmd, {
          operation: 'delete', verb: 'delete namespace', tool: 'kubectl', target: { type: 'k8s:namespace', id: t.name }, scope: 'environment',
          hints: { ...hints, namespace: t.name }, evidence: [...baseEvidence, ...evidence, commandEvidence(`deleting namespace ${t.name} deletes every resource in it, including volumes claimed there`, 'namespace', t.name)],
        }));
      } else {
        const bounded = !hasOption(p, '--all') && !selector && t.name !== '';
        out.push(action('delete', 'delete', TYPE_ALIASES[t.type] ?? t.type, t.name || `(${selector ? `selector ${selector}` : 'all'})`, bounded ? 'resource' : 'unknown', evidence));
      }
    }
    if (!out.length) out.push(action('delete', 'delete', 'resource', selector ?? '(unspecified)', 'unknown', evidence));
    return out;
  }
  if (verb === 'drain') {
    return [action('update', 'drain', 'node', rest[0] ?? '(node)', 'resource', [commandEvidence('drain evicts every pod from the node and cordons it', 'drain')], 'recoverable')];
  }
  if (verb === 'cordon') return [action('update', 'cordon', 'node', rest[0] ?? '(node)', 'resource', [commandEvidence('cordon stops new pods from being scheduled on the node; uncordon reverses it', 'cordon')], 'reversible')];
  if (verb === 'scale') {
    const replicas = optionValue(p, '--replicas');
    const zero = replicas === '0';
    const ev = zero ? [commandEvidence('scales to zero replicas: the workload stops serving', '--replicas', replicas)] : [commandEvidence(`scales to ${replicas} replicas`, '--replicas', replicas)];
    const ts = targets.length ? targets : [{ type: 'resource', name: '' }];
    return [...fromFiles('update', 'scale', ev), ...ts.map((t) => action('update', zero ? 'scale --replicas=0' : 'scale', TYPE_ALIASES[t.type] ?? t.type, t.name || '(selector)', t.name ? 'resource' : 'unknown', ev, 'reversible', { replicas }))];
  }
  if (verb === 'rollout') {
    const sub = rest[0] ?? '';
    const ts = resourceTargets(rest.slice(1));
    const op: Operation = ['restart', 'undo', 'pause', 'resume'].includes(sub) ? 'update' : 'unknown';
    return ts.length
      ? ts.map((t) => action(op, `rollout ${sub}`, TYPE_ALIASES[t.type] ?? t.type, t.name, 'resource', [commandEvidence(`rollout ${sub}`, 'rollout')]))
      : [action(op, `rollout ${sub}`, 'resource', '(unspecified)', 'unknown')];
  }
  if (KUBECTL_UPDATE.has(verb) || KUBECTL_CREATE.has(verb)) {
    const op: Operation = KUBECTL_CREATE.has(verb) ? 'create' : verb === 'replace' && hasOption(p, '--force') ? 'replace' : 'update';
    const evidence: Evidence[] = [];
    if (verb === 'apply' && hasOption(p, '--prune')) evidence.push(commandEvidence('apply --prune deletes resources that are not in the manifests', '--prune'));
    const out = fromFiles(hasOption(p, '--prune') ? 'delete' : op, verb, evidence);
    for (const t of targets) out.push(action(op, verb, TYPE_ALIASES[t.type] ?? t.type, t.name || t.type, t.name ? 'resource' : 'unknown', evidence));
    if (!out.length) out.push(action(op, verb, 'resource', '(stdin or unspecified)', 'unknown', evidence));
    return out;
  }
  if (verb === 'exec') {
    // `kubectl exec [-i] POD [-c C] -- CMD`, or the older `kubectl exec POD CMD`: the command runs
    // in the pod, with the cluster's context and namespace as hints and kubectl's stdin.
    const dash = cmd.argv.indexOf('--');
    const inner = dash >= 0 ? cmd.argv.slice(dash + 1) : rest.slice(1);
    const pod = rest[0] ?? '(pod)';
    if (inner.length) {
      const interactive = hasOption(p, '-i', '--stdin') || [...p.values.keys()].some((k) => /^-[a-z]*i[a-z]*$/.test(k) && k !== '-i');
      return cmd.nested(inner.map(quote).join(' '), {
        remote: `pod ${pod}`,
        hints: { ...hints, ...(cmd.hints.endpoint ? {} : { endpoint: pod }) },
        evidence: [...baseEvidence, commandEvidence(`runs inside pod ${pod} (kubectl exec)`, 'exec', pod)],
        ...(interactive ? { stdin: cmd.stdin } : {}),
      });
    }
    return [action('unknown', 'exec', 'pod', pod, 'unknown', [commandEvidence('interactive session in a pod: what runs is not visible', 'exec')])];
  }
  if (KUBECTL_INTERACTIVE.has(verb)) return [action('unknown', verb, 'pod', rest[0] ?? '(pod)', 'unknown', [commandEvidence(`kubectl ${verb} is not classified further`, verb)])];
  return [unknownCommand(cmd, `kubectl ${verb} is not a subcommand Firebreak recognises`, verb)];
}

/** `pod a b`, `pod/a deploy/b`, `ns production` -> [{type, name}]. */
function resourceTargets(args: string[]): { type: string; name: string }[] {
  if (!args.length) return [];
  if (args.every((a) => a.includes('/'))) {
    return args.map((a) => ({ type: a.slice(0, a.indexOf('/')).toLowerCase().split('.')[0], name: a.slice(a.indexOf('/') + 1) }));
  }
  const types = args[0].toLowerCase().split(',');
  const names = args.slice(1);
  if (!names.length) return types.map((type) => ({ type, name: '' }));
  return types.flatMap((type) => names.map((name) => ({ type, name })));
}

const HELM_WITH_ARGUMENT = new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file',
  '--version', '--timeout', '-o', '--output', '--repo', '--revision', '--description', '--post-renderer', '--history-max', '--max', '--filter', '-l', '--selector']);
const HELM_READ = new Set(['list', 'ls', 'status', 'get', 'history', 'hist', 'show', 'inspect', 'template', 'search', 'repo', 'lint', 'version', 'env',
  'dependency', 'dep', 'pull', 'fetch', 'verify', 'package', 'plugin', 'completion', 'create', 'diff', 'test']);

export const helm: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: HELM_WITH_ARGUMENT });
  const [verb, ...rest] = p.positionals;
  if (!verb) return [];
  const namespace = optionValue(p, '-n', '--namespace');
  const context = optionValue(p, '--kube-context');
  const hints = { ...(context ? { kubeContext: context } : {}), ...(namespace ? { namespace } : {}) };
  const release = (operation: Operation, v: string, name: string | undefined, evidence: Evidence[], reversibility?: Reversibility) =>
    makeAction(cmd, {
      operation, verb: v, tool: 'helm', target: { type: 'helm:release', id: name ?? '(release)' }, scope: 'environment', hints, evidence,
      intrinsic: reversibility ? { reversibility, evidence } : undefined,
    });
  if (HELM_READ.has(verb)) return [release('read', verb, rest[0], [])];
  const preview = previewFlag(cmd.argv);
  if (preview) return [release('read', verb, rest[0], [commandEvidence(`${preview}: helm ${verb} only renders what it would do`, preview)])];
  switch (verb) {
    case 'uninstall': case 'delete': case 'del': case 'un':
      return (rest.length ? rest : [undefined]).map((name) => release('delete', 'uninstall', name, [
        commandEvidence(`uninstall deletes every Kubernetes resource of release ${name ?? ''}`, 'uninstall', name),
        ...(hasOption(p, '--keep-history') ? [commandEvidence('--keep-history: release history kept, helm rollback can restore it', '--keep-history')] : []),
      ]));
    case 'rollback': return [release('update', 'rollback', rest[0], [commandEvidence(`rolls release back to revision ${rest[1] ?? 'previous'}`, 'rollback', rest[1])], 'reversible')];
    case 'upgrade': return [release('update', hasOption(p, '--install', '-i') ? 'upgrade --install' : 'upgrade', rest[0], [commandEvidence(`upgrades release ${rest[0] ?? ''} with chart ${rest[1] ?? ''}; helm rollback reverses it`, 'upgrade')], 'reversible')];
    case 'install': return [release('create', 'install', rest[0], [commandEvidence(`installs chart ${rest[1] ?? rest[0] ?? ''}`, 'install')])];
    default: return [unknownCommand(cmd, `helm ${verb} is not a subcommand Firebreak recognises`, verb)];
  }
};

/** `--help`/`-h`, or a dry run: the last of `--dry-run[=client|server|true]` and `--dry-run=none|false`
 *  (or `--no-dry-run`) wins. Options after `--` belong to a command run in a pod and do not count. */
export function previewFlag(argv: readonly string[]): string | undefined {
  const dash = argv.indexOf('--');
  const own = dash >= 0 ? argv.slice(1, dash) : argv.slice(1);
  if (own.some((a) => a === '--help' || a === '-h')) return '--help';
  let dry: string | undefined;
  for (const a of own) {
    if (a === '--no-dry-run') dry = undefined;
    else if (a === '--dry-run') dry = a;
    else if (a.startsWith('--dry-run=')) dry = /^--dry-run=(none|false)$/.test(a) ? undefined : a;
  }
  return dry;
}

function quote(s: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
