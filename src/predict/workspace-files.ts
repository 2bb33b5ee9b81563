import { execFileSync } from '../util/exec-file-sync.js';
import { closeSync, openSync, readSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve } from 'node:path';
import { REGENERABLE_DIRECTORIES, REGENERABLE_NAME_PATTERNS, SCRATCH_ENVIRONMENT, WORKSPACE_ENVIRONMENT } from '../knowledge/workspace-files.js';
import { MACHINE_ENVIRONMENT } from '../knowledge/system-packages.js';
import type { Action, Evidence, Reversibility } from '../model.js';

/**
 * Deleting files inside the working directory is not a production change: it is placed in the
 * `workspace` environment, and whether it can be undone is checked against git and the list of
 * directories tools regenerate. Scratch space (/tmp, $TMPDIR, mktemp results) is placed in the
 * `scratch` environment: recoverable by definition. Paths outside both, `~` or `/` are left as
 * they are (judged like production data).
 */
export function placeWorkspaceDeletes(actions: Action[], cwd: string): Action[] {
  return actions.map((action) => {
    // A new program under /usr/local (src/intake/shell/recognisers/file-writes.ts): this machine, not a deployed environment.
    if (action.target.type === 'fs:path' && action.details?.machineInstall === true) {
      return { ...action, environment: MACHINE_ENVIRONMENT, environmentAssumed: false, production: false,
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is an install on this machine, not a deployed environment` }] };
    }
    if (action.target.type !== 'fs:path' || action.intrinsic) return action;
    if (action.details?.scratch === true) {
      return {
        ...action,
        environment: SCRATCH_ENVIRONMENT,
        environmentAssumed: false,
        production: false,
        intrinsic: { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `${action.target.id} is scratch space: what is kept there is meant to be thrown away` }] },
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is scratch space, not a deployed environment` }],
      };
    }
    if (action.details?.withinWorkspace !== true) return action;
    if (action.details.absent === true) {
      return {
        ...action,
        environment: WORKSPACE_ENVIRONMENT,
        environmentAssumed: false,
        production: false,
        intrinsic: { reversibility: 'recoverable', evidence: [{ kind: 'input', message: `nothing is at ${action.target.id} now, and nothing earlier in the command makes it: the delete removes nothing` }] },
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is inside the working directory: the local workspace, not a deployed environment` }],
      };
    }
    const bounded = typeof action.details.boundedBy === 'string' ? action.details.boundedBy : undefined;
    const path = bounded ?? (typeof action.details.path === 'string' ? action.details.path : action.target.id);
    const filter = action.details.findFilter as { names: string[]; paths: string[] } | undefined;
    const { reversibility, evidence } = filter ? matchesReversibility(path, filter, cwd) : workspaceReversibility(path, cwd);
    return {
      ...action,
      environment: WORKSPACE_ENVIRONMENT,
      environmentAssumed: false,
      production: false,
      intrinsic: { reversibility, evidence },
      evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is inside the working directory: the local workspace, not a deployed environment` }],
    };
  });
}

/** A workspace path that builds, installs and test runs bring back: itself or a folder above it. */
export function isRegenerable(relativePath: string): string | undefined {
  const parts = relativePath.split('/').filter((p) => p && p !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const head = parts.slice(0, i).join('/');
    const name = parts[i - 1];
    const dir = REGENERABLE_DIRECTORIES.find((d) => head === d || head.endsWith(`/${d}`));
    if (dir) return head;
    if (REGENERABLE_NAME_PATTERNS.some((re) => re.test(name))) return head;
  }
  return undefined;
}

function workspaceReversibility(path: string, cwd: string): { reversibility: Reversibility; evidence: Evidence[] } {
  // `build/*` empties build/: judge the folder.
  const relativePath = normalize(isAbsolute(path) ? relative(cwd, path) : path).replace(/\/+$/, '').replace(/(\/[^/]*[*?[][^/]*)+$/, '');
  const regenerable = isRegenerable(relativePath);
  if (regenerable) {
    return {
      reversibility: 'recoverable',
      evidence: [{ kind: 'knowledge', message: regenerable === relativePath ? `${relativePath} is a directory that builds and installs regenerate` : `${relativePath} is inside ${regenerable}, which builds and installs regenerate` }],
    };
  }
  const git = committedInGit(resolve(cwd, relativePath), cwd);
  if (git === 'clean') {
    return {
      reversibility: 'recoverable',
      evidence: [{ kind: 'input', message: `every file under ${relativePath} is committed and unmodified in git: \`git checkout -- ${relativePath}\` restores it` }],
    };
  }
  if (git === 'ignored-output') {
    return {
      reversibility: 'recoverable',
      evidence: [{ kind: 'input', message: `${relativePath} is ignored by git and named like generated output (or is a compiled program): a build brings it back` }],
    };
  }
  return {
    reversibility: 'unknown',
    evidence: [
      {
        kind: 'input',
        message:
          git === 'dirty'
            ? `${relativePath} has uncommitted or untracked files in git: they would be lost`
            : `${relativePath} is not (or not wholly) tracked by git: whether it can be restored is unknown`,
      },
    ],
  };
}

/** find ROOT -name X -delete: recoverable when X names regenerable files, or git holds every match. */
function matchesReversibility(root: string, filter: { names: string[]; paths: string[] }, cwd: string): { reversibility: Reversibility; evidence: Evidence[] } {
  const names = filter.names;
  if (names.length && !filter.paths.length && names.every((n) => isRegenerable(n.replace(/\*/g, 'x').replace(/\?/g, 'x')))) {
    return { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `${names.join(', ')} names files that builds and tools regenerate` }] };
  }
  const at = isAbsolute(root) ? root : resolve(cwd, root);
  try {
    const out = execFileSync('git', ['-C', cwd, 'status', '--porcelain', '-z', '--untracked-files=all', '--', at], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    const tracked = execFileSync('git', ['-C', cwd, 'ls-files', '--', at], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    if (tracked.trim() === '' && out.trim() === '') throw new Error('not in git');
    const loose = out.split('\0').filter(Boolean).map((e) => e.slice(3));
    const re = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const hit = loose.find((f) => names.some((n) => re(n).test(f.split('/').pop() ?? '')) || filter.paths.some((p) => re(p).test(`./${f}`) || re(p).test(f)));
    if (!hit) return { reversibility: 'recoverable', evidence: [{ kind: 'input', message: `every file matching ${[...names, ...filter.paths].join(', ')} under ${relative(cwd, at) || '.'} is committed and unmodified in git` }] };
    return { reversibility: 'unknown', evidence: [{ kind: 'input', message: `${hit} matches and has uncommitted changes or is untracked: it would be lost` }] };
  } catch {
    return { reversibility: 'unknown', evidence: [{ kind: 'input', message: `the matches under ${root} are not tracked by git: whether they can be restored is unknown` }] };
  }
}

/** Names generated output usually has; only trusted when git also ignores the path. */
const OUTPUT_NAMES = /^(build|builds|dist|out|output|target|coverage|docs?\/_build|docs?\/build|site|public|public\/build|docs?\/public|\.output|reports?|test-results|artifacts|generated|gen|lib-cov|bundle|bin|vendor|\.make|[^/]*\.egg|[^/]*\.test)$/;

/** A compiled program (ELF, Mach-O, PE): ignored by git, it is what the project's build made. */
function compiledProgram(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
    const magic = head.toString('hex');
    return magic === '7f454c46' || ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic) || head.subarray(0, 2).toString('latin1') === 'MZ';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** 'clean': tracked and unmodified; 'dirty': has changes or untracked files; 'untracked': not in git / no repo. */
function committedInGit(path: string, cwd: string): 'clean' | 'dirty' | 'untracked' | 'ignored-output' {
  const git = (args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    if (git(['ls-files', '--', path]).trim() === '') {
      const rel = relative(cwd, path);
      if (OUTPUT_NAMES.test(rel) || OUTPUT_NAMES.test(rel.split('/').pop() ?? '') || compiledProgram(path)) {
        const ignored = git(['check-ignore', '-q', '--', path]) === '';
        if (ignored) return 'ignored-output';
      }
      return 'untracked';
    }
    return git(['status', '--porcelain', '--untracked-files=all', '--', path]).trim() === '' ? 'clean' : 'dirty';
  } catch {
    return 'untracked';
  }
}
