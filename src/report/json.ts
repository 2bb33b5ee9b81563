import type { Report } from '../model.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** Arrays longer than this are written in batches of BATCH elements; shorter ones in one piece. */
const STREAMED_ARRAY = 32;
const BATCH = 256;

/**
 * The same text as renderJson, in pieces: a 100,000-change plan's report is some 300 MB, and
 * building it as one string (then one buffer to write it) doubles the process's peak memory.
 * The report's own object and its long arrays are walked here; each batch of elements is
 * JSON.stringify's, made at its depth by wrapping it in objects (`{"": [...]}`) whose opening and
 * closing lines are cut off again, so the bytes are those of renderJson without re-indenting.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  yield* pretty(report, '', true);
  yield '\n';
}

function* pretty(value: unknown, indent: string, walkObject: boolean): Generator<string> {
  if (Array.isArray(value) && value.length > STREAMED_ARRAY) {
    const wrappers = indent.length / 2;
    const { prefix, suffix } = wrapping(wrappers);
    for (let i = 0; i < value.length; i += BATCH) {
      let wrapped: unknown = value.slice(i, i + BATCH);
      for (let k = 0; k < wrappers; k++) wrapped = { '': wrapped };
      const text = JSON.stringify(wrapped, null, 2);
      // Two pieces: the slice is written as it is, without copying it into a joined string first.
      yield i === 0 ? '[\n' : ',\n';
      yield text.slice(prefix.length, text.length - suffix.length);
    }
    yield `\n${indent}]`;
    return;
  }
  if (walkObject && isPlainObject(value)) {
    const inner = `${indent}  `;
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (!stringifiable(item)) continue; // JSON.stringify leaves such keys out
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* pretty(item, inner, indent === '');
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  // Newlines in JSON.stringify's output are all between tokens (strings escape theirs).
  yield indent && text.includes('\n') ? text.replaceAll('\n', `\n${indent}`) : text;
}

/** What JSON.stringify(, null, 2) writes around an array nested in `wrappers` objects `{"": ...}`, up to its first element. */
function wrapping(wrappers: number): { prefix: string; suffix: string } {
  let prefix = '';
  let suffix = `\n${'  '.repeat(wrappers)}]`;
  for (let k = 0; k < wrappers; k++) prefix += `{\n${'  '.repeat(k + 1)}"": `;
  for (let k = wrappers - 1; k >= 0; k--) suffix += `\n${'  '.repeat(k)}}`;
  return { prefix: `${prefix}[\n`, suffix };
}

function stringifiable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
