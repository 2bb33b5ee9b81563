// Toolchain commands that change the machine rather than the workspace, though the tool is one
// that routinely acts on the workspace (so unmodelled.ts would let it pass): installing a build
// into system folders (`cmake --install build --prefix /usr/local`), removing a package from an
// interpreter no virtualenv isolates (`pip uninstall`), deleting a whole conda environment. Installing a named
// package stays routine (system-packages.ts); removing one is a change nobody can see the end of
// (what else depended on it), as for apt.
import { isAbsolute } from 'node:path';
import type { Concern } from './unmodelled.js';
import { DATE_SETS_CLOCK } from '../../knowledge/unmodelled-programs.js';

export interface MachineContext { env?: Readonly<Record<string, string | undefined>>; cwd?: string }

/** Why this toolchain command changes the machine itself; undefined when it does not. */
export function machineChangeConcern(name: string, argv: readonly string[], ctx: MachineContext = {}): Concern | undefined {
  const args = argv.slice(1);
  if (name === 'cmake') return cmakeInstall(args);
  if (name === 'date' && DATE_SETS_CLOCK(args)) return { why: 'date with a time to set changes the machine\'s clock: Firebreak\'s approvals expire by it (set back, an approval stands longer than the person gave it), and every log, certificate and token check on the machine moves with it', key: 'date' };
  if (/^pip(3(\.\d+)?)?$/.test(name) && (args[0] === 'uninstall' || args[0] === 'remove')) return pipUninstall(argv[0] ?? name, ctx);
  if (/^(conda|mamba|micromamba)$/.test(name)) return condaRemove(name, args);
  return undefined;
}

/** A prefix inside the workspace, the home folder's own tool folders or a temp folder is the user's; anything else absolute is the system's. */
function systemPrefix(prefix: string): boolean {
  if (!isAbsolute(prefix) && !prefix.startsWith('~') && !prefix.startsWith('$')) return false;
  if (/^(\/tmp|\/var\/tmp|\$\{?(TMPDIR|RUNNER_TEMP|PWD)\}?|\$\{?HOME\}?\/\.local|~\/\.local)(\/|$)/.test(prefix)) return false;
  return true;
}

function cmakeInstall(args: readonly string[]): Concern | undefined {
  if (!args.includes('--install')) return undefined;
  const at = args.findIndex((a) => a === '--prefix' || a.startsWith('--prefix='));
  if (at < 0) return { why: 'cmake --install without --prefix installs where the build was configured to (/usr/local unless CMAKE_INSTALL_PREFIX said otherwise): system folders', key: '--install' };
  const prefix = args[at].startsWith('--prefix=') ? args[at].slice(9) : args[at + 1] ?? '';
  return systemPrefix(prefix) ? { why: `cmake --install --prefix ${prefix} writes into system folders, over what other programs use, and keeps no record to undo it`, key: '--prefix' } : undefined;
}

function pipUninstall(program: string, ctx: MachineContext): Concern | undefined {
  const env = { ...process.env, ...(ctx.env ?? {}) };
  const isolated = !!env.VIRTUAL_ENV || !!env.CONDA_PREFIX || /(^|\/)(\.?venv|env|\.tox|\.nox)\/bin\//.test(program);
  return isolated ? undefined : { why: `${program} uninstall removes a package from an interpreter no virtualenv isolates (VIRTUAL_ENV is not set): other programs on this machine may use it`, key: 'uninstall' };
}

function condaRemove(name: string, args: readonly string[]): Concern | undefined {
  const words = args.filter((a) => !a.startsWith('-'));
  const envRemove = words[0] === 'env' && (words[1] === 'remove' || words[1] === 'delete');
  const removeAll = (words[0] === 'remove' || words[0] === 'uninstall') && args.includes('--all');
  if (!envRemove && !removeAll) return undefined;
  const at = args.findIndex((a) => a === '-n' || a === '--name' || a === '-p' || a === '--prefix');
  const which = at >= 0 ? args[at + 1] : 'the active environment';
  return { why: `${name} ${envRemove ? `env ${words[1]}` : `${words[0]} --all`} deletes the environment ${which} with every package in it`, key: envRemove ? 'env remove' : '--all' };
}
