// Data-store clients and raw protocol sends, through the shell intake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { classifyMongoScript } from '../../src/intake/shell/recognisers/mongo.js';
import { classifyRedisCommand, parseRedisInput } from '../../src/intake/shell/recognisers/redis.js';
import { classifyClickHouse, classifyCql } from '../../src/intake/shell/recognisers/sql-stores.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
async function run(command: string, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-ds-'));
  dirs.push(dir);
  for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
  return (await parseShellCommand(command, {}, { cwd: dir })).map((a) => `${a.operation} ${a.tool} ${a.target.id}${a.hints.endpoint ? ` @${a.hints.endpoint}` : ''}`);
}

describe('redis', () => {
  it.each([
    ['FLUSHALL', 'delete'], ['flushdb async', 'delete'], ['DEL a b', 'delete'], ['UNLINK a', 'delete'], ['CONFIG SET dir /tmp', 'update'],
    ['config get maxmemory', 'read'], ['SHUTDOWN NOSAVE', 'update'], ['SCRIPT FLUSH', 'delete'], ['EVAL "return 1" 0', 'unknown'],
    ['DEBUG SLEEP 0', 'unknown'], ['REPLICAOF h 6379', 'delete'], ['GET a', 'read'], ['SCAN 0', 'read'], ['SET a 1', 'update'],
    ['EXPIRE a 1', 'delete'], ['CLIENT LIST', 'read'], ['CLIENT KILL ID 1', 'update'], ['ACL SETUSER x on', 'permissions'],
    ['MODULE LOAD /x.so', 'unknown'], ['JSON.DEL k', 'unknown'], ['FROB', 'unknown'], ['CONFIG FROB', 'unknown'],
  ])('%s -> %s', (line, op) => {
    expect(classifyRedisCommand(parseRedisInput(line)[0].words).operation).toBe(op);
  });

  it('reads inline commands, printf escapes and the RESP protocol', () => {
    expect(parseRedisInput('SET "a b" c\\r\\nDEL x\n').map((c) => c.words)).toEqual([['SET', 'a b', 'c'], ['DEL', 'x']]);
    expect(parseRedisInput('*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n').map((c) => c.words)).toEqual([['DEL', 'k']]);
  });

  it('redis-cli: host from -h, -u and REDIS_URL; stdin commands; modes', async () => {
    expect(await run('redis-cli -h prod-cache FLUSHALL')).toEqual(['delete redis prod-cache @prod-cache']);
    expect(await run('redis-cli -u redis://user:pw@cache.example:6379/2 DEL k')).toEqual(['delete redis k @cache.example/2']);
    expect(await run('REDIS_URL=redis://c1:6379 redis-cli GET k')).toEqual(['read redis k @c1']);
    expect(await run('echo FLUSHDB | redis-cli')).toEqual(['delete redis (server)']);
    expect(await run('redis-cli --pipe < cmds.txt', { 'cmds.txt': 'SET a 1\nFLUSHALL\n' })).toEqual(['update redis a', 'delete redis (server)']);
    expect(await run('redis-cli --scan --pattern "u:*"')).toEqual(['read redis (server)']);
    expect(await run('redis-cli --eval purge.lua')).toEqual(['unknown redis (server)']);
    expect(await run('redis-cli --cluster fix h:6379')).toEqual(['update redis (cluster)']);
    expect(await run('redis-cli')).toEqual(['unknown redis (server)']);
    expect(await run('redis-cli --version')).toEqual([]);
    expect(await run('valkey-cli FLUSHALL')).toEqual(['delete redis (server)']);
  });
});

describe('raw protocol sends', () => {
  it('nc, ncat, socat, telnet and /dev/tcp to data-store ports', async () => {
    expect(await run('nc prod-redis 6379 <<< FLUSHALL')).toEqual(['delete redis prod-redis:6379 @prod-redis:6379']);
    expect(await run("printf 'FLUSHALL\\r\\n' | nc -q1 prod 6379")).toEqual(['delete redis prod:6379 @prod:6379']);
    expect(await run("printf '*1\\r\\n$8\\r\\nFLUSHALL\\r\\n' | ncat prod 6379")).toEqual(['delete redis prod:6379 @prod:6379']);
    expect(await run('socat - TCP:prod:6379 <<< "DEL users"')).toEqual(['delete redis users @prod:6379']);
    expect(await run('telnet prod 11211 <<< flush_all')).toEqual(['delete memcached prod:11211 @prod:11211']);
    expect(await run('echo FLUSHALL > /dev/tcp/prod/6379')).toEqual(['delete redis prod:6379 @prod:6379']);
    expect((await run('exec 3<>/dev/tcp/prod/6379'))[0]).toBe('unknown network prod:6379 @prod:6379');
    expect(await run("printf 'DELETE /logs HTTP/1.1\\r\\n\\r\\n' | nc es 9200")).toEqual(['delete http es:9200/logs @es:9200']);
    expect(await run('nc db 5432 < x.bin', { 'x.bin': 'x' })).toEqual(['unknown network db:5432 @db:5432']);
  });

  it('port checks, listeners, reads and other ports are not data-store writes', async () => {
    expect(await run('nc -zv prod 6379')).toEqual([]);
    expect(await run('nc -l 6379')).toEqual([]);
    expect(await run('nc prod 6379 <<< PING')).toEqual(['read redis prod:6379 @prod:6379']);
    expect(await run("nc example.com 80 <<< 'GET / HTTP/1.0'")).toEqual([]);
    expect(await run('echo hi > /dev/tcp/example.com/80')).toEqual([]);
  });
});

describe('mongosh', () => {
  const ops = (js: string, db = 'test') => classifyMongoScript(js, db).map((e) => `${e.operation} ${e.target}`);
  it('db and collection methods', () => {
    expect(ops('db.dropDatabase()')).toEqual(['delete test']);
    expect(ops('db.users.drop()')).toEqual(['delete test.users']);
    expect(ops("db.getCollection('users').deleteMany({})")).toEqual(['delete test.users']);
    expect(classifyMongoScript('db.users.deleteMany({})', 't')[0].fact).toMatch(/whole collection/);
    expect(ops("db.getSiblingDB('prod').orders.updateMany({}, {$set: {a: 1}})")).toEqual(['update prod.orders']);
    expect(ops('use prod\ndb.dropDatabase()')).toEqual(['delete prod']);
    expect(ops('db.runCommand({dropDatabase: 1})')).toEqual(['delete test']);
    expect(ops('db.adminCommand({ping: 1})')).toEqual(['read test']);
    expect(ops("db.o.aggregate([{$match: {}}, {$out: 'users'}])")).toEqual(['update test.o']);
    expect(ops('db.users.find({a: 1}).sort({b: -1}).limit(5).forEach(printjson)')).toEqual([]);
    expect(ops('db.users.find().forEach(d => db.trash.insertOne(d))')).toEqual(['create test.trash']);
  });

  it('every call must be explained, or it is unknown', () => {
    for (const js of ['var c = db.users; c.drop()', "db['users']['drop']()".replace("['drop']", '[m]'), 'load("x.js")', 'eval("db.dropDatabase()")', '(db).dropDatabase()',
      'db.users.frobnicate()', 'db.frobnicate()', 'function f() { db.x.drop() } f()', 'db.users.find(', '`${db.dropDatabase()}`']) {
      expect(ops(js).some((o) => o.startsWith('unknown') || o.startsWith('delete')), js).toBe(true);
    }
  });

  it('through the command line, files and stdin', async () => {
    expect(await run("mongosh prod --eval 'db.dropDatabase()'")).toEqual(['delete mongo prod']);
    expect(await run("mongosh 'mongodb://h1/app' --eval 'db.users.drop()'")).toEqual(['delete mongo app.users @h1/app']);
    expect(await run('mongosh purge.js', { 'purge.js': 'db.users.deleteMany({})\n' })).toEqual(['delete mongo test.users']);
    expect(await run('mongosh < purge.js', { 'purge.js': 'db.users.remove({})\n' })).toEqual(['delete mongo test.users']);
    expect(await run("mongosh --eval 'db.users.countDocuments()'")).toEqual([]);
    expect(await run('mongosh prod')).toEqual(['unknown mongo prod']);
    expect(await run('mongorestore --drop --uri mongodb://prod/app dump/')).toEqual(['delete mongo (database) @prod/app']);
  });
});

describe('cqlsh and clickhouse', () => {
  const cql = (t: string) => classifyCql(t).map((x) => `${x.effect.operation} ${x.effect.verb}`);
  const ch = (t: string) => classifyClickHouse(t).map((x) => `${x.effect.operation} ${x.effect.verb}`);
  it('CQL', () => {
    expect(cql('DROP KEYSPACE app')).toEqual(['delete DROP KEYSPACE']);
    expect(cql("INSERT INTO t (a) VALUES (1)")).toEqual(['update INSERT']);
    expect(cql("INSERT INTO t (a) VALUES (1) IF NOT EXISTS")).toEqual(['create INSERT']);
    expect(cql('BEGIN BATCH INSERT INTO t (a) VALUES (1); DELETE FROM t WHERE a = 2; APPLY BATCH;')).toEqual(['update INSERT', 'delete DELETE']);
    expect(cql('SELECT * FROM t // ; DROP KEYSPACE app')).toEqual(['read SELECT']);
    expect(cql('CONSISTENCY QUORUM; DESCRIBE KEYSPACES')).toEqual(['read CONSISTENCY', 'read DESCRIBE']);
  });
  it('ClickHouse', () => {
    expect(ch('ALTER TABLE e DELETE WHERE ts < now()')).toEqual(['delete ALTER TABLE DELETE']);
    expect(ch('ALTER TABLE e UPDATE x = 1 WHERE 1')).toEqual(['update ALTER TABLE UPDATE']);
    expect(ch('ALTER TABLE e DROP PARTITION 2024')).toEqual(['delete ALTER TABLE DROP PARTITION']);
    expect(ch('SYSTEM DROP DNS CACHE')).toEqual(['update SYSTEM DROP DNS']);
    expect(ch('SELECT uniqExact(u), quantile(0.9)(x) FROM e')).toEqual(['read SELECT']);
    expect(ch("INSERT INTO FUNCTION s3('u') SELECT 1")).toEqual(['update INSERT INTO FUNCTION']);
  });
  it('clients', async () => {
    expect(await run("cqlsh prod -e 'TRUNCATE app.events'")).toEqual(['delete cql app.events @prod']);
    expect(await run('cqlsh prod -f d.cql', { 'd.cql': 'DROP TABLE app.t;' })).toEqual(['delete cql app.t @prod']);
    expect(await run("clickhouse-client -h ch -q 'DROP TABLE events'")).toEqual(['delete clickhouse events @ch']);
    expect(await run("clickhouse client -h ch -n -q 'SELECT 1; TRUNCATE TABLE events'")).toEqual(['read clickhouse (database) @ch', 'delete clickhouse events @ch']);
    expect(await run('clickhouse-client -h ch')).toEqual(['unknown clickhouse (database) @ch']);
  });
});

describe('etcdctl', () => {
  it.each([
    ['etcdctl del --prefix /', 'delete etcd (cluster)'], ['etcdctl del /a', 'delete etcd /a'], ['etcdctl del /a --prefix', 'delete etcd /a'],
    ['etcdctl put /a b', 'update etcd /a'], ['etcdctl compaction 5', 'delete etcd (cluster)'], ['etcdctl defrag', 'update etcd (cluster)'],
    ['etcdctl member remove 1', 'delete etcd (cluster)'], ['etcdctl auth disable', 'permissions etcd (cluster)'], ['etcdctl get /a --prefix', 'read etcd /a'],
    ['etcdctl endpoint health', 'read etcd (cluster)'], ['etcdctl snapshot save b.db', 'read etcd b.db'], ['etcdctl frob', 'unknown etcd (cluster)'],
    ['etcdctl --endpoints=https://e1:2379,https://e2:2379 del /x', 'delete etcd /x @e1'],
  ])('%s', async (command, expected) => {
    expect(await run(command)).toEqual([expected]);
  });
});
