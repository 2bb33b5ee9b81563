// What a recogniser gets: one simple command after wrappers are peeled off, with everything
// the surrounding shell text says about it (environment, stdin, working directory).
import type { EnvironmentHints, Evidence, Operation, Reversibility, SourceRef, Target } from '../../model.js';
import type { PlannedAction } from '../types.js';
import type { Word } from './syntax.js';
import type { ContainerView } from './container-paths.js';

/** Where a command's stdin comes from. */
export type Stdin =
  | { kind: 'terminal' }
  /** Text known from the command line: heredoc, here-string, `echo ... |`. */
  | { kind: 'text'; text: string; from: string }
  /** Content we cannot see: a file, another command's output. */
  | { kind: 'opaque'; from: string; /** The producing command as written, for a pipe (`pgrep firebreak`). */ producer?: string };

export interface RecognisedCommand {
  /** argv after wrappers (sudo, env, timeout, xargs...) are removed. argv[0] is the tool name as written. */
  argv: string[];
  words: Word[];
  /** Environment assignments in force for this command (prefixes, env, export earlier in the line).
   *  Shared with the rest of the line: read it, never write to it. */
  env: Record<string, string | undefined>;
  stdin: Stdin;
  source: SourceRef;
  /** Hints from the environment and from enclosing commands (ssh host, kubectl context). */
  hints: EnvironmentHints;
  /** Facts gathered while unwrapping (sudo, xargs, -c) that every action from this command carries. */
  evidence: Evidence[];
  /** Working directory if the line changed it (`cd /`); undefined = the agent's workspace. */
  cwd?: string;
  /** Absolute directory the agent runs the command in, when known (files are read relative to it). */
  workspace?: string;
  /** The command runs inside a fresh container whose mounts are known (container-paths.ts). */
  container?: ContainerView;
  /** The command runs on another machine or in a running container (`ssh prod ...`, `docker exec`,
   *  `kubectl exec`): none of this machine's files, folders or repositories are what it finds there. */
  remote?: string;
  /** Files written earlier in the same line (`cat > x.py <<EOF`), by path as written. */
  files: Map<string, string>;
  /** Arguments are appended from stdin (xargs). */
  argsFromStdin: boolean;
  /** The command replays what code does to files (NestedOptions.replaysCode). */
  replaysCode?: boolean;
  /** True when this is a command of the agent's own line (not nested text) and nothing before it in the
   *  line could have created or moved files: what is on disk now is what the command will find. */
  firstToTouchFiles?: boolean;
  /** Parses and classifies nested shell text (find -exec, kubectl exec, ssh, a Makefile recipe).
   *  It inherits this command's environment, hints and evidence (sudo, wrappers). */
  nested(text: string, extra?: NestedOptions): Promise<PlannedAction[]>;
}

export interface NestedOptions {
  hints?: EnvironmentHints;
  evidence?: Evidence[];
  /** Stdin the nested commands read when they do not redirect their own (`docker exec -i db psql`). */
  stdin?: Stdin;
  /** Where the text comes from (`{ file: 'Makefile', line: 14 }`): actions point there. */
  source?: Partial<SourceRef>;
  /** Variables added to the environment (`docker run -e X=1`, a Makefile's exported variables). */
  env?: Record<string, string | undefined>;
  /** The text runs in a process that does not start from this shell's variables (a container): its
   *  environment is `env` alone, and any other variable is unknown there, not this shell's value. */
  ownEnvironment?: boolean;
  /** Working directory of the nested text (as `cd` would set it); absent keeps this command's. */
  cwd?: string;
  /** The text runs inside a fresh container: its paths are mapped through the container's mounts. */
  container?: ContainerView;
  /** The text runs elsewhere (a remote host, a running container; RecognisedCommand.remote): it starts
   *  in a folder of that place, so no relative path, script or repository in it is one of the workspace's. */
  remote?: string;
  /** The text runs in this same shell (`eval`, `source`, a `trap` handler), so it can call the shell
   *  functions defined so far; text a program runs (`sudo`, `pipx run`, `bash -c`) cannot. */
  sameShell?: boolean;
  /** The text runs later than where it is written (a `trap` handler): what the shell knows here about
   *  its variables may no longer hold, so no test in it is decided on a variable. */
  later?: boolean;
  /** The nested text keeps this command's first-to-touch standing: a delete by code this command runs,
   *  code that moves nothing and runs nothing else (src/intake/code/index.ts). */
  firstToTouchFiles?: boolean;
  /** The text replays what code does to files (`true > FILE` for a write by code, src/intake/code/effects.ts):
   *  a redirect in it stands for content written, not for emptying the file (emptied-files.ts). */
  replaysCode?: boolean;
}

export type Recogniser = (cmd: RecognisedCommand) => PlannedAction[] | Promise<PlannedAction[]>;

/** Loads a recogniser on first use, so a command only pays for its own tool. */
export type RecogniserLoader = () => Promise<Recogniser>;

export interface ActionSpec {
  operation: Operation;
  verb: string;
  tool: string;
  target: Target;
  scope: PlannedAction['scope'];
  hints?: EnvironmentHints;
  evidence?: Evidence[];
  intrinsic?: { reversibility: Reversibility; evidence: Evidence[] };
  details?: Record<string, unknown>;
}

export function makeAction(cmd: RecognisedCommand, spec: ActionSpec): PlannedAction {
  const action: PlannedAction = {
    source: { ...cmd.source },
    operation: spec.operation,
    verb: spec.verb,
    tool: spec.tool,
    target: spec.target,
    scope: spec.scope,
    hints: { ...cmd.hints, ...stripUndefined(spec.hints ?? {}) },
    evidence: [...cmd.evidence, ...(spec.evidence ?? [])],
  };
  if (spec.intrinsic) action.intrinsic = spec.intrinsic;
  const details = { ...(spec.details ?? {}) };
  if (cmd.argsFromStdin) details.argumentsFromStdin = true;
  // Not this machine's own change (src/predict/ephemeral-machine.ts reads it): another host, a running or fresh container.
  if (cmd.remote) details.elsewhere = cmd.remote;
  else if (cmd.container) details.elsewhere = 'a container';
  if (Object.keys(details).length) action.details = details;
  return action;
}

export function commandEvidence(message: string, key?: string, value?: unknown): Evidence {
  const e: Evidence = { kind: 'command', message };
  if (key !== undefined) e.key = key;
  if (value !== undefined) e.value = value;
  return e;
}

export function knowledgeEvidence(message: string): Evidence {
  return { kind: 'knowledge', message };
}

/** The action for a command Firebreak does not understand. */
/** The word that stands for arguments xargs reads at run time (`... | xargs rm`). */
export const XARGS_PLACEHOLDER = '$XARGS_INPUT';

export function unknownCommand(cmd: RecognisedCommand, why: string, verb?: string): PlannedAction {
  const tool = toolName(cmd.argv[0] ?? 'unknown');
  return makeAction(cmd, {
    operation: 'unknown',
    verb: verb ?? cmd.argv.slice(1).find((a) => !a.startsWith('-')) ?? tool,
    tool,
    target: { type: 'local:command', id: tool },
    scope: 'unknown',
    evidence: [commandEvidence(why)],
  });
}

/** `/usr/local/bin/aws` -> `aws`. */
export function toolName(argv0: string): string {
  const slash = argv0.lastIndexOf('/');
  return slash >= 0 ? argv0.slice(slash + 1) : argv0;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
