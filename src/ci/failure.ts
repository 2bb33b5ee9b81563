import type { PlannedAction } from '../intake/types.js';

/** Fail closed: a file in the change that cannot be read becomes an action nobody can judge, so it escalates. */
export function unreadableFileAction(file: string, kind: PlannedAction['source']['kind'], reason: string, line?: number): PlannedAction {
  return {
    source: { kind, file, ...(line !== undefined ? { line } : {}) },
    operation: 'unknown',
    verb: 'unparsable',
    tool: kind === 'hcl' ? 'terraform' : kind === 'cloudformation-template' ? 'cloudformation' : 'firebreak',
    target: { type: 'file', id: file },
    scope: 'unknown',
    hints: {},
    evidence: [{ kind: 'input', message: `${file} is changed but could not be read: ${reason}. What it would do cannot be judged.` }],
    details: { unparsable: true, reason },
  };
}
