// redis-cli (and valkey-cli, keydb-cli): the command on the command line, or the commands it
// reads from stdin (one per line, or the raw protocol with --pipe). Reads pass; FLUSHALL,
// CONFIG SET, DEL and the like are judged by what they lose; EVAL runs code nobody read.
import type { PlannedAction } from '../../types.js';
import { REDIS_CONTAINERS, REDIS_READS, REDIS_WRITES, type DataStoreCommand } from '../../../knowledge/data-stores/redis.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';
import { endpointFromUrl } from '../hints.js';
import { optionValue, parseOptions } from '../options.js';
import { stdinFile, workspaceReader } from '../sql/workspace-files.js';

const WITH_ARGUMENT = new Set(['-h', '-p', '-s', '-a', '--user', '--pass', '--askpass', '-u', '-r', '-i', '-n', '-d', '-D', '--eval', '--pattern', '--count',
  '--quoted-pattern', '--cacert', '--cacertdir', '--cert', '--key', '--sni', '--tls-ciphers', '--tls-ciphersuites', '--pipe-timeout', '--rdb', '--functions-rdb',
  '--memkeys-samples', '--cluster', '--cluster-replicas', '--cluster-from', '--cluster-to', '--cluster-slots', '--cluster-weight', '--cluster-timeout',
  '--cluster-pipeline', '--cluster-threshold', '-t']);
/** Modes that only look at the server. */
const READ_MODES = ['--scan', '--bigkeys', '--memkeys', '--hotkeys', '--keystats', '--stat', '--latency', '--latency-history', '--latency-dist', '--intrinsic-latency', '--replica', '--slave', '--rdb', '--functions-rdb', '--ldb', '--ldb-sync-mode'];
/** redis-cli --cluster subcommands that only look. */
const CLUSTER_READS = new Set(['check', 'info', 'help', 'call']);

/** Commands whose every argument is a key. */
const MULTI_KEY = new Set(['DEL', 'UNLINK', 'EXISTS', 'MGET', 'TOUCH', 'WATCH']);

export interface RedisCommand { words: string[]; line: string }

export interface RedisTarget { host?: string; database?: string }

/** One command -> what it does. */
export function classifyRedisCommand(words: string[]): { operation: 'read' | DataStoreCommand['operation']; name: string; fact?: string; scope?: 'environment'; reversibility?: DataStoreCommand['reversibility']; keys: string[] } {
  const cmd = (words[0] ?? '').toUpperCase();
  const sub = (words[1] ?? '').toUpperCase();
  const container = REDIS_CONTAINERS.has(cmd.toLowerCase());
  const two = `${cmd}|${sub}`;
  const keys = container ? words.slice(2, 3) : MULTI_KEY.has(cmd) ? words.slice(1) : words.slice(1, 2);
  if (container && Object.hasOwn(REDIS_WRITES, two)) return { ...REDIS_WRITES[two], name: `${cmd} ${sub}`, keys };
  if (container && REDIS_READS.has(two.toLowerCase())) return { operation: 'read', name: `${cmd} ${sub}`, keys };
  if (Object.hasOwn(REDIS_WRITES, cmd)) {
    if (cmd === 'SHUTDOWN' && words.some((w) => w.toUpperCase() === 'NOSAVE')) return { ...REDIS_WRITES[cmd], reversibility: 'irreversible', name: 'SHUTDOWN NOSAVE', keys: [] };
    return { ...REDIS_WRITES[cmd], name: cmd, keys };
  }
  if (!container && REDIS_READS.has(cmd.toLowerCase())) return { operation: 'read', name: cmd, keys };
  if (cmd.includes('.')) return { operation: 'unknown', name: cmd, fact: `${cmd} is a module command Firebreak does not model`, keys };
  return { operation: 'unknown', name: container ? `${cmd} ${sub}` : cmd, fact: `${container ? `${cmd} ${sub}` : cmd} is not a Redis command Firebreak knows`, keys };
}

/** Commands typed into redis-cli or a raw connection: one per line (quotes as redis-cli reads
 *  them), or RESP arrays (`*1\r\n$8\r\nFLUSHALL\r\n`). Literal `\r` / `\n` escapes are what
 *  printf and echo -e turn into line ends. */
export function parseRedisInput(text: string): RedisCommand[] {
  const normal = text.replace(/\\r/g, '').replace(/\\n/g, '\n').replace(/\r/g, '');
  const lines = normal.split('\n').filter((l) => l.trim() !== '');
  const out: RedisCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const resp = /^\*(\d+)$/.exec(line);
    if (resp) {
      const words: string[] = [];
      const n = Math.min(Number(resp[1]), 1000);
      for (let k = 0; k < n && i + 2 < lines.length + 1; k++) {
        if (!/^\$\d+$/.test(lines[i + 1]?.trim() ?? '')) break;
        words.push(lines[i + 2] ?? '');
        i += 2;
      }
      out.push({ words, line: words.join(' ') });
      continue;
    }
    out.push({ words: splitRedisLine(line), line });
  }
  return out;
}

function splitRedisLine(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

export function redisActions(cmd: RecognisedCommand, commands: RedisCommand[], target: RedisTarget, how: string): PlannedAction[] {
  const hints = target.host ? { endpoint: target.host } : {};
  const actions: PlannedAction[] = [];
  for (const c of commands) {
    if (!c.words.length) continue;
    const r = classifyRedisCommand(c.words);
    const keys = r.keys.length ? r.keys : ['(keys)'];
    const whole = r.scope === 'environment' || !r.keys.length;
    const evidence = [commandEvidence(r.fact ?? `${r.name} reads`, r.name), commandEvidence(`sent ${how}`, 'via', how)];
    actions.push(makeAction(cmd, {
      operation: r.operation, verb: r.name, tool: 'redis',
      target: { type: whole ? 'redis:server' : 'redis:key', id: whole ? (target.host ?? '(server)') : keys.join(' ') },
      scope: r.operation === 'read' ? 'resource' : whole ? 'environment' : r.operation === 'unknown' ? 'unknown' : 'resource',
      hints, evidence,
      ...(r.reversibility ? { intrinsic: { reversibility: r.reversibility, evidence: evidence.slice(0, 1) } } : {}),
      details: { command: redactRedis(c.words).join(' ').slice(0, 300), ...(target.database ? { database: target.database } : {}) },
    }));
  }
  return actions;
}

function redactRedis(words: string[]): string[] {
  const upper = words.map((w) => w.toUpperCase());
  if (upper[0] === 'AUTH' || (upper[0] === 'CONFIG' && /PASS/.test(upper[2] ?? '')) || (upper[0] === 'ACL' && upper[1] === 'SETUSER')) return [...words.slice(0, 2), '***'];
  return words;
}

export const redisCli: Recogniser = async (cmd) => {
  const args = cmd.argv.slice(1);
  const p = parseOptions(args, { withArgument: WITH_ARGUMENT });
  if (p.values.has('--help') || p.values.has('-v') || p.values.has('--version')) return [];
  const url = optionValue(p, '-u');
  const target: RedisTarget = {
    host: optionValue(p, '-h') ?? (url ? endpointFromUrl(url) : undefined) ?? (cmd.env.REDIS_URL ? endpointFromUrl(cmd.env.REDIS_URL) : undefined) ?? cmd.env.REDIS_HOST,
    database: optionValue(p, '-n'),
  };
  const hints = target.host ? { endpoint: target.host } : {};
  const tool = toolName(cmd.argv[0]);
  const cluster = optionValue(p, '--cluster');
  if (cluster !== undefined) {
    const sub = cluster.toLowerCase();
    if (CLUSTER_READS.has(sub) && sub !== 'call') return [makeAction(cmd, { operation: 'read', verb: `--cluster ${sub}`, tool: 'redis', target: { type: 'redis:cluster', id: target.host ?? '(cluster)' }, scope: 'resource', hints })];
    if (sub === 'call') return redisActions(cmd, [{ words: p.positionals.slice(1), line: p.positionals.slice(1).join(' ') }], target, 'to every node with --cluster call');
    return [makeAction(cmd, { operation: 'update', verb: `--cluster ${sub}`, tool: 'redis', target: { type: 'redis:cluster', id: target.host ?? '(cluster)' }, scope: 'environment', hints,
      evidence: [commandEvidence(`redis-cli --cluster ${sub} changes the cluster's layout (nodes, slots or data placement)`, '--cluster', sub)] })];
  }
  const script = optionValue(p, '--eval');
  if (script !== undefined) {
    return [makeAction(cmd, { operation: 'unknown', verb: 'EVAL', tool: 'redis', target: { type: 'redis:server', id: target.host ?? '(server)' }, scope: 'unknown', hints,
      evidence: [commandEvidence(`runs the Lua script ${script} on the server: what it does is not read`, '--eval', script)] })];
  }
  if (READ_MODES.some((m) => p.values.has(m))) {
    const rdb = optionValue(p, '--rdb');
    return [makeAction(cmd, { operation: 'read', verb: READ_MODES.find((m) => p.values.has(m))!, tool: 'redis', target: { type: 'redis:server', id: target.host ?? '(server)' }, scope: 'resource', hints,
      ...(rdb ? { details: { file: rdb } } : {}) })];
  }
  const repeat = optionValue(p, '-r');
  if (p.positionals.length) {
    const words = [...p.positionals];
    if (p.values.has('-x')) words.push('(stdin)');
    const actions = redisActions(cmd, [{ words, line: words.join(' ') }], target, `by ${tool}`);
    if (repeat) for (const a of actions) a.evidence.push(commandEvidence(`repeated ${repeat} times (-r)`, '-r', repeat));
    return actions;
  }
  // No command: redis-cli reads commands from stdin (raw protocol with --pipe).
  const how = p.values.has('--pipe') ? `through ${tool} --pipe` : `on ${tool}'s stdin`;
  const text = await stdinText(cmd);
  if (text === undefined) {
    return [makeAction(cmd, { operation: 'unknown', verb: tool, tool: 'redis', target: { type: 'redis:server', id: target.host ?? '(server)' }, scope: 'unknown', hints,
      evidence: [commandEvidence(cmd.stdin.kind === 'terminal' ? `starts an interactive ${tool} session: the commands typed are not visible` : `runs commands from ${cmd.stdin.kind === 'opaque' ? cmd.stdin.from : 'stdin'}: they are not visible`)] })];
  }
  return redisActions(cmd, parseRedisInput(text), target, how);
};

/** Text a command reads on stdin: heredoc, here-string, echo/printf pipe, or a workspace file. */
export async function stdinText(cmd: RecognisedCommand): Promise<string | undefined> {
  if (cmd.stdin.kind === 'text') return cmd.stdin.text;
  if (cmd.stdin.kind !== 'opaque') return undefined;
  const file = stdinFile(cmd.stdin.from);
  if (!file) return undefined;
  const got = await workspaceReader(cmd)(file);
  return 'error' in got ? undefined : got.text;
}
