import { parseShellCommand } from '../../src/intake/shell/index.js';
import type { PlannedAction } from '../../src/intake/types.js';

export { parseShellCommand };

export async function actions(command: string): Promise<PlannedAction[]> {
  return parseShellCommand(command);
}

/** Compact view: `operation tool target.type target.id`. */
export async function summary(command: string): Promise<string[]> {
  return (await parseShellCommand(command)).map((a) => `${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`);
}

export function evidenceText(a: PlannedAction): string {
  return [...a.evidence, ...(a.intrinsic?.evidence ?? [])].map((e) => e.message).join(' | ');
}
