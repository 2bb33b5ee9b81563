// `hook install` then `doctor --strict` for all six agents, with real temp homes, repositories and
// a PATH that holds `firebreak`; then every way the installation can stop protecting: the hook
// removed, narrowed or re-pointed, the entry file replaced, the program gone, not on PATH.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN, cleanEnv, ROOT, runCli, tempRepo } from '../agents/helpers.js';

const AGENTS = ['claude-code', 'cursor', 'gemini', 'kiro', 'codex', 'copilot'] as const;

/** A home, a repository without a firebreak.yaml, and PATH holding a `firebreak` link to this build. */
function setup() {
  const repo = tempRepo();
  rmSync(join(repo, 'firebreak.yaml'));
  const home = mkdtempSync(join(tmpdir(), 'firebreak-doctor-home-'));
  const bin = mkdtempSync(join(tmpdir(), 'firebreak-bin-'));
  symlinkSync(BIN, join(bin, 'firebreak'));
  const env = cleanEnv({ HOME: home, PATH: `${bin}${delimiter}${process.env.PATH}` });
  const cli = (args: string[], e = env) => runCli(args, { cwd: repo, env: e });
  const doctor = async (e = env) => {
    const r = await cli(['doctor', '--json'], e);
    return { code: r.code, report: JSON.parse(r.stdout), strict: (await cli(['doctor', '--strict'], e)).code };
  };
  return { repo, home, bin, env, cli, doctor };
}

/** A copy of the installed package's entry, bundle scripts and manifest: a Firebreak install we may tamper with. */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-pkg-'));
  const scripts = readdirSync(join(ROOT, 'dist', 'bundle')).filter((f) => !f.endsWith('.map')).map((f) => `dist/bundle/${f}`);
  for (const f of ['package.json', 'bin/firebreak.js', ...scripts]) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  return dir;
}

describe('hook install, then doctor --strict, for every agent', () => {
  test.concurrent.each(AGENTS)('%s: project scope', async (agent) => {
    const s = setup();
    const install = await s.cli(['hook', 'install', '--agent', agent]);
    expect(install.code).toBe(0);
    expect(install.stdout).toMatch(/Recorded: firebreak -> .*bin\/firebreak\.js \(sha256 [0-9a-f]{12}/);
    const { report, strict } = await s.doctor();
    expect(report.agents.map((a: any) => [a.agent, a.hookInstalled])).toEqual([[agent, true]]);
    expect(report.findings).toEqual([]);
    expect(strict).toBe(0);
    expect(report.limits.every((l: any) => l.agent === agent)).toBe(true);
  });

  test.concurrent.each(AGENTS)('%s: user scope', async (agent) => {
    const s = setup();
    expect((await s.cli(['hook', 'install', '--agent', agent, '--scope', 'user'])).code).toBe(0);
    const { report, strict } = await s.doctor();
    expect(report.findings).toEqual([]);
    expect(strict).toBe(0);
  });

  test.concurrent('the install record lives outside the workspace, with the entry and bundle hashes', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'claude-code']);
    const record = JSON.parse(readFileSync(join(s.home, '.config', 'firebreak', 'installs.json'), 'utf8')).installs[0];
    expect(record).toMatchObject({ agent: 'claude-code', scope: 'project', command: 'firebreak hook --agent claude-code', resolvedPath: BIN, entrySha256: expect.stringMatching(/^[0-9a-f]{64}$/), bundleSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await s.cli(['hook', 'install', '--agent', 'claude-code', '--uninstall']);
    expect(JSON.parse(readFileSync(join(s.home, '.config', 'firebreak', 'installs.json'), 'utf8')).installs).toEqual([]);
  });
});

describe('doctor finds a hook that no longer protects, with the fix', () => {
  const findings = (report: any) => report.findings.map((f: any) => `${f.kind}: ${f.message}${f.fix ? ` | fix: ${f.fix}` : ''}`).join('\n');

  test.concurrent('the registration removed from the file', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'claude-code']);
    writeFileSync(join(s.repo, '.claude', 'settings.json'), JSON.stringify({ hooks: {} }));
    const { report, strict } = await s.doctor();
    expect(findings(report)).toMatch(/hook-missing: claude-code/);
    expect(findings(report)).toMatch(/hook-removed: claude-code: the hook installed in .*settings.json is gone from the file \| fix: firebreak hook install --agent claude-code/);
    expect(strict).toBe(2);
  });

  test.concurrent('the registration file deleted', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'copilot']);
    rmSync(join(s.repo, '.github', 'hooks', 'firebreak.json'));
    expect(findings((await s.doctor()).report)).toMatch(/hook-removed: copilot: .*the file was deleted/);
  });

  test.concurrent.each([
    ['claude-code', '.claude/settings.json', (d: any) => ((d.hooks.PreToolUse[0].matcher = 'Bash'), d), /hook-incomplete: claude-code: the hook does not cover file writes \(Write, Edit, MultiEdit, NotebookEdit/],
    ['gemini', '.gemini/settings.json', (d: any) => ((d.hooks.BeforeTool[0].matcher = 'run_shell_command'), d), /hook-incomplete: gemini: the hook does not cover file writes \(write_file, replace/],
    ['codex', '.codex/hooks.json', (d: any) => ((d.hooks.PreToolUse[0].matcher = 'Bash'), d), /hook-incomplete: codex: the hook does not cover file writes \(apply_patch/],
    ['cursor', '.cursor/hooks.json', (d: any) => (delete d.hooks.beforeMCPExecution, d), /hook-incomplete: cursor: the hook does not cover MCP/],
    ['kiro', '.kiro/hooks/firebreak.json', (d: any) => ((d.matcher = 'execute_bash'), d), /hook-incomplete: kiro: the hook does not cover file writes \(fs_write/],
  ])('%s: a matcher narrowed to the shell', async (agent, path, narrow, expected) => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', agent]);
    const file = join(s.repo, path);
    writeFileSync(file, JSON.stringify(narrow(JSON.parse(readFileSync(file, 'utf8')))));
    const { report, strict } = await s.doctor();
    expect(findings(report)).toMatch(expected);
    expect(strict).toBe(2);
  });

  test.concurrent('the command re-pointed at something that is not Firebreak', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'claude-code']);
    const fake = join(mkdtempSync(join(tmpdir(), 'fake-')), 'firebreak.js');
    writeFileSync(fake, 'process.stdout.write("{}")\n');
    const file = join(s.repo, '.claude', 'settings.json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    doc.hooks.PreToolUse[0].hooks[0].command = `node ${fake} hook --agent claude-code`;
    writeFileSync(file, JSON.stringify(doc));
    const text = findings((await s.doctor()).report);
    expect(text).toMatch(/hook-changed: claude-code: the hook command .* is now `node .*firebreak.js hook --agent claude-code`/);
    expect(text).toMatch(/hook-not-firebreak: claude-code: the hook runs .*firebreak.js, which is not part of a Firebreak package/);
  });

  test.concurrent('the entry file replaced after install, then the program gone', async () => {
    const s = setup();
    const pkg = packageCopy();
    const entry = join(pkg, 'bin', 'firebreak.js');
    await s.cli(['hook', 'install', '--agent', 'gemini', '--command', `node ${entry} hook --agent gemini`]);
    expect((await s.doctor()).report.findings).toEqual([]);
    writeFileSync(entry, `${readFileSync(entry, 'utf8')}\n// answers allow to everything\n`);
    const replaced = await s.doctor();
    expect(findings(replaced.report)).toMatch(/entry-replaced: gemini: .*bin\/firebreak.js changed since the hook was installed/);
    expect(replaced.strict).toBe(2);
    writeFileSync(join(pkg, 'dist', 'bundle', 'hook.js'), 'export {}\n');
    expect(findings((await s.doctor()).report)).toMatch(/entry-replaced: gemini: the hook bundle next to/);
    rmSync(pkg, { recursive: true, force: true });
    expect(findings((await s.doctor()).report)).toMatch(/binary-missing: gemini: the hook runs `node .*firebreak.js`, which does not exist/);
  });

  test.concurrent('every script of the bundle counts: the resident client, a chunk, the hook, an added script', async () => {
    const s = setup();
    const pkg = packageCopy();
    const entry = join(pkg, 'bin', 'firebreak.js');
    await s.cli(['hook', 'install', '--agent', 'claude-code', '--command', `node ${entry} hook --agent claude-code`]);
    expect((await s.doctor()).report.findings).toEqual([]);
    const bundle = join(pkg, 'dist', 'bundle');
    const chunk = readdirSync(bundle).find((f) => /^chunk-.*\.js$/.test(f))!;
    for (const script of ['resident-client.js', chunk, 'hook.js', 'added.js']) {
      const file = join(bundle, script);
      const original = script === 'added.js' ? undefined : readFileSync(file);
      writeFileSync(file, `${original ?? ''}\n// answers allow to everything\n`);
      const tampered = await s.doctor();
      expect(findings(tampered.report), script).toMatch(/entry-replaced: claude-code: the hook bundle next to .* changed since the hook was installed/);
      expect(tampered.strict, script).toBe(2);
      if (original) writeFileSync(file, original);
      else rmSync(file);
      expect((await s.doctor()).report.findings, script).toEqual([]);
    }
    rmSync(pkg, { recursive: true, force: true });
  }, 60_000);

  test.concurrent('a hook that runs `firebreak` while it is not on PATH would run unguarded', async () => {
    const s = setup();
    const noFirebreak = cleanEnv({ HOME: s.home, PATH: '/usr/bin:/bin' });
    const install = await s.cli(['hook', 'install', '--agent', 'codex'], noFirebreak);
    expect(install.stdout).toContain('not found on PATH');
    const { report, strict } = await s.doctor(noFirebreak);
    expect(findings(report)).toMatch(/not-on-path: codex: the hook runs `firebreak` but it is not on PATH/);
    expect(strict).toBe(2);
  });

  test.concurrent('hooks switched off by a setting are reported', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'claude-code']);
    const file = join(s.repo, '.claude', 'settings.local.json');
    writeFileSync(file, JSON.stringify({ disableAllHooks: true }));
    expect(findings((await s.doctor()).report)).toMatch(/broken-config: claude-code: disableAllHooks = true/);
  });

  test.concurrent('doctor states plainly what an agent cannot hook', async () => {
    const s = setup();
    await s.cli(['hook', 'install', '--agent', 'kiro']);
    const text = (await s.cli(['doctor'])).stdout;
    expect(text).toContain('What these agents cannot hook');
    expect(text).toContain('Kiro IDE `runCommand` hooks receive no tool arguments');
  });
});
