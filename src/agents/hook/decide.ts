// Verdict -> what the agent is told. pass: no objection (explicit allow only when configured);
// block: deny; escalate: ask only where the agent can ask AND a person is there, else deny.
import type { Decision } from '../../model.js';
import type { HookAnswer } from '../audit/entry.js';
import type { HookCall } from '../protocol/types.js';

export function answerFor(verdict: Decision, call: Pick<HookCall, 'askSupported' | 'humanPresent'>, emitAllow: boolean): HookAnswer {
  if (verdict === 'pass') return emitAllow ? 'allow' : 'none';
  if (verdict === 'block') return 'deny';
  return call.askSupported && call.humanPresent ? 'ask' : 'deny';
}

const RANK: Record<Decision, number> = { pass: 0, escalate: 1, block: 2 };

export function worst(...decisions: Decision[]): Decision {
  return decisions.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'pass' as Decision);
}
