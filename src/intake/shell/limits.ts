// What one call of the shell intake may spend. A hook must answer well inside the agent's own
// timeout whatever the agent sends (a 50 KB pipeline of 9,000 stages once took 20 s), so the
// lexer, parser and walk are linear in the input and every call is capped: over a cap, the rest
// of the command is one unknown action that names the cap (it escalates; it never passes).
// Documented in docs/runners.md ("Limits").
import { monotonicMs } from '../../util/clock.js';

export const LIMITS = {
  /** Text parsed in one piece: the command line, a `-c` string, a recipe, a script file. */
  commandBytes: 64 * 1024,
  /** Simple commands judged per call, counting nested ones (recipes, `sh -c`, substitutions). */
  commands: 1_000,
  /** Actions produced per call: each costs the later stages (world, predict, git lookups). */
  actions: 200,
  /** Wall time of the walk: a backstop for what the counts above do not bound. */
  milliseconds: 2_000,
  /** Files a runner reads (Makefile, package.json, justfile, Taskfile, compose file). */
  fileBytes: 1024 * 1024,
} as const;

export interface Budget {
  commands: number;
  actions: number;
  deadline: number;
  /** A cap was reached and reported: the walk stops. */
  spent: boolean;
}

export function newBudget(): Budget {
  return { commands: 0, actions: 0, deadline: monotonicMs() + LIMITS.milliseconds, spent: false };
}
