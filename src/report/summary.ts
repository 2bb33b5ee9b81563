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
  dataLoss: number;
  /** Actions that cannot be undone (the blast radius counts). */
  irreversible: number;
  /** Resources whose loss no step brings back (the rollback plan's "cannot be undone" list). */
  lost: number;
  /** Changing actions that a step of the rollback plan undoes and that lose nothing irreversibly. */
  rollbackAvailable: number;
  changing: number;
  /** Steps of the rollback plan, and how many of them are safeguards taken before executing. */
  rollbackSteps: number;
  safeguards: number;
}

/** The numbers every format prints, computed once so that text, Markdown, SARIF and HTML agree. */
export function summarize(report: Report): ReportSummary {
  const changing = report.actions.filter((a) => a.operation !== 'read');
  const byOperation: Record<string, number> = {};
  for (const action of changing) byOperation[action.operation] = (byOperation[action.operation] ?? 0) + 1;
  const undoable = new Set(
    report.rollback.steps.filter((s) => s.phase !== 'safeguard').flatMap((s) => s.actionIds ?? (s.actionId ? [s.actionId] : [])),
  );
  const lost = new Set(report.rollback.irreversible.map((i) => i.actionId));
  return {
    actions: report.actions.length,
    byOperation,
    blastRadius: report.blastRadius.counts.total,
    stateful: report.blastRadius.counts.stateful,
    dataLoss: report.blastRadius.counts.dataLoss,
    irreversible: report.blastRadius.counts.irreversible,
    lost: new Set(report.rollback.irreversible.map((i) => i.resource)).size,
    rollbackAvailable: changing.filter((a) => undoable.has(a.id) && !lost.has(a.id) && a.reversibility !== 'irreversible').length,
    changing: changing.length,
    rollbackSteps: report.rollback.steps.length,
    safeguards: report.rollback.steps.filter((s) => s.phase === 'safeguard').length,
  };
}

/** The numbers under the verdict, phrased the same way in every format (text, Markdown, HTML). */
export function countsLine(s: ReportSummary): string {
  const parts = [
    plural(s.changing, 'changing action') + (s.actions > s.changing ? ` (+${s.actions - s.changing} read-only)` : ''),
    `blast radius ${plural(s.blastRadius, 'resource')} (${s.stateful} stateful, ${s.dataLoss} with data loss)`,
    irreversiblePhrase(s),
  ];
  if (s.changing > 0) parts.push(`rollback plan: ${rollbackPhrase(s)}`);
  return parts.join(' · ');
}

/** "1 irreversible action, 2 resources cannot be undone": actions and the resources they lose, never mixed. */
export function irreversiblePhrase(s: ReportSummary): string {
  return s.irreversible || s.lost ? `${plural(s.irreversible, 'irreversible action')}, ${plural(s.lost, 'resource')} cannot be undone` : 'nothing irreversible';
}

/** "4 steps, undoes 0 of 1 in full": the plan's length and the changing actions it undoes completely. */
export function rollbackPhrase(s: ReportSummary): string {
  return `${s.rollbackSteps === 0 ? 'no steps' : plural(s.rollbackSteps, 'step')}, undoes ${s.rollbackAvailable} of ${s.changing} in full`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Where an action came from, for people: `infra/db.tf:12` or the command. */
export function locationOf(source: Report['actions'][number]['source']): string {
  if (source.file) return `${source.file}${source.line ? `:${source.line}` : ''}`;
  return source.command ?? source.path ?? source.kind;
}
