// Maps a key path to where it is written in a YAML document (line and column, 1-based).
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { PathSegment } from './key-path.js';

export interface Located {
  line: number;
  column: number;
  /** How many path segments were found in the document (the rest do not exist there). */
  depth: number;
}

/**
 * Where `path` is in the document. `at: 'key'` points at the key of the last segment
 * (for unknown keys), `'value'` at its value. A path that goes further than the document
 * (a missing key) resolves to the deepest node that exists.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: readonly PathSegment[], at: 'key' | 'value' = 'value'): Located {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let depth = 0;
  for (const segment of path) {
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(segment));
      if (pair) {
        keyOffset = rangeStart(pair.key as Node);
        next = pair.value;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined && keyOffset === undefined) break;
    depth++;
    const isLast = depth === path.length;
    const valueOffset = rangeStart(next);
    offset = isLast && at === 'key' && keyOffset !== undefined ? keyOffset : (valueOffset ?? keyOffset ?? offset);
    node = next;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col, depth };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}
