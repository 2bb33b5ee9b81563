// Real files in temporary workspaces, read by the real parsers, judged through the shell intake
// (and the whole pipeline where a verdict is asserted).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import type { PlannedAction } from '../../src/intake/types.js';
import { check } from '../../src/pipeline.js';
import type { Decision } from '../../src/model.js';

const dirs: string[] = [];
/** An empty home: what this machine's home holds (a ~/.config/firebreak left by another run) must not change a verdict. */
process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-code-home-'));
dirs.push(process.env.HOME);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export function workspace(files: Record<string, string | Buffer> = {}, executable: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-code-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  for (const f of executable) chmodSync(join(dir, f), 0o755);
  return dir;
}

export async function actionsIn(command: string, files: Record<string, string | Buffer> = {}, executable: string[] = []): Promise<PlannedAction[]> {
  const cwd = workspace(files, executable);
  return parseShellCommand(command, { kind: 'shell', command }, { cwd });
}

/** `operation tool target.type target.id` per action. */
export async function summary(command: string, files: Record<string, string | Buffer> = {}, executable: string[] = []): Promise<string[]> {
  return (await actionsIn(command, files, executable)).map((a) => `${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`);
}

export function evidenceOf(a: PlannedAction): string {
  return [...(a.intrinsic?.evidence ?? []), ...a.evidence].map((e) => e.message).join(' | ');
}

export async function verdict(command: string, files: Record<string, string | Buffer> = {}): Promise<{ verdict: Decision; why: string }> {
  const cwd = workspace(files);
  const { report } = await check({ commands: [command], cwd, implicitConfig: false, now: new Date('2026-06-01T12:00:00Z') });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') };
}
