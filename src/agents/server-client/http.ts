// Calls to the team server with a hard deadline. Anything but a well-formed answer is an error
// that says what went wrong, so the hook can deny with the reason.
import type { LoadedConnection } from './config.js';

export class ServerCallError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

export async function callServer<T>(c: Pick<LoadedConnection, 'url' | 'token'>, method: 'GET' | 'POST', path: string, body: unknown, timeoutMs: number): Promise<{ status: number; body: T }> {
  let response: Response;
  try {
    response = await fetch(`${c.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${c.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'user-agent': 'firebreak-hook' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      redirect: 'error',
      signal: AbortSignal.timeout(Math.max(100, timeoutMs)),
    });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new ServerCallError(`the approval server at ${c.url} is unreachable (${why})`);
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new ServerCallError(`the approval server at ${c.url} answered ${response.status} with something that is not JSON`, response.status);
  }
  if (response.status >= 400) {
    const message = (parsed as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
    throw new ServerCallError(`the approval server refused (${response.status}): ${message}`, response.status, parsed);
  }
  return { status: response.status, body: parsed as T };
}
