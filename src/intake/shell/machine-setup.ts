// Which stopped commands change only this machine's own system state: removing system packages,
// adding package sources, starting and stopping local services, loading kernel modules, adding users
// and groups. The intake records the fact on the action (`details.machineSetup`); whether it passes
// is decided only where the operator declared the machine ephemeral (src/predict/ephemeral-machine.ts).
// A command run on another host or in a container is never this machine's setup.
// Facts: src/knowledge/ephemeral-machine.ts.
import { MACHINE_SETUP_PROGRAMS, PACKAGE_MANAGER_REMOVALS, PACKAGE_REMOVAL_OPTIONS, type MachineSetupKind } from '../../knowledge/ephemeral-machine.js';
import { systemPackageConcern } from './system-packages.js';
import type { PlannedAction } from '../types.js';
import type { RecognisedCommand } from './command.js';

export interface MachineSetup {
  kind: MachineSetupKind;
  program: string;
  undo: string;
}

/** `$USER`, `${USER}`, `$(whoami)`, `$(id -un)`: the name of the user running the command. */
const CURRENT_USER = /^("?)(\$\{?(USER|LOGNAME)\}?|\$\((whoami|id -un)\)|`(whoami|id -un)`)\1$/;

const SERVICE_ACTIONS = new Set(['start', 'stop', 'restart', 'reload', 'force-reload', 'try-restart', 'status']);

/** The machine setup this command is, or undefined. `argv[0]` is the program as written. */
export function machineSetupOf(name: string, argv: readonly string[]): MachineSetup | undefined {
  const args = argv.slice(1);
  // A value only known at run time may be any option or name; the current user's name is a name.
  if (args.some((a) => /[$`]/.test(a) && !CURRENT_USER.test(a))) return undefined;
  const removals = Object.hasOwn(PACKAGE_MANAGER_REMOVALS, name) ? PACKAGE_MANAGER_REMOVALS[name] : undefined;
  if (removals) return packageRemoval(name, args, removals);
  const spec = Object.hasOwn(MACHINE_SETUP_PROGRAMS, name) ? MACHINE_SETUP_PROGRAMS[name] : undefined;
  if (!spec) return undefined;
  if (spec.elsewhere && args.some((a) => spec.elsewhere!.test(a))) return undefined;
  if (spec.refused && args.some((a) => spec.refused!.test(a))) return undefined;
  const operands = args.filter((a) => !a.startsWith('-'));
  if (!operands.length) return undefined;
  if (spec.subcommands && !spec.subcommands.has(operands[0])) return undefined;
  if (name === 'service' && !SERVICE_ACTIONS.has(operands[1] ?? '')) return undefined;
  return { kind: spec.kind, program: name, undo: spec.undo };
}

/** `apt-get remove -y --purge x`: a removal whose every other word a routine install would accept
 *  (no package file, no lifted signature check, no setting that runs a command). */
function packageRemoval(name: string, args: readonly string[], removals: ReadonlySet<string>): MachineSetup | undefined {
  const at = args.findIndex((a) => !a.startsWith('-'));
  if (at < 0 || !removals.has(args[at])) return undefined;
  const rest = args.filter((a, i) => i !== at && !PACKAGE_REMOVAL_OPTIONS.test(a));
  const asInstall = [name, ...rest.slice(0, at), name === 'apk' ? 'add' : 'install', ...rest.slice(at)];
  if (systemPackageConcern(name, asInstall)) return undefined;
  return { kind: 'system packages', program: name, undo: `install the packages again with ${name} (or throw the machine away)` };
}

/** The machine setup a command run on this machine is (never one on another host or in a container). */
export function localMachineSetup(cmd: RecognisedCommand, name: string): MachineSetup | undefined {
  if (cmd.remote || cmd.container || cmd.hints.endpoint || cmd.argsFromStdin) return undefined;
  // `USER='-r x' ...`: the line itself set what $USER names.
  if (cmd.env.USER !== undefined || cmd.env.LOGNAME !== undefined) return undefined;
  return machineSetupOf(name, cmd.argv);
}

/** Records the fact on an action about to stop the command, when the command runs on this machine. */
export function withMachineSetup(action: PlannedAction, cmd: RecognisedCommand, name: string): PlannedAction {
  const setup = localMachineSetup(cmd, name);
  return setup ? { ...action, details: { ...action.details, machineSetup: setup } } : action;
}
