// Reads the audit log as entries (lines that do not parse are returned as such, for verify).
import { readFileSync } from 'node:fs';
import type { AuditEntry } from './entry.js';

export type AuditLine = { line: number; entry: AuditEntry } | { line: number; error: string; text: string };

export async function readAuditLines(file: string): Promise<AuditLine[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((text, i) => {
    try {
      const entry = JSON.parse(text) as AuditEntry;
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { line: i + 1, error: 'not a JSON object', text };
      return { line: i + 1, entry };
    } catch (error) {
      return { line: i + 1, error: `not valid JSON (${(error as Error).message})`, text };
    }
  });
}
