// Read-modify-write of a JSON config file that keeps its indentation, key order and final
// newline, so a merge shows up in a diff as only the lines that changed.
import { mkdir, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { InputError } from '../../errors.js';

export type Json = Record<string, any>;

export interface JsonFile {
  exists: boolean;
  doc: Json;
  indent: string | number;
  newline: boolean;
  text: string;
}

export async function readJsonFile(file: string): Promise<JsonFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { exists: false, doc: {}, indent: 2, newline: true, text: '' };
    throw error;
  }
  let doc: unknown;
  try {
    doc = text.trim() ? JSON.parse(text) : {};
  } catch (error) {
    throw new InputError(`not valid JSON, not changed (${(error as Error).message})`, file);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError('expected a JSON object, not changed', file);
  const indentMatch = /\n([ \t]+)["}\]]/.exec(text);
  return { exists: true, doc: doc as Json, indent: indentMatch ? indentMatch[1] : 2, newline: text.endsWith('\n'), text };
}

/** Writes only when the content changed; returns whether it did. */
export async function writeJsonFile(file: string, original: JsonFile, doc: Json | undefined): Promise<boolean> {
  if (doc === undefined) {
    if (!original.exists) return false;
    await unlink(file);
    return true;
  }
  const text = JSON.stringify(doc, null, original.indent) + (original.newline ? '\n' : '');
  if (original.exists && text === original.text) return false;
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
  return true;
}
