// commander wiring for the team server: `firebreak server` runs it; its subcommands set it up
// (accounts, tokens, webhook) on the same database, and `connect` sets up a machine's hook.
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';

const DEFAULT_PORT = 8470;

interface DbFlag {
  db?: string;
}

// `--db` given after a subcommand is parsed by `server` itself (commander gives a shared option to
// the parent): read it from there too.
let parentDb: () => string | undefined = () => undefined;

function database(flags: DbFlag): string {
  return flags.db ?? parentDb() ?? process.env.FIREBREAK_SERVER_DB ?? 'firebreak-server.db';
}

async function withDatabase<T>(flags: DbFlag, work: (db: import('../server/db/database.js').Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../server/db/open.js');
  const { migrate } = await import('../server/db/migrations.js');
  const { ServiceError } = await import('../server/service/types.js');
  const { DatabaseError } = await import('../server/db/database.js');
  let db;
  try {
    db = await openDatabase(database(flags));
    await migrate(db);
  } catch (error) {
    await db?.close().catch(() => undefined);
    if (error instanceof DatabaseError) throw new InputError(error.message);
    throw error;
  }
  try {
    return await work(db);
  } catch (error) {
    if (error instanceof ServiceError) throw new InputError(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

function duration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (!m) throw new InputError(`${flag}: expected a duration such as 30m, 1h or 7d (got "${value}")`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

async function readSecretFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const dbOption = () => new Option('--db <file-or-url>', 'SQLite file, or a postgres:// URL (default: $FIREBREAK_SERVER_DB, else ./firebreak-server.db)');

export function registerServerCommands(program: Command): void {
  const server = program
    .command('server')
    .summary('team approval queue and fleet audit: an HTTP service with a web page (SQLite by default, PostgreSQL for several servers)')
    .description(
      'Runs the team approval service. Hooks post escalations to it; people approve or reject them in its web page; ' +
        'approvals come back signed by the server key; unanswered requests expire to rejected; every machine ships its ' +
        'hash-chained audit log and agent inventory to it. Schema migrations run on start.',
    )
    .addHelpText(
      'after',
      [
        '',
        'Start (two commands):',
        '  firebreak server init --admin alice --machine alice-laptop   # database, key pair, first account, a machine token',
        '  firebreak server                                            # serves http://127.0.0.1:8470',
        'On each machine:',
        '  firebreak server connect http://127.0.0.1:8470 --token fbt_... --fingerprint <printed by init>',
        'Several servers can share one PostgreSQL: start each with the same --db postgres://user:pass@host/db.',
      ].join('\n'),
    )
    .addOption(dbOption())
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', `port to listen on (0: any free port)`, String(DEFAULT_PORT))
    .option('--public-url <url>', 'where people reach the page, for links in messages and notifications (https marks cookies Secure)')
    .option('--request-ttl <duration>', 'how long a request waits for a person before it expires to rejected', '1h')
    .option('--max-request-ttl <duration>', 'the longest deadline a hook may ask for', '7d')
    .option('--hold <duration>', 'how long a rejection or expiry keeps denying the same action (at least to its deadline)', '1h')
    .option('--max-approval-ttl <duration>', 'the longest an approval may last', '7d')
    .action(async (flags: DbFlag & { host: string; port: string; publicUrl?: string; requestTtl: string; maxRequestTtl: string; hold: string; maxApprovalTtl: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: expected 0-65535 (got "${flags.port}")`);
      if (flags.publicUrl && !/^https?:\/\/[^/]+/.test(flags.publicUrl)) throw new InputError(`--public-url: expected an http(s) URL (got "${flags.publicUrl}")`);
      const { startServer, LOOPBACK } = await import('../server/server.js');
      const { DatabaseError } = await import('../server/db/database.js');
      if (!LOOPBACK.includes(flags.host) && !flags.publicUrl?.startsWith('https:')) {
        process.stderr.write(`firebreak server: listening on ${flags.host} without an https --public-url: put a TLS reverse proxy in front, or people's passwords cross the network in clear\n`);
      }
      let running;
      try {
        running = await startServer({
          database: database(flags),
          host: flags.host,
          port,
          ...(flags.publicUrl ? { publicUrl: flags.publicUrl } : {}),
          settings: {
            requestTtlMs: duration('--request-ttl', flags.requestTtl),
            maxRequestTtlMs: duration('--max-request-ttl', flags.maxRequestTtl),
            holdMs: duration('--hold', flags.hold),
            maxApprovalTtlMs: duration('--max-approval-ttl', flags.maxApprovalTtl),
          },
          log: (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
        });
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (error instanceof DatabaseError) throw new InputError(e.message);
        if (e.code === 'EADDRINUSE') throw new InputError(`port ${port} on ${flags.host} is in use (--port picks another)`);
        if (e.code === 'EACCES') throw new InputError(`not allowed to listen on ${flags.host}:${port}`);
        throw error;
      }
      process.stdout.write(`firebreak server listening on ${running.url}\nsigning key fingerprint ${running.keyFingerprint}\n`);
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
      await running.close();
    });

  parentDb = () => server.opts<DbFlag>().db;

  server
    .command('init')
    .summary('create the database, the signing key, the first account and (optionally) a machine token')
    .addOption(dbOption())
    .requiredOption('--admin <name>', 'the first person who can approve')
    .option('--machine <name>', 'also create a machine token with this name, owned by the admin')
    .option('--team <team>', 'team', 'default')
    .action(async (flags: DbFlag & { admin: string; machine?: string; team: string }) => {
      const { addUser, addToken } = await import('../server/service/accounts.js');
      const { loadSigningKey } = await import('../server/auth/signing-key.js');
      await withDatabase(flags, async (db) => {
        const key = await loadSigningKey(db);
        const { password } = await addUser(db, { name: flags.admin, role: 'approver', team: flags.team });
        const lines = [`database ${db.description} ready`, `signing key fingerprint ${key.fingerprint}`, `user ${flags.admin} (approver), password: ${password}`];
        if (flags.machine) lines.push(`machine token for ${flags.machine}: ${(await addToken(db, { name: flags.machine, kind: 'machine', team: flags.team, owner: flags.admin })).token}`);
        lines.push('Shown once: keep them safe. Next: firebreak server');
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  const user = server.command('user').summary('people who log in to the page');
  user
    .command('add <name>')
    .summary('add a person (approver by default); prints a generated password unless --password-stdin')
    .addOption(dbOption())
    .option('--viewer', 'may look but not decide')
    .option('--team <team>', 'team', 'default')
    .option('--password-stdin', 'read the password from stdin')
    .action(async (name: string, flags: DbFlag & { viewer?: boolean; team: string; passwordStdin?: boolean }) => {
      const { addUser } = await import('../server/service/accounts.js');
      const given = flags.passwordStdin ? await readSecretFromStdin() : undefined;
      await withDatabase(flags, async (db) => {
        const { password } = await addUser(db, { name, role: flags.viewer ? 'viewer' : 'approver', team: flags.team, ...(given ? { password: given } : {}) });
        process.stdout.write(given ? `user ${name} added\n` : `user ${name} added, password: ${password}\n`);
      });
    });
  user
    .command('password <name>')
    .summary('set a new password (generated unless --password-stdin); logs the person out everywhere')
    .addOption(dbOption())
    .option('--password-stdin', 'read the password from stdin')
    .action(async (name: string, flags: DbFlag & { passwordStdin?: boolean }) => {
      const { setPassword } = await import('../server/service/accounts.js');
      const given = flags.passwordStdin ? await readSecretFromStdin() : undefined;
      await withDatabase(flags, async (db) => {
        const { password } = await setPassword(db, name, given);
        process.stdout.write(given ? `password for ${name} set\n` : `new password for ${name}: ${password}\n`);
      });
    });
  user
    .command('list')
    .summary('list people')
    .addOption(dbOption())
    .action(async (flags: DbFlag) => {
      const { listUsers } = await import('../server/service/accounts.js');
      await withDatabase(flags, async (db) => {
        for (const u of await listUsers(db)) process.stdout.write(`${u.name}\t${u.role}\tteam ${u.team_id}${u.disabled_at ? '\tdisabled' : ''}\n`);
      });
    });

  const token = server.command('token').summary('machine tokens (request, never approve) and auditor tokens (read the fleet audit)');
  token
    .command('add <name>')
    .summary('create a token; prints it once')
    .addOption(dbOption())
    .option('--auditor', 'an auditor token (export and verify the fleet audit) instead of a machine token')
    .option('--owner <user>', "the person whose machine this is: they cannot approve its requests")
    .option('--team <team>', 'team', 'default')
    .action(async (name: string, flags: DbFlag & { auditor?: boolean; owner?: string; team: string }) => {
      const { addToken } = await import('../server/service/accounts.js');
      await withDatabase(flags, async (db) => {
        const t = await addToken(db, { name, kind: flags.auditor ? 'auditor' : 'machine', team: flags.team, ...(flags.owner ? { owner: flags.owner } : {}) });
        process.stdout.write(`${t.token}\n`);
      });
    });
  token
    .command('list')
    .summary('list tokens (never their secrets)')
    .addOption(dbOption())
    .action(async (flags: DbFlag) => {
      const { listTokens } = await import('../server/service/accounts.js');
      await withDatabase(flags, async (db) => {
        for (const t of await listTokens(db)) {
          process.stdout.write(`${t.name}\t${t.kind}\tteam ${t.team_id}${t.owner ? `\towner ${t.owner}` : ''}\t${t.revoked_at ? `revoked ${t.revoked_at}` : `last used ${t.last_used_at ?? 'never'}`}\n`);
        }
      });
    });
  token
    .command('revoke <name>')
    .summary('revoke a token by name or id')
    .addOption(dbOption())
    .action(async (name: string, flags: DbFlag) => {
      const { revokeToken } = await import('../server/service/accounts.js');
      await withDatabase(flags, async (db) => {
        const n = await revokeToken(db, name);
        if (!n) throw new InputError(`no active token named ${name}`);
        process.stdout.write(`revoked ${n} token(s)\n`);
      });
    });

  server
    .command('webhook')
    .summary("set the team's webhook for new, approved, rejected and expired requests")
    .addOption(dbOption())
    .option('--team <team>', 'team', 'default')
    .option('--url <url>', 'POST notifications here')
    .option('--slack', 'send Slack-compatible message blocks (default: generic JSON)')
    .option('--clear', 'remove the webhook')
    .action(async (flags: DbFlag & { team: string; url?: string; slack?: boolean; clear?: boolean }) => {
      if (!flags.url && !flags.clear) throw new InputError('give --url <url> or --clear');
      const { setWebhook } = await import('../server/service/accounts.js');
      await withDatabase(flags, async (db) => {
        await setWebhook(db, flags.team, flags.clear ? undefined : { url: flags.url!, format: flags.slack ? 'slack' : 'json' });
        process.stdout.write(flags.clear ? `webhook of team ${flags.team} removed\n` : `webhook of team ${flags.team}: ${flags.url} (${flags.slack ? 'slack' : 'json'})\n`);
      });
    });

  server
    .command('connect <url>')
    .summary("set up this machine's hook to use a team server: pins its public key, stores the machine token")
    .requiredOption('--token <token>', 'machine token (firebreak server token add NAME)')
    .option('--fingerprint <sha256>', 'expected key fingerprint, as `firebreak server init` printed it (strongly advised)')
    .option('--deadline <duration>', 'ask people to answer within this (the server clamps it)')
    .action(async (url: string, flags: { token: string; fingerprint?: string; deadline?: string }) => {
      const { connectToServer } = await import('../agents/server-client/connect.js');
      const result = await connectToServer({ url, token: flags.token, ...(flags.fingerprint ? { fingerprint: flags.fingerprint } : {}), deadlineMs: duration('--deadline', flags.deadline) });
      process.stdout.write(`${result.messages.join('\n')}\n`);
    });
}

/** `firebreak audit verify --server`: download every chain and check it here. */
export async function verifyFleetAudit(server: string | boolean, token: string | undefined): Promise<void> {
  const { loadServerConnection } = await import('../agents/server-client/config.js');
  const { verifyServerAudit } = await import('../agents/server-client/fleet.js');
  const { ServerCallError } = await import('../agents/server-client/http.js');
  const url = typeof server === 'string' ? server.replace(/\/$/, '') : loadServerConnection()?.url;
  if (!url) throw new InputError('--server: give the server URL, or connect this machine first (firebreak server connect)');
  const auditToken = token ?? process.env.FIREBREAK_AUDIT_TOKEN;
  if (!auditToken) throw new InputError('--server needs an auditor token: --token fbt_... or $FIREBREAK_AUDIT_TOKEN (firebreak server token add NAME --auditor)');
  let result;
  try {
    result = await verifyServerAudit({ url, token: auditToken });
  } catch (error) {
    if (error instanceof ServerCallError) throw new InputError(error.message);
    throw error;
  }
  if (result.ok) {
    process.stdout.write(`fleet audit intact: ${result.entries} entries in ${result.sources} chain(s) on ${url}\n`);
    return;
  }
  for (const p of result.problems) process.stdout.write(`${p.machine} ${p.label}${p.seq !== undefined ? ` seq ${p.seq}` : ''}: ${p.message}\n`);
  process.stdout.write(`fleet audit TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries, ${result.sources} chain(s)\n`);
  process.exitCode = 2;
}

/** `firebreak doctor --report`: send the inventory; say which agents run unguarded. */
export async function reportInventory(report: import('../agents/doctor/doctor.js').DoctorReport): Promise<void> {
  const { loadServerConnection } = await import('../agents/server-client/config.js');
  const { sendInventory } = await import('../agents/server-client/fleet.js');
  const { ServerCallError } = await import('../agents/server-client/http.js');
  const connection = loadServerConnection();
  if (!connection) throw new InputError('--report: this machine is not connected to a team server (firebreak server connect URL --token ...)');
  try {
    const { unguarded } = await sendInventory(report, connection);
    process.stdout.write(`inventory sent to ${connection.url}${unguarded.length ? `; unguarded: ${unguarded.join('; ')}` : '; every agent found runs behind the hook'}\n`);
  } catch (error) {
    if (error instanceof ServerCallError) throw new InputError(error.message);
    throw error;
  }
}
