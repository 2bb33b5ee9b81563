// Reading the code a command runs. The API other intakes use (the runners hand Makefile-free
// code here too): `judgeCode` for code in hand, `judgeScriptFile` for a script on disk or
// written earlier in the same command line. Code Firebreak cannot read is unknown; code it has
// read is judged by what it does (see docs/code-reading.md).
import { isInstalledProgramPath } from '../../knowledge/shell-commands.js';
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, normalize, relative, resolve as resolvePath } from 'node:path';
import type { SourceRef } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, type RecognisedCommand } from '../shell/command.js';
import type { Effect } from './effect.js';
import { effectsToActions } from './effects.js';
import { changesDirectory, relocated } from './working-directory.js';
import { hostFileOf } from '../shell/container-paths.js';
import { unknownValueOrigin } from '../shell/path-resolve.js';
import { languageOfScript, shebangOf, type CodeLanguage } from './languages.js';
import { readFileText, readScript, scriptPath, writtenFileKey, type ScriptText } from './source.js';
import type { Import } from './ir.js';
import type { ExternalCallers } from './evaluate.js';
import { FOLDER_ENTRY, type Value } from './values.js';
import { pinnedEnvPrinter } from '../shell/pinned-scripts.js';
import { runDirectory } from '../shell/runners/project.js';

export type { CodeLanguage } from './languages.js';
export { languageOfPath, languageOfScript, shebangOf, INTERPRETER_LANGUAGE } from './languages.js';

export interface CodeOrigin {
  /** The file the code is in, as the command names it (`scripts/cleanup.py`). */
  file?: string;
  /** Absolute path of that file, when it is on disk (its imports are resolved from it). */
  absolute?: string;
  /** How inline code was given, for the report: `python -c`, `heredoc into node`. */
  via?: string;
  /** The code is a project module other code imports (not the script the command runs). */
  imported?: boolean;
}

export interface CodeInput {
  language: CodeLanguage;
  text: string;
  origin: CodeOrigin;
  /** The script's command-line arguments as the command gives them (null: known only at run time);
   *  absent when the command line is not known. */
  args?: readonly (string | null)[];
  /** For a project module: how the code that imports it calls its exported functions. */
  callers?: ExternalCallers;
}

/** Bounds on how much code one command makes Firebreak read. */
export const CODE_LIMITS = {
  /** Nested readings: exec of a literal that runs code that runs a script ... (imports are bounded
   *  by files, judgings and characters instead: each module is read once, and judged again at most
   *  once per distinct set of calls from an importer). */
  depth: 6,
  /** Files read for one command (scripts and the project modules they import). */
  files: 40,
  /** Characters read for one command. */
  chars: 2 * 1024 * 1024,
  /** Inline code longer than this is not parsed. */
  inlineChars: 256 * 1024,
};

/** One command's reading: what was read so far, so that cycles and floods stop. */
export interface ReadingSession {
  depth: number;
  files: Set<string>;
  /** Characters read so far, shared by every nested reading of the command. */
  read: { chars: number };
  /** Project modules judged, each with the calls of one importer (see judgeModule). */
  judged: Set<string>;
}

export function newSession(): ReadingSession {
  return { depth: 0, files: new Set(), read: { chars: 0 }, judged: new Set() };
}

/** The importer calls or passes on one of the module's functions. */
function reachesFunctions(callers: ExternalCallers): boolean {
  return callers.escaped !== undefined || [...callers.names.values()].some((c) => !Array.isArray(c) || c.length > 0);
}

function signatureOf(callers: ExternalCallers): string {
  if (callers.escaped !== undefined) return 'escaped';
  const entries = [...callers.names].map(([name, c]) => [name, Array.isArray(c) ? c.map((x) => [x.args, x.kwargs, x.spread]) : 'escaped']);
  return JSON.stringify(entries);
}

/** Judges code in hand: every effect it has becomes an action (unknown when unreadable). */
export async function judgeCode(rc: RecognisedCommand, input: CodeInput, session: ReadingSession = newSession()): Promise<PlannedAction[]> {
  const via = input.origin.via ?? input.origin.file ?? `${input.language} code`;
  if (session.depth > CODE_LIMITS.depth) return [notRead(rc, input.origin.file ?? via, `code nested more than ${CODE_LIMITS.depth} levels deep (code that runs code that runs code...)`)];
  if (input.text.length > CODE_LIMITS.inlineChars) return [notRead(rc, input.origin.file ?? via, `the code is ${Math.round(input.text.length / 1024)} KB, larger than Firebreak reads`)];
  session.read.chars += input.text.length;
  if (session.read.chars > CODE_LIMITS.chars) return [notRead(rc, input.origin.file ?? via, 'the command runs more code than Firebreak reads for one command')];

  if (input.language === 'shell') {
    // A vendored script known by its content, run the routine way (knowledge/pinned-scripts.ts).
    const dir = runDirectory(rc);
    if (input.origin.file && pinnedEnvPrinter(input.text, rc.argv.slice(1), rc.env, dir.ok ? { dir: dir.value, written: rc.files.keys() } : undefined)) return [];
    return rc.nested(input.text, {
      evidence: [commandEvidence(input.origin.file ? `runs the shell script ${input.origin.file}` : `runs shell code (${via})`)],
      ...(input.origin.file ? { source: { file: input.origin.file, line: 1 } } : {}),
    });
  }

  if (input.language === 'rust') {
    // A Rust file is read with the `mod` tree it declares (rust-crate.ts): build.rs written or changed.
    const { judgeCrate, newRustSession } = await import('./rust-crate.js');
    const absolute = input.origin.absolute ?? resolvePath(scriptPath(rc, '.'), input.origin.file ?? 'build.rs');
    return judgeCrate(rc, [absolute], newRustSession(), { note: `${input.origin.file ?? via} is Rust: read with the modules it declares`, texts: new Map([[absolute, input.text]]) });
  }

  let effects: Effect[];
  let imports: ModuleRef[];
  try {
    const { analyse } = await import('./analyse.js');
    ({ effects, imports } = await analyse(input, scriptPath(rc, '.'), (absolute) => rc.files.has(absolute) || rc.files.has(normalize(relative(rc.workspace ?? process.cwd(), absolute))), rc.workspace));
    if (changesDirectory(input.text)) effects = relocated(effects);
  } catch (error) {
    // A reader or parser failure is never a pass.
    return [notRead(rc, input.origin.file ?? via, `Firebreak could not read the code: ${(error as Error)?.message ?? String(error)}`)];
  }
  const inner: ReadingSession = { ...session, depth: session.depth + 1 };
  const actions = await effectsToActions(effects, {
    rc,
    via,
    ...(firstToTouch(rc, input, session, effects, imports) ? { firstToTouchFiles: true } : {}),
    readCode: (e) => judgeCode(rc, { language: e.language, text: e.text, origin: { via: `${e.via} in ${input.origin.file ?? via}` } }, inner),
    // `runpy.run_path('x.py')`, `fork('w.js')` resolve from the working directory, not the code's folder.
    readScript: (e) => judgeScriptFile(rc, e.path, { language: e.language, ...(e.fromCode ? { from: input.origin } : {}), session: inner }),
  });
  // An import is not code running code: a module is evaluated once per judging, and the shared
  // files, judgings and characters bound how much a chain of imports reads.
  for (const m of imports) actions.push(...(await judgeModule(rc, m, input, session)));
  return actions;
}

/**
 * The shell's first-to-touch rule, for code: a workspace path nothing is at now is deleted with
 * nothing lost when nothing before the command touched files (the shell decides that for the command
 * that runs the code) and nothing in the code could have moved something there: the code is the
 * script the command runs, imports no project module, and runs no other program or code. What its
 * own writes put there before the delete is what running it again makes again.
 */
function firstToTouch(rc: RecognisedCommand, input: CodeInput, session: ReadingSession, effects: Effect[], imports: ModuleRef[]): boolean {
  if (rc.firstToTouchFiles !== true || session.depth !== 0 || input.origin.imported || input.origin.file === undefined || imports.length) return false;
  const deleted = effects.flatMap((e) => (e.kind === 'file' && e.op === 'delete' ? pathTexts(e.path) ?? [] : []));
  return effects.every((e) => e.kind !== 'shell' && e.kind !== 'code' && e.kind !== 'script' && e.kind !== 'unknown' && !(e.kind === 'file' && (e.op === 'move' || e.op === 'copy') && !movesOwnFiles(e.path, deleted)));
}

/**
 * A move or copy out of a folder the code also deletes in cannot bring in anything that was there
 * before the run: that delete is judged first-to-touch too, so it passes only where nothing (or only
 * what git restores) is now, and what the move takes is what the run itself made there. (Where it
 * moves it to does not matter: links, made before or by the code, can send it anywhere.)
 */
function movesOwnFiles(from: Value, deleted: string[]): boolean {
  const sources = pathTexts(from)?.map(fixedFolder);
  const gone = deleted.map(fixedFolder).filter((p): p is string => p !== undefined);
  return sources !== undefined && sources.every((a) => a !== undefined && gone.some((b) => a.startsWith(b)));
}

/** The known paths a value names: its text, or each of its alternatives'; undefined for any run-time part. */
function pathTexts(v: Value): string[] | undefined {
  if (v.t === 'str') return [v.v];
  if (v.t !== 'alt') return undefined;
  const each = v.options.map(pathTexts);
  return each.every((e) => e !== undefined) ? each.flat() : undefined;
}

/** The folder before any listing entry of an absolute path, with the links in its existing part resolved, ending in `/`. */
function fixedFolder(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const cut = path.indexOf(FOLDER_ENTRY);
  const folder = cut === -1 ? path : path.slice(0, path.lastIndexOf('/', cut));
  let existing = normalize(folder);
  let rest = '';
  while (!existsSync(existing) && existing !== '/') {
    rest = `/${basename(existing)}${rest}`;
    existing = dirname(existing);
  }
  try {
    return `${realpathSync(existing).replace(/\/+$/, '')}${rest}/`;
  } catch {
    return undefined;
  }
}

export interface ModuleRef {
  /** Absolute path of a project module the code imports. */
  absolute: string;
  language: CodeLanguage;
  /** The import as written, for the report. */
  spec: string;
  line: number;
  /** The import statements that reach it. */
  statements: Import[];
  /** How the importing code calls its exported functions (set after the importer was evaluated). */
  callers?: ExternalCallers;
}

async function judgeModule(rc: RecognisedCommand, m: ModuleRef, importer: CodeInput, session: ReadingSession): Promise<PlannedAction[]> {
  const file = displayPath(rc, m.absolute);
  if (session.files.has(m.absolute)) {
    // Read already, with the calls of the code that imported it first. Calls from this importer
    // (or its passing a function on) may make the module do something else: judged again with them.
    if (!m.callers || !reachesFunctions(m.callers)) return [];
    const signature = `${m.absolute}\0${signatureOf(m.callers)}`;
    if (session.judged.has(signature)) return [];
    if (session.judged.size >= CODE_LIMITS.files) return [notRead(rc, file, `${file} is called from more modules than Firebreak follows for one command`)];
    session.judged.add(signature);
  } else {
    if (session.files.size >= CODE_LIMITS.files) return [notRead(rc, file, `${importer.origin.file ?? 'the code'} imports more project modules than Firebreak reads for one command`)];
    session.files.add(m.absolute);
    if (m.callers) session.judged.add(`${m.absolute}\0${signatureOf(m.callers)}`);
  }
  const read = readFileText(m.absolute, file);
  if (!read.ok) return [unreadable(rc, file, read.why)];
  const actions = await judgeCode(rc, { language: m.language, text: read.text, origin: { file, absolute: m.absolute, imported: true }, ...(m.callers ? { callers: m.callers } : {}) }, session);
  return actions.map((a) => ({ ...a, evidence: [...a.evidence, commandEvidence(`${file} is imported by ${importer.origin.file ?? 'the code'} (line ${m.line}: ${m.spec})`)] }));
}

export interface ScriptOptions {
  /** The language when the command says it (`python3 x`); else the shebang, then the extension. */
  language?: CodeLanguage;
  /** The code that runs this script, when one does (`runpy.run_path`): paths resolve from it. */
  from?: CodeOrigin;
  session?: ReadingSession;
  /** The language when neither the command, a shebang nor the extension says (a file run by its path runs in sh). */
  fallback?: CodeLanguage;
  /** The arguments the command passes to the script (its argv after the script). */
  args?: readonly string[];
}

/** Judges a script file the command runs: written earlier in the same line, or on disk. */
export async function judgeScriptFile(rc: RecognisedCommand, path: string, options: ScriptOptions = {}): Promise<PlannedAction[]> {
  const session = options.session ?? newSession();
  // Elsewhere (`ssh prod ./x.sh`, `docker exec c bash x.sh`), a script is that place's file, not the
  // one of this machine by that name; only one the same text wrote there first is known.
  const named = path.replace(/^-m /, '');
  if (rc.remote && !options.from && !rc.files.has(writtenFileKey(named, rc.cwd))) {
    return [unreadable(rc, named, `${named} is a file on ${rc.remote}: what it contains is not visible here`)];
  }
  let read: ScriptText;
  if (path.startsWith('-m ')) {
    const { resolvePythonModule } = await import('./resolve.js');
    const found = resolvePythonModule(rc, path.slice(3));
    if (!found) {
      const name = path.slice(3);
      const from = /[$`]/.test(name) ? unknownValueOrigin(name, { workspace: rc.workspace ?? process.cwd(), ...(rc.cwd !== undefined ? { cwd: rc.cwd } : {}), vars: rc.env }) : undefined;
      return [unreadable(rc, name, /[$`]/.test(name)
        ? `the module name ${name} is computed at run time${from ? ` (${from})` : ''}: which module runs is not visible`
        : `the module ${name} is not in the workspace: what it does is not visible`)];
    }
    read = found;
  } else if (rc.container && path.startsWith('/') && !options.from && !/[$`*?[]/.test(path)) {
    // Run inside a container: a file under a workspace mount is read on the host, any other is the image's.
    const file = hostFileOf(path, rc.container);
    if (file === 'image') return [unreadable(rc, path, `${path} is a file of the container's image, not one of a mounted folder: what it contains is not visible`)];
    if (file === undefined) return [unreadable(rc, path, `${path} is under a mount whose host folder is not known here: what it contains is not visible`)];
    const shown = relative(rc.workspace ?? process.cwd(), file.host);
    read = readScript({ ...rc, cwd: undefined }, shown.startsWith('..') || isAbsolute(shown) ? file.host : shown);
  } else {
    const base = options.from?.absolute ? dirname(options.from.absolute) : undefined;
    // A path relative to the code that runs it; inside the workspace, a file this command writes
    // before the code runs is read as written, never as the copy on disk.
    const inWorkspace = base && !path.startsWith('/') ? relative(rc.workspace ?? process.cwd(), resolvePath(base, path)) : undefined;
    if (inWorkspace !== undefined && !inWorkspace.startsWith('..') && !inWorkspace.startsWith('/')) read = readScript({ ...rc, cwd: undefined }, inWorkspace);
    else read = base && !path.startsWith('/') ? readFromDir(base, path) : readScript(rc, path);
  }
  if (!read.ok) return [unreadable(rc, read.path, read.why)];
  const key = read.absolute ?? `written:${read.path}`;
  if (session.files.has(key)) return [];
  session.files.add(key);
  const bang = shebangOf(read.text);
  if (bang && bang.path.includes('/') && !isInstalledProgramPath(bang.path)) {
    return [unreadable(rc, read.path, `${read.path} runs with ${bang.path}, a file named like ${bang.interpreter} that is not an installed program: code nobody has read`)];
  }
  const language = options.language ?? languageOfScript(read.path, read.text) ?? (bang ? undefined : options.fallback);
  if (!language) {
    return [unreadable(rc, read.path, bang
      ? `${read.path} runs with ${bang.interpreter}, a language Firebreak does not read`
      : `${read.path} has no shebang or extension that says which language it is in`)];
  }
  const file = read.path.replace(/^(\.\/)+/, '');
  const args = options.args !== undefined ? scriptArguments(rc, options.args) : undefined;
  const actions = await judgeCode(rc, { language, text: read.text, origin: { file, ...(read.absolute ? { absolute: read.absolute } : {}) }, ...(args ? { args } : {}) }, session);
  if (read.from === 'written') {
    return actions.map((a) => ({ ...a, evidence: [...a.evidence, commandEvidence(`${read.path} is the text this command wrote earlier in the line`)] }));
  }
  return actions;
}

/**
 * The script's arguments as the program will see them: a word the shell still expands (a variable,
 * a substitution, a glob, braces) is known only at run time (null); arguments appended from stdin
 * (xargs) make the whole command line unknown.
 */
function scriptArguments(rc: RecognisedCommand, args: readonly string[]): (string | null)[] | undefined {
  if (rc.argsFromStdin) return undefined;
  const offset = rc.words.length === rc.argv.length ? rc.argv.length - args.length : -1;
  return args.map((a, i) => {
    const word = offset >= 0 ? rc.words[offset + i] : undefined;
    // Brace expansion (`{a,b}`, `{1..3}`) is not a glob: an unquoted brace is known only at run time too.
    if (word && word.value === a) return word.dynamic || word.glob || /^[^'"]*\{.*(,|\.\.).*\}/.test(word.raw) ? null : a;
    return /[$`*?[{]/.test(a) ? null : a;
  });
}

function readFromDir(base: string, path: string): ScriptText {
  return readFileText(resolvePath(base, path), path);
}

function displayPath(rc: RecognisedCommand, absolute: string): string {
  const base = rc.workspace ?? process.cwd();
  const rel = relative(base, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

/** Code Firebreak cannot read: an unknown action that says why. */
/** Code Firebreak did not get to read (a limit, a timeout, a reader failure): unknown wherever it is
 *  judged, also where unknown effects of code that was read are left out (written code). */
export function notRead(rc: RecognisedCommand, what: string, why: string): PlannedAction {
  const action = unreadable(rc, what, why);
  return { ...action, details: { ...(action.details ?? {}), notRead: true } };
}

export function unreadable(rc: RecognisedCommand, what: string, why: string): PlannedAction {
  const tool = rc.argv[0] ? rc.argv[0].slice(rc.argv[0].lastIndexOf('/') + 1) : 'code';
  const source: SourceRef = { ...rc.source };
  return {
    ...makeAction(rc, {
      operation: 'unknown',
      verb: 'run code',
      tool,
      target: { type: 'code:script', id: what },
      scope: 'unknown',
      evidence: [commandEvidence(`${what}: ${why}`)],
    }),
    source,
  };
}
