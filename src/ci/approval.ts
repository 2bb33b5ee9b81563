// Approval of an escalated pull request, bound to the head commit: an approving review on that
// exact commit by a configured person or team member, or the approval label applied after that
// commit was pushed. A new commit needs a new approval.

export interface ApprovalRules {
  /** GitHub logins whose approving review counts. */
  users?: string[];
  /** `org/team-slug`: members' approving reviews count (resolved to logins by the caller). */
  teams?: string[];
  /** A label that approves once applied after the head commit. */
  label?: string;
}

export interface Review {
  user: string;
  state: string;
  /** The commit the review was made on. */
  commitId: string;
  submittedAt?: string;
}

export interface LabelEvent {
  label: string;
  action: 'labeled' | 'unlabeled';
  actor?: string;
  createdAt: string;
}

export interface ApprovalFacts {
  headSha: string;
  /** When the head commit reached the pull request (push time; commit date as a fallback). */
  headPushedAt?: string;
  reviews: Review[];
  labelEvents: LabelEvent[];
  /** Members of the configured teams, by team. */
  teamMembers?: Record<string, string[]>;
}

export interface Approval {
  approved: boolean;
  by?: string;
  how?: 'review' | 'label';
  /** Why not, or what approved it. */
  detail: string;
}

export function evaluateApproval(rules: ApprovalRules, facts: ApprovalFacts): Approval {
  const approvers = new Set((rules.users ?? []).map((u) => u.toLowerCase()));
  for (const team of rules.teams ?? []) for (const member of facts.teamMembers?.[team] ?? []) approvers.add(member.toLowerCase());

  // The latest review of each person decides (a later "changes requested" withdraws an approval).
  const latest = new Map<string, Review>();
  for (const review of facts.reviews) {
    if (review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(review.user.toLowerCase(), review);
  }
  let stale: Review | undefined;
  for (const [user, review] of latest) {
    if (review.state !== 'APPROVED' || !approvers.has(user)) continue;
    if (review.commitId === facts.headSha) return { approved: true, by: review.user, how: 'review', detail: `approved by ${review.user} on ${short(facts.headSha)}` };
    stale = review;
  }

  if (rules.label) {
    const events = facts.labelEvents.filter((e) => e.label === rules.label).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const last = events[events.length - 1];
    if (last?.action === 'labeled') {
      const after = !facts.headPushedAt || Date.parse(last.createdAt) >= Date.parse(facts.headPushedAt);
      const actorOk = approvers.size === 0 || (last.actor !== undefined && approvers.has(last.actor.toLowerCase()));
      if (after && actorOk) return { approved: true, by: last.actor, how: 'label', detail: `label "${rules.label}" applied by ${last.actor ?? 'someone'} after ${short(facts.headSha)} was pushed` };
      if (!after) return { approved: false, detail: `label "${rules.label}" was applied before the latest commit ${short(facts.headSha)}: re-apply it to approve this commit` };
      return { approved: false, detail: `label "${rules.label}" was applied by ${last.actor ?? 'an unknown account'}, who is not a configured approver` };
    }
  }
  if (stale) return { approved: false, detail: `${stale.user} approved ${short(stale.commitId)}, not the head commit ${short(facts.headSha)}: a new commit needs a new approval` };
  return { approved: false, detail: 'no approval from a configured reviewer or label on the head commit' };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}
