// What reading code at write time costs routine work: every file of the routine checkouts (see
// bench/routine-real.ts) that tools run without naming it (knowledge/implicit-code.ts: conftest.py,
// test modules, setup.py, *.config.js, Gemfile, ...) is "written" again as it is, through a Claude
// Code Write call judged in-process, exactly as the hook judges it. A project's own files are routine
// work: each one that stops is approval fatigue, printed with its reason.
//
//   npx tsx bench/written-code-real.ts CHECKOUTS [--per-repo N] [--stops]
//   npx tsx bench/written-code-real.ts CHECKOUTS --imported [--per-repo N] [--stops]
//        the modules test code imports instead (app/__init__.py, src/db.ts): each one, as it is, left
//        uncommitted in a scratch repository where `pytest`, `npx vitest run` or `bundle exec rspec`
//        then runs (src/intake/code/implicit.ts reads changed modules in the runner's languages)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { check } from '../src/pipeline.js';
import { languageOfPath } from '../src/intake/code/languages.js';
import { judgeCall } from '../src/agents/hook/judge-call.js';
import { IMPLICITLY_RUN_CODE } from '../src/knowledge/implicit-code.js';
import type { HookCall } from '../src/agents/protocol/types.js';

const [checkouts, ...flags] = process.argv.slice(2);
if (!checkouts) { console.error('usage: npx tsx bench/written-code-real.ts CHECKOUTS [--per-repo N] [--stops]'); process.exit(3); }
const perRepo = Number(flags[flags.indexOf('--per-repo') + 1]) || 40;
const showStops = flags.includes('--stops');
const imported = flags.includes('--imported');
const RUNNER: Record<string, string> = { python: 'pytest', javascript: 'npx vitest run', typescript: 'npx vitest run', ruby: 'bundle exec rspec' };
const NOW = new Date('2026-06-01T12:00:00Z');
// The hook keeps its audit log and approvals in a state folder: never inside the checkouts, whose
// files later runs judge (a .firebreak folder there is a guard file).
const STATE = mkdtempSync(join(tmpdir(), 'firebreak-written-code-state-'));
process.on('exit', () => rmSync(STATE, { recursive: true, force: true }));

let files = 0;
let stopped = 0;
const byKind = new Map<string, { files: number; stopped: number }>();
const stops: string[] = [];
const start = performance.now();
for (const repo of readdirSync(checkouts).sort()) {
  const dir = join(checkouts, repo);
  if (!statSync(dir).isDirectory()) continue;
  const tracked = execFileSync('git', ['-C', dir, 'ls-files'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter(Boolean);
  if (imported) {
    const modules = tracked.filter((p) => !IMPLICITLY_RUN_CODE.some((e) => e.pattern.test(p)) && RUNNER[languageOfPath(p) ?? ''] && !/(^|\/)(node_modules|vendor|dist|build)\//.test(p)).slice(0, perRepo);
    for (const path of modules) {
      let content: string;
      try { content = readFileSync(join(dir, path), 'utf8'); } catch { continue; }
      const kind = languageOfPath(path)!;
      const entry = byKind.get(kind) ?? { files: 0, stopped: 0 };
      byKind.set(kind, entry);
      const scratch = mkdtempSync(join(tmpdir(), 'firebreak-imported-'));
      execFileSync('git', ['-C', scratch, 'init', '-q']);
      execFileSync('git', ['-C', scratch, '-c', 'user.email=b@example.com', '-c', 'user.name=b', 'commit', '-q', '--allow-empty', '-m', 'base']);
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), content);
      files++; entry.files++;
      const { report } = await check({ commands: [RUNNER[kind]], cwd: scratch, implicitConfig: false, now: NOW });
      if (report.verdict !== 'pass') {
        stopped++; entry.stopped++;
        stops.push(`${repo}/${path}: ${report.reasons.find((r) => r.decision !== 'pass')?.message.slice(0, 300)}`);
      }
      rmSync(scratch, { recursive: true, force: true });
    }
    continue;
  }
  const chosen = tracked.filter((p) => IMPLICITLY_RUN_CODE.some((e) => e.pattern.test(p))).slice(0, perRepo);
  for (const path of chosen) {
    let content: string;
    try { content = readFileSync(join(dir, path), 'utf8'); } catch { continue; }
    const call: HookCall = {
      agent: 'claude-code', tool: 'Write', commands: [], cwd: dir, askSupported: true, humanPresent: true,
      files: [{ path, access: 'write' }], toolInput: { file_path: path, content },
    };
    const kind = IMPLICITLY_RUN_CODE.find((e) => e.pattern.test(path))!.loadedBy.split(' (')[0];
    const entry = byKind.get(kind) ?? { files: 0, stopped: 0 };
    byKind.set(kind, entry);
    files++; entry.files++;
    const { reply } = await judgeCall(call, { HOME: '/nonexistent-home', FIREBREAK_STATE_DIR: STATE }, NOW);
    if (reply.answer !== 'allow' && reply.answer !== 'none') {
      stopped++; entry.stopped++;
      stops.push(`${repo}/${path}: ${reply.message.split('\n').slice(2, 4).join(' ').slice(0, 300)}`);
    }
  }
}
console.log(imported ? `Modules the tests import, left uncommitted where the test runner runs: ${files} files in ${checkouts} (at most ${perRepo} per repository), ${((performance.now() - start) / 1000).toFixed(0)} s\n` : `Files tools run without naming them, written again as they are: ${files} files in ${checkouts} (at most ${perRepo} per repository), ${((performance.now() - start) / 1000).toFixed(0)} s\n`);
console.log('| loaded by | files | stop | pass |\n|---|---:|---:|---:|');
for (const [kind, e] of [...byKind].sort((a, b) => b[1].files - a[1].files)) console.log(`| ${kind} | ${e.files} | ${e.stopped} | ${(100 * (1 - e.stopped / e.files)).toFixed(1)}% |`);
console.log(`| all | ${files} | ${stopped} | ${(100 * (1 - stopped / Math.max(files, 1))).toFixed(1)}% |`);
if (showStops) console.log(`\nStops:\n${stops.map((s) => `  ${s}`).join('\n')}`);
