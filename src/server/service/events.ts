// What happened to a request, kept for the page's history, and the team's webhook notification
// for it, written in the same transaction as the change itself (an outbox): a server killed
// right after a decision still sends it when it (or another server) comes back.
import type { Queries } from '../db/database.js';
import type { RequestRow, RequestSummary } from './types.js';

export type NotifiedEvent = 'request.created' | 'request.approved' | 'request.rejected' | 'request.expired';

export async function recordEvent(q: Queries, e: { team: string; requestId?: string; kind: string; actor: string; at: Date | string; detail?: Record<string, unknown> }): Promise<void> {
  await q.run('INSERT INTO events (team_id, request_id, kind, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)', [
    e.team,
    e.requestId ?? null,
    e.kind,
    e.actor,
    typeof e.at === 'string' ? e.at : e.at.toISOString(),
    JSON.stringify(e.detail ?? {}),
  ]);
}

/** The notification body (generic JSON); Slack blocks are made from it at delivery. */
export function notificationPayload(event: NotifiedEvent, r: RequestRow, publicUrl: string, at: Date): Record<string, unknown> {
  const summary = JSON.parse(r.summary) as RequestSummary;
  return {
    type: `firebreak.${event}`,
    at: at.toISOString(),
    request: {
      id: r.id,
      url: `${publicUrl.replace(/\/$/, '')}/requests/${r.id}`,
      status: r.status,
      team: r.team_id,
      repo: r.repo,
      environment: r.environment,
      agent: r.agent,
      machine: r.machine,
      commands: summary.commands,
      impact: summary.impact,
      dataLoss: summary.dataLoss,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      ...(r.decided_by ? { decidedBy: r.decided_by, decidedAt: r.decided_at } : {}),
      ...(r.note ? { note: r.note } : {}),
      ...(r.valid_until ? { validUntil: r.valid_until, reusable: !!r.reusable } : {}),
    },
  };
}

export async function enqueueNotification(q: Queries, event: NotifiedEvent, r: RequestRow, publicUrl: string, at: Date): Promise<void> {
  const team = await q.get<{ webhook_url: string | null; webhook_format: string | null }>('SELECT webhook_url, webhook_format FROM teams WHERE id = ?', [r.team_id]);
  if (!team?.webhook_url) return;
  await q.run('INSERT INTO notifications (team_id, event, request_id, url, format, payload, next_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    r.team_id,
    event,
    r.id,
    team.webhook_url,
    team.webhook_format ?? 'json',
    JSON.stringify(notificationPayload(event, r, publicUrl, at)),
    at.toISOString(),
  ]);
}
