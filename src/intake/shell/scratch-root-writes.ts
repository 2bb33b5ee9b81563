// Writing INTO a scratch root (`cp -R dir /tmp`, `tar -xzf a.tgz -C /tmp`, `unzip a.zip -d /tmp`)
// adds entries below it: the root itself is neither deleted nor replaced, and what other programs
// keep there survives unless an added entry has the same name as theirs. So such a write is judged
// on the names it adds: a service's socket or folder (`.X11-unix`, `tmux-1000`, `ssh-*`) stops it;
// copying or extracting anything else into scratch space passes. Deleting (`rsync --delete`),
// moving the root away and permission changes of it are not writes into it: judged as before.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { SCRATCH_RESIDENTS } from '../../knowledge/workspace-files.js';
import type { Stdin } from './command.js';
import { resolvePathWord, type PathContext } from './path-resolve.js';

/** Tools whose recursive destination is a folder they add entries to. */
const COPIERS = new Set(['cp', 'rsync', 'tar', 'gtar', 'bsdtar', 'unzip', 'ditto']);
const LIST_LIMITS = { timeout: 3000, maxBuffer: 2 * 1024 * 1024, archiveBytes: 64 * 1024 * 1024 };

export type ScratchRootWrite = { adds: string } | { replaces: string; path: string };

/**
 * How a write-tree into the scratch root `root` (the caller knows it is one) is judged, or undefined when it is not a plain
 * write into it (another tool, a delete option, the root given other than as the destination).
 */
export function writeIntoScratchRoot(tool: string, argv: readonly string[], root: string, sources: readonly string[] | undefined, ctx: PathContext, stdin: Stdin): ScratchRootWrite | undefined {
  if (!COPIERS.has(tool)) return undefined;
  if (argv.some((a) => /^--(delete|del|remove-source-files)\b/.test(a))) return undefined;
  // `tar -x -C /tmp < a.tar`, `cat a.tar | tar -x -C /tmp`: the archive is that file.
  const fromStdin = (archive: string | undefined) => (archive === undefined || archive === '-') && stdin.kind === 'opaque' && /^file \S+$/.test(stdin.from) ? stdin.from.slice(5) : archive;
  const names = tool === 'tar' || tool === 'gtar' || tool === 'bsdtar' ? archiveNames(fromStdin(tarArchive(argv)), 'tar', ctx)
    : tool === 'unzip' ? archiveNames(unzipArchive(argv), 'unzip', ctx)
    : { names: (sources ?? []).flatMap((s) => copiedNames(tool, argv, s, ctx)) };
  if ('unread' in names) return { adds: `adds the members of ${names.unread} to ${root}: extracting adds entries to scratch space and does not remove the folder or what other programs keep there` };
  const resident = names.names.flatMap((n) => n.split('/')).find((part) => SCRATCH_RESIDENTS.some((r) => r.test(part)));
  if (resident) return { path: `${root}/${resident}`, replaces: `writes ${root}/${resident}, a name a running service keeps in scratch space (socket or private folder): it may replace what the service keeps there` };
  return { adds: `adds entries to ${root} (${names.names.length ? names.names.slice(0, 3).join(', ') : 'names known at run time'}): writing into scratch space does not remove the folder or what other programs keep there` };
}

/** The names a copy adds below the destination: the source's own name, or the entries of the
 *  source folder when its contents are copied (`cp -rT src /tmp`, `cp -r src/. /tmp`, `rsync src/
 *  /tmp`, `ditto src /tmp`). A folder known only at run time adds names nobody knows. */
function copiedNames(tool: string, argv: readonly string[], source: string, ctx: PathContext): string[] {
  const contents = (tool === 'cp' && (argv.some((a) => a === '--no-target-directory' || /^-[a-zA-Z]*T/.test(a)) || /\/\.\/*$/.test(source)))
    || (tool === 'rsync' && source.endsWith('/')) || tool === 'ditto';
  if (!contents) return [source.replace(/\/+$/, '').split('/').pop() ?? ''];
  const dir = resolvePathWord(source, ctx).paths[0];
  try {
    return dir ? readdirSync(dir) : [];
  } catch {
    return [];
  }
}

/** The archive an unzip line reads: its first operand (values of -d, -x, -P, -I, -O are not). */
function unzipArchive(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (['-d', '-x', '-P', '-I', '-O'].includes(argv[i])) { i++; continue; }
    if (!argv[i].startsWith('-')) return argv[i];
  }
  return undefined;
}

/** The archive a tar line reads: `-f X`, `--file=X`, `-xzf X`, or `xzf X`. */
function tarArchive(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--file=')) return a.slice(7);
    if (a === '--file') return argv[i + 1];
    const bundle = a.startsWith('-') && !a.startsWith('--') ? a.slice(1) : i === 1 && /^[A-Za-z]+$/.test(a) ? a : undefined;
    if (bundle === undefined) continue;
    const at = bundle.indexOf('f');
    if (at < 0) continue;
    return at < bundle.length - 1 ? bundle.slice(at + 1) : argv[i + 1];
  }
  return undefined;
}

/** The member names of an archive on disk now, or why they cannot be read (made or downloaded at run time). */
function archiveNames(archive: string | undefined, reader: 'tar' | 'unzip', ctx: PathContext): { names: string[] } | { unread: string } {
  if (!archive || archive === '-') return { unread: 'an archive read from stdin' };
  const file = resolvePathWord(archive, ctx).paths[0];
  if (!file) return { unread: `the archive ${archive} (a name known only at run time)` };
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > LIST_LIMITS.archiveBytes) return { unread: `the archive ${archive}` };
  } catch {
    return { unread: `the archive ${archive}, not on disk now (downloaded or built earlier)` };
  }
  try {
    const out = execFileSync(reader, reader === 'tar' ? ['-tf', file] : ['-Z1', file], { encoding: 'utf8', timeout: LIST_LIMITS.timeout, maxBuffer: LIST_LIMITS.maxBuffer, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } });
    // Named members narrow what lands; every component is checked, so --strip-components cannot uncover a resident's name.
    return { names: out.split('\n').filter(Boolean).map((n) => n.replace(/^(\.\/)+/, '')) };
  } catch {
    return { unread: `the archive ${archive}, which ${reader} could not list` };
  }
}
