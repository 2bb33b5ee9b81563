// Firebreak's own CLI through an agent: reading and checking commands change nothing; decisions
// and hook (un)installs are judged by the guard pass (guard-files.ts); anything else is unknown.
import { FIREBREAK_COMMANDS, FIREBREAK_DECISIONS, FIREBREAK_READ_ONLY, FIREBREAK_READ_ONLY_SUBCOMMANDS } from '../../../knowledge/guard-files.js';
import { unknownCommand, type Recogniser } from '../command.js';

export const firebreak: Recogniser = (cmd) => {
  const sub = cmd.argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  if (FIREBREAK_READ_ONLY.has(sub) || FIREBREAK_DECISIONS.has(sub) || sub === 'hook') return [];
  if (sub === '' && cmd.argv.slice(1).some((a) => a === '--help' || a === '-h' || a === '--version')) return [];
  // Not a command of the CLI (`firebreak status`): it exits with an error and runs nothing.
  if (sub !== '' && /^[a-z][a-z-]*$/.test(sub) && !FIREBREAK_COMMANDS.has(sub)) return [];
  const words = cmd.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (FIREBREAK_READ_ONLY_SUBCOMMANDS.has(words.slice(0, 2).join(' ')) || FIREBREAK_READ_ONLY_SUBCOMMANDS.has(words.slice(0, 3).join(' '))) return [];
  return [unknownCommand(cmd, `\`firebreak ${sub}\` is not a command the guard knows to be read-only`, sub || 'firebreak')];
};
