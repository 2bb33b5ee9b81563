// `rake TASK` and `rails TASK|COMMAND`. Rails' own database tasks are facts (db:drop, db:reset,
// db:schema:load... destroy data; db:migrate is routine). Tasks the project defines (Rakefile,
// rakelib/*.rake, lib/tasks/*.rake) are Ruby: their shell-outs (`sh`, `system`, backticks,
// `%x()`), FileUtils calls (`rm_rf`) and task invocations are followed here; any other Ruby is
// handed to the Ruby reader when there is one (src/intake/code), and is unknown otherwise.
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { RAILS_COMMANDS, RAILS_DESTRUCTIVE, RAILS_ROUTINE } from '../../../knowledge/framework-tasks.js';
import { CODE_LOADERS } from '../../code/loaders.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, type Step } from './follow.js';
import { ormDeletes } from './orm.js';
import { asCwd, firstExisting, readProjectFile, runDirectory } from './project.js';

interface RakeTask {
  name: string;
  deps: string[];
  body: { text: string; line: number }[];
  file: string;
  line: number;
}

const RAKE_VALUED = new Set(['-f', '--rakefile', '-C', '--directory', '-I', '--libdir', '-R', '--rakelibdir', '-r', '--require', '-e', '--execute', '-E', '--execute-continue', '-p', '--execute-print', '-T', '--tasks', '-D', '--describe', '-W', '--where', '-j', '--jobs']);
const RAKE_READ_ONLY = new Set(['-T', '--tasks', '-D', '--describe', '-W', '--where', '-P', '--prereqs', '-V', '--version', '-h', '--help', '-H', '-n', '--dry-run', '-A', '--all']);

export const rake: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const tasks: string[] = [];
  const env: Record<string, string> = {};
  let file: string | undefined;
  let dirOption: string | undefined;
  const code: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      const takes = RAKE_VALUED.has(a) && !['-T', '--tasks', '-D', '--describe', '-W', '--where'].includes(a);
      const value = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : takes ? args[++i] : undefined;
      if (RAKE_READ_ONLY.has(name)) return [];
      if (name === '-f' || name === '--rakefile') file = value;
      if (name === '-C' || name === '--directory') dirOption = value;
      if (['-e', '--execute', '-E', '--execute-continue', '-p', '--execute-print'].includes(name) && value !== undefined) code.push(value);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) { env[a.slice(0, eq)] = a.slice(eq + 1); continue; }
    tasks.push(a);
  }
  const out: PlannedAction[] = [];
  for (const c of code) out.push(...(await rubyCode(rc, c, 'rake -e', [])));
  if (code.length && !tasks.length) return out;
  return [...out, ...(await runTasks(rc, 'rake', tasks.length ? tasks : ['default'], { ...rc.env, ...env }, file, dirOption))];
};

export const rails: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const env: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--environment') { env.RAILS_ENV = args[++i] ?? ''; continue; }
    if (a.startsWith('--environment=')) { env.RAILS_ENV = a.slice(14); continue; }
    if (/^-e./.test(a)) { env.RAILS_ENV = a.slice(2); continue; }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[A-Z_][A-Z0-9_]*$/.test(a.slice(0, eq))) { env[a.slice(0, eq)] = a.slice(eq + 1); continue; }
    rest.push(a);
  }
  const command = rest[0];
  if (!command) return [];
  const kind = Object.hasOwn(RAILS_COMMANDS, command) ? RAILS_COMMANDS[command] : undefined;
  if (kind === 'routine') return [];
  if (kind === 'interactive') return [cannotFollow(rc, `rails ${command} opens an interactive Ruby console on the application and its database: what runs is not visible`, command)];
  if (kind === 'code') {
    const source = rest[1];
    if (!source) return [cannotFollow(rc, 'rails runner without code')];
    return rubyCode(rc, source, 'rails runner', [commandEvidence('runs Ruby code in the application, with its database connection')]);
  }
  if (kind === 'database-shell') {
    if (rc.stdin.kind === 'text') return rc.nested(`${databaseClient(rc)} ${databaseName(rc, env)}`.trim(), { stdin: rc.stdin, evidence: [commandEvidence(`SQL fed to rails ${command}`)] });
    return [cannotFollow(rc, `rails ${command} opens an interactive database shell: what runs is not visible`, command)];
  }
  const tasks = rest.filter((a) => !a.startsWith('-'));
  return runTasks(rc, 'rails', tasks, { ...rc.env, ...env }, undefined, undefined);
};

async function runTasks(rc: RecognisedCommand, tool: 'rake' | 'rails', names: readonly string[], env: Record<string, string | undefined>, file: string | undefined, dirOption: string | undefined): Promise<PlannedAction[]> {
  const dir = runDirectory(rc, dirOption);
  const out: PlannedAction[] = [];
  const defined = dir.ok ? readRakefiles(rc, dir.value, file) : { tasks: new Map<string, RakeTask[]>(), problems: [] as string[], found: false };
  const environment = env.RAILS_ENV ?? env.RACK_ENV ?? 'development';
  for (const p of defined.problems) out.push(cannotFollow(rc, `${tool}: ${p}`));
  const steps: Step[] = [];
  const seen = new Set<string>();
  const visit = async (raw: string, depth: number, from?: string): Promise<void> => {
    const name = raw.replace(/\[.*\]$/, '');
    if (seen.has(name) || depth > 32) return;
    seen.add(name);
    const own = defined.tasks.get(name);
    if (own?.length) {
      for (const t of own) for (const d of t.deps) await visit(d, depth + 1, name);
      for (const t of own) out.push(...(await taskBody(rc, tool, t, env, (n) => visit(n, depth + 1, name))));
    }
    if (Object.hasOwn(RAILS_DESTRUCTIVE, name)) {
      out.push(databaseAction(rc, tool, name, RAILS_DESTRUCTIVE[name], environment, env));
      return;
    }
    if (own?.length || RAILS_ROUTINE.has(name)) return;
    // Without a Rakefile (or a Rails app), rake and rails stop with an error before running anything.
    if (!defined.found && dir.ok) return;
    if (name === 'default' && !own) {
      out.push(cannotFollow(rc, `${tool}: the Rakefile has no default task, so what runs is not known`, 'default'));
      return;
    }
    out.push(cannotFollow(rc, `${tool} ${name}: ${from ? `(needed by ${from}) ` : ''}not a task Firebreak knows${defined.found ? ' or finds in the project' : ''}, so what it does is not known`, name));
  };
  for (const n of names) await visit(n, 0);
  out.push(...(await runSteps(rc, steps)));
  return out;
}

function databaseAction(rc: RecognisedCommand, tool: string, task: string, why: string, environment: string, env: Record<string, string | undefined>): PlannedAction {
  const name = databaseName(rc, env) || `${environment} database`;
  const evidence = [commandEvidence(`${tool} ${task} ${why}`, task), commandEvidence(`Rails environment ${environment}${env.RAILS_ENV ? '' : ' (the default: RAILS_ENV is not set on the command)'}`, 'RAILS_ENV', environment)];
  if (env.DISABLE_DATABASE_ENVIRONMENT_CHECK) evidence.push(commandEvidence('DISABLE_DATABASE_ENVIRONMENT_CHECK turns off Rails\' own refusal to drop a production database', 'DISABLE_DATABASE_ENVIRONMENT_CHECK'));
  return makeAction(rc, {
    operation: 'delete', verb: task, tool,
    target: { type: 'sql:database', id: name },
    scope: 'environment',
    hints: rc.hints.endpoint ? {} : { endpoint: `rails:${environment}` },
    evidence,
    intrinsic: { reversibility: 'irreversible', evidence: [commandEvidence('dropped or emptied tables cannot be restored without a backup')] },
  });
}

function databaseName(rc: RecognisedCommand, env: Record<string, string | undefined>): string {
  const dir = runDirectory(rc);
  if (!dir.ok) return '';
  const read = readProjectFile(rc, join(dir.value, 'config', 'database.yml'));
  if (!read.ok) return '';
  const environment = env.RAILS_ENV ?? 'development';
  const section = new RegExp(`^${environment}:\\s*$([\\s\\S]*?)(?=^\\S|$(?![\\s\\S]))`, 'm').exec(read.value.text);
  const db = section ? /^\s+database:\s*["']?([^"'\s#]+)/m.exec(section[1]) : null;
  return db && !db[1].includes('<%') ? db[1] : '';
}

function databaseClient(rc: RecognisedCommand): string {
  const dir = runDirectory(rc);
  const read = dir.ok ? readProjectFile(rc, join(dir.value, 'config', 'database.yml')) : undefined;
  const adapter = read?.ok ? /adapter:\s*["']?(\w+)/.exec(read.value.text)?.[1] ?? '' : '';
  if (/mysql|trilogy/.test(adapter)) return 'mysql';
  if (/sqlite/.test(adapter)) return 'sqlite3';
  return 'psql';
}

/** Rakefile, rakelib/*.rake and (in a Rails app) lib/tasks/**\/*.rake. */
function readRakefiles(rc: RecognisedCommand, dir: string, file: string | undefined): { tasks: Map<string, RakeTask[]>; problems: string[]; found: boolean } {
  const tasks = new Map<string, RakeTask[]>();
  const problems: string[] = [];
  const main = file ? join(dir, file) : findUpward(rc, dir);
  if (!main) return { tasks, problems, found: false };
  const root = dirname(main);
  const files = [main, ...rakeFilesIn(join(root, 'rakelib')), ...rakeFilesIn(join(root, 'lib', 'tasks'))];
  for (const f of files) {
    const read = readProjectFile(rc, f);
    if (!read.ok) { if (f === main) problems.push(read.why); continue; }
    for (const t of parseRakefile(read.value.text, read.value.shown)) tasks.set(t.name, [...(tasks.get(t.name) ?? []), t]);
  }
  return { tasks, problems, found: true };
}

function findUpward(rc: RecognisedCommand, dir: string): string | undefined {
  let at = dir;
  for (let i = 0; i < 32; i++) {
    const found = firstExisting(rc, at, ['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb']);
    if (found) return found;
    const rel = rc.workspace ? relative(rc.workspace, at) : '';
    if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined;
    at = dirname(at);
  }
  return undefined;
}

function rakeFilesIn(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? rakeFilesIn(join(dir, e.name), depth + 1) : e.name.endsWith('.rake') ? [join(dir, e.name)] : [])).sort();
}

const OPENS = /^\s*(if|unless|while|until|case|begin|def|class|module|for)\b|\bdo\s*(\|[^|]*\|)?\s*(#.*)?$/;

/** Tasks with their namespaces, dependencies and bodies, by `do ... end` nesting. */
export function parseRakefile(text: string, file: string): RakeTask[] {
  const lines = text.split(/\r?\n/);
  const out: RakeTask[] = [];
  const stack: { kind: 'namespace' | 'task' | 'block'; name?: string; task?: RakeTask }[] = [];
  const namespace = () => stack.filter((s) => s.kind === 'namespace').map((s) => s.name).join(':');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    const inTask = stack.find((s) => s.kind === 'task')?.task;
    const ns = /^namespace\s*\(?\s*[:'"]?([\w:-]+)['"]?\s*\)?\s*do\b/.exec(trimmed);
    const task = /^(?:task|multitask)\s*\(?\s*(?::(\w+)|['"]([\w:-]+)['"]|(\w+):)\s*(?:,\s*\[[^\]]*\])?\s*(?:(?:=>|,)?\s*(\[[^\]]*\]|:\w+|['"][\w:-]+['"]))?/.exec(trimmed);
    if (!inTask && ns) { stack.push({ kind: 'namespace', name: ns[1] }); continue; }
    if (!inTask && task) {
      const name = [namespace(), task[1] ?? task[2] ?? task[3]].filter(Boolean).join(':');
      const depsText = task[4] ?? (/=>\s*(\[[^\]]*\]|:\w+|['"][\w:-]+['"])/.exec(trimmed)?.[1] ?? '');
      const deps = [...depsText.matchAll(/:(\w+)|['"]([\w:-]+)['"]/g)].map((m) => m[1] ?? m[2]);
      const t: RakeTask = { name, deps, body: [], file, line: i + 1 };
      out.push(t);
      if (/\bdo\b|\{/.test(trimmed) && !/\bend\s*$|\}\s*$/.test(trimmed)) stack.push({ kind: 'task', task: t });
      else { const inline = /\{(.*)\}\s*$/.exec(trimmed); if (inline) t.body.push({ text: inline[1].replace(/^\s*\|[^|]*\|/, ''), line: i + 1 }); }
      continue;
    }
    if (/^end\b/.test(trimmed)) { stack.pop(); continue; }
    if (inTask) inTask.body.push({ text: line, line: i + 1 });
    if (OPENS.test(trimmed) && !/\bend\s*$/.test(trimmed) && !/^\s*(if|unless|while|until)\b.*\bthen\b.*\bend\b/.test(trimmed)) stack.push({ kind: 'block' });
  }
  return out;
}

/** Ruby that only prints, requires, describes or shells out: the parts this module follows. */
const RUBY_SHELL = /^(?:sh|system|exec|Kernel\.system|Kernel\.exec|ruby)\s*\(?\s*(%[qQ]?\{[^}]*\}|%[qQ]?\([^)]*\)|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')((?:\s*,\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))*)\s*\)?\s*(?:#.*)?$/;
const RUBY_BACKTICK = /`([^`]*)`|%x\{([^}]*)\}|%x\(([^)]*)\)/g;
const RUBY_FILEUTILS = /^(?:FileUtils\.)?(rm_rf|rm_r|rm_f|rm|remove_dir|remove_entry|remove_entry_secure|rmtree|safe_unlink)\s*\(?\s*(.+?)\s*\)?\s*$/;
const RUBY_INVOKE = /Rake::Task\[\s*(?::(\w+)|['"]([\w:-]+)['"])\s*\]\.(invoke|execute|invoke_with_call_chain)/g;
const RUBY_HARMLESS = /^(?:#.*|puts\b.*|print\b.*|p\s.*|pp\s.*|warn\b.*|\$std(?:out|err)\.puts\b.*|require(?:_relative)?\b.*|desc\b.*|end|do|\}|\{|else|ensure|begin|mkdir_p\b.*|FileUtils\.mkdir_p\b.*|cd\b.*|Dir\.chdir\b.*|verbose\b.*|t\.\w+.*|args\.\w+.*|STDOUT\.\w+.*|\$stdout\.\w+.*)$/;

async function taskBody(rc: RecognisedCommand, tool: string, task: RakeTask, env: Record<string, string | undefined>, invoke: (name: string) => Promise<void>): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  const steps: Step[] = [];
  const other: { text: string; line: number }[] = [];
  const where = (line: number) => `${task.file}:${line} (task ${task.name})`;
  for (const { text, line } of task.body) {
    const t = text.trim();
    if (!t) continue;
    for (const m of t.matchAll(RUBY_INVOKE)) await invoke(m[1] ?? m[2]);
    const shell = RUBY_SHELL.exec(t);
    if (shell) {
      const args = [...(shell[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? m[2]);
      const first = rubyString(shell[1]);
      const cmd = /^ruby\b/.test(t) ? `ruby ${quoteWord(first)}` : args.length ? [first, ...args].map(quoteWord).join(' ') : first;
      steps.push({ text: cmd, where: where(line) });
      continue;
    }
    const backticks = [...t.matchAll(RUBY_BACKTICK)];
    for (const m of backticks) steps.push({ text: rubyInterpolation(m[1] ?? m[2] ?? m[3]), where: where(line) });
    const fu = RUBY_FILEUTILS.exec(t);
    if (fu) {
      const paths = [...fu[2].matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => rubyInterpolation(m[1] ?? m[2]));
      steps.push({ text: `rm ${/r/.test(fu[1].replace('rm_', '')) || fu[1].includes('dir') || fu[1] === 'rmtree' || fu[1].includes('entry') ? '-rf' : '-f'} ${paths.length ? paths.map(quoteWord).join(' ') : '"$RUBY_VALUE"'}`, where: where(line) });
      continue;
    }
    if (backticks.length || RUBY_HARMLESS.test(t) || /^Rake::Task\[/.test(t)) continue;
    other.push({ text, line });
  }
  out.push(...(await runSteps(rc, steps, { evidence: env.RAILS_ENV ? [commandEvidence(`RAILS_ENV=${env.RAILS_ENV}`)] : [] })));
  if (other.length) {
    const body = other.map((o) => o.text).join('\n');
    out.push(...(await rubyCode(rc, body, `${tool} ${task.name}`, [commandEvidence(`Ruby code at ${where(other[0].line)}`, 'recipe', where(other[0].line))])));
  }
  return out;
}

/** Ruby code: read by the Ruby reader when Firebreak has one, else unknown. */
async function rubyCode(rc: RecognisedCommand, code: string, how: string, evidence: ReturnType<typeof commandEvidence>[]): Promise<PlannedAction[]> {
  const orm = ormDeletes(rc, 'ruby', code, how, { tool: toolName(rc.argv[0]), database: `${rc.env.RAILS_ENV ?? 'development'} database`, hints: rc.hints.endpoint ? {} : { endpoint: `rails:${rc.env.RAILS_ENV ?? 'development'}` } });
  if (Object.hasOwn(CODE_LOADERS, 'ruby')) return [...orm, ...(await rc.nested(`ruby -e ${quoteWord(code)}`, { evidence }))];
  const first = code.trim().split('\n')[0].slice(0, 100);
  return [cannotFollow(rc, `${how} runs Ruby code Firebreak cannot read yet (${first})`, toolName(rc.argv[0]))];
}

function rubyString(literal: string): string {
  const q = /^%[qQ]?[{(](.*)[})]$/s.exec(literal);
  if (q) return rubyInterpolation(q[1]);
  if (literal.startsWith("'")) return literal.slice(1, -1).replace(/\\'/g, "'");
  return rubyInterpolation(literal.slice(1, -1).replace(/\\"/g, '"'));
}

/** `#{expr}` is a value only known when the task runs. */
function rubyInterpolation(text: string): string {
  return text.replace(/#\{[^}]*\}/g, '${RUBY_VALUE}');
}
