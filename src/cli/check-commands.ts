import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import type { CheckRequest } from '../pipeline.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseParameterValues } from '../intake/cloudformation/parameter-values.js';
import { checkWritable, writeOutput } from './output.js';
import { addVerbosityOptions, globalFlags, readStdinText, relabelStdin, stdinAsFile, textOptions, withStdin, type StdinInput } from './conventions.js';
import type { Format } from '../report/render.js';

interface InputFlags {
  command: string[];
  plan?: string;
  state: string[];
  inventory: string[];
  stack: string[];
  templateBefore?: string;
  templateAfter?: string;
  stackName?: string;
  changeSet?: string;
  parameters: string[];
  actions?: string;
  config?: string;
  policy?: string;
  workspace?: string;
  environment?: string;
  now?: string;
  sandbox?: boolean;
  sandboxProvider?: 'auto' | 'endpoint' | 'docker' | 'host';
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The input flags shared by `check` and `explain`. */
function addInputOptions(command: Command): Command {
  return command
    .option('-c, --command <shell>', 'a shell command the agent is about to run (repeatable; - reads it from stdin)', collect, [])
    .option('--plan <file>', 'Terraform plan JSON (terraform show -json plan.out; - reads stdin)')
    .option('--state <file>', 'Terraform state JSON: what exists (repeatable)', collect, [])
    .option('--inventory <file>', 'firebreak discover inventory of a live account: what exists (repeatable)', collect, [])
    .option('--stack <NAME=template>', 'stack NAME currently runs this CloudFormation template (repeatable)', collect, [])
    .option('--template-before <file>', 'CloudFormation template as deployed now')
    .option('--template-after <file>', 'CloudFormation template about to be deployed')
    .option('--stack-name <name>', 'stack name for --template-before/--template-after')
    .option('--change-set <file>', 'saved `aws cloudformation describe-change-set` JSON')
    .option('--parameters <values>', 'CloudFormation parameter values: Key=Value (repeatable), or file://params.json ([{ParameterKey, ParameterValue}] or {"Parameters": {...}})', collect, [])
    .option('--actions <file>', 'AWS API call list JSON [{service, operation, parameters}]')
    .option('--config <file>', 'firebreak.yaml (default: ./firebreak.yaml when present)')
    .option('--policy <file>', 'policy YAML (default: the shipped tiers)')
    .option('--workspace <name>', 'Terraform workspace the plan was made in (default: TF_WORKSPACE, else .terraform/environment)')
    .option('--environment <name>', 'environment everything is in, from firebreak.yaml (stronger evidence of production still wins)')
    .option('--now <iso-time>', 'evaluate as of this time (freeze windows)')
    .option('--sandbox', 'replay the actions in a local AWS emulator and judge on what it observed too')
    .addOption(new Option('--sandbox-provider <p>', 'which emulator provider to use').choices(['auto', 'endpoint', 'docker', 'host']));
}

export function toCheckRequest(files: string[], flags: InputFlags): CheckRequest {
  const now = flags.now ? new Date(flags.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new InputError(`--now: not an ISO date-time: ${flags.now}`);
  const request: CheckRequest = {
    files,
    commands: flags.command,
    plan: flags.plan,
    state: flags.state,
    inventory: flags.inventory,
    stacks: flags.stack.map(parseStackFlag),
    templateBefore: flags.templateBefore,
    templateAfter: flags.templateAfter,
    stackName: flags.stackName,
    changeSet: flags.changeSet,
    ...(flags.parameters.length ? { parameters: readParameters(flags.parameters) } : {}),
    actionsFile: flags.actions,
    config: flags.config,
    policy: flags.policy,
    ...(flags.workspace ? { workspace: flags.workspace } : {}),
    ...(flags.environment ? { environment: flags.environment } : {}),
    now,
    ...(flags.sandbox || flags.sandboxProvider
      ? { sandbox: { provider: flags.sandboxProvider ?? 'auto', log: (line: string) => process.stderr.write(`sandbox: ${line}\n`) } }
      : {}),
  };
  const given = files.length + flags.command.length + (flags.plan ? 1 : 0) + (flags.templateBefore || flags.templateAfter ? 1 : 0) +
    (flags.changeSet ? 1 : 0) + (flags.actions ? 1 : 0) + flags.state.length + flags.inventory.length + flags.stack.length;
  if (given === 0) throw new InputError('nothing to check: give files, --command, --plan, --template-after, --change-set or --actions (see firebreak check --help)');
  return request;
}

/** `--parameters Key=Value`, `ParameterKey=K,ParameterValue=V`, or `file://params.json` (the aws CLI's forms). */
function readParameters(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const text = value.startsWith('file://') ? readParameterFile(value.slice(7)) : value;
    const parsed = parseParameterValues(text);
    if (!parsed) throw new InputError(`--parameters: cannot read "${value.slice(0, 80)}": give Key=Value, ParameterKey=K,ParameterValue=V or file://params.json`);
    Object.assign(out, parsed);
  }
  return out;
}

function readParameterFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`--parameters: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, path);
  }
}

function parseStackFlag(value: string): { name: string; file: string } {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) throw new InputError(`--stack expects NAME=template-file, got "${value}"`);
  return { name: value.slice(0, at), file: value.slice(at + 1) };
}

export function registerCheckCommands(program: Command): void {
  addVerbosityOptions(
    addInputOptions(
      program
        .command('check')
        .summary('judge planned actions: verdict, blast radius, reversibility, rollback plan')
        .description(
          'Reads what an agent is about to do (files are detected by content: Terraform plan/state JSON,\n' +
            'CloudFormation templates and change sets, AWS API call lists, shell scripts) and prints a verdict.\n' +
            'A file given as - is read from stdin (terraform show -json plan.out | firebreak check -).\n' +
            'Exit codes: 0 pass, 1 escalate, 2 block, 3 bad input or internal failure.',
        )
        .argument('[files...]', 'input files of any supported kind (- reads stdin)'),
    )
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown', 'sarif', 'html']).default('text'))
      .option('-o, --out <file>', 'write the report to this file (atomically); stdout still gets the one-line verdict'),
  ).action(async (files: string[], flags: InputFlags & { format: Format; out?: string; quiet?: boolean; verbose?: boolean }, command: Command) => {
    if (flags.out) await checkWritable(resolve(flags.out), flags.out);
    const stdin = await readStdinInputs(files, flags);
    await withStdin(stdin.input, async () => {
      const { check } = await import('../pipeline.js');
      const { report: judged, exitCode } = await check(toCheckRequest(stdin.files, stdin.flags));
      const report = relabelStdin(judged, stdin.input);
      const text = textOptions({ ...globalFlags(command), ...flags });
      const { renderReportPieces } = await import('../report/render.js');
      const { verdictLine } = await import('../report/text.js');
      const line = `${verdictLine(report, text)}\n`;
      if (flags.out) {
        await writeOutput(await renderReportPieces(report, flags.format, { ...text, color: false }), flags.out);
        await writeOutput(flags.quiet ? line : `${line}report written to ${flags.out} (${flags.format})\n`);
      } else {
        await writeOutput(flags.quiet ? line : await renderReportPieces(report, flags.format, text));
      }
      process.exitCode = exitCode;
    });
  });

  addInputOptions(
    program
      .command('baseline')
      .summary('accept what is found today when adopting Firebreak: writes a baseline the policy can name')
      .description(
        'Runs the same check and writes every escalation it finds (rule, target, environment) to a baseline file.\n' +
          'Name it in the policy (baseline: firebreak-baseline.json) and commit both: those findings pass until\n' +
          'the baseline expires, anything new is judged as usual. Blocks are never baselined: accept them with an\n' +
          'owned exception in the policy (see docs/policy.md).',
      )
      .argument('[files...]', 'the same inputs as for check (- reads stdin)'),
  )
    .option('-o, --out <file>', 'where to write the baseline', 'firebreak-baseline.json')
    .option('--owner <who>', 'who answers for the baseline (a person or team)', 'baseline')
    .option('--expires <date>', 'when the baseline stops applying (ISO date; default: 90 days from now)')
    .action(async (files: string[], flags: InputFlags & { out: string; owner: string; expires?: string }) => {
      await checkWritable(resolve(flags.out), flags.out);
      const now = flags.now ? new Date(flags.now) : new Date();
      const expires = flags.expires ?? new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
      const { parseBound } = await import('../config/iso-time.js');
      const bound = parseBound(expires, 'end');
      if (typeof bound === 'string') throw new InputError(`--expires: ${bound}`);
      if (bound <= now.getTime()) throw new InputError(`--expires ${expires} is already past`);
      const stdin = await readStdinInputs(files, flags);
      const report = await withStdin(stdin.input, async () => relabelStdin((await (await import('../pipeline.js')).check(toCheckRequest(stdin.files, stdin.flags))).report, stdin.input));
      const { baselineOf } = await import('../judge/baseline.js');
      const { baseline, blocks } = baselineOf(report, { owner: flags.owner, expires, now });
      await writeOutput(`${JSON.stringify(baseline, null, 2)}\n`, flags.out);
      process.stderr.write(
        `firebreak: wrote ${baseline.entries.length} accepted finding(s) to ${flags.out}, expiring ${expires}; name it in your policy (baseline: ${flags.out}).\n` +
          (blocks ? `${blocks} block(s) were not baselined: accept each with an owned exception in the policy, or fix it.\n` : ''),
      );
      process.exitCode = blocks ? 2 : 0;
    });

  addInputOptions(
    program
      .command('explain')
      .summary('why a resource is in the blast radius: dependency path and evidence')
      .argument('<resource>', 'resource id: Terraform address, STACK/LogicalId or physical id')
      .argument('[files...]', 'the same inputs as for check (- reads stdin)'),
  ).action(async (resource: string, files: string[], flags: InputFlags, command: Command) => {
    const stdin = await readStdinInputs(files, flags);
    await withStdin(stdin.input, async () => {
      const { check } = await import('../pipeline.js');
      const { report } = await check(toCheckRequest(stdin.files, stdin.flags));
      const { explainResource } = await import('../report/explain.js');
      const explanation = explainResource(relabelStdin(report, stdin.input), resource, textOptions(globalFlags(command)));
      if (!explanation.found) throw new InputError(explanation.text.trimEnd());
      await writeOutput(explanation.text);
    });
  });
}

/** Inputs given as `-` (a file argument, --plan -, --command -, ...): read from stdin, at most one. */
async function readStdinInputs(files: string[], flags: InputFlags): Promise<{ files: string[]; flags: InputFlags; input?: StdinInput }> {
  const single = ['plan', 'templateBefore', 'templateAfter', 'changeSet', 'actions'] as const;
  const lists = ['state', 'inventory'] as const;
  const asked = [
    ...files.filter((f) => f === '-').map(() => 'a file argument'),
    ...single.filter((k) => flags[k] === '-').map((k) => `--${kebab(k)}`),
    ...lists.filter((k) => flags[k].includes('-')).map((k) => `--${k}`),
    ...flags.command.filter((c) => c === '-').map(() => '--command'),
  ];
  if (asked.length === 0) return { files, flags };
  if (asked.length > 1) throw new InputError(`only one input can be read from stdin ("-"), but ${asked.join(' and ')} ask for it`);
  if (flags.command.includes('-')) {
    const text = (await readStdinText('--command')).trim();
    if (!text) throw new InputError('--command -: stdin is empty');
    return { files, flags: { ...flags, command: flags.command.map((c) => (c === '-' ? text : c)) } };
  }
  const input = await stdinAsFile(asked[0]);
  const swap = (value: string) => (value === '-' ? input.file : value);
  const replaced: InputFlags = { ...flags, state: flags.state.map(swap), inventory: flags.inventory.map(swap) };
  for (const key of single) if (flags[key] === '-') replaced[key] = input.file;
  return { files: files.map(swap), flags: replaced, input };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
