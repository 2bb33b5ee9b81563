// Atomic replace without fsync: for small derived files (audit head, counters) that are
// rewritten on every hook call, where a rename is enough and an fsync would cost milliseconds.
import { rename, unlink, writeFile } from 'node:fs/promises';

export async function replaceFile(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
