// `aws ssm send-command` and `aws ssm start-session`: SSM Run Command and Session Manager run shell on
// EC2 instances (like ssh), so what they run is judged as shell on those hosts. The IAM view alone
// saw `send-command` as "creates aws:ssm:document AWS-RunShellScript", which says nothing of the
// `rm -rf /` in its parameters.
import type { PlannedAction } from '../../types.js';
import type { AwsCallParameter } from '../../aws/parameters.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../command.js';

/** Documents whose `commands` parameter is shell run on the targets as is. */
const SHELL_DOCUMENTS = new Set(['AWS-RunShellScript']);
/** Options of send-command that carry the whole request: what runs is in a file or a JSON blob. */
const WHOLE_REQUEST = ['--cli-input-json', '--cli-input-yaml', '--generate-cli-skeleton'];

/** The actions of an SSM remote run, or undefined when the command is not one (the AWS intake judges it). */
export async function ssmRemoteRun(cmd: RecognisedCommand): Promise<PlannedAction[] | undefined> {
  // Loaded when an aws command is judged, as the AWS intake is: the shell's fast path stays free of it.
  const { parseAwsArgv } = await import('../../aws/argv.js');
  const parsed = parseAwsArgv(cmd.argv);
  const [service, operation] = parsed.positionals;
  if (service !== 'ssm' || (operation !== 'send-command' && operation !== 'start-session')) return undefined;
  const opts = optionsOf(cmd, parsed.parameters);
  if (opts.has('--generate-cli-skeleton')) return undefined;
  const targets = hostsOf(opts);
  const remote = (why: string) => [makeAction(cmd, {
    operation: 'unknown', verb: operation, tool: 'aws', target: { type: 'host', id: targets }, scope: 'unknown',
    hints: { endpoint: targets }, evidence: [commandEvidence(why, operation, targets)],
  })];
  if (WHOLE_REQUEST.some((o) => opts.has(o))) return remote(`runs an SSM request read from ${WHOLE_REQUEST.find((o) => opts.has(o))} on ${targets}: what runs there is not visible`);
  const document = opts.get('--document-name');
  if (operation === 'start-session') {
    if (document === undefined) return remote(`opens a remote shell on ${targets} through SSM Session Manager: what runs there is not visible`);
    if (document.dynamic) return remote(`starts an SSM session with a document from a run-time value on ${targets}`);
    if (document.value !== 'AWS-StartInteractiveCommand') return undefined;
  } else if (!document || document.dynamic || !SHELL_DOCUMENTS.has(document.value)) {
    return remote(`runs SSM document ${document?.dynamic ? '(a run-time value)' : document?.value ?? '(none given)'} on ${targets}: Firebreak reads only AWS-RunShellScript's commands`);
  }
  const parameters = opts.get('--parameters');
  if (!parameters) return remote(`runs ${document!.value} on ${targets} without readable --parameters`);
  if (parameters.dynamic) return remote(`runs ${document!.value} on ${targets} with --parameters built at run time: what runs is not visible`);
  const commands = commandsOf(parameters.value, operation === 'start-session' ? 'command' : 'commands');
  if (!commands) return remote(`runs ${document!.value} on ${targets}: --parameters is not a form Firebreak reads (${parameters.value.slice(0, 80)})`);
  // The lines run as one script on each instance (a `cd` holds for the lines after it), in a shell
  // with its own variables: none of this shell's reach it.
  const text = commands.join('\n');
  return cmd.nested(text, { remote: targets, ownEnvironment: true, env: {}, hints: { endpoint: targets }, evidence: [commandEvidence(`runs on ${targets} through SSM (${document!.value})`, '--parameters', text)] });
}

interface Value { value: string; dynamic: boolean }

/** The operation's parameters as parseAwsArgv reads them; a value is dynamic when a word it came
 *  from holds text known only at run time. */
function optionsOf(cmd: RecognisedCommand, parameters: readonly AwsCallParameter[]): Map<string, Value> {
  const dynamic = new Set(cmd.words.filter((w) => w.dynamic).map((w) => w.value));
  const out = new Map<string, Value>();
  for (const p of parameters) {
    const values = Array.isArray(p.value) ? p.value : [];
    out.set(p.name, { value: values.join(' '), dynamic: values.some((v) => dynamic.has(v) || dynamic.has(`${p.name}=${v}`)) });
  }
  return out;
}

function hostsOf(opts: Map<string, Value>): string {
  const ids = opts.get('--instance-ids') ?? opts.get('--target');
  if (ids?.value) return `instances ${ids.value}`;
  const t = opts.get('--targets');
  return t?.value ? `instances matching ${t.value}` : 'EC2 instances';
}

/** The shell lines of `commands` in --parameters: JSON (`{"commands":["a","b"]}`), shorthand with a
 *  JSON list (`commands=["a","b"]`) or one plain command (`commands="rm -rf /x"`); undefined when
 *  the text is in another form (several keys, shorthand lists, file:// input). */
export function commandsOf(text: string, key: string): string[] | undefined {
  const t = text.trim();
  const strings = (v: unknown): string[] | undefined =>
    typeof v === 'string' ? [v] : Array.isArray(v) && v.length && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  if (t.startsWith('{')) {
    try {
      const parsed = JSON.parse(t) as Record<string, unknown>;
      const keys = Object.keys(parsed);
      if (keys.some((k) => k !== key && k !== 'workingDirectory' && k !== 'executionTimeout')) return undefined;
      return strings(parsed[key]);
    } catch {
      return undefined;
    }
  }
  if (!t.startsWith(`${key}=`)) return undefined;
  const value = t.slice(key.length + 1);
  if (value.startsWith('[')) {
    try {
      return strings(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  // Shorthand splits a plain value at commas into a list and takes `key2=` as another parameter.
  return /[,[\]{}]/.test(value) ? undefined : [value];
}
