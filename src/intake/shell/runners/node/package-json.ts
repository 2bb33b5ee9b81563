// package.json as the package managers see it: the nearest one up from the run directory, its
// scripts (with the line each is on), its dependencies, and the workspace packages it lists
// (npm/yarn `workspaces`, pnpm-workspace.yaml).
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RecognisedCommand } from '../../command.js';
import { exists, readProjectFile, type ProjectFile, type Read } from '../project.js';

export interface PackageJson {
  dir: string;
  file: ProjectFile;
  name?: string;
  scripts: Record<string, string>;
  dependencies: Set<string>;
  /** Workspace globs (`packages/*`) from package.json or pnpm-workspace.yaml. */
  workspaces: string[];
}

type Files = Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>;

// The YAML parser (~230 KB) only when there is a pnpm-workspace.yaml: loading it for every
// `npm test` was a tenth of the hook call's CPU.
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

export function loadPackage(rc: Files, dir: string): Read<PackageJson> {
  const read = readProjectFile(rc, join(dir, 'package.json'));
  if (!read.ok) return read;
  let json: unknown;
  try {
    json = JSON.parse(read.value.text);
  } catch (e) {
    return { ok: false, why: `${read.value.shown} is not valid JSON (${(e as Error).message})` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, why: `${read.value.shown} is not a JSON object` };
  const o = json as Record<string, unknown>;
  const scripts: Record<string, string> = {};
  if (o.scripts && typeof o.scripts === 'object') {
    for (const [k, v] of Object.entries(o.scripts as Record<string, unknown>)) if (typeof v === 'string') scripts[k] = v;
  }
  const dependencies = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = o[key];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) dependencies.add(name);
  }
  const ws = o.workspaces;
  const workspaces = Array.isArray(ws) ? ws : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : [];
  const pnpm = readProjectFile(rc, join(dir, 'pnpm-workspace.yaml'));
  if (pnpm.ok) {
    try {
      const doc = parseYaml(pnpm.value.text) as { packages?: unknown } | null;
      if (Array.isArray(doc?.packages)) workspaces.push(...doc.packages);
    } catch {
      // an unreadable pnpm-workspace.yaml lists nothing; filters then fall back to every package
    }
  }
  return {
    ok: true,
    value: {
      dir, file: read.value, scripts, dependencies,
      workspaces: workspaces.filter((w): w is string => typeof w === 'string'),
      ...(typeof o.name === 'string' ? { name: o.name } : {}),
    },
  };
}

/** The nearest package.json from `dir` up to the workspace (npm's project root). */
export function nearestPackage(rc: Files, dir: string): Read<PackageJson> {
  const top = rc.workspace ?? dir;
  let at = dir;
  for (let i = 0; i < 32; i++) {
    if (exists(rc, join(at, 'package.json'))) return loadPackage(rc, at);
    const rel = relative(top, at);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) break;
    at = dirname(at);
  }
  return { ok: false, why: `there is no package.json in ${relative(top, dir) || '.'} or above it in the workspace`, missing: true };
}

/** 1-based line of `"name":` inside the scripts object, for the report. */
export function scriptLine(pkg: PackageJson, name: string): number {
  const text = pkg.file.text;
  const start = text.search(/"scripts"\s*:/);
  if (start < 0) return 1;
  const at = text.indexOf(`${JSON.stringify(name)}`, start);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Packages of the workspace (directories holding a package.json), from the root's globs. */
export function workspacePackages(rc: Files, root: PackageJson): PackageJson[] {
  const dirs = new Set<string>();
  for (const pattern of root.workspaces) {
    if (pattern.startsWith('!')) continue;
    for (const d of expandDirectoryGlob(root.dir, pattern)) dirs.add(d);
  }
  const out: PackageJson[] = [];
  for (const d of [...dirs].sort()) {
    const p = loadPackage(rc, d);
    if (p.ok) out.push(p.value);
  }
  return out;
}

/**
 * Workspace packages chosen by a filter: a name, a name glob (`@app/*`), or a path (`./apps/web`), with
 * pnpm's graph selectors: `X...` adds X's workspace dependencies (all the way down), `...X` the packages
 * that depend on X, `X^...` / `...^X` the same without X itself.
 */
export function selectPackages(packages: readonly PackageJson[], root: PackageJson, filter: string): PackageJson[] {
  const m = /^(\.\.\.)?(\^)?(.*?)(\^)?(\.\.\.)?$/.exec(filter)!;
  const dependents = !!m[1];
  const dependencies = !!m[5];
  const excludeSelf = (dependents && !!m[2]) || (dependencies && !!m[4]);
  const f = m[3].replace(/^\{(.*)\}$/, '$1');
  const nameGlob = new RegExp(`^${f.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  // `./packages/*`, `./apps/**`: a path glob of folders (`*` within one folder name, `**` any depth).
  const pathGlob = /^\.{1,2}\//.test(f) && f.includes('*') ? folderGlob(relative(root.dir, resolve(root.dir, f))) : undefined;
  const base = packages.filter((p) => {
    if (p.name && nameGlob.test(p.name)) return true;
    const rel = relative(root.dir, p.dir);
    if (pathGlob) return pathGlob.test(rel);
    return rel === f.replace(/^\.\//, '').replace(/\/$/, '') || resolve(root.dir, f) === p.dir;
  });
  const chosen = new Set<PackageJson>(excludeSelf ? [] : base);
  const byName = new Map(packages.filter((p) => p.name).map((p) => [p.name!, p]));
  const walk = (from: PackageJson, next: (p: PackageJson) => PackageJson[], seen: Set<PackageJson>) => {
    for (const n of next(from)) if (!seen.has(n)) { seen.add(n); chosen.add(n); walk(n, next, seen); }
  };
  if (dependencies) for (const b of base) walk(b, (p) => [...p.dependencies].flatMap((d) => (byName.has(d) ? [byName.get(d)!] : [])), new Set([b]));
  if (dependents) for (const b of base) walk(b, (p) => packages.filter((q) => !!p.name && q.dependencies.has(p.name)), new Set([b]));
  return [...chosen];
}

/** `packages/*` -> one folder below packages; `apps/**` -> any folder below apps. */
function folderGlob(pattern: string): RegExp {
  const escape = (t: string) => t.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split('/').map((seg) => (seg === '**' ? '.+' : seg.split('*').map(escape).join('[^/]*'))).join('/')}$`);
}

/** The pnpm workspace root (the folder of pnpm-workspace.yaml) from `dir` upward, as `pnpm -w` finds it. */
export function pnpmWorkspaceRoot(rc: Files, dir: string): string | undefined {
  let at = dir;
  for (let i = 0; i < 64; i++) {
    if (exists(rc, join(at, 'pnpm-workspace.yaml'))) return at;
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
  return undefined;
}

function expandDirectoryGlob(base: string, pattern: string): string[] {
  const parts = pattern.replace(/^\.\//, '').replace(/\/$/, '').split('/');
  let dirs = [base];
  for (const part of parts) {
    const next: string[] = [];
    for (const d of dirs) {
      if (part === '**') {
        next.push(...descendants(d, 3));
      } else if (/[*?]/.test(part)) {
        const re = new RegExp(`^${part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '.')}$`);
        next.push(...children(d).filter((n) => re.test(n) && n !== 'node_modules').map((n) => join(d, n)));
      } else next.push(join(d, part));
    }
    dirs = next;
    if (dirs.length > 500) break;
  }
  return dirs;
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function descendants(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  const out = [dir];
  for (const c of children(dir)) if (c !== 'node_modules' && !c.startsWith('.')) out.push(...descendants(join(dir, c), depth - 1));
  return out;
}
