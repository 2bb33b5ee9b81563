// A test runner, build tool or installer loads files no command names (conftest.py, test modules,
// *.config.js, setup.py). The written-code check reads them when the line or a file tool writes
// them; this reads, when such a program runs, the ones with uncommitted changes, whatever put them
// there (a branch checkout, a patch, an archive, a program's output, an edit before the hook was
// installed). Once per workspace per intake call.
import { implicitCodeLoader } from '../../knowledge/implicit-code.js';
import type { PlannedAction } from '../types.js';
import { resolve } from 'node:path';
import { toolName, type RecognisedCommand } from './command.js';
import { pathContext } from './guard-files.js';
import { currentDir } from './path-resolve.js';
import type { Budget } from './limits.js';

const checked = new WeakMap<Budget, Set<string>>();
/** What git says of a repository, once per intake call: `pnpm -r run build` starts vite in every package. */
const listings = new WeakMap<Budget, Map<string, unknown>>();

/** Uncommitted implicitly-run code under the workspace, judged as if written now (first call per workspace in this intake). */
export async function uncommittedCodeLoadedBy(rc: RecognisedCommand, budget: Budget | undefined): Promise<PlannedAction[]> {
  const loader = implicitCodeLoader(rc.argv);
  if (!loader) return [];
  const root = loaderFolder(rc);
  if (root === undefined) {
    const { unreadable } = await import('../code/index.js');
    return [unreadable(rc, loader, `${loader} loads files no command names, in a folder known only at run time`)];
  }
  if (budget) {
    const seen = checked.get(budget) ?? new Set<string>();
    checked.set(budget, seen);
    if (seen.has(root)) return [];
    seen.add(root);
  }
  const { uncommittedImplicitCode } = await import('../code/implicit.js');
  let memo: Map<string, unknown> | undefined;
  if (budget) {
    memo = listings.get(budget) ?? new Map<string, unknown>();
    listings.set(budget, memo);
  }
  return uncommittedImplicitCode(rc, root, loader, budget?.deadline, memo);
}

/** The folder the loader runs in: where the line is (`cd sub && pytest`), or git's `-C DIR`. */
function loaderFolder(rc: RecognisedCommand): string | undefined {
  const here = currentDir(pathContext(rc));
  if (here === undefined || toolName(rc.argv[0] ?? '') !== 'git') return here;
  let at = here;
  for (let i = 1; i < rc.argv.length - 1 && rc.argv[i].startsWith('-'); i++) {
    if (rc.argv[i] !== '-C') continue;
    const dir = rc.words[i + 1];
    if (!dir || dir.dynamic) return undefined;
    at = resolve(at, dir.value);
  }
  return at;
}
