// Secrets the server hands out or keeps: machine/auditor tokens and session ids (random, stored
// only as sha256), passwords (scrypt with a per-password salt), and timing-safe comparison.
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, length: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A short random id from an unambiguous alphabet: `fbs-k3m9x2abq7` etc. */
export function randomId(prefix: string, length = 12): string {
  const bytes = randomBytes(length);
  return `${prefix}${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Equal texts, compared in constant time (over their hashes, so lengths leak nothing either). */
export function sameText(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Tokens are `fbt_<id>_<secret>`: the id finds the row, the secret's sha256 must match it. */
export const TOKEN_PATTERN = /^fbt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function newToken(): { id: string; secret: string; token: string; hash: string } {
  const id = randomId('', 12);
  const secret = randomSecret(32);
  return { id, secret, token: `fbt_${id}_${secret}`, hash: sha256(secret) };
}

export function parseToken(token: string): { id: string; secret: string } | undefined {
  const m = TOKEN_PATTERN.exec(token);
  return m ? { id: m[1], secret: m[2] } : undefined;
}

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A password someone must type once: 20 characters from the unambiguous alphabet. */
export function newPassword(): string {
  return randomId('', 20);
}
