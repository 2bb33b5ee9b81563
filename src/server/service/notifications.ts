// Delivers the outbox: each team's webhook gets new, approved, rejected and expired requests as
// generic JSON or as Slack-compatible message blocks. A delivery is claimed with a lease (so two
// servers never send the same one at once), retried with exponential backoff on any failure,
// and given up after a number of attempts, recorded. Delivery is at least once: receivers
// de-duplicate on the `delivery` id.
import type { Database } from '../db/database.js';

export interface NotificationRow {
  id: number;
  team_id: string;
  event: string;
  request_id: string;
  url: string;
  format: string;
  payload: string;
  attempts: number;
}

export interface DispatchOptions {
  maxAttempts: number;
  /** First retry after this (ms); doubled each attempt, capped at maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
}

export const DEFAULT_DISPATCH: DispatchOptions = { maxAttempts: 8, backoffMs: 1000, maxBackoffMs: 5 * 60_000, timeoutMs: 5000 };

export function backoff(attempt: number, o: Pick<DispatchOptions, 'backoffMs' | 'maxBackoffMs'>): number {
  return Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, attempt - 1));
}

/** Claims due deliveries (lease = timeout + margin), attempts each, records the outcome. */
export async function dispatchDue(db: Database, options: DispatchOptions, now = () => new Date()): Promise<number> {
  const started = now();
  const leaseUntil = new Date(started.getTime() + options.timeoutMs * 2 + 1000).toISOString();
  const claimed = await db.tx(async (q) => {
    await q.lock('firebreak-notifications');
    const rows = await q.all<NotificationRow>(
      'SELECT id, team_id, event, request_id, url, format, payload, attempts FROM notifications WHERE delivered_at IS NULL AND failed_at IS NULL AND next_at <= ? AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT 20',
      [started.toISOString(), started.toISOString()],
    );
    for (const r of rows) await q.run('UPDATE notifications SET lease_until = ?, attempts = attempts + 1 WHERE id = ?', [leaseUntil, r.id]);
    return rows.map((r) => ({ ...r, attempts: Number(r.attempts) + 1 }));
  });
  await Promise.all(claimed.map((r) => deliver(db, r, options, now)));
  return claimed.length;
}

async function deliver(db: Database, r: NotificationRow, o: DispatchOptions, now: () => Date): Promise<void> {
  const payload = JSON.parse(r.payload) as Record<string, unknown>;
  const body = JSON.stringify(r.format === 'slack' ? slackMessage(payload) : { delivery: r.id, ...payload });
  let error: string | undefined;
  try {
    const response = await fetch(r.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'firebreak-server', 'x-firebreak-delivery': String(r.id), 'x-firebreak-event': r.event },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(o.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
  } catch (e) {
    error = (e as Error).name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : `${(e as Error).message}${(e as { cause?: Error }).cause ? ` (${(e as { cause?: Error }).cause!.message})` : ''}`;
  }
  const at = now();
  if (!error) {
    await db.run('UPDATE notifications SET delivered_at = ?, lease_until = NULL, last_error = NULL WHERE id = ?', [at.toISOString(), r.id]);
  } else if (r.attempts >= o.maxAttempts) {
    await db.run('UPDATE notifications SET failed_at = ?, lease_until = NULL, last_error = ? WHERE id = ?', [at.toISOString(), `gave up after ${r.attempts} attempts: ${error}`, r.id]);
  } else {
    await db.run('UPDATE notifications SET next_at = ?, lease_until = NULL, last_error = ? WHERE id = ?', [new Date(at.getTime() + backoff(r.attempts, o)).toISOString(), error, r.id]);
  }
}

const SLACK_TITLES: Record<string, string> = {
  'firebreak.request.created': ':warning: Approval needed',
  'firebreak.request.approved': ':white_check_mark: Approved',
  'firebreak.request.rejected': ':no_entry: Rejected',
  'firebreak.request.expired': ':hourglass: Expired unanswered (rejected)',
};

/** Slack's escaping for text: only &, < and > are special. */
function slackText(text: unknown): string {
  return String(text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function slackMessage(payload: Record<string, unknown>): Record<string, unknown> {
  const r = payload.request as Record<string, unknown> & { commands?: string[] };
  const title = SLACK_TITLES[String(payload.type)] ?? String(payload.type);
  const commands = (r.commands ?? []).slice(0, 5).map((c) => slackText(c.length > 400 ? `${c.slice(0, 400)}…` : c)).join('\n');
  const who = r.decidedBy ? ` by ${slackText(r.decidedBy)}` : '';
  const text = `${title}${who}: ${slackText(r.id)} in ${slackText(r.repo)} (${slackText(r.environment)})`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${commands.replace(/```/g, "'''")}\`\`\`` } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `${slackText(r.agent)} on ${slackText(r.machine)} · ${slackText(r.impact)}${r.note ? ` · note: ${slackText(r.note)}` : ''}` },
        ],
      },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Firebreak' }, url: String(r.url) }] },
    ],
  };
}
