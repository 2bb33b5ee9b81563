// Whole-process timing shared by the hook benches (bench/hook.ts, bench/runners.ts, bench/code.ts, bench/code-written.ts):
// the Claude Code payload a hook reads, one timed process, and a warmed series of them.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** What Claude Code sends the hook before a Bash call. */
export const hookPayload = (command: string, cwd: string): string =>
  JSON.stringify({ session_id: 'bench', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });

/** Wall time of one `node ARGS` process fed `input` on stdin (CI unset: the hook runs attended). */
export function timeProcess(args: string[], input: string, cwd: string): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, CI: '' } });
    child.on('error', fail);
    child.on('close', () => done(performance.now() - start));
    child.stdin.end(input);
  });
}

/** Wall and CPU time (ms) of one `node ARGS` process fed `input`; the CPU figure is what a
 *  `--require`d hook (bench/code.ts's cpu hook) writes to fd 3 as JSON `{user, system}` in µs. */
export function measureProcess(args: string[], input: string, cwd: string, env: Record<string, string>): Promise<{ wall: number; cpu: number }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'ignore', 'ignore', 'pipe'], env: { ...process.env, CI: '', ...env } });
    let report = '';
    child.stdio[3]!.on('data', (d: Buffer) => { report += d.toString(); });
    child.on('error', fail);
    child.on('close', () => {
      const wall = performance.now() - start;
      let cpu = NaN;
      try {
        const u = JSON.parse(report) as { user: number; system: number };
        cpu = (u.user + u.system) / 1000;
      } catch {
        // no report: leave NaN
      }
      done({ wall, cpu });
    });
    child.stdin!.end(input);
  });
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** `runs` wall times, sorted, after one run that warms the file cache. */
export async function sampleProcess(args: string[], input: string, cwd: string, runs: number): Promise<number[]> {
  await timeProcess(args, input, cwd);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeProcess(args, input, cwd));
  return times.sort((a, b) => a - b);
}
