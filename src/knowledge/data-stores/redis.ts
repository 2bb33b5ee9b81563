// Redis commands (and those of its forks: Valkey, KeyDB) as data: what each one does.
// Names are upper case; two-word commands (`CONFIG SET`) are listed with their subcommand.
// A command in none of these tables is unknown.
import type { Reversibility } from '../../model.js';
import { nameSet } from '../sql/function-facts.js';

export interface DataStoreCommand {
  operation: 'create' | 'update' | 'delete' | 'permissions' | 'unknown';
  fact: string;
  /** Acts on the whole server or database, not on the keys it names. */
  scope?: 'environment';
  reversibility?: Reversibility;
}

export const REDIS_READS: ReadonlySet<string> = nameSet(`
GET MGET EXISTS TYPE TTL PTTL EXPIRETIME PEXPIRETIME KEYS SCAN SSCAN HSCAN ZSCAN STRLEN GETRANGE SUBSTR HGET HGETALL HMGET HKEYS
HVALS HLEN HEXISTS HSTRLEN HRANDFIELD HTTL HPTTL LRANGE LLEN LINDEX LPOS SMEMBERS SISMEMBER SMISMEMBER SCARD SRANDMEMBER SINTER
SUNION SDIFF SINTERCARD ZRANGE ZRANGEBYSCORE ZRANGEBYLEX ZREVRANGE ZREVRANGEBYSCORE ZREVRANGEBYLEX ZSCORE ZMSCORE ZRANK ZREVRANK
ZCARD ZCOUNT ZLEXCOUNT ZRANDMEMBER ZINTER ZUNION ZDIFF ZINTERCARD XRANGE XREVRANGE XLEN XREAD XINFO XPENDING PFCOUNT GETBIT
BITCOUNT BITPOS BITFIELD_RO GEOPOS GEODIST GEOHASH GEORADIUS_RO GEORADIUSBYMEMBER_RO GEOSEARCH DBSIZE INFO PING ECHO TIME ROLE
LOLWUT COMMAND DUMP RANDOMKEY SORT_RO LCS OBJECT HELLO QUIT RESET READONLY READWRITE WAIT WAITAOF LASTSAVE SUBSCRIBE PSUBSCRIBE
SSUBSCRIBE UNSUBSCRIBE PUNSUBSCRIBE SUNSUBSCRIBE MONITOR PUBSUB EVAL_RO EVALSHA_RO FCALL_RO AUTH SELECT MULTI EXEC DISCARD WATCH
UNWATCH ASKING TOUCH
CONFIG|GET CLIENT|LIST CLIENT|INFO CLIENT|GETNAME CLIENT|ID CLIENT|SETNAME CLIENT|SETINFO CLIENT|TRACKINGINFO CLIENT|GETREDIR
CLIENT|NO-EVICT CLIENT|NO-TOUCH CLIENT|REPLY CLIENT|CACHING CLIENT|TRACKING SLOWLOG|GET SLOWLOG|LEN CLUSTER|INFO CLUSTER|NODES
CLUSTER|SLOTS CLUSTER|SHARDS CLUSTER|KEYSLOT CLUSTER|COUNTKEYSINSLOT CLUSTER|GETKEYSINSLOT CLUSTER|MYID CLUSTER|MYSHARDID
CLUSTER|LINKS CLUSTER|REPLICAS CLUSTER|SLAVES ACL|LIST ACL|USERS ACL|WHOAMI ACL|GETUSER ACL|CAT ACL|LOG ACL|DRYRUN ACL|GENPASS
MEMORY|USAGE MEMORY|STATS MEMORY|DOCTOR MEMORY|MALLOC-STATS FUNCTION|LIST FUNCTION|DUMP FUNCTION|STATS SCRIPT|EXISTS
LATENCY|LATEST LATENCY|HISTORY LATENCY|DOCTOR LATENCY|GRAPH LATENCY|HISTOGRAM MODULE|LIST DEBUG|OBJECT COMMAND|COUNT
COMMAND|DOCS COMMAND|INFO COMMAND|LIST COMMAND|GETKEYS OBJECT|ENCODING OBJECT|FREQ OBJECT|IDLETIME OBJECT|REFCOUNT
`);

const w = (fact: string): DataStoreCommand => ({ operation: 'update', fact });
const d = (fact: string, reversibility: Reversibility = 'irreversible'): DataStoreCommand => ({ operation: 'delete', fact, reversibility });
const server = (operation: DataStoreCommand['operation'], fact: string, reversibility?: Reversibility): DataStoreCommand => ({ operation, fact, scope: 'environment', ...(reversibility ? { reversibility } : {}) });

export const REDIS_WRITES: Readonly<Record<string, DataStoreCommand>> = {
  FLUSHALL: server('delete', 'FLUSHALL deletes every key in every database of the server', 'irreversible'),
  FLUSHDB: server('delete', 'FLUSHDB deletes every key in the selected database', 'irreversible'),
  SWAPDB: server('update', 'SWAPDB swaps two databases for every client'),
  SHUTDOWN: server('update', 'SHUTDOWN stops the server (with NOSAVE, unsaved data is lost)'),
  'CONFIG|SET': server('update', 'CONFIG SET changes the running server\'s configuration (with dir and dbfilename it writes files anywhere the server can)'),
  'CONFIG|REWRITE': server('update', 'CONFIG REWRITE overwrites the server\'s configuration file'),
  'CONFIG|RESETSTAT': server('update', 'CONFIG RESETSTAT discards the server statistics', 'irreversible'),
  REPLICAOF: server('delete', 'REPLICAOF makes the server a replica: it discards its own data and copies the primary\'s', 'irreversible'),
  SLAVEOF: server('delete', 'SLAVEOF makes the server a replica: it discards its own data and copies the primary\'s', 'irreversible'),
  FAILOVER: server('update', 'FAILOVER hands the primary role to a replica'),
  'CLUSTER|FAILOVER': server('update', 'CLUSTER FAILOVER promotes a replica'),
  'CLUSTER|RESET': server('delete', 'CLUSTER RESET makes the node forget the cluster (HARD: its data too)', 'irreversible'),
  'CLUSTER|FORGET': server('update', 'CLUSTER FORGET removes a node from the cluster'),
  'CLUSTER|DELSLOTS': server('update', 'CLUSTER DELSLOTS stops serving hash slots'),
  'CLUSTER|DELSLOTSRANGE': server('update', 'CLUSTER DELSLOTSRANGE stops serving hash slots'),
  'CLUSTER|FLUSHSLOTS': server('update', 'CLUSTER FLUSHSLOTS stops serving every slot'),
  'CLUSTER|SETSLOT': server('update', 'CLUSTER SETSLOT moves a hash slot'),
  'CLUSTER|ADDSLOTS': server('update', 'CLUSTER ADDSLOTS assigns hash slots'),
  'CLUSTER|MEET': server('update', 'CLUSTER MEET joins another node'),
  'CLUSTER|REPLICATE': server('delete', 'CLUSTER REPLICATE makes the node a replica; its own data is discarded', 'irreversible'),
  'CLIENT|KILL': server('update', 'CLIENT KILL disconnects other clients', 'irreversible'),
  'CLIENT|PAUSE': server('update', 'CLIENT PAUSE stops every client for a while'),
  'CLIENT|UNPAUSE': server('update', 'CLIENT UNPAUSE resumes clients'),
  'SCRIPT|FLUSH': server('delete', 'SCRIPT FLUSH deletes every cached Lua script', 'recoverable'),
  'SCRIPT|KILL': server('update', 'SCRIPT KILL stops a running script'),
  'FUNCTION|FLUSH': server('delete', 'FUNCTION FLUSH deletes every library of functions', 'irreversible'),
  'FUNCTION|DELETE': d('FUNCTION DELETE deletes a library of functions', 'recoverable'),
  'FUNCTION|RESTORE': server('update', 'FUNCTION RESTORE replaces libraries of functions'),
  'FUNCTION|LOAD': { operation: 'unknown', fact: 'FUNCTION LOAD installs Lua code that later calls run' },
  'FUNCTION|KILL': server('update', 'FUNCTION KILL stops a running function'),
  'SLOWLOG|RESET': server('update', 'SLOWLOG RESET discards the slow log', 'irreversible'),
  'LATENCY|RESET': server('update', 'LATENCY RESET discards latency samples', 'irreversible'),
  'MEMORY|PURGE': server('update', 'MEMORY PURGE releases memory'),
  'ACL|SETUSER': { operation: 'permissions', fact: 'ACL SETUSER creates or changes a user\'s permissions' },
  'ACL|DELUSER': { operation: 'permissions', fact: 'ACL DELUSER deletes users' },
  'ACL|LOAD': { operation: 'permissions', fact: 'ACL LOAD replaces every user from the ACL file' },
  'ACL|SAVE': { operation: 'permissions', fact: 'ACL SAVE overwrites the ACL file' },
  'MODULE|LOAD': { operation: 'unknown', fact: 'MODULE LOAD loads native code into the server' },
  'MODULE|LOADEX': { operation: 'unknown', fact: 'MODULE LOADEX loads native code into the server' },
  'MODULE|UNLOAD': server('update', 'MODULE UNLOAD removes a module and its commands'),
  DEBUG: { operation: 'unknown', fact: 'DEBUG commands can crash, reload or corrupt the server' },
  EVAL: { operation: 'unknown', fact: 'EVAL runs a Lua script whose commands are not visible here' },
  EVALSHA: { operation: 'unknown', fact: 'EVALSHA runs a cached Lua script whose commands are not visible' },
  FCALL: { operation: 'unknown', fact: 'FCALL runs a server-side function whose commands are not visible' },
  'SCRIPT|LOAD': { operation: 'create', fact: 'SCRIPT LOAD caches a Lua script (it does not run it)' },
  SAVE: server('update', 'SAVE writes the dataset to disk, blocking the server', 'reversible'),
  BGSAVE: server('update', 'BGSAVE writes the dataset to disk', 'reversible'),
  BGREWRITEAOF: server('update', 'BGREWRITEAOF rewrites the append-only file', 'reversible'),
  SYNC: { operation: 'unknown', fact: 'SYNC starts replication to this client' },
  PSYNC: { operation: 'unknown', fact: 'PSYNC starts replication to this client' },
  MIGRATE: d('MIGRATE moves keys to another server (deleting them here unless COPY)', 'recoverable'),
  MOVE: d('MOVE moves a key to another database', 'recoverable'),
  RENAME: w('RENAME overwrites the destination key if it exists'),
  RENAMENX: w('RENAMENX renames a key'),
  RESTORE: w('RESTORE creates a key from a dump (REPLACE overwrites)'),
  COPY: w('COPY copies a key (REPLACE overwrites the destination)'),
  PUBLISH: w('PUBLISH sends a message to subscribers'),
  SPUBLISH: w('SPUBLISH sends a message to subscribers'),
  ...Object.fromEntries(`DEL UNLINK GETDEL HDEL LREM LPOP RPOP LMPOP BLPOP BRPOP BLMPOP SPOP SREM ZREM ZREMRANGEBYRANK ZREMRANGEBYSCORE
ZREMRANGEBYLEX ZPOPMIN ZPOPMAX BZPOPMIN BZPOPMAX ZMPOP BZMPOP XDEL XTRIM LTRIM HGETDEL`.split(/\s+/).filter(Boolean)
    .map((c) => [c, d(`${c} deletes data; it can only be restored from a backup`)])),
  ...Object.fromEntries(`EXPIRE PEXPIRE EXPIREAT PEXPIREAT HEXPIRE HPEXPIRE HEXPIREAT HPEXPIREAT GETEX`.split(/\s+/)
    .map((c) => [c, d(`${c} makes the key expire: it is deleted when the time runs out`)])),
  ...Object.fromEntries(`SET SETNX SETEX PSETEX MSET MSETNX APPEND INCR INCRBY INCRBYFLOAT DECR DECRBY GETSET HSET HSETNX HMSET HINCRBY
HINCRBYFLOAT LPUSH RPUSH LPUSHX RPUSHX LINSERT LSET LMOVE BLMOVE RPOPLPUSH BRPOPLPUSH SADD SMOVE SINTERSTORE SUNIONSTORE SDIFFSTORE ZADD
ZINCRBY ZUNIONSTORE ZINTERSTORE ZDIFFSTORE ZRANGESTORE XADD XACK XCLAIM XAUTOCLAIM XSETID PFADD PFMERGE SETBIT SETRANGE BITOP BITFIELD
GEOADD GEOSEARCHSTORE GEORADIUS GEORADIUSBYMEMBER PERSIST HPERSIST SORT HSETEX XGROUP`.split(/\s+/).filter(Boolean)
    .map((c) => [c, w(`${c} writes data (an existing value is overwritten)`)])),
  'XGROUP|DESTROY': d('XGROUP DESTROY deletes a consumer group and its pending entries'),
  'XGROUP|DELCONSUMER': d('XGROUP DELCONSUMER deletes a consumer and its pending entries'),
};

/** Commands with subcommands: the first argument is part of the name. */
export const REDIS_CONTAINERS: ReadonlySet<string> = nameSet('CONFIG CLIENT CLUSTER SCRIPT FUNCTION SLOWLOG LATENCY MEMORY ACL MODULE OBJECT COMMAND XGROUP XINFO PUBSUB');

/** Well-known ports of data stores that speak a text protocol a shell can type. */
export const DATA_STORE_PORTS: Readonly<Record<string, 'redis' | 'memcached' | 'http' | 'binary'>> = {
  6379: 'redis', 6380: 'redis', 26379: 'redis', 7000: 'redis', 7001: 'redis',
  11211: 'memcached',
  9200: 'http', 9201: 'http', 5984: 'http', 8086: 'http', 8123: 'http', 8529: 'http', 7474: 'http', 8091: 'http', 2379: 'http', 2380: 'http', 8500: 'http', 9042: 'binary',
  5432: 'binary', 3306: 'binary', 27017: 'binary', 27018: 'binary', 1433: 'binary', 1521: 'binary', 9000: 'binary', 5672: 'binary', 9092: 'binary', 4222: 'binary',
};

/** Service names a connection may give instead of the port (`nc host redis`, `/dev/tcp/host/postgresql`):
 *  getaddrinfo reads them from /etc/services (IANA names, and Debian's aliases). */
export const DATA_STORE_SERVICE_NAMES: Readonly<Record<string, string>> = {
  redis: '6379', memcache: '11211', memcached: '11211', postgresql: '5432', postgres: '5432', mysql: '3306', mongodb: '27017', 'mongodb-shard': '27018',
  'ms-sql-s': '1433', 'ncube-lm': '1521', amqp: '5672', 'etcd-client': '2379', 'etcd-server': '2380', couchdb: '5984', 'elasticsearch': '9200', bbs: '7000',
  'wap-wsp': '9200', cslistener: '9000',
};

/** The data-store protocol a port speaks, as the resolver reads it: `06379` is 6379, `redis` is its service name. */
export function dataStoreProtocol(port: string): (typeof DATA_STORE_PORTS)[string] | undefined {
  const number = /^\d+$/.test(port) ? String(Number(port)) : Object.hasOwn(DATA_STORE_SERVICE_NAMES, port.toLowerCase()) ? DATA_STORE_SERVICE_NAMES[port.toLowerCase()] : undefined;
  return number !== undefined && Object.hasOwn(DATA_STORE_PORTS, number) ? DATA_STORE_PORTS[number] : undefined;
}

/** memcached text-protocol commands that change data. */
export const MEMCACHED_WRITES: Readonly<Record<string, DataStoreCommand>> = {
  flush_all: server('delete', 'flush_all invalidates every item in the cache', 'irreversible'),
  delete: d('delete removes an item'),
  set: w('set stores an item'), add: w('add stores an item'), replace: w('replace overwrites an item'), append: w('append changes an item'),
  prepend: w('prepend changes an item'), cas: w('cas overwrites an item'), incr: w('incr changes an item'), decr: w('decr changes an item'),
  touch: w('touch changes an item\'s expiry'), shutdown: server('update', 'shutdown stops memcached'), verbosity: w('verbosity changes logging'),
};
export const MEMCACHED_READS: ReadonlySet<string> = nameSet('get gets gat gats stats version quit mn me');
