// Peels wrappers off a command (sudo, env, timeout, nohup, su -c, flock, setsid, xargs, uv run,
// aws-vault exec, ...) so the recogniser sees the command that really runs, plus what the
// wrappers said. Commands a tool runs from a setting (`git -c core.sshCommand=...`,
// `tar --to-command=...`, `BASH_ENV=file`) are returned as `alsoRuns`, walked as shell text.
import type { EnvironmentHints, Evidence } from '../../model.js';
import { isInstalledProgramPath } from '../../knowledge/shell-commands.js';
import { CODE_LOADING_VARIABLES, COMMAND_OPTIONS, COMMAND_VARIABLES, JVM_CODE_OPTION, JVM_OPTION_VARIABLES, PROGRAM_FOLDER_VARIABLES, LESS_PREPROCESSOR_VARIABLES, DEFERRED_CODE_VARIABLES, EXPORTED_FUNCTION_VARIABLE, FRAMEWORK_MODULES, FRAMEWORK_SCRIPTS, GLOBAL_OPTIONS_BEFORE_SUBCOMMAND, SHELL_STARTUP_VARIABLES, SUBCOMMAND_WRAPPERS, WRAPPERS, type WrapperSpec } from '../../knowledge/wrappers.js';
import { SHELL_INTERPRETERS } from '../../knowledge/shell-commands.js';
import { commandEvidence, toolName } from './command.js';
import { commandsInOptions, withFullLongOptions } from './command-options.js';
import { CURL_LONG_OPTIONS } from '../../knowledge/curl-options.js';
import { lessArguments, lessVariable } from './less-commands.js';
import { wgetWithOptions } from './wget-commands.js';
import { LESS_OPTION_VARIABLES, LESS_PAGING_PROGRAMS, LESSKEY_VARIABLES } from '../../knowledge/less.js';
import type { Word } from './syntax.js';

export interface Unwrapped {
  words: Word[];
  env: Record<string, string | undefined>;
  evidence: Evidence[];
  hints: EnvironmentHints;
  argsFromStdin: boolean;
  /** The last wrapper seen, when it left no command to run (`sudo -i`, bare `xargs`). */
  emptyWrapper?: string;
  /** `command -v x`: nothing runs. */
  lookupOnly: boolean;
  /** Shell text the command also runs: a setting, an option or a startup file names it. */
  alsoRuns: AlsoRuns[];
  /** The command runs under xargs: its input becomes arguments (appended, or put in place of the
   *  replace string `-I {}`), read from stdin or from a file (`-a FILE`). */
  xargs?: { replace?: string; argFile?: string; delimiter?: string; /** Its options as written, each with its value. */ options?: string[] };
  /** The wrappers peeled, in order (`uv run`, `sudo`): what they set up decides what a name runs (a project's entry point under `uv run`). */
  peeled?: string[];
}

/** Shell text run because a setting names it; or, with `unknown`, something run that Firebreak cannot follow (`why` says what). */
export interface AlsoRuns { text: string; why: string; unknown?: boolean }

const MAX_WRAPPERS = 16;

/**
 * @param env the environment in force (shared with the line: never written, copied on change)
 * @param own variables the command itself sets (`X=1 cmd`), which say what it runs
 */
export function unwrap(words: Word[], env: Record<string, string | undefined>, own: Record<string, string | undefined> = {}): Unwrapped {
  const out: Unwrapped = { words, env, evidence: [], hints: {}, argsFromStdin: false, lookupOnly: false, alsoRuns: [] };
  const owned = { env: false };
  const ownVariables = { ...own };
  for (let round = 0; round < MAX_WRAPPERS && out.words.length; round++) {
    const name = toolName(out.words[0].value);
    const at = subcommandAt(name, out.words);
    const sub = out.words[at]?.value;
    const subSpec = sub !== undefined && Object.hasOwn(SUBCOMMAND_WRAPPERS, name) && Object.hasOwn(SUBCOMMAND_WRAPPERS[name], sub) ? SUBCOMMAND_WRAPPERS[name][sub] : undefined;
    if (subSpec) {
      // `hatch -e test run cmd`: the program's own options before the subcommand choose where it runs, not what.
      if (at > 1) out.evidence.push(commandEvidence(`${name} ${out.words.slice(1, at).map((w) => w.value).join(' ')}: ${name}'s own options, before \`${sub}\``, 'options', name));
      out.words = out.words.slice(at);
      (out.peeled ??= []).push(`${name} ${sub}`);
      peel(out, `${name} ${sub}`, subSpec, owned, ownVariables);
      if (subSpec.pythonFiles && out.words.length && /\.pyw?$/i.test(out.words[0].value)) out.words = [literalWord('python3'), ...out.words];
    } else if (Object.hasOwn(WRAPPERS, name)) {
      const spec = WRAPPERS[name];
      if (spec.onlyFor && !spec.onlyFor.has(sub ?? '')) break;
      (out.peeled ??= []).push(name);
      peel(out, name, spec, owned, ownVariables);
    } else break;
    if (out.lookupOnly) break;
  }
  frameworkEntryPoint(out);
  if (out.words.length && toolName(out.words[0].value) === 'wget') out.words = wgetWithOptions(out.words);
  if (out.words.length && toolName(out.words[0].value) === 'curl') out.words = withFullLongOptions(out.words, CURL_LONG_OPTIONS);
  commandsInSettings(out, ownVariables);
  return out;
}

/** Where the subcommand of `name` stands: after the program's own options when they are known
 *  (GLOBAL_OPTIONS_BEFORE_SUBCOMMAND), otherwise right after the program. */
function subcommandAt(name: string, words: readonly Word[]): number {
  const globals = Object.hasOwn(GLOBAL_OPTIONS_BEFORE_SUBCOMMAND, name) ? GLOBAL_OPTIONS_BEFORE_SUBCOMMAND[name] : undefined;
  if (!globals) return 1;
  let i = 1;
  while (i < words.length && words[i].value.startsWith('-') && words[i].value !== '--') i += globals.valued.has(words[i].value) ? 2 : 1;
  return i;
}

const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** `python manage.py flush` is Django's `manage.py flush`, `python -m django` is `django-admin`:
 *  the command is judged by what Django does, not by reading manage.py (boilerplate). */
function frameworkEntryPoint(out: Unwrapped): void {
  if (!out.words.length || !PYTHON.test(toolName(out.words[0].value))) return;
  for (let i = 1; i < out.words.length; i++) {
    const a = out.words[i].value;
    if (a === '-m' && FRAMEWORK_MODULES.has(out.words[i + 1]?.value ?? '')) {
      out.words = [literalWord('django-admin'), ...out.words.slice(i + 2)];
      return;
    }
    if (a.startsWith('-')) {
      if (a === '-W' || a === '-X') i++;
      else if (a === '-c' || a === '-m') return; // code or a module: the code readers' part
      continue;
    }
    if (FRAMEWORK_SCRIPTS.has(toolName(a))) out.words = out.words.slice(i);
    return;
  }
}

function peel(out: Unwrapped, name: string, spec: WrapperSpec, owned: { env: boolean }, ownVariables: Record<string, string | undefined>): void {
  const args = out.words.slice(1);
  const setEnv = (key: string, value: string | undefined) => {
    if (!owned.env) { out.env = { ...out.env }; owned.env = true; }
    out.env[key] = value;
    ownVariables[key] = value;
  };
  let i = 0;
  let operands = spec.operands ?? 0;
  let exact = false;
  let argv = false;
  let chdir: Word | undefined;
  while (i < args.length) {
    const a = args[i].value;
    if (a === '--') { i++; break; }
    if (a.startsWith('-') && a.length > 1) {
      const option = optionAt(args, i, spec);
      if (spec.lookupOnly?.has(option.name)) { out.lookupOnly = true; return; }
      if (name === 'env') envOption(out, option.name, option.value, setEnv);
      if (name === 'sudo') sudoOption(out, option.name, option.value);
      if (name === 'xargs') {
        xargsOption(out, option.name, option.value, args[i].value);
        out.xargs!.options = [...(out.xargs!.options ?? []), ...args.slice(i, i + option.width).map((w) => w.value)];
      }
      if (spec.profileOptions?.has(option.name) && option.value) out.hints.profile = option.value;
      if (spec.hostOptions?.has(option.name) && option.value) out.hints.endpoint = option.value;
      if (spec.joinsCommand?.unless.has(option.name)) exact = true;
      if (spec.chdir?.has(option.name) && option.word) chdir = option.word;
      if (spec.argvAfter?.has(option.name)) argv = true;
      if (name === 'env' && (option.name === '-S' || option.name === '--split-string')) {
        // env -S 'cmd args': the string is split into words
        const split = (option.value ?? '').split(/\s+/).filter(Boolean).map(literalWord);
        out.words = [...split, ...args.slice(i + option.width)];
        return;
      }
      if (spec.commandString?.has(option.name) && option.word) {
        finish(out, name, spec);
        out.words = [literalWord('sh'), literalWord('-c'), option.word];
        return;
      }
      if (spec.commandAfter?.has(option.name)) {
        // `nix develop .#x -c cargo build`: what follows the option is the command
        finish(out, name, spec);
        out.words = args.slice(i + 1);
        if (!out.words.length) out.emptyWrapper = name;
        return;
      }
      i += option.width;
      continue;
    }
    // env takes any name without `=` (`env 'BASH_FUNC_f%%=() { ...; }' bash`); the shell only plain names.
    if (spec.assignments && (name === 'env' ? /^[^=\s-][^=]*=/ : /^[A-Za-z_][A-Za-z0-9_]*=/).test(a)) {
      const eq = a.indexOf('=');
      setEnv(a.slice(0, eq), a.slice(eq + 1));
      i++;
      continue;
    }
    if (operands > 0 || spec.operandsUntilDashDash) {
      if (spec.profileOperand) out.hints.profile = a;
      operands--;
      i++;
      continue;
    }
    break;
  }
  finish(out, name, spec);
  const rest = args.slice(i);
  if (spec.operandsAreNotCommands && !argv) {
    // `su user -c cmd`, `script -c cmd out.log`: the command string may follow the operands.
    const at = rest.findIndex((w) => spec.commandString?.has(w.value));
    const text = at >= 0 ? rest[at + 1] : undefined;
    const after = rest.findIndex((w) => spec.commandAfter?.has(w.value));
    out.words = text ? [literalWord('sh'), literalWord('-c'), text] : after >= 0 ? rest.slice(after + 1) : spec.argvAfterFile && rest.length > 1 ? rest.slice(1) : [];
    if (!out.words.length) out.emptyWrapper = name;
    return;
  }
  if (spec.joinsCommand && !exact && rest.length) {
    out.words = [literalWord('sh'), literalWord('-c'), joined(rest)];
    return;
  }
  out.words = rest;
  // `env -C /srv rm -rf data`: the command runs in that folder, as after `cd`.
  if (chdir && rest.length) {
    const quoted = (w: Word) => (w.dynamic ? w.raw : quoteWord(w.value));
    const text = `cd ${quoted(chdir)} && ${rest.map(quoted).join(' ')}`;
    out.words = [literalWord('sh'), literalWord('-c'), { raw: text, value: text, dynamic: chdir.dynamic || rest.some((w) => w.dynamic), glob: false, substitutions: [] }];
    return;
  }
  if (!out.words.length) {
    if (spec.noCommandIsHarmless) out.lookupOnly = true;
    else out.emptyWrapper = name;
  }
}

/** The option at args[i]: its name, its value (attached, `=`, or the next word) and how many words it takes. */
function optionAt(args: Word[], i: number, spec: WrapperSpec): { name: string; value?: string; word?: Word; width: number } {
  const a = args[i].value;
  const eq = a.indexOf('=');
  if (a.startsWith('--') && eq > 0) {
    const value = a.slice(eq + 1);
    return { name: a.slice(0, eq), value, word: literalWordFrom(args[i], value), width: 1 };
  }
  if (spec.commandAfter?.has(a)) return { name: a, width: 1 };
  const takes = (o: string) => spec.optionsWithArgument.has(o) || !!spec.commandString?.has(o) || !!spec.profileOptions?.has(o) || !!spec.hostOptions?.has(o);
  if (takes(a)) return { name: a, value: args[i + 1]?.value, word: args[i + 1], width: 2 };
  if (!a.startsWith('--') && a.length > 2) {
    // A cluster of short options (`-Eu root`, `-n5`): the first that takes a value ends it.
    for (let j = 1; j < a.length; j++) {
      const o = `-${a[j]}`;
      if (spec.lookupOnly?.has(o)) return { name: o, width: 1 };
      if (!takes(o)) continue;
      const attached = a.slice(j + 1);
      return attached
        ? { name: o, value: attached, word: literalWordFrom(args[i], attached), width: 1 }
        : { name: o, value: args[i + 1]?.value, word: args[i + 1], width: 2 };
    }
  }
  return { name: a, width: 1 };
}

function finish(out: Unwrapped, name: string, spec: WrapperSpec): void {
  if (name === 'sudo') out.evidence.push(commandEvidence('runs with elevated privileges (sudo)', 'sudo'));
  if (name === 'xargs') {
    out.xargs ??= {};
    out.argsFromStdin = true;
    out.evidence.push(commandEvidence('arguments are appended from stdin by xargs: the targets are not visible in the command', 'xargs'));
  }
  if (spec.says) out.evidence.push(commandEvidence(spec.says, name));
}

function xargsOption(out: Unwrapped, opt: string, value: string | undefined, word: string): void {
  const x = (out.xargs ??= {});
  if (opt === '-I' && value !== undefined) x.replace = value;
  // `-i` and `--replace` take an optional attached value (default `{}`).
  if (word === '--replace' || word.startsWith('--replace=')) x.replace = word.slice(10) || '{}';
  else if (/^-i/.test(word)) x.replace = word.slice(2) || '{}';
  if ((opt === '-a' || opt === '--arg-file') && value !== undefined) x.argFile = value;
  if ((opt === '-d' || opt === '--delimiter') && value !== undefined) x.delimiter = value;
}

function envOption(out: Unwrapped, opt: string, value: string | undefined, setEnv: (k: string, v: string | undefined) => void): void {
  if (opt === '-i' || opt === '--ignore-environment' || opt === '-') {
    for (const k of Object.keys(out.env)) setEnv(k, undefined);
    out.evidence.push(commandEvidence('starts with an empty environment (env -i)', 'env -i'));
  }
  if ((opt === '-u' || opt === '--unset') && value) setEnv(value, undefined);
}

function sudoOption(out: Unwrapped, opt: string, value: string | undefined): void {
  if ((opt === '-u' || opt === '--user') && value) out.evidence.push(commandEvidence(`runs as user ${value}`, 'sudo -u', value));
  if (opt === '-i' || opt === '-s' || opt === '--login' || opt === '--shell') {
    out.evidence.push(commandEvidence('starts a root shell', opt));
  }
}

/** `git -c core.sshCommand=...`, `tar --to-command=...`, `GIT_SSH_COMMAND=... git`, `BASH_ENV=f bash`. */
function commandsInSettings(out: Unwrapped, own: Record<string, string | undefined>): void {
  if (!out.words.length || out.lookupOnly) return;
  const tool = toolName(out.words[0].value);
  const args = out.words.slice(1).map((w) => w.value);
  // git's own settings (`git -c core.pager=...`, `git config alias.x '!...'`) are judged by the git
  // recogniser (recognisers/git-runs.ts), which also follows hooks folders and included files.
  const options = Object.hasOwn(COMMAND_OPTIONS, tool) ? COMMAND_OPTIONS[tool] : undefined;
  if (options) {
    const env = options.environment ? { [options.environment]: own[options.environment] ?? out.env[options.environment] } : {};
    for (const found of commandsInOptions(options, args, env)) {
      out.alsoRuns.push({ text: found.value, why: `${tool} ${found.option}${found.from ? ` (in ${found.from})` : ''}: ${options.says}` });
    }
  }
  for (const [variable, what] of Object.entries(COMMAND_VARIABLES)) {
    const mine = own[variable];
    const inherited = variable.startsWith('GIT_') && tool === 'git' ? out.env[variable] : undefined;
    const value = mine ?? inherited;
    if (!value) continue;
    out.alsoRuns.push({ text: commandVariableText(variable, value), why: `${variable}: ${what}` });
  }
  // BSD and macOS `more` is less.
  if (tool === 'less' || tool === 'more') for (const f of lessArguments(args)) out.alsoRuns.push('runs' in f ? { text: f.runs, why: `less: ${f.why}` } : { text: '', why: f.unknown, unknown: true });
  for (const [variable, value] of Object.entries(own)) {
    if (value !== undefined) out.alsoRuns.push(...deferredCode(variable, value));
  }
  out.alsoRuns.push(...lessSetOutOfSight(out, tool));
  for (const variable of SHELL_STARTUP_VARIABLES) {
    const value = own[variable] ?? (SHELL_INTERPRETERS.has(tool) ? out.env[variable] : undefined);
    if (value) out.alsoRuns.push({ text: `. ${quoteWord(value)}`, why: `${variable}=${value}: a shell started by this command first runs that file` });
  }
  for (const [variable, what] of Object.entries(PROGRAM_FOLDER_VARIABLES)) {
    const value = own[variable];
    if (!value?.trim() || isInstalledProgramPath(`${value.replace(/\/+$/, '')}/`)) continue;
    out.alsoRuns.push({ text: `unset ${variable}; enable -f ${quoteWord(value)} program-folder`, why: `${variable}=${value}: ${what}, which is not an installed program's: code nobody has read` });
  }
  for (const variable of JVM_OPTION_VARIABLES) {
    const value = own[variable];
    if (value && JVM_CODE_OPTION.test(value)) out.alsoRuns.push({ text: `unset ${variable}; enable -f ${quoteWord(value)} jvm-agent`, why: `${variable}=${value}: every Java program this command starts loads that code first` });
  }
  for (const [variable, loads] of Object.entries(CODE_LOADING_VARIABLES)) {
    const value = own[variable] ?? (tool === 'unset' ? undefined : out.env[variable]);
    if (!value?.trim()) continue;
    // Judged once, here: the text itself runs without the variable.
    if (loads === 'preload') {
      for (const lib of value.split(/[\s:]+/).filter(Boolean)) out.alsoRuns.push({ text: `unset ${variable}; enable -f ${quoteWord(lib)} preloaded`, why: `${variable}=${value}: every program this command starts loads ${lib} first` });
    } else {
      // `NODE_OPTIONS="$NODE_OPTIONS --x"` keeps what the user set outside the line.
      const self = new RegExp(`^\\$\\{?${variable}\\}?$`);
      const options = value.trim().split(/\s+/).filter((o) => !self.test(o)).map(quoteWord).join(' ');
      out.alsoRuns.push({ text: `unset ${variable}; ${loads.program} ${options} ${loads.code}`, why: `${variable}=${value}: every ${loads.program} this command starts takes these options` });
    }
  }
}

/** The shell text a command variable's value runs as. */
function commandVariableText(variable: string, value: string): string {
  // less fills in the file names: `|lesspipe %s`.
  // npm hands its shell each script with -c: `sh` alone would be an interactive shell.
  return LESS_PREPROCESSOR_VARIABLES.has(variable) ? value.replace(/^\|?\|?-?/, '').replace(/%s/g, 'FILE') : /^npm_config_(script_)?shell$/.test(variable) ? `${value} -c :` : value;
}

/** A command variable set without a command (`export PAGER=...`, `LESSOPEN=...`): every program a later
 *  command starts that reads it runs it, so it is judged where it is set. git's own are judged where
 *  git runs (git reads the line's environment). */
export function commandVariableSet(variable: string, value: string): AlsoRuns[] {
  if (!Object.hasOwn(COMMAND_VARIABLES, variable) || variable.startsWith('GIT_') || !value.trim()) return [];
  return [{ text: commandVariableText(variable, value), why: `${variable}: ${COMMAND_VARIABLES[variable]}` }];
}

/** Shell text a variable's value will run later (a prompt command, a prompt's substitutions, an
 *  exported function body, a less initial command), or nothing for an ordinary variable. */
export function deferredCode(variable: string, value: string): AlsoRuns[] {
  const kind = Object.hasOwn(DEFERRED_CODE_VARIABLES, variable) ? DEFERRED_CODE_VARIABLES[variable] : undefined;
  if (kind === 'command') return [{ text: value, why: `${variable}: the shell runs it before every prompt` }];
  if (kind === 'prompt' && /\$\(|`/.test(value)) {
    // The prompt is expanded like a double-quoted string: its command substitutions run.
    return [{ text: `: "${value.replace(/[\\"]/g, '\\$&')}"`, why: `${variable}: the shell expands it (and runs its command substitutions) each time it shows it` }];
  }
  const fn = EXPORTED_FUNCTION_VARIABLE.exec(variable);
  if (fn) return [{ text: value.replace(/^\s*\(\s*\)\s*/, ''), why: `${variable}: a child bash defines the function ${fn[1]} from it` }];
  // LESS is read by every less a later command starts (git log, man, systemctl): judged where it is set.
  if (LESS_OPTION_VARIABLES.has(variable)) {
    if (knownOnlyAtRunTime(variable, value)) return [{ text: '', why: `${variable}=${value}: what it holds is known only at run time, and a +!command there runs at every less a later command starts`, unknown: true }];
    return lessVariable(variable, value).map((f) => ('runs' in f ? { text: f.runs, why: f.why } : { text: '', why: f.unknown, unknown: true }));
  }
  // vim (and nvim, ex) runs VIMINIT / EXINIT as Ex commands at start, in place of a vimrc.
  if ((variable === 'VIMINIT' || variable === 'EXINIT') && value.trim()) return [{ text: `vim -c ${quoteWord(value)}`, why: `${variable}: every vim a later command starts runs it as Ex commands` }];
  // `export CDPATH=/srv`: every later `cd data` in this shell may go to /srv/data, while the text says ./data.
  if (variable === 'CDPATH' && value.trim() && value.trim() !== '.') {
    return [{ text: '', why: `CDPATH=${value}: every later relative cd looks in ${value} first, so where later commands run is not the folder they name`, unknown: true }];
  }
  if (LESSKEY_VARIABLES.has(variable) && value.trim() && value !== '/dev/null') {
    return [{ text: '', why: `${variable}=${value}: every less a later command starts (git log, man, systemctl) reads its keys and variables (LESS, LESSOPEN) from there, which Firebreak does not follow`, unknown: true }];
  }
  return [];
}

/** A value bash has not expanded here: a substitution or a variable (LESS's own `$` ends a string
 *  option). `LESS="$LESS -R"` keeps what the user set outside the line: not counted. */
function knownOnlyAtRunTime(variable: string, value: string): boolean {
  return /\$[({A-Za-z_]|`/.test(value.replace(new RegExp(`\\$\\{?${variable}\\}?(?![A-Za-z0-9_])`, 'g'), ''));
}

/** LESS set out of sight (`read LESS`, `printf -v LESS`, a nameref) reaches the programs that page through less. */
function lessSetOutOfSight(out: Unwrapped, tool: string): AlsoRuns[] {
  if (!LESS_PAGING_PROGRAMS.has(tool)) return [];
  const found: AlsoRuns[] = [];
  for (const variable of LESS_OPTION_VARIABLES) {
    const value = out.env[variable];
    if (value !== undefined && knownOnlyAtRunTime(variable, value)) found.push({ text: '', why: `${variable} was set where its value is not visible: ${tool} pages through less, which runs a +!command in it`, unknown: true });
  }
  return found;
}

/** Words joined by spaces after quote removal, as `watch` and `sg` hand them to `sh -c`. */
export function joined(words: readonly Word[]): Word {
  const value = words.map((w) => w.value).join(' ');
  return { raw: value, value, dynamic: words.some((w) => w.dynamic), glob: false, substitutions: [] };
}

export function literalWord(value: string): Word {
  return { raw: value, value, dynamic: value.includes('$'), glob: /[*?[]/.test(value), substitutions: [] };
}

/** Part of a word (`--command=X`): dynamic if the word was. */
function literalWordFrom(from: Word, value: string): Word {
  return { ...literalWord(value), dynamic: from.dynamic || value.includes('$') };
}

/** Quotes a value for shell text when it needs it. */
export function quoteWord(s: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
