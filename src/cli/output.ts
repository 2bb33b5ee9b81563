import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { batches, writeFileAtomic } from '../util/atomic-write.js';

/** Writes to a file atomically, or to stdout and waits until it is flushed (exit must not cut it). Text may come in pieces. */
export async function writeOutput(text: string | Iterable<string>, file?: string): Promise<void> {
  if (file) {
    const path = resolve(file);
    await checkWritable(path, file);
    try {
      await writeFileAtomic(path, text);
    } catch (error) {
      throw new InputError(`cannot write the report: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
    }
    return;
  }
  for (const batch of typeof text === 'string' ? [text] : batches(text)) {
    await new Promise<void>((done, fail) => process.stdout.write(batch, (error) => (error ? fail(error) : done())));
  }
}

/** An output path is bad input when its folder is missing or it names a folder: said with the path, before any work is lost. */
export async function checkWritable(path: string, given: string = path): Promise<void> {
  const folder = dirname(path);
  const info = await stat(folder).catch(() => undefined);
  if (!info) throw new InputError(`the output folder ${folder} does not exist: create it first`, given);
  if (!info.isDirectory()) throw new InputError(`${folder} is not a folder`, given);
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) throw new InputError('is a directory: give a file name for the report', given);
}
