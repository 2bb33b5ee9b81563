// Plain shell writes judged like deletes where they destroy data: `> /var/lib/...`, `cp /dev/null
// f`, `mv` of a data folder, `sed -i` outside the workspace, `chmod -R 000`, `chown -R`, `ln -sf`
// over a file, `install`, `tee`, `truncate`, `dd of=`, `rsync --delete`. Inside the workspace
// writes stay routine (git keeps what was committed), and scratch space holds nothing of value.
import { lstatSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Evidence, Operation, Reversibility } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../command.js';
import type { FileTarget } from '../file-targets.js';
import { classifyLocation, type Location } from '../locations.js';
import { resolvePathWord, type PathContext, type ResolvedPath } from '../path-resolve.js';

/** Tools whose own recogniser (filesystem.ts) judges their operands; their redirections are judged here. */
const JUDGED_ELSEWHERE = new Set(['rm', 'unlink', 'rmdir', 'shred', 'find', 'mkfs']);
const SENSITIVE = new Set(['system', 'database-data', 'credentials', 'elsewhere']);
const EMPTY_SOURCES = /^\/dev\/(null|zero)$/;

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
    for (const p of concretePaths(target, path, ctx)) {
      // Devices are not files: block devices are judged by filesystem.ts (dd, redirections).
      if (seen.has(p) || guarded(p) || p.startsWith('/dev/')) continue;
      seen.add(p);
      const location = classifyLocation(p, where, !!path.mktemp);
      if (location.kind === 'workspace' || location.kind === 'scratch') continue;
      const judged = judge(tool, target, p, location, flags);
      if (!judged) continue;
      actions.push(action(rc, tool, target, p, location, judged));
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

function judge(tool: string, t: FileTarget, p: string, location: Location, flags: string[]): Judged | undefined {
  const exists = statKind(p);
  const sensitive = SENSITIVE.has(location.kind);
  const create = (): Judged | undefined => (sensitive ? { operation: 'create', says: `creates ${p}` } : undefined);
  switch (t.access) {
    case 'permissions':
      if (!exists && !sensitive) return undefined;
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
      if (tool === 'truncate' && flags.some((f) => /^(-s|--size)=?[+>]/.test(f))) return undefined;
      if (t.append) return sensitive && exists ? { operation: 'update', says: `appends to ${p}` } : exists ? undefined : create();
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

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
