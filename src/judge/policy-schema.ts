// The zod schema of a policy file. Every key is documented in policies/default.yaml.
import { z } from 'zod';
import { didYouMean } from '../config/did-you-mean.js';
import { parseBound } from '../config/iso-time.js';

export const OPERATIONS = ['read', 'create', 'update', 'replace', 'delete', 'permissions', 'unknown'] as const;
export const REVERSIBILITIES = ['reversible', 'recoverable', 'irreversible', 'unknown'] as const;
export const SCOPES = ['resource', 'environment', 'unknown'] as const;
export const AUTONOMY_LEVELS = ['supervised', 'autonomous', 'unattended'] as const;
export const SANDBOX_STATUSES = ['not-run', 'unavailable', 'ok', 'partial', 'error'] as const;

/** Criteria that look at the whole plan once, rather than at each action. */
import { PLAN_CRITERIA } from './policy-criteria.js';

export { PLAN_CRITERIA };
/** Criteria that fit both kinds of rule. */
const SHARED_CRITERIA = ['autonomy'];

export const ACTION_PLACEHOLDERS = ['rule', 'action', 'does', 'verb', 'operation', 'target', 'type', 'id', 'tool', 'environment', 'reversibility', 'scope', 'freeze'];
export const PLAN_PLACEHOLDERS = ['rule', 'count', 'over', 'environment', 'status'];

/** A single value or a list of them (OR-ed); always a list after parsing. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(item).min(1, 'must list at least one value'));
}

const regex = z.string().min(1).superRefine((source, ctx) => {
  try {
    new RegExp(source, 'i');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
  }
});

const environmentSelector = oneOrMany(z.string().min(1));

export const matchSchema = z.strictObject({
  operation: oneOrMany(z.enum(OPERATIONS)).optional(),
  operationNot: oneOrMany(z.enum(OPERATIONS)).optional(),
  resourceType: oneOrMany(z.string().min(1)).optional(),
  environment: environmentSelector.optional(),
  reversibility: oneOrMany(z.enum(REVERSIBILITIES)).optional(),
  stateful: z.boolean().optional(),
  dataLoss: z.boolean().optional(),
  scope: oneOrMany(z.enum(SCOPES)).optional(),
  tool: oneOrMany(z.string().min(1)).optional(),
  pattern: regex.optional(),
  detailPattern: regex.optional(),
  freeze: z.boolean().optional(),
  environmentAssumed: z.boolean().optional(),
  autonomy: oneOrMany(z.enum(AUTONOMY_LEVELS)).optional(),
  blastRadius: z
    .strictObject({
      over: z.number().int().nonnegative(),
      environment: environmentSelector.optional(),
    })
    .optional(),
  unknownScope: z.literal(true, { error: 'unknownScope can only be true' }).optional(),
  sandbox: z
    .strictObject({
      status: oneOrMany(z.enum(SANDBOX_STATUSES)).optional(),
      failedCalls: z.literal(true).optional(),
      unavailable: z.literal(true, { error: 'unavailable can only be true' }).optional(),
    })
    .refine((s) => s.status !== undefined || s.failedCalls !== undefined || s.unavailable !== undefined, { message: 'give status, failedCalls or unavailable' })
    .optional(),
});

const ruleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'rule ids are letters, digits, - _ and .'),
  description: z.string().min(1),
  match: matchSchema,
  decision: z.enum(['pass', 'escalate', 'block']),
  message: z.string().min(1).optional(),
  /** For pass rules: record the pass in the report's reasons (the supervised tier). */
  log: z.boolean().optional(),
});

const expiresDate = z.string({ error: 'expires must be a quoted ISO 8601 date ("2027-03-31") or date-time' }).superRefine((text, ctx) => {
  const parsed = parseBound(text, 'end');
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

export const exceptionSchema = z.strictObject({
  rule: z.string().min(1, 'name the rule id the exception accepts (or default)'),
  target: z.string().min(1, 'target is a glob over the resource id or name; "*" accepts every target'),
  environment: z.string().min(1).optional(),
  owner: z.string({ error: 'owner is required: who answers for this risk (a person or team)' }).min(1),
  reason: z.string({ error: 'reason is required: why the risk is accepted' }).min(1),
  expires: expiresDate,
});

export const policySchema = z
  .strictObject({
    version: z.literal(1, { error: 'version must be 1' }),
    /** `default` (the shipped policy) or a policy file, relative to this one: its rules and exceptions come first. */
    extends: z.string().min(1).optional(),
    description: z.string().optional(),
    default: z.enum(['escalate', 'block'], {
      error: 'default must be escalate or block: an action no rule covers must not pass (write a rule with decision: pass instead)',
    }).optional(),
    rules: z.array(ruleSchema).optional(),
    exceptions: z.array(exceptionSchema).default([]),
    /** A baseline file (firebreak baseline) of findings accepted when Firebreak was adopted. */
    baseline: z.string().min(1).optional(),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    (policy.rules ?? []).forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
      const keys = Object.keys(rule.match).filter((k) => (rule.match as Record<string, unknown>)[k] !== undefined);
      const planKeys = keys.filter((k) => (PLAN_CRITERIA as readonly string[]).includes(k));
      const actionKeys = keys.filter((k) => !planKeys.includes(k) && !SHARED_CRITERIA.includes(k));
      if (planKeys.length > 0 && actionKeys.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'match', actionKeys[0]],
          message: `a rule looks either at each action or at the whole plan: ${planKeys.join(', ')} cannot be combined with ${actionKeys.join(', ')}; split it into two rules`,
        });
      }
      if (rule.message !== undefined) {
        const allowed = planKeys.length > 0 ? PLAN_PLACEHOLDERS : ACTION_PLACEHOLDERS;
        for (const m of rule.message.matchAll(/\{([^{}]*)\}/g)) {
          if (!allowed.includes(m[1])) {
            ctx.addIssue({
              code: 'custom',
              path: ['rules', i, 'message'],
              message: `unknown placeholder {${m[1]}}${didYouMean(m[1], allowed)}; available: ${allowed.map((p) => `{${p}}`).join(' ')}`,
            });
          }
        }
      }
      if (rule.log && rule.decision !== 'pass') {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'log'], message: 'log only applies to pass rules (escalate and block are always reported)' });
      }
    });
  });

export type PolicyDocument = z.output<typeof policySchema>;
export type RuleMatch = z.output<typeof matchSchema>;
