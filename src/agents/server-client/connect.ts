// `firebreak server connect URL --token T`: fetch the server's public key, compare it with the
// fingerprint the operator was shown (out of band), check the token works, and pin both.
import { InputError } from '../../errors.js';
import { fingerprintOf } from '../../server/protocol/signed.js';
import { saveServerConnection, serverConfigPath } from './config.js';
import { callServer, ServerCallError } from './http.js';

export async function connectToServer(o: { url: string; token: string; fingerprint?: string; deadlineMs?: number; env?: NodeJS.ProcessEnv }): Promise<{ file: string; fingerprint: string; messages: string[] }> {
  const url = o.url.replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+/.test(url)) throw new InputError(`not an http(s) URL: ${o.url}`);
  if (!/^fbt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/.test(o.token)) throw new InputError('--token: not a Firebreak token (fbt_...; firebreak server token add NAME prints one)');
  try {
    const key = (await callServer<{ publicKey: string; fingerprint: string }>({ url, token: o.token }, 'GET', '/api/v1/key', undefined, 10_000)).body;
    const fingerprint = fingerprintOf(key.publicKey);
    if (o.fingerprint && o.fingerprint.toLowerCase().replace(/[^0-9a-f]/g, '') !== fingerprint) {
      throw new InputError(`the server's key fingerprint is ${fingerprint}, not the ${o.fingerprint} you expected: not pinned (wrong server, or something in between)`);
    }
    // A cheap authenticated call: the token must be a machine token this server knows.
    await callServer({ url, token: o.token }, 'POST', '/api/v1/check', { binding: '0'.repeat(64), challenge: 'connect-check-0000000000' }, 10_000);
    const file = saveServerConnection({ url, token: o.token, publicKeyPem: key.publicKey, fingerprint, ...(o.deadlineMs ? { deadlineMs: o.deadlineMs } : {}) }, o.env);
    return {
      file,
      fingerprint,
      messages: [
        `connected to ${url}; server key pinned (sha256 ${fingerprint})${o.fingerprint ? ', as expected' : ': compare it with the one the server printed'}`,
        `stored in ${file} (readable by you only)`,
        'Escalated commands now go to the team queue; approvals there replace local approval files.',
      ],
    };
  } catch (error) {
    if (error instanceof ServerCallError) throw new InputError(`cannot connect: ${error.message}`);
    throw error;
  }
}

export { serverConfigPath };
