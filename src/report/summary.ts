// Numbers every CI renderer shows the same way (markdown, SARIF, HTML).
import type { BlastRadius, ChangeSummary, Report } from '../model.js';

/**
 * Terraform's line, counted over what is hit directly (a destroy of a workspace counts each
 * resource it removes): `Plan: 1 to add, 2 to change, 3 to destroy, 1 to replace.`
 */
export function changeSummary(blast: BlastRadius, actions: readonly Pick<Report['actions'][number], 'id' | 'operation' | 'details'>[] = []): ChangeSummary {
  const direct = blast.resources.filter((r) => r.depth === 0);
  // A resource created with a policy in it is judged as a permissions change, but Terraform counts it as an add.
  const createdWithPermissions = new Set(actions.filter((a) => a.operation === 'permissions' && a.details?.operationBeforePermissions === 'create').map((a) => a.id));
  const impactOf = (r: (typeof direct)[number]) => (r.impact === 'modified' && r.actionIds.length > 0 && r.actionIds.every((id) => createdWithPermissions.has(id)) ? 'created' : r.impact);
  const count = (impact: string) => direct.filter((r) => impactOf(r) === impact).length;
  const summary = { add: count('created'), change: count('modified'), destroy: count('deleted'), replace: count('replaced') };
  const none = summary.add + summary.change + summary.destroy + summary.replace === 0;
  const text = `${none ? 'No changes' : 'Plan'}: ${summary.add} to add, ${summary.change} to change, ${summary.destroy} to destroy, ${summary.replace} to replace.`;
  return { ...summary, text };
}

/** The summary of a report, also for reports written before it had one. */
export function summaryLine(report: Report): string {
  return (report.summary ?? changeSummary(report.blastRadius)).text;
}

export interface ReportSummary {
  actions: number;
  byOperation: Record<string, number>;
  blastRadius: number;
  stateful: number;
  irreversible: number;
  /** Changing actions that have an inverse or restore step and lose nothing irreversibly. */
  rollbackAvailable: number;
  changing: number;
}

export function summarize(report: Report): ReportSummary {
  const changing = report.actions.filter((a) => a.operation !== 'read');
  const byOperation: Record<string, number> = {};
  for (const action of changing) byOperation[action.operation] = (byOperation[action.operation] ?? 0) + 1;
  const undoable = new Set(report.rollback.steps.filter((s) => s.phase !== 'safeguard' && s.actionId).map((s) => s.actionId));
  const lost = new Set(report.rollback.irreversible.map((i) => i.actionId));
  return {
    actions: report.actions.length,
    byOperation,
    blastRadius: report.blastRadius.counts.total,
    stateful: report.blastRadius.counts.stateful,
    irreversible: report.blastRadius.counts.irreversible,
    rollbackAvailable: changing.filter((a) => undoable.has(a.id) && !lost.has(a.id)).length,
    changing: changing.length,
  };
}

/** Where an action came from, for people: `infra/db.tf:12` or the command. */
export function locationOf(source: Report['actions'][number]['source']): string {
  if (source.file) return `${source.file}${source.line ? `:${source.line}` : ''}`;
  return source.command ?? source.path ?? source.kind;
}
