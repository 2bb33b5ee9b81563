// Firebreak's own CLI through an agent: reading and checking commands change nothing; decisions
// and hook (un)installs are judged by the guard pass (guard-files.ts); anything else is unknown.
import { FIREBREAK_DECISIONS, FIREBREAK_READ_ONLY } from '../../../knowledge/guard-files.js';
import { unknownCommand, type Recogniser } from '../command.js';

export const firebreak: Recogniser = (cmd) => {
  const sub = cmd.argv.slice(1).find((a) => !a.startsWith('-')) ?? '';
  if (FIREBREAK_READ_ONLY.has(sub) || FIREBREAK_DECISIONS.has(sub) || sub === 'hook') return [];
  if (sub === '' && cmd.argv.slice(1).some((a) => a === '--help' || a === '-h' || a === '--version')) return [];
  return [unknownCommand(cmd, `\`firebreak ${sub}\` is not a command the guard knows to be read-only`, sub || 'firebreak')];
};
