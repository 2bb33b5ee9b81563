// What git runs besides itself, judged where the command says it: commands in settings (`git -c
// core.pager=...`, `git config alias.x '!...'`, GIT_CONFIG_* variables, a config file named by
// GIT_CONFIG_GLOBAL or included with include.path), hooks in a folder the command points git at
// (`-c core.hooksPath=dir`, `git config core.hooksPath dir`, `clone --template=dir`), command
// options of subcommands (`rebase --exec`, `--upload-pack`, `filter-branch --tree-filter`),
// command tails (`bisect run`, `submodule foreach`), `ext::` transports, and `--exec-path`.
// A setting stored with `git config` runs at some later git command that looks harmless, so it is
// judged when it is stored. Hooks already in .git/hooks are no commit's: writing them is judged as
// a write to a file git runs (guarded-paths.ts), and git subcommands that run hooks read them by the
// written-code rule (src/intake/code/implicit.ts, knowledge/implicit-code.ts LOADING_SUBCOMMANDS).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { GIT_COMMAND_OPTIONS, GIT_COMMAND_TAILS, GIT_HOOK_NAMES, GIT_INCLUDE_SETTING, GIT_TEMPLATE_SUBCOMMANDS } from '../../../knowledge/git.js';
import { GIT_BANG_SETTINGS, GIT_COMMAND_SETTINGS } from '../../../knowledge/wrappers.js';
import { commandEvidence, unknownCommand, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { scriptPath } from '../../code/source.js';

/** Global options of git that take a value. */
export const GIT_GLOBAL_WITH_ARGUMENT: ReadonlySet<string> = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--super-prefix', '--exec-path', '--config-env']);

interface Setting {
  key: string;
  /** undefined: the value is only known at run time. */
  value: string | undefined;
  /** How the command sets it, for the evidence. */
  how: string;
  /** Stored by `git config`: it runs at later git commands, not only this one. */
  stored?: boolean;
}

const MAX_INCLUDES = 8;
const MAX_HOOKS = 32;

/** Where the shell state keeps a core.hooksPath the line stores (`git config core.hooksPath dir`). */
export const HOOKS_PATH_SET_IN_LINE = '\0git core.hooksPath';
const HOOK_RUNNING_SUBCOMMANDS: ReadonlySet<string> = new Set(['commit', 'merge', 'rebase', 'am', 'push', 'pull', 'checkout', 'switch', 'cherry-pick', 'revert', 'gc', 'worktree', 'clone']);

/** The folder `git [options] config [--global|--local] core.hooksPath DIR` stores, if this is that command. */
export function storedHooksPath(argv: readonly string[]): string | undefined {
  const args = argv.slice(1);
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) if (GIT_GLOBAL_WITH_ARGUMENT.has(args[i])) i++;
  if (args[i] !== 'config') return undefined;
  const rest = args.slice(i + 1);
  if (rest.some((a) => /^--(unset|get|list|remove-section|rename-section)/.test(a))) return undefined;
  const k = rest.findIndex((a) => /^core\.hookspath$/i.test(a));
  return k >= 0 ? rest[k + 1] : undefined;
}

/** Everything the git command line makes git run besides git itself, as actions. */
export async function gitRuns(cmd: RecognisedCommand, repository: string | undefined): Promise<PlannedAction[]> {
  const args = cmd.argv.slice(1);
  const out: PlannedAction[] = [];
  const settings: Setting[] = [];
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    const a = args[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const attached = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : a.startsWith('-c') && a.length > 2 ? a.slice(2) : undefined;
    const value = attached ?? (GIT_GLOBAL_WITH_ARGUMENT.has(name) ? args[++i] : undefined);
    if (name === '-c' || (a.startsWith('-c') && !a.startsWith('--'))) settings.push(...parsePairs(value, '-c'));
    if (name === '--config-env' && value) {
      // `--config-env=core.pager=PAGER_CMD`: the value is that variable's.
      const at = value.lastIndexOf('=');
      if (at > 0) settings.push({ key: value.slice(0, at), value: cmd.env[value.slice(at + 1)], how: `--config-env ${value}` });
    }
    if (name === '--exec-path' && value !== undefined) {
      out.push(unknownCommand(cmd, `git --exec-path=${value} runs its subcommands as programs from ${value}: what they do is not known`, '--exec-path'));
    }
  }
  settings.push(...environmentSettings(cmd));
  const sub = args[i];
  const rest = args.slice(i + 1);
  if (sub === 'config') settings.push(...storedSettings(rest));
  // `git config core.hooksPath dir && ... && git commit`: the setting is not on disk when the line is
  // judged, so the hooks of the folder it names (with those the line writes there) are judged here.
  const hooksSetEarlier = cmd.env[HOOKS_PATH_SET_IN_LINE];
  if (hooksSetEarlier !== undefined && sub !== undefined && HOOK_RUNNING_SUBCOMMANDS.has(sub)) {
    out.push(...(await judgeHooks(cmd, hooksSetEarlier, repository, `git config core.hooksPath earlier in this command: git ${sub} runs the hooks in ${hooksSetEarlier}`)));
  }

  out.push(...(await judgeSettings(cmd, settings, repository)));
  if (sub === undefined) return out;

  const options = Object.hasOwn(GIT_COMMAND_OPTIONS, sub) ? GIT_COMMAND_OPTIONS[sub] : undefined;
  if (options) {
    for (let j = 0; j < rest.length; j++) {
      const a = rest[j];
      if (a === '--') break;
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a.startsWith('-') && !a.startsWith('--') && a.length > 2 ? a.slice(0, 2) : a;
      const kind = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!kind) continue;
      // `grep -O` alone opens the default pager: its value is attached or nothing.
      const value = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : a.length > 2 && !a.startsWith('--') ? a.slice(2) : sub === 'grep' ? undefined : rest[++j];
      if (value === undefined || value === '') continue;
      if (sub === 'send-email' && name === '--smtp-server' && !value.startsWith('/')) continue; // a host name, not a program
      out.push(...(await runText(cmd, kind, value, `git ${sub} ${name}`)));
    }
  }
  const tail = Object.hasOwn(GIT_COMMAND_TAILS, sub) ? GIT_COMMAND_TAILS[sub] : undefined;
  if (tail) {
    const at = rest.indexOf(tail.after);
    if (at >= 0) {
      const words = rest.slice(at + 1).filter((w, k, all) => !(tail.form === 'sh' && k < all.length - 1 && /^--(recursive|quiet)$|^-q$/.test(w)));
      const text = tail.form === 'argv' ? words.map(quoteWord).join(' ') : words.filter((w) => !/^--(recursive|quiet)$|^-q$/.test(w)).join(' ');
      if (text) out.push(...(await cmd.nested(text, { evidence: [commandEvidence(`git ${sub} ${tail.after} runs this command`, `${sub} ${tail.after}`)] })));
    }
  }
  if (GIT_TEMPLATE_SUBCOMMANDS.has(sub)) {
    const template = valueOf(rest, '--template');
    if (template !== undefined) out.push(...(await judgeHooks(cmd, join(template, 'hooks'), repository, `git ${sub} --template=${template} copies its hooks into the repository`)));
  }
  for (const a of rest) {
    const ext = /^(?:--[a-z-]+=)?ext::(.+)$/.exec(a);
    if (ext) out.push(...(await cmd.nested(extCommand(ext[1]), { evidence: [commandEvidence(`the ext:: transport ${a} makes git run this command`, 'ext::')] })));
  }
  return out;
}

/** `k=v` (one -c) or shell-quoted `'k'='v' 'k2'='v2'` (GIT_CONFIG_PARAMETERS). */
function parsePairs(text: string | undefined, how: string): Setting[] {
  if (text === undefined) return [];
  const eq = text.indexOf('=');
  if (eq <= 0) return [{ key: text, value: 'true', how }];
  return [{ key: text.slice(0, eq), value: text.slice(eq + 1), how }];
}

/** GIT_CONFIG_COUNT/KEY_n/VALUE_n, GIT_CONFIG_PARAMETERS, and the config files GIT_CONFIG_GLOBAL,
 *  GIT_CONFIG_SYSTEM and GIT_CONFIG name. */
function environmentSettings(cmd: RecognisedCommand): Setting[] {
  const env = cmd.env;
  const out: Setting[] = [];
  const count = Number(env.GIT_CONFIG_COUNT ?? '0');
  for (let n = 0; n < Math.min(Number.isFinite(count) ? count : 0, 64); n++) {
    const key = env[`GIT_CONFIG_KEY_${n}`];
    if (key) out.push({ key, value: env[`GIT_CONFIG_VALUE_${n}`], how: `GIT_CONFIG_KEY_${n}` });
  }
  const params = env.GIT_CONFIG_PARAMETERS;
  if (params !== undefined) {
    for (const m of params.matchAll(/'((?:[^']|'\\'')*)'(?:='((?:[^']|'\\'')*)')?/g)) {
      out.push({ key: m[1].replace(/'\\''/g, "'"), value: (m[2] ?? 'true').replace(/'\\''/g, "'"), how: 'GIT_CONFIG_PARAMETERS' });
    }
  }
  for (const variable of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG']) {
    const file = env[variable];
    if (file === undefined || file === '' || file === '/dev/null') continue;
    out.push({ key: 'include.path', value: file, how: variable });
  }
  return out;
}

/** `git config [--global|--file F|--add|...] KEY VALUE`, `git config set [...] KEY VALUE`. */
function storedSettings(rest: readonly string[]): Setting[] {
  let words = [...rest];
  if (words[0] === 'set') words = words.slice(1);
  else if (/^(get|list|unset|rename-section|remove-section|edit|get-regexp|get-urlmatch)$/.test(words[0] ?? '')) return [];
  const positionals: string[] = [];
  const withValue = new Set(['-f', '--file', '--blob', '--type', '--default', '--comment', '--value']);
  for (let j = 0; j < words.length; j++) {
    const a = words[j];
    if (a === '--') { positionals.push(...words.slice(j + 1)); break; }
    if (/^(--get|--get-all|--get-regexp|--get-urlmatch|-l|--list|--unset|--unset-all|--remove-section|--rename-section|-e|--edit)$/.test(a)) return [];
    if (a.startsWith('-')) {
      if (withValue.has(a)) j++;
      continue;
    }
    positionals.push(a);
  }
  const [key, value] = positionals;
  return key !== undefined && value !== undefined ? [{ key, value, how: `git config ${key}`, stored: true }] : [];
}

async function judgeSettings(cmd: RecognisedCommand, settings: Setting[], repository: string | undefined): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  const queue = [...settings];
  let includes = 0;
  while (queue.length) {
    const s = queue.shift()!;
    const when = s.stored ? 'git will run this setting as a command at later git commands' : 'git runs this setting as a command';
    if (GIT_INCLUDE_SETTING.test(s.key)) {
      if (s.value === undefined) { out.push(unknownCommand(cmd, `${s.how} names a git config file only known at run time: the commands it may set are not visible`, s.how)); continue; }
      if (++includes > MAX_INCLUDES) { out.push(unknownCommand(cmd, 'git config files include each other too often to follow', s.how)); break; }
      // A relative include stored in the repository's config is relative to .git/, where that file is.
      const read = readConfig(s.value, s.stored && repository ? join(repository, '.git') : repository);
      if (read === undefined) {
        if (!s.stored) out.push(unknownCommand(cmd, `${s.how} makes git read ${s.value}, which Firebreak cannot read here: the commands it may set are not visible`, s.how));
        continue;
      }
      queue.push(...read.map((r) => ({ ...r, how: `${s.value} (${s.how})`, ...(s.stored ? { stored: true } : {}) })));
      continue;
    }
    if (!GIT_COMMAND_SETTINGS.some((re) => re.test(s.key))) continue;
    if (s.value === undefined) { out.push(unknownCommand(cmd, `${s.how} sets ${s.key}, a command git runs, to a value only known at run time`, s.key)); continue; }
    if (/^core\.hookspath$/i.test(s.key)) {
      out.push(...(await judgeHooks(cmd, s.value, repository, `${s.how}: git runs the hooks in ${s.value}`)));
      continue;
    }
    if (GIT_BANG_SETTINGS.test(s.key) && !s.value.startsWith('!')) continue; // a git subcommand or mode
    // A boolean where git also accepts a command (core.fsmonitor=true) runs nothing.
    if (/^(true|false|yes|no|on|off|1|0)$/i.test(s.value)) continue;
    const text = s.value.startsWith('!') ? s.value.slice(1) : s.value;
    if (text.trim()) out.push(...(await cmd.nested(text, { evidence: [commandEvidence(`${s.how}: ${when}`, s.key, s.value)] })));
  }
  return out;
}

/** `[section "sub"] key = value` lines of a git config file, as settings; undefined if unreadable. */
function readConfig(file: string, repository: string | undefined): Omit<Setting, 'how'>[] | undefined {
  const path = file.startsWith('~/') && process.env.HOME ? join(process.env.HOME, file.slice(2)) : isAbsolute(file) ? file : resolve(repository ?? process.cwd(), file);
  let text: string;
  try {
    if (statSync(path).size > 1_000_000) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const out: Omit<Setting, 'how'>[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (head) { section = head[2] !== undefined ? `${head[1]}.${head[2]}` : head[1]; continue; }
    const kv = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
    if (kv && section) out.push({ key: `${section}.${kv[1]}`, value: unquoteConfig(kv[2] ?? 'true') });
  }
  return out;
}

function unquoteConfig(v: string): string {
  const noComment = v.replace(/\s+[#;].*$/, '');
  return noComment.startsWith('"') && noComment.endsWith('"') ? noComment.slice(1, -1).replace(/\\"/g, '"') : noComment;
}

/** The hooks in a folder git is pointed at: each is a script git runs, read like `./hook`. */
async function judgeHooks(cmd: RecognisedCommand, dir: string, repository: string | undefined, why: string): Promise<PlannedAction[]> {
  if (/[$`]/.test(dir)) return [unknownCommand(cmd, `${why}, a folder only known at run time`, 'hooks')];
  const base = repository ?? cmd.workspace ?? process.cwd();
  const absolute = dir.startsWith('~/') && process.env.HOME ? join(process.env.HOME, dir.slice(2)) : isAbsolute(dir) ? dir : resolve(base, dir);
  // Hooks this line writes there (`echo ... > /tmp/h/pre-commit && git -c core.hooksPath=/tmp/h commit`):
  // judged on what it wrote, whatever is on disk.
  const written = [...cmd.files.keys()].filter((k) => {
    const at = scriptPath({ workspace: cmd.workspace }, k);
    return dirname(at) === absolute && GIT_HOOK_NAMES.has(basename(at));
  });
  let names: string[];
  try {
    names = readdirSync(absolute);
  } catch {
    names = []; // no folder yet: what a later command puts there is read when a git command runs it
  }
  const out: PlannedAction[] = [];
  for (const key of written) out.push(...(await cmd.nested(quoteWord(key), { evidence: [commandEvidence(`${why}: the ${basename(key)} hook, written earlier in this command`, 'hook', basename(key))] })));
  const hooks = names.filter((n) => GIT_HOOK_NAMES.has(n) && !written.some((k) => basename(k) === n)).slice(0, MAX_HOOKS);
  for (const name of hooks) {
    out.push(...(await cmd.nested(quoteWord(join(absolute, name)), { evidence: [commandEvidence(`${why}: the ${name} hook`, 'hook', name)] })));
  }
  return out;
}

/** Shell text for a command run with `sh`, a program path, or Python code. */
async function runText(cmd: RecognisedCommand, kind: 'sh' | 'program' | 'python', value: string, how: string): Promise<PlannedAction[]> {
  if (kind === 'python') return [unknownCommand(cmd, `${how} runs Python code that git-filter-repo compiles at run time: what it does is not judged`, how)];
  return cmd.nested(value, { evidence: [commandEvidence(`${how}: git runs this ${kind === 'sh' ? 'command' : 'program'}`, how, value)] });
}

/** `ext::sh -c cmd% arg`: words split at spaces; `% ` is a space inside a word, `%%` a percent,
 *  `%s`/`%S`/`%G`/`%V` are filled in by git. */
function extCommand(spec: string): string {
  const words: string[] = [''];
  for (let k = 0; k < spec.length; k++) {
    const c = spec[k];
    if (c === '%' && k + 1 < spec.length) {
      const n = spec[++k];
      words[words.length - 1] += n === ' ' ? ' ' : n === '%' ? '%' : 'git-upload-pack';
    } else if (c === ' ') words.push('');
    else words[words.length - 1] += c;
  }
  return words.filter(Boolean).map(quoteWord).join(' ');
}

function valueOf(args: readonly string[], option: string): string | undefined {
  for (let j = 0; j < args.length; j++) {
    if (args[j] === option) return args[j + 1];
    if (args[j].startsWith(`${option}=`)) return args[j].slice(option.length + 1);
  }
  return undefined;
}
