// What a command line moves or links before it deletes: `mv prod.db dist/ && rm -rf dist` deletes
// prod.db, though a move inside the workspace is no action and the content scan of dist (on disk,
// before the line runs) cannot see it. `rm` asks here which moves (`mv`, `rsync
// --remove-source-files`) brought something into the folder it deletes, and which links (`ln -s`)
// its path goes through, and deletes those sources too. Copies (`cp -r`, `rsync` without
// --remove-source-files, `tar -x -C dir`) leave their source where it was: deleting the copy loses nothing.
// Kept per line, by the map of files the line writes (shared by every command of the line).
import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { scriptPath, writtenFileKey } from '../code/source.js';

export interface Move {
  /** The source as written, and the folder it was written in. */
  from: string;
  cwd: string | undefined;
  /** Where it is now (a written-file key: relative to the workspace as the line moved). */
  to: string;
  how: 'mv' | 'rsync --remove-source-files' | 'ln -s' | 'ln';
  /** `to` is text with a value known only when the line runs (`$(mktemp -d)/l`): matched as written. */
  opaque?: true;
}

const MOVES = new WeakMap<Map<string, string>, Move[]>();
/** A device (`ln -sf /dev/null f`): writing through a link to it loses nothing. */
const DEVICE = /^\/dev\//;
const MAX_MOVES = 256;

interface State { cwd?: string; workspace?: string; files?: Map<string, string>; env?: Record<string, string | undefined> }

/** Records the moves and links of one command (`argv` after wrappers). */
export function recordMoves(name: string, written: readonly string[], state: State): void {
  if (!state.files || !['mv', 'ln', 'rsync', 'cp', 'link'].includes(name)) return;
  // Variables the line set (`D=dist; mv x $D/`) as their values; others stay, and such a path is not followed.
  const argv = written.map((a) => withValues(a, state.env));
  // `cp -s` and `cp -l` make links as ln does (`cp -l notes.md /tmp/n`: one file under two names).
  const symbolic = argv.some((a) => a === '--symbolic' || (name === 'ln' && /^-[a-zA-Z]*s/.test(a)) || (name === 'cp' && (a === '--symbolic-link' || /^-[a-zA-Z]*s/.test(a))));
  // `link FILE1 FILE2` is the bare link(2) call: a hard link.
  const hard = !symbolic && (name === 'ln' || name === 'link' || (name === 'cp' && argv.some((a) => a === '--link' || /^-[a-zA-Z]*l/.test(a))));
  const found = name === 'mv' ? moves(argv, state, 'mv')
    : symbolic && (name === 'ln' || name === 'cp') ? moves(argv, state, 'ln -s')
    : hard ? moves(argv, state, 'ln')
    : name === 'rsync' && argv.includes('--remove-source-files') ? rsyncMoves(argv, state)
    : [];
  if (!found.length) return;
  const list = MOVES.get(state.files) ?? [];
  list.push(...found.slice(0, MAX_MOVES - list.length));
  MOVES.set(state.files, list);
}

function moves(argv: readonly string[], state: State, how: 'mv' | 'ln -s' | 'ln'): Move[] {
  const operands: string[] = [];
  let targetDir: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { operands.push(...argv.slice(i + 1)); break; }
    if (a === '-t' || a === '--target-directory') targetDir = argv[++i];
    else if (a.startsWith('--target-directory=')) targetDir = a.slice('--target-directory='.length);
    else if (a === '-S' || a === '--suffix') i++;
    else if (!a.startsWith('-') || a === '-') operands.push(a);
  }
  // `ln -s TARGET` makes the link in the folder it runs in.
  if (how !== 'mv' && targetDir === undefined && operands.length === 1) operands.push('.');
  if (targetDir === undefined && operands.length < 2) return [];
  const sources = targetDir === undefined ? operands.slice(0, -1) : operands;
  const dest = targetDir ?? operands[operands.length - 1]!;
  // `d=$(mktemp -d); ln -s /srv/data $d/l`: a folder known only when the line runs. The link (or what is
  // moved) may be the path itself or a name inside it, if it is a folder: both are kept, as written.
  if (/[$`]/.test(dest)) {
    // A relative link target is found from the link's folder, known only at run time: kept as text under it.
    const target = (from: string, to: string) => (how === 'ln -s' && !isAbsolute(from) && !/^[~$]/.test(from) ? `${normalText(to).replace(/\/[^/]*$/, '')}/${from}` : from);
    return sources.flatMap((from) => [...new Set([dest, join(dest, basename(from))])].map((to) => ({ from: target(from, to), cwd: state.cwd, to: normalText(to), how, opaque: true as const })));
  }
  const intoFolder = targetDir !== undefined || sources.length > 1 || dest.endsWith('/') || dest === '.' || isFolder(state, writtenFileKey(dest, state.cwd));
  return sources.map((from) => {
    const to = writtenFileKey(intoFolder ? join(dest, basename(from)) : dest, state.cwd);
    // A relative link target is resolved from the link's folder.
    const source = how === 'ln -s' && !isAbsolute(from) && !/^[~$]/.test(from) ? { from: join(dirname(to), from), cwd: undefined } : { from, cwd: state.cwd };
    return { ...source, to, how };
  });
}

function rsyncMoves(argv: readonly string[], state: State): Move[] {
  const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (operands.length < 2) return [];
  const dest = operands[operands.length - 1]!;
  if (/[$`]/.test(dest) || /^[^/]*:/.test(dest)) return [];
  // `src/` moves what is in src; `src` moves the folder itself into dest.
  return operands.slice(0, -1).filter((s) => !/^[^/]*:/.test(s)).map((from) => ({
    from, cwd: state.cwd, to: writtenFileKey(from.endsWith('/') ? dest : join(dest, basename(from)), state.cwd), how: 'rsync --remove-source-files' as const,
  }));
}

function isFolder(state: State, key: string): boolean {
  try {
    return statSync(scriptPath({ workspace: state.workspace }, key)).isDirectory();
  } catch {
    return false;
  }
}

export interface MovedAway {
  /** The path the delete reaches, as written for `analysePath`, and the folder it is written in. */
  path: string;
  cwd: string | undefined;
  why: string;
  /** Reached through a link: a target that is not there holds nothing to lose. */
  linked?: true;
}

/**
 * What deleting `path` (as written, in `cwd`) deletes of what the line moved or linked before it: a
 * source moved into it (or into a folder it is inside of), the target of a link it goes through.
 * `replaces`: the path itself did not exist before the line and only holds what was moved there.
 */
export function deletedThroughMoves(files: Map<string, string>, path: string, cwd: string | undefined, workspace: string | undefined, env?: Readonly<Record<string, string | undefined>>, emptying = false): { reached: MovedAway[]; replaces: boolean } {
  const list = MOVES.get(files);
  if (!list?.length) return { reached: [], replaces: false };
  if (/[$`]/.test(path)) return { reached: reachedAsWritten(list.filter((m) => m.opaque), withValues(path, env), path, emptying), replaces: false };
  const abs = (key: string) => scriptPath({ workspace }, key);
  // A glob deletes within the folder before its first pattern.
  const parts = path.split('/');
  const globAt = parts.findIndex((p) => /[*?[]/.test(p));
  const target = abs(writtenFileKey(globAt >= 0 ? parts.slice(0, globAt).join('/') || '.' : path, cwd));
  const throughLink = path.endsWith('/') || globAt >= 0;
  const reached: MovedAway[] = [];
  let replaces = false;
  for (const m of list) {
    if (m.opaque) continue;
    const to = abs(m.to);
    if (m.how === 'ln') {
      // A hard link is the file under another name: emptying it empties the file; deleting it deletes a name.
      if (emptying && relative(to, target) === '' && !DEVICE.test(m.from)) reached.push({ path: m.from, cwd: m.cwd, why: `a hard link earlier in this command made ${m.to} the same file as ${m.from}, so emptying ${path} empties ${m.from}`, linked: true });
      continue;
    }
    if (m.how === 'ln -s') {
      // rm does not follow a link it deletes; a path through it (`link/`, `link/x`, `link/*`) reaches the
      // target, and so does emptying the link itself (`: > link`, `truncate -s 0 link` write through it).
      const rel = relative(to, target);
      if ((rel === '' && (throughLink || (emptying && !DEVICE.test(m.from)))) || (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel))) {
        reached.push({ path: join(m.from, rel), cwd: m.cwd, why: `ln -s made ${m.to} a link to ${m.from} earlier in this command, so deleting ${path} deletes ${join(m.from, rel)}`, ...(rel === '' && !throughLink ? { linked: true as const } : {}) });
      }
      continue;
    }
    const inside = relative(target, to);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      if (globAt >= 0 && inside === '') continue;
      reached.push({ path: m.from, cwd: m.cwd, why: `${m.how} moved ${m.from} to ${m.to} earlier in this command, so deleting ${path} deletes it` });
      if (inside === '' && !existsOnDisk(target)) replaces = true;
      continue;
    }
    const below = relative(to, target);
    if (!below.startsWith('..') && !isAbsolute(below)) {
      reached.push({ path: join(m.from, below), cwd: m.cwd, why: `${m.how} moved ${m.from} to ${m.to} earlier in this command, so deleting ${path} deletes ${join(m.from, below)}` });
      if (!existsOnDisk(target)) replaces = true;
    }
  }
  return { reached, replaces };
}

/** Variables the line set, as their values (`$(mktemp -d)` stays as written); others stay. */
function withValues(text: string, env: Readonly<Record<string, string | undefined>> | undefined): string {
  // `e=$d`: a value that names another variable is followed a few steps.
  let out = text;
  for (let i = 0; i < 4; i++) {
    const next = out.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, braced?: string, bare?: string) => env?.[(braced ?? bare)!] ?? m);
    if (next === out) break;
    out = next;
  }
  return out;
}

function normalText(path: string): string {
  return path.replace(/\/{2,}/g, '/').replace(/(.)\/+$/, '$1');
}

/** Moves and links into folders known only at run time, against a delete path of the same kind: compared as
 *  text, so `rm -rf $d/l/` after `ln -s /srv/data $d/l` reaches /srv/data. */
function reachedAsWritten(list: readonly Move[], path: string, written: string, emptying: boolean): MovedAway[] {
  const parts = path.split('/');
  const globAt = parts.findIndex((p) => /[*?[]/.test(p));
  const target = normalText(globAt >= 0 ? parts.slice(0, globAt).join('/') : path);
  const throughLink = path.endsWith('/') || globAt >= 0;
  const under = (outer: string, inner: string) => (inner === outer ? '' : inner.startsWith(`${outer}/`) ? inner.slice(outer.length + 1) : undefined);
  const reached: MovedAway[] = [];
  for (const m of list) {
    const below = under(m.to, target);
    if (m.how === 'ln') {
      if (emptying && below === '' && !DEVICE.test(m.from)) reached.push({ path: m.from, cwd: m.cwd, why: `a hard link earlier in this command made ${m.to} the same file as ${m.from}, so emptying ${written} empties ${m.from}`, linked: true });
      continue;
    }
    if (m.how === 'ln -s') {
      if (below === undefined || (below === '' && !throughLink && !(emptying && !DEVICE.test(m.from)))) continue;
      reached.push({ path: below ? join(m.from, below) : m.from, cwd: m.cwd, why: `ln -s made ${m.to} a link to ${m.from} earlier in this command, so deleting ${written} deletes ${below ? join(m.from, below) : m.from}`, ...(below === '' && !throughLink ? { linked: true as const } : {}) });
      continue;
    }
    const inside = under(target, m.to);
    if (inside !== undefined && !(globAt >= 0 && inside === '')) reached.push({ path: m.from, cwd: m.cwd, why: `${m.how} moved ${m.from} to ${m.to} earlier in this command, so deleting ${written} deletes it` });
    else if (below) reached.push({ path: join(m.from, below), cwd: m.cwd, why: `${m.how} moved ${m.from} to ${m.to} earlier in this command, so deleting ${written} deletes ${join(m.from, below)}` });
  }
  return reached;
}

function existsOnDisk(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
