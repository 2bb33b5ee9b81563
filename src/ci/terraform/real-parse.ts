// The real parser's reading of the files a change touches. Only the blocks whose text changed
// are parsed (batched per directory and revision): hcl2json costs ~1 ms per resource, and a
// change rarely touches more than a few blocks of a file. A file the scanner cannot balance,
// or a batch the parser rejects, is parsed whole so the failure names the file and the line.
import { posix } from 'node:path';
import type { ParsedFile } from './parse.js';
import type { ScannedBlock } from './scan.js';
import type { ParseCache } from './snapshot.js';

export async function parseChangedBlocks(
  changed: Iterable<string>,
  revision: Map<string, string>,
  other: Map<string, string>,
  cache: ParseCache,
): Promise<Map<string, ParsedFile>> {
  const result = new Map<string, ParsedFile>();
  const batches = new Map<string, { files: string[]; fragments: string[] }>();
  for (const file of changed) {
    const text = revision.get(file);
    if (text === undefined) continue;
    const scanned = cache.scan(file, text);
    if (scanned.problem) {
      result.set(file, await cache.parse(file, text));
      continue;
    }
    const otherText = other.get(file);
    const before = new Map((otherText !== undefined ? cache.scan(file, otherText).blocks : []).map((b) => [key(b), b.source]));
    const fragments = scanned.blocks.filter((b) => before.get(key(b)) !== b.source).map((b) => b.source);
    const dir = posix.dirname(file);
    const batch = batches.get(dir) ?? { files: [], fragments: [] };
    batch.files.push(file);
    batch.fragments.push(...fragments);
    batches.set(dir, batch);
  }
  await Promise.all(
    [...batches].map(async ([dir, batch]) => {
      const parsed = batch.fragments.length ? await cache.parse(`${dir}/(changed blocks)`, batch.fragments.join('\n\n')) : ({ ok: true, json: {} } as const);
      if (parsed.ok) {
        for (const file of batch.files) result.set(file, parsed);
        return;
      }
      await Promise.all(batch.files.map(async (file) => result.set(file, await cache.parse(file, revision.get(file)!))));
    }),
  );
  return result;
}

function key(block: ScannedBlock): string {
  return `${block.kind} ${block.labels.join(' ')}`;
}
