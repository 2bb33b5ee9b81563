// Is this a command that only acts locally (no action)? Facts live in knowledge/shell-commands
// and knowledge/unmodelled-programs; the rule for programs nobody modelled is in unmodelled.ts.
import { LOCAL_COMMANDS, LOCAL_SUBCOMMANDS, LOCAL_TOOLCHAIN, RISKY_SCRIPT_NAME, SCRIPT_RUNNERS } from '../../knowledge/shell-commands.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, unknownCommand, type RecognisedCommand } from './command.js';
import { knownProgram } from './program-words.js';
import { unmodelledConcern } from './unmodelled.js';

const TOOLCHAIN: ReadonlySet<string> = new Set(LOCAL_TOOLCHAIN);
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V', '-v', 'version', 'help']);

export function isLocalCommand(name: string, argv: readonly string[]): boolean {
  if (runsRiskyScript(name, argv)) return false;
  // Compilers, test runners and package managers of languages act on the workspace, unless the
  // command says otherwise (`mvn deploy`, `gem push`, `--registry https://...`).
  if (TOOLCHAIN.has(name)) return unmodelledConcern(name, argv, { workspaceTool: true }) === undefined;
  if (LOCAL_COMMANDS.has(name)) return true;
  const subs = LOCAL_SUBCOMMANDS[name];
  if (!subs) return false;
  if (argv.length === 2 && HELP_OR_VERSION.has(argv[1])) return true;
  const sub = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  return subs.has(sub) || (SCRIPT_RUNNERS[name]?.bareScripts === true && sub !== '');
}

/** A program no recogniser models and no list names as local: no action when it acts on the
 *  workspace only, unknown when the command says it may reach further (see unmodelled.ts). A
 *  command it is handed (`cross-env X=1 webpack`, `hyperfine 'rm -rf x'`, `--exec 'cmd'`) is
 *  judged as shell: a program that runs other programs is judged by what it runs. */
export async function unmodelledProgram(name: string, cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const argv0 = cmd.argv[0] ?? '';
  if (cmd.words[0]?.dynamic || /[$`]/.test(argv0)) return [unknownCommand(cmd, `the program \`${argv0}\` is computed at run time: what runs is not visible`)];
  if (argv0.includes('/')) return [unknownCommand(cmd, `\`${argv0}\` is a program or script that Firebreak has not read, so it is not assumed safe`)];
  if (Object.hasOwn(LOCAL_SUBCOMMANDS, name)) return [unknownCommand(cmd, `\`${name} ${cmd.argv.slice(1).find((a) => !a.startsWith('-')) ?? ''}\` is not a subcommand Firebreak knows to be local`)];
  const concern = unmodelledConcern(name, cmd.argv, { env: cmd.env, cwd: cmd.cwd, workspaceTool: TOOLCHAIN.has(name) });
  if (!concern) return handedCommands(name, cmd);
  return [unknownCommand(cmd, `\`${name}\` is a program Firebreak has no model of, and ${concern.why}: it may act beyond the workspace`)];
}

/** Commands an unmodelled program is handed: a quoted command line, or a known program as its first operand. */
async function handedCommands(name: string, cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const args = cmd.argv.slice(1);
  const texts: string[] = [];
  const first = args.findIndex((a) => !a.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
  const dash = args.indexOf('--');
  const start = dash >= 0 && (first < 0 || dash < first) ? dash + 1 : first;
  if (start >= 0 && start < args.length && knownProgram(args[start]) && !/\s/.test(args[start])) texts.push(args.slice(start).map(quoteWord).join(' '));
  for (const a of args) {
    const head = a.trim().split(/\s+/)[0] ?? '';
    if (/\s/.test(a.trim()) && (knownProgram(head) || /&&|\|\||[;|]/.test(a) || head.includes('/'))) texts.push(a);
  }
  const actions: PlannedAction[] = [];
  for (const text of texts) actions.push(...(await cmd.nested(text, { evidence: [commandEvidence(`run by ${name}`)] })));
  return actions;
}

function quoteWord(s: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `npm run deploy:prod`, `make destroy`: a script whose name says it reaches past the workspace. */
function runsRiskyScript(name: string, argv: readonly string[]): boolean {
  const runner = SCRIPT_RUNNERS[name];
  if (!runner) return false;
  const operands = argv.slice(1).filter((a) => !a.startsWith('-') && !a.includes('='));
  const scripts = runner.runVerbs.has(operands[0] ?? '') ? operands.slice(1, 2) : runner.bareScripts ? operands : [];
  return scripts.some((s) => RISKY_SCRIPT_NAME.test(s));
}
