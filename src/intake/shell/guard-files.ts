// A command that writes to the guard's own files (firebreak.yaml, policies, approvals, the audit
// log, hook registrations) is a permissions change on the guard: an agent must not be able to
// weaken its own guard silently (OWASP ASI03). Reads of those files are fine.
import { GUARD_FILES, READ_ONLY_COMMANDS } from '../../knowledge/guard-files.js';
import type { SimpleCommand } from './syntax.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from './command.js';
import type { PlannedAction } from '../types.js';

const WRITE_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const READ_ONLY_GIT = new Set(['diff', 'log', 'show', 'status', 'blame', 'grep', 'ls-files']);

export function guardFileWrites(cmd: SimpleCommand, rc: RecognisedCommand): PlannedAction[] {
  const redirected = cmd.redirects.filter((r) => WRITE_REDIRECTS.has(r.op) && r.target).map((r) => r.target!.value);
  const tool = rc.argv.length ? toolName(rc.argv[0]) : '';
  const readsOnly = READ_ONLY_COMMANDS.has(tool) || (tool === 'git' && READ_ONLY_GIT.has(rc.argv[1] ?? '')) || (tool === 'firebreak' && rc.argv[1] === 'check');
  const named = readsOnly ? [] : rc.argv.slice(1).filter((arg) => !arg.startsWith('-'));
  const touched = [...new Set([...redirected, ...named].filter((path) => GUARD_FILES.some((pattern) => pattern.test(path))))];
  return touched.map((path) =>
    makeAction(rc, {
      operation: 'permissions',
      verb: `write ${path}`,
      tool: tool || 'shell',
      target: { type: 'firebreak:guard-file', id: path },
      scope: 'resource',
      evidence: [
        commandEvidence(
          `${path} is part of Firebreak's own guard (context, policy, approvals, audit log or an agent's hook registration): an agent changing it could switch its guard off`,
          'path',
          path,
        ),
      ],
    }),
  );
}
