// Is this a command that only acts locally (no action)? Facts live in knowledge/shell-commands.
import { LOCAL_COMMANDS, LOCAL_SUBCOMMANDS } from '../../knowledge/shell-commands.js';

export function isLocalCommand(name: string, argv: readonly string[]): boolean {
  if (LOCAL_COMMANDS.has(name)) return true;
  if (!Object.hasOwn(LOCAL_SUBCOMMANDS, name)) return false; // not `toString`
  const subs = LOCAL_SUBCOMMANDS[name];
  const sub = argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  return subs.has(sub);
}
