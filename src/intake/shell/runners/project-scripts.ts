// Python and polyglot project runners whose tasks are named in the project's configuration:
// `pdm run clean`, `rye run clean`, `hatch run test`, `pixi run clean`, `mise run clean`, `poe clean`,
// `devbox run clean`. The task name is not a program: the runner looks it up and runs the text (or
// calls the Python function) the configuration gives. Before wave 16 `pdm run clean` was judged as a
// program named `clean` nobody models, and passed whatever the task held. Here the words become what
// the runner runs: `sh -c TEXT` for a command, `python3 -c 'import mod; mod.func()'` for a call (the
// Python reader follows the import into the project), so the walk judges that.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseToml, tomlAt, type TomlNode } from '../../code/toml-values.js';
import { OPAQUE_CONTENT } from '../../code/source.js';
import { literalWord, quoteWord } from '../unwrap.js';
import type { Word } from '../syntax.js';
import { GLOBAL_OPTIONS_BEFORE_SUBCOMMAND } from '../../../knowledge/wrappers.js';

interface Runner {
  /** Words before the task name (`pdm run`, `poe`). */
  prefix: readonly string[];
  /** Words of the prefix kept (a wrapper that sets up the environment: `pdm run` stays, and is peeled as before). */
  keep: number;
  /** Config files looked for from the command's folder up to the workspace, in order, and where the tasks are. */
  files: readonly { name: string; table: (doc: Record<string, unknown> | TomlNode, task: string, env: string | undefined) => TomlNode | unknown }[];
  /** How a task value reads (see taskText). */
  kind: 'pdm' | 'rye' | 'hatch' | 'pixi' | 'mise' | 'poe' | 'devbox';
  /** The runner's own commands: a word that is one of these is not a task (`pdm install`). */
  unless?: ReadonlySet<string>;
}

const toml = (...path: string[]) => (doc: Record<string, unknown> | TomlNode, task: string) => tomlAt(doc as TomlNode, ...path, task);

/** Where mise finds its tasks, in the order it reads its config files. */
const MISE_FILES: Runner['files'] = ['mise.toml', '.mise.toml', 'mise.local.toml', '.mise.local.toml', '.config/mise.toml', 'mise/config.toml', '.mise/config.toml']
  .map((name) => ({ name, table: toml('tasks') }));

const RUNNERS: readonly Runner[] = [
  { prefix: ['pdm', 'run'], keep: 2, kind: 'pdm', files: [{ name: 'pyproject.toml', table: toml('tool', 'pdm', 'scripts') }] },
  { prefix: ['rye', 'run'], keep: 2, kind: 'rye', files: [{ name: 'pyproject.toml', table: toml('tool', 'rye', 'scripts') }] },
  {
    prefix: ['hatch', 'run'], keep: 2, kind: 'hatch', files: [
      { name: 'hatch.toml', table: (d, t, env) => tomlAt(d as TomlNode, 'envs', env ?? 'default', 'scripts', t) },
      { name: 'pyproject.toml', table: (d, t, env) => tomlAt(d as TomlNode, 'tool', 'hatch', 'envs', env ?? 'default', 'scripts', t) },
    ],
  },
  { prefix: ['pixi', 'run'], keep: 0, kind: 'pixi', files: [{ name: 'pixi.toml', table: toml('tasks') }, { name: 'pyproject.toml', table: toml('tool', 'pixi', 'tasks') }] },
  { prefix: ['mise', 'run'], keep: 0, kind: 'mise', files: MISE_FILES },
  { prefix: ['mise', 'r'], keep: 0, kind: 'mise', files: MISE_FILES },
  { prefix: ['mise', 'tasks', 'run'], keep: 0, kind: 'mise', files: MISE_FILES },
  { prefix: ['poe'], keep: 0, kind: 'poe', files: [{ name: 'pyproject.toml', table: toml('tool', 'poe', 'tasks') }] },
  { prefix: ['poethepoet'], keep: 0, kind: 'poe', files: [{ name: 'pyproject.toml', table: toml('tool', 'poe', 'tasks') }] },
  // `pdm clean`, `mise clean`: a task named where no built-in command of that name is.
  { prefix: ['pdm'], keep: 0, kind: 'pdm', files: [{ name: 'pyproject.toml', table: toml('tool', 'pdm', 'scripts') }], unless: new Set(['add', 'build', 'cache', 'completion', 'config', 'export', 'fix', 'import', 'info', 'init', 'install', 'list', 'lock', 'outdated', 'publish', 'python', 'py', 'remove', 'run', 'search', 'self', 'show', 'sync', 'update', 'use', 'venv']) },
  {
    prefix: ['mise'], keep: 0, kind: 'mise', files: MISE_FILES,
    unless: new Set(['activate', 'alias', 'backends', 'bin-paths', 'cache', 'completion', 'config', 'deactivate', 'doctor', 'en', 'env', 'exec', 'x', 'fmt', 'generate', 'implode', 'install', 'i', 'install-into', 'latest', 'link', 'ls', 'list', 'ls-remote', 'lock', 'mcp', 'outdated', 'plugins', 'p', 'prune', 'registry', 'reshim', 'run', 'r', 'search', 'self-update', 'set', 'settings', 'shell', 'sh', 'sync', 'tasks', 't', 'test-tool', 'tool', 'tool-alias', 'trust', 'uninstall', 'unset', 'unuse', 'upgrade', 'up', 'usage', 'use', 'u', 'version', 'watch', 'w', 'where', 'which', 'edit', 'help']),
  },
  { prefix: ['devbox', 'run'], keep: 0, kind: 'devbox', files: [{ name: 'devbox.json', table: (d, t) => ((d as { shell?: { scripts?: Record<string, unknown> } }).shell?.scripts ?? {})[t] }] },
];

const HATCH = GLOBAL_OPTIONS_BEFORE_SUBCOMMAND.hatch!;

/** Options of the runners that take a value before the task name. */
const VALUED = new Set(['-p', '--project', '--pyproject', '-e', '--environment', '--manifest-path', '-C', '--cd', '-j', '--jobs', '--root', '-c', '--config', '--env']);

/**
 * The words to judge in place of `pdm run TASK ARGS...` (and the other runners'), when TASK is a task the
 * project's configuration names; undefined otherwise (a program: judged as before). `folder`: where the
 * command runs (absolute); `workspace`: the top searched up to; `written`: files the line wrote earlier.
 */
export function projectScriptWords(words: readonly Word[] | Word[], folder: string | undefined, workspace: string | undefined, written: ReadonlyMap<string, string> | undefined): Word[] | undefined {
  if (words.length < 2) return undefined;
  let values = words.map((w) => w.value);
  let env: string | undefined;
  // What the task is cannot be looked up: the folder (`cd "$X"`, `cd -` before any cd of the line) or the hatch
  // environment (`hatch -e "$E" run x`) is known only at run time. A word naming a task there runs whatever it says.
  let unknownWhere = folder === undefined ? 'the folder it runs in is known only at run time' : undefined;
  // `hatch -e dev run clean`, `hatch env run -e dev -- clean`: the environment named before the script.
  // The words kept are the ones written, so one known only at run time stays so (`hatch -e dev run "$TASK"`).
  if (values[0] === 'hatch') {
    const rest: Word[] = [words[0]!];
    for (let j = 1; j < values.length; j++) {
      if ((values[j] === '-e' || values[j] === '--env') && j + 1 < values.length) {
        // An environment known only at run time: which scripts it has is not known either.
        if (words[j + 1]!.dynamic) unknownWhere = `the hatch environment ${values[j + 1]} is known only at run time`;
        env = values[++j];
        continue;
      }
      if (values[j].startsWith('--env=')) {
        if (words[j]!.dynamic) unknownWhere = `the hatch environment ${values[j].slice(6)} is known only at run time`;
        env = values[j].slice(6);
        continue;
      }
      if (values[j] === 'env' && values[j + 1] === 'run' && rest.length === 1) continue;
      // hatch's other options before its command (`hatch -v --data-dir d run x`) choose nothing about the task.
      if (rest.length === 1 && values[j].startsWith('-') && values[j] !== '--') {
        if (HATCH.valued.has(values[j])) j++;
        continue;
      }
      rest.push(words[j]!);
    }
    words = rest;
    values = rest.map((w) => w.value);
  }
  const runner = RUNNERS.find((r) => r.prefix.every((p, i) => values[i] === p) && !(r.unless?.has(values[r.prefix.length] ?? '') ?? false));
  if (!runner) return undefined;
  let i = runner.prefix.length;
  while (i < values.length && values[i].startsWith('-') && values[i] !== '--') i += VALUED.has(values[i]) ? 2 : 1;
  if (values[i] === '--') i++;
  let task = values[i];
  if (task === undefined || words[i]?.dynamic) return undefined;
  // A shorthand (`pdm clean`) stands for a task only when the configuration names one; a flag or a word after
  // the runner's options is its own command otherwise.
  if (runner.unless && i !== runner.prefix.length) return undefined;
  // `hatch run test:cov`: the script cov of the environment test.
  if (runner.kind === 'hatch' && task.includes(':')) [env, task] = [task.slice(0, task.indexOf(':')), task.slice(task.indexOf(':') + 1)];
  if (unknownWhere !== undefined || folder === undefined) return [...words.slice(0, runner.keep), ...['sh', '-c', UNREAD].map((v) => literalWord(v))];
  const look = (name: string) => lookUp(runner, name, env, folder, workspace ?? folder, written);
  const found = look(task);
  if (!found) return undefined;
  const args = values.slice(i + 1).map((a) => quoteWord(a)).join(' ');
  const text = taskText(runner.kind, found.value, look, new Set([task]));
  const kept = words.slice(0, runner.keep);
  return [...kept, ...['sh', '-c', args ? `${text} ${args}` : text].map((v) => literalWord(v))];
}

function lookUp(runner: Runner, task: string, env: string | undefined, folder: string, top: string, written: ReadonlyMap<string, string> | undefined): { value: unknown } | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    for (const f of runner.files) {
      const path = join(dir, f.name);
      const text = textOf(path, top, written);
      if (text === undefined) continue;
      // A configuration the line wrote with text it does not show: the task may be anything.
      if (text === null) return { value: null };
      try {
        const doc = f.name.endsWith('.json') ? (JSON.parse(text) as Record<string, unknown>) : parseToml(text);
        const value = f.table(doc, task, env);
        if (value !== undefined) return { value };
      } catch {
        // A configuration that does not read: the task may be anything it names.
        if (text.includes(task)) return { value: null };
      }
    }
    if (dir === top || relative(top, dir).startsWith('..') || dirname(dir) === dir) return undefined;
  }
}

/** The file's text (the line's own, when it wrote it earlier); null when written with text not shown. */
export function textOf(path: string, top: string, written: ReadonlyMap<string, string> | undefined): string | null | undefined {
  const key = relative(top, path);
  const mine = written?.get(key);
  if (mine !== undefined) return mine.startsWith(OPAQUE_CONTENT) || mine.startsWith('\u0000') ? null : mine;
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const str = (n: unknown): string | undefined => (n && typeof n === 'object' && (n as TomlNode).kind === 'string' ? (n as { value: string }).value : typeof n === 'string' ? n : undefined);
const arr = (n: unknown): unknown[] | undefined => (n && typeof n === 'object' && (n as TomlNode).kind === 'array' ? (n as { items: TomlNode[] }).items : Array.isArray(n) ? n : undefined);
const field = (n: unknown, k: string): unknown => {
  if (!n || typeof n !== 'object') return undefined;
  if ((n as TomlNode).kind === 'table') return (n as { entries: Map<string, TomlNode> }).entries.get(k);
  return (n as { kind?: unknown }).kind === undefined && !Array.isArray(n) ? (n as Record<string, unknown>)[k] : undefined;
};

/** Text that runs nothing Firebreak can see: a command whose program is known only at run time (unknown). */
const UNREAD = '"$FIREBREAK_UNREAD_TASK"';
const MAX_DEPTH = 6;

/** The shell text the runner runs for this task value: its commands, its dependencies' first, a Python call. */
function taskText(kind: Runner['kind'], value: unknown, look: (name: string) => { value: unknown } | undefined, seen: ReadonlySet<string>): string {
  if (value === null || seen.size > MAX_DEPTH) return UNREAD;
  // A name being expanded already is a program of that name (`mypy = "mypy src"`), not the task again.
  const named = (name: string) => {
    if (seen.has(name)) return undefined;
    const dep = look(name);
    return dep ? taskText(kind, dep.value, look, new Set([...seen, name])) : undefined;
  };
  const text = str(value);
  // hatch: `{args}` placeholders; a script naming another script runs that one.
  if (text !== undefined) return kind === 'hatch' ? (named(text.split(/\s+/)[0]!) ?? text).replace(/\{args(:[^}]*)?\}/g, '') : text;
  const list = arr(value);
  // hatch, devbox and mise run each command of a list in turn; pixi and pdm take a list of words.
  // poe: a list is a sequence of tasks (or commands).
  if (list && kind === 'poe') return joined(list.map((x) => { const t = str(x); return t === undefined ? taskText(kind, x, look, seen) : named(t.split(/\s+/)[0]!) ?? t; }));
  if (list) return kind === 'hatch' || kind === 'devbox' || kind === 'mise' ? joined(list.map((x) => str(x) ?? UNREAD)) : list.map((x) => quoteWord(str(x) ?? '')).join(' ');
  // Dependencies run first (pixi `depends-on`, mise `depends`); sequences (pdm `composite`, rye `chain`, poe
  // `sequence`) run each named task or command; poe `ref` runs another task.
  const before: string[] = [];
  for (const k of ['depends-on', 'depends_on', 'depends']) {
    const deps = arr(field(value, k)) ?? (str(field(value, k)) !== undefined ? [field(value, k)] : undefined);
    for (const d of deps ?? []) before.push(named(str(d) ?? str(field(d, 'task')) ?? '') ?? UNREAD);
  }
  for (const k of ['composite', 'chain', 'sequence']) {
    const items = arr(field(value, k));
    if (items) return joined([...before, ...items.map((x) => { const t = str(x); return t === undefined ? taskText(kind, x, look, seen) : named(t.split(/\s+/)[0]!) ?? t; })]);
  }
  const ref = str(field(value, 'ref'));
  if (ref !== undefined) return joined([...before, named(ref.split(/\s+/)[0]!) ?? UNREAD]);
  for (const k of ['cmd', 'shell', 'run']) {
    const v = field(value, k);
    if (v === undefined) continue;
    const s = str(v);
    if (s !== undefined) return joined([...before, s]);
    const l = arr(v);
    if (l) return joined([...before, k === 'run' ? joined(l.map((x) => str(x) ?? UNREAD)) : l.map((x) => quoteWord(str(x) ?? '')).join(' ')]);
  }
  const call = str(field(value, 'call')) ?? (kind === 'poe' ? str(field(value, 'script')) : undefined);
  if (call !== undefined) return joined([...before, pythonCall(call)]);
  // Only dependencies: they are what runs.
  if (before.length && field(value, 'file') === undefined && field(value, 'expr') === undefined && field(value, 'switch') === undefined) return joined(before);
  return UNREAD;
}

const joined = (parts: readonly string[]) => parts.filter(Boolean).join(' && ') || 'true';

/** `pkg.mod:func` or `pkg.mod:func(1, 'x')`: the function, called in Python. */
function pythonCall(spec: string): string {
  const m = /^\s*([\w.]+)\s*:\s*([\w.]+)\s*(\(.*\))?\s*$/s.exec(spec);
  if (!m) return UNREAD;
  return `python3 -c ${quoteWord(`import ${m[1]} as _m; _m.${m[2]}${m[3] ?? '()'}`)}`;
}
