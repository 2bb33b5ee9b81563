import { execFileSync } from 'node:child_process';
import { isAbsolute, normalize, relative, resolve } from 'node:path';
import { REGENERABLE_DIRECTORIES, WORKSPACE_ENVIRONMENT } from '../knowledge/workspace-files.js';
import type { Action, Evidence, Reversibility } from '../model.js';

/**
 * Deleting files inside the working directory is not a production change: it is placed in the
 * `workspace` environment, and whether it can be undone is checked against git and the list of
 * directories tools regenerate. Paths outside the workspace, `~` or `/` are left as they are.
 */
export function placeWorkspaceDeletes(actions: Action[], cwd: string): Action[] {
  return actions.map((action) => {
    if (action.target.type !== 'fs:path' || action.details?.withinWorkspace !== true || action.intrinsic) return action;
    const { reversibility, evidence } = workspaceReversibility(action.target.id, cwd);
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

function workspaceReversibility(path: string, cwd: string): { reversibility: Reversibility; evidence: Evidence[] } {
  const relativePath = normalize(isAbsolute(path) ? relative(cwd, path) : path).replace(/\/+$/, '');
  if (REGENERABLE_DIRECTORIES.some((dir) => relativePath === dir || relativePath.endsWith(`/${dir}`))) {
    return {
      reversibility: 'recoverable',
      evidence: [{ kind: 'knowledge', message: `${relativePath} is a directory that builds and installs regenerate` }],
    };
  }
  const git = committedInGit(resolve(cwd, relativePath), cwd);
  if (git === 'clean') {
    return {
      reversibility: 'recoverable',
      evidence: [{ kind: 'input', message: `every file under ${relativePath} is committed and unmodified in git: \`git checkout -- ${relativePath}\` restores it` }],
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

/** 'clean': tracked and unmodified; 'dirty': has changes or untracked files; 'untracked': not in git / no repo. */
function committedInGit(path: string, cwd: string): 'clean' | 'dirty' | 'untracked' {
  const git = (args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    if (git(['ls-files', '--', path]).trim() === '') return 'untracked';
    return git(['status', '--porcelain', '--untracked-files=all', '--', path]).trim() === '' ? 'clean' : 'dirty';
  } catch {
    return 'untracked';
  }
}
