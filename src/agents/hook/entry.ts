// Lean process entry for `firebreak hook --agent X`: bin/firebreak.js jumps here before loading
// commander and the other commands, so a hook call for `npm test` loads only what it needs.
import { ADAPTERS } from '../protocol/adapters.js';
import { isAgentName, type Rendered } from '../protocol/types.js';
import { failClosed, runHook } from './run.js';

export function agentFromArgv(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--agent') return argv[i + 1];
    if (argv[i].startsWith('--agent=')) return argv[i].slice('--agent='.length);
  }
  return undefined;
}

export function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
    stream.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', fail);
  });
}

export function emit(rendered: Rendered): void {
  if (rendered.stderr) process.stderr.write(rendered.stderr);
  const exit = () => process.exit(rendered.exitCode);
  // Exit only once stdout is flushed (it may be a pipe).
  if (rendered.stdout) process.stdout.write(rendered.stdout, exit);
  else exit();
}

export async function hookMain(argv: string[]): Promise<void> {
  const agent = agentFromArgv(argv) ?? '';
  const crash = (error: unknown) => {
    const adapter = isAgentName(agent) ? ADAPTERS[agent] : undefined;
    const reply = failClosed(undefined, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    emit(adapter ? adapter.render(reply) : { stdout: '', stderr: `${reply.message}\n`, exitCode: 2 });
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  emit(await runHook(agent, () => readStdin()));
}
