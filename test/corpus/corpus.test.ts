// Runs every command corpus in test/corpus/cases through the whole pipeline in a real temporary
// git repository. Hostile cases must stop, benign ones must pass, routine ones pass >= 98%.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { check } from '../../src/pipeline.js';
import { inRunner } from './runner-env.js';
import { onMachine, type MachineKind } from './machine-env.js';
import { caseWorkspace } from './workspace.js';
import type { Decision } from '../../src/model.js';

type Expect = 'stop' | 'pass' | 'escalate' | 'block';
/** `pending: <reason>`: a routine case set aside: its failure is listed, not counted, and a pending case that
 *  passes is reported so its mark can go. `pending: project-files` is a command whose judgment needs a file of
 *  its project (a script, Makefile or package.json) the corpus cannot hold: bench/routine-real.ts judges those
 *  in checkouts of the projects. `cwd`: the folder of the workspace the command runs in. `machine: ephemeral`: judged
 *  on a machine the operator declared ephemeral (./machine-env.ts). */
interface Case { run: string; expect?: Expect; files?: Record<string, string>; uncommitted?: string[]; modified?: Record<string, string>; why?: string; pending?: string; cwd?: string; machine?: MachineKind }
/** `floor`: for a routine corpus, the pass rate it must not fall below when it is under the 0.98 goal: the rate
 *  measured when it was last raised, so a change that lets less routine work through fails here (a ratchet). */
interface CorpusFile { category: string; kind: 'hostile' | 'benign' | 'routine'; source: string; cases: Case[]; floor?: number }

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
      for (const [i, c] of parsed.cases.entries()) {
        if (typeof c?.run !== 'string') throw new Error(`${file}: cases[${i}].run must be a string`);
        // Marks for parts of the work that have since landed are not a reason to leave a case uncounted.
        if (c.pending !== undefined && c.pending !== 'project-files') throw new Error(`${file}: cases[${i}].pending: only 'project-files' may be set aside, not '${c.pending}'`);
        if (c.machine !== undefined && c.machine !== 'ephemeral') throw new Error(`${file}: cases[${i}].machine: only 'ephemeral' is a kind of machine, not '${String(c.machine)}'`);
      }
      if (parsed.floor !== undefined && (parsed.kind !== 'routine' || !(parsed.floor > 0 && parsed.floor <= 1))) throw new Error(`${file}: floor is a pass rate in (0, 1] of a routine corpus`);
      return { ...parsed, file };
    });
}

/** A git repository holding the case's files (committed unless listed as uncommitted; `modified` ones
 *  then changed and not committed), recorded in `made` for removal. Each corpus removes its own
 *  when it ends: one removal of ~6,000 repositories at the end of the file outlasted the hook
 *  timeout on a loaded machine. */
function workspaceFor(made: string[], files: Record<string, string> = {}, uncommitted: string[] = [], modified: Record<string, string> = {}): string {
  const dir = caseWorkspace('corpus', files, uncommitted, modified);
  made.push(dir);
  return dir;
}

export async function verdictOf(c: Case, cwd: string, runner?: string): Promise<{ verdict: Decision; why: string }> {
  const { report } = await onMachine(c.machine, () => inRunner(runner, () => check({ commands: [c.run], cwd, implicitConfig: false, now: NOW })));
  const why = report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ');
  return { verdict: report.verdict, why };
}

function satisfies(verdict: Decision, expected: Expect): boolean {
  return expected === 'stop' ? verdict !== 'pass' : verdict === expected;
}

/** What the routine corpora set aside, for the closing message. */
const setAside: { category: string; pending: string; run: string; passed: boolean }[] = [];
const routineSummaries: string[] = [];
afterAll(() => {
  if (!routineSummaries.length) return;
  const byReason = new Map<string, { failing: number; passing: number }>();
  for (const c of setAside) {
    const entry = byReason.get(c.pending) ?? { failing: 0, passing: 0 };
    entry[c.passed ? 'passing' : 'failing']++;
    byReason.set(c.pending, entry);
  }
  const lines = ['Routine corpora:', ...routineSummaries.map((l) => `  ${l}`)];
  if (setAside.length) {
    lines.push(`  set aside (pending), not counted: ${setAside.filter((c) => !c.passed).length} cases`);
    for (const [reason, { failing, passing }] of byReason) {
      lines.push(`    pending: ${reason}: ${failing} still stop${reason === 'project-files' ? ' (their script, Makefile or package.json is not in the corpus: see bench/routine-real.ts)' : ''}${passing ? `, ${passing} now pass` : ''}`);
    }
    const passing = setAside.filter((c) => c.passed);
    if (passing.length) lines.push(`  pending cases that now pass (drop their mark):`, ...passing.map((c) => `    ${c.category}: ${c.run.replace(/\n/g, '\\n').slice(0, 160)}`));
  }
  console.info(lines.join('\n'));
});

for (const corpus of loadCorpora()) {
  describe(`${corpus.kind} ${corpus.category} (${corpus.file})`, () => {
    // One workspace per folder cases run in (the folder is made in it; other cases must not see it).
    const shared = new Map<string, string>();
    const made: string[] = [];
    afterAll(() => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
    const folderOf = (c: Case) => (!c.cwd || c.cwd.startsWith('/') || c.cwd.split('/').includes('..') ? '' : c.cwd);
    const rootFor = (c: Case) => {
      if (c.files) return workspaceFor(made, c.files, c.uncommitted, c.modified);
      let root = shared.get(folderOf(c));
      if (!root) shared.set(folderOf(c), (root = workspaceFor(made)));
      return root;
    };
    const cwdFor = (c: Case, root = rootFor(c)) => {
      if (!folderOf(c)) return root;
      mkdirSync(join(root, folderOf(c)), { recursive: true });
      return join(root, folderOf(c));
    };

    if (corpus.kind === 'routine') {
      const floor = corpus.floor ?? ROUTINE_PASS_RATE;
      it(`passes at least ${(floor * 100).toFixed(1)}% of ${corpus.cases.length} routine commands${floor < ROUTINE_PASS_RATE ? ` (goal ${ROUTINE_PASS_RATE * 100}%)` : ''}`, async () => {
        const stopped: string[] = [];
        let passed = 0;
        let pendingFailed = 0;
        const onRunner = corpus.category === 'routine-workflows';
        for (const c of corpus.cases) {
          const root = rootFor(c);
          const { verdict, why } = await verdictOf(c, cwdFor(c, root), onRunner ? root : undefined);
          const ok = satisfies(verdict, c.expect ?? 'pass');
          if (c.pending) setAside.push({ category: corpus.category, pending: c.pending, run: c.run, passed: ok });
          if (ok) passed++;
          else if (c.pending) pendingFailed++;
          else stopped.push(`${verdict}: ${c.run}\n    ${why}`);
        }
        const counted = corpus.cases.length - pendingFailed;
        const rate = passed / Math.max(counted, 1);
        const byDecision = corpus.cases.filter((c) => c.expect && c.expect !== 'pass').length;
        routineSummaries.push(`${corpus.category}: ${passed}/${counted} counted cases as expected (${(100 * rate).toFixed(1)}%, floor ${(100 * floor).toFixed(1)}%; ${byDecision} of them must stop), ${pendingFailed} set aside as pending`);
        expect(rate, `stopped:\n${stopped.join('\n')}`).toBeGreaterThanOrEqual(floor);
      }, 300_000);
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
