import type { Action } from '../model.js';
import { diffInventories } from './inventory/diff.js';
import type { Inventory } from './inventory/types.js';
import type { ObservedChange, ReplayedCall } from './types.js';

/** Inventory changes as observed changes, each attributed to the replayed actions that can explain it. */
export function observedChanges(before: Inventory, after: Inventory, actions: Action[], replayed: ReplayedCall[]): ObservedChange[] {
  const ran = actions.filter((a) => replayed.some((r) => r.actionId === a.id && r.ok));
  return diffInventories(before, after).map((c) => {
    const item = (c.before ?? c.after)!;
    const names = new Set([item.id, ...item.names, ...(item.stack ? [`${item.stack.name}/${item.stack.logicalId}`] : [])]);
    const explaining = ran.filter(
      (a) =>
        [a.target.id, ...(a.target.names ?? [])].some((n) => names.has(n)) ||
        (a.scope === 'environment' && !!a.hints.stackName && (item.stack?.name === a.hints.stackName || (item.type === 'AWS::CloudFormation::Stack' && item.id === a.hints.stackName))),
    );
    const detail =
      c.change === 'modified'
        ? `changed: ${c.changed!.join(', ')}`
        : c.change === 'deleted' && Number(item.attributes.objectCount) > 0
          ? `held ${item.attributes.objectCount} objects`
          : undefined;
    return {
      resource: item.id,
      type: item.type,
      change: c.change,
      engine: item.engine,
      stack: item.stack?.name,
      logicalId: item.stack?.logicalId,
      detail,
      actionIds: (explaining.length ? explaining : ran).map((a) => a.id),
    };
  });
}

/** "This would fail half way" and other conclusions from the per-call results. */
export function replayFindings(replayed: ReplayedCall[]): string[] {
  const findings: string[] = [];
  for (const r of replayed.filter((x) => x.emulatorLimitation)) findings.push(`${r.actionId}: not conclusive: ${r.emulatorLimitation}`);
  replayed = replayed.filter((r) => !r.emulatorLimitation);
  const failed = replayed.filter((r) => !r.ok);
  const succeeded = replayed.filter((r) => r.ok);
  for (const f of failed) findings.push(`${f.actionId}: \`${f.call}\` failed in the twin (${f.engine}) with ${f.code}: ${f.message ?? ''}`.trim());
  if (failed.length && succeeded.length) {
    const firstFail = replayed.indexOf(failed[0]);
    const before = replayed.slice(0, firstFail).filter((r) => r.ok).length;
    if (before > 0) {
      findings.push(`partial failure: ${before} call(s) succeeded before ${failed[0].actionId} failed; in production this would stop half way and leave a partial state`);
    } else {
      findings.push(`partial failure: ${failed.length} of ${replayed.length} call(s) failed while others succeeded; production would end in a partial state`);
    }
  }
  return findings;
}
