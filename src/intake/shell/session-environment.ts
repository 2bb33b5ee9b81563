// Variables set for later sessions through the program that starts them, not through a file:
// `tmux set-environment -g PATH /tmp/evil:$PATH` (every new tmux window, and the agent started in it),
// `screen -X setenv FIREBREAK_HOME /tmp/x`, `dbus-update-activation-environment --systemd NAME=VALUE`
// (every program the desktop or systemd starts next). A guard variable set there (knowledge/
// guard-variables.ts: FIREBREAK_*, PATH, HOME, NODE_OPTIONS, ...) reaches the next agent's hooks, as
// it would from a shell startup file (which the guard protects as a file).
import { GUARD_VARIABLE } from '../../knowledge/guard-variables.js';
import { toolName, type RecognisedCommand } from './command.js';
import type { GuardHit } from './guarded-paths.js';

/** Programs that keep an environment for the sessions they start, and how a line sets it. */
const SETTERS: Readonly<Record<string, { what: string; names: (args: readonly string[]) => string[] | undefined }>> = {
  tmux: { what: "tmux's environment for new windows and sessions", names: (args) => afterVerb(args, /^(set-environment|setenv)$/, new Set(['-t'])) },
  screen: { what: "screen's environment for new windows", names: (args) => afterVerb(args.filter((a) => a !== '-X'), /^setenv$/, new Set(['-S', '-p'])) },
  'dbus-update-activation-environment': {
    what: 'the environment of every program the desktop session (and, with --systemd, systemd) starts next',
    names: (args) => (args.includes('--all') ? ['(all of the command\'s variables)'] : args.filter((a) => !a.startsWith('-')).map((a) => a.split('=')[0])),
  },
};

/** `tmux [-L x] set-environment [-g] [-t t] NAME VALUE`: the variable name after the verb and its options. */
function afterVerb(args: readonly string[], verb: RegExp, withValue: ReadonlySet<string>): string[] | undefined {
  const at = args.findIndex((a) => verb.test(a));
  if (at < 0) return undefined;
  for (let i = at + 1; i < args.length; i++) {
    const a = args[i];
    if (withValue.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    return [a];
  }
  return [];
}

/** A cheap test: the program is one of the setters. */
export function setsSessionEnvironment(rc: RecognisedCommand): boolean {
  return Object.hasOwn(SETTERS, toolName(rc.argv[0] ?? ''));
}

/** The guard variables this command sets for later sessions. */
export function sessionEnvironmentHits(rc: RecognisedCommand): GuardHit[] {
  const tool = toolName(rc.argv[0] ?? '');
  if (!Object.hasOwn(SETTERS, tool)) return [];
  const setter = SETTERS[tool];
  const names = setter.names(rc.argv.slice(1)) ?? [];
  return names
    .filter((n) => n.startsWith('(') || GUARD_VARIABLE.test(n) || /[$`*]/.test(n))
    .map((n) => ({
      touched: `${n} in ${setter.what}`,
      guarded: `${tool}:${n}`,
      what: `${setter.what}, which the next agent and its hooks inherit (a guard variable there decides which firebreak runs, or where its approval key and state are)`,
      relation: n.startsWith('(') || /[$`*]/.test(n) ? 'may-be' : 'is',
    }));
}
