// `firebreak approve|deny|exception` run through an agent's own tools is the agent deciding on its
// own escalation: the hook denies it outright (never asks the agent that asked). Found whatever
// the spelling: `npx firebreak`, `node bin/firebreak.js`, `$(which firebreak)`, `F=firebreak; $F`.
import { FIREBREAK_DECISIONS } from '../../knowledge/guard-files.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from './command.js';
import { expandText, type PathContext } from './path-resolve.js';

export const APPROVAL_TYPE = 'firebreak:approval';

function approver(rc: RecognisedCommand, verb: string, name: string): PlannedAction {
  return makeAction(rc, {
    operation: 'permissions',
    verb: `firebreak ${verb}`,
    tool: 'firebreak',
    target: { type: APPROVAL_TYPE, id: name },
    scope: 'resource',
    evidence: [
      commandEvidence(`\`firebreak ${verb}\` makes a login for the team approval page (or sets its password): run through the agent's own tools, the agent would hold an approver's login and approve itself`, 'subcommand', verb),
      commandEvidence('a person runs it in their own terminal on the server'),
    ],
    details: { selfApproval: true },
  });
}

/** The argv index where the firebreak CLI is named (argv[0], or a script argument of node/npx), if any. */
export function firebreakAt(argv: readonly string[], ctx: PathContext): number | undefined {
  for (let i = 0; i < Math.min(argv.length, 4); i++) {
    const expanded = expandText(argv[i], ctx).text ?? argv[i];
    const name = expanded.split('/').pop() ?? '';
    if (/^firebreak(\.js|\.mjs|\.cjs)?$/.test(name) || /\bfirebreak\b/.test(argv[i]) && /\$\(|`/.test(argv[i])) return i;
    if (i > 0 && /(^|\/)firebreak\/(dist|bin|src)\//.test(expanded)) return i;
    if (i > 0 && !argv[i].startsWith('-') && !['node', 'npx', 'exec', 'dlx', 'x', 'run', 'bunx', 'tsx', 'deno'].includes(argv[i])) return undefined;
  }
  return undefined;
}

export function selfApproval(rc: RecognisedCommand, ctx: PathContext): PlannedAction[] {
  const at = firebreakAt(rc.argv, ctx);
  if (at === undefined) return [];
  const rest = rc.argv.slice(at + 1);
  const words = rest.filter((a) => !a.startsWith('-'));
  const sub = words[0];
  // `firebreak server user add|password NAME`: a person the agent made, or whose password it set, approves on the page.
  if (sub === 'server' && words[1] === 'user' && /^(add|password)$/.test(words[2] ?? '')) return [approver(rc, words.slice(0, 3).join(' '), words[3] ?? '(no name)')];
  if (!sub || !FIREBREAK_DECISIONS.has(sub)) return [];
  const id = rest[rest.indexOf(sub) + 1] ?? (rc.argsFromStdin ? '(ids from stdin)' : '(no id)');
  return [
    makeAction(rc, {
      operation: 'permissions',
      verb: `firebreak ${sub}`,
      tool: 'firebreak',
      target: { type: APPROVAL_TYPE, id },
      scope: 'resource',
      evidence: [
        commandEvidence(`\`firebreak ${sub}\` decides on an escalation: run through the agent's own tools, the agent would be approving itself`, 'subcommand', sub),
        commandEvidence('a person runs it in their own terminal (or approves in the team approval service)'),
      ],
      details: { selfApproval: true },
    }),
  ];
}
