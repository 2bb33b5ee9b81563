import type { Decision } from '../model.js';

const SEVERITY: Record<Decision, number> = { pass: 0, escalate: 1, block: 2 };

export function severity(d: Decision): number {
  return SEVERITY[d];
}

/** block > escalate > pass. */
export function worst(decisions: Iterable<Decision>): Decision {
  let result: Decision = 'pass';
  for (const d of decisions) if (SEVERITY[d] > SEVERITY[result]) result = d;
  return result;
}
