// What PHP calls return and do. Facts live in src/knowledge/code/ruby-php.ts.
import type { CallSite, Library } from '../evaluate.js';
import { PHP_CODE_RUNNERS, PHP_DB_CONNECTS, PHP_DYNAMIC_CALLS, PHP_FILE_CALLS, PHP_PROCESS_CALLS, PHP_SQL_FUNCTIONS } from '../../../knowledge/code/ruby-php.js';
import { PHP_FILE_READS } from '../../../knowledge/code/file-reads.js';
import { awsClient, clientMethod, paramsFromDict, type AwsObject } from './aws.js';
import {
  cloudCall, cloudProviderOf, envValue, httpRequest, isSqlMethod, passedSinks, readFile, receiverName, remoteLibraryCall, runProcess, runSql, touchFile, unresolvedMethod, unresolvedPathCall,
} from './shared.js';
import { concatValues, describeValue, dictGet, obj, str, textOf, unknown, UNKNOWN, type Value } from '../values.js';

export const phpLibrary: Library = {
  global(name) {
    return { t: 'path', path: name };
  },
  index(receiver, key) {
    if (receiver.t === 'path' && (receiver.path === '$_ENV' || receiver.path === '$_SERVER')) return envValue(textOf(key));
    if (receiver.t === 'path' && /^\$_(GET|POST|REQUEST|COOKIE|FILES)$/.test(receiver.path)) return unknown('request input');
    if (receiver.t === 'path' && receiver.path === '$argv') return unknown('a command-line argument');
    return undefined;
  },
  call(site) {
    passedSinks(site, 'php');
    callbackSinks(site);
    const fn = site.fn;
    if (fn.t === 'path') return pathCall(site, fn.path);
    // `$f = 'system'; $f('ls')`: a function called by a name held in a variable.
    if (fn.t === 'str') return pathCall(site, fn.v.toLowerCase());
    const receiver = site.receiver;
    const method = site.method;
    if (receiver && method !== undefined) {
      if (receiver.t === 'obj') return objectMethod(site, receiver, method);
      return unresolvedMethod(site, 'php', receiverName(site));
    }
    if (site.call.callee.k === 'name' && site.call.callee.name.startsWith('$') && fn.t === 'unknown') {
      site.emit({ kind: 'unknown', why: `calls the function named by ${site.call.callee.name}, which is computed at run time` });
    }
    return UNKNOWN;
  },
};

function pathCall(site: CallSite, path: string): Value {
  const lower = path.toLowerCase();
  if (PHP_FILE_READS[lower] !== undefined) readFile(site, PHP_FILE_READS[lower], lower);
  if (lower === 'include' || lower === 'require' || lower === 'include_once' || lower === 'require_once') {
    const target = textOf(site.args[0] ?? UNKNOWN);
    if (target === undefined && site.args[0]?.t !== 'tmpl') site.emit({ kind: 'unknown', why: `includes a file whose path is computed at run time` });
    // data://, php://input, http://, phar://, expect://: code that is not a file of the project.
    else if (target !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)) site.emit({ kind: 'unknown', why: `includes code from ${target.slice(0, 60)}, not from a file Firebreak can read` });
    return UNKNOWN;
  }
  if (lower === 'reflectionfunction') return obj('php.function', { name: site.args[0] ?? UNKNOWN });
  if (PHP_CODE_RUNNERS.has(lower)) {
    // create_function($args, $body): the body is the code.
    const text = textOf((lower === 'create_function' ? site.args[1] : site.args[0]) ?? UNKNOWN);
    if (lower === 'assert' && site.args[0] && site.args[0].t !== 'str') return UNKNOWN;
    if (text === undefined) site.emit({ kind: 'unknown', why: `${lower} runs code computed at run time: what it does is not visible` });
    else site.emit({ kind: 'code', language: 'php', text: `<?php ${text}`, via: lower });
    return UNKNOWN;
  }
  if (PHP_DYNAMIC_CALLS.has(lower)) {
    const name = textOf(site.args[0] ?? UNKNOWN);
    if (name === undefined) {
      if (site.args[0]?.t === 'unknown') site.emit({ kind: 'unknown', why: `${lower}(${describeValue(site.args[0])}) calls a function whose name is computed at run time` });
      return UNKNOWN;
    }
    const rest = lower === 'call_user_func_array' && site.args[1]?.t === 'list' ? site.args[1].items : site.args.slice(1);
    return pathCall({ ...site, args: rest }, name.toLowerCase());
  }
  if (lower === 'preg_replace') {
    const pattern = textOf(site.args[0] ?? UNKNOWN) ?? '';
    if (/\/[a-z]*e[a-z]*$/i.test(pattern)) site.emit({ kind: 'unknown', why: 'preg_replace with the /e modifier runs the replacement as PHP code' });
    return UNKNOWN;
  }
  if (lower === 'getenv') return envValue(textOf(site.args[0] ?? UNKNOWN));
  if (lower === 'base64_decode' || lower === 'gzinflate' || lower === 'str_rot13' || lower === 'hex2bin' || lower === 'unserialize') return unknown('text decoded at run time');
  if (lower === 'sprintf') return sprintf(site.args);
  if (lower === 'implode' || lower === 'join') {
    const sep = textOf(site.args[0] ?? UNKNOWN) ?? '';
    const list = site.args[1];
    if (list?.t !== 'list') return UNKNOWN;
    return concatValues(list.items.flatMap((v, i) => (i ? [str(sep), v] : [v])));
  }
  if (lower === 'escapeshellarg' || lower === 'escapeshellcmd' || lower === 'trim' || lower === 'strval') return site.args[0] ?? UNKNOWN;

  const process = PHP_PROCESS_CALLS[lower];
  if (process) return runProcess(site, process, lower);
  const file = PHP_FILE_CALLS[lower];
  if (file) {
    if (lower === 'file_put_contents' && textOf(site.args[2] ?? UNKNOWN) === undefined && site.args[2]?.t === 'path' && site.args[2].path === 'FILE_APPEND') {
      return touchFile(site, { op: 'append' }, lower);
    }
    return touchFile(site, file, lower);
  }
  if (lower === 'file_get_contents' || lower === 'fopen' || lower === 'readfile' || lower === 'file') {
    const url = site.args[0];
    if (url && /^https?:/i.test(textOf(url) ?? (url.t === 'tmpl' ? url.parts[0] ?? '' : ''))) return httpRequest(site, { method: 'GET' }, lower);
    return UNKNOWN;
  }
  if (lower === 'curl_init') return obj('php.curl', { url: site.args[0] ?? UNKNOWN, method: str('GET') });
  if (lower === 'curl_setopt' || lower === 'curl_setopt_array') return curlSetopt(site);
  if (lower === 'curl_exec' || lower === 'curl_multi_exec') {
    const handle = site.args[0];
    if (handle?.t === 'obj' && handle.cls === 'php.curl') site.emit({ kind: 'http', method: (textOf(handle.props.method) ?? 'GET').toUpperCase(), url: handle.props.url ?? UNKNOWN, via: lower });
    else site.emit({ kind: 'unknown', why: `${lower} of a request built elsewhere` });
    return UNKNOWN;
  }

  // Databases
  const sqlArg = PHP_SQL_FUNCTIONS[lower];
  if (sqlArg !== undefined) {
    const idx = sqlArg === -1 ? site.args.length - 1 : sqlArg;
    const link = site.args[0]?.t === 'obj' ? site.args[0] : obj('db.connection', { client: str(lower.startsWith('pg_') ? 'psql' : 'mysql') });
    return runSql(site, link as Value & { t: 'obj' }, site.args[idx], lower);
  }
  const db = PHP_DB_CONNECTS[path] ?? PHP_DB_CONNECTS[lower];
  if (db) return phpConnect(site, path);

  // AWS SDK for PHP: new Aws\S3\S3Client([...]), new Aws\Sdk([...])
  const aws = /^Aws\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)Client$/.exec(path);
  if (aws) {
    const options = site.args[0];
    return awsClient(str(aws[1]), { region: dictGet(options, 'region'), profile: dictGet(options, 'profile'), endpoint: dictGet(options, 'endpoint') });
  }
  if (path === 'Aws.Sdk') return obj('aws.sdk', { region: dictGet(site.args[0], 'region') ?? UNKNOWN });
  if (/^GuzzleHttp\.Client$/.test(path)) return obj('http.session', { base: dictGet(site.args[0], 'base_uri') ?? str('') });
  const provider = cloudProviderOf(path);
  if (provider) return obj('cloud', { provider: str(provider), kind: str((path.split('.').pop() ?? '').replace(/Client$/, '').toLowerCase()) });
  if (remoteLibraryCall(site, path)) return UNKNOWN;
  return unresolvedPathCall(site, 'php', path);
}

function phpConnect(site: CallSite, path: string): Value {
  const lower = path.toLowerCase();
  if (lower === 'pdo') {
    const dsn = textOf(site.args[0] ?? UNKNOWN) ?? '';
    const driver = /^(\w+):/.exec(dsn)?.[1] ?? '';
    const client = driver === 'sqlite' ? 'sqlite3' : driver === 'mysql' ? 'mysql' : 'psql';
    const host = /host=([^;]+)/.exec(dsn)?.[1];
    const database = client === 'sqlite3' ? dsn.replace(/^sqlite:/, '') : /dbname=([^;]+)/.exec(dsn)?.[1];
    return obj('db.connection', { client: str(client), ...(host ? { host: str(host) } : {}), ...(database ? { database: str(database) } : {}) });
  }
  if (lower === 'mysqli' || lower === 'mysqli_connect') {
    return obj('db.connection', { client: str('mysql'), ...(site.args[0] ? { host: site.args[0] } : {}), ...(site.args[3] ? { database: site.args[3] } : {}) });
  }
  if (lower === 'sqlite3') return obj('db.connection', { client: str('sqlite3'), database: site.args[0] ?? UNKNOWN });
  const text = textOf(site.args[0] ?? UNKNOWN) ?? '';
  const host = /host=(\S+)/.exec(text)?.[1];
  const database = /dbname=(\S+)/.exec(text)?.[1];
  return obj('db.connection', { client: str('psql'), ...(host ? { host: str(host) } : {}), ...(database ? { database: str(database) } : {}) });
}

function curlSetopt(site: CallSite): Value {
  const handle = site.args[0];
  if (handle?.t !== 'obj' || handle.cls !== 'php.curl') return UNKNOWN;
  const apply = (option: string | undefined, value: Value | undefined) => {
    if (option === 'CURLOPT_URL' && value) handle.props.url = value;
    if (option === 'CURLOPT_CUSTOMREQUEST' && value) handle.props.method = value;
    if (option === 'CURLOPT_POST') handle.props.method = str('POST');
    if (option === 'CURLOPT_PUT') handle.props.method = str('PUT');
  };
  const opt = site.args[1];
  if (opt?.t === 'path') apply(opt.path, site.args[2]);
  else if (opt?.t === 'dict') for (const [k, v] of opt.entries) apply(k ?? undefined, v);
  return UNKNOWN;
}

function sprintf(args: Value[]): Value {
  const format = textOf(args[0] ?? UNKNOWN);
  if (format === undefined) return UNKNOWN;
  const parts: Value[] = [];
  let n = 1;
  let last = 0;
  const spec = /%(?:\d+\$)?[-+ 0'#]*\d*(?:\.\d+)?[bcdeEfFgGosuxX%]/g;
  for (let m = spec.exec(format); m; m = spec.exec(format)) {
    parts.push(str(format.slice(last, m.index)));
    last = m.index + m[0].length;
    parts.push(m[0] === '%%' ? str('%') : args[n++] ?? UNKNOWN);
  }
  parts.push(str(format.slice(last)));
  return concatValues(parts);
}

/** Functions that call a callback they are given: the callback's argument index. */
const CALLBACK_ARGUMENT: Readonly<Record<string, number>> = {
  array_map: 0, array_walk: 1, array_walk_recursive: 1, array_filter: 1, array_reduce: 1, usort: 1, uasort: 1, uksort: 1, iterator_apply: 1,
  register_shutdown_function: 0, register_tick_function: 0, set_error_handler: 0, set_exception_handler: 0, spl_autoload_register: 0,
  preg_replace_callback: 1, ob_start: 0, header_register_callback: 0, array_udiff: -1, array_uintersect: -1,
};

/** `array_walk($a, 'system')`: a function named as a string, called by PHP with values Firebreak cannot see. */
function callbackSinks(site: CallSite): void {
  if (site.fn.t !== 'path') return;
  const at = CALLBACK_ARGUMENT[site.fn.path.toLowerCase()];
  if (at === undefined) return;
  const callback = site.args[at < 0 ? site.args.length - 1 : at];
  const name = callback && textOf(callback)?.toLowerCase();
  if (name && (PHP_PROCESS_CALLS[name] || PHP_FILE_CALLS[name] || PHP_CODE_RUNNERS.has(name))) {
    site.emit({ kind: 'unknown', why: `${site.fn.path} calls ${name} as a callback, with arguments Firebreak cannot see` });
  }
}

function objectMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  switch (receiver.cls) {
    case 'php.function': {
      const name = textOf(receiver.props.name ?? UNKNOWN);
      if (method !== 'invoke' && method !== 'invokeArgs') return UNKNOWN;
      if (name === undefined) { site.emit({ kind: 'unknown', why: 'invokes a function whose name is computed at run time' }); return UNKNOWN; }
      return pathCall(method === 'invokeArgs' && site.args[0]?.t === 'list' ? { ...site, args: site.args[0].items } : site, name.toLowerCase());
    }
    case 'aws.client':
      return clientMethod(site, receiver as AwsObject, method.replace(/Async$/, ''), paramsFromDict(site.args[0] ?? { t: 'dict', entries: [] }));
    case 'aws.sdk': {
      const m = /^create([A-Za-z0-9]+)$/.exec(method);
      return m ? awsClient(str(m[1]), { region: receiver.props.region }) : UNKNOWN;
    }
    case 'http.session': {
      if (method === 'request' || method === 'requestAsync') return httpRequest(site, { methodArg: 0, urlArg: 1 }, `${receiverName(site)}->${method}`, receiver.props.base);
      if (['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method.replace(/Async$/, ''))) {
        return httpRequest(site, { method: method.replace(/Async$/, '').toUpperCase() }, `${receiverName(site)}->${method}`, receiver.props.base);
      }
      return UNKNOWN;
    }
    case 'db.connection':
    case 'db.cursor':
      if (method === 'prepare') return obj('db.statement', { ...receiver.props, sql: site.args[0] ?? UNKNOWN });
      if (isSqlMethod(method) || method === 'multi_query' || method === 'real_query') return runSql(site, receiver, site.args[0], `${receiverName(site)}->${method}`);
      return UNKNOWN;
    case 'db.statement':
      if (method === 'execute') return runSql(site, receiver, receiver.props.sql, `${receiverName(site)}->execute`);
      return UNKNOWN;
    case 'cloud':
      return cloudCall(site, receiver, method);
    default:
      return unresolvedMethod(site, 'php', receiverName(site));
  }
}
