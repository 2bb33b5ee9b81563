// Which of firebreak.yaml's per-workspace Terraform states belong to a run: those of the
// workspaces its Terraform changes happen in, and of the environments it is placed in.
import type { Config } from './config.js';
import { firstMatchingGlob } from './glob.js';

export interface ScopedState {
  file: string;
  /** The workspace whose resources it holds (named by the key, or the run's workspace of that environment). */
  workspace: string;
  /** Set when the key is an environment name: its resources are in that environment outright. */
  environment?: string;
}

export function statesForRun(config: Config, workspaces: Set<string>, environments: Set<string>): ScopedState[] {
  const keyed = config.world.terraformStateByWorkspace ?? {};
  const states: ScopedState[] = [];
  for (const [key, files] of Object.entries(keyed)) {
    const environment = config.environments[key];
    if (environment) {
      const globs = environment.match.terraform?.workspaces;
      const ran = [...workspaces].filter((w) => w === key || firstMatchingGlob(globs, w) !== undefined);
      if (ran.length === 0 && !environments.has(key)) continue;
      // One copy per workspace of that environment the run is in, so each is placed with its own.
      for (const workspace of ran.length ? ran : [key]) for (const file of files) states.push({ file, workspace, environment: key });
    } else if (workspaces.has(key)) {
      for (const file of files) states.push({ file, workspace: key });
    }
  }
  return states;
}
