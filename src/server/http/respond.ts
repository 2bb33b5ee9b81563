// Responses with the same safe defaults everywhere: no caching, no sniffing, no referrer to other sites, no
// framing (the report frame aside), and a per-response nonce for the page's one style block.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceError } from '../service/types.js';

export class HttpError extends ServiceError {}

export function baseHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  // same-origin, not no-referrer: with no-referrer, browsers send `Origin: null` on our own form posts.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  baseHeaders(res);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body)}\n`);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { error: { code, message, ...extra } }, status === 401 ? { 'www-authenticate': 'Bearer realm="firebreak"' } : {});
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function sendHtml(res: ServerResponse, status: number, page: string, nonce: string, headers: Record<string, string> = {}): void {
  baseHeaders(res);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
}

export function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  baseHeaders(res);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.writeHead(303, { location });
  res.end();
}

/** Reads the body up to `limit` bytes; a larger one is refused before it is read. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, 'too-large', `the body is ${declared} bytes; the limit is ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'too-large', `the body is larger than the limit of ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  if (mediaType(req) !== 'application/json') throw new HttpError(415, 'not-json', 'send the body as application/json');
  const body = await readBody(req, limit);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let decoded: string;
  try {
    decoded = text.decode(body);
  } catch {
    throw new HttpError(400, 'not-utf8', 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(decoded);
  } catch (error) {
    throw new HttpError(400, 'bad-json', `the body is not valid JSON (${(error as Error).message})`);
  }
}

export async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'not-a-form', 'send the form as application/x-www-form-urlencoded');
  const body = await readBody(req, limit);
  return new URLSearchParams(body.toString('utf8'));
}

export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}
