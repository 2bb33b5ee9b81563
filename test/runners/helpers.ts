// Real files in temporary workspaces, judged by the real shell intake.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import type { PlannedAction } from '../../src/intake/types.js';
import type { Decision } from '../../src/model.js';
import { check } from '../../src/pipeline.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory holding the files. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-runners-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export async function actionsIn(files: Record<string, string>, command: string): Promise<PlannedAction[]> {
  return parseShellCommand(command, {}, { cwd: workspace(files) });
}

/** `operation tool target.type target.id` per action. */
export async function summaryIn(files: Record<string, string>, command: string): Promise<string[]> {
  return (await actionsIn(files, command)).map((a) => `${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`);
}

export function evidenceOf(a: PlannedAction): string {
  return a.evidence.map((e) => e.message).join(' | ');
}

/** Nothing but reads: what a benign command must come to. */
export function harmless(actions: PlannedAction[]): boolean {
  return actions.every((a) => a.operation === 'read');
}

/** Makefile text with recipe lines written with a leading `>` for readability: `>` becomes a tab. */
export function makefile(text: string): string {
  return text.replace(/^>/gm, '\t');
}

/** The whole pipeline's verdict (default policy, no firebreak.yaml) in a git repository holding the files. */
export async function verdictIn(files: Record<string, string>, command: string): Promise<{ verdict: Decision; why: string }> {
  const dir = workspace(files);
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'initial');
  const { report } = await check({ commands: [command], cwd: dir, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => `${r.rule}: ${r.message}`).join(' | ') };
}
