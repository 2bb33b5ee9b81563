// GitHub glue over @octokit/rest: the sticky PR comment and the facts approval needs. Loaded
// only when a token is given; baseUrl points it at GitHub Enterprise (or a test server).
import type { Octokit } from '@octokit/rest';
import type { ApprovalFacts, ApprovalRules, LabelEvent, Review } from './approval.js';
import type { PullRequestFacts } from './agents.js';

export interface GitHubTarget {
  token: string;
  apiUrl?: string;
  owner: string;
  repo: string;
  pr: number;
}

export const STICKY_MARKER = '<!-- firebreak:ci-report -->';

export async function connect(target: GitHubTarget): Promise<Octokit> {
  const { Octokit } = await import('@octokit/rest');
  return new Octokit({ auth: target.token, baseUrl: target.apiUrl ?? 'https://api.github.com', userAgent: 'firebreak-ci', request: { retries: 0 } });
}

/** Creates the one Firebreak comment on the PR, or edits it in place on later runs. */
export async function upsertStickyComment(octokit: Octokit, target: GitHubTarget, body: string): Promise<{ id: number; created: boolean }> {
  const marked = body.includes(STICKY_MARKER) ? body : `${STICKY_MARKER}\n${body}`;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner: target.owner, repo: target.repo, issue_number: target.pr, per_page: 100 });
  const existing = comments.find((c) => c.body?.includes(STICKY_MARKER));
  if (existing) {
    await octokit.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: existing.id, body: marked });
    return { id: existing.id, created: false };
  }
  const created = await octokit.rest.issues.createComment({ owner: target.owner, repo: target.repo, issue_number: target.pr, body: marked });
  return { id: created.data.id, created: true };
}

export async function pullRequestFacts(octokit: Octokit, target: GitHubTarget): Promise<PullRequestFacts & { headSha: string }> {
  const { data } = await octokit.rest.pulls.get({ owner: target.owner, repo: target.repo, pull_number: target.pr });
  return {
    author: data.user?.login,
    labels: data.labels.map((l) => l.name ?? '').filter(Boolean),
    branch: data.head.ref,
    headSha: data.head.sha,
  };
}

export async function approvalFacts(octokit: Octokit, target: GitHubTarget, headSha: string, rules: ApprovalRules): Promise<ApprovalFacts> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner: target.owner, repo: target.repo, pull_number: target.pr, per_page: 100 });
  const events = rules.label
    ? await octokit.paginate(octokit.rest.issues.listEvents, { owner: target.owner, repo: target.repo, issue_number: target.pr, per_page: 100 })
    : [];
  const teamMembers: Record<string, string[]> = {};
  for (const team of rules.teams ?? []) {
    const [org, slug] = team.split('/');
    const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
    teamMembers[team] = members.map((m) => m.login);
  }
  let headPushedAt: string | undefined;
  if (rules.label) {
    const { data } = await octokit.rest.repos.getCommit({ owner: target.owner, repo: target.repo, ref: headSha });
    headPushedAt = data.commit.committer?.date ?? undefined;
  }
  return {
    headSha,
    ...(headPushedAt ? { headPushedAt } : {}),
    reviews: reviews.map((r): Review => ({ user: r.user?.login ?? '', state: r.state, commitId: r.commit_id ?? '', ...(r.submitted_at ? { submittedAt: r.submitted_at } : {}) })),
    labelEvents: events
      .filter((e) => (e.event === 'labeled' || e.event === 'unlabeled') && 'label' in e && e.label)
      .map((e): LabelEvent => ({
        label: (e as { label: { name: string } }).label.name,
        action: e.event as 'labeled' | 'unlabeled',
        ...(e.actor?.login ? { actor: e.actor.login } : {}),
        createdAt: e.created_at,
      })),
    teamMembers,
  };
}
