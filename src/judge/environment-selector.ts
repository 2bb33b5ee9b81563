// `environment:` in a rule: names (globs) or the specials production, non-production, unknown.
import { globMatch } from '../config/glob.js';

export interface EnvironmentFacts {
  name: string;
  production: boolean;
  assumed: boolean;
}

export function environmentSelected(selectors: readonly string[], env: EnvironmentFacts): boolean {
  return selectors.some((s) => {
    if (s === 'production') return env.production;
    if (s === 'non-production') return !env.production;
    if (s === 'unknown') return env.assumed;
    return globMatch(s, env.name);
  });
}
