// The hook calls the shell intake for every command an agent runs: keep its import graph free
// of heavy modules, and keep classification fast.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { AGENT_COMMANDS } from './corpus.js';
import { caseWorkspace } from '../corpus/workspace.js';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const HEAVY = [/^@aws-sdk\//, /^@cdktf\//, /^@aws-cdk\//, /^@cloud-copilot\/iam-data/];

/** Modules loaded at import time (static, non-type imports), following relative paths. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { files, packages };
}

describe('fast path', () => {
  it('importing the shell intake loads no heavy package and not the parser', () => {
    const { files, packages } = staticGraph(resolve(SRC, 'intake/shell/index.ts'));
    expect([...packages].filter((p) => HEAVY.some((h) => h.test(p)))).toEqual([]);
    const rel = [...files].map((f) => f.slice(SRC.length + 1)).sort();
    expect(rel).toEqual(['errors.ts', 'intake/code/loaders.ts', 'intake/shell/index.ts', 'intake/shell/local.ts', 'intake/shell/machine-changes.ts', 'intake/shell/precheck.ts', 'intake/shell/runners/loaders.ts', 'intake/shell/system-packages.ts', 'intake/shell/unmodelled.ts', 'knowledge/code/perl-switches.ts', 'knowledge/guard-files.ts', 'knowledge/implicit-code.ts', 'knowledge/shell-commands.ts', 'knowledge/system-packages.ts', 'knowledge/unmodelled-programs.ts', 'knowledge/wrappers.ts']);
  });

  it('the parser and every recogniser except aws stay free of heavy packages', () => {
    const { files, packages } = staticGraph(resolve(SRC, 'intake/shell/walk.ts'));
    for (const r of ['filesystem', 'git', 'http', 'kubernetes', 'sql', 'terraform', 'cloud-cli', 'aws']) {
      const g = staticGraph(resolve(SRC, `intake/shell/recognisers/${r}.ts`));
      g.files.forEach((f) => files.add(f));
      g.packages.forEach((p) => packages.add(p));
    }
    expect([...packages].filter((p) => HEAVY.some((h) => h.test(p)))).toEqual([]);
    expect([...files].some((f) => f.includes('/intake/aws/'))).toBe(false); // aws intake is imported lazily
  });

  it('plain local commands are answered without parsing', async () => {
    const t0 = performance.now();
    for (let i = 0; i < 10_000; i++) await parseShellCommand('ls -la');
    const perSecond = 10_000 / ((performance.now() - t0) / 1000);
    console.log(`fast path: ${Math.round(perSecond)} commands/s`);
    expect(perSecond).toBeGreaterThan(20_000);
  });

  it('throughput over a mixed corpus of agent commands (per CPU second: wall time is noisy on a shared box)', async () => {
    const corpus = AGENT_COMMANDS.filter((c) => !/\baws\b/.test(c));
    // A committed workspace of its own: in this checkout, `git commit` would read whatever is being
    // edited (uncommitted code is read when a loader runs), and the figure would follow the edit.
    const cwd = caseWorkspace('throughput', { 'package.json': '{"name":"x","scripts":{"test":"vitest run","start":"node server.js"}}\n', 'src/config.ts': 'export const x = 1;\n' });
    for (const c of corpus) await parseShellCommand(c, {}, { cwd });
    const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    let n = 0;
    const t0 = cpuMs();
    while (cpuMs() - t0 < 1000) for (const c of corpus) { await parseShellCommand(c, {}, { cwd }); n++; }
    const perCpuSecond = n / ((cpuMs() - t0) / 1000);
    console.log(`mixed corpus (${corpus.length} commands, aws excluded): ${Math.round(perCpuSecond)} commands per CPU second`);
    // Target: 20k/s compiled on an idle machine (see the report); under vitest's module runner and a
    // loaded box this bound only catches pathological regressions. Loaders (git commit, push,
    // pytest, npm test) start git on each call since wave 5, 8-14 ms of this process's CPU each;
    // 460-610/s measured here under load (wave 6): the bound is 300. Run in this checkout while it
    // had uncommitted edits, the same corpus measured 25/s.
    expect(perCpuSecond).toBeGreaterThan(300);
  });
});
