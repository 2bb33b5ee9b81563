// What a path operand of a destructive file command really covers: home, root, system
// directories, unbounded globs, unresolved variables, `..` escapes.
import { dirname } from 'node:path';
import type { Evidence } from '../../model.js';
import { commandEvidence } from './command.js';
import { classifyLocation, type LocationKind } from './locations.js';
import { isWithin, resolvePathWord, withRealPaths } from './path-resolve.js';
import { present } from '../../util/present.js';
import type { Word } from './syntax.js';
import type { ContainerView } from './container-paths.js';

export type PathDanger = 'home' | 'root' | 'system' | 'unbounded-glob' | 'variable' | 'workspace-root';

export interface PathAnalysis {
  /** The path as written (quotes removed, expansions kept). */
  path: string;
  danger?: PathDanger;
  withinWorkspace: boolean;
  evidence: Evidence[];
  /** Absolute path, when the word resolves to one path. */
  absolute?: string;
  /** The absolute glob pattern, when the word is a glob whose folder resolves (`${DIR:?}/*`). */
  pattern?: string;
  /** Where the path lies (workspace, scratch, system, ...), when it resolves. */
  location?: LocationKind;
  /** `build/$X`: the word can only name something inside this workspace folder. */
  boundedBy?: string;
  /** Part of the path stays unknown: where its value comes from and where the path may land. */
  unknownWhy?: string;
  /** The word resolves and nothing is there now (no file, folder or link; a glob that matches nothing). */
  absent?: boolean;
}

const SYSTEM_TOP = new Set(['etc', 'usr', 'var', 'bin', 'sbin', 'boot', 'lib', 'lib32', 'lib64', 'opt', 'sys', 'proc', 'dev',
  'root', 'home', 'srv', 'mnt', 'media', 'snap', 'Users', 'System', 'Library', 'Applications', 'private', 'Volumes', 'nix']);
const HOME = /^(~[A-Za-z0-9_.-]*|\$HOME|\$\{HOME\})$/;
const UNBOUNDED_GLOB_SEGMENT = new Set(['*', '.*', '*.*', '**', '{*,.*}', '.[!.]*']);

export function analysePath(word: Word, env: Record<string, string | undefined>, cwd?: string, workspace?: string, container?: ContainerView): PathAnalysis {
  if (container) {
    const inside = inContainer(word, env, cwd, workspace, container);
    if (inside) return inside;
  }
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
      `path uses the unresolved variable $${unresolved[1]}; if it is empty the path becomes ${expanded.replace(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '') || '(empty)'}`,
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
    // `rm -rf /tmp/e2e/gpg/*`: emptying a folder in scratch space (not a scratch root itself, nor a service's folder there).
    if (out.danger === 'unbounded-glob' && r.glob && !escapes) {
      const folder = dirname(r.glob.pattern);
      if (!hasGlobChar(folder) && inScratchFolder(withRealPaths([folder]), ws, !!r.mktemp)) out.danger = undefined;
    }
    const kinds = r.paths.map((p) => classifyLocation(p, { workspace: ws, home: process.env.HOME ?? '', tmpdir: process.env.TMPDIR, runnerTemp: process.env.RUNNER_TEMP }, !!r.mktemp && !r.glob));
    const worst = kinds.find((k) => k.kind !== 'workspace' && k.kind !== 'scratch') ?? kinds.find((k) => k.kind === 'scratch') ?? kinds[0];
    // Climbing out of the workspace with .. reaches the project's neighbours, not scratch, wherever that is here:
    // `cd "$(dirname "$0")/../.."; rm -rf data` too, once the folder is worked out.
    const climbs = escapes || (/(^|[/"'])\.\.([/"']|$)/.test(effective) && r.paths.some((p) => !isWithin(p, ws)) && !r.mktemp);
    out.location = climbs && worst.kind === 'scratch' ? 'elsewhere' : worst.kind;
    if (!r.glob) out.absolute = r.paths[0];
    else out.pattern = r.glob.pattern;
    if (r.glob ? !r.glob.matched : r.paths.every((p) => !present(p))) out.absent = true;
    // A symlink inside the workspace that points out of it is not inside the workspace.
    const allWorkspace = kinds.every((k) => k.kind === 'workspace');
    out.withinWorkspace = (out.danger === undefined ? allWorkspace : withinWorkspace && allWorkspace) && !(r.paths.length === 1 && r.paths[0] === ws);
    if (worst.kind === 'database-data') evidence.push(commandEvidence(worst.why, 'path', path));
    if (out.location === 'scratch' && out.danger === undefined) evidence.push(commandEvidence(worst.why, 'path', path));
  } else if (r.unknown && boundingFolder(r.unknown, ws, escapes, !!r.mktemp)) {
    const u = r.unknown;
    const within = (u.within ?? u.entryOf)!;
    out.danger = undefined;
    const known = u.why ? ` (${u.why})` : ` (${u.part} is only known at run time)`;
    const what = u.entry ? `an entry whose name starts with ${JSON.stringify(u.entry)} in` : 'something inside';
    if (isWithin(within, ws)) {
      // `build/$X`, `sigstore-$V.tgz`: whatever the value holds, the path stays in that folder of the
      // workspace (a value climbing out with .. is not assumed).
      out.withinWorkspace = true;
      out.boundedBy = within;
      evidence.push(commandEvidence(`${path} can only name ${what} ${within.slice(ws.length + 1) || 'the working directory'}${known}`, 'path', path));
    } else {
      // `$(mktemp -d)/$X`, `/tmp/e2e/$X/*`: whatever the value holds, the path stays in a scratch folder.
      out.location = 'scratch';
      evidence.push(commandEvidence(`${path} can only name ${what} ${within}, a folder in scratch space: nothing of value is kept there${known}`, 'path', path));
    }
  } else if (r.unknown) {
    out.unknownWhy = whyUnknown(r.unknown, ws);
    evidence.push(commandEvidence(out.unknownWhy, 'path', path));
  }
  return out;
}

/** A path inside a fresh container (container-paths.ts): the container's own file, or the one host path
 *  it is mounted from (judged as that path); anything else is judged as written, as on this machine. */
function inContainer(word: Word, env: Record<string, string | undefined>, cwd: string | undefined, workspace: string | undefined, container: ContainerView): PathAnalysis | undefined {
  const path = word.value;
  const r = resolvePathWord(path, { workspace: workspace ?? process.cwd(), ...(cwd !== undefined ? { cwd } : {}), vars: env, env: process.env, container }, word.glob);
  if (r.unknown) return undefined;
  if (!r.paths.length) {
    return { path, withinWorkspace: false, location: 'scratch', evidence: [commandEvidence(`${path} is in the container's own filesystem, its image's copy: no file of this machine is mounted there`, 'path', path)] };
  }
  if (r.paths.length !== 1 || r.glob || r.paths[0] === path) return undefined;
  const host = analysePath({ ...word, value: r.paths[0], substitutions: [], glob: false }, env, undefined, workspace);
  return { ...host, evidence: [commandEvidence(`${path} in the container is ${r.paths[0]} on this machine (mounted)`, 'path', r.paths[0]), ...host.evidence] };
}

/** The folder a partly unknown path cannot leave, when that folder is in the workspace (not the
 *  workspace itself, unless the unknown part follows literal text in the same name) or in scratch
 *  space (not a scratch root, nor a service's folder there). Nothing after the unknown part may climb
 *  with `..`, and a symlink on the way is followed to where it really points. */
function boundingFolder(u: NonNullable<ReturnType<typeof resolvePathWord>['unknown']>, ws: string, escapes: boolean, mktemp: boolean): boolean {
  const within = u.within ?? u.entryOf;
  if (!within || escapes || /(^|\/)\.\.(\/|$)/.test(u.suffix)) return false;
  // `*$X`, `{build,..}$X`, `*/$X`: glob and brace characters before the unknown part name many
  // folders (or `..`): they bound nothing.
  const special = /[*?[\]{}]/;
  if (special.test(u.entry ?? '') || special.test(isWithin(within, ws) ? within.slice(ws.length) : within)) return false;
  const places = withRealPaths([within]);
  if (places.every((p) => isWithin(p, ws)) && (within !== ws || u.entry !== undefined)) return true;
  return inScratchFolder(places, ws, mktemp);
}

/** Every place is in a scratch folder of its own (not a scratch root, a service's folder, nor the home
 *  folder wherever that is: a home that happens to lie under /tmp is still someone's home). */
function inScratchFolder(places: string[], ws: string, mktemp: boolean): boolean {
  const home = process.env.HOME ?? '';
  const ctx = { workspace: ws, home, tmpdir: process.env.TMPDIR, runnerTemp: process.env.RUNNER_TEMP };
  return places.every((p) => !(home && isWithin(p, home)) && classifyLocation(p, ctx, mktemp).kind === 'scratch');
}

/** Why a delete whose path is only known at run time stays stopped: where the value comes from, and
 *  where the path may land (anywhere, or anywhere below a folder outside the workspace). */
function whyUnknown(u: NonNullable<ReturnType<typeof resolvePathWord>['unknown']>, ws: string): string {
  const source = u.why ?? `${u.part} is only known at run time`;
  const where = !u.within ? 'the path may be anywhere on the machine (it does not start inside the working directory)'
    : isWithin(u.within, ws) ? 'the path may be the working directory itself or climb out of it'
    : `the path may be anything below ${u.within}, outside the working directory`;
  return `${source}; ${where}`;
}

function hasGlobChar(p: string): boolean {
  return /[*?[]/.test(p);
}


/** Substitutes `$NAME`/`${NAME}` that the command line itself assigned. */
export function expandKnownVariables(path: string, env: Record<string, string | undefined>): string {
  // `$NAME` or `${NAME}` only: `${NAME:?}`, `${NAME%/}` are operators on the value (path-resolve.ts reads them).
  return path.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
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
