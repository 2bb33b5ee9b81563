// The approval queue: a hook's escalation becomes a request; a person approves or rejects it;
// an unanswered one expires to rejected at its deadline. Every decision is signed by the
// server's key and bound to the request's binding hash; each use of an approval answers the
// hook's fresh challenge with a signed receipt. Per action, all of this runs under one lock, so
// two hooks (or two servers) never create two requests or spend a once-only approval twice.
import type { Database, Queries } from '../db/database.js';
import { randomId } from '../auth/secrets.js';
import type { SigningKey } from '../auth/signing-key.js';
import type { DecisionStatement, Signed, UseReceipt } from '../protocol/signed.js';
import type { RequestBody } from '../protocol/wire.js';
import { enqueueNotification, recordEvent } from './events.js';
import { ServiceError, type Machine, type Person, type RequestRow, type RequestSummary, type ServerSettings } from './types.js';

export type HookAnswer =
  | { status: 'approved'; requestId: string; approval: Signed<DecisionStatement>; receipt: Signed<UseReceipt> }
  | { status: 'pending'; requestId: string; url: string; expiresAt: string; created: boolean }
  | { status: 'rejected' | 'expired'; requestId: string; url: string; decidedBy: string; decidedAt: string; note?: string; holdUntil: string }
  | { status: 'none' };

export interface Services {
  db: Database;
  key: SigningKey;
  settings: ServerSettings;
}

const lockName = (r: { token_id: string; binding: string }) => `request:${r.token_id}:${r.binding}`;
const requestUrl = (s: Services, id: string) => `${s.settings.publicUrl.replace(/\/$/, '')}/requests/${id}`;

/** A hook's escalation: the standing answer for this action from this machine, else a new request. */
export async function submitRequest(s: Services, machine: Machine, body: RequestBody, now: Date): Promise<HookAnswer> {
  return s.db.tx(async (q) => {
    await q.lock(lockName({ token_id: machine.tokenId, binding: body.binding }));
    const standing = await standingAnswer(s, q, machine, body.binding, body.challenge, now);
    if (standing.status !== 'none') return standing;
    const deadline = Math.min(body.deadlineMs ?? s.settings.requestTtlMs, s.settings.maxRequestTtlMs);
    const summary: RequestSummary = {
      commands: body.commands,
      cwd: body.cwd,
      variables: body.variables,
      what: body.what,
      why: body.why,
      impact: body.impact,
      dataLoss: body.dataLoss,
      blastRadius: body.blastRadius,
      rollback: body.rollback,
    };
    const row: RequestRow = {
      id: randomId('fbs-'),
      team_id: machine.team,
      binding: body.binding,
      status: 'pending',
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + deadline).toISOString(),
      token_id: machine.tokenId,
      machine: machine.name,
      owner: machine.owner ?? null,
      hostname: body.hostname,
      repo: body.repo,
      environment: body.environment,
      agent: body.agent,
      session_id: body.sessionId ?? null,
      stated_reason: body.statedReason ?? null,
      summary: JSON.stringify(summary),
      report: body.report ? JSON.stringify(body.report) : null,
      decided_at: null,
      decided_by: null,
      note: null,
      valid_until: null,
      reusable: 0,
      uses: 0,
      hold_until: null,
      decision: null,
    };
    const columns = Object.keys(row);
    await q.run(`INSERT INTO requests (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row) as (string | number | null)[]);
    await recordEvent(q, { team: row.team_id, requestId: row.id, kind: 'request.created', actor: `machine:${machine.name}`, at: now, detail: { binding: row.binding, agent: row.agent } });
    await enqueueNotification(q, 'request.created', row, s.settings.publicUrl, now);
    return { status: 'pending', requestId: row.id, url: requestUrl(s, row.id), expiresAt: row.expires_at, created: true };
  });
}

/** The standing answer only (no new request): what the benchmark calls an approval check. */
export async function checkBinding(s: Services, machine: Machine, binding: string, challenge: string, now: Date): Promise<HookAnswer> {
  return s.db.tx(async (q) => {
    await q.lock(lockName({ token_id: machine.tokenId, binding }));
    return standingAnswer(s, q, machine, binding, challenge, now);
  });
}

async function standingAnswer(s: Services, q: Queries, machine: Machine, binding: string, challenge: string, now: Date): Promise<HookAnswer> {
  const nowIso = now.toISOString();
  const rows = await q.all<RequestRow>('SELECT * FROM requests WHERE token_id = ? AND binding = ? ORDER BY created_at DESC LIMIT 50', [machine.tokenId, binding]);
  for (const r of rows) {
    if (r.status !== 'approved' || !r.valid_until || r.valid_until <= nowIso) continue;
    const receipt = await useApproval(s, q, machine, r, challenge, now);
    if (receipt) return { status: 'approved', requestId: r.id, approval: JSON.parse(r.decision!) as Signed<DecisionStatement>, receipt };
  }
  const pending = rows.find((r) => r.status === 'pending');
  if (pending && pending.expires_at > nowIso) return { status: 'pending', requestId: pending.id, url: requestUrl(s, pending.id), expiresAt: pending.expires_at, created: false };
  if (pending) await expire(s, q, pending, now);
  const fresh = pending ? await q.all<RequestRow>('SELECT * FROM requests WHERE token_id = ? AND binding = ? ORDER BY created_at DESC LIMIT 50', [machine.tokenId, binding]) : rows;
  const held = fresh.find((r) => (r.status === 'rejected' || r.status === 'expired') && r.hold_until && r.hold_until > nowIso);
  if (held) {
    return {
      status: held.status as 'rejected' | 'expired',
      requestId: held.id,
      url: requestUrl(s, held.id),
      decidedBy: held.decided_by ?? '',
      decidedAt: held.decided_at ?? '',
      ...(held.note ? { note: held.note } : {}),
      holdUntil: held.hold_until!,
    };
  }
  return { status: 'none' };
}

/** Spends one use of an approval for this call (idempotent per challenge); undefined if used up. */
async function useApproval(s: Services, q: Queries, machine: Machine, r: RequestRow, challenge: string, now: Date): Promise<Signed<UseReceipt> | undefined> {
  const earlier = await q.get<{ used_at: string; use_number: number }>('SELECT used_at, use_number FROM request_uses WHERE request_id = ? AND challenge = ?', [r.id, challenge]);
  let use: number;
  let at: string;
  if (earlier) {
    use = Number(earlier.use_number);
    at = earlier.used_at;
  } else {
    const spent = await q.run(r.reusable ? 'UPDATE requests SET uses = uses + 1 WHERE id = ?' : 'UPDATE requests SET uses = uses + 1 WHERE id = ? AND uses = 0', [r.id]);
    if (!spent) return undefined;
    use = Number((await q.get<{ uses: number }>('SELECT uses FROM requests WHERE id = ?', [r.id]))!.uses);
    at = now.toISOString();
    await q.run('INSERT INTO request_uses (request_id, challenge, used_at, use_number, token_id) VALUES (?, ?, ?, ?, ?)', [r.id, challenge, at, use, machine.tokenId]);
    await recordEvent(q, { team: r.team_id, requestId: r.id, kind: 'request.used', actor: `machine:${machine.name}`, at: now, detail: { use } });
  }
  return s.key.sign<UseReceipt>({ v: 1, kind: 'firebreak.use', keyId: s.key.keyId, requestId: r.id, binding: r.binding, challenge, use, at });
}

export interface DecisionInput {
  approve: boolean;
  note?: string;
  ttlMs: number;
  reusable: boolean;
}

export async function decideRequest(s: Services, person: Person, id: string, input: DecisionInput, now: Date): Promise<RequestRow> {
  const first = await s.db.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [id]);
  if (!first || first.team_id !== person.team) throw new ServiceError(404, 'no-request', `no request ${id} in your team`);
  if (person.role !== 'approver') throw new ServiceError(403, 'not-an-approver', `${person.name} may view requests but not decide them (role ${person.role})`);
  if (first.owner && first.owner === person.name) {
    throw new ServiceError(403, 'own-request', `${id} was requested from ${first.machine}, a machine of yours: another person must decide it`);
  }
  if (input.approve && (input.ttlMs < 60_000 || input.ttlMs > s.settings.maxApprovalTtlMs)) {
    throw new ServiceError(400, 'bad-ttl', `an approval lasts between 1 minute and ${Math.round(s.settings.maxApprovalTtlMs / 3600_000)} hours`);
  }
  return s.db.tx(async (q) => {
    await q.lock(lockName(first));
    const r = (await q.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [id]))!;
    if (r.status === 'pending' && r.expires_at <= now.toISOString()) {
      await expire(s, q, r, now);
      throw new ServiceError(409, 'expired', `${id} expired unanswered at ${r.expires_at}: it counts as rejected; the agent's next try opens a new request`);
    }
    if (r.status !== 'pending') throw new ServiceError(409, 'decided', `${id} is already ${r.status}${r.decided_by ? ` (by ${r.decided_by} at ${r.decided_at})` : ''}`);
    const at = now.toISOString();
    const validUntil = input.approve ? new Date(now.getTime() + input.ttlMs).toISOString() : undefined;
    const statement = decisionStatement(s, r, input.approve ? 'approved' : 'rejected', person.name, at, {
      ...(validUntil ? { validUntil, reusable: input.reusable } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    const holdUntil = input.approve ? null : new Date(Math.max(Date.parse(r.expires_at), now.getTime() + s.settings.holdMs)).toISOString();
    const changed = await q.run(
      'UPDATE requests SET status = ?, decided_at = ?, decided_by = ?, note = ?, valid_until = ?, reusable = ?, hold_until = ?, decision = ? WHERE id = ? AND status = ?',
      [statement.decision, at, person.name, input.note ?? null, validUntil ?? null, input.approve && input.reusable ? 1 : 0, holdUntil, JSON.stringify(s.key.sign(statement)), id, 'pending'],
    );
    if (!changed) throw new ServiceError(409, 'decided', `${id} was decided meanwhile`);
    const decided = (await q.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [id]))!;
    await recordEvent(q, { team: r.team_id, requestId: id, kind: `request.${statement.decision}`, actor: `person:${person.name}`, at: now, detail: { note: input.note ?? null, validUntil: validUntil ?? null, reusable: input.reusable } });
    await enqueueNotification(q, input.approve ? 'request.approved' : 'request.rejected', decided, s.settings.publicUrl, now);
    return decided;
  });
}

/** What the server signs for a decision on request `r`: approved, rejected or expired. */
function decisionStatement(s: Services, r: RequestRow, decision: DecisionStatement['decision'], by: string, at: string, extra: Partial<DecisionStatement> = {}): DecisionStatement {
  return { v: 1, kind: 'firebreak.decision', keyId: s.key.keyId, team: r.team_id, requestId: r.id, binding: r.binding, decision, by, at, ...extra };
}

/** Records an unanswered request as expired (a rejection by nobody) at its deadline. */
async function expire(s: Services, q: Queries, r: RequestRow, now: Date): Promise<boolean> {
  const statement = decisionStatement(s, r, 'expired', 'deadline', r.expires_at);
  const holdUntil = new Date(Date.parse(r.expires_at) + s.settings.holdMs).toISOString();
  const changed = await q.run('UPDATE requests SET status = ?, decided_at = ?, decided_by = ?, hold_until = ?, decision = ? WHERE id = ? AND status = ?', [
    'expired',
    r.expires_at,
    'deadline',
    holdUntil,
    JSON.stringify(s.key.sign(statement)),
    r.id,
    'pending',
  ]);
  if (!changed) return false;
  const expired = (await q.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [r.id]))!;
  await recordEvent(q, { team: r.team_id, requestId: r.id, kind: 'request.expired', actor: 'deadline', at: now, detail: { deadline: r.expires_at } });
  await enqueueNotification(q, 'request.expired', expired, s.settings.publicUrl, now);
  return true;
}

/** Expires every request past its deadline; each server runs this every few seconds. */
export async function expireDue(s: Services, now: Date, limit = 200): Promise<number> {
  const due = await s.db.all<RequestRow>('SELECT * FROM requests WHERE status = ? AND expires_at <= ? ORDER BY expires_at LIMIT ?', ['pending', now.toISOString(), limit]);
  let expired = 0;
  for (const r of due) {
    const done = await s.db.tx(async (q) => {
      await q.lock(lockName(r));
      const current = await q.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [r.id]);
      return current?.status === 'pending' ? expire(s, q, current, now) : false;
    });
    if (done) expired += 1;
  }
  return expired;
}

export interface QueueFilter {
  repo?: string;
  environment?: string;
  agent?: string;
  status?: string[];
  limit?: number;
}

export async function listRequests(db: Database, team: string, filter: QueueFilter): Promise<RequestRow[]> {
  const where = ['team_id = ?'];
  const params: (string | number)[] = [team];
  for (const key of ['repo', 'environment', 'agent'] as const) {
    if (filter[key]) {
      where.push(`${key} = ?`);
      params.push(filter[key]!);
    }
  }
  if (filter.status?.length) {
    where.push(`status IN (${filter.status.map(() => '?').join(', ')})`);
    params.push(...filter.status);
  }
  params.push(filter.limit ?? 200);
  return db.all<RequestRow>(`SELECT * FROM requests WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`, params);
}

export async function filterValues(db: Database, team: string): Promise<{ repo: string[]; environment: string[]; agent: string[] }> {
  const values = async (column: 'repo' | 'environment' | 'agent') =>
    (await db.all<{ v: string }>(`SELECT DISTINCT ${column} AS v FROM requests WHERE team_id = ? ORDER BY v LIMIT 200`, [team])).map((r) => r.v);
  return { repo: await values('repo'), environment: await values('environment'), agent: await values('agent') };
}

export async function getRequest(db: Database, team: string, id: string): Promise<RequestRow | undefined> {
  const r = await db.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [id]);
  return r && r.team_id === team ? r : undefined;
}

export async function requestEvents(db: Database, id: string): Promise<{ kind: string; actor: string; at: string; detail: string }[]> {
  return db.all('SELECT kind, actor, at, detail FROM events WHERE request_id = ? ORDER BY id', [id]);
}
