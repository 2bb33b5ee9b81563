import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import type { PlannedAction } from '../../src/intake/types.js';

export { parseShellCommand };

/** An empty workspace: what the clone holds (.firebreak/, node_modules) must not change a verdict. */
const WORKSPACE = mkdtempSync(join(tmpdir(), 'firebreak-shell-'));
/** An empty home: what this machine's home holds (a ~/.config/firebreak left by another run) must not either. */
process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-shell-home-'));

export async function actions(command: string): Promise<PlannedAction[]> {
  return parseShellCommand(command, {}, { cwd: WORKSPACE });
}

/** Compact view: `operation tool target.type target.id`. */
export async function summary(command: string): Promise<string[]> {
  return (await parseShellCommand(command, {}, { cwd: WORKSPACE })).map((a) => `${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`);
}

export function evidenceText(a: PlannedAction): string {
  return [...a.evidence, ...(a.intrinsic?.evidence ?? [])].map((e) => e.message).join(' | ');
}
