import type { Evidence } from '../../model.js';
import {
  DEFAULT_DELETION_POLICY,
  DEFAULT_UPDATE_REPLACE_POLICY,
  DELETION_POLICY_DEFAULTS,
  RETAINING_POLICIES,
} from './policy-defaults.js';
import type { TemplateResource } from './template.js';

export interface EffectivePolicy {
  /** Delete | Retain | RetainExceptOnCreate | Snapshot. */
  policy: string;
  /** written: as in the template; default: CloudFormation's default; computed: an intrinsic we cannot evaluate. */
  origin: 'written' | 'default' | 'computed';
  evidence: Evidence;
}

/** What happens to the physical resource when it leaves the stack (removed, or stack deleted). */
export function effectiveDeletionPolicy(resource: Pick<TemplateResource, 'type' | 'properties' | 'deletionPolicy'>): EffectivePolicy {
  const key = 'DeletionPolicy';
  const written = resource.deletionPolicy;
  if (typeof written === 'string') {
    return { policy: written, origin: 'written', evidence: { kind: 'policy', key, value: written, message: `DeletionPolicy ${written}` } };
  }
  if (written !== undefined) return computed(key, written);
  const rule = DELETION_POLICY_DEFAULTS.find(
    (d) => d.type === resource.type && (!d.unlessProperty || resource.properties[d.unlessProperty] === undefined),
  );
  const policy = rule?.policy ?? DEFAULT_DELETION_POLICY;
  const why = rule ? `default: ${rule.why}` : 'default';
  return { policy, origin: 'default', evidence: { kind: 'default', key, value: policy, message: `DeletionPolicy ${policy} (${why})` } };
}

/** What happens to the old physical resource when an update replaces it. */
export function effectiveUpdateReplacePolicy(resource: Pick<TemplateResource, 'updateReplacePolicy'>): EffectivePolicy {
  const key = 'UpdateReplacePolicy';
  const written = resource.updateReplacePolicy;
  if (typeof written === 'string') {
    return { policy: written, origin: 'written', evidence: { kind: 'policy', key, value: written, message: `UpdateReplacePolicy ${written}` } };
  }
  if (written !== undefined) return computed(key, written);
  const policy = DEFAULT_UPDATE_REPLACE_POLICY;
  return {
    policy,
    origin: 'default',
    evidence: { kind: 'default', key, value: policy, message: `UpdateReplacePolicy ${policy} (default)` },
  };
}

export function keepsResource(policy: string): boolean {
  return RETAINING_POLICIES.has(policy);
}

/** An intrinsic (AWS::LanguageExtensions) we cannot evaluate: assume the worst, Delete. */
function computed(key: string, written: unknown): EffectivePolicy {
  return {
    policy: 'Delete',
    origin: 'computed',
    evidence: {
      kind: 'input',
      key,
      value: written,
      message: `${key} is computed (${JSON.stringify(written).slice(0, 80)}); assumed Delete`,
    },
  };
}
