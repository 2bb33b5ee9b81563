// A package's program run by its path inside node_modules before anything is installed:
// `node ./node_modules/typescript-native/bin/tsc --project tsconfig.build.json` in a fresh checkout.
// Nothing is at the path now, so the command finds nothing to run; after `npm ci` it is the file the
// lockfile pins. It is judged as that package's program by name (`tsc --project ...`) when the
// committed package-lock.json of the folder holding node_modules says the folder is a package from the
// public registry with an integrity hash, whose `bin` entry for that file is the program the package
// is known for (typescript -> tsc, the same rule `yarn tsc` follows with the project's dependencies).
// Anything else (no lockfile, a tarball or git URL, a bin that is not the package's own program, a
// lockfile nobody committed) is left as it was: a file that does not exist yet, unknown.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { execFileSync } from '../../../../util/exec-file-sync.js';
import { binaryOf } from './fetch.js';

const PUBLIC_REGISTRY = 'https://registry.npmjs.org/';
const PACKAGE_FILE = /^(.*?)\/?(node_modules\/(?:@[^/]+\/)?[^/@][^/]*(?:\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)*)\/(.+)$/;

export type LockedBin = { ok: true; program: string; pkg: string; lockfile: string } | { ok: false; why: string };

/** What a missing file inside node_modules will be once the lockfile is installed, or undefined when
 *  the path is not in a node_modules folder or no package-lock.json is beside it. `full` is absolute; `workspace` bounds the lockfile. */
export function lockedBin(full: string, workspace: string): LockedBin | undefined {
  const m = PACKAGE_FILE.exec(full);
  if (!m) return undefined;
  const [, root, key, file] = m;
  const shown = relative(workspace, full) || full;
  const lockfile = join(root || '/', 'package-lock.json');
  if (relative(workspace, lockfile).startsWith('..')) return { ok: false, why: `${shown} is not installed, and the folder it would be installed in is outside the workspace` };
  let lock: { packages?: Record<string, { name?: string; version?: string; resolved?: string; integrity?: string; bin?: Record<string, string> | string; link?: boolean }> };
  try {
    lock = JSON.parse(readFileSync(lockfile, 'utf8'));
  } catch {
    return undefined; // nothing says what will be there: the file that does not exist yet, as it is
  }
  const entry = lock.packages?.[key];
  if (!entry) return { ok: false, why: `${shown} is not installed, and ${relative(workspace, lockfile)} has no package at ${key}` };
  const name = entry.name ?? key.replace(/^.*node_modules\//, '');
  if (entry.link || !entry.resolved?.startsWith(`${PUBLIC_REGISTRY}${name}/-/`) || !entry.integrity) {
    return { ok: false, why: `${shown} is not installed, and ${relative(workspace, lockfile)} does not pin ${key} to a package of the public registry with an integrity hash` };
  }
  const bins = typeof entry.bin === 'string' ? { [binaryOf(name)]: entry.bin } : entry.bin ?? {};
  const program = Object.entries(bins).find(([, path]) => path.replace(/^\.\//, '') === file)?.[0];
  if (!program || program !== binaryOf(name)) {
    return { ok: false, why: `${shown} is not installed; ${relative(workspace, lockfile)} pins ${name}@${entry.version}, but ${file} is not its program ${binaryOf(name)}` };
  }
  const changed = uncommitted(lockfile);
  if (changed) return { ok: false, why: `${shown} is not installed, and ${relative(workspace, lockfile)} has changes nobody committed: it is not the project's pin` };
  return { ok: true, program, pkg: `${name}@${entry.version}`, lockfile: relative(workspace, lockfile) };
}

function uncommitted(file: string): boolean {
  try {
    statSync(file);
    return execFileSync('git', ['-C', dirname(file), 'status', '--porcelain', '--ignored', '--', file], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    return true;
  }
}
