// The files Firebreak depends on, derived from the code that reads them: every config name the
// loader accepts (at any depth: a nearer one wins), the policy the config names, the state folder
// (settings, approvals, audit log), the per-user folder (approval key, spent approvals, install
// record), every agent's hook registration at every scope (knowledge/agent-hook-files.ts, the table
// `hook install` and `doctor` use), and the installed Firebreak itself. Writing, moving, deleting,
// truncating, chmod-ing or linking any of them switches the guard off; reading is fine, except the
// approval key.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AGENT_ENVIRONMENT_FILES, AGENT_HOOK_FILES, hookFilePaths } from '../../knowledge/agent-hook-files.js';
import { CONFIG_FILE_NAMES, findConfigFile, STATE_DIR_NAME, STATE_DIR_VARIABLE, USER_FILES, userDir } from '../../config/file-names.js';
import { installation } from '../../config/installation.js';
import { HOME_DEFERRED_CODE, WORKSPACE_DEFERRED_CODE, XDG_OPTION_FILES } from '../../knowledge/deferred-code-files.js';
import { isWithin, realLocation, type ResolvedPath } from './path-resolve.js';
import { forgetPerCall } from '../../util/per-call.js';
import { RESIDENT_FOLDER } from '../../agents/resident/place.js';

export interface GuardEntry {
  /** Absolute path. */
  path: string;
  /** Guards everything below the path too. */
  tree: boolean;
  /** Plain words: what this file is to Firebreak. */
  what: string;
  /** Reading it is guarded too (the approval key). */
  secret?: boolean;
  /** Only these accesses count (files whose content runs later: installing code there, not removing it). */
  accesses?: ReadonlySet<Access>;
}

/** A name guarded wherever it appears: trailing path segments. */
export interface GuardPattern {
  segments: string[];
  tree: boolean;
  what: string;
  /** Only these accesses count; a folder holding it is not reached (see GuardEntry.accesses). */
  accesses?: ReadonlySet<Access>;
}

/** What installs code into a file that runs later: writing, moving or linking it there, making it executable. */
const INSTALLS_CODE: ReadonlySet<Access> = new Set<Access>(['write', 'move', 'link', 'permissions']);

export interface GuardSet {
  entries: GuardEntry[];
  patterns: GuardPattern[];
}

/** How a touched path relates to a guarded one. */
export type GuardRelation = 'is' | 'inside' | 'contains' | 'may-be';

export interface GuardHit {
  /** The touched path (absolute), or the word as written when part of it is unknown. */
  touched: string;
  guarded: string;
  what: string;
  relation: GuardRelation;
  secret?: boolean;
}

export type Access = 'write' | 'delete' | 'move' | 'permissions' | 'link' | 'read';

const AGENT_REGISTRATION = (agent: string) => `${agent}'s hook registration`;

/** Names guarded at any depth: config files, state folders, project-scope hook files. */
export const GUARD_PATTERNS: readonly GuardPattern[] = [
  ...CONFIG_FILE_NAMES.map((name) => ({ segments: [name], tree: false, what: 'a Firebreak config file (environments, freezes, policy)' })),
  { segments: [STATE_DIR_NAME], tree: true, what: "Firebreak's state folder (settings, approvals, audit log)" },
  ...Object.entries(AGENT_HOOK_FILES).flatMap(([agent, files]) =>
    files.filter((f) => f.scope === 'project' || f.scope === 'local').map((f) => ({ segments: f.path.split('/'), tree: !!f.folder, what: AGENT_REGISTRATION(agent) })),
  ),
  ...WORKSPACE_DEFERRED_CODE.map((f) => ({ segments: [...f.segments], tree: f.tree, what: f.what, accesses: f.installs ? new Set<Access>(f.installs) : INSTALLS_CODE })),
  ...Object.entries(AGENT_ENVIRONMENT_FILES).flatMap(([agent, files]) =>
    files.filter((f) => f.scope === 'project').map((f) => ({ segments: f.path.split('/'), tree: false, what: `${agent}'s environment file (its hooks inherit what it sets)` })),
  ),
  // A program named firebreak, wherever it is written: first on PATH, it runs instead of the guard.
  { segments: ['firebreak'], tree: false, what: 'a program named firebreak: earlier on PATH, it would run instead of the guard', accesses: INSTALLS_CODE },
];

const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

/** On a case-insensitive file system: the path spelled as the guarded entry or name it matches. */
function caseAsGuarded(path: string, set: GuardSet): string {
  const lower = path.toLowerCase();
  for (const e of set.entries) if (lower === e.path.toLowerCase() || lower.startsWith(`${e.path.toLowerCase()}/`)) return e.path + path.slice(e.path.length);
  const names = new Map(set.patterns.flatMap((p) => p.segments).map((s) => [s.toLowerCase(), s]));
  return path.split('/').map((seg) => names.get(seg.toLowerCase()) ?? seg).join('/');
}

const cache = new Map<string, Promise<GuardSet>>();
forgetPerCall(() => cache.clear());

/** Everything guarded for an agent working in `workspace`, with this process's HOME and PATH. */
export function guardSet(workspace: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<GuardSet> {
  const key = `${workspace}\0${env.HOME ?? ''}\0${env.PATH ?? ''}\0${env[STATE_DIR_VARIABLE] ?? ''}\0${env.FIREBREAK_HOME ?? ''}\0${env.XDG_CONFIG_HOME ?? ''}`;
  let set = cache.get(key);
  if (!set) {
    set = computeEntries(workspace, env).then((entries) => ({ entries, patterns: [...GUARD_PATTERNS] }));
    cache.set(key, set);
    if (cache.size > 64) cache.delete(cache.keys().next().value!);
  }
  return set;
}

async function computeEntries(workspace: string, env: Readonly<Record<string, string | undefined>>): Promise<GuardEntry[]> {
  const home = env.HOME ?? '';
  const entries: GuardEntry[] = [];
  const add = (path: string, tree: boolean, what: string, secret?: boolean, accesses?: ReadonlySet<Access>) => {
    const extra = { ...(secret ? { secret } : {}), ...(accesses ? { accesses } : {}) };
    entries.push({ path, tree, what, ...extra });
    const real = realLocation(path);
    if (real && real !== path) entries.push({ path: real, tree, what, ...extra });
  };

  // The config that applies, and the policy it names (read with the real loader).
  const config = findConfigFile(workspace);
  if (config) {
    add(config, false, 'the Firebreak config file that applies here');
    const policy = await configuredPolicy(config);
    if (policy) add(policy, false, 'the policy the Firebreak config names');
  }
  // State folder, wherever it is put, and an approvals folder moved by settings.
  const state = env[STATE_DIR_VARIABLE] ? join(workspace, env[STATE_DIR_VARIABLE]!) : undefined;
  if (state) add(state, true, "Firebreak's state folder (settings, approvals, audit log)");
  for (const moved of approvalsDirs(workspace, state)) add(moved, true, "Firebreak's approvals folder");

  // Per-user folder: the approval key is a secret (reading it lets a process forge approvals).
  const user = userDir(env as NodeJS.ProcessEnv, home);
  add(user, true, "Firebreak's per-user folder (approval key, spent approvals, install record)");
  add(join(user, USER_FILES.approvalKey), false, "Firebreak's approval key", true);
  // The resident judge's socket and info file: the secret there seals its answers (reading it lets a process answer in its place).
  add(join(user, RESIDENT_FOLDER), true, "Firebreak's resident judge (its socket, and the secret that seals its answers)", true);
  if (env.FIREBREAK_SERVER_CONFIG) add(resolve(workspace, env.FIREBREAK_SERVER_CONFIG), false, "Firebreak's team-server connection (pinned key)");

  // Every agent's user and managed hook files.
  for (const agent of Object.keys(AGENT_HOOK_FILES)) {
    for (const { file, path } of hookFilePaths(agent, { root: workspace, home, env }, ['user', 'managed'])) add(path, !!file.folder, AGENT_REGISTRATION(agent));
  }
  for (const [agent, files] of Object.entries(AGENT_ENVIRONMENT_FILES)) {
    for (const f of files.filter((x) => x.scope === 'user')) if (home) add(join(home, f.path), false, `${agent}'s environment file (its hooks inherit what it sets)`);
  }
  // Files in the home folder whose commands run later (git and ssh config, git hooks, shell startup files).
  if (home) for (const f of HOME_DEFERRED_CODE) add(join(home, ...f.segments), f.tree, f.what, false, INSTALLS_CODE);
  if (env.XDG_CONFIG_HOME?.startsWith('/')) for (const f of XDG_OPTION_FILES) add(join(env.XDG_CONFIG_HOME, f.name), false, f.what, false, INSTALLS_CODE);
  // The installed Firebreak, and whatever the registered hooks run.
  for (const p of installation(env, workspace, recordedHookPaths(join(user, USER_FILES.installs))).paths) add(p.path, p.tree, p.what);
  return entries;
}

/** The policy a config names, read with the loader the pipeline uses. */
async function configuredPolicy(config: string): Promise<string | undefined> {
  try {
    const { loadConfigCached } = await import('../../config/config-cache.js');
    return (await loadConfigCached(config)).policy;
  } catch {
    // A config the loader rejects still names its policy for the guard (the pipeline will refuse it).
    return policyLine(config);
  }
}

function policyLine(config: string): string | undefined {
  try {
    const text = readFileSync(config, 'utf8');
    const m = /^policy\s*:\s*(.+?)\s*$/m.exec(text);
    if (!m) return undefined;
    const value = m[1].replace(/^(["'])(.*)\1$/, '$2').replace(/\s+#.*$/, '');
    return value.startsWith('/') ? value : join(config, '..', value);
  } catch {
    return undefined;
  }
}

function approvalsDirs(workspace: string, state: string | undefined): string[] {
  const dirs: string[] = [];
  for (const dir of [state, join(workspace, STATE_DIR_NAME)]) {
    if (!dir) continue;
    try {
      const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { approvalsDir?: unknown };
      if (typeof settings.approvalsDir === 'string') dirs.push(join(workspace, settings.approvalsDir));
    } catch {
      /* no settings: approvals live in the state folder */
    }
  }
  return dirs;
}

function recordedHookPaths(file: string): string[] {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { installs?: { resolvedPath?: unknown }[] };
    return (doc.installs ?? []).map((i) => i.resolvedPath).filter((p): p is string => typeof p === 'string' && p.startsWith('/'));
  } catch {
    return [];
  }
}

/**
 * How a resolved path touches the guard. `access` decides two things: reads only hit secrets,
 * and only deletes, moves, permission changes and links reach what lies below a folder
 * (`rm -rf .` takes `.firebreak/` with it; writing a file into a folder does not).
 */
export function guardHits(target: ResolvedPath, access: Access, set: GuardSet): GuardHit[] {
  const hits: GuardHit[] = [];
  const reachesBelow = access !== 'write' && access !== 'read';
  for (const written of target.paths) {
    // macOS and Windows file systems ignore case: .CLAUDE/Settings.json is .claude/settings.json.
    const touched = CASE_INSENSITIVE ? caseAsGuarded(written, set) : written;
    for (const e of set.entries) {
      if (access === 'read' && !e.secret) continue;
      if (e.accesses && !e.accesses.has(access)) continue;
      // Reading a folder (tar, grep -r, cp -r) reads the secret in it; a secret folder's files are secrets.
      const relation = access === 'read' ? (touched === e.path ? 'is' : e.tree && isWithin(touched, e.path) ? 'inside' : touched !== '/' && isWithin(e.path, touched) ? 'contains' : undefined) : relate(touched, e.path, e.tree, reachesBelow && !e.accesses);
      if (relation) hits.push({ touched, guarded: e.path, what: e.what, relation, ...(e.secret ? { secret: true } : {}) });
    }
    if (access === 'read') continue;
    for (const p of set.patterns) {
      if (p.accesses && !p.accesses.has(access)) continue;
      const at = patternAt(touched, p);
      if (at) hits.push({ touched, guarded: at, what: p.what, relation: at === touched ? 'is' : 'inside' });
      else if (reachesBelow && !p.accesses) {
        // A folder being removed or moved: the guarded names directly in it, or the rest of a
        // guarded path it begins (`mv .claude x` takes .claude/settings.json with it).
        const parts = touched.split('/');
        for (let k = 0; k < p.segments.length; k++) {
          if (k > 0 && parts.slice(-k).join('/') !== p.segments.slice(0, k).join('/')) continue;
          const below = join(touched, ...p.segments.slice(k));
          if (existsSync(below)) {
            hits.push({ touched, guarded: below, what: p.what, relation: 'contains' });
            break;
          }
        }
      }
    }
  }
  if (target.unknown) hits.push(...unknownHits(target, access, set));
  return dedupe(hits);
}

function relate(touched: string, guarded: string, tree: boolean, reachesBelow: boolean): GuardRelation | undefined {
  if (touched === guarded) return 'is';
  if (tree && isWithin(touched, guarded)) return 'inside';
  if (reachesBelow && isWithin(guarded, touched) && existsSync(guarded)) return 'contains';
  return undefined;
}

/** Where in `path` a guarded name sits: the path up to and including the name, if any. */
function patternAt(path: string, p: GuardPattern): string | undefined {
  const parts = path.split('/');
  const n = p.segments.length;
  for (let end = parts.length; end >= n; end--) {
    const window = parts.slice(end - n, end);
    if (window.every((s, i) => s === p.segments[i])) {
      if (end === parts.length || p.tree) return parts.slice(0, end).join('/');
    }
  }
  return undefined;
}

/** Part of the path is unknown: it may be a guarded file when what is known around it fits one. */
function unknownHits(target: ResolvedPath, access: Access, set: GuardSet): GuardHit[] {
  const { within, suffix } = target.unknown!;
  const tail = suffix.replace(/^\/+/, '');
  const hits: GuardHit[] = [];
  const fits = (guarded: string) => (!within || isWithin(guarded, within)) && (tail === '' ? !!within : guarded === tail || guarded.endsWith(`/${tail}`));
  for (const e of set.entries) {
    if (access === 'read' && !e.secret) continue;
    if (e.accesses && !e.accesses.has(access)) continue;
    if ((tail || within) && fits(e.path)) hits.push({ touched: target.written, guarded: e.path, what: e.what, relation: 'may-be', ...(e.secret ? { secret: true } : {}) });
  }
  if (access !== 'read' && tail) {
    for (const p of set.patterns) {
      if (p.accesses && !p.accesses.has(access)) continue;
      const name = p.segments.join('/');
      // `config`, `hooks`: too common a last name to suspect on its own.
      const last = p.accesses ? name : p.segments[p.segments.length - 1];
      if (tail === name || tail.endsWith(`/${name}`) || name.endsWith(`/${tail}`) || tail === last || (p.tree && (tail.startsWith(`${name}/`) || tail.includes(`/${name}/`)))) {
        hits.push({ touched: target.written, guarded: name, what: p.what, relation: 'may-be' });
      }
    }
  }
  return hits;
}

function dedupe(hits: GuardHit[]): GuardHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.touched}\0${h.guarded}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
