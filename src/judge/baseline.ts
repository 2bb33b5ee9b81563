// A baseline for adopting Firebreak in a repository that already has findings: every escalation
// found on the day it was written is accepted (by rule, exact target and environment) until the
// baseline expires; anything new is judged as usual. Blocks are never baselined: they need an
// owned exception in the policy.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { parseBound } from '../config/iso-time.js';
import type { Report, RiskException } from '../model.js';

export interface BaselineEntry {
  rule: string;
  /** The exact target id the finding was about (`*` for a whole-plan finding). */
  target: string;
  environment?: string;
  /** The finding as it read when the baseline was written, for reviewers. */
  message?: string;
}

export interface Baseline {
  version: 1;
  created: string;
  expires: string;
  owner: string;
  entries: BaselineEntry[];
}

/** Glob metacharacters in an id are taken literally: a baseline entry names one target. */
export function literalGlob(id: string): string {
  return id.replace(/[\\*?{},]/g, (c) => `\\${c}`);
}

export function readBaseline(file: string): RiskException[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code ? `cannot read the baseline (${code})` : `the baseline is not valid JSON: ${(e as Error).message}`, file);
  }
  const baseline = data as Partial<Baseline>;
  if (!baseline || typeof baseline !== 'object' || baseline.version !== 1 || !Array.isArray(baseline.entries)) {
    throw new InputError('not a Firebreak baseline (expected {"version": 1, "entries": [...]}; write one with `firebreak baseline`)', file);
  }
  if (typeof baseline.expires !== 'string' || typeof parseBound(baseline.expires, 'end') !== 'number') {
    throw new InputError('the baseline needs an expires date (ISO 8601): a baseline is a way in, not a permanent pass', file, 'expires');
  }
  const owner = typeof baseline.owner === 'string' && baseline.owner ? baseline.owner : 'baseline';
  return baseline.entries.map((entry, i) => {
    if (!entry || typeof entry.rule !== 'string' || typeof entry.target !== 'string') {
      throw new InputError('each entry needs rule and target', file, `entries[${i}]`);
    }
    return {
      rule: entry.rule,
      target: entry.target === '*' ? '*' : literalGlob(entry.target),
      ...(typeof entry.environment === 'string' ? { environment: entry.environment } : {}),
      owner,
      reason: `found when Firebreak was adopted (baseline of ${baseline.created ?? 'unknown date'})`,
      expires: baseline.expires!,
      source: { kind: 'baseline' as const, file },
    };
  });
}

/** The baseline of a report: its escalations, each by rule, target and environment. */
export function baselineOf(report: Report, options: { owner: string; expires: string; now: Date }): { baseline: Baseline; blocks: number } {
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  let blocks = 0;
  for (const reason of report.reasons) {
    if (reason.decision === 'block') blocks++;
    if (reason.decision !== 'escalate') continue;
    const action = reason.actionId ? actions.get(reason.actionId) : undefined;
    const target = action?.target.id ?? '*';
    const environment = action?.environment;
    const key = `${reason.rule}\0${target}\0${environment ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ rule: reason.rule, target, ...(environment ? { environment } : {}), message: reason.message.slice(0, 300) });
  }
  return { baseline: { version: 1, created: options.now.toISOString(), expires: options.expires, owner: options.owner, entries }, blocks };
}
