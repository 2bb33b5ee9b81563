import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = '/work/shared/fixtures/public/cloudformation';

export function fixture(relativePath: string): { text: string; file: string } {
  return { text: readFileSync(join(FIXTURES, relativePath), 'utf8'), file: relativePath };
}

/** Replaces exactly one occurrence, so a test fails loudly when the fixture changes. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
