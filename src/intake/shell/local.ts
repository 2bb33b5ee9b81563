// Is this a command that only acts locally (no action)? Facts live in knowledge/shell-commands
// and knowledge/unmodelled-programs; the rule for programs nobody modelled is in unmodelled.ts.
// Task, package-script and container runners never get here as local: src/intake/shell/runners
// follows them to what they run.
import { CARGO_REGISTRY_SUBCOMMANDS, LOCAL_COMMANDS, LOCAL_SUBCOMMANDS, LOCAL_TOOLCHAIN } from '../../knowledge/shell-commands.js';
import { DATE_SETS_CLOCK } from '../../knowledge/unmodelled-programs.js';
import { isSystemPackageManager, systemPackageConcern } from './system-packages.js';
import { publishes, unmodelledConcern, type Concern } from './unmodelled.js';

export const TOOLCHAIN: ReadonlySet<string> = new Set(LOCAL_TOOLCHAIN);
const HELP_OR_VERSION = new Set(['--help', '-h', '--version', '-V', '-v', 'version', 'help']);

export function isLocalCommand(name: string, argv: readonly string[]): boolean {
  // Compilers, test runners and package managers of languages act on the workspace, unless the
  // command says otherwise (`mvn deploy`, `gem push`, `--registry https://...`).
  if (TOOLCHAIN.has(name)) return unmodelledConcern(name, argv, { workspaceTool: true }) === undefined;
  // System package managers: installing named packages and reads are routine, removals and sources are not.
  if (isSystemPackageManager(name)) return systemPackageConcern(name, argv) === undefined;
  // `date -s`: the machine's clock, which approvals expire by (machine-changes.ts).
  if (LOCAL_COMMANDS.has(name)) return name !== 'date' || !DATE_SETS_CLOCK(argv.slice(1));
  if (!Object.hasOwn(LOCAL_SUBCOMMANDS, name)) return false; // not `toString`
  if (name === 'cargo') return localCargo(argv);
  const subs = LOCAL_SUBCOMMANDS[name];
  if (argv.length === 2 && HELP_OR_VERSION.has(argv[1])) return true;
  const sub = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  return subs.has(sub) && publishes(name, argv) === undefined && dockerLocal(name, sub, argv);
}

/** Outside the workspace, where an image archive may go: scratch, and the cache folder in home (a CI cache's). */
const SAVE_ELSEWHERE = /^(\/tmp|\/var\/tmp|\$\{?(TMPDIR|RUNNER_TEMP)\}?|(~|\$HOME|\$\{HOME\})\/\.cache)\/(?!(.*\/)?\.\.(\/|$))[\w./-]+$/;

/** `docker system prune --volumes` and `docker rm -v` lose the data in volumes; `docker system` is otherwise reads and
 *  pruning what is rebuilt or pulled again. `docker save -o FILE` writes FILE: only into the workspace, scratch or the home cache folder. */
function dockerLocal(name: string, sub: string, argv: readonly string[]): boolean {
  if (name !== 'docker') return true;
  const rest = argv.slice(argv.indexOf(sub) + 1);
  if (sub === 'system') return ['df', 'info', 'events', 'prune'].includes(rest.find((a) => !a.startsWith('-')) ?? '') && !rest.some((a) => /^--volumes(=true)?$/.test(a));
  // `docker rm -v` also removes the container's anonymous volumes: where a database image keeps its data.
  if (sub === 'rm' || (sub === 'container' && rest[0] === 'rm')) return !rest.some((a) => /^--volumes(=true)?$/.test(a) || /^-[fl]*v[fvl]*$/.test(a));
  if (sub === 'save') {
    const at = rest.findIndex((a) => a === '-o' || a === '--output' || a.startsWith('--output=') || /^-o./.test(a));
    if (at < 0) return true;
    const file = rest[at].startsWith('--output=') ? rest[at].slice(9) : rest[at].length > 2 && rest[at].startsWith('-o') ? rest[at].slice(2) : rest[at + 1] ?? '';
    return (/^[\w.-][\w./-]*$/.test(file) && !file.split('/').includes('..')) || SAVE_ELSEWHERE.test(file);
  }
  return true;
}

/** `cargo +nightly miri test`: the `+toolchain` rustup reads, then cargo's own subcommand, or the program
 *  `cargo-<name>` it runs for one it does not have, judged like any program nobody modelled. */
function localCargo(argv: readonly string[]): boolean {
  return cargoConcern(argv) === undefined;
}

/** Why a cargo command is not local; undefined when it is. */
export function cargoConcern(argv: readonly string[]): Concern | undefined {
  const args = argv[1]?.startsWith('+') ? [argv[0], ...argv.slice(2)] : [...argv];
  if (args.length === 2 && HELP_OR_VERSION.has(args[1])) return undefined;
  const at = args.findIndex((a, i) => i > 0 && !a.startsWith('-'));
  const sub = at > 0 ? args[at] : '';
  if (LOCAL_SUBCOMMANDS.cargo.has(sub)) return publishes('cargo', args);
  if (!/^[a-z][a-z0-9_-]*$/.test(sub) || CARGO_REGISTRY_SUBCOMMANDS.has(sub)) return { why: `\`cargo ${sub}\` acts on a registry or is not a subcommand Firebreak knows`, key: sub };
  const program = `cargo-${sub}`;
  const concern = unmodelledConcern(program, [program, ...args.slice(at + 1)]);
  return concern && { why: `\`cargo ${sub}\` runs ${program}, a program Firebreak has no model of, and ${concern.why}`, key: concern.key };
}
