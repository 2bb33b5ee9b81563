// A cross-process mutex on a lock file (O_EXCL create). Hook processes run in parallel when an
// agent issues several tool calls at once; every read-modify-write of shared state goes through
// this. A lock left by a crashed process is taken over once it is older than `staleMs`.
// File operations are synchronous: each is a few microseconds, and a hook process that touches no
// asynchronous file API never starts libuv's thread pool (~3 ms of CPU per call).
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock file older than this is considered abandoned. */
  staleMs?: number;
}

export class LockTimeoutError extends Error {
  constructor(readonly file: string) {
    super(`timed out waiting for the lock ${file}`);
  }
}

export async function withLock<T>(lockFile: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  const token = `${process.pid}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
  let wait = 1;
  for (;;) {
    try {
      writeFileSync(lockFile, token, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      breakIfStale(lockFile, staleMs);
      if (Date.now() > deadline) throw new LockTimeoutError(lockFile);
      await sleep(wait + Math.random() * wait);
      wait = Math.min(wait * 2, 25);
    }
  }
  try {
    return await work();
  } finally {
    // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
    let current: string | undefined;
    try {
      current = readFileSync(lockFile, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === token) {
      try {
        unlinkSync(lockFile);
      } catch {
        /* gone already */
      }
    }
  }
}

function breakIfStale(lockFile: string, staleMs: number): void {
  let info;
  try {
    info = statSync(lockFile);
  } catch {
    return;
  }
  if (Date.now() - info.mtimeMs < staleMs) return;
  // Rename first so that only one waiter removes the abandoned lock.
  const aside = `${lockFile}.stale.${process.pid}`;
  try {
    renameSync(lockFile, aside);
    unlinkSync(aside);
  } catch {
    /* someone else took it over */
  }
}
