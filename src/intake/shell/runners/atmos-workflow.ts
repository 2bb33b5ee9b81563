// `atmos workflow NAME -f FILE [-s STACK]`: atmos runs the steps of a workflow its project defines
// (atmos.yaml's `workflows.base_path`, FILE with or without `.yaml`), in order, in the folder it was
// started in. A `type: shell` step's command is shell text; any other step (no type, `type: atmos`)
// is an atmos command, given the stack of the command line, the step or the workflow. Each is walked
// as the line it is, with the workflow file as evidence. What the reader does not model stops: a step
// type that runs something else (script, container, prompts), a step or workflow key that changes
// where or how a step runs (working_directory, identity, when, retry, env), templates, and an atmos
// configuration found other than in atmos.yaml where the command runs.
import { isAbsolute, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { PlannedAction } from '../../types.js';
import type { RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, type Step } from './follow.js';
import { asCwd, insideWorkspace, readProjectFile, runDirectory } from './project.js';

/** `atmos workflow` options that take a value, and those it is judged with. */
const VALUED = new Set(['-f', '--file', '-s', '--stack', '--from-step', '--logs-level', '--identity', '-i', '--base-path', '--config', '--config-path', '--logs-file']);
const KNOWN = new Set(['-f', '--file', '-s', '--stack', '--from-step', '--logs-level', '--dry-run']);
/** Environment variables that move atmos's configuration or workflows elsewhere. */
const CONFIG_VARIABLES = ['ATMOS_CLI_CONFIG_PATH', 'ATMOS_BASE_PATH', 'ATMOS_WORKFLOWS_BASE_PATH'];
const STEP_KEYS = new Set(['name', 'command', 'type', 'stack', 'description']);
const WORKFLOW_KEYS = new Set(['description', 'steps', 'stack']);
const MAX_STEPS = 100;

/** `args`: the words after `atmos`'s global options, starting at `workflow`. */
export async function atmosWorkflow(rc: RecognisedCommand, args: readonly string[]): Promise<PlannedAction[]> {
  const stop = (why: string) => [cannotFollow(rc, `atmos workflow: ${why}`, 'workflow')];
  const options = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return stop('arguments after `--` are passed on to what it runs');
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!KNOWN.has(name)) return stop(`${name} is an option Firebreak does not model`);
    options.set(name, eq > 0 ? a.slice(eq + 1) : VALUED.has(name) ? args[++i] ?? '' : '');
  }
  if (options.has('--dry-run')) return [];
  const name = operands[0];
  const file = options.get('-f') ?? options.get('--file');
  if (!name || operands.length > 1) return stop('without one workflow name atmos asks which to run');
  if (file === undefined) return stop('without -f atmos searches every workflow file for the name');
  const set = CONFIG_VARIABLES.find((v) => rc.env[v] !== undefined || process.env[v] !== undefined);
  if (set) return stop(`${set} moves atmos's configuration elsewhere`);
  const dir = runDirectory(rc);
  if (!dir.ok) return stop(dir.why);
  const config = readProjectFile(rc, join(dir.value, 'atmos.yaml'));
  if (!config.ok) return stop(`atmos.yaml where it runs: ${config.why}`);
  const settings = yamlOf(config.value.text) as { base_path?: unknown; workflows?: { base_path?: unknown } } | undefined;
  const base = settings?.base_path ?? '';
  const workflows = settings?.workflows?.base_path;
  if (typeof base !== 'string' || typeof workflows !== 'string' || [base, workflows, file, name].some((v) => /[$`{}]/.test(v))) {
    return stop(`${config.value.shown} does not give a plain workflows.base_path`);
  }
  const baseDir = isAbsolute(base) ? base : join(dir.value, base);
  const folder = isAbsolute(workflows) ? workflows : join(baseDir, workflows);
  const path = join(folder, /\.ya?ml$/.test(file) ? file : `${file}.yaml`);
  if (!insideWorkspace(rc, path)) return stop(`${path} is outside the workspace`);
  const read = readProjectFile(rc, path);
  if (!read.ok) return stop(read.why);
  const doc = yamlOf(read.value.text) as { workflows?: Record<string, unknown> } | undefined;
  const workflow = doc?.workflows && Object.hasOwn(doc.workflows, name) ? doc.workflows[name] as Record<string, unknown> : undefined;
  if (!workflow || typeof workflow !== 'object') return stop(`${read.value.shown} has no workflow ${name}`);
  const odd = Object.keys(workflow).find((k) => !WORKFLOW_KEYS.has(k));
  if (odd) return stop(`${read.value.shown}: workflow ${name} sets ${odd}, which Firebreak does not model`);
  const steps = workflow.steps;
  if (!Array.isArray(steps) || steps.length > MAX_STEPS) return stop(`${read.value.shown}: workflow ${name} has no list of steps Firebreak reads`);
  const stackGiven = options.get('-s') ?? options.get('--stack');
  const cwd = asCwd(rc, dir.value);
  const out: Step[] = [];
  for (const [i, raw] of steps.entries()) {
    const step = raw as Record<string, unknown>;
    const where = `${read.value.shown} (workflow ${name}, step ${typeof step?.name === 'string' ? step.name : i + 1})`;
    if (!step || typeof step !== 'object' || typeof step.command !== 'string') return stop(`${where} has no command`);
    const extra = Object.keys(step).find((k) => !STEP_KEYS.has(k));
    if (extra) return stop(`${where} sets ${extra}, which Firebreak does not model`);
    if (step.command.includes('{{')) return stop(`${where} is a template filled in when it runs`);
    const type = step.type ?? 'atmos';
    if (type === 'shell') { out.push({ text: step.command, where, cwd }); continue; }
    if (type !== 'atmos') return stop(`${where} is a step of type ${String(type)}, which Firebreak does not model`);
    const stack = stackGiven ?? step.stack ?? workflow.stack;
    if (stack !== undefined && typeof stack !== 'string') return stop(`${where} names no plain stack`);
    const hasStack = /(^|\s)(-s|--stack)(\s|=|$)/.test(step.command);
    out.push({ text: `atmos ${step.command}${stack !== undefined && !hasStack ? ` -s ${quoteWord(stack)}` : ''}`, where, cwd });
  }
  return runSteps(rc, out);
}

function yamlOf(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 50 });
  } catch {
    return undefined;
  }
}
