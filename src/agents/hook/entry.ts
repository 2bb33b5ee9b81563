// Lean process entry for `firebreak hook --agent X`: bin/firebreak.js jumps here before loading
// commander and the other commands, so a hook call for `npm test` loads only what it needs.
import { readFileSync, writeSync } from 'node:fs';
import { ADAPTERS } from '../protocol/adapters.js';
import { isAgentName, type Rendered } from '../protocol/types.js';
import { failClosed, runHook } from './run.js';
import { leftOfBudgetMs } from '../protocol/deadline.js';
import { takeReadAhead } from '../../intake/code/read-ahead.js';

export function agentFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--agent') return argv[i + 1];
    if (argv[i].startsWith('--agent=')) return argv[i].slice('--agent='.length);
  }
  return undefined;
}

export function readStdin(stream?: NodeJS.ReadableStream): Promise<string> {
  // The payload in one read: setting up process.stdin as a stream costs a hook call ~3 ms of CPU.
  // A stream given by the caller, or stdin that cannot be read that way (a non-blocking pipe), is read as a stream.
  if (!stream) {
    try {
      return Promise.resolve(readFileSync(0, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      // No stdin at all: no payload (denied as such by runHook).
      if (code === 'EBADF') return Promise.resolve('');
      if (!['EAGAIN', 'EWOULDBLOCK', 'EISDIR', 'EINVAL'].includes(code)) return Promise.reject(error);
    }
  }
  const source = stream ?? process.stdin;
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    source.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    source.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    source.on('error', fail);
  });
}

/** `afterAnswer` runs once the answer is written, before the process exits; it calls its argument when done. */
export function emit(rendered: Rendered, afterAnswer?: (exit: () => void) => void): void {
  if (rendered.stderr) process.stderr.write(rendered.stderr);
  const exit = afterAnswer ? () => afterAnswer(() => process.exit(rendered.exitCode)) : () => process.exit(rendered.exitCode);
  if (!rendered.stdout) return exit();
  // One write on the descriptor (as with stdin, no stream to set up); a pipe that is full or
  // non-blocking gets the rest through the stream, and the process exits once it is flushed.
  let written = 0;
  try {
    const bytes = Buffer.from(rendered.stdout, 'utf8');
    while (written < bytes.length) written += writeSync(1, bytes, written);
    return exit();
  } catch {
    process.stdout.write(Buffer.from(rendered.stdout, 'utf8').subarray(written), exit);
  }
}

/** `payload`: stdin as the resident client (agents/resident/client.ts) already read it, when it did. */
export async function hookMain(argv: string[], payload?: string): Promise<void> {
  if (argv[0] === '--read-ahead') return (await import('./read-ahead.js')).readAheadMain(argv[1]);
  if (argv[0] === '--serve') return (await import('../resident/server.js')).serveMain(argv[1]);
  const agent = agentFromArgv(argv) ?? '';
  const crash = (error: unknown) => {
    const adapter = isAgentName(agent) ? ADAPTERS[agent] : undefined;
    const reply = failClosed(undefined, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    emit(adapter ? adapter.render(reply) : { stdout: '', stderr: `${reply.message}\n`, exitCode: 2 });
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  // The budget counts from this process's start: the time the resident client waited (for a judge
  // that then failed) is spent, and the agent's timeout does not wait for a fresh one.
  const rendered = await runHook(agent, () => (payload === undefined ? readStdin() : Promise.resolve(payload)), { deadlineMs: leftOfBudgetMs(process.env) });
  // Code the call writes, read after the answer by a detached process (read-ahead.ts).
  const texts = takeReadAhead();
  emit(rendered, texts.length ? (exit) => void import('./read-ahead.js').then((m) => m.startReadAhead(texts)).finally(exit) : undefined);
}
