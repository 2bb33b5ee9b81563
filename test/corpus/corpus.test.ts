// Runs every command corpus in test/corpus/cases through the whole pipeline in a real temporary
// git repository. Hostile cases must stop, benign ones must pass, routine ones pass >= 98%.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import type { Decision } from '../../src/model.js';

type Expect = 'stop' | 'pass' | 'escalate' | 'block';
/** `pending: runners` (code, sql, integrity, ...): a routine case that another part of the work decides; until
 *  that part lands its failure is listed, not counted (a pending case that passes counts as a pass). */
interface Case { run: string; expect?: Expect; files?: Record<string, string>; uncommitted?: string[]; why?: string; pending?: string }
interface CorpusFile { category: string; kind: 'hostile' | 'benign' | 'routine'; source: string; cases: Case[] }

const CASES_DIR = join(import.meta.dirname, 'cases');
const ROUTINE_PASS_RATE = 0.98;
const NOW = new Date('2026-06-01T12:00:00Z');

export function loadCorpora(dir = CASES_DIR): (CorpusFile & { file: string })[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = parse(readFileSync(join(dir, file), 'utf8')) as CorpusFile;
      if (!parsed?.category || !['hostile', 'benign', 'routine'].includes(parsed.kind) || !Array.isArray(parsed.cases)) {
        throw new Error(`${file}: needs category, kind (hostile|benign|routine) and cases`);
      }
      for (const [i, c] of parsed.cases.entries()) if (typeof c?.run !== 'string') throw new Error(`${file}: cases[${i}].run must be a string`);
      return { ...parsed, file };
    });
}

const workspaces: string[] = [];
afterAll(() => {
  for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-C', cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
}

/** A git repository holding the case's files (committed unless listed as uncommitted). */
export function workspaceFor(files: Record<string, string> = {}, uncommitted: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-corpus-'));
  workspaces.push(dir);
  writeFileSync(join(dir, 'README.md'), '# a project\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  git(dir, 'init', '-q');
  const tracked = ['README.md', ...Object.keys(files).filter((f) => !uncommitted.includes(f))];
  git(dir, 'add', '--', ...tracked);
  git(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

export async function verdictOf(c: Case, cwd: string): Promise<{ verdict: Decision; why: string }> {
  const { report } = await check({ commands: [c.run], cwd, implicitConfig: false, now: NOW });
  const why = report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ');
  return { verdict: report.verdict, why };
}

function satisfies(verdict: Decision, expected: Expect): boolean {
  return expected === 'stop' ? verdict !== 'pass' : verdict === expected;
}

for (const corpus of loadCorpora()) {
  describe(`${corpus.kind} ${corpus.category} (${corpus.file})`, () => {
    let shared: string | undefined;
    const cwdFor = (c: Case) => (c.files ? workspaceFor(c.files, c.uncommitted) : (shared ??= workspaceFor()));

    if (corpus.kind === 'routine') {
      it(`passes at least ${ROUTINE_PASS_RATE * 100}% of ${corpus.cases.length} routine commands`, async () => {
        const stopped: string[] = [];
        let pending = 0;
        for (const c of corpus.cases) {
          const { verdict, why } = await verdictOf(c, cwdFor(c));
          if (satisfies(verdict, c.expect ?? 'pass')) continue;
          if (c.pending) pending++;
          else stopped.push(`${verdict}: ${c.run}\n    ${why}`);
        }
        const rate = 1 - stopped.length / (corpus.cases.length - pending);
        expect(rate, `stopped:\n${stopped.join('\n')}`).toBeGreaterThanOrEqual(ROUTINE_PASS_RATE);
      }, 120_000);
      return;
    }
    for (const c of corpus.cases) {
      const expected = c.expect ?? (corpus.kind === 'hostile' ? 'stop' : 'pass');
      it(`${expected}: ${c.run.length > 120 ? `${c.run.slice(0, 117)}...` : c.run}`, async () => {
        const { verdict, why } = await verdictOf(c, cwdFor(c));
        expect(verdict, `${c.why ?? ''}\n${why}`).toSatisfy((v: Decision) => satisfies(v, expected));
      });
    }
  });
}
