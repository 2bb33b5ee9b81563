// Repositories a line clones before it works in them: `git clone URL dir && git -C dir reset --hard
// v1.2` (a pinned checkout, as gimme does for Go's sources), or makes with `git init` to fetch one
// commit into (`mkdir bzip2 && cd bzip2 && git init && git fetch origin SHA && git reset --hard
// FETCH_HEAD`). A repository made where nothing was has no uncommitted work, so what a reset or a
// forced checkout there discards is nothing. Kept per line, by the map of files the line writes (as
// moves.ts keeps its moves).
import { basename } from 'node:path';
import { scriptPath, writtenFileKey } from '../code/source.js';
import { GIT_GLOBAL_WITH_ARGUMENT } from './recognisers/git-runs.js';

const CLONES = new WeakMap<Map<string, string>, Set<string>>();
const MAX_CLONES = 64;
/** Options of `git init` that take the next word as their value. */
const INIT_VALUED = new Set(['-b', '--initial-branch', '--template', '--object-format', '--ref-format']);
/** Options of `git clone` that take the next word as their value. */
const CLONE_VALUED = new Set(['-o', '--origin', '-b', '--branch', '-u', '--upload-pack', '--reference', '--reference-if-able', '--separate-git-dir',
  '--depth', '--shallow-since', '--shallow-exclude', '-c', '--config', '--server-option', '-j', '--jobs', '--template', '--filter', '--bundle-uri', '--ref-format']);

interface State { cwd?: string; workspace?: string; files?: Map<string, string> }

/** Records the folder a `git clone` or `git init` makes (`argv` after wrappers, its variables expanded where known). */
export function recordClones(name: string, argv: readonly string[], state: State): void {
  if (name !== 'git' || !state.files) return;
  let i = 1;
  let dashC: string | undefined;
  while (i < argv.length && argv[i]!.startsWith('-')) {
    if (argv[i] === '-C') dashC = argv[i + 1];
    i += GIT_GLOBAL_WITH_ARGUMENT.has(argv[i]!) ? 2 : 1;
  }
  const sub = argv[i];
  if ((sub !== 'clone' && sub !== 'init') || dashC !== undefined) return;
  // `--separate-git-dir` and `--bare` / `--mirror` make no ordinary work tree there.
  if (argv.some((a) => a === '--bare' || a === '--mirror' || a.startsWith('--separate-git-dir'))) return;
  const valued = sub === 'clone' ? CLONE_VALUED : INIT_VALUED;
  const operands: string[] = [];
  for (let k = i + 1; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') { operands.push(...argv.slice(k + 1)); break; }
    if (valued.has(a)) k++;
    else if (!a.startsWith('-')) operands.push(a);
  }
  // `git init` makes the repository in its one operand, or in the current folder.
  const [url, dir] = sub === 'init' ? [undefined, operands[0] ?? '.'] : operands;
  const folder = dir ?? (url ? basename(url.replace(/\/+$/, '')).replace(/\.git$/, '') : undefined);
  if (!folder || /[$`*?[]/.test(folder)) return;
  const set = CLONES.get(state.files) ?? new Set<string>();
  if (set.size < MAX_CLONES) set.add(scriptPath({ workspace: state.workspace }, writtenFileKey(folder, state.cwd)));
  CLONES.set(state.files, set);
}

/** Whether the line cloned (or initialised a repository) into `absolutePath` earlier. */
export function clonedEarlier(files: Map<string, string>, absolutePath: string): boolean {
  return CLONES.get(files)?.has(absolutePath) ?? false;
}
