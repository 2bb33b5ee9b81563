// `firebreak doctor` over real agent configuration files in a temp repository and home.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, cleanEnv, runCli, tempRepo } from './helpers.js';

function put(file: string, content: unknown) {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

describe('doctor', () => {
  test.concurrent('reports hooks, bypass modes, cloud MCP servers and production profiles; --strict exits non-zero', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-home-'));
    put(join(repo, '.claude', 'settings.json'), { permissions: { defaultMode: 'bypassPermissions', allow: ['Bash(aws:*)'] } });
    put(join(repo, '.mcp.json'), { mcpServers: { 'aws-api': { command: 'uvx', args: ['awslabs.aws-api-mcp-server@latest'], env: { AWS_PROFILE: 'prod' } }, notes: { command: 'notes-mcp' } } });
    put(join(home, '.gemini', 'settings.json'), { general: { defaultApprovalMode: 'yolo' } });
    put(join(home, '.codex', 'config.toml'), 'approval_policy = "never"\n[mcp_servers.k8s]\ncommand = "kubectl-mcp"\n');
    put(join(home, '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[prod]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n');
    put(join(home, '.aws', 'config'), '[profile staging]\nregion = eu-west-1\n[profile company-live]\nsso_session = x\n');
    const env = cleanEnv({ HOME: home });

    const r = await runCli(['doctor', '--json'], { cwd: repo, env });
    const report = JSON.parse(r.stdout);
    const kinds = report.findings.map((f: any) => `${f.kind} ${f.message}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hook-missing claude-code/),
        expect.stringMatching(/^bypass claude-code: permissions.defaultMode = bypassPermissions/),
        expect.stringMatching(/^bypass claude-code: permissions.allow includes "Bash\(aws:\*\)"/),
        expect.stringMatching(/^cloud-mcp claude-code: MCP server "aws-api"/),
        expect.stringMatching(/^bypass gemini: defaultApprovalMode = yolo/),
        expect.stringMatching(/^bypass codex: approval_policy = "never"/),
        expect.stringMatching(/^cloud-mcp codex: MCP server "k8s"/),
        expect.stringMatching(/^production-credentials AWS profile "prod" .*firebreak.yaml.*long-lived keys/),
        expect.stringMatching(/^production-credentials AWS profile "company-live" .*named like production/),
      ]),
    );
    expect(kinds.join('\n')).not.toContain('"notes"');
    expect(kinds.join('\n')).not.toContain('"staging"');
    expect(r.code).toBe(0);
    expect((await runCli(['doctor', '--strict'], { cwd: repo, env })).code).toBe(2);
  });

  test.concurrent('after install the hook is reported as installed; a clean setup passes --strict', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-home-'));
    const env = cleanEnv({ HOME: home });
    await runCli(['hook', 'install', '--agent', 'claude-code', '--command', `node ${BIN} hook --agent claude-code`], { cwd: repo, env });
    const r = await runCli(['doctor', '--json'], { cwd: repo, env });
    const report = JSON.parse(r.stdout);
    expect(report.agents).toEqual([expect.objectContaining({ agent: 'claude-code', hookInstalled: true })]);
    expect(report.findings).toEqual([]);
    expect((await runCli(['doctor', '--strict'], { cwd: repo, env })).code).toBe(0);
  });
});
