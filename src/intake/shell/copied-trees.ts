// A folder copied with everything in it (`cp -r tmpx/.claude .`, `cp -a clone/. .`, `rsync -a clone/ ./`)
// writes each of its files where it lands: a `.claude/settings.json` inside the copied folder becomes
// the workspace's hook registration, though the line names only `tmpx` and `.`. The folder on disk is
// walked (bounded) and every landing matched against the guarded set, as an archive's members are
// (extracted-guard-files.ts). A folder not there yet (made earlier in the line: a clone, a download)
// holds names nobody knows: named like a guarded folder (`.claude`, `.gemini`), or copied whole into
// the workspace root or the home folder, it may land on guard files.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Evidence } from '../../model.js';
import { commandEvidence } from './command.js';
import type { FileTarget } from './file-targets.js';
import { guardHits, type GuardHit, type GuardSet } from './guarded-paths.js';
import { isWithin, resolvePathWord, type PathContext } from './path-resolve.js';
import { isDir } from '../../util/present.js';

/** Files looked at per copied folder, and how deep: beyond them the rest is not read (and not assumed). */
const WALK_LIMIT = 4000;
const WALK_DEPTH = 10;

export interface CopiedHit { hit: GuardHit; why: Evidence[] }

/** Guard files a recursive copy into `target` (a destination) writes through the folders it copies. */
export function copiedTreeHits(target: FileTarget, argv: readonly string[], set: GuardSet, ctx: PathContext): CopiedHit[] {
  if (target.role !== 'destination' || (!target.recursive && target.access !== 'write-tree') || !target.sources?.length) return [];
  const dest = resolvePathWord(target.written, ctx);
  if (dest.unknown || dest.paths.length !== 1) return [];
  const to = dest.paths[0];
  const tool = basename(argv[0] ?? '');
  const noTargetDir = argv.some((a) => a === '-T' || a === '--no-target-directory');
  const out: CopiedHit[] = [];
  // `rsync -a . host:/srv`, `limactl cp -r . vm:/tmp`: a destination on another machine is not this one's.
  if (/^[^/$~]*:/.test(target.written)) return [];
  // Only files with a guarded name among their parts can be guard files where they land.
  const names = new Set([...set.patterns.flatMap((p) => p.segments), ...set.entries.map((e) => basename(e.path))]);
  for (const word of target.sources) {
    if (/^[^/$~]*:/.test(word)) continue;
    const glob = /[*?[]/.test(word);
    const src = resolvePathWord(word, ctx, glob);
    if (src.unknown || !src.paths.length) continue;
    // `cp -r tmpx/* tmpx/.[!.]* .`: each match is copied by its name.
    for (const from of src.paths) {
      // `src/.` (cp) and `src/` (rsync) copy the folder's contents; `-T`, or a destination not there, takes its place.
      const contents = !glob && (/\/\.$/.test(word) || (tool === 'rsync' && /\/$/.test(word)) || noTargetDir || !isDir(to));
      const landing = contents ? to : join(to, basename(from));
      if (!isWithin(landing, ctx.workspace) && !(ctx.env.HOME && isWithin(landing, ctx.env.HOME))) continue;
      if (!exists(from)) {
        out.push(...unseenFolder(word, from, landing, contents, set, ctx));
        continue;
      }
      if (!isDir(from)) continue;
      for (const rel of walk(from)) {
        if (!rel.split('/').some((part) => names.has(part))) continue;
        const at = join(landing, rel);
        for (const hit of guardHits({ written: at, paths: [at] }, 'write', set)) {
          out.push({ hit, why: [commandEvidence(`${word} holds ${rel}, which the copy writes to ${relative(ctx.workspace, at) || at}`, 'copied file', rel)] });
        }
      }
    }
  }
  return out;
}

/** A folder the line makes before copying it: its name, and where its contents land, decide. */
function unseenFolder(word: string, from: string, landing: string, contents: boolean, set: GuardSet, ctx: PathContext): CopiedHit[] {
  const why = [commandEvidence(`${word} is not there before the line runs (it is made earlier in it): what it holds is not known`, 'copied folder', word)];
  const name = basename(from);
  const guardedFirst = set.patterns.some((p) => p.segments.length > 1 && !p.accesses && p.segments[0] === name) || set.patterns.some((p) => p.tree && p.segments[0] === name);
  if (!contents && guardedFirst) return [{ hit: { touched: landing, guarded: landing, what: `a folder named ${name}, which holds hook registrations or Firebreak's files`, relation: 'may-be' }, why }];
  const home = ctx.env.HOME;
  // The workspace root, or the home folder (or one above it): not every folder below them.
  if (contents && (landing === ctx.workspace || (home && isWithin(home, landing)))) {
    return [{ hit: { touched: `what ${word} puts in ${landing}`, guarded: landing, what: landing === ctx.workspace ? 'the workspace root, where agents load hook registrations and Firebreak its config' : 'the home folder, which holds agents\' user hook registrations and Firebreak\'s per-user folder', relation: 'may-be' }, why }];
  }
  return [];
}

function* walk(root: string): Generator<string> {
  let seen = 0;
  const stack: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: '', depth: 0 }];
  while (stack.length) {
    const { dir, rel, depth } = stack.pop()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > WALK_LIMIT) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      // A repository's own git folder and installed packages: git's hooks are judged where git is, and
      // node_modules is the packages' (their `.bin/firebreak` is the program check's, installed-programs.ts).
      if (e.isDirectory()) {
        if (depth < WALK_DEPTH && e.name !== '.git' && e.name !== 'node_modules') stack.push({ dir: join(dir, e.name), rel: r, depth: depth + 1 });
      } else yield r;
    }
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

