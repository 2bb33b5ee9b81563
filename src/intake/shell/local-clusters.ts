// Throwaway clusters the line makes on this machine (`kind create cluster --kubeconfig /tmp/e2e &&
// kubectl --kubeconfig /tmp/e2e apply -f calico.yaml`): kind runs the cluster in local containers and
// writes its kubeconfig, with the new cluster's context as the current one. A kubectl given that
// kubeconfig afterwards acts on the cluster the line just made, not on a deployed one.
//
// Only a kubeconfig nothing is at now counts: if kind fails (a cluster of that name exists), it writes
// no file, and kubectl stops on the missing file instead of falling back to another cluster. Any
// command between them that may write files (other than kind and kubectl), a kubectl config command,
// or a kind delete of the cluster drops the record. Kept with the line's written files, under keys no
// path has.
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { toolName, type RecognisedCommand } from './command.js';
import { runDirectory } from './runners/project.js';

const KEY = '\u0000kind-cluster:';

/** `kind` options that take the next word as their value. */
const KIND_VALUED: ReadonlySet<string> = new Set(['--name', '-n', '--kubeconfig', '--config', '--image', '--wait', '--retain', '--verbosity', '-v']);

function optionsOf(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eq > 0) out.set(a.slice(0, eq), a.slice(eq + 1));
    else if (KIND_VALUED.has(a) && args[i + 1] !== undefined) out.set(a, args[++i]);
  }
  return out;
}

function absolute(rc: RecognisedCommand, path: string): string | undefined {
  if (/[$`*?~]/.test(path) || path === '') return undefined;
  if (path.startsWith('/')) return posix.normalize(path);
  const dir = runDirectory(rc);
  return dir.ok ? posix.resolve(dir.value, path) : undefined;
}

/** `kind create cluster ...` / `kind delete cluster ...`: what the line's later kubectl commands may rely on. */
export function noteKindCommand(rc: RecognisedCommand): void {
  const [verb, noun, ...rest] = rc.argv.slice(1);
  if (noun !== 'cluster' && noun !== 'clusters') return;
  const options = optionsOf(rest);
  const name = options.get('--name') ?? options.get('-n') ?? rc.env.KIND_CLUSTER_NAME ?? 'kind';
  if (verb === 'delete') {
    for (const k of [...rc.files.keys()]) if (k.startsWith(KEY) && (noun === 'clusters' || /[$`]/.test(name) || JSON.parse(rc.files.get(k)!).context === `kind-${name}`)) rc.files.delete(k);
    return;
  }
  if (verb !== 'create' || noun !== 'cluster') return;
  const written = options.get('--kubeconfig');
  const path = written === undefined ? undefined : absolute(rc, written);
  if (path === undefined || /[$`]/.test(name) || existsSync(path) || rc.files.has(path)) return;
  rc.files.set(KEY + path, JSON.stringify({ context: `kind-${name}` }));
}

/** After a command that may write files (`argv` as run, undefined with a redirect), nothing noted
 *  holds: it may have written the kubeconfig in a way the line's records do not show (`tar -x`,
 *  `yq -i`). kind, kubectl and flux themselves keep them (a `kubectl config` change drops them in its
 *  recogniser), except `kubectl cp` and `flux pull`, which write local files. */
export function forgetLocalClusters(files: Map<string, string>, argv?: readonly string[]): void {
  const name = argv?.[0] ? toolName(argv[0]) : undefined;
  if (name === 'kind' || (name === 'kubectl' && !argv!.includes('cp')) || (name === 'flux' && !argv!.includes('pull'))) return;
  for (const k of [...files.keys()]) if (k.startsWith(KEY)) files.delete(k);
}

/** Options that send kubectl elsewhere than the kubeconfig's current context. */
const ELSEWHERE = ['--cluster', '--server', '-s', '--user', '--token', '--username', '--password', '--certificate-authority', '--client-key', '--client-certificate'];

/** The kind cluster this kubectl acts on, when the line made it and gave kubectl its kubeconfig, and why. */
export function localClusterOf(rc: RecognisedCommand, values: ReadonlyMap<string, readonly string[]>): { context: string; why: string } | undefined {
  const given = values.get('--kubeconfig');
  if (given?.length !== 1 || ELSEWHERE.some((o) => values.has(o))) return undefined;
  const path = absolute(rc, given[0]);
  // Written by something else in the line since (cp, a redirect): not kind's file any more.
  if (path === undefined || rc.files.has(path)) return undefined;
  const text = rc.files.get(KEY + path);
  if (text === undefined) return undefined;
  const { context } = JSON.parse(text) as { context: string };
  const asked = values.get('--context');
  if (asked !== undefined && (asked.length !== 1 || asked[0] !== context)) return undefined;
  return { context, why: `${given[0]} is the kubeconfig \`kind create cluster\` wrote earlier in this command (nothing was there before): kubectl acts on ${context}, a cluster kind runs in containers on this machine` };
}
