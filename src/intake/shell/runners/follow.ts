// What every runner does once it knows what runs: walk each recipe line / script as shell text
// inside the runner's command, with evidence naming the file and line it came from.
import { INSTALLED_PROGRAM_FOLDERS, isInstalledProgramPath } from '../../../knowledge/shell-commands.js';
import { isInputError } from '../../../errors.js';
import { CODE_LOADERS } from '../../code/loaders.js';
import { quoteWord } from '../unwrap.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, unknownCommand, type NestedOptions, type RecognisedCommand } from '../command.js';
import { isLocalCommand } from '../local.js';
import { toolName } from '../command.js';
import { redactSecrets } from '../redact.js';

/** One piece of shell text a runner found, and where. */
export interface Step {
  text: string;
  /** `Makefile:14 (target teardown)`, `package.json scripts.test`. */
  where: string;
  env?: Record<string, string | undefined>;
  /** Working directory of the step, as `cd` would take it (relative to the workspace). */
  cwd?: string;
}

export async function runSteps(rc: RecognisedCommand, steps: readonly Step[], extra: Omit<NestedOptions, 'env' | 'cwd'> = {}, options: { firstFindsFiles?: boolean } = {}): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  let first = true;
  for (const step of steps) {
    if (!step.text.trim()) continue;
    // The runner ran nothing before its first step: one simple command there finds the files the
    // runner's own command found (`npm run typecheck` running `node ./node_modules/typescript/bin/tsc`).
    const alone = first && options.firstFindsFiles === true && !/[;&|`<>\n]|\$\(/.test(step.text.trim());
    first = false;
    try {
      out.push(...(await rc.nested(step.text, {
        ...(alone ? { firstToTouchFiles: true } : {}),
        ...extra,
        evidence: [...(extra.evidence ?? []), commandEvidence(`runs ${step.where}: ${firstLine(step.text)}`, 'recipe', step.where)],
        ...(step.env ? { env: step.env } : {}),
        ...(step.cwd !== undefined ? { cwd: step.cwd } : {}),
      })));
    } catch (e) {
      // A recipe line a recogniser refuses (`aws s3 rb` without a bucket) is unknown, with where it is.
      if (!isInputError(e)) throw e;
      out.push(cannotFollow(rc, `${step.where}: ${firstLine(step.text)}: ${e.message}`));
    }
  }
  return out;
}

/** The runner could not see what runs: one unknown action that says why. */
export function cannotFollow(rc: RecognisedCommand, why: string, verb?: string): PlannedAction {
  return unknownCommand(rc, why, verb);
}

/** A subcommand that runs nothing of the project's (`npm ls`, `docker ps`): local, or unknown. */
export function notARunner(rc: RecognisedCommand): PlannedAction[] {
  const name = toolName(rc.argv[0]);
  if (isLocalCommand(name, rc.argv)) return [];
  const sub = rc.argv.slice(1).find((a) => !a.startsWith('-'));
  return [unknownCommand(rc, `\`${name}${sub ? ` ${sub}` : ''}\` is not a subcommand Firebreak recognises, so it is not assumed safe`)];
}

function firstLine(text: string): string {
  const line = redactSecrets(text.trim().split('\n')[0]);
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh']);
const INLINE_FLAG: Readonly<Record<string, string>> = { node: '-e', nodejs: '-e', bun: '-e', ruby: '-e', perl: '-e', php: '-r', deno: 'eval', Rscript: '-e' };

/**
 * Shell text that runs `body` with the program an interpreter line names (`#!/usr/bin/env
 * python3`, a Makefile's SHELL, npm's script-shell): a POSIX shell runs it as is; another
 * language is given inline (`python3 -c BODY`) so the code readers judge it, or, when Firebreak
 * has no reader for that language, the reason it cannot be read.
 */
export function scriptFor(interpreter: string, body: string): { ok: true; text: string } | { ok: false; why: string } {
  const words = interpreter.replace(/^#!\s*/, '').trim().split(/\s+/);
  const first = words[0] ?? 'sh';
  const named = toolName(first) === 'env' ? words.slice(1).find((w) => !w.startsWith('-')) ?? 'sh' : first;
  // `./bash`, `/tmp/sh`: a file named like a shell is not the installed shell; what it does is code nobody has read.
  for (const path of [first, named]) if (path.includes('/') && !isInstalledProgramPath(path)) return { ok: false, why: `${path} is not an installed program (only ${INSTALLED_PROGRAM_FOLDERS.join(', ')} are): code nobody has read` };
  const program = toolName(named);
  if (POSIX_SHELLS.has(program)) return { ok: true, text: body };
  if (!Object.hasOwn(CODE_LOADERS, program)) return { ok: false, why: `it runs ${program} code, which Firebreak cannot read` };
  const flag = Object.hasOwn(INLINE_FLAG, program) ? INLINE_FLAG[program] : '-c';
  return { ok: true, text: `${program} ${flag} ${quoteWord(body)}` };
}
