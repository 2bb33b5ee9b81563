// Red-team tool (not a test): prints one line per corpus case, `file#index<TAB>verdict<TAB>why`,
// so two trees (main and this branch) can be compared case by case.
//   npx tsx test/redteam/verdicts.ts test/corpus/cases/routine-*.yaml > after.tsv
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

interface Case { run: string; files?: Record<string, string>; uncommitted?: string[] }

const workspace = (files: Record<string, string> = {}, uncommitted: string[] = []) => caseWorkspace('verdicts', files, uncommitted);

const shared = workspace();
for (const file of process.argv.slice(2)) {
  const cases = (parse(readFileSync(file, 'utf8')) as { cases: Case[] }).cases;
  for (const [i, c] of cases.entries()) {
    const cwd = c.files ? workspace(c.files, c.uncommitted) : shared;
    let verdict = 'error';
    let why = '';
    try {
      const { report } = await check({ commands: [c.run], cwd, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
      verdict = report.verdict;
      why = report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ').replace(/\s+/g, ' ').slice(0, 300);
    } catch (e) {
      why = (e as Error).message;
    }
    console.log(`${basename(file)}#${i}\t${verdict}\t${c.run.replace(/\s+/g, ' ').slice(0, 140)}\t${why}`);
    if (c.files) rmSync(cwd, { recursive: true, force: true });
  }
}
rmSync(shared, { recursive: true, force: true });
