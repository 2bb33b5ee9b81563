// One real CI run shared by the renderer tests: the agent pull request of test/ci/fixtures.ts.
import { runCi, type CiResult } from '../../src/ci/gate.js';
import { agentPullRequest } from '../ci/fixtures.js';

export async function agentPrResult(): Promise<CiResult> {
  const pr = agentPullRequest();
  try {
    return await runCi({ cwd: pr.repo.dir, base: pr.base, head: pr.head, failOn: 'escalate', noFetch: true });
  } finally {
    pr.repo.remove();
  }
}
