import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../src/intake/shell/sql/classify.js';
import { splitStatements } from '../../src/intake/shell/sql/tokens.js';
import { splitPsql } from '../../src/intake/shell/sql/psql.js';
import { actions, summary } from './helpers.js';

describe('SQL statement classification', () => {
  it.each([
    ['DROP TABLE users', 'delete', 'sql:table', ['users'], 'irreversible'],
    ['drop table if exists public.users, "Orders" cascade', 'delete', 'sql:table', ['public.users', 'Orders'], 'irreversible'],
    ['DROP DATABASE app', 'delete', 'sql:database', ['app'], 'irreversible'],
    ['DROP SCHEMA billing CASCADE', 'delete', 'sql:schema', ['billing'], 'irreversible'],
    ['DROP INDEX CONCURRENTLY idx_users_email', 'delete', 'sql:index', ['idx_users_email'], 'recoverable'],
    ['TRUNCATE TABLE logs, events', 'delete', 'sql:table', ['logs', 'events'], 'irreversible'],
    ['TRUNCATE sessions', 'delete', 'sql:table', ['sessions'], 'irreversible'],
    ['DELETE FROM users', 'delete', 'sql:table', ['users'], 'irreversible'],
    ["DELETE FROM users WHERE email = 'a@b.c'", 'delete', 'sql:table', ['users'], 'irreversible'],
    ['UPDATE users SET admin = true', 'update', 'sql:table', ['users'], 'irreversible'],
    ['UPDATE users SET admin = true WHERE id = 1', 'update', 'sql:table', ['users'], undefined],
    ['ALTER TABLE users DROP COLUMN email', 'delete', 'sql:table', ['users'], 'irreversible'],
    ['ALTER TABLE users DROP CONSTRAINT users_pkey', 'update', 'sql:table', ['users'], 'recoverable'],
    ['ALTER TABLE users ADD COLUMN x int', 'update', 'sql:table', ['users'], undefined],
    ['INSERT INTO users (id) VALUES (1)', 'create', 'sql:table', ['users'], undefined],
    ['CREATE TABLE t (id int)', 'create', 'sql:table', ['t'], 'reversible'],
    ['GRANT ALL ON users TO bob', 'permissions', 'sql:grant', ['users'], undefined],
    ['WITH old AS (DELETE FROM events WHERE ts < now() RETURNING *) SELECT count(*) FROM old', 'delete', 'sql:table', ['events'], 'irreversible'],
    ['EXPLAIN ANALYZE DELETE FROM t', 'delete', 'sql:table', ['t'], 'irreversible'],
  ])('%s', (sql, operation, type, targets, reversibility) => {
    const e = classifyStatement(sql);
    expect([e.operation, e.targetType, e.targets, e.reversibility]).toEqual([operation, type, targets, reversibility]);
  });

  it.each(['SELECT * FROM users', 'show tables', 'EXPLAIN SELECT 1', 'WITH x AS (SELECT 1) SELECT * FROM x', 'DESCRIBE users', '\\dt', '\\d users'])('%s is a read', (sql) => {
    expect(classifyStatement(sql).operation).toBe('read');
  });

  it('DELETE with WHERE is marked bounded; without WHERE it is not', () => {
    expect(classifyStatement('DELETE FROM t WHERE id IN (SELECT id FROM x)')).toMatchObject({ bounded: true });
    expect(classifyStatement('DELETE FROM t USING x')).toMatchObject({ bounded: false });
    // a WHERE inside a subquery does not bound the outer statement
    expect(classifyStatement('UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)')).toMatchObject({ bounded: false, reversibility: 'irreversible' });
  });

  it('unknown statements and meta-commands', () => {
    expect(classifyStatement('CALL purge_everything()').operation).toBe('unknown');
    expect(classifyStatement('\\i drop_all.sql').operation).toBe('unknown');
    expect(classifyStatement('FROBNICATE x').operation).toBe('unknown');
  });

  it('splits on semicolons outside strings, comments and dollar quotes', () => {
    const s = splitStatements("SELECT ';'; -- DROP TABLE x;\nDELETE FROM a /* ; */; DO $$ BEGIN PERFORM 1; END $$;\nDROP TABLE b");
    expect(s.map((x) => x.text)).toEqual(["SELECT ';'", '-- DROP TABLE x;\nDELETE FROM a /* ; */', 'DO $$ BEGIN PERFORM 1; END $$', 'DROP TABLE b']);
    const psql = [...splitPsql("SELECT ';';\n\\dt\nDROP TABLE b", { get: () => undefined })];
    expect(psql.map((p) => `${p.kind} ${p.text}`)).toEqual(["sql SELECT ';';", 'meta \\dt', 'sql DROP TABLE b']);
  });

  it('backslash escapes depend on the dialect', () => {
    const sql = "SELECT 'a\\'; DROP TABLE x; --'";
    expect(splitStatements(sql, false).map((s) => classifyStatement(s.text).operation)).toContain('delete'); // Postgres: the DROP runs
    expect(splitStatements(sql, true).map((s) => classifyStatement(s.text, true).operation)).toEqual(['read']); // MySQL: it is inside the string
  });
});

describe('database clients', () => {
  it('psql -c with several statements, -tAc cluster, connection URL', async () => {
    expect(await summary('psql -tAc "DELETE FROM a; SELECT 1" postgres://u:p@db.prod:5432/app')).toEqual(['delete sql sql:table a', 'read sql sql:database app']);
    const [a] = await actions('psql "postgresql://admin:pw@prod-db.example.com/shop" -c "TRUNCATE orders"');
    expect(a.hints.endpoint).toBe('prod-db.example.com/shop');
    expect(JSON.stringify(a)).not.toContain('admin:pw');
  });

  it('psql -d/-h/--host and conninfo strings', async () => {
    expect((await actions('psql --host=db1 -d app -c "DROP TABLE t"'))[0].hints.endpoint).toBe('db1/app');
    expect((await actions(`psql "host=db2 dbname=crm user=x" -c 'DROP TABLE t'`))[0].hints.endpoint).toBe('db2/crm');
  });

  it('psql -f file has statements we cannot see', async () => {
    const [a] = await actions('psql -h prod -d app -f migrate.sql');
    expect(a).toMatchObject({ operation: 'unknown', tool: 'sql', details: { file: 'migrate.sql' }, hints: { endpoint: 'prod/app' } });
  });

  it('psql "$DATABASE_URL" says the connection is resolved at run time', async () => {
    const [a] = await actions('psql "$DATABASE_URL" -c "DROP TABLE t"');
    expect(a.evidence.map((e) => e.message).join()).toMatch(/DATABASE_URL/);
  });

  it('interactive psql is unknown', async () => {
    expect((await actions('psql -h prod'))[0].operation).toBe('unknown');
  });

  it('psql \\c switches database; \\! runs a shell command', async () => {
    const a = await actions(`psql <<'EOF'\n\\c billing\nDROP TABLE invoices;\n\\! rm -rf /backups\nEOF`);
    expect(a.map((x) => `${x.operation} ${x.target.id}`)).toEqual(['delete invoices', 'delete /backups']);
    expect(a[0].details?.database).toBe('billing');
  });

  it('mysql -e, -D, -p<password> is never kept', async () => {
    const [a] = await actions('mysql -h prod-mysql -u root -pS3cr3t -D shop -e "DROP TABLE carts"');
    expect(a).toMatchObject({ operation: 'delete', target: { id: 'carts' }, hints: { endpoint: 'prod-mysql/shop' } });
    expect(JSON.stringify(a)).not.toContain('S3cr3t');
  });

  it('mysql USE switches database', async () => {
    const [a] = await actions('mysql -e "USE shop; DELETE FROM carts"');
    expect(a.details?.database).toBe('shop');
  });

  it('sqlite3 db "stmt"', async () => {
    expect(await summary('sqlite3 app.db "DELETE FROM users"')).toEqual(['delete sql sql:table users']);
    expect((await actions('sqlite3 app.db "SELECT count(*) FROM users"'))[0].operation).toBe('read');
  });

  it('dropdb is an irreversible delete of the database', async () => {
    const [a] = await actions('dropdb -h prod-db app');
    expect(a).toMatchObject({ operation: 'delete', target: { type: 'sql:database', id: 'app' }, hints: { endpoint: 'prod-db/app' } });
    expect(a.intrinsic?.reversibility).toBe('irreversible');
  });

  it('pg_dump is a read', async () => {
    expect((await actions('pg_dump -h prod -d app > backup.sql'))[0].operation).toBe('read');
  });

  it('transaction-only input gives no action', async () => {
    expect(await actions('psql -c "BEGIN; COMMIT"')).toEqual([]);
  });
});
