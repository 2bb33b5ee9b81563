// What a command line writes into files before it runs them: `cat > x.py <<EOF ... EOF && python3
// x.py` is judged on the heredoc, not on what is on disk. Writes whose content is not visible
// (`curl -o x.sh`, `cmd > x.sh`) are recorded as such, so a later run of the file is unknown
// rather than judged on a stale copy.
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { COPIED_CONTENT, OPAQUE_CONTENT, readFileText, scriptPath, writtenFileKey } from '../code/source.js';
import { PRINTING_COMMANDS } from '../../knowledge/shell-commands.js';
import { programFolders, programOnPathTarget } from '../../knowledge/implicit-code.js';
import { toolName } from './command.js';
import { stdinOf } from './stdin.js';
import type { SimpleCommand } from './syntax.js';
import type { ShellState } from './walk.js';
import { unpackedFiles } from './unpacked-files.js';
import { recordMoves } from './moves.js';
import { recordEditBackups } from './edit-backups.js';
import { recordClones } from './cloned-repositories.js';
import { recordBuilds } from './runners/build-outputs.js';
import { recordFolderWrites } from './runners/folder-writes.js';
import { unwrap } from './unwrap.js';
import { printedText } from './printed.js';
import { expandKnownVariables } from './paths.js';
import { PERL_IN_PLACE } from '../../knowledge/code/perl-switches.js';
import { packageJsonEdits } from './runners/node/package-edits.js';
import { queueReadAhead } from '../code/read-ahead.js';
import { queriedFolder } from '../../knowledge/install-folders.js';


const WRITE_REDIRECTS = new Set(['>', '>|', '&>', '>>', '&>>']);
const MAX_RECORDED = 1024 * 1024;

/** A file this command writes: its whole new text when the line shows it, what fills it, or the file it is a copy of (by key). */
export type WrittenFile = { path: string; text: string; partial?: boolean } | HiddenWrite | CopiedFile;
type HiddenWrite = { path: string; hidden: string };
type CopiedFile = { path: string; copiedFrom: string };

const COPYING = new Set(['cp', 'mv', 'install', 'ln']);
/** Options of cp, mv, install and ln that take a value as the next word. */
const VALUE_OPTIONS = new Set(['-t', '-S', '--suffix', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group']);
/** Entries of a copied folder looked at for code tools run unnamed; past this the copy is not followed file by file. */
const MAX_COPIED_ENTRIES = 20_000;
/** Folders of a copy no tool loads code from unnamed: installed packages, caches, hidden folders
 *  (git's store, tool state) except husky's hooks. */
const NOT_LOADED_FOLDER = /^(node_modules|__pycache__|site-packages|\.(?!husky$).+)$/;

/** Records what this command writes; returns the files it writes, copies included. */
export function recordWrittenFiles(cmd: SimpleCommand, state: ShellState): WrittenFile[] {
  const shown: WrittenFile[] = [];
  const files = (state.files ??= new Map());
  const u = unwrap(cmd.words, state.env);
  const argv = u.words.map((w) => w.value);
  const name = argv[0] ? toolName(argv[0]) : '';
  recordMoves(name, argv, state);
  // `git clone "$URL" "${1}"` in a function: its arguments, where the call shows them.
  const positional = (a: string) => (state.args ? a.replace(/\$\{([1-9])\}|\$([1-9])/g, (m, b?: string, c?: string) => state.args![Number(b ?? c) - 1] ?? m) : a);
  const expanded = argv.map((a) => placeVariables(expandKnownVariables(positional(a), state.env), state));
  recordEditBackups(name, expanded, state);
  recordClones(name, expanded, state);
  recordBuilds(name, argv, state);
  recordFolderWrites(name, argv, state);
  const record = (path: string, content: string, append: boolean) => {
    const key = writtenFileKey(path, state.cwd);
    const before = files.get(key);
    const text = append && before !== undefined && !before.startsWith('\u0000') ? before + content : append && before !== undefined ? before : content;
    files.set(key, text.length > MAX_RECORDED ? `${OPAQUE_CONTENT}more text than Firebreak keeps` : text);
    if (!text.startsWith('\u0000') && text.length <= MAX_RECORDED) {
      shown.push({ path: key, text });
      // The whole file (not an append to what is on disk): read after the answer, for the call that runs it.
      if (!append || before !== undefined) queueReadAhead(key, text);
    } else shown.push({ path: key, hidden: content.startsWith(OPAQUE_CONTENT) ? content.slice(OPAQUE_CONTENT.length) : 'more text than Firebreak keeps' });
  };
  const output = stdoutText(cmd, name, argv);
  for (const r of cmd.redirects) {
    if (!WRITE_REDIRECTS.has(r.op) || !r.target || (r.fd !== undefined && r.fd !== '1')) continue;
    // `F=.env; echo ... >> $F`: a name the line assigned is followed; one known only at run time is not.
    const target = r.target.dynamic && !r.target.substitutions.length ? placeVariables(expandKnownVariables(r.target.value, state.env), state) : r.target.substitutions.length ? placeVariables(r.target.value, state) : r.target.value;
    if ((r.target.dynamic && /[$`]/.test(target)) || target.startsWith('/dev/')) continue;
    // `cat script.sh > ~/bin/tool`: the output is that file, as `cp` would copy it.
    const source = output === undefined && r.op !== '>>' && r.op !== '&>>' ? catSource(cmd, name, argv) : undefined;
    if (source !== undefined) {
      const key = writtenFileKey(target, state.cwd);
      const from = writtenFileKey(source, state.cwd);
      files.set(key, `${COPIED_CONTENT}${from}`);
      shown.push({ path: key, copiedFrom: from });
      continue;
    }
    record(target, output ?? `${OPAQUE_CONTENT}the output of ${name || 'a command'}`, r.op === '>>' || r.op === '&>>');
  }
  if (name === 'tee') {
    const append = argv.some((a) => a === '-a' || a === '--append');
    const stdin = stdinOf(cmd);
    const text = stdin.kind === 'text' ? stdin.text + '\n' : `${OPAQUE_CONTENT}${stdin.kind === 'opaque' ? stdin.from : 'the terminal'}`;
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) record(f, text, append);
  }
  if (COPYING.has(name) && argv.length >= 3) {
    for (const copy of copies(name, argv, state)) {
      if ('hidden' in copy) {
        shown.push(copy);
        continue;
      }
      // `cp /dev/stdin f <<< text`: what it copies is the text the line gives it.
      if (/^\/dev\/(stdin|fd\/0)$/.test(copy.copiedFrom)) {
        const stdin = stdinOf(cmd);
        record(copy.path, stdin.kind === 'text' ? `${stdin.text}\n` : `${OPAQUE_CONTENT}${stdin.kind === 'opaque' ? stdin.from : 'the terminal'}`, false);
        continue;
      }
      files.set(copy.path, `${COPIED_CONTENT}${copy.copiedFrom}`);
      shown.push(copy);
    }
  }
  // Archives, synchronised folders, patches and other revisions (unpacked-files.ts).
  for (const u of unpackedFiles(name, argv, cmd, state)) {
    if ('hidden' in u) files.set(u.path, `${OPAQUE_CONTENT}${u.hidden}`);
    else if ('copiedFrom' in u) files.set(u.path, `${COPIED_CONTENT}${u.copiedFrom}`);
    // A patch's added lines are not the whole file: a later run of it is not judged on them alone.
    else files.set(u.path, u.partial ? `${OPAQUE_CONTENT}a patch` : u.text);
    if (!u.quiet) shown.push(u);
  }
  // `touch x`: a file that was not there is there now, empty (emptied-files.ts follows it into `mv x f`).
  if (name === 'touch' && !argv.some((a) => /^-[a-zA-Z]*[rdt]|^--(reference|date)/.test(a))) {
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-') && !/[$`*?[]/.test(a))) {
      const key = writtenFileKey(f, state.cwd);
      if (files.has(key)) continue;
      try {
        statSync(scriptPath({ workspace: state.workspace }, key));
      } catch {
        files.set(key, '');
      }
    }
  }
  const outputOption = optionValue(argv, name === 'curl' ? ['-o', '--output'] : name === 'wget' ? ['-O', '--output-document'] : []);
  if (outputOption) record(placeVariables(outputOption, state), `${OPAQUE_CONTENT}a download by ${name}`, false);
  if (name === 'dd') {
    const of = argv.find((a) => a.startsWith('of='));
    // `echo ... | dd of=f`: with no input file and no conversion, dd writes what it is given.
    const stdin = argv.some((a) => /^(if|conv|skip|iseek|seek|oseek|count|ibs|cbs)=/.test(a)) ? undefined : stdinOf(cmd);
    // `dd if=tool.sh of=~/bin/x`: with no skip or conversion, a copy of the input file.
    const input = argv.find((a) => a.startsWith('if='))?.slice(3);
    const copied = input !== undefined && !input.startsWith('/dev/') && !/[$`]/.test(input) && !argv.some((a) => /^(conv|skip|iseek|seek|oseek|count|cbs)=/.test(a));
    if (of && copied) {
      const key = writtenFileKey(placeVariables(of.slice(3), state), state.cwd);
      const from = writtenFileKey(input, state.cwd);
      files.set(key, `${COPIED_CONTENT}${from}`);
      shown.push({ path: key, copiedFrom: from });
    } else if (of) record(placeVariables(of.slice(3), state), stdin?.kind === 'text' ? `${stdin.text}\n` : `${OPAQUE_CONTENT}data written by dd`, false);
  }
  for (const e of packageJsonEdits(name, argv, { workspace: state.workspace, cwd: state.cwd, files })) {
    record(e.path, 'text' in e ? e.text : `${OPAQUE_CONTENT}${e.hidden}`, false);
  }
  if ((name === 'sed' && argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) || ((name === 'perl' || name === 'ruby') && argv.some((a) => PERL_IN_PLACE.test(a)))) {
    // A file the line wrote, or a program on PATH (what the edit makes of it is not known here).
    const onPath = (f: string) => programOnPathTarget(f, resolve(state.workspace ?? '.', state.cwd ?? '.'), state.workspace ?? '.') !== undefined;
    for (const f of argv.slice(2).filter((a) => !a.startsWith('-')).map((a) => placeVariables(a, state))) if (files.has(writtenFileKey(f, state.cwd)) || onPath(f)) record(f, `${OPAQUE_CONTENT}an in-place edit by ${name}`, false);
  }
  return shown;
}

/**
 * A path that starts with `$HOME` or `$PWD` the line did not set: the home folder (kept as `~`, the
 * form written-file keys use) and the folder the command runs in.
 */
function placeVariables(path: string, state: ShellState): string {
  const set = (n: string) => Object.hasOwn(state.env, n);
  let out = set('HOME') ? path : path.replace(/^\$(\{HOME\}|HOME)(?=\/|$)/, '~');
  // `$(go env GOPATH)/bin/x`, `$XDG_BIN_HOME/x`, `$(python3 -m site --user-site)/x.pth`: a tool's answer or
  // a variable naming where programs and packages are installed, placed where it points by default.
  const folder = queriedFolder(out, set);
  if (folder) out = folder.path + out.slice(folder.length);
  if (!set('PWD') && state.workspace) out = out.replace(/^\$(\{PWD\}|PWD)(?=\/|$)/, () => resolve(state.workspace!, state.cwd ?? '.'));
  return out;
}

/**
 * The files `cp`, `mv`, `install` and `ln` make, each with the file it copies: into a folder
 * (`-t DIR`, more than two operands, or an existing folder or a trailing `/`) a source keeps its
 * name; a copied folder brings every file below it; `ln -s` resolves its target from the link's folder.
 */
function copies(name: string, argv: string[], state: ShellState): (CopiedFile | HiddenWrite)[] {
  argv = argv.map((a, i) => (i === 0 ? a : placeVariables(a, state)));
  const operands: string[] = [];
  let targetDir: string | undefined;
  let symbolic = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-t' || a === '--target-directory') targetDir = argv[++i];
    else if (a.startsWith('--target-directory=')) targetDir = a.slice('--target-directory='.length);
    else if (/^-[a-zA-Z]*t./.test(a) && !a.startsWith('--')) targetDir = a.slice(a.indexOf('t') + 1);
    else if (VALUE_OPTIONS.has(a)) i++;
    else if (a === '--symbolic' || /^-[a-zA-Z]*s/.test(a)) symbolic ||= name === 'ln';
    else if (!a.startsWith('-') || a === '-') operands.push(a);
  }
  if (targetDir === undefined && operands.length < 2) return [];
  const sources = targetDir === undefined ? operands.slice(0, -1) : operands;
  const dest = targetDir ?? operands[operands.length - 1];
  const key = (p: string) => writtenFileKey(p, state.cwd);
  const onDisk = (k: string) => {
    try {
      return statSync(scriptPath({ workspace: state.workspace }, k));
    } catch {
      return undefined;
    }
  };
  // A folder on PATH the line names without a trailing `/` (`cp tool ~/.local/bin`) is taken as the
  // folder even before it exists: the next line may make it, and a file of that name there runs nothing.
  const intoFolder = targetDir !== undefined || sources.length > 1 || dest.endsWith('/') || onDisk(key(dest))?.isDirectory() === true || programFolders().has(scriptPath({ workspace: state.workspace, cwd: state.cwd }, dest));
  const out: (CopiedFile | HiddenWrite)[] = [];
  if (/[$`]/.test(dest)) return [];
  for (const source of sources) {
    if (/[$`*?[]/.test(source)) {
      out.push(...unseenCopies(source, intoFolder ? key(dest) : undefined, intoFolder ? undefined : key(dest), state));
      continue;
    }
    const to = key(intoFolder ? join(dest, basename(source)) : dest);
    const from = symbolic && !isAbsolute(source) && !source.startsWith('~') ? normalize(join(dirname(to), source)) : key(source);
    if (onDisk(from)?.isDirectory() && !(state.files?.has(from))) out.push(...folderCopies(from, to, (p) => scriptPath({ workspace: state.workspace }, p)));
    else out.push({ path: to, copiedFrom: from });
  }
  return out;
}

/**
 * A source named by a glob or a run-time value. A glob in the last part of a path is expanded in
 * its folder as the shell would now; otherwise the name that arrives is unknown, which matters
 * only where any name would be code tools run unnamed: the destination file itself, or a test
 * folder (`tests/`, `__tests__/`, `spec/`) where every module is loaded.
 */
function unseenCopies(source: string, folder: string | undefined, file: string | undefined, state: ShellState): (CopiedFile | HiddenWrite)[] {
  const name = basename(source);
  const parent = dirname(source);
  if (!/[$`]/.test(source) && !/[*?[]/.test(parent) && folder !== undefined) {
    const pattern = globPattern(name);
    let names: string[] | undefined;
    try {
      names = readdirSync(scriptPath({ workspace: state.workspace }, writtenFileKey(parent, state.cwd))).filter((n) => pattern.test(n) && (n[0] !== '.' || name[0] === '.'));
    } catch {
      names = undefined;
    }
    if (names) return names.map((n) => ({ path: join(folder, n), copiedFrom: writtenFileKey(join(parent, n), state.cwd) }));
  }
  const why = `a copy of ${source}, a name known only when it runs`;
  if (file !== undefined) return [{ path: file, hidden: why }];
  return ['*.py', '*.js', '*_spec.rb'].map((n) => ({ path: join(folder!, n), hidden: why }));
}

function globPattern(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** Every file below a copied folder, as copies (`onDisk` places a written path on disk); a folder
 *  too large to look through is one hidden write. */
export function folderCopies(from: string, to: string, onDisk: (path: string) => string): (CopiedFile | HiddenWrite)[] {
  const out: CopiedFile[] = [];
  const pending = [''];
  let seen = 0;
  while (pending.length) {
    const rel = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(onDisk(join(from, rel)), { withFileTypes: true });
    } catch {
      continue;
    }
    seen += entries.length;
    if (seen > MAX_COPIED_ENTRIES) return [{ path: join(to, 'conftest.py'), hidden: `a copy of ${from}, a folder of more than ${MAX_COPIED_ENTRIES} entries` }];
    for (const entry of entries) {
      const child = join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_LOADED_FOLDER.test(entry.name)) pending.push(child);
      } else out.push({ path: join(to, child), copiedFrom: join(from, child) });
    }
  }
  return out;
}

/** The text a copy brings (following copies made earlier in the line), or why it cannot be seen. */
export function copiedText(state: ShellState, from: string): { text: string } | { hidden: string } {
  let key = from;
  let written = state.files?.get(key);
  for (let hops = 0; written?.startsWith(COPIED_CONTENT) && hops < 8; hops++) {
    key = written.slice(COPIED_CONTENT.length);
    written = state.files?.get(key);
  }
  if (written?.startsWith(COPIED_CONTENT)) return { hidden: `a copy of ${from}, copied through too many files to follow` };
  if (written?.startsWith(OPAQUE_CONTENT)) return { hidden: `a copy of ${key}, written earlier with ${written.slice(OPAQUE_CONTENT.length)}` };
  if (written !== undefined) return { text: written };
  const read = readFileText(scriptPath({ workspace: state.workspace }, key), key);
  return read.ok ? { text: read.text } : { hidden: `a copy of ${key}, which cannot be read (${read.why})` };
}

/** What the command prints, when the command line shows it: echo/printf arguments, cat of a heredoc. */
function stdoutText(cmd: SimpleCommand, name: string, argv: string[]): string | undefined {
  if (PRINTING_COMMANDS.has(name)) {
    if (cmd.words.slice(1).some((w) => w.substitutions.length)) return undefined;
    return printedText(name, argv.slice(1));
  }
  if (name === 'cat' && argv.slice(1).every((a) => a.startsWith('-') || a === '-')) {
    const stdin = stdinOf(cmd);
    return stdin.kind === 'text' ? `${stdin.text}\n` : undefined;
  }
  return undefined;
}

/** The one file `cat` copies to its output (`cat f`, `cat -- f`, `cat < f`): no option changes what it prints. */
function catSource(cmd: SimpleCommand, name: string, argv: string[]): string | undefined {
  if (name !== 'cat' || cmd.words.some((w) => w.substitutions.length || w.glob)) return undefined;
  const args = argv.slice(1);
  const operands = args[0] === '--' ? args.slice(1) : args;
  if (operands.some((a) => a.startsWith('-') && args[0] !== '--')) return undefined;
  const from = operands.length === 1 ? operands[0] : operands.length === 0 ? cmd.redirects.find((r) => r.op === '<' && r.target && !r.target.dynamic)?.target?.value : undefined;
  return from !== undefined && !/[$`]/.test(from) && !from.startsWith('/dev/') && !from.startsWith('/proc/') ? from : undefined;
}

function optionValue(argv: string[], names: string[]): string | undefined {
  const short = names.filter((n) => /^-[^-]$/.test(n)).map((n) => n[1]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (names.includes(a)) return argv[i + 1];
    for (const n of names) if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    // A cluster of short flags ending in the option (`curl -sSLo out`) or with its value attached (`-oout`).
    if (/^-[^-]/.test(a)) {
      const at = [...a.slice(1)].findIndex((c) => short.includes(c));
      if (at >= 0) return a.length > at + 2 ? a.slice(at + 2) : argv[i + 1];
    }
  }
  return undefined;
}
