// The AWS CLI as one long-lived Python process (sandbox-extension/awscli-hooks/firebreak_cli_worker.py):
// the CLI's imports cost about a second per command, and a scenario replays dozens. Each command
// still runs with its own environment and folder, without a shell; a command that does not answer
// in time takes the worker down with it, and the next command starts a fresh one.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AWSCLI_HOOKS_DIR } from '../extension.js';
import { sandboxPaths } from '../paths.js';

export interface CliOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface Pending {
  resolve: (o: CliOutcome) => void;
  timer: NodeJS.Timeout;
}

class CliWorker {
  private child?: ChildProcessWithoutNullStreams;
  private queue: Pending[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly python: string) {}

  private ensure(env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
    if (this.child && this.child.exitCode === null && !this.child.killed) return this.child;
    const child = spawn(this.python, [join(AWSCLI_HOOKS_DIR, 'firebreak_cli_worker.py')], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.unref();
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    (child.stderr as unknown as { unref?: () => void }).unref?.();
    child.stderr.resume();
    createInterface({ input: child.stdout }).on('line', (line) => {
      const pending = this.queue.shift();
      if (!pending) return;
      clearTimeout(pending.timer);
      try {
        const answer = JSON.parse(line) as CliOutcome;
        pending.resolve({ exitCode: Number(answer.exitCode), stdout: String(answer.stdout ?? ''), stderr: String(answer.stderr ?? '') });
      } catch {
        pending.resolve({ exitCode: 255, stdout: '', stderr: `unreadable answer from the CLI worker: ${line.slice(0, 200)}` });
      }
    });
    child.on('exit', () => {
      for (const pending of this.queue.splice(0)) {
        clearTimeout(pending.timer);
        pending.resolve({ exitCode: 255, stdout: '', stderr: 'the AWS CLI worker stopped' });
      }
    });
    this.child = child;
    return child;
  }

  /** Runs one command; commands are serialised (the worker changes its environment and folder per command). */
  run(argv: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Promise<CliOutcome> {
    const next = this.tail.then(
      () =>
        new Promise<CliOutcome>((resolve) => {
          const child = this.ensure(env);
          const timer = setTimeout(() => {
            this.queue = this.queue.filter((p) => p.timer !== timer);
            child.kill('SIGKILL');
            resolve({ exitCode: 124, stdout: '', stderr: `the AWS CLI did not answer within ${timeoutMs / 1000} s` });
          }, timeoutMs);
          this.queue.push({ resolve, timer });
          child.stdin.write(`${JSON.stringify({ argv, env, cwd })}\n`);
        }),
    );
    this.tail = next.catch(() => undefined);
    return next;
  }

  stop(): void {
    this.child?.kill();
    this.child = undefined;
  }
}

let worker: CliWorker | undefined;

/** The worker for the AWS CLI at `aws`, when that CLI is the Python one in the LocalStack venv. */
export function cliWorkerFor(aws: string): CliWorker | undefined {
  if (process.env.FIREBREAK_CLI_WORKER === '0') return undefined;
  if (aws !== sandboxPaths.venvBin('localstack', 'aws')) return undefined;
  const python = sandboxPaths.venvBin('localstack', 'python');
  if (!existsSync(python)) return undefined;
  worker ??= new CliWorker(python);
  return worker;
}

export function stopCliWorker(): void {
  worker?.stop();
  worker = undefined;
}
