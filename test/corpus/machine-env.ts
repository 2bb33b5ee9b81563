// A corpus case marked `machine: ephemeral` is judged on a machine the operator declared ephemeral:
// Firebreak's per-user folder (FIREBREAK_HOME, set for the hook's own process, never by a command)
// holds machine.yaml as `firebreak machine --ephemeral` writes it (src/config/machine.ts). Shared by
// test/corpus/corpus.test.ts, the golden records (test/speed/golden.ts) and bench/routine-real.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineText } from '../../src/config/machine.js';

export type MachineKind = 'ephemeral';

export async function onMachine<T>(machine: MachineKind | undefined, work: () => Promise<T>): Promise<T> {
  if (machine === undefined) return work();
  if (machine !== 'ephemeral') throw new Error(`machine: ${String(machine)} is not a kind of machine (only ephemeral)`);
  const saved = process.env.FIREBREAK_HOME;
  const home = mkdtempSync(join(tmpdir(), 'firebreak-machine-'));
  writeFileSync(join(home, 'machine.yaml'), machineText('corpus case: a CI runner thrown away after the job', new Date('2026-06-01T12:00:00Z')), { mode: 0o600 });
  process.env.FIREBREAK_HOME = home;
  try {
    return await work();
  } finally {
    if (saved === undefined) delete process.env.FIREBREAK_HOME;
    else process.env.FIREBREAK_HOME = saved;
    rmSync(home, { recursive: true, force: true });
  }
}
