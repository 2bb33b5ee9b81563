// The audit log: 50 concurrent hook processes, tamper detection that says where, redaction.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { appendAudit } from '../../src/agents/audit/append.js';
import { verifyAudit } from '../../src/agents/audit/verify.js';
import { redact } from '../../src/agents/redact.js';
import { COMMANDS, hook, runCli, tempRepo } from './helpers.js';
import { PAYLOADS } from './payloads.js';

const logOf = (repo: string) => join(repo, '.firebreak', 'audit.jsonl');
const lines = (repo: string) => readFileSync(logOf(repo), 'utf8').trim().split('\n');

async function seeded(n: number): Promise<string> {
  const repo = tempRepo();
  const state = join(repo, '.firebreak');
  for (let i = 0; i < n; i++) {
    await appendAudit(state, { agent: 'claude-code', input: [`echo ${i}`], verdict: 'pass', answer: 'none', reasons: [], durationMs: 1 });
  }
  return repo;
}

describe('audit log', () => {
  test('50 concurrent hook processes: 50 entries, none lost or interleaved, chain intact', async () => {
    const repo = tempRepo();
    const agents = Object.keys(PAYLOADS);
    const runs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const agent = agents[i % agents.length];
        return hook(agent, PAYLOADS[agent](`echo run-${i}`, repo), { cwd: repo });
      }),
    );
    expect(runs.every((r) => r.code === 0)).toBe(true);
    expect(runs.map((r) => r.stderr).filter(Boolean)).toEqual([]);
    const entries = lines(repo).map((l) => JSON.parse(l));
    expect(entries).toHaveLength(50);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.input[0])).size).toBe(50);
    const verify = await runCli(['audit', 'verify'], { cwd: repo });
    expect(verify.stdout).toContain('audit log intact: 50 entries');
    expect(verify.code).toBe(0);
  }, 120_000);

  test.concurrent('an edited entry is found, with its line', async () => {
    const repo = await seeded(5);
    const all = lines(repo);
    all[2] = all[2].replace('"verdict":"pass"', '"verdict":"block"');
    writeFileSync(logOf(repo), `${all.join('\n')}\n`);
    const r = await runCli(['audit', 'verify'], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('edited: line 3 (seq 3)');
  });

  test.concurrent('a deleted entry is found', async () => {
    const repo = await seeded(5);
    const all = lines(repo);
    all.splice(1, 1);
    writeFileSync(logOf(repo), `${all.join('\n')}\n`);
    const result = await verifyAudit(join(repo, '.firebreak'));
    expect(result.problems[0]).toMatchObject({ kind: 'deleted', line: 2, seq: 3 });
    expect(result.problems[0].message).toContain('seq 2 missing');
  });

  test.concurrent('an inserted entry is found', async () => {
    const repo = await seeded(4);
    const all = lines(repo);
    const forged = { ...JSON.parse(all[1]), input: ['terraform destroy -auto-approve'] };
    all.splice(2, 0, JSON.stringify(forged));
    writeFileSync(logOf(repo), `${all.join('\n')}\n`);
    const result = await verifyAudit(join(repo, '.firebreak'));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.line)).toContain(3);
    expect(result.problems.some((p) => p.kind === 'edited' && p.line === 3)).toBe(true);
  });

  test.concurrent('reordered entries are found', async () => {
    const repo = await seeded(5);
    const all = lines(repo);
    [all[1], all[2]] = [all[2], all[1]];
    writeFileSync(logOf(repo), `${all.join('\n')}\n`);
    const result = await verifyAudit(join(repo, '.firebreak'));
    expect(result.problems[0]).toMatchObject({ kind: 'inserted-or-reordered', line: 2 });
    expect(result.problems[0].message).toContain('reordered');
  });

  test.concurrent('entries cut off the end are found (the head file remembers)', async () => {
    const repo = await seeded(5);
    const all = lines(repo);
    writeFileSync(logOf(repo), `${all.slice(0, 3).join('\n')}\n`);
    const result = await verifyAudit(join(repo, '.firebreak'));
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'truncated' })]);
    expect(result.problems[0].message).toContain('ends at seq 3 but 5 were written');
  });

  test.concurrent('a damaged line is reported, and recording continues after it', async () => {
    const repo = await seeded(2);
    writeFileSync(logOf(repo), `${lines(repo).join('\n')}\n{"seq": 3, "trunc\n`);
    unlinkSync(join(repo, '.firebreak', 'audit.head.json'));
    await appendAudit(join(repo, '.firebreak'), { agent: 'kiro', input: ['ls'], verdict: 'pass', answer: 'none', reasons: [], durationMs: 1 });
    const result = await verifyAudit(join(repo, '.firebreak'));
    expect(result.problems[0]).toMatchObject({ kind: 'unreadable', line: 3 });
    expect(lines(repo)).toHaveLength(4);
  });

  test.concurrent('secrets are redacted before anything is written', async () => {
    const repo = tempRepo();
    const secrets = {
      keyId: 'AKIAIOSFODNN7EXAMPLE',
      secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      session: 'FwoGZXIvYXdzEJr//////////wEaDFakeSessionTokenValue1234567890',
      bearer: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      urlPassword: 'hunter2hunter2',
      envPassword: 's3cr3t-pw',
    };
    const command = [
      `AWS_ACCESS_KEY_ID=${secrets.keyId} AWS_SECRET_ACCESS_KEY=${secrets.secretKey} AWS_SESSION_TOKEN=${secrets.session} aws s3 ls`,
      `curl -H "Authorization: Bearer ${secrets.bearer}" https://api.example.com`,
      `psql postgres://admin:${secrets.urlPassword}@db.internal:5432/app -c "select 1"`,
      `DB_PASSWORD=${secrets.envPassword} ./migrate.sh`,
    ].join(' && ');
    await hook('claude-code', PAYLOADS['claude-code'](command, repo), { cwd: repo });
    const written = readFileSync(logOf(repo), 'utf8');
    for (const value of Object.values(secrets)) expect(written).not.toContain(value);
    expect(written).toContain('aws s3 ls');
  });

  test('redaction covers private key blocks and raw AWS keys anywhere', () => {
    const text = `key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY----- id ASIAY34FZKBOKMUTVV7A secret_access_key = abc/def+ghi`;
    const out = redact(text);
    expect(out).not.toContain('MIIEowIBAAKCAQEA');
    expect(out).not.toContain('ASIAY34FZKBOKMUTVV7A');
    expect(out).not.toContain('abc/def+ghi');
  });

  test.concurrent('audit show filters by verdict and time', async () => {
    const repo = tempRepo();
    await hook('kiro', PAYLOADS.kiro(COMMANDS.local, repo), { cwd: repo });
    await hook('kiro', PAYLOADS.kiro(COMMANDS.block, repo), { cwd: repo });
    const blocked = await runCli(['audit', 'show', '--verdict', 'block', '--since', '1h'], { cwd: repo });
    expect(blocked.code).toBe(0);
    expect(blocked.stdout).toContain('terminate-instances');
    expect(blocked.stdout).not.toContain('npm test');
    const future = await runCli(['audit', 'show', '--since', '2999-01-01T00:00:00Z'], { cwd: repo });
    expect(future.stdout).toBe('');
    expect((await runCli(['audit', 'show', '--since', 'yesterday-ish'], { cwd: repo })).code).toBe(3);
  });
});
