import type { Evidence } from '../../model.js';
import { effectiveDeletionPolicy, effectiveUpdateReplacePolicy, keepsResource, type EffectivePolicy } from './policies.js';
import type { TemplateResource } from './template.js';

/** What an action records about the fate of the physical resource. */
export interface PolicyFacts {
  evidence: Evidence[];
  details: { deletionPolicy?: string; updateReplacePolicy?: string; retained?: boolean; snapshot?: boolean };
}

/** Removal (resource dropped from the template, or the stack deleted): DeletionPolicy decides. */
export function removalFacts(resource: TemplateResource): PolicyFacts {
  const policy = effectiveDeletionPolicy(resource);
  const evidence = withOutcome(policy, {
    retained: 'CloudFormation stops managing the resource but does not delete it',
    snapshot: 'a final snapshot is taken before the resource is deleted',
    deleted: 'the resource and its data are deleted',
  });
  return { evidence: [evidence], details: { deletionPolicy: policy.policy, ...flags(policy) } };
}

/** Replacement on update: UpdateReplacePolicy decides what happens to the old physical resource. */
export function replacementFacts(resource: TemplateResource): PolicyFacts {
  const policy = effectiveUpdateReplacePolicy(resource);
  const evidence = withOutcome(policy, {
    retained: 'the old resource is kept after the new one replaces it',
    snapshot: 'a snapshot of the old resource is taken before it is deleted',
    deleted: 'the old resource and its data are deleted after the new one is created',
  });
  return { evidence: [evidence], details: { updateReplacePolicy: policy.policy, ...flags(policy) } };
}

function flags(policy: EffectivePolicy): { retained?: boolean; snapshot?: boolean } {
  if (keepsResource(policy.policy)) return { retained: true };
  if (policy.policy === 'Snapshot') return { snapshot: true };
  return {};
}

function withOutcome(policy: EffectivePolicy, outcomes: { retained: string; snapshot: string; deleted: string }): Evidence {
  const outcome = keepsResource(policy.policy) ? outcomes.retained : policy.policy === 'Snapshot' ? outcomes.snapshot : outcomes.deleted;
  return { ...policy.evidence, message: `${policy.evidence.message}: ${outcome}` };
}
