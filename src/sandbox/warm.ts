// A warm sandbox (`firebreak sandbox up`): emulator processes left running between runs,
// described by a state file so that later runs (and `down` / `status`) find them.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isAlive, stopProcessGroup } from './child-processes.js';
import { checkEngineHealth, type EngineEndpoint, type EngineHealth } from './engines.js';
import { sandboxPaths } from './paths.js';
import { HostProvider, type HostProcessInfo } from './providers/host.js';
import type { StartOptions } from './providers/types.js';

export interface WarmState {
  provider: 'host';
  engines: EngineEndpoint[];
  processes: HostProcessInfo[];
  startedAt: string;
  /** LocalStack account ids already used by runs (each run takes a fresh one). */
  usedAccounts: string[];
}

export function readWarmState(): WarmState | undefined {
  const file = sandboxPaths.stateFile();
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as WarmState;
  } catch {
    return undefined;
  }
}

export async function writeWarmState(state: WarmState): Promise<void> {
  const file = sandboxPaths.stateFile();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(state, null, 2));
}

/** Starts host emulators detached from this process and records them. Reuses a healthy warm sandbox. */
export async function warmUp(opts: StartOptions = {}): Promise<{ state: WarmState; reused: boolean; ms: number }> {
  const started = Date.now();
  const existing = readWarmState();
  if (existing) {
    const health = await Promise.all(existing.engines.map(checkEngineHealth));
    if (health.every((h) => h.healthy)) return { state: existing, reused: true, ms: Date.now() - started };
    await warmDown();
  }
  const host = new HostProvider();
  const engines = await host.start({ ...opts, detach: true });
  const state: WarmState = { provider: 'host', engines, processes: host.processes(), startedAt: new Date().toISOString(), usedAccounts: [] };
  await writeWarmState(state);
  return { state, reused: false, ms: Date.now() - started };
}

export async function warmDown(): Promise<{ stopped: number }> {
  const state = readWarmState();
  if (!state) return { stopped: 0 };
  let stopped = 0;
  for (const p of state.processes) {
    if (isAlive(p.pid)) {
      await stopProcessGroup(p.pid);
      stopped++;
    }
    if (p.fsRoot) await rm(p.fsRoot, { recursive: true, force: true });
  }
  await rm(sandboxPaths.stateFile(), { force: true });
  return { stopped };
}

export async function warmStatus(): Promise<{ state?: WarmState; health: EngineHealth[] }> {
  const state = readWarmState();
  if (!state) return { health: [] };
  return { state, health: await Promise.all(state.engines.map(checkEngineHealth)) };
}
