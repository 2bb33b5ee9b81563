import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

// Emulator processes this Node process started and must stop: on success, on error, on
// Ctrl-C / SIGTERM, and when the process exits. Each runs in its own process group so that
// whatever it spawned is stopped with it.

const owned = new Map<number, ChildProcess>();
let hooksInstalled = false;

export interface StartedProcess {
  pid: number;
  child: ChildProcess;
  logFile: string;
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

export function startLoggedProcess(
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; logFile: string; detach?: boolean; cwd?: string },
): StartedProcess {
  const fd = openSync(opts.logFile, 'a');
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    owned.delete(child.pid!);
  });
  child.on('error', () => {
    exit = exit ?? { code: -1, signal: null };
  });
  if (opts.detach) {
    child.unref();
  } else {
    owned.set(child.pid, child);
    installExitHooks();
  }
  return { pid: child.pid, child, logFile: opts.logFile, exited: () => exit };
}

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcessGroup(pid: number, graceMs = 5000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) {
    owned.delete(pid);
    return;
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  owned.delete(pid);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function killAllOwnedNow(): void {
  for (const pid of owned.keys()) signalGroup(pid, 'SIGKILL');
  owned.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllOwnedNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAllOwnedNow();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}
