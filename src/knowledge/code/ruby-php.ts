// What Ruby's and PHP's standard libraries and common gems/packages do, as data (read by
// src/intake/code/models/ruby.ts and php.ts). Paths: `FileUtils.rm_rf`, `Net.HTTP.get`; PHP
// functions lower-cased, classes with namespaces as dots (`Aws.S3.S3Client`).
import { table, type DbConnect, type FileCall, type HttpCall, type ProcessCall } from './effects.js';

export const RUBY_PROCESS_CALLS: Readonly<Record<string, ProcessCall>> = table({
  '`': { form: 'shell' }, system: { form: 'rest' }, exec: { form: 'rest' }, spawn: { form: 'rest' }, 'Kernel.system': { form: 'rest' },
  'Kernel.exec': { form: 'rest' }, 'Kernel.spawn': { form: 'rest' }, 'Process.spawn': { form: 'rest' }, 'IO.popen': { form: 'auto' },
  'Open3.capture2': { form: 'rest' }, 'Open3.capture2e': { form: 'rest' }, 'Open3.capture3': { form: 'rest' }, 'Open3.popen2': { form: 'rest' },
  'Open3.popen2e': { form: 'rest' }, 'Open3.popen3': { form: 'rest' }, 'Open3.pipeline': { form: 'rest' }, 'PTY.spawn': { form: 'rest' },
});

export const RUBY_FILE_CALLS: Readonly<Record<string, FileCall>> = table({
  'FileUtils.rm_rf': { op: 'delete', recursive: true }, 'FileUtils.rm_r': { op: 'delete', recursive: true }, 'FileUtils.rmtree': { op: 'delete', recursive: true },
  'FileUtils.remove_dir': { op: 'delete', recursive: true }, 'FileUtils.remove_entry': { op: 'delete', recursive: true },
  'FileUtils.remove_entry_secure': { op: 'delete', recursive: true }, 'FileUtils.rm': { op: 'delete' }, 'FileUtils.rm_f': { op: 'delete' },
  'FileUtils.remove': { op: 'delete' }, 'FileUtils.rmdir': { op: 'delete' }, 'FileUtils.mv': { op: 'move', to: 1 }, 'FileUtils.move': { op: 'move', to: 1 },
  'FileUtils.cp': { op: 'copy', to: 1 }, 'FileUtils.cp_r': { op: 'copy', to: 1 }, 'FileUtils.copy': { op: 'copy', to: 1 },
  'File.delete': { op: 'delete' }, 'File.unlink': { op: 'delete' }, 'File.write': { op: 'write', dataArg: 1 }, 'File.binwrite': { op: 'write', dataArg: 1 },
  'File.rename': { op: 'move', to: 1 }, 'File.truncate': { op: 'truncate' }, 'File.open': { op: 'open', modeArg: 1 }, 'File.new': { op: 'open', modeArg: 1 },
  'IO.write': { op: 'write' }, 'Dir.rmdir': { op: 'delete' }, 'Dir.delete': { op: 'delete' }, 'Dir.unlink': { op: 'delete' },
});

/** Methods of `Pathname.new(p)`. */
export const RUBY_PATHNAME_METHODS: Readonly<Record<string, FileCall>> = table({
  rmtree: { op: 'delete', recursive: true }, delete: { op: 'delete' }, unlink: { op: 'delete' }, rmdir: { op: 'delete' }, write: { op: 'write' },
  binwrite: { op: 'write' }, rename: { op: 'move', to: 0 },
});

const rubyVerbs = (mod: string): Record<string, HttpCall> => Object.fromEntries(
  ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].map((v) => [`${mod}.${v}`, { method: v.toUpperCase() }]),
);

export const RUBY_HTTP_CALLS: Readonly<Record<string, HttpCall>> = table({
  'Net.HTTP.get': { method: 'GET' }, 'Net.HTTP.get_response': { method: 'GET' }, 'Net.HTTP.post': { method: 'POST' }, 'Net.HTTP.post_form': { method: 'POST' },
  ...rubyVerbs('HTTParty'), ...rubyVerbs('RestClient'), ...rubyVerbs('Faraday'), ...rubyVerbs('Excon'), ...rubyVerbs('HTTP'), ...rubyVerbs('Typhoeus'),
  'URI.open': { method: 'GET' }, open: { method: 'GET' },
});

/** `Net::HTTP::Delete.new(uri)`: a request object of that method. */
export const RUBY_HTTP_REQUEST_CLASSES: Readonly<Record<string, string>> = table({
  'Net.HTTP.Get': 'GET', 'Net.HTTP.Head': 'HEAD', 'Net.HTTP.Post': 'POST', 'Net.HTTP.Put': 'PUT', 'Net.HTTP.Patch': 'PATCH', 'Net.HTTP.Delete': 'DELETE',
});

export const RUBY_DB_CONNECTS: Readonly<Record<string, DbConnect>> = table({
  'PG.connect': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname'] },
  'PG.Connection.new': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname'] },
  'PG.Connection.open': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname'] },
  'Mysql2.Client.new': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'] },
  'SQLite3.Database.new': { client: 'sqlite3', dsnArg: 0 },
  'SQLite3.Database.open': { client: 'sqlite3', dsnArg: 0 },
  'Sequel.connect': { client: 'url', dsnArg: 0 },
  'Sequel.sqlite': { client: 'sqlite3', dsnArg: 0 },
  'ActiveRecord.Base.establish_connection': { client: 'url', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['url'] },
});

/** The project's configured database (Rails). */
export const RUBY_DB_OBJECTS: ReadonlySet<string> = new Set(['ActiveRecord.Base.connection', 'ApplicationRecord.connection']);

export const RUBY_CODE_RUNNERS: ReadonlySet<string> = new Set(['eval', 'instance_eval', 'class_eval', 'module_eval', 'Kernel.eval', 'binding.eval', 'instance_exec', 'class_exec']);

export const PHP_PROCESS_CALLS: Readonly<Record<string, ProcessCall>> = table({
  shell_exec: { form: 'shell' }, exec: { form: 'shell' }, system: { form: 'shell' }, passthru: { form: 'shell' }, popen: { form: 'shell' },
  proc_open: { form: 'auto' }, pcntl_exec: { form: 'argv', argsArg: 1 }, 'symfony.component.process.process.fromshellcommandline': { form: 'shell' },
});

export const PHP_FILE_CALLS: Readonly<Record<string, FileCall>> = table({
  unlink: { op: 'delete' }, rmdir: { op: 'delete' }, file_put_contents: { op: 'write' }, fopen: { op: 'open', modeArg: 1 },
  rename: { op: 'move', to: 1 }, copy: { op: 'copy', to: 1 }, ftruncate: { op: 'write' },
});

export const PHP_DB_CONNECTS: Readonly<Record<string, DbConnect>> = table({
  PDO: { client: 'url', dsnArg: 0 }, mysqli: { client: 'mysql', dsnArg: -1, hostKeys: [] }, mysqli_connect: { client: 'mysql', hostKeys: [] },
  pg_connect: { client: 'psql', dsnArg: 0 }, pg_pconnect: { client: 'psql', dsnArg: 0 }, SQLite3: { client: 'sqlite3', dsnArg: 0 },
});

/** Functions that take SQL: the argument index of the SQL text. */
export const PHP_SQL_FUNCTIONS: Readonly<Record<string, number>> = table({
  mysqli_query: 1, mysqli_multi_query: 1, mysqli_real_query: 1, pg_query: -1, pg_send_query: 1, pg_query_params: 1, sqlite_exec: 1,
});

export const PHP_CODE_RUNNERS: ReadonlySet<string> = new Set(['eval', 'assert', 'create_function', 'preg_replace_callback_array']);

/** Functions that call another function by a name given as a value. */
export const PHP_DYNAMIC_CALLS: ReadonlySet<string> = new Set(['call_user_func', 'call_user_func_array', 'forward_static_call', 'forward_static_call_array']);
