// Per-session rate limit on writes to production. The count is reserved while checking (under a
// lock) so that parallel tool calls cannot all slip under the limit at once.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../../util/sha256.js';
import { withLock } from '../lock.js';
import { replaceFile } from '../write-quick.js';
import type { GatewayFinding } from './types.js';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export async function reserveProductionWrites(
  stateDir: string,
  session: string,
  writes: number,
  limit: RateLimit,
  now: Date,
): Promise<GatewayFinding[]> {
  if (writes === 0 || limit.max <= 0) return [];
  const dir = join(stateDir, 'sessions');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${sha256Hex(session).slice(0, 24)}.json`);
  return withLock(`${file}.lock`, async () => {
    const since = now.getTime() - limit.windowMs;
    const times = (await readTimes(file)).filter((t) => t > since);
    if (times.length + writes > limit.max) {
      return [{
        rule: 'gateway-rate-limit',
        decision: 'escalate',
        message: `${times.length} production write(s) in this session in the last ${Math.round(limit.windowMs / 60_000)} min; ${writes} more would exceed the limit of ${limit.max}`,
      }];
    }
    await replaceFile(file, JSON.stringify({ session, times: [...times, ...Array(writes).fill(now.getTime())] }));
    return [];
  });
}

async function readTimes(file: string): Promise<number[]> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { times?: unknown };
    return Array.isArray(parsed.times) ? parsed.times.filter((t): t is number => typeof t === 'number') : [];
  } catch {
    return [];
  }
}
