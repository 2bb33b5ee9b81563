// A port on this machine that leads elsewhere: `ssh -fNL 5000:registry.corp:443 bastion`, `socat
// TCP-LISTEN:5000,fork TCP:db.prod:5432`, `kubectl port-forward svc/registry 5000`. After one of these in
// the line, `localhost:5000` is no evidence that a registry, database or API is this machine's own: it is
// whatever the forward leads to. Noted with the line's written files (like local-clusters.ts), under a
// key no path has, so nested scripts and later commands of the line see it.
//
// A forward opened before this line (an earlier hook call, a service) is not visible here; loopback stays
// the evidence the guard accepts for "local" then, as it does for URLs.
import { toolName } from './command.js';

const KEY = '\u0000port-forward';

/** ssh options that open a listening port here that leads elsewhere (-L local, -D SOCKS). */
const SSH_FORWARD_OPTION = /^-[46AaCfGgKkMNnqsTtVvXxYy]*[LD]/;
const SSH_FORWARD_SETTING = /^(-o)?\s*(LocalForward|DynamicForward)\b/i;
/** Programs that forward a local port (any spelling of their subcommand is enough to distrust loopback). */
const FORWARDERS: ReadonlyMap<string, (args: readonly string[]) => boolean> = new Map([
  ['ssh', sshForwards],
  ['autossh', sshForwards],
  ['kubectl', (a) => a.includes('port-forward')],
  ['oc', (a) => a.includes('port-forward')],
  ['gcloud', (a) => a.includes('start-iap-tunnel')],
  ['aws', (a) => a.includes('start-session') && a.some((w) => /PortForwarding/i.test(w))],
  ['cloudflared', (a) => a.includes('access')],
  ['chisel', (a) => a.includes('client')],
  ['ngrok', () => true],
  ['sshuttle', () => true],
  ['kubefwd', () => true],
  ['telepresence', (a) => a.includes('connect')],
]);

function sshForwards(args: readonly string[]): boolean {
  return args.some((a, i) => SSH_FORWARD_OPTION.test(a) || SSH_FORWARD_SETTING.test(a) || (a === '-o' && SSH_FORWARD_SETTING.test(args[i + 1] ?? '')));
}

/** Why this command (as run, after wrappers) opens a local port that leads elsewhere, or undefined. */
export function portForwardOf(argv: readonly string[]): string | undefined {
  // socat's listening address, wherever it stands (`docker run alpine/socat tcp-listen:5000,fork tcp:x:443`).
  const listen = argv.find((w) => /^(tcp[46]?|udp[46]?)-listen:/i.test(w));
  if (listen) return `${argv.map((w) => toolName(w)).find((w) => w === 'socat') ?? 'a relay'} listens on ${listen.split(',')[0]} and forwards it`;
  for (let i = 0; i < argv.length; i++) {
    const name = toolName(argv[i]);
    const check = FORWARDERS.get(name);
    if (check?.(argv.slice(i + 1))) return `${name} ${argv.slice(i + 1).find((a) => !a.startsWith('-')) ?? ''}`.trim() + ' forwards a port on this machine to another one';
  }
  return undefined;
}

/** A word of a command that may open a forward (a cheap test before portForwardOf). */
export const MAY_FORWARD = /ssh|-listen:|port-forward|iap-tunnel|start-session|cloudflared|chisel|ngrok|sshuttle|kubefwd|telepresence/i;

/** Remembers that the line opened a port forward (`argv` as run). */
export function notePortForward(state: { files?: Map<string, string> }, argv: readonly string[]): void {
  const why = portForwardOf(argv);
  if (why !== undefined && !state.files?.has(KEY)) (state.files ??= new Map()).set(KEY, why);
}

/** Why loopback addresses are no evidence of "this machine" in this line, or undefined. */
export function portForwardIn(files: ReadonlyMap<string, string> | undefined): string | undefined {
  return files?.get(KEY);
}
