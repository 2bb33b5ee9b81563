// A command that changes the guard's own files (its config and policy, approvals, audit log and
// key, an agent's hook registration, the installed Firebreak) is a permissions change on the
// guard: an agent must not be able to switch its own guard off silently (OWASP ASI03). Paths are
// resolved for real (path-resolve.ts) and matched against what the guard depends on
// (guarded-paths.ts); reading those files is fine, except the approval key.
import { execFileSync } from '../../util/exec-file-sync.js';
import { gitTopLevel, trackedClean } from '../../fast/git-status.js';
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { relative } from 'node:path';
import type { Evidence } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { GIT_WORKTREE_WRITERS, PACKAGE_CHANGING_VERBS, PACKAGE_MANAGERS, type FileAccess } from '../../knowledge/guard-files.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from './command.js';
import { commandTargets, type FileTarget } from './file-targets.js';
import { guardHits, guardSet, type Access, type GuardHit, type GuardSet } from './guarded-paths.js';
import { globSegment, isWithin, resolvePathWord, type PathContext, type ResolvedPath } from './path-resolve.js';
import { APPROVAL_TYPE, firebreakAt, selfApproval } from './self-approval.js';
import { machineFile } from '../../config/machine.js';
import { extractedGuardHits } from './extracted-guard-files.js';
import { installedPrograms, isGuardProgramName, mayInstallPrograms } from './installed-programs.js';
import { sessionEnvironmentHits, setsSessionEnvironment } from './session-environment.js';
import { copiedTreeHits } from './copied-trees.js';
import { changedFiles, incomingChanges, isRevision, stashedFiles, stashRefOf, topLevel } from './git-incoming.js';
import type { SimpleCommand } from './syntax.js';
import { isDir } from '../../util/present.js';

export const GUARD_FILE_TYPE = 'firebreak:guard-file';

/** Programs that extract archives (unpacked-files.ts models their options). */
const EXTRACTING_PROGRAMS = /^(g?tar|bsdtar|unzip|jar|7zr?|7za|cpio|python(\d+(\.\d+)?)?|ditto|pax|ar|gcc-ar|llvm-ar|unsquashfs|unar|atool|aunpack|unrar|rar|cabextract|dpkg|dpkg-deb)$/;

/** An extracting program, or a container build that exports its files into a folder (`docker build -o DIR`). */
function extracts(tool: string, argv: readonly string[]): boolean {
  return EXTRACTING_PROGRAMS.test(tool) || (/^(docker|podman|nerdctl|buildah)$/.test(tool) && argv.some((a) => /^(-o|--output)(=.*)?$|^-o./.test(a)));
}

/** Per simple command: guard hits of every file it changes, and writes outside the workspace. */
export async function guardFileWrites(cmd: SimpleCommand, rc: RecognisedCommand): Promise<PlannedAction[]> {
  const tool = rc.argv.length ? toolName(rc.argv[0]) : '';
  const targets = commandTargets(cmd, rc);
  const ctx = pathContext(rc);
  const own = rc.argv.length ? firebreakCommand(rc, ctx) : [];
  // git and package managers touch the guard through their subcommand; the guarded set (a few ms
  // to build) only for the subcommands that can (`git status` and `npm test` cannot).
  const installs = rc.argv.length > 1 && !rc.remote && mayInstallPrograms(rc);
  const session = !rc.remote && setsSessionEnvironment(rc) ? sessionEnvironmentHits(rc) : [];
  const special = (tool === 'git' && gitSubcommand(rc).kind !== undefined) || (PACKAGE_MANAGERS.has(tool) && PACKAGE_CHANGING_VERBS.has(packageVerb(rc))) || extracts(tool, rc.argv) || installs;
  if (!targets.length && !special) return [...own, ...session.map((hit) => guardAction(rc, tool, hit, 'write', ctx.workspace, []))];
  const set = await guardSet(ctx.workspace);
  const seen = new Set<string>();
  const actions: PlannedAction[] = [...own, ...(await judgeFileTargets(rc, tool, targets, ctx, set, seen))];
  const emit = (hit: GuardHit) => {
    if (seen.has(hit.guarded)) return;
    seen.add(hit.guarded);
    actions.push(guardAction(rc, tool, hit, 'write', ctx.workspace, []));
  };
  if (tool === 'git') gitHits(rc, set, ctx).forEach(emit);
  if (extracts(tool, rc.argv)) {
    for (const { hit, access, why } of extractedGuardHits(cmd, rc, set, ctx)) {
      if (seen.has(hit.guarded)) continue;
      seen.add(hit.guarded);
      actions.push(guardAction(rc, tool, hit, access, ctx.workspace, why));
    }
  }
  if (PACKAGE_MANAGERS.has(tool)) packageHits(rc, set).forEach(emit);
  session.forEach(emit);
  if (installs) {
    for (const { hit, why } of programHits(rc, ctx)) {
      if (seen.has(hit.guarded)) continue;
      seen.add(hit.guarded);
      actions.push(guardAction(rc, tool, hit, 'write', ctx.workspace, why));
    }
  }
  return actions;
}

const PROGRAM_NAMED_FIREBREAK = 'a program named firebreak: earlier on PATH than the real one, it runs in place of the guard when an agent\'s hook calls `firebreak hook`';

/** An install that puts a program named firebreak on PATH, or names nobody can read into a folder on PATH (installed-programs.ts). */
function programHits(rc: RecognisedCommand, ctx: PathContext): { hit: GuardHit; why: Evidence[] }[] {
  const out: { hit: GuardHit; why: Evidence[] }[] = [];
  for (const p of installedPrograms(rc, ctx)) {
    const named = p.names.find(isGuardProgramName);
    if (named !== undefined) {
      const where = p.manifest ? ` (${relative(ctx.workspace, p.manifest) || p.manifest})` : '';
      out.push({ hit: { touched: `${named} from ${p.from}`, guarded: `program:${p.from}`, what: PROGRAM_NAMED_FIREBREAK, relation: 'is' }, why: [commandEvidence(`${p.from}${where} installs a program named ${named}`, 'package', p.from)] });
    } else if (p.global && (p.manifest !== undefined || !p.names.length) && rc.firstToTouchFiles !== true) {
      // `npm pkg set bin.firebreak=x.js && npm link`: what is on disk now is not what the install reads.
      out.push({ hit: { touched: `the programs of ${p.from}`, guarded: `program:${p.from}`, what: PROGRAM_NAMED_FIREBREAK, relation: 'may-be' }, why: [commandEvidence(`an earlier command in the line may make or change ${p.manifest ? relative(ctx.workspace, p.manifest) || p.manifest : `the manifest of ${p.from}`} before the install reads the program names in it`, 'package', p.from)] });
    } else if (p.unread && p.global) {
      out.push({ hit: { touched: `the programs of ${p.from}`, guarded: `program:${p.from}`, what: PROGRAM_NAMED_FIREBREAK, relation: 'may-be' }, why: [commandEvidence(`${p.unread}: the programs it puts on PATH are not known, and one may be named firebreak`, 'package', p.from)] });
    }
  }
  return out;
}

/**
 * The files a command (or a file tool, or an MCP tool) touches: guard actions for the guard's own
 * files, and writes judged like deletes where they destroy data outside the workspace.
 */
export async function judgeFileTargets(
  rc: RecognisedCommand,
  tool: string,
  targets: FileTarget[],
  ctx: PathContext,
  set?: GuardSet,
  seen: Set<string> = new Set(),
): Promise<PlannedAction[]> {
  if (!targets.length) return [];
  const guards = set ?? (await guardSet(ctx.workspace));
  const resolved = targets.map((t) => ({ target: t, path: resolvePathWord(t.written, ctx, t.glob) }));
  const actions: PlannedAction[] = [];
  for (const { target, path } of resolved) {
    for (const hit of hitsFor(target, path, guards, ctx)) {
      if (seen.has(hit.guarded)) continue;
      seen.add(hit.guarded);
      // A folder that holds guard files (`chmod -R 000 ~`) is judged for itself too: the guard's
      // files are only part of what it loses.
      if (hit.relation !== 'contains') seen.add(hit.touched);
      actions.push(guardAction(rc, tool, hit, target.access, ctx.workspace, resolutionEvidence(target, path, ctx.workspace)));
    }
    // A folder copied with what it holds: each file where it lands (copied-trees.ts).
    for (const { hit, why } of copiedTreeHits(target, rc.argv, guards, ctx)) {
      if (seen.has(hit.guarded)) continue;
      seen.add(hit.guarded);
      actions.push(guardAction(rc, tool, hit, 'write', ctx.workspace, why));
    }
  }
  if (resolved.some(({ target }) => !target.generic && target.access !== 'read')) {
    const { outsideWriteActions } = await import('./recognisers/file-writes.js');
    actions.push(...outsideWriteActions(rc, tool, resolved.filter(({ target }) => !target.generic), ctx, (p) => seen.has(p)));
  }
  return actions;
}

/** Every `fs:path` action any recogniser made (interpreters, runners, file tools): the same guard. */
export async function guardFileActions(input: PlannedAction[], cwd: string | undefined): Promise<PlannedAction[]> {
  // What each command does first; what it does to the guard after.
  const isGuard = (a: PlannedAction) => a.target.type === GUARD_FILE_TYPE || a.target.type === APPROVAL_TYPE;
  const actions = [...input.filter((a) => !isGuard(a)), ...input.filter(isGuard)];
  const files = actions.filter((a) => a.target.type.startsWith('fs:') && a.operation !== 'read' && a.details?.guardChecked !== true);
  if (!files.length) return actions;
  const workspace = cwd ?? process.cwd();
  const set = await guardSet(workspace);
  const already = new Set(actions.filter((a) => a.target.type === GUARD_FILE_TYPE).map((a) => (a.details?.guard as { guarded?: string } | undefined)?.guarded));
  const extra: PlannedAction[] = [];
  for (const a of files) {
    const absolute = typeof a.details?.path === 'string' ? (a.details.path as string) : undefined;
    const path: ResolvedPath = absolute
      ? { written: a.target.id, paths: [absolute] }
      : resolvePathWord(a.target.id, { workspace, vars: {}, env: process.env, ...(typeof a.details?.cwd === 'string' ? { cwd: a.details.cwd as string } : {}) });
    const access: Access = a.operation === 'delete' ? 'delete' : a.operation === 'permissions' ? 'permissions' : 'write';
    for (const hit of guardHits(path, access, set)) {
      if (already.has(hit.guarded)) continue;
      already.add(hit.guarded);
      extra.push({
        source: { ...a.source },
        operation: 'permissions',
        verb: `${access} ${display(hit.relation === 'contains' ? hit.guarded : hit.touched, workspace)}`,
        tool: a.tool,
        target: { type: GUARD_FILE_TYPE, id: display(hit.relation === 'contains' ? hit.guarded : hit.touched, workspace) },
        scope: 'resource',
        hints: { ...a.hints },
        evidence: [...a.evidence, guardEvidence(hit, workspace)],
        details: { guard: { guarded: hit.guarded, touched: hit.touched, relation: hit.relation, access } },
      });
    }
  }
  return extra.length ? [...actions, ...extra] : actions;
}

/** The agent running Firebreak's own decisions, or (un)installing its hook. */
function firebreakCommand(rc: RecognisedCommand, ctx: PathContext): PlannedAction[] {
  const self = selfApproval(rc, ctx);
  if (self.length) return self;
  const at = firebreakAt(rc.argv, ctx);
  if (at === undefined) return [];
  const rest = rc.argv.slice(at + 1);
  // `firebreak machine --ephemeral`: the operator's declaration, in the per-user folder (config/machine.ts).
  if (rest[0] === 'machine' && rest.some((a) => /^--(ephemeral|not-ephemeral)(=|$)/.test(a))) {
    const file = machineFile(process.env);
    const hit: GuardHit = { touched: file, guarded: file, what: "Firebreak's machine declaration (only the operator says the machine is ephemeral)", relation: 'is' };
    return [guardAction(rc, 'firebreak', hit, 'write', ctx.workspace, [commandEvidence('`firebreak machine` rewrites the declaration that relaxes judgment of this machine\'s system changes')])];
  }
  if (rest[0] !== 'hook' || !rest.includes('install')) return [];
  const agent = rest[rest.indexOf('--agent') + 1] ?? rest.find((a) => a.startsWith('--agent='))?.slice(8) ?? 'an agent';
  const hit: GuardHit = { touched: `${agent}'s hook registration`, guarded: `${agent}'s hook registration`, what: `${agent}'s hook registration`, relation: 'is' };
  return [guardAction(rc, 'firebreak', hit, rest.includes('--uninstall') ? 'delete' : 'write', ctx.workspace, [commandEvidence(`\`firebreak hook install${rest.includes('--uninstall') ? ' --uninstall' : ''}\` rewrites ${agent}'s hook registration`)])];
}

export function pathContext(rc: Pick<RecognisedCommand, 'workspace' | 'cwd' | 'env' | 'container'>): PathContext {
  return { workspace: rc.workspace ?? process.cwd(), ...(rc.cwd !== undefined ? { cwd: rc.cwd } : {}), vars: rc.env, env: process.env, ...(rc.container ? { container: rc.container } : {}) };
}

function hitsFor(target: FileTarget, path: ResolvedPath, set: GuardSet, ctx: PathContext): GuardHit[] {
  const access: Access = target.access === 'write-tree' ? 'move' : target.access;
  if (target.role === 'find-root' && target.access === 'read') return guardHits(path, 'read', set);
  if (target.role === 'find-root') return findHits(target, path, set);
  const hits = guardHits(path, access, set);
  if (target.role === 'destination' && target.access !== 'write-tree') {
    // cp/mv/ln/install into an existing folder: the file lands at DIR/name.
    for (const dir of path.paths) {
      for (const source of target.sources ?? []) {
        const name = source.replace(/\/+$/, '').split('/').pop();
        if (!name || name === '.' || name === '..') continue;
        const inside = resolvePathWord(`${dir}/${name}`, ctx);
        hits.push(...guardHits(inside, access, set));
      }
    }
  }
  if (target.role === 'code' || target.generic) {
    // A folder named in code (os.path.join('.claude', 'settings.json')) or given to a program nobody
    // modelled (`fastmod a b .claude`, `ruplacer a b .claude --go`): what it holds, unless it is the
    // workspace or above it (`eslint .` is not a guard change).
    const held = path.paths.filter((p) => !isWithin(ctx.workspace, p)).flatMap((p) => guardHits({ written: path.written, paths: [p] }, 'move', set).filter((h) => h.relation === 'contains'));
    return [...(target.generic ? hits.filter((h) => h.relation !== 'contains') : hits), ...held];
  }
  return hits;
}

/** find ROOT -delete | -exec: guarded files under ROOT (searched a few levels deep) that the filters let through. */
function findHits(target: FileTarget, path: ResolvedPath, set: GuardSet): GuardHit[] {
  const f = target.filters ?? {};
  const access: Access = target.access === 'delete' ? 'delete' : 'move';
  const hits: GuardHit[] = [];
  for (const root of path.paths) {
    const direct = guardHits({ written: path.written, paths: [root] }, access, set);
    hits.push(...direct.filter((h) => h.relation !== 'contains'));
    // Guarded files the root holds by their full name (`find .claude -type f -exec truncate ...`: the
    // walk below matches names from their first segment, which lies above the root).
    const held = direct.filter((h) => h.relation === 'contains' && h.guarded !== root).map((h) => ({ path: h.guarded, what: h.what }));
    const seenFound = new Set<string>();
    for (const found of [...scanGuarded(root, set), ...held]) {
      if (seenFound.has(found.path)) continue;
      seenFound.add(found.path);
      const candidates = [found.path, ...listBelow(found.path)];
      const matches = candidates.some((c) => {
        const rel = relative(root, c);
        if (f.maxDepth !== undefined && rel.split('/').length > f.maxDepth) return false;
        if (f.negated) return true;
        const name = c.split('/').pop() ?? '';
        const nameOk = !f.name?.length || f.name.some((n) => globSegment(n).test(name) || globSegment(n).test(name.toLowerCase()));
        const pathOk = !f.path?.length || f.path.some((p) => wholeGlob(p).test(`./${rel}`) || wholeGlob(p).test(rel) || wholeGlob(p).test(c));
        return nameOk && pathOk;
      });
      if (matches) hits.push({ touched: root, guarded: found.path, what: found.what, relation: 'contains' });
    }
  }
  if (path.unknown) hits.push(...guardHits(path, access, set).filter((h) => h.relation === 'may-be'));
  return hits;
}

/** find's -path globs: `*` crosses folders. */
function wholeGlob(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+^${}()|[\]\\?]/g, '\\$&')).join('.*')}$`);
}

/** Guarded files and folders below `root` (existing), a few levels deep. */
function scanGuarded(root: string, set: GuardSet): { path: string; what: string }[] {
  const found = new Map<string, string>();
  for (const e of set.entries) if (e.path !== root && isWithin(e.path, root) && existsSync(e.path)) found.set(e.path, e.what);
  let budget = 5000;
  // Entries with their types: one read per folder, no stat per entry. Symbolic links to folders are
  // not walked, as find does not follow them by default.
  const walkDir = (dir: string, depth: number) => {
    if (depth > 5 || budget <= 0) return;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (--budget <= 0) return;
      const name = entry.name;
      if (name === 'node_modules' || name === '.git') continue;
      let guardedFolder = false;
      for (const pattern of set.patterns) {
        if (pattern.segments[0] !== name) continue;
        const q = `${dir}/${pattern.segments.join('/')}`;
        if (!existsSync(q)) continue;
        found.set(q, pattern.what);
        guardedFolder ||= pattern.segments.length === 1;
      }
      // A guarded folder is one hit as a whole: what is below it changes nothing (`.firebreak/venv`).
      if (entry.isDirectory() && !guardedFolder) walkDir(`${dir}/${name}`, depth + 1);
    }
  };
  walkDir(root, 1);
  return [...found].map(([path, what]) => ({ path, what }));
}

function listBelow(dir: string): string[] {
  if (!isDir(dir)) return [];
  const out: string[] = [];
  const visit = (d: string, depth: number) => {
    if (depth > 3 || out.length > 500) return;
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = `${d}/${n}`;
      out.push(p);
      if (isDir(p)) visit(p, depth + 1);
    }
  };
  visit(dir, 1);
  return out;
}


/** git checkout/restore/reset/stash/clean/rm/mv rewriting guarded working-tree files. */
/** git's subcommand, what it does to the work tree (undefined: nothing), and its arguments. */
function gitSubcommand(rc: RecognisedCommand): { sub: string | undefined; kind: (typeof GIT_WORKTREE_WRITERS)[string] | undefined; rest: string[] } {
  const args = rc.argv.slice(1);
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += /^-[Cc]$|^--(git-dir|work-tree|namespace)$/.test(args[i]) ? 2 : 1;
  const sub = args[i];
  return { sub, kind: GIT_WORKTREE_WRITERS[sub ?? ''], rest: args.slice(i + 1) };
}

function gitHits(rc: RecognisedCommand, set: GuardSet, ctx: PathContext): GuardHit[] {
  const { sub, kind, rest } = gitSubcommand(rc);
  if (!kind || !sub) return [];
  if (rest.some((a) => a === '-n' || a === '--dry-run' || (sub === 'clean' && /^-[a-zA-Z]*n/.test(a)) || (sub === 'stash' && /^(list|show)$/.test(a)))) return [];
  if (sub === 'reset' && !rest.includes('--hard') && !rest.includes('--merge') && !rest.includes('--keep') && !rest.includes('--')) return [];
  const dir = resolvePathWord('.', ctx).paths[0] ?? ctx.workspace;
  // The guard files that exist in the work tree: what a change git cannot describe may touch.
  const present = () => guardHits(resolvePathWord('.', ctx), 'move', set);
  if (kind === 'incoming' || kind === 'tree' || (sub === 'stash' && /^(pop|apply|branch)$/.test(rest[0] ?? ''))) return revisionHits(sub, rest, dir, set, present);
  if (kind === 'sparse') return sparseHits(rest, ctx, present);
  // `git stash` with only options (`-k`, `-p`, `-m msg`) is `git stash push`; other words are subcommands that leave the work tree alone.
  if (sub === 'stash' && rest.length && !/^(push|save)$/.test(rest[0]) && !rest[0].startsWith('-')) return [];
  if (sub === 'clean' && !rest.some((a) => /^-[a-zA-Z]*f|^--force$/.test(a))) return [];
  const dashdash = rest.indexOf('--');
  const beforeDashes = withoutOptionValues(sub, dashdash >= 0 ? rest.slice(0, dashdash) : rest);
  const looksLikeRevision = (a: string) => /^[0-9a-f]{7,40}$|^(@|HEAD|FETCH_HEAD|ORIG_HEAD|main|master|origin\/.*|upstream\/.*)([~^]\d*)*$|[~^]\d*$|^v?\d+\.\d+/.test(a);
  // git takes checkout's first word as a revision when it names one (`git checkout feature file`).
  const firstIsRevision = (sub === 'checkout' || sub === 'switch') && beforeDashes.length > 0 && (looksLikeRevision(beforeDashes[0]) || isRevision(dir, beforeDashes[0]));
  const isRev = (a: string, i: number) => looksLikeRevision(a) || (i === 0 && firstIsRevision);
  // A revision to take the files from: what it restores may differ from what is committed now.
  const source =
    rest.some((a) => /^(--source(=.+)?|-s)$/.test(a)) ||
    (sub === 'checkout' && dashdash >= 0 && beforeDashes.length > 0) ||
    (sub === 'checkout' && firstIsRevision) ||
    (sub === 'reset' && beforeDashes.length > 0) ||
    (sub === 'switch' && beforeDashes.length > 0);
  const operands = (dashdash >= 0 ? rest.slice(dashdash + 1) : beforeDashes.filter((a, i) => !isRev(a, i)))
    .filter(() => (sub !== 'switch' && sub !== 'reset') || dashdash >= 0)
    .filter((a) => sub !== 'stash' || (a !== 'push' && a !== 'save'))
    // `update-index --cacheinfo MODE,SHA,PATH`
    .map((a) => (sub === 'update-index' ? a.split(',').pop() ?? a : a));
  if (sub === 'apply' || sub === 'am') return patchHits(rest.filter((a) => !a.startsWith('-')), rc, set, ctx);
  // `git stash push -- paths` stashes only the paths; `git stash save MESSAGE` takes words as the message.
  const stashPaths = sub === 'stash' && rest[0] !== 'save' ? operands : [];
  const scope = sub === 'stash' ? (stashPaths.length ? stashPaths : ['.']) : kind === 'paths' || operands.length ? operands : ['.'];
  const hits: GuardHit[] = [];
  for (const op of scope) {
    const path = resolvePathWord(op, ctx, /[*?[]/.test(op));
    hits.push(...guardHits(path, sub === 'mv' || sub === 'rm' || kind !== 'paths' ? 'move' : 'write', set));
  }
  // Switching the whole tree to another revision changes the files that differ, created ones included.
  const revision = beforeDashes.find((a, i) => isRev(a, i)) ?? beforeDashes.at(-1);
  if (kind === 'restore' && source && !operands.length && (sub === 'checkout' || sub === 'switch') && revision) {
    const top = topLevel(dir);
    const changed = top ? changedFiles(top, { from: 'HEAD', to: revision }) : undefined;
    // An unknown revision (a branch the command creates, git failing): what exists may change.
    if (!changed) return isRevision(dir, revision) || !top ? hits : [];
    return changedHits(changed, set, hits);
  }
  // Another revision may hold any content for a guarded file: every hit counts.
  if (kind === 'paths' || (kind === 'restore' && source)) return hits;
  // From the index, a restore only changes files that differ from it; a clean only removes
  // untracked (and with -x ignored) files.
  const changed = gitChanged(dir, hits.map((h) => h.guarded), kind === 'remove' ? 'remove' : 'restore', rest.some((a) => /^-[a-zA-Z]*[xX]/.test(a)) || rest.includes('-a') || rest.includes('--all'));
  // `git stash -u` / `-a` also takes untracked (and with -a ignored) files out of the working tree.
  if (sub === 'stash' && rest.some((a) => /^(-u|--include-untracked|-a|--all)$/.test(a))) {
    changed.push(...gitChanged(dir, hits.map((h) => h.guarded), 'remove', rest.includes('-a') || rest.includes('--all')));
  }
  return hits.filter((h) => changed.some((c) => isWithin(c, h.guarded) || isWithin(h.guarded, c)));
}

/** checkout/switch/stash options whose value is the next word (a new branch's name, a message). */
function withoutOptionValues(sub: string, words: readonly string[]): string[] {
  const valued = sub === 'checkout' ? /^(-b|-B|--orphan|--conflict)$/ : sub === 'switch' ? /^(-c|-C|--create|--force-create|--orphan|--conflict)$/ : sub === 'stash' ? /^(-m|--message|--pathspec-from-file)$/ : sub === 'restore' ? /^(-s|--source)$/ : /^$/;
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (valued.test(words[i])) i++;
    else if (!words[i].startsWith('-')) out.push(words[i]);
  }
  return out;
}

/** Guard files among the files a change writes; `fallback` when git could not list them. */
function changedHits(changed: string[], set: GuardSet, fallback: GuardHit[]): GuardHit[] {
  const hits: GuardHit[] = [];
  for (const file of changed.slice(0, 20_000)) hits.push(...guardHits({ written: file, paths: [file] }, 'write', set));
  return changed.length > 20_000 ? [...hits, ...fallback] : hits;
}

/** merge, pull from this repository, rebase, cherry-pick, revert, stash pop/apply, read-tree -u: the files the other commits change. */
function revisionHits(sub: string, rest: string[], dir: string, set: GuardSet, present: () => GuardHit[]): GuardHit[] {
  const top = topLevel(dir);
  if (!top) return present();
  if (sub === 'read-tree') {
    if (!rest.some((a) => a === '-u')) return [];
    const tree = rest.filter((a) => !a.startsWith('-')).at(-1);
    // Compared with the working tree itself: what -u would overwrite, whatever the index says.
    const changed = tree ? changedFiles(top, { from: tree }) : undefined;
    return changed ? changedHits(changed, set, present()) : present();
  }
  if (sub === 'stash') {
    const files = stashedFiles(top, stashRefOf(rest));
    return files ? changedHits(files, set, present()) : present();
  }
  const changes = incomingChanges(sub, rest, top);
  if (changes === 'none') return [];
  if (changes === 'unknown') return present();
  const hits: GuardHit[] = [];
  for (const change of changes) {
    const changed = changedFiles(top, change);
    hits.push(...(changed ? changedHits(changed, set, present()) : present()));
  }
  return hits;
}

/** sparse-checkout set/init/reapply: tracked guard files outside the paths kept leave the working tree. */
function sparseHits(rest: string[], ctx: PathContext, present: () => GuardHit[]): GuardHit[] {
  if (!/^(set|init|reapply)$/.test(rest[0] ?? '')) return [];
  const kept = rest.slice(1).filter((a) => !a.startsWith('-')).map((a) => resolvePathWord(a, ctx).paths[0]).filter((p): p is string => !!p);
  return present().filter((h) => !kept.some((k) => isWithin(h.guarded, k)));
}

/** git apply / patch: the files the patch text names (`+++ b/path`, `*** Update File:`). */
function patchHits(patchFiles: string[], rc: RecognisedCommand, set: GuardSet, ctx: PathContext): GuardHit[] {
  const texts: string[] = [];
  for (const f of patchFiles) {
    const p = resolvePathWord(f, ctx).paths[0];
    try {
      if (p) texts.push(readFileSync(p, 'utf8').slice(0, 2_000_000));
    } catch {
      /* not readable here: nothing to match */
    }
  }
  if (rc.stdin.kind === 'text') texts.push(rc.stdin.text);
  // `git apply < fix.patch`, `cat fix.patch | git am`: the file is read as an operand would be.
  if (rc.stdin.kind === 'opaque' && rc.stdin.from.startsWith('file ')) {
    for (const f of rc.stdin.from.slice(5).split(' ')) {
      const p = resolvePathWord(f, ctx).paths[0];
      try {
        if (p) texts.push(readFileSync(p, 'utf8').slice(0, 2_000_000));
      } catch {
        /* not readable here: nothing to match */
      }
    }
  }
  const hits: GuardHit[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/^(?:\+\+\+ (?:[ab]\/)?|--- (?:[ab]\/)?|\*\*\* (?:Add|Update|Delete) File: |\*\*\* Move to: |rename to |copy to )(.+?)\s*$/gm)) {
      if (m[1] === '/dev/null') continue;
      hits.push(...guardHits(resolvePathWord(m[1], ctx), 'move', set));
    }
  }
  return hits;
}

function gitChanged(dir: string, paths: string[], kind: 'restore' | 'remove', ignored: boolean): string[] {
  if (!paths.length) return [];
  try {
    // Read from the repository's files when it can be (src/fast/git-status.ts), else from git.
    const top = gitTopLevel(dir) ?? execFileSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const rel = paths.map((p) => relative(top, p) || '.');
    if (kind === 'restore' && !ignored && trackedClean(top, rel)) return [];
    const out = execFileSync('git', ['-C', top, 'status', '--porcelain', '-z', '--untracked-files=all', ...(ignored ? ['--ignored'] : []), '--', ...rel], {
      encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.split('\0').filter(Boolean).flatMap((entry) => {
      const code = entry.slice(0, 2);
      const file = `${top}/${entry.slice(3)}`;
      const untracked = code === '??' || code === '!!';
      return (kind === 'remove') === untracked ? [file.replace(/\/$/, '')] : [];
    });
  } catch {
    return paths; // no git, or git failed: assume it would change them
  }
}

/** npm/pnpm/yarn/bun removing, replacing or relinking the installed firebreak package. */
const packageVerb = (rc: RecognisedCommand): string => rc.argv.slice(1).find((a) => !a.startsWith('-')) ?? '';

function packageHits(rc: RecognisedCommand, set: GuardSet): GuardHit[] {
  const args = rc.argv.slice(1).filter((a) => !a.startsWith('-'));
  const verb = packageVerb(rc);
  if (!PACKAGE_CHANGING_VERBS.has(verb)) return [];
  const names = args.slice(1);
  const global = rc.argv.some((a) => a === '-g' || a === '--global' || a === '--location=global') || (rc.argv[1] === 'global');
  const removes = /^(uninstall|un|remove|rm|r|unlink)$/.test(verb);
  // Installing Firebreak from the registry into a project is routine; removing it, replacing the
  // global install, or installing it from somewhere else (git, a tarball, a folder) is not.
  const ours = (n: string) => /^(@[^/]+\/)?firebreak(@.*)?$/.test(n);
  const elsewhere = (n: string) => /^(@[^/]+\/)?firebreak@(github:|git\+|git:|https?:|file:|\.|\/)/.test(n);
  const firebreak = names.some((n) => ours(n) && (removes || global || elsewhere(n)));
  // `npm link` of the current folder replaces the global link only when that folder provides the
  // firebreak program: read from its package.json by the program check (installed-programs.ts).
  const relinks = (verb === 'link' || verb === 'ln') && names.some(ours);
  if (!firebreak && !relinks) return [];
  const install = set.entries.filter((e) => /Firebreak package|firebreak link|firebreak command/.test(e.what));
  const target = install[0];
  if (!target) return [{ touched: 'firebreak', guarded: 'the installed firebreak package', what: 'the installed Firebreak', relation: 'is' }];
  return [{ touched: `${rc.argv[0]} ${verb} ${names.join(' ')}`.trim(), guarded: target.path, what: relinks ? 'the global firebreak link (npm link replaces it with this folder)' : target.what, relation: 'is' }];
}

const VERB: Record<FileAccess, string> = { write: 'write', 'write-tree': 'write into', delete: 'delete', move: 'move or replace', permissions: 'change permissions of', link: 'replace with a link', read: 'read' };

export function guardAction(rc: RecognisedCommand, tool: string, hit: GuardHit, access: FileAccess, workspace: string, why: Evidence[]): PlannedAction {
  const shown = display(hit.relation === 'contains' ? hit.guarded : hit.relation === 'may-be' ? hit.touched : hit.touched, workspace);
  const verb = hit.secret && access === 'read' ? 'read' : VERB[access];
  return makeAction(rc, {
    operation: 'permissions',
    verb: `${verb} ${shown}`,
    tool: tool || 'shell',
    target: { type: GUARD_FILE_TYPE, id: shown },
    scope: 'resource',
    evidence: [guardEvidence(hit, workspace), ...why],
    details: { guard: { guarded: hit.guarded, touched: hit.touched, relation: hit.relation, access } },
  });
}

function guardEvidence(hit: GuardHit, workspace: string): Evidence {
  const guarded = display(hit.guarded, workspace);
  const touched = display(hit.touched, workspace);
  const message = hit.secret
    ? `${guarded} is ${hit.what}: a process that reads it can forge approvals`
    : hit.relation === 'contains'
      ? `${touched} holds ${guarded}, ${hit.what}: an agent changing it could switch its guard off`
      : hit.relation === 'may-be'
        ? `${touched} may be ${guarded} (${hit.what}): part of the path is only known at run time`
        : `${touched} is ${hit.relation === 'inside' ? `inside ${guarded}, ` : ''}${hit.what}: an agent changing it could switch its guard off`;
  return commandEvidence(message, 'path', guarded);
}

function resolutionEvidence(target: FileTarget, path: ResolvedPath, workspace: string): Evidence[] {
  const out: Evidence[] = [];
  const shown = path.paths.map((p) => display(p, workspace));
  if (path.glob) out.push(commandEvidence(`glob ${target.written} matches ${shown.slice(0, 5).join(', ') || 'nothing yet'}`, 'glob', target.written));
  else if (shown.length && shown[0] !== target.written) out.push(commandEvidence(`${target.written} resolves to ${shown.join(' -> ')}`, 'path', target.written));
  if (target.role === 'code') out.push(commandEvidence(`the code names ${target.written}`, 'code', target.written));
  return out;
}

/** A path for people: relative inside the workspace, `~/...` in the home folder, else absolute. */
export function display(p: string, workspace: string): string {
  if (!p.startsWith('/')) return p;
  if (isWithin(p, workspace)) return relative(workspace, p) || '.';
  const home = process.env.HOME;
  if (home && home !== '/' && isWithin(p, home)) return `~/${relative(home, p)}`;
  return p;
}
