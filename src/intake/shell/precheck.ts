// Answers "no action" for plain local commands without parsing: only when the text has no
// shell syntax at all (no quotes, expansions, operators, globs, redirects) so that splitting on
// spaces is exactly what the shell would do.
import { FRAMEWORK_MODULES, FRAMEWORK_SCRIPTS, SUBCOMMAND_WRAPPERS, WRAPPERS } from '../../knowledge/wrappers.js';
import { mayNameGuardedOrOutside } from '../../knowledge/guard-files.js';
import { isLocalCommand } from './local.js';
import { CODE_LOADERS } from '../code/loaders.js';
import { RUNNER_LOADERS } from './runners/loaders.js';
import { implicitCodeLoader } from '../../knowledge/implicit-code.js';

const PLAIN = /^[A-Za-z0-9_./:,@%+ -]*$/;

export function isObviouslyLocal(command: string): boolean {
  if (command.length > 500 || !PLAIN.test(command)) return false;
  const argv = command.split(' ').filter(Boolean);
  if (!argv.length) return true;
  const name = argv[0];
  // Interpreters run code that is read (src/intake/code); runners read what they run (a
  // Makefile, package.json scripts, a container's command): whatever their subcommand.
  if (name.includes('/') || Object.hasOwn(WRAPPERS, name) || Object.hasOwn(CODE_LOADERS, name) || Object.hasOwn(RUNNER_LOADERS, name)) return false;
  // `uv run x`, `bundle exec x`, `poetry run x`: the command is what they run, not the tool itself.
  if (Object.hasOwn(SUBCOMMAND_WRAPPERS, name) && argv.slice(1).some((a) => Object.hasOwn(SUBCOMMAND_WRAPPERS[name], a))) return false;
  // `pixi run clean`, `mise run clean`, `poe clean`: a task the project's configuration names (runners/project-scripts.ts).
  if (name === 'poe' || name === 'poethepoet' || (['pixi', 'devbox', 'mise', 'pdm', 'hatch'].includes(name) && argv.length > 1)) return false;
  // Test runners and build tools load conftest.py, test modules, *.config.js: uncommitted ones are read (implicit-loaders.ts).
  if (implicitCodeLoader(argv)) return false;
  if (argv.some((arg, i) => FRAMEWORK_SCRIPTS.has(arg.slice(arg.lastIndexOf('/') + 1)) || (arg === '-m' && FRAMEWORK_MODULES.has(argv[i + 1] ?? '')))) return false;
  // Paths that may be the guard's own files or lie outside the workspace go through the full walk
  // (guard-files.ts resolves them and decides).
  if (argv.some(mayNameGuardedOrOutside)) return false;
  // `go clean -modcache` deletes wherever GOMODCACHE, GOPATH or Go's settings file say (runners/go-clean.ts).
  if (name === 'go' && argv.some((a) => /^--?(modcache|cache|fuzzcache)$/.test(a))) return false;
  return isLocalCommand(name, argv);
}
