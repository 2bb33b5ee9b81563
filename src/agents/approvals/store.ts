// Approval requests on disk: one JSON file per request in `.firebreak/approvals/`, each written
// atomically; creation and decisions go through a lock, and using a once-only approval is an
// O_EXCL claim so two parallel hook calls cannot both spend it.
import { mkdir, open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { withLock } from '../lock.js';
import { effectiveStatus, type ApprovalRequest } from './request.js';

const ID_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export class ApprovalError extends Error {}

export function newApprovalId(): string {
  const bytes = randomBytes(8);
  return `fb-${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

export class ApprovalStore {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    if (!/^fb-[a-z0-9]{4,16}$/.test(id)) throw new ApprovalError(`not an approval id: "${id}" (ids look like fb-k3m9x2ab; see firebreak approvals)`);
    return join(this.dir, `${id}.json`);
  }

  private locked<T>(work: () => Promise<T>): Promise<T> {
    return withLock(join(this.dir, '.lock'), work);
  }

  async list(): Promise<ApprovalRequest[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const requests = await Promise.all(
      names.filter((n) => /^fb-[a-z0-9]+\.json$/.test(n)).map(async (n) => {
        try {
          return JSON.parse(await readFile(join(this.dir, n), 'utf8')) as ApprovalRequest;
        } catch {
          return undefined; // a damaged file never approves anything
        }
      }),
    );
    return requests.filter((r): r is ApprovalRequest => !!r && typeof r.id === 'string').sort((a, b) => a.created.localeCompare(b.created));
  }

  async get(id: string): Promise<ApprovalRequest> {
    try {
      return JSON.parse(await readFile(this.file(id), 'utf8')) as ApprovalRequest;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ApprovalError(`no approval request ${id} (see firebreak approvals)`);
      throw error;
    }
  }

  /** Reuses an open request for the same binding, else creates one. */
  async request(draft: Omit<ApprovalRequest, 'id' | 'status'>, now: Date): Promise<ApprovalRequest> {
    await mkdir(this.dir, { recursive: true });
    return this.locked(async () => {
      const open = (await this.list()).find((r) => r.binding === draft.binding && effectiveStatus(r, now) === 'pending');
      if (open) return open;
      const request: ApprovalRequest = { id: newApprovalId(), status: 'pending', ...draft };
      await writeFileAtomic(this.file(request.id), `${JSON.stringify(request, null, 2)}\n`);
      return request;
    });
  }

  async decide(id: string, decision: { approve: boolean; ttlMs: number; note?: string; reusable?: boolean }, now: Date): Promise<ApprovalRequest> {
    return this.locked(async () => {
      const request = await this.get(id);
      const status = effectiveStatus(request, now);
      if (status !== 'pending') {
        const hint = status === 'expired' ? ': let the agent try again to get a new request' : '';
        throw new ApprovalError(`${id} is ${status}, not pending${hint}`);
      }
      const decided: ApprovalRequest = {
        ...request,
        status: decision.approve ? 'approved' : 'denied',
        decidedAt: now.toISOString(),
        ...(decision.note ? { note: decision.note } : {}),
        ...(decision.approve ? { approvedUntil: new Date(now.getTime() + decision.ttlMs).toISOString(), reusable: !!decision.reusable } : {}),
      };
      await writeFileAtomic(this.file(id), `${JSON.stringify(decided, null, 2)}\n`);
      return decided;
    });
  }

  /**
   * The decision that applies to this binding now: an approval that can be used (and is used
   * here: once-only approvals are claimed atomically), else a standing denial, else nothing.
   */
  async use(binding: string, now: Date): Promise<{ approved: ApprovalRequest } | { denied: ApprovalRequest } | undefined> {
    const matching = (await this.list()).filter((r) => r.binding === binding);
    for (const r of matching) {
      if (effectiveStatus(r, now) !== 'approved') continue;
      if (r.reusable) return { approved: r };
      if (await this.claim(r.id)) {
        const used: ApprovalRequest = { ...r, status: 'consumed', uses: (r.uses ?? 0) + 1, consumedAt: now.toISOString() };
        await this.locked(() => writeFileAtomic(this.file(r.id), `${JSON.stringify(used, null, 2)}\n`));
        return { approved: used };
      }
    }
    const denied = matching.filter((r) => r.status === 'denied' && Date.parse(r.expires) > now.getTime()).pop();
    return denied ? { denied } : undefined;
  }

  private async claim(id: string): Promise<boolean> {
    try {
      const handle = await open(join(this.dir, `${id}.used`), 'wx');
      await handle.close();
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }
}
