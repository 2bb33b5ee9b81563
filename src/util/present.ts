import { lstatSync, statSync } from 'node:fs';

/** Something is at the path (a link counts, dangling or not). Only "no such file" says absent: a
 *  path that cannot be looked at (permissions, a loop) may hold something, so it counts as there. */
export function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/** A folder is at the path (following links); anything that cannot be looked at is not one. */
export function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
