// commander wiring only: parse flags, call the pipeline, pick a renderer.
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import { registerCheckCommands } from './check-commands.js';
import { registerScenarioCommands } from './scenario-commands.js';
import { shortUsageErrors } from './conventions.js';

/** Exit code for bad input, bad usage or an internal failure: never 0, never a verdict. */
export const EXIT_ERROR = 3;

export function buildProgram(): Command {
  const program = new Command('firebreak')
    .description('Dry-run and blast-radius simulator for what an AI agent is about to do to your infrastructure')
    .version(VERSION)
    .option('--no-color', 'never colour the output (also NO_COLOR=1 or TERM=dumb; FORCE_COLOR=1 forces it)')
    .exitOverride();
  // Usage errors read like every other error: `firebreak: unknown option '--formt'`.
  program.configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: (text, write) => write(text.replace(/^error: /, 'firebreak: ')) });
  registerCheckCommands(program);
  registerScenarioCommands(program);
  return program;
}

/** Every command, the optional groups included: what `main` runs and what docs/cli.md is generated from. */
export async function buildFullProgram(): Promise<Command> {
  const program = buildProgram();
  await registerOptionalCommands(program);
  shortUsageErrors(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildFullProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

/** Command groups that live beside their stage (sandbox, agents, CI); literal imports so the bundle has them. */
async function registerOptionalCommands(program: Command): Promise<void> {
  const [sandbox, agents, ci] = await Promise.all([import('./sandbox-commands.js'), import('./agent-commands.js'), import('./ci-commands.js')]);
  sandbox.registerSandboxCommands(program);
  agents.registerAgentCommands(program);
  ci.registerCiCommands(program);
  (await import('./server-commands.js')).registerServerCommands(program);
  (await import('./machine-commands.js')).registerMachineCommands(program);
}

function reportError(error: unknown): number {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
  if (code?.startsWith('commander.')) return EXIT_ERROR;
  if (error instanceof InputError) {
    process.stderr.write(`firebreak: ${error.describe()}\n`);
    return EXIT_ERROR;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`firebreak: internal error: ${message}\n`);
  if (process.env.FIREBREAK_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  else process.stderr.write('Set FIREBREAK_DEBUG=1 for a stack trace. Nothing was judged: treat this as a failed check.\n');
  return EXIT_ERROR;
}

export { Option };

/** Runs the CLI and exits with its code: what bin/firebreak.js calls, however it was installed
 *  (global, `npm link`, `npx`: argv[1] is then a symlink or a shim, never this file). */
export function runAsProcess(argv: string[] = process.argv): void {
  main(argv).then(
    (code) => process.exit(code),
    (error) => process.exit(reportError(error)),
  );
}

// `node dist/bundle/main.js ...` and `tsx src/cli/main.ts ...` during development.
const isEntry = process.argv[1] && ['/cli/main.js', '/cli/main.ts', '/bundle/main.js'].some((entry) => process.argv[1].endsWith(entry));
if (isEntry) runAsProcess();
