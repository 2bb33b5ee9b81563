// Calls to services without an installed SDK client (SQS, SNS, SSM, KMS, ...), for emulators
// only: the emulators route on the credential scope and do not check signatures, so the
// Authorization header carries the scope and a placeholder signature. Never used for a real account.
import type { CallLog } from './call-log.js';
import { assertLoopbackUrl } from './loopback.js';
import { signingName, type EngineName } from './routing.js';
import { SANDBOX_REGION } from './aws-env.js';

export interface RpcTarget {
  endpoint: string;
  engine: EngineName;
  accessKeyId: string;
  log?: CallLog;
}

function authorization(accessKeyId: string, service: string): Record<string, string> {
  const now = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  return {
    'x-amz-date': now,
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${now.slice(0, 8)}/${SANDBOX_REGION}/${signingName(service)}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000`,
  };
}

export class EmulatorCallError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** JSON-protocol call (`X-Amz-Target: <prefix>.<Operation>`). */
export async function jsonRpc(
  target: RpcTarget,
  service: string,
  targetPrefix: string,
  jsonVersion: '1.0' | '1.1',
  operation: string,
  body: unknown = {},
): Promise<any> {
  const url = assertLoopbackUrl(target.endpoint, 'sandbox endpoint');
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: {
      'content-type': `application/x-amz-json-${jsonVersion}`,
      'x-amz-target': `${targetPrefix}.${operation}`,
      ...authorization(target.accessKeyId, service),
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  const host = new URL(url).hostname;
  if (!res.ok) {
    const code = String(parsed.__type ?? parsed.code ?? res.status).split('#').pop()!;
    target.log?.record({ service, operation, host, engine: target.engine, ok: false, errorCode: code });
    throw new EmulatorCallError(code, parsed.message ?? parsed.Message ?? text);
  }
  target.log?.record({ service, operation, host, engine: target.engine, ok: true });
  return parsed;
}

/** Query-protocol call (form-encoded `Action=...`); returns the XML text. */
export async function queryRpc(
  target: RpcTarget,
  service: string,
  version: string,
  operation: string,
  params: Record<string, string> = {},
): Promise<string> {
  const url = assertLoopbackUrl(target.endpoint, 'sandbox endpoint');
  const res = await fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...authorization(target.accessKeyId, service) },
    body: new URLSearchParams({ Action: operation, Version: version, ...params }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const host = new URL(url).hostname;
  if (!res.ok) {
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1] ?? String(res.status);
    target.log?.record({ service, operation, host, engine: target.engine, ok: false, errorCode: code });
    throw new EmulatorCallError(code, /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text);
  }
  target.log?.record({ service, operation, host, engine: target.engine, ok: true });
  return text;
}

/** REST-JSON call (API Gateway: `GET /restapis`). */
export async function restRpc(target: RpcTarget, service: string, method: 'GET' | 'DELETE', path: string, operation: string): Promise<any> {
  const url = assertLoopbackUrl(target.endpoint, 'sandbox endpoint');
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { accept: 'application/json', ...authorization(target.accessKeyId, service) },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  const host = new URL(url).hostname;
  if (!res.ok) {
    const code = String(res.headers.get('x-amzn-errortype') ?? parsed.__type ?? parsed.code ?? res.status).split(':')[0].split('#').pop()!;
    target.log?.record({ service, operation, host, engine: target.engine, ok: false, errorCode: code });
    throw new EmulatorCallError(code, parsed.message ?? parsed.Message ?? text);
  }
  target.log?.record({ service, operation, host, engine: target.engine, ok: true });
  return parsed;
}

export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);
}
