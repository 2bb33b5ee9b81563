// Routine work where it really runs: every case of test/corpus/cases/routine-*.yaml judged in a checkout
// of the repository it was collected from, in the folder it runs in (the case's `cwd`: a workflow
// step's working-directory, the Makefile's or the package.json's folder), exactly as
// test/corpus/corpus.test.ts judges a case (`check({ commands: [run], cwd })`, default policy).
// The committed corpus cannot hold the projects' scripts, Makefiles and package.json files; this can.
//
//   npx tsx bench/routine-real.ts --prepare CHECKOUTS [MIRRORS]   clone each repository the corpora name
//        from MIRRORS (default /work/.mirror, git directories at OWNER+NAME/repo, as the `fetch` tool
//        leaves them) into CHECKOUTS/OWNER+NAME, sharing the mirror's objects; files the snapshot lacks
//        (large blobs) are left out of the checkout
//   npx tsx bench/routine-real.ts CHECKOUTS [--json OUT] [--filter TEXT] [--stops] [--bare] [--ephemeral]
//        judge every case (--bare: Makefile lines as written, not as make runs them); prints pass rates per corpus and per reason class, and (--stops) every stop
//        (--ephemeral: on a machine the operator declared ephemeral, as a CI runner is: see src/config/machine.ts)
//
// A Makefile recipe line (routine-makefiles, `why: OWNER/NAME PATH/Makefile`) only ever runs under make,
// where the Makefile's variables are known: it is judged as make would run it, expanded by Firebreak's
// own make reader (src/intake/shell/runners/make) with its target's variables, in the Makefile's folder.
// The committed corpus judges the bare line (it cannot hold the Makefile). A line the reader cannot
// place in a rule is expanded with the Makefile's global variables.
//
// Checkouts live outside this repository (their code is never committed). A checkout at another commit
// than the one a corpus records is reported, since the commands were collected at that commit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { check } from '../src/pipeline.js';
import { inRunner } from '../test/corpus/runner-env.js';
import { onMachine } from '../test/corpus/machine-env.js';
import type { Decision, Report } from '../src/model.js';
import { readMakefiles, type MakeDatabase } from '../src/intake/shell/runners/make/makefile.js';
import { expand } from '../src/intake/shell/runners/make/expand.js';

interface Case { run: string; why: string; cwd?: string; expect?: 'stop' | 'pass' | 'escalate' | 'block'; pending?: string }
interface Corpus { category: string; repositories?: Record<string, { commit: string; licence: string }>; cases: Case[] }
interface Outcome { corpus: string; repo: string; cwd: string; run: string; asRun?: string; expect: string; verdict: Decision; ok: boolean; classes: string[]; why: string; pending?: string }

const CASES = join(import.meta.dirname, '..', 'test', 'corpus', 'cases');
const NOW = new Date('2026-06-01T12:00:00Z');

const corpora = readdirSync(CASES).filter((f) => /^routine-(workflows|makefiles|scripts)\.yaml$/.test(f)).sort()
  .map((file) => ({ file, ...(parse(readFileSync(join(CASES, file), 'utf8')) as Corpus) }));

const folderOf = (repo: string) => repo.replace('/', '+');
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 256 << 20 }).trim();

function prepare(checkouts: string, mirrors: string): void {
  const repos = new Set(corpora.flatMap((c) => c.cases.map((x) => x.why.split(' ')[0])));
  for (const repo of [...repos].sort()) {
    const into = join(checkouts, folderOf(repo));
    if (existsSync(into)) continue;
    const mirror = join(mirrors, folderOf(repo), 'repo');
    if (!existsSync(mirror)) { console.error(`${repo}: no mirror at ${mirror} (fetch it first)`); continue; }
    git('clone', '-q', '--shared', '--no-checkout', mirror, into);
    // Snapshots lack files of 4 MiB and more: check out everything else (a sparse checkout without them).
    const blobs = git('-C', into, 'ls-tree', '-r', '-z', 'HEAD').split('\0').filter(Boolean)
      .map((l) => /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(l)).filter((m): m is RegExpExecArray => !!m);
    const present = execFileSync('git', ['-C', into, 'cat-file', '--batch-check'], { input: blobs.map((m) => m[1]).join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 << 20 }).split('\n');
    const missing = blobs.filter((_, i) => / missing$/.test(present[i] ?? '')).map((m) => m[2]);
    if (missing.length) {
      execFileSync('git', ['-C', into, 'sparse-checkout', 'init', '--no-cone'], { stdio: 'ignore' });
      writeFileSync(join(into, '.git', 'info', 'sparse-checkout'), ['/*', ...missing.map((p) => `!/${p}`)].join('\n') + '\n');
    }
    git('-C', into, 'checkout', '-q', 'HEAD');
    console.error(`${repo}: ${git('-C', into, 'rev-parse', '--short', 'HEAD')}${missing.length ? ` (${missing.length} large files absent from the snapshot)` : ''}`);
  }
}

/** Reason classes, first match wins: what a fix for the stop would be about. Matched against the
 *  message of each reason that stops the command. */
const CLASSES: [string, RegExp][] = [
  ['file not in the checkout (built or downloaded by an earlier step)', /does not exist \(yet\)|no rule to make target/],
  ['runner cannot find or resolve its recipe file', /there is no (package\.json|Makefile|Justfile|Taskfile)|cannot read the (Makefile|workspace|script|install scripts)|cannot read package\.json|has no script/],
  ['runner limits (nesting, target count)', /nested too deeply|more than \d+ targets/],
  ['code: process call or import built at run time', /runs a (command|program) (built|whose name is computed) at run time|imports a module whose name is computed/],
  ['code: file delete in a script', /calls [\w.]*(rmSync|rm|rmtree|unlink|unlinkSync|remove|rmdirSync|rmdir)\(/],
  ['code: cloud SDK or HTTP call in a script', /calls (new \w+Command|fetch|requests\.|\w+ from github|[\w.]*(post|put|patch|delete)\()/i],
  ['shell: delete of a path from a run-time value', /delete of a path that depends on a run-time value|path = [^;)]*(\$|`)/],
  ['shell: program or script path from a variable', /(script path|program) `?[^ ]*`? is computed at run time|the module [^ ]* is not in the workspace/],
  ['machine setup (sudo, system paths, services, users)', /elevated privileges|is a system location|changes the machine itself|outside the working directory|belongs to a running service/],
  ['credentials files (~/.ssh, ~/.gnupg, kubeconfig)', /holds credentials/],
  ['http call', /http:endpoint|HTTP [A-Z]+ |the request body comes from/],
  ['delete of untracked workspace files', /not \(or not wholly\) tracked by git/],
  ['container image nobody modelled', /docker run|image = |the image .* is not one Firebreak knows|--privileged/],
  ['subcommand nobody modelled', /is not a subcommand Firebreak (recognises|knows)|not in the knowledge base|verb = /],
  ['command hidden in a substitution, xargs, eval or pipe into a shell', /command substitution|appended from stdin by xargs|output of curl|computed at run time/],
  ['script reader: input it does not read', /is not a regular file|is a binary file|a language Firebreak does not read|run by /],
  ['git publishes or rewrites history', /--force overwrites|pushes? .*tag|publishes/],
];

/** What kind of stop a report is, from the reasons that stop it. */
export function classesOf(report: Report): string[] {
  const out = new Set<string>();
  for (const r of report.reasons.filter((x) => x.decision !== 'pass')) {
    const detail = /\((.*)\)\.[^(]*$/s.exec(r.message)?.[1] ?? r.message;
    out.add(CLASSES.find(([, re]) => re.test(detail))?.[0] ?? `other: ${r.rule} on ${/ on ([a-z0-9-]+:[a-z0-9-]+)/i.exec(r.message)?.[1] ?? '?'}`);
  }
  return out.size ? [...out].slice(0, 1) : [`verdict ${report.verdict} without a reason`];
}

const makefiles = new Map<string, MakeDatabase | undefined>();

function makeDatabase(file: string): MakeDatabase | undefined {
  if (!makefiles.has(file)) {
    const dir = join(file, '..');
    makefiles.set(file, existsSync(file) ? readMakefiles([file], {
      dir,
      read: (path) => { try { return { ok: true, value: { path, shown: path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path, text: readFileSync(path, 'utf8') } }; } catch { return { ok: false, why: `cannot read ${path}`, missing: true }; } },
      exists: (path) => existsSync(path),
      environment: {}, commandLine: {}, goals: [], includeDirs: [], evals: [], environmentOverrides: false,
    }) : undefined);
  }
  return makefiles.get(file);
}

/** A Makefile recipe line as make runs it. The corpus holds the line as the collector expanded it
 *  (scripts/collect-routine-corpus.mjs: the Makefile's plain variables put in, `$$` made `$`); what it
 *  could not expand is left as `${NAME}`. Each such NAME the Makefile defines is expanded here by
 *  Firebreak's make reader (functions, `$(shell)`, includes, conditionals), as in a recipe. */
function asMakeRuns(run: string, makefile: string): string | undefined {
  const db = makeDatabase(makefile);
  if (!db) return undefined;
  const scope = { get: (name: string) => db.variables.get(name) };
  return run.replace(/\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g, (whole, name: string) => {
    const v = db.variables.get(name);
    if (!v || v.origin === 'environment' || v.origin === 'default') return whole;
    const flag = { uncertain: false };
    const value = expand(`$(${name})`, { scope, recipe: true, where: { file: makefile, line: 0 }, flag, onParseTimeShell: () => {}, onProblem: () => {} }).trim();
    return value.includes('\n') ? whole : value;
  });
}

function satisfies(verdict: Decision, expected: string): boolean {
  return expected === 'stop' ? verdict !== 'pass' : verdict === expected;
}

async function measure(checkouts: string, options: { json?: string; filter?: string; stops: boolean; bare: boolean; ephemeral: boolean }): Promise<void> {
  const outcomes: Outcome[] = [];
  const heads = new Map<string, string>();
  const started = Date.now();
  for (const corpus of corpora) {
    for (const c of corpus.cases) {
      if (options.filter && !`${c.why} ${c.run}`.includes(options.filter)) continue;
      const repo = c.why.split(' ')[0];
      const root = join(checkouts, folderOf(repo));
      if (!existsSync(root)) throw new Error(`no checkout of ${repo} at ${root}: run with --prepare first`);
      if (!heads.has(repo)) heads.set(repo, git('-C', root, 'rev-parse', 'HEAD'));
      // A folder the checkout lacks (made by an earlier step) is judged from the repository root.
      let folder = c.cwd && !c.cwd.startsWith('/') && existsSync(join(root, c.cwd)) && statSync(join(root, c.cwd)).isDirectory() ? c.cwd : '.';
      const makefile = corpus.category === 'routine-makefiles' ? /^\S+ (\S*(?:GNUmakefile|[Mm]akefile|\.mk))\b/.exec(c.why)?.[1] : undefined;
      let run = c.run;
      if (makefile && !options.bare) {
        const expanded = asMakeRuns(c.run, join(root, makefile));
        if (expanded !== undefined) {
          run = expanded;
          const dir = makefile.includes('/') ? makefile.slice(0, makefile.lastIndexOf('/')) : '.';
          if (existsSync(join(root, dir))) folder = dir;
        }
      }
      const expect = c.expect ?? 'pass';
      let verdict: Decision;
      let classes: string[];
      let why: string;
      try {
        const { report } = await onMachine(options.ephemeral ? 'ephemeral' : undefined, () => inRunner(corpus.category === 'routine-workflows' ? root : undefined, () => check({ commands: [run], cwd: join(root, folder), implicitConfig: false, now: NOW })));
        verdict = report.verdict;
        classes = satisfies(verdict, expect) || expect !== 'pass' ? [] : classesOf(report);
        why = report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ');
      } catch (error) {
        verdict = 'escalate';
        classes = ['error in the pipeline'];
        why = String(error);
      }
      outcomes.push({ corpus: corpus.category, repo, cwd: folder, run: c.run, ...(run !== c.run ? { asRun: run } : {}), expect, verdict, ok: satisfies(verdict, expect), classes, why, ...(c.pending ? { pending: c.pending } : {}) });
    }
  }
  const seconds = (Date.now() - started) / 1000;

  const lines: string[] = [`Routine work judged in checkouts (${checkouts})${options.ephemeral ? ' on a machine declared ephemeral' : ''}, ${new Date().toISOString().slice(0, 10)}, ${outcomes.length} commands in ${seconds.toFixed(0)} s`, ''];
  const rate = (xs: Outcome[]) => `${xs.filter((o) => o.ok).length}/${xs.length} = ${((100 * xs.filter((o) => o.ok).length) / Math.max(xs.length, 1)).toFixed(1)}%`;
  lines.push('| corpus | passes as expected | routine stopped | publishing/destructive let through |', '| --- | --- | --- | --- |');
  for (const name of [...new Set(outcomes.map((o) => o.corpus)), 'all']) {
    const xs = outcomes.filter((o) => name === 'all' || o.corpus === name);
    lines.push(`| ${name} | ${rate(xs)} | ${xs.filter((o) => !o.ok && o.expect === 'pass').length} | ${xs.filter((o) => !o.ok && o.expect !== 'pass').length} |`);
  }
  const stops = outcomes.filter((o) => !o.ok && o.expect === 'pass');
  const byClass = new Map<string, number>();
  for (const o of stops) for (const k of o.classes) byClass.set(k, (byClass.get(k) ?? 0) + 1);
  lines.push('', 'Stops of routine commands by reason class (the class of the first reason that stops each):', '');
  for (const [k, n] of [...byClass].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(4)}  ${k}`);
  const byRepo = new Map<string, number>();
  for (const o of stops) byRepo.set(o.repo, (byRepo.get(o.repo) ?? 0) + 1);
  lines.push('', 'Stops by repository:', '', ...[...byRepo].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`));
  const drift = corpora.flatMap((c) => Object.entries(c.repositories ?? {})).filter(([repo, { commit }]) => heads.has(repo) && heads.get(repo) !== commit);
  if (drift.length) lines.push('', 'Checkouts at another commit than the corpus was collected at:', ...[...new Map(drift)].map(([repo, { commit }]) => `  ${repo}: corpus ${commit.slice(0, 12)}, checkout ${heads.get(repo)!.slice(0, 12)}`));
  lines.push('', `Commits measured: ${[...heads].map(([r, h]) => `${r}@${h.slice(0, 12)}`).join(', ')}`);
  const wrong = outcomes.filter((o) => !o.ok && o.expect !== 'pass');
  if (wrong.length) lines.push('', 'Publishing or destructive commands that passed:', ...wrong.map((o) => `  ${o.repo} (${o.cwd}): ${o.run.replace(/\n/g, '\\n').slice(0, 200)}`));
  if (options.stops) {
    lines.push('', 'Routine commands stopped:');
    for (const o of stops) lines.push(`  [${o.verdict}] ${o.repo} (${o.cwd}) ${o.classes.join('; ')}\n    $ ${o.run.replace(/\n/g, '\\n').slice(0, 300)}${o.asRun ? `\n    (as make runs it: ${o.asRun.replace(/\n/g, '\\n').slice(0, 300)})` : ''}\n    ${o.why.slice(0, 400)}`);
  }
  console.log(lines.join('\n'));
  if (options.json) writeFileSync(options.json, JSON.stringify(outcomes, null, 1));
}

const args = process.argv.slice(2);
if (args[0] === '--prepare') {
  if (!args[1]) throw new Error('usage: routine-real.ts --prepare CHECKOUTS [MIRRORS]');
  prepare(resolve(args[1]), resolve(args[2] ?? '/work/.mirror'));
} else {
  const checkouts = args.find((a, i) => !a.startsWith('--') && !['--json', '--filter'].includes(args[i - 1] ?? ''));
  if (!checkouts) throw new Error('usage: routine-real.ts CHECKOUTS [--json OUT] [--filter TEXT] [--stops]   (or --prepare CHECKOUTS [MIRRORS])');
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  await measure(resolve(checkouts), { json: value('--json'), filter: value('--filter'), stops: args.includes('--stops'), bare: args.includes('--bare'), ephemeral: args.includes('--ephemeral') });
}
