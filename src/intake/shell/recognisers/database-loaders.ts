// Database and data-store clients beyond the SQL shells listed in index.ts. Entries here are
// merged after CLOUD_CLIS in index.ts, so they win over the generic verb table for the same name
// (mongosh and redis-cli are listed there too).
import type { RecogniserLoader as Loader } from '../command.js';

const sql = (name: 'pgRestore' | 'dropuser'): Loader => async () => (await import('./sql.js'))[name];
const redis: Loader = async () => (await import('./redis.js')).redisCli;
const mongo = (name: 'mongosh' | 'mongoLoad' | 'mongoDump'): Loader => async () => (await import('./mongo.js'))[name];
const stores = (name: 'cqlsh' | 'clickhouseClient'): Loader => async () => (await import('./sql-stores.js'))[name];
const etcd: Loader = async () => (await import('./etcd.js')).etcdctl;
const raw = (name: 'netcat' | 'socat' | 'telnet' | 'opensslClient'): Loader => async () => (await import('./raw-protocol.js'))[name];

export const DATABASE_LOADERS: Readonly<Record<string, Loader>> = {
  pg_restore: sql('pgRestore'),
  dropuser: sql('dropuser'),
  'redis-cli': redis, 'valkey-cli': redis, 'keydb-cli': redis,
  mongosh: mongo('mongosh'), mongo: mongo('mongosh'),
  mongorestore: mongo('mongoLoad'), mongoimport: mongo('mongoLoad'), mongodump: mongo('mongoDump'), mongoexport: mongo('mongoDump'),
  cqlsh: stores('cqlsh'),
  'clickhouse-client': stores('clickhouseClient'), 'clickhouse-local': stores('clickhouseClient'), clickhouse: stores('clickhouseClient'),
  etcdctl: etcd,
  nc: raw('netcat'), ncat: raw('netcat'), netcat: raw('netcat'), socat: raw('socat'), telnet: raw('telnet'), openssl: raw('opensslClient'),
};
