// Ships this state folder's audit chain to the team server: the entries after the last one the
// server acknowledged, in order, in batches. The cursor moves only on the server's answer, so a
// crash on either side re-sends (the server ignores entries it has) and never skips.
import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditEntry } from '../audit/entry.js';
import { auditFiles } from '../audit/files.js';
import { replaceFile } from '../write-quick.js';
import type { LoadedConnection } from './config.js';
import { callServer, ServerCallError } from './http.js';

const BATCH = 500;

export interface ShipResult {
  shipped: number;
  head: { seq: number; hash: string };
  broken?: { atSeq: number; reason: string };
  error?: string;
}

interface Cursor {
  source: string;
  seq: number;
  hash: string;
  /** Byte offset just after the line with `seq`. */
  offset: number;
  /** Last attempt (ms since epoch). */
  at: number;
}

export function cursorFile(stateDir: string): string {
  return `${auditFiles(stateDir).log.replace(/\.jsonl$/, '')}.shipped.json`;
}

/** One chain per token and state folder: the same folder always ships to the same source. */
export function auditSource(connection: Pick<LoadedConnection, 'token'>, stateDir: string): string {
  const tokenId = connection.token.split('_')[1] ?? connection.token;
  return createHash('sha256').update(`${tokenId}\n${resolve(stateDir)}`).digest('hex').slice(0, 32);
}

async function readCursor(stateDir: string, source: string): Promise<Cursor> {
  try {
    const c = JSON.parse(await readFile(cursorFile(stateDir), 'utf8')) as Cursor;
    if (c.source === source && Number.isInteger(c.seq) && Number.isInteger(c.offset)) return c;
  } catch {
    // none yet, or damaged: start from the beginning (the server drops what it has)
  }
  return { source, seq: 0, hash: '', offset: 0, at: 0 };
}

/** Entries after the cursor, with the byte offset after each. Unreadable lines end the batch. */
async function entriesAfter(file: string, cursor: Cursor): Promise<{ entry: AuditEntry; end: number }[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = cursor.offset <= size ? cursor.offset : 0;
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const out: { entry: AuditEntry; end: number }[] = [];
    let at = 0;
    while (out.length < BATCH) {
      const newline = buffer.indexOf(0x0a, at);
      if (newline < 0) break;
      const line = buffer.subarray(at, newline).toString('utf8');
      at = newline + 1;
      let entry: AuditEntry;
      try {
        entry = JSON.parse(line) as AuditEntry;
      } catch {
        // A damaged line still goes out, as what it is: the server records the break.
        if (!out.length) out.push({ entry: unreadableEntry(cursor.seq + 1, line), end: start + at });
        break;
      }
      if (typeof entry.seq === 'number' && entry.seq <= cursor.seq) continue;
      out.push({ entry, end: start + at });
    }
    // The log was replaced under us (the cursor points into another file): read from the start.
    if (start > 0 && out.length && out[0].entry.seq !== cursor.seq + 1) return entriesAfter(file, { ...cursor, offset: 0 });
    return out;
  } finally {
    await handle.close();
  }
}

function unreadableEntry(seq: number, line: string): AuditEntry {
  return { seq, time: new Date().toISOString(), prev: '', hash: '0'.repeat(64), agent: 'unknown', verdict: 'error', answer: 'none', input: [], reasons: [], durationMs: 0, unreadable: line.slice(0, 2000) } as AuditEntry;
}

export async function shipAudit(stateDir: string, connection: LoadedConnection, o: { timeoutMs: number; label?: string; maxBatches?: number; now?: Date }): Promise<ShipResult> {
  const source = auditSource(connection, stateDir);
  const cursor = await readCursor(stateDir, source);
  const deadline = Date.now() + o.timeoutMs;
  let shipped = 0;
  for (let batch = 0; batch < (o.maxBatches ?? 20); batch++) {
    const pending = await entriesAfter(auditFiles(stateDir).log, cursor);
    cursor.at = (o.now ?? new Date()).getTime();
    if (!pending.length) break;
    try {
      const { body } = await callServer<{ accepted: number; head: { seq: number; hash: string } }>(
        connection,
        'POST',
        '/api/v1/audit',
        { source, label: (o.label ?? resolve(stateDir, '..')).slice(0, 1000), entries: pending.map((p) => p.entry) },
        Math.max(200, deadline - Date.now()),
      );
      shipped += body.accepted;
      advance(cursor, pending, body.head);
    } catch (error) {
      const broken = error instanceof ServerCallError && error.status === 409 ? (error.body as { accepted?: number; broken?: ShipResult['broken']; head?: { seq: number; hash: string } }) : undefined;
      if (broken?.head) advance(cursor, pending, broken.head);
      shipped += broken?.accepted ?? 0;
      await saveCursor(stateDir, cursor);
      return { shipped, head: { seq: cursor.seq, hash: cursor.hash }, ...(broken?.broken ? { broken: broken.broken } : {}), error: (error as Error).message };
    }
    if (pending.length < BATCH || Date.now() > deadline) break;
  }
  await saveCursor(stateDir, cursor);
  return { shipped, head: { seq: cursor.seq, hash: cursor.hash } };
}

function advance(cursor: Cursor, sent: { entry: AuditEntry; end: number }[], head: { seq: number; hash: string }): void {
  const last = sent.filter((p) => p.entry.seq <= head.seq).pop();
  cursor.seq = head.seq;
  cursor.hash = head.hash;
  if (last) cursor.offset = last.end;
}

async function saveCursor(stateDir: string, cursor: Cursor): Promise<void> {
  await replaceFile(cursorFile(stateDir), JSON.stringify(cursor)).catch(() => undefined);
}

/** From the hook: ship when something was escalated or blocked, else at most once a minute. */
export async function shipIfDue(stateDir: string, connection: LoadedConnection, o: { force: boolean; timeoutMs: number; now?: Date }): Promise<ShipResult | undefined> {
  if (!o.force) {
    const cursor = await readCursor(stateDir, auditSource(connection, stateDir));
    if ((o.now ?? new Date()).getTime() - cursor.at < 60_000) return undefined;
  }
  return shipAudit(stateDir, connection, o);
}
