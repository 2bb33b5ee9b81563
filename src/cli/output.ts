import { resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Writes to a file atomically, or to stdout and waits until it is flushed (exit must not cut it). */
export async function writeOutput(text: string, file?: string): Promise<void> {
  if (file) {
    await writeFileAtomic(resolve(file), text);
    return;
  }
  await new Promise<void>((done, fail) => process.stdout.write(text, (error) => (error ? fail(error) : done())));
}
