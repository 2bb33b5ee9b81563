// Calls that run programs, write or delete files or run code, known by their last name alone. Two
// uses: a method with one of these names on an object Firebreak cannot resolve is that call
// (`import('child_process').then((m) => m.execSync(cmd))`: m is a parameter, but execSync runs cmd),
// and one of these functions passed as a value (`map(os.system, cmds)`, `forEach(cp.execSync)`,
// `array_walk($a, 'system')`) runs with arguments Firebreak cannot see. The names come from the
// language tables; names too common to mean that on their own (`run`, `exec` of a RegExp, `open`,
// `remove` of a list, `replace` of a string) are left out.
import { JS_CODE_RUNNERS, JS_FILE_CALLS, JS_PROCESS_CALLS } from './javascript.js';
import { PYTHON_CODE_RUNNERS, PYTHON_FILE_CALLS, PYTHON_PATH_METHODS, PYTHON_PROCESS_CALLS } from './python.js';
import { PHP_CODE_RUNNERS, PHP_FILE_CALLS, PHP_PROCESS_CALLS, RUBY_CODE_RUNNERS, RUBY_FILE_CALLS, RUBY_PROCESS_CALLS } from './ruby-php.js';
import type { FileCall, ProcessCall } from './effects.js';

export type Sink = { kind: 'process'; spec: ProcessCall; full: string } | { kind: 'file'; spec: FileCall; full: string } | { kind: 'code'; full: string };

/** Last names that are everyday calls on other objects in that language. */
const TOO_COMMON: Readonly<Record<string, ReadonlySet<string>>> = {
  python: new Set(['run', 'call', 'open', 'remove', 'replace', 'rename', 'move', 'copy', 'copy2', 'copyfile', 'copytree', 'local', 'Command', '__getitem__', 'spawn', 'compile', 'eval', 'exec']),
  javascript: new Set(['exec', 'run', 'open', 'write', 'copy', 'move', 'remove', 'rename', 'cp', 'Command', 'sync', 'native', 'del', 'eval', 'Function', 'Script', 'apply', 'setTimeout', 'setInterval', 'setImmediate']),
  ruby: new Set(['open', 'write', 'delete', 'exec', 'run', 'spawn', 'rename', 'copy', 'move', 'remove', 'eval']),
  php: new Set(['exec', 'copy', 'rename', 'open', 'write']),
};

function sinks(process: Record<string, ProcessCall>, files: Record<string, FileCall>, code: Iterable<string>): Sink[] {
  return [
    ...Object.entries(process).map(([full, spec]): Sink => ({ kind: 'process', spec, full })),
    ...Object.entries(files).filter(([, spec]) => spec.op !== 'open').map(([full, spec]): Sink => ({ kind: 'file', spec, full })),
    ...[...code].map((full): Sink => ({ kind: 'code', full })),
  ];
}

const pythonPathMethods = () => Object.fromEntries(Object.entries(PYTHON_PATH_METHODS).map(([k, v]) => [`Path.${k}`, { ...v, arg: 0 }]));

/** Each language's list is made on first use: a hook call reads code in one language, and making all
 *  four at load cost every call that reads code ~1 ms in V8's interpreter. */
const ALL_MADE: Readonly<Record<string, () => readonly Sink[]>> = {
  python: () => sinks(PYTHON_PROCESS_CALLS, { ...PYTHON_FILE_CALLS, ...pythonPathMethods() }, Object.keys(PYTHON_CODE_RUNNERS)),
  javascript: () => sinks(JS_PROCESS_CALLS, JS_FILE_CALLS, JS_CODE_RUNNERS),
  ruby: () => sinks(RUBY_PROCESS_CALLS, RUBY_FILE_CALLS, RUBY_CODE_RUNNERS),
  php: () => sinks(PHP_PROCESS_CALLS, PHP_FILE_CALLS, PHP_CODE_RUNNERS),
};

const lastName = (full: string) => full.split('.').pop() ?? full;

const lists = new Map<string, readonly Sink[]>();
function listOf(language: string): readonly Sink[] {
  let list = lists.get(language);
  if (!list) lists.set(language, (list = ALL_MADE[language]!()));
  return list;
}

/** A record with one property per language, each computed on first read and kept. */
function perLanguage<T>(make: (language: string, list: readonly Sink[]) => T): Readonly<Record<string, T>> {
  const record: Record<string, T> = {};
  for (const language of Object.keys(ALL_MADE)) {
    let value: T | undefined;
    Object.defineProperty(record, language, {
      enumerable: true,
      get: () => {
        if (value === undefined) value = make(language, listOf(language));
        return value;
      },
    });
  }
  return Object.freeze(record);
}

/** By last name, without the names too common to mean a sink on their own. */
export const SINK_NAMES: Readonly<Record<string, ReadonlyMap<string, Sink>>> = perLanguage(
  (language, list) => new Map(list.filter((s) => !TOO_COMMON[language]?.has(lastName(s.full))).map((s) => [lastName(s.full), s])),
);

const BY_FULL_NAME: Readonly<Record<string, ReadonlyMap<string, Sink>>> = perLanguage((_, list) => new Map(list.map((s) => [s.full, s])));

/** The sink a full name is (`os.system`, `child_process.exec`, `system`), for functions passed as values. */
export function sinkByFullName(language: string, full: string): Sink | undefined {
  return BY_FULL_NAME[language === 'typescript' ? 'javascript' : language]?.get(full);
}

/** Modules (and objects such as `globalThis`, `process`) some of whose members run programs, change
 *  files or run code: `cp[name]` with a name known only at run time may be any of them. */
export function holdsSinks(language: string, path: string): boolean {
  if (language === 'javascript' && JS_SINK_HOLDERS.has(path)) return true;
  const prefix = `${path}.`;
  return listOf(language).some((s) => s.full.startsWith(prefix));
}

/** Objects that reach code runners without being a module of the tables. */
const JS_SINK_HOLDERS: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self', 'process', 'module', 'Reflect', 'require']);
