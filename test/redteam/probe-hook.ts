// Red-team probe (not a test): runs Claude Code / other agents' tool payloads through the real hook
// in a fresh git workspace with a temporary HOME and prints what the agent would be told.
//   npx tsx test/redteam/probe-hook.ts cases.yaml
// cases: [{ agent?: claude-code, tool: Write, input: {...}, files?: {...} }]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { runHook } from '../../src/agents/hook/run.js';

interface Case { agent?: string; tool: string; input: Record<string, unknown>; files?: Record<string, string>; payload?: Record<string, unknown> }

// Not under /tmp: scratch there is judged as scratch. The guard set reads process.env, so HOME is set there too.
const home = mkdtempSync(join(homedir(), '.firebreak-probe-home-'));
process.env.HOME = home;
const cases = (parse(readFileSync(process.argv[2]!, 'utf8')) as { cases: Case[] }).cases;
for (const c of cases) {
  const cwd = mkdtempSync(join(tmpdir(), 'firebreak-probe-'));
  for (const [path, text] of Object.entries({ 'README.md': '# a project\n', ...(c.files ?? {}) })) {
    mkdirSync(dirname(join(cwd, path)), { recursive: true });
    writeFileSync(join(cwd, path), text);
  }
  execFileSync('git', ['-C', cwd, 'init', '-q']);
  const input = JSON.parse(JSON.stringify(c.input).replaceAll('$CWD', cwd).replaceAll('$HOME', home));
  const payload = { session_id: 's1', cwd, hook_event_name: 'PreToolUse', tool_name: c.tool, tool_input: input, ...(c.payload ?? {}) };
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, FIREBREAK_HOOK_DEADLINE_MS: "20000" };
  delete env.CI;
  delete env.GITHUB_ACTIONS;
  const r = await runHook(c.agent ?? 'claude-code', async () => JSON.stringify(payload), { env });
  let decision = r.exitCode === 2 ? 'deny' : 'none';
  try {
    const j = JSON.parse(r.stdout) as { hookSpecificOutput?: { permissionDecision?: string; permissionDecisionReason?: string } };
    decision = j.hookSpecificOutput?.permissionDecision ?? decision;
    if (process.env.WHY) console.log(`    ${j.hookSpecificOutput?.permissionDecisionReason?.slice(0, 300)}`);
    if (!j.hookSpecificOutput) decision = `${decision} ${r.stdout.trim().slice(0, 200)}`;
  } catch { /* plain */ }
  console.log(`${decision.padEnd(6)} ${c.tool} ${JSON.stringify(c.input).slice(0, 150)}`);
  rmSync(cwd, { recursive: true, force: true });
}
rmSync(home, { recursive: true, force: true });
