import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Pieces of text are gathered up to this many characters per write. */
const WRITE_BATCH = 1 << 20;

/**
 * Writes the whole file or nothing: temp file in the same folder, fsync, rename over the target.
 * Content given in pieces (a large report) is written as it comes, never held whole.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o644);
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) await handle.writeFile(content);
    else for (const batch of batches(content)) await handle.write(batch);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** A piece at least this long is written on its own rather than copied into a batch. */
const LARGE_PIECE = WRITE_BATCH >> 4;

/** Pieces joined into strings of about WRITE_BATCH characters; large pieces pass through as they are. */
export function* batches(pieces: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (piece.length >= LARGE_PIECE) {
      if (parts.length) yield parts.join('');
      parts = [];
      size = 0;
      yield piece;
      continue;
    }
    parts.push(piece);
    size += piece.length;
    if (size >= WRITE_BATCH) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length) yield parts.join('');
}
