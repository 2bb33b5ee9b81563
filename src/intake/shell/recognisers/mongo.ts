// mongosh / mongo: the JavaScript given with --eval, --file, a script argument or stdin.
// Every call in it must be explained: a method on `db`, on a collection of `db`, a cursor method
// chained after a read, or a known pure global (print, JSON, ObjectId...). A call Firebreak cannot
// follow (a variable holding `db`, `load()`, `eval`, a computed method name, code that does not
// tokenize) is unknown. Shell helpers (`use prod`, `show dbs`) are read line by line.
import type { PlannedAction } from '../../types.js';
import {
  MONGO_COLLECTION_READS, MONGO_COLLECTION_WRITES, MONGO_DB_READS, MONGO_DB_WRITES, MONGO_GLOBAL_WRITES, MONGO_READ_COMMANDS, MONGO_SAFE_GLOBALS,
  type MongoMethod,
} from '../../../knowledge/data-stores/mongo.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import { endpointFromUrl } from '../hints.js';
import { optionValue, optionValues, parseOptions } from '../options.js';
import { workspaceReader } from '../sql/workspace-files.js';
import { stdinText } from './redis.js';

export interface MongoEffect {
  operation: 'read' | MongoMethod['operation'];
  verb: string;
  /** `db` or `db.collection`. */
  target: string;
  targetType: 'mongo:database' | 'mongo:collection' | 'mongo:server';
  fact: string;
  scope?: 'environment' | 'unknown';
  reversibility?: MongoMethod['reversibility'];
}

interface Tok { kind: 'ident' | 'string' | 'num' | 'punct' | 'template' | 'regex'; text: string; value?: string }

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'new', 'var', 'let', 'const', 'else', 'do', 'in', 'of',
  'instanceof', 'void', 'delete', 'throw', 'try', 'finally', 'await', 'async', 'yield', 'class', 'extends', 'super', 'this', 'true', 'false', 'null', 'undefined', 'break', 'continue']);
const PURE_ROOTS = new Set(['object', 'array', 'math', 'json', 'number', 'string', 'date', 'console', 'boolean', 'promise']);
const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', 'return', 'typeof']);

export function tokenizeJs(src: string): Tok[] | { error: string } {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { const nl = src.indexOf('\n', i); i = nl < 0 ? src.length : nl; continue; }
    if (c === '/' && src[i + 1] === '*') { const end = src.indexOf('*/', i + 2); if (end < 0) return { error: 'unterminated comment' }; i = end + 2; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') { value += src[j + 1] ?? ''; j += 2; continue; } if (src[j] === '\n') return { error: 'unterminated string' }; value += src[j++]; }
      if (j >= src.length) return { error: 'unterminated string' };
      toks.push({ kind: 'string', text: src.slice(i, j + 1), value });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      let j = i + 1;
      let depth = 0;
      while (j < src.length && !(src[j] === '`' && depth === 0)) { if (src[j] === '\\') { j += 2; continue; } if (src[j] === '$' && src[j + 1] === '{') { depth++; j += 2; continue; } if (src[j] === '}' && depth) depth--; j++; }
      if (j >= src.length) return { error: 'unterminated template literal' };
      const body = src.slice(i + 1, j);
      toks.push({ kind: 'template', text: src.slice(i, j + 1), value: body.includes('${') ? undefined : body });
      // Code inside ${...} runs too: tokenize it after the template.
      for (const m of body.matchAll(/\$\{([^}]*)\}/g)) { const inner = tokenizeJs(m[1]); if ('error' in inner) return inner; toks.push({ kind: 'punct', text: ';' }, ...inner, { kind: 'punct', text: ';' }); }
      i = j + 1;
      continue;
    }
    const prev = toks[toks.length - 1];
    if (c === '/' && (!prev || REGEX_AFTER.has(prev.text))) {
      let j = i + 1;
      let cls = false;
      while (j < src.length && (src[j] !== '/' || cls)) { if (src[j] === '\\') { j += 2; continue; } if (src[j] === '[') cls = true; if (src[j] === ']') cls = false; if (src[j] === '\n') return { error: 'unterminated regular expression' }; j++; }
      j++;
      while (j < src.length && /[a-z]/i.test(src[j])) j++;
      toks.push({ kind: 'regex', text: src.slice(i, j) });
      i = j;
      continue;
    }
    const id = /^[A-Za-z_$][\w$]*/.exec(src.slice(i, i + 256));
    if (id) { toks.push({ kind: 'ident', text: id[0] }); i += id[0].length; continue; }
    const num = /^\d[\w.]*/.exec(src.slice(i, i + 64));
    if (num) { toks.push({ kind: 'num', text: num[0] }); i += num[0].length; continue; }
    const op = /^(\?\.|=>|\.\.\.|[=!]==|&&|\|\||\?\?|[-+*/%<>=!&|^]=?|.)/.exec(src.slice(i, i + 4))!;
    toks.push({ kind: 'punct', text: op[0] });
    i += op[0].length;
  }
  let balance = 0;
  for (const t of toks) {
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') balance++;
    if (t.text === ')' || t.text === ']' || t.text === '}') balance--;
    if (balance < 0) return { error: 'unbalanced brackets' };
  }
  if (balance !== 0) return { error: 'unbalanced brackets' };
  return toks;
}

function closing(toks: Tok[], open: number): number {
  const pair: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const want = pair[toks[open].text];
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i].text === toks[open].text) depth++;
    else if (toks[i].text === want && --depth === 0) return i;
  }
  return toks.length;
}

/** Classifies a mongosh script. */
export function classifyMongoScript(script: string, database: string): MongoEffect[] {
  const effects: MongoEffect[] = [];
  let db = database;
  const js: string[] = [];
  for (const line of script.split('\n')) {
    const helper = /^\s*(use|show|it|exit|quit)\b\s*([^\s;]*)\s*;?\s*$/.exec(line);
    if (helper && (helper[1] !== 'use' || helper[2])) {
      if (helper[1] === 'use') db = helper[2];
      js.push('');
      continue;
    }
    js.push(line);
  }
  const toks = tokenizeJs(js.join('\n'));
  if ('error' in toks) return [unknownEffect(db, `the script cannot be read as JavaScript (${toks.error})`)];
  const explained = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'ident' || toks[i - 1]?.text === '.' || toks[i - 1]?.text === '?.' || KEYWORDS.has(t.text)) continue;
    if (toks[i - 1]?.text === 'function') { if (toks[i + 1]?.text === '(') explained.add(i + 1); continue; }
    effects.push(...chain(toks, i, db, explained));
  }
  // Function declarations `function (a) {}` / method shorthand are not calls.
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text !== '(' || explained.has(i)) continue;
    const prev = toks[i - 1];
    if (!prev || !(prev.kind === 'ident' || prev.text === ')' || prev.text === ']' || prev.kind === 'template' || prev.kind === 'string')) continue;
    if (prev.kind === 'ident' && KEYWORDS.has(prev.text)) continue;
    if (prev.kind === 'ident' && toks[i - 2]?.text === 'function') continue;
    // `name(args) {` inside an object literal or class: a method definition.
    if (toks[closing(toks, i) + 1]?.text === '{') continue;
    effects.push(unknownEffect(db, `calls ${prev.kind === 'ident' ? `${chainText(toks, i - 1)}()` : 'the result of an expression'}, which Firebreak cannot follow`));
    explained.add(i);
  }
  return effects;
}

function chainText(toks: Tok[], end: number): string {
  let start = end;
  while (start >= 2 && (toks[start - 1].text === '.' || toks[start - 1].text === '?.') && toks[start - 2].kind === 'ident') start -= 2;
  return toks.slice(start, end + 1).map((t) => t.text).join('');
}

interface Segment { name?: string; computed?: boolean; call?: { open: number; close: number } }

/** Reads `root.a['b'].c(...)...` starting at `i` and explains the calls it can. */
function chain(toks: Tok[], i: number, db: string, explained: Set<number>): MongoEffect[] {
  const root = toks[i].text;
  const segs: Segment[] = [];
  let j = i + 1;
  for (;;) {
    const t = toks[j];
    if (!t) break;
    if ((t.text === '.' || t.text === '?.') && toks[j + 1]?.kind === 'ident') { segs.push({ name: toks[j + 1].text }); j += 2; continue; }
    if (t.text === '[') {
      const close = closing(toks, j);
      const inner = toks.slice(j + 1, close);
      segs.push(inner.length === 1 && (inner[0].kind === 'string' || (inner[0].kind === 'template' && inner[0].value !== undefined)) ? { name: inner[0].value } : { computed: true });
      j = close + 1;
      continue;
    }
    if (t.text === '(') {
      const close = closing(toks, j);
      if (segs.length) segs[segs.length - 1].call = { open: j, close };
      else segs.push({ name: undefined, call: { open: j, close } });
      j = close + 1;
      continue;
    }
    if (t.text === '?.' && toks[j + 1]?.text === '(') { j++; continue; }
    break;
  }
  const calls = segs.filter((s) => s.call);
  if (!calls.length) return [];
  const lower = root.toLowerCase();
  if (root === 'db') return dbChain(toks, segs, db, explained);
  const first = segs[0]?.name?.toLowerCase();
  const dotted = first ? `${lower}.${first}` : lower;
  if (Object.hasOwn(MONGO_GLOBAL_WRITES, dotted)) {
    for (const s of calls) explained.add(s.call!.open);
    const w = MONGO_GLOBAL_WRITES[dotted];
    return [{ operation: w.operation, verb: dotted, target: dotted.split('.')[0] === 'rs' ? '(replica set)' : '(cluster)', targetType: 'mongo:server', fact: w.fact, scope: w.scope }];
  }
  if (MONGO_SAFE_GLOBALS.has(lower) || MONGO_SAFE_GLOBALS.has(dotted) || PURE_ROOTS.has(lower)) {
    for (const s of calls) explained.add(s.call!.open);
  }
  return [];
}

function dbChain(toks: Tok[], segs: Segment[], database: string, explained: Set<number>): MongoEffect[] {
  let db = database;
  let collection: string | undefined;
  const out: MongoEffect[] = [];
  let reading = false;
  for (const s of segs) {
    const name = s.name;
    const lname = name?.toLowerCase();
    if (s.computed && !s.call) { if (collection === undefined) collection = '(computed)'; else return out; continue; }
    if (!s.call) {
      if (collection === undefined) collection = name ?? '(computed)';
      else collection = `${collection}.${name}`; // db.a.b is collection "a.b"
      continue;
    }
    explained.add(s.call.open);
    const args = toks.slice(s.call.open + 1, s.call.close);
    const firstString = args[0]?.kind === 'string' || (args[0]?.kind === 'template' && args[0].value !== undefined) ? args[0].value : undefined;
    if (collection === undefined) {
      if (lname === 'getsiblingdb' || lname === 'getdb') { db = firstString ?? '(computed)'; continue; }
      if (lname === 'getmongo') continue;
      if (lname === 'getcollection') { collection = firstString ?? '(computed)'; continue; }
      if (!lname) { out.push(unknownEffect(db, 'calls db as a function')); return out; }
      if (lname === 'runcommand' || lname === 'admincommand') { out.push(runCommand(args, db)); continue; }
      if (lname === 'aggregate') { out.push(aggregate(args, db, undefined)); continue; }
      const w = Object.hasOwn(MONGO_DB_WRITES, lname) ? MONGO_DB_WRITES[lname] : undefined;
      if (w) { out.push({ operation: w.operation, verb: `db.${name}()`, target: db, targetType: 'mongo:database', fact: w.fact, scope: w.scope, reversibility: w.reversibility }); continue; }
      if (MONGO_DB_READS.has(lname)) continue;
      out.push(unknownEffect(db, `db.${name}() is not a method Firebreak knows`));
      return out;
    }
    if (s.computed) { out.push(unknownEffect(db, `calls a method of ${collection} whose name is computed`)); return out; }
    const target = `${db}.${collection}`;
    if (!lname) { out.push(unknownEffect(db, 'calls a collection as a function')); return out; }
    if (lname === 'aggregate') { out.push(aggregate(args, db, collection)); reading = true; continue; }
    const w = Object.hasOwn(MONGO_COLLECTION_WRITES, lname) ? MONGO_COLLECTION_WRITES[lname] : undefined;
    if (w && !reading) {
      const everything = w.filtered && (args.length === 0 || (args.length >= 2 && args[0].text === '{' && args[1].text === '}' && (args.length === 2 || args[2].text === ',')));
      out.push({
        operation: w.operation, verb: `${name}()`, target, targetType: 'mongo:collection',
        fact: everything ? `${name}({}) matches every document: ${w.fact.replace('every matching document', 'the whole collection')}` : w.fact,
        reversibility: everything && w.operation === 'update' ? 'irreversible' : w.reversibility,
      });
      continue;
    }
    if (MONGO_COLLECTION_READS.has(lname)) { reading = true; continue; }
    out.push(unknownEffect(db, `${collection}.${name}() is not a method Firebreak knows`));
    return out;
  }
  return out;
}

function runCommand(args: Tok[], db: string): MongoEffect {
  const key = args[0]?.text === '{' ? (args[1]?.kind === 'ident' ? args[1].text : args[1]?.value) : args[0]?.value;
  if (!key) return unknownEffect(db, 'runs a server command Firebreak cannot read');
  const k = key.toLowerCase();
  if (MONGO_READ_COMMANDS.has(k)) return { operation: 'read', verb: `runCommand(${key})`, target: db, targetType: 'mongo:database', fact: `${key} reads` };
  const target = args[3]?.value ? `${db}.${args[3].value}` : db;
  if (k === 'dropdatabase') return { operation: 'delete', verb: 'runCommand(dropDatabase)', target: db, targetType: 'mongo:database', fact: 'dropDatabase deletes the database', scope: 'environment', reversibility: 'irreversible' };
  if (k === 'drop' || k === 'delete') return { operation: 'delete', verb: `runCommand(${key})`, target, targetType: 'mongo:collection', fact: `${key} deletes documents`, reversibility: 'irreversible' };
  if (k === 'shutdown') return { operation: 'update', verb: 'runCommand(shutdown)', target: db, targetType: 'mongo:server', fact: 'shutdown stops the server', scope: 'environment' };
  return unknownEffect(db, `runs the server command ${key}, which Firebreak does not model`);
}

function aggregate(args: Tok[], db: string, collection: string | undefined): MongoEffect {
  const writes = args.some((t) => (t.kind === 'string' || t.kind === 'ident') && /^\$?(out|merge)$/.test(t.value ?? t.text) && (t.value ?? t.text).startsWith('$'));
  const target = collection ? `${db}.${collection}` : db;
  if (writes) return { operation: 'update', verb: 'aggregate($out/$merge)', target, targetType: 'mongo:collection', fact: 'the pipeline writes its result with $out or $merge, replacing or changing the target collection' };
  return { operation: 'read', verb: 'aggregate()', target, targetType: collection ? 'mongo:collection' : 'mongo:database', fact: 'aggregate reads' };
}

function unknownEffect(db: string, fact: string): MongoEffect {
  return { operation: 'unknown', verb: 'mongosh', target: db, targetType: 'mongo:database', fact, scope: 'unknown' };
}

const WITH_ARGUMENT = new Set(['--eval', '-f', '--file', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism',
  '--tlsCAFile', '--tlsCertificateKeyFile', '--tlsCertificateKeyFilePassword', '--apiVersion', '--awsAccessKeyId', '--awsSecretAccessKey', '--awsSessionToken',
  '--keyVaultNamespace', '--kmsURL', '--sspiHostnameCanonicalization', '--gssapiServiceName', '--tlsCRLFile', '--tlsDisabledProtocols', '--tlsCertificateSelector']);

export const mongosh: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  const p = parseOptions(args, { withArgument: WITH_ARGUMENT });
  if (p.values.has('--help') || p.values.has('-h') || p.values.has('--version')) return [];
  const tool = toolName(cmd.argv[0]);
  const uri = p.positionals.find((a) => /^mongodb(\+srv)?:\/\//i.test(a)) ?? cmd.env.MONGODB_URI ?? cmd.env.MONGO_URL;
  const address = p.positionals.find((a) => !a.endsWith('.js') && !/^mongodb(\+srv)?:\/\//i.test(a));
  let host = optionValue(p, '--host');
  let database = 'test';
  if (uri) { const ep = endpointFromUrl(uri); if (ep) { const [h, d] = ep.split('/'); host ??= h; if (d) database = d; } }
  if (address) { const [h, d] = address.includes('/') ? address.split('/') : [undefined, address]; if (h) host ??= h; if (d) database = d; }
  const hints = host ? { endpoint: `${host}/${database}` } : {};
  const read = workspaceReader(cmd);
  const scripts: { text: string; from: string }[] = [];
  const actions: PlannedAction[] = [];
  const opaque = (why: string) => makeAction(cmd, { operation: 'unknown', verb: tool, tool: 'mongo', target: { type: 'mongo:database', id: database }, scope: 'unknown', hints, evidence: [commandEvidence(why)] });
  for (const f of [...optionValues(p, '-f', '--file'), ...p.positionals.filter((a) => a.endsWith('.js'))]) {
    const got = await read(f);
    if ('error' in got) actions.push(opaque(`runs the script ${f}, which cannot be read (${got.error})`));
    else scripts.push({ text: got.text, from: f });
  }
  for (const e of optionValues(p, '--eval')) scripts.push({ text: e, from: '--eval' });
  if (!scripts.length && !actions.length) {
    const text = await stdinText(cmd);
    if (text === undefined) return [opaque(cmd.stdin.kind === 'terminal' ? `starts an interactive ${tool} session: what is typed is not visible` : `runs JavaScript from ${cmd.stdin.kind === 'opaque' ? cmd.stdin.from : 'stdin'}: it is not visible`)];
    scripts.push({ text, from: 'stdin' });
  }
  for (const s of scripts) {
    for (const e of classifyMongoScript(s.text, database)) {
      const evidence = [commandEvidence(e.fact, e.verb), ...(s.from !== '--eval' ? [commandEvidence(`read from ${s.from}`)] : [])];
      actions.push(makeAction(cmd, {
        operation: e.operation, verb: e.verb, tool: 'mongo', target: { type: e.targetType, id: e.target },
        scope: e.operation === 'read' ? 'resource' : e.scope ?? 'resource', hints: host ? { endpoint: `${host}/${e.target.split('.')[0]}` } : {}, evidence,
        ...(e.reversibility ? { intrinsic: { reversibility: e.reversibility, evidence: evidence.slice(0, 1) } } : {}),
      }));
    }
  }
  return actions;
};

/** mongorestore / mongoimport: --drop deletes the collections before loading them. */
export const mongoLoad: Recogniser = (cmd) => {
  const tool = toolName(cmd.argv[0]);
  const p = parseOptions(cmd.argv.slice(1), { withArgument: new Set(['--uri', '--host', '-h', '--port', '-d', '--db', '-c', '--collection', '--file', '-u', '--username', '-p', '--password', '--nsInclude', '--nsExclude', '--nsFrom', '--nsTo', '--archive', '--authenticationDatabase', '--type', '--fields', '--mode']) });
  if (p.values.has('--help') || p.values.has('--version')) return [];
  const uri = optionValue(p, '--uri');
  const host = optionValue(p, '--host', '-h') ?? (uri ? endpointFromUrl(uri) : undefined);
  const target = [optionValue(p, '-d', '--db'), optionValue(p, '-c', '--collection')].filter(Boolean).join('.') || '(database)';
  const drop = p.values.has('--drop');
  const upsert = (optionValue(p, '--mode') ?? '').match(/upsert|merge|delete/);
  const evidence = [commandEvidence(drop ? `${tool} --drop deletes each collection before loading it: documents not in the dump are lost` : `${tool} loads documents into ${target}`, drop ? '--drop' : tool)];
  return [makeAction(cmd, {
    operation: drop || upsert?.[0] === 'delete' ? 'delete' : upsert ? 'update' : 'create', verb: drop ? `${tool} --drop` : tool, tool: 'mongo',
    target: { type: 'mongo:collection', id: target }, scope: drop ? 'environment' : 'resource', hints: host ? { endpoint: host } : {}, evidence,
    ...(drop ? { intrinsic: { reversibility: 'irreversible' as const, evidence } } : {}),
  })];
};

/** mongodump / mongoexport: reads; -o / --out outside the workspace writes there. */
export const mongoDump: Recogniser = (cmd) => {
  const p = parseOptions(cmd.argv.slice(1), { withArgument: new Set(['--uri', '--host', '-h', '--port', '-d', '--db', '-c', '--collection', '-o', '--out', '-u', '--username', '-p', '--password', '-q', '--query', '--archive', '--authenticationDatabase']) });
  const uri = optionValue(p, '--uri');
  const host = optionValue(p, '--host', '-h') ?? (uri ? endpointFromUrl(uri) : undefined);
  return [makeAction(cmd, { operation: 'read', verb: toolName(cmd.argv[0]), tool: 'mongo', target: { type: 'mongo:database', id: optionValue(p, '-d', '--db') ?? '(database)' }, scope: 'resource', hints: host ? { endpoint: host } : {} })];
};
