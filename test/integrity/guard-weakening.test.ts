// The CI gate on pull requests that weaken the guard: real git repositories, two commits each,
// the real gate. Every loosening is a permission change that names what got looser; tightening
// and unrelated edits are not.
import { afterAll, describe, expect, it } from 'vitest';
import { runCi } from '../../src/ci/gate.js';
import { TempRepo } from '../ci/helpers.js';

const CLAUDE = {
  hooks: {
    PreToolUse: [{ matcher: 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*|Read|Grep', hooks: [{ type: 'command', command: 'firebreak hook --agent claude-code', timeout: 10 }] }],
  },
};
const CONFIG = `version: 1
environments:
  live:
    production: true
    match:
      profiles: [prod, prod-*]
      accounts: ['111111111111']
  staging:
    production: false
    match:
      profiles: [staging]
freezes:
  - name: year-end
    start: 2026-12-20T00:00:00Z
    end: 2027-01-05T00:00:00Z
    environments: [production]
policy: policies/team.yaml
`;
const POLICY = `version: 1
default: escalate
rules:
  - id: reads
    description: reads
    match: {operation: read}
    decision: pass
  - id: prod-deletes
    description: deletes in production
    match: {environment: production, operation: delete}
    decision: block
  - id: prod-changes
    description: changes in production
    match: {environment: production, operation: [update, create]}
    decision: escalate
`;
const BASE = {
  '.claude/settings.json': JSON.stringify(CLAUDE, null, 2),
  '.cursor/hooks.json': JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: 'firebreak hook --agent cursor', timeout: 10 }], beforeMCPExecution: [{ command: 'firebreak hook --agent cursor', timeout: 10 }] } }, null, 2),
  '.codex/config.toml': '[features]\ncodex_hooks = true\n',
  'firebreak.yaml': CONFIG,
  'policies/team.yaml': POLICY,
  '.firebreak/settings.json': JSON.stringify({ gateway: { firstDestructive: true, productionWrites: { max: 20 } } }),
  'src/app.ts': 'export const x = 1;\n',
};

const repos: TempRepo[] = [];
afterAll(() => repos.forEach((r) => r.remove()));

async function gate(change: Record<string, string | null>) {
  const repo = new TempRepo('firebreak-weaken-');
  repos.push(repo);
  const base = repo.commit('base', BASE);
  const head = repo.commit('change', change);
  const result = await runCi({ cwd: repo.dir, base, head, failOn: 'escalate', noFetch: true, now: new Date('2026-06-01T00:00:00Z') });
  const weakening = result.report.actions.filter((a) => a.verb === 'weaken guard');
  return { result, weakening, text: weakening.flatMap((a) => a.evidence.map((e) => e.message)).join('\n') };
}

describe('a pull request that weakens the guard is a permission change that says what got looser', () => {
  it.each([
    ['removing the Claude Code hook', { '.claude/settings.json': JSON.stringify({ hooks: {} }) }, /claude-code: the Firebreak hook on PreToolUse is removed/],
    ['deleting the Claude Code settings file', { '.claude/settings.json': null }, /the file is deleted/],
    ['narrowing the matcher to Bash', { '.claude/settings.json': JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'firebreak hook --agent claude-code' }] }] } }) }, /no longer covers Write, Edit, MultiEdit, NotebookEdit/],
    ['pointing the hook at something else', { '.claude/settings.json': JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'Bash|Write|Edit|MultiEdit|NotebookEdit|mcp__.*|Read|Grep', hooks: [{ type: 'command', command: 'true' }] }] } }) }, /Firebreak hook on PreToolUse is removed/],
    ['disableAllHooks', { '.claude/settings.json': JSON.stringify({ ...CLAUDE, disableAllHooks: true }) }, /disableAllHooks = true/],
    ['bypassPermissions', { '.claude/settings.json': JSON.stringify({ ...CLAUDE, permissions: { defaultMode: 'bypassPermissions' } }) }, /bypassPermissions/],
    ['removing the Cursor MCP hook', { '.cursor/hooks.json': JSON.stringify({ version: 1, hooks: { beforeShellExecution: [{ command: 'firebreak hook --agent cursor' }] } }) }, /cursor: the Firebreak hook on beforeMCPExecution is removed/],
    ['turning Codex hooks off', { '.codex/config.toml': '[features]\ncodex_hooks = false\n' }, /codex: hooks are no longer turned on/],
    ['marking production non-production', { 'firebreak.yaml': CONFIG.replace('production: true', 'production: false') }, /environment "live" is no longer production/],
    ['removing the production environment', { 'firebreak.yaml': CONFIG.replace(/ {2}live:\n {4}production: true\n {4}match:\n {6}profiles: \[prod, prod-\*\]\n {6}accounts: \['111111111111'\]\n/, '') }, /production environment "live" is removed/],
    ['narrowing what production matches', { 'firebreak.yaml': CONFIG.replace('profiles: [prod, prod-*]', 'profiles: [prod]') }, /no longer matches profiles: prod-\*/],
    ['moving a production profile to staging', { 'firebreak.yaml': CONFIG.replace('profiles: [staging]', 'profiles: [staging, prod-*]') }, /non-production environment "staging" now matches profiles: prod-\*, which production environment "live" matched/],
    ['removing the freeze window', { 'firebreak.yaml': CONFIG.replace(/freezes:\n(?: {2}.*\n|    .*\n)+/, 'freezes: []\n') }, /freeze window "year-end" is removed/],
    ['shortening the freeze window', { 'firebreak.yaml': CONFIG.replace('2027-01-05T00:00:00Z', '2026-12-21T00:00:00Z') }, /freeze window "year-end" is shortened/],
    ['switching to a laxer policy file', { 'firebreak.yaml': CONFIG.replace('policies/team.yaml', 'policies/lax.yaml'), 'policies/lax.yaml': 'version: 1\ndefault: escalate\nrules: []\n' }, /the policy changed from policies\/team.yaml to policies\/lax.yaml/],
    ['lowering a block rule to pass', { 'policies/team.yaml': POLICY.replace('decision: block', 'decision: pass') }, /rule prod-deletes is lowered from block to pass/],
    ['removing a rule', { 'policies/team.yaml': POLICY.replace(/ {2}- id: prod-changes[\s\S]*$/, '') }, /rule prod-changes \(escalate\) is removed/],
    ['adding a pass-everything rule', { 'policies/team.yaml': `${POLICY}  - id: yolo\n    description: anything\n    match: {operation: [delete]}\n    decision: pass\n` }, /new pass rule yolo/],
    ['a policy that passes the weakening itself', { 'policies/team.yaml': POLICY.replace('default: escalate', 'default: escalate').replace('decision: block', 'decision: pass') + '  - id: all\n    description: all\n    match: {operationNot: read}\n    decision: pass\n' }, /new pass rule all/],
    ['turning off first-destructive', { '.firebreak/settings.json': JSON.stringify({ gateway: { firstDestructive: false } }) }, /first-destructive-operation control is turned off/],
  ])('%s', async (_name, change, expected) => {
    const { result, weakening, text } = await gate(change);
    expect(weakening.length).toBeGreaterThan(0);
    expect(text).toMatch(expected);
    expect(weakening.every((a) => a.operation === 'permissions')).toBe(true);
    expect(result.report.verdict).not.toBe('pass');
    expect(result.exitCode).not.toBe(0);
    // Judged by the repository's own policy, and never passed by it (the change may loosen that very policy).
    expect(result.report.reasons.some((r) => r.decision !== 'pass')).toBe(true);
  }, 60_000);

  it.each([
    ['editing source code', { 'src/app.ts': 'export const x = 2;\n' }],
    ['adding a block rule', { 'policies/team.yaml': `${POLICY}  - id: no-iam\n    description: no IAM\n    match: {operation: permissions}\n    decision: block\n` }],
    ['adding another production profile', { 'firebreak.yaml': CONFIG.replace('profiles: [prod, prod-*]', 'profiles: [prod, prod-*, live]') }],
    ['lengthening the freeze window', { 'firebreak.yaml': CONFIG.replace('2027-01-05T00:00:00Z', '2027-01-10T00:00:00Z') }],
    ['adding a hook of its own next to ours', { '.claude/settings.json': JSON.stringify({ hooks: { PreToolUse: [...CLAUDE.hooks.PreToolUse, { matcher: 'Edit', hooks: [{ type: 'command', command: 'prettier --check' }] }] } }) }],
  ])('%s is not a weakening', async (_name, change) => {
    const { weakening } = await gate(change);
    expect(weakening).toEqual([]);
  }, 60_000);
});
