// `firebreak hook --agent X` as each agent runs it: a real process, the agent's real payload on
// stdin, and the answer read back the way that agent reads it.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanEnv, COMMANDS, hook, tempRepo } from './helpers.js';
import { ASK_CAPABLE, MALFORMED, PAYLOADS, reasonText, understood } from './payloads.js';

const AGENT_NAMES = Object.keys(PAYLOADS);

function auditLines(repo: string): any[] {
  return readFileSync(join(repo, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
}

describe.each(AGENT_NAMES)('hook --agent %s', (agent) => {
  const payload = PAYLOADS[agent];

  test.concurrent('a local command gets no objection, in the protocol, and is audited', async () => {
    const repo = tempRepo();
    const r = await hook(agent, payload(COMMANDS.local, repo), { cwd: repo });
    expect(understood(agent, r)).toBe('none');
    expect(r.code).toBe(0);
    const [entry] = auditLines(repo);
    expect(entry).toMatchObject({ agent, verdict: 'pass', answer: 'none', input: [COMMANDS.local], cwd: repo });
  });

  test.concurrent('a blocked action is denied with the reasons', async () => {
    const repo = tempRepo();
    const r = await hook(agent, payload(COMMANDS.block, repo), { cwd: repo });
    expect(understood(agent, r)).toBe('deny');
    expect(r.code === 1).toBe(false);
    const reason = reasonText(agent, r);
    expect(reason).toContain('BLOCKED');
    expect(reason).toContain('production-data-loss');
    expect(reason).toContain('terminate-instances');
    expect(auditLines(repo).at(-1)).toMatchObject({ verdict: 'block', answer: 'deny' });
  });

  test.concurrent('an escalated action is asked where the agent can ask and a person is there, else denied with the approve command', async () => {
    const repo = tempRepo();
    const r = await hook(agent, payload(COMMANDS.escalate, repo), { cwd: repo });
    const expected = ASK_CAPABLE.has(agent) ? 'ask' : 'deny';
    expect(understood(agent, r)).toBe(expected);
    const reason = reasonText(agent, r);
    expect(reason).toMatch(/firebreak approve fb-[a-z0-9]+/);
    expect(reason).toContain('production-change');
    expect(auditLines(repo).at(-1)).toMatchObject({ verdict: 'escalate', answer: expected, approval: { status: 'pending' } });
  });

  test.concurrent('with CI=true nobody can answer: escalate is denied', async () => {
    const repo = tempRepo();
    const r = await hook(agent, payload(COMMANDS.escalate, repo), { cwd: repo, env: cleanEnv({ CI: 'true' }) });
    expect(understood(agent, r)).toBe('deny');
    expect(reasonText(agent, r)).toMatch(/firebreak approve fb-[a-z0-9]+/);
  });

  test.concurrent('a malformed payload (real shape, broken field) is denied', async () => {
    const repo = tempRepo();
    const r = await hook(agent, MALFORMED[agent](repo), { cwd: repo });
    expect(understood(agent, r)).toBe('deny');
    expect(reasonText(agent, r)).toContain('could not read the hook payload');
    expect(auditLines(repo).at(-1)).toMatchObject({ verdict: 'error', answer: 'deny', reasons: [{ rule: 'hook-malformed-payload' }] });
  });

  test.concurrent('text that is not JSON, and an empty stdin, are denied', async () => {
    const repo = tempRepo();
    for (const input of ['{"tool_name": "Bash", "tool_input": {"command": "rm -rf /"', '']) {
      const r = await hook(agent, input, { cwd: repo });
      expect(understood(agent, r)).toBe('deny');
    }
  });

  test.concurrent('an internal error fails closed (ask where a person can answer, else deny)', async () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.firebreak'), { recursive: true });
    writeFileSync(join(repo, '.firebreak', 'settings.json'), '{ not json');
    const r = await hook(agent, payload(COMMANDS.block, repo), { cwd: repo });
    expect(understood(agent, r)).toBe(ASK_CAPABLE.has(agent) ? 'ask' : 'deny');
    expect(reasonText(agent, r)).toContain('could not judge');
  });

  test.concurrent('running out of time fails closed', async () => {
    const repo = tempRepo();
    const r = await hook(agent, payload(COMMANDS.block, repo), { cwd: repo, env: cleanEnv({ FIREBREAK_HOOK_DEADLINE_MS: '1' }) });
    expect(['deny', 'ask']).toContain(understood(agent, r));
    expect(reasonText(agent, r)).toContain('no verdict within 1 ms');
    expect(auditLines(repo).at(-1)).toMatchObject({ verdict: 'error', reasons: [{ rule: 'hook-timeout' }] });
  });
});

describe('agent specifics', () => {
  test.concurrent('Claude Code in bypassPermissions mode: escalate is denied, not asked (ask would be auto-approved)', async () => {
    const repo = tempRepo();
    for (const mode of ['bypassPermissions', 'dontAsk']) {
      const r = await hook('claude-code', PAYLOADS['claude-code'](COMMANDS.escalate, repo, { mode }), { cwd: repo });
      expect(understood('claude-code', r)).toBe('deny');
      expect(r.json.hookSpecificOutput.permissionDecisionReason).toMatch(/firebreak approve fb-/);
    }
  });

  test.concurrent('Claude Code: an MCP tool carrying an AWS CLI command is checked like Bash', async () => {
    const repo = tempRepo();
    const payload = { ...(PAYLOADS['claude-code'](COMMANDS.block, repo) as object), tool_name: 'mcp__aws-api__call_aws', tool_input: { cli_command: COMMANDS.block, max_results: 10 } };
    const r = await hook('claude-code', payload, { cwd: repo });
    expect(understood('claude-code', r)).toBe('deny');
    const other = { ...payload, tool_name: 'mcp__github__create_issue', tool_input: { title: 'x', body: 'aws is great' } };
    expect(understood('claude-code', await hook('claude-code', other, { cwd: repo }))).toBe('none');
  });

  test.concurrent('Claude Code: an MCP tool that only runs its command is judged by the command (a read passes)', async () => {
    const repo = tempRepo();
    const base = PAYLOADS['claude-code'](COMMANDS.local, repo) as object;
    const read = { ...base, tool_name: 'mcp__aws-api__call_aws', tool_input: { cli_command: 'aws ec2 describe-instances --region eu-west-1', max_results: 10 } };
    expect(understood('claude-code', await hook('claude-code', read, { cwd: repo }))).toBe('none');
    // Another argument may say where it runs: the tool is not assumed to add nothing.
    const remote = { ...base, tool_name: 'mcp__ssh__exec', tool_input: { host: 'prod-db-1', command: 'ls' } };
    expect(understood('claude-code', await hook('claude-code', remote, { cwd: repo }))).toBe('ask');
    const deploy = { ...base, tool_name: 'mcp__platform__deploy_app', tool_input: { command: 'npm start' } };
    expect(understood('claude-code', await hook('claude-code', deploy, { cwd: repo }))).toBe('ask');
  });

  test.concurrent('Codex: a command given as argv (["bash", "-lc", ...]) is unwrapped', async () => {
    const repo = tempRepo();
    const payload = { ...(PAYLOADS.codex(COMMANDS.block, repo) as object), tool_input: { command: ['bash', '-lc', COMMANDS.block] } };
    const r = await hook('codex', payload, { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('terminate-instances');
  });

  test.concurrent('Copilot: toolArgs is a JSON string; the coding agent (GITHUB_ACTIONS) gets deny, not ask', async () => {
    const repo = tempRepo();
    const r = await hook('copilot', PAYLOADS.copilot(COMMANDS.escalate, repo), { cwd: repo, env: cleanEnv({ GITHUB_ACTIONS: 'true' }) });
    expect(r.json).toMatchObject({ permissionDecision: 'deny' });
    expect(r.json.permissionDecisionReason).toMatch(/firebreak approve fb-/);
  });

  test.concurrent('Cursor: beforeMCPExecution with tool_input as a JSON string', async () => {
    const repo = tempRepo();
    const payload = { conversation_id: 'c', hook_event_name: 'beforeMCPExecution', cwd: repo, workspace_roots: [repo], tool_name: 'call_aws', tool_input: JSON.stringify({ cli_command: COMMANDS.block }) };
    const r = await hook('cursor', payload, { cwd: repo });
    expect(r.json).toMatchObject({ permission: 'deny' });
  });

  test.concurrent('an unknown agent name exits 2 (blocking), never 1', async () => {
    const repo = tempRepo();
    const r = await hook('windsurf', PAYLOADS['claude-code'](COMMANDS.local, repo), { cwd: repo });
    expect(r.code).toBe(2);
  });

  test.concurrent('emitAllow: an explicit allow on pass only when configured', async () => {
    const repo = tempRepo({ settings: { emitAllow: true } });
    const r = await hook('claude-code', PAYLOADS['claude-code'](COMMANDS.local, repo), { cwd: repo });
    expect(r.json).toMatchObject({ hookSpecificOutput: { permissionDecision: 'allow' } });
  });
});
