// What GitHub Actions tells a step about the pull request (GITHUB_EVENT_PATH, GITHUB_REPOSITORY).
import { readFileSync } from 'node:fs';

export interface EventFacts {
  owner?: string;
  repo?: string;
  pr?: number;
  baseSha?: string;
  headSha?: string;
  author?: string;
  labels?: string[];
  branch?: string;
}

export function readEvent(env: NodeJS.ProcessEnv = process.env): EventFacts {
  const facts: EventFacts = {};
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (owner && repo) Object.assign(facts, { owner, repo });
  if (!env.GITHUB_EVENT_PATH) return facts;
  let event: Record<string, any>;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, any>;
  } catch {
    return facts;
  }
  const pr = event.pull_request ?? (event.issue?.pull_request ? event.issue : undefined);
  if (!pr) return facts;
  return {
    ...facts,
    pr: typeof pr.number === 'number' ? pr.number : undefined,
    baseSha: pr.base?.sha,
    headSha: pr.head?.sha,
    author: pr.user?.login,
    labels: Array.isArray(pr.labels) ? pr.labels.map((l: { name?: string }) => l.name ?? '').filter(Boolean) : undefined,
    branch: pr.head?.ref,
  };
}
