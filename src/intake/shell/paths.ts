// What a path operand of a destructive file command really covers: home, root, system
// directories, unbounded globs, unresolved variables, `..` escapes.
import { lstatSync } from 'node:fs';
import type { Evidence } from '../../model.js';
import { commandEvidence } from './command.js';
import { classifyLocation, type LocationKind } from './locations.js';
import { isWithin, resolvePathWord } from './path-resolve.js';
import type { Word } from './syntax.js';

export type PathDanger = 'home' | 'root' | 'system' | 'unbounded-glob' | 'variable' | 'workspace-root';

export interface PathAnalysis {
  /** The path as written (quotes removed, expansions kept). */
  path: string;
  danger?: PathDanger;
  withinWorkspace: boolean;
  evidence: Evidence[];
  /** Absolute path, when the word resolves to one path. */
  absolute?: string;
  /** Where the path lies (workspace, scratch, system, ...), when it resolves. */
  location?: LocationKind;
  /** `build/$X`: the word can only name something inside this workspace folder. */
  boundedBy?: string;
  /** The word resolves and nothing is there now (no file, folder or link; a glob that matches nothing). */
  absent?: boolean;
}

const SYSTEM_TOP = new Set(['etc', 'usr', 'var', 'bin', 'sbin', 'boot', 'lib', 'lib32', 'lib64', 'opt', 'sys', 'proc', 'dev',
  'root', 'home', 'srv', 'mnt', 'media', 'snap', 'Users', 'System', 'Library', 'Applications', 'private', 'Volumes', 'nix']);
const HOME = /^(~[A-Za-z0-9_.-]*|\$HOME|\$\{HOME\})$/;
const UNBOUNDED_GLOB_SEGMENT = new Set(['*', '.*', '*.*', '**', '{*,.*}', '.[!.]*']);

export function analysePath(word: Word, env: Record<string, string | undefined>, cwd?: string, workspace?: string): PathAnalysis {
  const path = word.value;
  const evidence: Evidence[] = [];
  const expanded = expandKnownVariables(path, env);
  const effective = cwd !== undefined && !isAbsoluteLike(expanded) ? `${cwd.replace(/\/+$/, '')}/${expanded}` : expanded;
  if (cwd !== undefined && effective !== expanded) evidence.push(commandEvidence(`relative to ${cwd} (cd earlier in the command)`, 'cwd', cwd));
  if (expanded !== path) evidence.push(commandEvidence(`${path} expands to ${expanded}`, 'path', expanded));
  const segments = effective.split('/');
  const trimmed = effective.replace(/\/+$/, '');
  let danger: PathDanger | undefined;

  const unresolved = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(expanded);
  if (unresolved && unresolved[1] !== 'HOME') {
    danger = 'variable';
    evidence.push(commandEvidence(
      `path uses the unresolved variable $${unresolved[1]}; if it is empty the path becomes ${expanded.replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '') || '(empty)'}`,
      'path', path));
  }
  if (word.substitutions.length) {
    danger = 'variable';
    evidence.push(commandEvidence('path is computed by a command substitution at run time', 'path', path));
  }
  if (trimmed === '' && effective.startsWith('/')) {
    danger = 'root';
    evidence.push(commandEvidence('targets the filesystem root /', 'path', path));
  } else if (HOME.test(trimmed) || /^(~|\$HOME|\$\{HOME\})\/\.?$/.test(effective)) {
    danger = 'home';
    evidence.push(commandEvidence(`${path} is the user's home directory`, 'path', path));
  } else if (isSystemPath(trimmed)) {
    danger = 'system';
    evidence.push(commandEvidence(`${path} is a system directory`, 'path', path));
  }
  if (word.glob) {
    const last = segments.filter(Boolean).pop() ?? '';
    const parent = segments.slice(0, -1).join('/');
    const boundless = UNBOUNDED_GLOB_SEGMENT.has(last);
    evidence.push(commandEvidence(boundless ? `glob ${path} matches everything in ${parent || 'the current directory'}` : `glob ${path} matches files not named in the command`, 'glob', path));
    if (boundless) {
      if (parent === '' && effective.startsWith('/')) danger = 'root';
      else if (HOME.test(parent)) danger = 'home';
      else if (isSystemPath(parent)) danger = 'system';
      else if (parent === '' || parent === '.' || parent === '..' || !isAbsoluteLike(parent) && escapesWorkspace(parent)) danger ??= 'workspace-root';
      else if (isAbsoluteLike(parent)) danger ??= 'unbounded-glob';
      // `build/*` empties a workspace directory: no worse than `rm -rf build`
    }
  }
  if (!danger && /^\.\/?$/.test(effective)) {
    danger = 'workspace-root';
    evidence.push(commandEvidence('targets the whole working directory', 'path', path));
  }
  const escapes = escapesWorkspace(effective);
  if (escapes) evidence.push(commandEvidence(`${path} climbs out of the working directory with ..`, 'path', path));
  let withinWorkspace = !isAbsoluteLike(effective) && !escapes && !unresolved && !word.substitutions.length;

  // What the word names on this machine: $PWD, $(pwd), $(mktemp), symlinks, the workspace.
  const ws = workspace ?? process.cwd();
  const r = resolvePathWord(path, { workspace: ws, ...(cwd !== undefined ? { cwd } : {}), vars: env, env: process.env }, word.glob);
  const out: PathAnalysis = { path, danger, withinWorkspace, evidence };
  if (!r.unknown && r.paths.length) {
    if (danger === 'variable') {
      // `$(pwd)`, `$PWD`: the working directory itself, as `.` is.
      out.danger = r.paths.length === 1 && r.paths[0] === ws && !r.glob ? 'workspace-root' : undefined;
      evidence.push(commandEvidence(`${path} resolves to ${r.paths[0]}${r.mktemp ? ' (made by mktemp in this command)' : ''}`, 'path', r.paths[0]));
    }
    const kinds = r.paths.map((p) => classifyLocation(p, { workspace: ws, home: process.env.HOME ?? '', tmpdir: process.env.TMPDIR, runnerTemp: process.env.RUNNER_TEMP }, !!r.mktemp && !r.glob));
    const worst = kinds.find((k) => k.kind !== 'workspace' && k.kind !== 'scratch') ?? kinds.find((k) => k.kind === 'scratch') ?? kinds[0];
    // Climbing out of the workspace with .. reaches the project's neighbours, not scratch, wherever that is here.
    out.location = escapes && worst.kind === 'scratch' ? 'elsewhere' : worst.kind;
    if (!r.glob) out.absolute = r.paths[0];
    if (r.glob ? !r.glob.matched : r.paths.every((p) => !present(p))) out.absent = true;
    // A symlink inside the workspace that points out of it is not inside the workspace.
    const allWorkspace = kinds.every((k) => k.kind === 'workspace');
    out.withinWorkspace = (out.danger === undefined ? allWorkspace : withinWorkspace && allWorkspace) && !(r.paths.length === 1 && r.paths[0] === ws);
    if (worst.kind === 'database-data') evidence.push(commandEvidence(worst.why, 'path', path));
    if (out.location === 'scratch' && out.danger === undefined) evidence.push(commandEvidence(worst.why, 'path', path));
  } else if (r.unknown?.within && isWithin(r.unknown.within, ws) && r.unknown.within !== ws && !escapes) {
    // `build/$X`: whatever $X holds, the path stays in build/ (a value climbing out with .. is not assumed).
    out.danger = undefined;
    out.withinWorkspace = true;
    out.boundedBy = r.unknown.within;
    evidence.push(commandEvidence(`${path} can only name something inside ${r.unknown.within.slice(ws.length + 1) || '.'} (${r.unknown.part} is only known at run time)`, 'path', path));
  }
  return out;
}

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

/** Substitutes `$NAME`/`${NAME}` that the command line itself assigned. */
export function expandKnownVariables(path: string, env: Record<string, string | undefined>): string {
  return path.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (all, name: string) => {
    const v = env[name];
    return v !== undefined && !v.includes('$') ? v : all;
  });
}

function isAbsoluteLike(p: string): boolean {
  return p.startsWith('/') || p.startsWith('~') || p.startsWith('$');
}

function isSystemPath(p: string): boolean {
  if (!p.startsWith('/')) return false;
  const parts = p.split('/').filter(Boolean);
  return parts.length > 0 && parts.length <= 2 && SYSTEM_TOP.has(parts[0]);
}

function escapesWorkspace(p: string): boolean {
  if (isAbsoluteLike(p)) return false;
  let depth = 0;
  for (const seg of p.split('/')) {
    if (seg === '..') depth--;
    else if (seg && seg !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}
