// What JavaScript / TypeScript calls return and do (Node, Deno, Bun, npm packages). Facts live in
// src/knowledge/code/javascript.ts.
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallSite, Library } from '../evaluate.js';
import {
  JS_CODE_RUNNERS, JS_DB_CONNECTS, JS_FILE_CALLS, JS_HTTP_CALLS, JS_HTTP_CLIENTS, JS_PROCESS_CALLS, JS_RUNTIME_SOURCES, JS_SHELL_LIBRARIES, JS_SHELL_TAGS,
} from '../../../knowledge/code/javascript.js';
import { dirnameOf, freshFolder, joinPaths, normalised, pathOfFileUrl, scratchDir, workingDirectory } from './paths.js';
import { JS_FILE_READS } from '../../../knowledge/code/file-reads.js';
import { holdsSinks, sinkByFullName } from '../../../knowledge/code/sink-names.js';
import { DYNAMODB_DOCUMENT_OPERATIONS } from '../../../knowledge/code/cloud-sdks.js';
import { awsClient, clientMethod, emitAws, paramsFromDict, serviceOfPackage, type AwsObject } from './aws.js';
import {
  cloudCall, cloudMember, cloudProviderOf, connectDatabase, envValue, GRAPHQL_BODY, httpRequest, inFolder, isSqlMethod, JS_COMPUTED_IMPORTS, passedSinks, quote, rawConnection, readFile, receiverName, remoteLibraryCall, runArgv, runProcess,
  runShellString, runSql, shellTextWithHoles, shellWord, touchFile, unresolvedMethod, unresolvedPathCall,
} from './shared.js';
import { combinations, concatValues, describeValue, dictGet, isText, obj, partsOf, str, textOf, unknown, unknownText, UNKNOWN, type Value } from '../values.js';

/** `readdirSync(dir)`: the names of dir's entries (Dirent objects and recursive listings are not followed). */
function folderListing(site: CallSite): Value {
  const options = site.args[1];
  const dir = site.args[0];
  if (!dir || (options && options.t !== 'str' && !(options.t === 'dict' && !dictGet(options, 'withFileTypes') && !dictGet(options, 'recursive')))) return UNKNOWN;
  return obj('folder.listing', { dir });
}

export const javascriptLibrary: Library = {
  argv: { path: 'process.argv', interpreter: true },
  // Bun's import.meta.dir / import.meta.path are Node's import.meta.dirname / import.meta.filename.
  located: { __dirname: 'dir', __filename: 'file', 'import.meta.dirname': 'dir', 'import.meta.filename': 'file', 'import.meta.dir': 'dir', 'import.meta.path': 'file', 'import.meta.url': 'url' },
  // The code runs on the machine Firebreak runs on (the hook's): its platform is known.
  constants: { 'path.sep': '/', 'path.posix.sep': '/', 'process.platform': process.platform },

  global(name) {
    return { t: 'path', path: name };
  },

  // `process.env.X` as a value: text from outside the code. (HOME too: the command may set it, and a
  // path under it is then judged as "anywhere", never as the scratch space a home folder may sit in.)
  memberValue(path) {
    return /^process\.env\.[^.]+$/.test(path) ? unknownText(`the environment variable ${path.slice(12)}`) : undefined;
  },

  member(receiver, name) {
    // `options.cwd` of an object literal: its entry (a name it does not have is undefined, or a method).
    if (receiver.t === 'dict') return receiver.entries.some(([k]) => k === name || k === null) ? dictGet(receiver, name) : undefined;
    if (receiver.t !== 'obj') return undefined;
    if (receiver.cls === 'js.shellresult' && SHELL_RESULT_TEXT.has(name)) return unknownText(`the output of ${textOf(receiver.props.via) ?? 'a command'}`);
    return cloudMember(receiver, name);
  },

  index(receiver, key) {
    if (receiver.t === 'path' && receiver.path === 'process.env') return envValue(textOf(key));
    // `cp[name]`, `globalThis[name]` with a name known only at run time: any of its functions.
    if (receiver.t === 'path' && textOf(key) === undefined && holdsSinks('javascript', normalise(receiver.path))) return obj('js.anymember', { of: str(receiver.path) });
    return undefined;
  },

  call(site) {
    passedSinks(site, 'javascript');
    wholeModules(site);
    if (site.fn.t === 'obj' && site.fn.cls === 'js.anymember') {
      site.emit({ kind: 'unknown', why: `calls a member of ${textOf(site.fn.props.of) ?? 'a module'} picked by a name computed at run time: it may run programs, change files or run code` });
      return UNKNOWN;
    }
    // `x.constructor.constructor('code')`, `(async () => {}).constructor('code')`: Function by another name.
    if ((site.fn.t === 'path' && /\.constructor$/.test(site.fn.path)) || site.method === 'constructor') return codeRunner(site, 'Function');
    if (site.fn.t === 'obj' && site.fn.cls === 'js.shelltag' && site.call.tagged) return shellTemplate(site, textOf(site.fn.props.path) ?? '$', site.fn.props.options);
    if (site.call.tagged && site.fn.t !== 'path' && !(site.fn.t === 'obj' && site.fn.cls === 'method')) {
      // `$(options)` of a library Firebreak cannot see, a tag returned by a call: it may run the text.
      site.emit({ kind: 'unknown', why: 'a tagged template whose tag is computed at run time: it may run the text as a command' });
      return UNKNOWN;
    }
    // `new Function('...')()`, `vm.runInThisContext('require')('child_process')`: a function made from text.
    if (site.fn.t === 'obj' && site.fn.cls === 'js.dynamic') {
      site.emit({ kind: 'unknown', why: 'calls a function built from code text at run time: what it does is not visible' });
      return UNKNOWN;
    }
    if (site.fn.t === 'path') return pathCall(site, normalise(site.fn.path));
    // `db('users')` of a knex instance: a query on that table (wave 17: `db('users').del()` passed).
    if (site.fn.t === 'obj' && site.fn.cls === 'db.connection' && site.method === undefined) return obj('knex.query', { ...site.fn.props, table: site.args[0] ?? UNKNOWN });
    const receiver = site.receiver;
    const method = site.method;
    // `sequelize.sync({ force: true })`, `User.sync({ alter: true })`: the ORM drops (or alters) its tables to match the models.
    if (method === 'sync' && site.args[0]?.t === 'dict' && ['force', 'alter'].some((k) => { const v = dictGet(site.args[0] as Value & { t: 'dict' }, k); return v !== undefined && !(v.t === 'lit' && (v.v === false || v.v === null || v.v === 0)); })) {
      site.emit({ kind: 'unknown', why: `${receiverName(site)}.sync() with force or alter drops or alters the tables of every model it knows: their rows may be lost` });
      return UNKNOWN;
    }
    if (receiver && method !== undefined) {
      if (receiver.t === 'obj') return objectMethod(site, receiver, method);
      if (receiver.t === 'str' || receiver.t === 'tmpl') return stringMethod(site, receiver, method);
      if (receiver.t === 'unknown' && receiver.text && TEXT_METHODS.has(method)) return unknownText(receiver.why ?? 'text computed at run time');
      if (receiver.t === 'list' && method === 'join') return joinList(receiver, site.args[0]);
      if (receiver.t === 'list') {
        const v = listMethod(receiver, method, site.args);
        if (v) return v;
      }
      return unresolvedMethod(site, 'javascript', receiverName(site));
    }
    return UNKNOWN;
  },
};

/**
 * A module that runs programs or changes files handed whole to a function Firebreak has not read
 * (`Object.values(cp)[0](cmd)`, `lib(require('fs'))`): which of its functions is called is not visible.
 * A function of the file takes it as a parameter and is followed; modelled calls (`promisify`) are not
 * handed the module.
 */
function wholeModules(site: CallSite): void {
  // A function of the file takes the module as a parameter, and its calls on it are followed.
  if (site.call.callee.k === 'name' && site.evaluator.program.bindings.has(site.call.callee.name)) return;
  for (const v of site.args) {
    const value = v.t === 'obj' && v.cls === 'js.anymember' ? v : v.t === 'path' && holdsSinks('javascript', normalise(v.path)) && v.path !== 'process' ? v : undefined;
    if (!value) continue;
    const name = value.t === 'path' ? value.path : textOf(value.props.of) ?? 'a module';
    site.emit({ kind: 'unknown', why: `passes ${value.t === 'path' ? `the module ${name}` : `a member of ${name} picked at run time`} whole to ${site.fn.t === 'path' ? site.fn.path : 'a function'}: which of its functions runs is not visible` });
  }
}

/** `node:fs.rmSync` -> `fs.rmSync`; `fs/promises.rm` -> `fs.promises.rm`; `globalThis.require` ->
 *  `require`; `module.require`, `require.main.require`, `process.mainModule.require` -> `require`. */
function normalise(path: string): string {
  return path
    .replace(/^(globalThis|global|window|self)\./, '')
    .replace(/^(module|require\.main|process\.mainModule|module\.constructor)\.(require|_load)$/, 'require')
    .replace(/^node:/, '').replace(/^fs\/promises(\.|$)/, 'fs.promises$1').replace(/^fs\.default\./, 'fs.').replace(/^child_process\.default\./, 'child_process.');
}

/** `require(`../packages/${name}/package.json`)`: a path that ends in `.json` is parsed as JSON data
 *  (Node picks the loader by the extension; `import()` of JSON needs `with { type: 'json' }`), so
 *  loading it runs no code, whatever folder the run-time part names. */
function loadsJsonData(spec: Value | undefined, how: string): boolean {
  if (!spec || (spec.t !== 'tmpl' && spec.t !== 'str')) return false;
  const parts = partsOf(spec);
  const first = parts[0];
  const last = parts[parts.length - 1];
  // import() also takes URLs (`data:text/javascript,...//.json` is code): only a file path there.
  if (how === 'import' && !(typeof first === 'string' && /^\.{0,2}\//.test(first))) return false;
  return typeof last === 'string' && /\.json$/i.test(last) && !last.includes('?') && !last.includes('#');
}

/** `require.resolve('@vue/consolidate/package.json', { paths })`: the file found ends in the name asked
 *  for, in a folder known only at run time. Kept only for a literal `.json` name, so that requiring
 *  it is seen to load data (loadsJsonData); anything else stays unknown. (A package's `exports` may
 *  map that name to code, as it may for `require('pkg/package.json')`: an installed package's files,
 *  which Firebreak does not read either way.) */
function resolvedJsonPath(spec: Value | undefined): Value {
  const name = spec ? textOf(spec) : undefined;
  if (name === undefined || !/\.json$/i.test(name) || /[?#]/.test(name)) return UNKNOWN;
  return concatValues([unknownText('the folder require.resolve finds it in'), str(`/${name.slice(name.lastIndexOf('/') + 1)}`)]);
}

function fileUrlPath(spec: string): string | undefined {
  try {
    return fileURLToPath(spec);
  } catch {
    return undefined;
  }
}

/** `new URL('.', import.meta.url)`: a URL resolved against a known base (its text, for fileURLToPath and `${url}`). */
function resolveUrl(input: Value | undefined, base: Value | undefined): Value {
  const i = textOf(input ?? UNKNOWN);
  const b = base ? textOf(base) : undefined;
  if (i === undefined || (base && b === undefined)) return UNKNOWN;
  try {
    return str(new URL(i, b).href);
  } catch {
    return UNKNOWN;
  }
}

/** `import(p, { with: { type: 'json' } })`: the module must be JSON (anything else fails to load), so no code runs. */
function importsAsJson(options: Value | undefined): boolean {
  const attributes = dictGet(options, 'with') ?? dictGet(options, 'assert');
  return textOf(dictGet(attributes, 'type') ?? UNKNOWN) === 'json';
}

/** Node internals that reach native code directly: what they do is not modelled. */
const NATIVE_BINDINGS: ReadonlySet<string> = new Set(['process.binding', 'process._linkedBinding', 'process.dlopen', 'process.execve']);

function pathCall(site: CallSite, path: string): Value {
  if (path === 'require' || path === 'import') {
    const spec = textOf(site.args[0] ?? UNKNOWN);
    if (spec === undefined && (loadsJsonData(site.args[0], path) || (path === 'import' && importsAsJson(site.args[1])))) return UNKNOWN;
    if (spec === undefined) {
      site.emit({ kind: 'unknown', why: `${path}(${describeValue(site.args[0] ?? UNKNOWN)}) loads a module whose name is computed at run time` });
      return UNKNOWN;
    }
    // A file named by a path the code computes (a literal one is an import the reader has already):
    // read like an import (see analyse.ts), or unknown when it is not there to read.
    const file = spec.startsWith('file:') ? fileUrlPath(spec) : spec;
    if (site.call.args[0]?.k !== 'lit' && (file === undefined || /^(\.{1,2}(\/|$)|\/)/.test(file)) && !loadsJsonData(str(file ?? spec), path)) {
      if (file === undefined) site.emit({ kind: 'unknown', why: `${path}(${spec}) loads a module from a URL Firebreak does not read` });
      else {
        const list = (site.evaluator.state.get(JS_COMPUTED_IMPORTS) as { module: string; line: number; text: string }[] | undefined) ?? [];
        site.evaluator.state.set(JS_COMPUTED_IMPORTS, [...list, { module: file, line: site.call.loc.line, text: site.call.loc.text }]);
      }
    }
    return { t: 'path', path: normalise(spec) };
  }
  if (path === 'require.resolve' || path === 'import.meta.resolve') return resolvedJsonPath(site.args[0]);
  // `cp.execSync.call(null, cmd)`, `.apply(null, [cmd])`, `.bind(null)`: the function itself.
  const through = /^(.+)\.(call|apply|bind)$/.exec(path);
  if (through) {
    const [, fn, how] = through as unknown as [string, string, 'call' | 'apply' | 'bind'];
    const sink = sinkByFullName('javascript', normalise(fn));
    if (how === 'call') return pathCall({ ...site, args: site.args.slice(1) }, fn);
    if (how === 'apply' && site.args[1]?.t === 'list') return pathCall({ ...site, args: site.args[1].items }, fn);
    if (how === 'bind' && site.args.length <= 1) return { t: 'path', path: fn };
    if (sink) site.emit({ kind: 'unknown', why: `${fn}.${how} with arguments Firebreak cannot see (${sink.kind === 'process' ? 'runs programs' : sink.kind === 'file' ? 'changes files' : 'runs code'})` });
    return UNKNOWN;
  }
  if (path === 'net.connect' || path === 'net.createConnection' || path === 'tls.connect') {
    // connect(port, host), connect({ host, port }), connect(path) for a local socket file.
    const first = site.args[0];
    const given = first?.t === 'dict' ? dictGet(first, 'host') : first?.t === 'str' && !/^\d+$/.test(first.v) ? str('localhost') : site.args[1];
    const host = given ? textOf(given) : 'localhost';
    const portValue = first?.t === 'dict' ? dictGet(first, 'port') : first;
    const port = portValue?.t === 'lit' && typeof portValue.v === 'number' ? String(portValue.v) : portValue?.t === 'str' && /^\d+$/.test(portValue.v) ? portValue.v : undefined;
    rawConnection(site, path, host, port);
    return UNKNOWN;
  }
  if (path === 'worker_threads.Worker') {
    // new Worker(code, { eval: true }) runs the text; new Worker(file) runs the file.
    const evalOption = site.args[1] ? dictGet(site.args[1], 'eval') : undefined;
    if (evalOption?.t === 'lit' && evalOption.v === true) return codeRunner(site, path);
    const script = textOf(site.args[0] ?? UNKNOWN);
    if (script === undefined || evalOption) site.emit({ kind: 'unknown', why: 'a worker thread runs code whose source is computed at run time' });
    else site.emit({ kind: 'script', path: script, via: path });
    return UNKNOWN;
  }
  // `createRequire(import.meta.url)` returns a require.
  if (path === 'module.createRequire' || path === 'createRequire' || path === 'module.createRequireFromPath') return { t: 'path', path: 'require' };
  if (path === 'util.promisify' || path === 'util.default.promisify') return site.args[0] ?? UNKNOWN;
  if (path === 'Reflect.get') {
    const key = textOf(site.args[1] ?? UNKNOWN);
    if (key === undefined) { site.emit({ kind: 'unknown', why: 'Reflect.get of a name computed at run time: which function is used is not visible' }); return UNKNOWN; }
    return site.evaluator.member(site.args[0] ?? UNKNOWN, key);
  }
  if (NATIVE_BINDINGS.has(path)) {
    site.emit({ kind: 'unknown', why: `${path} reaches Node's native bindings directly: what it does is not modelled` });
    return UNKNOWN;
  }
  if (JS_CODE_RUNNERS.has(path)) return codeRunner(site, path);
  if (path === 'os.homedir' || path === 'os.default.homedir') return str('~');
  if (JS_FILE_READS[path] !== undefined) readFile(site, JS_FILE_READS[path], path);
  const source = JS_RUNTIME_SOURCES[path];
  if (source) return unknown(source);
  if (path.startsWith('process.env.')) return envValue(path.slice(12));
  // `JSON.stringify({ query, variables })`: a GraphQL request body, kept so the request it is sent with is judged by its document.
  if (path === 'JSON.stringify' && site.args[0]?.t === 'dict' && dictGet(site.args[0], 'query')) return obj(GRAPHQL_BODY, { body: site.args[0] });
  if (path === 'String' || path === 'JSON.stringify') return site.args[0] && (textOf(site.args[0]) !== undefined || isText(site.args[0])) && path === 'String' ? site.args[0] : unknownText(`text made by ${path}`);
  if (path === 'util.parseArgs' || path === 'parseArgs') return parsedArguments(site.args[0]);
  if (path === 'process.cwd' || path === 'Deno.cwd') return workingDirectory();
  if (PATH_JOINS.has(path)) return normalised(joinPaths(site.args));
  if (path === 'path.dirname' || path === 'path.posix.dirname') return dirnameOf(site.args[0]);
  if (path === 'url.fileURLToPath' || path === 'fileURLToPath') return pathOfFileUrl(site.args[0]);
  if ((path === 'URL' || path === 'url.URL') && site.call.isNew) return resolveUrl(site.args[0], site.args[1]);
  if (path === 'os.tmpdir') return scratchDir();
  if (path === 'fs.readdirSync' || path === 'fs.promises.readdir') return folderListing(site);
  if (path === 'fs.mkdtempSync' || path === 'fs.mkdtemp' || path === 'fs.promises.mkdtemp') return freshFolder(site.args[0] ?? UNKNOWN);

  // Shell tagged templates: $`...`, Bun.$`...`, zx's $.sync`...`; `$({ cwd })` gives a tag with options.
  if (site.call.tagged && JS_SHELL_TAGS.has(path)) return shellTemplate(site, path);
  if (site.call.tagged && JS_SHELL_TAGS.has(path.replace(/\.sync$/, ''))) return shellTemplate(site, path);
  if (site.call.tagged && (path.endsWith('.$') || JS_SHELL_TAGS.has(path.slice(0, path.lastIndexOf('.'))) || JS_SHELL_LIBRARIES.has(path.split('.')[0]))) return runShellString(site, site.args[0] ?? UNKNOWN, path);
  if (!site.call.tagged && JS_SHELL_TAGS.has(path) && site.args.length === 1 && site.args[0].t === 'dict') return obj('js.shelltag', { path: str(path), options: site.args[0] });

  const process = JS_PROCESS_CALLS[path];
  if (process) return jsProcess(site, path, process);
  if (path === 'child_process.fork') {
    const script = textOf(site.args[0] ?? UNKNOWN);
    if (script === undefined) site.emit({ kind: 'unknown', why: 'child_process.fork runs a script whose path is computed at run time' });
    else site.emit({ kind: 'script', path: script, via: path });
    return UNKNOWN;
  }
  const file = JS_FILE_CALLS[path];
  if (file) return touchFile(site, file, path);

  const http = JS_HTTP_CALLS[path];
  if (http) return httpRequest(site, http, path);
  if (JS_HTTP_CLIENTS.has(path)) {
    const config = site.args[0];
    return obj('http.session', { base: dictGet(config, 'baseURL') ?? dictGet(config, 'prefixUrl') ?? str('') });
  }

  const db = JS_DB_CONNECTS[path];
  if (db) return connectDatabase(site, db, path);

  const aws = awsSdk(site, path);
  if (aws) return aws;

  const provider = cloudProviderOf(path);
  if (provider) return obj('cloud', { provider: str(provider), kind: str((path.split('.').pop() ?? '').replace(/ServiceClient$|Client$/, '').toLowerCase()), module: str(path) });
  if (remoteLibraryCall(site, path)) return UNKNOWN;
  return unresolvedPathCall(site, 'javascript', path);
}

function jsProcess(site: CallSite, path: string, spec: (typeof JS_PROCESS_CALLS)[string]): Value {
  const first = site.args[0];
  // Bun.spawn({ cmd: [...] }), Deno.run({ cmd: [...] })
  if (first?.t === 'dict' && (path.startsWith('Bun.') || path === 'Deno.run')) {
    const cmd = dictGet(first, 'cmd');
    return runProcess({ ...site, args: [cmd ?? UNKNOWN] }, { form: 'argv' }, path);
  }
  // Deno.Command(cmd, { args: [...] })
  if (path === 'Deno.Command') {
    const args = dictGet(site.args[1], 'args');
    return runProcess({ ...site, args: [first ?? UNKNOWN, args ?? { t: 'list', items: [] }] }, { form: 'argv', argsArg: 1 }, path);
  }
  const options = site.args.find((a, i) => i > 0 && a.t === 'dict');
  const shell = options ? dictGet(options, 'shell') : undefined;
  const shellFlag = !!shell && !(shell.t === 'lit' && (shell.v === false || shell.v === null));
  if (spec.argsArg !== undefined && site.args[spec.argsArg]?.t === 'dict') {
    // spawn(cmd, options) without an argument list
    return shellFlag ? runShellString(site, first ?? UNKNOWN, path) : runArgv(site, [first ?? UNKNOWN], path);
  }
  if (spec.argsArg !== undefined && first && first.t !== 'list' && !site.args[spec.argsArg] && textOf(first)?.includes(' ') && shellFlag) {
    return runShellString(site, first, path);
  }
  return runProcess(site, spec, path, shellFlag);
}

function awsSdk(site: CallSite, path: string): Value | undefined {
  const v3 = /^(@aws-sdk\/client-[a-z0-9-]+)\.([A-Za-z0-9]+)$/.exec(path);
  if (v3) {
    const service = serviceOfPackage(v3[1])!;
    const name = v3[2];
    if (name.endsWith('Command')) return awsCommand(site, service, name.slice(0, -'Command'.length));
    if (name.endsWith('Client') || /^[A-Z]/.test(name)) return awsClient(str(service), configHints(site.args[0]));
    return UNKNOWN;
  }
  const doc = /^@aws-sdk\/lib-dynamodb\.([A-Za-z]+)Command$/.exec(path);
  if (doc) return awsCommand(site, 'dynamodb', DYNAMODB_DOCUMENT_OPERATIONS[doc[1]] ?? doc[1]);
  if (path === '@aws-sdk/lib-dynamodb.DynamoDBDocumentClient.from' || path === '@aws-sdk/lib-dynamodb.DynamoDBDocument.from') {
    return awsClient(str('dynamodb'), {}, 'aws.client', { document: { t: 'lit', v: true } });
  }
  const v2 = /^aws-sdk\.([A-Z][A-Za-z0-9]*)(\.DocumentClient)?$/.exec(path);
  if (v2) return awsClient(str(v2[1]), configHints(site.args[0]), 'aws.client', v2[2] ? { document: { t: 'lit', v: true } } : {});
  const v2client = /^aws-sdk\/clients\/([a-z0-9]+)$/.exec(path);
  if (v2client) return awsClient(str(v2client[1]), configHints(site.args[0]));
  return undefined;
}

function configHints(config: Value | undefined): { region?: Value; profile?: Value; endpoint?: Value } {
  const credentials = dictGet(config, 'credentials');
  return {
    region: dictGet(config, 'region'),
    endpoint: dictGet(config, 'endpoint'),
    profile: dictGet(config, 'profile') ?? (credentials?.t === 'obj' ? credentials.props.profile : undefined),
  };
}

/** `new DeleteBucketCommand({ Bucket })`: the call happens when sent; judged where it is built. */
function awsCommand(site: CallSite, service: string, operation: string): Value {
  const params = paramsFromDict(site.args[0] ?? { t: 'dict', entries: [] });
  const before = site.evaluator.effects.length;
  emitAws(site, obj('aws.client', { service: str(service) }) as AwsObject, operation, params.params, params.unknown);
  return obj('aws.command', { effect: { t: 'lit', v: before } });
}

function objectMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  switch (receiver.cls) {
    case 'aws.client': {
      if (method === 'send') {
        const command = site.args[0];
        if (command?.t === 'obj' && command.cls === 'aws.command') {
          const index = command.props.effect?.t === 'lit' ? Number(command.props.effect.v) : -1;
          const effect = site.evaluator.effects[index];
          if (effect?.kind === 'aws') {
            const region = textOf(receiver.props.region ?? UNKNOWN);
            const endpoint = textOf(receiver.props.endpoint ?? UNKNOWN);
            const profile = textOf(receiver.props.profile ?? UNKNOWN);
            if (region) effect.region = region;
            if (endpoint) effect.endpoint = endpoint;
            if (profile) effect.profile = profile;
          }
        } else if (!command || command.t !== 'obj') {
          site.emit({ kind: 'unknown', why: `${receiverName(site)}.send() of an AWS command built elsewhere or at run time` });
        }
        return obj('aws.response');
      }
      if (receiver.props.document) {
        const op = DYNAMODB_DOCUMENT_OPERATIONS[method];
        if (op) {
          const p = paramsFromDict(site.args[0]);
          emitAws(site, receiver as AwsObject, op, p.params, p.unknown);
          return obj('aws.response');
        }
      }
      return clientMethod(site, receiver as AwsObject, method, paramsFromDict(site.args[0] ?? { t: 'dict', entries: [] }));
    }
    case 'aws.response':
    case 'aws.command':
    case 'http.response':
    case 'db.result':
      return ['promise', 'then', 'catch', 'finally', 'json', 'text', 'on', 'send', 'abort'].includes(method) ? receiver : UNKNOWN;
    case 'http.session': {
      const spec = method === 'request' ? { optionsArg: 0 } : JS_HTTP_CALLS[`axios.${method}`];
      if (!spec) return UNKNOWN;
      return httpRequest(site, spec, `${receiverName(site)}.${method}`, receiver.props.base);
    }
    case 'db.connection':
    case 'db.cursor': {
      if (site.call.tagged) return runSql(site, receiver, site.args[0], `${receiverName(site)}\`...\``);
      if (['connect', 'getConnection', 'promise', 'acquire', 'transaction', 'begin'].includes(method)) return obj('db.cursor', receiver.props);
      if (method === 'prepare') return obj('db.statement', { ...receiver.props, sql: site.args[0] ?? UNKNOWN });
      if (isSqlMethod(method)) {
        const sql = site.args[0]?.t === 'dict' ? dictGet(site.args[0], 'text') ?? dictGet(site.args[0], 'sql') : site.args[0];
        return runSql(site, receiver, sql, `${receiverName(site)}.${method}`);
      }
      if (method === 'schema') return obj('knex.schema', receiver.props);
      if (['table', 'from', 'into', 'queryBuilder'].includes(method)) return obj('knex.query', { ...receiver.props, table: site.args[0] ?? UNKNOWN });
      if (method === 'drop' || method === 'dropAllSchemas' || method === 'truncate') {
        site.emit({ kind: 'unknown', why: `${receiverName(site)}.${method}() drops or empties every table the ORM knows` });
        return UNKNOWN;
      }
      return UNKNOWN;
    }
    case 'db.statement':
      if (['run', 'all', 'get', 'iterate', 'execute', 'exec'].includes(method)) return runSql(site, receiver, receiver.props.sql, `${receiverName(site)}.${method}`);
      return UNKNOWN;
    case 'knex.query': {
      // A knex query builder: a where clause bounds what a later delete or update touches.
      if (/^(where|andWhere|orWhere|whereIn|whereNot|whereRaw|whereNull|whereNotNull|whereBetween|whereExists|whereLike|first|limit|join|innerJoin|leftJoin)$/.test(method)) return obj('knex.query', { ...receiver.props, bounded: str('yes') });
      const table = textOf(receiver.props.table ?? UNKNOWN);
      const bounded = receiver.props.bounded !== undefined;
      const statement = method === 'truncate' ? `TRUNCATE ${table}` : (method === 'del' || method === 'delete') && !bounded ? `DELETE FROM ${table}` : method === 'update' && !bounded ? `UPDATE ${table} SET x = 1` : undefined;
      if (statement === undefined) return /^(select|pluck|count|min|max|sum|avg|columns|column|orderBy|groupBy|offset|as|distinct|then|toString|toSQL|clone)$/.test(method) ? receiver : UNKNOWN;
      if (table === undefined) site.emit({ kind: 'unknown', why: `knex ${method}() of a table computed at run time, without a where clause` });
      else runSql(site, receiver, str(statement), `${receiverName(site)}.${method}`);
      return UNKNOWN;
    }
    case 'knex.schema': {
      const table = textOf(site.args[0] ?? UNKNOWN);
      if (/^drop/.test(method)) {
        if (table === undefined) site.emit({ kind: 'unknown', why: `knex schema.${method} of a table computed at run time` });
        else runSql(site, receiver, str(`DROP TABLE ${table}`), `schema.${method}`);
      }
      return UNKNOWN;
    }
    case 'cloud':
      return cloudCall(site, receiver, method);
    case 'js.shellresult':
      // `$\`...\`.quiet().nothrow()` is the same command; `.text()` its output. `.cwd()` / `.env()`
      // make the code one that changes where commands run (see working-directory.ts).
      if (SHELL_RESULT_TEXT.has(method)) return unknownText(`the output of ${textOf(receiver.props.via) ?? 'a command'}`);
      return SHELL_RESULT_CHAIN.has(method) ? receiver : UNKNOWN;
    case 'folder.listing':
      return listMethod(receiver, method, site.args) ?? UNKNOWN;
    default:
      return unresolvedMethod(site, 'javascript', receiverName(site));
  }
}

function stringMethod(site: CallSite, receiver: Value, method: string): Value {
  const text = textOf(receiver);
  switch (method) {
    case 'concat': return concatValues([receiver, ...site.args]);
    case 'trim': case 'toString': case 'valueOf': return text === undefined ? receiver : str(method === 'trim' ? text.trim() : text);
    case 'toLowerCase': return text === undefined ? UNKNOWN : str(text.toLowerCase());
    case 'toUpperCase': return text === undefined ? UNKNOWN : str(text.toUpperCase());
    case 'replace': case 'replaceAll': {
      const a = textOf(site.args[0] ?? UNKNOWN);
      const b = textOf(site.args[1] ?? UNKNOWN);
      return text !== undefined && a !== undefined && b !== undefined ? str(method === 'replace' ? text.replace(a, b) : text.split(a).join(b)) : UNKNOWN;
    }
    default: return UNKNOWN;
  }
}

const EMPTY_STAYS_EMPTY: ReadonlySet<string> = new Set(['filter', 'sort', 'toSorted', 'reverse', 'toReversed', 'slice', 'map', 'flatMap', 'flat']);

/** Array methods whose result is still known: `argv.slice(2)`; a folder listing stays "some of its
 *  entries" when filtered, sorted or cut. */
function listMethod(receiver: Value, method: string, args: Value[]): Value | undefined {
  const n = (i: number) => (args[i]?.t === 'lit' && typeof args[i].v === 'number' ? args[i].v : undefined);
  if (receiver.t === 'obj') return ['filter', 'sort', 'toSorted', 'reverse', 'toReversed', 'slice'].includes(method) ? receiver : undefined;
  if (receiver.t !== 'list') return undefined;
  // An empty list filtered, sorted, mapped or cut is still empty (a function's `return []` fallback).
  if (!receiver.items.length && EMPTY_STAYS_EMPTY.has(method)) return receiver;
  if (method === 'slice' && (args.length === 0 || n(0) !== undefined) && (args.length < 2 || n(1) !== undefined)) return { t: 'list', items: receiver.items.slice(n(0) ?? 0, n(1)) };
  if (method === 'concat' && args.every((a) => a.t === 'list')) return { t: 'list', items: [...receiver.items, ...args.flatMap((a) => (a.t === 'list' ? a.items : []))] };
  return undefined;
}

function joinList(list: Value & { t: 'list' }, sep: Value | undefined): Value {
  const s = sep ? textOf(sep) : ',';
  if (s === undefined) return UNKNOWN;
  const parts: Value[] = [];
  list.items.forEach((v, i) => { if (i) parts.push(str(s)); parts.push(v); });
  return concatValues(parts);
}

function codeRunner(site: CallSite, path: string): Value {
  const arg = path === 'Function' || path === 'vm.compileFunction' ? site.args[site.args.length - 1] : site.args[0];
  if ((path === 'setTimeout' || path === 'setInterval' || path === 'setImmediate') && arg?.t !== 'str' && arg?.t !== 'tmpl') return UNKNOWN;
  if (path === 'Reflect.apply') return UNKNOWN;
  const text = arg ? textOf(arg) : undefined;
  if (text === undefined) {
    site.emit({ kind: 'unknown', why: `${path} runs code computed at run time${arg?.t === 'unknown' && arg.why ? ` (from ${arg.why})` : ''}: what it does is not visible` });
    return UNKNOWN;
  }
  site.emit({ kind: 'code', language: 'javascript', text, via: path });
  // Function('...') and vm.* return what the text builds: calling that is not judged by the text alone.
  return path === 'Function' || path.startsWith('vm.') ? obj('js.dynamic') : UNKNOWN;
}

/** Node's path functions that join and normalise their arguments (path.resolve from the working directory). */
const PATH_JOINS: ReadonlySet<string> = new Set([
  'path.join', 'path.resolve', 'path.normalize', 'path.posix.join', 'path.posix.resolve', 'path.posix.normalize',
  'path.default.join', 'path.default.resolve', 'path.default.normalize',
]);

/** Options of `$({ ... })` that change nothing about what the command is or where it runs. */
const QUIET_TAG_OPTIONS: ReadonlySet<string> = new Set([
  'stdio', 'quiet', 'verbose', 'nothrow', 'reject', 'timeout', 'timeoutSignal', 'killSignal', 'signal', 'input', 'stdin', 'stdout', 'stderr',
  'encoding', 'all', 'buffer', 'lines', 'stripFinalNewline', 'maxBuffer', 'halt', 'sync',
]);

/**
 * A shell tagged template of a library that escapes what it interpolates (Bun Shell, zx, execa,
 * dax): the text between the substitutions is the command, and each substitution is one quoted word
 * (an array: one word per element). So the program and the words are known and only some arguments
 * are run-time values. Only a value known to be text is escaped for sure: Bun inserts an object
 * `{ raw }` unescaped, and any value of unknown type may be one; a program that changes the quoting
 * (`$.quote = ...`), an option that changes the shell, the prefix or how it spawns, keeps the
 * command "built at run time".
 */
function shellTemplate(site: CallSite, path: string, options?: Value): Value {
  const pieces = site.call.pieces;
  const values = site.args.slice(1);
  const whole = site.args[0] ?? UNKNOWN;
  const unescaped = (why: string): Value => {
    if (textOf(whole) !== undefined) return runShellString(site, whole, path);
    site.emit({ kind: 'shell', text: shellTextWithHoles(whole), via: path });
    site.emit({ kind: 'unknown', why: `${path} runs a command built at run time (${describeValue(whole)}): ${why}, so what runs is not visible` });
    return UNKNOWN;
  };
  if (!pieces || pieces.length !== values.length + 1) return unescaped('the template could not be split into its text and values');
  if (quotingChanged(site)) return unescaped('the code changes how the library quotes what it interpolates');
  let folder: Value | undefined;
  if (options) {
    if (options.t !== 'dict') return unescaped('options computed at run time');
    for (const [key, value] of options.entries) {
      if (key === 'cwd') folder = value;
      else if (key === null || !QUIET_TAG_OPTIONS.has(key)) return unescaped(`the option ${key ?? '(computed at run time)'} may change the shell, the quoting or what runs`);
    }
  }
  const combos = combinations(values);
  if (!combos) {
    site.emit({ kind: 'unknown', why: `${path} runs a command with one of too many values to follow` });
    return UNKNOWN;
  }
  const result = obj('js.shellresult', { via: str(path) });
  for (const combo of combos) {
    let text = pieces[0];
    let opaque: Value | undefined;
    combo.forEach((v, i) => {
      const w = escapedWords(v);
      if (w === undefined) opaque ??= v;
      text += (w ?? shellWord(UNKNOWN)) + pieces[i + 1];
    });
    if (folder) text = inFolder(text, textOf(folder));
    site.emit({ kind: 'shell', text, via: path });
    if (opaque) {
      site.emit({ kind: 'unknown', why: `${path} runs a command built at run time ('${text.slice(0, 120)}'): it interpolates ${describeValue(opaque)}, which may be an object whose text is inserted unescaped ({ raw }), so what runs is not visible` });
    }
  }
  return result;
}

/** Members and methods of a shell command's result that are its output as text. */
const SHELL_RESULT_TEXT: ReadonlySet<string> = new Set(['text', 'stdout', 'stderr']);
/** Methods of a shell command's result that return the same command. */
const SHELL_RESULT_CHAIN: ReadonlySet<string> = new Set(['quiet', 'nothrow', 'throws', 'cwd', 'env', 'then', 'catch', 'finally', 'verbose', 'timeout']);
/** String methods whose result is text again. */
const TEXT_METHODS: ReadonlySet<string> = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'slice', 'substring', 'padStart', 'padEnd', 'normalize', 'toString', 'valueOf', 'at', 'charAt', 'concat', 'repeat']);

/**
 * node:util's `parseArgs({ options })`: `values` holds, for each option declared `type: 'string'`,
 * text (or undefined); `multiple` options are lists; booleans are true or false. Anything else the
 * call does not declare is unknown.
 */
function parsedArguments(config: Value | undefined): Value {
  const options = dictGet(config, 'options');
  if (!options || options.t !== 'dict') return UNKNOWN;
  const entries: [string | null, Value][] = [];
  for (const [name, spec] of options.entries) {
    if (name === null) return UNKNOWN;
    const type = textOf(dictGet(spec, 'type') ?? UNKNOWN);
    const multiple = dictGet(spec, 'multiple');
    if (multiple && !(multiple.t === 'lit' && multiple.v === false)) entries.push([name, unknown(`the --${name} options given`)]);
    else if (type === 'string') entries.push([name, unknownText(`the --${name} option`)]);
    else if (type === 'boolean') entries.push([name, { t: 'alt', options: [{ t: 'lit', v: true }, { t: 'lit', v: false }] }]);
    else entries.push([name, unknown(`the --${name} option`)]);
  }
  return { t: 'dict', entries: [['values', { t: 'dict', entries }], ['positionals', unknown('the positional arguments')]] };
}

/** A value interpolated into an escaping shell tag as the words it becomes; undefined when it may not be text. */
function escapedWords(v: Value): string | undefined {
  if (v.t === 'lit') return v.v === null ? undefined : quote(String(v.v));
  // `process.env.X` read as a member (not through a call): an environment variable is text.
  if (v.t === 'path' && /^(process\.env|Bun\.env|import\.meta\.env)\.[^.]+$/.test(v.path)) return shellWord(UNKNOWN);
  if (isText(v)) return shellWord(v);
  if (v.t === 'list') {
    const words = v.items.map(escapedWords);
    return words.every((w) => w !== undefined) ? words.join(' ') : undefined;
  }
  return undefined;
}

/** `$.quote = ...` (zx), `$.escape = ...`, or any assignment to a `quote` of something. */
function quotingChanged(site: CallSite): boolean {
  for (const name of site.evaluator.program.bindings.keys()) if (/(^|\.)(quote|escape|prefix|postfix|shell|spawn)$/.test(name) && name.includes('.')) return true;
  return false;
}
