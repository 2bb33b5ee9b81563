// Where the agent layer keeps its state: `<repository>/.firebreak/` (audit log, approvals,
// gateway counters, settings). FIREBREAK_STATE_DIR overrides it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES, findConfigFile, STATE_DIR_NAME, STATE_DIR_VARIABLE } from '../config/file-names.js';

const ROOT_MARKERS = [STATE_DIR_NAME, '.git', ...CONFIG_FILE_NAMES];

/** The nearest folder at or above `cwd` that holds a repository marker, else `cwd`. */
export function repositoryRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (ROOT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

export function stateDir(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[STATE_DIR_VARIABLE];
  return override ? resolve(cwd, override) : join(repositoryRoot(cwd), STATE_DIR_NAME);
}

/** The config file that applies to `cwd`: the nearest one at or above it. */
export function configFileFor(cwd: string): string | undefined {
  return findConfigFile(cwd);
}
