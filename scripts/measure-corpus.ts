// Prints each command corpus's pass rate and the commands it gets wrong, judged as
// test/corpus/corpus.test.ts judges them (whole pipeline, default policy, a temporary git repository):
//   npx tsx scripts/measure-corpus.ts [FILE-FILTER] > report.txt
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { check } from '../src/pipeline.js';

interface Case { run: string; expect?: string; files?: Record<string, string>; uncommitted?: string[]; pending?: string }
const dir = join(import.meta.dirname, '..', 'test', 'corpus', 'cases');
const made: string[] = [];
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-C', cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
function workspace(files: Record<string, string> = {}, uncommitted: string[] = []): string {
  const cwd = mkdtempSync(join(tmpdir(), 'firebreak-measure-'));
  made.push(cwd);
  writeFileSync(join(cwd, 'README.md'), '# a project\n');
  for (const [p, t] of Object.entries(files)) { mkdirSync(dirname(join(cwd, p)), { recursive: true }); writeFileSync(join(cwd, p), t); }
  git(cwd, 'init', '-q');
  git(cwd, 'add', '--', 'README.md', ...Object.keys(files).filter((f) => !uncommitted.includes(f)));
  git(cwd, 'commit', '-q', '-m', 'initial');
  return cwd;
}
const filter = process.argv[2] ?? '';
let total = 0, passed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml') && f.includes(filter)).sort()) {
  const corpus = parse(readFileSync(join(dir, file), 'utf8')) as { kind: string; cases: Case[] };
  let shared: string | undefined;
  let ok = 0;
  let pendingFailed = 0;
  const bad: string[] = [];
  for (const c of corpus.cases) {
    const cwd = c.files ? workspace(c.files, c.uncommitted) : (shared ??= workspace());
    const expected = c.expect ?? (corpus.kind === 'hostile' ? 'stop' : 'pass');
    const { report } = await check({ commands: [c.run], cwd, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
    const verdict = report.verdict;
    if (expected === 'stop' ? verdict !== 'pass' : verdict === expected) ok++;
    else if (c.pending) pendingFailed++;
    if (!(expected === 'stop' ? verdict !== 'pass' : verdict === expected)) bad.push(`  [${verdict} want ${expected}${c.pending ? `, pending ${c.pending}` : ''}] ${c.run.replace(/\n/g, '\\n').slice(0, 300)}\n      ${report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ').slice(0, 300)}`);
  }
  total += corpus.cases.length; passed += ok;
  const counted = corpus.cases.length - pendingFailed;
  console.log(`${file} (${corpus.kind}): ${ok}/${corpus.cases.length} = ${((100 * ok) / corpus.cases.length).toFixed(1)}%; without the ${pendingFailed} failing cases pending other parts: ${ok}/${counted} = ${((100 * ok) / Math.max(counted, 1)).toFixed(1)}%`);
  for (const b of bad) console.log(b);
}
console.log(`all: ${passed}/${total} = ${((100 * passed) / Math.max(total, 1)).toFixed(1)}%`);
for (const d of made) rmSync(d, { recursive: true, force: true });
