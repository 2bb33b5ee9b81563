// goreleaser runs the commands of its configuration's `before: hooks:` (and each build's
// `hooks: pre/post`) on every release and build, `--snapshot` and `--skip=publish` included. A
// configuration the project committed is its own; one changed since (or written by the line) holds
// commands nobody has read, so the run is unknown rather than a local build.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { committedClean } from '../../../fast/git-status.js';
import { firstExisting, readProjectFile, runDirectory } from '../runners/project.js';
import type { RecognisedCommand } from '../command.js';

const CONFIG_NAMES = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];
/** goreleaser commands that run the hooks (the root command is `release`). */
const RUNS_HOOKS = new Set(['', 'release', 'build']);
const HOOKS = /^\s*(?:hooks|pre|post)\s*:/m;

/** Why the release configuration's hooks are not known, when they run; undefined when they are the project's own. */
export function changedReleaseHooks(cmd: RecognisedCommand, path: readonly string[], options: readonly (readonly [string, string])[]): string | undefined {
  if (!RUNS_HOOKS.has(path[0] ?? '')) return undefined;
  const dir = runDirectory(cmd);
  if (!dir.ok) return undefined;
  const given = options.find(([o]) => o === '--config' || o === '-f')?.[1];
  const file = given ? resolve(dir.value, given) : firstExisting(cmd, dir.value, CONFIG_NAMES);
  if (!file) return undefined;
  const read = readProjectFile(cmd, file);
  if (!read.ok) return read.missing ? undefined : `goreleaser runs the hooks of ${read.why}`;
  if (!HOOKS.test(read.value.text)) return undefined;
  if (cmd.workspace && committedAsIs(cmd.workspace, file)) return undefined;
  return `${read.value.shown} has hooks goreleaser runs on every release and build (snapshots included), and it has changes nobody has read`;
}


/** Whether git holds `file` as it is on disk: the index's stat data, else git itself (an error or a timeout is "no"). */
function committedAsIs(workspace: string, file: string): boolean {
  if (committedClean(workspace, file)) return true;
  try {
    const git = (args: string[]) => execFileSync('git', ['-C', dirname(file), ...args], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    git(['ls-files', '--error-unmatch', '--', file]);
    return git(['status', '--porcelain', '--', file]).trim() === '';
  } catch {
    return false;
  }
}
