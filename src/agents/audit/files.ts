// Where the audit log and its side files live inside the state dir.
import { join } from 'node:path';

export function auditFiles(stateDir: string) {
  return {
    log: join(stateDir, 'audit.jsonl'),
    lock: join(stateDir, 'audit.lock'),
    /** seq + hash of the last entry: detects entries cut off the end of the log. */
    head: join(stateDir, 'audit.head.json'),
    /** Destructive operation kinds already let through (derived from the log; rebuilt if lost). */
    kinds: join(stateDir, 'audit.kinds.json'),
  };
}
