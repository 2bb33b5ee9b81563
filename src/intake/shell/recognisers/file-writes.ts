// Plain shell writes judged like deletes where they destroy data: `> /var/lib/...`, `cp /dev/null
// f`, `mv` of a data folder, `sed -i` outside the workspace, `chmod -R 000`, `chown -R`, `ln -sf`
// over a file, `install`, `tee`, `truncate`, `dd of=`, `rsync --delete`. Inside the workspace
// writes stay routine (git keeps what was committed), and scratch space holds nothing of value.
import { lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Evidence, Operation, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../command.js';
import type { FileTarget } from '../file-targets.js';
import { classifyLocation, scratchRoot, type Location } from '../locations.js';
import { writeIntoScratchRoot } from '../scratch-root-writes.js';
import { resolvePathWord, type PathContext, type ResolvedPath } from '../path-resolve.js';
import { committedClean } from '../../../fast/git-status.js';
import { DATA_OR_SECRET_NAMES } from '../../../knowledge/regenerable-output.js';
import { MACHINE_INSTALL_EXCEPTIONS, MACHINE_INSTALL_FOLDERS, SHADOW_SENSITIVE_NAMES, SYSTEM_PROGRAM_FOLDERS } from '../../../knowledge/system-packages.js';
import { isDir } from '../../../util/present.js';

/** Tools whose own recogniser (filesystem.ts) judges their operands; their redirections are judged here. */
const JUDGED_ELSEWHERE = new Set(['rm', 'unlink', 'rmdir', 'shred', 'find', 'mkfs']);
const SENSITIVE = new Set(['system', 'database-data', 'credentials', 'elsewhere']);
const EMPTY_SOURCES = /^\/dev\/(null|zero)$/;
const VERSION_CONTROL_STORES = new Set(['.git', '.svn', '.hg']);
/** Files of a store that hold only local notes: rewriting them loses nothing the store needs. */
const VERSION_CONTROL_NOTES = /^(info\/(exclude|attributes)|description|[A-Z_]*_MSG|COMMIT_EDITMSG)$/;

interface Judged {
  operation: Operation;
  reversibility?: Reversibility;
  says: string;
}

export function outsideWriteActions(
  rc: RecognisedCommand,
  tool: string,
  resolved: { target: FileTarget; path: ResolvedPath }[],
  ctx: PathContext,
  guarded: (path: string) => boolean,
): PlannedAction[] {
  const home = ctx.env.HOME ?? '';
  const where = { workspace: ctx.workspace, home, tmpdir: ctx.env.TMPDIR || tmpdir(), runnerTemp: ctx.env.RUNNER_TEMP };
  const flags = rc.argv.slice(1).filter((a) => a.startsWith('-'));
  const actions: PlannedAction[] = [];
  const seen = new Set<string>();
  for (const { target, path } of resolved) {
    if (target.access === 'read' || (JUDGED_ELSEWHERE.has(tool) && target.role !== 'redirect')) continue;
    // The source of a copy or a link is read; only a move takes it away.
    if (target.role === 'source' && target.access !== 'move') continue;
    // `> /dev/tcp/host/$PORT` opens a connection, not a file (recognisers/raw-protocol.ts judges what is sent).
    if (/^\/dev\/(tcp|udp)\//.test(target.written)) continue;
    const storeAtRunTime = runTimeStoreWrite(tool, target, path, ctx.workspace);
    if (storeAtRunTime) actions.push(makeAction(rc, { operation: 'update', verb: verbOf(tool, target), tool: tool || 'shell', target: { type: 'fs:path', id: storeAtRunTime.within }, scope: 'unknown',
      evidence: [commandEvidence(storeAtRunTime.says, target.role === 'redirect' ? 'redirect' : 'path', target.written)], details: { withinWorkspace: true, path: storeAtRunTime.within, access: target.access } }));
    for (const p of concretePaths(target, path, ctx)) {
      // Devices are not files: block devices are judged by filesystem.ts (dd, redirections).
      if (seen.has(p) || guarded(p) || p.startsWith('/dev/')) continue;
      seen.add(p);
      const location = classifyLocation(p, where, !!path.mktemp);
      if (location.kind === 'workspace') {
        const wiped = workspaceDataWipe(tool, target, p, ctx.workspace, rc.argv);
        // Placed and judged like `rm` of the same file (src/predict/workspace-files.ts).
        if (wiped) actions.push(makeAction(rc, { operation: 'update', verb: verbOf(tool, target), tool: tool || 'shell', target: { type: 'fs:path', id: p }, scope: 'resource',
          evidence: [commandEvidence(wiped, target.role === 'redirect' ? 'redirect' : 'path', p)], details: { withinWorkspace: true, path: p, access: target.access } }));
        continue;
      }
      if (location.kind === 'scratch') continue;
      if (target.access === 'write-tree' && target.role !== 'operand' && scratchRoot(p, where) === p) {
        const into = writeIntoScratchRoot(tool, rc.argv, p, target.sources, ctx, rc.stdin);
        if (into && 'adds' in into) continue;
        if (into) { actions.push(action(rc, tool, target, into.path, classifyLocation(into.path, where), { operation: 'update', says: into.replaces })); continue; }
      }
      const installed = location.kind === 'system' ? machineInstall(rc, tool, target, p) : undefined;
      if (installed) { actions.push(installAction(rc, tool, target, p, installed)); continue; }
      const judged = judge(tool, target, p, location, flags, rc.argv);
      if (!judged) continue;
      actions.push(action(rc, tool, target, p, location, judged));
    }
    // Root writing where only run time says: it could be any file of the machine.
    if (path.unknown && !path.paths.length && !path.unknown.within && elevated(rc) && !seen.has(path.written)) {
      seen.add(path.written);
      actions.push(makeAction(rc, {
        operation: 'update', verb: verbOf(tool, target), tool: tool || 'shell',
        target: { type: 'fs:path', id: path.written }, scope: 'unknown',
        evidence: [commandEvidence(`${path.written} is only known at run time, and the command writes it with elevated privileges: any file of this machine`, 'path', path.written)],
        details: { withinWorkspace: false, location: 'elsewhere', access: target.access },
      }));
      continue;
    }
    if (path.unknown?.within && !path.paths.length) {
      const location = classifyLocation(path.unknown.within, where, !!path.mktemp);
      if (!SENSITIVE.has(location.kind) || seen.has(path.unknown.within)) continue;
      seen.add(path.unknown.within);
      actions.push(makeAction(rc, {
        operation: target.access === 'permissions' ? 'permissions' : 'update', verb: verbOf(tool, target), tool: tool || 'shell',
        target: { type: 'fs:path', id: path.written }, scope: 'unknown',
        evidence: [commandEvidence(`${path.written} is somewhere in ${path.unknown.within} (${path.unknown.part} is only known at run time)`, 'path', path.written), commandEvidence(location.why)],
        details: { withinWorkspace: false, location: location.kind, access: target.access },
      }));
    }
  }
  return actions;
}

/** A program of that name in the system folders or anywhere else on PATH (a pyenv shim, ~/.local/bin):
 *  one put in `folder` shadows it for every caller whose PATH lists `folder` first. */
function onThisMachine(name: string, folder: string): boolean {
  const dirs = new Set([...SYSTEM_PROGRAM_FOLDERS, ...(process.env.PATH ?? '').split(':').filter((d) => d.startsWith('/') && d !== folder)]);
  return [...dirs].some((d) => statKind(`${d}/${name}`) !== undefined);
}

function elevated(rc: RecognisedCommand): boolean {
  return rc.evidence.some((e) => /runs with elevated privileges/.test(e.message));
}

/** The files a target really writes: DIR/name for a copy into an existing folder. */
function concretePaths(target: FileTarget, path: ResolvedPath, ctx: PathContext): string[] {
  const out: string[] = [];
  for (const p of path.paths) {
    if (target.role === 'destination' && target.access !== 'write-tree' && isDir(p) && target.sources?.length) {
      for (const s of target.sources) {
        const name = s.replace(/\/+$/, '').split('/').pop();
        if (name && name !== '.' && name !== '..') out.push(...resolvePathWord(`${p}/${name}`, ctx).paths.slice(0, 1));
      }
    } else out.push(p);
  }
  return out;
}

function judge(tool: string, t: FileTarget, p: string, location: Location, flags: string[], argv: readonly string[]): Judged | undefined {
  const exists = statKind(p);
  const sensitive = SENSITIVE.has(location.kind);
  const create = (): Judged | undefined => (sensitive ? { operation: 'create', says: `creates ${p}` } : undefined);
  switch (t.access) {
    case 'permissions':
      if (!exists && !sensitive) return undefined;
      // `chmod 700 ~/.ssh`, `chmod go-rwx key`: only others lose access to credentials, as ssh and gpg require.
      if (location.kind === 'credentials' && tool === 'chmod' && privateMode(flags, modeWord(argv))) return undefined;
      return t.recursive
        ? { operation: 'permissions', reversibility: 'irreversible', says: `changes the permissions or owner of ${p} and everything below it; the previous modes and owners are not recorded` }
        : { operation: 'permissions', says: `changes the permissions or owner of ${p}` };
    case 'move':
      if (!exists && !sensitive) return undefined;
      if (tool === 'gzip' || tool === 'bzip2' || tool === 'xz' || tool === 'gunzip' || tool === 'bunzip2' || tool === 'unxz') {
        return { operation: 'delete', reversibility: 'recoverable', says: `replaces ${p} with a compressed (or decompressed) copy: programs that read ${p} no longer find it` };
      }
      return { operation: 'delete', reversibility: 'recoverable', says: `moves ${p} away: whatever reads it there breaks until it is moved back` };
    case 'link':
      if (exists && t.force) return { operation: 'replace', reversibility: 'irreversible', says: `replaces ${p} with a link: its contents are lost` };
      return exists ? undefined : create();
    case 'write-tree':
      if (tool === 'rsync' && flags.some((f) => /^--(delete|del)\b/.test(f))) {
        return { operation: 'delete', says: `rsync --delete removes every file in ${p} that the source does not have` };
      }
      return sensitive ? { operation: 'update', says: `writes files into ${p}, overwriting any with the same names` } : undefined;
    case 'write': {
      if (tool === 'touch') return exists ? undefined : create();
      if (t.append || growsOnly(tool, argv)) {
        const says = t.append ? `appends to ${p}` : `adds zero bytes to the end of ${p}`;
        return sensitive && exists ? { operation: 'update', says } : exists ? undefined : create();
      }
      if ((tool === 'sed' || tool === 'perl') && t.role === 'operand') {
        // Judged here may be run elsewhere (a script in a pull request): a sensitive path counts.
        if (!exists) return sensitive ? { operation: 'update', says: `edits ${p} in place` } : undefined;
        return t.backup
          ? { operation: 'update', reversibility: 'recoverable', says: `edits ${p} in place (a backup copy is kept)` }
          : { operation: 'update', reversibility: 'irreversible', says: `edits ${p} in place without a backup: the previous contents are lost` };
      }
      if (!exists) return sensitive && location.kind !== 'elsewhere' ? { operation: 'update', says: `writes ${p} (replacing it if it exists where this runs)` } : create();
      if (exists === 'dir') return undefined;
      const emptied = t.sources?.some((s) => EMPTY_SOURCES.test(s)) || tool === 'truncate';
      return { operation: 'update', reversibility: 'irreversible', says: emptied ? `empties ${p}: its contents are lost` : `overwrites ${p}: its previous contents are lost` };
    }
    default:
      return undefined;
  }
}

/** `truncate -s +1M`, `-s >1M` and `-s %4K` only grow the file: what was there stays, like an append.
 *  The last size given counts; with `-r FILE` the size is taken from another file and may shrink it. */
function growsOnly(tool: string, argv: readonly string[]): boolean {
  if (tool !== 'truncate') return false;
  let size: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (/^(-r|--reference)/.test(a)) return false;
    const joined = /^(?:-s|--size=)(.+)$/.exec(a);
    if (joined) size = joined[1];
    else if (a === '-s' || a === '--size') size = argv[++i];
  }
  return size !== undefined && /^[+>%]/.test(size);
}

/** Inside the workspace writes are routine, except emptying or overwriting a file that holds data or
 *  secrets by its name (`cp /dev/null app.db`, `: > .env`) and that git does not hold as it is, or a
 *  file of a version-control store (`> .git/HEAD`, `: > .git/packed-refs`: refs and history git keeps
 *  nowhere else), as `rm` of it is judged. */
function workspaceDataWipe(tool: string, t: FileTarget, p: string, workspace: string, argv: readonly string[]): string | undefined {
  const replaces = (t.access === 'write' && !t.append && tool !== 'touch' && tool !== 'sed' && tool !== 'perl') || (t.access === 'link' && t.force);
  if (!replaces || statKind(p) !== 'file') return undefined;
  if (growsOnly(tool, argv)) return undefined;
  const store = versionControlStoreFile(p, workspace);
  if (store) return `overwrites ${p}, a file of the version-control store ${store}: refs, the index or history git keeps nowhere else are lost (${p.split('/').pop()})`;
  const name = p.split('/').pop() ?? '';
  if (!DATA_OR_SECRET_NAMES.some((re) => re.test(name)) || committedClean(workspace, p)) return undefined;
  const emptied = t.sources?.some((s) => EMPTY_SOURCES.test(s)) || tool === 'truncate' || tool === ':' || tool === '';
  return `${emptied ? 'empties' : 'overwrites'} ${p}, which holds data or secrets by its name (${name}): its previous contents are lost`;
}

/** `> .git/refs/heads/$(git branch --show-current)`: a file of the version-control store named at run
 *  time may be one that is there now; writing over it is judged as writing over a known one. */
function runTimeStoreWrite(tool: string, t: FileTarget, path: ResolvedPath, workspace: string): { within: string; says: string } | undefined {
  const within = path.unknown?.within;
  if (!within || !(within === workspace || within.startsWith(`${workspace}/`)) || !(t.access === 'write' && !t.append && tool !== 'touch' && tool !== 'sed' && tool !== 'perl')) return undefined;
  const store = versionControlStoreFile(`${within}/x`, workspace);
  return store ? { within, says: `writes ${t.written}, a file of the version-control store ${store} named only at run time (${path.unknown!.part}): it may be a ref or the index that is there now` } : undefined;
}

/** The store folder (`.git`, `.svn`, `.hg`) a workspace file is inside, unless the file only holds
 *  local notes the store does not depend on (`.git/info/exclude`, a commit message being written). */
function versionControlStoreFile(p: string, workspace: string): string | undefined {
  const parts = (p.startsWith(`${workspace}/`) ? p.slice(workspace.length + 1) : p).split('/');
  const at = parts.findIndex((n) => VERSION_CONTROL_STORES.has(n));
  if (at < 0) return undefined;
  const inside = parts.slice(at + 1).join('/');
  return VERSION_CONTROL_NOTES.test(inside) ? undefined : parts.slice(0, at + 1).join('/');
}

function action(rc: RecognisedCommand, tool: string, t: FileTarget, p: string, location: Location, j: Judged): PlannedAction {
  const evidence: Evidence[] = [commandEvidence(j.says, t.role === 'redirect' ? 'redirect' : 'path', p), commandEvidence(location.why)];
  return makeAction(rc, {
    operation: j.operation,
    verb: verbOf(tool, t),
    tool: tool || 'shell',
    target: { type: 'fs:path', id: p },
    scope: t.recursive ? 'unknown' : 'resource',
    evidence,
    ...(j.reversibility ? { intrinsic: { reversibility: j.reversibility, evidence: [commandEvidence(j.says)] } } : {}),
    details: { withinWorkspace: false, path: p, location: location.kind, access: t.access, ...(t.recursive ? { recursive: true } : {}) },
  });
}

/** A new program, manual page, completion or header put under /usr/local (MACHINE_INSTALL_FOLDERS):
 *  a reversible change of this machine, undone by deleting what was put there. Not when something is
 *  there already (its previous version is lost), when a program would shadow one of the system's
 *  (/usr/local/bin/ssh), when a folder of unknown files is unpacked there (`tar -C /usr/local/bin`),
 *  for moves out of it, recursive or set-id permission changes, or owners. Returns how to undo it. */
function machineInstall(rc: RecognisedCommand, tool: string, t: FileTarget, p: string): string | undefined {
  const folder = MACHINE_INSTALL_FOLDERS.find((f) => p.startsWith(`${f}/`));
  if (!folder || p.split('/').includes('..') || t.glob || MACHINE_INSTALL_EXCEPTIONS.some((e) => p === e || p.startsWith(`${e}/`))) return undefined;
  const name = p.slice(p.lastIndexOf('/') + 1);
  if ((folder.endsWith('/bin') || folder.endsWith('/sbin')) && (p.slice(folder.length + 1).includes('/') || SHADOW_SENSITIVE_NAMES.has(name) || onThisMachine(name, folder))) return undefined;
  const exists = statKind(p);
  switch (t.access) {
    case 'write':
    case 'write-tree':
      if (exists || t.append) return undefined;
      if (tool === 'install' && !safeMode(optionAfter(rc.argv, ['-m', '--mode']))) return undefined;
      if (tool === 'install' && rc.argv.some((a) => /^-[a-zA-Z]*d[a-zA-Z]*$|^--directory$/.test(a))) return `sudo rmdir ${p}`;
      return t.access === 'write-tree' ? `sudo rm -r ${p}` : `sudo rm ${p}`;
    case 'link':
      return exists ? undefined : `sudo rm ${p}`;
    case 'permissions': {
      if (tool !== 'chmod' || t.recursive) return undefined;
      const mode = rc.argv.slice(1).find((a) => /^[0-7]{3,4}$|^[ugoa]*[-+=][rwxXst]*$/.test(a));
      return safeMode(mode) ? `chmod back to the previous mode (\`stat -c %a ${p}\` shows it before)` : undefined;
    }
    default:
      return undefined;
  }
}

function optionAfter(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (names.includes(argv[i])) return argv[i + 1];
    const eq = names.find((n) => n.startsWith('--') && argv[i].startsWith(`${n}=`));
    if (eq) return argv[i].slice(eq.length + 1);
    if (argv[i].startsWith('-m') && argv[i].length > 2 && names.includes('-m')) return argv[i].slice(2);
  }
  return undefined;
}

/** The mode word of a chmod (the first operand that reads as a mode). */
function modeWord(argv: readonly string[]): string | undefined {
  return argv.slice(1).find((a) => /^[0-7]{3,4}$|^[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*$/.test(a));
}

/** A mode that keeps the owner's read and write and takes everything from group and others. */
function privateMode(flags: readonly string[], mode: string | undefined): boolean {
  if (mode === undefined || flags.some((f) => f === '--reference' || f.startsWith('--reference='))) return false;
  if (/^0?[67]00$/.test(mode)) return true;
  return mode.split(',').every((part) => /^[go]+-[rwxXst]+$/.test(part));
}

/** A mode that makes a file readable or runnable, not set-id, sticky, or writable by others. */
function safeMode(mode: string | undefined): boolean {
  if (mode === undefined) return true;
  if (/^[0-7]{3,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    return digits[0] === '0' && !/[2367]/.test(digits.slice(2));
  }
  const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(mode);
  if (!m) return false;
  return m[2] === '-' || !m[3].includes('w') || m[1] === 'u';
}

function installAction(rc: RecognisedCommand, tool: string, t: FileTarget, p: string, undo: string): PlannedAction {
  const says = t.access === 'permissions' ? `changes the mode of ${p}, a program installed under /usr/local` : `installs ${p} under /usr/local, where the administrator installs software: nothing of the system's is replaced`;
  return makeAction(rc, {
    operation: t.access === 'permissions' ? 'permissions' : 'create',
    verb: verbOf(tool, t),
    tool: tool || 'shell',
    target: { type: 'fs:path', id: p },
    scope: 'resource',
    evidence: [commandEvidence(says, t.role === 'redirect' ? 'redirect' : 'path', p), commandEvidence(`undo: ${undo}`)],
    intrinsic: { reversibility: 'reversible', evidence: [commandEvidence(`a reversible change of this machine: ${undo}`)] },
    details: { withinWorkspace: false, path: p, location: 'system', access: t.access, machineInstall: true, undo },
  });
}

function verbOf(tool: string, t: FileTarget): string {
  if (t.role === 'redirect') return t.append ? '>>' : '>';
  return tool || 'shell';
}

function statKind(p: string): 'file' | 'dir' | 'other' | undefined {
  try {
    const s = lstatSync(p);
    if (s.isSymbolicLink()) return 'file';
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

