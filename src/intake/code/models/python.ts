// What Python calls return and do: the standard library, boto3, database drivers, HTTP clients,
// Google Cloud / Azure SDKs. Facts live in src/knowledge/code/python.ts.
import { GROUP, NAMESPACE, namespaceMember, newParser, PARSER, parserMethod } from './python-argparse.js';
import type { CallSite, Evaluator, Library } from '../evaluate.js';
import {
  PYTHON_CODE_RUNNERS, PYTHON_COMMAND_DISPATCHERS, PYTHON_DB_CONNECTS, PYTHON_DB_OBJECTS, PYTHON_FILE_CALLS, PYTHON_HTTP_CALLS,
  PYTHON_HTTP_SESSIONS, PYTHON_PATH_CONSTRUCTORS, PYTHON_PATH_METHODS, PYTHON_PROCESS_CALLS, PYTHON_RUNTIME_SOURCES,
} from '../../../knowledge/code/python.js';
import { PYTHON_FILE_READS, PYTHON_PATH_READS } from '../../../knowledge/code/file-reads.js';
import { awsClient, clientMethod, collectionMethod, hintsOf, itemMethod, paginatorCall, resourceCollection, resourceItem, type AwsObject } from './aws.js';
import {
  DYNAMIC_IMPORTS, cloudCall, cloudMember, cloudProviderOf, connectDatabase, envValue, httpRequest, isSqlMethod, passedSinks, rawConnection, readFile, receiverName, remoteLibraryCall, runArgv, runProcess, runSql, touchFile, unresolvedMethod, unresolvedPathCall, type DynamicImport,
} from './shared.js';
import { GITHUB_OBJECT, lostPygithubWrite, pygithubCall, pygithubMember, pygithubMethod } from './github-clients.js';
import { asPath, dirnameOf, freshFolder, joinPaths, normalised, scratchDir, workingDirectory } from './paths.js';
import { alternatives, amongOf, concatValues, describeValue, FOLDER_ENTRY, obj, str, textOf, unknown, UNKNOWN, type Value } from '../values.js';
import { posix } from 'node:path';

export const pythonLibrary: Library = {
  argv: { path: 'sys.argv', interpreter: false },
  located: { __file__: 'file' },
  constants: { 'os.pardir': '..', 'os.curdir': '.', 'os.sep': '/', 'os.path.sep': '/', 'os.path.pardir': '..', 'os.path.curdir': '.' },

  pathJoin(left, right) {
    if (left.t !== 'obj' || left.cls !== 'python.path') return undefined;
    return obj('python.path', { path: joinPaths([left.props.path ?? UNKNOWN, right]) });
  },

  global(name) {
    return { t: 'path', path: name };
  },

  member(receiver, name) {
    if (receiver.t !== 'obj') return undefined;
    switch (receiver.cls) {
      case GITHUB_OBJECT:
        return pygithubMember(receiver, name);
      case 'cloud':
        return cloudMember(receiver, name);
      case 'aws.resource':
        if (name === 'meta') return obj('aws.meta', receiver.props);
        if (/^[a-z][a-z_]*s$/.test(name)) return resourceCollection(receiver, name);
        return undefined;
      case 'aws.meta':
        if (name === 'client') return awsClient(receiver.props.service, hintsOf(receiver));
        return undefined;
      case 'aws.item':
        if (/^[a-z][a-z_]*s$/.test(name) && !['tags', 'status'].includes(name)) return resourceCollection(receiver, name);
        return undefined;
      case 'aws.session':
        return undefined;
      case NAMESPACE:
        return namespaceMember(receiver, name);
      case 'python.tempfile':
        return name === 'name' ? receiver.props.path ?? unknown('the name of a temporary file made where Firebreak cannot see') : undefined;
      case 'python.path':
        if (name === 'parent') return obj('python.path', { path: dirnameOf(receiver.props.path) });
        if (name === 'parents') return obj('python.parents', { path: receiver.props.path ?? UNKNOWN });
        return undefined;
      default:
        return undefined;
    }
  },

  element(collection) {
    return collection.t === 'obj' && collection.cls === GITHUB_OBJECT ? collection : undefined;
  },

  index(receiver, key) {
    if (receiver.t === 'obj' && receiver.cls === GITHUB_OBJECT) return receiver;
    // `Path(__file__).parents[2]`: the folder three levels up (parents[0] is parent).
    if (receiver.t === 'obj' && receiver.cls === 'python.parents') {
      if (!(key.t === 'lit' && typeof key.v === 'number' && Number.isInteger(key.v) && key.v >= 0 && key.v < 64)) return unknown('an ancestor folder picked at run time');
      let path = receiver.props.path ?? UNKNOWN;
      for (let i = 0; i <= key.v; i++) path = dirnameOf(path);
      return obj('python.path', { path });
    }
    const command = plumbumCommand(receiver, key);
    if (command) return command;
    if (receiver.t === 'path') {
      // sys.modules['os'] is the module; os.__dict__['system'] / vars(os)['system'] its member.
      const name = textOf(key);
      if (receiver.path === 'sys.modules' && name !== undefined) return { t: 'path', path: name };
      if (receiver.path.endsWith('.__dict__') && name !== undefined) return { t: 'path', path: `${receiver.path.slice(0, -9)}.${name}` };
      const source = PYTHON_RUNTIME_SOURCES[receiver.path];
      if (receiver.path === 'os.environ') return envValue(textOf(key));
      if (source) return unknown(source);
    }
    return undefined;
  },

  call(site) {
    passedSinks(site, 'python');
    if (site.fn.t === 'obj' && site.fn.cls === 'plumbum.command') return runArgv(site, [...argvOf(site.fn), ...site.args], 'plumbum');
    const plumbumProgram = site.fn.t === 'path' ? PLUMBUM_PROGRAM.exec(site.fn.path)?.[1] : undefined;
    if (plumbumProgram !== undefined) return runArgv(site, [str(plumbumProgram), ...site.args], 'plumbum');
    if (site.fn.t === 'path') return pathCall(site, starImported(site, site.fn.path.replace(/^(builtins|__builtins__)\./, '')));
    const receiver = site.receiver;
    const method = site.method;
    if (receiver && method !== undefined) {
      if (receiver.t === 'obj') return objectMethod(site, receiver, method);
      if (receiver.t === 'str' || receiver.t === 'tmpl') return stringMethod(site, receiver, method);
      if (receiver.t === 'dict' && method === 'get' && !site.call.spread) return dictGetCall(site, receiver);
      if (lostPygithubWrite(site, receiverName(site), method)) return UNKNOWN;
      return unresolvedMethod(site, 'python', receiverName(site));
    }
    if (site.fn.t === 'obj' && site.fn.cls === 'python.exec') return UNKNOWN;
    return UNKNOWN;
  },
};

/** `TABLE.get(key, default)` of a dict literal: its value for a known key; for a key known only at
 *  run time one of its values or the default (None), when every key of the literal is known. */
function dictGetCall(site: CallSite, table: Value & { t: 'dict' }): Value {
  const fallback = site.arg(1, 'default') ?? { t: 'lit', v: null };
  const key = textOf(site.args[0]);
  if (key !== undefined) {
    if (table.entries.some(([k]) => k === null)) return UNKNOWN;
    return table.entries.findLast(([k]) => k === key)?.[1] ?? fallback;
  }
  if (!table.entries.length || table.entries.some(([k]) => k === null)) return unknown('an entry of a table looked up by a key computed at run time');
  return alternatives([...table.entries.map(([, v]) => v), fallback], 'an entry of a table with too many different values');
}

/** `plumbum.cmd.rm`, `local.cmd.rm`: the program rm. */
const PLUMBUM_PROGRAM = /^plumbum\.(?:local\.)?cmd\.([^.]+)$/;

const argvOf = (command: Value & { t: 'obj' }): Value[] => (command.props.argv?.t === 'list' ? command.props.argv.items : []);

/**
 * plumbum builds a command by indexing: `local['rm']` is the program, `rm['-rf', x]` binds arguments,
 * and calling it (or `.run()`, `& FG`) runs it. The command is kept as an argument list.
 */
function plumbumCommand(receiver: Value, key: Value): Value | undefined {
  const items = key.t === 'list' ? key.items : [key];
  if (receiver.t === 'path' && (receiver.path === 'plumbum.local' || receiver.path === 'plumbum.machines.local')) return obj('plumbum.command', { argv: { t: 'list', items: [key] } });
  const program = receiver.t === 'path' ? PLUMBUM_PROGRAM.exec(receiver.path)?.[1] : undefined;
  if (program !== undefined) return obj('plumbum.command', { argv: { t: 'list', items: [str(program), ...items] } });
  if (receiver.t === 'obj' && receiver.cls === 'plumbum.command') return obj('plumbum.command', { argv: { t: 'list', items: [...argvOf(receiver), ...items] } });
  return undefined;
}

/** `from subprocess import *; run(cmd, shell=True)`: a bare name no one bound is that module's, when the module has it. */
function starImported(site: CallSite, path: string): string {
  if (path.includes('.') || site.evaluator.program.bindings.has(path)) return path;
  for (const i of site.evaluator.program.imports) {
    if (!i.star || i.level) continue;
    const full = `${i.module}.${path}`;
    if (PYTHON_PROCESS_CALLS[full] || PYTHON_FILE_CALLS[full] || PYTHON_CODE_RUNNERS[full] || PYTHON_HTTP_CALLS[full]) return full;
  }
  return path;
}

function pathCall(site: CallSite, path: string): Value {
  const ev = site.evaluator;
  if (path === 'argparse.ArgumentParser') return newParser(site);
  if (PYTHON_FILE_READS[path] !== undefined) readFile(site, PYTHON_FILE_READS[path], path);
  if (UNSAFE_DESERIALISERS.has(path) || (path === 'yaml.load' && /(^|\.)(Unsafe)?Loader$/.test(describeValue(site.arg(1, 'Loader') ?? UNKNOWN)))) {
    site.emit({ kind: 'unknown', why: `${path} runs code the serialised data carries: what it does is not visible` });
    return UNKNOWN;
  }
  if (PYTHON_COMMAND_DISPATCHERS.has(path)) {
    site.emit({ kind: 'unknown', why: `hands the command line to ${path}: which management command runs depends on its arguments` });
    return UNKNOWN;
  }
  const runner = PYTHON_CODE_RUNNERS[path];
  if (runner) return codeRunner(site, path, runner);
  // `spec_from_file_location('m', 'x.py')` then `exec_module`: the file runs as a module.
  const loaderPath = MODULE_FILE_LOADERS.get(path);
  if (loaderPath) return codeRunner({ ...site, args: [site.arg(loaderPath[0], loaderPath[1]) ?? UNKNOWN], kwargs: new Map() }, path, 'run-path');
  if (path === 'getattr') return getattr(site);
  if (path === 'vars' && site.args[0]?.t === 'path') return { t: 'path', path: `${site.args[0].path}.__dict__` };
  if (path === 'globals' || path === 'locals' || path === 'vars') return obj('python.namespace');
  if (path === 'fileinput.input' || path === 'fileinput.FileInput') return fileInput(site);
  if (RAW_CONNECTIONS.has(path)) return socketTo(site, path, site.arg(0, 'address'));
  if (path === 'socket.socket') return obj('python.socket');
  if (path === 'str' || path === 'bytes' || path === 'os.fsencode' || path === 'os.fsdecode' || path === 'os.fspath') return site.args[0] ? asPath(site.args[0]) : str('');
  if (path === 'os.path.join' || path === 'posixpath.join') return joinPaths(site.args.map(asPath));
  if (path === 'os.path.dirname' || path === 'posixpath.dirname') return dirnameOf(site.args[0] && asPath(site.args[0]));
  if (path === 'tempfile.gettempdir') return scratchDir();
  if (path === 'os.listdir') return obj('folder.listing', { dir: site.args[0] ? asPath(site.args[0]) : str('.') });
  // Only a walk from the top down with nothing that changes where it goes (followlinks, onerror) is followed.
  if (path === 'os.walk') return site.args.length === 1 && !site.kwargs.size ? obj('folder.walk', { dir: asPath(site.args[0]) }) : unknown('os.walk with options');
  if (SEQUENCE_BUILTINS.has(path) && site.args.length === 1 && !site.kwargs.size) return sequenceOf(path, site.args[0]);
  if (path === 'tempfile.mkdtemp') return pythonFreshFolder(site);
  if (path === 'tempfile.NamedTemporaryFile') return namedTemporaryFile(site);
  if (path === 'os.path.expanduser') return site.args[0] ?? UNKNOWN;
  // abspath and normpath work on the text (`build/../..` is `..`); realpath follows links on disk,
  // as the shell judging the path does.
  if (path === 'os.path.abspath' || path === 'os.path.normpath' || path === 'posixpath.abspath' || path === 'posixpath.normpath') return site.args[0] ? normalised(asPath(site.args[0])) : UNKNOWN;
  if (path === 'os.path.realpath' || path === 'posixpath.realpath') return site.args[0] ? asPath(site.args[0]) : UNKNOWN;
  if (path === 'os.getcwd' || path === 'os.getcwdb') return workingDirectory();
  if (path === 'glob.glob' || path === 'glob.iglob') return globListing(site.arg(0, 'pathname'), site.kwargs.get('root_dir'));
  if (path === 'shlex.join') return joinWords(site.args[0]);
  if (path === 'shlex.quote' || path === 'pipes.quote') return site.args[0] ?? UNKNOWN;
  if (path === 'os.getenv' || path === 'os.environ.get' || path === 'os.environ.setdefault') return envValue(textOf(site.args[0] ?? UNKNOWN));
  const source = PYTHON_RUNTIME_SOURCES[path];
  if (source) return unknown(source);

  const process = PYTHON_PROCESS_CALLS[path];
  if (process) {
    const shell = site.kwargs.get('shell');
    const shellFlag = !!shell && !(shell.t === 'lit' && (shell.v === false || shell.v === null || shell.v === 0));
    return runProcess(site, process, path, shellFlag && site.arg(0, 'args')?.t === 'list');
  }
  if (path.startsWith('sh.') && path.split('.').length === 2 && path !== 'sh.Command') {
    // the `sh` package: sh.rm('-rf', path) runs `rm -rf path`
    return runProcessArgv(site, [str(path.slice(3).replace(/_/g, '-')), ...site.args], path);
  }
  const file = PYTHON_FILE_CALLS[path];
  if (file) return touchFile(site, file, path);
  if (PYTHON_PATH_CONSTRUCTORS.has(path.replace(/\.home$/, '')) && path.endsWith('.home')) return obj('python.path', { path: str('~') });
  if (PYTHON_PATH_CONSTRUCTORS.has(path.replace(/\.cwd$/, '')) && path.endsWith('.cwd')) return obj('python.path', { path: workingDirectory() });
  if (PYTHON_PATH_CONSTRUCTORS.has(path)) return obj('python.path', { path: site.args.length ? joinPaths(site.args) : str('.') });

  const http = PYTHON_HTTP_CALLS[path];
  if (http) return httpRequest(site, http, path);
  if (PYTHON_HTTP_SESSIONS.has(path)) return obj('http.session', site.kwargs.get('base_url') ? { base: site.kwargs.get('base_url')! } : {});
  if (path === 'urllib.request.Request' || path === 'urllib2.Request') {
    const data = site.arg(1, 'data');
    return obj('http.request', { url: site.arg(0, 'url') ?? UNKNOWN, method: site.kwargs.get('method') ?? str(data ? 'POST' : 'GET') });
  }
  if (path === 'http.client.HTTPSConnection' || path === 'http.client.HTTPConnection') {
    return obj('http.connection', { host: site.arg(0, 'host') ?? UNKNOWN, scheme: str(path.endsWith('HTTPSConnection') ? 'https' : 'http') });
  }

  const db = PYTHON_DB_CONNECTS[path];
  if (db) return connectDatabase(site, db, path);
  if (PYTHON_DB_OBJECTS.has(path)) return obj('db.connection', { client: str('psql'), driver: str(path) });
  if (path === 'sqlalchemy.text' || path === 'sqlalchemy.sql.text') return obj('sql.text', { text: site.args[0] ?? UNKNOWN });

  const aws = boto3Call(site, path, ev);
  if (aws) return aws;

  const provider = cloudProviderOf(path);
  if (provider) return obj('cloud', { provider: str(provider), kind: str(path.split('.').pop()!.replace(/Client$|ServiceClient$|ManagementClient$/, '').toLowerCase()), module: str(path) });

  const github = pygithubCall(site, path);
  if (github) return github;
  if (remoteLibraryCall(site, path)) return UNKNOWN;
  return unresolvedPathCall(site, 'python', path);
}

function runProcessArgv(site: CallSite, argv: Value[], via: string): Value {
  return runProcess({ ...site, args: [{ t: 'list', items: argv }] }, { form: 'argv' }, via);
}

function boto3Call(site: CallSite, path: string, ev: Evaluator): Value | undefined {
  const defaults = (ev.state.get('boto3.default') as Record<string, Value> | undefined) ?? {};
  const hints = (extra: Record<string, Value> = {}) => ({
    region: site.kwargs.get('region_name') ?? extra.region ?? defaults.region,
    profile: extra.profile ?? defaults.profile,
    endpoint: site.kwargs.get('endpoint_url') ?? extra.endpoint,
  });
  switch (path) {
    case 'boto3.client':
    case 'boto3.session.Session.client':
      return awsClient(site.arg(0, 'service_name'), hints());
    case 'boto3.resource':
      return awsClient(site.arg(0, 'service_name'), hints(), 'aws.resource');
    case 'boto3.Session':
    case 'boto3.session.Session':
    case 'aioboto3.Session':
    case 'botocore.session.get_session':
    case 'botocore.session.Session':
      return obj('aws.session', stripUndefined({ profile: site.kwargs.get('profile_name'), region: site.kwargs.get('region_name') }));
    case 'boto3.setup_default_session':
      ev.state.set('boto3.default', stripUndefined({ profile: site.kwargs.get('profile_name'), region: site.kwargs.get('region_name') }));
      return UNKNOWN;
    default:
      return undefined;
  }
}

function objectMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  const kwargsParams = (): { params: [string, Value][]; unknown?: string } => ({
    params: [...site.kwargs.entries()],
    ...(site.call.spread ? { unknown: 'some parameters are passed with ** and computed at run time' } : {}),
    ...(site.args.length && !site.kwargs.size ? { unknown: 'parameters are passed positionally' } : {}),
  });
  switch (receiver.cls) {
    case 'aws.session': {
      const hints = { region: site.kwargs.get('region_name') ?? receiver.props.region, profile: receiver.props.profile, endpoint: site.kwargs.get('endpoint_url') };
      if (method === 'client' || method === 'create_client') return awsClient(site.arg(0, 'service_name'), hints);
      if (method === 'resource') return awsClient(site.arg(0, 'service_name'), hints, 'aws.resource');
      return UNKNOWN;
    }
    case 'aws.client':
      return clientMethod(site, receiver as AwsObject, method, kwargsParams());
    case 'aws.paginator':
      if (method === 'paginate') return paginatorCall(site, receiver as AwsObject, kwargsParams());
      return UNKNOWN;
    case 'aws.resource':
      if (/^[A-Z]/.test(method)) return resourceItem(receiver as AwsObject, method, site.args);
      return clientMethod(site, receiver as AwsObject, method, kwargsParams());
    case 'aws.item':
      if (/^[A-Z]/.test(method)) return resourceItem(receiver as AwsObject, method, [...(receiver.props.ids?.t === 'list' ? receiver.props.ids.items : []), ...site.args]);
      if (['load', 'reload', 'get_available_subresources', 'wait_until_exists', 'wait_until_not_exists', 'wait_until_running', 'wait_until_stopped', 'wait_until_terminated'].includes(method)) return UNKNOWN;
      return itemMethod(site, receiver as AwsObject, method, [...site.kwargs.entries()]);
    case 'aws.collection':
      return collectionMethod(site, receiver as AwsObject, method);
    case 'python.path':
      return pathMethod(site, receiver, method);
    case PARSER: case GROUP:
      return parserMethod(site, receiver, method);
    // A file: what its methods write is the file's content (a fresh temporary file's, or one opened where it was judged).
    case 'file': case 'python.tempfile':
      return UNKNOWN;
    case 'http.session':
      if (method === 'request' || ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(method)) {
        return httpRequest(site, method === 'request' ? { methodArg: 0, urlArg: 1, urlKeyword: 'url' } : { method: method.toUpperCase(), urlArg: 0, urlKeyword: 'url' }, `${receiverName(site)}.${method}`, receiver.props.base);
      }
      if (method === 'urlopen') return httpRequest(site, { methodArg: 0, urlArg: 1, urlKeyword: 'url' }, `${receiverName(site)}.${method}`);
      return UNKNOWN;
    case 'http.connection':
      if (method === 'request' || method === 'putrequest') {
        const host = receiver.props.host ?? UNKNOWN;
        const url = concatValues([receiver.props.scheme ?? str('https'), str('://'), host, site.arg(1, 'url') ?? str('/')]);
        site.emit({ kind: 'http', method: (textOf(site.arg(0, 'method') ?? UNKNOWN) ?? 'POST').toUpperCase(), url, via: `${receiverName(site)}.${method}` });
      }
      return UNKNOWN;
    case 'db.connection':
    case 'db.cursor':
      if (['cursor', 'connect', 'begin', 'raw_connection', 'acquire', 'transaction', 'execution_options'].includes(method)) return obj('db.cursor', receiver.props);
      if (isSqlMethod(method)) return runSql(site, receiver, site.arg(0, 'sql') ?? site.arg(0, 'query') ?? site.arg(0, 'statement'), `${receiverName(site)}.${method}`);
      return UNKNOWN;
    case 'cloud':
      return cloudCall(site, receiver, method);
    case 'python.namespace':
      if (method === 'get' || method === '__getitem__') {
        site.emit({ kind: 'unknown', why: 'looks a function up by name in globals()/locals(): which one runs is not visible' });
      }
      return UNKNOWN;
    case 'python.code':
      return UNKNOWN;
    case 'plumbum.command':
      if (['run', 'popen', 'run_fg', 'run_bg', 'run_tee', 'run_tf', 'run_retcode', 'run_nohup', '__call__'].includes(method)) return runArgv(site, [...argvOf(receiver), ...site.args], `plumbum ${method}`);
      if (method === 'bound_command' || method === '__getitem__') return obj('plumbum.command', { argv: { t: 'list', items: [...argvOf(receiver), ...site.args] } });
      return UNKNOWN;
    case GITHUB_OBJECT:
      return pygithubMethod(site, receiver, method);
    case 'python.socket':
      if (method === 'connect' || method === 'connect_ex' || method === 'sendto') return socketTo(site, `socket.${method}`, method === 'sendto' ? site.args[1] : site.args[0]);
      return UNKNOWN;
    default:
      return unresolvedMethod(site, 'python', receiverName(site));
  }
}

/** Calls that load a module from a file path: the argument (position, keyword) that is the path. */
const MODULE_FILE_LOADERS: ReadonlyMap<string, [number, string]> = new Map([
  ['importlib.util.spec_from_file_location', [1, 'location']], ['importlib.machinery.SourceFileLoader', [1, 'path']],
  ['importlib.machinery.SourcelessFileLoader', [1, 'path']], ['imp.load_source', [1, 'pathname']], ['imp.load_compiled', [1, 'pathname']],
  ['zipimport.zipimporter', [0, 'path']],
]);

/** Deserialisers that run code named in the data (pickle's __reduce__, yaml's python/object tags). */
const UNSAFE_DESERIALISERS: ReadonlySet<string> = new Set(['pickle.loads', 'cPickle.loads', '_pickle.loads', 'marshal.loads', 'dill.loads', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'jsonpickle.decode']);

/** `fileinput.input(files, inplace=True)`: every line printed replaces the file's content. */
function fileInput(site: CallSite): Value {
  const inplace = site.kwargs.get('inplace');
  if (!inplace || (inplace.t === 'lit' && !inplace.v)) return UNKNOWN;
  const files = site.arg(0, 'files');
  for (const f of files?.t === 'list' ? files.items : [files ?? unknown('the files named on the command line')]) touchFile({ ...site, args: [f] }, { op: 'write' }, 'fileinput (inplace)');
  return UNKNOWN;
}

/** Raw sockets: the protocol spoken is not visible, so a connection beyond this machine is unknown. */
const RAW_CONNECTIONS: ReadonlySet<string> = new Set(['socket.create_connection', 'asyncio.open_connection', 'telnetlib.Telnet']);

function socketTo(site: CallSite, via: string, address: Value | undefined): Value {
  const host = address?.t === 'list' ? textOf(address.items[0] ?? UNKNOWN) : textOf(address ?? UNKNOWN) ?? textOf(site.arg(0, 'host') ?? UNKNOWN);
  // create_connection((host, port)), open_connection(host, port), Telnet(host, port)
  const portValue = address?.t === 'list' ? address.items[1] : site.arg(1, 'port');
  const port = portValue?.t === 'lit' && typeof portValue.v === 'number' ? String(portValue.v) : portValue ? textOf(portValue) : undefined;
  rawConnection(site, via, host, port);
  return obj('python.socket');
}

/**
 * `glob.glob('build/*.o')`, `Path('docs').rglob('*.md')`: full paths of entries below the folder the
 * pattern starts with, when that folder is known text and no part after it climbs (`..`) or names
 * the folder itself (`.`); a listing of it as a loop walks it. Anything else is unknown.
 */
function globListing(pattern: Value | undefined, rootDir?: Value): Value {
  const text = pattern && textOf(asPath(pattern));
  if (text === undefined || rootDir !== undefined) return unknown('a glob pattern computed at run time');
  const segments = text.split('/');
  const first = segments.findIndex((s) => /[*?[]/.test(s));
  if (first < 0) return unknown('a glob pattern without wildcards');
  const rest = segments.slice(first);
  if (rest.some((s) => s === '..' || s === '.' || s === '')) return unknown('a glob pattern that climbs with ..');
  const dir = segments.slice(0, first).join('/') || (text.startsWith('/') ? '/' : '.');
  // `*.pyc` in the folder itself stays that pattern (the shell matches it as Python does); anything
  // deeper or with `?`, `[...]` or `**` is "some entry of the folder".
  const name = rest.length === 1 && /^[^?[\]\\]*$/.test(rest[0]) && !rest[0].includes('**') ? rest[0].split('*').join(FOLDER_ENTRY) : FOLDER_ENTRY;
  return obj('folder.listing', { dir: str(dir), full: { t: 'lit', v: true }, name: str(name) });
}

/** `p.with_name(n)`, `p.with_stem(s)`, `p.with_suffix(x)`: the same folder, another last name. */
function renamed(path: Value, method: string, arg: Value | undefined): Value {
  const p = textOf(path);
  const given = arg && textOf(arg);
  if (p === undefined || given === undefined || given.includes('/')) return unknown(`Path.${method} of a value computed at run time`);
  const dir = posix.dirname(p);
  const base = posix.basename(p);
  const ext = posix.extname(base);
  const name = method === 'with_name' ? given : method === 'with_stem' ? given + ext : base.slice(0, base.length - ext.length) + given;
  if (name === '' || name === '.' || name === '..') return unknown(`Path.${method} with an empty name`);
  return str(dir === '.' && !p.startsWith('./') ? name : `${dir}/${name}`);
}

/** Builtins that copy or reorder a sequence: `sorted(os.listdir(d))` still walks d's entries. */
const SEQUENCE_BUILTINS: ReadonlySet<string> = new Set(['sorted', 'list', 'tuple', 'reversed']);

function sequenceOf(path: string, v: Value): Value {
  if (v.t === 'obj' && (v.cls === 'folder.listing' || v.cls === GITHUB_OBJECT)) return v;
  if (v.t !== 'list') return UNKNOWN;
  if (path === 'reversed') return { t: 'list', items: [...v.items].reverse() };
  if (path !== 'sorted') return v;
  const texts = v.items.map(textOf);
  if (texts.some((t) => t === undefined)) return UNKNOWN;
  return { t: 'list', items: (texts as string[]).sort().map(str) };
}

function pathMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  const path = receiver.props.path ?? UNKNOWN;
  if (method === 'iterdir') return obj('folder.listing', { dir: path, full: { t: 'lit', v: true }, pathObjects: { t: 'lit', v: true } });
  if (method === 'joinpath' || method === '__truediv__') return obj('python.path', { path: joinPaths([path, ...site.args]) });
  if (method === 'resolve' || method === 'absolute' || method === 'expanduser') return receiver;
  if (method === 'with_name' || method === 'with_stem' || method === 'with_suffix') return obj('python.path', { path: renamed(path, method, site.args[0]) });
  if (method === 'glob' || method === 'rglob') {
    const pattern = site.arg(0, 'pattern');
    const listing = globListing(pattern && joinPaths([path, method === 'rglob' ? str('**') : str(''), pattern]));
    return listing.t === 'obj' ? obj('folder.listing', { ...listing.props, pathObjects: { t: 'lit', v: true } }) : listing;
  }
  if (PYTHON_PATH_READS.has(method)) {
    site.emit({ kind: 'file', op: 'read', path, via: `Path.${method}` });
    return UNKNOWN;
  }
  const spec = PYTHON_PATH_METHODS[method];
  if (spec) return touchFile({ ...site, args: [path, ...site.args] }, { ...spec, arg: 0, keyword: undefined, ...(spec.to !== undefined ? { to: spec.to + 1 } : {}), ...(spec.modeArg !== undefined ? { modeArg: spec.modeArg + 1 } : {}), ...(spec.dataArg !== undefined ? { dataArg: spec.dataArg + 1 } : {}) }, `Path.${method}`);
  return UNKNOWN;
}

function stringMethod(site: CallSite, receiver: Value, method: string): Value {
  const text = textOf(receiver);
  switch (method) {
    case 'format':
      return text === undefined ? UNKNOWN : formatString(text, site.args, site.kwargs);
    case 'join': {
      const list = site.args[0];
      if (text === undefined || list?.t !== 'list') return UNKNOWN;
      const parts: Value[] = [];
      list.items.forEach((item, i) => { if (i) parts.push(str(text)); parts.push(item); });
      return concatValues(parts);
    }
    case 'strip': case 'lstrip': case 'rstrip': case 'encode': case 'decode':
      return text === undefined ? receiver : str(method === 'strip' ? text.trim() : method === 'lstrip' ? text.trimStart() : method === 'rstrip' ? text.trimEnd() : text);
    case 'lower': return text === undefined ? UNKNOWN : str(text.toLowerCase());
    case 'upper': return text === undefined ? UNKNOWN : str(text.toUpperCase());
    case 'replace': {
      const a = textOf(site.args[0] ?? UNKNOWN);
      const b = textOf(site.args[1] ?? UNKNOWN);
      return text !== undefined && a !== undefined && b !== undefined ? str(text.split(a).join(b)) : UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** `'rm -rf {}'.format(path)`, `'{0}/{name}'.format(a, name=b)`. */
function formatString(format: string, args: Value[], kwargs: Map<string, Value>): Value {
  const parts: Value[] = [];
  let auto = 0;
  let last = 0;
  const field = /\{\{|\}\}|\{([^{}]*)\}/g;
  for (let m = field.exec(format); m; m = field.exec(format)) {
    parts.push(str(format.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[0] === '{{') { parts.push(str('{')); continue; }
    if (m[0] === '}}') { parts.push(str('}')); continue; }
    const name = (m[1] ?? '').split(/[!:]/)[0];
    if (name === '') parts.push(args[auto++] ?? UNKNOWN);
    else if (/^\d+$/.test(name)) parts.push(args[Number(name)] ?? UNKNOWN);
    else parts.push(kwargs.get(name) ?? UNKNOWN);
  }
  parts.push(str(format.slice(last)));
  return concatValues(parts);
}

/** `tempfile.NamedTemporaryFile(..., prefix=, dir=)`: a file made fresh in `dir` (the scratch folder by
 *  default); its `.name` is where it is. A prefix with a slash is not followed. */
function namedTemporaryFile(site: CallSite): Value {
  const dir = site.arg(6, 'dir');
  const prefix = site.arg(5, 'prefix') ?? str('tmp');
  const text = textOf(prefix);
  if (site.call.spread || text === undefined || text.includes('/')) return obj('python.tempfile');
  return obj('python.tempfile', { path: freshFolder(joinPaths([dir && !(dir.t === 'lit' && dir.v === null) ? asPath(dir) : scratchDir(), prefix])) });
}

/** `tempfile.mkdtemp(suffix, prefix, dir)`: a fresh folder in `dir` (the scratch folder by default). */
function pythonFreshFolder(site: CallSite): Value {
  const dir = site.arg(2, 'dir') ?? scratchDir();
  const prefix = site.arg(1, 'prefix') ?? str('tmp');
  return freshFolder(joinPaths([dir, prefix]));
}

function joinWords(list: Value | undefined): Value {
  if (list?.t !== 'list') return UNKNOWN;
  const parts: Value[] = [];
  list.items.forEach((v, i) => { if (i) parts.push(str(' ')); parts.push(v); });
  return concatValues(parts);
}

function getattr(site: CallSite): Value {
  const target = site.args[0] ?? UNKNOWN;
  const name = textOf(site.args[1] ?? UNKNOWN);
  if (name !== undefined) return site.evaluator.member(target, name);
  if (target.t === 'path' || target.t === 'obj') {
    site.emit({ kind: 'unknown', why: `getattr(${describeValue(target)}, ${describeValue(site.args[1] ?? UNKNOWN)}) looks up a name computed at run time: which call runs is not visible` });
  }
  return UNKNOWN;
}

function codeRunner(site: CallSite, path: string, kind: 'exec' | 'import' | 'run-path' | 'run-module'): Value {
  const arg = site.args[0] ?? site.kwargs.get('source') ?? site.kwargs.get('name') ?? site.kwargs.get('path_name') ?? UNKNOWN;
  const code = arg.t === 'obj' && arg.cls === 'python.code' ? arg.props.text : arg;
  const text = textOf(code);
  if (kind === 'import') {
    // One of many module names (a lazy-import table of more than a dozen entries): each is imported
    // as if named alone; any one that cannot be placed makes the call unknown.
    const among = text === undefined ? amongOf(code) : undefined;
    const names = text !== undefined ? [text] : among?.every((o) => textOf(o) !== undefined) ? among.map((o) => textOf(o)!) : undefined;
    if (names === undefined) {
      site.emit({ kind: 'unknown', why: `${path} imports a module whose name is computed at run time${whyOf(code)}` });
      return UNKNOWN;
    }
    const found: DynamicImport[] = [];
    for (const name of names) {
      const imp = dynamicImport(site, path, name);
      if (!imp) return UNKNOWN;
      found.push(imp);
    }
    // A project module imported by name runs its top-level code: read like an import statement (analyse.ts).
    const list = (site.evaluator.state.get(DYNAMIC_IMPORTS) as DynamicImport[] | undefined) ?? [];
    site.evaluator.state.set(DYNAMIC_IMPORTS, [...list, ...found]);
    if (found.length === 1 && !found[0].level) return { t: 'path', path: found[0].module };
    return unknown(found.length === 1 ? `the module ${'.'.repeat(found[0].level ?? 0)}${found[0].module} of this package` : `one of ${found.length} modules imported by name`);
  }
  if (path === 'compile') return text === undefined ? unknown('code compiled at run time') : obj('python.code', { text: str(text) });
  if (text === undefined) {
    site.emit({ kind: 'unknown', why: `${path} runs ${kind === 'exec' ? 'code' : 'a file'} computed at run time${whyOf(code)}: what it does is not visible` });
    return UNKNOWN;
  }
  if (kind === 'exec') site.emit({ kind: 'code', language: 'python', text, via: path });
  else if (kind === 'run-path') site.emit({ kind: 'script', path: text, language: 'python', via: path });
  else site.emit({ kind: 'script', path: `-m ${text}`, language: 'python', via: path });
  return UNKNOWN;
}

/** Names for this module's own package: `__spec__.parent` and `__package__` anywhere, `__name__` in a
 *  package's `__init__.py` (elsewhere `__name__` names the module itself). */
function ownPackage(v: Value | undefined, file: string | undefined): boolean {
  if (v?.t !== 'path') return false;
  if (v.path === '__spec__.parent' || v.path === '__package__') return true;
  return v.path === '__name__' && file !== undefined && /(^|[\\/])__init__\.py$/.test(file);
}

/** `import_module(name, package)`: the module it loads, or undefined (and an unknown emitted). */
function dynamicImport(site: CallSite, path: string, text: string): DynamicImport | undefined {
  const at = { line: site.call.loc.line, text: site.call.loc.text };
  if (!text.startsWith('.')) return { module: text, ...at };
  // `import_module('.tasks', package='app')`: relative to the package the call names.
  const up = /^\.+/.exec(text)![0].length;
  const pkgValue = site.arg(1, 'package');
  // `import_module('.main', package=__spec__.parent)`: relative to this file, as `from .main import x` is.
  if (ownPackage(pkgValue, site.evaluator.program.file)) return { module: text.slice(up), level: up, ...at };
  const pkg = textOf(pkgValue ?? UNKNOWN);
  if (pkg === undefined) {
    site.emit({ kind: 'unknown', why: `${path}(${JSON.stringify(text)}) imports relative to a package computed at run time` });
    return undefined;
  }
  const base = pkg.split('.').slice(0, Math.max(0, pkg.split('.').length - (up - 1)));
  return { module: [...base, text.slice(up)].filter(Boolean).join('.'), ...at };
}

function whyOf(v: Value): string {
  return v.t === 'unknown' && v.why ? ` (from ${v.why})` : '';
}

function stripUndefined(o: Record<string, Value | undefined>): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(o)) if (v) out[k] = v;
  return out;
}
