// `firebreak server` as a user meets it: help, clear refusals, a clean stop.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../agents/helpers.js';
import { freePort } from './postgres-cluster.js';
import { spawnServer } from './helpers.js';

describe('firebreak server CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-server-cli-'));

  it('--help documents the flags and the two-command start', async () => {
    const r = await runCli(['server', '--help'], { cwd: dir });
    expect(r.code).toBe(0);
    for (const text of ['--db <file-or-url>', '--host <address>', '--port <port>', '--request-ttl', 'Start (two commands):', 'firebreak server init --admin', 'firebreak server connect']) expect(r.stdout).toContain(text);
  });

  it('refuses bad input with a clear message and exit 3, never a stack trace', async () => {
    const port = await freePort();
    const cases: [string[], RegExp][] = [
      [['server', '--port', 'eighty'], /--port: expected 0-65535/],
      [['server', '--request-ttl', 'soon', '--port', '0'], /--request-ttl: expected a duration/],
      [['server', '--db', `postgres://nobody:wrong@127.0.0.1:${port}/none`, '--port', '0'], /cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:\d+\/none: .*ECONNREFUSED/],
      [['server', 'user', 'add', 'Not A Name', '--db', join(dir, 'x.db')], /user names are lowercase/],
      [['server', 'token', 'revoke', 'nobody', '--db', join(dir, 'x.db')], /no active token named nobody/],
      [['server', 'connect', 'http://127.0.0.1:1', '--token', 'nope'], /--token: not a Firebreak token/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a second server on a port in use says so; SIGTERM stops the first cleanly', async () => {
    const db = join(dir, 'team.db');
    const first = await spawnServer(db);
    const second = await runCli(['server', '--db', db, '--port', String(first.port)], { cwd: dir });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`port ${first.port} on 127.0.0.1 is in use`);
    await first.stop('SIGTERM');
    expect(first.child.exitCode).toBe(0);
  });
});
