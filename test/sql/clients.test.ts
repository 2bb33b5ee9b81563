// Database clients on the command line, with their script files read from a real temporary
// workspace.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import type { PlannedAction } from '../../src/intake/types.js';
import type { RecognisedCommand } from '../../src/intake/shell/command.js';
import { workspaceReader } from '../../src/intake/shell/sql/workspace-files.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

function workspace(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-sql-'));
  dirs.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

async function run(command: string, files: Record<string, string | Buffer> = {}): Promise<PlannedAction[]> {
  return parseShellCommand(command, {}, { cwd: workspace(files) });
}
const summary = (actions: PlannedAction[]) => actions.map((a) => `${a.operation} ${a.target.id}`);
const evidence = (a: PlannedAction) => a.evidence.map((e) => e.message).join(' | ');

describe('psql', () => {
  it('-f reads the file from the workspace; \\i and \\ir follow includes', async () => {
    expect(summary(await run('psql -h prod app -f migrate.sql', { 'migrate.sql': 'BEGIN;\nALTER TABLE users ADD COLUMN x int;\nDROP TABLE legacy;\nCOMMIT;\n' })))
      .toEqual(['update users', 'delete legacy']);
    const inc = await run('psql -h prod app -f sql/main.sql', { 'sql/main.sql': '\\ir parts/purge.sql\n', 'sql/parts/purge.sql': 'TRUNCATE audit;\n' });
    expect(summary(inc)).toEqual(['delete audit']);
    expect(evidence(inc[0])).toMatch(/read from .*purge\.sql/);
    expect(summary(await run('psql app -f a.sql', { 'a.sql': '\\i b.sql\n', 'b.sql': 'DELETE FROM t;\n' }))).toEqual(['delete t']);
  });

  it('< file, cat file | psql, and a file written earlier on the same line', async () => {
    expect(summary(await run('psql app < drop.sql', { 'drop.sql': 'DROP SCHEMA public CASCADE;' }))).toEqual(['delete public']);
    expect(summary(await run('cat drop.sql | psql app', { 'drop.sql': 'DROP TABLE t;' }))).toEqual(['delete t']);
    // The shell intake records files the line writes (cmd.files) for the code reader; until it
    // does for heredocs, such a file is at least not a pass.
    expect((await run("cat > x.sql <<'EOF'\nDELETE FROM users;\nEOF\npsql app -f x.sql")).map((a) => a.operation)).not.toContain('read');
  });

  it('a file the line wrote is read from cmd.files before the disk', async () => {
    const dir = workspace({ 'x.sql': 'SELECT 1;' });
    const read = workspaceReader({ files: new Map([['x.sql', 'DROP TABLE users;']]), workspace: dir } as unknown as RecognisedCommand);
    expect(await read('x.sql')).toEqual({ text: 'DROP TABLE users;', path: 'x.sql' });
    expect(await read('../outside.sql')).toMatchObject({ error: 'ENOENT' });
    expect(await read('$HOME/x.sql')).toMatchObject({ error: 'the path is built at run time' });
  });

  it('missing, binary and run-time file names are unknown with the reason', async () => {
    const [missing] = await run('psql app -f nope.sql');
    expect(missing.operation).toBe('unknown');
    expect(evidence(missing)).toMatch(/nope\.sql.*ENOENT/);
    const [binary] = await run('psql app -f data.bin', { 'data.bin': Buffer.from([0x44, 0, 0x52]) });
    expect(evidence(binary)).toMatch(/binary/);
    expect((await run('psql app -f "$F"'))[0].operation).toBe('unknown');
    const [loop] = await run('psql app -f a.sql', { 'a.sql': '\\i a.sql\n' });
    expect(evidence(loop)).toMatch(/more than 8 deep/);
  });

  it('variables: -v and \\set values are substituted; unseen values are unknown', async () => {
    expect(summary(await run("psql app -v t=users -c 'SELECT 1' -f x.sql", { 'x.sql': 'DROP TABLE :t;\n' }))).toEqual(['read app', 'delete users']);
    expect(summary(await run("psql app <<'EOF'\n\\set q 'TRUNCATE orders;'\n:q\nEOF"))).toEqual(['delete orders']);
    const [unseen] = await run("psql app <<'EOF'\nSELECT 'x' AS q \\gset\n:q\nEOF").then((a) => a.filter((x) => x.operation !== 'read'));
    expect(unseen.operation).toBe('unknown');
    expect(evidence(unseen)).toMatch(/:q/);
  });

  it('-c is one server string (no variables, no meta-commands unless it starts with a backslash)', async () => {
    expect(summary(await run("psql app -c 'SELECT :x'"))).toEqual(['unknown app']);
    expect(summary(await run("psql app -c '\\dt'"))).toEqual(['read app']);
    expect(summary(await run("psql app -c '\\! rm -rf /srv/data'")).map((s) => s.split(' ')[0])).toEqual(['delete']);
  });

  it('\\c and URLs move the endpoint; \\! and pipes are walked as shell', async () => {
    const a = await run("psql -h prod-db app <<'EOF'\n\\c billing admin other-host\nDROP TABLE invoices;\n\\o | rm -rf /srv/out\nEOF");
    expect(a.map((x) => `${x.operation} ${x.target.id} ${x.hints.endpoint ?? ''}`)).toEqual(['delete invoices other-host/billing', 'delete /srv/out ']);
    const [remote] = await run("psql 'postgresql://u:pw@db.example.com/shop' -c 'TRUNCATE carts'");
    expect(remote.hints.endpoint).toBe('db.example.com/shop');
    expect(JSON.stringify(remote)).not.toContain('pw@');
  });

  it('COPY ... PROGRAM: unknown, and the command is walked with the server as endpoint', async () => {
    const a = await run("psql -h prod-db app -c \"COPY t TO PROGRAM 'rm -rf /var/lib/postgresql'\"");
    expect(a[0]).toMatchObject({ operation: 'unknown', verb: 'COPY TO PROGRAM' });
    expect(a.slice(1).map((x) => `${x.operation} ${x.target.id} ${x.hints.endpoint}`)).toEqual(['delete /var/lib/postgresql prod-db/app']);
  });

  it('\\copy: the query it sends is classified; program runs locally; files outside the workspace are writes', async () => {
    expect(summary(await run("psql app -c '\\copy users to users.csv csv'"))).toEqual(['read app']);
    expect(summary(await run("psql app -c '\\copy (SELECT lo_unlink(1)) to stdout'"))).toEqual(['delete lo_unlink']);
    expect((await run("psql app -c \"\\copy users from 'u.csv'\""))[0]).toMatchObject({ operation: 'create', target: { id: 'users' } });
    expect(summary(await run("psql app -c \"\\copy users to '/etc/x.csv'\""))).toContain('update /etc/x.csv');
  });

  it('reads pass as reads; -l lists; --version does nothing', async () => {
    expect(summary(await run("psql app -c 'SELECT count(*) FROM users'"))).toEqual(['read app']);
    expect(summary(await run('psql -h prod -l'))).toEqual(['read (server)']);
    expect(await run('psql --version')).toEqual([]);
  });
});

describe('mysql', () => {
  it('-e, USE, client commands', async () => {
    const [a] = await run('mysql -e "USE shop; DELETE FROM carts"');
    expect(a).toMatchObject({ operation: 'delete', details: { database: 'shop' } });
    expect(summary(await run("mysql shop <<'EOF'\nsystem rm -rf /var/lib/mysql\nEOF"))).toEqual(['delete /var/lib/mysql']);
    expect(summary(await run("mysql shop -e 'SELECT 1; system rm -rf /srv/x;'"))).toEqual(['read shop', 'delete /srv/x']);
    expect(summary(await run("mysql shop <<'EOF'\nsource drop.sql\nEOF", { 'drop.sql': 'DROP DATABASE shop;\n' }))).toEqual(['delete shop']);
  });

  it('DELIMITER changes how statements end', async () => {
    const a = await run("mysql shop <<'EOF'\nDELIMITER //\nCREATE PROCEDURE p() BEGIN DELETE FROM t; END//\nDROP TABLE u//\nDELIMITER ;\nEOF");
    expect(summary(a)).toEqual(['create p', 'delete u']);
  });

  it('--init-command runs too; a password is never kept', async () => {
    const a = await run("mysql -h prod -u root -pS3cret --init-command='DROP TABLE x' shop -e 'SELECT 1'");
    expect(summary(a)).toEqual(['delete x', 'read shop']);
    expect(JSON.stringify(a)).not.toContain('S3cret');
  });

  it('mysql < dump.sql reads the dump', async () => {
    expect(summary(await run('mysql shop < d.sql', { 'd.sql': '/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `users`;\nCREATE TABLE `users` (id int);\n' })))
      .toEqual(['delete users', 'create users']);
  });
});

describe('sqlite3', () => {
  it('dot-commands that only show pass; arguments are each a command', async () => {
    expect(summary(await run('sqlite3 dev.db .tables'))).toEqual(['read dev.db']);
    expect(summary(await run("sqlite3 dev.db '.schema users' 'SELECT count(*) FROM users'"))).toEqual(['read dev.db', 'read dev.db']);
  });

  it('.shell is walked; .read reads the file; .output outside the workspace writes', async () => {
    expect(summary(await run("sqlite3 dev.db '.shell rm -rf /srv/data'"))).toEqual(['delete /srv/data']);
    expect(summary(await run("sqlite3 dev.db '.read q.sql'", { 'q.sql': 'DELETE FROM users;\n' }))).toEqual(['delete users']);
    expect(summary(await run("sqlite3 dev.db '.output /etc/motd'"))).toEqual(['update /etc/motd']);
    expect(summary(await run("sqlite3 dev.db '.output out.csv'"))).toEqual([]);
  });

  it('-cmd and -init run before the commands; no command reads stdin', async () => {
    expect(summary(await run("sqlite3 -cmd 'DELETE FROM t' dev.db .tables"))).toEqual(['delete t', 'read dev.db']);
    expect(summary(await run('sqlite3 -init i.sql dev.db .tables', { 'i.sql': 'DROP TABLE t;\n' }))).toEqual(['delete t', 'read dev.db']);
    expect(summary(await run("sqlite3 dev.db <<'EOF'\n.headers on\nDELETE FROM users;\nEOF"))).toEqual(['read dev.db', 'delete users']);
    expect(summary(await run('sqlite3 dev.db'))).toEqual(['unknown dev.db']);
  });
});

describe('other database tools', () => {
  it('mysqladmin commands as data', async () => {
    expect(summary(await run('mysqladmin -h prod shutdown'))).toEqual(['update prod']);
    expect(summary(await run('mysqladmin -h prod drop shop'))).toEqual(['delete shop']);
    expect(summary(await run('mysqladmin status'))).toEqual(['read (server)']);
    expect(summary(await run('mysqladmin frobnicate'))).toEqual(['unknown (server)']);
  });

  it('pg_restore --clean deletes; pg_restore -l reads; pg_dump -f outside the workspace writes', async () => {
    expect((await run('pg_restore --clean -d app a.dump'))[0]).toMatchObject({ operation: 'delete', intrinsic: { reversibility: 'irreversible' } });
    expect(await run('pg_restore -l a.dump')).toEqual([]);
    expect(summary(await run('pg_dump -h prod app -f /etc/x.sql'))).toEqual(['read app', 'update /etc/x.sql']);
    expect(summary(await run('pg_dump -h prod app -f backups/app.sql'))).toEqual(['read app']);
  });
});
