import { InputError } from '../errors.js';

/** Inputs beyond this are refused rather than risking the machine's memory on a hook path. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/** Reads a text input, refusing what is empty, binary or too large, with the file named. */
export async function readTextInput(file: string): Promise<string> {
  // Loaded on use: node:fs/promises brings the stream modules, which a hook call does without.
  const { readFile, stat } = await import('node:fs/promises');
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError('is a directory: give a file (a plan or state JSON, a template, a change set, a call list or a script)', file);
    if (!info.isFile()) throw new InputError('is not a regular file', file);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? String(error)}`, file);
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(`file is ${Math.round(size / 1048576)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`, file);
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    throw new InputError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, file);
  }
  if (buffer.length === 0) throw new InputError('file is empty', file);
  const probe = buffer.subarray(0, 8192);
  if (probe.includes(0)) throw new InputError('file is binary, not a text input (plan/state JSON, template, change set, call list or shell script)', file);
  const text = buffer.toString('utf8');
  if (text.trim() === '') throw new InputError('file contains only whitespace', file);
  return text;
}
