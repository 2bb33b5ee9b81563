// Raw connections to data stores: `nc host 6379 <<< FLUSHALL`, `printf 'FLUSHALL\r\n' | nc ...`,
// `socat - TCP:host:6379`, `telnet host 11211`, `echo FLUSHALL > /dev/tcp/host/6379`. What is
// sent is read with the store's own text protocol (Redis, memcached, HTTP); a connection to a
// data-store port whose input is not visible, or whose protocol is binary, is unknown. A
// connection to any other port stays what it was: a local network tool.
import type { PlannedAction } from '../../types.js';
import { dataStoreProtocol, MEMCACHED_READS, MEMCACHED_WRITES } from '../../../knowledge/data-stores/redis.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import type { SimpleCommand } from '../syntax.js';
import { parseRedisInput, redisActions, stdinText } from './redis.js';

const NC_WITH_ARGUMENT = new Set(['-p', '-s', '-w', '-i', '-X', '-x', '-q', '-T', '-O', '-I', '-V', '-M', '-m', '-e', '-c', '-g', '-G', '-P', '-W',
  '--source', '--source-port', '--wait', '--delay', '--proxy', '--proxy-type', '--proxy-auth', '--exec', '--sh-exec', '--lua-exec', '--ssl-cert', '--ssl-key',
  '--idle-timeout', '--max-conns', '--allow', '--deny', '--output', '--hex-dump', '--append-output']);

interface Endpoint { host: string; port: string }

/** nc / ncat / netcat host port. */
export const netcat: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  const positionals: string[] = [];
  let listen = false;
  let scan = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) { if (NC_WITH_ARGUMENT.has(a)) i++; if (a === '--listen') listen = true; continue; }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        if (a[j] === 'l') listen = true;
        if (a[j] === 'z') scan = true;
        if (NC_WITH_ARGUMENT.has(`-${a[j]}`)) { if (j === a.length - 1) i++; break; }
      }
      continue;
    }
    positionals.push(a);
  }
  if (listen || positionals.length < 2) return [];
  return send(cmd, { host: positionals[0], port: positionals[1] }, scan);
};

/** telnet host port. */
export const telnet: Recogniser = async (cmd) => {
  const positionals = cmd.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (positionals.length < 2) return [];
  return send(cmd, { host: positionals[0], port: positionals[1] }, false);
};

/** socat ADDRESS ADDRESS: the TCP address is the store, the other end (stdin) what is sent. */
export const socat: Recogniser = async (cmd) => {
  for (const a of cmd.argv.slice(1)) {
    const m = /^(?:TCP[46]?(?:-CONNECT)?|OPENSSL(?:-CONNECT)?|SSL|SCTP[46]?(?:-CONNECT)?):(\[[^\]]*\]|[^:,]+):([^:,]+)/i.exec(a);
    if (m) return send(cmd, { host: m[1].replace(/^\[|\]$/g, ''), port: m[2] }, false);
  }
  return [];
};

/** `openssl s_client -connect host:port` (or `host:port` as its operand, `-host H -port P`): what stdin holds is sent. */
export const opensslClient: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  if (args[0] !== 's_client') return [];
  let host = 'localhost';
  let port: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const value = a === '-connect' || a === '-host' || a === '-port' ? args[++i] ?? '' : !a.startsWith('-') ? a : undefined;
    if (value === undefined) continue;
    if (a === '-host') host = value;
    else if (a === '-port') port = value;
    else {
      const m = /^(\[[^\]]*\]|[^:]*):([^:]+)$/.exec(value);
      if (m) { host = m[1].replace(/^\[|\]$/g, '') || host; port = m[2]; }
    }
  }
  return port === undefined ? [] : send(cmd, { host, port }, false);
};

async function send(cmd: RecognisedCommand, to: Endpoint, scan: boolean): Promise<PlannedAction[]> {
  const protocol = dataStoreProtocol(to.port);
  if (!protocol) return [];
  const tool = toolName(cmd.argv[0]);
  const text = await stdinText(cmd);
  if (text === undefined && (scan || cmd.stdin.kind === 'terminal')) return [];
  return protocolActions(cmd, to, protocol, text, `over a raw ${tool} connection to ${to.host}:${to.port}`);
}

function protocolActions(cmd: RecognisedCommand, to: Endpoint, protocol: 'redis' | 'memcached' | 'http' | 'binary', text: string | undefined, how: string): PlannedAction[] {
  const hints = { endpoint: `${to.host}:${to.port}` };
  // `until echo > /dev/tcp/db/5432; do sleep 1; done`: a blank line is no request in any of these
  // protocols (the binary ones need a length-prefixed header), only a probe that the port is open.
  if (text !== undefined && text.trim() === '') return [];
  if (text === undefined || protocol === 'binary') {
    return [makeAction(cmd, {
      operation: 'unknown', verb: 'raw connection', tool: 'network', target: { type: 'datastore:server', id: `${to.host}:${to.port}` }, scope: 'unknown', hints,
      evidence: [commandEvidence(protocol === 'binary' ? `sends bytes to a database port (${to.port}) ${how}: the protocol is binary and not read` : `sends data ${how}: what is sent is not visible`)],
    })];
  }
  if (protocol === 'redis') return redisActions(cmd, parseRedisInput(text), { host: `${to.host}:${to.port}` }, how);
  if (protocol === 'memcached') return memcachedActions(cmd, text, to, how);
  return httpActions(cmd, text, to, how);
}

function memcachedActions(cmd: RecognisedCommand, text: string, to: Endpoint, how: string): PlannedAction[] {
  const hints = { endpoint: `${to.host}:${to.port}` };
  return parseRedisInput(text).flatMap((c) => {
    const name = (c.words[0] ?? '').toLowerCase();
    if (!name || /^\d+$/.test(name)) return [];
    const write = Object.hasOwn(MEMCACHED_WRITES, name) ? MEMCACHED_WRITES[name] : undefined;
    const op = write ? write.operation : MEMCACHED_READS.has(name) ? 'read' : 'unknown';
    const evidence = [commandEvidence(write?.fact ?? (op === 'read' ? `${name} reads` : `${name} is not a memcached command Firebreak knows`), name), commandEvidence(`sent ${how}`)];
    return [makeAction(cmd, {
      operation: op, verb: name, tool: 'memcached', target: { type: write?.scope ? 'memcached:server' : 'memcached:item', id: write?.scope ? `${to.host}:${to.port}` : (c.words[1] ?? '(item)') },
      scope: op === 'read' ? 'resource' : write?.scope ?? (op === 'unknown' ? 'unknown' : 'resource'), hints, evidence,
      ...(write?.reversibility ? { intrinsic: { reversibility: write.reversibility, evidence: evidence.slice(0, 1) } } : {}),
    })];
  });
}

/** HTTP typed by hand to a data-store port (Elasticsearch, CouchDB, ClickHouse, etcd...). */
function httpActions(cmd: RecognisedCommand, text: string, to: Endpoint, how: string): PlannedAction[] {
  const hints = { endpoint: `${to.host}:${to.port}` };
  const requests = [...text.replace(/\\r\\n|\\n/g, '\n').matchAll(/^(GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE)\s+(\S+)/gim)];
  if (!requests.length) {
    return [makeAction(cmd, { operation: 'unknown', verb: 'raw connection', tool: 'network', target: { type: 'datastore:server', id: `${to.host}:${to.port}` }, scope: 'unknown', hints,
      evidence: [commandEvidence(`sends data ${how} that is not an HTTP request Firebreak can read`)] })];
  }
  return requests.map((m) => {
    const method = m[1].toUpperCase();
    const path = m[2];
    const readLike = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || (method === 'POST' && /\/_(search|count|msearch|mget|explain|validate)\b/.test(path));
    const op = readLike ? 'read' : method === 'DELETE' ? 'delete' : 'update';
    return makeAction(cmd, {
      operation: op, verb: `${method} ${path}`, tool: 'http', target: { type: 'datastore:path', id: `${to.host}:${to.port}${path}` }, scope: op === 'read' ? 'resource' : 'unknown', hints,
      evidence: [commandEvidence(`${method} ${path} sent ${how}`, method, path)],
    });
  });
}

/** `echo FLUSHALL > /dev/tcp/host/6379`, `exec 3<>/dev/tcp/host/6379`: bash opens the connection. */
export function networkRedirectActions(sc: SimpleCommand, rc: RecognisedCommand): PlannedAction[] {
  const out: PlannedAction[] = [];
  for (const r of sc.redirects) {
    const m = r.target ? /^\/dev\/(tcp|udp)\/([^/]+)\/([^/]+)$/.exec(r.target.value) : null;
    if (!m) continue;
    // A port known only at run time may be a data store's: what is sent to it counts (a blank line is a probe).
    const protocol = dataStoreProtocol(m[3]) ?? (/[$`]/.test(m[3]) ? 'binary' : undefined);
    if (!protocol) continue;
    const writes = r.op === '>' || r.op === '>>' || r.op === '<>' || r.op === '>|' || r.op === '&>';
    if (!writes) continue;
    const text = printedText(sc);
    out.push(...protocolActions(rc, { host: m[2], port: m[3] }, protocol, text, `through the shell's ${r.target!.value}`));
  }
  return out;
}

/** What `echo`/`printf` print, when every word is known; undefined otherwise. */
function printedText(sc: SimpleCommand): string | undefined {
  const words = sc.words.map((w) => w.value);
  const name = words[0];
  if (sc.words.some((w) => w.dynamic)) return undefined;
  if (name === ':' || name === 'true') return '';
  if (name === 'echo') {
    let i = 1;
    while (i < words.length && /^-[neE]+$/.test(words[i])) i++;
    return words.slice(i).join(' ');
  }
  if (name === 'printf') {
    const [fmt = '', ...rest] = words.slice(1);
    return fmt.replace(/%s/g, () => rest.shift() ?? '');
  }
  return undefined;
}
