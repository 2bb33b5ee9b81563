import { factsFor } from '../knowledge/index.js';

/** Whether resources of this type hold data that a delete would lose (knowledge table). */
export function isStatefulType(type: string): boolean {
  return factsFor(type)?.stateful ?? false;
}
