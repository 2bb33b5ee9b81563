import { InputError } from '../../errors.js';
import { jsonErrorOffset } from './json-error-offset.js';

/** Parses JSON text, turning syntax errors into an InputError at `line L, column C`. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`${what} file is empty`, file, 'line 1, column 1');
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(body);
    const { line, column } = lineAndColumn(body, offset);
    // V8 quotes part of the input in some messages: keep only its own words.
    const reason = message.replace(/ (in JSON )?at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    throw new InputError(`${what} is not valid JSON: ${reason}`, file, `line ${line}, column ${column}`);
  }
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
