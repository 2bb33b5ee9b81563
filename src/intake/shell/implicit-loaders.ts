// A test runner, build tool or installer loads files no command names (conftest.py, test modules,
// *.config.js, setup.py). The written-code check reads them when the line or a file tool writes
// them; this reads, when such a program runs, the ones with uncommitted changes, whatever put them
// there (a branch checkout, a patch, an archive, a program's output, an edit before the hook was
// installed). Once per folder per intake call.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { foldersNotCollected, implicitCodeLoader } from '../../knowledge/implicit-code.js';
import { OPAQUE_CONTENT } from '../code/source.js';
import type { PlannedAction } from '../types.js';
import { toolName, type RecognisedCommand } from './command.js';
import { pathContext } from './guard-files.js';
import { currentDir, isWithin } from './path-resolve.js';
import type { Budget } from './limits.js';
import { quietlyHidden } from './unpacked-files.js';

const checked = new WeakMap<Budget, Set<string>>();
/** What git says of a repository, once per intake call: `pnpm -r run build` starts vite in every package. */
const listings = new WeakMap<Budget, Map<string, unknown>>();

/** Uncommitted implicitly-run code where the loader looks, judged as if written now (once per folder in this intake). */
export async function uncommittedCodeLoadedBy(rc: RecognisedCommand, budget: Budget | undefined): Promise<PlannedAction[]> {
  const loader = implicitCodeLoader(rc.argv);
  if (!loader) return [];
  const here = loaderFolder(rc);
  if (here === undefined) {
    const { unreadable } = await import('../code/index.js');
    return [unreadable(rc, loader, `${loader} loads files no command names, in a folder known only at run time`)];
  }
  let seen: Set<string> | undefined;
  let memo: Map<string, unknown> | undefined;
  if (budget) {
    seen = checked.get(budget) ?? new Set<string>();
    checked.set(budget, seen);
    memo = listings.get(budget) ?? new Map<string, unknown>();
    listings.set(budget, memo);
  }
  const hidden = await hiddenConfigWrites(rc, loader);
  const roots = [here, ...collectedPaths(rc, loader, here).filter((p) => !isWithin(p, here))].filter((r) => !seen?.has(r));
  if (!roots.length) return hidden;
  const { uncommittedImplicitCode } = await import('../code/implicit.js');
  const workspace = rc.workspace ?? process.cwd();
  const out: PlannedAction[] = [...hidden];
  for (const root of roots) {
    seen?.add(root);
    out.push(...(await uncommittedImplicitCode(rc, root, loader, budget?.deadline, memo, workspace)));
  }
  return out;
}

/** A configuration the line wrote earlier with content that is not visible (`curl -o pyproject.toml`,
 *  `sed -i ... setup.cfg`), whose commands this loader runs: the disk does not hold what it will read. */
async function hiddenConfigWrites(rc: RecognisedCommand, loader: string): Promise<PlannedAction[]> {
  if (!rc.files.size) return [];
  const { IMPLICITLY_RUN_CODE } = await import('../../knowledge/implicit-code.js');
  const out: PlannedAction[] = [];
  for (const [path, text] of rc.files) {
    if (!text.startsWith(OPAQUE_CONTENT)) continue;
    // A file a revision nobody has read writes (a pull from another repository, a merge git cannot list)
    // is hidden quietly when written, whatever it is: the loader that runs it is where it counts.
    const quiet = quietlyHidden(rc.files, path);
    const entry = IMPLICITLY_RUN_CODE.find((e) => (e.hiddenJudgedWhenRun || quiet) && e.pattern.test(path.split('\\').join('/')));
    if (!entry || !loads(entry.loadedBy, loader.replace(/^python\S* -m /, ''), quiet)) continue;
    const { unreadable } = await import('../code/index.js');
    out.push(unreadable(rc, path, `${path} is written earlier in this command with ${text.slice(OPAQUE_CONTENT.length)}, and ${entry.loadedBy} will run what it holds`));
  }
  return out;
}

/** The entry's tools include this loader: its first word, or (for a quietly hidden file) any tool it names. */
function loads(loadedBy: string, loader: string, anyNamed: boolean): boolean {
  if (loadedBy.startsWith(loader)) return true;
  if (!anyNamed) return false;
  const name = loader.split(' ')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s(,])${name}\\b`).test(loadedBy);
}

/** Folders a collecting runner is pointed at (`pytest /tmp/x`, `jest ../other`, `--rootdir=DIR`):
 *  the existing paths among its arguments, a file standing for its folder. */
function collectedPaths(rc: RecognisedCommand, loader: string, here: string): string[] {
  if (!foldersNotCollected(loader)) return [];
  const out: string[] = [];
  for (const [i, w] of rc.words.entries()) {
    if (i === 0) continue;
    const value = w.value.startsWith('--rootdir=') ? w.value.slice('--rootdir='.length) : w.value;
    if (value.startsWith('-') || w.dynamic) continue;
    const path = resolve(here, value);
    try {
      out.push(statSync(path).isDirectory() ? path : dirname(path));
    } catch {
      /* not a path on this machine: an option's value or a test id */
    }
  }
  return [...new Set(out)];
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
