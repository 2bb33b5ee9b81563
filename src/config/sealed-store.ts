// One way to keep derived results in the per-user folder so that a later call can trust them:
// each entry is sealed with an HMAC under a key derived, per purpose, from the per-user approval
// key (the guard keeps agents from reading the key and writing the folder). An entry whose seal
// does not verify, or that names another key, reads as absent, so callers always fall back to
// working the result out again. A purpose's key never verifies another purpose's entries, nor an
// approval record. Used by the code-reading cache and the firebreak.yaml cache.
//
// Small entries are sealed in plain JavaScript (src/util/hmac.ts), which keeps node:crypto off the
// hook's hot path; large ones with node:crypto. Both give the same MAC.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hmacSha256, hmacSha256Hex, sameDigest } from '../util/hmac.js';
import { USER_FILES, userDir } from './file-names.js';

const FORMAT = 1;
/** Above this many characters a MAC is computed with node:crypto (plain JavaScript is ~50x slower on large input). */
const NATIVE_MAC_FROM = 16 * 1024;

interface Header {
  v: number;
  keyId: string;
  mac: string;
}

export interface SealedStoreOptions {
  env?: NodeJS.ProcessEnv;
  /** Make the approval key when there is none (on a miss, through the approvals' own code). */
  create?: boolean;
  /** Entries kept; past this the least recently written go. Unbounded when absent. */
  maxEntries?: number;
}

/** The key derived for `purpose` from the approval key's bytes: HMAC(key, "firebreak derived key: <purpose>"). */
export function derivedKey(approvalKey: Uint8Array, purpose: string): Uint8Array {
  return hmacSha256(approvalKey, `firebreak derived key: ${purpose}`);
}

export class SealedStore {
  private constructor(readonly dir: string, readonly keyId: string, private readonly key: Uint8Array, private readonly maxEntries: number | undefined) {}

  /**
   * The store in `<per-user folder>/<folder>`, or undefined when there is no usable approval key
   * (and `create` is off or making one fails) or the folder cannot be made: the caller then works
   * everything out afresh and keeps nothing.
   */
  static async open(folder: string, purpose: string, options: SealedStoreOptions = {}): Promise<SealedStore | undefined> {
    try {
      const user = userDir(options.env);
      const keyFile = join(user, USER_FILES.approvalKey);
      let key = readApprovalKey(keyFile);
      if (!key && options.create) {
        const { LocalKeySeal } = await import('../agents/approvals/seal.js');
        await LocalKeySeal.load(keyFile, { create: true });
        key = readApprovalKey(keyFile);
      }
      if (!key) return undefined;
      const dir = join(user, folder);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return new SealedStore(dir, key.keyId, derivedKey(key.bytes, purpose), options.maxEntries);
    } catch {
      return undefined;
    }
  }

  /** The body kept under `name` if its seal verifies for `context` (what the entry must be about), else undefined. */
  read(name: string, context: string): string | undefined {
    let raw: string;
    try {
      raw = readFileSync(join(this.dir, name), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const newline = raw.indexOf('\n');
      if (newline < 0) return undefined;
      const header = JSON.parse(raw.slice(0, newline)) as Partial<Header>;
      const body = raw.slice(newline + 1);
      if (header.v !== FORMAT || header.keyId !== this.keyId || typeof header.mac !== 'string') return undefined;
      return sameDigest(header.mac, this.mac(context, body)) ? body : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps `body` under `name`, sealed for `context`; written whole or not at all. A failure only costs a later call its work. */
  write(name: string, context: string, body: string): void {
    try {
      const header: Header = { v: FORMAT, keyId: this.keyId, mac: this.mac(context, body) };
      const path = join(this.dir, name);
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify(header)}\n${body}`, { mode: 0o600 });
      renameSync(temp, path);
      // Checked on about one write in 32 (names are hex digests, so their first byte is uniform).
      if (this.maxEntries !== undefined && Number.parseInt(name.slice(0, 2), 16) < 8) prune(this.dir, this.maxEntries);
    } catch {
      /* nothing kept */
    }
  }

  private mac(context: string, body: string): string {
    const message = `${context}\n${body}`;
    if (message.length < NATIVE_MAC_FROM) return hmacSha256Hex(this.key, message);
    const { createHmac } = process.getBuiltinModule('node:crypto');
    return createHmac('sha256', this.key).update(message).digest('hex');
  }
}

function readApprovalKey(file: string): { keyId: string; bytes: Uint8Array } | undefined {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; keyId?: unknown; key?: unknown };
    if (doc?.version !== 1 || typeof doc.keyId !== 'string' || typeof doc.key !== 'string') return undefined;
    const bytes = Buffer.from(doc.key, 'base64');
    return bytes.length >= 32 ? { keyId: doc.keyId, bytes } : undefined;
  } catch {
    return undefined;
  }
}

/** Past `max` entries, the least recently written go, down to 80% of it. */
function prune(dir: string, max: number): void {
  const names = readdirSync(dir).filter((n) => !n.endsWith('.tmp'));
  if (names.length <= max) return;
  const aged = names.map((n) => {
    try {
      return { n, t: statSync(join(dir, n)).mtimeMs };
    } catch {
      return { n, t: 0 };
    }
  });
  aged.sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - Math.floor(max * 0.8))) {
    try {
      unlinkSync(join(dir, n));
    } catch {
      /* gone already */
    }
  }
}
