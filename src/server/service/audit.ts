// The fleet's audit log. Each hook ships the entries of its hash chain (one chain per state
// folder, a "source"); the server accepts an entry only if it continues that source's chain
// (next seq, `prev` = the last hash, its own hash right), so a local log that was edited,
// truncated or restarted shows up as a break, recorded at once. Re-sent entries that match are
// ignored (no duplicates); the consistent prefix of a batch is kept, the rest refused.
import type { z } from 'zod';
import { entryHash, GENESIS, type AuditEntry } from '../../agents/audit/entry.js';
import type { Database, Queries } from '../db/database.js';
import type { auditBody } from '../protocol/wire.js';
import { recordEvent } from './events.js';
import { ServiceError, type Machine } from './types.js';

export interface AuditReceipt {
  accepted: number;
  duplicates: number;
  head: { seq: number; hash: string };
  /** Set when the chain broke in this batch: what was wrong, and from which entry on. */
  broken?: { atSeq: number; reason: string };
}

interface SourceRow {
  id: string;
  team_id: string;
  token_id: string;
  machine: string;
  label: string;
  head_seq: number;
  head_hash: string;
  first_at: string;
  updated_at: string;
}

export async function receiveAudit(db: Database, machine: Machine, body: z.infer<typeof auditBody>, now: Date): Promise<AuditReceipt> {
  return db.tx(async (q) => {
    await q.lock(`audit:${body.source}`);
    let source = await q.get<SourceRow>('SELECT * FROM audit_sources WHERE id = ?', [body.source]);
    if (source && source.token_id !== machine.tokenId) {
      throw new ServiceError(403, 'foreign-source', `audit source ${body.source} belongs to another machine token`);
    }
    const at = now.toISOString();
    if (!source) {
      source = { id: body.source, team_id: machine.team, token_id: machine.tokenId, machine: machine.name, label: body.label, head_seq: 0, head_hash: GENESIS, first_at: at, updated_at: at };
      await q.run('INSERT INTO audit_sources (id, team_id, token_id, machine, label, head_seq, head_hash, first_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', Object.values(source));
    }
    const head = { seq: Number(source.head_seq), hash: source.head_hash };
    let accepted = 0;
    let duplicates = 0;
    let broken: AuditReceipt['broken'];
    for (const raw of body.entries) {
      const entry = raw as unknown as AuditEntry;
      if (entry.seq <= head.seq) {
        const stored = await q.get<{ hash: string }>('SELECT hash FROM audit_entries WHERE source_id = ? AND seq = ?', [body.source, entry.seq]);
        if (stored?.hash === entry.hash) {
          duplicates += 1;
          continue;
        }
        broken = { atSeq: entry.seq, reason: `seq ${entry.seq} was received before with another hash: the local log was rewritten` };
        break;
      }
      const problem =
        entry.seq !== head.seq + 1
          ? `expected seq ${head.seq + 1}, got ${entry.seq}: entries ${head.seq + 1}..${entry.seq - 1} are missing`
          : entryHash(entry) !== entry.hash
            ? `seq ${entry.seq} does not match its own hash: the entry was edited`
            : entry.prev !== head.hash
              ? `seq ${entry.seq} does not chain to seq ${head.seq}: entries were replaced or reordered`
              : undefined;
      if (problem) {
        broken = { atSeq: entry.seq, reason: problem };
        break;
      }
      await q.run('INSERT INTO audit_entries (source_id, seq, hash, prev, time, verdict, answer, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
        body.source,
        entry.seq,
        entry.hash,
        entry.prev,
        entry.time,
        String(entry.verdict),
        String(entry.answer),
        JSON.stringify(entry),
        at,
      ]);
      head.seq = entry.seq;
      head.hash = entry.hash;
      accepted += 1;
    }
    await q.run('UPDATE audit_sources SET head_seq = ?, head_hash = ?, updated_at = ?, label = ? WHERE id = ?', [head.seq, head.hash, at, body.label, body.source]);
    if (broken) await recordBreak(q, source, head.seq + 1, broken, now);
    return { accepted, duplicates, head, ...(broken ? { broken } : {}) };
  });
}

async function recordBreak(q: Queries, source: SourceRow, expected: number, broken: { atSeq: number; reason: string }, now: Date): Promise<void> {
  // The same break re-sent on every hook call is one break.
  const last = await q.get<{ got_seq: number; reason: string }>('SELECT got_seq, reason FROM audit_breaks WHERE source_id = ? ORDER BY id DESC LIMIT 1', [source.id]);
  if (last && Number(last.got_seq) === broken.atSeq && last.reason === broken.reason) return;
  await q.run('INSERT INTO audit_breaks (source_id, at, expected_seq, got_seq, reason) VALUES (?, ?, ?, ?, ?)', [source.id, now.toISOString(), expected, broken.atSeq, broken.reason]);
  await recordEvent(q, { team: source.team_id, kind: 'audit.break', actor: `machine:${source.machine}`, at: now, detail: { source: source.id, label: source.label, ...broken } });
}

export async function auditHead(db: Database, machine: Machine, source: string): Promise<{ seq: number; hash: string }> {
  const row = await db.get<SourceRow>('SELECT * FROM audit_sources WHERE id = ?', [source]);
  if (!row) return { seq: 0, hash: GENESIS };
  if (row.token_id !== machine.tokenId) throw new ServiceError(403, 'foreign-source', `audit source ${source} belongs to another machine token`);
  return { seq: Number(row.head_seq), hash: row.head_hash };
}

export interface SourceSummary {
  id: string;
  machine: string;
  label: string;
  headSeq: number;
  headHash: string;
  entries: number;
  firstAt: string;
  updatedAt: string;
  breaks: { at: string; expectedSeq: number; gotSeq: number; reason: string }[];
}

export async function auditSources(db: Database, team: string): Promise<SourceSummary[]> {
  const sources = await db.all<SourceRow & { entries: number | string }>(
    'SELECT s.*, (SELECT COUNT(*) FROM audit_entries e WHERE e.source_id = s.id) AS entries FROM audit_sources s WHERE s.team_id = ? ORDER BY s.machine, s.label',
    [team],
  );
  const breaks = await db.all<{ source_id: string; at: string; expected_seq: number; got_seq: number; reason: string }>(
    'SELECT b.source_id, b.at, b.expected_seq, b.got_seq, b.reason FROM audit_breaks b JOIN audit_sources s ON s.id = b.source_id WHERE s.team_id = ? ORDER BY b.id',
    [team],
  );
  return sources.map((s) => ({
    id: s.id,
    machine: s.machine,
    label: s.label,
    headSeq: Number(s.head_seq),
    headHash: s.head_hash,
    entries: Number(s.entries),
    firstAt: s.first_at,
    updatedAt: s.updated_at,
    breaks: breaks.filter((b) => b.source_id === s.id).map((b) => ({ at: b.at, expectedSeq: Number(b.expected_seq), gotSeq: Number(b.got_seq), reason: b.reason })),
  }));
}

/** One exported line: the entry exactly as the hook hashed it, and where it came from. */
export interface ExportLine {
  source: string;
  machine: string;
  label: string;
  receivedAt: string;
  entry: AuditEntry;
}

/** Every stored entry of the team, source by source in chain order, in pages (constant memory). */
export async function* exportAudit(db: Database, team: string, pageSize = 1000): AsyncGenerator<ExportLine> {
  let after = { source: '', seq: 0 };
  for (;;) {
    const rows = await db.all<{ source_id: string; seq: number; body: string; received_at: string; machine: string; label: string }>(
      `SELECT e.source_id, e.seq, e.body, e.received_at, s.machine, s.label FROM audit_entries e JOIN audit_sources s ON s.id = e.source_id
       WHERE s.team_id = ? AND (e.source_id > ? OR (e.source_id = ? AND e.seq > ?)) ORDER BY e.source_id, e.seq LIMIT ?`,
      [team, after.source, after.source, after.seq, pageSize],
    );
    for (const r of rows) yield { source: r.source_id, machine: r.machine, label: r.label, receivedAt: r.received_at, entry: JSON.parse(r.body) as AuditEntry };
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = { source: last.source_id, seq: Number(last.seq) };
  }
}

export interface FleetVerifyResult {
  ok: boolean;
  sources: number;
  entries: number;
  problems: { source: string; machine: string; label: string; seq?: number; message: string }[];
}

/**
 * Checks the lot: every source's stored entries chain from genesis to its recorded head with
 * every hash right, and no source had a break on receipt. Works on export lines, so the CLI can
 * run it on what it downloaded instead of trusting the server's word.
 */
export async function verifyFleet(lines: AsyncIterable<ExportLine> | Iterable<ExportLine>, sources: Pick<SourceSummary, 'id' | 'machine' | 'label' | 'headSeq' | 'headHash' | 'breaks'>[]): Promise<FleetVerifyResult> {
  const problems: FleetVerifyResult['problems'] = [];
  const walked = new Map<string, { seq: number; hash: string; machine: string; label: string }>();
  let entries = 0;
  for await (const line of lines) {
    entries += 1;
    const at = walked.get(line.source) ?? { seq: 0, hash: GENESIS, machine: line.machine, label: line.label };
    const e = line.entry;
    const where = { source: line.source, machine: line.machine, label: line.label, seq: e.seq };
    if (e.seq !== at.seq + 1) problems.push({ ...where, message: `expected seq ${at.seq + 1}, found ${e.seq}: stored entries are missing or out of order` });
    else if (entryHash(e) !== e.hash) problems.push({ ...where, message: `seq ${e.seq} does not match its hash: the stored entry was edited` });
    else if (e.prev !== at.hash) problems.push({ ...where, message: `seq ${e.seq} does not chain to the entry before it` });
    walked.set(line.source, { seq: e.seq, hash: e.hash, machine: line.machine, label: line.label });
  }
  for (const s of sources) {
    const w = walked.get(s.id);
    const where = { source: s.id, machine: s.machine, label: s.label };
    if ((w?.seq ?? 0) !== s.headSeq || (w && w.hash !== s.headHash)) {
      problems.push({ ...where, message: `the chain ends at seq ${w?.seq ?? 0} but the source's head is seq ${s.headSeq}: stored entries were deleted or changed` });
    }
    for (const b of s.breaks) problems.push({ ...where, seq: b.gotSeq, message: `chain broken on the machine, found on receipt at ${b.at}: ${b.reason}` });
    walked.delete(s.id);
  }
  for (const [id, w] of walked) problems.push({ source: id, machine: w.machine, label: w.label, message: 'entries of a source the server does not list' });
  return { ok: problems.length === 0, sources: sources.length, entries, problems };
}
