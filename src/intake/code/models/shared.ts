// Library behaviour every language shares: running programs, touching files, HTTP, SQL, cloud
// SDK calls, unmodelled remote libraries, and calls on objects Firebreak cannot resolve.
import { dataStoreProtocol } from '../../../knowledge/data-stores/redis.js';
import type { CallSite, Evaluator, ExternalCall } from '../evaluate.js';
import type { DbConnect, FileCall, HttpCall, ProcessCall } from '../../../knowledge/code/effects.js';
import { CLOUD_DELETE_METHOD, CLOUD_READ_METHOD, CLOUD_SDK_MODULES, CLOUD_TARGET_NOUNS } from '../../../knowledge/code/cloud-sdks.js';
import { DESTRUCTIVE_METHOD, LOCAL_METHOD_NAMES, PUBLISHING_METHOD, SQL_METHODS, SQL_STATEMENT_SHAPE, SQL_TEXT } from '../../../knowledge/code/methods.js';
import { remoteLibraryFor } from '../../../knowledge/code/remote-libraries.js';
import { SINK_NAMES, sinkByFullName, type Sink } from '../../../knowledge/code/sink-names.js';
import { asPath } from './paths.js';
import { RUNTIME_VARIABLE } from '../../shell/path-resolve.js';
import { concatValues, describeValue, dictGet, FOLDER_ENTRY, jsonOf, obj, partsOf, str, textOf, unknown, unknownText, UNKNOWN, type Value } from '../values.js';

/** The shell spelling of an unknown part: a variable nobody set, so shell rules see "computed at run time". */
export { RUNTIME_VARIABLE };

/** One value as one shell word: literal parts single-quoted, run-time parts as `"${RUNTIME_VALUE}"`. */
export function shellWord(v: Value): string {
  return partsOf(v).map((p) => (p === null ? `"\${${RUNTIME_VARIABLE}}"` : quoteWithEntries(p))).join('') || "''";
}

/** A literal part, with each folder entry spelled as the unquoted glob `*` (some name in that folder). */
function quoteWithEntries(p: string): string {
  if (!p.includes(FOLDER_ENTRY)) return quote(p);
  return p.split(FOLDER_ENTRY).map((s) => (s ? quote(s) : '')).join('*');
}

export function quote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Shell text with run-time parts as variables (for a command string built at run time). */
export function shellTextWithHoles(v: Value): string {
  return partsOf(v).map((p) => (p === null ? `"\${${RUNTIME_VARIABLE}}"` : p.split(FOLDER_ENTRY).join(`"\${${RUNTIME_VARIABLE}}"`))).join('');
}

export function isFullyKnown(v: Value | undefined): v is Value {
  return !!v && textOf(v) !== undefined;
}

// ---------------------------------------------------------------- processes

/** Emits what a process call runs. */
export function runProcess(given: CallSite, spec: ProcessCall, via: string, shellFlag = false): Value {
  const site = inWorkingDirectory(given);
  const first = spec.keyword !== undefined ? site.arg(spec.arg ?? 0, spec.keyword) : site.args[spec.arg ?? 0];
  if (spec.form === 'rest') return runArgv(site, site.args.slice(spec.arg ?? 0), via);
  if (!first) {
    site.emit({ kind: 'unknown', why: `${via} with a command Firebreak cannot see` });
    return UNKNOWN;
  }
  if (spec.argsArg !== undefined) {
    const rest = site.args[spec.argsArg];
    const list = rest?.t === 'list' ? rest.items : rest ? null : [];
    if (list === null) {
      if (shellFlag) runShellString(site, first, via);
      else runArgv(site, [first], via);
      site.emit({ kind: 'unknown', why: `${via} with arguments computed at run time` });
      return UNKNOWN;
    }
    if (shellFlag) return runShellString(site, concatWithSpaces([first, ...list]), via);
    return runArgv(site, [first, ...list], via);
  }
  if (first.t === 'list') {
    if (shellFlag) return runShellString(site, first.items[0] ?? UNKNOWN, via);
    return runArgv(site, first.items, via);
  }
  if (spec.form === 'argv') {
    site.emit({ kind: 'unknown', why: `${via} with an argument list computed at run time` });
    return UNKNOWN;
  }
  return runShellString(site, first, via);
}

/**
 * A process started in another folder (`cwd=` in Python, `{ cwd }` in Node, `chdir:` in Ruby):
 * what it runs is walked from there, a folder known only at run time when the value is not text.
 */
function inWorkingDirectory(site: CallSite): CallSite {
  const options = [...site.args, ...site.kwargs.values()].filter((v): v is Extract<Value, { t: 'dict' }> => v.t === 'dict');
  // The last entry wins (`{ cwd: '.', ...options }` runs where options say); an unknown key may be cwd.
  const cwd = site.kwargs.get('cwd') ?? site.kwargs.get('chdir') ?? options.flatMap((o) => o.entries.filter(([k]) => k === 'cwd' || k === 'chdir' || k === null).map(([k, v]) => (k === null ? UNKNOWN : v))).at(-1);
  if (!cwd) return site;
  const folder = textOf(cwd);
  return { ...site, arg: site.arg.bind(site), emit: (effect) => site.emit(effect.kind === 'shell' ? { ...effect, text: inFolder(effect.text, folder) } : effect) };
}

/** Shell text run after `cd` to `folder`, or to a folder known only at run time when it is undefined. */
export function inFolder(text: string, folder: string | undefined): string {
  return `cd ${folder !== undefined ? quote(folder) : `"\${${RUNTIME_VARIABLE}}"`} && ${text}`;
}

function concatWithSpaces(values: Value[]): Value {
  const parts: (string | null)[] = [];
  values.forEach((v, i) => {
    if (i) parts.push(' ');
    parts.push(...partsOf(v));
  });
  return parts.every((p) => p !== null) ? str(parts.join('')) : { t: 'tmpl', parts };
}

export function runShellString(site: CallSite, command: Value, via: string): Value {
  const text = textOf(command);
  if (text !== undefined) {
    site.emit({ kind: 'shell', text, via });
    return UNKNOWN;
  }
  if (command.t === 'tmpl') {
    site.emit({ kind: 'shell', text: shellTextWithHoles(command), via });
    site.emit({ kind: 'unknown', why: `${via} runs a command built at run time (${describeValue(command)}): what runs is not visible` });
    return UNKNOWN;
  }
  site.emit({ kind: 'unknown', why: `${via} runs a command built at run time${command.t === 'unknown' && command.why ? ` (from ${command.why})` : ''}: what runs is not visible` });
  return UNKNOWN;
}

export function runArgv(site: CallSite, given: Value[], via: string): Value {
  // A pathlib object in an argument list is its path (`[config.protoc, '--out', out_dir]`).
  const argv = given.map(asPath);
  const program = argv[0];
  if (!program || textOf(program) === undefined) {
    site.emit({ kind: 'unknown', why: `${via} runs a program whose name is computed at run time` });
    return UNKNOWN;
  }
  if (argv.some((a) => a.t === 'list')) {
    site.emit({ kind: 'unknown', why: `${via} with arguments computed at run time` });
  }
  site.emit({ kind: 'shell', text: argv.filter((a) => a.t !== 'list').map(argvWords).join(' '), via });
  return UNKNOWN;
}

/** One argument as shell words; items spread from a run-time value are any number of words, spelled
 *  as two run-time words (one may fill an option's value, the next is then a word of its own). */
function argvWords(v: Value): string {
  return v.t === 'unknown' && v.items ? `${shellWord(UNKNOWN)} ${shellWord(UNKNOWN)}` : shellWord(v);
}

// ---------------------------------------------------------------- files

export function touchFile(site: CallSite, spec: FileCall, via: string, pathValue?: Value): Value {
  const given = pathValue ?? (spec.keyword !== undefined ? site.arg(spec.arg ?? 0, spec.keyword) : site.args[spec.arg ?? 0]);
  if (!given) return UNKNOWN;
  const path = asPath(given);
  if (spec.op === 'open') {
    const mode = spec.modeKeyword !== undefined ? site.arg(spec.modeArg ?? 1, spec.modeKeyword) : site.args[spec.modeArg ?? 1];
    const m = mode ? textOf(mode) : 'r';
    if (m === undefined) {
      site.emit({ kind: 'file', op: 'write', path, via: `${via} with a mode computed at run time` });
    } else if (/[wx]|\+/.test(m) || /O_(WRONLY|RDWR|TRUNC|CREAT)/.test(m)) {
      site.emit({ kind: 'file', op: /a/.test(m) && !/w/.test(m) ? 'append' : 'write', path, via });
      if (/w/.test(m) && !/a/.test(m) && writesNothing(site)) site.emit({ kind: 'file', op: 'truncate', path, via });
    } else if (/a/.test(m)) {
      site.emit({ kind: 'file', op: 'append', path, via });
    } else {
      site.emit({ kind: 'file', op: 'read', path, via });
    }
    return obj('file', { path });
  }
  if (spec.op === 'chmod') {
    // `os.chmod(p, 0o600)`, `fs.chmodSync(p, '755')`: judged as `chmod MODE p`, a mode computed at run time as any mode.
    const given = spec.modeKeyword !== undefined ? site.arg(spec.modeArg ?? 1, spec.modeKeyword) : site.args[spec.modeArg ?? 1];
    const mode = given?.t === 'lit' && typeof given.v === 'number' ? given.v.toString(8) : given ? textOf(given) : undefined;
    site.emit({ kind: 'file', op: 'chmod', path, via, ...(mode !== undefined && /^[0-7]{1,4}$/.test(mode) ? { mode } : {}) });
    return UNKNOWN;
  }
  if (spec.op === 'move' || spec.op === 'copy') {
    const to = asPath(site.args[spec.to ?? 1] ?? UNKNOWN);
    site.emit({ kind: 'file', op: spec.op, path, to, via });
    return UNKNOWN;
  }
  let recursive = spec.recursive ?? false;
  if (spec.recursiveOption) {
    const options = site.args.find((a) => a.t === 'dict');
    const flag = options ? dictGet(options, spec.recursiveOption) : site.kwargs.get(spec.recursiveOption);
    if (flag && !(flag.t === 'lit' && flag.v === false)) recursive = true;
  }
  // `rm('')`, `rmtree('')` fail (no such file): the empty alternative of `let dir = ''; ... dir = mkdtemp()` deletes nothing.
  if (spec.op === 'delete' && textOf(path) === '') return UNKNOWN;
  // `writeFileSync(f, '')`, `Path(f).write_text('')`: writing nothing empties the file, judged as truncating it.
  const data = spec.op === 'write' && spec.dataArg !== undefined ? site.args[spec.dataArg] : undefined;
  if (data !== undefined && textOf(data) === '') site.emit({ kind: 'file', op: 'truncate', path, via });
  site.emit({ kind: 'file', op: spec.op, path, recursive, via });
  return UNKNOWN;
}

/** Code that opens a file for writing (which empties it) and shows no way of putting anything in it:
 *  no write, print, dump, copy or stream call anywhere in its text (`open(p, 'w')`, `with open(p, 'w'): pass`). */
export function writesNothing(site: CallSite): boolean {
  const source = site.evaluator.context.source;
  if (source === undefined || source.length > 2000) return false;
  const rest = source.replace(/\bopen(Sync)?\s*\(/g, '').replace(/\bwith\b[^:\n]*:\s*pass\b/g, '');
  return !/write|print|say|put|dump|save|copy|pipe|stream|send|fill|flush|emit|log|handler|std(out|err)|fileno|file\s*=|to_\w+\s*\(|>>|<</i.test(rest);
}

/** A raw socket to `host` (a TCP connection, a Redis or database port spoken to by hand): the
 *  protocol is not visible, so a connection beyond this machine is unknown. */
export function rawConnection(site: CallSite, via: string, host: string | undefined, port?: string): void {
  // This machine's own servers, but not a text-protocol data store's port there (FLUSHALL to the local
  // Redis in one line); a binary database protocol is not typed by hand (a readiness probe connects and closes).
  const store = port !== undefined ? dataStoreProtocol(port) : undefined;
  const local = host !== undefined && /^(localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0|)$/.test(host);
  if (local && (store === undefined || store === 'binary')) return;
  site.emit({ kind: 'unknown', why: `${via} opens a raw connection to ${host ?? 'a host computed at run time'}${local ? `:${port} (a ${store} data store's port)` : ''}: what it sends is not modelled` });
}

/** A call that reads a file (`fs.readFileSync(p)`, `File.read(p)`): judged like `cat p`. */
export function readFile(site: CallSite, arg: number, via: string): void {
  const path = site.args[arg];
  if (path) site.emit({ kind: 'file', op: 'read', path, via });
}

// ---------------------------------------------------------------- HTTP

export function httpRequest(site: CallSite, spec: HttpCall, via: string, base?: Value): Value {
  let url = spec.urlKeyword !== undefined ? site.arg(spec.urlArg ?? 0, spec.urlKeyword) : site.args[spec.urlArg ?? 0];
  // `https.request({ hostname, method: 'DELETE' })`: the options come first, in place of the URL.
  const options = (spec.optionsArg !== undefined ? site.args[spec.optionsArg] : undefined) ?? (url?.t === 'dict' ? url : undefined);
  if ((!url || url.t === 'dict') && options && options !== url) url = dictGet(options, 'url') ?? dictGet(options, 'uri');
  if (url?.t === 'dict') url = dictGet(url, 'url') ?? urlFromParts(url) ?? UNKNOWN;
  if (url?.t === 'obj' && url.cls === 'http.request') return sendPrepared(site, url, via);
  let method = spec.method ?? (spec.methodArg !== undefined ? textOf(site.arg(spec.methodArg, 'method') ?? UNKNOWN) : undefined);
  const optionMethod = options ? textOf(dictGet(options, 'method') ?? UNKNOWN) : textOf(site.kwargs.get('method') ?? UNKNOWN);
  if (optionMethod) method = optionMethod;
  if (spec.method === undefined && spec.methodArg !== undefined && method === undefined) {
    site.emit({ kind: 'unknown', why: `${via} with an HTTP method computed at run time` });
    return UNKNOWN;
  }
  if (!url) return UNKNOWN;
  if (base && textOf(url) !== undefined && !/^[a-z]+:\/\//i.test(textOf(url)!)) url = joinUrl(base, url);
  const bodyValue = site.kwargs.get('json') ?? site.kwargs.get('data') ?? (options ? dictGet(options, 'body') ?? dictGet(options, 'data') ?? dictGet(options, 'json') : undefined);
  // One request per document a GraphQL body may carry (`json={"query": query}` with query one of several).
  for (const body of bodyValue ? bodyTexts(bodyValue) : [undefined]) {
    site.emit({ kind: 'http', method: (method ?? 'GET').toUpperCase(), url, ...(body !== undefined ? { body } : {}), via });
  }
  return obj('http.response');
}

/** Node's `https.request({ host, path, method })`: the URL from its parts. */
function urlFromParts(options: Value): Value | undefined {
  const host = dictGet(options, 'hostname') ?? dictGet(options, 'host');
  if (!host) return undefined;
  const protocol = textOf(dictGet(options, 'protocol') ?? UNKNOWN)?.replace(/:$/, '') ?? 'https';
  const port = dictGet(options, 'port');
  return concatValues([str(`${protocol}://`), host, ...(port ? [str(':'), port] : []), dictGet(options, 'path') ?? str('/')]);
}

function sendPrepared(site: CallSite, request: Value & { t: 'obj' }, via: string): Value {
  site.emit({ kind: 'http', method: (textOf(request.props.method) ?? 'GET').toUpperCase(), url: request.props.url ?? UNKNOWN, via });
  return obj('http.response');
}

export function joinUrl(base: Value, path: Value): Value {
  const b = partsOf(base);
  const p = partsOf(path);
  const last = b[b.length - 1];
  const first = p[0];
  if (typeof last === 'string' && typeof first === 'string' && last.endsWith('/') && first.startsWith('/')) return { t: 'tmpl', parts: [...b.slice(0, -1), last + first.slice(1), ...p.slice(1)] };
  const parts = [...b, ...p];
  return parts.every((x) => x !== null) ? str(parts.join('')) : { t: 'tmpl', parts };
}

/** A JSON text made from a GraphQL request (`JSON.stringify({ query, variables })`): the request object. */
export const GRAPHQL_BODY = 'json.graphql';

function bodyTexts(v: Value): (string | undefined)[] {
  if (v.t === 'obj' && v.cls === GRAPHQL_BODY && v.props.body) return bodyTexts(v.props.body);
  const t = textOf(v);
  if (t !== undefined) return [t];
  const j = jsonOf(v);
  if (j !== undefined) return [JSON.stringify(j)];
  return graphqlBodies(v) ?? [undefined];
}

/**
 * A GraphQL request whose document is known text: the document says what it does (a query reads; a
 * mutation is judged by its name), while variables computed at run time only name its targets, so
 * they are sent as null (a mutation then has no known target, which never makes it pass).
 */
function graphqlBodies(v: Value): string[] | undefined {
  if (v.t !== 'dict' || v.entries.some(([k]) => k === null)) return undefined;
  const query = dictGet(v, 'query') ?? UNKNOWN;
  // A document picked among known texts (a helper called with each of them) is each of them; one
  // unknown option leaves the whole body unknown.
  const documents = (query.t === 'alt' ? query.options : [query]).map((d) => textOf(d));
  if (!documents.length || documents.some((d) => d === undefined)) return undefined;
  return documents.map((document) => {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v.entries) out[k as string] = k === 'query' ? document : jsonOf(val) ?? null;
    return JSON.stringify(out);
  });
}

// ---------------------------------------------------------------- SQL

export function connectDatabase(site: CallSite, spec: DbConnect, driver: string): Value {
  const dsn = spec.dsnArg !== undefined ? site.args[spec.dsnArg] : undefined;
  const options = site.args.find((a) => a.t === 'dict');
  const pick = (keys: string[] | undefined) => {
    for (const k of keys ?? []) {
      const v = site.kwargs.get(k) ?? (options ? dictGet(options, k) : undefined);
      if (v) return v;
    }
    return undefined;
  };
  const url = pick(spec.urlKeys) ?? (spec.client === 'url' || (dsn && /:\/\//.test(textOf(dsn) ?? '')) ? dsn : undefined);
  const props: Record<string, Value> = { driver: str(driver) };
  let client: string = spec.client;
  if (url) {
    const u = textOf(url);
    props.url = url;
    if (u) {
      const scheme = /^([a-z0-9+]+):/i.exec(u)?.[1]?.toLowerCase() ?? '';
      client = scheme.startsWith('sqlite') ? 'sqlite3' : scheme.startsWith('mysql') || scheme.startsWith('mariadb') ? 'mysql' : 'psql';
      const m = /^[a-z0-9+]+:\/\/(?:[^@/]*@)?([^/:?]+)?(?::\d+)?\/?([^?]*)/i.exec(u);
      if (client === 'sqlite3') props.database = str(u.replace(/^[a-z0-9+]+:\/\/\/?/i, '') || ':memory:');
      else {
        if (m?.[1]) props.host = str(m[1]);
        if (m?.[2]) props.database = str(m[2]);
      }
    } else if (spec.client === 'url') client = 'psql';
  } else if (dsn && spec.client === 'sqlite3') {
    props.database = dsn;
  } else if (dsn && spec.client === 'psql') {
    const text = textOf(dsn) ?? '';
    const host = /host=(\S+)/.exec(text)?.[1];
    const db = /dbname=(\S+)/.exec(text)?.[1];
    if (host) props.host = str(host);
    if (db) props.database = str(db);
  }
  const host = pick(spec.hostKeys);
  const database = pick(spec.databaseKeys);
  if (host) props.host = host;
  if (database) props.database = database;
  props.client = str(client === 'url' ? 'psql' : client);
  return obj('db.connection', props);
}

/** Runs SQL text through a database object (connection, cursor, engine, pool). */
export function runSql(site: CallSite, db: Value & { t: 'obj' }, sqlValue: Value | undefined, via: string): Value {
  const client = (textOf(db.props.client) ?? 'psql') as 'psql' | 'mysql' | 'sqlite3';
  const host = textOf(db.props.host);
  const database = textOf(db.props.database);
  const sql = sqlValue && sqlValue.t === 'obj' && sqlValue.cls === 'sql.text' ? sqlValue.props.text : sqlValue;
  const text = sql ? textOf(sql) : undefined;
  if (text === undefined) {
    if (sql && sql.t === 'tmpl') {
      site.emit({ kind: 'sql', client, statement: sql.parts.map((p) => p ?? '?').join(''), ...(host ? { host } : {}), ...(database ? { database } : {}), via });
    }
    site.emit({ kind: 'unknown', why: `${via} sends SQL built at run time${sql?.t === 'tmpl' ? ` (${describeValue(sql)})` : ''}: what it does is not visible` });
    return obj('db.result');
  }
  site.emit({ kind: 'sql', client, statement: text, ...(host ? { host } : {}), ...(database ? { database } : {}), via });
  return obj('db.result');
}

export function isSqlMethod(name: string | undefined): boolean {
  return !!name && SQL_METHODS.has(name);
}

export function looksLikeSql(text: string | undefined, strong: boolean): boolean {
  return text !== undefined && (strong ? SQL_STATEMENT_SHAPE : SQL_TEXT).test(text);
}

// ---------------------------------------------------------------- Google Cloud / Azure

export function cloudProviderOf(path: string): 'gcp' | 'azure' | undefined {
  return CLOUD_SDK_MODULES.find((m) => path === m.prefix || path.startsWith(`${m.prefix}.`) || path.startsWith(m.prefix.endsWith('/') ? m.prefix : `${m.prefix}/`) || path.startsWith(`${m.prefix}::`))?.provider;
}

/** `client.resource_groups`, `compute.instances`: an attribute of a Google Cloud / Azure object is one of that kind. */
export function cloudMember(receiver: Value, name: string): Value | undefined {
  if (receiver.t !== 'obj' || receiver.cls !== 'cloud' || /^[A-Z_]+$/.test(name)) return undefined;
  return obj('cloud', { provider: receiver.props.provider ?? str('gcp'), kind: str(name) });
}

/** A call on a Google Cloud / Azure SDK object: deletes are deletes of the thing it names, reads pass, the rest is unknown. */
export function cloudCall(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  const provider = textOf(receiver.props.provider) as 'gcp' | 'azure';
  const kind = textOf(receiver.props.kind) ?? '';
  const id = textOf(receiver.props.id);
  const snake = method.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const noun = snake.replace(/^(begin_)?(delete|get|list|create|purge|drop|destroy|remove)_?/, '').replace(/_if_exists$/, '');
  const targetNoun = noun || kind;
  const targetType = `${provider}:${CLOUD_TARGET_NOUNS[targetNoun] ?? CLOUD_TARGET_NOUNS[kind] ?? (targetNoun || 'resource')}`;
  const firstArg = textOf(site.args[0] ?? UNKNOWN) ?? textOf(site.kwargs.get('name') ?? UNKNOWN);
  const namedArg = [...site.kwargs.entries()].map(([k, v]) => [k, textOf(v)] as const).find(([k, v]) => v !== undefined && /name|instance|bucket|table|dataset|resource_group|vm|id$/i.test(k))?.[1];
  if (CLOUD_DELETE_METHOD.test(method)) {
    const target = noun ? (namedArg ?? firstArg) : (id ?? namedArg ?? firstArg);
    site.emit({ kind: 'cloud', provider, operation: 'delete', targetType, ...(target !== undefined ? { id: noun && id && targetType.endsWith('object') ? `${id}/${target}` : target } : {}), method });
    return UNKNOWN;
  }
  if (CLOUD_READ_METHOD.test(method) || CLOUD_READ_METHOD.test(snake)) {
    // Accessors that name a child (`client.bucket('x')`, `bucket.blob('k')`) give an object of that kind.
    const child = textOf(site.args[0] ?? UNKNOWN);
    const childKind = snake.replace(/^get_/, '');
    const childId = child !== undefined ? (id !== undefined && kind === 'bucket' ? `${id}/${child}` : child) : undefined;
    return obj('cloud', { provider: str(provider), kind: str(childKind), ...(childId !== undefined ? { id: str(childId) } : {}) });
  }
  site.emit({ kind: 'cloud', provider, operation: 'unknown', targetType, ...(id !== undefined ? { id } : {}), method });
  return obj('cloud', { provider: str(provider), kind: str(kind) });
}

// ---------------------------------------------------------------- unmodelled libraries and unresolved objects

/** A call into a library that reaches remote systems Firebreak does not model: unknown (once per library). */
export function remoteLibraryCall(site: CallSite, path: string): boolean {
  const lib = remoteLibraryFor(path);
  if (!lib) return false;
  const key = `remote:${lib.module}`;
  if (!site.evaluator.state.has(key)) {
    site.evaluator.state.set(key, true);
    site.emit({ kind: 'unknown', why: `calls ${path} from ${lib.module}, which reaches ${lib.reaches}: Firebreak does not model that library, so what it changes is not known` });
  }
  return true;
}

/** Language name the sink tables use. */
function sinkLanguage(language: string): string {
  return language === 'typescript' ? 'javascript' : language;
}

/** A call known by its name alone (`m.execSync(cmd)` on a parameter `m`): judged as that call, with
 *  the object it is called on unknown (knowledge/code/sink-names.ts). */
function sinkCall(site: CallSite, sink: Sink, via: string): Value {
  if (sink.kind === 'process') return runProcess(site, sink.spec, via);
  if (sink.kind === 'file') {
    // `p.unlink()`, `p.write_text(s)`: the path is the object itself.
    if (sink.full.startsWith('Path.')) return touchFile(site, { ...sink.spec, arg: 0 }, via, unknown(`the path ${receiverName(site)} holds`));
    return touchFile(site, sink.spec, via);
  }
  site.emit({ kind: 'unknown', why: `${via} runs code (like ${sink.full}) on an object Firebreak cannot resolve: what it runs is not visible` });
  return UNKNOWN;
}

/** Functions that only wrap the function they are given (`util.promisify(cp.exec)` is cp.exec):
 *  passing a sink to them is not running it with unseen arguments. */
const TRANSPARENT_WRAPPERS: ReadonlySet<string> = new Set(['util.promisify', 'util.default.promisify', 'promisify', 'bluebird.promisify', 'Promise.promisify']);

/**
 * A function that runs programs, changes files or runs code, passed as a value to another call
 * (`map(os.system, cmds)`, `cmds.forEach(cp.execSync)`, `Thread(target=shutil.rmtree, args=...)`,
 * `array_walk($a, 'system')`): it runs with arguments Firebreak cannot see. Called by each
 * language's library before it judges the call itself.
 */
export function passedSinks(site: CallSite, language: string): void {
  if (site.fn.t === 'path' && TRANSPARENT_WRAPPERS.has(site.fn.path)) return;
  const lang = sinkLanguage(language);
  for (const v of [...site.args, ...site.kwargs.values()]) {
    let sink: Sink | undefined;
    let name: string | undefined;
    if (v.t === 'path') {
      name = v.path.replace(/^node:/, '');
      sink = sinkByFullName(lang, name) ?? sinkByFullName(lang, name.replace(/^(builtins|__builtins__|globalThis|global|window|self|Kernel)\./, ''));
    } else if (v.t === 'obj' && v.cls === 'method' && v.props.receiver?.t === 'unknown') {
      name = textOf(v.props.name);
      sink = name !== undefined ? SINK_NAMES[lang]?.get(name) : undefined;
    }
    if (sink) site.emit({ kind: 'unknown', why: `passes ${name} (${sink.kind === 'process' ? 'runs programs' : sink.kind === 'file' ? 'changes files' : 'runs code'}) as a value: what it is called with is not visible` });
  }
}

/** A method on an object Firebreak cannot resolve: destructive names and SQL text still count. */
export function unresolvedMethod(site: CallSite, language: string, receiverText: string, method: string = site.method ?? '', ofModule = false): Value {
  const sink = ofModule ? undefined : SINK_NAMES[sinkLanguage(language)]?.get(method);
  // In JavaScript a file sink's name called with nothing to act on (`query.truncate()`, `table.truncate()`) is not
  // that file call: the destructive name still counts below (wave 17).
  if (sink && (site.args.length || site.kwargs.size || sink.kind !== 'file' || !/^(javascript|typescript)$/.test(language))) return sinkCall(site, sink, `${receiverText}.${method}`);
  if (isSqlMethod(method)) {
    const sql = site.args[0];
    const text = sql ? textOf(sql) : undefined;
    if (looksLikeSql(text, true)) return runSql(site, obj('db.connection', { client: str('psql') }) as Value & { t: 'obj' }, sql, `${receiverText}.${method}`);
  }
  if (DESTRUCTIVE_METHOD.test(method) && !LOCAL_METHOD_NAMES[language]?.has(method)) {
    const args = site.args.map(describeValue).concat([...site.kwargs].map(([k, v]) => `${k}=${describeValue(v)}`)).join(', ');
    site.emit({ kind: 'unknown', why: `calls ${method}(${args}) on ${receiverText}, an object Firebreak cannot resolve: a destructive call whose target is not known` });
  } else if (PUBLISHING_METHOD.test(method)) {
    site.emit({ kind: 'unknown', why: `calls ${method}() on ${receiverText}, which Firebreak has not read: it publishes or deploys, and what it sends where is not known` });
  }
  return UNKNOWN;
}

/** Evaluator state key: modules Python code imports by a name known in the code (`importlib.import_module('x')`). */
export const DYNAMIC_IMPORTS = 'python-dynamic-imports';
/** One entry of DYNAMIC_IMPORTS; `level`: relative to the importing file's own package (`__spec__.parent`). */
export interface DynamicImport { module: string; level?: number; line: number; text: string }
/** Evaluator state key: files JavaScript code loads by a path it computes (`import(\`./${name}.mjs\`)`, `require(dir + '/x')`). */
export const JS_COMPUTED_IMPORTS = 'js-computed-imports';
/** Evaluator state key: import names that resolved to project modules (read separately). */
export const LOCAL_MODULES = 'local-modules';
/** Evaluator state key: calls into project modules, by dotted path (`./utils.js.exec`). */
export const LOCAL_CALLS = 'local-calls';

function recordLocalCall(site: CallSite, path: string): void {
  let calls = site.evaluator.state.get(LOCAL_CALLS) as Map<string, ExternalCall[]> | undefined;
  if (!calls) site.evaluator.state.set(LOCAL_CALLS, (calls = new Map()));
  const list = calls.get(path) ?? [];
  calls.set(path, list);
  list.push({
    args: site.args.map(portable),
    kwargs: [...site.kwargs].map(([k, v]) => [k, portable(v)]),
    spread: site.call.spread,
    where: `${site.evaluator.program.file ?? 'the code'}:${site.call.loc.line}`,
  });
}

/** A value as another module sees it: plain data and library objects carry over; an object of a
 *  class of this module, or a method of one, does not (its attributes are this module's). */
function portable(v: Value, depth = 0): Value {
  if (depth > 8) return unknown('a value nested too deeply to pass between modules');
  switch (v.t) {
    case 'list':
      return { t: 'list', items: v.items.map((i) => portable(i, depth + 1)) };
    case 'alt':
      return { t: 'alt', options: v.options.map((o) => portable(o, depth + 1)) };
    case 'dict':
      return { t: 'dict', entries: v.entries.map(([k, x]) => [k, portable(x, depth + 1)]) };
    case 'obj':
      return v.cls === 'local.instance' || v.cls === 'method' ? unknown('an object of another module') : v;
    case 'path':
      return unknown('a function or module of another module');
    default:
      return v;
  }
}

/** A call through a dotted name nothing models (`db.users.drop()`, `User.delete_all`,
 *  `prisma.user.deleteMany({})`): judged like a method on an object Firebreak cannot resolve. */
export function unresolvedPathCall(site: CallSite, language: string, path: string): Value {
  const dot = path.lastIndexOf('.');
  if (dot <= 0) {
    // A bare name nothing defines (`from os import *; system(cmd)`, `with (cp) execSync(cmd)`).
    const sink = site.evaluator.program.bindings.has(path) ? undefined : SINK_NAMES[sinkLanguage(language)]?.get(path);
    return sink ? sinkCall(site, sink, path) : UNKNOWN;
  }
  const local = site.evaluator.state.get(LOCAL_MODULES) as Set<string> | undefined;
  if (local && [...local].some((m) => path === m || path.startsWith(`${m}.`))) {
    // Read as a module of its own; the values this call passes go with it (see analyse.ts).
    recordLocalCall(site, path);
    return UNKNOWN;
  }
  // A name nothing imported or assigned (a global, or a name from `with`/`from x import *`): a sink
  // name is that sink. Imported modules (`platform.system()`) keep their own meaning.
  const root = path.split('.')[0];
  const imported = site.evaluator.program.bindings.get(root)?.some((b) => b.k === 'module');
  if (imported) return unresolvedMethod(site, language, path.slice(0, dot), path.slice(dot + 1), true);
  return unresolvedMethod(site, language, path.slice(0, dot), path.slice(dot + 1));
}

/** Name of the receiver for a report (`s3`, `self.client`). */
export function receiverName(site: CallSite): string {
  const callee = site.call.callee;
  if (callee.k === 'attr') {
    const parts: string[] = [];
    let e = callee.obj;
    while (e.k === 'attr') { parts.unshift(e.name); e = e.obj; }
    if (e.k === 'name') parts.unshift(e.name);
    else parts.unshift('(value)');
    return parts.join('.');
  }
  return 'an object';
}

export function envValue(name: string | undefined): Value {
  // `process.env.HOME + '/.claude/settings.json'` names a file in the home folder, as `~/...` does.
  if (name === 'HOME') return str('~');
  return unknownText(name ? `the environment variable ${name}` : 'an environment variable');
}

export type { Evaluator };
