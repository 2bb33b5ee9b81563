// Red-team probe (not a test): judges each case of a corpus-format YAML file, or each command line
// given after `-c`, through the whole pipeline in a fresh git workspace and prints the verdicts.
//   npx tsx test/redteam/probe.ts cases.yaml        npx tsx test/redteam/probe.ts -c 'cmd' 'cmd2'
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

interface Case { run: string; files?: Record<string, string>; uncommitted?: string[]; modified?: Record<string, string>; expect?: string }

const workspace = (files: Record<string, string> = {}, uncommitted: string[] = [], modified: Record<string, string> = {}) => caseWorkspace('probe', files, uncommitted, modified);

let args = process.argv.slice(2);
// `--files F.yaml`: a mapping of workspace files given to every case that brings none.
let shared: Record<string, string> | undefined;
if (args[0] === '--files') {
  shared = parse(readFileSync(args[1]!, 'utf8')) as Record<string, string>;
  args = args.slice(2);
}
// A .txt file holds one command a line (# starts a comment line); anything else is corpus YAML.
const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((run) => ({ run }));
const cases: Case[] =
  args[0] === '-c' ? args.slice(1).map((run) => ({ run })) : args[0]!.endsWith('.txt') ? lines(args[0]!) : (parse(readFileSync(args[0]!, 'utf8')) as { cases: Case[] }).cases;
const onlyPass = process.env.ONLY_PASS === '1';
for (const c of cases) {
  const cwd = workspace(c.files ?? shared, c.uncommitted, c.modified);
  const t0 = Date.now();
  try {
    const { report } = await check({ commands: [c.run], cwd, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
    const why = report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ');
    if (!onlyPass || report.verdict === 'pass') console.log(`${report.verdict.padEnd(8)} ${String(Date.now() - t0).padStart(5)}ms  ${c.run.replace(/\n/g, '⏎').slice(0, 160)}${process.env.WHY ? `\n           ${why.slice(0, 300)}` : ''}`);
  } catch (e) {
    console.log(`THROW    ${c.run}: ${(e as Error).message}`);
  }
  rmSync(cwd, { recursive: true, force: true });
}
