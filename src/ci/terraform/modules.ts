// Where a module directory's resources live in Terraform's address space: under every local
// module call that uses the directory (`module.net.`), or at the root of its own configuration.
import { posix } from 'node:path';
import type { TfBlock, TfSnapshot } from './snapshot.js';

export interface Placement {
  /** The root module directory the address belongs to. */
  root: string;
  /** `module.a.module.b.` or '' for a root module. */
  prefix: string;
}

/** The directory a local module source points at, or undefined for registry / git sources. */
export function localSource(call: TfBlock): string | undefined {
  const source = typeof call.body?.source === 'string' ? call.body.source : call.literals.source;
  if (typeof source !== 'string' || !/^\.\.?(\/|$)/.test(source)) return undefined;
  return posix.normalize(posix.join(call.dir, source)).replace(/\/$/, '') || '.';
}

/** Placements of every directory of a snapshot (a directory nobody calls is a root). */
export function placements(snapshot: TfSnapshot): Map<string, Placement[]> {
  const callers = new Map<string, { dir: string; name: string }[]>();
  for (const [dir, entry] of snapshot.dirs) {
    for (const block of entry.blocks.values()) {
      if (block.kind !== 'module') continue;
      const target = localSource(block);
      if (!target || target === dir) continue;
      const list = callers.get(target) ?? [];
      list.push({ dir, name: block.name });
      callers.set(target, list);
    }
  }
  const memo = new Map<string, Placement[]>();
  const resolve = (dir: string, seen: Set<string>): Placement[] => {
    const known = memo.get(dir);
    if (known) return known;
    const calls = callers.get(dir);
    if (!calls || seen.has(dir)) return [{ root: dir, prefix: '' }];
    const next = new Set(seen).add(dir);
    const result = calls.flatMap((call) => resolve(call.dir, next).map((p) => ({ root: p.root, prefix: `${p.prefix}module.${call.name}.` })));
    memo.set(dir, result);
    return result;
  };
  const all = new Map<string, Placement[]>();
  for (const dir of snapshot.dirs.keys()) all.set(dir, resolve(dir, new Set()));
  return all;
}

/** The world / report id of an address placed in a root: the root directory names it unless it is the repository root. */
export function resourceId(placement: Placement, address: string): string {
  const full = `${placement.prefix}${address}`;
  return placement.root === '.' ? full : `${placement.root}:${full}`;
}
