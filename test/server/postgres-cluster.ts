// A real, throwaway PostgreSQL cluster for tests and the benchmark: initdb + pg_ctl in a temp
// directory, listening on 127.0.0.1 only, on a free port, with a password. PostgreSQL refuses to
// run as root, so as root (CI) the cluster belongs to the `postgres` system user (created by
// Debian's package) and is driven through runuser. Nothing is skipped: if it cannot start, this
// throws with the reason and the tail of the server log.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  url: string;
  port: number;
  dir: string;
  /** Stops the cluster (fast shutdown) and removes its directory. */
  stop(): void;
  /** Connection URL for another database in this cluster (created on first use). */
  database(name: string): Promise<string>;
}

function binDir(): string {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return join(realpathSync(onPath), '..');
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed: no initdb on PATH or in /usr/lib/postgresql/*/bin (run scripts/bootstrap.sh as root: it installs Debian\'s postgresql package)');
  return join(root, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** runuser lives in /usr/sbin, which a non-login PATH may lack. */
function runuser(): string {
  return ['/usr/sbin/runuser', '/sbin/runuser'].find((p) => existsSync(p)) ?? 'runuser';
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? systemUser('postgres') : undefined;
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = owner ? [runuser(), ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    return spawnSync(cmd, argv, { encoding: 'utf8', timeout: 60_000 });
  };
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  const init = run('initdb', ['-D', data, '-U', 'firebreak', '--pwfile', pwfile, '--auth', 'scram-sha-256', '-E', 'UTF8', '--no-sync', '--locale', 'C']);
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout || init.error?.message}`);
  const port = await freePort();
  const log = join(dir, 'server.log');
  // Tests trade durability for speed (fsync off); the benchmark asks for a durable cluster.
  const fsync = process.env.FIREBREAK_PG_FSYNC === 'on' ? 'on' : 'off';
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=${fsync} -c max_connections=200 -c shared_buffers=32MB`;
  const start = run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
  if (start.status !== 0) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start (pg_ctl ${start.status}): ${start.stderr || start.stdout}\n${tail}`);
  }
  const base = `postgres://firebreak:${password}@127.0.0.1:${port}`;
  const created = new Set<string>(['postgres']);
  return {
    url: `${base}/postgres`,
    port,
    dir,
    async database(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      if (!created.has(name)) {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: `${base}/postgres` });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        created.add(name);
      }
      return `${base}/${name}`;
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`running as root, PostgreSQL needs a non-root user to own its cluster, and there is no "${name}" user (Debian's postgresql package creates it)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
