// The resident judge's CPU, for benches that count it with each hook call
// (src/agents/resident/server.ts runs detached: wait4 on the hook process does not include it).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pid the info file in `<userDir>/resident/` names (the newest), if its process is alive. */
export function residentPid(userDir: string): number | undefined {
  const dir = join(userDir, 'resident');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return undefined;
  }
  for (const file of files) {
    try {
      const pid = Number(JSON.parse(readFileSync(join(dir, file), 'utf8')).pid);
      process.kill(pid, 0);
      return pid;
    } catch {
      /* gone */
    }
  }
  return undefined;
}

/**
 * CPU the process has used, in ms: the sum over its threads of the scheduler's run time
 * (/proc/PID/task/TID/schedstat, nanoseconds), which is exact where /proc/PID/stat counts 10 ms
 * ticks. Node's threads (V8's workers, libuv's pool) live as long as the process. 0 when gone.
 */
export function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        /* thread ended */
      }
    }
  } catch {
    return 0;
  }
  return ns / 1e6;
}

/** Total CPU of the process from /proc/PID/stat (utime + stime, all threads ever, 10 ms ticks). */
export function statCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
