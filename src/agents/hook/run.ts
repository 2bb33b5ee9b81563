// One hook invocation, start to finish, failing closed: a payload we cannot read, an internal
// error or running out of time ends in deny (or ask, where a person can answer), never in
// silence. Every outcome is written to the audit log.
import { existsSync } from 'node:fs';
import { isInputError } from '../../errors.js';
import { appendAudit } from '../audit/append.js';
import type { AuditRecord } from '../audit/entry.js';
import { ADAPTERS } from '../protocol/adapters.js';
import { serverConfigPath } from '../server-client/path.js';
import { isAgentName, PayloadError, type AgentAdapter, type HookCall, type HookReply, type Rendered } from '../protocol/types.js';
import { stateDir } from '../state-dir.js';
import { judgeCall, type Judged } from './judge-call.js';
import { monotonicMs } from '../../util/clock.js';
import { takeReadAhead } from '../../intake/code/read-ahead.js';

export interface HookOptions {
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Internal deadline (ms); default: the adapter's, or FIREBREAK_HOOK_DEADLINE_MS. */
  deadlineMs?: number;
  /** Called when the deadline passed with the judgment still running (it cannot be stopped): the
   *  resident judge, which would otherwise judge its next call while this one still runs, exits. */
  onAbandoned?: () => void;
}

type Outcome = { kind: 'done'; judged: Judged } | { kind: 'failed'; error: unknown } | { kind: 'timeout' };

export async function runHook(agent: string, readInput: () => Promise<string>, options: HookOptions = {}): Promise<Rendered> {
  const env = options.env ?? process.env;
  const started = monotonicMs();
  if (!isAgentName(agent)) {
    return { stdout: '', stderr: `firebreak hook: unknown agent "${agent}" (claude-code, cursor, gemini, kiro, codex, copilot); denying.\n`, exitCode: 2 };
  }
  const adapter = ADAPTERS[agent];
  const deadlineMs = options.deadlineMs ?? (Number(env.FIREBREAK_HOOK_DEADLINE_MS) || adapter.deadlineMs);
  let call: HookCall | undefined;

  const work = (async (): Promise<Judged> => {
    const payload = parsePayload(await readInput());
    call = adapter.read(payload, env);
    return judgeCall(call, env, options.now ?? new Date());
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((done) => {
    timer = setTimeout(() => done({ kind: 'timeout' }), deadlineMs);
  });
  const raced = await Promise.race([
    work.then((judged): Outcome => ({ kind: 'done', judged }), (error): Outcome => ({ kind: 'failed', error })),
    timeout,
  ]);
  clearTimeout(timer);
  // Work that never waits on I/O (a synchronous read of the payload, files read synchronously)
  // can finish before the timer gets its turn: a verdict later than the deadline is no verdict.
  const outcome: Outcome = raced.kind === 'done' && monotonicMs() - started > deadlineMs ? { kind: 'timeout' } : raced;
  if (raced.kind === 'timeout') options.onAbandoned?.();

  const elapsed = () => Math.round((monotonicMs() - started) * 10) / 10;
  // Code is read ahead only for a call that may go ahead (read-ahead.ts).
  if (outcome.kind !== 'done' || outcome.judged.reply.answer === 'deny') takeReadAhead();
  if (outcome.kind === 'done') {
    const { reply, record, stateDir: dir } = outcome.judged;
    const audited = await audit(dir, { ...record, durationMs: elapsed() }, Math.max(500, deadlineMs - elapsed() - 200));
    if (audited.ok && existsSync(serverConfigPath(env))) await (await import('../server-client/hook.js')).shipAfterHook(dir, env, { force: record.verdict !== 'pass', budgetMs: deadlineMs - elapsed() - 500 });
    if (!audited.ok && reply.answer !== 'deny' && record.verdict !== 'pass') {
      return adapter.render(failClosed(call, `the audit log could not be written: ${audited.error}`), call);
    }
    return withWarning(adapter.render(reply, call), audited.ok ? undefined : `firebreak: audit log not written: ${audited.error}`);
  }
  const why = outcome.kind === 'timeout' ? `no verdict within ${deadlineMs} ms` : describeError(outcome.error);
  const reply = failClosed(outcome.kind === 'failed' && outcome.error instanceof PayloadError ? undefined : call, why, outcome.kind === 'failed' && outcome.error instanceof PayloadError);
  const dir = stateDir(call?.cwd ?? process.cwd(), env);
  const record: AuditRecord = {
    agent,
    ...(call ? { sessionId: call.sessionId, cwd: call.cwd, tool: call.tool } : {}),
    input: call?.commands ?? [],
    verdict: 'error',
    answer: reply.answer,
    reasons: [{ rule: outcome.kind === 'timeout' ? 'hook-timeout' : call ? 'hook-internal-error' : 'hook-malformed-payload', message: why }],
    durationMs: elapsed(),
  };
  await audit(dir, record, 300);
  return adapter.render(reply, call);
}

function parsePayload(text: string): Record<string, unknown> {
  if (!text.trim()) throw new PayloadError('no payload on stdin');
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new PayloadError(`payload is not valid JSON (${(error as Error).message})`);
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new PayloadError('payload must be a JSON object');
  return payload as Record<string, unknown>;
}

/** Deny, or ask where the agent can ask and a person is there (never for an unreadable payload). */
export function failClosed(call: HookCall | undefined, why: string, malformed = false): HookReply {
  const ask = !malformed && call?.askSupported && call.humanPresent;
  const what = malformed ? 'could not read the hook payload' : 'could not judge this command';
  return {
    answer: ask ? 'ask' : 'deny',
    message: `Firebreak ${what} (${why}); ${ask ? 'a person must decide' : 'denied to be safe'}. Run \`firebreak doctor\` to check the installation.`,
  };
}

async function audit(dir: string, record: AuditRecord, budgetMs: number): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await appendAudit(dir, record, { timeoutMs: budgetMs });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: describeError(error) };
  }
}

function describeError(error: unknown): string {
  if (error instanceof PayloadError) return error.message;
  if (isInputError(error)) return `configuration error: ${error.describe()}`;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

function withWarning(rendered: Rendered, warning: string | undefined): Rendered {
  return warning ? { ...rendered, stderr: `${rendered.stderr}${warning}\n` } : rendered;
}

export type { AgentAdapter };
