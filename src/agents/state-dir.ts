// Where the agent layer keeps its state: `<repository>/.firebreak/` (audit log, approvals,
// gateway counters, settings). FIREBREAK_STATE_DIR overrides it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT_MARKERS = ['.firebreak', '.git', 'firebreak.yaml', 'firebreak.yml', '.firebreak.yaml', '.firebreak.yml'];
const CONFIG_NAMES = ['firebreak.yaml', 'firebreak.yml', '.firebreak.yaml', '.firebreak.yml'];

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
  return env.FIREBREAK_STATE_DIR ? resolve(cwd, env.FIREBREAK_STATE_DIR) : join(repositoryRoot(cwd), '.firebreak');
}

/** The firebreak.yaml that applies to `cwd`: the nearest one at or above it. */
export function configFileFor(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
