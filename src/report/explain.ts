import type { BlastResource, Report } from '../model.js';
import { groupReasons } from './reason-groups.js';
import { wrapText } from './wrap.js';

/** Why one resource is in the blast radius: the actions, the dependency path and the evidence. */
export function explainResource(report: Report, query: string, options: { width?: number } = {}): { found: boolean; text: string } {
  const resource = findResource(report, query);
  if (!resource) {
    const near = report.blastRadius.resources.filter((r) => r.id.includes(query)).slice(0, 5).map((r) => r.id);
    return {
      found: false,
      text: `${query} is not in the blast radius of these inputs.${near.length ? ` Did you mean: ${near.join(', ')}?` : ''}\n`,
    };
  }
  const lines: string[] = [];
  const say = (prefix: string, text: string) => {
    const wrapped = wrapText(text, options.width ? options.width - prefix.length : undefined);
    lines.push(`${prefix}${wrapped[0]}`, ...wrapped.slice(1).map((l) => `${' '.repeat(prefix.length)}${l}`));
  };
  say('', `${resource.id} (${resource.type}) is ${resource.impact}${resource.depth > 0 ? `, ${resource.depth} hop(s) from a change` : ''}.`);
  if (resource.depth > 0) {
    lines.push('', 'Dependency path (each depends on the one before):');
    resource.path.forEach((id, index) => {
      lines.push(`  ${index === 0 ? '' : '<- '}${id}${index > 0 ? `   (${resource.pathReasons[index - 1]})` : '   (hit directly)'}`);
    });
  }
  const actions = report.actions.filter((a) => resource.actionIds.includes(a.id));
  for (const action of actions) {
    lines.push('');
    say('', `${action.id}: ${action.operation} ${action.target.id} via ${action.tool} ${action.verb} (${action.environment ?? 'unknown environment'}, ${action.reversibility})`);
    if (action.source.command) lines.push(`  command: ${action.source.command}`);
    if (action.source.file) lines.push(`  from: ${action.source.file}${action.source.line ? `:${action.source.line}` : ''}${action.source.path ? ` ${action.source.path}` : ''}`);
    for (const message of distinct(action.evidence.map((e) => e.message))) say('  - ', message);
  }
  const reasons = report.reasons.filter((r) => r.resource === resource.id || (r.actionId && resource.actionIds.includes(r.actionId)));
  if (reasons.length) {
    lines.push('', 'Policy:');
    // The sentence about the action once, then what each rule adds.
    for (const group of groupReasons(reasons)) {
      say('  ', `${group.decision}: ${group.headline}`);
      for (const finding of group.findings) say(`    [${finding.rules.join(', ')}] `, finding.text || `${finding.decision}`);
    }
  }
  return { found: true, text: lines.join('\n') + '\n' };
}

/** Each piece of evidence once: a bare reading ("--force") is dropped when a fuller sentence says it. */
function distinct(messages: string[]): string[] {
  return messages.filter((m, i) => messages.findIndex((n) => n === m) === i && !messages.some((n) => n !== m && n.includes(m)));
}

function findResource(report: Report, query: string): BlastResource | undefined {
  const resources = report.blastRadius.resources;
  return resources.find((r) => r.id === query) ?? resources.find((r) => r.id.endsWith(`/${query}`) || r.id.endsWith(`.${query}`));
}
