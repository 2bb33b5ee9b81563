// What `hook install` registered, kept outside the workspace (the per-user folder): the command,
// the program it resolves to, and the sha256 of that entry file and of the bundle it loads.
// `doctor` compares what is there now: a hook that no longer points at Firebreak, a replaced entry
// file, a missing program, a command that is not on PATH.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { USER_FILES, userDir } from '../../config/file-names.js';
import { entryFiles, packageRoot } from '../../config/installation.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { withLock } from '../lock.js';

export interface InstallRecord {
  agent: string;
  scope: string;
  /** The agent config file the hook was written to. */
  file: string;
  command: string;
  /** The program the command runs, symlinks resolved; absent when it could not be found. */
  resolvedPath?: string;
  entrySha256?: string;
  /** bundleDigest of dist/bundle next to the entry (what `firebreak hook` loads). */
  bundleSha256?: string;
  installedAt: string;
}

export interface ResolvedProgram {
  /** How the command names it (`firebreak` on PATH, a script path, npx). */
  via: string;
  /** The file it runs, when found. */
  path?: string;
  /** The command runs a bare name that must be found on PATH. */
  needsPath: boolean;
  onPath: boolean;
}

const RUNNERS = new Set(['node', 'bun', 'deno', 'tsx']);
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);

/** The program a hook command runs, resolved like the agent's shell would (PATH, relative to the project). */
export function resolveHookProgram(command: string, env: NodeJS.ProcessEnv, root: string): ResolvedProgram {
  const words = command.trim().split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)).map((w) => w.replace(/^["']|["']$/g, ''));
  const first = words[0] ?? '';
  const onPath = (name: string) => (env.PATH ?? '').split(delimiter).filter(Boolean).map((d) => join(resolve(d), name)).find((p) => existsSync(p));
  const real = (p: string | undefined) => {
    try {
      return p ? realpathSync(p) : undefined;
    } catch {
      return undefined;
    }
  };
  const name = first.split('/').pop() ?? first;
  if (RUNNERS.has(name)) {
    const script = words.slice(1).find((w) => !w.startsWith('-'));
    if (!script) return { via: first, needsPath: false, onPath: true };
    return { via: `${first} ${script}`, path: real(resolve(root, script)), needsPath: !first.includes('/'), onPath: first.includes('/') || !!onPath(first) };
  }
  if (PACKAGE_RUNNERS.has(name) || ((name === 'pnpm' || name === 'yarn') && words[1] === 'exec')) {
    const pkg = words.slice(name === 'pnpm' || name === 'yarn' ? 2 : 1).find((w) => !w.startsWith('-')) ?? '';
    const local = join(root, 'node_modules', '.bin', pkg);
    const path = real(existsSync(local) ? local : onPath(pkg));
    return { via: `${first} ${pkg}`, ...(path ? { path } : {}), needsPath: true, onPath: !!onPath(first) };
  }
  if (first.includes('/')) return { via: first, ...(real(resolve(root, first)) ? { path: real(resolve(root, first))! } : {}), needsPath: false, onPath: true };
  const found = onPath(first);
  return { via: first, ...(real(found) ? { path: real(found)! } : {}), needsPath: true, onPath: !!found };
}

export function sha256File(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return undefined;
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

/**
 * sha256 over every script in the bundle folder, each named with its own sha256, in name order;
 * undefined without the hook's bundle. A hook call runs resident-client.js first, which can answer
 * alone, and hook.js loads its chunks on demand: a hash of hook.js alone missed a changed client
 * or chunk. Source maps are left out: nothing runs them.
 */
export function bundleDigest(dir: string): string | undefined {
  if (!sha256File(join(dir, 'hook.js'))) return undefined;
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => !name.endsWith('.map')).sort();
  } catch {
    return undefined;
  }
  const digest = createHash('sha256');
  for (const name of names) {
    const file = join(dir, name);
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) continue;
    digest.update(`${name}\0${sha256File(file) ?? 'unreadable'}\n`);
  }
  return digest.digest('hex');
}

/** Is this file part of a Firebreak package? Its entry and bundle hashes. */
export function inspectProgram(path: string): { isFirebreak: boolean; entrySha256?: string; bundleSha256?: string; root?: string } {
  const root = packageRoot(path);
  const entrySha256 = sha256File(path);
  if (!root) return { isFirebreak: false, ...(entrySha256 ? { entrySha256 } : {}) };
  const bundleSha256 = bundleDigest(dirname(entryFiles(root).hook));
  return { isFirebreak: true, root, ...(entrySha256 ? { entrySha256 } : {}), ...(bundleSha256 ? { bundleSha256 } : {}) };
}

function installsFile(env: NodeJS.ProcessEnv): string {
  return join(userDir(env), USER_FILES.installs);
}

export async function readInstalls(env: NodeJS.ProcessEnv): Promise<{ installs: InstallRecord[]; error?: string }> {
  let text: string;
  try {
    text = await readFile(installsFile(env), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { installs: [] };
    return { installs: [], error: `${installsFile(env)} cannot be read (${(error as NodeJS.ErrnoException).code})` };
  }
  try {
    const doc = JSON.parse(text) as { installs?: unknown };
    if (!Array.isArray(doc.installs)) throw new Error('no installs list');
    return { installs: doc.installs.filter((i): i is InstallRecord => !!i && typeof i === 'object' && typeof (i as InstallRecord).file === 'string') };
  } catch (error) {
    return { installs: [], error: `${installsFile(env)} is damaged (${(error as Error).message}): run \`firebreak hook install\` again to rewrite it` };
  }
}

/** Adds (or replaces) the record for one agent config file; `undefined` removes it. */
export async function updateInstall(env: NodeJS.ProcessEnv, key: { agent: string; file: string }, record: InstallRecord | undefined): Promise<void> {
  const file = installsFile(env);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await withLock(`${file}.lock`, async () => {
    const { installs } = await readInstalls(env);
    const rest = installs.filter((i) => !(i.agent === key.agent && i.file === key.file));
    await writeFileAtomic(file, `${JSON.stringify({ installs: record ? [...rest, record] : rest }, null, 2)}\n`);
  });
}
