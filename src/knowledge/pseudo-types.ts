// Targets that are not AWS resources: SQL tables, files, git refs, Kubernetes objects.
// Matched by prefix of Target.type (`sql:table`, `fs:path`, `git:ref`, `k8s:namespace`).
import type { CommandTemplate } from './types.js';

export interface PseudoTypeFacts {
  prefix: string;
  label: string;
  stateful: boolean;
  /** What a destructive action loses, with {name}. */
  lost: string;
  safeguard?: CommandTemplate;
  /** Undo, given the safeguard was taken. */
  restore?: CommandTemplate;
  /** What a delete removes is not known from the call itself (a generic API endpoint): judge as unknown. */
  unknownContent?: boolean;
}

export const PSEUDO_TYPES: readonly PseudoTypeFacts[] = [
  {
    prefix: 'sql:table',
    label: 'SQL table',
    stateful: true,
    lost: 'all rows of table {name}',
    safeguard: { description: 'dump the table', command: 'pg_dump "$DATABASE_URL" -t {name} > firebreak-{name}-{stamp}.sql' },
    restore: { description: 'load the dump back', command: 'psql "$DATABASE_URL" < firebreak-{name}-{stamp}.sql' },
  },
  {
    prefix: 'sql:',
    label: 'SQL database',
    stateful: true,
    lost: 'the data in {name}',
    safeguard: { description: 'dump the database', command: 'pg_dump "$DATABASE_URL" > firebreak-{name}-{stamp}.sql' },
    restore: { description: 'load the dump back', command: 'psql "$DATABASE_URL" < firebreak-{name}-{stamp}.sql' },
  },
  {
    prefix: 'fs:',
    label: 'files',
    stateful: true,
    lost: 'the files under {name}',
    safeguard: { description: 'archive the files', command: 'tar czf firebreak-{stamp}.tgz {name}' },
    restore: { description: 'unpack the archive', command: 'tar xzf firebreak-{stamp}.tgz' },
  },
  {
    prefix: 'git:',
    label: 'git ref',
    stateful: true,
    lost: 'commits on {name} that exist nowhere else',
    safeguard: { description: 'keep the current commit on a backup branch', command: 'git branch backup/{name}-{stamp} {name}' },
    restore: {
      description: 'point the ref back at the backup',
      command: 'git push --force-with-lease origin backup/{name}-{stamp}:{name}',
    },
  },
  {
    prefix: 'k8s:namespace',
    label: 'Kubernetes namespace',
    stateful: true,
    lost: 'every object in namespace {name}, and volumes whose reclaim policy is Delete',
    safeguard: {
      description: 'save the manifests (secrets are left out on purpose)',
      command: 'kubectl get deploy,sts,ds,svc,ingress,configmap,pvc,cronjob -n {name} -o yaml > firebreak-{name}-{stamp}.yaml',
    },
    restore: { description: 're-apply the saved manifests', command: 'kubectl create namespace {name} && kubectl apply -n {name} -f firebreak-{name}-{stamp}.yaml' },
  },
  {
    prefix: 'k8s:',
    label: 'Kubernetes object',
    stateful: false,
    lost: 'Kubernetes object {name}',
    safeguard: { description: 'save the manifest', command: 'kubectl get {kind} {name} -o yaml > firebreak-{name}-{stamp}.yaml' },
    restore: { description: 're-apply the saved manifest', command: 'kubectl apply -f firebreak-{name}-{stamp}.yaml' },
  },
  {
    prefix: 'railway:volume',
    label: 'Railway volume',
    stateful: true,
    lost: 'volume {name} and the backups Railway keeps with it (a volume delete removes its backups)',
  },
  {
    prefix: 'http:',
    label: 'control-plane API call',
    stateful: true,
    lost: 'whatever the call to {name} deletes',
    unknownContent: true,
  },
];

export function pseudoFactsFor(type: string): PseudoTypeFacts | undefined {
  return PSEUDO_TYPES.find((p) => type.startsWith(p.prefix));
}
