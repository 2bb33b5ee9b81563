// The hook's single-action path (src/fast/single-action.ts) must judge exactly as the whole
// pipeline: every corpus case is judged both ways and the whole reports compared (verdict, reasons,
// actions, blast radius, rollback, summary, cited policy, warnings; only stage timings differ), in
// the corpus workspaces, with and without a firebreak.yaml. Then real hook calls of each payload
// kind (shell commands of every agent, file tools, MCP) run both ways and their answers, messages
// and audit records are compared. What the path does not take (a world in firebreak.yaml, nothing
// to judge) must come back to the pipeline.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import { checkSingleAction } from '../../src/fast/single-action.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { runHook } from '../../src/agents/hook/run.js';
import type { Report } from '../../src/model.js';
import { onMachine, type MachineKind } from '../corpus/machine-env.js';
import { caseWorkspace } from '../corpus/workspace.js';
import { PAYLOADS } from '../agents/payloads.js';
import { dependsOnMachine, withQuietHome } from './golden.js';

const NOW = new Date('2026-06-01T12:00:00Z');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function workspace(files?: Record<string, string>, uncommitted?: string[], modified?: Record<string, string>): string {
  const dir = caseWorkspace('single-action', files, uncommitted, modified);
  made.push(dir);
  return dir;
}

/** The report without the stage timings (the two paths time different stages); safeguard names carry the clock's second. */
function comparable(report: Report): unknown {
  const { timings: _timings, ...rest } = report;
  return JSON.parse(JSON.stringify(rest).replace(/\d{8}T\d{6}/g, 'TIME'));
}

async function bothWays(command: string, cwd: string, config?: string): Promise<{ full: Report; fast: Report | undefined }> {
  const actions = await parseShellCommand(command, { kind: 'shell', command }, { cwd });
  const fast = await checkSingleAction({ cwd, implicitConfig: false, now: NOW, ...(config ? { config } : {}), intake: [], commands: [{ kind: 'shell', actions, warnings: [] }] });
  const { report: full } = await check({ commands: [command], cwd, implicitConfig: false, now: NOW, ...(config ? { config } : {}) });
  return { full, fast: fast?.report };
}

interface Case { run: string; files?: Record<string, string>; uncommitted?: string[]; modified?: Record<string, string>; cwd?: string; machine?: MachineKind }
const CASES = join(import.meta.dirname, '..', 'corpus', 'cases');
const corpora = readdirSync(CASES)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(join(CASES, f), 'utf8')) as { category: string; kind: string; cases: Case[] });
const PRODUCTION_CONFIG = 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n  staging:\n    production: false\n    match:\n      profiles: [staging]\n';

describe('the single-action path judges every corpus case as the pipeline does', () => {
  for (const corpus of corpora) {
    it(corpus.category, async () => {
      await withQuietHome(async () => {
        // Cases without files of their own share one clean workspace (nothing is run, nothing written).
        const shared = workspace();
        let taken = 0;
        const differ: string[] = [];
        for (const c of corpus.cases) {
          const own = c.files || c.uncommitted || c.modified;
          const root = own ? workspace(c.files, c.uncommitted, c.modified) : shared;
          const cwd = c.cwd ? join(root, c.cwd) : root;
          const { full, fast } = await onMachine(c.machine, () => bothWays(c.run, cwd));
          if (!fast) {
            // Only nothing to judge is left to the pipeline here: it passes without a stage run.
            expect(full.reasons.map((r) => r.rule), c.run).toEqual(['no-infrastructure-actions']);
            continue;
          }
          taken++;
          if (JSON.stringify(comparable(fast)) === JSON.stringify(comparable(full))) continue;
          // Other test files fill the temp folder meanwhile, and a loaded machine cuts readings short.
          if ((dependsOnMachine(full, cwd) || dependsOnMachine(fast, cwd)) && (full.verdict === 'pass') === (fast.verdict === 'pass')) continue;
          differ.push(c.run);
        }
        // The first case that differs, in full, then the list.
        const first = corpus.cases.find((c) => c.run === differ[0]);
        if (first) {
          const root = first.files || first.uncommitted || first.modified ? workspace(first.files, first.uncommitted, first.modified) : shared;
          const { full, fast } = await onMachine(first.machine, () => bothWays(first.run, first.cwd ? join(root, first.cwd) : root));
          expect(comparable(fast!), first.run).toEqual(comparable(full));
        }
        expect(differ, `judged differently by the single-action path`).toEqual([]);
        if (corpus.kind === 'hostile') expect(taken).toBe(corpus.cases.length);
      });
    }, 600_000);
  }
});

describe('with a firebreak.yaml', () => {
  const commands = [
    'aws --profile prod ec2 terminate-instances --instance-ids i-0abc',
    'aws --profile staging s3 rm s3://assets --recursive',
    'aws --profile prod s3 ls',
    'terraform destroy -auto-approve',
    'terraform workspace select prod && terraform apply -auto-approve',
    'kubectl delete ns web',
    'kubectl --context prod delete deployment api',
    `python3 -c "import shutil; shutil.rmtree('build')"`,
    'git reset --hard',
    'rm -rf /',
    'psql "$DATABASE_URL" -c "DROP TABLE users"',
    'helm uninstall api -n prod',
    // A runner of project code with credentials: an action only where the environment is production or unknown.
    'AWS_PROFILE=staging pytest',
    'AWS_PROFILE=prod pytest',
  ];
  it('environments, freezes and autonomy from the file: the same reports', async () => {
    await withQuietHome(async () => {
      const repo = workspace({ 'firebreak.yaml': `${PRODUCTION_CONFIG}agent:\n  autonomy: autonomous\nfreezes:\n  - name: launch\n    start: "2026-05-30T00:00:00Z"\n    end: "2026-06-02"\n    environments: [production]\n` });
      for (const command of commands) {
        const { full, fast } = await bothWays(command, repo, join(repo, 'firebreak.yaml'));
        expect(fast, command).toBeDefined();
        expect(comparable(fast!), command).toEqual(comparable(full));
      }
    });
  });

  it('a world named in firebreak.yaml goes to the pipeline', async () => {
    await withQuietHome(async () => {
      const state = { version: 4, terraform_version: '1.9.0', serial: 1, lineage: 'x', outputs: {}, resources: [] };
      const repo = workspace({ 'firebreak.yaml': `${PRODUCTION_CONFIG}world:\n  terraformState: [terraform.tfstate]\n`, 'terraform.tfstate': JSON.stringify(state) });
      const { fast } = await bothWays('terraform destroy -auto-approve', repo, join(repo, 'firebreak.yaml'));
      expect(fast).toBeUndefined();
    });
  });

  it('a firebreak.yaml that does not parse fails as it does in the pipeline', async () => {
    await withQuietHome(async () => {
      const repo = workspace({ 'firebreak.yaml': 'version: 1\nenvironments: [\n' });
      const actions = await parseShellCommand('kubectl delete ns web', { kind: 'shell', command: 'kubectl delete ns web' }, { cwd: repo });
      const config = join(repo, 'firebreak.yaml');
      const fast = checkSingleAction({ cwd: repo, implicitConfig: false, now: NOW, config, intake: [], commands: [{ kind: 'shell', actions, warnings: [] }] });
      const full = check({ commands: ['kubectl delete ns web'], cwd: repo, implicitConfig: false, now: NOW, config });
      const [a, b] = await Promise.allSettled([fast, full]);
      expect(a.status).toBe('rejected');
      expect(b.status).toBe('rejected');
      expect(String((a as PromiseRejectedResult).reason)).toBe(String((b as PromiseRejectedResult).reason));
    });
  });
});

describe('hook calls answer the same through both paths', () => {
  /** One hook call in-process, with its own state and per-user folders, through the path chosen. */
  async function hookCall(agent: string, payload: unknown, cwd: string, single: boolean) {
    const home = mkdtempSync(join(tmpdir(), 'firebreak-single-home-'));
    const state = mkdtempSync(join(tmpdir(), 'firebreak-single-state-'));
    made.push(home, state);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, FIREBREAK_HOME: join(home, 'fb'), FIREBREAK_STATE_DIR: state, FIREBREAK_SINGLE_ACTION: single ? '1' : '0' };
    const rendered = await runHook(agent, async () => JSON.stringify(payload), { env, now: NOW, deadlineMs: 60_000 });
    const audit = readFileSync(join(state, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const record = audit.at(-1)!;
    const { time: _t, hash: _h, prev: _p, durationMs: _d, timings, ...rest } = record;
    // Which path judged it: check() times a world stage, the single-action path does not.
    const path = !timings ? 'none' : 'world' in (timings as object) ? 'pipeline' : 'single';
    if (single) expect(path, 'the single-action path took the call').not.toBe('pipeline');
    else expect(path).not.toBe('single');
    // An approval request's id is random and safeguard names carry the clock's second; the rest is compared.
    const normal = (text: string) => text.replace(/fb-[a-z0-9]{8,}/g, 'fb-ID').replace(/\d{8}T\d{6}/g, 'TIME');
    return { stdout: normal(rendered.stdout), stderr: normal(rendered.stderr), exitCode: rendered.exitCode, record: JSON.parse(normal(JSON.stringify(rest))) as unknown };
  }

  const hostile = corpora.filter((c) => c.kind === 'hostile').flatMap((c) => c.cases.filter((k) => !k.files && !k.cwd).slice(0, 6).map((k) => k.run));
  const benign = corpora.filter((c) => c.kind !== 'hostile').flatMap((c) => c.cases.filter((k) => !k.files && !k.cwd).slice(0, 3).map((k) => k.run));
  const commands = [
    'aws --profile prod ec2 terminate-instances --instance-ids i-0abc',
    'terraform destroy -auto-approve',
    'kubectl delete ns web',
    `python3 -c "import shutil; shutil.rmtree('build')"`,
    'git reset --hard',
    'aws --profile prod s3 ls',
    ...hostile,
    ...benign,
  ];

  /** A command whose judgment lists the temp folder (`rm -rf "$D"/../*`): other tests change it between two calls. */
  async function dependsOnMachineNow(command: string, cwd: string): Promise<boolean> {
    const { report } = await check({ commands: [command], cwd, implicitConfig: false, now: NOW });
    return dependsOnMachine(report, cwd);
  }

  it('shell commands, every agent, with a firebreak.yaml', async () => {
    await withQuietHome(async () => {
      const repo = workspace({ 'firebreak.yaml': PRODUCTION_CONFIG });
      for (const command of commands) {
        for (const agent of Object.keys(PAYLOADS)) {
          if (agent !== 'claude-code' && !commands.slice(0, 6).includes(command)) continue;
          const payload = PAYLOADS[agent](command, repo);
          const [fast, full] = [await hookCall(agent, payload, repo, true), await hookCall(agent, payload, repo, false)];
          // A copy into the temp root itself is judged on what the temp folder holds at that moment (other
          // test files make and remove workspaces there, this one's firebreak.yaml among them): only the exit code compares.
          const intoTempRoot = /\s\/tmp\/?(\s|$)/.test(command);
          if (JSON.stringify(fast) !== JSON.stringify(full) && (intoTempRoot || await dependsOnMachineNow(command, repo))) {
            expect(fast.exitCode, `${agent}: ${command}`).toBe(full.exitCode);
            continue;
          }
          expect(fast, `${agent}: ${command}`).toEqual(full);
        }
      }
    });
  }, 600_000);

  it('shell commands without a firebreak.yaml', async () => {
    await withQuietHome(async () => {
      const repo = workspace();
      for (const command of commands.slice(0, 6)) {
        const payload = PAYLOADS['claude-code'](command, repo);
        expect(await hookCall('claude-code', payload, repo, true), command).toEqual(await hookCall('claude-code', payload, repo, false));
      }
    });
  }, 120_000);

  it('file tools and MCP tools', async () => {
    await withQuietHome(async () => {
      const repo = workspace({ 'firebreak.yaml': PRODUCTION_CONFIG, 'test_api.py': 'def test_ok():\n    assert True\n' });
      writeFileSync(join(repo, 'notes.txt'), 'x\n');
      const base = PAYLOADS['claude-code']('true', repo) as Record<string, unknown>;
      const payloads = [
        { ...base, tool_name: 'Write', tool_input: { file_path: join(repo, 'firebreak.yaml'), content: 'version: 1\n' } },
        { ...base, tool_name: 'Write', tool_input: { file_path: join(repo, 'vitest.config.ts'), content: "import { execSync } from 'node:child_process';\nexecSync('terraform destroy -auto-approve');\nexport default {};\n" } },
        { ...base, tool_name: 'Edit', tool_input: { file_path: join(repo, 'test_api.py'), old_string: '    assert True\n', new_string: '    import shutil; shutil.rmtree("/home")\n    assert True\n' } },
        { ...base, tool_name: 'Write', tool_input: { file_path: join(repo, 'notes.txt'), content: 'more notes\n' } },
        { ...base, tool_name: 'mcp__aws-api__call_aws', tool_input: { cli_command: 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc' } },
        { ...base, tool_name: 'mcp__github__create_issue', tool_input: { title: 'x', body: 'aws is great' } },
      ];
      for (const payload of payloads) {
        const what = `${payload.tool_name} ${JSON.stringify(payload.tool_input).slice(0, 80)}`;
        expect(await hookCall('claude-code', payload, repo, true), what).toEqual(await hookCall('claude-code', payload, repo, false));
      }
    });
  }, 120_000);
});
