// MySQL and SQLite are read by the dialect lexer: it must follow each server's lexical rules and
// refuse what it does not model.
import { describe, expect, it } from 'vitest';
import { classifySql, type SqlDialect, type SqlEffect } from '../../src/intake/shell/sql/index.js';
import { classifyStatement } from '../../src/intake/shell/sql/classify.js';
import { lex, splitStatements } from '../../src/intake/shell/sql/tokens.js';

const run = (sql: string, dialect: SqlDialect) => classifySql(sql, { dialect });
const ops = (effects: SqlEffect[]) => effects.map((e) => `${e.operation} ${e.verb}`);

describe('MySQL', () => {
  const my = (sql: string) => run(sql, 'mysql');
  it('executable comments are SQL; --x is not a comment; # is', async () => {
    expect(ops(await my('/*!50000 DROP TABLE x */'))).toEqual(['delete DROP TABLE']);
    expect(ops(await my('/*M!100100 DROP TABLE x */'))).toEqual(['delete DROP TABLE']);
    expect((await my('SELECT 1 /*! ; DROP TABLE x */')).map((e) => e.operation)).toContain('unknown');
    expect(ops(await my('SELECT 1--1; DROP TABLE x'))).toEqual(['read SELECT', 'delete DROP TABLE']);
    expect(ops(await my('SELECT 1 -- ; DROP TABLE x'))).toEqual(['read SELECT']);
    expect(ops(await my('SELECT 1 # ; DROP TABLE x'))).toEqual(['read SELECT']);
    expect(ops(await my('SELECT 1 /* ; */; DROP TABLE x'))).toEqual(['read SELECT', 'delete DROP TABLE']);
  });

  it('backslash escapes keep a quote inside the string; double quotes are strings', async () => {
    expect(ops(await my("SELECT 'a\\'; DROP TABLE x; -- '"))).toEqual(['read SELECT']);
    expect(ops(await my('SELECT "a\\"; DROP TABLE x; -- "'))).toEqual(['read SELECT']);
    expect(ops(await my('SELECT `a;b` FROM t'))).toEqual(['read SELECT']);
  });

  it('refuses settings that change the lexical rules, and unterminated text', async () => {
    expect((await my("SET sql_mode = 'NO_BACKSLASH_ESCAPES'"))[0].operation).toBe('unknown');
    expect((await my("SET SESSION sql_mode = 'ANSI_QUOTES'"))[0].operation).toBe('unknown');
    expect((await my("SELECT 'open"))[0].operation).toBe('unknown');
    expect(lex('SELECT /*! 1', 'mysql').refusals).toContain('unterminated MySQL executable comment');
  });

  it.each([
    ['SET GLOBAL read_only = 0', 'update'], ['SET @@global.max_connections = 1', 'update'], ['SET PERSIST x = 1', 'update'],
    ["SET PASSWORD FOR 'root'@'%' = 'x'", 'permissions'], ['SET sql_log_bin = 0', 'update'], ['SET NAMES utf8mb4', 'read'],
    ['SET @x = 1', 'read'], ['RESET MASTER', 'delete'], ['RESET SLAVE', 'update'], ['RESET REPLICA ALL', 'update'],
    ['PURGE BINARY LOGS TO \'mysql-bin.010\'', 'delete'], ['FLUSH PRIVILEGES', 'update'], ['KILL 5', 'update'], ['SHUTDOWN', 'update'],
    ["INSTALL PLUGIN x SONAME 'x.so'", 'unknown'], ["LOAD DATA INFILE 'x' INTO TABLE t", 'create'], ["SELECT * FROM t INTO OUTFILE '/tmp/x'", 'update'],
    ['SELECT a INTO @v FROM t LIMIT 1', 'read'], ["SELECT LOAD_FILE('/etc/passwd')", 'unknown'], ['REPLACE INTO t VALUES (1)', 'update'],
    ['INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2', 'update'], ['ALTER TABLE t DROP PARTITION p1', 'delete'],
    ['CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t', 'delete'], ['CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SELECT 1', 'create'],
    ["PREPARE s FROM 'DROP TABLE t'; EXECUTE s", 'delete'], ['PREPARE s FROM @q; EXECUTE s', 'unknown'], ["EXECUTE IMMEDIATE 'DELETE FROM t'", 'delete'],
    ['DO SLEEP(1)', 'read'], ['DO purge()', 'unknown'], ['SELECT shop.purge()', 'unknown'], ['CALL p()', 'unknown'],
    ['SHOW DATABASES', 'read'], ['DESCRIBE t', 'read'], ['SELECT IF(a, CAST(b AS CHAR(3)), CONCAT(c, d)) FROM t WHERE x IN (1, 2)', 'read'],
    ['WITH x(a) AS (SELECT 1) SELECT a FROM x', 'read'], ['DELETE t1, t2 FROM t1 JOIN t2 ON t1.id = t2.id', 'delete'],
  ])('%s -> %s', async (sql, op) => {
    const effects = await my(sql);
    const worst = effects.find((e) => e.operation === op) ?? effects[0];
    expect(worst.operation, JSON.stringify(effects.map((e) => [e.operation, e.verb]))).toBe(op);
  });
});

describe('SQLite', () => {
  const sq = (sql: string) => run(sql, 'sqlite');
  it('reads [names], "names", no backslash escapes', async () => {
    expect(ops(await sq('SELECT * FROM [a; DROP TABLE b]'))).toEqual(['read SELECT']);
    expect(ops(await sq("SELECT 'a\\'; DROP TABLE x; --'"))).toEqual(['read SELECT', 'delete DROP TABLE']);
    expect((await sq('DROP TABLE [users]'))[0].targets).toEqual(['users']);
  });

  it('keeps a trigger body whole', () => {
    expect(splitStatements('CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; UPDATE c SET x = 1; END; SELECT 1', 'sqlite').map((s) => s.text.split(' ')[0])).toEqual(['CREATE', 'SELECT']);
  });

  it.each([
    ["ATTACH 'x.db' AS x", 'update'], ["VACUUM INTO '/tmp/x.db'", 'update'], ['VACUUM', 'update'], ['PRAGMA writable_schema = 1', 'update'],
    ['PRAGMA journal_mode = WAL', 'update'], ['PRAGMA journal_mode', 'read'], ['PRAGMA foreign_keys = ON', 'read'], ['PRAGMA table_info(users)', 'read'],
    ['PRAGMA integrity_check', 'read'], ['PRAGMA nonsense = 1', 'unknown'], ["SELECT writefile('x', 'y')", 'update'], ["SELECT load_extension('x')", 'unknown'],
    ["SELECT sha3_query('DELETE FROM t')", 'delete'], ['SELECT json_extract(a, \'$.b\') FROM t', 'read'], ['SELECT * FROM json_each(\'[1]\')', 'read'],
    ['INSERT OR REPLACE INTO t VALUES (1)', 'update'], ['SELECT my_udf(1)', 'unknown'], ['DETACH x', 'read'],
  ])('%s -> %s', async (sql, op) => {
    const effects = await sq(sql);
    expect(effects.map((e) => e.operation), JSON.stringify(effects.map((e) => [e.operation, e.verb]))).toContain(op);
  });
});

describe('classifySql API', () => {
  it('generic dialect: the most severe reading wins', async () => {
    // MySQL reads one SELECT (backslash escape); PostgreSQL reads a DROP: the DROP is reported.
    const effects = await classifySql("SELECT 'a\\'; DROP TABLE x; --'");
    expect(effects.some((e) => e.operation === 'delete')).toBe(true);
    expect(effects.find((e) => e.operation === 'delete')?.dialect).toBe('postgresql');
    expect((await classifySql('SELECT 1')).map((e) => e.operation)).toEqual(['read']);
  });

  it('one effect (or more) per statement with its text and index', async () => {
    const effects = await classifySql('SELECT 1; DELETE FROM t WHERE id = 2', { dialect: 'postgresql' });
    expect(effects.map((e) => [e.index, e.statement, e.operation])).toEqual([[0, 'SELECT 1', 'read'], [1, 'DELETE FROM t WHERE id = 2', 'delete']]);
  });

  it('never throws; huge or non-string input is unknown', async () => {
    expect((await classifySql('x'.repeat(1_000_001)))[0].operation).toBe('unknown');
    expect((await classifySql(42 as unknown as string))[0].operation).toBe('unknown');
  });

  it('classifyStatement (sync, compatible) still answers with one effect', () => {
    expect(classifyStatement('DROP TABLE users').operation).toBe('delete');
    expect(classifyStatement('\\dt').operation).toBe('read');
    expect(classifyStatement('\\! rm -rf /').shell).toBe('rm -rf /');
    expect(classifyStatement("SELECT 'a\\'; DROP TABLE x; --'", true).operation).toBe('read');
  });
});
