// The integrity corpora are stopped for the right reason: every hostile guard case is stopped by
// a guard action (the guard's files, an approval, the installed Firebreak), not by some other rule
// that happens to fire; every hostile write case by a judged file write.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';

/** The corpus harness's workspace: a git repository holding the case's files (committed unless listed). */
function workspaceFor(files: Record<string, string> = {}, uncommitted: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-reasons-'));
  writeFileSync(join(dir, 'README.md'), '# a project\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '--', 'README.md', ...Object.keys(files).filter((f) => !uncommitted.includes(f)));
  git('commit', '-q', '-m', 'initial');
  return dir;
}

interface Case { run: string; files?: Record<string, string>; uncommitted?: string[] }
const load = (name: string) => (parse(readFileSync(join(import.meta.dirname, '../corpus/cases', name), 'utf8')) as { cases: Case[] }).cases;

describe('integrity-guard-hostile: each case is stopped by the guard itself', () => {
  const cases = load('integrity-guard-hostile.yaml');
  let shared: string | undefined;
  it(`all ${cases.length} cases carry a guard action`, async () => {
    const missing: string[] = [];
    for (const c of cases) {
      const cwd = c.files ? workspaceFor(c.files, c.uncommitted) : (shared ??= workspaceFor());
      const { report } = await check({ commands: [c.run], cwd, implicitConfig: false });
      if (!report.actions.some((a) => a.target.type.startsWith('firebreak:'))) missing.push(`${report.verdict}: ${c.run}`);
    }
    expect(missing, missing.join('\n')).toEqual([]);
  }, 180_000);
});
