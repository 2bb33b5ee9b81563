// Signed statements from the team server: a decision on a request, and a receipt for one use of
// an approval. Both are canonical JSON signed with the server's Ed25519 key; a hook that pinned
// the public key at setup checks them offline, so nothing between it and the server (and nothing
// on the agent's machine without the private key) can make an approval up or change one.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../agents/canonical-json.js';

export interface DecisionStatement {
  v: 1;
  kind: 'firebreak.decision';
  keyId: string;
  team: string;
  requestId: string;
  /** sha256 of the bound action (command, actions, environment): what the decision is about. */
  binding: string;
  decision: 'approved' | 'rejected' | 'expired';
  by: string;
  at: string;
  /** Approved: the approval stands until then. */
  validUntil?: string;
  /** Approved: may be used more than once before validUntil. */
  reusable?: boolean;
  note?: string;
}

/** One use of an approval, answering the hook's fresh challenge: a replayed answer fails. */
export interface UseReceipt {
  v: 1;
  kind: 'firebreak.use';
  keyId: string;
  requestId: string;
  binding: string;
  challenge: string;
  use: number;
  at: string;
}

export interface Signed<T> {
  statement: T;
  /** base64 Ed25519 signature over canonicalJson(statement). */
  signature: string;
}

export function statementBytes(statement: object): Buffer {
  return Buffer.from(canonicalJson(statement), 'utf8');
}

/** Key id: the first 16 hex digits of sha256 over the public key (SPKI DER). */
export function keyIdOf(publicKey: KeyObject | string): string {
  return fingerprintOf(publicKey).slice(0, 16);
}

/** Full sha256 fingerprint of the public key, shown to people to compare out of band. */
export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function verifySigned(signed: Signed<object>, publicKey: KeyObject): boolean {
  if (typeof signed?.signature !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(signed.signature)) return false;
  try {
    return verify(null, statementBytes(signed.statement), publicKey, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

export type ApprovalCheck = { ok: true; decision: DecisionStatement; receipt: UseReceipt } | { ok: false; reason: string };

/**
 * Checks an approval the server sent for this exact action and this exact call: both statements
 * signed by the pinned key, the decision an approval of this binding still valid now, the
 * receipt for the same request and binding answering our challenge.
 */
export function verifyApproval(
  answer: { approval?: Signed<DecisionStatement>; receipt?: Signed<UseReceipt> },
  expected: { binding: string; challenge: string; publicKey: KeyObject; now: Date; askedAt?: Date; skewMs?: number },
): ApprovalCheck {
  const { approval, receipt } = answer;
  if (!approval?.statement || !receipt?.statement) return { ok: false, reason: 'the answer carries no signed approval and receipt' };
  const keyId = keyIdOf(expected.publicKey);
  const d = approval.statement;
  const r = receipt.statement;
  if (d.keyId !== keyId || r.keyId !== keyId) return { ok: false, reason: `signed by key ${d.keyId ?? '?'}, not the pinned server key ${keyId}` };
  if (!verifySigned(approval, expected.publicKey)) return { ok: false, reason: 'the approval signature does not verify against the pinned server key' };
  if (!verifySigned(receipt, expected.publicKey)) return { ok: false, reason: 'the receipt signature does not verify against the pinned server key' };
  if (d.v !== 1 || d.kind !== 'firebreak.decision' || r.v !== 1 || r.kind !== 'firebreak.use') return { ok: false, reason: 'not a firebreak decision and receipt (version 1)' };
  if (d.decision !== 'approved') return { ok: false, reason: `the signed decision is "${d.decision}", not an approval` };
  if (d.binding !== expected.binding || r.binding !== expected.binding) return { ok: false, reason: 'the approval is for another action (binding hash differs)' };
  if (r.requestId !== d.requestId) return { ok: false, reason: 'the receipt is for another request' };
  if (r.challenge !== expected.challenge) return { ok: false, reason: 'the receipt answers another challenge: a replayed answer' };
  const skew = expected.skewMs ?? 120_000;
  const now = expected.now.getTime();
  if (!d.validUntil || !(Date.parse(d.validUntil) > now)) return { ok: false, reason: `the approval ran out at ${d.validUntil}` };
  // The challenge is new for this call, so a true receipt is dated between the moment it was
  // asked and now. A call retried across a server restart gets the receipt first written for it,
  // dated when it was asked: that is the same answer, not a replay.
  const usedAt = Date.parse(r.at);
  const askedAt = Math.min(expected.askedAt?.getTime() ?? now, now);
  if (!(usedAt >= askedAt - skew && usedAt <= now + skew)) return { ok: false, reason: `the receipt is dated ${r.at}, not during this call: a replayed answer or a clock more than ${skew / 1000} s off` };
  if (!d.reusable && r.use !== 1) return { ok: false, reason: `a once-only approval used ${r.use} times` };
  return { ok: true, decision: d, receipt: r };
}
