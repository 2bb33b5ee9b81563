// What the walk does with a program no recogniser models and no list names as local (the rule
// itself is unmodelledConcern in unmodelled.ts).
import { LOCAL_SUBCOMMANDS } from '../../knowledge/shell-commands.js';
import { UNMODELLED_SQL_CLIENTS } from '../../knowledge/sql-clients.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, unknownCommand, XARGS_PLACEHOLDER, type RecognisedCommand } from './command.js';
import { cargoConcern, TOOLCHAIN } from './local.js';
import { isSystemPackageManager, systemPackageConcern } from './system-packages.js';
import { machineSetupOf, withMachineSetup } from './machine-setup.js';
import { knownProgram } from './program-words.js';
import { publishes, unmodelledConcern } from './unmodelled.js';
import { portForwardIn } from './port-forwards.js';
import { hostFileOf, type ContainerView } from './container-paths.js';
import { unknownValueOrigin } from './path-resolve.js';
import { relative } from 'node:path';

/** A program no recogniser models and no list names as local: no action when it acts on the
 *  workspace only, unknown when the command says it may reach further (see unmodelled.ts). A
 *  command it is handed (`cross-env X=1 webpack`, `hyperfine 'rm -rf x'`, `--exec 'cmd'`) is
 *  judged as shell: a program that runs other programs is judged by what it runs. */
export async function unmodelledProgram(name: string, cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const argv0 = cmd.argv[0] ?? '';
  // `nice { terraform destroy; }`: a shell keyword where a wrapper expects a program. Whatever the shell
  // makes of it, the commands inside are judged, and the construct itself is not assumed safe.
  if (SHELL_KEYWORDS.has(argv0)) {
    return [...(await cmd.nested(cmd.argv.slice(1).map(quoteWord).join(' '))), unknownCommand(cmd, `\`${argv0}\` is shell syntax where a program was expected: what runs is not clear`)];
  }
  // `sudo X=1 cmd`, `nice X=1 cmd`: an assignment where a wrapper expects the program; the program follows it.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv0)) {
    const rest = cmd.argv.slice(1);
    return rest.length ? cmd.nested(rest.map(quoteWord).join(' '), { evidence: [commandEvidence(`runs with ${argv0.slice(0, argv0.indexOf('='))} set`)] }) : [];
  }
  // `"$HELPER" kubectl get pods`: a wrapper in a variable, then a program Firebreak knows: judged as that
  // program (what the wrapper adds is not visible, and the evidence says so).
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(argv0) && cmd.argv[1] !== undefined && knownProgram(cmd.argv[1])) {
    return cmd.nested(cmd.argv.slice(1).map(quoteWord).join(' '), { evidence: [commandEvidence(`run through ${argv0}, a wrapper whose value is not visible in the command`, 'wrapper', argv0)] });
  }
  if ((cmd.words[0]?.dynamic || /[$`]/.test(argv0)) && !installedOutsideWorkspace(argv0)) {
    const from = unknownValueOrigin(argv0, { workspace: cmd.workspace ?? process.cwd(), ...(cmd.cwd !== undefined ? { cwd: cmd.cwd } : {}), vars: cmd.env });
    return [unknownCommand(cmd, `the program \`${argv0}\` is computed at run time${from ? ` (${from})` : ''}: what runs is not visible`)];
  }
  // A program installed outside the workspace (`$HOME/bin/x`, `/usr/local/bin/x`, `${GOPATH}/bin/x`) is
  // that program; one inside it (`./x`, `bin/x`, `scripts/x.sh`) is the project's own code, not read here.
  if (argv0.includes('/') && !installedOutsideWorkspace(argv0)) return [unknownCommand(cmd, `\`${argv0}\` is a program or script that Firebreak has not read, so it is not assumed safe`)];
  const published = Object.hasOwn(LOCAL_SUBCOMMANDS, name) ? publishes(name, cmd.argv) : undefined;
  if (published) return [unknownCommand(cmd, `${published.why}: others consume what is published, and it does not pass unreviewed`, published.key)];
  if (isSystemPackageManager(name)) {
    const concern = systemPackageConcern(name, cmd.argv);
    if (concern) return [withMachineSetup(unknownCommand(cmd, `${concern.why}: it changes this machine in a way that installing a package does not, and is not undone by removing one`, concern.key), cmd, name)];
  }
  if (name === 'cargo') {
    const concern = cargoConcern(cmd.argv);
    if (concern) return [unknownCommand(cmd, `${concern.why}: it may act beyond the workspace`, concern.key)];
  }
  if (Object.hasOwn(LOCAL_SUBCOMMANDS, name)) return [unknownCommand(cmd, `\`${name} ${cmd.argv.slice(1).find((a) => !a.startsWith('-')) ?? ''}\` is not a subcommand Firebreak knows to be local`)];
  const forwarded = portForwardIn(cmd.files);
  const concern = unmodelledConcern(name, cmd.container ? throughMounts(cmd.argv, cmd.container, cmd.workspace) : cmd.argv, { env: cmd.env, cwd: cmd.cwd, workspaceTool: TOOLCHAIN.has(name), runTime: runTimeArguments(cmd), ...(forwarded !== undefined ? { forwarded } : {}) });
  // `groupadd docker`, `usermod -aG docker $USER`: a group's name, not a program handed to run.
  let handed = machineSetupOf(name, cmd.argv) ? [] : await handedCommands(name, cmd);
  // `sqlplus u/p@db @drop.sql`, `sqlcmd -i x.sql`, `duckdb x.db < x.sql`: the statements of a database client nobody modelled.
  if (Object.hasOwn(UNMODELLED_SQL_CLIENTS, name)) {
    const { isUnmodelledSqlClient, sqlClientScripts } = await import('./sql-client-scripts.js');
    if (isUnmodelledSqlClient(name, cmd.argv)) handed = [...handed, ...(await sqlClientScripts(name, cmd))];
  }
  // `echo 'cmd' | at now`, `at now <<< 'cmd'`: at and batch run the text they read later, as a shell would now.
  if ((name === 'at' || name === 'batch') && cmd.stdin.kind === 'text') handed = [...handed, ...(await cmd.nested(cmd.stdin.text, { evidence: [commandEvidence(`run later by ${name}`)] }))];
  if (!concern) return handed;
  return [...handed, withMachineSetup(unknownCommand(cmd, `\`${name}\` is a program Firebreak has no model of, and ${concern.why}: it may act beyond the workspace`), cmd, name)];
}

/** Which arguments are known only when the command runs: an expansion left in the text (`"$X"`, `${X:-build}`,
 *  `$(cat f)`). A `'$X'` in single quotes counts too: text xargs appends (`echo "$X" | xargs foo`) arrives
 *  quoted that way, and a literal dollar sign as an operation word is rare enough to fail closed on. */
function runTimeArguments(cmd: RecognisedCommand): boolean[] {
  // `find . -name '*.html' | xargs tidy`: what xargs appends is the paths a lister printed, not an operation.
  const paths = cmd.argsFromStdin && cmd.stdin.kind === 'opaque' && PATH_LISTERS.test(cmd.stdin.producer ?? '');
  return cmd.argv.map((a) => /[$`]/.test(a) && !(paths && a.includes(XARGS_PLACEHOLDER)));
}

/** Commands whose output is a list of paths (`find`, `fd`, `git ls-files`, `git diff --name-only`, `rg -l`). */
const PATH_LISTERS = /^\s*(find|fd|fdfind|git\s+(ls-files|diff\s.*--name-only)|(rg|grep)\s.*\s-[a-zA-Z]*l\b|rg\s.*--files)\b/;

/** Commands an unmodelled program is handed: a quoted command line, or a known program as its first operand. */
async function handedCommands(name: string, cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const args = cmd.argv.slice(1);
  const texts: string[] = [];
  const first = args.findIndex((a) => !a.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a));
  const dash = args.indexOf('--');
  const start = dash >= 0 && (first < 0 || dash < first) ? dash + 1 : first;
  if (start >= 0 && start < args.length && knownProgram(args[start]) && !/\s/.test(args[start])) texts.push(args.slice(start).map(quoteWord).join(' '));
  // `fab -H host -- rm -rf x`, `distrobox enter box -- cmd`: the command after `--` follows the program's own operands.
  if (dash >= 0 && dash + 1 !== start && dash + 1 < args.length && knownProgram(args[dash + 1]) && !/\s/.test(args[dash + 1])) texts.push(args.slice(dash + 1).map(quoteWord).join(' '));
  for (const a of args) {
    const head = a.trim().split(/\s+/)[0] ?? '';
    // Firebreak's own CLI handed over (`tmux new -d 'firebreak approve ID'`) is still the agent deciding on its own escalation.
    if (/\s/.test(a.trim()) && (knownProgram(head) || /&&|\|\||[;|]/.test(a) || head.includes('/') || /^firebreak(\.js)?$/.test(head))) texts.push(a);
  }
  const actions: PlannedAction[] = [];
  // Where the program runs what it is handed is not known (`lima sudo ...`, `multipass exec vm -- ...`
  // run it in a VM): never this machine's own setup (src/predict/ephemeral-machine.ts).
  const elsewhere = (a: PlannedAction): PlannedAction => (a.details?.elsewhere === undefined ? { ...a, details: { ...a.details, elsewhere: `run by ${name}` } } : a);
  for (const text of texts) actions.push(...(await cmd.nested(text, { evidence: [commandEvidence(`run by ${name}`)] })).map(elsewhere));
  return actions;
}

/** Inside a container, an absolute path is the host folder of the mount it is under (`-v /srv/app:/d`, then
 *  `/d` is /srv/app; the workspace's as a relative path), a path under a mount of a run-time folder is
 *  unknown (named as such, so the rule sees it outside), and any other is the container's own file. */
function throughMounts(argv: readonly string[], view: ContainerView, workspace: string | undefined): string[] {
  const place = (path: string): string => {
    if (!path.startsWith('/') || /[$`]/.test(path)) return path;
    const file = hostFileOf(path, view);
    if (file === 'image') return `container:${path}`;
    if (file === undefined) return '/mnt/(a mount of a folder known only at run time)';
    const rel = workspace !== undefined ? relative(workspace, file.host) : '..';
    return rel === '' ? '.' : !rel.startsWith('..') && !rel.startsWith('/') ? `./${rel}` : file.host;
  };
  return argv.map((a, i) => {
    if (i === 0) return a;
    const eq = a.startsWith('-') ? a.indexOf('=') : -1;
    return eq > 0 ? `${a.slice(0, eq + 1)}${place(a.slice(eq + 1))}` : place(a);
  });
}

function quoteWord(s: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}


const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['{', '}', '(', ')', '!', '[[', ']]', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until',
  'for', 'case', 'esac', 'in', 'function', 'select', 'coproc', ';', '&&', '||', '|']);

function installedOutsideWorkspace(path: string): boolean {
  return /^(\/(usr|opt|bin|sbin|nix|snap)\/|(~|\$HOME|\$\{HOME\})\/(bin|\.local\/bin|\.cargo\/bin|go\/bin)\/|\$\{?(GOPATH|FIRST_GOPATH|GOBIN|CARGO_HOME)\}?\/(bin\/)?)[^/]+$/.test(path);
}
