// The GitHub glue against a real local HTTP server that records every call (no mocks).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectAgent } from '../../src/ci/agents.js';
import { evaluateApproval } from '../../src/ci/approval.js';
import { runCi } from '../../src/ci/gate.js';
import { approvalFacts, connect, STICKY_MARKER, upsertStickyComment, type GitHubTarget } from '../../src/ci/github.js';
import { main } from '../../src/cli/main.js';
import { TempRepo } from './helpers.js';

async function withQuietStdout<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  process.stdout.write = ((_chunk: unknown, cb?: unknown) => {
    if (typeof cb === 'function') (cb as () => void)();
    return true;
  }) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

interface Call {
  method: string;
  path: string;
  body?: any;
  auth?: string;
}

/** A tiny fake of the GitHub REST endpoints the gate uses, backed by in-memory state. */
class RecordingGitHub {
  calls: Call[] = [];
  comments: { id: number; body: string }[] = [];
  reviews: { user: { login: string }; state: string; commit_id: string; submitted_at: string }[] = [];
  events: { event: string; label?: { name: string }; actor: { login: string }; created_at: string }[] = [];
  pull = { number: 7, user: { login: 'copilot-swe-agent[bot]' }, labels: [{ name: 'infra' }], head: { ref: 'copilot/fix-db', sha: '' }, base: { sha: '' } };
  commitDate = '2026-01-01T10:00:00Z';
  server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const path = (req.url ?? '').split('?')[0];
    const call: Call = { method: req.method ?? '', path, ...(raw ? { body: JSON.parse(raw) } : {}), ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) };
    this.calls.push(call);
    const route = `${req.method} ${path}`;
    if (route === 'GET /repos/acme/orders/issues/7/comments') return [200, this.comments];
    if (route === 'POST /repos/acme/orders/issues/7/comments') {
      const comment = { id: 100 + this.comments.length, body: call.body.body };
      this.comments.push(comment);
      return [201, comment];
    }
    const update = /^PATCH \/repos\/acme\/orders\/issues\/comments\/(\d+)$/.exec(route);
    if (update) {
      const comment = this.comments.find((c) => c.id === Number(update[1]))!;
      comment.body = call.body.body;
      return [200, comment];
    }
    if (route === 'GET /repos/acme/orders/pulls/7') return [200, this.pull];
    if (route === 'GET /repos/acme/orders/pulls/7/reviews') return [200, this.reviews];
    if (route === 'GET /repos/acme/orders/issues/7/events') return [200, this.events];
    if (route === 'GET /orgs/acme/teams/platform/members') return [200, [{ login: 'alice' }]];
    if (route.startsWith('GET /repos/acme/orders/commits/')) return [200, { sha: path.split('/').pop(), commit: { committer: { date: this.commitDate } } }];
    return [404, { message: `not faked: ${route}` }];
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server.close(() => done()));
  }
}

let gh: RecordingGitHub;
let target: GitHubTarget;
beforeAll(async () => {
  gh = new RecordingGitHub();
  await gh.start();
  target = { token: 'test-token', apiUrl: gh.url, owner: 'acme', repo: 'orders', pr: 7 };
});
afterAll(() => gh.stop());

describe('sticky comment', () => {
  it('creates one comment, then edits the same comment on the next run', async () => {
    const octokit = await connect(target);
    const first = await upsertStickyComment(octokit, target, '## first');
    const second = await upsertStickyComment(octokit, target, '## second');
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(gh.comments).toEqual([{ id: first.id, body: `${STICKY_MARKER}\n## second` }]);
    expect(gh.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /repos/acme/orders/issues/7/comments',
      'POST /repos/acme/orders/issues/7/comments',
      'GET /repos/acme/orders/issues/7/comments',
      `PATCH /repos/acme/orders/issues/comments/${first.id}`,
    ]);
    expect(gh.calls.every((c) => c.auth === 'token test-token')).toBe(true);
  });
});

describe('approval bound to the head commit', () => {
  const rules = { users: ['bob'], teams: ['acme/platform'], label: 'firebreak-approved' };

  it('counts an approving review on the head commit by a team member, not one on an older commit', async () => {
    gh.reviews = [
      { user: { login: 'bob' }, state: 'APPROVED', commit_id: 'old', submitted_at: '2026-01-01T09:00:00Z' },
      { user: { login: 'mallory' }, state: 'APPROVED', commit_id: 'head1', submitted_at: '2026-01-01T11:00:00Z' },
    ];
    const octokit = await connect(target);
    let facts = await approvalFacts(octokit, target, 'head1', rules);
    expect(evaluateApproval(rules, facts)).toMatchObject({ approved: false, detail: expect.stringMatching(/bob approved old, not the head commit head1/) });
    gh.reviews.push({ user: { login: 'alice' }, state: 'APPROVED', commit_id: 'head1', submitted_at: '2026-01-01T12:00:00Z' });
    facts = await approvalFacts(octokit, target, 'head1', rules);
    expect(evaluateApproval(rules, facts)).toMatchObject({ approved: true, by: 'alice', how: 'review' });
  });

  it('counts the label only when an approver applied it after the head commit', async () => {
    gh.reviews = [];
    gh.events = [{ event: 'labeled', label: { name: 'firebreak-approved' }, actor: { login: 'bob' }, created_at: '2026-01-01T09:30:00Z' }];
    const octokit = await connect(target);
    expect(evaluateApproval(rules, await approvalFacts(octokit, target, 'head1', rules))).toMatchObject({ approved: false, detail: expect.stringMatching(/before the latest commit/) });
    gh.events.push({ event: 'unlabeled', label: { name: 'firebreak-approved' }, actor: { login: 'bob' }, created_at: '2026-01-01T10:30:00Z' });
    gh.events.push({ event: 'labeled', label: { name: 'firebreak-approved' }, actor: { login: 'bob' }, created_at: '2026-01-01T10:31:00Z' });
    expect(evaluateApproval(rules, await approvalFacts(octokit, target, 'head1', rules))).toMatchObject({ approved: true, how: 'label', by: 'bob' });
  });
});

describe('agent recognition', () => {
  it('recognises bot authors, known trailers, configured labels and branch patterns, and not people', () => {
    const commit = (authorName: string, authorEmail: string, message: string) => ({ sha: 'abcdef0123', authorName, authorEmail, committerName: authorName, committerEmail: authorEmail, message });
    expect(detectAgent({ author: 'copilot-swe-agent[bot]' }).agent).toBe(true);
    expect(detectAgent({ commits: [commit('Dev', 'dev@example.com', 'fix\n\nCo-authored-by: Claude <noreply@anthropic.com>')] }).signals[0]).toMatch(/Claude Code/);
    expect(detectAgent({ commits: [commit('devin-ai-integration[bot]', '158243242+devin-ai-integration[bot]@users.noreply.github.com', 'x')] }).agent).toBe(true);
    expect(detectAgent({ labels: ['ai-generated'] }, { labels: ['ai-*'] }).signals).toEqual(['the pull request has the label "ai-generated"']);
    expect(detectAgent({ branch: 'bots/ops-agent/fix' }, { branches: ['bots/*'] }).agent).toBe(true);
    expect(detectAgent({ author: 'claudia', branch: 'feature/x', commits: [commit('Claudia Jones', 'claudia@example.com', 'fix\n\nCo-authored-by: Sam <sam@example.com>')] }).agent).toBe(false);
  });
});

describe('the gate end to end with GitHub', () => {
  it('an approved escalation passes, a stale approval does not, and the CLI posts the sticky comment', async () => {
    const r = new TempRepo();
    try {
      const base = r.commit('base', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
      const head = r.commit('agent change', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds = 5\n}\n' });
      gh.pull.head.sha = head;
      gh.reviews = [{ user: { login: 'alice' }, state: 'APPROVED', commit_id: head, submitted_at: '2026-01-01T12:00:00Z' }];
      gh.events = [];
      const options = { cwd: r.dir, base, head, failOn: 'escalate' as const, noFetch: true, github: target, approvalRules: { teams: ['acme/platform'] } };
      const approved = await runCi(options);
      expect(approved.report.verdict).toBe('escalate');
      expect(approved.ci).toMatchObject({ decision: 'pass', approval: { approved: true, by: 'alice' } });
      expect(approved.exitCode).toBe(0);
      expect(approved.ci.agent.signals).toContain('the pull request author copilot-swe-agent[bot] is GitHub Copilot');

      gh.reviews = [{ user: { login: 'alice' }, state: 'APPROVED', commit_id: base, submitted_at: '2026-01-01T12:00:00Z' }];
      const stale = await runCi(options);
      expect(stale.ci.decision).toBe('escalate');
      expect(stale.exitCode).toBe(1);

      gh.comments = [];
      gh.reviews = [{ user: { login: 'alice' }, state: 'APPROVED', commit_id: head, submitted_at: '2026-01-01T12:00:00Z' }];
      const args = ['node', 'firebreak', 'ci', '--cwd', r.dir, '--base', base, '--head', head, '--comment', '--repo', 'acme/orders', '--pr', '7', '--api-url', gh.url, '--approver-team', 'acme/platform', '--no-fetch', '--format', 'json'];
      const code = await withQuietStdout({ GITHUB_TOKEN: 'test-token' }, () => main(args));
      expect(code).toBe(0);
      expect(gh.comments).toHaveLength(1);
      expect(gh.comments[0].body).toMatch(/^<!-- firebreak:ci-report -->\n## ✅ Firebreak: \*\*PASS\*\* \(escalation approved: approved by alice/);
      expect(gh.comments[0].body).toMatch(/Agent-authored pull request/);
    } finally {
      r.remove();
    }
  }, 60_000);
});
