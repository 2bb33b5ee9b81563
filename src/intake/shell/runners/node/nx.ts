// Nx (`nx build app`, `nx run app:build:production`, `nx run-many -t build`, `nx affected -t test`,
// `nx exec -- cmd`): followed to the targets it runs. A project's targets come from its project.json
// (`targets.<name>`: `executor` + `options`, `command`, `dependsOn`, `configurations`), from its
// package.json scripts (and the `nx` field), from nx.json `targetDefaults`, and from the plugins in
// nx.json `plugins` that infer a target from a tool's config file (vite.config.ts -> `vite build`).
// `nx:run-commands` and `nx:run-script` run the project's own commands, walked as shell; an executor
// of Nx's plugins is its tool (src/knowledge/nx.ts) when its options stay in the workspace; a local
// executor is its implementation file, read as code; any other executor is code nobody has read.
// `^build` in dependsOn is build in the projects depended on: every other project with that target
// (the project graph is not computed; a guard over-approximates), as for `affected`/`run-many`.
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  NX_CRYSTAL_PLUGINS, NX_EXECUTOR_TOOLS, NX_LOCAL_SUBCOMMANDS, NX_NOOP, NX_OWN_FLAGS, NX_RUN_COMMANDS, NX_RUN_SCRIPT, NX_RUNS_APPLICATION,
  NX_UNKNOWN_SUBCOMMANDS, NX_VALUED_OPTIONS,
} from '../../../../knowledge/nx.js';
import type { PlannedAction } from '../../../types.js';
import { commandEvidence, type Recogniser, type RecognisedCommand } from '../../command.js';
import { quoteWord } from '../../unwrap.js';
import { cannotFollow } from '../follow.js';
import { asCwd, exists, findUpward, insideWorkspace, readProjectFile, runDirectory, type ProjectFile } from '../project.js';
import { loadPackage, nearestPackage, scriptLine, workspacePackages, type PackageJson } from './package-json.js';

type Json = Record<string, unknown>;

interface TargetConfig { executor?: string; command?: unknown; options?: Json; dependsOn?: unknown; configurations?: Record<string, Json>; defaultConfiguration?: string }

interface Project {
  name: string;
  /** Absolute folder. */
  root: string;
  /** Targets written in project.json / package.json `nx.targets`, and where. */
  explicit: Map<string, { config: TargetConfig; where: string }>;
  /** package.json scripts that are targets. */
  scripts: Map<string, string>;
  pkg?: PackageJson;
}

interface Workspace {
  root: string;
  nxJson?: ProjectFile;
  defaults: Record<string, TargetConfig>;
  plugins: { name: string; options: Json; local?: LocalPlugin }[];
  projects: Project[];
  defaultProject?: string;
}

type Loaded<T> = { ok: true; value: T } | { ok: false; why: string; missing?: boolean };

const MAX_DIRS = 4000;
const KNOWN_TASK_RUNNERS = new Set(['nx/tasks-runners/default', '@nrwl/workspace/tasks-runners/default', '@nx/workspace/tasks-runners/default', 'nx-cloud', '@nrwl/nx-cloud', '@nx/nx-cloud', 'lerna/tasks-runners/default']);
const MAX_TASKS = 300;
const NOT_PROJECT_FOLDER = /^(node_modules|dist|build|out|tmp|coverage|vendor|\..*)$/;

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function parseJson(file: ProjectFile): Loaded<Json> {
  try {
    const json = JSON.parse(file.text.replace(/^\s*\/\/.*$/gm, '')) as unknown;
    return isObject(json) ? { ok: true, value: json } : { ok: false, why: `${file.shown} is not a JSON object` };
  } catch (e) {
    return { ok: false, why: `${file.shown} is not valid JSON (${(e as Error).message})` };
  }
}

/** 1-based line of `"key":` in a JSON file (after `after`, when given). */
function lineOf(text: string, key: string, after?: string): number {
  const from = after ? Math.max(text.indexOf(JSON.stringify(after)), 0) : 0;
  const at = text.indexOf(JSON.stringify(key), from);
  if (at < 0) return 1;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The Nx workspace around the run directory: nx.json upward (inside the workspace), else the nearest package.json. */
function loadWorkspace(rc: RecognisedCommand): Loaded<Workspace> {
  const dir = runDirectory(rc);
  if (!dir.ok) return dir;
  const top = rc.workspace ?? dir.value;
  const nxAt = findUpward(dir.value, (at) => (exists(rc, join(at, 'nx.json')) ? at : undefined));
  let root: string;
  if (nxAt !== undefined && (nxAt === top || insideWorkspace(rc, nxAt))) root = nxAt;
  else if (nxAt !== undefined) return { ok: false, why: `the Nx workspace is ${nxAt}, outside the workspace` };
  else {
    const pkg = nearestPackage(rc, dir.value);
    if (!pkg.ok) return { ok: false, why: 'there is no nx.json or package.json', missing: true };
    root = pkg.value.dir;
  }
  const ws: Workspace = { root, defaults: {}, plugins: [], projects: [] };
  const nx = readProjectFile(rc, join(root, 'nx.json'));
  if (nx.ok) {
    ws.nxJson = nx.value;
    const json = parseJson(nx.value);
    if (!json.ok) return json;
    if (isObject(json.value.targetDefaults)) for (const [k, v] of Object.entries(json.value.targetDefaults)) if (isObject(v)) ws.defaults[k] = v as TargetConfig;
    if (typeof json.value.defaultProject === 'string') ws.defaultProject = json.value.defaultProject;
    // A tasks runner runs every task: one that is not nx's own or Nx Cloud's is code nobody has read.
    const runners = isObject(json.value.tasksRunnerOptions) ? Object.values(json.value.tasksRunnerOptions) : [];
    for (const r of runners) {
      const runner = isObject(r) ? r.runner : undefined;
      if (typeof runner === 'string' && !KNOWN_TASK_RUNNERS.has(runner)) return { ok: false, why: `${nx.value.shown} runs every task through ${runner}, code Firebreak has not read` };
    }
    if (Array.isArray(json.value.plugins)) {
      for (const p of json.value.plugins) {
        const name = typeof p === 'string' ? p : isObject(p) && typeof p.plugin === 'string' ? p.plugin : undefined;
        if (name === undefined) continue;
        const local = /^\.\.?\//.test(name) ? readLocalPlugin(rc, root, name) : undefined;
        ws.plugins.push({ name, options: isObject(p) && isObject(p.options) ? p.options : {}, ...(local ? { local } : {}) });
      }
    }
  } else if (!nx.missing) return nx;
  const projects = findProjects(rc, ws);
  if (!projects.ok) return projects;
  ws.projects = projects.value;
  return { ok: true, value: ws };
}

/** Every project.json under the root, and the workspace packages (package.json), merged by folder. */
function findProjects(rc: RecognisedCommand, ws: Workspace): Loaded<Project[]> {
  const byRoot = new Map<string, Project>();
  const get = (root: string, name: string) => {
    let p = byRoot.get(root);
    if (!p) byRoot.set(root, (p = { name, root, explicit: new Map(), scripts: new Map() }));
    return p;
  };
  // Packages first: project.json in the same folder names and overrides.
  const rootPkg = loadPackage(rc, ws.root);
  if (rootPkg.ok) {
    const packages = workspacePackages(rc, rootPkg.value).filter((p) => p.dir !== ws.root);
    // The root package.json is a project only when it says so (an `nx` field); its scripts usually call nx itself.
    if (hasNxField(rootPkg.value)) packages.push(rootPkg.value);
    for (const pkg of packages) addPackage(get(pkg.dir, pkg.name ?? relative(ws.root, pkg.dir)), pkg);
  }
  const pending = [ws.root];
  let seen = 0;
  while (pending.length) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if ((seen += entries.length) > MAX_DIRS * 10) return { ok: false, why: `the workspace holds more than ${MAX_DIRS * 10} entries to look through for project.json` };
    for (const e of entries) {
      if (e.isDirectory() && !NOT_PROJECT_FOLDER.test(e.name)) pending.push(join(dir, e.name));
    }
    if (!entries.some((e) => e.name === 'project.json' && e.isFile())) continue;
    const file = readProjectFile(rc, join(dir, 'project.json'));
    if (!file.ok) return file;
    const json = parseJson(file.value);
    if (!json.ok) return json;
    const project = get(dir, typeof json.value.name === 'string' ? json.value.name : relative(ws.root, dir) || 'root');
    if (typeof json.value.name === 'string') project.name = json.value.name;
    if (isObject(json.value.targets)) {
      for (const [k, v] of Object.entries(json.value.targets)) if (isObject(v)) project.explicit.set(k, { config: v as TargetConfig, where: `${file.value.shown}:${lineOf(file.value.text, k, 'targets')} (target ${k})` });
    }
  }
  // Files the line writes (`cat > apps/x/project.json`) are read by readProjectFile; folders it makes are not walked.
  return { ok: true, value: [...byRoot.values()] };
}

function hasNxField(pkg: PackageJson): boolean {
  const json = parseJson(pkg.file);
  return json.ok && isObject(json.value.nx);
}

function addPackage(project: Project, pkg: PackageJson): void {
  project.pkg = pkg;
  const json = parseJson(pkg.file);
  const nx = json.ok && isObject(json.value.nx) ? json.value.nx : {};
  if (typeof nx.name === 'string') project.name = nx.name;
  const included = Array.isArray(nx.includedScripts) ? new Set(nx.includedScripts.filter((s): s is string => typeof s === 'string')) : undefined;
  for (const [name, text] of Object.entries(pkg.scripts)) if (!included || included.has(name)) project.scripts.set(name, text);
  if (isObject(nx.targets)) {
    for (const [k, v] of Object.entries(nx.targets)) if (isObject(v)) project.explicit.set(k, { config: v as TargetConfig, where: `${pkg.file.shown}:${lineOf(pkg.file.text, k, 'nx')} (nx target ${k})` });
  }
}

/** What a target of a project is, as nx merges it: plugin-inferred, then package.json script, then project.json, with targetDefaults. */
type Resolved =
  | { kind: 'config'; config: TargetConfig; where: string }
  | { kind: 'tool'; command: string; where: string; dependsOn?: unknown }
  | { kind: 'unknown'; why: string };

function resolveTarget(ws: Workspace, project: Project, target: string): Resolved | undefined {
  const explicit = project.explicit.get(target);
  const defaults = ws.defaults[target];
  const script = project.scripts.get(target);
  const inferred = inferredTarget(ws, project, target);
  const ownExecutor = explicit?.config.executor ?? (explicit?.config.command !== undefined ? 'nx:run-commands' : undefined);
  if (explicit && ownExecutor) {
    const byExecutor = ws.defaults[ownExecutor];
    return { kind: 'config', config: withCommand(merged(byExecutor, merged(defaults, { ...explicit.config, executor: ownExecutor }))), where: explicit.where };
  }
  const dependsOn = explicit?.config.dependsOn ?? defaults?.dependsOn;
  const where = explicit?.where ?? (script !== undefined && project.pkg ? `${project.pkg.file.shown}:${scriptLine(project.pkg, target)} (script ${target})` : undefined);
  if (defaults?.executor || defaults?.command !== undefined) {
    if (!explicit && script === undefined && !inferred) return undefined;
    const executor = defaults.executor ?? 'nx:run-commands';
    return { kind: 'config', config: withCommand(merged(ws.defaults[executor], merged(defaults, { ...(explicit?.config ?? {}), executor }))), where: where ?? `${ws.nxJson?.shown ?? 'nx.json'} (targetDefaults ${target})` };
  }
  if (script !== undefined) {
    return { kind: 'config', config: merged(defaults, { ...(explicit?.config ?? {}), executor: 'nx:run-script', options: { script: target, ...(explicit?.config.options ?? {}) }, dependsOn }), where: where! };
  }
  if (inferred) {
    if (inferred.kind === 'unknown') return inferred;
    return { ...inferred, ...(dependsOn !== undefined ? { dependsOn } : {}) };
  }
  if (explicit) return { kind: 'unknown', why: `${explicit.where} names no executor or command, and no plugin or script gives target ${target} one` };
  return undefined;
}

/** `"command": "..."` on the target is `nx:run-commands` with that command. */
function withCommand(config: TargetConfig): TargetConfig {
  return config.command === undefined ? config : { ...config, options: { command: config.command, ...(config.options ?? {}) } };
}

function merged(base: TargetConfig | undefined, over: TargetConfig): TargetConfig {
  if (!base) return over;
  return {
    ...base, ...over,
    options: { ...(base.options ?? {}), ...(over.options ?? {}) },
    configurations: { ...(base.configurations ?? {}), ...(over.configurations ?? {}) },
    dependsOn: over.dependsOn ?? base.dependsOn,
  };
}

/** A target a plugin of nx.json infers for the project, or why one may be inferred by code nobody has read. */
function inferredTarget(ws: Workspace, project: Project, target: string): Resolved | undefined {
  let names: string[] | undefined;
  const files = () => (names ??= listNames(project.root));
  for (const plugin of ws.plugins) {
    const name = plugin.name.replace(/^@nrwl\//, '@nx/');
    const known = NX_CRYSTAL_PLUGINS[name] ?? NX_CRYSTAL_PLUGINS[`${name}/plugin`];
    if (!known && plugin.local && 'commands' in plugin.local) {
      // A plugin of the workspace whose targets are literal commands: the ones it names for this target
      // (or, when it builds names at run time, every command it has), run in the project folder.
      const commands = plugin.local.byTarget.get(target) ?? (plugin.local.unnamed ? plugin.local.commands : undefined);
      if (commands) return { kind: 'tool', command: commands.join('\n'), where: `${plugin.local.shown} (plugin ${plugin.name})` };
      continue;
    }
    if (!known) {
      if (/^nx\/|^@nx\/(enforce-module-boundaries|dependency-checks)/.test(name)) continue;
      if (plugin.local && 'why' in plugin.local) return { kind: 'unknown', why: `target ${target} of ${project.name} may be inferred by the plugin ${plugin.name} in ${ws.nxJson?.shown ?? 'nx.json'}: ${plugin.local.why}` };
      return { kind: 'unknown', why: `target ${target} of ${project.name} may be inferred by the plugin ${plugin.name} in ${ws.nxJson?.shown ?? 'nx.json'}, code Firebreak has not read` };
    }
    for (const t of known.targets) {
      const set = optionAt(plugin.options, t.option);
      if ((typeof set === 'string' ? set : t.name) !== target) continue;
      const config = files().find((f) => known.config.test(f));
      if (config) return { kind: 'tool', command: t.command, where: `${ws.nxJson?.shown ?? 'nx.json'} (plugin ${plugin.name}, from ${asShown(ws, join(project.root, config))})` };
    }
  }
  return undefined;
}

type LocalPlugin = { shown: string; commands: string[]; byTarget: Map<string, string[]>; unnamed: boolean } | { shown: string; why: string };

/** The JavaScript string or template literal at the start of `text`, with `${...}` (nested templates
 *  included) as a run-time value, and its length; undefined when `text` does not start with one. */
function literalAt(text: string): { value: string; length: number } | undefined {
  const q = text[0];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  let out = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') { out += text[i + 1] ?? ''; i++; continue; }
    if (c === q) return { value: out, length: i + 1 };
    if (q !== '`' && c === '\n') return undefined;
    if (q === '`' && c === '$' && text[i + 1] === '{') {
      // Skip to the matching brace, over nested strings and templates.
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const d = text[j]!;
        if (d === '{') depth++;
        else if (d === '}' && --depth === 0) break;
        else if (d === '"' || d === "'" || d === '`') { const inner = literalAt(text.slice(j)); if (!inner) return undefined; j += inner.length - 1; }
      }
      if (j >= text.length) return undefined;
      out += '${NX_PLUGIN_VALUE}';
      i = j;
      continue;
    }
    out += c;
  }
  return undefined;
}

/**
 * A plugin file of the workspace (`./tools/nx-plugins/src/lint.plugin.ts`), read for the targets it makes:
 * every `command:` (or `commands: [...]`) must be a literal string or template (`${...}` in it is a
 * run-time value), and no other executor may be named; then each command is known, and by target
 * name where it sits in an object under that name. Anything else is code nobody has read.
 */
function readLocalPlugin(rc: RecognisedCommand, root: string, name: string): LocalPlugin | undefined {
  const base = resolve(root, name);
  const shown = relative(root, base) || name;
  if (rc.workspace && !insideWorkspace(rc, base)) return { shown, why: 'it is outside the workspace' };
  const file = ['', '.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].map((x) => base + x).find((f) => exists(rc, f) && !listNames(f).length);
  if (!file) return { shown, why: `${shown} is not a file Firebreak can find (a plugin package's entry is not read)` };
  const read = readProjectFile(rc, file);
  if (!read.ok) return { shown, why: read.why };
  const text = read.value.text;
  const executors = [...text.matchAll(/\bexecutor\s*:\s*([^,}\n]+)/g)].map((m) => m[1]!.trim().replace(/^["'`]|["'`]$/g, ''));
  const other = executors.find((e) => !NX_RUN_COMMANDS.has(e));
  if (other) return { shown: read.value.shown, why: `${read.value.shown} makes targets with the executor ${other}` };
  const commands: string[] = [];
  const byTarget = new Map<string, string[]>();
  let unnamed = false;
  for (const m of text.matchAll(/\bcommands?\s*:\s*/g)) {
    const rest = text.slice(m.index + m[0].length);
    let found: string[] | undefined;
    const single = literalAt(rest);
    if (single) found = [single.value];
    else if (rest.startsWith('[')) {
      // `commands: ["a", `b ${x}`]`: every item a literal.
      found = [];
      let at = 1;
      for (;;) {
        at += /^[\s,]*/.exec(rest.slice(at))![0].length;
        if (rest[at] === ']') break;
        const item = literalAt(rest.slice(at));
        if (!item) { found = undefined; break; }
        found.push(item.value);
        at += item.length;
      }
    }
    if (!found) return { shown: read.value.shown, why: `${read.value.shown} builds a command at run time (${rest.slice(0, 40).split('\n')[0]}...)` };
    commands.push(...found);
    // The name of the object the command is in: `"lint:check": { command: ... }`.
    const before = text.slice(Math.max(0, m.index - 400), m.index);
    const owner = /(?:["'`]([^"'`\n]+)["'`]|([\w$]+))\s*:\s*\{[^{}]*$/.exec(before);
    const target = owner?.[1] ?? undefined;
    if (target && !/\$\{/.test(target)) byTarget.set(target, [...(byTarget.get(target) ?? []), ...found]);
    else unnamed = true;
  }
  return { shown: read.value.shown, commands, byTarget, unnamed };
}

function optionAt(options: Json, path: string): unknown {
  let at: unknown = options;
  for (const part of path.split('.')) at = isObject(at) ? at[part] : undefined;
  return at;
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function asShown(ws: Workspace, path: string): string {
  return relative(ws.root, path) || '.';
}

/** What the command line gives the targets: `--key=value` options and every word as written. */
interface Args { overrides: Record<string, string | true>; words: string[]; configuration?: string }

interface Invocation { targets: string[]; projects?: string[]; all: boolean; args: Args; configuration?: string }

/** Splits nx's own options from the target's: `-t build test`, `-p a,b`, `-c prod`, the rest forwarded. */
function parseRunner(argv: readonly string[]): { positional: string[]; targets: string[]; projects?: string[]; configuration?: string; args: Args; all: boolean } {
  const positional: string[] = [];
  const targets: string[] = [];
  let projects: string[] | undefined;
  let configuration: string | undefined;
  let all = false;
  const args: Args = { overrides: {}, words: [] };
  const list = (v: string | undefined) => (v ?? '').split(/[,\s]+/).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { args.words.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { positional.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    if (name === '-t' || name === '--targets' || name === '--target') {
      targets.push(...list(value()));
      // `-t build test`: later plain words are targets too.
      while (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('-')) targets.push(...list(argv[++i]));
    } else if (name === '-p' || name === '--projects') {
      projects = [...(projects ?? []), ...list(value())];
      while (eq < 0 && i + 1 < argv.length && !argv[i + 1].startsWith('-')) projects.push(...list(argv[++i]));
    } else if (name === '-c' || name === '--configuration') configuration = value();
    else if (name === '--all') all = true;
    else if (NX_VALUED_OPTIONS.has(name)) { if (eq < 0) i++; }
    else if (NX_OWN_FLAGS.has(name)) continue;
    else {
      // The target's own option: forwarded as written, and an override of the executor's options.
      args.words.push(a);
      const key = name.replace(/^--?/, '');
      if (eq > 0) args.overrides[key] = a.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith('-') && a.startsWith('--')) { args.overrides[key] = argv[i + 1]; args.words.push(argv[++i]); }
      else args.overrides[key] = true;
    }
  }
  return { positional, targets, ...(projects ? { projects } : {}), ...(configuration !== undefined ? { configuration } : {}), args, all };
}

export const nx: Recogniser = async (rc) => {
  const argv = rc.argv.slice(1);
  const first = argv.findIndex((a) => !a.startsWith('-'));
  if (first < 0) return [];
  const sub = argv[first];
  const rest = [...argv.slice(0, first), ...argv.slice(first + 1)];
  if (NX_LOCAL_SUBCOMMANDS.has(sub)) return [];
  if (Object.hasOwn(NX_UNKNOWN_SUBCOMMANDS, sub)) return [cannotFollow(rc, `nx ${sub} ${NX_UNKNOWN_SUBCOMMANDS[sub]}: code Firebreak has not read`, sub)];
  if (sub === 'exec' || sub === 'watch') return execIn(rc, sub, rest);
  const ws = loadWorkspace(rc);
  // No nx.json nor package.json: nx stops before it runs anything.
  if (!ws.ok) return ws.missing ? [] : [cannotFollow(rc, `nx: cannot read the workspace: ${ws.why}`, sub)];
  const p = parseRunner(rest);
  let invocation: Invocation;
  if (sub === 'run-many' || sub === 'affected' || sub.startsWith('affected:')) {
    const targets = sub.startsWith('affected:') ? [sub.slice('affected:'.length), ...p.targets] : p.targets;
    if (!targets.length) return [cannotFollow(rc, `nx ${sub} without a target (-t): Firebreak cannot tell what it runs`, sub)];
    invocation = { targets, all: true, args: p.args, ...(p.projects ? { projects: p.projects } : {}), ...(p.configuration !== undefined ? { configuration: p.configuration } : {}) };
  } else {
    // `nx run app:build[:config]`, `nx app:build`, `nx build app`, `nx build` (the project of the folder).
    // `nx lint:check app` is the target lint:check: `a:b` is project:target only when a is a project (nx's splitTarget).
    const isProject = (n: string) => ws.value.projects.some((x) => x.name === n);
    const spec = sub === 'run' ? p.positional[0] : sub.includes(':') && isProject(sub.split(':')[0]!) ? sub : undefined;
    let project: string | undefined;
    let target: string;
    let configuration = p.configuration;
    if (spec !== undefined) {
      const parts = spec.split(':');
      if (parts.length === 1) { target = parts[0]; } else {
        project = parts[0];
        const found = ws.value.projects.find((x) => x.name === project);
        // A target whose name has colons (`test:unit`): the longest name the project has, the rest a configuration.
        const cut = [parts.length, 3, 2].find((n) => n <= parts.length && found && resolveTarget(ws.value, found, parts.slice(1, n).join(':'))) ?? 2;
        target = parts.slice(1, cut).join(':');
        configuration ??= parts.length > cut ? parts.slice(cut).join(':') : undefined;
      }
    } else if (sub === 'run') return [cannotFollow(rc, 'nx run without project:target', sub)];
    else { target = sub; project = p.positional[0]; }
    if (project === undefined) {
      const own = projectOfFolder(rc, ws.value) ?? ws.value.defaultProject;
      if (own === undefined) return [cannotFollow(rc, `nx ${target}: no project is named and none holds the folder it runs in`, target)];
      project = own;
    }
    // Words after the project are the target's arguments (forwarded to run-commands and scripts).
    const extra = p.positional.slice(sub !== 'run' && spec !== undefined ? 0 : 1);
    const args: Args = { overrides: p.args.overrides, words: [...extra, ...p.args.words] };
    invocation = { targets: [target], projects: [project], all: false, args, ...(configuration !== undefined ? { configuration } : {}) };
  }
  return runTargets(rc, ws.value, invocation);
};

function projectOfFolder(rc: RecognisedCommand, ws: Workspace): string | undefined {
  const dir = runDirectory(rc);
  if (!dir.ok) return undefined;
  const holding = ws.projects.filter((p) => dir.value === p.root || !relative(p.root, dir.value).startsWith('..'));
  return holding.sort((a, b) => b.root.length - a.root.length)[0]?.name;
}

const globRe = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

async function runTargets(rc: RecognisedCommand, ws: Workspace, inv: Invocation): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  const done = new Set<string>();
  const budget = { tasks: 0 };
  for (const target of inv.targets) {
    let chosen: Project[];
    if (!inv.all) {
      const name = inv.projects![0];
      const project = ws.projects.find((p) => p.name === name);
      if (!project) return [cannotFollow(rc, `nx: there is no project ${name} in the workspace${ws.nxJson ? ` of ${ws.nxJson.shown}` : ''}`, target)];
      const resolved = resolveTarget(ws, project, target);
      if (!resolved) return [cannotFollow(rc, `nx: project ${name} has no target ${target}`, target)];
      chosen = [project];
    } else {
      // Names and globs narrow; tags, directories and exclusions are not worked out: every project is judged.
      const named = inv.projects?.filter((n) => !n.startsWith('!'));
      const narrow = named?.length && named.every((n) => /^[\w@/.*-]+$/.test(n) && !n.startsWith('tag:'));
      chosen = narrow ? ws.projects.filter((p) => named.some((n) => globRe(n).test(p.name))) : ws.projects;
    }
    for (const project of chosen) out.push(...(await runTask(rc, ws, project, target, inv, done, budget, 0, inv.all)));
  }
  return out;
}

async function runTask(rc: RecognisedCommand, ws: Workspace, project: Project, target: string, inv: Invocation, done: Set<string>, budget: { tasks: number },
  depth: number, skipMissing: boolean, forwardArgs = true): Promise<PlannedAction[]> {
  const id = `${project.name}:${target}`;
  if (done.has(id)) return [];
  done.add(id);
  if (++budget.tasks > MAX_TASKS || depth > 24) return [cannotFollow(rc, `nx: more than ${MAX_TASKS} tasks (or dependencies ${depth} deep) to follow`, target)];
  const resolved = resolveTarget(ws, project, target);
  if (!resolved) return skipMissing ? [] : [cannotFollow(rc, `nx: project ${project.name} has no target ${target}`, target)];
  if (resolved.kind === 'unknown') return [cannotFollow(rc, `nx: ${resolved.why}`, target)];
  const out: PlannedAction[] = [];
  const dependsOn = resolved.kind === 'config' ? resolved.config.dependsOn : resolved.dependsOn;
  for (const dep of Array.isArray(dependsOn) ? dependsOn : []) {
    for (const [p, t] of dependencies(ws, project, dep)) out.push(...(await runTask(rc, ws, p, t, inv, done, budget, depth + 1, true, false)));
  }
  const evidence = [commandEvidence(`nx runs target ${target} of ${project.name} (${resolved.where})`, 'nx', resolved.where)];
  const cwd = asCwd(rc, project.root);
  if (resolved.kind === 'tool') {
    out.push(...(await rc.nested(resolved.command, { cwd, evidence })));
    return out;
  }
  const config = resolved.config;
  const executor = (config.executor ?? '').replace(/^@nrwl\//, '@nx/');
  let options: Json = { ...(config.options ?? {}) };
  const configuration = (depth === 0 ? inv.configuration : undefined) ?? config.defaultConfiguration;
  if (configuration !== undefined) {
    const c = config.configurations?.[configuration];
    if (c === undefined && depth === 0 && inv.configuration !== undefined) return [...out, cannotFollow(rc, `nx: target ${target} of ${project.name} has no configuration ${configuration} (${resolved.where})`, target)];
    if (isObject(c)) options = { ...options, ...c };
  }
  const args: Args = forwardArgs ? inv.args : { overrides: {}, words: [] };
  if (NX_NOOP.has(executor)) return out;
  if (NX_RUN_COMMANDS.has(executor)) return [...out, ...(await runCommands(rc, ws, project, options, args, evidence, resolved.where))];
  if (NX_RUN_SCRIPT.has(executor)) {
    const script = typeof options.script === 'string' ? options.script : target;
    const text = `npm run ${quoteWord(script)}${args.words.length ? ` -- ${args.words.map(quoteWord).join(' ')}` : ''}`;
    return [...out, ...(await rc.nested(text, { cwd, evidence }))];
  }
  if (NX_RUNS_APPLICATION.has(executor)) return [...out, cannotFollow(rc, `nx: target ${target} of ${project.name} runs the application the project builds (${executor}, ${resolved.where}), code this command does not name`, target)];
  const tool = NX_EXECUTOR_TOOLS[executor];
  if (tool !== undefined) {
    const outside = pathOutside(rc, ws, project, { ...options, ...args.overrides });
    if (outside) return [...out, cannotFollow(rc, `nx: target ${target} of ${project.name} runs ${executor} with ${outside}, outside the workspace (${resolved.where})`, target)];
    return [...out, ...(await rc.nested(tool, { cwd, evidence }))];
  }
  return [...out, ...(await localExecutor(rc, ws, executor, target, project, evidence, resolved.where))];
}

/** The (project, target) pairs one `dependsOn` entry names. */
function dependencies(ws: Workspace, project: Project, dep: unknown): [Project, string][] {
  const others = (t: string) => ws.projects.filter((p) => p !== project && resolveTarget(ws, p, t)).map((p): [Project, string] => [p, t]);
  const matching = (t: string) => (/[*?]/.test(t) ? [...new Set([...project.explicit.keys(), ...project.scripts.keys()])].filter((n) => globRe(t).test(n)) : [t]);
  if (typeof dep === 'string') {
    if (dep.startsWith('^')) return others(dep.slice(1));
    const colon = dep.indexOf(':');
    if (colon > 0) {
      const p = ws.projects.find((x) => x.name === dep.slice(0, colon));
      return p ? [[p, dep.slice(colon + 1)]] : [];
    }
    return matching(dep).map((t): [Project, string] => [project, t]);
  }
  if (!isObject(dep) || typeof dep.target !== 'string') return [];
  const t = dep.target;
  if (dep.dependencies === true || dep.projects === 'dependencies') return others(t);
  const names = typeof dep.projects === 'string' ? [dep.projects] : Array.isArray(dep.projects) ? dep.projects.filter((x): x is string => typeof x === 'string') : ['self'];
  return names.flatMap((n): [Project, string][] => (n === 'self' ? [[project, t]] : ws.projects.filter((p) => globRe(n).test(p.name)).map((p): [Project, string] => [p, t])));
}

/** `nx:run-commands`: each command (a string, or `{ command, forwardAllArgs }`), in `cwd`, with `{args.x}`,
 *  `{projectRoot}`, `{projectName}`, `{workspaceRoot}` filled in and the command line's arguments appended. */
async function runCommands(rc: RecognisedCommand, ws: Workspace, project: Project, options: Json, args: Args, evidence: PlannedAction['evidence'], where: string): Promise<PlannedAction[]> {
  const listed: { text: string; forward: boolean }[] = [];
  const take = (c: unknown) => {
    if (typeof c === 'string') listed.push({ text: c, forward: true });
    else if (isObject(c) && typeof c.command === 'string') listed.push({ text: c.command, forward: c.forwardAllArgs !== false });
  };
  if (Array.isArray(options.commands)) options.commands.forEach(take);
  else if (options.commands !== undefined) take(options.commands);
  if (Array.isArray(options.command)) options.command.forEach(take);
  else if (options.command !== undefined) take(options.command);
  if (!listed.length) return [cannotFollow(rc, `nx: ${where} runs nx:run-commands without a command Firebreak can read`, 'run-commands')];
  const fill = (s: string) => s
    .replace(/\{projectRoot\}/g, relative(ws.root, project.root) || '.')
    .replace(/\{projectName\}/g, project.name)
    .replace(/\{workspaceRoot\}/g, '.')
    .replace(/\{args\.([\w-]+)\}/g, (_m, k: string) => {
      const v = args.overrides[k] ?? (isObject(options) && typeof options[k] === 'string' ? options[k] : undefined);
      return typeof v === 'string' ? quoteWord(v) : '${NX_ARG_VALUE}';
    });
  const cwdOption = typeof options.cwd === 'string' ? fill(options.cwd) : undefined;
  const dir = cwdOption === undefined ? ws.root : isAbsolute(cwdOption) ? cwdOption : resolve(ws.root, cwdOption);
  const env: Record<string, string | undefined> = {};
  if (isObject(options.env)) for (const [k, v] of Object.entries(options.env)) if (typeof v === 'string') env[k] = v;
  const extra = [...(typeof options.args === 'string' ? [options.args] : Array.isArray(options.args) ? options.args.filter((x): x is string => typeof x === 'string') : []), ...args.words.map(quoteWord)];
  const out: PlannedAction[] = [];
  for (const c of listed) {
    const text = `${fill(c.text)}${c.forward && extra.length && !/\{args\./.test(c.text) ? ` ${extra.join(' ')}` : ''}`;
    out.push(...(await rc.nested(text, { cwd: asCwd(rc, dir), evidence, ...(Object.keys(env).length ? { env } : {}) })));
  }
  return out;
}

/** An option of a plugin's executor (or the command line's override) naming a path outside the workspace. */
function pathOutside(rc: RecognisedCommand, ws: Workspace, project: Project, options: Json): string | undefined {
  const top = rc.workspace ?? ws.root;
  const check = (key: string, value: unknown): string | undefined => {
    if (typeof value === 'string') {
      if (!/(path|dir|directory|root|output|input|main|config|file|cwd|folder|dest)(\.|$)/i.test(key) || /^[a-z]+:\/\//i.test(value)) return undefined;
      const v = value.replace(/\{projectRoot\}/g, relative(ws.root, project.root)).replace(/\{workspaceRoot\}/g, '.');
      if (v.startsWith('~') || v.includes('$')) return `${key}=${value}`;
      const abs = isAbsolute(v) ? v : resolve(ws.root, v);
      const rel = relative(top, abs);
      return rel.startsWith('..') || isAbsolute(rel) ? `${key}=${value}` : undefined;
    }
    if (Array.isArray(value)) for (const v of value) { const hit = check(key, v); if (hit) return hit; }
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) { const hit = check(`${key}.${k}`, v); if (hit) return hit; }
    return undefined;
  };
  for (const [k, v] of Object.entries(options)) {
    const hit = check(k, v);
    if (hit) return hit;
  }
  return undefined;
}

/** A local executor (`./tools/executors/x:deploy`, or a package of the workspace): its implementation
 *  file read as code; anything else is code nobody has read. */
async function localExecutor(rc: RecognisedCommand, ws: Workspace, executor: string, target: string, project: Project, evidence: PlannedAction['evidence'], where: string): Promise<PlannedAction[]> {
  const colon = executor.lastIndexOf(':');
  const unknown = (why: string) => [cannotFollow(rc, `nx: target ${target} of ${project.name} runs the executor ${executor || '(none)'} (${where}): ${why}`, target)];
  if (colon <= 0) return unknown('not an executor nx can name');
  const pkgName = executor.slice(0, colon);
  const name = executor.slice(colon + 1);
  let dir: string | undefined;
  if (pkgName.startsWith('./') || pkgName.startsWith('../')) dir = resolve(ws.root, pkgName);
  else dir = ws.projects.find((p) => p.pkg?.name === pkgName)?.root;
  if (!dir) return unknown('code from a package Firebreak has not read');
  if (rc.workspace && !insideWorkspace(rc, dir)) return unknown('its folder is outside the workspace');
  const pkg = loadPackage(rc, dir);
  const jsonField = pkg.ok ? parseJson(pkg.value.file) : undefined;
  const manifestPath = jsonField?.ok ? (jsonField.value.executors ?? jsonField.value.builders) : undefined;
  const manifest = readProjectFile(rc, join(dir, typeof manifestPath === 'string' ? manifestPath : 'executors.json'));
  if (!manifest.ok) return unknown(`its list of executors cannot be read: ${manifest.why}`);
  const list = parseJson(manifest.value);
  if (!list.ok) return unknown(list.why);
  const entries = isObject(list.value.executors) ? list.value.executors : isObject(list.value.builders) ? list.value.builders : {};
  const entry = entries[name];
  const implementation = isObject(entry) && typeof entry.implementation === 'string' ? entry.implementation : undefined;
  if (!implementation) return unknown(`${manifest.value.shown} lists no executor ${name}`);
  const base = resolve(dirname(manifest.value.path), implementation);
  const file = ['', '.ts', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'].map((x) => base + x).find((f) => exists(rc, f) && !listNames(f).length);
  if (!file) return unknown(`its implementation ${relative(ws.root, base)} is not a file Firebreak can find`);
  const text = `${file.endsWith('.ts') ? 'tsx' : 'node'} ${quoteWord(asCwd(rc, file))}`;
  return rc.nested(text, { evidence: [...evidence, commandEvidence(`the executor ${executor} is ${asShown(ws, file)}`, 'executor', asShown(ws, file))] });
}

/** `nx exec -- cmd` / `nx watch -- cmd`: the command, in each project named (or the folder it runs in). */
async function execIn(rc: RecognisedCommand, sub: string, rest: string[]): Promise<PlannedAction[]> {
  const dash = rest.indexOf('--');
  const first = rest.findIndex((a) => !a.startsWith('-'));
  const command = dash >= 0 ? rest.slice(dash + 1) : first >= 0 ? rest.slice(first) : [];
  if (!command.length) return sub === 'watch' ? [] : [cannotFollow(rc, `nx ${sub} without a command`, sub)];
  const p = parseRunner(dash >= 0 ? rest.slice(0, dash) : []);
  const text = command.map(quoteWord).join(' ');
  const evidence = [commandEvidence(`nx ${sub} runs: ${text}`, `nx ${sub}`)];
  if (!p.projects && !p.all) return rc.nested(text, { evidence });
  const ws = loadWorkspace(rc);
  if (!ws.ok) return ws.missing ? [] : [cannotFollow(rc, `nx ${sub}: cannot read the workspace: ${ws.why}`, sub)];
  const named = p.projects?.filter((n) => !n.startsWith('!') && !n.startsWith('tag:'));
  const chosen = named?.length && !p.all ? ws.value.projects.filter((x) => named.some((n) => globRe(n).test(x.name))) : ws.value.projects;
  const out: PlannedAction[] = [];
  for (const project of chosen.length ? chosen : [undefined]) {
    out.push(...(await rc.nested(text, { evidence, ...(project ? { cwd: asCwd(rc, project.root) } : {}) })));
  }
  return out;
}
