// Hook settings, from `.firebreak/settings.json` (JSON, not YAML: the hook reads it on every
// tool call and must stay cheap). Every key is optional; defaults are the safe choice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from './duration.js';

export interface HookSettings {
  /** Emit an explicit allow on pass (skips the agent's own prompt). Default false. */
  emitAllow: boolean;
  /** Override where approvals live (relative to the state dir's parent). */
  approvalsDir?: string;
  /** How long an unanswered approval request stays open (ms). */
  requestTtlMs: number;
  /** Default approval lifetime when `approve` has no --ttl (ms). */
  approvalTtlMs: number;
  /** Set false where nobody ever watches the agent (escalate then always denies). */
  humanPresent?: boolean;
  gateway: {
    /** Writes to production allowed per session per window; 0 = no limit. */
    productionWrites: { max: number; windowMs: number };
    /** Escalate the first destructive operation of a kind never seen in this repository. */
    firstDestructive: boolean;
  };
}

export const DEFAULT_SETTINGS: HookSettings = {
  emitAllow: false,
  requestTtlMs: 24 * 3600_000,
  approvalTtlMs: 3600_000,
  gateway: { productionWrites: { max: 20, windowMs: 3600_000 }, firstDestructive: true },
};

export function loadSettings(stateDir: string): HookSettings {
  let raw: Record<string, any>;
  try {
    raw = JSON.parse(readFileSync(join(stateDir, 'settings.json'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_SETTINGS;
    throw new Error(`.firebreak/settings.json: ${(error as Error).message}`);
  }
  const gw = raw.gateway ?? {};
  const rate = gw.productionWrites ?? {};
  return {
    emitAllow: raw.emitAllow === true,
    ...(typeof raw.approvalsDir === 'string' ? { approvalsDir: raw.approvalsDir } : {}),
    requestTtlMs: raw.requestTtl ? parseDuration(String(raw.requestTtl)) : DEFAULT_SETTINGS.requestTtlMs,
    approvalTtlMs: raw.approvalTtl ? parseDuration(String(raw.approvalTtl)) : DEFAULT_SETTINGS.approvalTtlMs,
    ...(typeof raw.humanPresent === 'boolean' ? { humanPresent: raw.humanPresent } : {}),
    gateway: {
      productionWrites: {
        max: typeof rate.max === 'number' ? rate.max : DEFAULT_SETTINGS.gateway.productionWrites.max,
        windowMs: rate.window ? parseDuration(String(rate.window)) : DEFAULT_SETTINGS.gateway.productionWrites.windowMs,
      },
      firstDestructive: gw.firstDestructive !== false,
    },
  };
}
