// Test runners are local, but the project code they run acts with the credentials the environment
// names: judged through the whole pipeline with a real firebreak.yaml in a temp repository.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

const CONFIG = 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n  dev:\n    production: false\n    match:\n      profiles: [dev]\n';

async function verdict(command: string, cwd: string) {
  const { report } = await check({ commands: [command], cwd });
  return { verdict: report.verdict, actions: report.actions.map((a) => `${a.verb} ${a.target.id}`), text: report.reasons.map((r) => r.message).join('\n') };
}

describe('project code run with an account, a cluster or a database named', () => {
  const configured = caseWorkspace('project-code-env', { 'firebreak.yaml': CONFIG, 'package.json': '{"scripts":{"test":"vitest run"}}' });
  const bare = caseWorkspace('project-code-env-bare', {});

  it('in production it escalates, saying what runs with what', async () => {
    const r = await verdict('AWS_PROFILE=prod npm test', configured);
    expect(r.verdict).toBe('escalate');
    expect(r.actions).toEqual(['run project code vitest']);
    expect(r.text).toContain("vitest runs the project's code, which Firebreak has not read, with the AWS profile prod");
  });

  it('in an environment the config marks non-production it is not an action at all', async () => {
    expect(await verdict('AWS_PROFILE=dev npm test', configured)).toMatchObject({ verdict: 'pass', actions: [] });
    // Named on the command line, the environment decides the same way.
    const { report } = await check({ commands: ['AWS_PROFILE=whatever pytest'], cwd: configured, environment: 'dev' });
    expect(report.actions).toEqual([]);
  });

  it('where the environment cannot be told it is treated as production', async () => {
    const r = await verdict('AWS_PROFILE=dev pytest', bare);
    expect(r.verdict).toBe('escalate');
    expect(r.text).toMatch(/unknown environment \(treated as production\)/);
  });

  it('a local database, a build that runs no project code, no account: nothing to judge', async () => {
    for (const command of ['DATABASE_URL=postgres://localhost/test pytest', 'AWS_PROFILE=prod go build ./...', 'AWS_REGION=eu-west-1 pytest', 'pytest']) {
      expect((await verdict(command, bare)).actions).toEqual([]);
    }
  });
});
