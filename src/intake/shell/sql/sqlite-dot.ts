// sqlite3 shell dot-commands: what each one does. `.tables`, `.schema`, `.dump` only show;
// `.shell` runs a command; `.output`, `.save`, `.backup` write files; `.restore` and
// `.open --new` replace a database; `.import` loads rows; `.read` runs a file; `.load` loads
// native code. Anything not listed is unknown.
import { effect, none, read, unknown, type StatementEffect } from './effect.js';
import { leavesWorkspace } from './psql-meta.js';

const SHOWS = new Set(['tables', 'schema', 'indexes', 'indices', 'dump', 'headers', 'header', 'mode', 'help', 'databases', 'show', 'dbinfo',
  'fullschema', 'lint', 'stats', 'timer', 'width', 'nullvalue', 'separator', 'print', 'echo', 'explain', 'eqp', 'quit', 'exit',
  'bail', 'changes', 'prompt', 'timeout', 'vfsinfo', 'vfslist', 'vfsname', 'version', 'sha3sum', 'scanstats', 'limit',
  'parameter', 'binary', 'crnl', 'connection', 'conn', 'expert', 'excel', 'recover', 'cd', 'nonce', 'progress', 'unmodule']);
const WRITES_FILE = new Set(['output', 'once', 'save', 'backup', 'clone', 'log', 'trace', 'iotrace']);

/** Splits dot-command arguments the way the shell does: whitespace, '...' and "..." quoting. */
export function dotArgs(args: string): string[] {
  const out: string[] = [];
  for (const m of args.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

export function dotEffects(name: string, rawArgs: string): StatementEffect[] {
  const cmd = `.${name}`;
  const args = dotArgs(rawArgs);
  const operands = args.filter((a) => !a.startsWith('-'));
  if (name === 'shell' || name === 'system') return [{ ...unknown(cmd, `${cmd} runs a shell command`), shell: rawArgs }];
  if (name === 'load') return [unknown(cmd, `${cmd} loads native code (${operands[0] ?? 'an extension'}) into sqlite3`)];
  if (name === 'read') {
    const file = operands[0] ?? '';
    if (rawArgs.trim().startsWith('|') || file.startsWith('|')) {
      const shell = rawArgs.trim().replace(/^['"]?\|/, '').replace(/['"]$/, '');
      return [{ ...unknown(cmd, `${cmd} runs \`${shell}\` and executes its output as SQL`), shell }];
    }
    return file ? [{ ...unknown(cmd, `runs the SQL in ${file}`), include: { path: file } }] : [unknown(cmd, `${cmd} without a file`)];
  }
  if (name === 'import') {
    const [file = '', table = '(table)'] = operands;
    const out: StatementEffect[] = [effect('create', cmd, 'sql:table', [table], 'resource', undefined, [`loads the rows of ${file || 'a file'} into ${table}`])];
    if (file.startsWith('|')) out.push({ ...unknown(cmd, `reads rows from the shell command ${file.slice(1)}`), shell: file.slice(1) });
    return out;
  }
  if (name === 'restore') {
    const file = operands[operands.length - 1] ?? '(file)';
    const db = operands.length > 1 ? operands[0] : 'main';
    return [effect('update', cmd, 'sql:database', [db], 'environment', 'irreversible', [`.restore replaces the whole ${db} database with the content of ${file}`])];
  }
  if (name === 'open') {
    const file = operands[0] ?? ':memory:';
    if (args.includes('--new') || args.includes('-new')) return [effect('delete', '.open --new', 'sql:database', [file], 'environment', 'irreversible', [`.open --new empties ${file} if it exists`])];
    return [none(cmd, { database: file })];
  }
  if (WRITES_FILE.has(name)) {
    const target = rawArgs.trim();
    if (!operands.length) return [none(cmd)];
    if (target.replace(/^['"]/, '').startsWith('|')) {
      const shell = target.replace(/^['"]?\|/, '').replace(/['"]$/, '').trim();
      return [{ ...unknown(cmd, `${cmd} sends output through the shell command ${shell}`), shell }];
    }
    const file = operands[operands.length - 1];
    if (!leavesWorkspace(file)) return [none(cmd)];
    return [effect('update', cmd, 'fs:path', [file], 'unknown', undefined, [`${cmd} writes ${file}, outside the workspace`])];
  }
  if (name === 'dbconfig' || name === 'testctrl' || name === 'filectrl') {
    return args.length ? [unknown(cmd, `${cmd} ${rawArgs} changes low-level database settings`)] : [read(cmd)];
  }
  if (name === 'archive' || name === 'ar') {
    return args.some((a) => /^-(-list|[a-z]*t)/.test(a)) && !args.some((a) => /^-(-extract|-create|-update|-insert|[a-z]*[xcui])/.test(a))
      ? [read(cmd)]
      : [unknown(cmd, `${cmd} creates, updates or extracts files of an SQL archive`)];
  }
  if (SHOWS.has(name)) return [read(cmd)];
  return [unknown(cmd, `sqlite3 dot-command ${cmd} is not one Firebreak knows`)];
}
