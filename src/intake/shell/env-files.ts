// Guard variables written into an environment file an agent CLI or direnv loads at start
// (knowledge/guard-variables.ts): `echo FIREBREAK_HOME=/tmp/x >> .env` switches the next session's
// guard to another approval key. What lands in the file is read where the line shows it (a
// redirection, tee, a heredoc, a copy or link of a file); where it does not (an in-place edit, a
// download, a program's output), the command's own words are searched for the names. Other
// variables in .env are routine and pass.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { PlannedAction } from '../types.js';
import { ENVIRONMENT_FILE_NAME, GUARD_VARIABLE } from '../../knowledge/guard-variables.js';
import { commandEvidence, type RecognisedCommand } from './command.js';
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

/** Files this command writes that are environment files, with the guard variables that land in them. */
export function envFileGuardWrites(cmd: SimpleCommand, rc: RecognisedCommand, written: WrittenFile[], state: ShellState): PlannedAction[] {
  const out: PlannedAction[] = [];
  const words = () => [cmd.words.map((w) => w.raw).join(' '), ...cmd.redirects.map((r) => r.target?.raw ?? ''), (() => { const s = stdinOf(cmd); return s.kind === 'text' ? s.text : ''; })()].join('\n');
  const seen = new Set<string>();
  const judge = (path: string, names: string[], how: string) => {
    if (!names.length || seen.has(path)) return;
    seen.add(path);
    out.push(envFileAction(rc, path, names, how));
  };
  for (const w of written) {
    if (!isEnvironmentFile(w.path)) continue;
    if ('text' in w) judge(w.path, guardVariablesSet(w.text), 'the text written');
    else if ('copiedFrom' in w) {
      const copied = copiedText(state, w.copiedFrom);
      judge(w.path, 'text' in copied ? guardVariablesSet(copied.text) : guardVariablesNamed(words()), `the copy of ${w.copiedFrom}`);
    } else judge(w.path, guardVariablesNamed(words()), 'the command');
  }
  // In-place edits (`sed -i`, `perl -pi`) and anything else that changes the file without a visible text.
  const inPlace = rc.argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'));
  if (inPlace) for (const a of rc.argv.slice(1)) if (isEnvironmentFile(a)) judge(a, guardVariablesNamed(words()), `the in-place edit by ${rc.argv[0]}`);
  return out;
}

/** The guard action for an environment file that gets guard variables. */
export function envFileAction(rc: RecognisedCommand, path: string, names: string[], how: string): PlannedAction {
  const resolved = resolvePathWord(path, pathContext(rc)).paths[0] ?? path;
  return guardAction(rc, rc.argv[0] ?? 'shell', { touched: resolved, guarded: resolved, what: WHAT, relation: 'is' }, 'write', rc.workspace ?? process.cwd(), [
    commandEvidence(`${how} sets ${names.join(', ')} in ${basename(path)}: a variable that changes the guard or which guard runs`, 'variable', names[0]),
  ]);
}

/** A file written by code (`open('.env', 'a')`): the code's text is searched for guard variable names. */
export function codeEnvFileWrite(path: string, codeFile: string | undefined, commandText: string | undefined): string[] {
  if (!isEnvironmentFile(path)) return [];
  let text = commandText ?? '';
  if (codeFile) {
    try {
      text += `\n${readFileSync(codeFile, 'utf8').slice(0, 1_000_000)}`;
    } catch {
      /* not readable: the command's words only */
    }
  }
  return guardVariablesNamed(text);
}
