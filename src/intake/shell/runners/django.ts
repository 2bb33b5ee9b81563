// `python manage.py COMMAND` and `django-admin COMMAND` (unwrap.ts turns `python manage.py` into
// `manage.py`). Django's own commands are facts: flush empties every table, `migrate APP zero`
// (or to an earlier migration) unapplies migrations and drops what they created, dbshell is a
// database shell; `migrate` forward, `test`, `runserver` are routine. A project's own command
// (APP/management/commands/NAME.py) is Python: handed to the Python reader when there is one.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DJANGO_DESTRUCTIVE, DJANGO_ROUTINE } from '../../../knowledge/framework-tasks.js';
import { CODE_LOADERS } from '../../code/loaders.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow } from './follow.js';
import { ormDeletes } from './orm.js';
import { asCwd, readProjectFile, runDirectory } from './project.js';

const VALUED = new Set(['--settings', '--pythonpath', '--database', '-v', '--verbosity', '-c', '--command', '-i', '--interface']);

export const manage: Recogniser = async (rc) => {
  const script = rc.argv[0];
  const args = rc.argv.slice(1);
  const options = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(0, eq), a.slice(eq + 1));
      else options.set(a, VALUED.has(a) ? args[++i] ?? '' : '');
      continue;
    }
    positionals.push(a);
  }
  const [command, ...rest] = positionals;
  if (!command || command === 'help' || options.has('--help') || options.has('-h') || options.has('--version')) return [];
  const dir = runDirectory(rc);
  const projectDir = dir.ok ? (script.includes('/') ? join(dir.value, dirname(script)) : dir.value) : undefined;
  const settings = options.get('--settings') ?? rc.env.DJANGO_SETTINGS_MODULE ?? (projectDir ? defaultSettings(rc, join(projectDir, 'manage.py')) : undefined) ?? '(default settings)';
  const database = options.get('--database') ?? 'default';
  const hints = rc.hints.endpoint ? {} : { endpoint: `django:${settings}/${database}` };
  const where = commandEvidence(`Django settings ${settings}, database ${database}`, '--settings', settings);
  const destroy = (verb: string, why: string) => makeAction(rc, {
    operation: 'delete', verb, tool: 'django',
    target: { type: 'sql:database', id: `${database} (${settings})` },
    scope: 'environment', hints,
    evidence: [commandEvidence(`manage.py ${verb}: ${why}`, verb), where],
    intrinsic: { reversibility: 'irreversible', evidence: [commandEvidence('deleted rows and dropped tables cannot be restored without a backup')] },
  });

  if (Object.hasOwn(DJANGO_DESTRUCTIVE, command)) return [destroy(command, DJANGO_DESTRUCTIVE[command])];
  if (command === 'migrate') {
    const [app, target] = rest;
    if (!app || !target) return []; // forward to the latest migrations
    if (target === 'zero') return [destroy(`migrate ${app} zero`, `unapplies every migration of ${app}: its tables are dropped`)];
    const latest = projectDir ? latestMigration(projectDir, app) : undefined;
    const number = /^(\d{4})/.exec(target)?.[1];
    if (latest !== undefined && number !== undefined && Number(number) < latest) {
      return [destroy(`migrate ${app} ${target}`, `migrates ${app} back to ${target}: later migrations are unapplied and what they created is dropped`)];
    }
    if (latest !== undefined && number !== undefined) return [];
    return [cannotFollow(rc, `manage.py migrate ${app} ${target}: cannot tell whether this migrates forward or back (the migrations of ${app} are not found)`, 'migrate')];
  }
  if (command === 'dbshell') {
    if (rc.stdin.kind === 'text') return rc.nested('psql', { stdin: rc.stdin, hints, evidence: [where, commandEvidence('SQL fed to manage.py dbshell')] });
    return [cannotFollow(rc, 'manage.py dbshell opens an interactive database shell: what runs is not visible', 'dbshell')];
  }
  if (command === 'shell' || command === 'shell_plus') {
    const code = options.get('-c') ?? options.get('--command') ?? (rc.stdin.kind === 'text' ? rc.stdin.text : undefined);
    return [cannotFollow(rc, `manage.py ${command}${code ? ` runs Python code with the application's models and database (${code.slice(0, 80)})` : ' opens an interactive Python shell on the application and its database'}: what it does is not visible`, command)];
  }
  if (command === 'loaddata') return [cannotFollow(rc, `manage.py loaddata ${rest.join(' ')}: writes fixture rows into the database (existing rows with the same keys are replaced)`, 'loaddata')];
  if (DJANGO_ROUTINE.has(command)) return [];
  // A command the project defines: its code is Python.
  const file = projectDir ? customCommand(projectDir, command) : undefined;
  if (file) {
    const shown = dir.ok && projectDir ? asCwd(rc, file) : file;
    const source = readProjectFile(rc, file);
    const orm = source.ok ? ormDeletes(rc, 'python', source.value.text, shown, { tool: 'django', database: `${database} (${settings})`, hints }) : [];
    if (Object.hasOwn(CODE_LOADERS, 'python3') || Object.hasOwn(CODE_LOADERS, 'python')) {
      return [...orm, ...(await rc.nested(`python3 ${quoteWord(shown)} ${rest.map(quoteWord).join(' ')}`.trim(), { hints, evidence: [where, commandEvidence(`manage.py ${command} runs ${shown}`, 'command', shown)] }))];
    }
    return [cannotFollow(rc, `manage.py ${command} runs the project's Python code in ${shown}, which Firebreak cannot read yet`, command)];
  }
  return [cannotFollow(rc, `manage.py ${command} is not a Django command Firebreak knows or finds in the project, so what it does is not known`, command)];
};

function defaultSettings(rc: RecognisedCommand, managePy: string): string | undefined {
  const read = readProjectFile(rc, managePy);
  if (!read.ok) return undefined;
  return /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([\w.]+)['"]/.exec(read.value.text)?.[1];
}

/** The highest migration number of an app (APP/migrations/NNNN_*.py), searched two levels deep. */
function latestMigration(projectDir: string, app: string): number | undefined {
  for (const base of appDirs(projectDir, app)) {
    try {
      const numbers = readdirSync(join(base, 'migrations')).map((f) => /^(\d{4})_.*\.py$/.exec(f)?.[1]).filter((n): n is string => !!n).map(Number);
      if (numbers.length) return Math.max(...numbers);
    } catch {
      // not this one
    }
  }
  return undefined;
}

function customCommand(projectDir: string, command: string): string | undefined {
  for (const app of listDirs(projectDir, 2)) {
    const file = join(app, 'management', 'commands', `${command}.py`);
    try {
      readdirSync(dirname(file));
      if (readdirSync(dirname(file)).includes(`${command}.py`)) return file;
    } catch {
      // no commands here
    }
  }
  return undefined;
}

function appDirs(projectDir: string, app: string): string[] {
  return listDirs(projectDir, 2).filter((d) => d.endsWith(`/${app}`));
}

function listDirs(dir: string, depth: number): string[] {
  if (depth < 0) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules' || e.name === '__pycache__' || e.name === 'venv' || e.name === '.venv') continue;
    const p = join(dir, e.name);
    out.push(p, ...listDirs(p, depth - 1));
  }
  return out;
}
