// One loader for every YAML (or JSON) file a user writes: firebreak.yaml and policies.
// Every problem becomes an InputError naming the file, `line L, column C` and the key path.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { formatKeyPath, type PathSegment } from './key-path.js';
import { keysAt } from './schema-keys.js';
import { locate } from './yaml-location.js';

/** Aliases expand on conversion; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export function loadYamlWithSchema<T>(text: string, file: string, schema: z.ZodType<T>): T {
  return loadYamlWithLines(text, file, schema).data;
}

/** The same, and the line of any key path (for evidence that points into the file). */
export function loadYamlWithLines<T>(text: string, file: string, schema: z.ZodType<T>): { data: T; lineOf(path: PathSegment[]): number } {
  const lineCounter = new LineCounter();
  const { doc, data } = parseSingleDocument(text, file, lineCounter);
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { data: result.data, lineOf: (path) => locate(doc, lineCounter, path, 'key').line };
  const issue = result.error.issues[0];
  throw issueToError(issue, result.error.issues.length, doc, lineCounter, file, schema);
}

function parseSingleDocument(text: string, file: string, lineCounter: LineCounter): { doc: Document; data: unknown } {
  if (typeof text !== 'string') throw new InputError('expected text', file);
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    throw new InputError(`cannot parse as YAML or JSON: ${errorMessage(e)}`, file);
  }
  const list = Array.isArray(docs) ? docs : [];
  const real = list.filter((d) => d.contents !== null || d.errors.length > 0);
  if (real.length === 0) throw new InputError('the file is empty', file, 'line 1, column 1');
  if (real.length > 1) {
    const second = real[1];
    const pos = lineCounter.linePos(second.range?.[0] ?? 0);
    throw new InputError(
      'expected one YAML document, found several (remove the extra `---` document)',
      file,
      `line ${pos.line}, column ${pos.col}`,
    );
  }
  const doc = real[0];
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    throw new InputError(`YAML syntax: ${firstLine(problem.message)}`, file, `line ${pos.line}, column ${pos.col}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new InputError(`cannot read the YAML document: ${errorMessage(e)}`, file);
  }
  if (data === null || data === undefined) throw new InputError('the file is empty', file, 'line 1, column 1');
  return { doc, data };
}

function issueToError(
  issue: z.core.$ZodIssue,
  count: number,
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  schema: unknown,
): InputError {
  let path: PathSegment[] = [...issue.path];
  let message = issue.message;
  let at: 'key' | 'value' = 'value';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const known = keysAt(schema, path);
    message = `unknown key "${key}"${didYouMean(key, known)}${known.length ? `; allowed here: ${known.join(', ')}` : ''}`;
    path = [...path, key];
    at = 'key';
  } else if (issue.code === 'invalid_type' && issue.input === undefined) {
    message = `missing required key (${issue.expected} expected)`;
  } else {
    message = humanise(message, issue.input);
  }
  const where = locate(doc, lineCounter, path, at);
  // A list criterion written as a single value: report the value, not a made-up `[0]`.
  if (where.depth < path.length && typeof path[where.depth] === 'number') path = path.slice(0, where.depth);
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  return new InputError(`${formatKeyPath(path)}: ${message}${more}`, file, `line ${where.line}, column ${where.column}`);
}

function humanise(message: string, input: unknown): string {
  const text = message.replace(/^Invalid input: /, '');
  if (input === undefined || typeof input === 'object') return text;
  const shown = JSON.stringify(input);
  return `${text} (got ${shown && shown.length > 60 ? `${shown.slice(0, 57)}...` : shown})`;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? firstLine(e.message) : String(e);
}
