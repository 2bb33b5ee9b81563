// What Node, Deno, Bun and common npm packages do, as data (read by src/intake/code/models/javascript.ts).
import { table, type DbConnect, type FileCall, type HttpCall, type ProcessCall } from './effects.js';

const withSync = (names: Record<string, ProcessCall>): Record<string, ProcessCall> =>
  Object.fromEntries(Object.entries(names).flatMap(([k, v]) => [[k, v], [`${k}Sync`, v]]));

export const JS_PROCESS_CALLS: Readonly<Record<string, ProcessCall>> = table({
  ...withSync({ 'child_process.exec': { form: 'shell' } }),
  ...withSync({ 'child_process.execFile': { form: 'argv', argsArg: 1 }, 'child_process.spawn': { form: 'argv', argsArg: 1 } }),
  'shelljs.exec': { form: 'shell' },
  'execa.execa': { form: 'argv', argsArg: 1 }, 'execa.execaSync': { form: 'argv', argsArg: 1 }, execa: { form: 'argv', argsArg: 1 },
  'execa.execaCommand': { form: 'shell' }, 'execa.execaCommandSync': { form: 'shell' }, 'execa.execaNode': { form: 'argv', argsArg: 1 },
  'cross-spawn': { form: 'argv', argsArg: 1 }, 'cross-spawn.sync': { form: 'argv', argsArg: 1 },
  'Bun.spawn': { form: 'auto' }, 'Bun.spawnSync': { form: 'auto' },
  'Deno.run': { form: 'auto' },
  'Deno.Command': { form: 'argv', argsArg: 1 },
});

/** Tagged templates that run shell commands (`` $`rm -rf ${dir}` ``): interpolations are quoted arguments. */
export const JS_SHELL_TAGS: ReadonlySet<string> = new Set(['$', 'zx.$', 'Bun.$', 'bun.$', 'execa.$', 'execa.execa', 'execa', 'dax', 'dax.$', '@david/dax', '@david/dax.$', 'zx/core.$']);

/** Modules whose members used as a tag (`$.raw`, `dax.raw`) are shell tags that may not escape. */
export const JS_SHELL_LIBRARIES: ReadonlySet<string> = new Set(['$', 'zx', 'zx/core', 'Bun', 'bun', 'execa', 'dax', '@david/dax']);

const fsNames = (base: Record<string, FileCall>): Record<string, FileCall> => {
  const out: Record<string, FileCall> = {};
  for (const [name, spec] of Object.entries(base)) {
    for (const mod of ['fs', 'fs.promises', 'fs-extra', 'graceful-fs']) {
      out[`${mod}.${name}`] = spec;
      if (mod !== 'fs.promises') out[`${mod}.${name}Sync`] = spec;
    }
  }
  return out;
};

export const JS_FILE_CALLS: Readonly<Record<string, FileCall>> = table({
  ...fsNames({
    rm: { op: 'delete', recursiveOption: 'recursive' }, rmdir: { op: 'delete', recursiveOption: 'recursive' }, unlink: { op: 'delete' },
    writeFile: { op: 'write', dataArg: 1 }, appendFile: { op: 'append' }, truncate: { op: 'truncate' }, copyFile: { op: 'copy', to: 1 }, cp: { op: 'copy', to: 1 },
    rename: { op: 'move', to: 1 }, createWriteStream: { op: 'write' }, open: { op: 'open', modeArg: 1 },
    remove: { op: 'delete', recursive: true }, emptyDir: { op: 'delete', recursive: true }, outputFile: { op: 'write', dataArg: 1 }, outputJson: { op: 'write' },
    writeJson: { op: 'write' }, move: { op: 'move', to: 1 }, copy: { op: 'copy', to: 1 },
    chmod: { op: 'chmod', modeArg: 1 }, lchmod: { op: 'chmod', modeArg: 1 },
  }),
  rimraf: { op: 'delete', recursive: true }, 'rimraf.rimraf': { op: 'delete', recursive: true }, 'rimraf.sync': { op: 'delete', recursive: true },
  'rimraf.rimrafSync': { op: 'delete', recursive: true }, 'rimraf.native': { op: 'delete', recursive: true },
  del: { op: 'delete', recursive: true }, 'del.deleteAsync': { op: 'delete', recursive: true }, 'del.deleteSync': { op: 'delete', recursive: true },
  'shelljs.rm': { op: 'delete', arg: 1, recursive: true },
  'Deno.remove': { op: 'delete', recursiveOption: 'recursive' }, 'Deno.removeSync': { op: 'delete', recursiveOption: 'recursive' },
  'Deno.writeTextFile': { op: 'write', dataArg: 1 }, 'Deno.writeTextFileSync': { op: 'write', dataArg: 1 }, 'Deno.writeFile': { op: 'write' }, 'Deno.writeFileSync': { op: 'write' },
  'Deno.rename': { op: 'move', to: 1 }, 'Deno.renameSync': { op: 'move', to: 1 }, 'Deno.truncate': { op: 'truncate' },
  'Bun.write': { op: 'write', dataArg: 1 },
});

const verbs = (mod: string, withData: boolean): Record<string, HttpCall> => ({
  [`${mod}.get`]: { method: 'GET', optionsArg: 1 }, [`${mod}.head`]: { method: 'HEAD', optionsArg: 1 }, [`${mod}.options`]: { method: 'OPTIONS', optionsArg: 1 },
  [`${mod}.delete`]: { method: 'DELETE', optionsArg: 1 }, [`${mod}.del`]: { method: 'DELETE', optionsArg: 1 },
  [`${mod}.post`]: { method: 'POST', optionsArg: withData ? 2 : 1 }, [`${mod}.put`]: { method: 'PUT', optionsArg: withData ? 2 : 1 }, [`${mod}.patch`]: { method: 'PATCH', optionsArg: withData ? 2 : 1 },
});

export const JS_HTTP_CALLS: Readonly<Record<string, HttpCall>> = table({
  fetch: { optionsArg: 1 }, 'node-fetch': { optionsArg: 1 }, 'cross-fetch': { optionsArg: 1 }, 'undici.fetch': { optionsArg: 1 }, 'undici.request': { optionsArg: 1 },
  'isomorphic-fetch': { optionsArg: 1 }, 'make-fetch-happen': { optionsArg: 1 },
  axios: { optionsArg: 1 }, 'axios.request': { optionsArg: 0 }, ...verbs('axios', true),
  got: { optionsArg: 1 }, ...verbs('got', false),
  ky: { optionsArg: 1 }, ...verbs('ky', false),
  ...verbs('superagent', false), ...verbs('needle', true),
  'http.request': { optionsArg: 1 }, 'https.request': { optionsArg: 1 }, 'http.get': { method: 'GET', optionsArg: 1 }, 'https.get': { method: 'GET', optionsArg: 1 },
});

/** Factories of HTTP clients with a base URL (`axios.create({ baseURL })`). */
export const JS_HTTP_CLIENTS: ReadonlySet<string> = new Set(['axios.create', 'got.extend', 'ky.create', 'ky.extend', 'undici.Pool', 'undici.Client']);

export const JS_DB_CONNECTS: Readonly<Record<string, DbConnect>> = table({
  'pg.Client': { client: 'psql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['connectionString'], dsnArg: 0 },
  'pg.Pool': { client: 'psql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['connectionString'], dsnArg: 0 },
  'pg.default.Client': { client: 'psql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['connectionString'] },
  'pg.default.Pool': { client: 'psql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['connectionString'] },
  postgres: { client: 'url', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['database', 'db'] },
  '@neondatabase/serverless.neon': { client: 'url', dsnArg: 0 },
  '@vercel/postgres.sql': { client: 'psql' },
  'mysql.createConnection': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'mysql.createPool': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'mysql2.createConnection': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'mysql2.createPool': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'mysql2/promise.createConnection': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'mysql2/promise.createPool': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['uri'] },
  'better-sqlite3': { client: 'sqlite3', dsnArg: 0 },
  'sqlite3.Database': { client: 'sqlite3', dsnArg: 0 },
  'sqlite3.verbose.Database': { client: 'sqlite3', dsnArg: 0 },
  'sqlite.open': { client: 'sqlite3', databaseKeys: ['filename'] },
  'bun:sqlite.Database': { client: 'sqlite3', dsnArg: 0 },
  'node:sqlite.DatabaseSync': { client: 'sqlite3', dsnArg: 0 },
  'sqlite.DatabaseSync': { client: 'sqlite3', dsnArg: 0 },
  knex: { client: 'url', urlKeys: ['connection'] },
  sequelize: { client: 'url', dsnArg: 0, hostKeys: ['host'] },
  'sequelize.Sequelize': { client: 'url', dsnArg: 0, hostKeys: ['host'] },
  'drizzle-orm/node-postgres.drizzle': { client: 'psql' },
  'drizzle-orm/better-sqlite3.drizzle': { client: 'sqlite3' },
  'drizzle-orm/mysql2.drizzle': { client: 'mysql' },
});

/** Global functions and modules that run code text. */
export const JS_CODE_RUNNERS: ReadonlySet<string> = new Set([
  'eval', 'Function', 'setTimeout', 'setInterval', 'setImmediate', 'vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.compileFunction',
  'vm.Script', 'vm.SourceTextModule', 'globalThis.eval', 'window.eval', 'global.eval', 'Reflect.apply', 'execScript',
]);

/** Values only known at run time. */
export const JS_RUNTIME_SOURCES: Readonly<Record<string, string>> = table({
  'process.env': 'an environment variable', 'Deno.env.get': 'an environment variable', 'Bun.env': 'an environment variable',
  'process.argv': 'a command-line argument', 'Deno.args': 'a command-line argument', 'Bun.argv': 'a command-line argument',
  atob: 'text decoded at run time', 'Buffer.from': 'data decoded at run time', 'JSON.parse': 'data parsed at run time',
  'fs.readFileSync': 'a file read at run time', 'fs.readFile': 'a file read at run time', 'fs.promises.readFile': 'a file read at run time',
  'Deno.readTextFile': 'a file read at run time', 'Deno.readTextFileSync': 'a file read at run time', prompt: 'typed input',
});
