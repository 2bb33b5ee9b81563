// Policies: order-independent rules that map what an action is to pass / escalate / block.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadYamlWithLines } from '../config/load-yaml.js';
import { didYouMean } from '../config/did-you-mean.js';
import type { Decision, Operation, Reversibility, RiskException } from '../model.js';
import { readBaseline } from './baseline.js';
import { policySchema } from './policy-schema.js';
import { isPlanRule } from './policy-criteria.js';

export { isPlanRule };

/** Criteria are AND-ed; the values of a list criterion are OR-ed. */
export interface RuleMatch {
  operation?: Operation[];
  operationNot?: Operation[];
  /** Globs over the CloudFormation or Terraform type (`AWS::RDS::*`, `aws_db_*`). */
  resourceType?: string[];
  /** Environment names (globs) or the specials `production`, `non-production`, `unknown`. */
  environment?: string[];
  reversibility?: Reversibility[];
  stateful?: boolean;
  dataLoss?: boolean;
  scope?: ('resource' | 'environment' | 'unknown')[];
  tool?: string[];
  /** Case-insensitive regex over verb, tool, command text and target. */
  pattern?: string;
  /** Like pattern, and also over evidence and planned attribute values (`after`). */
  detailPattern?: string;
  freeze?: boolean;
  environmentAssumed?: boolean;
  autonomy?: ('supervised' | 'autonomous' | 'unattended')[];
  /** Plan level: more than `over` resources in the blast radius (in these environments). */
  blastRadius?: { over: number; environment?: string[] };
  /** Plan level: some whole-environment action could not be bounded by the world. */
  unknownScope?: true;
  /** Plan level: the sandbox ended with one of these statuses. */
  sandbox?: {
    status?: ('not-run' | 'unavailable' | 'ok' | 'partial' | 'error')[];
    /** A replayed call failed in the twin for a real reason (DependencyViolation, BucketNotEmpty, ...). */
    failedCalls?: true;
    /** The sandbox was requested but could not run (no emulator, no Docker): nothing was replayed. */
    unavailable?: true;
  };
}

export interface Rule {
  id: string;
  description: string;
  match: RuleMatch;
  decision: Decision;
  message?: string;
  log?: boolean;
}

export interface Policy {
  version: 1;
  description?: string;
  /** What happens to an action no rule matched. Never pass. */
  default: 'escalate' | 'block';
  rules: Rule[];
  /** Owned, time-bound acceptances of what a rule finds (this file's, then the baseline's). */
  exceptions?: RiskException[];
  /** Where the policy was loaded from. */
  file?: string;
  /** The chain it extends, outermost last (`default`, then files). */
  extends?: string[];
}

export const DEFAULT_POLICY_URL = new URL('../../policies/default.yaml', import.meta.url);


/** Load a policy file; without one, the shipped default policy. */
export function loadPolicy(file?: string): Policy {
  const path = file === undefined ? fileURLToPath(DEFAULT_POLICY_URL) : resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'policy file not found' : `cannot read the policy file (${code ?? String(e)})`, file ?? path);
  }
  return parsePolicy(text, path);
}

const MAX_EXTENDS_DEPTH = 8;

export function parsePolicy(text: string, file: string, depth = 0): Policy {
  const { data: doc, lineOf } = loadYamlWithLines(text, file, policySchema);
  const base = doc.extends === undefined ? undefined : loadBase(doc.extends, file, depth);
  const exceptions: RiskException[] = doc.exceptions.map((e, i) => ({
    rule: e.rule,
    target: e.target,
    ...(e.environment ? { environment: e.environment } : {}),
    owner: e.owner,
    reason: e.reason,
    expires: e.expires,
    source: { kind: 'policy' as const, file, line: lineOf(['exceptions', i]) },
  }));
  if (doc.rules === undefined && !base) throw new InputError('rules: missing required key (array expected; or extends: default)', file, 'line 1, column 1');
  const rules = mergeRules(base?.rules ?? [], (doc.rules ?? []) as Rule[]);
  const policy: Policy = {
    version: 1,
    ...(doc.description !== undefined ? { description: doc.description } : base?.description !== undefined ? { description: base.description } : {}),
    default: doc.default ?? base?.default ?? 'escalate',
    rules,
    exceptions: [...(base?.exceptions ?? []), ...exceptions],
    file,
    ...(base ? { extends: [...(base.extends ?? []), base.file ?? 'default'] } : {}),
  };
  const ids = new Set([...rules.map((r) => r.id), 'default']);
  doc.exceptions.forEach((e, i) => {
    if (!ids.has(e.rule)) {
      throw new InputError(`exceptions[${i}].rule: no rule "${e.rule}" in this policy${didYouMean(e.rule, [...ids])}: an exception must name the rule it accepts`, file, `line ${lineOf(['exceptions', i, 'rule'])}`);
    }
  });
  if (doc.baseline !== undefined) {
    const baselineFile = resolve(dirname(file), doc.baseline);
    policy.exceptions!.push(...readBaseline(baselineFile));
  }
  return policy;
}

/** Own rules after the base's; an own rule with a base rule's id replaces it in place. */
function mergeRules(base: Rule[], own: Rule[]): Rule[] {
  const byId = new Map(own.map((r) => [r.id, r]));
  const merged = base.map((r) => byId.get(r.id) ?? r);
  const replaced = new Set(base.map((r) => r.id));
  return [...merged, ...own.filter((r) => !replaced.has(r.id))];
}

function loadBase(ref: string, file: string, depth: number): Policy {
  if (depth >= MAX_EXTENDS_DEPTH) throw new InputError(`extends is nested more than ${MAX_EXTENDS_DEPTH} deep (a loop?)`, file, 'extends');
  if (ref === 'default') {
    const path = fileURLToPath(DEFAULT_POLICY_URL);
    return parsePolicy(readFileSync(path, 'utf8'), path, depth + 1);
  }
  const path = resolve(dirname(file), ref);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`extends: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`, file, 'extends');
  }
  return parsePolicy(text, path, depth + 1);
}
