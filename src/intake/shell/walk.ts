// Walks every simple command that may execute in a piece of shell text, in order, and hands
// each one (after wrappers are peeled off) to the recogniser for its tool.
import { existsSync, readFileSync } from 'node:fs';
import { pinnedEnvPrinter } from './pinned-scripts.js';
import { readFileText, scriptPath, writtenFileKey } from '../code/source.js';
import { monotonicMs } from '../../util/clock.js';
import { basename, dirname, posix, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { EnvironmentHints, Evidence, SourceRef } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { EVAL_SAFE_OUTPUTS, isInstalledProgramPath, OTHER_SHELLS, PROJECT_TOOL_WRAPPERS, ROUTINE_SOURCED_FILES, SHELL_INTERPRETERS, SHELL_STARTERS, SSH_OPTIONS_WITH_ARGUMENT } from '../../knowledge/shell-commands.js';
import { commandEvidence, makeAction, toolName, unknownCommand, XARGS_PLACEHOLDER, type NestedOptions, type RecognisedCommand, type Stdin } from './command.js';
import { hintsFromEnv } from './hints.js';
import { isLocalCommand } from './local.js';
import { unmodelledProgram } from './unmodelled-program.js';
import { SCRIPT_RUN_TOOLS } from './script-run-tools.js';
import { HOOKS_PATH_SET_IN_LINE, storedHooksPath } from './recognisers/git-runs.js';
import { resolveProgramWords } from './program-words.js';
import { forgetLocalClusters } from './local-clusters.js';
import { MAY_FORWARD, notePortForward } from './port-forwards.js';
import { noteGoEnvWrite } from '../code/go-env.js';
import { ShellLimitError, ShellSyntaxError } from './lexer.js';
import { LIMITS, newBudget, type Budget } from './limits.js';
import { parseShell } from './parser.js';
import { judgedByName, recogniserFor, runsProjectFiles } from './recognisers/index.js';
import { entryPointWords, inProjectEnvironment } from './runners/entry-points.js';
import { goBuildOutputs } from './runners/build-outputs.js';
import { isContainerEngine, noteComputedExports, noteEngineVariables, trackEngineChoice } from './container-engine.js';
import { emptiedFileActions } from './emptied-files.js';
import { guardFileWrites } from './guard-files.js';
import { redactSecrets } from './redact.js';
import { stdinOf } from './stdin.js';
import type { Block, SimpleCommand, Word } from './syntax.js';
import { commandVariableSet, deferredCode, literalWord, quoteWord, unwrap, type AlsoRuns } from './unwrap.js';
import { madeFiles, mayMakeFiles, xargsOverFind } from './find-matches.js';
import { trapHandlerNow } from './trap-handlers.js';
import { copiedText, recordWrittenFiles, type WrittenFile } from './written-files.js';
import { uncommittedCodeLoadedBy } from './implicit-loaders.js';
import { projectCodeUnderCredentials } from './project-code-env.js';
import { pythonStartupCode } from './python-startup.js';
import { moduleSearchPathCode } from './module-search-paths.js';
import { ripgrepConfig } from './option-files.js';
import { chosenPackageConfig, isPackageConfigFile, packageConfigSettings, packageConfigWrites } from './package-config.js';
import { envFileGuardWrites, isEnvironmentFile } from './env-files.js';
import { runLaterTarget, type ImplicitTarget } from '../../knowledge/implicit-code.js';
import { SHADOW_SENSITIVE_NAMES } from '../../knowledge/system-packages.js';
import { downloadPosingAsTool } from './tool-downloads.js';
import { ANY_PROGRAM } from './unpacked-files.js';
import { projectScriptWords } from './runners/project-scripts.js';
import { closingBrace, currentDir, defaultAssignments, expandGlob, expandText, matchingParen, realLocation, resolvePathWord, type PathContext } from './path-resolve.js';
import { expandFields, ownAssignments } from './fields.js';
import type { ContainerView } from './container-paths.js';
import { GO_ENV_WRITTEN } from './runners/go-clean.js';
import { listedPaths } from './runners/make/listing.js';
import { decideTest, expandKnown, type Lookup } from './conditions.js';

const MAX_DEPTH = 12;

/** What the shell line has set so far: later commands in the same line see it. */
export interface ShellState {
  env: Record<string, string | undefined>;
  /** `trap 'text' EXIT`: handlers set in this shell, with the variables as they were when set. The
   *  handler runs when the shell ends, with the variables as they are then (see walk). */
  traps?: { text: string; env: Record<string, string | undefined>; cwd?: string }[];
  /** `declare -n r=t`: names that are references to another variable (r -> t). Assigning either changes
   *  both, so each stays unknown. */
  namerefs?: Map<string, string>;
  /** Directory the line has `cd`-ed to, as written (relative to the workspace unless absolute). */
  cwd?: string;
  /** Absolute directory the agent runs the command in (the workspace), when the caller knows it. */
  workspace?: string;
  /** The text runs inside a fresh container (container-paths.ts): kept by every text nested in it. */
  container?: ContainerView;
  /** The text runs on another machine or in a running container (RecognisedCommand.remote). */
  remote?: string;
  /** Files the line itself wrote before this point (`cat > x.py <<EOF`), by path as written:
   *  a later command that runs them is judged on this text, not on what is on disk. */
  files?: Map<string, string>;
  /** Shell functions defined earlier in the text: their bodies are walked where defined. */
  functions?: Set<string>;
  /** Functions that read their positional parameters, walked at each call (see callFunction). */
  functionBodies?: Map<string, FunctionBodies>;
  /** What the body of each function defined so far may change (see afterCall). */
  functionEffects?: Map<string, Block>;
  /** Folders `pushd` left, for `popd`. */
  dirs?: (string | undefined)[];
  /** The positional parameters (`$1`, `"$@"`) of the script being walked, when the command that runs it shows them. */
  args?: string[];
  /** `args` holds exactly the words the script was given (each a literal or one quoted word), so `$#` is known. */
  argsExact?: boolean;
  /** The variables of the shell that started this process, as they were: a value still the same here
   *  may come from that shell's environment (exported or not), so no test is decided on it. */
  inherited?: Record<string, string | undefined>;
  /** Set once the text ran something that may change variables out of sight (eval, source, a DEBUG
   *  trap, an alias, a nameref): from then on no test is decided on a variable. */
  opaque?: boolean;
  /** Which shell runs the text, as far as the command shows: `[[ ]]` and `==` are bash's (dash fails on
   *  them, which runs the other branch), so they are decided only under bash. 'shebang': the script's own
   *  first line says. Absent: the agent's own shell. */
  shell?: 'bash' | 'sh' | 'unknown' | 'shebang';
  /** What one call of the intake may spend, shared by every nested walk (see limits.ts). */
  budget?: Budget;
  /** Shared by every walk of one intake call: set once a command that may create or move files has
   *  been seen (or nested text was followed). Absent means not known: treated as set. */
  line?: { mayHaveWritten: boolean };
}

export interface Frame {
  source: Partial<SourceRef>;
  hints: EnvironmentHints;
  evidence: Evidence[];
  state: ShellState;
  depth: number;
  /** Stdin the nested text inherits (`echo SQL | docker exec -i db sh -c psql`): a command in it
   *  that does not redirect its own stdin reads this. */
  stdin?: Stdin;
  /** Nested text that stands where its command stood: nothing before it could have touched files. */
  firstTouch?: boolean;
  /** The text replays what code does to files (NestedOptions.replaysCode). */
  replaysCode?: boolean;
  /** Walked as the body of a loop that may run again (or as a function called from one): what the body
   *  sets may differ on the next round, so no test is decided on a variable. */
  inLoop?: boolean;
}

export async function walk(text: string, frame: Frame): Promise<PlannedAction[]> {
  const budget = (frame.state.budget ??= newBudget());
  if (budget.spent) return [];
  if (frame.state.shell === 'shebang') frame.state.shell = /^#!\S*?(\/|\s|env\s+)(bash|zsh|ksh)\b/.test(text) ? 'bash' : 'unknown';
  // Shared with text run in this same shell (eval, source, trap), so functions defined there are known here;
  // the walk that starts the shell judges, at its end, the ones nobody called.
  const owner = !frame.state.functionBodies;
  frame.state.functionBodies ??= new Map();
  if (frame.depth > MAX_DEPTH) return [unparsable(text, frame, 'commands nested too deeply to follow')];
  if (text.length > LIMITS.commandBytes) {
    return [overBudget(budget, text, frame, `the command is ${kib(text.length)}, over the ${kib(LIMITS.commandBytes)} Firebreak reads: it was not parsed`)];
  }
  let commands: SimpleCommand[];
  try {
    commands = parseShell(text);
  } catch (e) {
    if (e instanceof ShellLimitError) return [overBudget(budget, text, frame, `cannot parse the command: ${e.message}`)];
    if (e instanceof ShellSyntaxError) return [unparsable(text, frame, `cannot parse the command: ${e.message}`)];
    if (e instanceof RangeError) return [overBudget(budget, text, frame, 'cannot parse the command: it is nested too deeply')];
    throw e;
  }
  const actions = await walkCommands(commands, text, frame);
  // A trap handler was judged where it was set; it runs when the shell ends, with the variables as they
  // are then (`X=build; trap 'rm -rf $X' EXIT; X=/srv/data`), in the folder the shell is in then, with the
  // PATH it has then: judged again when one it names, the folder or PATH has changed.
  for (const t of owner ? frame.state.traps ?? [] : []) {
    if (budget.spent) break;
    const names = [...t.text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    if (!['PATH', ...names].some((n) => frame.state.env[n] !== t.env[n]) && frame.state.cwd === t.cwd) continue;
    // What it already does with the values at the trap is judged; only what the final values add counts.
    // An action is the same one only where it lands the same (`rm -rf "$TMP"` names $TMP both times).
    const judged = new Set(actions.map(judgementKey));
    const atEnd = await walk(t.text, { ...frame, depth: frame.depth + 1, evidence: [...frame.evidence, commandEvidence(`a trap handler, run when the shell ends, with the values its variables have then${trapChanges(names, t.env, frame.state.env)}`, 'trap')] });
    actions.push(...atEnd.filter((a) => !judged.has(judgementKey(a))));
  }
  // A function that reads its arguments and was never called: its body judged with them unknown, when it
  // is defined in the agent's own shell (which may call it later). Text run in a process of its own (a
  // script file, `bash -c`, a recipe line, a container) takes its functions with it when it ends: one it
  // never calls never runs. (A call Firebreak cannot see, `"cmd_$1"` or `eval "$x"`, is an unknown program.)
  for (const f of owner && frame.depth === 0 ? frame.state.functionBodies.values() : []) {
    if (f.called || budget.spent) continue;
    f.called = true;
    for (const body of f.bodies) actions.push(...(await walkCommands(body, text, { ...frame, state: { ...frame.state, args: undefined } })));
  }
  return actions;
}

/** What changed between setting a trap and the shell's end, for the evidence of the handler judged again
 *  (`$tmpdir held $(mktemp -d) where the trap was set; it is gone by then`: a function's `local` ends with the call). */
function trapChanges(names: string[], then: Record<string, string | undefined>, now: Record<string, string | undefined>): string {
  const shown = (v: string) => (v.length > 60 ? `${v.slice(0, 57)}...` : v);
  const changes = [...new Set(names)].filter((n) => then[n] !== now[n] && then[n] !== undefined).slice(0, 3).map((n) => (Object.hasOwn(now, n) && now[n] !== undefined
    ? `$${n} held ${shown(then[n]!)} where the trap was set and ${shown(now[n]!)} by then`
    : `$${n} held ${shown(then[n]!)} where the trap was set, and is not set by then (a function's local ends with the call; it is then whatever the environment gives)`));
  return changes.length ? `: ${changes.join('; ')}` : '';
}

function judgementKey(a: PlannedAction): string {
  const d = a.details ?? {};
  return JSON.stringify([a.operation, a.target.type, a.target.id, d.path, d.danger, d.location, d.withinWorkspace]);
}

/** The body of a function defined in the text: walked where it is called, with the call's arguments. */
interface FunctionBodies { bodies: SimpleCommand[][]; called: boolean; effects: Block[] }

async function walkCommands(commands: readonly SimpleCommand[], text: string, frame: Frame): Promise<PlannedAction[]> {
  const budget = frame.state.budget!;
  const actions: PlannedAction[] = [];
  const scopes: Scope[] = [];
  const skipped: [number, number][] = [];
  const unrolling = new Set<number>();
  for (let i = 0; i < commands.length; i++) {
    const skip = skipped.find(([from, to]) => i >= from && i < to);
    // A branch that cannot run leaves no outcome at the marker that ends it (see onBlock).
    if (skip) {
      const top = scopes[scopes.length - 1];
      // `if true-test; then A; else B; fi`: the skip starts at the else marker, after A ran.
      if (top && commands[i].block?.edge === 'branch' && !top.skipping && !exits(commands[i - 1], frame.state.functions)) top.outcomes.push(saveState(frame.state));
      if (top) top.skipping = true;
      i = skip[1] - 1;
      continue;
    }
    const cmd = commands[i];
    const block = cmd.block;
    const lookup = knownValues(frame, scopes);
    let decided = false;
    if (block?.edge === 'start' && block.of === 'if') {
      const cannot = branchesThatCannotRun(commands, i, frame.state, lookup);
      if (cannot) { skipped.push(...cannot.skips); decided = cannot.always; }
    }
    if (block?.edge === 'start' && block.of === 'case') {
      const cannot = caseBranchesThatCannotRun(commands, i, frame.state, lookup);
      if (cannot) { skipped.push(...cannot); decided = true; }
    }
    if (block?.edge === 'start' && block.test && block.length !== undefined && !unrolling.has(i)) {
      // `while [ $# -gt 0 ]; do case "$1" in ...; esac; shift; done`: while the test is decided, the body
      // runs once more, in order, as bash runs it; a test not decided leaves the rest to the loop as any loop.
      const rounds = await unrolledLoop(commands, i, text, frame, scopes);
      actions.push(...rounds.actions);
      if (rounds.ended) { i += block.length; continue; }
      unrolling.add(i);
      i--;
      continue;
    }
    const values = block?.edge === 'start' && block.length !== undefined ? loopValues(block, frame.state) : undefined;
    const body = values ? commands.slice(i + 1, i + block!.length!) : [];
    // A body that never reads the variable (`for i in 1 2 3; do make test && break; done`) is walked once, as any loop.
    if (values && body.some((c) => readsVariable(c, block!.iterates!.name))) {
      // `for d in build dist; do rm -rf "$d"; done`: the body once for each word, as bash runs it.
      onBlock(block!, scopes, frame.state, commands, i);
      for (const value of values) {
        if (budget.spent) break;
        for (const name of block!.assigns ?? []) frame.state.env[name] = UNKNOWN_VALUE;
        if (block!.moves) { frame.state.cwd = UNKNOWN_VALUE; frame.state.env[PREVIOUS_FOLDER] = UNKNOWN_VALUE; }
        if (block!.shifts) frame.state.args = undefined;
        Object.assign(frame.state.env, evaluated({ [block!.iterates!.name]: value }, frame.state));
        actions.push(...(await walkCommands(body, text, { ...frame, inLoop: true, evidence: [...frame.evidence, commandEvidence(`runs in a for loop with ${block!.iterates!.name}=${value}`)] })));
      }
      i += block!.length! - 1; // the end marker is next: it closes the scope
      continue;
    }
    if (block?.edge === 'start' && block.of === 'function' && block.name !== undefined && block.length !== undefined) {
      // Every function is walked where it is called, with the call's arguments and the state at that
      // point (a function a script never calls never runs; see walk's end for the agent's own shell).
      const body = commands.slice(i + 1, i + block.length);
      const map = (frame.state.functionBodies ??= new Map());
      const entry: FunctionBodies = map.get(block.name) ?? { bodies: [], called: false, effects: [] };
      // Every definition is kept (one in a branch may be the one that runs); the same text read again
      // (a definition in a loop body) is kept once.
      if (!entry.bodies.some((b) => b[0] === body[0] && b.length === body.length)) { entry.bodies.push(body); entry.effects.push(block); }
      entry.called = false;
      map.set(block.name, entry);
      (frame.state.functions ??= new Set()).add(block.name);
      i += block.length;
      continue;
    }
    if (cmd.kind === 'block') {
      onBlock(cmd.block!, scopes, frame.state, commands, i, frame.state.functions);
      if (decided) scopes[scopes.length - 1].decided = true;
      continue;
    }
    const over = exhausted(budget);
    if (over) { actions.push(overBudget(budget, text, frame, over)); break; }
    if (budget.spent) break;
    for (const sub of substitutionsOf(cmd)) {
      // A command substitution runs in a subshell: its `cd` and assignments do not reach the line.
      const subshell: ShellState = { ...frame.state, env: { ...frame.state.env }, ...(frame.depth === 0 ? { opaque: true } : {}) };
      actions.push(...(await walk(sub, { ...frame, firstTouch: false, state: subshell, ...(scopes.some((s) => s.block.of === 'loop') ? { inLoop: true } : {}), depth: frame.depth + 1, source: sourceFor(cmd, frame), evidence: [...frame.evidence, commandEvidence('runs inside a command substitution')] })));
    }
    if (cmd.kind === 'function-def' && cmd.words[0]) (frame.state.functions ??= new Set()).add(cmd.words[0].value);
    if (cmd.kind === 'test' || cmd.kind === 'simple') noteHiddenAssignments(cmd, frame.state);
    if (cmd.kind !== 'simple') continue;
    budget.commands++;
    // A part of a pipeline runs in a subshell: what it sets stays there.
    const outside = cmd.piped || cmd.pipedFrom ? saveState(frame.state) : undefined;
    // A function called from a loop body runs again on the next round: its tests are not decided on variables.
    const here = !frame.inLoop && scopes.some((s) => s.block.of === 'loop') ? { ...frame, inLoop: true } : frame;
    // An in-place edit of an environment file is replayed on its text before this command.
    const filesBefore = cmd.words.some((w) => isEnvironmentFile(w.value)) && frame.state.files ? new Map(frame.state.files) : undefined;
    const combos = choiceCombinations(cmd, frame.state);
    const found = combos ? await classifyEachChoice(cmd, here, combos) : await classify(cmd, here);
    if (outside) restoreState(frame.state, outside);
    budget.actions += found.length;
    actions.push(...found);
    const written = recordWrittenFiles(cmd, frame.state);
    if (written.length) actions.push(...(await codeWrittenByShell(cmd, frame, written)));
    if (written.some((w) => isEnvironmentFile(w.path)) || cmd.words.some((w) => isEnvironmentFile(w.value))) {
      actions.push(...envFileGuardWrites(cmd, baseCommand(cmd, frame, cmd.words, frame.state.env), written, frame.state, filesBefore));
    }
    if (written.some((w) => isPackageConfigFile(w.path))) {
      const textOf = (w: WrittenFile) => {
        const content = 'copiedFrom' in w ? copiedText(frame.state, w.copiedFrom) : w;
        return 'text' in content ? content.text : undefined;
      };
      actions.push(...packageConfigWrites(baseCommand(cmd, frame, cmd.words, frame.state.env), written, textOf));
    }
    if (frame.state.line && (frame.depth > 0 || mayWriteFiles(cmd, frame.state.env))) frame.state.line.mayHaveWritten = true;
    // The command's words past its wrappers, worked out once for the notes below that need them.
    let run: string[] | undefined;
    const runWords = () => (run ??= unwrap(resolveProgramWords(cmd.words, frame.state.env), frame.state.env, {}).words.map((w) => w.value));
    // `go env -w GOOS=...` changes what later go commands build for (go-env.ts).
    if (cmd.words.some((w) => w.value === 'env')) noteGoEnvWrite(frame.state, runWords());
    // A port forward makes later loopback addresses of the line lead elsewhere (port-forwards.ts).
    if (cmd.words.some((w) => MAY_FORWARD.test(w.value))) notePortForward(frame.state, runWords());
    if (frame.state.files?.size && mayWriteFiles(cmd, frame.state.env)) forgetLocalClusters(frame.state.files, cmd.redirects.some((r) => r.op.includes('>')) ? undefined : runWords());
  }
  return actions;
}

/**
 * `if [ "false" = "true" ]; then docker push ...; elif [ "$1" = local ]; then ...; fi`: the conditions are
 * read in order while each is decided (literal words, or values known for certain; `!` inverts). A branch
 * whose condition is false is not judged; a true one makes every later branch unjudged; the first
 * condition not decided keeps it and everything after it. `always`: some branch certainly runs.
 */
function branchesThatCannotRun(commands: readonly SimpleCommand[], start: number, state: ShellState, lookup: Lookup | undefined): { skips: [number, number][]; always: boolean } | undefined {
  const block = commands[start].block!;
  if (block.length === undefined) return undefined;
  // A function named `[` or `test` (defined anywhere in the text) is not the builtin.
  const defined = (n: string) => state.functions?.has(n) || state.functionBodies?.has(n) || commands.some((c) => c.kind === 'function-def' && c.words[0]?.value === n) || commands.some((c) => c.block?.of === 'function' && c.block.name === n);
  if (defined('[') || defined('test')) return undefined;
  const end = start + block.length;
  // The branch markers of this block (elif/else), past nested blocks.
  const markers = [start];
  for (let j = start + 1, depth = 0; j < end; j++) {
    const edge = commands[j].block?.edge;
    if (edge === 'start') depth++;
    else if (edge === 'end') depth--;
    else if (edge === 'branch' && depth === 0) markers.push(j);
  }
  const skips: [number, number][] = [];
  for (const [k, at] of markers.entries()) {
    const marker = commands[at].block!;
    const next = markers[k + 1] ?? end;
    // `else`: reached only when every condition before it was false, so it runs.
    if (k > 0 && !marker.elif) return { skips, always: true };
    const condition = commands[at + 1];
    const tested = marker.condition === 1 && condition && !condition.block ? decideTest(condition, lookup ?? posixOnly(state)) : undefined;
    if (tested === undefined) return skips.length ? { skips, always: false } : undefined;
    if (tested !== !!marker.negated) {
      if (next < end) skips.push([next, end]);
      return { skips, always: true };
    }
    skips.push([at + 2, next]);
  }
  // Every condition was false and there is no else: no branch runs.
  return { skips, always: false };
}

/**
 * `case "$cmd" in run) ...;; local) ...;; esac` where the text makes the word certain (`local cmd="${1:-}"`
 * in a script whose command line shows `run`): only the first branch whose patterns match runs, as bash
 * runs it. Anything not certain keeps every branch: a word not known here, a pattern with an expansion or
 * an extended glob, `;&` / `;;&` (more than one branch may run).
 */
function caseBranchesThatCannotRun(commands: readonly SimpleCommand[], start: number, state: ShellState, lookup: Lookup | undefined): [number, number][] | undefined {
  void state;
  const block = commands[start].block!;
  if (block.length === undefined || !block.subject || block.fallsThrough || block.subject.substitutions.length) return undefined;
  if (block.subject.dynamic && !lookup) return undefined;
  // The word as bash matches it: no splitting or globbing happens to a case word.
  const subject = { text: block.subject.dynamic && !/[\\']/.test(block.subject.raw) ? expandKnown(block.subject.value, lookup!) : block.subject.dynamic ? undefined : block.subject.value, mktemp: false };
  if (subject.text === undefined || subject.mktemp) return undefined;
  const end = start + block.length;
  // The markers that open each branch, past nested blocks.
  const opens = [start];
  for (let j = start + 1, depth = 0; j < end; j++) {
    const edge = commands[j].block?.edge;
    if (edge === 'start') depth++;
    else if (edge === 'end') depth--;
    else if (edge === 'branch' && depth === 0) opens.push(j);
  }
  let chosen = -1;
  for (const [k, at] of opens.entries()) {
    const next = opens[k + 1] ?? end;
    const patterns = commands[at].block!.patterns;
    if (patterns === undefined) { if (next > at + 1) return undefined; continue; }
    if (!patterns.length || patterns.some((p) => p.dynamic || p.substitutions.length || (p.glob && /["'\\]/.test(p.raw)))) return undefined;
    if (patterns.some((p) => casePattern(p).test(subject.text!))) { chosen = k; break; }
  }
  const out: [number, number][] = [];
  for (const [k, at] of opens.entries()) if (k !== chosen && (opens[k + 1] ?? end) > at + 1) out.push([at + 1, opens[k + 1] ?? end]);
  return out;
}

/** A case pattern as bash matches it: `*`, `?` and `[...]` unquoted, everything else literal (`/` too). */
function casePattern(w: Word): RegExp {
  if (!w.glob) return new RegExp(`^${w.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let re = '';
  for (let i = 0; i < w.value.length; i++) {
    const c = w.value[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const close = w.value.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else { re += `[${w.value.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`; i = close; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Whether the command's text reads `$name` (or `${name...}`), here or in text it runs (`sh -c "... $name"`). */
function readsVariable(c: SimpleCommand, name: string): boolean {
  const re = new RegExp(`\\$(\\{[#!]?)?${name}(?![A-Za-z0-9_])`);
  return re.test(c.text) || [...c.words, ...c.assignments.map((a) => a.value), ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))].some((w) => re.test(w.raw))
    || c.redirects.some((r) => r.heredoc !== undefined && re.test(r.heredoc.body));
}

/** Loops walked once per word, at most this many words. */
const MAX_ITERATIONS = 16;

/** The values the variable of `for NAME in WORDS` takes, when the text makes each certain: a plain
 *  literal word; an unquoted `$LIST` / `${LIST}` whose value the text set to literal words (split on the
 *  default IFS: a changed IFS splits otherwise); a glob of literal text, listed on disk now (bash keeps
 *  the pattern itself when nothing matches). Anything else (`$(cat list)`, `"$@"`, a brace or tilde, a
 *  variable set only at run time) leaves the loop variable unknown. */
function loopValues(block: Block, state: ShellState): string[] | undefined {
  const it = block.of === 'loop' ? block.iterates : undefined;
  if (!it || !it.words.length || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(it.name)) return undefined;
  const values: string[] = [];
  for (const w of it.words) {
    // `for product in "$@"`: the script's arguments, when the command that runs it shows them.
    const all = /^("?)\$(?:\{([@*])\}|([@*]))\1$/.exec(w.raw);
    if (all) {
      const quoted = all[1] === '"';
      const star = (all[2] ?? all[3]) === '*';
      // No arguments shown: the loop is judged once with NAME unknown, as before (runtime-paths-hostile.yaml).
      if (!state.args?.length || state.args.some((a) => /[*?[\]{}~$`'"\\]/.test(a)) || ((!quoted || star) && Object.hasOwn(state.env, 'IFS'))) return undefined;
      if (quoted && star) values.push(state.args.join(' '));
      else values.push(...(quoted ? state.args : state.args.flatMap((a) => a.split(/[ \t\n]+/).filter(Boolean))));
      if (values.length > MAX_ITERATIONS) return undefined;
      continue;
    }
    if (w.substitutions.length === 1 && w.raw === `$(${w.substitutions[0]})`) {
      const listed = listedFiles(w.substitutions[0], state);
      if (!listed) return undefined;
      values.push(...listed);
      if (values.length > MAX_ITERATIONS) return undefined;
      continue;
    }
    if (w.substitutions.length || /[{}~]/.test(w.raw.replace(/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/, ''))) return undefined;
    if (w.dynamic) {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(w.raw);
      if (!m || Object.hasOwn(state.env, 'IFS') || !Object.hasOwn(state.env, m[1] ?? m[2])) return undefined;
      const e = expandText(w.raw, pathContext(state));
      if (e.text === undefined || e.mktemp || /[*?[\]{}~$`'"\\]/.test(e.text)) return undefined;
      values.push(...e.text.split(/[ \t\n]+/).filter(Boolean));
    } else if (w.glob) {
      // Listed on disk now: only when nothing earlier may have made files the glob would also match
      // (a link planted a moment before). A last name of glob characters alone (`*`, `build/*`) is the
      // whole folder, which `rm -rf *` is judged as: not split into entries that each look harmless.
      const dir = currentDir(pathContext(state));
      const last = w.value.replace(/\/+$/, '').split('/').pop() ?? '';
      if (dir === undefined || /[{}]/.test(w.value) || !/[^*?[\]!.]/.test(last) || state.line?.mayHaveWritten !== false) return undefined;
      const absolute = w.value.startsWith('/');
      const matches = expandGlob(absolute ? w.value : `${dir}/${w.value}`);
      if (matches.length > MAX_ITERATIONS) return undefined;
      values.push(...(matches.length ? matches.sort().map((m) => (absolute ? m : m.slice(dir.length + 1))) : [w.value]));
    } else values.push(w.value);
    if (values.length > MAX_ITERATIONS) return undefined;
  }
  return values;
}

/** `for f in $(find . -name '*.sh')`: the files a listing-only find (make's reader works these out) prints
 *  from a folder of the workspace, as bash splits them; only when nothing earlier in the line may have
 *  made files, and no name would be split or globbed again. */
function listedFiles(command: string, state: ShellState): string[] | undefined {
  const dir = currentDir(pathContext(state));
  const workspace = state.workspace ?? process.cwd();
  if (dir === undefined || !(dir === workspace || dir.startsWith(`${workspace}/`)) || state.line?.mayHaveWritten !== false || Object.hasOwn(state.env, 'IFS')) return undefined;
  const names = listedPaths(command.trim(), dir);
  if (!names || names.length > MAX_ITERATIONS || names.some((n) => /[\s*?[\]\\]/.test(n))) return undefined;
  return names;
}

/** `eval "$(hack/third_party/gimme/gimme "${GO_VERSION}")"`: the substitution runs a vendored script whose
 *  content is a known printer of export lines (knowledge/pinned-scripts.ts); running it is judged where it runs. */
function pinnedEnvPrinterEval(substitution: string, state: ShellState): boolean {
  const m = /^\s*((?:\.\/)?[\w./-]+)((?:\s+(?:[\w.-]+|"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?"))?)\s*$/.exec(substitution);
  if (!m || !m[1].includes('/') || m[1].split('/').includes('..') || /[$`]/.test(state.cwd ?? '')) return false;
  const file = resolve(state.workspace ?? process.cwd(), state.cwd ?? '.', m[1]);
  if (state.files?.has(m[1]) || state.files?.has(file)) return false;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const arg = m[2].trim();
  return pinnedEnvPrinter(text, arg ? [arg] : [], state.env, { dir: resolve(state.workspace ?? process.cwd(), state.cwd ?? '.'), written: state.files?.keys() ?? [] }) !== undefined;
}

function pathContext(state: ShellState): PathContext {
  return { workspace: state.workspace ?? process.cwd(), ...(state.cwd !== undefined ? { cwd: state.cwd } : {}), vars: state.env, env: process.env };
}

/** The value of `[ ... ]`, `test ...` or `[[ ... ]]` over literal words, when the shell certainly computes it. */
export function literalTest(cmd: SimpleCommand): boolean | undefined {
  return decideTest(cmd);
}

/** Literal words only, under a shell that may not be bash. */
function posixOnly(state: ShellState): Lookup | undefined {
  return state.shell !== undefined && state.shell !== 'bash' ? Object.assign(() => undefined, { posix: true }) : undefined;
}

/** Commands after which a variable may hold what no assignment in the text shows. */
const HIDDEN_ASSIGNERS = new Set(['eval', 'source', '.', 'alias', 'enable', 'let', 'coproc']);

/**
 * What a test may read for certain at this point (conditions.ts), or undefined when no test is decided on
 * a variable here: in the agent's own shell (a variable may carry an attribute, a trap or a nameref
 * set by an earlier command), in a loop body that may run again, and after anything that may change
 * variables out of sight. A variable is known when the text itself set it to a literal (or unset it) in
 * this process; one still as the starting shell had it may come from the environment. `$1`..`$9` and
 * `$#` are known when the command that ran the script (or called the function) shows each word.
 */
function knownValues(frame: Frame, scopes: readonly Scope[]): Lookup | undefined {
  const state = frame.state;
  if (frame.depth === 0 || frame.inLoop || state.opaque || scopes.some((s) => s.block.of === 'loop')) return undefined;
  const lookup: Lookup = (name) => {
    if (name === '#') return state.args && state.argsExact ? String(state.args.length) : undefined;
    if (/^[1-9]$/.test(name)) {
      if (!state.args || !state.argsExact) return undefined;
      const v = state.args[Number(name) - 1];
      return v === undefined ? null : /[$`]/.test(v) ? undefined : v;
    }
    if (!Object.hasOwn(state.env, name)) return undefined;
    const v = state.env[name];
    if (state.inherited && Object.hasOwn(state.inherited, name) && state.inherited[name] === v) return undefined;
    if (v === undefined) return null;
    return /[$`]/.test(v) ? undefined : v;
  };
  return Object.assign(lookup, { ifsChanged: Object.hasOwn(state.env, 'IFS'), posix: state.shell !== undefined && state.shell !== 'bash' });
}

/** `while [ $# -gt 0 ]; do ...; shift; done` walked round by round while its test is decided (at most
 *  MAX_ITERATIONS rounds). `ended`: the test was decided false, so the loop is done; otherwise the rest
 *  of the loop is walked as any loop. A body with `break` or `continue` is not walked round by round. */
async function unrolledLoop(commands: readonly SimpleCommand[], start: number, text: string, frame: Frame, scopes: readonly Scope[]): Promise<{ actions: PlannedAction[]; ended: boolean }> {
  const block = commands[start].block!;
  const actions: PlannedAction[] = [];
  if (block.condition !== 1 || block.length === undefined) return { actions, ended: false };
  const body = commands.slice(start + 1, start + block.length);
  if (body[0]?.block || body.some((c) => /^(break|continue)$/.test(c.words[0]?.value ?? ''))) return { actions, ended: false };
  for (let round = 1; round <= MAX_ITERATIONS; round++) {
    if (frame.state.budget?.spent) return { actions, ended: true };
    const value = decideTest(body[0], knownValues(frame, scopes) ?? posixOnly(frame.state));
    if (value === undefined) return { actions, ended: false };
    if ((block.test === 'until') === value) return { actions, ended: true };
    actions.push(...(await walkCommands(body, text, { ...frame, evidence: [...frame.evidence, commandEvidence(`runs in round ${round} of a ${block.test} loop whose test is known`)] })));
  }
  return { actions, ended: false };
}

/** `is_local=1` before a loop whose body only ever sets it to 1: however often the body runs, it holds 1.
 *  Any other way the body may set it (a command that assigns, a function, arithmetic) makes it unknown. */
function keepsValue(name: string, value: string | undefined, body: readonly SimpleCommand[], state: ShellState): boolean {
  if (value === undefined || /[$`]/.test(value)) return false;
  for (const c of body) {
    const first = c.words[0]?.value ?? '';
    if (HIDDEN_ASSIGNERS.has(first) || /\(\(|\$\[/.test(c.text) || (state.functions?.has(first) && mayAssign(first, name, state))) return false;
    if (c.kind === 'test' && c.text.startsWith('for') && c.words[0]?.value === name) return false;
    // `for name in ...` (or `select`) inside the body, and `${name:=x}` in any word, set it too.
    if (c.block?.edge === 'start' && c.block.of === 'loop' && !c.block.test && c.block.assigns?.has(name)) return false;
    if (new RegExp(`\\$\\{${name}:?=`).test(c.text) || c.redirects.some((r) => r.target && new RegExp(`\\$\\{${name}:?=`).test(r.target.raw))) return false;
    for (const a of c.assignments) {
      if (a.name !== name && !a.name.startsWith(`${name}[`)) continue;
      if (c.words.length || a.value.dynamic || a.value.value !== value || c.text.startsWith(`${name}+=`)) return false;
    }
    if (first && c.words.slice(1).some((w) => w.value === name || w.value.startsWith(`${name}=`) || w.value.startsWith(`${name}[`))) {
      if (!/^(echo|printf|\[|test|\[\[)$/.test(first) || (first === 'printf' && c.words.some((w) => w.value.startsWith('-v')))) return false;
    }
  }
  return true;
}

/** Whether calling the function `fn` may set `name` (through the functions it calls in turn). */
function mayAssign(fn: string, name: string, state: ShellState, seen = new Set<string>()): boolean {
  if (seen.has(fn)) return false;
  seen.add(fn);
  const defined = state.functionBodies?.get(fn)?.effects;
  const effects = defined?.length ? defined : state.functionEffects?.get(fn) ? [state.functionEffects.get(fn)!] : [];
  if (!effects.length) return true;
  if (effects.some((e) => e.assigns?.has(name))) return true;
  for (const body of state.functionBodies?.get(fn)?.bodies ?? []) {
    if (body.some((c) => HIDDEN_ASSIGNERS.has(c.words[0]?.value ?? '') || /\(\(|\$\[/.test(c.text))) return true;
  }
  return effects.some((e) => [...(e.calls ?? [])].some((f) => state.functions?.has(f) && mayAssign(f, name, state, seen)));
}

/** The text `source FILE` / `. FILE` (or eval) runs: the file as the line wrote it, else as it is on disk. */
function sourcedText(cmd: SimpleCommand, state: ShellState): string | undefined {
  if (cmd.words[0]?.value === 'eval') return cmd.words.slice(1).map((w) => w.value).join(' ');
  const file = cmd.words[1];
  if (!file || file.dynamic) return undefined;
  const written = state.files?.get(writtenFileKey(file.value, state.cwd));
  if (written !== undefined) return written;
  const read = readFileText(scriptPath({ workspace: state.workspace, cwd: state.cwd }, file.value), file.value);
  return read.ok ? read.text : undefined;
}

/** The names a sourced file (or eval's text) assigns, as far as its text shows (`X=`, `export X=`, `read X`),
 *  each unknown; a file of nothing but literal assignments (`OUT=build`, `export MODE='test'`) gives their values. */
function sourcedAssignments(cmd: SimpleCommand, state: ShellState): [string, string][] {
  const text = sourcedText(cmd, state);
  if (text === undefined) return [];
  const lines = text.split('\n').filter((l) => l.trim() && !/^\s*#/.test(l));
  const literal = lines.map((l) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:'([^']*)'|"([^"$`\\]*)"|(?![^\s]*~)([^\s'"$`\\;&|<>()]*))\s*$/.exec(l));
  if (literal.every((m) => m !== null)) {
    const values = new Map<string, string>();
    for (const m of literal) values.set(m![1], m![2] ?? m![3] ?? m![4] ?? '');
    return [...values];
  }
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:^|[\s;&|(){}])(?:(?:export|local|declare|typeset|readonly)(?:\s+-\w+)*\s+)?([A-Za-z_][A-Za-z0-9_]*)\+?=|\bread\s+(?:-\w+\s+)*([A-Za-z_][A-Za-z0-9_]*)|\b(?:printf\s+-v|mapfile|readarray)\s+(?:-\S+\s+)*([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1] ?? m[2] ?? m[3]);
  return [...names].map((n): [string, string] => [n, UNKNOWN_VALUE]);
}

/** One line of a file that only assigns (a `.env`): `NAME=value` or `export NAME=value`, the value plain
 *  text, single-quoted text, or double-quoted or bare text whose only expansions are `$NAME` / `${NAME}`,
 *  then maybe a comment. Bash runs nothing for such a line: no substitution, no operator, no word splitting. */
const ASSIGNMENT_ONLY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(?:'[^']*'|"(?:[^"$`\\]|\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*))*"|(?:[^\s'"$`\\;&|<>()#]|\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*))*)(?:\s+#.*)?\s*$/;
/** Variables that change how the shell reads, traces or runs what comes after (or what it starts). */
const SHELL_HOOK_VARIABLES = new Set(['IFS', 'PATH', 'PS1', 'PS2', 'PS3', 'PS4', 'PROMPT_COMMAND', 'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'CDPATH', 'GLOBIGNORE', 'BASH_XTRACEFD', 'BASH_COMPAT', 'POSIXLY_CORRECT']);

/** `. ./.env` with no arguments, of a file that only assigns (ASSIGNMENT_ONLY) and sets none of the
 *  shell's own hook variables: it changes the names it assigns (sourcedAssignments) and nothing else, so
 *  what the text knows about every other variable and the arguments still holds. */
function sourcesAssignmentsOnly(cmd: SimpleCommand, state: ShellState): boolean {
  const first = cmd.words[0]?.value;
  if ((first !== 'source' && first !== '.') || cmd.words.length !== 2) return false;
  // `. /dev/stdin`, `. /proc/self/fd/3`: what the shell reads there is not the file Firebreak would read.
  const real = realLocation(scriptPath({ workspace: state.workspace, cwd: state.cwd }, cmd.words[1].value));
  if (real === undefined || /^\/(dev|proc)\//.test(real)) return false;
  const text = sourcedText(cmd, state);
  // A carriage return (a file saved with CRLF) ends up in bash's value: `MODE=safe\r` is not `safe`.
  if (text === undefined || /[\r\0]/.test(text)) return false;
  return text.split('\n').every((l) => {
    if (!l.trim() || /^\s*#/.test(l)) return true;
    const m = ASSIGNMENT_ONLY.exec(l);
    return !!m && !SHELL_HOOK_VARIABLES.has(m[1]);
  });
}

/** Commands that set variables in ways an assignment does not show: from then on they are unknown. */
function noteHiddenAssignments(cmd: SimpleCommand, state: ShellState): void {
  const first = cmd.words[0]?.value ?? '';
  // `(( n = 5 ))`, `$((n++))`, `let n=5`: arithmetic assigns the names it sets.
  if (first === 'let' || /\(\(|\$\[/.test(cmd.text)) {
    const text = cmd.words.map((w) => w.value).join(' ') + ' ' + cmd.text;
    for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^\]]*\])?\s*(?:[-+*/%&^|]|<<|>>)?=(?!=)|([A-Za-z_][A-Za-z0-9_]*)\s*(?:\+\+|--)|(?:\+\+|--)\s*([A-Za-z_][A-Za-z0-9_]*)/g)) {
      state.env[m[1] ?? m[2] ?? m[3]] = UNKNOWN_VALUE;
    }
  }
  if (HIDDEN_ASSIGNERS.has(first) && first !== 'let' && !sourcesAssignmentsOnly(cmd, state)) state.opaque = true;
  // `X=build; . ./env.sh; rm -rf $X`: what the sourced text assigns is not what the line set before.
  if (first === 'source' || first === '.' || first === 'eval') for (const [name, value] of sourcedAssignments(cmd, state)) state.env[name] = value;
  // A trap that runs between commands (DEBUG), after functions (RETURN) or on errors (ERR).
  if (first === 'trap' && cmd.words.slice(2).some((w) => /^(SIG)?(DEBUG|RETURN|ERR)$/i.test(w.value) || w.dynamic)) state.opaque = true;
  if (/^(declare|typeset|local|readonly|export)$/.test(first)) {
    for (const w of cmd.words.slice(1)) {
      // A nameref, an integer or a case-changing attribute: what is assigned is not what is stored.
      if (/^[-+][a-zA-Z]*[nilucI]/.test(w.value) || /^[^=]*[$`]/.test(w.value)) state.opaque = true;
      // `local x` (no value) hides the outer x: unset, or whatever an attribute leaves.
      const m = /^([A-Za-z_][A-Za-z0-9_]*)$/.exec(w.value);
      if (m && (first === 'local' || first === 'declare' || first === 'typeset')) state.env[m[1]] = UNKNOWN_VALUE;
    }
  }
  // `read x`, `mapfile -t lines`, `getopts ab opt`, `printf -v x`: the value comes from input.
  if (/^(read|mapfile|readarray|getopts|printf|wait|select)$/.test(first) && (first !== 'printf' || cmd.words.some((w) => /^-[a-zA-Z]*v/.test(w.value)))) {
    for (const w of cmd.words.slice(1)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(w.value);
      if (m) state.env[m[1]] = UNKNOWN_VALUE;
    }
    for (const n of ['REPLY', 'MAPFILE', 'OPTARG', 'OPTIND']) state.env[n] = UNKNOWN_VALUE;
    if (cmd.words.some((w) => w.dynamic)) state.opaque = true;
  }
  // `x[0]=b` changes `$x`.
  for (const a of cmd.assignments) if (a.name.includes('[')) state.env[a.name.slice(0, a.name.indexOf('['))] = UNKNOWN_VALUE;
}

/** `retry go mod download` where `retry() { "$@"; }`: the body run with the call's words as `$@`, in the
 *  caller's state (a function shares the script's variables and folder; its `local` ones are restored). */
async function callFunction(entry: FunctionBodies, rc: RecognisedCommand, frame: Frame): Promise<PlannedAction[]> {
  entry.called = true;
  const state = frame.state;
  // A word built at run time stays one in the body (see positional).
  const args = rc.argv.slice(1);
  const out: PlannedAction[] = [];
  // Defined more than once (`if ...; then f() { A; }; else f() { B; }; fi`): any of the bodies may be the
  // one that runs, each from the state at the call; what follows sees what every one of them left.
  const start = entry.bodies.length > 1 ? saveState(state) : undefined;
  const ends: Saved[] = [];
  for (const body of entry.bodies) {
    if (start) restoreState(state, start);
    const locals = new Set(body.filter((c) => c.words[0]?.value === 'local' || c.words[0]?.value === 'declare' || c.words[0]?.value === 'typeset')
      .flatMap((c) => c.words.slice(1).map((w) => /^[A-Za-z_][A-Za-z0-9_]*/.exec(w.value)?.[0] ?? '').filter(Boolean)));
    const before = new Map([...locals].map((n) => [n, Object.hasOwn(state.env, n) ? state.env[n] : '\0unset'] as const));
    const savedArgs = state.args;
    const savedExact = state.argsExact;
    // `if [ -n "$1" ]; then X=/srv; return; fi; X=build`: after a body that may return early, what it
    // assigned (or the folder it moved to) may be what it held at any `return`: not known.
    const returns = body.some((c) => c.words[0]?.value === 'return');
    const entering = returns ? saveState(state) : undefined;
    state.args = args;
    state.argsExact = exactWords(rc.words.slice(1));
    out.push(...(await walkCommands(body, rc.argv.join(' '), { ...frame, depth: frame.depth + 1, evidence: [...rc.evidence, commandEvidence(`runs the function ${rc.argv[0]}`)] })));
    // What the body set from its locals keeps their values: bash expanded them where it was set.
    freezeDependents(state, [...locals]);
    state.args = savedArgs;
    state.argsExact = savedExact;
    for (const [n, v] of before) if (v === '\0unset') delete state.env[n]; else state.env[n] = v;
    if (entering) {
      for (const n of new Set([...Object.keys(entering.env), ...Object.keys(state.env)])) {
        if (locals.has(n) || state.env[n] === entering.env[n]) continue;
        // `success=false ... success=true`: a flag the body only ever sets to true or false is one of the
        // builtins either way (`if ! "${success}"`), as after an `if` (see onBlock).
        const flag = (v: string | undefined) => v === 'true' || v === 'false';
        const set = body.flatMap((c) => [...c.assignments.filter((a) => a.name === n).map((a) => a.value.value),
          ...c.words.slice(1).map((w) => w.value).filter((v) => v.startsWith(`${n}=`)).map((v) => v.slice(n.length + 1))]);
        state.env[n] = (flag(entering.env[n]) && flag(state.env[n]) && set.every(flag) ? choiceValue(['false', 'true']) : undefined) ?? UNKNOWN_VALUE;
      }
      if (state.cwd !== entering.cwd) { state.cwd = UNKNOWN_VALUE; state.env[PREVIOUS_FOLDER] = UNKNOWN_VALUE; }
    }
    if (start) ends.push(saveState(state));
  }
  if (start) mergeOutcomes(state, ends);
  return out;
}

/** A value the shell sets on some paths through the text and not on others (`[ -d x ] && X=/tmp/a`,
 *  a loop body that runs again): it is not known at this point, whatever the text assigned last. */
export const UNKNOWN_VALUE = '$(firebreak: set on only some paths through the script)';
/** The workspace of text that runs elsewhere (NestedOptions.remote): a folder no path of this machine
 *  is in (under a file, so nothing can be made there), so no path there is taken for the agent's workspace. */
export const REMOTE_WORKSPACE = '/dev/null/elsewhere';
/** Where the line was before its last `cd` (`''`: the workspace), for `cd -`. Kept among the variables (as
 *  bash keeps OLDPWD) so branches, loops and subshells treat it as they treat them. */
const PREVIOUS_FOLDER = '\0cd previous folder';
/** The folder text that runs elsewhere is in: one of that place's, which this machine cannot name. */
const REMOTE_FOLDER = '$(firebreak: a folder of the remote host or running container)';

interface Saved { env: Record<string, string | undefined>; cwd: string | undefined; args: string[] | undefined; dirs: (string | undefined)[] | undefined }
/** An open compound command: the state before it, what each branch walked so far left, whether the
 *  branch being walked cannot run (skipping), and whether its test decided which branch runs. */
interface Scope { block: Block; saved: Saved; outcomes: Saved[]; skipping?: boolean; decided?: boolean }

function saveState(state: ShellState): Saved {
  return { env: { ...state.env }, cwd: state.cwd, args: state.args, dirs: state.dirs ? [...state.dirs] : undefined };
}

function restoreState(state: ShellState, saved: Saved): void {
  for (const k of Object.keys(state.env)) if (!Object.hasOwn(saved.env, k)) delete state.env[k];
  Object.assign(state.env, saved.env);
  state.cwd = saved.cwd;
  state.args = saved.args;
  state.dirs = saved.dirs ? [...saved.dirs] : undefined;
}

/** Compound commands, flattened by the parser, keep what bash certainly knows: each branch of an `if`
 *  or `case` starts from the state before it; after the block a variable (or the folder, or `$@`) that
 *  some path changed is unknown; a loop body may run again with what it set, so those start unknown; a
 *  subshell's changes never leave it. Commands inside a branch still see what the branch set before them. */
function onBlock(block: Block, scopes: Scope[], state: ShellState, commands: readonly SimpleCommand[] = [], at = -1, functions?: ReadonlySet<string>): void {
  if (block.edge === 'start') {
    scopes.push({ block, saved: saveState(state), outcomes: [] });
    if (block.of === 'function' && block.name !== undefined) (state.functionEffects ??= new Map()).set(block.name, block);
    if (block.of === 'loop' || block.of === 'function') {
      const body = block.of === 'loop' && at >= 0 && block.length !== undefined ? commands.slice(at + 1, at + block.length) : undefined;
      // The loop's own variable is not the value it had before (`D=build; for D in /srv; do :; done`): unknown after it.
      for (const name of block.assigns ?? []) if (!body || name === block.iterates?.name || !keepsValue(name, state.env[name], body, state)) state.env[name] = UNKNOWN_VALUE;
      if (block.moves) { state.cwd = UNKNOWN_VALUE; state.env[PREVIOUS_FOLDER] = UNKNOWN_VALUE; }
      if (block.shifts) state.args = undefined;
    }
    // A function body runs when it is called, with the call's arguments: the script's are not its `$@`.
    if (block.of === 'function') state.args = undefined;
    return;
  }
  const scope = scopes[scopes.length - 1];
  if (!scope) return;
  // A branch that cannot run, or that ends the script (`*) echo unsupported; exit 1 ;;`), leaves nothing after the block.
  const before = commands[at - 1]?.block;
  // The marker a last `;;` leaves before `esac` opens no branch.
  const pseudo = block.edge === 'end' && block.of === 'case' && before?.edge === 'branch' && before.of === 'case' && before.patterns === undefined;
  const ended = scope.skipping || pseudo || exits(commands[at - 1], functions);
  scope.skipping = false;
  if (block.edge === 'branch') {
    if (!ended) scope.outcomes.push(saveState(state));
    restoreState(state, scope.saved);
    return;
  }
  scopes.pop();
  // A subshell's changes stay in it; a function's body changes nothing where it is defined (its calls do).
  if (block.of === 'subshell' || block.of === 'function') { restoreState(state, scope.saved); return; }
  if (block.of === 'group') return; // `{ ...; }` runs once, in order
  // The state before the block is an outcome only when the block may run no branch at all.
  const start = at >= 0 && block.length === undefined ? findStart(commands, at) : undefined;
  const alwaysRuns = scope.decided || (scope.block.of === 'if' && scope.block.hasElse) || (scope.block.of === 'case' && caseHasDefault(commands, start));
  const reached = [...scope.outcomes, ...(ended ? [] : [saveState(state)])];
  const outcomes = (scope.block.of === 'if' || scope.block.of === 'case') && alwaysRuns ? (reached.length ? reached : [scope.saved]) : [scope.saved, ...reached];
  mergeOutcomes(state, outcomes);
}

/** After paths that each may have run, what is certain: a variable every path left the same keeps it; one
 *  each path set to a plain literal is one of those values (choiceOf); anything else is unknown. */
function mergeOutcomes(state: ShellState, outcomes: readonly Saved[]): void {
  const names = new Set(outcomes.flatMap((o) => Object.keys(o.env)));
  for (const name of names) {
    const values = new Set(outcomes.map((o) => (Object.hasOwn(o.env, name) ? o.env[name] : '\0unset')));
    if (values.size === 1) {
      const [only] = values;
      if (only === '\0unset') delete state.env[name];
      else state.env[name] = only;
    } else state.env[name] = choiceValue([...values]) ?? UNKNOWN_VALUE;
  }
  state.cwd = new Set(outcomes.map((o) => posix.normalize(o.cwd ?? '.'))).size === 1 ? outcomes[0].cwd : UNKNOWN_VALUE;
  state.args = new Set(outcomes.map((o) => JSON.stringify(o.args ?? null))).size === 1 ? outcomes[0].args : undefined;
}

const MAX_CHOICES = 8;
const CHOICE_PREFIX = '$(firebreak: one of ';
const CHOICE = /^\$\(firebreak: one of (\[[^()$`]*\])\)$/;

/** `case $OS in linux) BIN=a;; darwin) BIN=b;; *) exit 1;; esac`: BIN is `a` or `b`. Kept as a marker that
 *  every other reader takes for a run-time value; a command that reads it is judged once per value. */
function choiceValue(values: readonly (string | undefined)[]): string | undefined {
  // A path that left it one of several values (a nested `if`) adds each of them.
  const flat = [...new Set(values.flatMap((v) => choicesOf(v) ?? [v]))];
  if (flat.length > MAX_CHOICES || !flat.every((v): v is string => typeof v === 'string' && /^[A-Za-z0-9_.,:+=@%/-]*$/.test(v))) return undefined;
  return `$(firebreak: one of ${JSON.stringify(flat.sort())})`;
}

function choicesOf(value: string | undefined): string[] | undefined {
  const m = value === undefined ? null : CHOICE.exec(value);
  return m ? (JSON.parse(m[1]) as string[]) : undefined;
}

/** The variables a command reads that hold one of a known set of values, and each combination of their
 *  values (at most MAX_CHOICES); undefined when none, or too many to walk one by one. */
function choiceCombinations(cmd: SimpleCommand, state: ShellState): Record<string, string>[] | undefined {
  // Called for every command, over every variable (the environment included): only values carrying the
  // marker are parsed, so a line of many exports stays linear.
  const read: (readonly [string, string[]])[] = [];
  for (const name in state.env) {
    const v = state.env[name];
    if (v === undefined || !v.startsWith(CHOICE_PREFIX)) continue;
    const values = choicesOf(v);
    if (values && readsVariable(cmd, name)) read.push([name, values]);
  }
  if (!read.length) return undefined;
  let combos: Record<string, string>[] = [{}];
  for (const [name, values] of read) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
    if (combos.length > MAX_CHOICES) return undefined;
  }
  return combos;
}

/** The command judged once per combination of the values it reads, from the same state; what follows
 *  sees what every one of them left (mergeOutcomes). */
async function classifyEachChoice(cmd: SimpleCommand, frame: Frame, combos: readonly Record<string, string>[]): Promise<PlannedAction[]> {
  const state = frame.state;
  const before = saveState(state);
  const outs: Saved[] = [];
  const found: PlannedAction[] = [];
  for (const combo of combos) {
    restoreState(state, before);
    Object.assign(state.env, combo);
    const why = Object.entries(combo).map(([n, v]) => `${n}=${v || "''"}`).join(', ');
    found.push(...(await classify(cmd, { ...frame, evidence: [...frame.evidence, commandEvidence(`with ${why}, one of the values the script sets it to`)] })));
    for (const [n, v] of Object.entries(combo)) if (state.env[n] === v) state.env[n] = before.env[n];
    outs.push(saveState(state));
  }
  mergeOutcomes(state, outs);
  return found;
}

/** A branch whose last command is a plain `exit`: nothing after the block runs on that path. */
function exits(cmd: SimpleCommand | undefined, functions?: ReadonlySet<string>): boolean {
  return !!cmd && cmd.kind === 'simple' && !cmd.piped && !cmd.pipedFrom && cmd.words[0]?.raw === 'exit' && !functions?.has('exit');
}

/** The start marker of the block whose end marker is at `end`. */
function findStart(commands: readonly SimpleCommand[], end: number): number | undefined {
  for (let j = end - 1, depth = 0; j >= 0; j--) {
    const edge = commands[j].block?.edge;
    if (edge === 'end') depth++;
    else if (edge === 'start') { if (depth === 0) return j; depth--; }
  }
  return undefined;
}

/** A `case` with a branch for `*` (unquoted): some branch always runs. */
function caseHasDefault(commands: readonly SimpleCommand[], start: number | undefined): boolean {
  if (start === undefined) return false;
  const end = start + (commands[start].block?.length ?? 0);
  for (let j = start, depth = 0; j < end; j++) {
    const b = commands[j].block;
    if (j > start && b?.edge === 'start') depth++;
    else if (b?.edge === 'end') depth--;
    if ((j === start || (b?.edge === 'branch' && depth === 0)) && b?.patterns?.some((p) => p.raw === '*')) return true;
  }
  return false;
}

/** A call of a function defined in the text: what its body assigns (or the folder it moves to) is not
 *  known after the call; its body was judged where it was defined. */
function afterCall(block: Block, state: ShellState): void {
  for (const name of block.assigns ?? []) state.env[name] = UNKNOWN_VALUE;
  if (block.moves) { state.cwd = UNKNOWN_VALUE; state.env[PREVIOUS_FOLDER] = UNKNOWN_VALUE; }
}

/** `cat > conftest.py <<EOF`: code that tools run without naming it, judged as it is written. */
async function codeWrittenByShell(cmd: SimpleCommand, frame: Frame, written: WrittenFile[]): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const w of written) {
    const rc = baseCommand(cmd, frame, cmd.words, frame.state.env);
    const root = rc.workspace ?? process.cwd();
    const target = runLaterTarget(w.path, root, root);
    if (!target) continue;
    // The code readers load only for a file tools run unnamed, never for `npm test > log.txt`.
    const { judgeWrittenCode, hiddenCodeWritten } = await import('../code/implicit.js');
    const writer = `the shell (${cmd.words[0]?.value ?? 'a redirection'})`;
    const content = 'copiedFrom' in w ? copiedText(frame.state, w.copiedFrom) : w;
    const posing = 'hidden' in content ? await downloadPosingAsTool(target, content.hidden, rc.argv, rc.stdin.kind === 'opaque' ? rc.stdin.producer : undefined) : undefined;
    if ('hidden' in content) { if (!target.entry.hiddenJudgedWhenRun || madeOutOfSight(target, content.hidden) || shadowsSystemProgram(target) || posing) out.push(hiddenCodeWritten(rc, target, posing ?? content.hidden, writer)); }
    else out.push(...(await judgeWrittenCode(rc, { target, text: content.text, whole: !('partial' in content && content.partial), writer: 'copiedFrom' in w ? `${writer}, copying ${w.copiedFrom},` : writer })));
  }
  return out;
}

/** A program on PATH whose text a command made or changed here (`base64 -d > ~/bin/x`, `sed ... f >
 *  ~/bin/x`, `sed -i ... ~/bin/x`): no release is installed this way, and when it runs by name it
 *  is not read. A download (`curl -o`) or an archive unpacked is a program installed. */
function madeOutOfSight(target: ImplicitTarget, hidden: string): boolean {
  if (!target.entry.onPath) return false;
  const made = /^(?:the output of|an in-place edit by) (\S+)/.exec(hidden);
  return made !== null && !DOWNLOADERS.has(made[1]!);
}
const DOWNLOADERS = new Set(['curl', 'wget', 'aria2c', 'http', 'xh', 'fetch']);

/** A program put on PATH, its content out of sight, under the name of one the system and other
 *  programs call by name (`git`, `ls`, `sudo`, `python3`): it runs in their place, for every later
 *  command. A download named after a tool (`kubectl`, `aws`) is how that tool is installed. */
function shadowsSystemProgram(target: ImplicitTarget): boolean {
  const name = basename(target.absolute);
  // An archive nobody listed, unpacked onto PATH, may bring a program of any of those names.
  return target.entry.onPath === true && (SHADOW_SENSITIVE_NAMES.has(name) || name === ANY_PROGRAM);
}

/** Why the budget of this intake call is used up, if it is. */
function exhausted(budget: Budget): string | undefined {
  if (budget.spent) return undefined; // already reported once
  if (budget.commands >= LIMITS.commands) return `more than ${LIMITS.commands} commands in one line: the rest were not judged one by one`;
  if (budget.actions >= LIMITS.actions) return `more than ${LIMITS.actions} actions in one line: the rest were not judged one by one`;
  if (monotonicMs() > budget.deadline) return `judging the command took longer than ${LIMITS.milliseconds} ms: the rest was not judged`;
  return undefined;
}

/** One unknown action that says which cap was reached; the rest of the walk stops. */
function overBudget(budget: Budget, text: string, frame: Frame, why: string): PlannedAction {
  budget.spent = true;
  const action = unparsable(text, frame, why);
  return { ...action, verb: 'over-limit' };
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** `: "${GIMME_TMP:=${TMPDIR:-/tmp}/gimme}"`: expanding `${X:=d}` (or `${X=d}`) assigns X in the shell when X
 *  is unset (or, with `:`, empty), whatever command the word belongs to. A variable the text never set takes
 *  the default, as `${X:-d}` reads it (docs/shell-resolution.md); a default not known here leaves X unknown. */
function assignDefaults(cmd: SimpleCommand, state: ShellState): void {
  for (const w of [...cmd.words, ...cmd.assignments.map((a) => a.value)]) {
    if (!w.dynamic || !w.raw.includes('=')) continue;
    for (const d of defaultAssignments(w.raw)) {
      const current = Object.hasOwn(state.env, d.name) ? state.env[d.name] : undefined;
      if (current !== undefined && current !== '') continue;
      const e = expandText(d.text, pathContext(state));
      freezeDependents(state, [d.name]);
      state.env[d.name] = e.text !== undefined && !e.mktemp ? e.text : UNKNOWN_VALUE;
    }
  }
}

async function classify(cmd: SimpleCommand, frame: Frame): Promise<PlannedAction[]> {
  assignDefaults(cmd, frame.state);
  const assigned: Record<string, string | undefined> = {};
  // `x=(/srv/data)` makes an array: its text is not the value `$x` gives, so that value is unknown here.
  for (const a of cmd.assignments) assigned[a.name] = a.value.raw.startsWith('(') ? UNKNOWN_VALUE : a.value.value;
  if (!cmd.words.length) {
    Object.assign(frame.state.env, evaluated(assigned, frame.state));
    noteEngineVariables(frame.state.env, assigned, (frame.state.files ??= new Map()));
    const rc = baseCommand(cmd, frame, [], frame.state.env);
    return [...(await deviceRedirects(cmd, rc)), ...(await emptiedFileActions(cmd, rc)), ...(await guardFileWrites(cmd, rc)), ...(await deferredCodeIn(rc, assigned))];
  }
  // The line's environment is shared, not copied, unless this command adds to it: copying it for
  // every command made a line of many `export`s quadratic. Recognisers never write to rc.env.
  // `eval "$(ssh-agent -s)"`: a tool that prints variable assignments for the shell (walked as the substitution it is).
  if (cmd.words.length === 2 && cmd.words[0].value === 'eval' && cmd.words[1].substitutions.length === 1
    && cmd.words[1].value.trim() === `$(${cmd.words[1].substitutions[0]})` && EVAL_SAFE_OUTPUTS.some((re) => re.test(cmd.words[1].substitutions[0].trim()))) return [];
  // `eval "$(hack/third_party/gimme/gimme "${GO_VERSION}")"`: a vendored script known by its content (pinned-scripts.ts).
  if (cmd.words.length === 2 && cmd.words[0].value === 'eval' && cmd.words[1].substitutions.length === 1
    && cmd.words[1].value.trim() === `$(${cmd.words[1].substitutions[0]})` && pinnedEnvPrinterEval(cmd.words[1].substitutions[0], frame.state)) return [];
  // `D=x; PYTHONPATH=$D:$PYTHONPATH pytest`: bash expands a prefix assignment before the command, against the line so far.
  const lineEnv = cmd.assignments.length ? { ...frame.state.env, ...evaluated(assigned, frame.state) } : frame.state.env;
  // Bash expands the words with the shell's variables before this command's own assignments, and splits
  // unquoted values into words (fields.ts).
  const isFunction = (n: string) => frame.state.functionBodies?.has(n) === true;
  const fields = expandFields(positional(cmd.words, frame.state.args, lineEnv, frame.state.argsExact === true, isFunction), pathContext(frame.state), ownAssignments(Object.fromEntries(cmd.assignments.map((a) => [a.name, /[$`]/.test(lineEnv[a.name] ?? '$') ? undefined : lineEnv[a.name]])), cmd.words));
  // `pdm run clean`, `poe clean`, `pixi run clean`: a task the project's configuration names runs its text (project-scripts.ts).
  const resolved = resolveProgramWords(fields, lineEnv);
  const written = (frame.state.workspace !== undefined && projectScriptWords(resolved, currentDir(pathContext(frame.state)), frame.state.workspace, frame.state.files)) || resolved;
  // What the command's own assignments hold once expanded (`L='+!x'; LESS=$L git log`), where that is known.
  const u = unwrap(written, lineEnv, Object.fromEntries(Object.keys(assigned).map((k) => [k, lineEnv[k]])));
  // A shell function runs when named as the command (or after `time`), never through `command` (which
  // skips functions) nor a program such as `sudo`, `env`, `xargs` or `pipx run` (a separate process).
  const first = written.findIndex((w) => w.value !== 'time' && !w.value.startsWith('-'));
  const callable = first >= 0 && written[first].value === u.words[0]?.value;
  if (u.lookupOnly) return [];
  u.words = resolveProgramPaths(u.words, u.env, frame.state);
  // `uv run poe clean`, `sudo -u app pixi run clean`: the task runner inside a wrapper.
  const peeledWords = u.words;
  if (u.words !== written && frame.state.workspace !== undefined) u.words = projectScriptWords(u.words, currentDir(pathContext(frame.state)), frame.state.workspace, frame.state.files) ?? u.words;
  // A task the configuration names was looked up already (`pdm run clean`): its text is what runs.
  const isTask = written !== resolved || u.words !== peeledWords;
  // `uv tool run X` is `uvx X` (runners/node/fetch.ts): the package it fetches, or the local project `--from .`.
  if (u.words.length > 2 && toolName(u.words[0].value) === 'uv' && u.words[1].value === 'tool' && u.words[2].value === 'run') u.words = [literalWord('uvx'), ...u.words.slice(3)];
  // `uv run build`: a console script of the project runs its `module:function` (runners/entry-points.ts); so
  // does a name no tool models that the project's configuration names (installed by `pip install -e .`).
  if (frame.state.workspace !== undefined && !isTask && u.words.length && !u.words[0].value.includes('/') && !frame.state.functionBodies?.has(u.words[0].value)
    && (inProjectEnvironment(u.peeled) || !judgedByName(u.words[0].value))) {
    const entry = entryPointWords(u.words, currentDir(pathContext(frame.state)) ?? frame.state.workspace, frame.state.workspace, frame.state.files, inProjectEnvironment(u.peeled));
    if (entry) { u.words = entry.words; u.evidence = [...u.evidence, commandEvidence(entry.why, 'entry point', entry.file)]; }
  }
  const rc = baseCommand(cmd, frame, u.words, u.env);
  rc.hints = { ...rc.hints, ...u.hints };
  rc.evidence.push(...u.evidence);
  rc.argsFromStdin = u.argsFromStdin;
  const extra = [...(await deviceRedirects(cmd, rc)), ...(await emptiedFileActions(cmd, rc)), ...(await guardFileWrites(cmd, rc)), ...(await uncommittedCodeLoadedBy(rc, frame.state.budget)), ...projectCodeUnderCredentials(rc), ...(await pythonStartupCode(rc)), ...(await moduleSearchPathCode(rc)), ...packageConfigSettings(rc), ...chosenPackageConfig(rc), ...(await ripgrepConfig(rc))];
  for (const also of u.alsoRuns) extra.push(...(await alsoRun(rc, also)));
  // `mise install`, `mise exec -- x`, `mise run t`: the configuration's hooks and sourced scripts run too (runners/mise-hooks.ts).
  if (frame.state.workspace !== undefined && (resolved.some((w) => w.value === 'mise' || w.value.endsWith('/mise')) || u.peeled?.some((p) => p.startsWith('mise ')))) {
    const { miseHookActions } = await import('./runners/mise-hooks.js');
    extra.push(...(await miseHookActions(rc, resolved.map((w) => w.value), u.peeled, currentDir(pathContext(frame.state)) ?? frame.state.workspace, frame.state.workspace, frame.state.files)));
  }
  if (!u.words.length) {
    if (u.emptyWrapper === 'xargs') return extra; // bare xargs runs echo
    if (u.emptyWrapper === 'env' || u.emptyWrapper === 'printenv') return extra; // prints the environment
    return [...extra, unknownCommand({ ...rc, argv: [u.emptyWrapper ?? 'unknown'] }, `${u.emptyWrapper} without a command starts an interactive session`)];
  }
  if (u.xargs) {
    // `find ... | xargs -a list rm`, `| xargs -d x rm`: the arguments are not the producer's lines.
    const elsewhere = u.xargs.argFile !== undefined ? `the file ${u.xargs.argFile} (xargs -a)` : u.xargs.delimiter !== undefined && !/^(\\n|\\0|\n|\0)$/.test(u.xargs.delimiter) ? `input split at ${JSON.stringify(u.xargs.delimiter)} (xargs -d)` : undefined;
    if (elsewhere !== undefined) rc.stdin = { kind: 'opaque', from: elsewhere };
    const shown = xargsWithInput(rc, u.xargs);
    if (shown !== undefined) return [...extra, ...(await rc.nested(shown, { evidence: [commandEvidence(u.xargs.replace ? `xargs puts its input in place of ${u.xargs.replace}` : 'xargs appends its input as arguments', 'xargs')] }))];
    // `find docs -name '*.py' | xargs -n1 python`: the files that find finds now (find-matches.ts).
    const found = ['rm', 'unlink'].includes(toolName(rc.argv[0] ?? '')) ? undefined : xargsOverFind(rc, u.xargs);
    if (found !== undefined && !mayMakeFiles(found)) {
      const before = new Set(rc.files.keys());
      const runs = await rc.nested(found, { evidence: [commandEvidence(`xargs gives it the files \`${rc.stdin.kind === 'opaque' ? rc.stdin.producer : 'find'}\` finds now`, 'xargs')] });
      if (!madeFiles(rc.files, before)) return [...extra, ...runs];
    }
    withXargsPlaceholder(rc, u.xargs);
    // `cat list | xargs truncate -s 0`: files emptied by names read from input the line does not show.
    extra.push(...(await emptiedFileActions(cmd, rc)).filter((a) => a.target.id === '(paths from stdin)' || a.target.id.includes(XARGS_PLACEHOLDER)));
  }
  const name = toolName(rc.argv[0]);
  const deferred = callable ? frame.state.functionBodies?.get(rc.argv[0]) : undefined;
  if (deferred) {
    if (frame.depth >= MAX_DEPTH) return [...extra, unparsable(rc.argv.join(' '), frame, `the function ${rc.argv[0]} calls itself too deeply to follow`)];
    return [...extra, ...(await callFunction(deferred, rc, frame))];
  }
  if (callable && frame.state.functions?.has(rc.argv[0])) {
    const effects = frame.state.functionEffects?.get(rc.argv[0]);
    if (effects) afterCall(effects, frame.state);
    return extra;
  }
  trackState(name, rc.argv, frame.state, name === 'trap' ? trapHandlerNow(rc) : undefined);
  if (DECLARING_BUILTINS.has(name)) extra.push(...(await deferredCodeIn(rc, declared(rc.argv))));
  const special = await builtin(name, rc, frame);
  if (special) return [...extra, ...special];
  // `./cleanup.py`, `scripts/deploy.sh`: a file run by its path is read, whatever its name. One named
  // like a tool (`./bin/aws s3 ls`, `bin/kubectl get pods`) is the project's own file, not the
  // installed tool: what it does is in its code, which is read (a binary nobody can read is unknown).
  const viaPath = programFileFor(name, rc, frame.state);
  if (viaPath) {
    const { runPathScript } = await import('../code/interpreters.js');
    const run = { ...rc, argv: [viaPath, ...rc.argv.slice(1)], evidence: [...rc.evidence, commandEvidence(`\`${name}\` is ${viaPath}: the line put it first on PATH or wrote it there`, 'PATH', viaPath)] };
    if (!frame.state.files?.has(viaPath) && viaPath.startsWith('/')) {
      // A program the line built: judged as its code, run by the build tool (runners/build-products.ts).
      const here = resolve(frame.state.workspace ?? process.cwd(), frame.state.cwd ?? '.');
      const { builtProductRun } = await import('./runners/build-products.js');
      const product = await builtProductRun({ ...run, argv: [`./${posix.relative(here, viaPath)}`, ...rc.argv.slice(1)] }, frame.state);
      if (product) return [...extra, ...product];
    }
    return [...extra, ...(await runPathScript(run))];
  }
  const byPath = rc.argv[0].includes('/') && !PROJECT_TOOL_WRAPPERS.some((w) => w.test(rc.argv[0])) && !isInstalledProgramPath(rc.argv[0]);
  if (!byPath && SCRIPT_RUN_TOOLS.has(name)) {
    // `mix run x.exs`, `dart run x.dart`, `dotnet run app.cs`: one file of an unread language, not the project's build.
    const script = (await import('./script-runs.js')).toolchainScriptRun(rc);
    if (script) return [...extra, script];
  }
  const recognise = byPath && !runsProjectFiles(name) ? undefined : recogniserFor(name);
  if (recognise) return [...extra, ...(await recogniseSafely(rc, name, recognise))];
  if (byPath) {
    // `./bin/app version`, `target/release/uv --version`: a program the project builds, judged as its
    // code run by the build tool when the file shows it is that build (runners/build-products.ts).
    const { builtProductRun } = await import('./runners/build-products.js');
    const built = await builtProductRun(rc, frame.state);
    if (built) return [...extra, ...built];
    const { runPathScript } = await import('../code/interpreters.js');
    return [...extra, ...(await runPathScript(rc))];
  }
  if (isLocalCommand(name, rc.argv)) return extra;
  return [...extra, ...(await unmodelledProgram(name, rc))];
}

/**
 * The file a bare program name runs when the line decides it: a folder the line put on PATH that is
 * not an installed-program folder (`PATH=./bin:$PATH aws s3 ls` runs ./bin/aws), or a file the line
 * itself wrote into a folder on PATH (`cp x /usr/local/bin/tool && tool`). Project tool folders
 * (node_modules/.bin, .venv/bin) keep their tool; an installed program found first wins.
 */
function programFileFor(name: string, rc: RecognisedCommand, state: ShellState): string | undefined {
  if (!name || name.includes('/') || rc.argv[0]?.includes('/')) return undefined;
  const changed = rc.env.PATH !== undefined && rc.env.PATH !== process.env.PATH;
  const built = goBuildOutputs(state);
  if (!changed && !state.files?.size && !built.length) return undefined;
  const base = resolve(state.workspace ?? process.cwd(), state.cwd ?? '.');
  const original = new Set((process.env.PATH ?? '').split(':'));
  // Keyed by where each file is; the answer is the written key (`~/bin/x`), under which its text is kept.
  // `go build -o bin/app ./x && PATH=$PWD/bin:$PATH app`: the build's program is a file the line made.
  // Keys carry the folder the line was in when it wrote them (writtenFileKey): found from the workspace.
  const root = state.workspace ?? process.cwd();
  const written = new Map([...(state.files?.keys() ?? []), ...built].map((k) => [k === '~' || k.startsWith('~/') ? resolve(homedir(), k.slice(2)) : resolve(root, k), k.startsWith('~') ? k : resolve(root, k)]));
  const entries = (changed ? rc.env.PATH! : process.env.PATH ?? '').split(':').flatMap((e) => (/^\$\{?PATH\}?$/.test(e) ? [...original] : [e]));
  for (const raw of entries) {
    if (!raw) continue;
    // `$PWD/bin`, `$HOME/bin`: resolved where they can be; a folder known only at run time is skipped.
    const resolved = raw.includes('$') ? resolvePathWord(raw, pathContext(state)) : undefined;
    if (resolved && (resolved.unknown || resolved.paths.length !== 1)) {
      // A folder known only at run time (PATH set on only some paths through the line) may be the one
      // the line wrote a program of this name into: that file may be what runs.
      const same = [...written.entries()].find(([file]) => basename(file) === name && !original.has(dirname(file)));
      if (same) return same[1];
      continue;
    }
    // `PATH=~/tools:$PATH`: bash expands a `~` after `=` and `:` in an assignment.
    const entry = resolved ? resolved.paths[0] : raw === '~' || raw.startsWith('~/') ? homedir() + raw.slice(1) : raw;
    const file = resolve(base, entry, name);
    if (written.has(file)) return written.get(file);
    if (original.has(entry) || isInstalledProgramPath(file)) {
      if (existsSync(file)) return undefined;
      continue;
    }
    if (PROJECT_TOOL_WRAPPERS.some((w) => w.test(file))) return undefined;
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** `"$@"`, `$1`: the script's positional parameters, when the command that ran it shows them. */
function positional(words: readonly Word[], args: readonly string[] | undefined, env: Readonly<Record<string, string | undefined>> = {}, exact = false, isFunction?: (name: string) => boolean): Word[] {
  if (!args || !words.some((w) => w.dynamic)) return [...words];
  // `rm -rf "/tmp/cache-$1"` in a function called `clean go`: a plain argument inside a word is put in
  // where bash puts it, when each argument the call shows is one word (so `$1` is that word).
  const plain = (v: string | undefined) => v !== undefined && /^[A-Za-z0-9_.,:+=@%/-]*$/.test(v);
  const inside = (w: Word): Word => {
    if (!exact || /[\\'`]/.test(w.raw) || !/\$(\{[1-9]\}|[1-9])/.test(w.raw)) return w;
    let ok = true;
    const put = (t: string) => t.replace(/\$(?:\{([1-9])\}|([1-9]))/g, (_, a?: string, b?: string) => {
      // An argument the call does not give is left unknown here (as before), not read as empty.
      const v = args[Number(a ?? b) - 1];
      if (!plain(v) || v === '') ok = false;
      return v ?? '';
    });
    const raw = put(w.raw);
    const value = put(w.value);
    return ok ? { ...w, raw, value, dynamic: /[$`]/.test(value) } : w;
  };
  // Unquoted, bash splits the value on IFS and expands globs in it; with IFS changed, how is not known here.
  const ifsChanged = Object.hasOwn(env, 'IFS');
  const asWords = (value: string, unquoted: boolean, w: Word): Word[] => {
    if (!unquoted) return [{ raw: quoteWord(value), value, dynamic: /[$`]/.test(value), glob: false, substitutions: [] }];
    if (ifsChanged) return [w];
    return value.split(/[ \t\n]+/).filter(Boolean).map((p) => ({ raw: p, value: p, dynamic: /[$`]/.test(p), glob: /[*?[]/.test(p), substitutions: [] }));
  };
  const out: Word[] = [];
  for (const w of words) {
    const unquoted = !w.raw.includes('"') && !w.raw.includes("'");
    // An argument that was itself built at run time (`f "$branch"`) stays a run-time value.
    if (/^\$(\{[@*]\}|[@*])$/.test(w.value) && (!w.glob || unquoted)) out.push(...args.flatMap((a) => asWords(a, unquoted, w)));
    else {
      const n = /^\$(?:\{([1-9][0-9]*)(?:(:?-)([^}$`]*))?\}|([1-9]))$/.exec(w.value);
      const given = n ? args[Number(n[1] ?? n[4]) - 1] : undefined;
      // `${1:-supabase}`: the argument, else (unset, or empty with `:-`) the default.
      const value = n?.[2] && (given === undefined || (given === '' && n[2] === ':-')) ? n[3] : given;
      if (n) out.push(...asWords(value ?? '', unquoted, w));
      else if (out.length) out.push(inside(w));
      else {
        // The program's name: `"cmd_$1" "$@"` with `$1` certain is read only when it names a function the
        // text defined (its body is walked); any other program it may name stays unknown.
        const named = isFunction ? inside(w) : w;
        // A name with a slash is never looked up as a function: bash runs it as a file path.
        out.push(named !== w && !named.dynamic && !named.value.includes('/') && !(unquoted && ifsChanged) && isFunction!(named.value) ? named : w);
      }
    }
  }
  return out;
}

/** `DOCKER="${DOCKER:-docker}"`, `ROOT="$(cd "$(dirname "$0")/.." && pwd)"`: an assignment whose value is
 *  known here is recorded as that value (bash expands it once, where it is assigned). */
function evaluated(assigned: Record<string, string | undefined>, state: ShellState): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(assigned)) {
    out[name] = value;
    const target = state.namerefs?.get(name);
    if (target !== undefined) {
      out[name] = UNKNOWN_VALUE;
      if (/^[A-Za-z_]\w*$/.test(target)) out[target] = UNKNOWN_VALUE;
      continue;
    }
    if (value === undefined || !/[$`]/.test(value)) continue;
    const e = expandText(value, { workspace: state.workspace ?? process.cwd(), ...(state.cwd !== undefined ? { cwd: state.cwd } : {}), vars: { ...state.env, ...positionalVars(state.args) }, env: process.env });
    if (e.text !== undefined && !e.mktemp) out[name] = e.text;
    // `dir="${1}"`: a value from the positional parameters is recorded now; later they may shift.
    else if (/\$\{?[1-9]/.test(value)) out[name] = UNKNOWN_VALUE;
  }
  freezeDependents(state, Object.keys(assigned));
  return out;
}

/** A value not wholly known is kept as written (`${GOPATH}/src/x`), so the verdict can say where each part
 *  comes from. Before one of the variables it reads is assigned, the value takes that variable as it is
 *  now: bash expanded it where it was assigned (`B="$U/srv"; U=build; rm -rf "$B"` deletes /srv, or
 *  whatever U held before, never build/srv). */
export function freezeDependents(state: ShellState, names: readonly string[]): void {
  if (!names.length) return;
  const only = new Set(names);
  const reads = new RegExp(`\\$\\{?[#!]?(${names.map((n) => n.replace(/[^A-Za-z0-9_]/g, '')).filter(Boolean).join('|')})(?![A-Za-z0-9_])`);
  for (const k in state.env) {
    const v = state.env[k];
    if (typeof v === 'string' && v.includes('$') && !only.has(k) && reads.test(v)) state.env[k] = frozen(v, state, 0, only);
  }
}

/** A value with each variable it reads (of `only`, when given) replaced by what that variable holds now: its
 *  text when known, the text it was set to, or a marker that says why it is not known. Command
 *  substitutions (`$(go env GOPATH)`, `$(mktemp -d)`) stay as written. */
function frozen(value: string, state: ShellState, depth = 0, only?: ReadonlySet<string>): string {
  if (depth > 6) return UNKNOWN_VALUE;
  const ctx = { ...pathContext(state), vars: { ...state.env, ...positionalVars(state.args) } };
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i];
    if (c === '\\') { out += value.slice(i, i + 2); i += 2; continue; }
    if (c === '`') { const end = value.indexOf('`', i + 1); const stop = end < 0 ? value.length : end + 1; out += value.slice(i, stop); i = stop; continue; }
    if (c !== '$') { out += c; i++; continue; }
    if (value[i + 1] === '(') { const end = matchingParen(value, i + 1); out += value.slice(i, end + 1); i = end + 1; continue; }
    let segment: string;
    let name: string | undefined;
    if (value[i + 1] === '{') {
      const end = closingBrace(value, i + 2);
      segment = end < 0 ? value.slice(i) : value.slice(i, end + 1);
      name = /^\$\{([A-Za-z_][A-Za-z0-9_]*|[1-9])\}$/.exec(segment)?.[1];
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^[1-9]/.exec(value.slice(i + 1));
      if (!m) { out += c; i++; continue; }
      segment = `$${m[0]}`;
      name = m[0];
    }
    i += segment.length;
    const read = name ?? /^\$\{[#!]?([A-Za-z_][A-Za-z0-9_]*)/.exec(segment)?.[1];
    if (only && (read === undefined || !only.has(read))) { out += segment; continue; }
    const e = expandText(segment, ctx);
    if (e.text !== undefined && !e.mktemp && !/[$`]/.test(e.text)) { out += e.text; continue; }
    if (name !== undefined && /^[1-9]$/.test(name) && state.args?.[Number(name) - 1] !== undefined) { out += frozen(state.args[Number(name) - 1], state, depth + 1); continue; }
    if (name !== undefined && Object.hasOwn(state.env, name)) { out += state.env[name] ?? ''; continue; }
    out += `$(firebreak: ${(e.why ?? `${segment} is not known here`).replace(/[()`]/g, '')})`;
  }
  return out;
}

/** `$1`..`$9` for expansion: the known parameters (an absent one is unset), or unknown ones. */
function positionalVars(args: readonly string[] | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (let n = 1; n <= 9; n++) out[String(n)] = args ? args[n - 1] : UNKNOWN_VALUE;
  return out;
}

const SCRIPT_RUNNERS = /^(sh|bash|zsh|dash|ksh|python[0-9.]*|node|ruby|perl|php|tsx|deno|bun)$/;

/** `"$SCRIPT_DIR/build.sh"`, `$(pwd)/bin/tool`, `bash "$ROOT/hack/x.sh"`: a program (or the script an
 *  interpreter runs) whose path the line or script set earlier from values known here (literals,
 *  `$(dirname "$0")`, `$(git rev-parse --show-toplevel)`, `$(pwd)`, `mktemp`) is that file. */
function resolveProgramPaths(words: Word[], env: Record<string, string | undefined>, state: ShellState): Word[] {
  const at = [0];
  if (SCRIPT_RUNNERS.test(toolName(words[0]?.value ?? '')) || words[0]?.value === 'source' || words[0]?.value === '.') {
    const operand = words.findIndex((w, i) => i > 0 && !w.value.startsWith('-'));
    // The script operand only: not the code of `-c`/`-e`, nor a module after `-m`.
    const inline = words.slice(1, Math.max(operand, 1)).some((w) => /^-[a-zA-Z]*[ceEmpr]$|^--(eval|print|command)$/.test(w.value));
    if (operand > 0 && !inline) at.push(operand);
  }
  let out = words;
  for (const i of at) {
    const w = out[i];
    if (!w || !w.dynamic || !w.value.includes('/') || w.glob || !/^[^\s'"()<>|;&]+$/.test(w.value.replace(/\$\([^()]*\)/g, ''))) continue;
    const r = resolvePathWord(w.value, { workspace: state.workspace ?? process.cwd(), ...(state.cwd !== undefined ? { cwd: state.cwd } : {}), vars: env, env: process.env });
    if (r.unknown || r.glob || r.paths.length !== 1) continue;
    const path = r.paths[0];
    out = out === words ? [...words] : out;
    out[i] = { raw: quoteWord(path), value: path, dynamic: false, glob: false, substitutions: [] };
  }
  return out;
}

/** A recogniser that cannot make sense of the arguments (`aws s3 rb {}`) says so as an unknown
 *  action: fail closed with the reason, never an exception that ends the whole check. */
async function recogniseSafely(rc: RecognisedCommand, name: string, recognise: NonNullable<ReturnType<typeof recogniserFor>>): Promise<PlannedAction[]> {
  try {
    return await (await recognise)(rc);
  } catch (e) {
    if (e instanceof ShellLimitError || e instanceof RangeError) throw e;
    return [unknownCommand(rc, `Firebreak could not read this ${name} command (${e instanceof Error ? e.message : String(e)}): what it does is not known`)];
  }
}

const MAX_XARGS_LINES = 32;

/** `echo destroy | xargs terraform`: the command with the input the line shows put in (appended, or
 *  in place of the replace string of `-I R`), as shell text; undefined when the input is not shown. */
function xargsWithInput(rc: RecognisedCommand, x: NonNullable<ReturnType<typeof unwrap>['xargs']>): string | undefined {
  if (x.argFile || rc.stdin.kind !== 'text' || rc.stdin.text.length > 65536) return undefined;
  const word = (w: Word, value = w.value) => (w.dynamic ? w.raw : quoteWord(value));
  if (x.replace) {
    const rep = x.replace;
    const lines = rc.stdin.text.split('\n').map((l) => l.trim()).filter(Boolean);
    if (lines.length > MAX_XARGS_LINES) return undefined;
    return lines.map((line) => rc.words.map((w) => word(w, w.value.split(rep).join(line))).join(' ')).join('\n');
  }
  const appended = rc.stdin.text.split(/\s+/).filter(Boolean);
  if (appended.length > 256) return undefined;
  return [...rc.words.map((w) => word(w)), ...appended.map((a) => quoteWord(a))].join(' ');
}

/** Input the line does not show: a value only known at run time takes its place, so `xargs sh -c`
 *  or `xargs terraform` is not judged as if it had no arguments. */
function withXargsPlaceholder(rc: RecognisedCommand, x: NonNullable<ReturnType<typeof unwrap>['xargs']>): void {
  const hole: Word = { raw: `"${XARGS_PLACEHOLDER}"`, value: XARGS_PLACEHOLDER, dynamic: true, glob: false, substitutions: [] };
  if (x.replace) {
    const rep = x.replace;
    rc.words = rc.words.map((w, i) => (i > 0 && w.value.includes(rep) ? { ...w, raw: w.value.split(rep).map((p) => quoteWord(p)).join(hole.raw), value: w.value.split(rep).join(XARGS_PLACEHOLDER), dynamic: true } : w));
  } else rc.words = [...rc.words, hole];
  rc.argv = rc.words.map((w) => w.value);
}

const DECLARING_BUILTINS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

function declared(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    if (eq > 0 && !a.startsWith('-')) out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

/** `PROMPT_COMMAND=...`, `PS4='$(...)'`: variables whose value the shell runs later. */
async function deferredCodeIn(rc: RecognisedCommand, assigned: Record<string, string | undefined>): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const [variable, value] of Object.entries(assigned)) {
    if (value !== undefined) for (const code of [...deferredCode(variable, value), ...commandVariableSet(variable, value)]) out.push(...(await alsoRun(rc, code, variable)));
  }
  return out;
}

/** Shell text a setting runs, walked; or what it runs that cannot be followed, unknown. */
async function alsoRun(rc: RecognisedCommand, also: AlsoRuns, key?: string): Promise<PlannedAction[]> {
  if (also.unknown) return [unknownCommand(rc, also.why, key ?? rc.argv[0])];
  return rc.nested(also.text, { evidence: [commandEvidence(also.why, key)] });
}

/** `> /dev/sda`: only loads the filesystem recogniser when a redirect writes under /dev. */
async function deviceRedirects(cmd: SimpleCommand, rc: RecognisedCommand): Promise<PlannedAction[]> {
  if (!cmd.redirects.some((r) => r.target?.value.startsWith('/dev/'))) return [];
  const { deviceRedirectActions } = await import('./recognisers/filesystem.js');
  // `> /dev/tcp/host/6379`: bash opens a network connection (a data store's port is judged).
  const network = cmd.redirects.some((r) => /^\/dev\/(tcp|udp)\//.test(r.target?.value ?? ''))
    ? (await import('./recognisers/raw-protocol.js')).networkRedirectActions(cmd, rc)
    : [];
  return [...network, ...deviceRedirectActions(cmd, rc)];
}

function baseCommand(cmd: SimpleCommand, frame: Frame, words: Word[], env: Record<string, string | undefined>): RecognisedCommand {
  let source: SourceRef | undefined;
  const rc: RecognisedCommand = {
    argv: words.map((w) => w.value),
    words,
    env,
    stdin: inherited(stdinOf(cmd), frame.stdin),
    // Redacting the command text is the costliest step for local commands: only when used.
    get source() {
      return (source ??= sourceFor(cmd, frame));
    },
    set source(value: SourceRef) {
      source = value;
    },
    hints: { ...frame.hints, ...hintsFromEnv(env) },
    evidence: [...frame.evidence],
    cwd: frame.state.cwd,
    workspace: frame.state.workspace,
    ...(frame.state.container ? { container: frame.state.container } : {}),
    ...(frame.state.remote ? { remote: frame.state.remote } : {}),
    files: (frame.state.files ??= new Map()),
    argsFromStdin: false,
    firstToTouchFiles: frame.depth === 0 ? frame.state.line?.mayHaveWritten === false : frame.firstTouch === true,
    ...(frame.replaysCode ? { replaysCode: true } : {}),
    // The nested text runs inside this command: it carries what the wrappers said (sudo, a
    // profile) as this command does when its recogniser is called.
    nested: (text, extra) =>
      walk(text, {
        source: { ...sourceFor(cmd, frame), ...(extra?.source ?? {}) },
        hints: { ...rc.hints, ...(extra?.env ? hintsFromEnv(extra.env) : {}), ...(extra?.hints ?? {}) },
        evidence: [...rc.evidence, ...(extra?.evidence ?? [])],
        state: {
          // A script file's text: `$0` and `$BASH_SOURCE` are its path as it was run (`$(dirname "$0")`). A
          // sourced file's `$0` stays the shell's own (`bash`, the caller's script): not its path.
          env: { ...(extra?.ownEnvironment ? {} : env), ...(extra?.source?.file ? { ...(extra.sameShell ? {} : { 0: extra.source.file }), BASH_SOURCE: extra.source.file } : {}), ...(extra?.env ?? {}) },
          ...(extra?.source?.file ? scriptArgs(rc.argv, rc.words, extra.source.file) : {}),
          // A process of its own starts from the variables of the shell that started it; text run in
          // the same shell (source, eval, a trap) shares what that shell knows.
          ...(extra?.sameShell
            ? { ...(frame.state.inherited ? { inherited: frame.state.inherited } : {}), ...(frame.state.opaque || frame.depth === 0 || extra.later ? { opaque: true } : {}) }
            : { inherited: { ...(extra?.ownEnvironment ? {} : frame.state.env), ...(extra?.env ?? {}) }, shell: shellOf(rc.argv[0], extra?.source?.file !== undefined) }),
          ...(extra?.sameShell && frame.state.shell !== undefined ? { shell: frame.state.shell } : {}),
          // Elsewhere, the text starts in a folder of that place: not one this machine can name.
          cwd: extra?.remote ? REMOTE_FOLDER : extra && 'cwd' in extra ? extra.cwd : frame.state.cwd,
          workspace: extra?.remote || frame.state.remote ? REMOTE_WORKSPACE : frame.state.workspace,
          ...(extra?.remote ?? frame.state.remote ? { remote: extra?.remote ?? frame.state.remote } : {}),
          ...(extra?.container ?? frame.state.container ? { container: extra?.container ?? frame.state.container } : {}),
          // What this line wrote is on this machine; what the text wrote elsewhere is there.
          files: extra?.remote ? new Map() : (frame.state.files ??= new Map()),
          ...(extra?.sameShell ? {
            ...(frame.state.functions ? { functions: frame.state.functions } : {}),
            ...(frame.state.functionEffects ? { functionEffects: frame.state.functionEffects } : {}),
            ...(frame.state.functionBodies ? { functionBodies: frame.state.functionBodies } : {}),
          } : {}),
          ...(frame.state.budget ? { budget: frame.state.budget } : {}),
          ...(frame.state.line ? { line: frame.state.line } : {}),
        },
        depth: frame.depth + 1,
        ...(extra?.stdin ? { stdin: extra.stdin } : {}),
        ...(extra?.firstToTouchFiles && rc.firstToTouchFiles === true ? { firstTouch: true } : {}),
        ...(extra?.replaysCode ? { replaysCode: true } : {}),
      }),
  };
  return rc;
}

/** The shell a new process runs its text in: the interpreter named (`bash x.sh`, `sh -c`), else a script's
 *  own first line, else not known (a recipe line runs under make's SHELL, /bin/sh unless it says). */
function shellOf(program: string | undefined, scriptFile: boolean): ShellState['shell'] {
  const name = toolName(program ?? '');
  if (/^(bash|zsh|ksh)$/.test(name)) return 'bash';
  if (/^(sh|dash|ash|posh)$/.test(name)) return 'sh';
  return scriptFile ? 'shebang' : 'unknown';
}

/** `../scripts/retry go mod download`, `bash x.sh a b`: the words after the script are its `$@`. */
function scriptArgs(argv: readonly string[], words: readonly Word[], file: string): { args?: string[]; argsExact?: boolean } {
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const at = argv.findIndex((a, i) => i <= 3 && !a.startsWith('-') && (a === file || (base(a) === base(file) && (a.includes('/') || i > 0))));
  return at >= 0 ? { args: argv.slice(at + 1), argsExact: words.length === argv.length && exactWords(words.slice(at + 1)) } : {};
}

/** Words that are each exactly one argument: literal, or one double-quoted expansion (`"${VERSION}"`), never
 *  an unquoted expansion or glob (which may become no word or many) nor `"$@"`. */
function exactWords(words: readonly Word[]): boolean {
  return words.every((w) => (!w.dynamic && !w.glob) || (w.dynamic && !w.glob && /^"[^"]*"$/.test(w.raw) && !/\$(\{)?[@*]|\[[@*]\]/.test(w.raw)));
}

/** A command in nested text with no stdin of its own reads what the enclosing command was given. */
function inherited(own: Stdin, outer: Stdin | undefined): Stdin {
  return own.kind === 'terminal' && outer ? outer : own;
}

function sourceFor(cmd: SimpleCommand, frame: Frame): SourceRef {
  const source: SourceRef = { ...frame.source, kind: 'shell', command: redactSecrets(cmd.text) };
  if (frame.source.line !== undefined) source.line = frame.source.line + cmd.line;
  else if (cmd.line > 0) source.line = 1 + cmd.line;
  return source;
}

function substitutionsOf(cmd: SimpleCommand): string[] {
  const words = [...cmd.words, ...cmd.assignments.map((a) => a.value), ...cmd.redirects.flatMap((r) => (r.target ? [r.target] : []))];
  return words.flatMap((w) => w.substitutions);
}

/** Commands that neither create nor move files (the shell's own state, reads, deletes): after any other
 *  command, or a write redirect, a path absent now may exist when a later command runs. */
const LEAVES_FILES_AS_THEY_ARE = new Set(['cd', 'pushd', 'popd', 'set', 'shopt', 'export', 'unset', 'declare', 'typeset', 'readonly', 'local',
  'echo', 'printf', 'test', '[', '[[', 'true', 'false', ':', 'exit', 'return', 'rm', 'rmdir', 'unlink', 'ls', 'pwd', 'cat', 'which', 'type', 'sleep']);

const FIND_ACTION = /^-(exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)$/;

function mayWriteFiles(cmd: SimpleCommand, env: Record<string, string | undefined>): boolean {
  if (cmd.kind !== 'simple' || substitutionsOf(cmd).length) return true;
  if (cmd.redirects.some((r) => r.op.includes('>'))) return true;
  const words = unwrap(resolveProgramWords(cmd.words, env), env, {}).words;
  // A find that only lists (`find docs -name '*.py' | xargs ...`) makes and moves nothing.
  if (words[0]?.value === 'find' && !words.some((w) => FIND_ACTION.test(w.value))) return false;
  return !words.length ? cmd.words.length > 0 : !LEAVES_FILES_AS_THEY_ARE.has(toolName(words[0].value));
}

/** Commands whose effect is on the shell itself, which later commands in the line inherit. */
/** `handler`: the text a `trap` sets when its word is expanded where trap runs (trap-handlers.ts). */
function trackState(name: string, argv: string[], state: ShellState, handler?: string): void {
  if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'readonly' || name === 'local') {
    // -n (a reference), -a/-A (an array), -i/-l/-u/-c (arithmetic or case): the text assigned is not
    // what `$x` gives afterwards; `x=(...)` is an array whatever the options.
    const attributes = argv.slice(1).filter((a) => /^[-+][a-zA-Z]+$/.test(a)).join('');
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (a.startsWith('-') || a.startsWith('+')) continue;
      const variable = eq > 0 ? a.slice(0, eq) : a;
      if (/n/.test(attributes) && /^[A-Za-z_]\w*$/.test(variable)) {
        const target = eq > 0 ? a.slice(eq + 1) : '';
        (state.namerefs ??= new Map()).set(variable, target);
        state.env[variable] = UNKNOWN_VALUE;
        if (/^[A-Za-z_]\w*$/.test(target)) state.env[target] = UNKNOWN_VALUE;
        continue;
      }
      if (eq <= 0) continue;
      if (/[aAilucI]/.test(attributes) || a.slice(eq + 1).startsWith('(')) state.env[variable] = UNKNOWN_VALUE;
      else Object.assign(state.env, evaluated({ [variable]: a.slice(eq + 1) }, state));
    }
    noteEngineVariables(state.env, Object.fromEntries(argv.slice(1).filter((a) => a.indexOf('=') > 0 && !a.startsWith('-')).map((a) => [a.slice(0, a.indexOf('=')), ''])), (state.files ??= new Map()));
    if (name === 'export' || argv.slice(1).some((a) => /^-[a-zA-Z]*x/.test(a))) noteComputedExports(argv.slice(1), state.files);
  }
  if (name === 'git') {
    const hooks = storedHooksPath(argv);
    if (hooks !== undefined) state.env[HOOKS_PATH_SET_IN_LINE] = hooks;
  }
  if (name === 'trap') {
    const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
    if (args.length >= 2 && !args[0].startsWith('-') && args[0] !== '') (state.traps ??= []).push({ text: handler ?? args[0], env: { ...state.env }, ...(state.cwd !== undefined ? { cwd: state.cwd } : {}) });
  }
  if (name === 'unset') for (const a of argv.slice(1)) if (!a.startsWith('-')) { freezeDependents(state, [a]); state.env[a] = undefined; }
  if (name === 'shift' && state.args) state.args = /^\d+$/.test(argv[1] ?? '1') ? state.args.slice(Number(argv[1] ?? 1)) : undefined;
  if (name === 'set') {
    const set = positionalSet(argv.slice(1));
    // `set -- $X`: what the words become is not counted here, so `$#` and `$1`.. are not read in tests.
    if (set !== 'options') { if (state.args) state.args = set; state.argsExact = false; }
  }
  if (name === 'shift' && !/^\d*$/.test(argv[1] ?? '')) state.argsExact = false;
  if (name === 'pushd' && argv[1] !== undefined && !argv[1].startsWith('-') && !argv[1].startsWith('+')) (state.dirs ??= []).push(state.cwd);
  // Elsewhere, a folder it names is that place's, not the one of this machine by that name.
  const before = state.cwd;
  if (name === 'cd' || name === 'pushd') {
    // `cd -P dir`: options first. `cd -` goes back to the folder the last `cd` of the line left; before any,
    // to the agent shell's $OLDPWD, which the line does not show (unknown).
    const dir = argv.slice(1).find((a) => !/^-[LPe@]+$/.test(a));
    const previous = state.env[PREVIOUS_FOLDER];
    if (state.remote) state.cwd = REMOTE_FOLDER;
    else if (name === 'cd' && dir === '-') state.cwd = previous === undefined ? '$OLDPWD' : previous === '' ? undefined : previous;
    else state.cwd = joinPath(state.cwd, dir ?? '~');
  }
  // `popd` goes back to where the matching `pushd` left (unknown when no pushd was seen).
  if (name === 'popd') state.cwd = state.dirs?.length ? state.dirs.pop() : '$OLDPWD';
  if (name === 'cd' || name === 'pushd' || name === 'popd') state.env[PREVIOUS_FOLDER] = before ?? '';
  if ((name === 'terraform' || name === 'tofu') && argv[1] === 'workspace' && (argv[2] === 'select' || argv[2] === 'new') && argv[3]) {
    state.env.TF_WORKSPACE = argv[argv.length - 1];
  }
  // `go env -w GOMODCACHE=...`: where a later `go clean -modcache` in the line deletes (runners/go-clean.ts).
  if (name === 'go' && argv[1] === 'env' && (argv[2] === '-w' || argv[2] === '-u')) {
    for (const a of argv.slice(3)) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(0, eq) : a;
      if (/^[A-Z][A-Z0-9_]*$/.test(key)) state.env[`${GO_ENV_WRITTEN}${key}`] = argv[2] === '-w' && eq > 0 ? a.slice(eq + 1) : undefined;
    }
  }
  if (name === 'kubectl' && argv[1] === 'config' && argv[2] === 'use-context' && argv[3]) state.env.FIREBREAK_KUBE_CONTEXT = argv[3];
  if (isContainerEngine(name)) trackEngineChoice(argv, (state.files ??= new Map()));
}

/** `set -- a b`, `set -e a b`: the new positional parameters; 'options' when `set` only sets options
 *  (`set -euo pipefail`); undefined when it cannot be told (the parameters are then not known). */
function positionalSet(args: readonly string[]): string[] | 'options' | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return args.slice(i + 1);
    if (/^[-+][a-zA-Z]*o[a-zA-Z]*$/.test(a)) { i++; continue; } // -o NAME, -euo NAME
    if (/^[-+][a-zA-Z]+$/.test(a)) continue;
    return undefined;
  }
  return 'options';
}

function joinPath(cwd: string | undefined, dir: string): string {
  if (dir.startsWith('/') || dir.startsWith('~') || dir.startsWith('$') || cwd === undefined) return dir;
  return `${cwd.replace(/\/$/, '')}/${dir}`;
}

/** Commands that run other shell text: eval, sh -c, source, ssh. */
async function builtin(name: string, rc: RecognisedCommand, frame: Frame): Promise<PlannedAction[] | undefined> {
  const args = rc.argv.slice(1);
  if (name === 'eval') {
    if (rc.words.slice(1).some((w) => w.dynamic)) {
      return [...(await rc.nested(args.join(' '), { sameShell: true })), unknownCommand(rc, 'eval of text built at run time: what runs is not visible')];
    }
    return rc.nested(args.join(' '), { sameShell: true, evidence: [commandEvidence('runs through eval')] });
  }
  if (name === 'source' || name === '.') {
    const file = args[0] ?? '';
    // A routine startup file is skipped, unless this line wrote it: then what it holds is what runs.
    if (ROUTINE_SOURCED_FILES.some((r) => r.test(file)) && !projectFile(rc, file) && !rc.files.has(writtenFileKey(file, rc.cwd))) return [];
    if (!file) return [unknownCommand(rc, 'source without a file', 'source')];
    // A sourced file runs in this shell: it sees (and may call) the functions defined so far.
    const here: RecognisedCommand = Object.assign(Object.create(Object.getPrototypeOf(rc) as object) as RecognisedCommand, rc, { nested: (t: string, e?: NestedOptions) => rc.nested(t, { ...e, sameShell: true }) });
    return runFile(here, file, 'shell');
  }
  if (SHELL_INTERPRETERS.has(name) || OTHER_SHELLS.has(name)) return interpreter(name, rc);
  if (SHELL_STARTERS.has(name)) return shellOnStdin(name, rc);
  if (name === 'ssh') return ssh(rc);
  if (name === 'alias') return aliases(rc);
  if (name === 'hash' || name === 'enable') return rebinds(name, rc);
  void frame;
  return undefined;
}

/** A file of the project (`. ./env.sh` written in the workspace), not a tool's or the user's own
 *  startup file: its name does not make it routine, so it is read. A virtualenv's bin/activate is
 *  generated by Python, not written by the project. */
function projectFile(rc: RecognisedCommand, file: string): boolean {
  if (/(^|\/)bin\/activate(\.\w+)?$/.test(file) || file.startsWith('~') || file.startsWith('$')) return false;
  const workspace = rc.workspace ?? process.cwd();
  const full = resolve(workspace, rc.cwd ?? '.', file);
  return (full === workspace || full.startsWith(`${workspace}/`)) && existsSync(full);
}

/** `alias ll='...'`: the text runs whenever the name is used later (in this line, or in the agent's
 *  shell afterwards), so it is judged where it is defined, like a function body. */
async function aliases(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const [i, a] of rc.argv.slice(1).entries()) {
    const eq = a.indexOf('=');
    if (eq <= 0 || a.startsWith('-')) continue;
    const name = a.slice(0, eq);
    const body = a.slice(eq + 1);
    if (rc.words[i + 1]?.dynamic) out.push(unknownCommand(rc, `alias ${name} is set to text built at run time: what it runs is not visible`, 'alias'));
    out.push(...(await rc.nested(body, { evidence: [commandEvidence(`the alias ${name} runs this text wherever ${name} is used`, 'alias', name)] })));
  }
  return out;
}

/** `hash -p /usr/bin/aws ls`, `enable -f ./x.so ls`: a familiar name now runs another program or
 *  loaded code, so whatever later uses that name is not what it says. */
function rebinds(name: string, rc: RecognisedCommand): PlannedAction[] | undefined {
  const args = rc.argv.slice(1);
  const path = name === 'hash' ? args.findIndex((a) => /^-[a-zA-Z]*p$/.test(a)) : args.findIndex((a) => /^-[a-zA-Z]*f$/.test(a));
  if (path < 0) return name === 'hash' || name === 'enable' ? [] : undefined;
  const target = args[path + 1] ?? '';
  const names = args.slice(path + 2).filter((a) => !a.startsWith('-'));
  const what = name === 'hash' ? `runs ${target}` : `runs code loaded from ${target}`;
  return [unknownCommand(rc, `${name} ${args[path]} makes ${names.join(', ') || 'a command name'} ${what}: later commands by that name are not what they say`, `${name} ${args[path]}`)];
}

async function interpreter(name: string, rc: RecognisedCommand): Promise<PlannedAction[]> {
  const args = rc.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '+o' || a === '-O' || a === '+O') { i++; continue; }
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(a)) {
      const script = args[i + 1];
      if (script === undefined) return [unknownCommand(rc, `${name} -c without a command`)];
      if (rc.words[i + 2]?.dynamic) {
        return [...(await rc.nested(script)), unknownCommand(rc, `${name} -c with text built at run time: what runs is not visible`, '-c')];
      }
      return rc.nested(script, { evidence: [commandEvidence(`runs through ${name} -c`)] });
    }
    // `sh -s -- -b ./bin v1`: the script comes from stdin; the words after are its arguments.
    if (/^-[a-zA-Z]*s[a-zA-Z]*$/.test(a)) break;
    if (a === '--') { if (args[i + 1] !== undefined) return runFile(rc, args[i + 1], 'shell'); break; }
    if (a.startsWith('-') || a.startsWith('+')) continue;
    return runFile(rc, a, 'shell');
  }
  if (rc.stdin.kind === 'text') return rc.nested(rc.stdin.text, { evidence: [commandEvidence(`script fed to ${name} on stdin (${rc.stdin.from})`)] });
  if (rc.stdin.kind === 'opaque') return [unknownCommand(rc, `runs a script from ${rc.stdin.from} in ${name}: its commands are not visible`, 'stdin')];
  return [unknownCommand(rc, `starts an interactive ${name}`, name)];
}

/** `newgrp docker <<< 'cmd'`: the shell it starts runs what it is fed on stdin. */
async function shellOnStdin(name: string, rc: RecognisedCommand): Promise<PlannedAction[]> {
  if (rc.stdin.kind === 'text') return rc.nested(rc.stdin.text, { evidence: [commandEvidence(`fed on stdin (${rc.stdin.from}) to the shell ${name} starts`)] });
  if (rc.stdin.kind === 'opaque') return [unknownCommand(rc, `runs what ${rc.stdin.from} prints in the shell ${name} starts: its commands are not visible`, 'stdin')];
  return [];
}

/** A script file the command runs: read by the code intake (shebang, then extension). */
async function runFile(rc: RecognisedCommand, path: string, language: 'shell'): Promise<PlannedAction[]> {
  const { judgeScriptFile } = await import('../code/index.js');
  return judgeScriptFile(rc, path, { language });
}

async function ssh(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const args = rc.argv.slice(1);
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += SSH_OPTIONS_WITH_ARGUMENT.has(args[i]) ? 2 : 1;
  const host = args[i];
  const remote = args.slice(i + 1).join(' ');
  const { sshLocalCommands } = await import('./ssh-settings.js');
  const local = await sshLocalCommands(rc, args.slice(0, i), 'ssh');
  return [...local, ...(await sshRemote(rc, host, remote))];
}

async function sshRemote(rc: RecognisedCommand, host: string | undefined, remote: string): Promise<PlannedAction[]> {
  if (!host) return [unknownCommand(rc, 'ssh without a host')];
  const hostName = host.replace(/^[^@]*@/, '');
  if (!remote) {
    if (rc.stdin.kind === 'text') return rc.nested(rc.stdin.text, { remote: `remote host ${hostName}`, hints: { endpoint: hostName }, evidence: [commandEvidence(`runs on remote host ${hostName} over ssh`)] });
    return [makeAction(rc, {
      operation: 'unknown', verb: 'ssh', tool: 'ssh', target: { type: 'host', id: hostName }, scope: 'unknown',
      hints: { endpoint: hostName }, evidence: [commandEvidence(`opens a remote shell on ${hostName}: what runs there is not visible`)],
    })];
  }
  return rc.nested(remote, { remote: `remote host ${hostName}`, hints: { endpoint: hostName }, evidence: [commandEvidence(`runs on remote host ${hostName} over ssh`)] });
}

function unparsable(text: string, frame: Frame, why: string): PlannedAction {
  const source: SourceRef = { ...frame.source, kind: 'shell', command: redactSecrets(text.slice(0, 2000)) };
  return {
    source,
    operation: 'unknown',
    verb: 'unparsable',
    tool: 'shell',
    target: { type: 'local:command', id: 'shell' },
    scope: 'unknown',
    hints: { ...frame.hints },
    evidence: [...frame.evidence, commandEvidence(why)],
  };
}
