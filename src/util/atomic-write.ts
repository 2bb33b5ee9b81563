import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Pieces of text are gathered up to this many characters per write. */
const WRITE_BATCH = 1 << 20;

/**
 * Writes the whole file or nothing: temp file in the same folder, fsync, rename over the target.
 * Content given in pieces (a large report) is written as it comes, never held whole.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
  const { temp, handle } = await openTemp(file);
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

/** Attempts at a free temp name before giving up (each name is ~4 billion to one to be taken). */
const TEMP_ATTEMPTS = 8;

/**
 * A new temp file next to `file`, created exclusively: a name already there (a file, or a link
 * planted to redirect the write) is never opened, another is tried. The name only has to be
 * unlikely to be taken, so it needs no node:crypto, which a large plan's check would otherwise
 * load for this alone (~13 ms of CPU under that child's V8 flags; docs/plan-speed.md, wave 17).
 */
async function openTemp(file: string): Promise<{ temp: string; handle: FileHandle }> {
  for (let attempt = 1; ; attempt++) {
    const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${suffix}.tmp`);
    try {
      return { temp, handle: await open(temp, 'wx', 0o644) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= TEMP_ATTEMPTS) throw error;
    }
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
