// `firebreak hook install` against real files in temp repositories and homes.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cleanEnv, runCli, tempRepo } from './helpers.js';

const install = (repo: string, home: string, args: string[]) => runCli(['hook', 'install', ...args], { cwd: repo, env: cleanEnv({ HOME: home }) });
const read = (file: string) => readFileSync(file, 'utf8');
const tempHome = () => mkdtempSync(join(tmpdir(), 'firebreak-home-'));

describe('hook install', () => {
  test.concurrent('Claude Code: merges next to existing hooks, keeps 4-space formatting, idempotent, uninstall removes only ours', async () => {
    const repo = tempRepo();
    const home = tempHome();
    const file = join(repo, '.claude', 'settings.json');
    mkdirSync(join(repo, '.claude'));
    const original = {
      permissions: { allow: ['Bash(npm test)'] },
      hooks: {
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'my-linter --check' }] }],
        PostToolUse: [{ matcher: 'Edit', hooks: [{ type: 'command', command: 'prettier --write' }] }],
      },
    };
    writeFileSync(file, `${JSON.stringify(original, null, 4)}\n`);

    expect((await install(repo, home, ['--agent', 'claude-code'])).code).toBe(0);
    const once = read(file);
    expect(once).toMatch(/^\{\n {4}"permissions"/);
    const doc = JSON.parse(once);
    expect(doc.hooks.PreToolUse).toHaveLength(2);
    expect(doc.hooks.PreToolUse[0]).toEqual(original.hooks.PreToolUse[0]);
    // Shell, file-writing, MCP and file-reading tools all reach the hook.
    expect(doc.hooks.PreToolUse[1]).toEqual({ matcher: 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*|Read|Grep', hooks: [{ type: 'command', command: 'firebreak hook --agent claude-code', timeout: 10 }] });
    expect(doc.hooks.PostToolUse).toEqual(original.hooks.PostToolUse);

    const again = await install(repo, home, ['--agent', 'claude-code']);
    expect(again.stdout).toContain('nothing to change');
    expect(read(file)).toBe(once);

    await install(repo, home, ['--agent', 'claude-code', '--uninstall']);
    expect(JSON.parse(read(file))).toEqual(original);
    expect(read(file)).toBe(`${JSON.stringify(original, null, 4)}\n`);
  });

  test.concurrent('user scope writes to the home directory', async () => {
    const repo = tempRepo();
    const home = tempHome();
    await install(repo, home, ['--agent', 'gemini', '--scope', 'user']);
    const doc = JSON.parse(read(join(home, '.gemini', 'settings.json')));
    expect(doc.hooks.BeforeTool[0].hooks[0]).toMatchObject({ command: 'firebreak hook --agent gemini', timeout: 10000 });
    expect(existsSync(join(repo, '.gemini'))).toBe(false);
  });

  test.concurrent.each([
    ['cursor', '.cursor/hooks.json', (d: any) => d.version === 1 && d.hooks.beforeShellExecution[0].command === 'firebreak hook --agent cursor'],
    ['codex', '.codex/hooks.json', (d: any) => d.hooks.PreToolUse[0].hooks[0].command === 'firebreak hook --agent codex'],
    ['copilot', '.github/hooks/firebreak.json', (d: any) => d.version === 1 && d.hooks.preToolUse[0].bash === 'firebreak hook --agent copilot' && d.hooks.preToolUse[0].timeoutSec === 10],
    ['kiro', '.kiro/hooks/firebreak.json', (d: any) => d.trigger === 'PreToolUse' && d.matcher === '*'],
  ])('%s: installs in %s, idempotent, uninstall leaves nothing of ours', async (agent, path, check) => {
    const repo = tempRepo();
    const home = tempHome();
    await install(repo, home, ['--agent', agent]);
    const file = join(repo, path);
    expect(check(JSON.parse(read(file)))).toBe(true);
    const first = read(file);
    await install(repo, home, ['--agent', agent]);
    expect(read(file)).toBe(first);
    await install(repo, home, ['--agent', agent, '--uninstall']);
    expect(existsSync(file) ? read(file) : '').not.toContain('firebreak hook');
  });

  test.concurrent('Codex: turns on codex_hooks in config.toml without disturbing the rest', async () => {
    const repo = tempRepo();
    const home = tempHome();
    mkdirSync(join(home, '.codex'));
    writeFileSync(join(home, '.codex', 'config.toml'), 'model = "gpt-5-codex"\n\n[features]\nweb_search = true\n');
    await install(repo, home, ['--agent', 'codex', '--scope', 'user']);
    expect(read(join(home, '.codex', 'config.toml'))).toBe('model = "gpt-5-codex"\n\n[features]\ncodex_hooks = true\nweb_search = true\n');
  });

  test.concurrent('Kiro: existing agent definitions get the hook (and no duplicate standalone file)', async () => {
    const repo = tempRepo();
    const home = tempHome();
    mkdirSync(join(repo, '.kiro', 'agents'), { recursive: true });
    writeFileSync(join(repo, '.kiro', 'agents', 'ops.json'), JSON.stringify({ name: 'ops', tools: ['*'], hooks: { agentSpawn: [{ command: 'git status' }] } }, null, 2));
    await install(repo, home, ['--agent', 'kiro']);
    const doc = JSON.parse(read(join(repo, '.kiro', 'agents', 'ops.json')));
    expect(doc.hooks.agentSpawn).toEqual([{ command: 'git status' }]);
    expect(doc.hooks.preToolUse).toEqual([{ command: 'firebreak hook --agent kiro', matcher: '*', timeout_ms: 10000 }]);
    expect(existsSync(join(repo, '.kiro', 'hooks', 'firebreak.json'))).toBe(false);
  });

  test.concurrent('a config file that is not valid JSON is left untouched and reported', async () => {
    const repo = tempRepo();
    const home = tempHome();
    mkdirSync(join(repo, '.claude'));
    writeFileSync(join(repo, '.claude', 'settings.json'), '{ "hooks": ');
    const r = await install(repo, home, ['--agent', 'claude-code']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('not valid JSON');
    expect(read(join(repo, '.claude', 'settings.json'))).toBe('{ "hooks": ');
  });

  test.concurrent('--command registers a custom hook command', async () => {
    const repo = tempRepo();
    const home = tempHome();
    await install(repo, home, ['--agent', 'claude-code', '--command', 'node /opt/firebreak/bin/firebreak.js hook --agent claude-code']);
    const doc = JSON.parse(read(join(repo, '.claude', 'settings.json')));
    expect(doc.hooks.PreToolUse[0].hooks[0].command).toBe('node /opt/firebreak/bin/firebreak.js hook --agent claude-code');
    await install(repo, home, ['--agent', 'claude-code', '--uninstall']);
    expect(JSON.parse(read(join(repo, '.claude', 'settings.json')))).toEqual({});
  });
});
