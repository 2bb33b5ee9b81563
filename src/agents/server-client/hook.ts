// The hook's two touch points with the team server, kept here so the hook itself changes by a
// line each: an escalation goes to the server's queue (instead of local approval files), and
// after each call the audit chain is shipped (always after an escalation or a block, else at
// most once a minute), within what is left of the hook's deadline, never failing the call.
import { existsSync } from 'node:fs';
import type { Report } from '../../model.js';
import type { BoundAction } from '../approvals/binding.js';
import type { AuditRecord, HookAnswer } from '../audit/entry.js';
import type { HookCall, HookReply } from '../protocol/types.js';
import type { LoadedConnection } from './config.js';
import type { ServerVerdict } from './escalate.js';
import { serverConfigPath } from './path.js';

export interface ServerEscalationResult {
  reply: HookReply;
  approval: NonNullable<AuditRecord['approval']>;
  verdict: ServerVerdict;
}

/** Escalate through the server: allowed only on a verified approval; denied otherwise, with why. */
export async function escalateThroughServer(o: {
  connection: LoadedConnection;
  call: Pick<HookCall, 'agent' | 'sessionId' | 'cwd' | 'commands'> & { statedReason?: string };
  binding: string;
  bound: BoundAction;
  report: Report;
  reasons: { rule: string; message: string }[];
  allowAnswer: HookAnswer;
  now: Date;
  timeoutMs: number;
}): Promise<ServerEscalationResult> {
  const { askServer, serverMessage } = await import('./escalate.js');
  const verdict = await askServer({
    connection: o.connection,
    agent: o.call.agent,
    ...(o.call.sessionId ? { sessionId: o.call.sessionId } : {}),
    ...(o.call.statedReason ? { statedReason: o.call.statedReason } : {}),
    cwd: o.call.cwd,
    binding: o.binding,
    bound: o.bound,
    report: o.report,
    reasons: o.reasons,
    now: o.now,
    timeoutMs: o.timeoutMs,
  });
  const why = o.reasons.slice(0, 5).map((r) => `- [${r.rule}] ${r.message}`);
  const message = serverMessage(verdict, o.bound.commands, why);
  if (verdict.kind === 'approved') {
    return { reply: { answer: o.allowAnswer, message }, approval: { id: verdict.requestId, status: `used ${verdict.use} (server, by ${verdict.by})` }, verdict };
  }
  const status = verdict.kind === 'unverified' ? 'unverifiable answer (ignored)' : verdict.kind === 'unreachable' ? 'server unreachable' : verdict.kind;
  return { reply: { answer: 'deny', message }, approval: { id: 'requestId' in verdict && verdict.requestId ? verdict.requestId : 'none', status }, verdict };
}

/** After the audit entry is written: ship the chain if a server is set up. Never throws. */
export async function shipAfterHook(stateDir: string, env: NodeJS.ProcessEnv, o: { force: boolean; budgetMs: number }): Promise<void> {
  try {
    if (o.budgetMs < 200 || !existsSync(serverConfigPath(env))) return;
    const { loadServerConnection } = await import('./config.js');
    const connection = loadServerConnection(env);
    if (!connection) return;
    const { shipIfDue } = await import('./ship-audit.js');
    await shipIfDue(stateDir, connection, { force: o.force, timeoutMs: Math.min(2000, o.budgetMs) });
  } catch {
    // Shipping is best effort: the next call ships what this one could not.
  }
}
