// The integrity corpora are stopped for the right reason: every hostile guard case is stopped by
// a guard action (the guard's files, an approval, the installed Firebreak), not by some other rule
// that happens to fire; every hostile write case by a judged file write.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

/** The corpus harness's workspace: a git repository holding the case's files (committed unless listed). */
const workspaceFor = (files: Record<string, string> = {}, uncommitted: string[] = []) => caseWorkspace('reasons', files, uncommitted);

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
