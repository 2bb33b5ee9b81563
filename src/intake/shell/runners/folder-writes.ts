// Folders a command fills with files whose names the line does not show: an archive unpacked there
// (`tar -xf x.tar -C bin`, `unzip x.zip -d bin`), a download named by its URL (`curl -O`, `wget -P
// bin`), a folder copied or synchronised into it (`cp -r x/. bin/`, `rsync -a x/ bin/`), a copy out
// of a container or another host (`docker cp c:/app bin/`). A program the project builds there, run
// later in the line (`./bin/app`), may be one of those files instead of the build: it is not judged
// as the build (runners/build-products.ts).
import { posix } from 'node:path';
import { writtenFileKey } from '../../code/source.js';
import type { ShellState } from '../walk.js';

/** A folder filled out of sight; `deep`: files may land below it too (an archive, a copied folder). */
interface Filled { folder: string; deep: boolean }
interface LineFolders { filled: Filled[]; rebuilt: Set<string> }
const lines = new WeakMap<Map<string, string>, LineFolders>();

function ofLine(state: ShellState): LineFolders {
  const files = (state.files ??= new Map());
  let found = lines.get(files);
  if (!found) lines.set(files, (found = { filled: [], rebuilt: new Set() }));
  return found;
}

/** The folder filled out of sight where the file at `key` may now be one of those files, unless the
 *  line built it there since. */
export function filledOutOfSight(state: Pick<ShellState, 'files'>, key: string): string | undefined {
  const line = state.files ? lines.get(state.files) : undefined;
  if (!line || line.rebuilt.has(key)) return undefined;
  const k = posix.normalize(key);
  const parent = posix.dirname(k);
  return line.filled.find((f) => (f.deep ? f.folder === '.' || k === f.folder || k.startsWith(`${f.folder}/`) : parent === f.folder || k === f.folder))?.folder;
}

/** A build in the line made the file at `key` again, after what was written there before. */
export function noteRebuilt(state: ShellState, key: string): void {
  ofLine(state).rebuilt.add(posix.normalize(key));
}

export function recordFolderWrites(name: string, argv: readonly string[], state: ShellState): void {
  const targets = folderTargets(name, argv);
  if (!targets.length) return;
  const line = ofLine(state);
  for (const t of targets) {
    const folder = posix.normalize(writtenFileKey(t.folder.replace(/\/+$/, '') || '/', state.cwd));
    line.filled.push({ folder, deep: t.deep });
    for (const k of [...line.rebuilt]) if (folder === '.' || k === folder || k.startsWith(`${folder}/`)) line.rebuilt.delete(k);
  }
}

/** The value of an option (`-C dir`, `-Cdir`, `--directory=dir`), the last one given. */
function option(argv: readonly string[], short: string[], long: string[]): string | undefined {
  let out: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (short.includes(a) || long.includes(a)) out = argv[i + 1];
    else if (long.some((l) => a.startsWith(`${l}=`))) out = a.slice(a.indexOf('=') + 1);
    else if (short.some((s) => a.startsWith(s) && a.length > s.length && !a.startsWith('--'))) out = a.slice(2);
  }
  return out;
}

const operands = (argv: readonly string[]) => argv.slice(1).filter((a) => !a.startsWith('-'));

function folderTargets(name: string, argv: readonly string[]): { folder: string; deep: boolean }[] {
  switch (name) {
    case 'tar':
    case 'bsdtar':
    case 'gtar': {
      const extracts = argv.slice(1).some((a) => /^(-[a-zA-Z]*x|x[a-zA-Z]*$|--extract|--get)/.test(a));
      return extracts ? [{ folder: option(argv, ['-C'], ['--directory']) ?? '.', deep: true }] : [];
    }
    case 'unzip':
      return [{ folder: option(argv, ['-d'], []) ?? '.', deep: true }];
    case 'curl': {
      const named = argv.slice(1).some((a) => /^(-[a-zA-Z]*O|--remote-name(-all)?|-J|--remote-header-name)$/.test(a));
      return named ? [{ folder: option(argv, [], ['--output-dir']) ?? '.', deep: false }] : [];
    }
    case 'wget': {
      if (argv.slice(1).some((a) => /^(-[a-zA-Z]*O|--output-document)/.test(a))) return [];
      const recursive = argv.slice(1).some((a) => /^(-[a-zA-Z]*[rm]|--recursive|--mirror)$/.test(a));
      return [{ folder: option(argv, ['-P'], ['--directory-prefix']) ?? '.', deep: recursive }];
    }
    case 'rsync':
    case 'scp':
    case 'cp':
    case 'ditto': {
      // Into a folder by its whole content: `cp -r x/. bin/`, `rsync -a x/ bin/`; a file copy is seen (written-files.ts).
      const recursive = name !== 'cp' || argv.slice(1).some((a) => /^(-[a-zA-Z]*[rRa]|--recursive|--archive)$/.test(a));
      const ops = operands(argv);
      return recursive && ops.length >= 2 ? [{ folder: ops[ops.length - 1], deep: true }] : [];
    }
    case 'docker':
    case 'podman':
    case 'kubectl': {
      const ops = operands(argv);
      return ops[0] === 'cp' && ops.length >= 3 ? [{ folder: ops[ops.length - 1], deep: true }] : [];
    }
    default:
      return [];
  }
}
