// Approval records are sealed: an HMAC over the whole record with a per-user key that lives
// outside every workspace (the guard denies writing it and reading it through the agent). A
// record whose seal does not verify (forged, edited, sealed with another key) grants nothing.
// Verification sits behind ApprovalVerifier so that signatures from the team approval service
// can be checked the same way later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { USER_FILES, userDir } from '../../config/file-names.js';
import { canonicalJson } from '../canonical-json.js';
import type { ApprovalRequest } from './request.js';

export interface ApprovalSeal {
  /** `hmac-sha256` for the local key; other schemes (a team service's signature) name themselves. */
  alg: string;
  keyId: string;
  mac: string;
}

export type VerifyResult = { ok: true; by: string } | { ok: false; reason: string };

/** Checks that a record was written by something holding the key (or the service's signature). */
export interface ApprovalVerifier {
  verify(record: ApprovalRequest): VerifyResult;
}

/** Seals a record after a legitimate change (request created, decided, used). */
export interface ApprovalSigner {
  seal(record: ApprovalRequest): ApprovalRequest;
}

export class ApprovalKeyError extends Error {}

interface KeyFile {
  version: 1;
  keyId: string;
  key: string;
  created: string;
}

export function approvalKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDir(env), USER_FILES.approvalKey);
}

/** The fields a seal covers: everything but the seal itself. */
export function sealedContent(record: ApprovalRequest): string {
  const { seal: _seal, ...rest } = record;
  return canonicalJson(rest);
}

export class LocalKeySeal implements ApprovalVerifier, ApprovalSigner {
  private constructor(readonly keyId: string, private readonly key: Buffer, readonly file: string) {}

  /** Reads the key; with `create`, makes one (0600, in a 0700 folder) when there is none. */
  static async load(file: string, options: { create: boolean }): Promise<LocalKeySeal | undefined> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new ApprovalKeyError(`the approval key ${file} cannot be read (${code}): fix its permissions (chmod 600) or move it away to make a new one`);
      if (!options.create) return undefined;
      return LocalKeySeal.create(file);
    }
    return LocalKeySeal.parse(text, file);
  }

  private static parse(text: string, file: string): LocalKeySeal {
    const broken = (why: string) =>
      new ApprovalKeyError(`the approval key ${file} is not valid (${why}): nothing can be approved until it is fixed. Move it away and run \`firebreak approve\` again to make a new key (approvals sealed with the old key stop applying).`);
    let doc: Partial<KeyFile>;
    try {
      doc = JSON.parse(text) as Partial<KeyFile>;
    } catch {
      throw broken('not JSON');
    }
    if (doc?.version !== 1 || typeof doc.keyId !== 'string' || typeof doc.key !== 'string') throw broken('missing version, keyId or key');
    const key = Buffer.from(doc.key, 'base64');
    if (key.length < 32) throw broken('the key is shorter than 32 bytes');
    return new LocalKeySeal(doc.keyId, key, file);
  }

  private static async create(file: string): Promise<LocalKeySeal> {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await chmod(dirname(file), 0o700).catch(() => undefined);
    const doc: KeyFile = { version: 1, keyId: randomBytes(6).toString('hex'), key: randomBytes(32).toString('base64'), created: new Date().toISOString() };
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${JSON.stringify(doc)}\n`);
      await handle.close();
      return LocalKeySeal.parse(JSON.stringify(doc), file);
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return LocalKeySeal.parse(await readFile(file, 'utf8'), file);
      throw new ApprovalKeyError(`cannot create the approval key ${file}: ${(error as Error).message}`);
    }
  }

  /** A key for another use of the same secret (`purpose` names it), so that its MACs never pass for approval seals. */
  derivedKey(purpose: string): Buffer {
    return createHmac('sha256', this.key).update(`firebreak derived key: ${purpose}`).digest();
  }

  private mac(record: ApprovalRequest): string {
    return createHmac('sha256', this.key).update(sealedContent(record)).digest('hex');
  }

  seal(record: ApprovalRequest): ApprovalRequest {
    return { ...record, seal: { alg: 'hmac-sha256', keyId: this.keyId, mac: this.mac(record) } };
  }

  verify(record: ApprovalRequest): VerifyResult {
    const seal = record.seal;
    if (!seal || typeof seal !== 'object') return { ok: false, reason: 'the record has no seal: it was not written by Firebreak' };
    if (seal.alg !== 'hmac-sha256') return { ok: false, reason: `the record is sealed with ${String(seal.alg)}, which this machine cannot check` };
    if (seal.keyId !== this.keyId) return { ok: false, reason: `the record is sealed with another key (${String(seal.keyId)}, not ${this.keyId})` };
    const expected = Buffer.from(this.mac(record), 'hex');
    const given = Buffer.from(String(seal.mac), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'the record was changed after Firebreak sealed it' };
    return { ok: true, by: `local key ${this.keyId}` };
  }
}
