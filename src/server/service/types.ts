// Who is calling, and the rows the service reads, as the database returns them.
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type Principal =
  | { kind: 'machine'; tokenId: string; team: string; name: string; owner?: string }
  | { kind: 'auditor'; tokenId: string; team: string; name: string }
  | { kind: 'person'; userId: string; team: string; name: string; role: 'approver' | 'viewer' };

export type Person = Extract<Principal, { kind: 'person' }>;
export type Machine = Extract<Principal, { kind: 'machine' }>;

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'expired';

export interface RequestRow {
  id: string;
  team_id: string;
  binding: string;
  status: RequestStatus;
  created_at: string;
  expires_at: string;
  token_id: string;
  machine: string;
  owner: string | null;
  hostname: string;
  repo: string;
  environment: string;
  agent: string;
  session_id: string | null;
  stated_reason: string | null;
  summary: string;
  report: string | null;
  decided_at: string | null;
  decided_by: string | null;
  note: string | null;
  valid_until: string | null;
  reusable: number;
  uses: number;
  hold_until: string | null;
  decision: string | null;
}

/** What the page shows of a request besides its columns (the `summary` JSON). */
export interface RequestSummary {
  commands: string[];
  cwd: string;
  variables: Record<string, string>;
  what: string[];
  why: { rule: string; message: string }[];
  impact: string;
  dataLoss: string[];
  blastRadius: Record<string, number>;
  rollback: string[];
}

export interface ServerSettings {
  /** Deadline for a person's answer when the hook asks for none (ms). */
  requestTtlMs: number;
  /** The longest deadline a hook may ask for (ms). */
  maxRequestTtlMs: number;
  /** How long a rejection or an expiry keeps denying the same action (ms, at least to its deadline). */
  holdMs: number;
  /** The longest approval a person may give (ms). */
  maxApprovalTtlMs: number;
  /** Where people reach the page (links in messages and notifications). */
  publicUrl: string;
}

export const DEFAULT_SERVER_SETTINGS: Omit<ServerSettings, 'publicUrl'> = {
  requestTtlMs: 3600_000,
  maxRequestTtlMs: 7 * 24 * 3600_000,
  holdMs: 3600_000,
  maxApprovalTtlMs: 7 * 24 * 3600_000,
};
