// An escalation through the team server: post the request (what, where, why, impact, rollback,
// the report), and act on the standing answer. Allowed only on an approval the pinned key signed
// for this exact binding, with a receipt answering this call's fresh challenge; everything else
// (pending, rejected, expired, unreachable, unverifiable) denies, with the reason and, where
// there is one, the request id the agent can mention while it goes on with other work.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../../model.js';
import type { DecisionStatement, Signed, UseReceipt } from '../../server/protocol/signed.js';
import { verifyApproval } from '../../server/protocol/signed.js';
import type { BoundAction } from '../approvals/binding.js';
import { impactSummary, rollbackLines } from '../hook/message.js';
import { repositoryRoot } from '../state-dir.js';
import type { LoadedConnection } from './config.js';
import { callServer, ServerCallError } from './http.js';

export interface ServerEscalation {
  connection: LoadedConnection;
  agent: string;
  sessionId?: string;
  /** The agent's own words about why (e.g. Claude's tool description), if its payload has them. */
  statedReason?: string;
  cwd: string;
  binding: string;
  /** The bound action as shown (secrets already removed). */
  bound: BoundAction;
  report: Report;
  reasons: { rule: string; message: string }[];
  now: Date;
  timeoutMs: number;
}

export type ServerVerdict =
  | { kind: 'approved'; requestId: string; by: string; note?: string; validUntil: string; reusable: boolean; use: number }
  | { kind: 'pending'; requestId: string; url: string; expiresAt: string; created: boolean }
  | { kind: 'rejected' | 'expired'; requestId: string; url: string; by: string; at: string; note?: string; holdUntil: string }
  | { kind: 'unverified'; requestId?: string; reason: string }
  | { kind: 'unreachable'; reason: string };

type Answer =
  | { status: 'approved'; requestId: string; approval: Signed<DecisionStatement>; receipt: Signed<UseReceipt> }
  | { status: 'pending'; requestId: string; url: string; expiresAt: string; created: boolean }
  | { status: 'rejected' | 'expired'; requestId: string; url: string; decidedBy: string; decidedAt: string; note?: string; holdUntil: string }
  | { status: 'none' };

export function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

/** The repository as people know it: its origin URL (without credentials), else its path. */
export function repositoryName(cwd: string): string {
  const root = repositoryRoot(cwd);
  try {
    const config = readFileSync(join(root, '.git', 'config'), 'utf8');
    const origin = /\[remote "origin"\][^[]*?\burl\s*=\s*(\S+)/.exec(config)?.[1];
    if (origin) return origin.replace(/\/\/[^/@]*@/, '//');
  } catch {
    // not a git checkout (or a worktree): the path will do
  }
  return root;
}

export function requestPayload(e: ServerEscalation, challenge: string, validReport: (r: Report) => unknown): Record<string, unknown> {
  const r = e.report;
  const environments = [...new Set(r.actions.map((a) => a.environment).filter((x): x is string => !!x))];
  const dataLoss = [
    ...r.blastRadius.resources.filter((x) => x.dataLoss).map((x) => `${x.id} (${x.type})`),
    ...r.rollback.irreversible.map((i) => `cannot be undone: ${i.resource}: ${i.whatIsLost}`),
  ].slice(0, 200);
  const report = validReport(r);
  return {
    binding: e.binding,
    challenge,
    agent: e.agent,
    ...(e.sessionId ? { sessionId: e.sessionId.slice(0, 200) } : {}),
    ...(e.statedReason?.trim() ? { statedReason: e.statedReason.trim().slice(0, 2000) } : {}),
    hostname: hostname().slice(0, 255) || 'unknown',
    repo: repositoryName(e.cwd).slice(0, 1000),
    cwd: e.bound.environment.cwd.slice(0, 4000),
    environment: (environments.join(', ') || 'unknown').slice(0, 200),
    commands: e.bound.commands.slice(0, 20).map((c) => c.slice(0, 16_000)),
    variables: e.bound.environment.variables,
    what: r.actions.slice(0, 200).map((a) => `${a.operation} ${a.target.type} ${a.target.id} (${a.tool} ${a.verb}${a.environment ? `, ${a.environment}` : ''})`.slice(0, 2000)),
    why: e.reasons.slice(0, 100).map((x) => ({ rule: x.rule.slice(0, 200), message: x.message.slice(0, 4000) })),
    impact: impactSummary(r).slice(0, 2000),
    dataLoss: dataLoss.map((d) => d.slice(0, 2000)),
    blastRadius: r.blastRadius.counts,
    rollback: rollbackLines(r).slice(0, 100).map((l) => l.slice(0, 4000)),
    ...(e.connection.deadlineMs ? { deadlineMs: e.connection.deadlineMs } : {}),
    ...(report ? { report } : {}),
  };
}

/** The report as the server will accept it (validated, trimmed to what it draws), or nothing. */
async function reportForServer(): Promise<(r: Report) => unknown> {
  const { reportSchema } = await import('../../server/protocol/wire.js');
  return (r) => {
    const parsed = reportSchema.safeParse(r);
    if (!parsed.success) return undefined;
    return JSON.stringify(parsed.data).length < 1_500_000 ? parsed.data : undefined;
  };
}

export async function askServer(e: ServerEscalation): Promise<ServerVerdict> {
  const challenge = newChallenge();
  const body = requestPayload(e, challenge, await reportForServer());
  let answer: Answer;
  try {
    answer = (await callServer<Answer>(e.connection, 'POST', '/api/v1/requests', body, e.timeoutMs)).body;
  } catch (error) {
    return { kind: 'unreachable', reason: error instanceof ServerCallError ? error.message : `the approval server call failed: ${(error as Error).message}` };
  }
  return interpret(answer, { binding: e.binding, challenge, connection: e.connection, now: e.now });
}

export function interpret(answer: Answer, o: { binding: string; challenge: string; connection: Pick<LoadedConnection, 'publicKey'>; now: Date; askedAt?: Date }): ServerVerdict {
  switch (answer?.status) {
    case 'approved': {
      const checked = verifyApproval(answer, { binding: o.binding, challenge: o.challenge, publicKey: o.connection.publicKey, now: o.now, ...(o.askedAt ? { askedAt: o.askedAt } : {}) });
      if (!checked.ok) return { kind: 'unverified', requestId: String(answer.requestId ?? ''), reason: checked.reason };
      const d = checked.decision;
      return { kind: 'approved', requestId: d.requestId, by: d.by, ...(d.note ? { note: d.note } : {}), validUntil: d.validUntil!, reusable: !!d.reusable, use: checked.receipt.use };
    }
    case 'pending':
      return { kind: 'pending', requestId: answer.requestId, url: answer.url, expiresAt: answer.expiresAt, created: !!answer.created };
    case 'rejected':
    case 'expired':
      return { kind: answer.status, requestId: answer.requestId, url: answer.url, by: answer.decidedBy, at: answer.decidedAt, ...(answer.note ? { note: answer.note } : {}), holdUntil: answer.holdUntil };
    default:
      return { kind: 'unverified', reason: `the approval server gave no usable answer (status ${JSON.stringify((answer as { status?: unknown })?.status)})` };
  }
}

/** What the agent (and the person watching it) is told. */
export function serverMessage(v: ServerVerdict, commands: string[], why: string[]): string {
  const cmd = commands.map((c) => `  $ ${c}`);
  switch (v.kind) {
    case 'approved':
      return `Firebreak: approved by ${v.by} on the team server (${v.requestId}${v.note ? `: ${v.note}` : ''}; ${v.reusable ? `reusable until ${v.validUntil}` : 'once'})`;
    case 'pending':
      return [
        'Firebreak DENIED this command for now: it is waiting for a person to approve it.',
        ...cmd,
        'Why:',
        ...why,
        `Approval request ${v.requestId} ${v.created ? 'was sent to' : 'is waiting in'} the team's queue: ${v.url}`,
        `You may go on with other work that does not need this command. Once a person approves ${v.requestId}, run exactly this command again and it will be allowed.`,
        `Unanswered by ${v.expiresAt}, it counts as rejected.`,
      ].join('\n');
    case 'rejected':
    case 'expired':
      return [
        v.kind === 'rejected' ? `Firebreak DENIED this command: ${v.by} rejected request ${v.requestId}${v.note ? `: ${v.note}` : ''}.` : `Firebreak DENIED this command: request ${v.requestId} expired unanswered at ${v.at}, which counts as rejected.`,
        ...cmd,
        `The same command stays denied until ${v.holdUntil}. Choose another way, or ask a person about ${v.url}.`,
      ].join('\n');
    case 'unverified':
      return [
        `Firebreak DENIED this command: the team server's answer${v.requestId ? ` for ${v.requestId}` : ''} did not verify (${v.reason}).`,
        ...cmd,
        'Only an approval signed by the pinned server key, for exactly this command, allows it. Run `firebreak doctor` and check the server connection.',
      ].join('\n');
    case 'unreachable':
      return [
        `Firebreak DENIED this command: it needs a person's approval and ${v.reason}.`,
        ...cmd,
        'Commands that need no approval are unaffected. Try again when the server is reachable.',
      ].join('\n');
  }
}
