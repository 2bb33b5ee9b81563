// CloudFormation / SAM / cdk.out templates changed between two revisions, diffed with the
// same diffTemplates the check command uses.
import type { IntakeResult } from '../intake/types.js';
import { unreadableFileAction } from './failure.js';

export interface TemplateChange {
  path: string;
  oldPath?: string;
  before?: string;
  after?: string;
  /** The base commit: a resource the change removes is shown where it was there. */
  baseRevision?: string;
}

export async function templateIntake(change: TemplateChange): Promise<IntakeResult> {
  const { diffTemplates } = await import('../intake/cloudformation/index.js');
  try {
    const result = await diffTemplates(
      change.before !== undefined ? { text: change.before, file: change.oldPath ?? change.path } : undefined,
      change.after !== undefined ? { text: change.after, file: change.path } : undefined,
      stackNameOf(change.path),
    );
    if (!change.baseRevision) return result;
    const removed = (impact: unknown) => impact === 'WILL_DESTROY' || impact === 'WILL_ORPHAN';
    return {
      ...result,
      actions: result.actions.map((a) => (removed(a.details?.changeImpact) || change.after === undefined ? { ...a, source: { ...a.source, revision: change.baseRevision } } : a)),
    };
  } catch (error) {
    const reason = error instanceof Error ? ((error as { describe?: () => string }).describe?.() ?? error.message) : String(error);
    return { kind: 'cloudformation-template', file: change.path, actions: [unreadableFileAction(change.path, 'cloudformation-template', reason)], warnings: [] };
  }
}

/** cdk.out/Api.template.json -> Api; infra/orders.yaml -> orders. */
export function stackNameOf(path: string): string {
  const base = path.split('/').pop() ?? path;
  return base.replace(/\.(template\.)?(json|ya?ml|template)$/i, '');
}
