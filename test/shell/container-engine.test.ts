// Which engine docker talks to, from the agent's own environment and docker's configuration on disk
// (the corpora set these on the line; here they are the process's, as an agent's session has them).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

const SAVED = { HOME: process.env.HOME, DOCKER_HOST: process.env.DOCKER_HOST, DOCKER_CONTEXT: process.env.DOCKER_CONTEXT, DOCKER_CONFIG: process.env.DOCKER_CONFIG };
let home: string;
const workspace = caseWorkspace('container-engine', {});

async function judged(command: string) {
  const { report } = await check({ commands: [command], cwd: workspace, implicitConfig: false });
  return { verdict: report.verdict, text: report.reasons.map((r) => r.message).join('\n') };
}

function context(name: string, host: string, current = false): void {
  const meta = join(home, '.docker', 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  if (current) writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'firebreak-docker-home-'));
  process.env.HOME = home;
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CONFIG'] as const) delete process.env[k];
});
afterEach(() => {
  for (const [k, v] of Object.entries(SAVED)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(home, { recursive: true, force: true });
});

describe("docker on this machine's engine or another's", () => {
  it('DOCKER_HOST in the agent environment sends routine removals elsewhere; reads and an explicit local socket pass', async () => {
    expect((await judged('docker rm -f db')).verdict).toBe('pass');
    process.env.DOCKER_HOST = 'ssh://deploy@prod.example.com';
    const r = await judged('docker rm -f db');
    expect(r.verdict).toBe('escalate');
    expect(r.text).toContain('DOCKER_HOST=ssh://deploy@prod.example.com');
    expect((await judged('docker --context default compose down')).verdict).toBe('escalate');
    expect((await judged('docker ps -a')).verdict).toBe('pass');
    expect((await judged('docker -H unix:///var/run/docker.sock rm -f db')).verdict).toBe('pass');
    expect((await judged('unset DOCKER_HOST; docker rm -f db')).verdict).toBe('pass');
  });

  it("the current context in ~/.docker/config.json is judged by its endpoint in the context's meta.json", async () => {
    context('prod', 'ssh://deploy@prod.example.com', true);
    const r = await judged('docker system prune -af');
    expect(r.verdict).toBe('escalate');
    expect(r.text).toContain('whose endpoint is ssh://deploy@prod.example.com');
    expect((await judged('docker images')).verdict).toBe('pass');

    context('colima', 'unix:///Users/me/.colima/default/docker.sock', true);
    expect((await judged('docker system prune -af')).verdict).toBe('pass');
    expect((await judged('docker --context prod rm -f db')).verdict).toBe('escalate');
    // DOCKER_CONTEXT outranks the configuration; DOCKER_HOST outranks both.
    process.env.DOCKER_CONTEXT = 'prod';
    expect((await judged('docker rm -f db')).verdict).toBe('escalate');
    process.env.DOCKER_HOST = 'unix:///var/run/docker.sock';
    expect((await judged('docker rm -f db')).verdict).toBe('pass');
  });

  it('a current context whose endpoint is not on disk is not known to be local', async () => {
    mkdirSync(join(home, '.docker'), { recursive: true });
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'staging' }));
    const r = await judged('docker rm -f db');
    expect(r.verdict).toBe('escalate');
    expect(r.text).toContain('the context staging is not in docker');
  });
});
