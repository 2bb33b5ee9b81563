// etcdctl (v3 API) commands by their whole path, as data. A path in neither table is unknown.
import type { DataStoreCommand } from './redis.js';

export const ETCD_READS: ReadonlySet<string> = new Set([
  'get', 'watch', 'version', 'lease list', 'lease timetolive', 'member list', 'endpoint health', 'endpoint status', 'endpoint hashkv',
  'alarm list', 'auth status', 'user list', 'user get', 'role list', 'role get', 'snapshot status', 'snapshot save', 'help', 'completion', 'check perf',
]);

export const ETCD_WRITES: Readonly<Record<string, DataStoreCommand>> = {
  put: { operation: 'update', fact: 'put writes a key (an existing value is overwritten)' },
  del: { operation: 'delete', fact: 'del deletes the key (with --prefix or a range: every key under it)', reversibility: 'irreversible' },
  txn: { operation: 'unknown', fact: 'txn runs a transaction read from stdin' },
  compaction: { operation: 'delete', fact: 'compaction discards every revision before the given one: history and watches from before are gone', scope: 'environment', reversibility: 'irreversible' },
  defrag: { operation: 'update', fact: 'defrag rewrites the member\'s data file and blocks it while it runs', scope: 'environment', reversibility: 'reversible' },
  'lease grant': { operation: 'create', fact: 'lease grant creates a lease' },
  'lease revoke': { operation: 'delete', fact: 'lease revoke deletes every key attached to the lease', reversibility: 'irreversible' },
  'lease keep-alive': { operation: 'update', fact: 'keeps a lease alive' },
  'member add': { operation: 'update', fact: 'member add changes the cluster membership', scope: 'environment' },
  'member remove': { operation: 'delete', fact: 'member remove takes a member out of the cluster (losing quorum stops the cluster)', scope: 'environment', reversibility: 'irreversible' },
  'member update': { operation: 'update', fact: 'member update changes a member\'s peer URLs', scope: 'environment' },
  'member promote': { operation: 'update', fact: 'member promote makes a learner a voting member', scope: 'environment' },
  'alarm disarm': { operation: 'update', fact: 'alarm disarm clears alarms (a NOSPACE alarm protects the cluster)', scope: 'environment' },
  'auth enable': { operation: 'permissions', fact: 'auth enable turns on authentication' },
  'auth disable': { operation: 'permissions', fact: 'auth disable turns off authentication: every client gets full access', scope: 'environment' },
  'user add': { operation: 'permissions', fact: 'adds a user' },
  'user delete': { operation: 'permissions', fact: 'deletes a user' },
  'user passwd': { operation: 'permissions', fact: 'changes a password' },
  'user grant-role': { operation: 'permissions', fact: 'grants a role' },
  'user revoke-role': { operation: 'permissions', fact: 'revokes a role' },
  'role add': { operation: 'permissions', fact: 'adds a role' },
  'role delete': { operation: 'permissions', fact: 'deletes a role' },
  'role grant-permission': { operation: 'permissions', fact: 'grants a permission' },
  'role revoke-permission': { operation: 'permissions', fact: 'revokes a permission' },
  'snapshot restore': { operation: 'update', fact: 'snapshot restore builds a new data directory from a backup', scope: 'environment' },
  'move-leader': { operation: 'update', fact: 'move-leader transfers leadership', scope: 'environment' },
  'make-mirror': { operation: 'update', fact: 'make-mirror copies keys into another cluster, overwriting them there', scope: 'environment' },
  'check datascale': { operation: 'update', fact: 'check datascale writes test keys into the cluster', scope: 'environment' },
  lock: { operation: 'update', fact: 'lock holds a distributed lock others wait on' },
  elect: { operation: 'update', fact: 'elect campaigns for leadership of an election' },
  'downgrade validate': { operation: 'update', fact: 'checks a downgrade', scope: 'environment' },
  'downgrade enable': { operation: 'update', fact: 'downgrade enable starts a cluster downgrade', scope: 'environment' },
  'downgrade cancel': { operation: 'update', fact: 'cancels a downgrade', scope: 'environment' },
};

/** Commands whose first argument is a subcommand. */
export const ETCD_GROUPS: ReadonlySet<string> = new Set(['lease', 'member', 'endpoint', 'alarm', 'auth', 'user', 'role', 'snapshot', 'check', 'downgrade']);
