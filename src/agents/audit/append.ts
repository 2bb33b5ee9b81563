// Appends one decision to the hash-chained log, under a cross-process lock so that parallel
// hook processes never interleave or fork the chain. File operations are synchronous (see lock.ts).
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { withLock, type LockOptions } from '../lock.js';
import { redactDeep } from '../redact.js';
import { replaceFile } from '../write-quick.js';
import { entryHash, GENESIS, letThrough, type AuditEntry, type AuditRecord } from './entry.js';
import { auditFiles } from './files.js';
import { lastLine } from './tail.js';

export async function appendAudit(stateDir: string, record: AuditRecord, options: LockOptions & { now?: Date } = {}): Promise<AuditEntry> {
  const files = auditFiles(stateDir);
  mkdirSync(stateDir, { recursive: true });
  const clean = redactDeep(record);
  return withLock(
    files.lock,
    async () => {
      const last = await lastLine(files.log);
      let seq = 1;
      let prev = GENESIS;
      if (last !== undefined) {
        // A damaged last line must not stop recording: chain onto what is there; verify reports it.
        try {
          const parsed = JSON.parse(last) as AuditEntry;
          seq = Number(parsed.seq) + 1;
          prev = String(parsed.hash);
        } catch {
          seq = -1;
          prev = GENESIS;
        }
      }
      const body: Omit<AuditEntry, 'hash'> = { seq, time: (options.now ?? new Date()).toISOString(), prev, ...clean };
      const entry: AuditEntry = { ...body, hash: entryHash(body) };
      appendFileSync(files.log, `${JSON.stringify(entry)}\n`);
      await replaceFile(files.head, JSON.stringify({ seq: entry.seq, hash: entry.hash }));
      if (entry.kinds?.length && letThrough(entry)) await rememberKinds(files.kinds, entry);
      return entry;
    },
    options,
  );
}

async function rememberKinds(file: string, entry: AuditEntry): Promise<void> {
  const known = await readKindsFile(file);
  const fresh = entry.kinds!.filter((k) => !known.includes(k));
  if (fresh.length) await replaceFile(file, JSON.stringify({ kinds: [...known, ...fresh].sort() }));
}

export async function readKindsFile(file: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { kinds?: unknown };
    return Array.isArray(parsed.kinds) ? parsed.kinds.map(String) : [];
  } catch {
    return [];
  }
}
