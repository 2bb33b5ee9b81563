// Answers "no action" for plain local commands without parsing: only when the text has no
// shell syntax at all (no quotes, expansions, operators, globs, redirects) so that splitting on
// spaces is exactly what the shell would do.
import { FRAMEWORK_MODULES, FRAMEWORK_SCRIPTS, SUBCOMMAND_WRAPPERS, WRAPPERS } from '../../knowledge/wrappers.js';
import { GUARD_FILES } from '../../knowledge/guard-files.js';
import { isLocalCommand } from './local.js';
import { RUNNER_LOADERS } from './runners/loaders.js';

const PLAIN = /^[A-Za-z0-9_./:,@%+ -]*$/;

export function isObviouslyLocal(command: string): boolean {
  if (command.length > 500 || !PLAIN.test(command)) return false;
  const argv = command.split(' ').filter(Boolean);
  if (!argv.length) return true;
  const name = argv[0];
  // Runners read what they run (a Makefile, package.json scripts, a container's command).
  if (name.includes('/') || Object.hasOwn(WRAPPERS, name) || Object.hasOwn(RUNNER_LOADERS, name)) return false;
  if (Object.hasOwn(SUBCOMMAND_WRAPPERS, name) && Object.hasOwn(SUBCOMMAND_WRAPPERS[name], argv[1] ?? '')) return false; // `bundle exec rake ...`
  if (argv.some((arg, i) => FRAMEWORK_SCRIPTS.has(arg.slice(arg.lastIndexOf('/') + 1)) || (arg === '-m' && FRAMEWORK_MODULES.has(argv[i + 1] ?? '')))) return false;
  // Anything naming the guard's own files goes through the full walk (guard-files.ts decides).
  if (argv.some((arg) => GUARD_FILES.some((pattern) => pattern.test(arg)))) return false;
  return isLocalCommand(name, argv);
}
