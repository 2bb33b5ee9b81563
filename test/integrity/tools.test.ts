// File tools and MCP tools through the real hook process, in each agent's own payload shape, in a
// real repository with a real (temporary) home: source files pass; the guard's files, credentials,
// database data and the approval key do not; MCP calls are judged by name and arguments.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, hook, TEST_HOME, tempRepo } from '../agents/helpers.js';
import { understood } from '../agents/payloads.js';
import { TOOL_PAYLOADS, type Agent } from './payloads.js';

const AGENTS = Object.keys(TOOL_PAYLOADS) as Agent[];
let repo: string;

beforeAll(() => {
  repo = tempRepo();
  mkdirSync(join(repo, '.claude'), { recursive: true });
  writeFileSync(join(repo, '.claude', 'settings.json'), '{}\n');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src', 'app.ts'), 'a\n');
  mkdirSync(join(TEST_HOME, '.config', 'firebreak'), { recursive: true });
  writeFileSync(join(TEST_HOME, '.config', 'firebreak', 'approval.key'), JSON.stringify({ version: 1, keyId: 'test', key: Buffer.alloc(32, 7).toString('base64'), created: 'x' }));
});

const call = (agent: Agent, payload: unknown) => hook(agent, payload, { cwd: repo, env: cleanEnv({ CI: 'true' }) });
const answer = async (agent: Agent, payload: unknown) => understood(agent, await call(agent, payload));

describe.each(AGENTS)('%s file and MCP tools', (agent) => {
  const p = TOOL_PAYLOADS[agent];

  test.concurrent('writing and editing source files in the workspace passes', async () => {
    expect(await answer(agent, p.write(join(repo, 'src', 'new.ts'), 'export const y = 2;', repo))).toBe('none');
    expect(await answer(agent, p.write('src/relative.ts', 'x', repo))).toBe('none');
    expect(await answer(agent, p.edit(join(repo, 'src', 'app.ts'), repo))).toBe('none');
  });

  test.concurrent("writing the guard's own files is stopped", async () => {
    for (const target of [join(repo, '.claude', 'settings.json'), '.claude/settings.local.json', join(repo, 'firebreak.yaml'), join(repo, '.firebreak', 'approvals', 'fb-abcd2345.json'), join(repo, '.cursor', 'hooks.json'), join(TEST_HOME, '.gemini', 'settings.json')]) {
      expect(await answer(agent, p.write(target, '{}', repo)), target).toBe('deny');
    }
    expect(await answer(agent, p.edit(join(repo, '.claude', 'settings.json'), repo))).toBe('deny');
  });

  test.concurrent('settings files are judged by the text written; code that runs at start-up or login is stopped', async () => {
    expect(await answer(agent, p.write(join(repo, '.npmrc'), 'script-shell=./evil.sh\n', repo))).toBe('deny');
    expect(await answer(agent, p.write(join(repo, '.yarnrc.yml'), 'yarnPath: /tmp/evil.cjs\n', repo))).toBe('deny');
    expect(await answer(agent, p.write(join(repo, '.envrc'), 'export PATH=/tmp/evil:$PATH\n', repo))).toBe('deny');
    expect(await answer(agent, p.write(join(repo, '.env'), 'DB=1\nFIREBREAK_HOME=/tmp/x\n', repo))).toBe('deny');
    expect(await answer(agent, p.write(join(repo, '.npmrc'), 'registry=https://registry.npmjs.org/\n', repo))).toBe('none');
    expect(await answer(agent, p.write(join(repo, '.env'), 'DATABASE_POOL=5\n', repo))).toBe('none');
    for (const target of [join(repo, '.venv', 'lib', 'python3.11', 'site-packages', 'evil.pth'), join(TEST_HOME, '.config', 'systemd', 'user', 'x.service'), join(TEST_HOME, '.config', 'autostart', 'x.desktop')]) {
      expect(await answer(agent, p.write(target, 'import os\n', repo)), target).toBe('deny');
    }
  });

  test.concurrent('credentials, database data and system files are stopped', async () => {
    for (const target of [join(TEST_HOME, '.aws', 'credentials'), join(TEST_HOME, '.ssh', 'authorized_keys'), '/var/lib/postgresql/16/main/PG_VERSION', '/etc/hosts']) {
      expect(await answer(agent, p.write(target, 'x', repo)), target).toBe('deny');
    }
  });

  test.concurrent('reading passes, except the approval key', async () => {
    if (!p.read) return;
    expect(await answer(agent, p.read(join(repo, 'src', 'app.ts'), repo))).toBe('none');
    expect(await answer(agent, p.read(join(repo, '.claude', 'settings.json'), repo))).toBe('none');
    expect(await answer(agent, p.read(join(TEST_HOME, '.config', 'firebreak', 'approval.key'), repo))).toBe('deny');
    // The resident judge's secret (its info file) is read-guarded like the key.
    expect(await answer(agent, p.read(join(TEST_HOME, '.config', 'firebreak', 'resident', 'k.json'), repo))).toBe('deny');
  });

  test.concurrent('deleting a file through a file tool is judged like rm', async () => {
    if (!p.delete) return;
    expect(await answer(agent, p.delete(join(repo, '.claude', 'settings.json'), repo))).toBe('deny');
  });

  test.concurrent('MCP: read tools pass, deletes and writes are stopped, SQL goes through the classifier', async () => {
    expect(await answer(agent, p.mcp('postgres', 'list_tables', { schema: 'public' }, repo))).toBe('none');
    expect(await answer(agent, p.mcp('postgres', 'query', { sql: 'SELECT count(*) FROM users' }, repo))).toBe('none');
    expect(await answer(agent, p.mcp('postgres', 'query', { sql: 'DROP TABLE users' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('postgres', 'execute_sql', { query: 'DELETE FROM orders' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('aws', 'delete_bucket', { bucket: 'prod-assets' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('k8s', 'terminate_pod', { name: 'api' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('cloud', 'deploy_service', { name: 'api' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('github', 'create_issue', { title: 'bug', body: 'x' }, repo))).toBe('none');
    expect(await answer(agent, p.mcp('filesystem', 'write_file', { path: join(repo, '.claude', 'settings.json'), content: '{}' }, repo))).toBe('deny');
    expect(await answer(agent, p.mcp('filesystem', 'write_file', { path: join(repo, 'src', 'x.ts'), content: '1' }, repo))).toBe('none');
    expect(await answer(agent, p.mcp('aws-api', 'call_aws', { cli_command: 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc' }, repo))).toBe('deny');
  });
});

describe('agent-specific tools', () => {
  test.concurrent('Codex apply_patch: every file the patch touches', async () => {
    const patch = (body: string) => ({ session_id: 'c', cwd: repo, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n${body}\n*** End Patch\n` } });
    expect(await answer('codex', patch('*** Update File: src/app.ts\n@@\n-a\n+b'))).toBe('none');
    expect(await answer('codex', patch('*** Update File: src/app.ts\n@@\n-a\n+b\n*** Add File: .codex/hooks.json\n+{}'))).toBe('deny');
    expect(await answer('codex', patch('*** Update File: src/app.ts\n*** Move to: .firebreak/settings.json'))).toBe('deny');
    // A bare string tool_input (the freeform apply_patch tool).
    expect(await answer('codex', { session_id: 'c', cwd: repo, hook_event_name: 'PreToolUse', tool_name: 'apply_patch', tool_input: '*** Begin Patch\n*** Delete File: firebreak.yaml\n*** End Patch' })).toBe('deny');
  });

  test.concurrent('Kiro use_aws is the same call as the AWS CLI', async () => {
    const useAws = (operation_name: string, profile_name: string) => ({ hook_event_name: 'preToolUse', cwd: repo, tool_name: 'use_aws', tool_input: { service_name: 'ec2', operation_name, parameters: { 'instance-ids': ['i-0abc'] }, region: 'eu-west-1', profile_name, label: 'x' } });
    expect(await answer('kiro', useAws('terminate-instances', 'prod'))).toBe('deny');
    expect(await answer('kiro', useAws('describe-instances', 'prod'))).toBe('none');
  });

  test.concurrent('Copilot write_bash: what is typed into a running shell is judged; a short answer is not', async () => {
    const typed = (input: string) => ({ timestamp: 1, cwd: repo, toolName: 'write_bash', toolArgs: JSON.stringify({ shellId: '1', input }) });
    expect(await answer('copilot', typed('y'))).toBe('none');
    expect(await answer('copilot', typed('rm .claude/settings.json{enter}'))).toBe('deny');
  });

  test.concurrent('Kiro fs_write is a file write, not a shell command named "create"', async () => {
    expect(await answer('kiro', TOOL_PAYLOADS.kiro.write(join(repo, 'src', 'k.ts'), 'x', repo))).toBe('none');
  });

  test.concurrent('the audit log records the tamper attempt', async () => {
    const r = await call('claude-code', TOOL_PAYLOADS['claude-code'].write(join(repo, '.claude', 'settings.json'), '{"disableAllHooks": true}', repo));
    expect(understood('claude-code', r)).toBe('deny');
    const lines = readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const entry = lines.reverse().find((e) => e.tool === 'Write' && e.input.some((i: string) => i.includes('.claude/settings.json')));
    expect(entry.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'guard-tamper' })]));
  });
});
