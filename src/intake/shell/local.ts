// Is this a command that only acts locally (no action)? Facts live in knowledge/shell-commands
// and knowledge/unmodelled-programs; the rule for programs nobody modelled is in unmodelled.ts.
// Task, package-script and container runners never get here as local: src/intake/shell/runners
// follows them to what they run.
import { LOCAL_COMMANDS, LOCAL_SUBCOMMANDS, LOCAL_TOOLCHAIN } from '../../knowledge/shell-commands.js';
import { publishes, unmodelledConcern } from './unmodelled.js';

export const TOOLCHAIN: ReadonlySet<string> = new Set(LOCAL_TOOLCHAIN);
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V', '-v', 'version', 'help']);

export function isLocalCommand(name: string, argv: readonly string[]): boolean {
  // Compilers, test runners and package managers of languages act on the workspace, unless the
  // command says otherwise (`mvn deploy`, `gem push`, `--registry https://...`).
  if (TOOLCHAIN.has(name)) return unmodelledConcern(name, argv, { workspaceTool: true }) === undefined;
  if (LOCAL_COMMANDS.has(name)) return true;
  if (!Object.hasOwn(LOCAL_SUBCOMMANDS, name)) return false; // not `toString`
  const subs = LOCAL_SUBCOMMANDS[name];
  if (argv.length === 2 && HELP_OR_VERSION.has(argv[1])) return true;
  const sub = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  return subs.has(sub) && publishes(name, argv) === undefined;
}
