// Reads the last line of a file without reading the whole file. Synchronous reads (a few
// microseconds each) so that the hook never starts libuv's thread pool; the signature stays async.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export async function lastLine(file: string): Promise<string | undefined> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    let end = size;
    // Ignore the trailing newline of the last entry.
    if (end > 0) {
      const b = Buffer.alloc(1);
      readSync(fd, b, 0, 1, end - 1);
      if (b[0] === 0x0a) end -= 1;
    }
    if (end <= 0) return undefined;
    let chunk = 16 * 1024;
    for (;;) {
      const start = Math.max(0, end - chunk);
      const buffer = Buffer.alloc(end - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const newline = buffer.lastIndexOf(0x0a);
      if (newline >= 0) return buffer.subarray(newline + 1).toString('utf8');
      if (start === 0) return buffer.toString('utf8');
      chunk *= 4;
    }
  } finally {
    closeSync(fd);
  }
}
