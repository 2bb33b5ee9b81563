// What `git rev-parse --show-toplevel` and `git status` would say about tracked files, read from the
// repository's files instead of starting git (each git process costs a hook call ~5 ms of CPU; a
// `git reset --hard` started three). Only the plain case is answered, and only one way:
//   - gitTopLevel: the folder holding a `.git` folder, found as git discovers it;
//   - trackedClean: true when git would list no tracked change (staged or in the working tree)
//     under the paths, read from .git/index, the stat data of each file and HEAD's tree;
//   - insideWorkTree, tracksUnder, committedClean: `rev-parse --is-inside-work-tree`, whether
//     `ls-files -- PATH` lists anything, and "in the index and unmodified" for one file, for the
//     regenerable-output check (src/predict/workspace-files.ts).
// Anything else returns undefined and the caller asks git as before: a `.git` file (worktrees,
// submodules), GIT_* variables that move the repository, index, objects or configuration,
// core.worktree, a bare repository, config includes or extensions (sha256, reftable), another
// owner, an index of version 4 or with required extensions (split, sparse), entries flagged
// assume-valid, skip-worktree, intent-to-add or in conflict, submodules, pathspecs with magic,
// more than MAX_ENTRIES files to stat, any file whose stat data differs from the index or that is
// racily clean, an index that differs from HEAD's tree (or whose cache-tree is not valid), and a
// HEAD commit that is not a loose object or an undeltified packed one, an index over 2 MB, a path
// given through a link or outside the work tree's real path. A change is never reported
// from here: git says what changed, in its own words. test/fast/git-status.test.ts compares the
// answers with git's on real repositories.
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { forgetPerCall } from '../util/per-call.js';

/** Above this many files to stat, git (threaded, with its own caches) is asked. */
const MAX_ENTRIES = 2000;

/** Variables that change where git finds the repository, its index, objects or configuration. */
const MOVING_VARIABLES = /^GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|NAMESPACE|CONFIG\w*|TEST_\w+|INDEX_VERSION|ICASE_PATHSPECS|LITERAL_PATHSPECS|GLOB_PATHSPECS|NOGLOB_PATHSPECS)$/;

interface Repository {
  top: string;
  gitDir: string;
}

const repositories = new Map<string, Repository | null>();
forgetPerCall(() => repositories.clear());

function movedByEnvironment(env: NodeJS.ProcessEnv): boolean {
  return Object.keys(env).some((k) => MOVING_VARIABLES.test(k));
}

/** The repository `dir` is in, when git would find it there the plain way; undefined otherwise. */
function repositoryAt(dir: string, env: NodeJS.ProcessEnv): Repository | undefined {
  if (movedByEnvironment(env)) return undefined;
  let cached = repositories.get(dir);
  if (cached === undefined) {
    cached = discover(dir) ?? null;
    repositories.set(dir, cached);
  }
  return cached ?? undefined;
}

function discover(dir: string): Repository | undefined {
  let current: string;
  let device: bigint;
  try {
    current = realpathSync.native(dir);
    device = statSync(current, { bigint: true }).dev;
  } catch {
    return undefined;
  }
  // Inside a .git folder git works without a work tree; in a folder that is itself a repository
  // (bare), git uses it: either way git decides.
  if (current.split('/').includes('.git')) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  for (;;) {
    if (isGitDirectory(current)) return undefined;
    const dotGit = join(current, '.git');
    const info = lstatSync(dotGit, { bigint: true, throwIfNoEntry: false });
    if (info) {
      // A .git file (linked worktree, submodule), a link, or a folder that is not a repository: git decides.
      if (!info.isDirectory() || !isGitDirectory(dotGit)) return undefined;
      // safe.directory: git refuses a repository another user owns.
      const top = statSync(current, { bigint: true });
      if (uid === undefined || Number(info.uid) !== uid || Number(top.uid) !== uid) return undefined;
      if (!plainConfig(dotGit)) return undefined;
      return { top: current, gitDir: dotGit };
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    // git stops at a file system boundary.
    let parentDevice: bigint;
    try {
      parentDevice = statSync(parent, { bigint: true }).dev;
    } catch {
      return undefined;
    }
    if (parentDevice !== device) return undefined;
    current = parent;
  }
}

function isGitDirectory(gitDir: string): boolean {
  try {
    return statSync(join(gitDir, 'HEAD')).isFile() && statSync(join(gitDir, 'objects')).isDirectory() && statSync(join(gitDir, 'refs')).isDirectory();
  } catch {
    return false;
  }
}

/** A repository config with nothing that changes where the work tree, refs or objects are, or how they are named. */
function plainConfig(gitDir: string): boolean {
  let text: string;
  try {
    text = readFileSync(join(gitDir, 'config'), 'utf8');
  } catch {
    return false;
  }
  if (/^\s*\[\s*(extensions|include|includeif)\b/im.test(text)) return false;
  if (/^\s*worktree\s*=/im.test(text)) return false;
  if (/^\s*(bare|ignorecase)\s*(=\s*(true|yes|on|1)\s*)?([#;].*)?$/im.test(text)) return false;
  if (/^\s*(sparsecheckout|splitindex|repositoryformatversion\s*=\s*[^0\s])/im.test(text)) return false;
  return true;
}

/** `git rev-parse --show-toplevel` run in `dir`, without git; undefined when git must be asked. */
export function gitTopLevel(dir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return repositoryAt(dir, env)?.top;
}

interface IndexEntry {
  name: string;
  ctimeS: number;
  ctimeNs: number;
  mtimeS: number;
  mtimeNs: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

interface Index {
  entries: IndexEntry[];
  /** The cache-tree's root tree id, when the whole tree is valid. */
  rootTree?: string;
  mtimeS: number;
  mtimeNs: number;
}

/** Above this size (~20,000 files) the index is git's to read: parsing it here would cost more than git. */
const MAX_INDEX_BYTES = 2 * 1024 * 1024;

/** .git/index, when it can be read fully here; null when there is none; undefined when git must read it. */
function readIndex(gitDir: string): Index | null | undefined {
  const file = join(gitDir, 'index');
  let info: BigIntStats;
  try {
    info = statSync(file, { bigint: true });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  if (info.size > MAX_INDEX_BYTES) return undefined;
  return parseIndex(file, info);
}

function parseIndex(file: string, info: BigIntStats): Index | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (BigInt(data.length) !== info.size) return undefined; // rewritten while read: git reads it
  if (data.length < 12 + 20 || data.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = data.readUInt32BE(4);
  if (version !== 2 && version !== 3) return undefined;
  const count = data.readUInt32BE(8);
  const end = data.length - 20;
  const entries: IndexEntry[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    if (at + 62 > end) return undefined;
    const flags = data.readUInt16BE(at + 60);
    // assume-valid, extended (skip-worktree, intent-to-add), a conflict stage: git decides.
    if (flags & 0x8000 || flags & 0x4000 || flags & 0x3000) return undefined;
    const nameStart = at + 62;
    const nul = data.indexOf(0, nameStart);
    if (nul < 0 || nul >= end) return undefined;
    entries.push({
      name: data.toString('utf8', nameStart, nul),
      ctimeS: data.readUInt32BE(at),
      ctimeNs: data.readUInt32BE(at + 4),
      mtimeS: data.readUInt32BE(at + 8),
      mtimeNs: data.readUInt32BE(at + 12),
      ino: data.readUInt32BE(at + 20),
      mode: data.readUInt32BE(at + 24),
      uid: data.readUInt32BE(at + 28),
      gid: data.readUInt32BE(at + 32),
      size: data.readUInt32BE(at + 36),
    });
    // Entries are padded with NULs to a multiple of 8 bytes (at least one NUL ends the name).
    at += (62 + (nul - nameStart) + 8) & ~7;
  }
  let rootTree: string | undefined;
  while (at < end) {
    if (at + 8 > end) return undefined;
    const signature = data.toString('latin1', at, at + 4);
    const size = data.readUInt32BE(at + 4);
    const body = at + 8;
    if (body + size > end) return undefined;
    // A required extension (lower case: split index `link`, sparse `sdir`): git decides.
    if (signature[0]! < 'A' || signature[0]! > 'Z') return undefined;
    if (signature === 'TREE') rootTree = rootCacheTree(data, body, body + size);
    at = body + size;
  }
  if (at !== end) return undefined;
  const mtimeNs = info.mtimeNs;
  return { entries, ...(rootTree ? { rootTree } : {}), mtimeS: Number(mtimeNs / 1_000_000_000n), mtimeNs: Number(mtimeNs % 1_000_000_000n) };
}

/** The root entry of the cache-tree extension: `"" NUL count SP subtrees LF [20-byte id]`; its id when valid. */
function rootCacheTree(data: Buffer, start: number, end: number): string | undefined {
  if (start >= end || data[start] !== 0) return undefined;
  const lf = data.indexOf(0x0a, start + 1);
  if (lf < 0 || lf >= end) return undefined;
  const [count] = data.toString('latin1', start + 1, lf).split(' ');
  if (count === undefined || Number(count) < 0 || !/^\d+$/.test(count)) return undefined;
  if (lf + 21 > end) return undefined;
  return data.toString('hex', lf + 1, lf + 21);
}

/** The commit HEAD names: an id, null for a branch with no commit yet, undefined when git must say. */
function headCommit(gitDir: string): string | null | undefined {
  let head: string;
  try {
    head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
  if (!ref || ref.includes('..')) return undefined;
  try {
    const loose = readFileSync(join(gitDir, ref), 'utf8').trim();
    return /^[0-9a-f]{40}$/.test(loose) ? loose : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
  }
  let packed: string;
  try {
    packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  for (const line of packed.split('\n')) {
    if (line.endsWith(` ${ref}`)) {
      const id = line.slice(0, 40);
      return /^[0-9a-f]{40}$/.test(id) ? id : undefined;
    }
  }
  return null;
}

/** The tree of a commit, from a loose object or an undeltified one in a pack; undefined otherwise. */
function commitTree(gitDir: string, commit: string): string | undefined {
  const text = looseObject(gitDir, commit) ?? packedCommit(gitDir, commit);
  if (text === undefined) return undefined;
  return /^tree ([0-9a-f]{40})\n/.exec(text)?.[1];
}

function inflateStart(compressed: Buffer): string | undefined {
  const zlib = process.getBuiltinModule('node:zlib');
  try {
    return zlib.inflateSync(compressed, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('latin1');
  } catch {
    return undefined;
  }
}

function looseObject(gitDir: string, id: string): string | undefined {
  let compressed: Buffer;
  try {
    compressed = readFileSync(join(gitDir, 'objects', id.slice(0, 2), id.slice(2)));
  } catch {
    return undefined;
  }
  const text = inflateStart(compressed.subarray(0, 512));
  const header = text === undefined ? undefined : /^commit \d+\0/.exec(text);
  return header ? text!.slice(header[0].length) : undefined;
}

function packedCommit(gitDir: string, id: string): string | undefined {
  const packs = join(gitDir, 'objects', 'pack');
  let names: string[];
  try {
    names = readdirSync(packs).filter((n) => n.endsWith('.idx'));
  } catch {
    return undefined;
  }
  const wanted = Buffer.from(id, 'hex');
  for (const name of names) {
    let idx: Buffer;
    try {
      idx = readFileSync(join(packs, name));
    } catch {
      return undefined;
    }
    // Version 2: magic, version, 256 fan-out counts, ids, CRCs, 4-byte offsets, 8-byte offsets.
    if (idx.length < 8 + 1024 || idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) return undefined;
    const total = idx.readUInt32BE(8 + 255 * 4);
    let lo = wanted[0] === 0 ? 0 : idx.readUInt32BE(8 + (wanted[0]! - 1) * 4);
    let hi = idx.readUInt32BE(8 + wanted[0]! * 4);
    const ids = 8 + 1024;
    if (idx.length < ids + total * 28) return undefined;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = idx.compare(wanted, 0, 20, ids + mid * 20, ids + mid * 20 + 20) * -1;
      if (cmp === 0) {
        const offset = idx.readUInt32BE(ids + total * 24 + mid * 4);
        if (offset & 0x80000000) return undefined; // a pack over 2 GB: git reads it
        return packEntry(join(packs, name.replace(/\.idx$/, '.pack')), offset);
      }
      if (cmp < 0) hi = mid;
      else lo = mid + 1;
    }
  }
  return undefined;
}

function packEntry(pack: string, offset: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(pack, 'r');
    const head = Buffer.alloc(600);
    const read = readSync(fd, head, 0, head.length, offset);
    // Type in bits 4-6 of the first byte (1: commit; deltas are 6 and 7), the size in a varint.
    const type = (head[0]! >> 4) & 7;
    if (type !== 1) return undefined;
    let at = 1;
    let byte = head[0]!;
    while (byte & 0x80 && at < read) byte = head[at++]!;
    return inflateStart(head.subarray(at, read));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The index entry's stat data matches the file (as git compares it, every field, so git would not look at the content). */
function unchanged(top: string, entry: IndexEntry, index: Index): boolean {
  // Racily clean: modified in the same instant the index was written; git reads the content.
  if (entry.mtimeS > index.mtimeS || (entry.mtimeS === index.mtimeS && entry.mtimeNs >= index.mtimeNs)) return false;
  const info = lstatSync(join(top, entry.name), { bigint: true, throwIfNoEntry: false });
  if (!info) return false;
  const kind = entry.mode & 0o170000;
  if (kind === 0o100000) {
    if (!info.isFile()) return false;
    if (((entry.mode & 0o100) !== 0) !== ((Number(info.mode) & 0o100) !== 0)) return false;
  } else if (kind === 0o120000) {
    if (!info.isSymbolicLink()) return false;
  } else {
    return false; // a submodule (160000) or anything else: git decides
  }
  const u32 = (n: bigint) => Number(n & 0xffffffffn);
  return (
    u32(info.mtimeNs / 1_000_000_000n) === entry.mtimeS &&
    Number(info.mtimeNs % 1_000_000_000n) === entry.mtimeNs &&
    u32(info.ctimeNs / 1_000_000_000n) === entry.ctimeS &&
    Number(info.ctimeNs % 1_000_000_000n) === entry.ctimeNs &&
    u32(info.ino) === entry.ino &&
    u32(info.uid) === entry.uid &&
    u32(info.gid) === entry.gid &&
    u32(info.size) === entry.size
  );
}

/** A pathspec of plain path prefixes relative to the top: no glob characters, no magic. */
function plainPathspec(path: string): boolean {
  return !/[*?[\]\\]/.test(path) && !path.startsWith(':') && !path.startsWith('/') && !path.split('/').includes('..');
}

function underAny(name: string, paths: string[]): boolean {
  return paths.some((p) => p === '' || p === '.' || name === p || name.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/**
 * true when `git -C top status --porcelain --untracked-files=no -- PATHS` would list nothing:
 * no tracked file under the paths (relative to the top; '' or '.' for all) is staged or changed.
 * undefined when git must be asked (see the top of this file).
 */
export function trackedClean(top: string, paths: string[], env: NodeJS.ProcessEnv = process.env): true | undefined {
  try {
    const repository = repositoryAt(top, env);
    if (!repository || repository.top !== top) return undefined;
    const spec = paths.map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
    if (!spec.length || !spec.every(plainPathspec) || spec.some((p) => p.split('/')[0] === '.git')) return undefined;
    const index = readIndex(repository.gitDir);
    if (index === undefined) return undefined;
    const head = headCommit(repository.gitDir);
    if (head === undefined) return undefined;
    const entries = (index?.entries ?? []).filter((e) => underAny(e.name, spec));
    if (head === null) return entries.length ? undefined : true; // no commit yet: an entry is a staged addition
    // Staged changes: the index's tree (its valid cache-tree) must be HEAD's tree.
    if (!index?.rootTree || commitTree(repository.gitDir, head) !== index.rootTree) return undefined;
    if (entries.length > MAX_ENTRIES) return undefined;
    for (const entry of entries) if (!unchanged(top, entry, index)) return undefined;
    return true;
  } catch {
    return undefined;
  }
}

/** trackedClean for `git -C dir status -- PATHS`: the paths relative to `dir`, as git reads them there. */
export function trackedCleanIn(dir: string, paths: string[], env: NodeJS.ProcessEnv = process.env): true | undefined {
  try {
    const repository = repositoryAt(dir, env);
    if (!repository || !paths.length || !paths.every((p) => p === ':/' || plainPathspec(p))) return undefined;
    const here = realpathSync.native(dir);
    // `:/` is git's pathspec for the whole work tree, wherever the command runs.
    const spec = paths.map((p) => (p === ':/' ? '' : relative(repository.top, resolve(here, p))));
    if (spec.some((p) => p.startsWith('..') || isAbsolute(p) || p.split('/')[0] === '.git')) return undefined;
    return trackedClean(repository.top, spec, env);
  } catch {
    return undefined;
  }
}

/** HEAD as git accepts it when it discovers a repository: a plain file naming a branch under refs/, or a commit id. */
function plainHead(gitDir: string): boolean {
  try {
    const head = join(gitDir, 'HEAD');
    if (!lstatSync(head).isFile()) return false;
    return /^(ref: refs\/\S+|[0-9a-f]{40})\n?$/.test(readFileSync(head, 'utf8'));
  } catch {
    return false;
  }
}

/** true when `git -C dir rev-parse --is-inside-work-tree` would print true; undefined when git must be asked. */
export function insideWorkTree(dir: string, env: NodeJS.ProcessEnv = process.env): true | undefined {
  try {
    const repository = repositoryAt(dir, env);
    return repository && plainHead(repository.gitDir) ? true : undefined;
  } catch {
    return undefined;
  }
}

/** `path` (absolute) relative to the top of the repository `dir` is in, as git reads an absolute
 *  pathspec: lexically under the top, plain, not in .git, with no link on the way. */
function pathInRepository(dir: string, path: string, env: NodeJS.ProcessEnv): { repository: Repository; rel: string } | undefined {
  const repository = repositoryAt(dir, env);
  if (!repository || !isAbsolute(path) || resolve(path) !== path) return undefined;
  const { top } = repository;
  if (path !== top && !path.startsWith(`${top}/`)) return undefined;
  const rel = path === top ? '' : path.slice(top.length + 1);
  if (rel && (!plainPathspec(rel) || rel.split('/')[0] === '.git')) return undefined;
  // A link on the way: git may read the pathspec another way (or refuse it); git decides.
  let at = top;
  for (const part of rel ? rel.split('/') : []) {
    at = join(at, part);
    let info;
    try {
      info = lstatSync(at);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') break; // nothing there: nothing on the way below
      return undefined;
    }
    if (info.isSymbolicLink()) return undefined;
  }
  return { repository, rel };
}

/**
 * Whether `git -C dir ls-files -- PATH` lists anything (PATH absolute): git tracks a file at or
 * under it. Read from .git/index; undefined when git must be asked (see the top of this file, and a
 * submodule anywhere in the index).
 */
export function tracksUnder(dir: string, path: string, env: NodeJS.ProcessEnv = process.env): boolean | undefined {
  try {
    const at = pathInRepository(dir, path, env);
    if (!at) return undefined;
    const index = readIndex(at.repository.gitDir);
    if (index === undefined) return undefined;
    const entries = index?.entries ?? [];
    if (entries.some((e) => (e.mode & 0o170000) === 0o160000)) return undefined;
    return entries.some((e) => underAny(e.name, [at.rel]));
  } catch {
    return undefined;
  }
}

/**
 * true when `git ls-files --error-unmatch -- FILE` lists FILE (absolute) itself and `git status
 * --porcelain -- FILE` lists nothing: the file is in the index, nothing is staged anywhere and its
 * stat data is the index's. undefined when git must be asked.
 */
export function committedClean(dir: string, file: string, env: NodeJS.ProcessEnv = process.env): true | undefined {
  try {
    const at = pathInRepository(dir, file, env);
    if (!at || !at.rel) return undefined;
    const index = readIndex(at.repository.gitDir);
    if (!index) return undefined;
    const under = index.entries.filter((e) => underAny(e.name, [at.rel]));
    if (under.length !== 1 || under[0]!.name !== at.rel) return undefined;
    return trackedClean(at.repository.top, [at.rel], env);
  } catch {
    return undefined;
  }
}
