// The real PostgreSQL parser on real SQL: what the server will run is what is judged.
import { describe, expect, it } from 'vitest';
import { classifySql, type SqlEffect } from '../../src/intake/shell/sql/index.js';

const pg = (sql: string) => classifySql(sql, { dialect: 'postgresql' });
const ops = (effects: SqlEffect[]) => effects.map((e) => `${e.operation} ${e.verb}`);
const writes = (effects: SqlEffect[]) => effects.filter((e) => e.operation !== 'read');

describe('PostgreSQL through libpg-query', () => {
  it.each([
    ['DROP TABLE users', 'delete', 'sql:table', ['users'], 'irreversible'],
    ['drop table if exists public.users, "Orders" cascade', 'delete', 'sql:table', ['public.users', 'Orders'], 'irreversible'],
    ['DROP DATABASE app', 'delete', 'sql:database', ['app'], 'irreversible'],
    ['DROP SCHEMA billing CASCADE', 'delete', 'sql:schema', ['billing'], 'irreversible'],
    ['DROP INDEX CONCURRENTLY idx_users_email', 'delete', 'sql:index', ['idx_users_email'], 'recoverable'],
    ['TRUNCATE TABLE logs, events', 'delete', 'sql:table', ['logs', 'events'], 'irreversible'],
    ['DELETE FROM users', 'delete', 'sql:table', ['users'], 'irreversible'],
    ['UPDATE users SET admin = true', 'update', 'sql:table', ['users'], 'irreversible'],
    ['UPDATE users SET admin = true WHERE id = 1', 'update', 'sql:table', ['users'], undefined],
    ['ALTER TABLE users DROP COLUMN email', 'delete', 'sql:table', ['users'], 'irreversible'],
    ['ALTER TABLE users DROP CONSTRAINT users_pkey', 'update', 'sql:table', ['users'], 'recoverable'],
    ['INSERT INTO users (id) VALUES (1)', 'create', 'sql:table', ['users'], undefined],
    ['CREATE TABLE t (id int)', 'create', 'sql:table', ['t'], 'reversible'],
    ['GRANT ALL ON users TO bob', 'permissions', 'sql:grant', ['users'], undefined],
    ['DROP OWNED BY app', 'delete', 'sql:role', ['app'], 'irreversible'],
  ])('%s', async (sql, operation, type, targets, reversibility) => {
    const [e] = await pg(sql);
    expect([e.operation, e.targetType, e.targets, e.reversibility, e.parser]).toEqual([operation, type, targets, reversibility, 'libpg-query']);
  });

  it('WHERE bounds only when it names a column', async () => {
    expect((await pg('DELETE FROM t WHERE id IN (SELECT id FROM x)'))[0].bounded).toBe(true);
    expect((await pg('DELETE FROM t WHERE 1 = 1'))[0].bounded).toBe(false);
    expect((await pg('DELETE FROM t WHERE true'))[0].bounded).toBe(false);
    expect((await pg('UPDATE t SET a = (SELECT b FROM u WHERE u.id = 1)'))[0]).toMatchObject({ bounded: false, reversibility: 'irreversible' });
  });

  it('reads the dialect\'s string forms as the server does', async () => {
    // a backslash does not escape a standard string: the DROP runs
    expect(ops(await pg("SELECT 'a\\'; DROP TABLE x; --'"))).toEqual(['read SELECT', 'delete DROP TABLE']);
    // in an E'' string it does: one SELECT
    expect(ops(await pg("SELECT E'\\'; DROP TABLE x; --'"))).toEqual(['read SELECT']);
    expect(ops(await pg('SELECT $a1$ ; DROP TABLE y; $a1$'))).toEqual(['read SELECT']);
    expect(ops(await pg('SELECT $$;$$; DROP TABLE y'))).toEqual(['read SELECT', 'delete DROP TABLE']);
    expect(ops(await pg('/* a /* nested */ comment ; DROP TABLE z */ SELECT 1'))).toEqual(['read SELECT']);
    expect(ops(await pg("SELECT U&'\\0044ROP TABLE x'"))).toEqual(['read SELECT']);
    expect((await pg('DROP TABLE U&"\\0075sers"'))[0].targets).toEqual(['users']);
    expect(ops(await pg('dRoP tAbLe x'))).toEqual(['delete DROP TABLE']);
  });

  it('data-modifying CTEs, EXPLAIN ANALYZE, SELECT INTO and CTAS run writes', async () => {
    expect(writes(await pg('WITH d AS (DELETE FROM events RETURNING *) SELECT count(*) FROM d')).map((e) => e.targets[0])).toEqual(['events']);
    expect(ops(writes(await pg('WITH a AS (SELECT 1), b AS (UPDATE acc SET x = 0 RETURNING id) SELECT * FROM a')))).toEqual(['update UPDATE']);
    expect(ops(await pg('EXPLAIN ANALYZE DELETE FROM t'))).toEqual(['delete DELETE']);
    expect(ops(await pg('EXPLAIN (ANALYZE false) DELETE FROM t'))).toEqual(['read EXPLAIN']);
    expect(ops(await pg('EXPLAIN DELETE FROM t'))).toEqual(['read EXPLAIN']);
    expect(ops(await pg('SELECT * INTO copy FROM users'))).toEqual(['create SELECT INTO']);
    expect(ops(writes(await pg('CREATE TABLE k AS SELECT pg_terminate_backend(pid) FROM pg_stat_activity')))).toContain('update pg_terminate_backend()');
  });

  it('functions with side effects are writes even inside SELECT; unknown functions are unknown', async () => {
    for (const [sql, op] of [
      ['SELECT pg_terminate_backend(pid) FROM pg_stat_activity', 'update'],
      ['SELECT pg_catalog.pg_cancel_backend(1)', 'update'],
      ['SELECT lo_unlink(1)', 'delete'],
      ['SELECT pg_read_file(\'/etc/passwd\')', 'unknown'],
      ['SELECT set_config(\'a.b\', \'c\', false)', 'update'],
      ['SELECT pg_reload_conf()', 'update'],
      ['SELECT nextval(\'s\')', 'update'],
      ['SELECT setval(\'s\', 1)', 'update'],
      ['SELECT my_cleanup()', 'unknown'],
      ['SELECT public.purge(1)', 'unknown'],
      ['SELECT * FROM (SELECT lo_unlink(1)) x', 'delete'],
    ] as const) expect((await pg(sql)).map((e) => e.operation), sql).toContain(op);
    expect(ops(await pg('SELECT count(*), max(id), now(), jsonb_build_object(\'a\', 1), st_distance(a, b) FROM t'))).toEqual(['read SELECT']);
  });

  it('SQL given to functions as text is classified in turn', async () => {
    const [e] = await pg("SELECT dblink_exec('host=prod', 'DROP TABLE users')");
    expect(e).toMatchObject({ operation: 'delete', targets: ['users'] });
    expect(e.facts.join()).toMatch(/another database/);
    expect(ops(await pg("SELECT query_to_xml('SELECT 1', true, false, '')"))).toEqual(['read SELECT']);
    expect((await pg('SELECT dblink_exec(conn, q) FROM jobs'))[0].operation).toBe('unknown');
  });

  it('DO blocks are read as PL/pgSQL', async () => {
    expect(ops(await pg('DO $$ BEGIN DELETE FROM t WHERE a = 1; END $$'))).toEqual(['delete DELETE']);
    expect(ops(await pg('DO $$ BEGIN PERFORM pg_sleep(1); RAISE NOTICE \'%\', now(); END $$'))).toEqual(['read DO']);
    expect(ops(await pg("DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'x'; END $$"))).toEqual(['unknown DO']);
    expect(ops(await pg('DO $$ DECLARE n int; BEGIN n := nextval(\'s\'); END $$'))).toEqual(['update nextval()']);
    expect(ops(await pg('DO $$ BEGIN IF (SELECT purge()) THEN NULL; END IF; END $$'))).toEqual(['unknown purge()']);
    expect(ops(await pg("DO LANGUAGE plpython3u $$ import os $$"))).toEqual(['unknown DO']);
    expect(ops(await pg('DO $$ BEGIN this is not plpgsql; END $$'))).toEqual(['unknown DO']);
  });

  it('server-changing statements that look like settings are writes', async () => {
    expect(ops(await pg('ALTER SYSTEM SET fsync = off'))).toEqual(['update ALTER SYSTEM']);
    expect(ops(await pg('SET search_path = app'))).toEqual(['read SET']);
    expect((await pg('SET standard_conforming_strings = off'))[0].operation).toBe('unknown');
    expect((await pg("SET client_encoding = 'SJIS'"))[0].operation).toBe('unknown');
    expect(ops(await pg("ROLLBACK PREPARED 'x'"))).toEqual(['update ROLLBACK PREPARED']);
    expect((await pg("LOAD 'x.so'"))[0].operation).toBe('unknown');
  });

  it('COPY ... PROGRAM runs a command on the server; COPY TO a file writes there', async () => {
    const [program] = await pg("COPY t TO PROGRAM 'rm -rf /'");
    expect(program).toMatchObject({ operation: 'unknown', serverShell: 'rm -rf /' });
    expect(ops(await pg("COPY t TO '/tmp/x'"))).toEqual(['update COPY TO file']);
    expect(ops(await pg('COPY t TO STDOUT'))).toEqual(['read COPY TO']);
    expect(ops(await pg('COPY t FROM STDIN'))).toEqual(['create COPY FROM']);
  });

  it('CALL, EXECUTE of an unknown statement are unknown; PREPARE/EXECUTE in one text is followed', async () => {
    expect((await pg('CALL p()'))[0].operation).toBe('unknown');
    expect((await pg('EXECUTE plan1'))[0].operation).toBe('unknown');
    expect(ops(await pg('PREPARE p AS DELETE FROM t; EXECUTE p'))).toEqual(['read PREPARE', 'delete DELETE']);
  });

  it('CREATE OR REPLACE replaces; roles with powers are permissions', async () => {
    expect(ops(await pg('CREATE OR REPLACE VIEW v AS SELECT 1'))).toEqual(['update CREATE OR REPLACE VIEW']);
    expect(ops(await pg('CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$'))).toEqual(['update CREATE OR REPLACE FUNCTION']);
    const [role] = await pg('ALTER ROLE app SUPERUSER');
    expect(role).toMatchObject({ operation: 'permissions' });
    expect(role.facts.join()).toMatch(/SUPERUSER/);
  });

  it('what the parser rejects is unknown, never a read', async () => {
    for (const sql of ['SELEC 1', "SELECT 'unterminated", 'DROP TABLE', 'SELECT 1 \\! rm -rf /', 'SELECT $$ open']) {
      expect((await pg(sql)).map((e) => e.operation), sql).toEqual(['unknown']);
    }
  });
});
