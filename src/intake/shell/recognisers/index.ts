// Tool name -> recogniser, loaded on first use so that a command only pays for its own tool.
import type { Recogniser, RecogniserLoader as Loader } from '../command.js';
import { CLOUD_CLIS } from '../../../knowledge/shell-commands.js';
import { CODE_LOADERS } from '../../code/loaders.js';
import { RUNNER_LOADERS } from '../runners/loaders.js';
import { DATABASE_LOADERS } from './database-loaders.js';
import { GUARD_LOADERS } from './guard-loaders.js';
import { LOCAL_COMMANDS, LOCAL_SUBCOMMANDS } from '../../../knowledge/shell-commands.js';
import { isSystemPackageManager } from '../system-packages.js';
import { TOOLCHAIN } from '../local.js';

const filesystem = (name: 'rm' | 'shred' | 'unlink' | 'truncate' | 'dd' | 'find' | 'fd' | 'mkfs'): Loader => async () => (await import('./filesystem.js'))[name];
const sql = (name: 'psql' | 'mysql' | 'sqlite3' | 'dropdb' | 'createdb' | 'mysqladmin' | 'dump'): Loader => async () => (await import('./sql.js'))[name];
const http = (name: 'curl' | 'wget' | 'httpie'): Loader => async () => (await import('./http.js'))[name];
const kubernetes = (name: 'kubectl' | 'helm' | 'kind'): Loader => async () => (await import('./kubernetes.js'))[name];
const terraform: Loader = async () => (await import('./terraform.js')).terraform;
const git: Loader = async () => (await import('./git.js')).git;
const aws: Loader = async () => (await import('./aws.js')).aws;
const cloudCli: Loader = async () => (await import('./cloud-cli.js')).cloudCli;

const LOADERS: Readonly<Record<string, Loader>> = {
  ...Object.fromEntries(CLOUD_CLIS.map((name) => [name, cloudCli])),
  aws,
  terraform, tofu: terraform, terragrunt: terraform,
  kubectl: kubernetes('kubectl'), k: kubernetes('kubectl'), oc: kubernetes('kubectl'), helm: kubernetes('helm'), kind: kubernetes('kind'),
  psql: sql('psql'), mysql: sql('mysql'), mariadb: sql('mysql'), sqlite3: sql('sqlite3'), sqlite: sql('sqlite3'), dropdb: sql('dropdb'),
  createdb: sql('createdb'), mysqladmin: sql('mysqladmin'), pg_dump: sql('dump'), pg_dumpall: sql('dump'), mysqldump: sql('dump'),
  rm: filesystem('rm'), shred: filesystem('shred'), unlink: filesystem('unlink'), truncate: filesystem('truncate'), dd: filesystem('dd'), find: filesystem('find'), fd: filesystem('fd'), fdfind: filesystem('fd'),
  ...Object.fromEntries(['mkfs', 'mkfs.ext4', 'mkfs.ext3', 'mkfs.xfs', 'mkfs.vfat', 'mkfs.fat', 'mkfs.btrfs', 'mke2fs', 'wipefs', 'newfs'].map((n) => [n, filesystem('mkfs')])),
  git,
  curl: http('curl'), wget: http('wget'), http: http('httpie'), https: http('httpie'), xh: http('httpie'),
  // Interpreters that run code (read by src/intake/code), task runners and containers that run
  // recipes and commands (src/intake/shell/runners), database clients: later entries win.
  ...DATABASE_LOADERS,
  ...GUARD_LOADERS,
  ...RUNNER_LOADERS,
  ...CODE_LOADERS,
};

const loaded = new Map<string, Promise<Recogniser>>();

/** The recogniser for a tool name, or undefined when Firebreak has none. */
export function recogniserFor(name: string): Promise<Recogniser> | undefined {
  if (!Object.hasOwn(LOADERS, name)) return undefined;
  let r = loaded.get(name);
  if (!r) {
    r = LOADERS[name]();
    loaded.set(name, r);
  }
  return r;
}

/** Whether the name's recogniser is a runner or code reader that expects a project file run by its
 *  path (`./manage.py migrate`), rather than a model of an installed tool (`aws`, `kubectl`). */
export function runsProjectFiles(name: string): boolean {
  return Object.hasOwn(RUNNER_LOADERS, name) || Object.hasOwn(CODE_LOADERS, name);
}

/** Whether a command by this name is judged by a model of the program (`aws`, `kubectl`) or as a
 *  local command (`ls`, `sed`, `go`), rather than read or left unknown: a file that takes the name
 *  on PATH runs in its place, judged as that program. */
export function judgedByName(name: string): boolean {
  return Object.hasOwn(LOADERS, name) || LOCAL_COMMANDS.has(name) || TOOLCHAIN.has(name) || Object.hasOwn(LOCAL_SUBCOMMANDS, name) || isSystemPackageManager(name);
}
