// Runs a composite action's `run:` steps the way the GitHub runner does: bash with -e and
// pipefail, inputs and their defaults, the step's env, and GITHUB_OUTPUT / GITHUB_ENV /
// GITHUB_PATH / GITHUB_STEP_SUMMARY files between steps. `uses:` steps cannot run here: the test
// says which it skips. An expression this runner does not know is an error, never an empty string.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

export interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export interface ActionRun {
  outputs: Record<string, string>;
  steps: { name: string; skipped?: string; code: number | null; stdout: string; stderr: string; outputs: Record<string, string> }[];
  summary: string;
  /** The exit code of the first failing step (0 when all passed). */
  code: number;
}

export interface RunOptions {
  actionPath: string;
  workspace: string;
  inputs: Record<string, string>;
  /** Extra environment (GITHUB_EVENT_PATH, ...); PATH and HOME come from here too. */
  env: Record<string, string>;
  github?: Record<string, string>;
  /** `uses:` steps the caller accepts to skip (their effect is provided by the test's environment). */
  skipUses: string[];
  /** RUNNER_TEMP; one job's steps share it (default: a new folder next to the workspace). */
  runnerTemp?: string;
  timeoutMs?: number;
}

export function loadAction(actionPath: string): ActionFile {
  return parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as ActionFile;
}

export function runAction(options: RunOptions): ActionRun {
  const action = loadAction(options.actionPath);
  if (action.runs.using !== 'composite') throw new Error(`not a composite action: ${action.runs.using}`);
  const temp = options.runnerTemp ?? mkdtempSync(join(options.workspace, '..', 'runner-temp-'));
  const files = mkdtempSync(join(temp, 'files-'));
  const summaryFile = join(files, 'step-summary.md');
  const envFile = join(files, 'github-env');
  const pathFile = join(files, 'github-path');
  writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = {};
  const github: Record<string, string> = { action_path: options.actionPath, token: '', workspace: options.workspace, ...options.github };
  const steps: Record<string, Record<string, string>> = {};
  const expr = (text: string) => evaluate(text, { inputs, github, steps });
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const given = options.inputs[name];
    if (given === undefined && spec.required) throw new Error(`input ${name} is required`);
    inputs[name] = given ?? (spec.default === undefined ? '' : expr(String(spec.default)));
  }
  for (const name of Object.keys(options.inputs)) if (!(name in (action.inputs ?? {}))) throw new Error(`the action has no input ${name}`);

  const result: ActionRun = { outputs: {}, steps: [], summary: '', code: 0 };
  let extraPath: string[] = [];
  let extraEnv: Record<string, string> = {};
  for (const [index, step] of action.runs.steps.entries()) {
    const name = step.name ?? step.id ?? `step ${index + 1}`;
    if (step.uses) {
      if (!options.skipUses.some((u) => step.uses!.startsWith(u))) throw new Error(`step "${name}" uses ${step.uses}, which the test does not provide`);
      result.steps.push({ name, skipped: step.uses, code: 0, stdout: '', stderr: '', outputs: {} });
      continue;
    }
    if (step.if !== undefined) throw new Error(`step "${name}": conditions on run steps are not evaluated here`);
    if (!step.run) throw new Error(`step "${name}" has neither run nor uses`);
    if (step.shell !== 'bash') throw new Error(`step "${name}": shell ${step.shell} (composite run steps must name bash)`);
    const outputFile = join(files, `output-${index}`);
    writeFileSync(outputFile, '');
    writeFileSync(envFile, '');
    writeFileSync(pathFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))]));
    const script = expr(step.run);
    const basePath = options.env.PATH ?? process.env.PATH ?? '';
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: step['working-directory'] ? expr(step['working-directory']) : options.workspace,
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 300_000,
      env: {
        ...options.env,
        ...extraEnv,
        ...stepEnv,
        PATH: [...extraPath, basePath].join(':'),
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: options.actionPath,
        GITHUB_WORKSPACE: options.workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_ENV: envFile,
        GITHUB_PATH: pathFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: temp,
      },
    });
    const outputs = parseKeyValueFile(readFileSync(outputFile, 'utf8'));
    if (step.id) steps[step.id] = outputs;
    result.steps.push({ name, code: run.status, stdout: run.stdout, stderr: run.stderr + (run.error ? String(run.error) : ''), outputs });
    extraEnv = { ...extraEnv, ...parseKeyValueFile(readFileSync(envFile, 'utf8')) };
    extraPath = [...readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse(), ...extraPath];
    if (run.status !== 0) {
      result.code = run.status ?? 1;
      break;
    }
  }
  for (const [name, spec] of Object.entries(action.outputs ?? {})) result.outputs[name] = expr(spec.value);
  result.summary = readFileSync(summaryFile, 'utf8');
  return result;
}

/** GITHUB_OUTPUT's format: `name=value` lines and `name<<DELIMITER` blocks; a later value wins. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`unterminated ${name}<<${delimiter}`);
      out[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const at = line.indexOf('=');
    if (at <= 0) throw new Error(`not an output line: ${line}`);
    out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

interface Contexts {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, Record<string, string>>;
}

/** `${{ inputs.x }}`, `${{ github.x }}`, `${{ steps.id.outputs.x }}`: the expressions the action uses. */
function evaluate(text: string, ctx: Contexts): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const parts = expression.split('.');
    if (parts[0] === 'inputs' && parts.length === 2) {
      if (!(parts[1] in ctx.inputs)) throw new Error(`unknown input in ${expression}`);
      return ctx.inputs[parts[1]];
    }
    if (parts[0] === 'github' && parts.length === 2) {
      if (!(parts[1] in ctx.github)) throw new Error(`the test gives no github.${parts[1]}`);
      return ctx.github[parts[1]];
    }
    if (parts[0] === 'steps' && parts.length === 4 && parts[2] === 'outputs') return ctx.steps[parts[1]]?.[parts[3]] ?? '';
    throw new Error(`expression not supported by the local runner: ${expression}`);
  });
}
