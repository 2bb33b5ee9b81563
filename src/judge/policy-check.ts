// Cross-checks a policy against firebreak.yaml: an environment name no environment has means a
// rule that never fires, which for a block rule silently weakens the policy.
import type { Config } from '../config/config.js';
import { didYouMean } from '../config/did-you-mean.js';
import { globMatch } from '../config/glob.js';
import type { Policy } from './policy.js';

const SPECIALS = ['production', 'non-production', 'unknown'];

/** Warnings (plain sentences) for environment selectors that match no configured environment. */
export function policyWarnings(policy: Policy, config: Config): string[] {
  const names = Object.keys(config.environments);
  const warnings: string[] = [];
  for (const rule of policy.rules) {
    const selectors = [...(rule.match.environment ?? []), ...(rule.match.blastRadius?.environment ?? [])];
    for (const s of selectors) {
      if (SPECIALS.includes(s) || names.some((n) => globMatch(s, n))) continue;
      warnings.push(`policy rule ${rule.id}: environment "${s}" matches no environment in firebreak.yaml${didYouMean(s, [...names, ...SPECIALS])}, so the rule never applies to it`);
    }
  }
  return warnings;
}
