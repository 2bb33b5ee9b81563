// Atomic replace without fsync: for small derived files (audit head, counters) that are
// rewritten on every hook call, where a rename is enough and an fsync would cost milliseconds.
// Synchronous underneath (see lock.ts); the signature stays async.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';

export async function replaceFile(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      /* never written */
    }
    throw error;
  }
}
