// Tolerant readers for doctor: a missing or broken file is a fact to report, not a crash.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function readJson(file: string): Promise<{ doc?: Record<string, any>; error?: string } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const doc = JSON.parse(text);
    return doc && typeof doc === 'object' ? { doc } : { error: 'not a JSON object' };
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
}

export async function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

export async function jsonFilesIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.json')).map((n) => join(dir, n));
}
