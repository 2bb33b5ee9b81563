// Where the running Firebreak is installed: its package folder, the `firebreak` links on PATH,
// the global prefix. The guard protects these (an agent that replaces the guard's code switches
// it off) and `hook install` / `doctor` record and check them.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = 'firebreak';

/** The package folder of the code that is running (a source checkout or an installed package). */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let i = 0; i < 12; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return dir;
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
 * An installed package (inside node_modules) is guarded whole; a source checkout only where the
 * agent hook runs from (bin/, dist/, package.json), so that working on Firebreak itself stays routine.
 */
export function installation(env: Readonly<Record<string, string | undefined>>, workspace?: string): Installation {
  const paths: Installation['paths'] = [];
  const root = packageRoot();
  if (root) {
    const real = safeReal(root);
    for (const r of new Set([root, real].filter(Boolean) as string[])) {
      if (r.split(sep).includes('node_modules')) paths.push({ path: r, tree: true, what: 'the installed Firebreak package' });
      else {
        paths.push({ path: join(r, 'bin'), tree: true, what: "Firebreak's entry point" });
        paths.push({ path: join(r, 'dist'), tree: true, what: "Firebreak's built code" });
        paths.push({ path: join(r, 'package.json'), tree: false, what: "Firebreak's package manifest" });
      }
    }
    const prefix = /^(.*)[\\/]lib[\\/]node_modules[\\/]firebreak$/.exec(real ?? root)?.[1];
    if (prefix) paths.push({ path: join(prefix, 'bin', PACKAGE_NAME), tree: false, what: 'the global firebreak link' });
  }
  for (const prefix of [env.npm_config_prefix, env.NPM_CONFIG_PREFIX, env.PREFIX].filter(Boolean) as string[]) {
    paths.push({ path: join(prefix, 'bin', PACKAGE_NAME), tree: false, what: 'the global firebreak link' });
    paths.push({ path: join(prefix, 'lib', 'node_modules', PACKAGE_NAME), tree: true, what: 'the global Firebreak package' });
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const link = join(resolve(dir), PACKAGE_NAME);
    if (!existsSync(link)) continue;
    paths.push({ path: link, tree: false, what: 'the firebreak command on PATH' });
    const target = safeReal(link);
    if (target && target !== link) paths.push({ path: target, tree: false, what: 'the file the firebreak command on PATH runs' });
  }
  if (workspace) {
    paths.push({ path: join(workspace, 'node_modules', PACKAGE_NAME), tree: true, what: 'the Firebreak package installed in this project' });
    paths.push({ path: join(workspace, 'node_modules', '.bin', PACKAGE_NAME), tree: false, what: "the project's firebreak link (npx runs it)" });
  }
  return { paths };
}

function safeReal(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}
