// `firebreak ci`: the change between two revisions -> the one pipeline -> verdict, then the
// agent and approval facts that decide what the PR check reports.
import { performance } from 'node:perf_hooks';
import type { Decision, Report } from '../model.js';
import { check } from '../pipeline.js';
import { detectAgent, type AgentDetection, type AgentRules, type PullRequestFacts } from './agents.js';
import { evaluateApproval, type Approval, type ApprovalRules } from './approval.js';
import { commitsBetween } from './git.js';
import { ciIntake } from './intake.js';
import { ciAccepts } from './accepts.js';
import { prepareRevisions } from './revisions.js';
import type { GitHubTarget } from './github.js';

export interface CiOptions {
  cwd: string;
  base: string;
  head: string;
  plan?: string;
  policy?: string;
  /** Policy used instead when the PR is agent-authored (stricter rules for agents). */
  agentPolicy?: string;
  config?: string;
  workspace?: string;
  environment?: string;
  failOn: 'escalate' | 'block';
  agentRules?: AgentRules;
  approvalRules?: ApprovalRules;
  /** PR facts known without the API (the Actions event payload). */
  pullRequest?: PullRequestFacts;
  github?: GitHubTarget;
  noFetch?: boolean;
  now?: Date;
}

export interface CiContext {
  base: string;
  head: string;
  from: string;
  notes: string[];
  changedFiles: { path: string; status: string; kind?: string }[];
  agent: AgentDetection;
  approval?: Approval;
  /** The verdict after approval: an approved escalation passes. */
  decision: Decision;
  failOn: 'escalate' | 'block';
  policy: 'default' | 'agent';
}

export interface CiResult {
  report: Report;
  ci: CiContext;
  exitCode: 0 | 1 | 2;
  timings: Record<string, number>;
}

export async function runCi(options: CiOptions): Promise<CiResult> {
  const timings: Record<string, number> = {};
  let start = performance.now();
  const revisions = await prepareRevisions(options.cwd, options.base, options.head, { noFetch: options.noFetch });
  timings.revisions = performance.now() - start;

  const intake = await ciIntake({ cwd: options.cwd, from: revisions.from, head: revisions.head, havePlan: !!options.plan });
  // A change that loosens the guard itself (hooks, environments, policy, freezes) is a permission change.
  const weakening = await (await import('./guard-weakening.js')).guardWeakening({ cwd: options.cwd, from: revisions.from, head: revisions.head, changed: intake.changed });
  Object.assign(timings, { git: timings.revisions + intake.timings.git, hclParse: intake.timings.hclParse, hclScan: intake.timings.hclScan, terraform: intake.timings.terraform, templates: intake.timings.templates, scripts: intake.timings.scripts });

  start = performance.now();
  const commits = await commitsBetween(options.cwd, revisions.from, revisions.head);
  let github: { octokit: import('@octokit/rest').Octokit; facts: PullRequestFacts & { headSha: string } } | undefined;
  if (options.github) {
    const { connect, pullRequestFacts } = await import('./github.js');
    const octokit = await connect(options.github);
    github = { octokit, facts: await pullRequestFacts(octokit, options.github) };
  }
  const agent = detectAgent({ ...options.pullRequest, ...(github?.facts ?? {}), commits }, options.agentRules);
  timings.agent = performance.now() - start;

  start = performance.now();
  const accepts = await ciAccepts(options.cwd, revisions.from, revisions.head);
  timings.accepts = performance.now() - start;

  start = performance.now();
  const usesAgentPolicy = agent.agent && !!options.agentPolicy;
  const { report } = await check({
    cwd: options.cwd,
    inlineAccepts: false,
    ...(options.plan ? { plan: options.plan } : {}),
    ...(options.config ? { config: options.config } : {}),
    ...(options.workspace ? { workspace: options.workspace } : {}),
    ...(options.environment ? { environment: options.environment } : {}),
    policy: usesAgentPolicy ? options.agentPolicy : options.policy,
    intake: weakening ? [...intake.results, weakening] : intake.results,
    accepts: accepts.accepts,
    proposedAccepts: accepts.proposed,
    ...(options.now ? { now: options.now } : {}),
  });
  (await import('./guard-weakening.js')).enforceWeakening(report, weakening);
  timings.pipeline = performance.now() - start;
  report.warnings.push(...accepts.warnings);
  Object.assign(timings, prefixed('pipeline.', report.timings));

  let approval: Approval | undefined;
  if (report.verdict === 'escalate' && options.approvalRules && github && options.github) {
    const { approvalFacts } = await import('./github.js');
    const headSha = github.facts.headSha;
    approval = headSha !== revisions.head
      ? { approved: false, detail: `the pull request head is ${headSha.slice(0, 7)}, but ${revisions.head.slice(0, 7)} was checked: approvals bind to the checked commit` }
      : evaluateApproval(options.approvalRules, await approvalFacts(github.octokit, options.github, headSha, options.approvalRules));
  }
  const decision: Decision = report.verdict === 'escalate' && approval?.approved ? 'pass' : report.verdict;
  const exitCode = decision === 'block' ? 2 : decision === 'escalate' && options.failOn === 'escalate' ? 1 : 0;
  const ci: CiContext = {
    base: revisions.base,
    head: revisions.head,
    from: revisions.from,
    notes: revisions.notes,
    changedFiles: intake.changed.map((f) => ({ path: f.path, status: f.status, ...(f.kind ? { kind: f.kind } : {}) })),
    agent,
    ...(approval ? { approval } : {}),
    decision,
    failOn: options.failOn,
    policy: usesAgentPolicy ? 'agent' : 'default',
  };
  for (const key of Object.keys(timings)) timings[key] = Math.round(timings[key] * 10) / 10;
  return { report, ci, exitCode, timings };
}

function prefixed(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`${prefix}${k}`, v]));
}
