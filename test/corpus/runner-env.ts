// A CI workflow step runs on a GitHub Actions runner, whose environment names the job's scratch folder
// (RUNNER_TEMP) and the checkout (GITHUB_WORKSPACE): the hook of an agent on the runner sees them too.
// Shared by the routine corpora (test/corpus/corpus.test.ts) and bench/routine-real.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function inRunner<T>(workspace: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!workspace) return work();
  const saved = { RUNNER_TEMP: process.env.RUNNER_TEMP, GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE };
  const temp = mkdtempSync(join(tmpdir(), 'firebreak-runner-temp-'));
  process.env.RUNNER_TEMP = temp;
  process.env.GITHUB_WORKSPACE = workspace;
  try {
    return await work();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    rmSync(temp, { recursive: true, force: true });
  }
}
