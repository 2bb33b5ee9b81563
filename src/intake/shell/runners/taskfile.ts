// `task [tasks] [VAR=value] [-- args]` (go-task, Taskfile schema v3): reads Taskfile.yml and its
// includes with the yaml package and walks each task's commands, its deps first, `task:` calls,
// deferred commands, preconditions and status checks (all of them run), and dynamic variables
// (`sh:`), which run while the Taskfile is read. Go templates (`{{.VAR}}`) are filled from vars
// where known. Includes follow the schema: a namespace (and its `aliases`), or none (`flatten`),
// `excludes`, `internal`, `vars`, and `dir` (without it, included tasks run where the including
// Taskfile runs, not in the included file's folder). Task names match directly, then wildcard
// tasks (`start:*`, MATCH), then aliases; a name that is none of these is unknown, with why. A
// Taskfile outside the workspace (`--global`, a parent folder, an include) or fetched from a URL
// is code nobody here has read: unknown.
import { dirname, join, resolve } from 'node:path';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type YAMLMap } from 'yaml';
import type { PlannedAction } from '../../types.js';
import type { Recogniser, RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, type Step } from './follow.js';
import { asCwd, findUpward, firstExisting, insideWorkspace, readProjectFile, runDirectory, shownPath } from './project.js';

const NAMES = ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml'];
const VALUED = new Set(['-t', '--taskfile', '-d', '--dir', '-o', '--output', '--output-group-begin', '--output-group-end', '-C', '--concurrency', '-I', '--interval', '--sort',
  '--temp-dir', '--timeout', '--expiry', '--remote-cache-dir', '--trusted-hosts', '--cacert', '--cert', '--cert-key']);
const READ_ONLY = new Set(['-l', '--list', '-a', '--list-all', '--summary', '-i', '--init', '--version', '-h', '--help', '--completion', '-j', '--json']);
const REMOTE = /^(https?|git|ssh|file):\/\/|^git@|\.git\/\//;
const GO_OS: Readonly<Record<string, string>> = { win32: 'windows', darwin: 'darwin', linux: 'linux', freebsd: 'freebsd', openbsd: 'openbsd' };

interface Task {
  /** The name it is called by from the command line (with its namespace). */
  name: string;
  node: unknown;
  file: string;
  /** The folder its commands run in (an include's `dir`, or where the including Taskfile runs). */
  dir: string;
  lines: LineCounter;
  /** Position of the task in the file. */
  at: number;
  vars: Record<string, string>;
  internal: boolean;
  /** Namespace prefix of the file it is defined in (`docs:`), for calls between its tasks. */
  namespace: string;
  aliases: string[];
}

interface Loaded {
  tasks: Map<string, Task>;
  vars: Record<string, string>;
  dynamic: Step[];
  problems: string[];
  /** Tasks may exist that Firebreak did not see (YAML merge keys, names it cannot read). */
  unsure: string[];
}

interface Include {
  namespaces: string[];
  excludes: string[];
  internal: boolean;
  vars: Record<string, string>;
  /** Folder the included tasks run in. */
  dir: string;
}

export const task: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  let file: string | undefined;
  let dirOption: string | undefined;
  let dry = false;
  let global = false;
  const names: string[] = [];
  const vars: Record<string, string> = {};
  let cliArgs = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { cliArgs = args.slice(i + 1).map(quoteWord).join(' '); break; }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      const value = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : VALUED.has(a) ? args[++i] : undefined;
      if (READ_ONLY.has(name)) return [];
      if (name === '-t' || name === '--taskfile') file = value;
      if (name === '-d' || name === '--dir') dirOption = value;
      if (name === '-n' || name === '--dry') dry = true;
      if (name === '-g' || name === '--global') global = true;
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) { vars[a.slice(0, eq)] = a.slice(eq + 1); continue; }
    names.push(a);
  }
  if (global) return [cannotFollow(rc, 'task --global runs the Taskfile in the home directory ($HOME/Taskfile.yml), outside the workspace: its tasks are not read', names[0])];
  if (file && REMOTE.test(file)) return [cannotFollow(rc, `task --taskfile ${file}: a remote Taskfile is fetched when task runs; Firebreak does not read it`, names[0])];
  const dir = runDirectory(rc, dirOption);
  if (!dir.ok) return [cannotFollow(rc, `task: cannot read the Taskfile: ${dir.why}`)];
  const at = file ? resolve(dir.value, file) : findUpward(dir.value, (d) => firstExisting(rc, d, NAMES));
  const found = at ? { path: at } : undefined;
  // No Taskfile: task stops with an error before it runs anything.
  if (!found) return [];
  if (!insideWorkspace(rc, found.path)) return [cannotFollow(rc, `task: the Taskfile it runs is ${found.path}, outside the workspace: its tasks are not read`, names[0])];
  const root = dirname(found.path);
  // Without --dir, task runs where the Taskfile is (found in a parent folder: there).
  const exec = dirOption !== undefined ? dir.value : root;
  const special = { ROOT_DIR: root, USER_WORKING_DIR: dir.value, ROOT_TASKFILE: found.path, TASK_EXE: 'task', CLI_ARGS: cliArgs };
  const loaded: Loaded = { tasks: new Map(), vars: { ...special }, dynamic: [], problems: [], unsure: [] };
  const error = load(rc, found.path, loaded, 0, vars, { namespaces: [''], excludes: [], internal: false, vars: {}, dir: exec }, new Set());
  if (error) return [cannotFollow(rc, `task: ${error}`, names[0])];
  const out: PlannedAction[] = [];
  out.push(...(await runSteps(rc, loaded.dynamic)));
  for (const p of loaded.problems) out.push(cannotFollow(rc, `task: ${p}`));
  const goals = names.length ? names : ['default'];
  const calls: { t: Task; vars: Record<string, string> }[] = [];
  for (const g of goals) {
    const hit = lookup(loaded, g);
    if (!hit) {
      // Task itself stops ("Task does not exist") before it runs any named task; Firebreak does not take
      // its own reading of the Taskfiles as proof that nothing else defines the name: unknown, with why.
      const unsure = [...loaded.problems, ...loaded.unsure];
      out.push(cannotFollow(rc, unsure.length
        ? `task: no task ${g} in what Firebreak could read, and ${unsure[0]}: it may be defined there, so what runs is not known`
        : `task: the Taskfile has no task ${g}, so what runs is not known`, g));
      continue;
    }
    // An internal task cannot be called from the command line (task stops); its commands are judged anyway.
    calls.push(hit);
  }
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (const c of calls) collect(rc, loaded, c.t, c.vars, steps, seen, 0);
  if (!dry) out.push(...(await runSteps(rc, steps)));
  return out;
};


/** A task by the name it is called with: exact, a wildcard task (`deploy:*`), then an alias. */
function lookup(loaded: Loaded, name: string): { t: Task; vars: Record<string, string> } | undefined {
  const exact = loaded.tasks.get(name);
  if (exact) return { t: exact, vars: {} };
  for (const [key, t] of loaded.tasks) {
    if (!key.includes('*')) continue;
    const re = new RegExp(`^${key.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('(.*)')}$`);
    const m = re.exec(name);
    if (m) return { t, vars: Object.fromEntries(m.slice(1).map((v, i) => [`MATCH.${i}`, v])) };
  }
  const aliased = [...new Set([...loaded.tasks.values()].filter((t) => t.aliases.includes(name)))];
  return aliased.length === 1 ? { t: aliased[0], vars: {} } : undefined;
}

function load(rc: RecognisedCommand, path: string, loaded: Loaded, depth: number, overrides: Record<string, string>, inc: Include, chain: Set<string>): string | undefined {
  if (depth > 8) return `Taskfiles include each other more than 8 deep`;
  if (chain.has(path)) return `${shownPath(rc, path)} includes itself`;
  const read = readProjectFile(rc, path);
  if (!read.ok) return read.why;
  const lines = new LineCounter();
  const doc = parseDocument(read.value.text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length) return `${read.value.shown} is not valid YAML (${doc.errors[0].message.split('\n')[0]})`;
  const root = doc.contents;
  if (!isMap(root)) return `${read.value.shown} is not a Taskfile`;
  const fileDir = dirname(path);
  const where = (node: Node | null | undefined) => `${read.value.shown}:${node?.range ? lines.linePos(node.range[0]).line : 1}`;
  // Precedence, lowest first: the including file's variables, the include's `vars`, this file's, the command line's.
  const vars: Record<string, string> = { ...loaded.vars, ...inc.vars, TASKFILE: path, TASKFILE_DIR: fileDir };
  readVars(root.get('vars', true) as Node | undefined, vars, loaded, where, asCwd(rc, inc.dir));
  Object.assign(vars, overrides);
  if (depth === 0) Object.assign(loaded.vars, vars);
  const includes = root.get('includes', true);
  if (isMap(includes)) {
    for (const pair of includes.items) {
      const ns = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = resolveAlias(doc, pair.value as Node);
      const get = (k: string) => (isMap(v) ? resolveAlias(doc, v.get(k, true) as Node | undefined) : undefined);
      const raw = isScalar(v) ? String(v.value ?? '') : isScalar(get('taskfile')) ? String((get('taskfile') as { value: unknown }).value ?? '') : '';
      const optional = isMap(v) && v.get('optional') === true;
      if (!raw) { loaded.problems.push(`${where(v)} includes ${ns} without a Taskfile Firebreak can read`); continue; }
      const target = template(raw, vars);
      if (REMOTE.test(target)) { loaded.problems.push(`${where(v)} includes ${target}, a remote Taskfile fetched when task runs, which Firebreak does not read`); continue; }
      if (target.includes('${') || target.startsWith('~')) { loaded.problems.push(`${where(v)} includes ${raw}, a path Firebreak cannot resolve`); continue; }
      let p = resolve(fileDir, target);
      if (!/\.ya?ml$/.test(p)) p = firstExisting(rc, p, NAMES) ?? join(p, 'Taskfile.yml');
      if (!insideWorkspace(rc, p)) { loaded.problems.push(`${where(v)} includes ${target}, which is outside the workspace (${p})`); continue; }
      const dirValue = get('dir');
      const dirText = isScalar(dirValue) ? template(String(dirValue.value ?? ''), vars) : '';
      if (dirText.includes('${')) { loaded.problems.push(`${where(v)}: the include ${ns} runs in ${dirText}, which Firebreak cannot resolve`); continue; }
      const listOf = (n: Node | undefined) => (isSeq(n) ? n.items.map((x) => (isScalar(x) ? String(x.value) : '')).filter(Boolean) : []);
      const flatten = isMap(v) && v.get('flatten') === true;
      const child: Include = {
        namespaces: inc.namespaces.flatMap((parent) => (flatten ? [parent] : [ns, ...listOf(get('aliases'))].map((n) => `${parent}${n}:`))),
        excludes: listOf(get('excludes')),
        internal: inc.internal || (isMap(v) && v.get('internal') === true),
        vars: isMap(get('vars')) ? scalarMap(get('vars'), vars) : {},
        dir: dirText ? resolve(fileDir, dirText) : inc.dir,
      };
      const why = load(rc, p, loaded, depth + 1, {}, child, new Set([...chain, path]));
      if (why && !(optional && /does not exist/.test(why))) loaded.problems.push(`${where(v)} includes ${target}: ${why}`);
    }
  }
  const tasks = root.get('tasks', true);
  if (isMap(tasks)) {
    for (const pair of tasks.items) {
      if (!isScalar(pair.key)) { loaded.unsure.push(`${where(pair.key as Node)} names a task with a key Firebreak cannot read`); continue; }
      const name = String(pair.key.value);
      if (name === '<<') { loaded.unsure.push(`${where(pair.key as Node)} merges tasks from a YAML anchor`); continue; }
      if (inc.excludes.some((x) => x === name || (x.endsWith(':*') && name.startsWith(x.slice(0, -1))))) continue;
      const node = resolveAlias(doc, pair.value as Node);
      const internal = inc.internal || (isMap(node) && node.get('internal') === true);
      const own = isMap(node) ? listAliases(node) : [];
      const [first, ...others] = inc.namespaces;
      const t: Task = {
        name: first + name, node, file: read.value.shown, dir: inc.dir, lines, at: (pair.key as Node)?.range?.[0] ?? 0, vars, internal, namespace: first,
        aliases: [...others.map((o) => o + name), ...inc.namespaces.flatMap((n) => own.map((a) => n + a))],
      };
      loaded.tasks.set(t.name, t);
    }
  }
  return undefined;
}

function resolveAlias(doc: Document, node: Node | null | undefined): Node | undefined {
  if (node && isAlias(node)) return node.resolve(doc) as Node | undefined;
  return node ?? undefined;
}

/** `vars:` entries: strings (templated), and `sh:` commands that run while the Taskfile is read. */
function readVars(node: Node | undefined, into: Record<string, string>, loaded: Loaded, where: (n: Node | null | undefined) => string, cwd: string): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value as Node;
    if (isScalar(v)) into[key] = template(String(v.value ?? ''), into);
    else if (isMap(v) && v.get('sh') !== undefined) {
      loaded.dynamic.push({ text: template(String(v.get('sh')), into), where: `${where(v)} (variable ${key}, evaluated when task reads the Taskfile)`, cwd });
      into[key] = '${TASK_COMMAND_OUTPUT}';
    } else if (isMap(v) && v.get('ref') !== undefined) {
      const ref = /^\.?([A-Za-z_][A-Za-z0-9_]*)$/.exec(String(v.get('ref')).trim());
      into[key] = ref && Object.hasOwn(into, ref[1]) ? into[ref[1]] : '${TASK_TEMPLATE}';
    }
  }
}

function listAliases(node: YAMLMap): string[] {
  const a = node.get('aliases');
  return isSeq(a) ? a.items.map((x) => (isScalar(x) ? String(x.value) : '')).filter(Boolean) : [];
}

function collect(rc: RecognisedCommand, loaded: Loaded, t: Task, callVars: Record<string, string>, steps: Step[], seen: Set<string>, depth: number): void {
  const key = `${t.name} ${JSON.stringify(callVars)}`;
  if (seen.has(key) || depth > 32 || seen.size > 200) return;
  seen.add(key);
  const node = t.node as Node;
  const vars: Record<string, string> = { ...t.vars, ...callVars, TASK: t.name };
  const line = (n: Node | null | undefined) => (n?.range ? t.lines.linePos(n.range[0]).line : t.lines.linePos(t.at).line);
  const where = (n: Node | null | undefined, what: string) => `${t.file}:${line(n)} (task ${t.name}${what})`;
  let cwd = asCwd(rc, t.dir);
  const env: Record<string, string> = {};
  // A task written as a string or a list is its commands.
  const cmds: Node[] = isScalar(node) ? [node] : isSeq(node) ? (node.items as Node[]) : [];
  if (isMap(node)) {
    readVars(node.get('vars', true) as Node | undefined, vars, loaded, (n) => `${t.file}:${line(n)}`, cwd);
    const envNode = node.get('env', true);
    if (isMap(envNode)) for (const p of envNode.items) if (isScalar(p.key) && isScalar(p.value)) env[String(p.key.value)] = template(String(p.value.value ?? ''), vars);
    const dir = node.get('dir');
    if (typeof dir === 'string') cwd = asCwd(rc, resolve(t.dir, template(dir, vars)));
    vars.TASK_DIR = resolve(rc.workspace ?? '.', cwd);
    const deps = node.get('deps', true);
    if (isSeq(deps)) {
      for (const d of deps.items as Node[]) {
        const name = isScalar(d) ? String(d.value) : isMap(d) ? String(d.get('task') ?? '') : '';
        callTask(rc, loaded, t, template(name, vars), isMap(d) ? scalarMap(d.get('vars', true) as Node | undefined, vars) : {}, steps, seen, depth, where(d, ` depends on ${name}`));
      }
    }
    for (const key of ['preconditions', 'status']) {
      const list = node.get(key, true);
      if (!isSeq(list)) continue;
      for (const item of list.items as Node[]) {
        const sh = isScalar(item) ? String(item.value) : isMap(item) ? String(item.get('sh') ?? '') : '';
        if (sh) steps.push({ text: template(sh, vars), where: where(item, ` ${key}`), cwd, env });
      }
    }
    const c = node.get('cmds', true) ?? node.get('cmd', true);
    if (isSeq(c)) cmds.push(...(c.items as Node[]));
    else if (c) cmds.push(c as Node);
  }
  const deferred: Step[] = [];
  for (const c of cmds) {
    if (isScalar(c)) { steps.push({ text: template(String(c.value ?? ''), vars), where: where(c, ''), cwd, env }); continue; }
    if (!isMap(c)) continue;
    if (c.get('task') !== undefined) {
      const name = template(String(c.get('task')), vars);
      callTask(rc, loaded, t, name, scalarMap(c.get('vars', true) as Node | undefined, vars), steps, seen, depth, where(c, ` calls ${name}`));
      continue;
    }
    const d = c.get('defer', true) as Node | undefined;
    if (d !== undefined) {
      if (isScalar(d)) deferred.push({ text: template(String(d.value ?? ''), vars), where: where(d, ' deferred'), cwd, env });
      else if (isMap(d) && d.get('task') !== undefined) callTask(rc, loaded, t, template(String(d.get('task')), vars), {}, deferred, seen, depth, where(d, ' deferred'));
      continue;
    }
    const cmd = c.get('cmd');
    if (typeof cmd === 'string') steps.push({ text: template(cmd, vars), where: where(c, c.get('for') !== undefined ? ' for each item' : ''), cwd, env });
  }
  steps.push(...deferred);
}

/** A call from a task: its own namespace first, then the root (`:name`), wildcard and alias names too. */
function callTask(rc: RecognisedCommand, loaded: Loaded, from: Task, name: string, vars: Record<string, string>, steps: Step[], seen: Set<string>, depth: number, where: string): void {
  const hit = name.startsWith(':') ? lookup(loaded, name.slice(1)) : lookup(loaded, from.namespace + name) ?? lookup(loaded, name);
  if (!hit) { steps.push({ text: `task ${quoteWord(name)}`, where }); return; }
  collect(rc, loaded, hit.t, { ...hit.vars, ...vars }, steps, seen, depth + 1);
}

function scalarMap(node: Node | undefined, vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(node)) for (const p of node.items) if (isScalar(p.key) && isScalar(p.value)) out[String(p.key.value)] = template(String(p.value.value ?? ''), vars);
  return out;
}

/** `{{.VAR}}` from vars, `{{OS}}`, `{{index .MATCH N}}`; other template actions become a value not known in advance. */
function template(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_m, expr: string) => {
    if (expr === 'OS' || expr === 'OS | lower' || expr === 'OS()') return GO_OS[process.platform] ?? process.platform;
    const match = /^index\s+\.MATCH\s+(\d+)$/.exec(expr);
    if (match && Object.hasOwn(vars, `MATCH.${match[1]}`)) return vars[`MATCH.${match[1]}`];
    const v = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (v && Object.hasOwn(vars, v[1])) return vars[v[1]];
    return `\${${(v?.[1] ?? 'TASK_TEMPLATE').replace(/[^A-Za-z0-9_]/g, '_')}}`;
  });
}
