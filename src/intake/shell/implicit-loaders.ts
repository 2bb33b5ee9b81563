// A test runner, build tool or installer loads files no command names (conftest.py, test modules,
// *.config.js, setup.py). The written-code check reads them when the line or a file tool writes
// them; this reads, when such a program runs, the ones with uncommitted changes, whatever put them
// there (a branch checkout, a patch, an archive, a program's output, an edit before the hook was
// installed). Once per workspace per intake call.
import { IMPLICIT_CODE_LOADERS, IMPLICIT_CODE_MODULES } from '../../knowledge/implicit-code.js';
import type { PlannedAction } from '../types.js';
import { toolName, type RecognisedCommand } from './command.js';
import type { Budget } from './limits.js';

const checked = new WeakMap<Budget, Set<string>>();

/** The program that loads implicitly-run code, when this command runs one. */
export function implicitCodeLoader(argv: readonly string[]): string | undefined {
  const name = argv[0] ? toolName(argv[0]) : '';
  if (IMPLICIT_CODE_LOADERS.has(name)) return name;
  if (/^python(\d+(\.\d+)?)?$/.test(name)) {
    const m = argv.indexOf('-m');
    if (m > 0 && IMPLICIT_CODE_MODULES.has(argv[m + 1] ?? '') && (argv[m + 1] !== 'pip' || installsLocal(argv.slice(m + 2)))) return `${name} -m ${argv[m + 1]}`;
  }
  if ((name === 'pip' || name === 'pip3') && installsLocal(argv.slice(1))) return `${name} install`;
  if (name === 'uv' && argv[1] === 'pip' && installsLocal(argv.slice(2))) return 'uv pip install';
  return undefined;
}

/** `install .`, `install -e ./pkg`: a local project, whose setup.py runs. */
function installsLocal(args: readonly string[]): boolean {
  return args[0] === 'install' && args.slice(1).some((a) => a === '.' || a.startsWith('./') || a.startsWith('../') || a === '-e' || a === '--editable');
}

/** Uncommitted implicitly-run code under the workspace, judged as if written now (first call per workspace in this intake). */
export async function uncommittedCodeLoadedBy(rc: RecognisedCommand, budget: Budget | undefined): Promise<PlannedAction[]> {
  const loader = implicitCodeLoader(rc.argv);
  if (!loader) return [];
  const root = rc.workspace ?? process.cwd();
  if (budget) {
    const seen = checked.get(budget) ?? new Set<string>();
    checked.set(budget, seen);
    if (seen.has(root)) return [];
    seen.add(root);
  }
  const { uncommittedImplicitCode } = await import('../code/implicit.js');
  return uncommittedImplicitCode(rc, root, loader);
}
