// ORM calls in code a framework runs against the application's database: the code readers judge
// the code, and a delete through a model (`User.delete_all`, `Order.objects.all().delete()`),
// which they cannot know, is a delete of the application's data here.
import { ORM_DESTRUCTIVE } from '../../../knowledge/framework-tasks.js';
import type { EnvironmentHints } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../command.js';

export function ormDeletes(rc: RecognisedCommand, language: 'ruby' | 'python', code: string, where: string, target: { tool: string; database: string; hints?: EnvironmentHints }): PlannedAction[] {
  const lines = code.split('\n');
  const out: PlannedAction[] = [];
  for (const { pattern, says } of ORM_DESTRUCTIVE[language]) {
    const at = lines.findIndex((l) => pattern.test(l) && !/^\s*#/.test(l));
    if (at < 0) continue;
    out.push(makeAction(rc, {
      operation: 'delete', verb: 'ORM delete', tool: target.tool,
      target: { type: 'sql:database', id: target.database }, scope: 'environment',
      ...(target.hints ? { hints: target.hints } : {}),
      evidence: [commandEvidence(`${where}${lines.length > 1 ? ` line ${at + 1}` : ''}: ${says} (${lines[at].trim().slice(0, 120)})`, 'code', lines[at].trim().slice(0, 120))],
    }));
    break; // one action names the data at risk; the first call found is the evidence
  }
  return out;
}
