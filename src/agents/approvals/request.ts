// An approval request: what a person needs to decide, and what their decision is bound to.
import type { BoundAction } from './binding.js';
import type { ApprovalSeal } from './seal.js';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'consumed';

export interface ApprovalRequest {
  id: string;
  /** sha256 of the bound action: the approval applies to exactly this. */
  binding: string;
  /** sha256 of the bound action without the contents of the files it reads: the same action
   *  with a changed plan, script or manifest has the same core and another binding. */
  core?: string;
  status: ApprovalStatus;
  created: string;
  /** An unanswered request expires (to deny) at this time. */
  expires: string;
  agent: string;
  sessionId?: string;
  action: BoundAction;
  /** Plain-language: what would happen. */
  what: string[];
  /** Policy reasons. */
  why: { rule: string; message: string }[];
  /** Blast radius summary. */
  impact: string;
  rollback: string[];
  decidedAt?: string;
  note?: string;
  /** Approved until (ttl). */
  approvedUntil?: string;
  reusable?: boolean;
  uses?: number;
  consumedAt?: string;
  /** Set by `approve --session`: the approval applies only to the agent session that asked. */
  boundSession?: string;
  /** HMAC (or a service's signature) over everything else: see seal.ts. */
  seal?: ApprovalSeal;
}

/** The status as of `now`: an unanswered or used-up request past its time is expired. */
export function effectiveStatus(r: ApprovalRequest, now: Date): ApprovalStatus | 'expired' {
  const t = now.getTime();
  if (r.status === 'pending' && Date.parse(r.expires) <= t) return 'expired';
  if (r.status === 'approved' && r.approvedUntil && Date.parse(r.approvedUntil) <= t) return 'expired';
  return r.status;
}
