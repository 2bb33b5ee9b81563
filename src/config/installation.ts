// Where the running Firebreak is installed: its package folder, the `firebreak` links on PATH,
// the global prefix. The guard protects these (an agent that replaces the guard's code switches
// it off) and `hook install` / `doctor` record and check them.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_NAME } from '../version.js';

/** The command agents' hooks run. */
export const BIN_NAME = 'firebreak';

/** Names the package is published under: its own (version.ts), and the unscoped one it had before. */
export const PACKAGE_NAMES: readonly string[] = [PACKAGE_NAME, 'firebreak'];

/** A Firebreak package manifest: one of those names, with the firebreak command (or no bin field). */
export function isFirebreakManifest(doc: unknown): boolean {
  const m = doc as { name?: unknown; bin?: unknown } | undefined;
  const named = typeof m?.name === 'string' && PACKAGE_NAMES.includes(m.name);
  const bin = typeof m?.bin === 'object' && m.bin !== null && Object.hasOwn(m.bin, BIN_NAME);
  return named && (bin || m?.bin === undefined);
}

/** The package folder of the code that is running (a source checkout or an installed package), or of `from`. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let i = 0; i < 12; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (isFirebreakManifest(JSON.parse(readFileSync(manifest, 'utf8')))) return dir;
      } catch {
        /* not ours */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** The entry an agent's hook runs (`bin/firebreak.js`) and the bundle it loads. */
export function entryFiles(root: string): { entry: string; hook: string } {
  return { entry: join(root, 'bin', 'firebreak.js'), hook: join(root, 'dist', 'bundle', 'hook.js') };
}

export interface Installation {
  /** Folders and files that are Firebreak's own code: `tree` guards everything below. */
  paths: { path: string; tree: boolean; what: string }[];
}

/**
 * The Firebreak that agents' hooks run: the package the running code comes from when it is an
 * installed package (inside node_modules), the `firebreak` commands on PATH and the programs
 * registered hooks resolve to (`programs`, from the install record), each with its package. An
 * installed package is guarded whole; a source checkout only where the hook runs from (bin/,
 * dist/, package.json), so that working on Firebreak itself stays routine.
 */
export function installation(env: Readonly<Record<string, string | undefined>>, workspace?: string, programs: readonly string[] = []): Installation {
  const paths: Installation['paths'] = [];
  const guardRoot = (root: string) => {
    for (const r of new Set([root, safeReal(root)].filter(Boolean) as string[])) {
      if (r.split(sep).includes('node_modules')) {
        // The whole installed package, except what the hook never runs (the scenarios, examples and
        // docs it ships, which `firebreak scenarios run` uses as working folders).
        paths.push({ path: r, tree: false, what: 'the installed Firebreak package' });
        for (const name of safeList(r)) {
          if (NOT_CODE.has(name) || /\.md$/i.test(name)) continue;
          paths.push({ path: join(r, name), tree: true, what: 'the installed Firebreak package' });
        }
      } else {
        paths.push({ path: join(r, 'bin'), tree: true, what: "Firebreak's entry point" });
        paths.push({ path: join(r, 'dist'), tree: true, what: "Firebreak's built code" });
        paths.push({ path: join(r, 'package.json'), tree: false, what: "Firebreak's package manifest" });
      }
      const prefix = /^(.*)[\\/]lib[\\/]node_modules[\\/](@[^\\/]+[\\/])?firebreak$/.exec(r)?.[1];
      if (prefix) paths.push({ path: join(prefix, 'bin', BIN_NAME), tree: false, what: 'the global firebreak link' });
    }
  };
  const running = packageRoot();
  if (running && (safeReal(running) ?? running).split(sep).includes('node_modules')) guardRoot(running);
  for (const prefix of [env.npm_config_prefix, env.NPM_CONFIG_PREFIX].filter(Boolean) as string[]) {
    paths.push({ path: join(prefix, 'bin', BIN_NAME), tree: false, what: 'the global firebreak link' });
    for (const name of PACKAGE_NAMES) paths.push({ path: join(prefix, 'lib', 'node_modules', name), tree: true, what: 'the global Firebreak package' });
  }
  const program = (file: string, what: string) => {
    paths.push({ path: file, tree: false, what });
    const target = safeReal(file);
    if (target && target !== file) paths.push({ path: target, tree: false, what: `the file ${what} runs` });
    const root = packageRoot(target ?? file);
    if (root) guardRoot(root);
  };
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const link = join(resolve(dir), BIN_NAME);
    if (existsSync(link)) program(link, 'the firebreak command on PATH');
    // A new `firebreak` in a folder on PATH may come first and shadow the real one (the hook runs
    // it by name): creating one is as much a change to the guard as replacing the real one.
    else paths.push({ path: link, tree: false, what: 'a firebreak command on PATH (a new one would shadow the one the hook runs)' });
  }
  for (const p of programs) if (existsSync(p)) program(p, 'the program a registered Firebreak hook runs');
  if (workspace) {
    for (const name of PACKAGE_NAMES) paths.push({ path: join(workspace, 'node_modules', name), tree: true, what: 'the Firebreak package installed in this project' });
    paths.push({ path: join(workspace, 'node_modules', '.bin', BIN_NAME), tree: false, what: "the project's firebreak link (npx runs it)" });
  }
  return { paths };
}

/** Parts of an installed package that hold no code the hook runs. */
const NOT_CODE = new Set(['scenarios', 'examples', 'docs', 'LICENSE', 'NOTICE']);

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function safeReal(p: string): string | undefined {
  try {
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}
