// Commands that run other commands given as strings: `trap 'cmd' EXIT`, GNU `parallel`,
// `hyperfine 'cmd'`, `concurrently "cmd" "npm:x"`, `npm-run-all`/`run-s`/`run-p`, and editors
// told to run a shell command (`vim -c ':!cmd'`, `vim +'!cmd'`, `ex -s <<< '!cmd'`, `emacs --eval`).
import type { PlannedAction } from '../../types.js';
import { commandEvidence, toolName, XARGS_PLACEHOLDER, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { trapHandlerNow } from '../trap-handlers.js';
import { cannotFollow } from './follow.js';
import { nearestPackage } from './node/package-json.js';
import { runDirectory } from './project.js';

/** `trap 'cmd' SIGNAL...`: the handler runs when the signal (or EXIT) comes. */
export const trap: Recogniser = async (rc) => {
  let args = rc.argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (!args.length || args[0] === '-p' || args[0] === '-l' || args[0] === '-P') return [];
  const handler = args[0];
  if (handler === '-' || handler === '' || args.length < 2) return [];
  const now = trapHandlerNow(rc);
  if (now !== undefined) return rc.nested(now, { sameShell: true, later: true, evidence: [commandEvidence(`runs when the shell gets ${args.slice(1).join(' ')} (trap), as \`${now}\`: the handler is expanded where trap runs`, 'trap')] });
  if (rc.words[rc.argv.length - args.length]?.dynamic) {
    return [...(await rc.nested(handler, { sameShell: true, later: true })), cannotFollow(rc, 'trap with a handler built at run time: what runs is not visible', 'trap')];
  }
  return rc.nested(handler, { sameShell: true, later: true, evidence: [commandEvidence(`runs when the shell gets ${args.slice(1).join(' ')} (trap)`, 'trap')] });
};

const PARALLEL_VALUED = new Set(['-j', '--jobs', '-P', '--max-procs', '-a', '--arg-file', '--colsep', '-C', '-d', '--delimiter', '-E', '--eof', '-I', '--joblog', '--results',
  '--res', '-N', '-n', '--max-args', '--timeout', '--delay', '--retries', '--halt', '--halt-on-error', '--tmpdir', '--workdir', '--wd', '-L', '--max-lines', '-l', '--tagstring',
  '--env', '-S', '--sshlogin', '--slf', '--sshloginfile', '--basefile', '--bf', '--return', '--transfer-file', '--tf', '--memfree', '--load', '--nice', '--ssh',
  '--block', '--block-size', '--recstart', '--recend', '--tee', '--pipe-part', '--shebang-wrap', '--sqlandworker', '--sqlmaster', '--sqlworker', '--limit', '--termseq', '--rpl', '--plus']);
const ARGUMENT_SEPARATORS = new Set([':::', '::::', ':::+', '::::+']);

/** `--name=value` -> its name and the attached value; any other word is its own name. */
function longOption(a: string): { name: string; inline?: string } {
  const eq = a.indexOf('=');
  return a.startsWith('--') && eq > 0 ? { name: a.slice(0, eq), inline: a.slice(eq + 1) } : { name: a };
}

/** GNU parallel: `parallel CMD ::: args`, `parallel ::: cmd1 cmd2`, `cmds | parallel`. */
export const parallel: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const evidence = [commandEvidence('runs through GNU parallel', 'parallel')];
  let i = 0;
  const hosts: string[] = [];
  let quoted = false;
  let argFiles = false;
  let pipe = false;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || ARGUMENT_SEPARATORS.has(a)) break;
    if (a === '--dry-run' || a === '--dryrun') return [];
    const { name, inline } = longOption(a);
    const value = inline ?? (PARALLEL_VALUED.has(a) ? args[++i] : undefined);
    if ((name === '-S' || name === '--sshlogin') && value) hosts.push(value);
    if (name === '--slf' || name === '--sshloginfile') hosts.push(`hosts in ${value}`);
    if (name === '-a' || name === '--arg-file') argFiles = true;
    if (name === '--pipe' || name === '--pipepart' || name === '--pipe-part' || name === '--spreadstdin') pipe = true;
    if (name === '-q' || name === '--quote' || (/^-[a-zA-Z]+$/.test(a) && !PARALLEL_VALUED.has(a) && a.includes('q'))) quoted = true;
  }
  if (hosts.length) evidence.push(commandEvidence(`runs on remote hosts: ${hosts.join(', ')} (--sshlogin)`, '--sshlogin', hosts.join(',')));
  const rest = args.slice(i);
  const sep = rest.findIndex((a) => ARGUMENT_SEPARATORS.has(a));
  const command = sep < 0 ? rest : rest.slice(0, sep);
  const values = sep < 0 ? [] : rest.slice(sep + 1).filter((a) => !ARGUMENT_SEPARATORS.has(a));
  const fromFiles = argFiles || (sep >= 0 && rest[sep].startsWith('::::'));
  const hint = hosts.length && !hosts[0].startsWith('hosts in') ? { endpoint: hosts[0].replace(/^[^@]*@/, '') } : {};
  const out: PlannedAction[] = [];
  if (!command.length) {
    // The arguments (or stdin lines) are the commands.
    if (sep >= 0 && !fromFiles) {
      for (const v of values) out.push(...(await rc.nested(v, { evidence, hints: hint })));
      return out;
    }
    if (rc.stdin.kind === 'text' && !fromFiles) return rc.nested(rc.stdin.text, { evidence: [...evidence, commandEvidence(`commands read from stdin (${rc.stdin.from})`)], hints: hint });
    return [cannotFollow(rc, `parallel runs commands read from ${fromFiles ? 'a file' : rc.stdin.kind === 'opaque' ? rc.stdin.from : 'stdin'}: they are not visible`, 'parallel')];
  }
  if (pipe) return rc.nested(commandLine(command, undefined, quoted), { evidence: [...evidence, commandEvidence('stdin is split into blocks fed to each job (--pipe)', '--pipe')], hints: hint });
  // Without `:::` the arguments are the lines of stdin (or of `-a`/`::::` files). GNU parallel joins
  // the command's words with spaces for the shell (unless -q) and quotes each argument it puts in.
  const shown = !values.length && !fromFiles && rc.stdin.kind === 'text' ? rc.stdin.text.split('\n').map((l) => l.trim()).filter(Boolean) : values;
  if (!shown.length || fromFiles || shown.length > 64) {
    const why = fromFiles ? 'arguments come from a file: the targets are not visible' : 'arguments come from stdin: the targets are not visible';
    return rc.nested(commandLine(command, undefined, quoted), { evidence: [...evidence, commandEvidence(why, 'parallel')], hints: hint });
  }
  for (const v of shown) out.push(...(await rc.nested(commandLine(command, v, quoted), { evidence, hints: hint })));
  return out;
};

const REPLACEMENT = /\{\}|\{\.\}|\{\/\}|\{\/\.\}|\{\/\/\}|\{#\}|\{%\}|\{\d+\}/g;
/** The shell line GNU parallel runs for one argument (`undefined`: one it cannot see, which stays a
 *  run-time value). The argument replaces the replacement strings, or is appended when there are none. */
function commandLine(command: string[], value: string | undefined, quoted: boolean): string {
  const arg = value === undefined ? `"${XARGS_PLACEHOLDER}"` : quoteWord(value);
  const hasReplacement = command.some((w) => new RegExp(REPLACEMENT.source).test(w));
  if (quoted) {
    // -q: each word stays one word; an argument put inside a word becomes part of that word.
    const inWord = value ?? XARGS_PLACEHOLDER;
    const words = command.map((w) => quoteWord(w.replace(REPLACEMENT, inWord)));
    return [...words, ...(hasReplacement ? [] : [arg])].join(' ');
  }
  const text = command.join(' ');
  return hasReplacement ? text.replace(REPLACEMENT, arg) : `${text} ${arg}`;
}

const HYPERFINE_VALUED = new Set(['-w', '--warmup', '-m', '--min-runs', '-M', '--max-runs', '-r', '--runs', '-S', '--shell', '-u', '--time-unit', '--export-asciidoc',
  '--export-csv', '--export-json', '--export-markdown', '--export-orgmode', '--style', '-n', '--command-name', '--output', '--input', '-D', '--parameter-step-size', '--sort']);
const HYPERFINE_COMMANDS = new Set(['-p', '--prepare', '-c', '--cleanup', '-s', '--setup', '--conclude']);

/** `hyperfine 'cmd a' 'cmd b' --prepare 'x'`: every string is run, many times. */
export const hyperfine: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const commands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const { name, inline } = longOption(a);
    if (HYPERFINE_COMMANDS.has(name)) { const v = inline ?? args[++i]; if (v) commands.push(v); continue; }
    if (name === '-L' || name === '--parameter-list') { i += 2; continue; }
    if (name === '-P' || name === '--parameter-scan') { i += 3; continue; }
    if (HYPERFINE_VALUED.has(name)) { if (inline === undefined) i++; continue; }
    if (a.startsWith('-')) continue;
    commands.push(a);
  }
  const out: PlannedAction[] = [];
  for (const c of commands) out.push(...(await rc.nested(c, { evidence: [commandEvidence('run repeatedly by hyperfine', 'hyperfine')] })));
  return out;
};

const CONCURRENTLY_VALUED = new Set(['-n', '--names', '--name-separator', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format',
  '-s', '--success', '--restart-tries', '--restart-after', '--default-input-target', '-m', '--max-processes', '--kill-signal', '--kill-timeout', '--hide']);

/** `concurrently "cmd" "npm:watch-*"`: each string is a command; `npm:x` is `npm run x`. */
export const concurrently: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const commands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const { name, inline } = longOption(a);
    if (name === '--teardown') { const v = inline ?? args[++i]; if (v) commands.push(v); continue; }
    if (CONCURRENTLY_VALUED.has(name)) { if (inline === undefined) i++; continue; }
    if (a.startsWith('-')) continue;
    commands.push(a);
  }
  const out: PlannedAction[] = [];
  for (const c of commands) {
    const m = /^(npm|yarn|pnpm|bun|node):(.+)$/.exec(c);
    const texts = m ? scriptNames(rc, m[2]).map((s) => `${m[1] === 'node' ? 'npm' : m[1]} run ${quoteWord(s.name)}${s.args ? ` ${s.args}` : ''}`) : [c];
    for (const t of texts) out.push(...(await rc.nested(t, { evidence: [commandEvidence('run by concurrently', 'concurrently')] })));
  }
  return out;
};

/** `npm-run-all -s a b -p c`, `run-s build:*`, `run-p watch:*`: package scripts by name or glob. */
export const runAll: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--npm-path' || a === '--max-parallel') { i++; continue; }
    if (a.startsWith('-')) continue;
    names.push(a);
  }
  const out: PlannedAction[] = [];
  const tool = toolName(rc.argv[0]);
  const dir = runDirectory(rc);
  const pkg = dir.ok ? nearestPackage(rc, dir.value) : undefined;
  if (pkg && !pkg.ok && pkg.missing) return []; // no package.json: npm-run-all stops with an error
  for (const n of names) {
    const found = scriptNames(rc, n);
    if (!found.length) { out.push(cannotFollow(rc, `${tool}: no script matches ${n}, so what runs is not known`, n)); continue; }
    for (const s of found) out.push(...(await rc.nested(`npm run ${quoteWord(s.name)}${s.args ? ` -- ${s.args}` : ''}`, { evidence: [commandEvidence(`run by ${tool}`, tool)] })));
  }
  return out;
};

/** Script names matching `build:*` / `lint:**` in the nearest package.json; a plain name as is. */
function scriptNames(rc: RecognisedCommand, spec: string): { name: string; args: string }[] {
  const [pattern, ...rest] = spec.trim().split(/\s+/);
  const args = rest.join(' ');
  if (!/[*]/.test(pattern)) return [{ name: pattern, args }];
  const dir = runDirectory(rc);
  const pkg = dir.ok ? nearestPackage(rc, dir.value) : undefined;
  if (!pkg?.ok) return [];
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^:]*').replace(/\u0000/g, '.*')}$`);
  return Object.keys(pkg.value.scripts).filter((s) => re.test(s)).map((name) => ({ name, args }));
}

/** vim, nvim, vi, ex, view: `-c`, `--cmd`, `+cmd` and ex-mode stdin are editor commands; those that
 *  run a shell command (`:!cmd`, `:r !cmd`, `:w !cmd`, `:%!cmd`) are walked; code and scripts
 *  (`:call system()`, `:py`, `:lua`, `:source`, `-S file`) are unknown. */
export const vim: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const commands: { text: string; from: string }[] = [];
  const unknown: string[] = [];
  // ed reads its commands from stdin, as vim's Ex mode does; of them only `!cmd` runs anything.
  const ed = toolName(rc.argv[0]) === 'ed' || toolName(rc.argv[0]) === 'red';
  let exMode = toolName(rc.argv[0]) === 'ex' || ed;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a === '-c' || a === '--cmd') { const v = args[++i]; if (v !== undefined) commands.push({ text: v, from: a }); continue; }
    // `ex -sc CMD`, `vim -esc CMD`: short flags run together, the last one `-c` taking the next word.
    if (/^-[a-zA-Z]+c$/.test(a)) { if (/[eE]/.test(a)) exMode = true; const v = args[++i]; if (v !== undefined) commands.push({ text: v, from: '-c' }); continue; }
    if (a.startsWith('+') && a.length > 1) { commands.push({ text: a.slice(1), from: '+' }); continue; }
    if (a === '-S') { const v = args[i + 1]; if (v && !v.startsWith('-')) i++; unknown.push(`-S ${v ?? 'Session.vim'} sources a Vim script`); continue; }
    if (a === '-s' && !exMode) { unknown.push(`-s ${args[++i] ?? ''} replays keystrokes from a file`); continue; } // in Ex mode, -s is silent
    if (a === '-u' || a === '-U' || a === '-i' || a === '-T' || a === '-r' || a === '-t' || a === '-q' || a === '-w' || a === '-W') {
      const v = args[++i];
      if ((a === '-u' || a === '-U') && v && v !== 'NONE' && v !== 'NORC' && v !== 'DEFAULTS') unknown.push(`${a} ${v} loads a Vim script as configuration`);
      if (a === '-W' || a === '-w') unknown.push(`${a} ${v ?? ''} records or replays keystrokes`);
      continue;
    }
    if (/^-[a-zA-Z]*[eE][a-zA-Z]*$/.test(a) && !a.startsWith('--')) exMode = true;
  }
  if (exMode && rc.stdin.kind === 'text') for (const line of rc.stdin.text.split('\n')) commands.push({ text: line, from: 'ex mode stdin' });
  if (exMode && rc.stdin.kind === 'opaque') unknown.push(`ex mode reads editor commands from ${rc.stdin.from}`);
  const out: PlannedAction[] = unknown.map((why) => cannotFollow(rc, `${toolName(rc.argv[0])} ${why}: what it runs is not visible`, 'vim'));
  for (const c of commands) {
    for (const step of vimCommands(c.text).filter((step) => !ed || step.kind === 'shell')) {
      if (step.kind === 'shell') out.push(...(await rc.nested(step.text, { evidence: [commandEvidence(`${toolName(rc.argv[0])} ${c.from} runs a shell command: ${step.text}`, c.from)] })));
      else out.push(cannotFollow(rc, `${toolName(rc.argv[0])} ${c.from} '${c.text}': ${step.text}`, 'vim'));
    }
  }
  return out;
};

type VimStep = { kind: 'shell'; text: string } | { kind: 'unknown'; text: string };

/** Vim commands that run code or other commands, beyond `:!`: unknown. */
const VIM_CODE = /^(cal|call|exe|exec|execu|execut|execute|py|pyt|pyth|pytho|python|py3|python3|pyx|pythonx|pyf|pyfile|py3f|py3file|pyxf|pyxfile|pydo|py3do|pyxdo|lua|luafile|luado|perl?|perldo?|rub|ruby|rubydo?|rubyfile|rubyf|so|sou|sour|sourc|source|runtime?|ter|term|termi|termin|termina|terminal|sh|she|shel|shell|norm|norma|normal|g|gl|glo|glob|globa|global|v|vg|vglobal|windo|bufdo|argdo|tabdo|cdo|ldo|cfdo|lfdo|au|aut|auto|autoc|autocm|autocmd|com|comm|comma|comman|command|do|doau|doautocmd|redi|redir)(\b|!|\/|$)/;
const VIM_PROCESS = /\b(system|systemlist|job_start|jobstart|termopen|term_start|libcall|libcallnr)\s*\(/;

/** The shell commands (and code) in a line of Vim commands separated by `|`. */
export function vimCommands(line: string): VimStep[] {
  const out: VimStep[] = [];
  let rest = line;
  for (let guard = 0; rest.trim() && guard < 64; guard++) {
    let cmd = rest.replace(/^[\s:]+/, '');
    cmd = cmd.replace(/^(?:[%.$]|\d+|'[a-zA-Z<>]|[,;+-]\d*|\/(?:[^/\\]|\\.)*\/|\?(?:[^?\\]|\\.)*\?)+/, '').replace(/^\s+/, '');
    cmd = cmd.replace(/^sil(?:e(?:n(?:t)?)?)?!?\s+/, '');
    if (cmd.startsWith('!')) { out.push({ kind: 'shell', text: cmd.slice(1) }); return out; } // `!` takes the rest, `|` included
    const piped = /^(?:r|re|rea|read)\s*!(.*)$/s.exec(cmd) ?? /^(?:w|wr|wri|writ|write|up|upd|upda|updat|update)\s+!(.*)$/s.exec(cmd);
    if (piped) { out.push({ kind: 'shell', text: piped[1] }); return out; }
    if (VIM_PROCESS.test(cmd)) out.push({ kind: 'unknown', text: 'calls a process from Vim script, which Firebreak does not read' });
    else if (VIM_CODE.test(cmd)) out.push({ kind: 'unknown', text: `runs Vim code (${cmd.split(/[\s!/]/)[0]}), which Firebreak does not read` });
    const bar = cmd.indexOf('|');
    if (bar < 0) break;
    rest = cmd.slice(bar + 1);
  }
  return out;
}

/** `emacs --eval EXPR`, `-l FILE`, `--script FILE`, `-f FUNC`: Emacs Lisp that nobody read. */
export const emacs: Recogniser = (rc) => {
  const args = rc.argv.slice(1);
  const out: PlannedAction[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const { name, inline } = longOption(a);
    if (['--eval', '-l', '--load', '--script', '-f', '--funcall', '-x'].includes(name)) {
      const v = inline ?? args[++i];
      out.push(cannotFollow(rc, `emacs ${name} ${v ?? ''}: runs Emacs Lisp, which Firebreak does not read`, 'emacs'));
    }
  }
  return out;
};
