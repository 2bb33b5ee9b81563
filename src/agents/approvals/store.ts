// Approval requests on disk: one JSON file per request in `.firebreak/approvals/`, each written
// atomically and sealed (seal.ts); creation and decisions go through a lock, and using a once-only
// approval is an O_EXCL claim in the per-user spent ledger (outside the workspace), so two
// parallel hook calls cannot both spend it and an old copy of the record cannot be replayed.
// A record that cannot be read or does not verify grants nothing and is reported.
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { withLock } from '../lock.js';
import { effectiveStatus, type ApprovalRequest } from './request.js';
import type { ApprovalSigner, ApprovalVerifier } from './seal.js';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class ApprovalError extends Error {}

/** Something in the store that grants nothing: unreadable, unsealed or replayed. Audited by the caller. */
export interface StoreProblem {
  id: string;
  kind: 'unreadable' | 'unverified' | 'replayed';
  reason: string;
}

export function newApprovalId(): string {
  const bytes = randomBytes(8);
  return `fb-${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

export interface StoreOptions {
  /** Seals records it writes and checks the ones that grant something. */
  seal?: ApprovalSigner & ApprovalVerifier;
  /** Per-user folder of spent once-only approvals (outside the workspace). */
  spentDir?: string;
}

export class ApprovalStore {
  constructor(
    readonly dir: string,
    private readonly options: StoreOptions = {},
  ) {}

  private file(id: string): string {
    if (!/^fb-[a-z0-9]{4,16}$/.test(id)) throw new ApprovalError(`not an approval id: "${id}" (ids look like fb-k3m9x2ab; see firebreak approvals)`);
    return join(this.dir, `${id}.json`);
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withLock(join(this.dir, '.lock'), work);
  }

  private sealed(record: ApprovalRequest): ApprovalRequest {
    return this.options.seal ? this.options.seal.seal(record) : record;
  }

  /** Every record that parses, and what could not be read. */
  async read(): Promise<{ records: ApprovalRequest[]; problems: StoreProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { records: [], problems: [] };
      throw new ApprovalError(`the approvals folder ${this.dir} cannot be read (${code}): nothing can be approved until it is fixed`);
    }
    const problems: StoreProblem[] = [];
    const records = await Promise.all(
      names.filter((n) => /^fb-[a-z0-9]+\.json$/.test(n)).map(async (n) => {
        const id = n.slice(0, -'.json'.length);
        try {
          const parsed = JSON.parse(await readFile(join(this.dir, n), 'utf8')) as ApprovalRequest;
          if (!parsed || typeof parsed !== 'object' || typeof parsed.id !== 'string' || typeof parsed.binding !== 'string') throw new Error('not an approval record');
          if (parsed.id !== id) throw new Error(`the file is named ${id} but holds ${String(parsed.id)}`);
          return parsed;
        } catch (error) {
          problems.push({ id, kind: 'unreadable', reason: `${n} cannot be read as an approval record (${(error as Error).message})` });
          return undefined;
        }
      }),
    );
    return { records: records.filter((r): r is ApprovalRequest => !!r).sort((a, b) => String(a.created).localeCompare(String(b.created))), problems };
  }

  async list(): Promise<ApprovalRequest[]> {
    return (await this.read()).records;
  }

  async get(id: string): Promise<ApprovalRequest> {
    let text: string;
    try {
      text = await readFile(this.file(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApprovalError(`no approval request ${id} (see firebreak approvals)`);
      throw new ApprovalError(`approval request ${id} cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
    try {
      return JSON.parse(text) as ApprovalRequest;
    } catch {
      throw new ApprovalError(`approval request ${id} is damaged (not JSON): it cannot be approved; let the agent try again for a new request`);
    }
  }

  /** Reuses an open request for the same binding, else creates one. */
  async request(draft: Omit<ApprovalRequest, 'id' | 'status'>, now: Date): Promise<ApprovalRequest> {
    await mkdir(this.dir, { recursive: true });
    return this.locked(async () => {
      const open = (await this.list()).find((r) => r.binding === draft.binding && effectiveStatus(r, now) === 'pending' && this.trusted(r));
      if (open) return open;
      const request = this.sealed({ id: newApprovalId(), status: 'pending', ...draft });
      await writeFileAtomic(this.file(request.id), `${JSON.stringify(request, null, 2)}\n`);
      return request;
    });
  }

  private trusted(r: ApprovalRequest): boolean {
    return !this.options.seal || this.options.seal.verify(r).ok;
  }

  async decide(id: string, decision: { approve: boolean; ttlMs: number; note?: string; reusable?: boolean; session?: boolean }, now: Date): Promise<ApprovalRequest> {
    return this.locked(async () => {
      const request = await this.get(id);
      // A person approves what the request shows: it must be the request Firebreak wrote.
      if (this.options.seal) {
        const check = this.options.seal.verify(request);
        if (!check.ok) throw new ApprovalError(`${id} cannot be decided: ${check.reason}. Let the agent try again for a new request.`);
      }
      const status = effectiveStatus(request, now);
      if (status !== 'pending') {
        const hint = status === 'expired' ? ': let the agent try again to get a new request' : '';
        throw new ApprovalError(`${id} is ${status}, not pending${hint}`);
      }
      if (decision.session && !request.sessionId) throw new ApprovalError(`${id} came from an agent that reports no session: --session cannot bind it`);
      const { seal: _old, ...unsealed } = request;
      const decided = this.sealed({
        ...unsealed,
        status: decision.approve ? 'approved' : 'denied',
        decidedAt: now.toISOString(),
        ...(decision.note ? { note: decision.note } : {}),
        ...(decision.approve ? { approvedUntil: new Date(now.getTime() + decision.ttlMs).toISOString(), reusable: !!decision.reusable } : {}),
        ...(decision.approve && decision.session ? { boundSession: request.sessionId } : {}),
      });
      await writeFileAtomic(this.file(id), `${JSON.stringify(decided, null, 2)}\n`);
      return decided;
    });
  }

  /**
   * The decision that applies to this binding now: a verified approval that can be used (and is
   * used here: once-only approvals are claimed atomically), else a standing denial, else nothing.
   * Records that do not verify or were already spent are skipped and returned as problems.
   */
  async use(binding: string, now: Date, context: { sessionId?: string } = {}): Promise<{ decided?: { approved: ApprovalRequest } | { denied: ApprovalRequest }; problems: StoreProblem[] }> {
    const { records, problems } = await this.read();
    const matching = records.filter((r) => r.binding === binding);
    const verified: ApprovalRequest[] = [];
    for (const r of matching) {
      if (r.status === 'pending') continue;
      const check = this.options.seal?.verify(r) ?? { ok: false as const, reason: 'there is no approval key on this machine to check it with' };
      if (!check.ok) {
        problems.push({ id: r.id, kind: 'unverified', reason: check.reason });
        continue;
      }
      verified.push(r);
    }
    for (const r of verified) {
      if (effectiveStatus(r, now) !== 'approved') continue;
      if (r.boundSession && r.boundSession !== context.sessionId) continue;
      if (r.reusable) return { decided: { approved: r }, problems };
      if (await this.claim(r.id)) {
        const { seal: _old, ...unsealed } = r;
        const used = this.sealed({ ...unsealed, status: 'consumed', uses: (r.uses ?? 0) + 1, consumedAt: now.toISOString() });
        await this.locked(() => writeFileAtomic(this.file(r.id), `${JSON.stringify(used, null, 2)}\n`));
        return { decided: { approved: used }, problems };
      }
      problems.push({ id: r.id, kind: 'replayed', reason: `${r.id} was already used once: a copy of the approved record does not approve again` });
    }
    const denied = verified.filter((r) => r.status === 'denied' && Date.parse(r.expires) > now.getTime()).pop();
    return { ...(denied ? { decided: { denied } } : {}), problems };
  }

  /** Once-only: the first process to create the spent marker uses the approval. */
  private async claim(id: string): Promise<boolean> {
    const markers = [join(this.dir, `${id}.used`), ...(this.options.spentDir ? [join(this.options.spentDir, id)] : [])];
    if (this.options.spentDir) await mkdir(this.options.spentDir, { recursive: true, mode: 0o700 });
    // The per-user ledger decides (a copy of the workspace's marker folder cannot undo it).
    const decisive = markers[markers.length - 1];
    try {
      const handle = await open(decisive, 'wx');
      await handle.close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    if (markers.length > 1) await open(markers[0], 'w').then((h) => h.close()).catch(() => undefined);
    return true;
  }

  /** An approved (or used) record for the same action whose files have changed since. */
  async staleFor(core: string, binding: string): Promise<ApprovalRequest | undefined> {
    const { records } = await this.read();
    return records.filter((r) => r.core === core && r.binding !== binding && (r.status === 'approved' || r.status === 'consumed') && (!this.options.seal || this.options.seal.verify(r).ok)).pop();
  }
}
