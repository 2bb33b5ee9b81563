// Fuzzing the SQL path: it never throws, and it never answers "read" for text it cannot read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyScript, classifySql } from '../../src/intake/shell/sql/index.js';
import { loadPostgresParser } from '../../src/intake/shell/sql/postgres.js';
import { lex } from '../../src/intake/shell/sql/tokens.js';
import { classifyMongoScript } from '../../src/intake/shell/recognisers/mongo.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';

const OPS = new Set(['read', 'create', 'update', 'replace', 'delete', 'permissions', 'unknown']);
const sqlish = fc.array(fc.oneof(
  fc.constantFrom('SELECT', 'DROP', 'TABLE', 'DELETE', 'FROM', 'WHERE', 'WITH', 'AS', '(', ')', ';', "'", '"', '`', '$$', '$a$', 'E', "E'", '\\', '--', '#', '/*', '*/', '/*!', '[', ']', ':', '::', ':x', 'U&', '\n', ' ', ',', '.', 'x', '1', 'pg_terminate_backend', 'lo_unlink', 'COPY', 'PROGRAM', 'DO', '\\!', '\\gexec', '\\i', '.shell', 'ATTACH', 'PRAGMA'),
  fc.string({ maxLength: 6 }),
), { maxLength: 30 }).map((parts) => parts.join(''));

describe('SQL fuzzing', () => {
  it('classifySql never throws and always answers with known operations', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(sqlish, fc.string({ maxLength: 200 })), fc.constantFrom('postgresql', 'mysql', 'sqlite', 'generic'), async (text, dialect) => {
      const effects = await classifySql(text, { dialect: dialect as never });
      for (const e of effects) expect(OPS.has(e.operation)).toBe(true);
    }), { numRuns: 400 });
  });

  it('PostgreSQL: whatever the real parser rejects is unknown, never read', async () => {
    const pg = await loadPostgresParser();
    await fc.assert(fc.asyncProperty(sqlish, async (text) => {
      let rejected = false;
      try { pg.parseSync(text); } catch { rejected = true; }
      const effects = await classifySql(text, { dialect: 'postgresql' });
      if (rejected) expect(effects.map((e) => e.operation)).toEqual(['unknown']);
    }), { numRuns: 400 });
  });

  it('MySQL / SQLite: text the lexer cannot read the server\'s way is unknown', async () => {
    await fc.assert(fc.asyncProperty(sqlish, fc.constantFrom('mysql', 'sqlite'), async (text, dialect) => {
      if (!lex(text, dialect as 'mysql').refusals.length) return;
      const effects = await classifySql(text, { dialect: dialect as 'mysql' });
      expect(effects.some((e) => e.operation === 'unknown')).toBe(true);
    }), { numRuns: 400 });
  });

  it('a DROP after a read is found whatever the spacing, comments and casing', async () => {
    const sep = fc.array(fc.constantFrom(' ', '\n', '\t', '/* c */', '/* ; */', '-- c;\n'), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
    const casing = (w: string) => fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length }).map((flags) => [...w].map((c, i) => (flags[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
    const read = fc.constantFrom("SELECT 'a;b'", 'SELECT 1', 'SELECT "x;" FROM t', 'SELECT $$;$$', "SELECT '--'", 'SHOW tables');
    await fc.assert(fc.asyncProperty(read, sep, sep, casing('drop'), casing('table'), fc.constantFrom('postgresql', 'mysql', 'sqlite', 'generic'), async (r, s1, s2, drop, table, dialect) => {
      if (dialect === 'mysql' && (r.includes('$$') || r.includes('"x;"'))) return; // other lexical forms there
      if (dialect === 'sqlite' && r.includes('$$')) return;
      const effects = await classifySql(`${r};${s1}${drop}${s2}${table} users`, { dialect: dialect as never });
      expect(effects.some((e) => e.operation === 'delete'), JSON.stringify(effects.map((e) => e.verb))).toBe(true);
    }), { numRuns: 300 });
  });

  it('psql, mysql and sqlite3 scripts never throw', async () => {
    await fc.assert(fc.asyncProperty(sqlish, fc.constantFrom('psql', 'mysql', 'sqlite3'), fc.constantFrom('script', 'command', 'argument'), async (text, client, mode) => {
      const steps = await classifyScript(text, { client: client as 'psql', mode: mode as 'script' });
      for (const s of steps) expect(OPS.has(s.operation)).toBe(true);
    }), { numRuns: 300 });
  });

  it('mongosh scripts never throw; a call on anything but db is never silently a read', () => {
    fc.assert(fc.property(fc.string({ maxLength: 120 }), (js) => { classifyMongoScript(js, 't'); }), { numRuns: 500 });
    fc.assert(fc.property(fc.constantFrom('x', 'd', 'conn', 'mydb', 'self'), fc.constantFrom('drop', 'dropDatabase', 'deleteMany', 'remove'), (root, method) => {
      expect(classifyMongoScript(`${root}.users.${method}({})`, 't').map((e) => e.operation)).toEqual(['unknown']);
    }));
  });

  it('data-store command lines with random arguments never throw', async () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_./:*-]{1,12}$/);
    await fc.assert(fc.asyncProperty(fc.constantFrom('redis-cli', 'mongosh --eval', 'cqlsh -e', 'clickhouse-client -q', 'etcdctl', 'psql -c', 'mysql -e', 'sqlite3 x.db', 'nc h 6379 <<<'), fc.array(word, { maxLength: 5 }), async (tool, args) => {
      const actions = await parseShellCommand(`${tool} '${args.join(' ')}'`);
      for (const a of actions) expect(OPS.has(a.operation)).toBe(true);
    }), { numRuns: 200 });
  });
});
