// Accepting a risk, reviewably: an exception names one rule, what it may be applied to, who owns
// it, why, and until when. It accepts only what it names; past its date it stops applying and
// says so. Only an owned exception from the policy can accept a block: inline accepts (in code
// or templates) and baseline entries accept escalations only.
import { globMatch } from '../config/glob.js';
import { parseBound } from '../config/iso-time.js';
import type { Accepted, Decision, RiskException } from '../model.js';
import { environmentSelected, type EnvironmentFacts } from './environment-selector.js';

export type { Accepted, RiskException };

/** What an exception is checked against: the rule that fired and what it fired on. */
export interface Finding {
  rule: string;
  decision: Decision;
  /** Ids and names of the target(s): Terraform address, STACK/LogicalId, physical names. */
  subjects: string[];
  environment?: EnvironmentFacts;
  /** Where the action came from, for inline accepts scoped to a file and lines. */
  source?: { file?: string; line?: number };
  /** A whole-plan finding (blast radius, unbounded scope) is about all its subjects: the exception must cover each. */
  everySubject?: boolean;
}

export interface ExceptionOutcome {
  /** The exception that accepts the finding, if one does. */
  accepted?: RiskException;
  /** Exceptions that would have accepted it but cannot (expired, or a block for an inline one): said in the reason. */
  notes: string[];
}

/** Milliseconds at which an exception stops applying (the end of an `expires` day). */
export function expiryOf(exception: Pick<RiskException, 'expires'>): number | undefined {
  if (!exception.expires) return undefined;
  const at = parseBound(exception.expires, 'end');
  return typeof at === 'number' ? at : undefined;
}

export function isExpired(exception: Pick<RiskException, 'expires'>, now: Date): boolean {
  const at = expiryOf(exception);
  return at !== undefined && now.getTime() >= at;
}

function names(exception: RiskException): boolean {
  return exception.source.kind === 'policy';
}

function matchesFinding(exception: RiskException, finding: Finding): boolean {
  if (exception.rule !== finding.rule) return false;
  if (exception.scope) {
    const { file, lines } = exception.scope;
    if (!finding.source?.file || !sameFile(finding.source.file, file)) return false;
    if (lines && (finding.source.line === undefined || finding.source.line < lines[0] || finding.source.line > lines[1])) return false;
  }
  const covered = (s: string) => globMatch(exception.target, s);
  if (!(finding.everySubject ? finding.subjects.length > 0 && finding.subjects.every(covered) : finding.subjects.some(covered))) {
    // A whole-plan finding with no subject (the sandbox did not run) is accepted only by target "*".
    if (!(finding.subjects.length === 0 && exception.target === '*')) return false;
  }
  if (exception.environment !== undefined) {
    if (!finding.environment || !environmentSelected([exception.environment], finding.environment)) return false;
  }
  return true;
}

/** Paths compare by their end: inline accepts know the repository path, findings may carry an absolute one. */
function sameFile(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  const x = norm(a);
  const y = norm(b);
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

/** Which exception, if any, accepts a finding now. */
export function acceptFinding(exceptions: readonly RiskException[], finding: Finding, now: Date): ExceptionOutcome {
  const notes: string[] = [];
  for (const exception of exceptions) {
    if (!matchesFinding(exception, finding)) continue;
    if (isExpired(exception, now)) {
      notes.push(`the exception for ${exception.rule} on ${exception.target} (owner ${exception.owner}) expired on ${exception.expires} and no longer applies`);
      continue;
    }
    if (finding.decision === 'block' && !names(exception)) {
      notes.push(`${describeSource(exception)} accepts ${exception.rule}, but a block can be accepted only by an owned exception in the policy`);
      continue;
    }
    return { accepted: exception, notes };
  }
  return { notes };
}

export function describeSource(exception: RiskException): string {
  const where = exception.source.file ? `${exception.source.file}${exception.source.line ? `:${exception.source.line}` : ''}` : '';
  switch (exception.source.kind) {
    case 'policy':
      return `the policy exception${where ? ` at ${where}` : ''}`;
    case 'inline':
      return `the inline accept${where ? ` at ${where}` : ''}`;
    case 'baseline':
      return `the baseline entry${where ? ` in ${where}` : ''}`;
  }
}

/** One line per exception that has expired, for the report's warnings. */
export function expiredExceptions(exceptions: readonly RiskException[], now: Date): string[] {
  return exceptions
    .filter((e) => isExpired(e, now))
    .map((e) => `${describeSource(e)} (${e.rule} on ${e.target}, owner ${e.owner}) expired on ${e.expires}: it no longer accepts anything; renew it or remove it`);
}

export function acceptedRecord(exception: RiskException, finding: Finding & { actionId?: string; resource?: string; message: string }): Accepted {
  return {
    rule: finding.rule,
    decision: finding.decision,
    message: finding.message,
    ...(finding.actionId ? { actionId: finding.actionId } : {}),
    ...(finding.resource ? { resource: finding.resource } : {}),
    exception: {
      rule: exception.rule,
      target: exception.target,
      ...(exception.environment ? { environment: exception.environment } : {}),
      owner: exception.owner,
      reason: exception.reason,
      ...(exception.expires ? { expires: exception.expires } : {}),
      source: exception.source,
    },
  };
}
