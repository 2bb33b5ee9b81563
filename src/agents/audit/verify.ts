// Walks the chain and says where it breaks: an edited entry no longer matches its own hash,
// a deleted one leaves a gap in seq, an inserted or moved one breaks seq order and `prev`,
// and entries cut off the end disagree with the head file.
import { readFile } from 'node:fs/promises';
import { entryHash, GENESIS } from './entry.js';
import { auditFiles } from './files.js';
import { readAuditLines } from './read.js';

export type ProblemKind = 'edited' | 'deleted' | 'inserted-or-reordered' | 'unreadable' | 'truncated';

export interface AuditProblem {
  line: number;
  seq?: number;
  kind: ProblemKind;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  problems: AuditProblem[];
}

export async function verifyAudit(stateDir: string): Promise<VerifyResult> {
  const files = auditFiles(stateDir);
  const lines = await readAuditLines(files.log);
  const problems: AuditProblem[] = [];
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let lastSeq = 0;
  const laterSeqs = new Map<number, number>();
  for (const item of lines) if (!('error' in item)) laterSeqs.set(Number(item.entry.seq), item.line);
  for (const item of lines) {
    if ('error' in item) {
      problems.push({ line: item.line, kind: 'unreadable', message: `line ${item.line}: ${item.error}: edited or damaged` });
      expectedSeq += 1;
      prevHash = '';
      continue;
    }
    const { entry, line } = item;
    const seq = Number(entry.seq);
    const where = `line ${line} (seq ${entry.seq})`;
    if (entryHash(entry) !== entry.hash) {
      problems.push({ line, seq, kind: 'edited', message: `${where}: content does not match its hash: the entry was edited` });
    }
    const movedFrom = seq > expectedSeq ? laterSeqs.get(expectedSeq) : undefined;
    if (movedFrom !== undefined && movedFrom > line) {
      problems.push({ line, seq, kind: 'inserted-or-reordered', message: `${where}: expected seq ${expectedSeq}, which is at line ${movedFrom}: entries were reordered` });
    } else if (seq > expectedSeq) {
      const missing = seq - expectedSeq === 1 ? `seq ${expectedSeq}` : `seq ${expectedSeq}..${seq - 1}`;
      problems.push({ line, seq, kind: 'deleted', message: `${where}: ${missing} missing before this line: entries were deleted` });
    } else if (seq < expectedSeq) {
      problems.push({ line, seq, kind: 'inserted-or-reordered', message: `${where}: expected seq ${expectedSeq}: an entry was inserted or moved here` });
    } else if (prevHash && entry.prev !== prevHash) {
      problems.push({ line, seq, kind: 'inserted-or-reordered', message: `${where}: does not chain to the entry before it` });
    }
    expectedSeq = Math.max(expectedSeq, seq) + 1;
    prevHash = entry.hash;
    lastSeq = Math.max(lastSeq, seq);
  }
  const head = await readHead(files.head);
  if (head && head.seq > lastSeq) {
    problems.push({
      line: lines.length,
      seq: lastSeq,
      kind: 'truncated',
      message: `after line ${lines.length}: the log ends at seq ${lastSeq} but ${head.seq} were written: entries were deleted from the end`,
    });
  } else if (head && head.seq === lastSeq && lines.length && head.hash !== prevHash) {
    problems.push({ line: lines.length, seq: lastSeq, kind: 'edited', message: `line ${lines.length}: the last entry is not the one that was written` });
  }
  return { ok: problems.length === 0, entries: lines.length, problems };
}

async function readHead(file: string): Promise<{ seq: number; hash: string } | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed?.seq === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
