// The backup an in-place edit makes, deleted again by the same line: `sed -i.bak 's/a/b/' f && rm
// f.bak` (the portable spelling for GNU and BSD sed), `sed -i.old ... "$stable"; rm -f "$stable.old"`.
// Deleting that backup leaves the file as `sed -i` without a suffix would: what the edit changes is
// judged on the edit itself. Only a backup nothing is at now is one the line makes: a file of that
// name there before the line (which a failed edit leaves alone) is judged as any other delete.
// Kept per line, by the map of files the line writes (as moves.ts keeps its moves).
import { scriptPath, writtenFileKey } from '../code/source.js';

export interface EditBackup {
  /** The edited file, as a written-file key. */
  of: string;
  /** How the backup was made (`sed -i.bak`). */
  how: string;
}

const BACKUPS = new WeakMap<Map<string, string>, Map<string, EditBackup>>();
const MAX_BACKUPS = 256;

/** sed's options that take the next word as their value (a script, a script file, a line length). */
const SED_VALUED = new Set(['-e', '-f', '-l', '--expression', '--file', '--line-length']);
/** `-i.bak`, `-Ei.bak`, `-ni~`: GNU's attached suffix (BSD's `-i .bak` is read by GNU as the script, so it is not taken). */
const SED_ATTACHED_SUFFIX = /^-[EnrsuzE]*i(.+)$/;

interface State { cwd?: string; workspace?: string; files?: Map<string, string> }

/** Records the backups of one command (`argv` after wrappers, its variables expanded where known). */
export function recordEditBackups(name: string, argv: readonly string[], state: State): void {
  if (name !== 'sed' || !state.files) return;
  let suffix: string | undefined;
  let script = false;
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { operands.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--in-place=')) suffix = a.slice('--in-place='.length);
    else if (SED_VALUED.has(a)) { script ||= a === '-e' || a === '-f' || a === '--expression' || a === '--file'; i++; }
    else if (/^--(expression|file)=/.test(a) || /^-[Enrsuz]*[ef]./.test(a)) script = true;
    else if (SED_ATTACHED_SUFFIX.test(a)) suffix = SED_ATTACHED_SUFFIX.exec(a)![1];
    else if (!a.startsWith('-') || a === '-') operands.push(a);
  }
  // A suffix with `*` or `/` names a backup elsewhere (`-i'bak/*'`): not followed.
  if (!suffix || /[*/]/.test(suffix)) return;
  const files = script ? operands : operands.slice(1);
  const found = files.filter((f) => f !== '-' && !/[$`*?[]/.test(f));
  if (!found.length) return;
  const list = BACKUPS.get(state.files) ?? new Map<string, EditBackup>();
  for (const f of found) {
    if (list.size >= MAX_BACKUPS) break;
    list.set(absoluteKey(writtenFileKey(`${f}${suffix}`, state.cwd), state.workspace), { of: writtenFileKey(f, state.cwd), how: `sed -i${suffix}` });
  }
  BACKUPS.set(state.files, list);
}

/** The in-place edit earlier in the line whose backup `absolutePath` is, if any. */
export function editBackupAt(files: Map<string, string>, absolutePath: string, workspace: string | undefined): EditBackup | undefined {
  return BACKUPS.get(files)?.get(absoluteKey(absolutePath, workspace));
}

function absoluteKey(key: string, workspace: string | undefined): string {
  return scriptPath({ workspace }, key);
}
