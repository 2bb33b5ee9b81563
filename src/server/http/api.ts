// The machine API (/api/v1): hooks post escalations, check approvals, ship audit entries and
// report their inventory with a machine token; auditors export and verify with an auditor token.
// Bearer tokens only: a browser session never authenticates here, so there is nothing to forge
// cross-site.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { VERSION } from '../../version.js';
import { auditBody, checkBody, describeZodError, inventoryBody, MAX_REQUEST_BYTES, requestBody } from '../protocol/wire.js';
import { authenticateToken } from '../service/accounts.js';
import { auditHead, auditSources, exportAudit, receiveAudit, verifyFleet } from '../service/audit.js';
import { receiveInventory } from '../service/inventory.js';
import { checkBinding, submitRequest, type Services } from '../service/requests.js';
import { ServiceError, type Machine, type Principal } from '../service/types.js';
import { baseHeaders, HttpError, readJson, sendJson } from './respond.js';

export interface ApiContext extends Services {
  now: () => Date;
}

async function principal(ctx: ApiContext, req: IncomingMessage): Promise<Principal> {
  const header = String(req.headers.authorization ?? '');
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw new HttpError(401, 'no-token', 'send a token: Authorization: Bearer fbt_... (firebreak server token add)');
  const p = await authenticateToken(ctx.db, m[1], ctx.now());
  if (!p) throw new HttpError(401, 'bad-token', 'the token is unknown, wrong or revoked');
  return p;
}

async function machine(ctx: ApiContext, req: IncomingMessage): Promise<Machine> {
  const p = await principal(ctx, req);
  if (p.kind !== 'machine') throw new HttpError(403, 'not-a-machine', `this is a ${p.kind} token: only machine tokens post requests, audit entries and inventories`);
  return p;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'invalid', describeZodError(result.error));
  return result.data;
}

export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /api/v1/health':
      return sendJson(res, 200, { ok: true, version: VERSION, database: ctx.db.dialect });
    case 'GET /api/v1/key':
      return sendJson(res, 200, { keyId: ctx.key.keyId, fingerprint: ctx.key.fingerprint, publicKey: ctx.key.publicKeyPem, algorithm: 'ed25519' });
    case 'POST /api/v1/requests': {
      const m = await machine(ctx, req);
      const body = parse(requestBody, await readJson(req, MAX_REQUEST_BYTES));
      const answer = await submitRequest(ctx, m, body, ctx.now());
      return sendJson(res, answer.status === 'pending' && answer.created ? 201 : 200, answer);
    }
    case 'POST /api/v1/check': {
      const m = await machine(ctx, req);
      const body = parse(checkBody, await readJson(req, 16 * 1024));
      return sendJson(res, 200, await checkBinding(ctx, m, body.binding, body.challenge, ctx.now()));
    }
    case 'POST /api/v1/audit': {
      const m = await machine(ctx, req);
      const body = parse(auditBody, await readJson(req, MAX_REQUEST_BYTES));
      const receipt = await receiveAudit(ctx.db, m, body, ctx.now());
      if (receipt.broken) return sendJson(res, 409, { error: { code: 'audit-chain-broken', message: `the audit chain broke at seq ${receipt.broken.atSeq}: ${receipt.broken.reason}` }, ...receipt });
      return sendJson(res, 200, receipt);
    }
    case 'GET /api/v1/audit/head': {
      const m = await machine(ctx, req);
      const source = url.searchParams.get('source') ?? '';
      if (!/^[0-9a-f]{32}$/.test(source)) throw new HttpError(400, 'invalid', 'source: must be 32 lowercase hex digits');
      return sendJson(res, 200, await auditHead(ctx.db, m, source));
    }
    case 'POST /api/v1/inventory': {
      const m = await machine(ctx, req);
      const body = parse(inventoryBody, await readJson(req, MAX_REQUEST_BYTES));
      return sendJson(res, 200, await receiveInventory(ctx.db, m, body, ctx.now()));
    }
    case 'GET /api/v1/audit/sources':
      return sendJson(res, 200, { sources: await auditSources(ctx.db, (await auditor(ctx, req)).team) });
    case 'GET /api/v1/audit/export': {
      const team = (await auditor(ctx, req)).team;
      return streamExport(ctx, team, res);
    }
    case 'GET /api/v1/audit/verify': {
      const team = (await auditor(ctx, req)).team;
      const sources = await auditSources(ctx.db, team);
      return sendJson(res, 200, await verifyFleet(exportAudit(ctx.db, team), sources));
    }
    default:
      throw new HttpError(404, 'not-found', `no API route ${route}`);
  }
}

async function auditor(ctx: ApiContext, req: IncomingMessage): Promise<{ team: string }> {
  const p = await principal(ctx, req);
  if (p.kind !== 'auditor') throw new HttpError(403, 'not-an-auditor', 'reading the fleet audit needs an auditor token (firebreak server token add NAME --auditor)');
  return p;
}

export async function streamExport(ctx: ApiContext, team: string, res: ServerResponse): Promise<void> {
  baseHeaders(res);
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'content-disposition': 'attachment; filename="firebreak-audit.jsonl"' });
  for await (const line of exportAudit(ctx.db, team)) {
    if (!res.write(`${JSON.stringify(line)}\n`)) await new Promise((done) => res.once('drain', done));
  }
  res.end();
}

export { ServiceError };
