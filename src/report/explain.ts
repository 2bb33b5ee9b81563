import type { BlastResource, Report } from '../model.js';

/** Why one resource is in the blast radius: the actions, the dependency path and the evidence. */
export function explainResource(report: Report, query: string): { found: boolean; text: string } {
  const resource = findResource(report, query);
  if (!resource) {
    const near = report.blastRadius.resources.filter((r) => r.id.includes(query)).slice(0, 5).map((r) => r.id);
    return {
      found: false,
      text: `${query} is not in the blast radius of these inputs.${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}\n`,
    };
  }
  const actions = report.actions.filter((a) => resource.actionIds.includes(a.id));
  const lines = [`${resource.id} (${resource.type}) is ${resource.impact}${resource.depth > 0 ? `, ${resource.depth} hop(s) from a change` : ''}.`];
  if (resource.depth > 0) {
    lines.push('', 'Dependency path (each depends on the one before):');
    resource.path.forEach((id, index) => {
      lines.push(`  ${index === 0 ? '' : '<- '}${id}${index > 0 ? `   (${resource.pathReasons[index - 1]})` : '   (hit directly)'}`);
    });
  }
  for (const action of actions) {
    lines.push('', `${action.id}: ${action.operation} ${action.target.id} via ${action.tool} ${action.verb} (${action.environment ?? 'unknown environment'}, ${action.reversibility})`);
    if (action.source.command) lines.push(`  command: ${action.source.command}`);
    if (action.source.file) lines.push(`  from: ${action.source.file}${action.source.line ? `:${action.source.line}` : ''}${action.source.path ? ` ${action.source.path}` : ''}`);
    for (const evidence of action.evidence) lines.push(`  - ${evidence.message}`);
  }
  const reasons = report.reasons.filter((r) => r.resource === resource.id || (r.actionId && resource.actionIds.includes(r.actionId)));
  if (reasons.length) {
    lines.push('', 'Policy:');
    for (const reason of reasons) lines.push(`  ${reason.decision}: ${reason.message} [${reason.rule}]`);
  }
  return { found: true, text: lines.join('\n') + '\n' };
}

function findResource(report: Report, query: string): BlastResource | undefined {
  const resources = report.blastRadius.resources;
  return resources.find((r) => r.id === query) ?? resources.find((r) => r.id.endsWith(`/${query}`) || r.id.endsWith(`.${query}`));
}
