// Guard variables written into an environment file an agent CLI or direnv loads at start
// (knowledge/guard-variables.ts): `echo FIREBREAK_HOME=/tmp/x >> .env` switches the next session's
// guard to another approval key. What lands in the file is read where the line shows it (a
// redirection, tee, a heredoc, a copy or link of a file); where it does not (an in-place edit, a
// download, a program's output), the command's own words are searched for the names. Other
// variables in .env are routine and pass.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PlannedAction } from '../types.js';
import { PRINTING_COMMANDS } from '../../knowledge/shell-commands.js';
import { ENVIRONMENT_FILE_NAME, GUARD_VARIABLE, ONE_LINE_COMMAND, ONE_LINE_VARIABLE } from '../../knowledge/guard-variables.js';
import { OPAQUE_CONTENT, readFileText, writtenFileKey } from '../code/source.js';
import { editedText } from './env-file-edits.js';
import { expandKnownVariables } from './paths.js';
import { commandEvidence, toolName, type RecognisedCommand } from './command.js';
import { guardAction, pathContext } from './guard-files.js';
import { resolvePathWord } from './path-resolve.js';
import { stdinOf } from './stdin.js';
import type { SimpleCommand } from './syntax.js';
import { copiedText, type WrittenFile } from './written-files.js';
import type { ShellState } from './walk.js';

const WHAT = 'an environment file agents load at start (Gemini CLI reads .env from its folder up and ~/.env; direnv .envrc): hooks inherit what it sets';

/** Guard variables a text sets (`NAME=`, `export NAME=`, `NAME: `), in order. */
export function guardVariablesSet(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*(?:(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:=|:[ \t])|setenv[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t])/gm)) {
    const name = m[1] ?? m[2];
    if (GUARD_VARIABLE.test(name)) out.add(name);
  }
  return [...out];
}

/** Guard variable names anywhere in a text (words of a command whose written content is not visible). */
export function guardVariablesNamed(text: string): string[] {
  // PATH and HOME are everyday words: only as an assignment.
  const named = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).filter((w) => GUARD_VARIABLE.test(w) && w !== 'PATH' && w !== 'HOME');
  const assigned = [...text.matchAll(/\b(PATH|HOME)[ \t]*=/g)].map((m) => m[1]);
  return [...new Set([...named, ...assigned])];
}

export function isEnvironmentFile(path: string): boolean {
  return ENVIRONMENT_FILE_NAME.test(path);
}

/** Tools that edit a file in place: sed -i, perl/ruby -pi, gawk -i inplace, ed/ex, sd. */
const IN_PLACE_EDITORS = new Set(['sed', 'gsed', 'perl', 'ruby', 'awk', 'gawk', 'ed', 'ex', 'sd']);

/** Files this command writes that are environment files, with the guard variables that land in them,
 *  or, where what lands there is not visible, as a possible guard change. */
export function envFileGuardWrites(cmd: SimpleCommand, rc: RecognisedCommand, written: WrittenFile[], state: ShellState, filesBefore?: ShellState['files']): PlannedAction[] {
  const out: PlannedAction[] = [];
  const words = () => [cmd.words.map((w) => w.raw).join(' '), ...cmd.redirects.map((r) => r.target?.raw ?? ''), (() => { const s = stdinOf(cmd); return s.kind === 'text' ? s.text : ''; })()].join('\n');
  const seen = new Set<string>();
  const judge = (path: string, names: string[], how: string) => {
    if (!names.length || seen.has(path)) return;
    seen.add(path);
    out.push(envFileAction(rc, path, names, how));
  };
  const unknown = (path: string, why: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(envFileUnknownAction(rc, path, why));
  };
  const name = rc.argv[0] ? toolName(rc.argv[0]) : '';
  const inPlace = IN_PLACE_EDITORS.has(name) && (name === 'ed' || name === 'ex' || name === 'sd' || rc.argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place') || a === 'inplace'));
  // `true > .env` (how a write by code is replayed) prints nothing; an in-place edit is judged below.
  const printsNothing = (name === 'true' || name === ':') && rc.argv.length === 1;
  for (const w of written) {
    if (!isEnvironmentFile(w.path)) continue;
    if ('hidden' in w && (printsNothing || inPlace)) continue;
    if ('hidden' in w && PRINTING_COMMANDS.has(name) && !unresolvedValues(cmd, state.env).length) {
      judge(w.path, guardVariablesNamed(words()), 'the text written');
      continue;
    }
    // `cat .env.example > .env`: the files cat joins, read like a copy.
    const files = name === 'cat' ? rc.argv.slice(1) : [];
    if ('hidden' in w && files.length && files.every((f) => !f.startsWith('-') && !/[$`*?[]/.test(f))) {
      const texts = files.map((f) => copiedText(state, writtenFileKey(f, state.cwd)));
      const unread = texts.find((t): t is { hidden: string } => 'hidden' in t);
      if (unread) unknown(w.path, unread.hidden);
      else judge(w.path, guardVariablesSet(texts.map((t) => ('text' in t ? t.text : '')).join('\n')), `the text of ${files.join(', ')}`);
      continue;
    }
    if ('text' in w) {
      const unresolved = unresolvedValues(cmd, state.env);
      if (unresolved.length) unknown(w.path, `the text written holds ${unresolved.join(', ')}, known only when it runs (a value can hold a line that sets any variable)`);
      else judge(w.path, guardVariablesSet(expandKnownVariables(w.text, state.env)), 'the text written');
    } else if ('copiedFrom' in w) {
      const copied = copiedText(state, w.copiedFrom);
      if ('text' in copied) judge(w.path, guardVariablesSet(copied.text), `the copy of ${w.copiedFrom}`);
      else {
        judge(w.path, guardVariablesNamed(words()), `the copy of ${w.copiedFrom}`);
        unknown(w.path, copied.hidden);
      }
    } else {
      judge(w.path, guardVariablesNamed(words()), 'the command');
      unknown(w.path, w.hidden);
    }
  }
  if (inPlace) {
    for (const a of rc.argv.slice(1)) {
      if (!isEnvironmentFile(a)) continue;
      judge(a, guardVariablesNamed(words()), `the in-place edit by ${name}`);
      const before = fileTextNow(a, rc, { ...state, files: filesBefore });
      const after = 'text' in before ? (cmd.words.some((w) => w.dynamic) ? { why: 'an edit expression with a value known only when it runs' } : editedText(name, rc.argv, before.text)) : before;
      if ('why' in after) unknown(a, after.why);
      else {
        const was = new Set(guardLines('text' in before ? before.text : ''));
        const made = guardLines(after.text).filter((l) => !was.has(l));
        judge(a, guardVariablesSet(made.join('\n')), `the in-place edit by ${name}, replayed on the file,`);
      }
    }
  }
  return out;
}

/** Lines of a text that set a guard variable. */
function guardLines(text: string): string[] {
  return text.split('\n').filter((l) => guardVariablesSet(l).length);
}

/** The file's text before this command: written earlier in the line, else on disk (an absent file is empty). */
function fileTextNow(path: string, rc: RecognisedCommand, state: ShellState): { text: string } | { why: string } {
  const key = writtenFileKey(path, state.cwd);
  const written = state.files?.get(key);
  // The replay of an in-place edit as `true > FILE` (interpreters.ts) is not an earlier write.
  if (written !== undefined && written !== `${OPAQUE_CONTENT}the output of true`) {
    const c = copiedText(state, key);
    return 'text' in c ? c : { why: c.hidden };
  }
  const resolved = resolvePathWord(path, pathContext(rc)).paths[0] ?? path;
  if (!existsSync(resolved)) return { text: '' };
  const read = readFileText(resolved, path);
  return read.ok ? { text: read.text } : { why: `${path}, which cannot be read (${read.why})` };
}

/** Expansions in the printed words, heredoc or here-string whose value is not known here. */
function unresolvedValues(cmd: SimpleCommand, env: Record<string, string | undefined>): string[] {
  const out = new Set<string>();
  const look = (text: string) => {
    const expanded = expandKnownVariables(text, env);
    for (const m of expanded.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)[^}]*\}?|\$[0-9@*#?$!-]/g)) {
      if (m[1] === undefined || !ONE_LINE_VARIABLE.test(m[1]) || m[0].includes(':') || m[0].includes('/')) out.add(m[0]);
    }
  };
  const subs = (ss: string[]) => { for (const s of ss) if (!ONE_LINE_COMMAND.test(s)) out.add(`$(${s.slice(0, 40)})`); };
  for (let c: SimpleCommand | undefined = cmd; c; c = c.pipedFrom) {
    for (const w of c.words.slice(1)) if (w.dynamic) { look(w.value); subs(w.substitutions); }
    for (const r of c.redirects) {
      if (r.heredoc && !r.heredoc.quoted) { look(r.heredoc.body.replace(/\$\((?:[^()]|\([^()]*\))*\)|`[^`]*`/g, (s) => { subs([s.startsWith('`') ? s.slice(1, -1) : s.slice(2, -1)]); return ''; })); }
      if (r.op === '<<<' && r.target?.dynamic) { look(r.target.value); subs(r.target.substitutions); }
    }
  }
  return [...out];
}

/** The guard action for an environment file that gets guard variables. */
export function envFileAction(rc: RecognisedCommand, path: string, names: string[], how: string): PlannedAction {
  const resolved = resolvePathWord(path, pathContext(rc)).paths[0] ?? path;
  return guardAction(rc, rc.argv[0] ?? 'shell', { touched: resolved, guarded: resolved, what: WHAT, relation: 'is' }, 'write', rc.workspace ?? process.cwd(), [
    commandEvidence(`${how} sets ${names.join(', ')} in ${basename(path)}: a variable that changes the guard or which guard runs`, 'variable', names[0]),
  ]);
}

/** An environment file that gets text nobody can see before it runs: a possible guard change. */
export function envFileUnknownAction(rc: RecognisedCommand, path: string, why: string): PlannedAction {
  const resolved = resolvePathWord(path, pathContext(rc)).paths[0] ?? path;
  return guardAction(rc, rc.argv[0] ?? 'shell', { touched: resolved, guarded: resolved, what: WHAT, relation: 'is' }, 'write', rc.workspace ?? process.cwd(), [
    commandEvidence(`what lands in ${basename(path)} is not known before it runs (${why}): it could set a variable that changes the guard or which guard runs (FIREBREAK_*, PATH, NODE_OPTIONS, LD_PRELOAD...)`, 'unknown-content', why),
  ]);
}

/** Words code may use to write literal text into a file: `open('.env','a').write('X=1\\n')`,
 *  `require('fs').appendFileSync('.env', 'X=1')`. Code with any other name may compute the text. */
const PLAIN_WRITE_WORDS = new Set(['python', 'python3', 'node', 'bun', 'deno', 'ruby', 'perl', 'c', 'e', 'open', 'write', 'writelines', 'close', 'with', 'as', 'f', 'fh', 'fd', 'out',
  'require', 'fs', 'writeFileSync', 'appendFileSync', 'import', 'from', 'pathlib', 'Path', 'write_text', 'encoding', 'utf8', 'utf', 'a', 'w', 'node', 'File', 'IO', 'print', 'puts', 'eval']);

/** A file written by code (`open('.env', 'a')`): the guard variables the code names, or why what
 *  it writes is not known (code that may compute the text: anything beyond writing string literals). */
export function codeEnvFileWrite(path: string, codeFile: string | undefined, commandText: string | undefined): { names: string[] } | { why: string } | undefined {
  if (!isEnvironmentFile(path)) return undefined;
  let text = commandText ?? '';
  let readable = true;
  if (codeFile) {
    try {
      text += `\n${readFileSync(codeFile, 'utf8').slice(0, 1_000_000)}`;
    } catch {
      readable = false;
    }
  }
  const names = guardVariablesNamed(text);
  if (names.length) return { names };
  if (!readable) return { why: `${codeFile}, which cannot be read` };
  // Outside string literals, only the words of a plain write; inside them, no escapes but \n and \t.
  const literals: string[] = [];
  const code = text.replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, (s) => { literals.push(s); return ' '; });
  const computed = [...code.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]).find((w) => !PLAIN_WRITE_WORDS.has(w));
  const escaped = literals.find((l) => /\\[^nt]/.test(l));
  if (computed !== undefined || /[`$+%]|\{/.test(code) || escaped !== undefined) {
    return { why: `the code may compute the text it writes (${computed !== undefined ? `it uses ${computed}` : escaped !== undefined ? `the string ${escaped.slice(0, 30)} holds escapes` : 'it builds strings'})` };
  }
  return { names: [] };
}
