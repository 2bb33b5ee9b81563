// Which rule criteria look at the whole plan rather than one action. Kept free of zod and YAML:
// the judge needs it on every hook call, the schema only when a policy file is parsed.
import type { Rule } from './policy.js';

export const PLAN_CRITERIA = ['blastRadius', 'unknownScope', 'sandbox'] as const;

export function isPlanRule(rule: Rule): boolean {
  return PLAN_CRITERIA.some((k) => rule.match[k] !== undefined);
}
