// execFileSync with node:child_process loaded on first use (child-process.ts). Every git goes
// through safe-git.ts, so that it runs nothing the workspace's config names.
import type { ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { childProcess } from './child-process.js';
import { safeGit } from './safe-git.js';

export function execFileSync(file: string, args: readonly string[], options: ExecFileSyncOptionsWithStringEncoding): string {
  if (file !== 'git') return childProcess().execFileSync(file, args, options);
  const safe = safeGit(args, { cwd: options.cwd, env: options.env });
  return childProcess().execFileSync(safe.file, safe.args, { ...options, env: safe.env });
}
