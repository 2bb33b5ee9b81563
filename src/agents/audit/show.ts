// `firebreak audit show`: entries filtered by time and verdict, newest last.
import type { AuditEntry } from './entry.js';
import { auditFiles } from './files.js';
import { readAuditLines } from './read.js';
import { parseDuration } from '../duration.js';
import { storedReasonLines } from '../../report/reason-groups.js';

export interface ShowFilter {
  /** A duration back from now (`2h`) or an ISO date-time. */
  since?: string;
  verdict?: string;
}

export function sinceInstant(since: string, now = Date.now()): number {
  if (/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/i.test(since.trim())) return now - parseDuration(since);
  const t = Date.parse(since);
  if (Number.isNaN(t)) throw new Error(`--since: expected a duration (2h, 7d) or an ISO date-time, got "${since}"`);
  return t;
}

export async function selectEntries(stateDir: string, filter: ShowFilter, now = Date.now()): Promise<AuditEntry[]> {
  const from = filter.since ? sinceInstant(filter.since, now) : -Infinity;
  const lines = await readAuditLines(auditFiles(stateDir).log);
  return lines.flatMap((l) => ('entry' in l ? [l.entry] : [])).filter((e) => {
    if (Date.parse(e.time) < from) return false;
    return !filter.verdict || e.verdict === filter.verdict || e.answer === filter.verdict;
  });
}

export function formatEntry(e: AuditEntry): string {
  const who = [e.agent, e.sessionId ? `session ${e.sessionId}` : undefined].filter(Boolean).join(' ');
  const approval = e.approval ? ` approval ${e.approval.id} (${e.approval.status})` : '';
  const lines = [`#${e.seq} ${e.time} ${e.verdict} -> ${e.answer} [${who}]${approval} ${e.durationMs} ms`];
  for (const input of e.input) lines.push(`    $ ${input}`);
  // Each action once, its rules beneath.
  lines.push(...storedReasonLines(e.reasons, { head: '    - ', sub: '        - ' }, 5));
  return lines.join('\n');
}
