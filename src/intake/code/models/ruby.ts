// What Ruby calls return and do. Facts live in src/knowledge/code/ruby-php.ts.
import type { CallSite, Library } from '../evaluate.js';
import {
  RUBY_CODE_RUNNERS, RUBY_DB_CONNECTS, RUBY_DB_OBJECTS, RUBY_FILE_CALLS, RUBY_HTTP_CALLS, RUBY_HTTP_REQUEST_CLASSES, RUBY_PATHNAME_METHODS, RUBY_PROCESS_CALLS,
} from '../../../knowledge/code/ruby-php.js';
import { RUBY_FILE_READS } from '../../../knowledge/code/file-reads.js';
import { awsClient, clientMethod, collectionMethod, itemMethod, paramsFromDict, pascal, resourceCollection, resourceItem, type AwsObject } from './aws.js';
import {
  cloudCall, cloudMember, cloudProviderOf, connectDatabase, envValue, httpRequest, isSqlMethod, passedSinks, rawConnection, readFile, receiverName, remoteLibraryCall, runProcess, runSql, touchFile, unresolvedMethod, unresolvedPathCall,
} from './shared.js';
import { concatValues, describeValue, dictGet, obj, partsOf, str, textOf, unknown, UNKNOWN, type Value } from '../values.js';

export const rubyLibrary: Library = {
  global(name) {
    return { t: 'path', path: name };
  },
  member(receiver, name) {
    if (receiver.t === 'obj' && receiver.cls === 'aws.item' && /^[a-z_]+s$/.test(name)) return resourceCollection(receiver, name);
    return cloudMember(receiver, name);
  },
  index(receiver, key) {
    if (receiver.t === 'path' && receiver.path === 'ENV') return envValue(textOf(key));
    if (receiver.t === 'path' && receiver.path === 'ARGV') return unknown('a command-line argument');
    return undefined;
  },
  call(site) {
    passedSinks(site, 'ruby');
    if (site.fn.t === 'path') {
      // `Object.send(:eval, ...)`, `Kernel.public_send(:system, ...)`: the method named by the symbol.
      const send = /^(?:(.*)\.)?(send|public_send|__send__)$/.exec(site.fn.path);
      if (send?.[1] && ['Object', 'Kernel', 'self', 'main', 'BasicObject'].includes(send[1])) return pathCall(site, send[2]);
      // `User.send(:destroy_all)` is `User.destroy_all`.
      if (send?.[1]) {
        const name = textOf(site.args[0] ?? UNKNOWN);
        if (name !== undefined) return pathCall({ ...site, args: site.args.slice(1) }, `${send[1]}.${name}`);
        site.emit({ kind: 'unknown', why: `${site.fn.path}(${describeValue(site.args[0] ?? UNKNOWN)}) calls a method whose name is computed at run time` });
        return UNKNOWN;
      }
      return pathCall(site, site.fn.path);
    }
    const receiver = site.receiver;
    const method = site.method;
    if (receiver && method !== undefined) {
      if (receiver.t === 'obj') return objectMethod(site, receiver, method);
      if (receiver.t === 'str' || receiver.t === 'tmpl') {
        if (method === 'strip' || method === 'chomp' || method === 'to_s' || method === 'freeze') return receiver;
        return UNKNOWN;
      }
      if (receiver.t === 'list' && method === 'join') {
        const sep = textOf(site.args[0] ?? str('')) ?? '';
        const parts: Value[] = [];
        receiver.items.forEach((v, i) => { if (i) parts.push(str(sep)); parts.push(v); });
        return concatValues(parts);
      }
      // `x.send(:destroy_all)`: the method is named by the symbol.
      if ((method === 'send' || method === 'public_send' || method === '__send__') && textOf(site.args[0] ?? UNKNOWN) !== undefined) {
        return unresolvedMethod({ ...site, args: site.args.slice(1) }, 'ruby', receiverName(site), textOf(site.args[0])!);
      }
      return unresolvedMethod(site, 'ruby', receiverName(site));
    }
    return UNKNOWN;
  },
};

/** Calls that start a program when the name they are given begins with `|` (`open("|rm -rf x")`). */
const PIPE_OPENERS: ReadonlySet<string> = new Set(['open', 'IO.read', 'IO.readlines', 'IO.foreach', 'IO.write', 'IO.binread', 'IO.binwrite', 'IO.open', 'IO.new']);

/** `open("|cmd")` runs cmd through the shell; a name whose start is known only at run time may too. */
function pipeOpen(site: CallSite, path: string): boolean {
  const first = site.args[0];
  if (!first || first.t === 'lit') return false;
  const head = partsOf(first)[0];
  if (typeof head === 'string' && head.length) {
    if (!head.startsWith('|')) return false;
    const text = textOf(first);
    if (text !== undefined) {
      site.emit({ kind: 'shell', text: text.slice(1), via: path });
      return true;
    }
  }
  site.emit({ kind: 'unknown', why: `${path}(${describeValue(first)}): a name that starts with | runs a program, and this one is known only at run time` });
  return true;
}

function pathCall(site: CallSite, rawPath: string): Value {
  // `Foo.new(...)` constructs Foo; `Kernel.system` is `system`.
  const path = rawPath.replace(/^Kernel\./, '');
  if (PIPE_OPENERS.has(path) && pipeOpen(site, path)) return UNKNOWN;
  if (RUBY_FILE_READS[path] !== undefined) readFile(site, RUBY_FILE_READS[path], path);
  if (path === 'require' || path === 'require_relative' || path === 'load' || path === 'autoload') return UNKNOWN;
  if (RUBY_CODE_RUNNERS.has(path)) {
    const text = textOf(site.args[0] ?? UNKNOWN);
    if (text === undefined) site.emit({ kind: 'unknown', why: `${path} runs code computed at run time: what it does is not visible` });
    else site.emit({ kind: 'code', language: 'ruby', text, via: path });
    return UNKNOWN;
  }
  if (path === 'send' || path === 'public_send' || path === '__send__' || path === 'method') {
    if (textOf(site.args[0] ?? UNKNOWN) === undefined) site.emit({ kind: 'unknown', why: `${path}(${describeValue(site.args[0] ?? UNKNOWN)}) calls a method whose name is computed at run time` });
    else return pathCall({ ...site, args: site.args.slice(1) }, textOf(site.args[0])!);
    return UNKNOWN;
  }
  if (path === 'Object.const_get' || path === 'const_get' || path === 'Kernel.const_get') {
    const name = textOf(site.args[0] ?? UNKNOWN);
    if (name === undefined) { site.emit({ kind: 'unknown', why: 'const_get of a name computed at run time' }); return UNKNOWN; }
    return { t: 'path', path: name.replace(/::/g, '.') };
  }
  if (path === 'URI' || path === 'URI.parse' || path === 'URI.join' || path === 'String') return site.args.length > 1 ? concatValues(site.args) : site.args[0] ?? UNKNOWN;
  if (path === 'Dir.home' || path === 'Etc.getpwuid.dir') return str('~');
  if (path === 'TCPSocket.new' || path === 'TCPSocket.open' || path === 'Socket.tcp' || path === 'Net::Telnet.new') {
    rawConnection(site, path, textOf(site.args[0] ?? UNKNOWN));
    return UNKNOWN;
  }
  if (path === 'File.expand_path' && site.args.length === 1) return site.args[0] ?? UNKNOWN;
  if (path === 'File.join') return concatValues(site.args.flatMap((a, i) => (i ? [str('/'), a] : [a])));
  if (path === 'ENV.fetch' || path === 'ENV.[]') return envValue(textOf(site.args[0] ?? UNKNOWN));
  if (path === 'Base64.decode64' || path === 'Base64.strict_decode64' || path === 'Marshal.load' || path === 'Zlib.inflate') return unknown('text decoded at run time');
  if (path === 'gets' || path === 'STDIN.read' || path === '$stdin.read') return unknown('standard input');

  const process = RUBY_PROCESS_CALLS[path];
  if (process) {
    // system('cmd with spaces') is shell text; system('rm', '-rf', x) is argv.
    if (process.form === 'rest') {
      const args = site.args.filter((a) => a.t !== 'dict');
      if (args.length === 1 && args[0].t !== 'list') return runProcess({ ...site, args }, { form: 'shell' }, path);
      if (args.length === 1 && args[0].t === 'list') return runProcess({ ...site, args }, { form: 'argv' }, path);
      return runProcess({ ...site, args }, { form: 'rest' }, path);
    }
    return runProcess(site, process, path);
  }
  const file = RUBY_FILE_CALLS[path];
  if (file) {
    if (file.op === 'delete' && site.args[0]?.t === 'list') {
      for (const p of site.args[0].items) touchFile({ ...site, args: [p] }, file, path);
      return UNKNOWN;
    }
    return touchFile(site, file, path);
  }
  if (path === 'Pathname.new' || path === 'Pathname') return obj('ruby.path', { path: site.args[0] ?? UNKNOWN });

  const http = RUBY_HTTP_CALLS[path];
  if (http) {
    const url = site.args[0]?.t === 'obj' && site.args[0].cls === 'ruby.uri' ? site.args[0].props.url : site.args[0];
    return httpRequest({ ...site, args: [url ?? UNKNOWN, ...site.args.slice(1)] }, http, path);
  }
  const newOf = path.endsWith('.new') ? path.slice(0, -4) : undefined;
  if (newOf && RUBY_HTTP_REQUEST_CLASSES[newOf]) {
    site.emit({ kind: 'http', method: RUBY_HTTP_REQUEST_CLASSES[newOf], url: site.args[0] ?? UNKNOWN, via: path });
    return obj('http.response');
  }
  if (path === 'Net.HTTP.start' || path === 'Net.HTTP.new') return obj('http.session', { base: concatValues([str('https://'), site.args[0] ?? UNKNOWN]) });
  if (path === 'Faraday.new' || path === 'HTTP.persistent') return obj('http.session', { base: dictGet(site.args[0], 'url') ?? site.args[0] ?? str('') });

  const db = RUBY_DB_CONNECTS[path];
  if (db) return connectDatabase(site, db, path);
  if (RUBY_DB_OBJECTS.has(path)) return obj('db.connection', { client: str('psql'), driver: str(path) });

  // AWS SDK for Ruby: Aws::S3::Client.new, Aws::S3::Resource.new, Aws::EC2::Instance.new(id)
  const aws = /^Aws\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)\.new$/.exec(path);
  if (aws) {
    const options = site.args.find((a) => a.t === 'dict');
    const hints = { region: dictGet(options, 'region'), profile: dictGet(options, 'profile'), endpoint: dictGet(options, 'endpoint') };
    if (aws[2] === 'Client') return awsClient(str(aws[1]), hints);
    if (aws[2] === 'Resource') return awsClient(str(aws[1]), hints, 'aws.resource');
    return resourceItem(awsClient(str(aws[1].toLowerCase()), hints, 'aws.resource') as AwsObject, aws[2], site.args.filter((a) => a.t !== 'dict'));
  }
  const provider = cloudProviderOf(path);
  if (provider) return obj('cloud', { provider: str(provider), kind: str((path.split('.').slice(-2, -1)[0] ?? '').toLowerCase()) });
  if (remoteLibraryCall(site, path.replace(/\.new$/, '').replace(/\./g, '::'))) return UNKNOWN;
  return unresolvedPathCall(site, 'ruby', path);
}

function objectMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  switch (receiver.cls) {
    case 'aws.client':
      return clientMethod(site, receiver as AwsObject, method, paramsFromDict(site.args[0] ?? { t: 'dict', entries: [] }));
    case 'aws.resource':
      if (site.args.length && method !== 'create_bucket' && !/^(create|put|get|list|describe)_/.test(method)) return resourceItem(receiver as AwsObject, pascal(method), site.args);
      if (/^[a-z_]+s$/.test(method)) return resourceCollection(receiver as AwsObject, method);
      return clientMethod(site, receiver as AwsObject, method, paramsFromDict(site.args[0]));
    case 'aws.item': {
      if (/^[a-z_]+s$/.test(method) && !site.args.length) return resourceCollection(receiver as AwsObject, method);
      if (site.args.length && /^[a-z]+$/.test(method) && !['delete', 'put', 'get', 'terminate', 'stop', 'start', 'reboot', 'upload_file'].includes(method)) return resourceItem(receiver as AwsObject, pascal(method), [...(receiver.props.ids?.t === 'list' ? receiver.props.ids.items : []), ...site.args]);
      const m = method.replace(/!$/, '');
      return itemMethod(site, receiver as AwsObject, m, paramsFromDict(site.args[0]).params);
    }
    case 'aws.collection':
      return collectionMethod(site, receiver as AwsObject, method.replace(/^batch_|!$/g, ''));
    case 'ruby.path': {
      const spec = RUBY_PATHNAME_METHODS[method];
      if (spec) return touchFile({ ...site, args: [receiver.props.path ?? UNKNOWN, ...site.args] }, { ...spec, arg: 0, ...(spec.to !== undefined ? { to: spec.to + 1 } : {}) }, `Pathname#${method}`);
      if (method === 'join' || method === '+') return obj('ruby.path', { path: concatValues([receiver.props.path ?? UNKNOWN, str('/'), site.args[0] ?? UNKNOWN]) });
      return UNKNOWN;
    }
    case 'http.session': {
      if (['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)) {
        return httpRequest(site, { method: method.toUpperCase() }, `${receiverName(site)}.${method}`, receiver.props.base);
      }
      if (method === 'request') {
        const req = site.args[0];
        if (!req || req.t !== 'obj') site.emit({ kind: 'unknown', why: `${receiverName(site)}.request of a request built elsewhere` });
      }
      return UNKNOWN;
    }
    case 'db.connection':
    case 'db.cursor':
      if (isSqlMethod(method) || ['exec_params', 'async_exec', 'exec', 'execute_batch', 'run'].includes(method)) return runSql(site, receiver, site.args[0], `${receiverName(site)}.${method}`);
      return UNKNOWN;
    case 'cloud':
      return cloudCall(site, receiver, method);
    default:
      return unresolvedMethod(site, 'ruby', receiverName(site));
  }
}
