// The server's Ed25519 key pair. It lives in the database, so every server process sharing one
// PostgreSQL signs with the same key; the first process to start creates it (under a lock).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Database } from '../db/database.js';
import { fingerprintOf, keyIdOf, statementBytes, type Signed } from '../protocol/signed.js';

export interface SigningKey {
  keyId: string;
  fingerprint: string;
  publicKeyPem: string;
  publicKey: KeyObject;
  sign<T extends object>(statement: T): Signed<T>;
}

export async function loadSigningKey(db: Database, now = new Date()): Promise<SigningKey> {
  const row = await db.tx(async (q) => {
    await q.lock('firebreak-signing-key');
    const existing = await q.get<{ public_key: string; private_key: string }>('SELECT public_key, private_key FROM signing_keys ORDER BY created_at LIMIT 1');
    if (existing) return existing;
    const pair = generateKeyPairSync('ed25519');
    const created = {
      public_key: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    await q.run('INSERT INTO signing_keys (id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)', [keyIdOf(created.public_key), created.public_key, created.private_key, now.toISOString()]);
    return created;
  });
  const privateKey = createPrivateKey(row.private_key);
  const publicKey = createPublicKey(row.public_key);
  return {
    keyId: keyIdOf(publicKey),
    fingerprint: fingerprintOf(publicKey),
    publicKeyPem: row.public_key,
    publicKey,
    sign: <T extends object>(statement: T) => ({ statement, signature: sign(null, statementBytes(statement), privateKey).toString('base64') }),
  };
}
