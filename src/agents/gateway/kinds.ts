// A destructive operation's "kind": the tool and verb (`aws:terminate-instances`, `terraform:destroy`).
import type { Action } from '../../model.js';

const DESTRUCTIVE = new Set(['delete', 'replace']);

export function destructiveKinds(actions: Pick<Action, 'operation' | 'tool' | 'verb'>[]): string[] {
  return [...new Set(actions.filter((a) => DESTRUCTIVE.has(a.operation)).map((a) => `${a.tool}:${a.verb}`))].sort();
}

export function isProductionWrite(action: Pick<Action, 'operation' | 'production'>): boolean {
  return action.production === true && action.operation !== 'read';
}
