// One line of the audit log. Each entry carries the hash of the one before it (`prev`) and its
// own hash over everything else, so an edit, deletion, insertion or reordering breaks the chain.
import { sha256Hex } from '../../util/sha256.js';
import type { Decision } from '../../model.js';
import { canonicalJson } from '../canonical-json.js';

export const GENESIS = '0'.repeat(64);

/** What the agent was told. `none` = no objection (the agent's own permission flow applies). */
export type HookAnswer = 'none' | 'allow' | 'ask' | 'deny';

export interface AuditRecord {
  agent: string;
  sessionId?: string;
  cwd?: string;
  /** The agent's tool name (Bash, run_shell_command, an MCP tool). */
  tool?: string;
  /** The commands as given, redacted. */
  input: string[];
  /** Verdict after gateway controls; `error` when nothing could be judged. */
  verdict: Decision | 'error';
  answer: HookAnswer;
  reasons: { rule: string; message: string }[];
  approval?: { id: string; status: string };
  /** `tool:verb` of destructive actions in this call (for first-of-a-kind detection). */
  kinds?: string[];
  /** Production write actions in this call (for the per-session rate limit). */
  productionWrites?: number;
  durationMs: number;
  timings?: Record<string, number>;
  /** Integrity events: attempts on the guard, approvals that did not verify, were replayed or went stale. */
  events?: AuditEvent[];
}

export interface AuditEvent {
  /** guard-tamper, guard-self-approval, approval-unverified, approval-replayed, approval-unreadable,
   *  approval-stale, approval-key-unreadable, approval-store-unreadable, approval-decided, approval-refused. */
  kind: string;
  message: string;
  /** The approval request concerned, when there is one. */
  id?: string;
}

export interface AuditEntry extends AuditRecord {
  seq: number;
  time: string;
  prev: string;
  hash: string;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
  const { hash: _hash, ...rest } = entry as AuditEntry;
  return sha256Hex(`${rest.prev}\n${canonicalJson(rest)}`);
}

/** Did this call let a destructive action through? (Only those count as "seen".) */
export function letThrough(record: Pick<AuditRecord, 'answer'>): boolean {
  return record.answer === 'none' || record.answer === 'allow';
}
