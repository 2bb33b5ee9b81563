// `firebreak server`: one HTTP service over one database. It keeps no state of its own beyond
// caches, so several processes can share one PostgreSQL: each runs the same background work
// (expiring requests at their deadline, delivering notifications), and the database decides
// which process does each piece once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadSigningKey } from './auth/signing-key.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openDatabase } from './db/open.js';
import { handleApi } from './http/api.js';
import { html } from './pages/html.js';
import { layout } from './pages/layout.js';
import { HttpError, newNonce, sendError, sendHtml } from './http/respond.js';
import { handleWeb, LoginLimiter, type WebContext } from './http/web.js';
import { DEFAULT_DISPATCH, dispatchDue, type DispatchOptions } from './service/notifications.js';
import { expireDue } from './service/requests.js';
import { DEFAULT_SERVER_SETTINGS, ServiceError, type ServerSettings } from './service/types.js';

export interface ServerOptions {
  /** SQLite file or postgres:// URL. */
  database: string;
  host: string;
  port: number;
  /** Where people reach the page; default http://host:port. */
  publicUrl?: string;
  settings?: Partial<Omit<ServerSettings, 'publicUrl'>>;
  /** How often to look for requests past their deadline and notifications due (ms). */
  sweepMs?: number;
  dispatch?: Partial<DispatchOptions>;
  /** Mark cookies Secure (when people reach the page over https). Default: publicUrl is https. */
  secureCookies?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  keyFingerprint: string;
  close(): Promise<void>;
}

export const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const log = o.log ?? (() => undefined);
  const now = o.now ?? (() => new Date());
  const db = await openDatabase(o.database);
  let http: Server | undefined;
  const timers: NodeJS.Timeout[] = [];
  try {
    const applied = await migrate(db, now());
    if (applied.length) log(`database ${db.description}: applied migration(s) ${applied.join(', ')}`);
    const key = await loadSigningKey(db, now());
    http = createServer();
    const server = http;
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(o.port, o.host, () => {
        server.off('error', fail);
        done();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const hostInUrl = o.host.includes(':') ? `[${o.host}]` : o.host;
    const publicUrl = (o.publicUrl ?? `http://${hostInUrl}:${port}`).replace(/\/$/, '');
    const ctx: WebContext = {
      db,
      key,
      now,
      settings: { ...DEFAULT_SERVER_SETTINGS, ...o.settings, publicUrl },
      secureCookies: o.secureCookies ?? publicUrl.startsWith('https:'),
      loginLimiter: new LoginLimiter(),
    };
    server.on('request', (req, res) => void handle(ctx, req, res, log));
    server.headersTimeout = 15_000;
    server.requestTimeout = 60_000;

    const dispatch = { ...DEFAULT_DISPATCH, ...o.dispatch };
    const sweepMs = o.sweepMs ?? 2000;
    let sweeping = false;
    const sweep = async () => {
      if (sweeping) return;
      sweeping = true;
      try {
        const expired = await expireDue(ctx, now());
        if (expired) log(`expired ${expired} unanswered request(s)`);
        await dispatchDue(db, dispatch, now);
      } catch (error) {
        log(`background work failed (retrying): ${(error as Error).message}`);
      } finally {
        sweeping = false;
      }
    };
    timers.push(setInterval(() => void sweep(), sweepMs));
    void sweep();
    log(`firebreak server ${publicUrl} (database ${db.description}; signing key ${key.fingerprint})`);
    return {
      url: publicUrl,
      port,
      db,
      keyFingerprint: key.fingerprint,
      async close() {
        for (const t of timers) clearInterval(t);
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await db.close();
      },
    };
  } catch (error) {
    for (const t of timers) clearInterval(t);
    http?.close();
    await db.close().catch(() => undefined);
    throw error;
  }
}

async function handle(ctx: WebContext, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  let path = '/';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://server');
    path = url.pathname;
    if (path.startsWith('/api/')) await handleApi(ctx, req, res, path, url);
    else await handleWeb(ctx, req, res, path, url);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const known = error instanceof ServiceError || error instanceof HttpError;
    const status = known ? (error as ServiceError).status : 500;
    const code = known ? (error as ServiceError).code : 'internal';
    const message = known ? (error as Error).message : 'internal error: nothing was changed; the server log has the details';
    if (!known) log(`internal error on ${req.method} ${path}: ${(error as Error)?.stack ?? error}`);
    // A body the client is still sending would be left unread: close the connection after this.
    if (!req.complete) res.setHeader('connection', 'close');
    if (path.startsWith('/api/')) {
      sendError(res, status, code, message, known ? (error as ServiceError).extra : {});
    } else {
      const nonce = newNonce();
      sendHtml(res, status, layout({ title: 'Error', nonce, body: html`<h1>${status === 404 ? 'Not found' : 'Refused'}</h1><p><a href="/queue">Back to the queue</a></p>`, notice: { text: message, error: true } }), nonce);
    }
  }
}
