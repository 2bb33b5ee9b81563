// The first destructive operation of a kind never let through before in this repository
// (per its audit log) is escalated: new kinds of damage get a person's eyes once.
import { existsSync } from 'node:fs';
import { letThrough } from '../audit/entry.js';
import { auditFiles } from '../audit/files.js';
import { readAuditLines } from '../audit/read.js';
import { readKindsFile } from '../audit/append.js';
import { describeKind } from './kinds.js';
import type { GatewayFinding } from './types.js';

export async function knownKinds(stateDir: string): Promise<Set<string>> {
  const files = auditFiles(stateDir);
  if (existsSync(files.kinds)) return new Set(await readKindsFile(files.kinds));
  // The index is derived data: rebuild it from the log when it is missing.
  const known = new Set<string>();
  for (const line of await readAuditLines(files.log)) {
    if ('entry' in line && letThrough(line.entry)) for (const k of line.entry.kinds ?? []) known.add(k);
  }
  return known;
}

export async function firstDestructive(stateDir: string, kinds: string[]): Promise<GatewayFinding[]> {
  if (!kinds.length) return [];
  const known = await knownKinds(stateDir);
  const fresh = kinds.filter((k) => !known.has(k));
  return fresh.map((kind) => ({
    rule: 'gateway-first-destructive',
    decision: 'escalate',
    message: `first ${describeKind(kind)} ever in this repository's audit log: a new kind of destructive operation needs a person's approval once`,
  }));
}
