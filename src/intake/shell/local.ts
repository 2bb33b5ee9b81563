// Is this a command that only acts locally (no action)? Facts live in knowledge/shell-commands
// and knowledge/unmodelled-programs; the rule for programs nobody modelled is in unmodelled.ts.
import { LOCAL_COMMANDS, LOCAL_SUBCOMMANDS, LOCAL_TOOLCHAIN, RISKY_SCRIPT_NAME, SCRIPT_RUNNERS, SUBCOMMAND_WRAPPERS } from '../../knowledge/shell-commands.js';
import { publishes, unmodelledConcern } from './unmodelled.js';

export const TOOLCHAIN: ReadonlySet<string> = new Set(LOCAL_TOOLCHAIN);
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V', '-v', 'version', 'help']);

export function isLocalCommand(name: string, argv: readonly string[]): boolean {
  if (runsRiskyScript(name, argv)) return false;
  if (argv.slice(1).some((a) => SUBCOMMAND_WRAPPERS[name]?.has(a))) return false;
  // Compilers, test runners and package managers of languages act on the workspace, unless the
  // command says otherwise (`mvn deploy`, `gem push`, `--registry https://...`).
  if (TOOLCHAIN.has(name)) return unmodelledConcern(name, argv, { workspaceTool: true }) === undefined;
  if (LOCAL_COMMANDS.has(name)) return true;
  const subs = LOCAL_SUBCOMMANDS[name];
  if (!subs) return false;
  if (argv.length === 2 && HELP_OR_VERSION.has(argv[1])) return true;
  const sub = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  return (subs.has(sub) || (SCRIPT_RUNNERS[name]?.bareScripts === true && sub !== '')) && publishes(name, argv) === undefined;
}

/** `npm run deploy:prod`, `make destroy`: a script whose name says it reaches past the workspace. */
function runsRiskyScript(name: string, argv: readonly string[]): boolean {
  const runner = SCRIPT_RUNNERS[name];
  if (!runner) return false;
  const operands = argv.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='));
  const scripts = runner.runVerbs.has(operands[0] ?? '') ? operands.slice(1, 2) : runner.bareScripts ? operands : [];
  return scripts.some((s) => RISKY_SCRIPT_NAME.test(s));
}
