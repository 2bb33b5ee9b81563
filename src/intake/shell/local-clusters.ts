// Throwaway clusters the line makes on this machine (`kind create cluster --kubeconfig /tmp/e2e &&
// kubectl --kubeconfig /tmp/e2e apply -f calico.yaml`): kind runs the cluster in local containers and
// writes its kubeconfig, with the new cluster's context as the current one. A kubectl given that
// kubeconfig afterwards acts on the cluster the line just made, not on a deployed one.
//
// Only a kubeconfig nothing is at now counts: if kind fails (a cluster of that name exists), it writes
// no file, and kubectl stops on the missing file instead of falling back to another cluster. A write to
// the file by anything else in the line (cp, a redirect), a kubectl config command, or a kind delete
// of the cluster drops the record. Kept with the line's written files, under keys no path has.
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import type { RecognisedCommand } from './command.js';
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

/** `kubectl config ...` may change the current context of any kubeconfig: nothing noted holds after it. */
export function forgetLocalClusters(rc: RecognisedCommand): void {
  for (const k of [...rc.files.keys()]) if (k.startsWith(KEY)) rc.files.delete(k);
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
