// On a machine the operator declared ephemeral (src/config/machine.ts), a change to the machine's own
// system state is recoverable machine setup: the machine is thrown away after the job. Placed here:
// - commands the intake recognised as machine setup (`details.machineSetup`, src/intake/shell/machine-setup.ts):
//   removing system packages, adding package sources, local services, kernel modules, users and groups;
// - writes, deletes and permission changes strictly inside the system folders of
//   knowledge/ephemeral-machine.ts, on this machine's own root file system.
// Never: an action firebreak.yaml or the workspace rules already placed, one with any hint of another
// place (a host, endpoint, context, profile, account, region), one run on another host or in a
// container, a path that is or holds the workspace or the home folder, a database's data, a path on a
// bind or network mount (or one holding such a mount), a path only known at run time. The guard's own
// files are separate actions (firebreak:guard-file) and are never touched here.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, normalize } from 'node:path';
import { gitTopLevel } from '../fast/git-status.js';
import { declarationEvidence, type MachineDeclaration } from '../config/machine.js';
import { DEFERRED_SYSTEM_CODE, DEFERRED_SYSTEM_CODE_PATTERNS, EPHEMERAL_SYSTEM_FOLDERS, GUARD_STARTUP_FILES, OTHER_ROOT_WORDS, OTHER_ROOT_WRAPPERS } from '../knowledge/ephemeral-machine.js';
import { DATABASE_DATA_DIRECTORIES } from '../knowledge/workspace-files.js';
import { MACHINE_ENVIRONMENT, SHADOW_SENSITIVE_NAMES } from '../knowledge/system-packages.js';
import type { Action, Evidence } from '../model.js';
import { outlivesMachine, type Mount } from './mounts.js';
import { ownRuntimeFiles } from './own-runtime.js';

const within = (p: string, folder: string) => p === folder || folder === '/' || p.startsWith(`${folder}/`);
const CHANGES = new Set(['create', 'update', 'replace', 'delete', 'permissions']);
const ASSUMED = /^environment could not be determined/;

export interface EphemeralContext {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The mount table (tests); default: this process's. */
  mounts?: Mount[] | null;
  /** The files the guard runs on (tests); default: this process's (own-runtime.ts). */
  runtime?: string[] | null;
}

export function placeOnEphemeralMachine(actions: Action[], machine: MachineDeclaration | undefined, ctx: EphemeralContext): Action[] {
  if (!machine?.ephemeral) return actions;
  let keep: string[] | undefined;
  return actions.map((action) => {
    if (action.environmentAssumed !== true || !CHANGES.has(action.operation) && action.operation !== 'unknown') return action;
    if (hinted(action) || action.details?.elsewhere !== undefined || action.details?.argumentsFromStdin === true || otherRoot(action)) return action;
    const setup = action.details?.machineSetup as { kind: string; program: string; undo: string } | undefined;
    if (action.target.type === 'local:command' && setup) {
      return placed(action, machine, 'update', `\`${action.source.command?.trim().slice(0, 80) ?? setup.program}\` changes this machine's ${setup.kind}`, setup.undo);
    }
    if (action.target.type !== 'fs:path' || action.operation === 'unknown' || action.details?.location !== 'system') return action;
    // The path as written and as resolved must both be concrete: a recursive change or a glob is bounded by
    // its folder (checked below, with every mount under it); a value known only at run time is not.
    const danger = action.details?.danger;
    const path = action.details?.path ?? (/[*?[]/.test(action.target.id) ? action.target.id : undefined);
    if (danger !== undefined && danger !== 'system' && !(danger === 'unbounded-glob' && path === action.target.id)) return action;
    if (typeof path !== 'string' || !isAbsolute(path) || /[$`\\]/.test(path) || /[$`]/.test(action.target.id)) return action;
    keep ??= kept(ctx);
    const why = deferredCode(path, action.operation) ?? (ctx.runtime === undefined ? notMachineSetup(path, keep, ctx.mounts) : notMachineSetup(path, keep, ctx.mounts, ctx.runtime));
    if (why) return { ...action, evidence: [...action.evidence, { kind: 'config', message: `the operator declared this machine ephemeral (${machine.file}:${machine.line}), but ${why}`, key: 'machine' }] };
    const verb = action.operation === 'delete' ? 'deletes' : action.operation === 'permissions' ? 'changes permissions of' : action.operation === 'replace' ? 'replaces' : 'writes';
    return placed(action, machine, action.operation, `it ${verb} ${path}, inside this machine's system folders`, action.operation === 'delete' ? 'install the software again (or throw the machine away)' : 'write the file back (or throw the machine away)');
  });
}

/** A write of code something on the machine runs later, unread (a delete there is setup). */
export function deferredCode(path: string, operation: Action['operation']): string | undefined {
  if (operation === 'delete') return undefined;
  const p = normalize(path);
  for (const q of new Set([p, real(p)])) {
    const hit = DEFERRED_SYSTEM_CODE.find((f) => within(q, f) || within(f, q)) ?? DEFERRED_SYSTEM_CODE_PATTERNS.find((re) => re.test(q))?.source;
    if (hit) return `${q} is where the machine keeps code it runs later (${hit}): what is written there runs unread`;
  }
  return undefined;
}

/** Run under another root or in another mount namespace (a chroot, `nsenter -t 1` to the host). */
function otherRoot(action: Action): boolean {
  return action.evidence.some((e) => typeof e.key === 'string' && OTHER_ROOT_WRAPPERS.has(e.key)) || OTHER_ROOT_WORDS.test(action.source.command ?? '');
}

/** Any hint naming another place: an ssh host, an endpoint, a context, a profile, an account, a region. */
function hinted(action: Action): boolean {
  return Object.values(action.hints ?? {}).some((v) => v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v).length === 0));
}

function placed(action: Action, machine: MachineDeclaration, operation: Action['operation'], what: string, undo: string): Action {
  const declared: Evidence = { kind: 'config', message: `${declarationEvidence(machine)}: ${what}; the machine's own state is thrown away with it`, key: 'machine', value: machine.file };
  const why: Evidence = { kind: 'input', message: `${declarationEvidence(machine)}: ${what}, thrown away with the machine; to undo, ${undo}` };
  return {
    ...action,
    operation,
    // What it reaches is bounded: one unit, module, user or package set; the folder (and every mount under it) was checked.
    scope: 'resource',
    environment: MACHINE_ENVIRONMENT,
    environmentAssumed: false,
    production: false,
    evidence: [...action.evidence.filter((e) => !(e.kind === 'config' && ASSUMED.test(e.message))), declared],
    intrinsic: { reversibility: 'recoverable', evidence: [why] },
  };
}

/** Folders that outlive the machine whatever it is: the workspace (it may be mounted from the host) and the home folder. */
function kept(ctx: EphemeralContext): string[] {
  const env = ctx.env ?? process.env;
  const roots = [ctx.cwd, gitTopLevel(ctx.cwd), env.GITHUB_WORKSPACE, env.HOME, env.CI_PROJECT_DIR, env.WORKSPACE].filter((p): p is string => typeof p === 'string' && isAbsolute(p));
  return [...new Set(roots.flatMap((r) => [normalize(r), real(normalize(r))]))];
}

/** Why a path is not this machine's own setup, or undefined when it is. */
export function notMachineSetup(path: string, keep: readonly string[], mounts?: Mount[] | null, runtime: readonly string[] | null = ownRuntimeFiles()): string | undefined {
  const base = folderOfPattern(normalize(path).replace(/\/+$/, '') || '/');
  if (!runtime) return 'the files this process runs on (/proc/self/maps) cannot be read, so a change that would stop the guard running cannot be told apart';
  for (const p of new Set([base, real(base)])) {
    const folder = EPHEMERAL_SYSTEM_FOLDERS.find((f) => p !== f && within(p, f));
    if (!folder) return `${p} is not strictly inside a system folder of this machine (${EPHEMERAL_SYSTEM_FOLDERS.slice(0, 4).join(', ')}, ...)`;
    const kept = keep.find((k) => within(p, k) || within(k, p));
    if (kept) return `${p} ${within(p, kept) ? 'is inside' : 'holds'} ${kept}, the workspace or the home folder: it may be mounted from elsewhere and outlives the machine`;
    const startup = GUARD_STARTUP_FILES.find((f) => within(p, f) || within(f, p));
    if (startup) return `${p} ${within(p, startup) ? 'is' : 'holds'} ${startup}, which every later process (the guard's hook among them) reads as it starts`;
    const own = runtime.find((f) => within(f, p));
    if (own) return `${p} ${own === p ? 'is' : 'holds'} ${own}, which the guard itself runs on`;
    const name = p.split('/').pop() ?? '';
    if (SHADOW_SENSITIVE_NAMES.has(name) && /\/s?bin$/.test(dirname(p))) return `${p} is the program \`${name}\` as PATH finds it: the guard's hook and every later command run it by that name`;
    const data = DATABASE_DATA_DIRECTORIES.find((d) => within(p, d) || within(d, p));
    if (data) return `${p} ${within(p, data) ? 'is inside' : 'holds'} ${data}, where a database keeps its data`;
    const mount = mounts === undefined ? outlivesMachine(p) : outlivesMachine(p, mounts);
    if (mount) return mount;
  }
  return undefined;
}

/** `/usr/share/man/man1/gh-*.1` -> `/usr/share/man/man1`: the folder a glob matches in. */
function folderOfPattern(p: string): string {
  const parts = p.split('/');
  const at = parts.findIndex((s) => /[*?[]/.test(s));
  return at < 0 ? p : parts.slice(0, at).join('/') || '/';
}

/** The path with every link on the way resolved (the part that does not exist yet kept as written). */
function real(p: string): string {
  let head = p;
  let tail = '';
  while (!existsSync(head)) {
    const parent = dirname(head);
    if (parent === head) return p;
    tail = `/${head.slice(parent.length).replace(/^\//, '')}${tail}`;
    head = parent;
  }
  try {
    const r = realpathSync(head);
    return r === '/' ? tail || '/' : `${r}${tail}`;
  } catch {
    return p;
  }
}
