// Extracting programs beyond tar, unzip, jar, 7-Zip and cpio (unpacked-files.ts): each is read as
// an Extraction (archive, destination folder, members named, a reader when an installed program can
// list the format), so the same rules apply: where guard files live, an archive nobody can list
// brings names nobody knows (extracted-guard-files.ts). macOS's `ditto -x -k` is a zip; `pax -r` a
// tar (GNU tar lists ustar and pax); `ar x` a static library (`ar t` lists it). The rest (squashfs
// images, Debian packages, unar/atool/unrar/cabextract) are not listed here: their members are unknown.
import type { Extraction, ArchiveReader, Ctx, Member } from './unpacked-files.js';
import { readFileSync } from 'node:fs';
import { archiveSource, run, TAR, ZIP } from './unpacked-files.js';
import { stageCommand } from './recognisers/dockerfile.js';
import { scriptPath, writtenFileKey } from '../code/source.js';

const LIST_BYTES = 2 * 1024 * 1024;

/** `ar t`: member names (no folders in the format); `ar p` prints one. */
const AR: ArchiveReader = {
  list(file) {
    const names = run('ar', ['t', file], LIST_BYTES);
    if ('why' in names) return names;
    return { members: names.out.split('\n').filter(Boolean).map((name): Member => ({ name, kind: 'file' })) };
  },
  member(file, name) {
    const r = run('ar', ['p', file, name], 256 * 1024);
    return 'why' in r ? r : { text: r.out };
  },
};

/** The extraction by one of these programs, or undefined when the command does not extract. */
export function otherExtraction(name: string, ctx: Ctx): Extraction | undefined {
  const args = ctx.argv.slice(1);
  switch (name) {
    case 'ditto': return ditto(ctx, args);
    case 'pax': return pax(ctx, args);
    case 'ar': case 'gcc-ar': case 'llvm-ar': return ar(ctx, args);
    case 'unsquashfs': return unlisted(ctx, operandsAfter(args, VALUED.unsquashfs), optionValue(args, ['-d', '-dest']) ?? 'squashfs-root', 'a squashfs image');
    case 'unar': return unlisted(ctx, operandsAfter(args, VALUED.unar), optionValue(args, ['-o', '-output-directory']), 'an archive unar extracts');
    case 'aunpack': return unlisted(ctx, operandsAfter(args, VALUED.atool), optionValue(args, ['-X', '--extract-to']), 'an archive atool extracts', true);
    case 'atool': return args.some((a) => a === '-x' || a === '--extract' || /^-[a-zA-Z]*x/.test(a)) ? unlisted(ctx, operandsAfter(args, VALUED.atool), optionValue(args, ['-X', '--extract-to']), 'an archive atool extracts', true) : undefined;
    case 'unrar': case 'rar': return rar(ctx, args);
    case 'cabextract': return unlisted(ctx, operandsAfter(args, VALUED.cabextract), optionValue(args, ['-d', '--directory']), 'a cabinet file');
    case 'dpkg-deb': case 'dpkg': return deb(ctx, args);
    case 'docker': case 'podman': case 'nerdctl': case 'buildah': return buildExport(ctx, args);
    default: return undefined;
  }
}

const VALUED: Record<string, ReadonlySet<string>> = {
  unsquashfs: new Set(['-d', '-dest', '-e', '-ef', '-p', '-processors', '-da', '-fr', '-o', '-offset', '-exclude-file', '-extract-file']),
  unar: new Set(['-o', '-output-directory', '-p', '-password', '-e', '-encoding', '-E', '-password-encoding']),
  atool: new Set(['-X', '--extract-to', '-F', '--format', '-O', '--format-option', '--config', '-o', '--option']),
  cabextract: new Set(['-d', '--directory', '-e', '--encoding', '-F', '--filter']),
};

/** Operands (not options or their values), as the program reads them: archive first, then members. */
function operandsAfter(args: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.push(...args.slice(i + 1)); break; }
    if (valued.has(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    out.push(a);
  }
  return out;
}

function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (names.includes(args[i])) return args[i + 1];
    for (const n of names) if (n.startsWith('--') && args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
  }
  return undefined;
}

/** An extraction whose members Firebreak does not list: unknown names land in `dest`. */
function unlisted(ctx: Ctx, operands: string[], dest: string | undefined, what: string, intoOwnFolder = false): Extraction {
  const [archive, ...members] = operands;
  const source = archiveSource(ctx, archive);
  // atool makes a folder of its own when the archive holds more than one top-level entry: still unknown names here.
  void intoOwnFolder;
  return { source: 'why' in source ? source : { why: `${archive}, ${what} Firebreak does not list` }, dest, named: members, reader: undefined, strip: 0, renamed: false };
}

/** `docker build -o DIR .`, `docker buildx build --output type=local,dest=DIR`: the build's files are
 *  written into DIR, names only the build knows (as an archive nobody lists). Other exporters write an
 *  image, a registry or one tar file. */
function buildExport(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  const dest = buildOutputs(args).filter((o) => o.tree).at(-1)?.path;
  if (dest === undefined) return undefined;
  const dockerfile = exportedByDockerfile(ctx, args);
  // A Dockerfile that is not there (and that nothing earlier in the line makes): the build fails, nothing lands.
  const source = { why: 'the files the build exports, which Firebreak does not list', ...(dockerfile.absent !== undefined ? { absent: dockerfile.absent } : {}) };
  return { source, dest, named: dockerfile.names ?? [], reader: undefined, strip: 0, renamed: false };
}

/** Where a build writes files on this machine: `-o DIR` and `type=local,dest=DIR` fill a folder (tree),
 *  `type=tar|oci|docker,dest=FILE` write one file; `-` (stdout), images and registries none. */
export function buildOutputs(args: readonly string[]): { path: string; tree: boolean }[] {
  const words = args.filter((a) => !a.startsWith('-')).slice(0, 3).join(' ');
  if (!/^(build|buildx build|builder build|image build|buildx b)\b/.test(words)) return [];
  const out: { path: string; tree: boolean }[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === '-o' || a === '--output' ? args[i + 1] : a.startsWith('--output=') ? a.slice(9) : /^-o./.test(a) ? a.slice(2) : undefined;
    if (value === undefined) continue;
    if (!value.includes('=')) { if (value !== '-') out.push({ path: value, tree: true }); continue; }
    const fields = new Map(value.split(',').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)] as const));
    const dest = fields.get('dest');
    if (dest === undefined || dest === '-') continue;
    const type = fields.get('type') ?? 'local';
    if (type === 'local') out.push({ path: dest, tree: true });
    else if (type === 'tar' || type === 'oci' || type === 'docker') out.push({ path: dest, tree: false });
  }
  return out;
}

/** The names a build exports when its Dockerfile says them (a last stage `FROM scratch` of COPYs to named places). */
function exportedByDockerfile(ctx: Ctx, args: readonly string[]): { names?: string[]; absent?: string } {
  let file: string | undefined;
  let target: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (name === '-f' || name === '--file') file = inline ?? args[++i];
    else if (name === '--target') target = inline ?? args[++i];
    else if (a.startsWith('-')) { if (inline === undefined && BUILD_VALUED.has(a)) i++; }
    else operands.push(a);
  }
  const context = operands.at(-1);
  if (context === undefined || /[$`]/.test(context) || /^[a-z]+:\/\//i.test(context) || (file !== undefined && /[$`]/.test(file)) || file === '-') return {};
  const path = file ?? `${context}/Dockerfile`;
  const k = writtenFileKey(path, ctx.state.cwd);
  if (ctx.state.files?.has(k)) return {};
  let text: string;
  try { text = readFileSync(scriptPath({ workspace: ctx.state.workspace }, k), 'utf8'); } catch { return { absent: path }; }
  const reading = stageCommand(text, path, target);
  return reading.ok && reading.value.exported ? { names: reading.value.exported } : {};
}

/** docker build options that take a value (the operand is the build context, the last word). */
const BUILD_VALUED: ReadonlySet<string> = new Set(['-t', '--tag', '--build-arg', '--platform', '--label', '--secret', '--ssh', '--cache-from', '--cache-to', '--progress',
  '--iidfile', '--add-host', '--build-context', '--shm-size', '--network', '--ulimit', '--metadata-file', '--provenance', '--sbom', '--builder', '--allow', '--attest', '--annotation', '--call', '-o', '--output']);

/** `ditto -x [-k] SRC DEST`: -k is a zip (listed with unzip), otherwise a cpio archive. */
function ditto(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  let extract = false;
  let zip = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--bom' || a === '--arch') { i++; continue; }
    if (/^-[a-zA-Z]+$/.test(a)) { extract ||= a.includes('x'); zip ||= a.includes('k'); continue; }
    if (a.startsWith('-')) continue;
    operands.push(a);
  }
  if (!extract || operands.length < 2) return undefined;
  const [archive, dest] = operands;
  return { source: archiveSource(ctx, archive), dest, named: [], reader: zip ? ZIP : undefined, strip: 0, renamed: false };
}

/** `pax -r [-f ARCHIVE] [-s REPL] [PATTERN...]` (not `-rw`, a copy): a tar archive by default, from stdin without -f. */
function pax(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  let read = false;
  let write = false;
  let archive: string | undefined;
  let renamed = false;
  const named: string[] = [];
  const valued = new Set(['f', 's', 'o', 'x', 'b', 'p', 'B', 'E', 'G', 'T', 'U']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        if (c === 'r') read = true;
        else if (c === 'w') write = true;
        else if (valued.has(c)) {
          const value = a.slice(k + 1) || args[++i];
          if (c === 'f') archive = value;
          if (c === 's') renamed = true;
          break;
        }
      }
      continue;
    }
    named.push(a);
  }
  if (!read || write) return undefined;
  return { source: archiveSource(ctx, archive), dest: undefined, named, reader: TAR, strip: 0, renamed };
}

/** `ar x LIB [MEMBER...]` (`ar -xv`, `ar xo`, `--output=DIR`): members land in the current folder. */
function ar(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  const rest = args.filter((a) => !a.startsWith('--'));
  const key = rest[0] ?? '';
  if (!/^-?[a-zA-Z]+$/.test(key) || !key.replace(/^-/, '').includes('x')) return undefined;
  const [archive, ...members] = rest.slice(1);
  const dest = optionValue(args, ['--output']);
  return { source: archiveSource(ctx, archive), dest, named: members, reader: AR, strip: 0, renamed: false };
}

/** `unrar x|e ARCHIVE [MEMBER...] [DEST/]`: a trailing word ending in `/` is the destination; `e` drops folders. */
function rar(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  const command = args[0];
  if (command !== 'x' && command !== 'e') return undefined;
  const operands = args.slice(1).filter((a) => !a.startsWith('-'));
  const dest = operands.length > 1 && operands[operands.length - 1].endsWith('/') ? operands.pop() : undefined;
  const [archive, ...members] = operands;
  const source = archiveSource(ctx, archive);
  return { source: 'why' in source ? source : { why: `${archive}, a RAR archive Firebreak does not list` }, dest, named: members, reader: undefined, strip: 0, renamed: command === 'e' };
}

/** `dpkg-deb -x PKG DIR` (`-X`, `-R`, `--extract`, `--vextract`, `--raw-extract`), `dpkg -x PKG DIR`: a package's files. */
function deb(ctx: Ctx, args: readonly string[]): Extraction | undefined {
  const at = args.findIndex((a) => ['-x', '-X', '-R', '--extract', '--vextract', '--raw-extract'].includes(a));
  if (at < 0) return undefined;
  const [archive, dest] = args.slice(at + 1).filter((a) => !a.startsWith('-'));
  const source = archiveSource(ctx, archive);
  return { source: 'why' in source ? source : { why: `${archive}, a Debian package Firebreak does not list` }, dest, named: [], reader: undefined, strip: 0, renamed: false };
}
