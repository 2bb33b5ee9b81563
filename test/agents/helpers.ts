// Real processes and real temp repositories for the agent-layer tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin', 'firebreak.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json?: any;
}

/** One temporary home per test file: the approval key and install record never land in a real home. */
export const TEST_HOME = mkdtempSync(join(tmpdir(), 'firebreak-test-home-'));

/** Environment without anything that would change who is "present" or where state goes. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: TEST_HOME };
  for (const k of ['CI', 'GITHUB_ACTIONS', 'FIREBREAK_UNATTENDED', 'FIREBREAK_STATE_DIR', 'FIREBREAK_HOOK_DEADLINE_MS', 'COPILOT_ALLOW_ALL', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID',
    'FIREBREAK_HOME', 'XDG_CONFIG_HOME', 'CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'GEMINI_CLI', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED', 'CURSOR_AGENT', 'COPILOT_AGENT_SESSION_ID', 'KIRO_AGENT', 'CLAUDE_CONFIG_DIR', 'CODEX_HOME', 'COPILOT_HOME']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: options.env ?? cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json: any;
      try {
        json = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {
        json = undefined;
      }
      done({ code, stdout, stderr, json });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

export function hook(agent: string, payload: unknown, options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return runCli(['hook', '--agent', agent], { ...options, input: typeof payload === 'string' ? payload : JSON.stringify(payload) });
}

/** A temp git repository with a firebreak.yaml (production = profile prod, staging = profile staging). */
export function tempRepo(options: { policy?: string; settings?: Record<string, unknown> } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-agents-'));
  execFileSync('git', ['init', '-q', dir]);
  // `npm test` (COMMANDS.local) is judged by the test script it runs.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', scripts: { test: 'vitest run' } }));
  const policyLine = options.policy ? 'policy: ./policy.yaml\n' : '';
  writeFileSync(
    join(dir, 'firebreak.yaml'),
    `version: 1
environments:
  production:
    production: true
    match:
      profiles: [prod]
  staging:
    production: false
    match:
      profiles: [staging]
${policyLine}`,
  );
  if (options.policy) writeFileSync(join(dir, 'policy.yaml'), options.policy);
  if (options.settings) {
    mkdirSync(join(dir, '.firebreak'), { recursive: true });
    writeFileSync(join(dir, '.firebreak', 'settings.json'), JSON.stringify(options.settings));
  }
  return dir;
}

/** Passes staging and production updates; everything else escalates (gateway tests). */
export const PERMISSIVE_POLICY = `version: 1
default: escalate
rules:
  - id: reads
    description: reads
    match: {operation: read}
    decision: pass
  - id: staging-anything
    description: anything in staging
    match: {environment: [staging]}
    decision: pass
  - id: production-updates
    description: updates in production
    match: {environment: [production], operation: [update, create]}
    decision: pass
`;

export const COMMANDS = {
  local: 'npm test',
  /** Blocked by the default policy: irreversible delete in production. */
  block: 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc',
  /** Escalated by the default policy: a production change. */
  escalate: 'aws --profile prod lambda update-function-configuration --function-name api --timeout 30',
};
