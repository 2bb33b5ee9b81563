// Files a command brings into the workspace from somewhere else: an archive it extracts (`tar -x`,
// `bsdtar`, `unzip`, `7z x`, `cpio -i`), a folder it synchronises (`rsync`), a patch it applies
// (`git apply`, `patch`), another revision it restores (`git checkout REV -- PATH`, `git restore
// --source=REV`). Only what lands on code that tools run without naming it matters here
// (knowledge/implicit-code.ts): an archive, patch or revision that can be read is read (the real
// `tar`, `unzip` and `git`, read-only, with limits) and what it puts there is judged as written code;
// one that cannot be read brings names nobody knows, which matters where the names it could bring
// are run unnamed (the files it names, a test folder it lands in).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { implicitTarget } from '../../knowledge/implicit-code.js';
import { execFileSync } from '../../util/exec-file-sync.js';
import { COPIED_CONTENT, OPAQUE_CONTENT, readFileText, scriptPath, writtenFileKey } from '../code/source.js';
import { stdinOf } from './stdin.js';
import type { SimpleCommand } from './syntax.js';
import type { ShellState } from './walk.js';
import { folderCopies } from './written-files.js';
import { otherExtraction } from './extractors.js';
import { incomingChanges, stashRefOf, topLevel } from './git-incoming.js';
import { recordUnreadFetch, remoteMovedBefore, unreadFetchBefore } from './moved-remotes.js';

/** A file the command brings: its text (all of it, or only the lines a patch adds), a copy of another file, or why it cannot be seen. */
export type Unpacked = ({ path: string; text: string; partial?: boolean } | { path: string; hidden: string } | { path: string; copiedFrom: string }) & {
  /** Kept as the line's written file (a later `sh b.sh` reads it) but not judged as code written where tools run it unnamed. */
  quiet?: boolean;
};

/** What a reader subprocess may take: a listing or one member's text. */
const LIMITS = { timeout: 3000, listBytes: 2 * 1024 * 1024, memberBytes: 256 * 1024, members: 50, archiveBytes: 64 * 1024 * 1024, hiddenFiles: 20_000 };
/** Names of a destination whose names nobody knows: they match the test-folder patterns (`tests/*.py`). */
const ANY_NAMES = ['*.py', '*.js', '*_spec.rb'];
/** The name of a member nobody has listed: in a folder on PATH it may be any program (`git`, `kubectl`). */
export const ANY_PROGRAM = '*';
/** A patch changes files already there, wherever they are: one nobody can read may change any of them. */
const ANY_PATCHED = ['conftest.py', ...ANY_NAMES];

export interface Ctx { argv: string[]; cmd: SimpleCommand; state: Pick<ShellState, 'files' | 'cwd' | 'workspace'> & Partial<Pick<ShellState, 'env' | 'inherited'>> }

/** An archive a command extracts: where its bytes are (or why they cannot be read), where its members land. */
export interface Extraction {
  /** `absent`: the archive word, when no file of that name (or of a name its run-time parts may take) is there now. */
  source: { file: string } | { why: string; absent?: string };
  /** The folder members land in, as written (relative to the command's folder); undefined: that folder. */
  dest: string | undefined;
  /** Members named on the line (only those are extracted). */
  named: string[];
  reader: ArchiveReader | undefined;
  strip: number;
  /** Members are renamed as they land (`--transform`), or land under names the listing does not show. */
  renamed: boolean;
}

/** The archive this command extracts, if it is one of the extracting programs modelled here. */
export function archiveExtraction(name: string, argv: string[], cmd: SimpleCommand, state: Ctx['state']): Extraction | undefined {
  const ctx = { argv, cmd, state };
  if (name === 'tar' || name === 'gtar' || name === 'bsdtar') return tarExtract(ctx, name);
  if (name === 'unzip') return unzipExtract(ctx);
  if (name === 'jar') return jarExtract(ctx);
  if (name === '7z' || name === '7za' || name === '7zr') return sevenZip(ctx);
  if (name === 'cpio') return cpioExtract(ctx);
  if (/^python(\d+(\.\d+)?)?$/.test(name)) return pythonArchiveModule(ctx);
  return otherExtraction(name, ctx);
}

export function unpackedFiles(name: string, argv: string[], cmd: SimpleCommand, state: ShellState): Unpacked[] {
  const ctx = { argv, cmd, state };
  const extraction = archiveExtraction(name, argv, cmd, state);
  if (extraction) return extracted(ctx, extraction);
  if (name === 'rsync') return rsyncCopies(ctx);
  if (name === 'patch') return patchFiles(ctx);
  if (name === 'git') return gitFiles(ctx);
  return [];
}

const dynamic = (s: string) => /[$`]/.test(s);
const key = (ctx: Ctx, p: string) => writtenFileKey(p, ctx.state.cwd);
const onDisk = (ctx: Ctx, k: string) => scriptPath({ workspace: ctx.state.workspace }, k);

/** Where an archive's bytes are, or why they cannot be read now. */
export function archiveSource(ctx: Ctx, archive: string | undefined): { file: string } | { why: string; absent?: string } {
  if (archive === undefined || archive === '-') {
    const stdin = stdinOf(ctx.cmd);
    const from = ctx.cmd.redirects.find((r) => r.op === '<' && (!r.fd || r.fd === '0'))?.target;
    if (from && !from.dynamic) return archiveSource(ctx, from.value);
    return { why: `an archive read from ${stdin.kind === 'opaque' ? stdin.from : stdin.kind === 'text' ? 'text on stdin' : 'stdin'}` };
  }
  if (dynamic(archive) || /[*?[]/.test(archive)) return { why: `the archive ${archive}, a name known only when it runs`, absent: archive };
  if (/^[a-z+]+:\/\//i.test(archive) || /^[^/]*:/.test(archive)) return { why: `the remote archive ${archive}` };
  const k = key(ctx, archive);
  if (ctx.state.files?.has(k)) return { why: `the archive ${archive}, written earlier in this command` };
  const file = onDisk(ctx, k);
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { why: `the archive ${archive}, which is not a file` };
    if (stat.size > LIMITS.archiveBytes) return { why: `the archive ${archive}, larger than the ${LIMITS.archiveBytes / 1024 / 1024} MB Firebreak lists` };
  } catch {
    return { why: `the archive ${archive}, which is not in the workspace now (made or downloaded at run time)`, absent: archive };
  }
  return { file };
}

/** What extracting the archive into `dest` brings onto implicitly-run files. */
function extracted(ctx: Ctx, { source, dest, named, reader, strip, renamed }: Extraction): Unpacked[] {
  const into = (member: string) => key(ctx, join(dest ?? '.', member));
  const unknown = (why: string, unseenSource = false): Unpacked[] => {
    // A named member lands under its name less the components --strip-components drops.
    const landed = (n: string) => n.split('/').filter((p) => p && p !== '.').slice(strip).join('/');
    const paths = named.filter((n) => !/[*?[]/.test(n) && landed(n)).map((n) => into(landed(n)));
    if (dest === undefined || !dynamic(dest)) paths.push(...ANY_NAMES.map((n) => into(n)));
    // An archive fetched or made at run time (not one on disk that tar, too, may fail to read).
    if (unseenSource && !named.length && (dest === undefined || !dynamic(dest))) paths.push(into(ANY_PROGRAM));
    return paths.map((path) => ({ path, hidden: why }));
  };
  if ('why' in source) return unknown(source.why, true);
  if (!reader) return unknown(`an archive Firebreak does not list`);
  if (renamed) return unknown(`an archive whose members are renamed as they are extracted`);
  const listed = reader.list(source.file);
  if ('why' in listed) return unknown(`the archive ${basename(source.file)}, which could not be listed (${listed.why})`);
  const out: Unpacked[] = [];
  let read = 0;
  for (const m of listed.members) {
    if (named.length && !named.some((n) => memberMatches(m.name, n))) continue;
    const parts = m.name.split('/').filter((p) => p && p !== '.');
    if (parts.length <= strip) continue;
    const landed = parts.slice(strip).join('/');
    const path = into(landed);
    const root = ctx.state.workspace ?? process.cwd();
    if (!implicitTarget(path, root, root)) continue;
    if (m.kind === 'link') { out.push({ path, hidden: `a link in the archive ${basename(source.file)}, pointing where Firebreak does not follow` }); continue; }
    if (m.kind === 'other' || /[\\\n]/.test(m.name)) { out.push({ path, hidden: `a member of ${basename(source.file)} Firebreak does not read` }); continue; }
    if (m.kind === 'dir') continue;
    if (++read > LIMITS.members) { out.push({ path, hidden: `more than ${LIMITS.members} implicitly-run files in ${basename(source.file)}` }); break; }
    const text = reader.member(source.file, m.name);
    out.push('why' in text ? { path, hidden: `${m.name} in ${basename(source.file)}, which could not be read (${text.why})` } : { path, text: text.text });
  }
  return out;
}

/** Whether an archive member is one the command names (`tar -xf a.tar dir/`, `unzip a.zip '*.py'`). */
export function memberMatches(member: string, named: string): boolean {
  const n = named.replace(/^\.\//, '').replace(/\/$/, '');
  const m = member.replace(/^\.\//, '');
  if (m === n || m.startsWith(`${n}/`)) return true;
  if (!/[*?[]/.test(n)) return false;
  const re = new RegExp(`^${n.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}(/|$)`);
  return re.test(m);
}

export interface Member { name: string; kind: 'file' | 'dir' | 'link' | 'other'; /** A link's target, when the listing shows it. */ target?: string }
export interface ArchiveReader {
  list(file: string): { members: Member[] } | { why: string };
  member(file: string, name: string): { text: string } | { why: string };
}

export function run(program: string, args: string[], maxBuffer: number): { out: string } | { why: string } {
  try {
    return { out: execFileSync(program, args, { encoding: 'utf8', timeout: LIMITS.timeout, maxBuffer, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } }) };
  } catch (e) {
    const err = e as { code?: string; stderr?: unknown; message?: string };
    if (err.code === 'ENOENT') return { why: `${program} is not installed` };
    if (err.code === 'ENOBUFS') return { why: 'larger than Firebreak reads' };
    if (err.code === 'ETIMEDOUT') return { why: `${program} took longer than ${LIMITS.timeout} ms` };
    return { why: String(err.stderr ?? err.message ?? '').trim().split('\n')[0] || `${program} failed` };
  }
}

/**
 * Files with local changes, untracked ones included (`git status --porcelain`), below `dir`; `touches`
 * says whether a path relative to `dir` is one of them or inside an untracked folder. `top`: the
 * repository's top when the caller knows it (porcelain names are relative to it), else found from `dir`.
 */
function localChanges(dir: string, top: string | undefined): { touches: (rel: string) => boolean } | { why: string } {
  const status = run('git', ['-C', dir, 'status', '--porcelain', '-z', '--no-renames', '--untracked-files=normal', '--', '.'], LIMITS.listBytes);
  if ('why' in status) return status;
  const under = top === undefined ? folderBelowTop(dir) : relative(top, dir) ? `${relative(top, dir)}/` : '';
  const local = status.out.split('\0').filter((e) => e.length > 3).map((e) => e.slice(3)).filter((f) => f.startsWith(under)).map((f) => f.slice(under.length));
  return { touches: (rel) => local.some((f) => f === rel || (f.endsWith('/') && rel.startsWith(f))) };
}

/** `sub/dir/` for a folder below the repository's top (`''` at the top): where the nearest `.git` is. */
function folderBelowTop(dir: string): string {
  const parts: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return parts.length ? `${parts.reverse().join('/')}/` : '';
    if (dirname(d) === d) return '';
    parts.push(basename(d));
  }
}

/** The text of each `REV:./PATH` in one `git cat-file --batch` (one process for all, not one a file):
 *  null for one the revision lacks, undefined for one larger than a member may be; undefined overall when git fails. */
function revisionTexts(cwdAbs: string, rev: string, rels: string[]): Map<string, string | null | undefined> | undefined {
  if (!rels.length) return new Map();
  let out: string;
  try {
    // latin1 keeps one character a byte, so the sizes git prints count characters.
    out = execFileSync('git', ['-C', cwdAbs, 'cat-file', '--batch'], { encoding: 'latin1', input: rels.map((r) => `${rev}:./${r}\n`).join(''), timeout: LIMITS.timeout, maxBuffer: rels.length * (LIMITS.memberBytes + 128), stdio: ['pipe', 'pipe', 'ignore'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } });
  } catch {
    return undefined;
  }
  const texts = new Map<string, string | null | undefined>();
  let at = 0;
  for (const rel of rels) {
    const eol = out.indexOf('\n', at);
    if (eol < 0) return undefined;
    const header = out.slice(at, eol).split(' ');
    at = eol + 1;
    if (header[1] === 'missing') { texts.set(rel, null); continue; }
    if (header[1] !== 'blob') { texts.set(rel, undefined); continue; }
    const size = Number(header[2]);
    texts.set(rel, size > LIMITS.memberBytes ? undefined : Buffer.from(out.slice(at, at + size), 'latin1').toString('utf8'));
    at += size + 1;
  }
  return texts;
}

function kindOf(mode: string): Member['kind'] {
  return mode === '-' ? 'file' : mode === 'd' ? 'dir' : mode === 'l' || mode === 'h' ? 'link' : 'other';
}

/** `lrwx... name -> target`, `hrw... name link to target` in tar's verbose listing. */
function linkTarget(line: string): { target?: string } {
  const at = line[0] === 'l' ? line.lastIndexOf(' -> ') : line[0] === 'h' ? line.lastIndexOf(' link to ') : -1;
  return at < 0 ? {} : { target: line.slice(at + (line[0] === 'l' ? 4 : 9)) };
}

/** GNU tar reads the archive (any compression it detects); names and types come from two listings in the same order. */
export const TAR: ArchiveReader = {
  list(file) {
    const names = run('tar', ['--quoting-style=escape', '-tf', file], LIMITS.listBytes);
    if ('why' in names) return names;
    const verbose = run('tar', ['--quoting-style=escape', '-tvf', file], LIMITS.listBytes * 2);
    if ('why' in verbose) return verbose;
    const n = names.out.split('\n').filter(Boolean);
    const v = verbose.out.split('\n').filter(Boolean);
    if (n.length !== v.length) return { why: 'its listings disagree' };
    return { members: n.map((name, i) => ({ name, kind: kindOf(v[i][0]), ...linkTarget(v[i]) })) };
  },
  member(file, name) {
    const r = run('tar', ['-xOf', file, '--no-wildcards', '--', name], LIMITS.memberBytes);
    return 'why' in r ? r : { text: r.out };
  },
};

export const ZIP: ArchiveReader = {
  list(file) {
    const names = run('unzip', ['-Z1', file], LIMITS.listBytes);
    if ('why' in names) return names;
    const long = run('unzip', ['-Z', file], LIMITS.listBytes * 2);
    if ('why' in long) return long;
    const n = names.out.split('\n').filter(Boolean);
    const v = long.out.split('\n').filter((l) => /^[-dlbcps?][-rwxsStT?]{9}\s/.test(l));
    if (n.length !== v.length) return { why: 'its listings disagree' };
    return { members: n.map((name, i) => ({ name, kind: kindOf(v[i][0]) })) };
  },
  member(file, name) {
    if (/[*?[\]\\]/.test(name)) return { why: 'a name unzip would read as a pattern' };
    const r = run('unzip', ['-p', file, name], LIMITS.memberBytes);
    return 'why' in r ? r : { text: r.out };
  },
};

/** Options of tar that take the next word as their value (long ones may also use `=`). */
const TAR_VALUE_OPTIONS = new Set(['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '-b', '--blocking-factor', '-H', '--format', '-I', '--use-compress-program', '-K', '--starting-file', '-N', '--newer', '-L', '--tape-length', '-F', '--info-script', '--new-volume-script', '-V', '--label', '-g', '--listed-incremental', '--exclude', '--transform', '--xform', '-s', '--strip-components', '--owner', '--group', '--mode', '--mtime', '--to-command', '--checkpoint-action', '--rsh-command', '--index-file', '--volno-file', '--record-size', '--suffix', '--newer-mtime', '--after-date', '--occurrence', '--warning', '--hole-detection', '--sort', '--atime-preserve', '--backup', '--quoting-style', '--quote-chars', '--no-quote-chars', '--pax-option', '--options', '--xattrs-include', '--xattrs-exclude']);
/** Short options of tar whose value is the next word (in the old bundled form too: `tar xzfC a.tgz dir`). */
const TAR_SHORT_VALUES = new Set(['f', 'C', 'T', 'X', 'b', 'H', 'I', 'K', 'N', 'L', 'F', 'V', 'g', 's']);

function tarExtract(ctx: Ctx, name: string): Extraction | undefined {
  const { argv } = ctx;
  let mode = '';
  let archive: string | undefined;
  let dest: string | undefined;
  let strip = 0;
  let renamed = false;
  let toStdout = false;
  const members: string[] = [];
  const take = (opt: string, value: string | undefined) => {
    if (value === undefined) return;
    if (opt === 'f' || opt === '--file') archive = value;
    else if (opt === 'C' || opt === '--directory') dest = dest === undefined || value.startsWith('/') || dynamic(value) ? value : join(dest, value);
    else if (opt === '--strip-components') strip = Number.parseInt(value, 10) || 0;
    else if (opt === 's' || opt === '--transform' || opt === '--xform') renamed = true;
    // `--one-top-level=DIR` puts every member under DIR (default: the archive's own name).
    else if (opt === '--one-top-level') renamed = true;
  };
  let i = 1;
  // The old form: a first word of letters only, its value options taking the next words in order.
  if (argv[1] !== undefined && /^[A-Za-z]+$/.test(argv[1])) {
    const pending: string[] = [];
    for (const c of argv[1]) {
      if ('xctrudA'.includes(c)) mode ||= c;
      else if (c === 'O') toStdout = true;
      else if (c === 'P') { /* absolute names: joined as given below */ }
      if (TAR_SHORT_VALUES.has(c)) pending.push(c);
    }
    i = 2;
    for (const c of pending) take(c, argv[i++]);
  }
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { members.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const opt = eq > 0 ? a.slice(0, eq) : a;
      if (opt === '--extract' || opt === '--get') mode ||= 'x';
      else if (['--create', '--list', '--append', '--update', '--catenate', '--concatenate', '--diff', '--compare', '--delete', '--test-label'].includes(opt)) mode ||= 'c';
      else if (opt === '--to-stdout') toStdout = true;
      else if (opt === '--one-top-level') renamed = true;
      if (eq > 0) take(opt, a.slice(eq + 1));
      else if (TAR_VALUE_OPTIONS.has(opt)) take(opt, argv[++i]);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if ('xctrudA'.includes(c)) mode ||= c;
        else if (c === 'O') toStdout = true;
        if (TAR_SHORT_VALUES.has(c)) {
          take(c, j + 1 < a.length ? a.slice(j + 1) : argv[++i]);
          break;
        }
      }
      continue;
    }
    members.push(a);
  }
  if (mode !== 'x' || toStdout) return undefined;
  if (archive === undefined && name === 'bsdtar') archive = '-';
  return { source: archiveSource(ctx, archive ?? '-'), dest, named: members, reader: TAR, strip, renamed };
}

const UNZIP_VALUE_OPTIONS = new Set(['-d', '-x', '-P', '-I', '-O']);

function unzipExtract(ctx: Ctx): Extraction | undefined {
  const { argv } = ctx;
  let archive: string | undefined;
  let dest: string | undefined;
  const members: string[] = [];
  let excluding = false;
  let junk = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-d') { dest = argv[++i]; excluding = false; continue; }
    if (a.startsWith('-d') && a.length > 2 && !a.startsWith('--')) { dest = a.slice(2); continue; }
    if (a === '-x') { excluding = true; continue; }
    // Listing, testing, printing and comments write nothing (`unzip -l`, `-t`, `-p`, `-z`, `-Z`).
    if (/^-[a-zA-Z]*[lptzvZ]/.test(a) && archive === undefined) return undefined;
    if (UNZIP_VALUE_OPTIONS.has(a)) { i++; continue; }
    // `-j` junks the folders of every member: they land by file name alone.
    if (/^-[a-zA-Z]*j/.test(a)) junk = true;
    if (a.startsWith('-')) continue;
    if (archive === undefined) archive = a;
    else if (!excluding) members.push(a);
  }
  if (archive === undefined) return undefined;
  return { source: archiveSource(ctx, archive), dest, named: members, reader: ZIP, strip: 0, renamed: junk };
}

/** `jar xf a.jar [members]` (also `-xf`, `--extract --file=a.jar`): a zip archive, into the current folder. */
function jarExtract(ctx: Ctx): Extraction | undefined {
  const rest = ctx.argv.slice(1);
  const mode = rest[0] ?? '';
  let archive: string | undefined;
  let words: string[];
  if (/^-?[a-zA-Z0-9]+$/.test(mode) && !mode.startsWith('--')) {
    if (!mode.includes('x')) return undefined;
    words = rest.slice(1);
    if (mode.includes('f')) archive = words.shift();
  } else {
    if (!rest.includes('--extract') && !rest.some((a) => /^-[a-zA-Z]*x/.test(a) && !a.startsWith('--'))) return undefined;
    const file = rest.findIndex((a) => a === '--file' || a.startsWith('--file=') || /^-[a-zA-Z]*f$/.test(a));
    archive = file < 0 ? undefined : rest[file].startsWith('--file=') ? rest[file].slice(7) : rest[file + 1];
    words = rest.filter((a, i) => !a.startsWith('-') && (file < 0 || i !== file + 1));
  }
  return { source: archiveSource(ctx, archive ?? '-'), dest: undefined, named: words.filter((w) => !w.startsWith('-')), reader: ZIP, strip: 0, renamed: false };
}

/** `7z x a.7z -oDIR` / `7z e`: not read here (7-Zip reads many formats); its names are unknown. */
function sevenZip(ctx: Ctx): Extraction | undefined {
  const { argv } = ctx;
  if (argv[1] !== 'x' && argv[1] !== 'e') return undefined;
  const rest = argv.slice(2);
  const out = rest.find((a) => a.startsWith('-o'))?.slice(2);
  const operands = rest.filter((a) => !a.startsWith('-'));
  const [archive, ...members] = operands;
  const source = archiveSource(ctx, archive);
  return { source: 'why' in source ? source : { why: `the archive ${archive}, which 7-Zip extracts and Firebreak does not list` }, dest: out || undefined, named: members, reader: undefined, strip: 0, renamed: argv[1] === 'e' };
}

/** `cpio -i < a.cpio` (also `-idv`, `--extract`): its names are unknown (cpio is not read here). */
function cpioExtract(ctx: Ctx): Extraction | undefined {
  const { argv } = ctx;
  const extracting = argv.slice(1).some((a) => a === '--extract' || /^-[a-zA-Z]*i/.test(a));
  if (!extracting || argv.some((a) => a === '-t' || a === '--list' || /^-[a-zA-Z]*t/.test(a))) return undefined;
  const dirOpt = argv.find((a) => a.startsWith('-D') || a.startsWith('--directory='));
  const dest = dirOpt?.startsWith('-D') ? (dirOpt.length > 2 ? dirOpt.slice(2) : argv[argv.indexOf(dirOpt) + 1]) : dirOpt?.slice('--directory='.length);
  // `-F FILE`, `-I FILE`, `--file=FILE`: the archive instead of stdin (its name is not a member).
  let archive: string | undefined;
  const values = new Set<number>();
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-F' || a === '-I' || a === '-E' || a === '-H' || a === '-M' || a === '-R' || a === '--format' || a === '--pattern-file' || a === '-D') { values.add(i + 1); if (a === '-F' || a === '-I') archive = argv[i + 1]; }
    else if (a.startsWith('--file=')) archive = a.slice(7);
    else if (/^-[a-zA-Z]*[FI]./.test(a) && !a.startsWith('--')) archive = a.slice(a.search(/[FI]/) + 1);
    else if (/^-[a-zA-Z]*[FI]$/.test(a) && !a.startsWith('--')) { values.add(i + 1); archive = argv[i + 1]; }
  }
  const members = argv.slice(1).filter((a, i) => !a.startsWith('-') && a !== dest && !values.has(i + 1));
  const source = archiveSource(ctx, archive);
  return { source: 'why' in source ? source : { why: 'a cpio archive, which Firebreak does not list' }, dest, named: members, reader: undefined, strip: 0, renamed: false };
}

/** `python -m zipfile -e a.zip DIR`, `python -m tarfile -e a.tar [DIR]`: the standard library's extractors. */
function pythonArchiveModule(ctx: Ctx): Extraction | undefined {
  const { argv } = ctx;
  const m = argv.indexOf('-m');
  const module = m >= 0 ? argv[m + 1] : argv.find((a) => /^-m(zipfile|tarfile)$/.test(a))?.slice(2);
  if (module !== 'zipfile' && module !== 'tarfile') return undefined;
  const rest = argv.slice(m >= 0 ? m + 2 : argv.indexOf(`-m${module}`) + 1);
  const e = rest.findIndex((a) => a === '-e' || a === '--extract');
  if (e < 0) return undefined;
  const [archive, dest] = rest.slice(e + 1).filter((a) => !a.startsWith('-'));
  return { source: archiveSource(ctx, archive), dest: dest ?? (module === 'tarfile' ? undefined : '.'), named: [], reader: module === 'zipfile' ? ZIP : TAR, strip: 0, renamed: false };
}

/** Options of rsync that take the next word as their value. */
const RSYNC_VALUE_OPTIONS = new Set(['-e', '--rsh', '-f', '--filter', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--chmod', '--chown', '-B', '--block-size', '--backup-dir', '--suffix', '--log-file', '--log-file-format', '--partial-dir', '-T', '--temp-dir', '--compare-dest', '--copy-dest', '--link-dest', '--rsync-path', '--port', '--password-file', '--timeout', '--contimeout', '--bwlimit', '--max-size', '--min-size', '--max-delete', '--out-format', '--info', '--debug', '-M', '--remote-option', '--iconv', '--usermap', '--groupmap', '--modify-window', '--sockopts', '--outbuf', '--protocol', '--checksum-choice', '--cc', '--compress-choice', '--zc', '--compress-level', '--zl', '--skip-compress', '--stop-after', '--stop-at', '--address', '--checksum-seed', '--read-batch', '--write-batch', '--only-write-batch', '--mkpath-mode']);

/** `rsync SRC... DEST`: like `cp -r`, with `src/` bringing the folder's contents and `src` the folder itself. */
function rsyncCopies(ctx: Ctx): Unpacked[] {
  const { argv } = ctx;
  const operands: string[] = [];
  let listOnly = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { operands.push(...argv.slice(i + 1)); break; }
    if (a === '-n' || a === '--dry-run' || a === '--list-only' || (/^-[a-zA-Z]+$/.test(a) && a.includes('n'))) listOnly = true;
    if (a.startsWith('--')) { if (!a.includes('=') && RSYNC_VALUE_OPTIONS.has(a)) i++; continue; }
    if (a.startsWith('-') && a.length > 1) {
      // `-e ssh`, `-avzf filter`: a value option last in a cluster takes the next word.
      const last = a[a.length - 1];
      if ('efBTM'.includes(last) && !/^-[a-zA-Z]*=/.test(a)) i++;
      continue;
    }
    operands.push(a);
  }
  if (listOnly || operands.length < 2) return [];
  const dest = operands[operands.length - 1];
  if (dynamic(dest) || /^[^/]*:/.test(dest) || /^rsync:\/\//.test(dest)) return [];
  const out: Unpacked[] = [];
  const destKey = key(ctx, dest);
  const destIsDir = operands.length > 2 || dest.endsWith('/') || isDir(ctx, destKey);
  for (const source of operands.slice(0, -1)) {
    if (dynamic(source) || /^[^/]*:/.test(source) || /^rsync:\/\//.test(source) || /[*?[]/.test(source)) {
      const why = /^[^/]*:|^rsync:/.test(source) ? `files synchronised from the remote ${source}` : `files synchronised from ${source}, names known only when it runs`;
      out.push(...ANY_NAMES.map((n) => ({ path: key(ctx, join(dest, n)), hidden: why })));
      continue;
    }
    const from = key(ctx, source);
    if (isDir(ctx, from)) {
      const to = source.endsWith('/') ? destKey : key(ctx, join(dest, basename(from)));
      out.push(...folderCopies(from, to, (p) => onDisk(ctx, p)));
    } else out.push({ path: destIsDir ? key(ctx, join(dest, basename(source))) : destKey, copiedFrom: from });
  }
  return out;
}

function isDir(ctx: Ctx, k: string): boolean {
  try {
    return statSync(onDisk(ctx, k)).isDirectory();
  } catch {
    return false;
  }
}

/** `patch -p1 < x.patch`, `patch -i x.patch`, `patch FILE x.patch`, a heredoc. */
function patchFiles(ctx: Ctx): Unpacked[] {
  const { argv } = ctx;
  let strip: number | undefined;
  let input: string | undefined;
  let dir: string | undefined;
  let output: string | undefined;
  let reverse = false;
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run' || a === '-C' || a === '--check') return [];
    if (a === '-p' || a === '--strip') strip = Number(argv[++i]);
    else if (/^-p\d+$/.test(a)) strip = Number(a.slice(2));
    else if (a.startsWith('--strip=')) strip = Number(a.slice(8));
    else if (a === '-i' || a === '--input') input = argv[++i];
    else if (a.startsWith('--input=')) input = a.slice(8);
    else if (a === '-d' || a === '--directory') dir = argv[++i];
    else if (a.startsWith('--directory=')) dir = a.slice(12);
    else if (a === '-o' || a === '--output') output = argv[++i];
    else if (a.startsWith('--output=')) output = a.slice(9);
    else if (a === '-R' || a === '--reverse') reverse = true;
    else if (['-D', '--ifdef', '-B', '--prefix', '-Y', '--basename-prefix', '-z', '--suffix', '-r', '--reject-file', '-V', '--version-control', '-F', '--fuzz', '-g', '--get', '--quoting-style'].includes(a)) i++;
    else if (!a.startsWith('-')) operands.push(a);
  }
  if (input === undefined && operands.length > 1) input = operands[1];
  const text = patchText(ctx, input);
  const base = (p: string) => (dir === undefined ? p : join(dir, p));
  if ('why' in text) {
    const named = [output ?? operands[0]].filter((p): p is string => p !== undefined && !dynamic(p)).map((p) => key(ctx, base(p)));
    return [...named, ...ANY_PATCHED.map((n) => key(ctx, base(n)))].map((path) => ({ path, hidden: text.why }));
  }
  const files = parsePatch(text.text, strip, reverse);
  // One file named on the line (or -o) receives every change.
  if (output !== undefined || operands[0] !== undefined) return files.map((f) => ({ ...f, path: key(ctx, base(output ?? operands[0])) })).map(asUnpacked(ctx, base));
  return files.map(asUnpacked(ctx, base));
}

function asUnpacked(ctx: Ctx, base: (p: string) => string) {
  return (f: PatchedFile): Unpacked => {
    const path = key(ctx, base(f.path));
    if (f.hidden) return { path, hidden: f.hidden };
    if (f.copiedFrom !== undefined) return { path, copiedFrom: key(ctx, base(f.copiedFrom)) };
    return f.whole ? { path, text: f.added } : { path, text: f.added, partial: true };
  };
}

function patchText(ctx: Ctx, file: string | undefined): { text: string } | { why: string } {
  if (file === undefined || file === '-') {
    const redirect = ctx.cmd.redirects.find((r) => r.op === '<' && (!r.fd || r.fd === '0'))?.target;
    if (redirect && !redirect.dynamic) return patchText(ctx, redirect.value);
    const stdin = stdinOf(ctx.cmd);
    if (stdin.kind === 'text') return { text: stdin.text };
    return { why: `a patch read from ${stdin.kind === 'opaque' ? stdin.from : 'stdin'}` };
  }
  if (dynamic(file)) return { why: `the patch ${file}, a name known only when it runs` };
  const k = key(ctx, file);
  const written = ctx.state.files?.get(k);
  if (written !== undefined) return written.startsWith(OPAQUE_CONTENT) || written.startsWith(COPIED_CONTENT) ? { why: `the patch ${file}, written earlier in this command` } : { text: written };
  const read = readFileText(onDisk(ctx, k), file);
  return read.ok ? { text: read.text } : { why: `the patch ${file}, which cannot be read (${read.why})` };
}

interface PatchedFile { path: string; added: string; whole: boolean; copiedFrom?: string; hidden?: string }

/** The files a unified or git diff writes, with the lines it adds. `strip` as `patch -pN` (git apply: 1). */
export function parsePatch(text: string, strip: number | undefined, reverse = false): PatchedFile[] {
  const out: PatchedFile[] = [];
  let current: PatchedFile | undefined;
  let copyFrom: string | undefined;
  const stripped = (p: string, gitStyle: boolean) => {
    const clean = p.replace(/\t.*$/, '').replace(/^"(.*)"$/, '$1');
    // patch without -p keeps only the file name; git apply strips one part.
    if (strip === undefined && !gitStyle) return basename(clean);
    return clean.split('/').slice(strip ?? 1).join('/') || clean;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) { current = undefined; copyFrom = undefined; continue; }
    if (/^(rename|copy) from /.test(line)) { copyFrom = line.replace(/^(rename|copy) from /, ''); continue; }
    if (/^(rename|copy) to /.test(line)) {
      const to = line.replace(/^(rename|copy) to /, '');
      const [dst, src] = reverse ? [copyFrom ?? to, to] : [to, copyFrom ?? to];
      current = { path: dst, added: '', whole: false, copiedFrom: src };
      out.push(current);
      continue;
    }
    if (line === 'GIT binary patch' || line.startsWith('Binary files ')) {
      const path = /^Binary files .* and (?:b\/)?(.*) differ$/.exec(line)?.[1];
      if (current) current.hidden = 'a binary patch';
      else if (path) out.push({ path, added: '', whole: false, hidden: 'a binary patch' });
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      const oldPath = line.slice(4);
      const newPath = lines[++i].slice(4);
      const oldNull = oldPath.startsWith('/dev/null');
      const newNull = newPath.startsWith('/dev/null');
      const gitStyle = /^[ab]\//.test(newPath) || /^[ab]\//.test(oldPath);
      const target = reverse ? (oldNull ? undefined : oldPath) : newNull ? undefined : newPath;
      current = target === undefined ? undefined : { path: stripped(target, gitStyle), added: '', whole: reverse ? newNull : oldNull };
      if (current) out.push(current);
      continue;
    }
    if (current && line.startsWith(reverse ? '-' : '+')) current.added += `${line.slice(1)}\n`;
  }
  return out;
}

/** `git apply`, `git am`, `git checkout REV -- PATH`, `git restore --source=REV PATH`. */
function gitFiles(ctx: Ctx): Unpacked[] {
  const { argv } = ctx;
  let i = 1;
  let dir: string | undefined;
  const configs: string[] = [];
  while (i < argv.length && argv[i].startsWith('-')) {
    if (argv[i] === '-C') dir = dir === undefined ? argv[i + 1] : join(dir, argv[i + 1] ?? '');
    if (argv[i] === '-c') configs.push(argv[i + 1] ?? '');
    if (argv[i] === '-C' || argv[i] === '-c' || argv[i] === '--git-dir' || argv[i] === '--work-tree') i++;
    i++;
  }
  const sub = argv[i];
  const rest = argv.slice(i + 1);
  const base = (p: string) => (dir === undefined ? p : join(dir, p));
  // A remote the line pointed elsewhere earlier (`git remote set-url origin /tmp/y`), or a fetch from one
  // (moved-remotes.ts): what a pull merges, or a fetched revision holds, is a repository nobody has read.
  const moved = remoteMovedBefore(ctx.state, sub ?? '', rest, configs, [...ctx.cmd.assignments.map((a) => a.name), ...envOperands(ctx.cmd)], (remote) => {
    const top = topLevel(onDisk(ctx, key(ctx, dir ?? '.')));
    const url = top ? run('git', ['-C', top, 'remote', 'get-url', '--', remote], 4096) : undefined;
    return url && 'out' in url ? url.out.trim() : undefined;
  });
  if (sub === 'pull' && moved !== undefined) return everyTrackedFile(ctx, dir, `commits git pull brings from a repository nobody has read (${moved})`);
  if (sub === 'fetch' && moved === undefined) {
    const top = topLevel(onDisk(ctx, key(ctx, dir ?? '.')));
    if (top && incomingChanges('pull', rest, top) === 'unknown') recordUnreadFetch(ctx.state.files, `git fetch ${rest.join(' ')}`.slice(0, 200) + ' fetches from another repository, which nobody has read');
  }
  const fetched = unreadFetchBefore(ctx.state.files);
  if (fetched !== undefined && REVISION_WRITING.has(sub ?? '') && (sub !== 'reset' || rest.some((a) => /^--(hard|merge|keep)$/.test(a)))) {
    return everyTrackedFile(ctx, dir, `git ${sub} of a revision fetched earlier in this command (${fetched})`);
  }
  if (sub === 'apply') {
    if (rest.some((a) => ['--check', '--stat', '--numstat', '--summary'].includes(a)) && !rest.includes('--apply')) return [];
    if (rest.includes('--cached') && !rest.includes('--index')) return [];
    const reverse = rest.some((a) => a === '-R' || a === '--reverse');
    const directory = rest.find((a) => a.startsWith('--directory='))?.slice(12);
    const stripOpt = rest.find((a) => /^-p\d+$/.test(a));
    const patches = rest.filter((a, j) => !a.startsWith('-') && !['--exclude', '--include', '--directory', '-p', '-C'].includes(rest[j - 1]));
    const sources = patches.length ? patches : [undefined];
    const out: Unpacked[] = [];
    const at = (p: string) => base(directory === undefined ? p : join(directory, p));
    for (const p of sources) {
      const text = patchText(ctx, p);
      if ('why' in text) { out.push(...ANY_PATCHED.map((n) => ({ path: key(ctx, at(n)), hidden: text.why }))); continue; }
      out.push(...parsePatch(text.text, stripOpt ? Number(stripOpt.slice(2)) : 1, reverse).map(asUnpacked(ctx, at)));
    }
    return out;
  }
  if (sub === 'am') {
    const patches = rest.filter((a) => !a.startsWith('-'));
    return (patches.length ? patches : [undefined]).flatMap((p) => {
      const text = patchText(ctx, p);
      if ('why' in text) return ANY_PATCHED.map((n) => ({ path: key(ctx, base(n)), hidden: text.why }));
      return parsePatch(text.text, 1).map(asUnpacked(ctx, base));
    });
  }
  if (sub === 'checkout' || sub === 'restore') return revisionFiles(ctx, sub, rest, dir);
  if (sub === 'switch') return switchedFiles(ctx, rest, dir);
  if (MERGING.has(sub) || (sub === 'stash' && STASH_APPLYING.has(rest[0] ?? '')) || (sub === 'read-tree' && rest.includes('-u'))) return mergedFiles(ctx, sub, rest, dir, configs);
  // `git reset --hard [REV]`: every tracked file becomes REV's (HEAD's when none is named).
  if (sub === 'reset' && rest.includes('--hard')) {
    const rev = rest.find((a) => !a.startsWith('-')) ?? 'HEAD';
    return dynamic(rev) ? [] : revisionFiles(ctx, 'checkout', [rev, '--', '.'], dir, 'tree');
  }
  return [];
}

/**
 * Every tracked file, hidden: what a revision nobody has read writes. Kept quietly: a later command that
 * reads one of them finds it not visible, but a revision nobody can name here (a fetched one, as a pull
 * from the shared remote brings) is not taken as planted code by itself. A test runner or other loader
 * that runs such a file later in the line finds it hidden (implicit-loaders.ts, quietlyHidden).
 */
function everyTrackedFile(ctx: Ctx, dir: string | undefined, why: string): Unpacked[] {
  const cwdAbs = onDisk(ctx, key(ctx, dir ?? '.'));
  const top = topLevel(cwdAbs);
  const fallback = () => ANY_PATCHED.map((n) => ({ path: key(ctx, dir === undefined ? n : join(dir, n)), hidden: why, quiet: true as const }));
  if (!top) return fallback();
  const listed = run('git', ['-C', top, 'ls-files', '-z'], LIMITS.listBytes);
  const out: Unpacked[] = 'why' in listed ? fallback() : listed.out.split('\0').filter(Boolean).slice(0, LIMITS.hiddenFiles).map((rel) => ({ path: key(ctx, relativeTo(cwdAbs, join(top, rel), dir)), hidden: why, quiet: true }));
  if (ctx.state.files) markQuietlyHidden(ctx.state.files, out.map((u) => u.path));
  return out;
}

/** `env NAME=VALUE ... git pull`, `sudo NAME=VALUE git pull`: variables a wrapper sets for the command. */
function envOperands(cmd: SimpleCommand): string[] {
  const out: string[] = [];
  for (const w of cmd.words) {
    if (toolNameOf(w.value) === 'git') break;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(w.value);
    if (m) out.push(m[1]!);
  }
  return out;
}
const toolNameOf = (word: string) => word.slice(word.lastIndexOf('/') + 1);

/** Subcommands that write a revision's files into the working tree. */
const REVISION_WRITING: ReadonlySet<string> = new Set(['merge', 'pull', 'rebase', 'cherry-pick', 'revert', 'reset', 'checkout', 'restore', 'switch', 'read-tree']);

const QUIET = new WeakMap<Map<string, string>, Set<string>>();
function markQuietlyHidden(files: Map<string, string>, paths: readonly string[]): void {
  const set = QUIET.get(files) ?? new Set<string>();
  for (const p of paths) set.add(p);
  QUIET.set(files, set);
}
/** Files the line hid quietly (a revision nobody has read writes them): judged where a loader runs them. */
export function quietlyHidden(files: Map<string, string>, path: string): boolean {
  return QUIET.get(files)?.has(path) === true && files.get(path)?.startsWith(OPAQUE_CONTENT) === true;
}

/** Subcommands that bring other commits' changes into the working tree, merged with what is there. */
const MERGING: ReadonlySet<string> = new Set(['merge', 'pull', 'rebase', 'cherry-pick', 'revert']);
const STASH_APPLYING: ReadonlySet<string> = new Set(['pop', 'apply', 'branch']);

/**
 * merge, pull from a repository on this machine, rebase, cherry-pick, revert, stash pop|apply|branch,
 * read-tree -u: the files the other side changes (git-incoming.ts lists the sides). Where only that
 * side changed a file since the two sides parted, git takes its text whole: the file is read as that
 * side has it, so a later `sh b.sh` (or a test runner loading conftest.py) is judged on what will be
 * there. Where both sides changed it, or the working tree holds local changes to it, the result is a
 * merge nobody has worked out: not visible. A pull from another repository brings commits that are not
 * here to read: every tracked file may change. A pull from the shared remote is judged by the CI gate,
 * as for guard files, and changes nothing here. Files a side adds are not on disk now: unknown already.
 */
function mergedFiles(ctx: Ctx, sub: string, rest: string[], dir: string | undefined, configs: readonly string[]): Unpacked[] {
  const cwdAbs = onDisk(ctx, key(ctx, dir ?? '.'));
  const top = topLevel(cwdAbs);
  if (!top) return [];
  const root = ctx.state.workspace ?? process.cwd();
  const at = (rel: string) => key(ctx, relativeTo(cwdAbs, join(top, rel), dir));
  const quietly = (path: string) => (implicitTarget(path, root, root) ? {} : { quiet: true });
  const hide = (rels: string[], why: string): Unpacked[] => rels.slice(0, LIMITS.hiddenFiles).map((rel) => ({ path: at(rel), hidden: why, ...quietly(at(rel)) }));
  const everyTracked = (why: string): Unpacked[] => everyTrackedFile(ctx, dir, why);
  // `git -c remote.x.url=/tmp/y pull x`, `-c url./tmp/y.insteadOf=https://...`: where a remote points is set on the line.
  const sides = sub === 'pull' && configs.some((c) => /^(remote|url)\./i.test(c)) ? { why: 'a pull from a repository the command line points a remote at' } : mergeSides(sub, rest, top);
  if (sides === 'none') return [];
  if ('why' in sides) return everyTracked(sides.why);
  const local = localChanges(top, top);
  if ('why' in local) return everyTracked(`git ${sub}: the working tree could not be compared (${local.why})`);
  const touched = (rel: string, mine: ReadonlySet<string>) => mine.has(rel) || local.touches(rel);
  const out: Unpacked[] = [];
  for (const side of sides) {
    const theirs = namesChanged(top, side.base, side.theirs);
    const mine = side.ours === undefined ? new Set<string>() : namesChanged(top, side.base, side.ours);
    if (!theirs || !mine) { out.push(...everyTracked(`git ${sub} brings the changes of ${side.shown}, which git could not list`)); continue; }
    const whole = [...theirs].filter((rel) => !touched(rel, mine));
    const texts = revisionTexts(top, side.theirs, whole.slice(0, LIMITS.members));
    for (const rel of theirs) {
      if (out.length >= LIMITS.hiddenFiles) break;
      if (touched(rel, mine)) { out.push(...hide([rel], `${rel}, changed here and by ${side.shown}: git ${sub} merges the two, and the result is not worked out`)); continue; }
      const text = texts?.get(rel);
      // The other side deletes it: nothing is written.
      if (text === null) continue;
      if (text === undefined) { out.push(...hide([rel], `${rel} as ${side.shown} has it, which Firebreak did not read (more files than it reads from one revision, or too large)`)); continue; }
      out.push({ path: at(rel), text, ...quietly(at(rel)) });
    }
  }
  return out;
}

/** One side a merge-like command brings in: the files that differ between `base` and `theirs` take
 *  `theirs`' text, unless `ours` (undefined: the working tree only) changed them since `base` too. */
interface MergeSide { base: string; theirs: string; ours?: string; shown: string }

function mergeSides(sub: string, rest: string[], top: string): MergeSide[] | 'none' | { why: string } {
  if (sub === 'read-tree') {
    const tree = rest.filter((a) => !a.startsWith('-')).at(-1);
    if (!tree || dynamic(tree)) return { why: 'a tree read-tree -u writes into the working tree, known only when it runs' };
    return [{ base: 'HEAD', theirs: tree, shown: tree }];
  }
  if (sub === 'stash') {
    const stashRef = stashRefOf(rest);
    if (dynamic(stashRef)) return { why: `changes stash ${rest[0]} brings back from a stash known only when it runs` };
    const untracked = run('git', ['-C', top, 'rev-parse', '-q', '--verify', `${stashRef}^3`], 4096);
    return [{ base: `${stashRef}^1`, theirs: stashRef, ours: 'HEAD', shown: stashRef }, ...('out' in untracked ? [{ base: EMPTY_TREE, theirs: `${stashRef}^3`, ours: 'HEAD', shown: `${stashRef} (untracked files)` }] : [])];
  }
  // A remote not configured now may be one the line adds before the pull (`git remote add x /tmp/y`).
  const changes = incomingChanges(sub, rest, top, { unconfiguredRemote: 'unknown' });
  if (changes === 'none') return 'none';
  if (changes === 'unknown') return { why: `commits git ${sub} brings from another repository, which are not here to read` };
  const sides: MergeSide[] = [];
  for (const change of changes) {
    if (dynamic(change.from) || (change.to !== undefined && dynamic(change.to))) return { why: `git ${sub} brings revisions known only when it runs` };
    const three = /^HEAD\.\.\.(.+)$/.exec(change.from);
    if (three) {
      const base = run('git', ['-C', top, 'merge-base', 'HEAD', three[1]], 4096);
      if ('why' in base) return { why: `git ${sub} brings ${three[1]}, which git could not place (${base.why})` };
      sides.push({ base: base.out.trim(), theirs: three[1], ours: 'HEAD', shown: three[1] });
      continue;
    }
    // cherry-pick applies from -> to onto HEAD; revert applies to -> from.
    const to = change.to ?? 'HEAD';
    sides.push(sub === 'revert' ? { base: to, theirs: change.from, ours: 'HEAD', shown: `the revert of ${to}` } : { base: change.from, theirs: to, ours: 'HEAD', shown: to });
  }
  return sides;
}

/** git's empty tree: the base of the files a stash took untracked. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Files (relative to the repository's top) that differ between two revisions; undefined when git cannot tell. */
function namesChanged(top: string, from: string, to: string): Set<string> | undefined {
  const out = run('git', ['-C', top, 'diff', '--no-renames', '--name-only', '-z', from, to, '--'], LIMITS.listBytes);
  return 'why' in out ? undefined : new Set(out.out.split('\0').filter(Boolean));
}

/** An absolute file as a path from the command's folder (`dir` under it when git ran with -C). */
function relativeTo(cwdAbs: string, file: string, dir: string | undefined): string {
  const rel = relative(cwdAbs, file);
  return dir === undefined ? rel : join(dir, rel);
}

/** `git switch BRANCH`, `git switch -c NEW START`: the working tree becomes that revision's (local
 *  changes git carries over aside). `-c NEW` alone starts from HEAD and changes no file. */
function switchedFiles(ctx: Ctx, rest: string[], dir: string | undefined): Unpacked[] {
  const words: string[] = [];
  for (let j = 0; j < rest.length; j++) {
    const a = rest[j];
    if (/^-[cC]$|^--(create|force-create|orphan)$/.test(a)) { j++; continue; }
    if (a === '-' || (a !== '--' && !a.startsWith('-'))) words.push(a);
  }
  const rev = words[0] === '-' ? '@{-1}' : words[0];
  if (rev === undefined) return [];
  return revisionFiles(ctx, 'checkout', [rev, '--', '.'], dir, rest.some((a) => /^-[a-zA-Z]*[fm]|^--(force|discard-changes|merge)$/.test(a)) ? 'forced' : 'switch');
}

/** Files another revision puts in the working tree, read with `git show REV:PATH` where they differ. */
/** `whole`: the whole working tree changes, every file it changes kept quietly (for what later commands
 *  of the line read; none judged as code planted for tools to run). `tree`: every tracked file becomes
 *  REV's (`reset --hard`). `switch`: the files that differ between HEAD and REV (git carries other local
 *  changes over). `forced`: a switch with `-f` or `--merge`. Either way a file with local changes that the
 *  switch touches is kept as not visible (git refuses, overwrites or merges it). */
function revisionFiles(ctx: Ctx, sub: string, rest: string[], dir: string | undefined, whole?: 'tree' | 'switch' | 'forced', maybePath = false): Unpacked[] {
  const wholeTree = whole !== undefined;
  let rev: string | undefined;
  let paths: string[] = [];
  const dash = rest.indexOf('--');
  if (sub === 'restore') {
    for (let j = 0; j < rest.length; j++) {
      const a = rest[j];
      if (a === '-s' || a === '--source') rev = rest[++j];
      else if (a.startsWith('--source=')) rev = a.slice(9);
      else if (/^-s./.test(a)) rev = a.slice(2);
      else if (a === '--') { paths.push(...rest.slice(j + 1)); break; }
      else if (!a.startsWith('-')) paths.push(a);
    }
    // Without --source, from the index: content an earlier write in the workspace already put there.
    if (rev === undefined || (rest.includes('--staged') && !rest.includes('--worktree') && !rest.includes('-W'))) return [];
  } else {
    // `-b NEW` / `-B NEW` / `--orphan NEW` name the branch made, not a revision or path.
    const words = (dash >= 0 ? rest.slice(0, dash) : rest).filter((a, j, all) => (a === '-' || !a.startsWith('-')) && !/^-[bB]$|^--orphan$/.test(all[j - 1] ?? ''));
    if (dash >= 0) {
      rev = words[0];
      paths = rest.slice(dash + 1);
    } else if (words.length >= 2) {
      rev = words[0];
      paths = words.slice(1);
    } else if (words.length === 1 && !dynamic(words[0])) {
      // `git checkout BRANCH` (`-b NEW START` too): the working tree becomes that revision's, when git
      // reads the word as one. `-b NEW` alone starts from HEAD.
      // A word git does not read as a revision is a path (restored from the index): the diff fails, nothing is kept.
      const only = words[0] === '-' ? '@{-1}' : words[0];
      return revisionFiles(ctx, sub, [only, '--', '.'], dir, rest.some((a) => /^-[a-zA-Z]*[fm]|^--(force|merge)$/.test(a)) ? 'forced' : 'switch', true);
    }
    if (rev === undefined || !paths.length) return [];
  }
  if (dynamic(rev) || paths.some(dynamic)) {
    const why = `files restored from ${rev}, a revision or path known only when it runs`;
    return paths.filter((p) => !dynamic(p)).flatMap((p) => [key(ctx, p), ...ANY_NAMES.map((n) => key(ctx, join(p, n)))]).map((path) => ({ path, hidden: why }));
  }
  const root = ctx.state.workspace ?? process.cwd();
  const cwdAbs = onDisk(ctx, key(ctx, dir ?? '.'));
  const changed = run('git', ['-C', cwdAbs, 'diff', '--no-renames', '--name-only', '--relative', ...(whole === 'switch' ? ['HEAD'] : []), rev, '--', ...paths], LIMITS.listBytes);
  if ('why' in changed && maybePath) return [];
  if ('why' in changed) return paths.map((p) => ({ path: key(ctx, dir === undefined ? p : join(dir, p)), hidden: `files restored from ${rev}, which git could not compare (${changed.why})`, ...(wholeTree ? { quiet: true } : {}) }));
  // Files with local changes that the switch touches: git refuses it (and they stay as they are), or a
  // forced or merging switch overwrites or merges them; which of these happens is not worked out. An
  // untracked file (or one in an untracked folder) the branch adds is refused or overwritten the same way.
  const status = whole === 'switch' || whole === 'forced' ? localChanges(cwdAbs, undefined) : undefined;
  if (status !== undefined && 'why' in status) return [{ path: key(ctx, dir ?? '.'), hidden: `the working tree after a switch to ${rev}, which git could not compare (${status.why})`, quiet: true }];
  const touched = (rel: string) => status?.touches(rel) ?? false;
  const out: Unpacked[] = [];
  let read = 0;
  let implicit = 0;
  const rels = changed.out.split('\n').filter(Boolean);
  const batch = revisionTexts(cwdAbs, rev, rels.filter((r) => !touched(r)).slice(0, LIMITS.members));
  for (const rel of rels) {
    const path = key(ctx, dir === undefined ? rel : join(dir, rel));
    // What lands where tools run code unnamed is judged as written code; any other file is kept, quietly,
    // as the line's written file, so a later `sh b.sh` or `. ./.env` reads what the revision holds.
    const quiet = wholeTree || !implicitTarget(path, root, root);
    if (!quiet && ++implicit > LIMITS.members) {
      out.push({ path, hidden: `more than ${LIMITS.members} implicitly-run files restored from ${rev}`, ...(implicit > LIMITS.members + 1 ? { quiet: true } : {}) });
      continue;
    }
    if (touched(rel)) { out.push({ path, hidden: `${rel}, with local changes a switch to ${rev} keeps (when git refuses it), overwrites or merges`, quiet: true }); continue; }
    if (++read > LIMITS.members) { out.push({ path, hidden: `${rel} at ${rev}: more files than Firebreak reads from one revision`, ...(quiet ? { quiet } : {}) }); continue; }
    const batched = batch?.get(rel);
    // Not in the revision: the switch deletes it; nothing is written.
    if (batched === null) continue;
    const shown = batched !== undefined ? { out: batched } : run('git', ['-C', cwdAbs, 'show', `${rev}:./${rel}`], LIMITS.memberBytes);
    // A file the revision lacks is deleted by the restore, not written.
    if ('why' in shown) { if (!/does not exist|exists on disk, but not in/.test(shown.why)) out.push({ path, hidden: `${rel} at ${rev}, which git could not show (${shown.why})`, ...(quiet ? { quiet } : {}) }); continue; }
    out.push({ path, text: shown.out, ...(quiet ? { quiet } : {}) });
  }
  return out;
}

