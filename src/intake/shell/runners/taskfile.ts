// `task [tasks] [VAR=value] [-- args]` (go-task): reads Taskfile.yml (and its includes) with the
// yaml package and walks each task's commands, its deps first, `task:` calls, deferred commands,
// preconditions and status checks (all of them run), and dynamic variables (`sh:`), which run
// while the Taskfile is read. Go templates (`{{.VAR}}`) are filled from vars where known.
import { dirname, isAbsolute, join, relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { PlannedAction } from '../../types.js';
import type { Recogniser, RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, type Step } from './follow.js';
import { asCwd, firstExisting, readProjectFile, runDirectory } from './project.js';

const NAMES = ['Taskfile.yml', 'taskfile.yml', 'Taskfile.yaml', 'taskfile.yaml', 'Taskfile.dist.yml', 'taskfile.dist.yml', 'Taskfile.dist.yaml', 'taskfile.dist.yaml'];
const VALUED = new Set(['-t', '--taskfile', '-d', '--dir', '-o', '--output', '--output-group-begin', '--output-group-end', '-C', '--concurrency', '--interval', '--sort']);
const READ_ONLY = new Set(['-l', '--list', '-a', '--list-all', '--summary', '-i', '--init', '--version', '-h', '--help', '--completion', '-j', '--json']);

interface Task {
  name: string;
  node: unknown;
  file: string;
  dir: string;
  lines: LineCounter;
  /** Position of the task in the file. */
  at: number;
  vars: Record<string, string>;
}

interface Loaded {
  tasks: Map<string, Task>;
  vars: Record<string, string>;
  dynamic: Step[];
  problems: string[];
}

export const task: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  let file: string | undefined;
  let dirOption: string | undefined;
  let dry = false;
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
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) { vars[a.slice(0, eq)] = a.slice(eq + 1); continue; }
    names.push(a);
  }
  const dir = runDirectory(rc, dirOption);
  if (!dir.ok) return [cannotFollow(rc, `task: cannot read the Taskfile: ${dir.why}`)];
  const path = file ? join(dir.value, file) : findUpward(rc, dir.value);
  // No Taskfile: task stops with an error before it runs anything.
  if (!path) return [];
  const loaded: Loaded = { tasks: new Map(), vars: { CLI_ARGS: cliArgs, ...vars }, dynamic: [], problems: [] };
  const error = load(rc, path, '', loaded, 0, vars);
  if (error) return [cannotFollow(rc, `task: ${error}`, names[0])];
  const out: PlannedAction[] = [];
  out.push(...(await runSteps(rc, loaded.dynamic)));
  for (const p of loaded.problems) out.push(cannotFollow(rc, `task: ${p}`));
  const goals = names.length ? names : ['default'];
  const steps: Step[] = [];
  const seen = new Set<string>();
  for (const g of goals) {
    const t = loaded.tasks.get(g) ?? [...loaded.tasks.values()].find((x) => aliasesOf(x.node).includes(g));
    if (!t) { out.push(cannotFollow(rc, `task: the Taskfile has no task ${g}, so what runs is not known`, g)); continue; }
    collect(rc, loaded, t, {}, steps, seen, 0);
  }
  if (!dry) out.push(...(await runSteps(rc, steps)));
  return out;
};

function findUpward(rc: RecognisedCommand, dir: string): string | undefined {
  let at = dir;
  for (let i = 0; i < 32; i++) {
    const found = firstExisting(rc, at, NAMES);
    if (found) return found;
    const rel = rc.workspace ? relative(rc.workspace, at) : '';
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    at = dirname(at);
  }
  return undefined;
}

function load(rc: RecognisedCommand, path: string, namespace: string, loaded: Loaded, depth: number, overrides: Record<string, string>): string | undefined {
  if (depth > 8) return `Taskfiles include each other more than 8 deep`;
  const read = readProjectFile(rc, path);
  if (!read.ok) return read.why;
  const lines = new LineCounter();
  const doc = parseDocument(read.value.text, { lineCounter: lines });
  if (doc.errors.length) return `${read.value.shown} is not valid YAML (${doc.errors[0].message.split('\n')[0]})`;
  const root = doc.contents;
  if (!isMap(root)) return `${read.value.shown} is not a Taskfile`;
  const dir = dirname(path);
  const where = (node: Node | null | undefined) => `${read.value.shown}:${node?.range ? lines.linePos(node.range[0]).line : 1}`;
  const vars: Record<string, string> = { ...loaded.vars };
  readVars(root.get('vars', true) as Node | undefined, vars, loaded, where, asCwd(rc, dir));
  Object.assign(vars, overrides);
  if (!namespace) Object.assign(loaded.vars, vars);
  const includes = root.get('includes', true);
  if (isMap(includes)) {
    for (const pair of includes.items) {
      const ns = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node;
      const target = isScalar(v) ? String(v.value) : isMap(v) ? String((v.get('taskfile') as string | undefined) ?? '') : '';
      const optional = isMap(v) && v.get('optional') === true;
      if (!target) continue;
      let p = join(dir, target);
      if (!/\.ya?ml$/.test(p)) p = firstExisting(rc, p, NAMES) ?? join(p, 'Taskfile.yml');
      const why = load(rc, p, `${namespace}${ns}:`, loaded, depth + 1, {});
      if (why && !optional) loaded.problems.push(`${where(v)} includes ${target}: ${why}`);
    }
  }
  const tasks = root.get('tasks', true);
  if (isMap(tasks)) {
    for (const pair of tasks.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const node = pair.value as Node;
      loaded.tasks.set(namespace + name, { name: namespace + name, node, file: read.value.shown, dir, lines, at: (pair.key as Node)?.range?.[0] ?? 0, vars });
    }
  }
  return undefined;
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
    }
  }
}

function aliasesOf(node: unknown): string[] {
  if (!isMap(node)) return [];
  const a = node.get('aliases');
  return isSeq(a) ? a.items.map((x) => (isScalar(x) ? String(x.value) : '')) : [];
}

function collect(rc: RecognisedCommand, loaded: Loaded, t: Task, callVars: Record<string, string>, steps: Step[], seen: Set<string>, depth: number): void {
  const key = `${t.name} ${JSON.stringify(callVars)}`;
  if (seen.has(key) || depth > 32 || seen.size > 200) return;
  seen.add(key);
  const node = t.node as Node;
  const vars = { ...t.vars, ...callVars, TASK: t.name };
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
    if (typeof dir === 'string') cwd = asCwd(rc, join(t.dir, template(dir, vars)));
    const deps = node.get('deps', true);
    if (isSeq(deps)) {
      for (const d of deps.items as Node[]) {
        const name = isScalar(d) ? String(d.value) : isMap(d) ? String(d.get('task') ?? '') : '';
        callTask(rc, loaded, t, name, isMap(d) ? scalarMap(d.get('vars', true) as Node | undefined, vars) : {}, steps, seen, depth, where(d, ` depends on ${name}`));
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
      callTask(rc, loaded, t, String(c.get('task')), scalarMap(c.get('vars', true) as Node | undefined, vars), steps, seen, depth, where(c, ` calls ${String(c.get('task'))}`));
      continue;
    }
    const d = c.get('defer', true) as Node | undefined;
    if (d !== undefined) {
      if (isScalar(d)) deferred.push({ text: template(String(d.value ?? ''), vars), where: where(d, ' deferred'), cwd, env });
      else if (isMap(d) && d.get('task') !== undefined) callTask(rc, loaded, t, String(d.get('task')), {}, deferred, seen, depth, where(d, ' deferred'));
      continue;
    }
    const cmd = c.get('cmd');
    if (typeof cmd === 'string') steps.push({ text: template(cmd, vars), where: where(c, c.get('for') !== undefined ? ' for each item' : ''), cwd, env });
  }
  steps.push(...deferred);
}

function callTask(rc: RecognisedCommand, loaded: Loaded, from: Task, name: string, vars: Record<string, string>, steps: Step[], seen: Set<string>, depth: number, where: string): void {
  const ns = from.name.includes(':') ? from.name.slice(0, from.name.lastIndexOf(':') + 1) : '';
  const t = loaded.tasks.get(ns + name) ?? loaded.tasks.get(name.replace(/^:/, ''));
  if (!t) { steps.push({ text: `task ${quoteWord(name)}`, where }); return; }
  collect(rc, loaded, t, vars, steps, seen, depth + 1);
}

function scalarMap(node: Node | undefined, vars: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(node)) for (const p of node.items) if (isScalar(p.key) && isScalar(p.value)) out[String(p.key.value)] = template(String(p.value.value ?? ''), vars);
  return out;
}

/** `{{.VAR}}` from vars; other template actions become a value not known in advance. */
function template(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    const v = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (v && Object.hasOwn(vars, v[1])) return vars[v[1]];
    return `\${${(v?.[1] ?? 'TASK_TEMPLATE').replace(/[^A-Za-z0-9_]/g, '_')}}`;
  });
}
