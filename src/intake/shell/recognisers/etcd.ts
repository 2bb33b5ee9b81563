// etcdctl: the command path decides (`del --prefix /`, `compaction`, `member remove`,
// `auth disable`); reads pass. Endpoints from --endpoints or ETCDCTL_ENDPOINTS are the hint.
import { ETCD_GROUPS, ETCD_READS, ETCD_WRITES } from '../../../knowledge/data-stores/etcd.js';
import { commandEvidence, makeAction, type Recogniser } from '../command.js';
import { endpointFromUrl } from '../hints.js';
import { optionValue, parseOptions } from '../options.js';

const WITH_ARGUMENT = new Set(['--endpoints', '--cacert', '--cert', '--key', '--user', '--password', '--dial-timeout', '--command-timeout', '-w', '--write-out',
  '--discovery-srv', '--discovery-srv-name', '--keepalive-time', '--keepalive-timeout', '--limit', '--rev', '--sort-by', '--order', '--lease', '--ttl',
  '--dest-cacert', '--dest-cert', '--dest-key', '--dest-prefix', '--prefix-to-strip', '--max-txn-ops', '--ttl', '--peer-urls', '--learner', '--cluster']);
const FLAGS = new Set(['--prefix', '--from-key', '--prev-kv', '--keys-only', '--print-value-only', '--count-only', '--physical', '--hex', '--debug', '--insecure-transport',
  '--insecure-skip-tls-verify', '--insecure-discovery', '--interactive', '--learner', '--cluster', '--no-dest-prefix', '--ignore-value', '--ignore-lease']);

export const etcdctl: Recogniser = (cmd) => {
  const args = cmd.argv.slice(1);
  const p = parseOptions(args, { withArgument: new Set([...WITH_ARGUMENT].filter((o) => !FLAGS.has(o))) });
  if (p.values.has('--help') || p.values.has('-h')) return [];
  const endpoints = optionValue(p, '--endpoints') ?? cmd.env.ETCDCTL_ENDPOINTS;
  const host = endpoints ? endpointFromUrl(endpoints.split(',')[0]) ?? endpoints.split(',')[0] : undefined;
  const hints = host ? { endpoint: host } : {};
  const [first = '', second = ''] = p.positionals;
  const path = ETCD_GROUPS.has(first) ? `${first} ${second}`.trim() : first;
  const operands = p.positionals.slice(ETCD_GROUPS.has(first) ? 2 : 1);
  if (!first) return [];
  if (ETCD_READS.has(path)) return [makeAction(cmd, { operation: 'read', verb: `etcdctl ${path}`, tool: 'etcd', target: { type: 'etcd:key', id: operands[0] ?? host ?? '(cluster)' }, scope: 'resource', hints })];
  const w = Object.hasOwn(ETCD_WRITES, path) ? ETCD_WRITES[path] : undefined;
  if (!w) {
    return [makeAction(cmd, { operation: 'unknown', verb: `etcdctl ${path}`, tool: 'etcd', target: { type: 'etcd:cluster', id: host ?? '(cluster)' }, scope: 'unknown', hints,
      evidence: [commandEvidence(`etcdctl ${path} is not a command Firebreak knows`)] })];
  }
  const prefix = p.values.has('--prefix') || p.values.has('--from-key') || (path === 'del' && operands.length > 1);
  const key = operands[0] ?? '';
  const everything = path === 'del' && prefix && (key === '' || key === '/' || p.values.has('--from-key') && key <= '\u0000');
  const facts = [commandEvidence(w.fact, path, key || undefined)];
  if (path === 'del' && prefix) facts.push(commandEvidence(everything ? 'the prefix matches every key in the cluster' : `deletes every key under ${key}`, '--prefix', key));
  const whole = w.scope === 'environment' || everything;
  return [makeAction(cmd, {
    operation: w.operation, verb: `etcdctl ${path}${prefix && path === 'del' ? ' --prefix' : ''}`, tool: 'etcd',
    target: { type: whole ? 'etcd:cluster' : 'etcd:key', id: whole ? host ?? '(cluster)' : key || '(key)' },
    scope: w.operation === 'unknown' ? 'unknown' : whole ? 'environment' : prefix ? 'unknown' : 'resource', hints, evidence: facts,
    ...(w.reversibility ? { intrinsic: { reversibility: w.reversibility, evidence: facts } } : {}),
  })];
};
