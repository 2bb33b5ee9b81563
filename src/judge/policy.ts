// Policies: order-independent rules that map what an action is to pass / escalate / block.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { loadYamlWithSchema } from '../config/load-yaml.js';
import type { Decision, Operation, Reversibility } from '../model.js';
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
  /** Where the policy was loaded from. */
  file?: string;
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

export function parsePolicy(text: string, file: string): Policy {
  const doc = loadYamlWithSchema(text, file, policySchema);
  return { ...(doc as Omit<Policy, 'file'>), file };
}
