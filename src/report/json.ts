import type { Report } from '../model.js';

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** Arrays longer than this are written element by element; shorter ones in one piece. */
const STREAMED_ARRAY = 32;

/**
 * The same text as renderJson, in pieces: a 100,000-change plan's report is some 300 MB, and
 * building it as one string (then one buffer to write it) doubles the process's peak memory.
 * The report's own object and its long arrays are walked here; everything below them is
 * JSON.stringify's, re-indented to its depth, so the bytes are those of renderJson.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  yield* pretty(report, '', true);
  yield '\n';
}

function* pretty(value: unknown, indent: string, walkObject: boolean): Generator<string> {
  if (Array.isArray(value) && value.length > STREAMED_ARRAY) {
    const inner = `${indent}  `;
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? `[\n${inner}` : `,\n${inner}`;
      // JSON.stringify writes what it cannot represent (undefined, functions) as null in arrays.
      yield* stringifiable(value[i]) ? pretty(value[i], inner, false) : ['null'];
    }
    yield `\n${indent}]`;
    return;
  }
  if (walkObject && isPlainObject(value)) {
    const inner = `${indent}  `;
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (!stringifiable(item)) continue; // and in objects leaves the key out
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

function stringifiable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
