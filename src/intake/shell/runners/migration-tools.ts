// `mix ecto.drop`, `goose postgres "$DSN" reset`: database migration tools whose commands drop the
// database or take migrations back (knowledge/framework-tasks.ts MIGRATION_TOOL_DESTRUCTIVE) are
// judged as deletes of that database; their other commands stay routine, as before.
import { MIGRATION_TOOL_DESTRUCTIVE } from '../../../knowledge/framework-tasks.js';
import { commandEvidence, makeAction, toolName, type Recogniser } from '../command.js';

/** Options of goose that take a value (`-dir db`, `-table x`). */
const GOOSE_VALUED = new Set(['-dir', '--dir', '-table', '--table', '-env', '--env', '-certfile', '--certfile', '-ssl-cert', '-ssl-key']);

export const migrationTool: Recogniser = async (rc) => {
  const tool = toolName(rc.argv[0] ?? '');
  const destructive = MIGRATION_TOOL_DESTRUCTIVE[tool];
  if (!destructive) return [];
  const words: string[] = [];
  for (let i = 1; i < rc.argv.length; i++) {
    const a = rc.argv[i]!;
    if (tool === 'goose' && GOOSE_VALUED.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  // mix runs one task per invocation (`mix do a, b` runs several); goose's command follows the driver and DSN.
  const commands = tool === 'mix' ? (words[0] === 'do' ? words.slice(1).join(' ').split(/[,+]/).map((w) => w.trim().split(/\s+/)[0]!) : words.slice(0, 1)) : words;
  const found = commands.find((c) => Object.hasOwn(destructive, c));
  if (!found) return [];
  const dsn = tool === 'goose' && words.length >= 3 ? words[1] : undefined;
  return [makeAction(rc, {
    operation: 'delete', verb: found, tool,
    target: { type: 'sql:database', id: dsn && !dsn.includes('$') ? dsn : `the database ${tool} is configured for` },
    scope: 'environment',
    evidence: [commandEvidence(`${tool} ${found} ${destructive[found]}`, found)],
    intrinsic: { reversibility: 'irreversible', evidence: [commandEvidence('dropped or emptied tables cannot be restored without a backup')] },
  })];
};
