// Where a machine keeps its connection to the team server: the URL, its machine token and the
// server's public key, pinned at setup (`firebreak server connect`). It lives in the user's
// config folder, outside every workspace, readable by the user only. An agent that could rewrite
// it could pin a key of its own: the guard treats this file like the hook registration itself.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyIdOf } from '../../server/protocol/signed.js';
import { serverConfigPath } from './path.js';

export { serverConfigPath };

export interface ServerConnection {
  url: string;
  token: string;
  publicKeyPem: string;
  fingerprint: string;
  /** How long a person has to answer before the request expires (ms); the server clamps it. */
  deadlineMs?: number;
}

export interface LoadedConnection extends ServerConnection {
  publicKey: KeyObject;
  keyId: string;
  file: string;
}

export class ServerConfigError extends Error {}

/** The connection, or undefined when none is set up. A file that is there but unusable throws. */
export function loadServerConnection(env: NodeJS.ProcessEnv = process.env): LoadedConnection | undefined {
  const file = serverConfigPath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ServerConfigError(`${file}: ${(error as Error).message}`);
  }
  let raw: Partial<ServerConnection>;
  try {
    raw = JSON.parse(text) as Partial<ServerConnection>;
  } catch (error) {
    throw new ServerConfigError(`${file} is not valid JSON (${(error as Error).message}): run firebreak server connect again`);
  }
  if (typeof raw.url !== 'string' || !/^https?:\/\//.test(raw.url)) throw new ServerConfigError(`${file}: "url" must be the server's http(s) URL`);
  if (typeof raw.token !== 'string' || !raw.token.startsWith('fbt_')) throw new ServerConfigError(`${file}: "token" must be a machine token (fbt_...)`);
  if (typeof raw.publicKeyPem !== 'string') throw new ServerConfigError(`${file}: no pinned server key ("publicKeyPem"): run firebreak server connect again`);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(raw.publicKeyPem);
  } catch (error) {
    throw new ServerConfigError(`${file}: the pinned server key does not parse (${(error as Error).message})`);
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new ServerConfigError(`${file}: the pinned server key is ${publicKey.asymmetricKeyType}, not ed25519`);
  return {
    url: raw.url.replace(/\/$/, ''),
    token: raw.token,
    publicKeyPem: raw.publicKeyPem,
    fingerprint: String(raw.fingerprint ?? ''),
    ...(typeof raw.deadlineMs === 'number' ? { deadlineMs: raw.deadlineMs } : {}),
    publicKey,
    keyId: keyIdOf(publicKey),
    file,
  };
}

export function saveServerConnection(connection: ServerConnection, env: NodeJS.ProcessEnv = process.env): string {
  const file = serverConfigPath(env);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return file;
}
