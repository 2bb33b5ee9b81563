/** Polls `check` until it returns a value, the deadline passes, or `abort` says why to stop. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; abort?: () => string | undefined; maxErrors?: number },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError = '';
  let errors = 0;
  for (;;) {
    const reason = opts.abort?.();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const value = await check();
      errors = 0;
      if (value !== undefined) return value;
    } catch (e) {
      lastError = (e as Error).message;
      // A service that keeps refusing will not change its mind: stop early.
      if (opts.maxErrors !== undefined && ++errors >= opts.maxErrors) throw new Error(`${what}: ${lastError}`);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${opts.timeoutMs / 1000} s${lastError ? ` (${lastError})` : ''}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}

export async function getJson(url: string, timeoutMs = 2000): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
