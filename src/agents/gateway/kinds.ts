// A destructive operation's "kind": tool, verb and target type (`aws:terminate-instances:AWS::EC2::Instance`);
// the type keeps `delete-table` on DynamoDB apart from `delete-table` on Glue.
import type { Action } from '../../model.js';

const DESTRUCTIVE = new Set(['delete', 'replace']);

/**
 * Kinds of damage: deletes and replacements, except those that lose nothing (a recoverable delete
 * outside production: `rm -rf ./build` in a repository, scratch in /tmp).
 */
export function destructiveKinds(actions: (Pick<Action, 'operation' | 'tool' | 'verb' | 'target' | 'production'> & { reversibility?: string })[]): string[] {
  const harmless = (a: { production?: boolean; reversibility?: string }) => a.production === false && (a.reversibility === 'recoverable' || a.reversibility === 'reversible');
  return [...new Set(actions.filter((a) => DESTRUCTIVE.has(a.operation) && !harmless(a)).map((a) => `${a.tool}:${a.verb}:${a.target.type}`))].sort();
}

export function isProductionWrite(action: Pick<Action, 'operation' | 'production'>): boolean {
  return action.production === true && action.operation !== 'read';
}

/** `aws:delete-queue:AWS::SQS::Queue` -> `aws delete-queue on AWS::SQS::Queue`. */
export function describeKind(kind: string): string {
  const [tool, verb, ...type] = kind.split(':');
  return `${tool} ${verb}${type.length ? ` on ${type.join(':')}` : ''}`;
}
