// Answers "no action" for plain local commands without parsing: only when the text has no
// shell syntax at all (no quotes, expansions, operators, globs, redirects) so that splitting on
// spaces is exactly what the shell would do.
import { SUBCOMMAND_WRAPPERS, WRAPPERS } from '../../knowledge/shell-commands.js';
import { mayNameGuardedOrOutside } from '../../knowledge/guard-files.js';
import { isLocalCommand } from './local.js';
import { CODE_LOADERS } from '../code/loaders.js';

const PLAIN = /^[A-Za-z0-9_./:,@%+ -]*$/;

export function isObviouslyLocal(command: string): boolean {
  if (command.length > 500 || !PLAIN.test(command)) return false;
  const argv = command.split(' ').filter(Boolean);
  if (!argv.length) return true;
  const name = argv[0];
  // Interpreters run code that is read (src/intake/code), whatever their subcommand (`bun run x.ts`).
  if (name.includes('/') || WRAPPERS[name] || Object.hasOwn(CODE_LOADERS, name)) return false;
  // `uv run x`, `bundle exec x`, `poetry run x`: the command is what they run, not the tool itself.
  if (argv.slice(1).some((a) => SUBCOMMAND_WRAPPERS[name]?.has(a))) return false;
  // Paths that may be the guard's own files or lie outside the workspace go through the full walk
  // (guard-files.ts resolves them and decides).
  if (argv.some(mayNameGuardedOrOutside)) return false;
  return isLocalCommand(name, argv);
}
