// HMAC-SHA256 (RFC 2104) in plain JavaScript over src/util/sha256.ts, for the hook's hot path where
// loading node:crypto would cost more than the whole check (see sha256.ts). Identical to
// createHmac('sha256', key) (test/util/hmac.test.ts compares them).
import { sha256Bytes } from './sha256.js';

const BLOCK = 64;

export function hmacSha256Hex(key: Uint8Array, message: string): string {
  let hex = '';
  for (const byte of hmacSha256(key, message)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function hmacSha256(key: Uint8Array, message: string): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? sha256Bytes(key) : key);
  const text = new TextEncoder().encode(message);
  const inner = new Uint8Array(BLOCK + text.length);
  for (let i = 0; i < BLOCK; i++) inner[i] = k[i] ^ 0x36;
  inner.set(text, BLOCK);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) outer[i] = k[i] ^ 0x5c;
  outer.set(sha256Bytes(inner), BLOCK);
  return sha256Bytes(outer);
}

/** Compares two hex digests without stopping at the first difference. */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
